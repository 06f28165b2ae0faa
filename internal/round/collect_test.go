package round

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/workbook"
)

// parseTestForm reads form bytes as saved at mod, failing on an error.
func parseTestForm(t testing.TB, b []byte, name string, mod time.Time) *Form {
	t.Helper()
	f, problems, err := ParseForm(b, name, mod, ReadOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("ParseForm %s: %v %v", name, err, problems)
	}
	return f
}

func mustCollect(t testing.TB, p *plan.Plan, forms ...*Form) Result {
	t.Helper()
	res, err := Collect(p, forms, CollectOptions{})
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	return res
}

func TestCollect(t *testing.T) {
	p := plantest.Plan()
	chairForm := buildTestForm(t, p, plantest.Year1, chair).fill(t, map[string]map[string]any{
		"1.1":  {"Update": "Workshop held.", "RAG": "G"},
		"10.2": {"Completed": "30/06/2019", "RAG": "G"}, // the pre-filled update left as it was
	})
	res := mustCollect(t, p, parseTestForm(t, chairForm, "chair.xlsx", testMod))
	day := plan.Date(2020, time.August, 3)
	want := []planbook.Returned{
		{Action: "1.1", Text: "Workshop held.", RAG: "G", ReturnedBy: chair, ReturnedOn: day},
		{Action: "10.2", Text: "Being monitored.", RAG: "G", Completed: plan.Date(2019, time.June, 30), ReturnedBy: chair, ReturnedOn: day},
	}
	if !reflect.DeepEqual(res.Returned, want) {
		t.Errorf("Returned:\n got %+v\nwant %+v", res.Returned, want)
	}
	if len(res.Problems) > 0 || len(res.Conflicts) > 0 {
		t.Errorf("problems %v, conflicts %v", res.Problems, res.Conflicts)
	}
	wantLeads := []LeadStatus{{Lead: chair, Returned: true, Forms: []string{"chair.xlsx"}}, {Lead: piwg}, {Lead: nurse}}
	if !reflect.DeepEqual(res.Leads, wantLeads) || !reflect.DeepEqual(res.Awaiting, []string{"2.1"}) {
		t.Errorf("leads %+v, awaiting %v", res.Leads, res.Awaiting)
	}
}

// TestCollectCells: a cell that is wrong is a problem, in validate's words
// where validate has them; the rest of the form is still collected.
func TestCollectCells(t *testing.T) {
	p := plantest.Plan()
	tests := []struct {
		name  string
		lead  string
		cells map[string]map[string]any
		extra [][2]string // rows added under the form's: No, Update
		want  string
		kind  error
		kept  []string // the actions still collected
	}{
		{"completed after the point", chair, map[string]map[string]any{"1.1": {"Completed": "01/08/2019"}},
			nil, "chair.xlsx: Update form!J9: action 1.1 is marked completed on 01/08/2019, after the report point of 31/07/2019; a completion after it belongs to the next report",
			ErrCompletedAfterPoint, []string{"1.1", "10.2"}},
		{"completed before added", chair, map[string]map[string]any{"10.2": {"Completed": "01/01/2019"}},
			nil, "chair.xlsx: Update form!J10: action 10.2 is marked completed on 01/01/2019, before it was added on 01/05/2019",
			workbook.ErrCompletedBeforeAdded, []string{"1.1", "10.2"}},
		{"not this lead's", nurse, nil, [][2]string{{"1.1", "I did this too."}},
			"chair.xlsx: Update form!A10: action 1.1 is not one of Lead Nurse, Child Protection, NHS Tayside's actions on this form (its leads are Independent Chair of the CPC), so its row is not collected",
			ErrNotLeadsAction, []string{"2.1"}},
		{"unknown action", nurse, nil, [][2]string{{"9.9", "A new one."}},
			"chair.xlsx: Update form!A10: there is no action 9.9 in the Actions sheet",
			workbook.ErrUnknownAction, []string{"2.1"}},
		{"blank update", chair, map[string]map[string]any{"1.1": {"Update": ""}},
			nil, "chair.xlsx: Update form!H9: the Update of action 1.1 is blank, so nothing of its row is collected; the update already in the plan stays",
			ErrBlankUpdate, []string{"10.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tf := buildTestForm(t, p, plantest.Year1, tt.lead)
			cells := tt.cells
			if cells == nil {
				cells = map[string]map[string]any{}
			}
			b := tf.fill(t, cells)
			if len(tt.extra) > 0 {
				for i, e := range tt.extra {
					no := fmt.Sprintf("extra%d", i)
					tf.rows[no] = testHeaderRow + 1 + len(tf.rows)
					tf.bytes = b
					b = tf.fill(t, map[string]map[string]any{no: {"No": e[0], "Update": e[1]}})
				}
			}
			res := mustCollect(t, p, parseTestForm(t, b, "chair.xlsx", testMod))
			if len(res.Problems) != 1 || res.Problems[0].Error() != tt.want || !errors.Is(res.Problems[0], tt.kind) {
				t.Fatalf("problems %v\nwant %s", res.Problems, tt.want)
			}
			var kept []string
			for _, r := range res.Returned {
				kept = append(kept, r.Action)
				if !r.Completed.IsZero() {
					t.Errorf("action %s: a Completed date refused is collected: %v", r.Action, r.Completed)
				}
			}
			if !reflect.DeepEqual(kept, tt.kept) {
				t.Errorf("collected %v, want %v", kept, tt.kept)
			}
		})
	}
}

