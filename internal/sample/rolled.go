package sample

import (
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// YearTwo is the second progress report's date of RolledPlan.
var YearTwo = plan.Date(2020, time.July, 31)

// RolledPlan is the seed's plan rolled forward to a second progress report
// on 31 July 2020 as the roll command leaves it: each action still open
// has an update there, its last one copied; 4.2 and 6.1, completed in the
// first year, have none.
func RolledPlan() *plan.Plan {
	p := Plan()
	p.Reports = append(p.Reports, plan.ReportPoint{Date: YearTwo, Name: "Year 2 Progress / Update Report"})
	for i, a := range p.Actions {
		if a.Open(YearTwo) {
			u := p.Updates[i] // updates() makes one per action, in order
			u.Date = YearTwo
			p.Updates = append(p.Updates, u)
		}
	}
	return p
}

// RolledReport is the report model of RolledPlan() at 31 July 2020, with
// the given optional sections and the default RAG scale.
func RolledReport(sections report.Sections) *report.Report {
	r, err := report.Build(RolledPlan(), YearTwo, report.Options{Scale: rag.Default(), Sections: sections})
	if err != nil {
		panic("the rolled sample plan has no report at 31 July 2020: " + err.Error())
	}
	return r
}
