package planbook

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// samplePath is the sample workbook the repository ships.
const samplePath = "../../inputs/cpc-improvement-plan.xlsx"

// readValid reads a workbook file that must have no errors.
func readValid(t *testing.T, path string, opt workbook.Options) *plan.Plan {
	t.Helper()
	p, problems, err := workbook.ReadFile(path, opt)
	if err != nil || problems.HasErrors() {
		t.Fatalf("reading %s: %v\n%v", filepath.Base(path), err, problems.Errors())
	}
	return p
}

// updatesAt returns the plan's updates at day d, by action.
func updatesAt(p *plan.Plan, d time.Time) map[string]plan.Update {
	at := map[string]plan.Update{}
	for _, u := range p.Updates {
		if u.Date.Equal(d) {
			at[u.Action] = u
		}
	}
	return at
}

// TestRollSample rolls the sample workbook to a Year 2 report: a third
// report point, the 15 open actions' Year 1 updates carried over, all else
// as it was, and the original file untouched.
func TestRollSample(t *testing.T) {
	original, err := os.ReadFile(samplePath)
	must(t, err)
	src := inTempDir(t, original)
	res, err := Roll(src, "", year2Point, RollOptions{})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	if want := filepath.Join(filepath.Dir(src), "plan-2020-07-31.xlsx"); res.Dst != want {
		t.Errorf("wrote %s, want %s", res.Dst, want)
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(after, original) {
		t.Error("Roll changed the workbook it read")
	}
	if res.Carried != 15 || len(res.Blank) != 0 {
		t.Errorf("carried %d updates (%v blank), want 15, none blank", res.Carried, res.Blank)
	}
	before := readValid(t, src, workbook.Options{})
	rolled := readValid(t, res.Dst, workbook.Options{})
	if want := append(slices.Clone(before.Reports), year2Point); !reflect.DeepEqual(rolled.Reports, want) {
		t.Errorf("report points = %v, want %v", rolled.Reports, want)
	}
	year1Updates, year2Updates := updatesAt(before, year1), updatesAt(rolled, year2)
	if len(year2Updates) != 15 {
		t.Errorf("%d updates at 31/07/2020, want 15", len(year2Updates))
	}
	for _, a := range before.Actions {
		u, carried := year2Updates[a.No]
		if open := a.Completed.IsZero(); carried != open {
			t.Errorf("action %s (completed %v): carried = %v", a.No, a.Completed, carried)
		}
		if old := year1Updates[a.No]; carried && (u.Text != old.Text || u.RAG != old.RAG) {
			t.Errorf("action %s at 31/07/2020 = %q %s, want its 31/07/2019 update %q %s", a.No, u.Text, u.RAG, old.Text, old.RAG)
		}
	}
	rolled.Reports = rolled.Reports[:len(before.Reports)]
	rolled.Updates = rolled.Updates[:len(before.Updates)]
	if !samePlan(rolled, before) {
		t.Errorf("Roll changed the plan's other content:\n got %+v\nwant %+v", rolled, before)
	}
	checkLayoutKept(t, src, res.Dst)
}

// checkSheetsKept checks that workbook b, written from a by Roll or
// Merge, keeps a's sheets, and on each its column widths, frozen panes and
// drop-down lists (data validation).
func checkSheetsKept(t *testing.T, a, b *excelize.File) {
	t.Helper()
	if !reflect.DeepEqual(a.GetSheetList(), b.GetSheetList()) {
		t.Errorf("sheets %v became %v", a.GetSheetList(), b.GetSheetList())
	}
	for _, sheet := range a.GetSheetList() {
		for _, col := range []string{"A", "B", "C", "D"} {
			wa, _ := a.GetColWidth(sheet, col)
			wb, _ := b.GetColWidth(sheet, col)
			if wa != wb {
				t.Errorf("%s column %s: width %v became %v", sheet, col, wa, wb)
			}
		}
		pa, _ := a.GetPanes(sheet)
		pb, _ := b.GetPanes(sheet)
		if !reflect.DeepEqual(pa, pb) {
			t.Errorf("%s: panes %+v became %+v", sheet, pa, pb)
		}
		da, _ := a.GetDataValidations(sheet)
		db, _ := b.GetDataValidations(sheet)
		if !reflect.DeepEqual(da, db) {
			t.Errorf("%s: drop-down lists %+v became %+v", sheet, da, db)
		}
	}
}

// checkLayoutKept checks that the rolled workbook keeps the original's
// sheets, column widths, frozen panes and drop-down lists, and that the
// new rows are styled and shown like the rows above them.
func checkLayoutKept(t *testing.T, src, dst string) {
	t.Helper()
	a, err := excelize.OpenFile(src)
	must(t, err)
	defer a.Close()
	b, err := excelize.OpenFile(dst)
	must(t, err)
	defer b.Close()
	checkSheetsKept(t, a, b)
	for _, c := range []struct{ sheet, above, cell, shows string }{
		{"Reports", "A3", "A4", "31/07/2020"},
		{"Reports", "B3", "B4", "Year 2 Progress / Update Report"},
		{"Updates", "B18", "B19", "31/07/2020"},
		{"Updates", "C18", "C33", ""},
		{"Updates", "D18", "D33", ""},
	} {
		above, _ := b.GetCellStyle(c.sheet, c.above)
		style, _ := b.GetCellStyle(c.sheet, c.cell)
		if style != above {
			t.Errorf("%s!%s has style %d, want %d like %s", c.sheet, c.cell, style, above, c.above)
		}
		if v, _ := b.GetCellValue(c.sheet, c.cell); c.shows != "" && v != c.shows {
			t.Errorf("%s!%s shows %q, want %q", c.sheet, c.cell, v, c.shows)
		}
	}
	if typ, _ := b.GetCellType("Updates", "B19"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("Updates!B19 is of type %v, not a date (number) cell", typ)
	}
}

// TestRollRefuses checks each reason Roll refuses, and that then nothing
// is written and the workbook is left as it was.
func TestRollRefuses(t *testing.T) {
	faulty := edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		setCell(t, f, "Updates", "D3", "Purple")
	})
	tests := []struct {
		name     string
		workbook []byte
		point    plan.ReportPoint
		want     error
		says     string
	}{
		{"date of the latest report point", writeBytes(t, testPlan()), plan.ReportPoint{Date: year1, Name: "Again"},
			ErrNotAfterLatest, "forward to 31/07/2019: the date is not after the latest report point, 31/07/2019 (Year 1 Progress / Update Report)"},
		{"date before the latest report point", writeBytes(t, testPlan()), plan.ReportPoint{Date: published, Name: "Earlier"},
			ErrNotAfterLatest, "forward to 03/10/2018: the date is not after the latest report point, 31/07/2019"},
		{"workbook with errors", faulty, year2Point, workbook.ErrInvalid, "has 1 error(s); correct them before rolling it forward:\nUpdates!D3: "},
		{"no name", writeBytes(t, testPlan()), plan.ReportPoint{Date: year2, Name: " "}, nil, "no name"},
		{"no date", writeBytes(t, testPlan()), plan.ReportPoint{Name: "Year 2"}, nil, "no date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := inTempDir(t, tt.workbook)
			_, err := Roll(src, "", tt.point, RollOptions{})
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("Roll: %v, want %v saying %q", err, tt.want, tt.says)
			}
			checkUntouched(t, src, tt.workbook)
			if names := dirNames(t, filepath.Dir(src)); len(names) != 1 {
				t.Errorf("the folder holds %v, want only the workbook", names)
			}
		})
	}
}

