package importer

import (
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/xlsx"
)

var (
	published = plan.Date(2018, time.October, 3)
	year1     = plan.Date(2019, time.July, 31)
	year2     = plan.Date(2020, time.July, 31)
)

const (
	chair   = "Independent Chair of the CPC"
	working = "Chair of the CPC Practice Improvement Working Group"
	nurse   = "Lead Nurse, Child Protection, NHS Tayside"
)

// oneSheet is a plan kept on one sheet: a header block, a header row in
// other words than the workbook's, theme and outcome rows, and an update
// and a RAG column for each of two report points.
var oneSheet = [][]string{
	{"Title", "CPC Improvement Plan 2018 – 2020"},
	{"Organization", "Perth and Kinross Child Protection Committee"},
	{"First Published", "03/10/2018"},
	{},
	{"Ref", "Action", "Owner", "Timescale", "Year 1 Progress / Update Report @ 31 July 2019", "RAG", "Year 2 Progress / Update Report @ 31/07/2020", "Status"},
	{"What key outcomes have we achieved?"},
	{"Outcome 1: Use of performance data underpins our self-evaluation."},
	{"1.1", "Develop further qualitative measures.", chair, "By 30 November 2019", "Measures mapped.", "G", "Workshop held.", "Green"},
	{"Outcome 2: Children's views are sought and acted on."},
	{"2.1", "Extend the reach of the App.", working + "\n" + nurse, "By 31 March 2019", "App introduced.", "A"},
	{"How good is our leadership?"},
	{"Outcome 10: Case conferences are held within timescales."},
	{"10.1", "Monitor case conference timescales.", nurse, "By 31 October 2018", "Monitored.", "Purple", "ACTION COMPLETED.", "G"},
	{"3.5", "An action of an outcome the sheet does not describe.", chair, "Ongoing"},
}

// oneSheetPlan is what oneSheet holds.
func oneSheetPlan() *plan.Plan {
	theme1, theme2 := "What key outcomes have we achieved?", "How good is our leadership?"
	return &plan.Plan{
		Title: "CPC Improvement Plan 2018 – 2020", Organisation: "Perth and Kinross Child Protection Committee",
		FirstPublished: published,
		Reports: []plan.ReportPoint{{Date: published, Name: "Publication Date"},
			{Date: year1, Name: "Year 1 Progress / Update Report"}, {Date: year2, Name: "Year 2 Progress / Update Report"}},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: theme1, Description: "Use of performance data underpins our self-evaluation."},
			{Number: "2", Theme: theme1, Description: "Children's views are sought and acted on."},
			{Number: "10", Theme: theme2, Description: "Case conferences are held within timescales."},
			{Number: "3", Theme: theme2},
		},
		Leads: []string{chair, working, nurse},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Text: "Develop further qualitative measures.", Leads: []string{chair}, Timescale: "By 30 November 2019",
				Cells: plan.Cells{Text: "Plan!B8", Leads: "Plan!C8", Timescale: "Plan!D8"}},
			{No: "2.1", Outcome: "2", Text: "Extend the reach of the App.", Leads: []string{working, nurse}, Timescale: "By 31 March 2019",
				Cells: plan.Cells{Text: "Plan!B10", Leads: "Plan!C10", Timescale: "Plan!D10"}},
			{No: "10.1", Outcome: "10", Text: "Monitor case conference timescales.", Leads: []string{nurse}, Timescale: "By 31 October 2018", Completed: year2,
				Cells: plan.Cells{Text: "Plan!B13", Leads: "Plan!C13", Timescale: "Plan!D13"}},
			{No: "3.5", Outcome: "3", Text: "An action of an outcome the sheet does not describe.", Leads: []string{chair}, Timescale: "Ongoing",
				Cells: plan.Cells{Text: "Plan!B14", Leads: "Plan!C14", Timescale: "Plan!D14"}},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: year1, Text: "Measures mapped.", RAG: "G", Where: "Plan!E8"},
			{Action: "1.1", Date: year2, Text: "Workshop held.", RAG: "G", Where: "Plan!G8"},
			{Action: "2.1", Date: year1, Text: "App introduced.", RAG: "A", Where: "Plan!E10"},
			{Action: "10.1", Date: year1, Text: "Monitored.", Where: "Plan!E13"},
			{Action: "10.1", Date: year2, Text: "ACTION COMPLETED.", RAG: "G", Where: "Plan!G13"},
		},
	}
}

