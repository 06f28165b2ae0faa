package report_test

import (
	"slices"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestAxis checks the chart's axis: its step is 1, 2 or 5 times a power of
// ten, at most ten steps; its last label is at or past the longest bar.
func TestAxis(t *testing.T) {
	for _, tt := range []struct{ longest, max, step int }{
		{0, 0, 1}, {1, 1, 1}, {10, 10, 1}, {11, 12, 2}, {16, 16, 2}, {17, 18, 2}, {20, 20, 2},
		{21, 25, 5}, {50, 50, 5}, {51, 60, 10}, {100, 100, 10}, {101, 120, 20}, {10000, 10000, 1000}, {11000, 12000, 2000},
	} {
		c := report.Chart{Overall: []int{tt.longest}}
		got := c.Axis()
		if got != (report.Axis{Max: tt.max, Step: tt.step}) {
			t.Errorf("longest bar %d: axis %+v, want to %d every %d", tt.longest, got, tt.max, tt.step)
		}
		labels := got.Labels()
		if labels[len(labels)-1] != got.Max || got.Max < tt.longest || len(labels) > 11 {
			t.Errorf("longest bar %d: labels %v", tt.longest, labels)
		}
	}
}

// TestRowNo checks the No column's one rule, in the action table and the
// exceptions alike: the outcome's number on its first row in the table,
// the action's number leading its text, the completed line apart from the
// timescale.
func TestRowNo(t *testing.T) {
	r := sample.Report(report.Sections{Exceptions: true, Trends: true, Chart: true})
	var got []string
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for i := range o.Actions {
				var prev *report.Action
				if i > 0 {
					prev = &o.Actions[i-1]
				}
				row := r.Row(&o.Actions[i], prev)
				got = append(got, row.No+"|"+row.Text[:len(o.Actions[i].No)+1])
				if row.Timescale != o.Actions[i].Timescale {
					t.Errorf("action %s: timescale %q", o.Actions[i].No, row.Timescale)
				}
				if o.Actions[i].No == "6.1" && row.Completed != "Completed 17 January 2019" {
					t.Errorf("action 6.1: completed line %q", row.Completed)
				}
			}
		}
	}
	want := []string{"1|1.1:", "|1.2:", "2|2.1:", "|2.2:", "3|3.1:", "|3.2:", "4|4.1:", "|4.2:", "5|5.1:", "6|6.1:",
		"7|7.1:", "8|8.1:", "9|9.1:", "10|10.1:", "|10.2:", "11|11.1:", "12|12.1:"}
	if !slices.Equal(got, want) {
		t.Errorf("action rows (No|text) %q\nwant %q", got, want)
	}
	var ex []string
	var prev *report.Action
	for _, e := range r.Exceptions {
		row := r.Row(e.Action, prev)
		ex = append(ex, row.No+"|"+e.Action.No)
		prev = e.Action
	}
	if want := []string{"2|2.1", "|2.2", "3|3.1", "7|7.1", "8|8.1", "9|9.1", "10|10.1", "|10.2"}; !slices.Equal(ex, want) {
		t.Errorf("exception rows (No|action) %q\nwant %q", ex, want)
	}
}

// TestDocumentTitle checks the title every format gives its document.
func TestDocumentTitle(t *testing.T) {
	r := sample.Report(report.Sections{})
	if got, want := r.DocumentTitle(), "CPC Improvement Plan 2018 – 2020 – Year 1 Progress / Update Report @ 31 July 2019"; got != want {
		t.Errorf("DocumentTitle = %q, want %q", got, want)
	}
	if got, want := r.LegendTitle(), "RAG Legend – Red Amber Green"; got != want {
		t.Errorf("LegendTitle = %q, want %q", got, want)
	}
}
