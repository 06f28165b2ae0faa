// Package plantest holds what the tests of the packages that read and
// write plan workbooks (internal/workbook, internal/planbook) share: a
// small valid test plan, a workbook of it as another program might write
// it, and helpers that change a workbook with excelize.
package plantest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/xlsx"
)

// Dates of the test plan.
var (
	Published = plan.Date(2018, time.October, 3)
	Year1     = plan.Date(2019, time.July, 31)
)

// Plan is a small valid plan: two report points, three outcomes under
// two themes, three leads, four actions (one completed, one added after
// publication), their updates at the first progress report, and a
// maintenance task. Every action due before Year1 is rated Amber or Red,
// so the plan reads without warnings.
func Plan() *plan.Plan {
	return &plan.Plan{
		Title:            "CPC Improvement Plan 2018 – 2020",
		ShortTitle:       "CPC Improvement Plan",
		Organisation:     "Perth and Kinross Child Protection Committee",
		FirstPublished:   Published,
		MaintenanceTitle: "Ongoing / Maintenance Actions / Tasks 2018 – 2020",
		MaintenanceNote:  "Monitor by Thematic Progress Reporting to CPC",
		Reports: []plan.ReportPoint{
			{Date: Published, Name: "Publication Date"},
			{Date: Year1, Name: "Year 1 Progress / Update Report"},
		},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: "What key outcomes have we achieved?", Description: "Use of performance data underpins our self-evaluation."},
			{Number: "2", Theme: "What key outcomes have we achieved?", Description: "Children's views are sought and acted on."},
			{Number: "10", Theme: "How good is our leadership?", Description: "Case conferences are held within timescales."},
		},
		Leads: []string{
			"Independent Chair of the CPC",
			"Chair of the CPC Practice Improvement Working Group",
			"Lead Nurse, Child Protection, NHS Tayside",
		},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Text: "Develop further qualitative measures.", Leads: []string{"Independent Chair of the CPC"},
				Timescale: "By 30 November 2019", Due: plan.Date(2019, time.November, 30), Added: Published},
			{No: "2.1", Outcome: "2", Text: "Extend the reach of the Mind Of My Own App.",
				Leads:     []string{"Chair of the CPC Practice Improvement Working Group", "Lead Nurse, Child Protection, NHS Tayside"},
				Timescale: "By 31 March 2019 Ongoing 2019 / 2020", Due: plan.Date(2019, time.March, 31), Added: Published},
			{No: "10.1", Outcome: "10", Text: "Monitor case conference timescales.", Leads: []string{"Lead Nurse, Child Protection, NHS Tayside"},
				Timescale: "By 31 October 2018", Due: plan.Date(2018, time.October, 31), Added: Published,
				Completed: plan.Date(2019, time.January, 17)},
			{No: "10.2", Outcome: "10", Text: "Monitor the quality of reports.", Leads: []string{"Independent Chair of the CPC"},
				Timescale: "Ongoing 2019 / 2020", Added: plan.Date(2019, time.May, 1)},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: Year1, Text: "Measures mapped; workshop planned for September 2019.", RAG: "G"},
			{Action: "2.1", Date: Year1, Text: "App introduced;\nExpress App introduced in January 2019.", RAG: "A"},
			{Action: "10.1", Date: Year1, Text: "ACTION COMPLETED.", RAG: "G"},
			{Action: "10.2", Date: Year1, Text: "Being monitored.", RAG: "R"},
		},
		Maintenance:  []plan.Task{{No: "1", Text: "Continue to improve by implementing legislative developments.", Timescale: "Ongoing 2018 – 2020"}},
		Distribution: []plan.Recipient{{Name: "Jane Smith", Email: "jane.smith@example.org", Role: "Chair of the Committee"}},
	}
}

// Edit opens workbook bytes with excelize, applies change and returns the
// saved bytes.
func Edit(t testing.TB, b []byte, change func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("opening the test workbook: %v", err)
	}
	defer f.Close()
	change(f)
	return save(t, f)
}

// save returns the workbook's bytes.
func save(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatalf("saving the test workbook: %v", err)
	}
	return buf.Bytes()
}

// Must fails the test on an excelize error while building a workbook.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("building the test workbook: %v", err)
	}
}

// SamePlan reports whether two plans are equal but for where each
// recipient, action and update was read from, which depends on the
// workbook's layout (TestCells checks those).
func SamePlan(a, b *plan.Plan) bool {
	if a == nil || b == nil {
		return a == b
	}
	a2, b2 := *a, *b
	a2.Distribution, b2.Distribution = withoutPlaces(a.Distribution), withoutPlaces(b.Distribution)
	a2.Actions, b2.Actions = withoutCells(a.Actions), withoutCells(b.Actions)
	a2.Updates, b2.Updates = withoutWhere(a.Updates), withoutWhere(b.Updates)
	return reflect.DeepEqual(&a2, &b2)
}

func withoutCells(as []plan.Action) []plan.Action {
	out := make([]plan.Action, len(as))
	for i, a := range as {
		a.Cells = plan.Cells{}
		out[i] = a
	}
	return out
}

func withoutWhere(us []plan.Update) []plan.Update {
	out := make([]plan.Update, len(us))
	for i, u := range us {
		u.Where = ""
		out[i] = u
	}
	return out
}

func withoutPlaces(rs []plan.Recipient) []plan.Recipient {
	out := make([]plan.Recipient, len(rs))
	for i, r := range rs {
		r.Where = ""
		out[i] = r
	}
	return out
}

// SetCell sets a cell's value.
func SetCell(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	Must(t, f.SetCellValue(sheet, cell, v))
}

