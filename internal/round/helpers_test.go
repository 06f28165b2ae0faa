package round

import (
	"bytes"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/sample"
)

var (
	yearOne = plan.Date(2019, time.July, 31)
	yearTwo = plan.Date(2020, time.July, 31)
)

// rolledPlan is the sample plan rolled forward to a second report point,
// as roll leaves it: every action open then carries its year 1 update.
func rolledPlan() *plan.Plan {
	p := sample.Plan()
	p.Reports = append(p.Reports, plan.ReportPoint{Date: yearTwo, Name: "Year 2 Progress / Update Report"})
	for _, a := range p.Actions {
		if !a.Open(yearTwo) {
			continue
		}
		for _, u := range p.Updates {
			if u.Action == a.No && u.Date.Equal(yearOne) {
				p.Updates = append(p.Updates, plan.Update{Action: a.No, Date: yearTwo, Text: u.Text, RAG: u.RAG})
			}
		}
	}
	return p
}

// coLed returns an action of p open at point with more than one lead.
func coLed(t *testing.T, p *plan.Plan, point time.Time) plan.Action {
	t.Helper()
	for _, a := range p.Actions {
		if a.Open(point) && len(a.Leads) > 1 {
			return a
		}
	}
	t.Fatal("the plan has no co-led open action")
	return plan.Action{}
}

// writeForm writes lead's form and returns its bytes.
func writeForm(t testing.TB, p *plan.Plan, point time.Time, lead string, opt FormOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteForm(&buf, p, point, lead, opt); err != nil {
		t.Fatalf("WriteForm: %v", err)
	}
	return buf.Bytes()
}
