package report

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

var (
	published = plan.Date(2018, 10, 3)
	year1     = plan.Date(2019, 7, 31)
	year2     = plan.Date(2020, 7, 31)
)

// threePoints is a small plan reported at publication, year 1 and year 2.
func threePoints() *plan.Plan {
	return &plan.Plan{
		Title:          "Test Plan 2018 – 2020",
		FirstPublished: published,
		Reports: []plan.ReportPoint{
			{Date: published, Name: "Publication Date"},
			{Date: year1, Name: "Year 1 Progress / Update Report"},
			{Date: year2, Name: "Year 2 Progress / Update Report"},
		},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: "Leadership", Description: "First"},
			{Number: "2", Theme: "Delivery", Description: "Second"},
			{Number: "3", Theme: "Leadership", Description: "Third"},
		},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Text: "a", Added: published, Due: plan.Date(2019, 3, 31)},
			{No: "1.2", Outcome: "1", Text: "b", Added: published, Completed: plan.Date(2019, 1, 17)},
			{No: "2.1", Outcome: "2", Text: "c", Added: published, Due: plan.Date(2020, 12, 31)},
			{No: "3.1", Outcome: "3", Text: "d", Added: plan.Date(2019, 9, 1), Completed: plan.Date(2020, 7, 31)},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: year1, Text: "one; two\nthree", RAG: "G"},
			{Action: "1.2", Date: year1, Text: "done", RAG: "G"},
			{Action: "2.1", Date: year1, Text: "slow", RAG: "A"},
			{Action: "1.1", Date: year2, Text: "late", RAG: "R"},
			{Action: "1.2", Date: year2, Text: "done", RAG: "G"},
			{Action: "2.1", Date: year2, Text: "better", RAG: "G"},
			{Action: "3.1", Date: year2, Text: "done", RAG: "G"},
		},
	}
}

func build(t *testing.T, p *plan.Plan, d time.Time) *Report {
	t.Helper()
	r, err := Build(p, d, Options{Scale: rag.Default(), Sections: Sections{Exceptions: true, Trends: true, Chart: true}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want []SummaryRow
	}{
		{"at publication", published, []SummaryRow{
			{Date: published, Name: "Publication Date", Total: 3, Completed: 0, Added: 3, Ongoing: 3},
		}},
		{"at year 1", year1, []SummaryRow{
			{Date: published, Name: "Publication Date", Total: 3, Completed: 0, Added: 3, Ongoing: 3},
			{Date: year1, Name: "Year 1 Progress / Update Report", Total: 3, Completed: 1, Added: 0, Ongoing: 2},
		}},
		{"at year 2, an action added and completed since", year2, []SummaryRow{
			{Date: published, Name: "Publication Date", Total: 3, Completed: 0, Added: 3, Ongoing: 3},
			{Date: year1, Name: "Year 1 Progress / Update Report", Total: 3, Completed: 1, Added: 0, Ongoing: 2},
			{Date: year2, Name: "Year 2 Progress / Update Report", Total: 4, Completed: 2, Added: 1, Ongoing: 2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := build(t, threePoints(), tt.at).Summary; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("summary\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestBuildUnknownPoint(t *testing.T) {
	_, err := Build(threePoints(), plan.Date(2019, 8, 1), Options{Scale: rag.Default()})
	if err == nil || !strings.Contains(err.Error(), "01/08/2019") {
		t.Errorf("Build at a day with no report point: error %v, want one naming 01/08/2019", err)
	}
}

// actions returns the report's actions by number.
func actions(r *Report) map[string]Action {
	m := map[string]Action{}
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				m[a.No] = a
			}
		}
	}
	return m
}

func TestTrend(t *testing.T) {
	tests := []struct {
		name   string
		at     time.Time
		action string
		want   Trend
	}{
		{"no RAG at publication to compare with", year1, "1.1", TrendNone},
		{"green to red is worse", year2, "1.1", TrendWorse},
		{"green to green is unchanged", year2, "1.2", TrendUnchanged},
		{"amber to green is better", year2, "2.1", TrendBetter},
		{"added since the previous point is new", year2, "3.1", TrendNew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := actions(build(t, threePoints(), tt.at))[tt.action].Trend; got != tt.want {
				t.Errorf("trend of %s = %q, want %q", tt.action, got.Word(), tt.want.Word())
			}
		})
	}
}

func TestThemesKeepWorkbookOrder(t *testing.T) {
	r := build(t, threePoints(), year1)
	var got []string
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			got = append(got, th.Name+"/"+o.Number)
		}
	}
	// Outcome 3 joins its theme's group; action 3.1, added later, is left
	// out at year 1 and so is its outcome.
	want := []string{"Leadership/1", "Delivery/2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("themes/outcomes = %v, want %v", got, want)
	}
	if r2 := build(t, threePoints(), year2); len(r2.Themes[0].Outcomes) != 2 {
		t.Errorf("at year 2 the Leadership theme has %d outcomes, want 2", len(r2.Themes[0].Outcomes))
	}
}