// checkUntouched checks that the workbook is as it was.
func checkUntouched(t *testing.T, src string, want []byte) {
	t.Helper()
	if got, _ := os.ReadFile(src); !bytes.Equal(got, want) {
		t.Error("the workbook was changed")
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestRollInvalidErrorListsProblems(t *testing.T) {
	src := inTempDir(t, edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		setCell(t, f, "Updates", "D3", "Purple")
		setCell(t, f, "Actions", "D2", "Nobody")
	}))
	_, err := Roll(src, "", year2Point, RollOptions{})
	var invalid *InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("Roll: %v, want an *InvalidError", err)
	}
	var cells []string
	for _, p := range invalid.Problems.Errors() {
		cells = append(cells, p.Sheet+"!"+p.Cell)
	}
	if want := []string{"Actions!D2", "Updates!D3"}; !reflect.DeepEqual(cells, want) {
		t.Errorf("errors at %v, want %v", cells, want)
	}
}

// TestRollDestination checks where Roll writes: beside the workbook by
// default, in place (atomically, leaving no temporary file) when dst is the
// workbook, and never over another existing file unless told to.
func TestRollDestination(t *testing.T) {
	original := writeBytes(t, testPlan())
	tests := []struct {
		name      string
		dst       func(t *testing.T, src string) string
		overwrite bool
		want      error
		wrote     string   // the file written, in the workbook's folder
		files     []string // what the folder holds afterwards
	}{
		{name: "default", dst: func(*testing.T, string) string { return "" },
			wrote: "plan-2020-07-31.xlsx", files: []string{"plan-2020-07-31.xlsx", "plan.xlsx"}},
		{name: "in place", dst: func(_ *testing.T, src string) string { return src },
			wrote: "plan.xlsx", files: []string{"plan.xlsx"}},
		{name: "in place through a symbolic link", dst: symlinkTo,
			wrote: "plan.xlsx", files: []string{"link.xlsx", "plan.xlsx"}},
		{name: "over another file", dst: otherFile, want: ErrExists,
			files: []string{"other.xlsx", "plan.xlsx"}},
		{name: "over another file, asked to", dst: otherFile, overwrite: true,
			wrote: "other.xlsx", files: []string{"other.xlsx", "plan.xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := inTempDir(t, original)
			dir := filepath.Dir(src)
			dst := tt.dst(t, src)
			res, err := Roll(src, dst, year2Point, RollOptions{Overwrite: tt.overwrite})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Roll: %v, want %v", err, tt.want)
			}
			if names := dirNames(t, dir); !reflect.DeepEqual(names, tt.files) {
				t.Errorf("the folder holds %v, want %v", names, tt.files)
			}
			if err != nil {
				if got, _ := os.ReadFile(dst); string(got) != "another file" {
					t.Error("the existing file was changed")
				}
				return
			}
			if want := filepath.Join(dir, tt.wrote); res.Dst != want {
				t.Errorf("wrote %s, want %s", res.Dst, want)
			}
			if got := readValid(t, filepath.Join(dir, tt.wrote), workbook.Options{}); len(got.Reports) != 3 {
				t.Errorf("%s has %d report points, want 3", tt.wrote, len(got.Reports))
			}
			if tt.wrote != "plan.xlsx" {
				checkUntouched(t, src, original)
			}
			if fi, err := os.Lstat(filepath.Join(dir, "link.xlsx")); err == nil && fi.Mode()&os.ModeSymlink == 0 {
				t.Error("the symbolic link was replaced by a file")
			}
		})
	}
}

