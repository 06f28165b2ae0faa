package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/testtool"
	. "github.com/planreport/planreport/internal/workbook"
)

// The kinds of cell a test writes into a workbook besides text.
type (
	numberCell struct {
		v    float64
		code string // a format code, or "" for the built-in format id
		id   int
	}
	formulaText struct{ formula, cached string } // a formula whose cached result is text, as Excel writes it
	blankCell   struct{}
)

// cellEdits are cells to write, by sheet and cell: a string, a bool, a
// numberCell, a formulaText or a blankCell.
type cellEdits map[string]map[string]any

// writers are the programs the tests write workbooks with: each writes
// the canonical workbook of a plan with the edits made.
var writers = []struct {
	name  string
	write func(t *testing.T, p *plan.Plan, edits cellEdits) []byte
}{
	{"excelize", excelizeWriter},
	{"XlsxWriter", xlsxWriterWriter},
	{"LibreOffice", func(t *testing.T, p *plan.Plan, edits cellEdits) []byte {
		// LibreOffice keeps a formula's cached text as written, reading
		// Excel's _x000D_ in it literally, so it is given the character.
		unescaped := cellEdits{}
		for sheet, cells := range edits {
			unescaped[sheet] = map[string]any{}
			for cell, v := range cells {
				if f, ok := v.(formulaText); ok {
					v = formulaText{f.formula, strings.ReplaceAll(f.cached, "_x000D_", "\r")}
				}
				unescaped[sheet][cell] = v
			}
		}
		return libreOfficeResave(t, xlsxWriterWriter(t, p, unescaped))
	}},
}

// TestReadsAsShown checks that cells read as Excel shows them, in
// workbooks of each writer: a date or number with a display format in a
// text column, a formula's text with _x000D_ escapes, a TRUE in a date
// column, an action number typed as a number, and a later report point's
// blank RAG when an earlier one is reported on.
func TestReadsAsShown(t *testing.T) {
	leads := testPlan().Actions[1].Leads
	laterBlank := testPlan()
	laterBlank.Reports = append(laterBlank.Reports, year2Point)
	for _, a := range []string{"1.1", "2.1", "10.2"} {
		laterBlank.Updates = append(laterBlank.Updates, plan.Update{Action: a, Date: year2, Text: "To follow."})
	}
	tests := []struct {
		name  string
		plan  *plan.Plan
		edits cellEdits
		opt   Options
		check func(t *testing.T, p *plan.Plan, problems Problems)
	}{
		{"formats and escapes", testPlan(), cellEdits{
			"Actions": {
				"E2": numberCell{v: float64(schema.DateSerial(plan.Date(2019, time.November, 30), false)), code: "d mmmm yyyy"}, "F2": blankCell{},
				"E5": numberCell{v: float64(schema.DateSerial(plan.Date(2020, time.June, 30), false)), id: 14},
				"D3": formulaText{`"` + leads[0] + `"&CHAR(13)&CHAR(10)&"` + leads[1] + `"`, leads[0] + "_x000D_\n" + leads[1]},
			},
			"Updates": {"C2": numberCell{v: 0.45, code: "0%"}, "C3": numberCell{v: 1234567, code: "#,##0"},
				"C4": "First point.\r\nSecond point."}, // XlsxWriter writes the CR as _x000D_
		}, Options{}, func(t *testing.T, p *plan.Plan, problems Problems) {
			if p == nil {
				t.Fatalf("problems:\n%v", problems)
			}
			checkAction(t, p.Actions[0], "30 November 2019", plan.Date(2019, time.November, 30))
			checkAction(t, p.Actions[3], "30/06/2020", plan.Date(2020, time.June, 30))
			if got := strings.Join(p.Actions[1].Leads, " | "); got != strings.Join(leads, " | ") {
				t.Errorf("leads %q, want %q", got, leads)
			}
			if p.Updates[0].Text != "45%" || p.Updates[1].Text != "1,234,567" || p.Updates[2].Text != "First point.\nSecond point." {
				t.Errorf("updates %q, %q and %q, want 45%%, 1,234,567 and two lines", p.Updates[0].Text, p.Updates[1].Text, p.Updates[2].Text)
			}
		}},
		{"TRUE in a date column", testPlan(), cellEdits{"Actions": {"H2": true}}, Options{},
			wantProblem1(ErrBadDate, "Actions!H2", "TRUE is not a date; write the date as DD/MM/YYYY")},
		{"1.10 typed as a number", testPlan(), cellEdits{"Actions": {"A3": numberCell{v: 1.1}}}, Options{},
			wantProblem1(ErrDuplicateAction, "Actions!A3", "action 1.1 is already in row 2; a number typed as 1.10 reads as 1.1, so to number an action 1.10, type it as text: '1.10")},
		{"later blank RAG, earlier point reported on", laterBlank, nil, Options{AsOf: year1}, func(t *testing.T, p *plan.Plan, problems Problems) {
			if p == nil || problems.HasErrors() {
				t.Errorf("problems:\n%v", problems)
			}
		}},
		{"later blank RAG, later point reported on", laterBlank, nil, Options{AsOf: year2},
			wantProblem1(ErrMissingValue, "Updates!D6", "the RAG is blank; action 1.1 is open on 31/07/2020")},
	}
	for _, w := range writers {
		for _, tt := range tests {
			t.Run(w.name+"/"+tt.name, func(t *testing.T) {
				p, problems, err := readBytes(t, w.write(t, tt.plan, tt.edits), tt.opt)
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, p, problems)
			})
		}
	}
}

