package sample

import (
	"fmt"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
)

// Large returns a valid plan of n actions shaped like the seed's, for
// benchmarks and tests of size: ten actions to an outcome, five outcomes to
// a theme, texts as long as the seed's, one update of seven points per
// action at the first progress report, every seventh action completed and
// every eleventh overdue and Amber.
func Large(n int) *plan.Plan {
	published, year1 := plan.Date(2020, time.April, 1), plan.Date(2021, time.March, 31)
	p := &plan.Plan{
		Title:          "Large Improvement Plan 2020 – 2022",
		Organisation:   "Test Council Committee",
		FirstPublished: published,
		Reports: []plan.ReportPoint{
			{Date: published, Name: "Publication Date"},
			{Date: year1, Name: "Year 1 Progress / Update Report"},
		},
		Leads:       []string{"Independent Chair of the CPC", "CPC Inter-Agency Child Protection Coordinator", "Lead Nurse, Child Protection, NHS Tayside"},
		Maintenance: Plan().Maintenance,
	}
	rags := []string{"G", "G", "A", "G", "R"}
	for i := range n {
		outcome := fmt.Sprint(i/10 + 1)
		if i%10 == 0 {
			p.Outcomes = append(p.Outcomes, plan.Outcome{Number: outcome, Theme: fmt.Sprintf("Theme %d: how good is our work?", i/50+1),
				Description: "Children and young people are kept safe by effective multi-agency working, measure " + outcome})
		}
		no := fmt.Sprintf("%s.%d", outcome, i%10+1)
		a := plan.Action{No: no, Outcome: outcome, Added: published, Leads: p.Leads[i%2 : i%2+1+i%3%2],
			Text: "Develop and implement a consistent approach to inter-agency referral discussions (IRDs) to further improve " +
				"day-to-day culture and practice; improve information sharing, recording and decision making arrangements, " +
				"all of which provides better outcomes for children and young people, item " + no,
			Timescale: "By 31 March 2022", Due: plan.Date(2022, time.March, 31)}
		rag := rags[i%len(rags)]
		switch {
		case i%7 == 3:
			a.Completed, rag = plan.Date(2021, time.January, 17), "G"
		case i%11 == 5:
			a.Timescale, a.Due, rag = "By 31 December 2020", plan.Date(2020, time.December, 31), "A"
		}
		p.Actions = append(p.Actions, a)
		p.Updates = append(p.Updates, plan.Update{Action: no, Date: year1, RAG: rag, Text: largeUpdate(no)})
	}
	return p
}

// largeUpdate is an update of seven points, as long as the seed's.
func largeUpdate(no string) string {
	return strings.Join([]string{
		"Tayside Multi-Agency IRD Action Group and Action Plan – In Place",
		"Tayside Multi-Agency IRD Practitioner's Guidance: IRDs – Drafted",
		"Tayside wide OnLine Consultation – Underway from 4 July 2019 – Consultation Closes 30 September 2019",
		"Publication and Roll-Out of the Final Guidance to be supported by the Tayside Child Protection Learning and Development Group",
		"Post Implementation / Next Steps – To develop a multi-agency quality assurance and review process",
		"Action / Task " + no + " linked with the actions above and below",
		"Work in Progress / Ongoing.",
	}, "; ")
}