func symlinkTo(t *testing.T, src string) string {
	link := filepath.Join(filepath.Dir(src), "link.xlsx")
	must(t, os.Symlink(src, link))
	return link
}

func otherFile(t *testing.T, src string) string {
	path := filepath.Join(filepath.Dir(src), "other.xlsx")
	must(t, os.WriteFile(path, []byte("another file"), 0o644))
	return path
}

// TestRollForeignLayout rolls workbooks whose Reports and Updates sheets
// have their columns in another order, under other names, with a blank row
// and an extra column: the values go in the columns the headers name, the
// extra column's cells are kept, and text dates above make the new date a
// date cell shown as DD/MM/YYYY.
func TestRollForeignLayout(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  foreignOptions
	}{
		{"1900 date system", foreignOptions{}},
		{"1904 date system", foreignOptions{Date1904: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := inTempDir(t, edit(t, foreignWorkbook(t, tt.opt), func(f *excelize.File) {
				setCell(t, f, "UPDATES", "E1", "Checked by")
				setCell(t, f, "UPDATES", "E5", "JS")
				setCell(t, f, "reports", "C1", "Notes")
				setCell(t, f, "reports", "C4", "Approved by the committee")
			}))
			res, err := Roll(src, "", year2Point, RollOptions{})
			if err != nil {
				t.Fatalf("Roll: %v", err)
			}
			rolled := readValid(t, res.Dst, workbook.Options{})
			if got := rolled.Reports[len(rolled.Reports)-1]; !reflect.DeepEqual(got, year2Point) {
				t.Errorf("latest report point = %v, want %v", got, year2Point)
			}
			want := map[string]string{
				// Reports: Report name | Report date | Notes; a blank row 2.
				"reports!A5": year2Point.Name, "reports!B5": "31/07/2020", "reports!C5": "",
				"reports!C4": "Approved by the committee",
				// Updates: Status | Ref | Progress | Date | Checked by; the
				// open actions 1.1, 2.1 and 10.2 (10.1 is completed).
				"UPDATES!A6": " green ", "UPDATES!B6": "1.1", "UPDATES!C6": testPlan().Updates[0].Text, "UPDATES!D6": "31/07/2020",
				"UPDATES!A7": "amber", "UPDATES!B7": "2.1", "UPDATES!C7": testPlan().Updates[1].Text,
				"UPDATES!A8": "Red", "UPDATES!B8": "10.2", "UPDATES!C8": testPlan().Updates[3].Text, "UPDATES!D8": "31/07/2020",
				"UPDATES!E5": "JS", "UPDATES!E6": "", "UPDATES!A9": "",
			}
			f, err := excelize.OpenFile(res.Dst)
			must(t, err)
			defer f.Close()
			for ref, v := range want {
				sheet, cell, _ := strings.Cut(ref, "!")
				if got, _ := f.GetCellValue(sheet, cell); got != v {
					t.Errorf("%s = %q, want %q", ref, got, v)
				}
			}
			if typ, _ := f.GetCellType("UPDATES", "D6"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("UPDATES!D6 is of type %v, not a date (number) cell", typ)
			}
		})
	}
}