func checkAction(t *testing.T, a plan.Action, timescale string, due time.Time) {
	t.Helper()
	if a.Timescale != timescale || !a.Due.Equal(due) {
		t.Errorf("action %s: Timescale %q, due %s; want %q, due %s", a.No, a.Timescale, schema.FormatDate(a.Due), timescale, schema.FormatDate(due))
	}
}

// wantProblem1 checks that the first error is at the cell, of the kind, with
// the message.
func wantProblem1(kind error, at, msg string) func(t *testing.T, p *plan.Plan, problems Problems) {
	return func(t *testing.T, p *plan.Plan, problems Problems) {
		t.Helper()
		for _, e := range problems.Errors() {
			if errors.Is(e, kind) && e.Sheet+"!"+e.Cell == at && strings.Contains(e.Msg, msg) {
				return
			}
		}
		t.Errorf("no error at %s saying %q; problems:\n%v", at, msg, problems)
	}
}

// excelizeWriter writes the plan with Write, then the edits with excelize;
// a formula's cached text, which excelize cannot write, is put in the
// sheet's XML as Excel writes it.
func excelizeWriter(t *testing.T, p *plan.Plan, edits cellEdits) []byte {
	cached := map[string]string{} // by sheet part and cell
	b := edit(t, writeBytes(t, p), func(f *excelize.File) {
		for sheet, cells := range edits {
			for cell, v := range cells {
				switch v := v.(type) {
				case string, bool:
					must(t, f.SetCellValue(sheet, cell, v))
				case blankCell:
					must(t, f.SetCellValue(sheet, cell, nil))
				case numberCell:
					must(t, f.SetCellFloat(sheet, cell, v.v, -1, 64))
					style := &excelize.Style{NumFmt: v.id}
					if v.code != "" {
						style = &excelize.Style{CustomNumFmt: &v.code}
					}
					id, err := f.NewStyle(style)
					must(t, err)
					must(t, f.SetCellStyle(sheet, cell, cell, id))
				case formulaText:
					must(t, f.SetCellFormula(sheet, cell, v.formula))
					idx, err := f.GetSheetIndex(sheet)
					must(t, err)
					cached[fmt.Sprintf("xl/worksheets/sheet%d.xml|%s", idx+1, cell)] = v.cached
				}
			}
		}
	})
	return rewriteZip(t, b, func(name string, data []byte) []byte {
		for key, text := range cached {
			part, cell, _ := strings.Cut(key, "|")
			if part != name {
				continue
			}
			re := regexp.MustCompile(`(<c r="` + cell + `"[^>]*?)(?: t="[a-z]+")?>(<f>[^<]*</f>)(?:<v>[^<]*</v>)?</c>`)
			if !re.Match(data) {
				t.Fatalf("no formula cell %s in %s", cell, name)
			}
			data = re.ReplaceAll(data, []byte(`$1 t="str">$2<v>`+strings.ReplaceAll(text, "&", "&amp;")+`</v></c>`))
		}
		return data
	})
}

