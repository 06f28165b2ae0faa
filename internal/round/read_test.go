package round

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

var testMod = time.Date(2020, time.August, 3, 10, 0, 0, 0, time.Local)

func TestReadForm(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	b := tf.fill(t, map[string]map[string]any{
		"1.1":  {"Update": "Workshop held.\nMeasures agreed.", "RAG": "Amber"},
		"10.2": {"Completed": plan.Date(2019, time.June, 30)},
	})
	f, problems, err := ParseForm(b, "chair.xlsx", testMod, ReadOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("ParseForm: %v %v", err, problems)
	}
	if f.Lead != chair || !f.Point.Equal(plantest.Year1) || f.Version != FormVersion || f.Plan != p.Title || f.Sheet != FormSheet {
		t.Errorf("identity: %+v", f)
	}
	want := []FormRow{
		{No: "1.1", Update: "Workshop held.\nMeasures agreed.", RAG: "A", NoCell: "A9", UpdateCell: "H9", RAGCell: "I9", CompletedCell: "J9"},
		{No: "10.2", Update: "Being monitored.", RAG: "R", Completed: plan.Date(2019, time.June, 30), NoCell: "A10", UpdateCell: "H10", RAGCell: "I10", CompletedCell: "J10"},
	}
	if len(f.Rows) != len(want) {
		t.Fatalf("rows: %+v", f.Rows)
	}
	for i := range want {
		if f.Rows[i] != want[i] {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, f.Rows[i], want[i])
		}
	}
	if f.Sent["1.1"] != (Sent{Text: "Measures mapped; workshop planned for September 2019.", RAG: "G"}) || len(f.SentOrder) != 2 {
		t.Errorf("sent: %v %v", f.Sent, f.SentOrder)
	}
}

// TestReadFormRefused: each form that cannot be collected at all is one
// sentence naming the file, wrapping its sentinel.
func TestReadFormRefused(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	tests := []struct {
		name string
		b    []byte
		want error
		says string
	}{
		{"not a form", plantest.Foreign(t, plantest.ForeignOptions{}), ErrNotForm, "is not an update form"},
		{"not a workbook", []byte("Dear coordinator, my update is ..."), xlsx.ErrNotWorkbook, "not an Excel workbook"},
		{"damaged", tf.bytes[:len(tf.bytes)/2], xlsx.ErrDamaged, "damaged"},
		{"password", plantest.Encrypted(t, tf.bytes, "secret"), ErrFormPassword, "protected by a password"},
		{"header deleted", plantest.Edit(t, tf.bytes, func(f *excelize.File) {
			plantest.Must(t, f.UnprotectSheet(FormSheet))
			plantest.Must(t, f.RemoveRow(FormSheet, testHeaderRow))
		}), ErrNoHeader, "has no header row"},
		{"empty", plantest.Edit(t, tf.bytes, func(f *excelize.File) {
			plantest.Must(t, f.RemoveRow(FormSheet, testHeaderRow+1))
			plantest.Must(t, f.RemoveRow(FormSheet, testHeaderRow+1))
		}), ErrEmptyForm, "has no action rows"},
		{"identity emptied", plantest.Edit(t, tf.bytes, func(f *excelize.File) {
			plantest.Must(t, f.SetCellValue(IdentitySheet, "B2", ""))
			plantest.Must(t, f.SetCellValue(IdentitySheet, "B3", ""))
		}), ErrNotForm, `lacks the form's "Plan ID"`},
		{"newer version", plantest.Edit(t, tf.bytes, func(f *excelize.File) {
			plantest.Must(t, f.SetCellValue(IdentitySheet, "B1", "2"))
		}), ErrFormVersion, "version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, err := ParseForm(tt.b, "in/chair.xlsx", testMod, ReadOptions{})
			if f != nil || !errors.Is(err, tt.want) {
				t.Fatalf("ParseForm = %v, %v; want %v", f, err, tt.want)
			}
			var fe *FormError
			msg := err.Error()
			if !errors.As(err, &fe) || !strings.Contains(msg, "in/chair.xlsx") || !strings.Contains(msg, tt.says) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one sentence naming the form and saying %q", msg, tt.says)
			}
		})
	}
}

