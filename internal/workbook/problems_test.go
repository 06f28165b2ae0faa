package workbook_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	. "github.com/planreport/planreport/internal/workbook"
)

// wantProblem is a problem a test expects: where, how bad, what kind.
type wantProblem struct {
	sheet, cell string
	severity    Severity
	err         error
}

// TestProblems changes one thing in the test plan's canonical workbook and
// checks that exactly the expected problems are found, at their cells.
func TestProblems(t *testing.T) {
	tests := []struct {
		name    string
		change  func(t testing.TB, f *excelize.File)
		opt     Options
		want    []wantProblem
		message string // a part of the first problem's text
	}{
		{name: "valid", change: func(testing.TB, *excelize.File) {}},
		{name: "unknown lead",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "D2", "Chair of the CPC Practise Group")
			},
			want:    []wantProblem{{"Actions", "D2", Error, ErrUnknownLead}},
			message: `Actions!D2: "Chair of the CPC Practise Group" is not an approved lead; did you mean "Chair of the CPC Practice Improvement Working Group"?`},
		{name: "unknown second lead of a cell",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "D3", "Independent Chair of the CPC; The Moon")
			},
			want:    []wantProblem{{"Actions", "D3", Error, ErrUnknownLead}},
			message: `"The Moon" is not an approved lead (the Leads sheet lists them)`},
		{name: "impossible date",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "H4", "31/02/2022")
			},
			want:    []wantProblem{{"Actions", "H4", Error, ErrBadDate}},
			message: `Actions!H4: "31/02/2022" is not a real date: February 2022 has 28 days`},
		{name: "unreadable date",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Reports", "A2", "next week")
			},
			want:    []wantProblem{{"Reports", "A2", Error, ErrBadDate}},
			message: `"next week" is not a date; write it as DD/MM/YYYY`},
		{name: "year typed as a number in a date column",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "F2", 2019)
			},
			want:    []wantProblem{{"Actions", "F2", Error, ErrBadDate}},
			message: "2019 is a number, not a date"},
		{name: "RAG outside the scale",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Updates", "D2", "Purple")
			},
			want:    []wantProblem{{"Updates", "D2", Error, ErrBadRAG}},
			message: `Updates!D2: "Purple" is not a RAG value; use one of R, A or G`},
		{name: "duplicate action",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Actions", 6, "1.1", "1", "Again.", "Independent Chair of the CPC", "By 30 November 2019")
			},
			want:    []wantProblem{{"Actions", "A6", Error, ErrDuplicateAction}},
			message: "action 1.1 is already in row 2"},
		{name: "unknown outcome",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "B2", "9")
			},
			want:    []wantProblem{{"Actions", "B2", Error, ErrUnknownOutcome}},
			message: "action 1.1 belongs to outcome 9, which is not in the Outcomes sheet"},
		{name: "unknown outcome from the action number",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Actions", 6, "9.1", "", "New.", "Independent Chair of the CPC", "By 30 November 2019")
			},
			// The row's error stops the cross-checks, so no missing update.
			want: []wantProblem{{"Actions", "A6", Error, ErrUnknownOutcome}}},
		{name: "update of an unknown action",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Updates", 6, "7.7", year1, "Text.", "G")
			},
			want:    []wantProblem{{"Updates", "A6", Error, ErrUnknownAction}},
			message: "there is no action 7.7 in the Actions sheet"},
		{name: "update at an unknown report date",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Updates", 6, "1.1", "01/01/2019", "Text.", "G")
			},
			want:    []wantProblem{{"Updates", "B6", Error, ErrUnknownReport}},
			message: "01/01/2019 is not the date of a report point"},
		{name: "duplicate update",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Updates", 6, "1.1", year1, "Again.", "G")
			},
			want: []wantProblem{{"Updates", "A6", Error, ErrDuplicateUpdate}}},
		{name: "completed before added",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "H4", "01/01/2018")
			},
			want:    []wantProblem{{"Actions", "H4", Error, ErrCompletedBeforeAdded}},
			message: "action 10.1 is marked completed on 01/01/2018, before it was added on 03/10/2018"},
		{name: "completed on the day added",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "H4", "03/10/2018")
			}},
		{name: "completed the day before added",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "H4", "02/10/2018")
			},
			want:    []wantProblem{{"Actions", "H4", Error, ErrCompletedBeforeAdded}},
			message: "action 10.1 is marked completed on 02/10/2018, before it was added on 03/10/2018"},
		{name: "missing sheet",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.DeleteSheet("Leads"))
			},
			want:    []wantProblem{{"Leads", "", Error, ErrMissingSheet}},
			message: `Leads: the workbook has no sheet named "Leads"`},
		{name: "missing column",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveCol("Actions", "E"))
			},
			want:    []wantProblem{{"Actions", "", Error, ErrMissingColumn}},
			message: `Actions: the header row (row 1) has no "Timescale" column`},
		{name: "missing value",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "C2", " ")
			},
			want:    []wantProblem{{"Actions", "C2", Error, ErrMissingValue}},
			message: "Actions!C2: the Action / Task is blank"},
		{name: "blank title",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Plan", "B2", "")
			},
			want:    []wantProblem{{"Plan", "B2", Error, ErrMissingValue}},
			message: "Plan!B2: the Title is blank"},
		{name: "blank First Published",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Plan", "B5", "")
			},
			want:    []wantProblem{{"Plan", "B5", Error, ErrMissingValue}},
			message: "Plan!B5: the First Published date is blank"},
		{name: "missing sheet of updates: one problem, not one per open action",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.DeleteSheet("Updates"))
			},
			want:    []wantProblem{{"Updates", "", Error, ErrMissingSheet}},
			message: `Updates: the workbook has no sheet named "Updates"`},
		{name: "missing column of updates: one problem, not one per open action",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveCol("Updates", "B"))
			},
			want:    []wantProblem{{"Updates", "", Error, ErrMissingColumn}},
			message: `Updates: the header row (row 1) has no "Report Date" column`},
		{name: "a missing sheet or column before the problems of cells",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "C5", "")
				setCell(t, f, "Reports", "B2", "")
				must(t, f.RemoveCol("Outcomes", "C"))
				must(t, f.DeleteSheet("Updates"))
			},
			want: []wantProblem{
				{"Outcomes", "", Error, ErrMissingColumn},
				{"Updates", "", Error, ErrMissingSheet},
				{"Reports", "B2", Error, ErrMissingValue},
				{"Actions", "C5", Error, ErrMissingValue},
			}},
		{name: "no actions",
			change: func(t testing.TB, f *excelize.File) {
				for range 4 {
					must(t, f.RemoveRow("Actions", 2))
					must(t, f.RemoveRow("Updates", 2))
				}
			},
			want:    []wantProblem{{"Actions", "", Warning, ErrNoActions}},
			message: "Actions: the plan has no actions"},
		{name: "missing plan field",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveRow("Plan", 5))
			},
			want:    []wantProblem{{"Plan", "", Error, ErrMissingValue}},
			message: `Plan: there is no "First Published" row`},
		{name: "duplicate plan field",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Plan", 8, "title", "Another")
			},
			want: []wantProblem{{"Plan", "A8", Error, ErrDuplicateField}}},
		{name: "duplicate report date",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Reports", 4, "31/07/2019", "Again")
			},
			want: []wantProblem{{"Reports", "A4", Error, ErrDuplicateReport}}},
		{name: "duplicate outcome",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Outcomes", 5, "", 1, "Again")
			},
			want: []wantProblem{{"Outcomes", "B5", Error, ErrDuplicateOutcome}}},
		{name: "open action without an update",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveRow("Updates", 2))
			},
			want:    []wantProblem{{"Actions", "A2", Error, ErrMissingUpdate}},
			message: "action 1.1 is open but has no update for the report of 31/07/2019"},
		{name: "no update needed at publication",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveRow("Updates", 2))
			},
			opt: Options{AsOf: published}},
		{name: "as-of not a report point",
			change:  func(t testing.TB, f *excelize.File) {},
			opt:     Options{AsOf: plan.Date(2019, time.January, 1)},
			want:    []wantProblem{{"Reports", "", Error, ErrUnknownReport}},
			message: "there is no report point on 01/01/2019, the date asked for; the report points are 03/10/2018 (Publication Date) and 31/07/2019 (Year 1 Progress / Update Report)"},
		{name: "blank RAG of an open action",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Updates", "D2", "")
			},
			want: []wantProblem{{"Updates", "D2", Error, ErrMissingValue}}},
		{name: "blank RAG at publication",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Updates", 6, "1.1", published, "Published.", "")
			}},
		{name: "bad email",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Distribution", "B2", "jane at example.org")
			},
			want:    []wantProblem{{"Distribution", "B2", Error, ErrBadEmail}},
			message: `Distribution!B2: "jane at example.org" is not an email address`},
		{name: "overdue and Green",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Updates", "D3", "green")
			},
			want:    []wantProblem{{"Updates", "D3", Warning, ErrOverdueGreen}},
			message: "action 2.1 was due on 31/03/2019 and is still open, yet its RAG is Green"},
		{name: "due on the report date and Green: not yet overdue",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Actions", 3, "2.1", "2", "Extend the reach.", "Independent Chair of the CPC", "By 31 July 2019", "31/07/2019")
				setCell(t, f, "Updates", "D3", "G")
			}},
		{name: "due the day before the report date and Green",
			change: func(t testing.TB, f *excelize.File) {
				setRow(t, f, "Actions", 3, "2.1", "2", "Extend the reach.", "Independent Chair of the CPC", "By 30 July 2019", "30/07/2019")
				setCell(t, f, "Updates", "D3", "G")
			},
			want:    []wantProblem{{"Updates", "D3", Warning, ErrOverdueGreen}},
			message: "action 2.1 was due on 30/07/2019 and is still open, yet its RAG is Green"},
		{name: "completed but not Green",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Updates", "D4", "A")
			},
			want:    []wantProblem{{"Updates", "D4", Warning, ErrCompletedNotComplete}},
			message: "action 10.1 was completed on 17/01/2019, but its RAG is Amber"},
		{name: "due date differs from timescale",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "F2", "01/12/2019")
			},
			want:    []wantProblem{{"Actions", "F2", Warning, ErrDueDateMismatch}},
			message: "action 1.1 is due on 01/12/2019, but its Timescale says 30/11/2019"},
		{name: "errors before warnings, then by sheet, row and column",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "F2", "01/12/2019")
				setCell(t, f, "Updates", "D3", "G")
				setCell(t, f, "Updates", "D2", "X")
				setCell(t, f, "Actions", "D5", "Nobody")
				setCell(t, f, "Actions", "C5", "")
				setCell(t, f, "Reports", "B2", "")
			},
			want: []wantProblem{
				{"Reports", "B2", Error, ErrMissingValue},
				{"Actions", "C5", Error, ErrMissingValue},
				{"Actions", "D5", Error, ErrUnknownLead},
				{"Updates", "D2", Error, ErrBadRAG},
				{"Actions", "F2", Warning, ErrDueDateMismatch},
				{"Updates", "D3", Warning, ErrOverdueGreen},
			}},
	}
	canonical := writeBytes(t, testPlan())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := edit(t, canonical, func(f *excelize.File) { tt.change(t, f) })
			p, problems, err := readBytes(t, b, tt.opt)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkProblems(t, problems, tt.want)
			if tt.message != "" && !strings.Contains(problems[0].Error(), tt.message) {
				t.Errorf("message = %q, want it to contain %q", problems[0].Error(), tt.message)
			}
			if (p == nil) != problems.HasErrors() {
				t.Errorf("plan returned = %v with errors = %v; want a plan exactly when there are no errors", p != nil, problems.HasErrors())
			}
		})
	}
}

// checkProblems compares the problems found with those wanted, in order.
func checkProblems(t *testing.T, got Problems, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		p := got[i]
		if p.Sheet != w.sheet || p.Cell != w.cell || p.Severity != w.severity || !errors.Is(p, w.err) {
			t.Errorf("problem %d = %s (%v, %v), want %s!%s (%v, %v)", i, p, p.Severity, p.Err, w.sheet, w.cell, w.severity, w.err)
		}
		prefix := w.sheet + "!" + w.cell + ": "
		if w.cell == "" {
			prefix = w.sheet + ": "
		}
		if !strings.HasPrefix(p.Error(), prefix) {
			t.Errorf("problem %d reads %q, want it to start with %q", i, p.Error(), prefix)
		}
	}
}