// oneSheetProblems are what oneSheet holds that cannot be placed.
var oneSheetProblems = []string{
	`Plan!F13: "Purple" is not a RAG value of the scale (R, A, G); the RAG is left blank`,
	`Plan!G13: action 10.1's update says "ACTION COMPLETED." but not when; the report point's date, 31/07/2020, is taken as its Completed date`,
	"Plan!A14: outcome 3, of action 3.5, has no heading with its description; write it in the Outcomes sheet",
}

func TestSpreadsheet(t *testing.T) {
	for _, w := range []struct {
		name  string
		write func(t *testing.T, rows [][]string) string
	}{
		{"excelize", excelizeSheet},
		{"LibreOffice", libreOfficeSheet},
	} {
		t.Run(w.name, func(t *testing.T) {
			p, problems, err := File(w.write(t, oneSheet), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if want := oneSheetPlan(); !reflect.DeepEqual(p, want) {
				t.Errorf("plan:\n%+v\nwant:\n%+v", p, want)
			}
			var got []string
			for _, pr := range problems {
				got = append(got, pr.Error())
			}
			if !reflect.DeepEqual(got, oneSheetProblems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(oneSheetProblems, "\n"))
			}
		})
	}
}

// TestSpreadsheetBadInput checks that a file that is no plan gets one
// sentence, and no plan.
func TestSpreadsheetBadInput(t *testing.T) {
	noHeader := excelizeSheet(t, [][]string{{"Title", "A plan"}, {"1.1", "An action."}})
	_, _, err := File(noHeader, Options{})
	if !errors.Is(err, ErrNoTable) || !strings.Contains(err.Error(), "has no sheet with a header row naming the No and Action / Task columns") {
		t.Errorf("no header: %v", err)
	}
	damaged := filepath.Join(t.TempDir(), "damaged.xlsx")
	must(t, os.WriteFile(damaged, []byte("PK\x03\x04 not a zip"), 0o644))
	if _, _, err := File(damaged, Options{}); err == nil || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("damaged: %v", err)
	}
	var xe *xlsx.Error
	if _, _, err := File(damaged, Options{}); !errors.As(err, &xe) {
		t.Errorf("damaged: %v, want an *xlsx.Error", err)
	}
	if _, _, err := File("plan.pdf", Options{}); !errors.Is(err, ErrFormat) {
		t.Errorf("a PDF: %v", err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// excelizeSheet writes rows on a sheet named Plan with excelize.
func excelizeSheet(t *testing.T, rows [][]string) string { return excelizeSheetNamed(t, "Plan", rows) }

// excelizeSheetNamed writes rows on a sheet of the name with excelize.
func excelizeSheetNamed(t *testing.T, name string, rows [][]string) string {
	f := excelize.NewFile()
	defer f.Close()
	must(t, f.SetSheetName("Sheet1", name))
	for i, r := range rows {
		for j, v := range r {
			must(t, f.SetCellStr(name, xlsx.CellName(j+1, i+1), v))
		}
	}
	path := filepath.Join(t.TempDir(), name+".xlsx")
	must(t, f.SaveAs(path))
	return path
}

// libreOfficeSheet writes rows as CSV and has LibreOffice Calc convert it
// to a workbook, its cells typed as Calc types them (dates as dates).
func libreOfficeSheet(t *testing.T, rows [][]string) string {
	return libreOfficeSheets(t, []string{"Plan"}, [][][]string{rows})[0]
}

// libreOfficeSheets is libreOfficeSheet of each sheet, in one run of
// LibreOffice, each sheet named as given.
func libreOfficeSheets(t *testing.T, names []string, sheets [][][]string) []string {
	soffice := testtool.Need(t, "soffice")[0]
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,76,1", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir}
	for i, rows := range sheets {
		in := filepath.Join(dir, names[i]+".csv")
		out, err := os.Create(in)
		must(t, err)
		must(t, csv.NewWriter(out).WriteAll(rows))
		must(t, out.Close())
		args = append(args, in)
	}
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "LANG=en_GB.UTF-8", "LC_ALL=en_GB.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join(dir, name+".xlsx")
		if _, err := os.Stat(paths[i]); err != nil {
			t.Fatalf("LibreOffice wrote no workbook: %v", err)
		}
	}
	return paths
}

// TestSpreadsheetHeaderBlock reads the report points from the block above
// the table when the update columns' headings have no dates, and reports
// an update column left without one.
func TestSpreadsheetHeaderBlock(t *testing.T) {
	path := excelizeSheet(t, [][]string{
		{"Title", "A Plan"},
		{"Publication Date", "01/04/2026"},
		{"Report", "Year 1 Progress / Update Report", "31/03/2027"},
		{"No", "Outcome", "Action / Task", "Lead", "Timescale", "Progress", "RAG", "Update", "Status"},
		{"1.1", "Outcome 1: Children are safe.", "Audit the files.", chair, "By 31 December 2027", "Audit begun.", "amber", "More.", "G"},
	})
	p, problems, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantReports := []plan.ReportPoint{{Date: plan.Date(2026, time.April, 1), Name: "Publication Date"},
		{Date: plan.Date(2027, time.March, 31), Name: "Year 1 Progress / Update Report"}}
	if !reflect.DeepEqual(p.Reports, wantReports) {
		t.Errorf("reports %+v, want %+v", p.Reports, wantReports)
	}
	wantUpdates := []plan.Update{{Action: "1.1", Date: plan.Date(2027, time.March, 31), Text: "Audit begun.", RAG: "A", Where: "Plan!F5"}}
	if !reflect.DeepEqual(p.Updates, wantUpdates) {
		t.Errorf("updates %+v, want %+v", p.Updates, wantUpdates)
	}
	if len(problems) != 1 || problems[0].Place != "Plan!H4" || !strings.Contains(problems[0].Msg, `the column "Update" has no report date`) {
		t.Errorf("problems: %v", problems)
	}
	if p.Outcomes[0].Description != "Children are safe." || p.Title != "A Plan" {
		t.Errorf("outcome %+v, title %q", p.Outcomes[0], p.Title)
	}
}

// TestSpreadsheetFidelity reads what a one-sheet plan holds besides its
// table's plain cells: each case a sheet, what the plan imported holds of
// it, and the problems.
func TestSpreadsheetFidelity(t *testing.T) {
	mid, pub := plan.Date(2026, time.September, 30), plan.Date(2026, time.April, 1)
	y1 := plan.Date(2027, time.March, 31)
	header := []string{"No", "Action / Task", "Lead", "Timescale", "Progress", "RAG", "Progress", "RAG"}
	type points struct {
		Reports []plan.ReportPoint
		Updates []plan.Update
	}
	reportsAndUpdates := func(p *plan.Plan) any { return points{p.Reports, p.Updates} }
	// bothAt is the report points and the updates of action, on the row.
	bothAt := func(row int) points {
		at := func(col string) string { return "Plan!" + col + strconv.Itoa(row) }
		return points{
			Reports: []plan.ReportPoint{{Date: pub, Name: "Publication Date"}, {Date: mid, Name: "Mid-Year Progress Report"}, {Date: y1, Name: "Year 1 Progress Report"}},
			Updates: []plan.Update{{Action: "1.1", Date: mid, Text: "Begun.", RAG: "A", Where: at("F")}, {Action: "1.1", Date: y1, Text: "Half done.", RAG: "G", Where: at("H")}},
		}
	}
	action := []string{"1.1", "Outcome 1: Children are safe.", "Audit the files.", chair, "By 31 March 2028", "Begun.", "A", "Half done.", "G"}
	header = append(header[:1], append([]string{"Outcome"}, header[1:]...)...)
	tests := []struct {
		name     string
		rows     [][]string
		got      func(*plan.Plan) any
		want     any
		problems []string
	}{
		{
			name: "report points paired on one row",
			rows: [][]string{
				{"Title", "A Plan"}, {"First Published", "01/04/2026"},
				{"Reports", "01/04/2026", "Publication Date", "30/09/2026", "Mid-Year Progress Report", "31/03/2027", "Year 1 Progress Report"},
				header, action,
			},
			got: reportsAndUpdates, want: bothAt(5),
		},
		{
			name: "report points on several rows, the name first",
			rows: [][]string{
				{"Title", "A Plan"}, {"First Published", "01/04/2026"},
				{"Reports", "Mid-Year Progress Report", "30/09/2026"},
				{"", "Year 1 Progress Report", "31/03/2027"},
				{},
				header, action,
			},
			got: reportsAndUpdates, want: bothAt(7),
		},
		{
			name: "report points each on a row of its own, or in one cell",
			rows: [][]string{
				{"Title", "A Plan"}, {"First Published", "01/04/2026"},
				{"Report", "30/09/2026", "Mid-Year Progress Report"},
				{"Report", "Year 1 Progress Report @ 31 March 2027", "30/06/2027"},
				header, action,
			},
			got: reportsAndUpdates, want: bothAt(6),
			problems: []string{"Plan!C4: a report point's date without its name beside it; write each report point as its date and its name, side by side"},
		},
		{
			name: "leads at a slash and a note of when an action was added",
			rows: [][]string{
				{"Title", "A Plan"}, {"First Published", "01/04/2026"},
				{"No", "Action / Task", "Lead", "Timescale", "Year 1 Progress Report @ 31/03/2027", "RAG"},
				{"Outcome 1: Children are safe."},
				{"1.1", "Audit the files. (New Action / Task – Added 30 September 2026)", chair + " / " + nurse, "By 31 March 2028", "Begun.", "A"},
				{"1.2", "Train the staff.", chair, "By 31 March 2028", "ACTION COMPLETED.", "G"},
				{"1.3", "Map the services.", nurse, "By 31 March 2028", "Begun.", "G"},
			},
			got: func(p *plan.Plan) any {
				return []any{p.Actions[0].Text, p.Actions[0].Leads, p.Actions[0].Added, p.Actions[1].Completed}
			},
			want: []any{"Audit the files.", []string{chair, nurse}, mid, y1},
			problems: []string{
				`Plan!A5: "` + chair + ` / ` + nurse + `" is taken as 2 leads: ` + chair + `; ` + nurse,
				`Plan!E6: action 1.2's update says "ACTION COMPLETED." but not when; the report point's date, 31/03/2027, is taken as its Completed date`,
			},
		},
	}
	names := make([]string, len(tests))
	sheets := make([][][]string, len(tests))
	for i, tt := range tests {
		names[i], sheets[i] = "Plan"+strconv.Itoa(i), tt.rows
	}
	for _, w := range []struct {
		name  string
		paths func() []string
	}{
		{"excelize", func() []string {
			paths := make([]string, len(tests))
			for i := range tests {
				paths[i] = excelizeSheetNamed(t, names[i], sheets[i])
			}
			return paths
		}},
		{"LibreOffice", func() []string { return libreOfficeSheets(t, names, sheets) }},
	} {
		t.Run(w.name, func(t *testing.T) {
			paths := w.paths()
			for i, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					p, problems, err := File(paths[i], Options{})
					if err != nil {
						t.Fatal(err)
					}
					for j := range p.Updates {
						p.Updates[j].Where = strings.Replace(p.Updates[j].Where, names[i]+"!", "Plan!", 1)
					}
					if got := tt.got(p); !reflect.DeepEqual(got, tt.want) {
						t.Errorf("got:\n%+v\nwant:\n%+v", got, tt.want)
					}
					var got []string
					for _, pr := range problems {
						got = append(got, strings.Replace(pr.Error(), names[i]+"!", "Plan!", 1))
					}
					if !reflect.DeepEqual(got, tt.problems) {
						t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
					}
				})
			}
		})
	}
}