// SetRow sets the cells of a row from column A.
func SetRow(t testing.TB, f *excelize.File, sheet string, row int, values ...any) {
	t.Helper()
	Must(t, f.SetSheetRow(sheet, xlsx.CellName(1, row), &values))
}

// Encrypted is the workbook protected by the password.
func Encrypted(t testing.TB, b []byte, password string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	Must(t, err)
	defer f.Close()
	var buf bytes.Buffer
	Must(t, f.Write(&buf, excelize.Options{Password: password}))
	return buf.Bytes()
}

// ForeignOptions vary how Foreign writes the test plan.
type ForeignOptions struct {
	Date1904 bool // the workbook uses the 1904 date system
}

// Foreign writes the test plan the way another program or a person
// might: sheet names and headers in other case, order and words, extra
// columns, blank rows above the header and between rows, dates as text in
// several forms and as numbers in text cells, action numbers as numbers,
// leads separated by semicolons, RAG as names, themes written once.
func Foreign(t testing.TB, opt ForeignOptions) []byte {
	t.Helper()
	p := Plan()
	f := excelize.NewFile()
	defer f.Close()
	if opt.Date1904 {
		Must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &opt.Date1904}))
	}
	serial := func(d time.Time) string {
		s := schema.DateSerial(d, false)
		if opt.Date1904 {
			s -= 1462
		}
		return strconv.Itoa(s)
	}
	write := func(sheet string, rows ...[]any) {
		_, err := f.NewSheet(sheet)
		Must(t, err)
		for i, r := range rows {
			if r != nil {
				SetRow(t, f, sheet, i+1, r...)
			}
		}
	}
	Must(t, f.SetSheetName("Sheet1", "Notes"))
	write("PLAN", nil, []any{"value", "FIELD"}, []any{p.Title, "title"},
		[]any{p.ShortTitle, "Running header"}, []any{p.Organisation, "Organization"},
		[]any{"3 October 2018", "Date Published"}, []any{p.MaintenanceTitle, "maintenance title"},
		[]any{p.MaintenanceNote, "Maintenance note"}, []any{"ignored", "Colour"})
	write("reports", []any{"Report name", "Report date"}, nil,
		[]any{p.Reports[1].Name, "2019-07-31"}, []any{p.Reports[0].Name, "03/10/18"})
	write("Outcomes", []any{"Outcome No", "Theme Heading", "Outcome Description"},
		[]any{"Outcome 1", p.Outcomes[0].Theme, p.Outcomes[0].Description},
		[]any{2, "", p.Outcomes[1].Description},
		[]any{"Outcome 10:", p.Outcomes[2].Theme, p.Outcomes[2].Description})
	write("leads", []any{"strategic lead"}, []any{p.Leads[0]}, nil, []any{"  " + p.Leads[1]}, []any{p.Leads[2]}, []any{p.Leads[0]})
	write("Actions ", nil, nil,
		[]any{"Owner", "ACTION NO", "Action", "Timescales", "Comments", "Date Completed", "date added"},
		[]any{"Independent Chair of the CPC", 1.1, p.Actions[0].Text, p.Actions[0].Timescale, "x", "", "03/10/2018"},
		[]any{"chair of the CPC practice improvement working group; Lead Nurse, Child Protection, NHS Tayside", "2.1", p.Actions[1].Text, p.Actions[1].Timescale},
		nil,
		[]any{"Lead Nurse, Child Protection, NHS Tayside", 10.1, p.Actions[2].Text, p.Actions[2].Timescale, "", serial(p.Actions[2].Completed)},
		[]any{"Independent Chair of the CPC", "10.2", p.Actions[3].Text, p.Actions[3].Timescale, "", "", "1 May 2019"})
	write("UPDATES", []any{"Status", "Ref", "Progress", "Date"},
		[]any{" green ", 1.1, p.Updates[0].Text, serial(Year1)},
		[]any{"amber", "2.1", p.Updates[1].Text, "31/07/2019"},
		[]any{"G", 10.1, p.Updates[2].Text, "31 July 2019"},
		[]any{"Red", 10.2, p.Updates[3].Text, "2019-07-31"})
	write("maintenance", []any{"Task", "No", "Timescale"}, []any{p.Maintenance[0].Text, 1, p.Maintenance[0].Timescale})
	write("distribution", []any{"E-mail", "Name", "Role"}, []any{"Jane Smith <jane.smith@example.org>", "", p.Distribution[0].Role})
	// The report point dates and the publication date are real date
	// cells in the 1904 system when asked.
	if opt.Date1904 {
		for _, cell := range []string{"B3", "B4"} {
			d, _ := strconv.Atoi(serial(map[string]time.Time{"B3": Year1, "B4": Published}[cell]))
			SetCell(t, f, "reports", cell, d)
		}
	}
	return save(t, f)
}

// Year2 is the report point the tests roll forward to.
var (
	Year2      = plan.Date(2020, time.July, 31)
	Year2Point = plan.ReportPoint{Date: Year2, Name: "Year 2 Progress / Update Report"}
)

// InTempDir writes workbook bytes to plan.xlsx in a new folder.
func InTempDir(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	Must(t, os.WriteFile(path, b, 0o644))
	return path
}

// LibreOffice returns the path of LibreOffice's soffice, skipping the test
// (failing it when CI is "true") when LibreOffice Calc is not installed.
func LibreOffice(t testing.TB) string {
	soffice, err := exec.LookPath("soffice")
	if err == nil {
		soffice, err = filepath.EvalSymlinks(soffice)
	}
	if err == nil {
		// Calc's library: without it LibreOffice cannot load a workbook.
		_, err = os.Stat(filepath.Join(filepath.Dir(soffice), "libsclo.so"))
	}
	if err != nil {
		testtool.Missing(t, "LibreOffice Calc", "apt-get install libreoffice-calc-nogui")
	}
	return soffice
}
