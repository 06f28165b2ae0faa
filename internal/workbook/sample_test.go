package workbook_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/sample"
	. "github.com/planreport/planreport/internal/workbook"
)

// TestSampleRoundTrip writes the seed's plan and reads it back: the same
// plan, no errors, and only the three overdue-Green warnings the seed
// report itself carries (2.1, 2.2 and 7.1).
func TestSampleRoundTrip(t *testing.T) {
	want := sample.Plan()
	got, problems, err := readBytes(t, writeBytes(t, want), Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if problems.HasErrors() {
		t.Fatalf("errors:\n%v", problems.Errors())
	}
	var overdue []string
	for _, p := range problems {
		if !errors.Is(p, ErrOverdueGreen) {
			t.Errorf("unexpected warning: %v", p)
		}
		overdue = append(overdue, p.Cell)
	}
	if len(overdue) != 3 {
		t.Errorf("overdue-Green warnings at %v, want 3 (actions 2.1, 2.2 and 7.1):\n%v", overdue, problems)
	}
	for _, no := range []string{"2.1", "2.2", "7.1"} {
		if !strings.Contains(problems.Error(), "action "+no+" was due") {
			t.Errorf("no overdue-Green warning for action %s:\n%v", no, problems)
		}
	}
	if !samePlan(got, want) {
		t.Errorf("round trip changed the sample plan:\n got %+v\nwant %+v", got, want)
	}
}

// TestCells checks where the reader says each action's texts and each
// update's text were read from: in the written sample, action i is on row
// i+2 of Actions (No, Outcome, Action / Task, Strategic Lead, Timescale …)
// and update j on row j+2 of Updates (Action, Report Date, Progress /
// Update, RAG).
func TestCells(t *testing.T) {
	got, _, err := readBytes(t, writeBytes(t, sample.Plan()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := got.Actions[4]
	if want := (plan.Cells{Text: "Actions!C6", Leads: "Actions!D6", Timescale: "Actions!E6"}); a.Cells != want {
		t.Errorf("action %s read from %+v, want %+v", a.No, a.Cells, want)
	}
	if u := got.Updates[7]; u.Where != "Updates!C9" {
		t.Errorf("update of %s read from %q, want Updates!C9", u.Action, u.Where)
	}
}