// TestReadFormRearranged: a form whose protection was removed, whose
// columns were moved and whose rows were reordered, with rows and columns
// added and its sheet renamed, still reads by its headers.
func TestReadFormRearranged(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	b := tf.fill(t, map[string]map[string]any{"1.1": {"Update": "Done a lot.", "RAG": "g"}, "10.2": {"Update": "Monitored monthly."}})
	b = plantest.Edit(t, b, func(f *excelize.File) {
		plantest.Must(t, f.UnprotectSheet(FormSheet))
		rows, err := f.GetRows(FormSheet)
		plantest.Must(t, err)
		// Columns reversed, a notes column first, the two rows swapped,
		// a note row between them.
		for r := testHeaderRow; r <= len(rows); r++ {
			for c := 1; c <= 12; c++ {
				plantest.SetCell(t, f, FormSheet, xlsx.CellName(c, r), "")
			}
		}
		out := [][]string{rows[testHeaderRow-1], rows[testHeaderRow+1], {"", "", "", "", "", "", "", "", "", "a note of mine"}, rows[testHeaderRow]}
		for i, row := range out {
			plantest.SetCell(t, f, FormSheet, xlsx.CellName(1, testHeaderRow+i), "my notes")
			for c, v := range row {
				plantest.SetCell(t, f, FormSheet, xlsx.CellName(len(Headers)+1-c, testHeaderRow+i), v)
			}
		}
		plantest.Must(t, f.SetSheetName(FormSheet, "Mine"))
	})
	f, problems, err := ParseForm(b, "chair.xlsx", testMod, ReadOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("ParseForm: %v %v", err, problems)
	}
	got := map[string]FormRow{}
	for _, r := range f.Rows {
		got[r.No] = r
	}
	if f.Sheet != "Mine" || len(f.Rows) != 2 || got["1.1"].Update != "Done a lot." || got["1.1"].RAG != "G" ||
		got["10.2"].Update != "Monitored monthly." || got["10.2"].UpdateCell != "D9" {
		t.Errorf("read %q: %+v", f.Sheet, f.Rows)
	}
}

// TestReadFormCells: a cell that cannot be read is a problem at its cell,
// in validate's words; the rest of the row and form is read.
func TestReadFormCells(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	b := tf.fill(t, map[string]map[string]any{
		"1.1":  {"RAG": "Purple", "Update": "Kept."},
		"10.2": {"Completed": "31/02/2019", "Update": "Also kept."},
	})
	f, problems, err := ParseForm(b, "chair.xlsx", testMod, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`chair.xlsx: Update form!I9: "Purple" is not a RAG value; use one of R, A or G`,
		`chair.xlsx: Update form!J10: "31/02/2019" is not a real date: February 2019 has 28 days`,
	}
	if len(problems) != len(want) {
		t.Fatalf("problems: %v", problems)
	}
	for i, w := range want {
		if problems[i].Error() != w {
			t.Errorf("problem %d:\n got %s\nwant %s", i, problems[i], w)
		}
	}
	if !errors.Is(problems[0], workbook.ErrBadRAG) || !errors.Is(problems[1], workbook.ErrBadDate) {
		t.Errorf("sentinels: %v, %v", problems[0].Err, problems[1].Err)
	}
	if len(f.Rows) != 2 || f.Rows[0].Update != "Kept." || f.Rows[0].RAG != "" || f.Rows[1].Update != "Also kept." || !f.Rows[1].Completed.IsZero() {
		t.Errorf("rows: %+v", f.Rows)
	}
}

