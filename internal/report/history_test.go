package report_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// fivePoints is a plan reported at its publication and four progress
// reports, whose actions do at some point everything the history counts:
// rated, re-rated, updated with no RAG, not updated at all, completed at a
// report point and between two, and added between two points and on one.
func fivePoints() *plan.Plan {
	d := func(y int, m time.Month) time.Time { return plan.Date(y, m, 1) }
	p0, p1, p2, p3, p4 := d(2024, time.April), d(2024, time.October), d(2025, time.April), d(2025, time.October), d(2026, time.April)
	u := func(no string, at time.Time, ragCode string) plan.Update {
		return plan.Update{Action: no, Date: at, Text: "update of " + no, RAG: ragCode}
	}
	return &plan.Plan{
		Title:          "Five-Point Plan",
		FirstPublished: p0,
		Reports: []plan.ReportPoint{{Date: p0, Name: "Publication Date"}, {Date: p1, Name: "Six-Month Report"},
			{Date: p2, Name: "Year 1 Report"}, {Date: p3, Name: "18-Month Report"}, {Date: p4, Name: "Year 2 Report"}},
		Outcomes: []plan.Outcome{{Number: "1", Theme: "T"}, {Number: "2", Theme: "T"}, {Number: "3", Theme: "U"}},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Added: p0},
			{No: "1.2", Outcome: "1", Added: p0, Completed: plan.Date(2026, time.January, 15)},
			{No: "2.1", Outcome: "2", Added: p0, Completed: p1},
			{No: "2.2", Outcome: "2", Added: plan.Date(2025, time.January, 10)},
			{No: "3.1", Outcome: "3", Added: p3},
			{No: "3.2", Outcome: "3", Added: p0},
		},
		Updates: []plan.Update{
			u("1.1", p1, "G"), u("1.2", p1, "A"), u("2.1", p1, "G"),
			u("1.1", p2, "A"), u("1.2", p2, ""), u("3.2", p2, "G"),
			u("1.1", p3, "R"), u("1.2", p3, "G"), u("2.2", p3, "A"), u("3.1", p3, "R"), u("3.2", p3, "G"),
			u("1.1", p4, "A"), u("2.2", p4, "G"), u("3.1", p4, "G"), u("3.2", p4, "G"),
		},
	}
}

