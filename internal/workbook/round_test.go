package workbook_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	. "github.com/planreport/planreport/internal/workbook"
)

// TestLeadEmails reads the Leads sheet's Email column: no column or blank
// cells give no addresses, one or several separated by ; or one to a line
// are each checked and kept as the address alone, and a bad one is an
// error naming its cell.
func TestLeadEmails(t *testing.T) {
	leads := testPlan().Leads
	tests := []struct {
		name    string
		cells   map[string]any // Leads sheet cells to set
		want    map[string][]string
		problem *wantProblem
		message string
	}{
		{name: "none"},
		{name: "one", cells: map[string]any{"B2": " chair@example.org "},
			want: map[string][]string{leads[0]: {"chair@example.org"}}},
		{name: "several separated by ;", cells: map[string]any{"B3": "a@example.org; Bee Example <b@example.org>;", "B4": "nurse@nhs.example"},
			want: map[string][]string{leads[1]: {"a@example.org", "b@example.org"}, leads[2]: {"nurse@nhs.example"}}},
		{name: "one to a line", cells: map[string]any{"B3": "a@example.org\r\nb@example.org"},
			want: map[string][]string{leads[1]: {"a@example.org", "b@example.org"}}},
		{name: "header by an alias", cells: map[string]any{"B1": "E-mail address", "B2": "chair@example.org"},
			want: map[string][]string{leads[0]: {"chair@example.org"}}},
		{name: "a lead listed twice keeps the addresses of both rows",
			cells: map[string]any{"B2": "chair@example.org", "A5": strings.ToUpper(leads[0]), "B5": "chair@example.org; office@example.org"},
			want:  map[string][]string{leads[0]: {"chair@example.org", "office@example.org"}}},
		{name: "bad", cells: map[string]any{"B2": "chair at example.org"},
			problem: &wantProblem{"Leads", "B2", Error, ErrBadEmail},
			message: `Leads!B2: "chair at example.org" is not an email address`},
		{name: "bad among several", cells: map[string]any{"B4": "nurse@nhs.example; Lead Nurse"},
			problem: &wantProblem{"Leads", "B4", Error, ErrBadEmail},
			message: `Leads!B4: "Lead Nurse" is not an email address`},
		{name: "separated by commas", cells: map[string]any{"B3": "a@example.org, b@example.org"},
			problem: &wantProblem{"Leads", "B3", Error, ErrBadEmail},
			message: `Leads!B3: "a@example.org, b@example.org" is not one email address; separate several with ;`},
	}
	canonical := writeBytes(t, testPlan())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := edit(t, canonical, func(f *excelize.File) {
				for cell, v := range tt.cells {
					setCell(t, f, "Leads", cell, v)
				}
			})
			p, problems, err := readBytes(t, b, Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if tt.problem != nil {
				checkProblems(t, problems, []wantProblem{*tt.problem})
				if !strings.Contains(problems[0].Error(), tt.message) {
					t.Errorf("message = %q, want it to contain %q", problems[0].Error(), tt.message)
				}
				return
			}
			if len(problems) > 0 {
				t.Fatalf("problems:\n%v", problems)
			}
			if !reflect.DeepEqual(p.LeadEmails, tt.want) {
				t.Errorf("LeadEmails = %#v, want %#v", p.LeadEmails, tt.want)
			}
		})
	}
}

// TestReturnedColumns reads the Updates sheet's Returned By and Returned
// On columns, by their names or aliases, and checks Returned On's date.
func TestReturnedColumns(t *testing.T) {
	on := plan.Date(2019, time.July, 24)
	tests := []struct {
		name    string
		cells   map[string]any // Updates sheet cells to set
		want    plan.Update    // the first update's ReturnedBy and ReturnedOn
		problem *wantProblem
	}{
		{name: "blank"},
		{name: "written", cells: map[string]any{"E2": " Independent  Chair of the CPC ", "F2": "24/07/2019"},
			want: plan.Update{ReturnedBy: "Independent Chair of the CPC", ReturnedOn: on}},
		{name: "by aliases, a date cell", cells: map[string]any{"E1": "From", "F1": "Date returned", "E2": "Lead Nurse", "F2": 43670},
			want: plan.Update{ReturnedBy: "Lead Nurse", ReturnedOn: on}},
		{name: "impossible date", cells: map[string]any{"E2": "Lead Nurse", "F2": "31/06/2019"},
			problem: &wantProblem{"Updates", "F2", Error, ErrBadDate}},
	}
	canonical := writeBytes(t, testPlan())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := edit(t, canonical, func(f *excelize.File) {
				for cell, v := range tt.cells {
					setCell(t, f, "Updates", cell, v)
				}
			})
			p, problems, err := readBytes(t, b, Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if tt.problem != nil {
				checkProblems(t, problems, []wantProblem{*tt.problem})
				return
			}
			if len(problems) > 0 {
				t.Fatalf("problems:\n%v", problems)
			}
			u := p.Updates[0]
			if u.ReturnedBy != tt.want.ReturnedBy || !u.ReturnedOn.Equal(tt.want.ReturnedOn) {
				t.Errorf("update 1.1 returned by %q on %v, want %q on %v", u.ReturnedBy, u.ReturnedOn, tt.want.ReturnedBy, tt.want.ReturnedOn)
			}
			for _, u := range p.Updates[1:] {
				if u.ReturnedBy != "" || !u.ReturnedOn.IsZero() {
					t.Errorf("update %s returned by %q on %v, want blanks", u.Action, u.ReturnedBy, u.ReturnedOn)
				}
			}
		})
	}
}