// TestReadFormOtherWriters: a form filled in and saved by openpyxl, and
// one opened and saved by LibreOffice, read as they were filled.
func TestReadFormOtherWriters(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	dir := t.TempDir()
	src := filepath.Join(dir, "form.xlsx")
	plantest.Must(t, os.WriteFile(src, tf.bytes, 0o644))
	check := func(t *testing.T, path, update string, completed time.Time) {
		t.Helper()
		f, problems, err := ReadForm(path, ReadOptions{})
		if err != nil || len(problems) > 0 {
			t.Fatalf("ReadForm: %v %v", err, problems)
		}
		if f.Lead != chair || len(f.Rows) != 2 || f.Rows[0].Update != update || f.Rows[0].RAG != "A" || !f.Rows[1].Completed.Equal(completed) {
			t.Errorf("read: %+v", f.Rows)
		}
		if fi, _ := os.Stat(path); !f.Modified.Equal(fi.ModTime()) {
			t.Errorf("Modified %v, want the file's %v", f.Modified, fi.ModTime())
		}
	}
	t.Run("openpyxl", func(t *testing.T) {
		out := filepath.Join(dir, "openpyxl.xlsx")
		fillWithOpenpyxl(t, src, out, map[string][3]string{"1.1": {"First point\nSecond point", "A", ""}, "10.2": {"", "", "2019-06-30"}})
		check(t, out, "First point\nSecond point", plan.Date(2019, time.June, 30))
	})
	t.Run("LibreOffice", func(t *testing.T) {
		filled := filepath.Join(dir, "filled", "form.xlsx")
		plantest.Must(t, os.MkdirAll(filepath.Dir(filled), 0o755))
		plantest.Must(t, os.WriteFile(filled, tf.fill(t, map[string]map[string]any{
			"1.1": {"Update": "Point one\nPoint two", "RAG": "A"}, "10.2": {"Completed": "30/06/2019"}}), 0o644))
		out := saveWithLibreOffice(t, filled)
		check(t, out, "Point one\nPoint two", plan.Date(2019, time.June, 30))
	})
}

// fillWithOpenpyxl fills the form's editable cells by action No, as a
// lead's spreadsheet program other than Excel would: Update, RAG and a
// Completed date (YYYY-MM-DD, written as a date), "" for unchanged.
func fillWithOpenpyxl(t testing.TB, src, dst string, cells map[string][3]string) {
	t.Helper()
	python := lookPython(t)
	var args []string
	for no, v := range cells {
		args = append(args, no, v[0], v[1], v[2])
	}
	script := `
import sys, datetime, openpyxl
src, dst, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
wb = openpyxl.load_workbook(src)
ws = wb["` + FormSheet + `"]
header = None
for row in ws.iter_rows():
    vals = [c.value for c in row]
    if "No" in vals and "Update" in vals:
        header = {v: c.column for v, c in zip(vals, row) if v}
        hrow = row[0].row
        break
for i in range(0, len(rest), 4):
    no, upd, rag, comp = rest[i:i+4]
    for r in range(hrow + 1, ws.max_row + 1):
        if str(ws.cell(r, header["No"]).value) == no:
            if upd: ws.cell(r, header["Update"]).value = upd
            if rag: ws.cell(r, header["RAG"]).value = rag
            if comp:
                c = ws.cell(r, header["Completed"])
                c.value = datetime.datetime.strptime(comp, "%Y-%m-%d")
                c.number_format = "DD/MM/YYYY"
wb.save(dst)
`
	cmd := exec.Command(python, append([]string{"-c", script, src, dst}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
}

func lookPython(t testing.TB) string {
	const python = "/usr/bin/python3" // Debian's, with python3-openpyxl
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		testtool.Missing(t, "python3-openpyxl", "apt-get install python3-openpyxl")
	}
	return python
}

// saveWithLibreOffice opens the workbook in LibreOffice and saves it as
// .xlsx, in a new folder; it returns the path written.
func saveWithLibreOffice(t testing.TB, path string) string {
	t.Helper()
	soffice := plantest.LibreOffice(t)
	out := filepath.Join(t.TempDir(), "lo")
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	got := filepath.Join(out, filepath.Base(path))
	if _, err := os.Stat(got); err != nil {
		t.Fatalf("soffice wrote no %s", got)
	}
	return got
}

func FuzzParseForm(f *testing.F) {
	p := plantest.Plan()
	tf := buildTestForm(f, p, plantest.Year1, nurse)
	f.Add(tf.bytes)
	f.Add(tf.fill(f, map[string]map[string]any{"2.1": {"RAG": "x", "Completed": "31/02/2019"}}))
	f.Add(plantest.Foreign(f, plantest.ForeignOptions{}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		form, problems, err := ParseForm(b, "fuzz.xlsx", testMod, ReadOptions{})
		if err != nil {
			if form != nil || problems != nil || err.Error() == "" {
				t.Errorf("error %v with a form or problems", err)
			}
			return
		}
		if form == nil || len(form.Rows) == 0 {
			t.Errorf("no error, yet no form or rows")
		}
		for _, p := range problems {
			if !strings.HasPrefix(p.Error(), "fuzz.xlsx: ") {
				t.Errorf("problem %q does not name the form", p)
			}
		}
	})
}