func TestActionRow(t *testing.T) {
	a := actions(build(t, threePoints(), year1))
	if got, want := a["1.1"].Points, []string{"one; two", "three"}; !reflect.DeepEqual(got, want) {
		t.Errorf("points = %q, want %q", got, want)
	}
	if !a["1.1"].Overdue || a["2.1"].Overdue || a["1.2"].Overdue {
		t.Errorf("overdue: 1.1 %v (want true), 2.1 %v, 1.2 %v (want false)", a["1.1"].Overdue, a["2.1"].Overdue, a["1.2"].Overdue)
	}
	if !a["1.2"].Completed() || a["1.1"].Completed() {
		t.Errorf("completed: 1.2 %v (want true), 1.1 %v (want false)", a["1.2"].Completed(), a["1.1"].Completed())
	}
	if got := a["1.1"].Label(); got != "1.1: a" {
		t.Errorf("label = %q", got)
	}
}

func TestExceptions(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want map[string][]string
	}{
		{"overdue green and amber", year1, map[string][]string{
			"1.1": {"Overdue: due 31 March 2019"},
			"2.1": {"RAG Amber"},
		}},
		{"red and overdue", year2, map[string][]string{
			"1.1": {"RAG Red", "Overdue: due 31 March 2019"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string][]string{}
			for _, e := range build(t, threePoints(), tt.at).Exceptions {
				got[e.Action.No] = e.Reasons
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("exceptions = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCompletedNotAnException: an action completed with an Amber update
// and past its due date is not listed under Exceptions: its RAG cell says
// Completed.
func TestCompletedNotAnException(t *testing.T) {
	p := threePoints()
	p.Actions[2].Completed = year1 // 2.1, rated Amber at year1
	p.Actions[2].Due = plan.Date(2019, 1, 1)
	for _, e := range build(t, p, year1).Exceptions {
		if e.Action.No == "2.1" {
			t.Errorf("completed action 2.1 listed under Exceptions: %q", e.Reasons)
		}
	}
}

// TestOverdueBoundary checks that an open action due on the report date
// is not yet overdue, and one due the day before is.
func TestOverdueBoundary(t *testing.T) {
	for _, tt := range []struct {
		name    string
		due     time.Time
		overdue bool
	}{
		{"due on the report date", year1, false},
		{"due the day before", year1.AddDate(0, 0, -1), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := threePoints()
			p.Actions[0].Due = tt.due // 1.1, open and rated Green at year1
			var reasons []string
			for _, e := range build(t, p, year1).Exceptions {
				if e.Action.No == "1.1" {
					reasons = e.Reasons
				}
			}
			if overdue := len(reasons) > 0 && strings.HasPrefix(reasons[0], "Overdue"); overdue != tt.overdue {
				t.Errorf("exception reasons %q; want overdue %v", reasons, tt.overdue)
			}
		})
	}
}

func TestChart(t *testing.T) {
	c := build(t, threePoints(), year2).Chart
	var names []string
	for _, s := range c.Segments {
		names = append(names, s.Name)
	}
	if want := []string{"Red", "Amber", "Green", "Completed"}; !reflect.DeepEqual(names, want) {
		t.Errorf("segments %q, want %q", names, want)
	}
	// 1.2, completed in year 1, and 3.1, completed at year 2 with a Green
	// update, are counted as completed; 1.1 is Red and 2.1 Green.
	if want := []int{1, 0, 1, 2}; !reflect.DeepEqual(c.Overall, want) {
		t.Errorf("overall R/A/G/completed = %v, want %v", c.Overall, want)
	}
	var labels []string
	for _, row := range c.Rows {
		labels = append(labels, row.Label)
	}
	if want := []string{"Outcome 1", "Outcome 3", "Outcome 2"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("chart rows = %v, want %v (in theme order)", labels, want)
	}
}

func TestFilename(t *testing.T) {
	tests := []struct{ title, want string }{
		{"CPC Improvement Plan 2018 – 2020", "cpc-improvement-plan-2018-2020_2019-07-31"},
		{"  ../../etc/passwd  ", "etc-passwd_2019-07-31"},
		{"Plan café", "plan-caf_2019-07-31"},
		{"–––", "report_2019-07-31"},
		{strings.Repeat("long ", 40), strings.TrimSuffix(strings.Repeat("long-", 16), "-") + "_2019-07-31"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Filename(tt.title, year1); got != tt.want {
				t.Errorf("Filename(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestTrendMarks(t *testing.T) {
	tests := []struct {
		name   string
		at     time.Time
		trends bool
		want   bool
	}{
		{"nothing to compare with at the first rated point", year1, true, false},
		{"marks at the second", year2, true, true},
		{"marks switched off", year2, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(t, threePoints(), tt.at)
			r.Sections.Trends = tt.trends
			if got := r.TrendMarks(); got != tt.want {
				t.Errorf("TrendMarks() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChartText(t *testing.T) {
	c := build(t, threePoints(), year2).Chart
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"one scale: the largest bar, the overall one", c.Scale(), 4},
		{"an outcome's bar has the same scale", Chart{Segments: c.Segments, Overall: []int{1}, Rows: []ChartRow{{Counts: []int{0, 2, 3}}}}.Scale(), 5},
		{"figures by name", c.Figures([]int{1, 0, 3, 2}), "6 actions / tasks – Red 1, Amber 0, Green 3, Completed 2"},
		{"one action", c.Figures([]int{0, 1, 0, 0}), "1 action / task – Red 0, Amber 1, Green 0, Completed 0"},
		{"no action", c.Figures([]int{0, 0, 0, 0}), "none"},
		{"every bar described", c.Description(), "Bar chart of the number of actions / tasks, open ones by RAG, completed ones on their own, on one scale from 0 to 4. " +
			"All actions / tasks: 4 actions / tasks – Red 1, Amber 0, Green 1, Completed 2. Outcome 1: 2 actions / tasks – Red 1, Amber 0, Green 0, Completed 1. " +
			"Outcome 3: 1 action / task – Red 0, Amber 0, Green 0, Completed 1. Outcome 2: 1 action / task – Red 0, Amber 0, Green 1, Completed 0."},
		{"the note", build(t, threePoints(), year2).ChartNote(), "Every action / task at 31 July 2020, in all and by outcome: " +
			"open ones by RAG, completed ones on their own; every bar on one scale from 0 to 4."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestCompletedRow checks that an action completed at or before the report
// point shows a finished row, never a blank one: the update at this point,
// else its latest update before (it was completed in an earlier period and
// has no update row here), else the day it was completed; and a completed
// status, whatever RAG its update gave.
func TestCompletedRow(t *testing.T) {
	p := threePoints()
	// 1.3 was completed before year 1 and never given an update.
	p.Actions = append(p.Actions, plan.Action{No: "1.3", Outcome: "1", Text: "e", Added: published, Completed: plan.Date(2019, 5, 2)})
	// 1.2's last update is at year 1, with a blank one at publication
	// before it; it has no row at year 2.
	p.Updates = slices.DeleteFunc(p.Updates, func(u plan.Update) bool { return u.Action == "1.2" && u.Date.Equal(year2) })
	p.Updates = append(p.Updates, plan.Update{Action: "1.2", Date: published, Text: " ", Where: "Updates!C2"})
	p.Updates[1].Where = "Updates!C3" // 1.2 at year 1
	tests := []struct {
		name   string
		at     time.Time
		action string
		points []string
		cell   string
	}{
		{"completed in the period: its update here", year1, "1.2", []string{"done"}, "Updates!C3"},
		{"completed a period earlier: its last update", year2, "1.2", []string{"done"}, "Updates!C3"},
		{"completed at this point: its update here", year2, "3.1", []string{"done"}, ""},
		{"never given an update: when it was completed", year1, "1.3", []string{"Completed 2 May 2019"}, ""},
		{"never given an update, a period on", year2, "1.3", []string{"Completed 2 May 2019"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(t, p, tt.at)
			a := actions(r)[tt.action]
			if !reflect.DeepEqual(a.Points, tt.points) || a.UpdateCell != tt.cell {
				t.Errorf("points %q from %q, want %q from %q", a.Points, a.UpdateCell, tt.points, tt.cell)
			}
			if s := r.Status(&a); !s.Completed || s.RAG != nil || s.Words() != "Completed" {
				t.Errorf("status %+v says %q, want Completed", s, s.Words())
			}
			if c, ok := r.Status(&a).Fill(); !ok || c != CompletedColour {
				t.Errorf("status fill %v %v, want the completed colour", c, ok)
			}
		})
	}
	// An open action keeps only the update at the report point.
	if a := actions(build(t, p, year2))["2.1"]; !reflect.DeepEqual(a.Points, []string{"better"}) {
		t.Errorf("open action 2.1 shows %q", a.Points)
	}
}

// TestStatusWords checks the words a RAG cell gives in every format.
func TestStatusWords(t *testing.T) {
	green := rag.Default().Values[2]
	tests := []struct {
		name   string
		a      Action
		trends bool
		want   string
		fill   bool
	}{
		{"a value", Action{RAG: &green, Trend: TrendNone}, true, "Green", true},
		{"a value and its trend", Action{RAG: &green, Trend: TrendBetter}, true, "Green, better", true},
		{"new", Action{RAG: &green, Trend: TrendNew}, true, "Green, new", true},
		{"trends off", Action{RAG: &green, Trend: TrendWorse}, false, "Green", true},
		{"no RAG given", Action{Trend: TrendNone}, true, "No RAG given", false},
		{"completed, whatever its RAG", Action{RAG: &green, Trend: TrendBetter, CompletedOn: year1}, true, "Completed", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Sections: Sections{Trends: tt.trends}}
			s := r.Status(&tt.a)
			if got := s.Words(); got != tt.want {
				t.Errorf("Words() = %q, want %q", got, tt.want)
			}
			if _, ok := s.Fill(); ok != tt.fill {
				t.Errorf("filled %v, want %v", ok, tt.fill)
			}
		})
	}
}