// TestWithoutRoundColumns reads a workbook written before the update
// round, without the Email, Returned By and Returned On columns: the plan
// is the one it always was, with no addresses at all (nil, not empty).
func TestWithoutRoundColumns(t *testing.T) {
	b := edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		must(t, f.RemoveCol("Leads", "B"))
		must(t, f.RemoveCol("Updates", "F"))
		must(t, f.RemoveCol("Updates", "E"))
	})
	got, problems, err := readBytes(t, b, Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v\n%v", err, problems)
	}
	if got.LeadEmails != nil {
		t.Errorf("LeadEmails = %#v, want nil", got.LeadEmails)
	}
	if !samePlan(got, testPlan()) {
		t.Errorf("got %+v, want %+v", got, testPlan())
	}
}

// TestUnconfirmed checks the warning about an update carried forward and
// confirmed by nobody, once the round of the report point checked has
// begun.
func TestUnconfirmed(t *testing.T) {
	// roundPlan is the test plan rolled to Year 2: each open action's
	// update carried forward, 1.1 rated Amber (it is overdue by then).
	roundPlan := func(change func(p *plan.Plan)) *plan.Plan {
		p := testPlan()
		p.Reports = append(p.Reports, year2Point)
		for _, u := range p.Updates {
			if u.Action != "10.1" {
				u.Date = year2
				if u.Action == "1.1" {
					u.RAG = "A"
				}
				p.Updates = append(p.Updates, u)
			}
		}
		change(p) // p.Updates[4:] are 1.1, 2.1, 10.2 at Year 2
		return p
	}
	returned := func(i int, text string) func(p *plan.Plan) {
		return func(p *plan.Plan) {
			u := &p.Updates[4+i]
			u.ReturnedBy, u.ReturnedOn = p.Actions[0].Leads[0], year2.AddDate(0, 0, -3)
			if text != "" {
				u.Text = text
			}
		}
	}
	both := func(changes ...func(p *plan.Plan)) func(p *plan.Plan) {
		return func(p *plan.Plan) {
			for _, c := range changes {
				c(p)
			}
		}
	}
	tests := []struct {
		name  string
		plan  *plan.Plan
		asOf  time.Time
		cells []string // the Updates cells warned about
	}{
		{name: "round not begun", plan: roundPlan(func(*plan.Plan) {})},
		{name: "round begun", plan: roundPlan(returned(1, "Rolled out to all schools.")), cells: []string{"C6", "C8"}},
		{name: "returned with the same text", plan: roundPlan(returned(0, "")), cells: []string{"C7", "C8"}},
		{name: "a new text typed in", plan: roundPlan(both(returned(1, "New."), func(p *plan.Plan) { p.Updates[6].Text = "Typed." })),
			cells: []string{"C6"}},
		{name: "completed action", plan: roundPlan(both(returned(1, "New."), func(p *plan.Plan) {
			p.Actions[3].Completed = plan.Date(2020, time.July, 1)
			p.Updates[6].RAG = "G"
		})), cells: []string{"C6"}},
		{name: "an earlier report point checked", plan: roundPlan(returned(1, "New.")), asOf: year1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems, err := readBytes(t, writeBytes(t, tt.plan), Options{AsOf: tt.asOf})
			if err != nil || problems.HasErrors() {
				t.Fatalf("Read: %v\n%v", err, problems)
			}
			var cells []string
			for _, p := range problems {
				if !errors.Is(p, ErrUnconfirmed) {
					continue
				}
				cells = append(cells, p.Cell)
				if p.Severity != Warning || p.Sheet != "Updates" || !strings.Contains(p.Msg, "was carried forward from 31/07/2019 and not confirmed by its lead") {
					t.Errorf("problem %v (%v), want a warning saying the update was carried forward from 31/07/2019 and not confirmed by its lead", p, p.Severity)
				}
			}
			if !reflect.DeepEqual(cells, tt.cells) {
				t.Errorf("warned about Updates cells %v, want %v\n%v", cells, tt.cells, problems)
			}
		})
	}
}