// TestCollectRefused: a form of another plan, report point or lead is one
// sentence, and nothing is collected.
func TestCollectRefused(t *testing.T) {
	p := plantest.Plan()
	good := parseTestForm(t, buildTestForm(t, p, plantest.Year1, chair).bytes, "chair.xlsx", testMod)
	other := plantest.Plan()
	other.Title = "Another Improvement Plan"
	earlier := plantest.Plan()
	earlier.Updates = append(earlier.Updates, plan.Update{Action: "1.1", Date: plantest.Published, Text: "Started."})
	stranger := plantest.Plan()
	stranger.Leads = append(stranger.Leads, "A Stranger")
	stranger.Actions[0].Leads = []string{"A Stranger"}
	tests := []struct {
		name string
		form *Form
		want error
		says string
	}{
		{"other plan", parseTestForm(t, buildTestForm(t, other, plantest.Year1, chair).bytes, "other.xlsx", testMod), ErrOtherPlan,
			`other.xlsx is a form for the plan "Another Improvement Plan"`},
		{"other point", parseTestForm(t, buildTestForm(t, earlier, plantest.Published, chair).bytes, "old.xlsx", testMod), ErrOtherPoint,
			"old.xlsx is the form for the report point of 03/10/2018, not for 31/07/2019, the report point collected"},
		{"unknown lead", parseTestForm(t, buildTestForm(t, stranger, plantest.Year1, "A Stranger").bytes, "stranger.xlsx", testMod), ErrUnknownLead,
			`stranger.xlsx is the form of "A Stranger", who is not a lead`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Collect(p, []*Form{good, tt.form}, CollectOptions{})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Collect: %v; want %v saying %q in one sentence", err, tt.want, tt.says)
			}
			if len(res.Returned) > 0 {
				t.Errorf("collected %v from a refused set of forms", res.Returned)
			}
		})
	}
}

// TestCollectCoLeads: co-leads' different updates are both kept, each
// point marked with its lead, with a warning; alike, they are one.
func TestCollectCoLeads(t *testing.T) {
	p := plantest.Plan()
	form := func(lead, update, rag string) *Form {
		cells := map[string]map[string]any{"2.1": {"Update": update, "RAG": rag}}
		return parseTestForm(t, buildTestForm(t, p, plantest.Year1, lead).fill(t, cells), lead+".xlsx", testMod)
	}
	sent := "App introduced;\nExpress App introduced in January 2019."
	tests := []struct {
		name      string
		forms     []*Form
		text, rag string
		warnings  int
	}{
		{"differ", []*Form{form(nurse, "Nurses trained.", "A"), form(piwg, "Reach doubled.\nSchools next.", "R")},
			piwg + ": Reach doubled.\n" + piwg + ": Schools next.\n" + nurse + ": Nurses trained.", "R", 2},
		{"alike", []*Form{form(nurse, "Reach doubled.", "A"), form(piwg, "Reach doubled.", "A")}, "Reach doubled.", "A", 0},
		{"one left it as sent", []*Form{form(nurse, sent, "A"), form(piwg, "Reach doubled.", "A")}, "Reach doubled.", "A", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustCollect(t, p, tt.forms...)
			if len(res.Returned) != 1 {
				t.Fatalf("Returned: %+v", res.Returned)
			}
			r := res.Returned[0]
			if r.Text != tt.text || r.RAG != tt.rag || r.ReturnedBy != piwg+"; "+nurse {
				t.Errorf("got %q %q by %q\nwant %q %q", r.Text, r.RAG, r.ReturnedBy, tt.text, tt.rag)
			}
			if len(res.Problems) != tt.warnings {
				t.Errorf("problems: %v", res.Problems)
			}
			for _, p := range res.Problems {
				if p.Severity != workbook.Warning || !errors.Is(p, ErrCoLeadsDiffer) {
					t.Errorf("problem %v: want a co-leads warning", p)
				}
			}
			for _, l := range res.Leads {
				if !l.Returned && l.Lead != chair {
					t.Errorf("lead %s not returned", l.Lead)
				}
			}
		})
	}
}