// TestRollOpenActions checks which actions are carried to the new report
// point: those added by then and not completed by then, each with its last
// update, or with a blank row when it has none.
func TestRollOpenActions(t *testing.T) {
	tests := []struct {
		name    string
		change  func(p *plan.Plan)
		carried []string
		blank   []string
	}{
		{name: "as written", carried: []string{"1.1", "2.1", "10.2"}},
		{name: "completed after the new date",
			change:  func(p *plan.Plan) { p.Actions[0].Completed = plan.Date(2020, time.September, 30) },
			carried: []string{"1.1", "2.1", "10.2"}},
		{name: "completed on the new date",
			change:  func(p *plan.Plan) { p.Actions[0].Completed = year2 },
			carried: []string{"2.1", "10.2"}},
		{name: "completed before the new date",
			change:  func(p *plan.Plan) { p.Actions[0].Completed = plan.Date(2020, time.March, 31) },
			carried: []string{"2.1", "10.2"}},
		{name: "added after the new date",
			change:  func(p *plan.Plan) { p.Actions = append(p.Actions, newAction("10.3", plan.Date(2020, time.August, 1))) },
			carried: []string{"1.1", "2.1", "10.2"}},
		{name: "added on the new date, no update yet",
			change:  func(p *plan.Plan) { p.Actions = append(p.Actions, newAction("10.3", year2)) },
			carried: []string{"1.1", "2.1", "10.2", "10.3"}, blank: []string{"10.3"}},
		{name: "latest-dated update, written above older ones",
			change: func(p *plan.Plan) {
				interim := plan.Date(2020, time.January, 31)
				p.Reports = append(p.Reports, plan.ReportPoint{Date: interim, Name: "Interim Report"})
				p.Actions[0].Completed = plan.Date(2019, time.December, 1)
				p.Updates = append([]plan.Update{
					{Action: "2.1", Date: interim, Text: "Interim 2.1", RAG: "G"},
					{Action: "10.2", Date: interim, Text: "Interim 10.2", RAG: "A"},
				}, p.Updates...)
			},
			carried: []string{"2.1", "10.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			if tt.change != nil {
				tt.change(p)
			}
			src := inTempDir(t, writeBytes(t, p))
			before := readValid(t, src, workbook.Options{})
			res, err := Roll(src, "", year2Point, RollOptions{})
			if err != nil {
				t.Fatalf("Roll: %v", err)
			}
			if res.Carried != len(tt.carried) || !reflect.DeepEqual(res.Blank, tt.blank) {
				t.Errorf("carried %d, blank %v; want %d, blank %v", res.Carried, res.Blank, len(tt.carried), tt.blank)
			}
			rolled, problems, err := workbook.ReadFile(res.Dst, workbook.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkBlankRAGs(t, problems, tt.blank)
			if rolled == nil {
				return
			}
			checkCarried(t, before, rolled, tt.carried)
		})
	}
}