// TestHistory checks the figures of "RAG over time" against ones counted
// by hand: for the sample (from internal/sample/sample.go: seventeen
// actions, all added at publication, none updated there; at Year 1, 4.2
// and 6.1 completed, 3.1, 8.1, 9.1, 10.1 and 10.2 Amber, the other ten
// Green) and for fivePoints, at its last point and at its third.
func TestHistory(t *testing.T) {
	all := []string{"Red", "Amber", "Green", "Completed", "No RAG given"}
	five := fivePoints()
	tests := []struct {
		name     string
		p        *plan.Plan
		at       time.Time
		segments []string
		points   []string
		counts   [][]int // per point: Red, Amber, Green, Completed, No RAG given
	}{
		{"sample", sample.Plan(), plan.Date(2019, time.July, 31), all,
			[]string{"Publication Date", "Year 1 Progress / Update Report"},
			[][]int{{0, 0, 0, 0, 17}, {0, 5, 10, 2, 0}}},
		{"five points", five, five.Reports[4].Date, all,
			[]string{"Publication Date", "Six-Month Report", "Year 1 Report", "18-Month Report", "Year 2 Report"},
			[][]int{
				{0, 0, 0, 0, 4}, // 1.1, 1.2, 2.1, 3.2: none updated yet
				{0, 1, 1, 1, 1}, // 1.1 G, 1.2 A, 2.1 completed on the day, 3.2 not updated
				{0, 1, 1, 1, 2}, // 1.1 A, 1.2 updated with no RAG, 2.1, 2.2 (added) not updated, 3.2 G
				{2, 1, 2, 1, 0}, // 1.1 R, 1.2 G, 2.1, 2.2 A, 3.1 (added on the day) R, 3.2 G
				{0, 1, 3, 2, 0}, // 1.1 A, 1.2 completed since, 2.1, 2.2 G, 3.1 G, 3.2 G
			}},
		{"five points at the third", five, five.Reports[2].Date, all,
			[]string{"Publication Date", "Six-Month Report", "Year 1 Report"},
			[][]int{{0, 0, 0, 0, 4}, {0, 1, 1, 1, 1}, {0, 1, 1, 1, 2}}},
		{"five points at publication", five, five.Reports[0].Date, []string{"Red", "Amber", "Green", "No RAG given"},
			[]string{"Publication Date"}, [][]int{{0, 0, 0, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := report.Build(tt.p, tt.at, report.Options{Scale: rag.Default(), Sections: report.Sections{History: true}})
			if err != nil {
				t.Fatal(err)
			}
			h := r.History
			var segments, points []string
			for _, s := range h.Chart.Segments {
				segments = append(segments, s.Name)
			}
			for _, p := range h.Points {
				points = append(points, p.Name)
			}
			var counts [][]int
			for _, row := range h.Chart.Rows {
				counts = append(counts, row.Counts)
			}
			if !reflect.DeepEqual(segments, tt.segments) || !reflect.DeepEqual(points, tt.points) || !reflect.DeepEqual(counts, tt.counts) {
				t.Errorf("history:\nsegments %q\npoints   %q\ncounts   %v\nwant\nsegments %q\npoints   %q\ncounts   %v",
					segments, points, counts, tt.segments, tt.points, tt.counts)
			}
			if h.Chart.Overall != nil {
				t.Errorf("history has an overall bar %v", h.Chart.Overall)
			}
			// The alternative text states every figure of every point.
			desc := h.Description()
			for i, p := range h.Points {
				want := p.Name + ", " + report.LongDate(p.Date) + ": " + h.Chart.Figures(tt.counts[i]) + "."
				if !strings.Contains(desc, want) {
					t.Errorf("description lacks %q:\n%s", want, desc)
				}
			}
		})
	}
}

// TestHistoryText checks the words of the sample's history: its columns,
// its bar labels, its note, and a description that gives each figure.
func TestHistoryText(t *testing.T) {
	h := sample.Report(report.Sections{History: true}).History
	if got, want := h.Columns(), []string{"Date", "Progress / Update Report", "Red", "Amber", "Green", "Completed",
		"No RAG given", "Total Actions / Tasks"}; !reflect.DeepEqual(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	if got := []string{h.Chart.Rows[0].Label, h.Chart.Rows[1].Label}; !reflect.DeepEqual(got, []string{"03/10/2018", "31/07/2019"}) {
		t.Errorf("bar labels %q", got)
	}
	if h.Total(0) != 17 || h.Total(1) != 17 || h.Chart.Scale() != 17 {
		t.Errorf("totals %d, %d on a scale to %d; want 17, 17, 17", h.Total(0), h.Total(1), h.Chart.Scale())
	}
	wantNote := "Every action / task at each report point from 3 October 2018 to 31 July 2019, counted as in RAG at a glance: " +
		"open ones by RAG, completed ones on their own; every bar on one scale from 0 to 18."
	if h.Note() != wantNote {
		t.Errorf("note %q\nwant %q", h.Note(), wantNote)
	}
	wantDesc := "Bar chart of the number of actions / tasks at each report point, open ones by RAG, completed ones on their own, " +
		"on one scale from 0 to 18. Publication Date, 3 October 2018: 17 actions / tasks – Red 0, Amber 0, Green 0, Completed 0, " +
		"No RAG given 17. Year 1 Progress / Update Report, 31 July 2019: 17 actions / tasks – Red 0, Amber 5, Green 10, " +
		"Completed 2, No RAG given 0."
	if h.Description() != wantDesc {
		t.Errorf("description %q\nwant %q", h.Description(), wantDesc)
	}
}

// TestHistoryIsEachPointsChart checks that each point of the history
// counts what the report at that point counts in its chart, segment by
// segment, for a large plan rolled forward four times.
func TestHistoryIsEachPointsChart(t *testing.T) {
	p := sample.Large(60)
	for i := range 4 {
		d := p.Reports[len(p.Reports)-1].Date.AddDate(1, 0, 0)
		roll(p, d, fmt.Sprintf("Year %d Progress / Update Report", i+2))
	}
	opt := report.Options{Scale: rag.Default(), Sections: report.Sections{Chart: true, History: true}}
	last, err := report.Build(p, p.Reports[len(p.Reports)-1].Date, opt)
	if err != nil {
		t.Fatal(err)
	}
	h := last.History
	if len(h.Chart.Rows) != len(p.Reports) {
		t.Fatalf("history of %d points, want %d", len(h.Chart.Rows), len(p.Reports))
	}
	for i, point := range p.Reports {
		r, err := report.Build(p, point.Date, opt)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for j, s := range r.Chart.Segments {
			want[s.Name] = r.Chart.Overall[j]
		}
		got := map[string]int{}
		for j, s := range h.Chart.Segments {
			if n := h.Chart.Rows[i].Counts[j]; n > 0 || want[s.Name] > 0 {
				got[s.Name] = n
			}
		}
		for name, n := range want {
			if n == 0 {
				delete(want, name)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: history counts %v, the chart there %v", point.Name, got, want)
		}
		if h.Total(i) != r.Summary[i].Total {
			t.Errorf("%s: history total %d, summary %d", point.Name, h.Total(i), r.Summary[i].Total)
		}
	}
}