// TestCollectConflict: an update the coordinator changed in the workbook
// after the form was sent is not overwritten by a lead's change; a lead
// who left the pre-filled text leaves the coordinator's change.
func TestCollectConflict(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	changed := plantest.Plan()
	changed.Updates[0].Text = "Measures mapped; the coordinator's words."
	lead := parseTestForm(t, tf.fill(t, map[string]map[string]any{"1.1": {"Update": "The lead's words."}}), "chair.xlsx", testMod)
	res := mustCollect(t, changed, lead)
	if len(res.Conflicts) != 1 {
		t.Fatalf("conflicts: %v", res.Conflicts)
	}
	c := res.Conflicts[0]
	want := `chair.xlsx: Update form!H9: conflict: action 1.1's update was changed in the workbook after the form was sent, and Independent Chair of the CPC changed it too; ` +
		`the workbook's is kept: settle it by hand (workbook: "Measures mapped; the coordinator's words." G; Independent Chair of the CPC: "The lead's words." G)`
	if c.Error() != want {
		t.Errorf("conflict:\n got %s\nwant %s", c.Error(), want)
	}
	for _, r := range res.Returned {
		if r.Action == "1.1" {
			t.Errorf("a conflicting update is collected: %+v", r)
		}
	}
	if !reflect.DeepEqual(res.Awaiting, []string{"2.1"}) {
		t.Errorf("awaiting %v, want [2.1]: a conflict is listed as a conflict, not as awaiting", res.Awaiting)
	}

	unchanged := parseTestForm(t, tf.bytes, "chair.xlsx", testMod)
	res = mustCollect(t, changed, unchanged)
	if len(res.Conflicts) != 0 || len(res.Returned) != 2 || res.Returned[0].Text != changed.Updates[0].Text {
		t.Errorf("a lead who changed nothing: conflicts %v, returned %+v", res.Conflicts, res.Returned)
	}
}

// TestCollectTwice: collecting the forms again, into the plan the first
// collection wrote, decides the same, and so changes nothing.
func TestCollectTwice(t *testing.T) {
	p := plantest.Plan()
	forms := []*Form{
		parseTestForm(t, buildTestForm(t, p, plantest.Year1, chair).fill(t, map[string]map[string]any{"1.1": {"Update": "Workshop held.", "RAG": "A"}}), "chair.xlsx", testMod),
		parseTestForm(t, buildTestForm(t, p, plantest.Year1, nurse).fill(t, map[string]map[string]any{"2.1": {"Update": "Nurses trained."}}), "nurse.xlsx", testMod),
		parseTestForm(t, buildTestForm(t, p, plantest.Year1, piwg).fill(t, map[string]map[string]any{"2.1": {"Update": "Reach doubled."}}), "piwg.xlsx", testMod),
	}
	first := mustCollect(t, p, forms...)
	merged := applyReturned(p, first.Returned)
	second := mustCollect(t, merged, forms...)
	if !reflect.DeepEqual(first.Returned, second.Returned) || len(second.Conflicts) > 0 {
		t.Errorf("second collection differs:\n first %+v\nsecond %+v\nconflicts %v", first.Returned, second.Returned, second.Conflicts)
	}
	if again := applyReturned(merged, second.Returned); !reflect.DeepEqual(again, merged) {
		t.Errorf("the second collection changes the plan")
	}
}

// applyReturned is what planbook.Merge does to the plan, for these tests.
func applyReturned(p *plan.Plan, returned []planbook.Returned) *plan.Plan {
	out := *p
	out.Updates = append([]plan.Update(nil), p.Updates...)
	out.Actions = append([]plan.Action(nil), p.Actions...)
	latest, _ := p.Latest()
	for _, r := range returned {
		found := false
		for i := range out.Updates {
			if u := &out.Updates[i]; u.Action == r.Action && u.Date.Equal(latest.Date) {
				u.Text, u.ReturnedBy, u.ReturnedOn, found = r.Text, r.ReturnedBy, r.ReturnedOn, true
				if r.RAG != "" {
					u.RAG = r.RAG
				}
			}
		}
		if !found {
			out.Updates = append(out.Updates, plan.Update{Action: r.Action, Date: latest.Date, Text: r.Text, RAG: r.RAG, ReturnedBy: r.ReturnedBy, ReturnedOn: r.ReturnedOn})
		}
		for i := range out.Actions {
			if out.Actions[i].No == r.Action && !r.Completed.IsZero() {
				out.Actions[i].Completed = r.Completed
			}
		}
	}
	return &out
}