// newAction is an open action of outcome 10 added on the day.
func newAction(no string, added time.Time) plan.Action {
	return plan.Action{No: no, Outcome: "10", Text: "Audit case conference minutes.",
		Leads: []string{"Independent Chair of the CPC"}, Timescale: "Ongoing 2020 / 2021", Added: added}
}

// checkBlankRAGs checks that the rolled workbook's only errors are the
// blank RAGs of the rows carried without an update.
func checkBlankRAGs(t *testing.T, problems workbook.Problems, blank []string) {
	t.Helper()
	errs := problems.Errors()
	if len(errs) != len(blank) {
		t.Fatalf("errors:\n%v\nwant one blank RAG for each of %v", errs, blank)
	}
	for i, p := range errs {
		if !errors.Is(p, workbook.ErrMissingValue) || p.Sheet != "Updates" || !strings.Contains(p.Msg, "action "+blank[i]+" is open") {
			t.Errorf("error %v, want a blank RAG of action %s", p, blank[i])
		}
	}
}

// checkCarried checks the rolled plan's updates at the new date: one for
// each action carried, with the text and RAG of its last update before.
func checkCarried(t *testing.T, before, rolled *plan.Plan, carried []string) {
	t.Helper()
	last := map[string]plan.Update{}
	for _, u := range before.Updates {
		if u.Date.After(last[u.Action].Date) {
			last[u.Action] = u
		}
	}
	var got []string
	for _, u := range rolled.Updates {
		if !u.Date.Equal(year2) {
			continue
		}
		got = append(got, u.Action)
		if want := last[u.Action]; u.Text != want.Text || u.RAG != want.RAG {
			t.Errorf("action %s carried as %q %s, want %q %s", u.Action, u.Text, u.RAG, want.Text, want.RAG)
		}
	}
	if !reflect.DeepEqual(got, carried) {
		t.Errorf("carried %v, want %v", got, carried)
	}
}

