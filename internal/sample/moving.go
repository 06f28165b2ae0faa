package sample

import (
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// Moving returns a small plan reported at publication, year 1 and year 2,
// whose actions' RAG moves between year 1 and year 2 in each way a report
// tells apart, for tests of the trend marks. At year 2 (MovingReport):
//
//	1.1  Green at year 1, Red now          worse
//	1.2  Amber, Green now                  better
//	1.3  Amber, Amber now                  unchanged
//	1.4  Red, Amber now                    better
//	1.5  Green, Amber now                  worse
//	2.1  added after year 1, Green now     new
//	2.2  no RAG at year 1, Amber now       no trend
//	2.3  Green at year 1, no RAG now       no RAG, no trend
//
// No action is completed or overdue.
func Moving() *plan.Plan {
	published, year1, year2 := plan.Date(2020, time.April, 1), plan.Date(2021, time.March, 31), plan.Date(2022, time.March, 31)
	p := &plan.Plan{
		Title:          "Moving Improvement Plan 2020 – 2023",
		Organisation:   "Test Council Committee",
		FirstPublished: published,
		Reports: []plan.ReportPoint{
			{Date: published, Name: "Publication Date"},
			{Date: year1, Name: "Year 1 Progress / Update Report"},
			{Date: year2, Name: "Year 2 Progress / Update Report"},
		},
		Leads: []string{"Lead Officer"},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: "Theme 1: how good is our leadership?", Description: "Actions rated at both points"},
			{Number: "2", Theme: "Theme 1: how good is our leadership?", Description: "Actions rated at one point only"},
		},
		Maintenance: []plan.Task{{No: "1", Text: "Continue to improve.", Timescale: "Ongoing"}},
	}
	moves := []struct {
		no           string
		added        time.Time
		year1, year2 string // the RAG codes; "" for no update
	}{
		{"1.1", published, "G", "R"},
		{"1.2", published, "A", "G"},
		{"1.3", published, "A", "A"},
		{"1.4", published, "R", "A"},
		{"1.5", published, "G", "A"},
		{"2.1", plan.Date(2021, time.June, 1), "", "G"},
		{"2.2", published, "", "A"},
		{"2.3", published, "G", ""},
	}
	for _, m := range moves {
		p.Actions = append(p.Actions, plan.Action{No: m.no, Outcome: m.no[:1], Added: m.added,
			Text: "action " + m.no, Leads: p.Leads, Timescale: "By 31 March 2023", Due: plan.Date(2023, time.March, 31)})
		for _, u := range []plan.Update{{Date: year1, RAG: m.year1}, {Date: year2, RAG: m.year2}} {
			if u.RAG != "" {
				u.Action, u.Text = m.no, "progress on "+m.no+" at "+u.Date.Format("2006")
				p.Updates = append(p.Updates, u)
			}
		}
	}
	return p
}

// MovingReport is the report of Moving() at year 2, with the given
// optional sections and the default RAG scale.
func MovingReport(sections report.Sections) *report.Report {
	p := Moving()
	r, err := report.Build(p, p.Reports[2].Date, report.Options{Scale: rag.Default(), Sections: sections})
	if err != nil {
		panic("the moving plan has no report at year 2: " + err.Error())
	}
	return r
}