// TestCollectTwoForms: a lead's two forms that differ: the one saved last
// is collected, with a warning naming both; two alike are one.
func TestCollectTwoForms(t *testing.T) {
	p := plantest.Plan()
	tf := buildTestForm(t, p, plantest.Year1, chair)
	early := parseTestForm(t, tf.fill(t, map[string]map[string]any{"1.1": {"Update": "First draft."}}), "a/chair.xlsx", testMod)
	late := parseTestForm(t, tf.fill(t, map[string]map[string]any{"1.1": {"Update": "Final words."}}), "b/chair.xlsx", testMod.Add(48*time.Hour))
	copyOfLate := parseTestForm(t, tf.fill(t, map[string]map[string]any{"1.1": {"Update": "Final words."}}), "c/chair.xlsx", testMod.Add(time.Hour))
	for _, order := range [][]*Form{{early, late}, {late, early}} {
		res := mustCollect(t, p, order...)
		if len(res.Returned) != 2 || res.Returned[0].Text != "Final words." || !res.Returned[0].ReturnedOn.Equal(plan.Date(2020, time.August, 5)) {
			t.Errorf("returned %+v", res.Returned)
		}
		if len(res.Problems) != 1 || !errors.Is(res.Problems[0], ErrTwoForms) ||
			res.Problems[0].Error() != "b/chair.xlsx: Independent Chair of the CPC returned more than one form, with different content: a/chair.xlsx (saved 03/08/2020 10:00) and b/chair.xlsx (saved 05/08/2020 10:00); the one saved last, b/chair.xlsx, is collected" {
			t.Errorf("problems: %v", res.Problems)
		}
	}
	res := mustCollect(t, p, late, copyOfLate)
	if len(res.Problems) != 0 || res.Returned[0].Text != "Final words." {
		t.Errorf("two forms alike: %v %+v", res.Problems, res.Returned)
	}
}

// BenchmarkCollect1000 reads and collects the forms of 100 leads for a
// plan of 1,000 actions; the target is under 2 s.
func BenchmarkCollect1000(b *testing.B) {
	p := benchPlan(1000, 100)
	latest, _ := p.Latest()
	forms := make([][]byte, len(p.Leads))
	for i, lead := range p.Leads {
		tf := buildTestForm(b, p, latest.Date, lead)
		cells := map[string]map[string]any{}
		for no := range tf.rows {
			cells[no] = map[string]any{"Update": "Progress at " + no + ".\nNext steps agreed.", "RAG": "A"}
		}
		forms[i] = tf.fill(b, cells)
	}
	b.ResetTimer()
	for b.Loop() {
		read := make([]*Form, len(forms))
		for i, form := range forms {
			f, _, err := ParseForm(form, fmt.Sprintf("form%d.xlsx", i), testMod, ReadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			read[i] = f
		}
		res, err := Collect(p, read, CollectOptions{})
		if err != nil || len(res.Returned) == 0 {
			b.Fatal(err, len(res.Returned))
		}
	}
}

// benchPlan is a plan of n actions spread over leads leads, every tenth
// co-led, with an update of each at the latest point.
func benchPlan(n, leads int) *plan.Plan {
	p := plantest.Plan()
	p.Leads, p.Actions, p.Updates = nil, nil, nil
	latest, _ := p.Latest()
	for i := range leads {
		p.Leads = append(p.Leads, fmt.Sprintf("Lead %03d", i+1))
	}
	for i := range n {
		no := fmt.Sprintf("%d.%d", i/10+1, i%10+1)
		a := plan.Action{No: no, Outcome: fmt.Sprint(i/10 + 1), Text: "Action " + no, Leads: []string{p.Leads[i%leads]}, Timescale: "Ongoing", Added: p.FirstPublished}
		if i%10 == 0 {
			a.Leads = append(a.Leads, p.Leads[(i+1)%leads])
		}
		p.Actions = append(p.Actions, a)
		p.Updates = append(p.Updates, plan.Update{Action: no, Date: latest.Date, Text: "Carried forward for " + no + ".", RAG: "G"})
	}
	return p
}
