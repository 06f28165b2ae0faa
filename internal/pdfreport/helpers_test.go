package pdfreport

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// allSections switches every optional part on.
var allSections = report.Sections{Exceptions: true, Trends: true, Chart: true, History: true}

// sampleReport builds the seed report.
func sampleReport(t testing.TB, sections report.Sections) *report.Report {
	t.Helper()
	return sample.Report(sections)
}

// render renders r and fails the test on error.
func render(t testing.TB, r *report.Report, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// generated builds a plan of n actions, ten to an outcome and five
// outcomes to a theme, each with an update of several points, and its
// report at the second report point. update, when not empty, replaces the
// first action's update.
func generated(t testing.TB, n int, update string) *report.Report {
	t.Helper()
	p := &plan.Plan{
		Title:          "Generated Improvement Plan 2020 – 2022",
		Organisation:   "Test Council Committee",
		FirstPublished: plan.Date(2020, time.April, 1),
		Leads:          []string{"Lead Officer Alpha", "Lead Officer Beta"},
		Reports: []plan.ReportPoint{
			{Date: plan.Date(2020, time.April, 1), Name: "Publication Date"},
			{Date: plan.Date(2021, time.March, 31), Name: "Year 1 Progress / Update Report"},
		},
	}
	codes := []string{"G", "A", "R", "G"}
	for i := 0; i < n; i++ {
		o := strconv.Itoa(i/10 + 1)
		if i%10 == 0 {
			p.Outcomes = append(p.Outcomes, plan.Outcome{Number: o,
				Theme:       fmt.Sprintf("Theme %d: how good is our work?", i/50+1),
				Description: fmt.Sprintf("outcome %s description, stated at some length so that it wraps", o)})
		}
		no := fmt.Sprintf("%s.%d", o, i%10+1)
		a := plan.Action{No: no, Outcome: o, Added: p.Reports[0].Date,
			Text:      fmt.Sprintf("action %s: develop and implement the arrangements for item %05d across all services and agencies", no, i),
			Leads:     []string{"Lead Officer Alpha", "Lead Officer Beta"}[:i%2+1],
			Timescale: "By 31 March 2022"}
		if i%7 == 3 {
			a.Completed = plan.Date(2021, time.January, 17)
		}
		p.Actions = append(p.Actions, a)
		text := fmt.Sprintf("point one of %05d – work in progress; point two of %05d, a longer point that "+
			"runs over more than one line of the update column; work in progress / ongoing", i, i)
		if i == 0 && update != "" {
			text = update
		}
		p.Updates = append(p.Updates,
			plan.Update{Action: no, Date: p.Reports[0].Date, RAG: codes[(i+1)%4]},
			plan.Update{Action: no, Date: p.Reports[1].Date, Text: text, RAG: codes[i%4]})
	}
	p.Maintenance = []plan.Task{{No: "1", Text: "Continue to improve.", Timescale: "Ongoing"}}
	r, err := report.Build(p, p.Reports[1].Date, report.Options{Scale: rag.Default(), Sections: allSections})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
