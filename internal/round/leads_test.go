package round

import (
	"slices"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
)

// returnAll marks every update at point of lead's open actions returned
// by lead.
func returnAll(p *plan.Plan, point time.Time, lead string) {
	for _, r := range Rows(p, point, lead) {
		for i, u := range p.Updates {
			if u.Action == r.Action.No && u.Date.Equal(point) {
				if p.Updates[i].ReturnedBy != "" {
					p.Updates[i].ReturnedBy += "; "
				}
				p.Updates[i].ReturnedBy += lead
				p.Updates[i].ReturnedOn = point
			}
		}
	}
}

func TestLate(t *testing.T) {
	base := rolledPlan()
	all := Leads(base, yearTwo)
	if len(all) < 3 {
		t.Fatalf("only %d leads", len(all))
	}
	coled := coLed(t, base, yearTwo)
	tests := []struct {
		name     string
		returned []string // leads who returned their forms
		partial  string   // a lead who returned all but one update
	}{
		{"nobody returned", nil, ""},
		{"everyone returned", all, ""},
		{"all but two", all[2:], ""},
		{"one co-lead of a shared action", []string{coled.Leads[0]}, ""},
		{"a form returned but one update missing", all[1:], all[1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rolledPlan()
			for _, l := range tt.returned {
				returnAll(p, yearTwo, l)
			}
			if tt.partial != "" {
				no := Rows(p, yearTwo, tt.partial)[0].Action.No
				for i, u := range p.Updates {
					if u.Action == no && u.Date.Equal(yearTwo) {
						p.Updates[i].ReturnedBy = ""
					}
				}
			}
			var want []string
			for _, l := range all {
				if !slices.Contains(tt.returned, l) || l == tt.partial {
					want = append(want, l)
				}
			}
			if tt.partial != "" { // its co-leads lost the update too
				no := Rows(p, yearTwo, tt.partial)[0].Action.No
				want = nil
				for _, l := range all {
					shares := false
					for _, r := range Rows(p, yearTwo, l) {
						shares = shares || r.Action.No == no
					}
					if !slices.Contains(tt.returned, l) || shares {
						want = append(want, l)
					}
				}
			}
			if got := Late(p, yearTwo); !slices.Equal(got, want) {
				t.Errorf("Late = %q\nwant   %q", got, want)
			}
		})
	}
}

func TestLeads(t *testing.T) {
	p := rolledPlan()
	got := Leads(p, yearTwo)
	var want []string
	for _, l := range p.Leads {
		for _, a := range p.Actions {
			if a.Open(yearTwo) && slices.Contains(a.Leads, l) {
				want = append(want, l)
				break
			}
		}
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("Leads = %q\nwant %q", got, want)
	}
	// A lead whose only actions are complete has no form.
	for _, a := range p.Actions {
		if !a.Open(yearTwo) {
			only := true
			for _, b := range p.Actions {
				if b.Open(yearTwo) && slices.Contains(b.Leads, a.Leads[0]) {
					only = false
				}
			}
			if only && slices.Contains(got, a.Leads[0]) {
				t.Errorf("%s has no open action but is listed", a.Leads[0])
			}
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ lead, want string }{
		{"Lead Nurse, Child Protection, NHS Tayside", "plan_2020-07-31_lead-nurse-child-protection-nhs-tayside.xlsx"},
		{"  Chief Midwife ", "plan_2020-07-31_chief-midwife.xlsx"},
		{"Service Manager (Children & Families)", "plan_2020-07-31_service-manager-children-families.xlsx"},
		{"Élodie Müller", "plan_2020-07-31_élodie-müller.xlsx"},
		{"—", "plan_2020-07-31_lead.xlsx"},
		{"Head of Service Perth and Kinross Council Children, Young People and Families Service",
			"plan_2020-07-31_head-of-service-perth-and-kinross.xlsx"},
		{"Lead Nurse (Named Person Service) Women Children", "plan_2020-07-31_lead-nurse-named-person-service-women.xlsx"},
	}
	for _, tt := range tests {
		if got := FileName("plan", yearTwo, tt.lead); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.lead, got, tt.want)
		}
	}
}

func TestPlanID(t *testing.T) {
	p := rolledPlan()
	id := PlanID(p)
	// printf 'CPC Improvement Plan 2018 – 2020\n2018-10-03' | sha256sum | cut -c1-16
	if id != "478814f7b2eacd8b" {
		t.Errorf("PlanID = %q, want 478814f7b2eacd8b", id)
	}
	q := rolledPlan()
	q.FirstPublished = q.FirstPublished.AddDate(0, 0, 1)
	if PlanID(q) == id {
		t.Error("two plans published on different days share an ID")
	}
	q = rolledPlan()
	q.Title += " (copy)"
	if PlanID(q) == id {
		t.Error("two plans of different titles share an ID")
	}
}

// TestReturnedCoLead: a co-led update returned by one lead is not the
// other's return.
func TestReturnedCoLead(t *testing.T) {
	point := yearTwo
	p := &plan.Plan{Title: "Plan", Reports: []plan.ReportPoint{{Date: point, Name: "Year 2"}}, Leads: []string{"A", "B", "C"},
		Actions: []plan.Action{
			{No: "1.1", Leads: []string{"A", "B"}},
			{No: "1.2", Leads: []string{"A"}},
			{No: "1.3", Leads: []string{"C"}, Completed: yearOne},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: point, Text: "x", ReturnedBy: "A"},
			{Action: "1.2", Date: point, Text: "y", ReturnedBy: "A"},
			{Action: "1.3", Date: yearOne, Text: "done"},
		},
	}
	if got := Late(p, point); !slices.Equal(got, []string{"B"}) {
		t.Errorf("Late = %q, want [B]: A returned the shared update, not B", got)
	}
	p.Updates[0].ReturnedBy = "A; B"
	if got := Late(p, point); len(got) != 0 {
		t.Errorf("Late = %q after both returned", got)
	}
	p.Updates[1].ReturnedBy = ""
	if got := Late(p, point); !slices.Equal(got, []string{"A"}) {
		t.Errorf("Late = %q, want [A]: A's own 1.2 not returned", got)
	}
}