// TestRollKeepsCells checks that the carried cells are copies (line breaks,
// spaces and rich text as written, numbers as numbers) styled like the last
// row's cells, an extra column's included.
func TestRollKeepsCells(t *testing.T) {
	runs := []excelize.RichTextRun{{Text: "Work "}, {Text: "in progress", Font: &excelize.Font{Bold: true}}, {Text: ";\r\nongoing."}}
	highlight := &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}}
	var style int
	src := inTempDir(t, edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		must(t, f.SetCellRichText("Updates", "C2", runs))
		setCell(t, f, "Updates", "D2", " g ")
		setCell(t, f, "Updates", "C3", "First line\nsecond line  ")
		setCell(t, f, "Actions", "A2", 1.1)
		setCell(t, f, "Updates", "E1", "Notes")
		var err error
		style, err = f.NewStyle(highlight)
		must(t, err)
		must(t, f.SetCellStyle("Updates", "A5", "E5", style))
	}))
	res, err := Roll(src, "", year2Point, RollOptions{})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	f, err := excelize.OpenFile(res.Dst)
	must(t, err)
	defer f.Close()
	// Updates rows 2–5 are 1.1, 2.1, 10.1, 10.2; 1.1, 2.1, 10.2 are carried
	// to rows 6–8.
	got, _ := f.GetCellRichText("Updates", "C6")
	if !reflect.DeepEqual(got, runs) {
		t.Errorf("rich text carried as %+v, want %+v", got, runs)
	}
	for cell, want := range map[string]string{"D6": " g ", "C7": "First line\nsecond line  ", "A6": "1.1"} {
		if v, _ := f.GetCellValue("Updates", cell); v != want {
			t.Errorf("Updates!%s = %q, want %q", cell, v, want)
		}
	}
	if typ, _ := f.GetCellType("Updates", "A6"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("action 1.1, a number, carried as a cell of type %v", typ)
	}
	for _, col := range []string{"A", "C", "D", "E"} {
		if got, _ := f.GetCellStyle("Updates", col+"8"); got != style {
			t.Errorf("Updates!%s8 has style %d, want %d like the row above", col, got, style)
		}
	}
	id, _ := f.GetCellStyle("Updates", "B8")
	if got, err := f.GetStyle(id); err != nil || !reflect.DeepEqual(got.Fill, highlight.Fill) || got.CustomNumFmt == nil || *got.CustomNumFmt != "dd/mm/yyyy" {
		t.Errorf("Updates!B8 has style %+v, want the row above's fill and a DD/MM/YYYY date", got)
	}
}

// TestRollPasswordProtected rolls a password-protected workbook: the file
// written is protected by the same password.
func TestRollPasswordProtected(t *testing.T) {
	src := inTempDir(t, encrypted(t, writeBytes(t, testPlan()), "s3cret"))
	res, err := Roll(src, "", year2Point, RollOptions{Options: workbook.Options{Password: "s3cret"}})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	if _, _, err := workbook.ReadFile(res.Dst, workbook.Options{}); !errors.Is(err, xlsx.ErrEncrypted) {
		t.Errorf("reading the rolled workbook without the password: %v, want xlsx.ErrEncrypted", err)
	}
	if p := readValid(t, res.Dst, workbook.Options{Password: "s3cret"}); len(p.Reports) != 3 {
		t.Errorf("%d report points, want 3", len(p.Reports))
	}
}

func TestRollPath(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"plan.xlsx", "plan-2020-07-31.xlsx"},
		{"/data/CPC plan.xlsx", "/data/CPC plan-2020-07-31.xlsx"},
		{"plans/plan-2019-07-31.xlsx", "plans/plan-2020-07-31.xlsx"},
		{"plan-2019.xlsx", "plan-2019-2020-07-31.xlsx"},
		{"plan", "plan-2020-07-31"},
	} {
		if got := rollPath(tt.src, year2); got != tt.want {
			t.Errorf("rollPath(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestRollEmptyPlan rolls the workbook `planreport init` writes: the first
// report point goes under the header, a date cell in the column's format.
func TestRollEmptyPlan(t *testing.T) {
	src := inTempDir(t, writeBytes(t, &plan.Plan{Title: "New Plan", FirstPublished: published}))
	res, err := Roll(src, "", plan.ReportPoint{Date: published, Name: "Publication Date"}, RollOptions{})
	if err != nil || res.Carried != 0 {
		t.Fatalf("Roll: %v, %d carried", err, res.Carried)
	}
	if p := readValid(t, res.Dst, workbook.Options{}); !reflect.DeepEqual(p.Reports, []plan.ReportPoint{{Date: published, Name: "Publication Date"}}) {
		t.Errorf("report points = %v", p.Reports)
	}
	f, err := excelize.OpenFile(res.Dst)
	must(t, err)
	defer f.Close()
	if v, _ := f.GetCellValue("Reports", "A2"); v != "03/10/2018" {
		t.Errorf("Reports!A2 shows %q, want 03/10/2018", v)
	}
}