// rewriteZip rewrites each part of a zip file through change.
func rewriteZip(t testing.TB, b []byte, change func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		must(t, err)
		w, err := zw.Create(zf.Name)
		must(t, err)
		_, err = w.Write(change(zf.Name, data))
		must(t, err)
	}
	must(t, zw.Close())
	return out.Bytes()
}

// xlsxWriterWriter writes the plan's canonical workbook, its cells as Write
// writes them shown as text, with the edits, by XlsxWriter in Debian's
// python3-xlsxwriter.
func xlsxWriterWriter(t *testing.T, p *plan.Plan, edits cellEdits) []byte {
	python := "/usr/bin/python3"
	if out, err := exec.Command(python, "-c", "import xlsxwriter").CombinedOutput(); err != nil {
		testtool.Missing(t, "XlsxWriter", "apt-get install python3-xlsxwriter: "+string(out))
	}
	f, err := excelize.OpenReader(bytes.NewReader(writeBytes(t, p)))
	must(t, err)
	defer f.Close()
	type sheetJSON struct {
		Name string  `json:"name"`
		Rows [][]any `json:"rows"`
	}
	var sheets []sheetJSON
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		must(t, err)
		s := sheetJSON{Name: name}
		for _, r := range rows {
			cells := make([]any, len(r))
			for i, v := range r {
				cells[i] = v
			}
			s.Rows = append(s.Rows, cells)
		}
		for cell, v := range edits[name] {
			col, row, err := excelize.CellNameToCoordinates(cell)
			must(t, err)
			for len(s.Rows) < row {
				s.Rows = append(s.Rows, nil)
			}
			for len(s.Rows[row-1]) < col {
				s.Rows[row-1] = append(s.Rows[row-1], nil)
			}
			s.Rows[row-1][col-1] = cellJSON(v)
		}
		sheets = append(sheets, s)
	}
	in, err := json.Marshal(sheets)
	must(t, err)
	path := filepath.Join(t.TempDir(), "xlsxwriter.xlsx")
	cmd := exec.Command(python, filepath.Join("testdata", "write_xlsx.py"), path)
	cmd.Stdin = bytes.NewReader(in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("write_xlsx.py: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

// cellJSON is an edit as write_xlsx.py reads it.
func cellJSON(v any) any {
	switch v := v.(type) {
	case bool:
		return map[string]bool{"b": v}
	case blankCell:
		return nil
	case numberCell:
		if v.code != "" {
			return map[string]any{"n": v.v, "fmt": v.code}
		}
		if v.id != 0 {
			return map[string]any{"n": v.v, "fmt": v.id}
		}
		return map[string]any{"n": v.v}
	case formulaText:
		return map[string]string{"f": "=" + v.formula, "v": v.cached}
	}
	return v
}

// libreOfficeResave has LibreOffice Calc open the workbook and save it
// again as .xlsx: every part written anew, its own way.
func libreOfficeResave(t *testing.T, b []byte) []byte {
	soffice := libreOffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "plan.xlsx")
	must(t, os.MkdirAll(filepath.Dir(in), 0o755))
	must(t, os.WriteFile(in, b, 0o644))
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "LANG=en_GB.UTF-8", "LC_ALL=en_GB.UTF-8") // Excel's short date is the locale's
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := os.ReadFile(filepath.Join(dir, "plan.xlsx"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no workbook: %v", err)
	}
	return out
}
