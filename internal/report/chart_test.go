package report_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// roll adds the report point on day d to p as the roll command does, an
// update for every action open on d copied from its latest one (blank
// when it has none), and then fills it in as a coordinator might: every
// fifth open action completed on d, its update saying so, and a new action
// added on d, with no update yet.
func roll(p *plan.Plan, d time.Time, name string) {
	p.Reports = append(p.Reports, plan.ReportPoint{Date: d, Name: name})
	latest := map[string]plan.Update{}
	for _, u := range p.Updates {
		if last, ok := latest[u.Action]; !ok || u.Date.After(last.Date) {
			latest[u.Action] = u
		}
	}
	open := 0
	for i := range p.Actions {
		a := &p.Actions[i]
		if a.Added.After(d) || !a.Open(d) {
			continue
		}
		u := latest[a.No]
		u.Action, u.Date = a.No, d
		if open%5 == 2 {
			a.Completed, u.Text, u.RAG = d, "ACTION COMPLETED.", "G"
		}
		open++
		p.Updates = append(p.Updates, u)
	}
	o := p.Outcomes[len(p.Reports)%len(p.Outcomes)].Number
	p.Actions = append(p.Actions, plan.Action{No: o + "." + strconv.Itoa(90+len(p.Reports)), Outcome: o,
		Text: "an action added at " + name, Added: d})
}

// TestChartCountsTotal checks that "RAG at a glance" counts exactly what
// the summary's Total counts, at every report point of a plan rolled
// forward four times, with actions completed in earlier periods (which
// have no update at the later points) and actions given no RAG: the
// overall bar is the Total, its completed segment the summary's
// Completed, the scale the Total, and each outcome's bar counts every
// action its table lists.
func TestChartCountsTotal(t *testing.T) {
	p := sample.Large(60)
	for i := range 4 {
		d := p.Reports[len(p.Reports)-1].Date.AddDate(1, 0, 0)
		roll(p, d, fmt.Sprintf("Year %d Progress / Update Report", i+2))
	}
	earlier := 0 // actions completed before the point reported, seen there
	unrated := 0 // open actions given no RAG, seen at any point
	for _, point := range p.Reports {
		r, err := report.Build(p, point.Date, report.Options{Scale: rag.Default(), Sections: report.Sections{Chart: true, Trends: true}})
		if err != nil {
			t.Fatal(err)
		}
		sum := r.Summary[len(r.Summary)-1]
		c := r.Chart
		at := report.ShortDate(point.Date)
		if got := total(c.Overall); got != sum.Total || c.Scale() != sum.Total {
			t.Errorf("%s: the chart counts %d actions on a scale to %d; the summary's Total is %d", at, got, c.Scale(), sum.Total)
		}
		if got := count(c, c.Overall, report.SegmentCompleted); got != sum.Completed {
			t.Errorf("%s: the chart's completed segment is %d; the summary's Completed %d", at, got, sum.Completed)
		}
		unrated += count(c, c.Overall, report.SegmentNoRAG)
		if axis := c.Axis(); axis.Max < sum.Total || axis.Max%axis.Step != 0 {
			t.Errorf("%s: the axis %+v does not reach the Total %d at a step", at, axis, sum.Total)
		}
		if !strings.Contains(r.ChartNote(), "from 0 to "+strconv.Itoa(c.Axis().Max)+".") ||
			!strings.Contains(c.Description(), report.OverallLabel+": "+strconv.Itoa(sum.Total)+" action") {
			t.Errorf("%s: the note or description does not give the Total %d:\n%s\n%s", at, sum.Total, r.ChartNote(), c.Description())
		}
		i := 0
		for _, th := range r.Themes {
			for _, o := range th.Outcomes {
				row := c.Rows[i]
				i++
				if got := total(row.Counts); got != len(o.Actions) {
					t.Errorf("%s: %s counts %d actions; its table lists %d", at, row.Label, got, len(o.Actions))
				}
				if !strings.Contains(c.Description(), row.Label+": "+c.Figures(row.Counts)+".") {
					t.Errorf("%s: the description lacks %s's figures", at, row.Label)
				}
				for _, a := range o.Actions {
					if a.Completed() && a.CompletedOn.Before(point.Date) {
						earlier++
					}
				}
			}
		}
		if i != len(c.Rows) {
			t.Errorf("%s: %d bars for %d outcomes", at, len(c.Rows), i)
		}
	}
	if earlier == 0 || unrated == 0 {
		t.Errorf("%d actions completed in an earlier period, %d given no RAG: the plan does not test what it is for", earlier, unrated)
	}
}

func total(counts []int) int {
	n := 0
	for _, k := range counts {
		n += k
	}
	return n
}

// count is the count of the segment of kind k in counts, 0 when the chart
// has no such segment.
func count(c report.Chart, counts []int, k report.SegmentKind) int {
	for i, s := range c.Segments {
		if s.Kind == k {
			return counts[i]
		}
	}
	return 0
}
