package htmlreport

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestHistory reads "RAG over time" back from the sample's page: a section
// after "RAG at a glance" whose table has a row per report point, headed by
// its date, giving the point's figures, and whose chart is an image named
// by the history's description, which states every figure.
func TestHistory(t *testing.T) {
	r := sample.Report(allSections)
	h := r.History
	doc := parse(t, render(t, r))
	var section *html.Node
	var order []string
	for _, e := range elements(doc, "h2") {
		id, _ := attr(e, "id")
		order = append(order, id)
		if id == "history" {
			section = ancestor(e, "section")
		}
	}
	if section == nil || text(elements(section, "h2")[0]) != report.HistoryHeading {
		t.Fatalf("no section headed %q", report.HistoryHeading)
	}
	if got := strings.Join(order, " "); !strings.Contains(got, "chart history") {
		t.Errorf("sections %s: history does not follow the chart", got)
	}
	rows := elements(section, "tr")
	if len(rows) != 1+len(h.Points) {
		t.Fatalf("%d rows, want %d", len(rows), 1+len(h.Points))
	}
	cells := func(tr *html.Node) []string {
		var out []string
		for _, c := range elements(tr, "th", "td") {
			out = append(out, text(c))
		}
		return out
	}
	if got, want := strings.Join(cells(rows[0]), " | "), strings.Join(h.Columns(), " | "); got != want {
		t.Errorf("heading row %q, want %q", got, want)
	}
	for i, p := range h.Points {
		want := []string{report.ShortDate(p.Date), p.Name}
		for _, n := range h.Chart.Rows[i].Counts {
			want = append(want, strconv.Itoa(n))
		}
		want = append(want, strconv.Itoa(h.Total(i)))
		if got := cells(rows[i+1]); strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("row %d reads %q, want %q", i+1, got, want)
		}
		if scope, _ := attr(elements(rows[i+1], "th")[0], "scope"); scope != "row" {
			t.Errorf("row %d is not headed by a th of scope row", i+1)
		}
	}
	svgs := elements(section, "svg")
	if len(svgs) != 1 {
		t.Fatalf("%d charts in the section, want 1", len(svgs))
	}
	by, _ := attr(svgs[0], "aria-labelledby")
	var named string
	for _, e := range elements(doc) {
		if id, _ := attr(e, "id"); id == by {
			named = text(e)
		}
	}
	if role, _ := attr(svgs[0], "role"); role != "img" || named != h.Description() {
		t.Errorf("the history chart is role=%q named %q, want role=img named %q", role, named, h.Description())
	}
	for _, label := range []string{"03/10/2018", "31/07/2019"} {
		if !strings.Contains(text(svgs[0]), label) {
			t.Errorf("the history chart has no bar labelled %s", label)
		}
	}
	// The chart is drawn to the history's own axis (report.Chart.Axis):
	// for the sample's 17 actions, a gridline and label every 2 to 18.
	if axis := h.Chart.Axis(); axis != (report.Axis{Max: 18, Step: 2}) {
		t.Errorf("the sample's history axis is %+v, want 0 to 18 every 2", axis)
	}
	var ticks []string
	for _, l := range elements(svgs[0], "line") {
		if stroke, _ := attr(l, "stroke"); stroke == "#d9d9d9" {
			if next := l.NextSibling; next != nil && next.Type == html.ElementNode && next.Data == "text" {
				ticks = append(ticks, text(next))
			}
		}
	}
	if got := strings.Join(ticks, " "); got != "0 2 4 6 8 10 12 14 16 18" {
		t.Errorf("the history chart's gridlines are labelled %q, want 0 to 18 every 2", got)
	}

	// On a phone its rows are blocks of fields, each labelled with its
	// column's heading, as the other tables' are.
	page := string(render(t, r))
	start := strings.Index(page, "@media screen and (max-width:40em){")
	end := strings.Index(page, "@media print{")
	if start < 0 || end < start {
		t.Fatal("the page has no phone style sheet before its print one")
	}
	phone := page[start:end]
	if block, _, _ := strings.Cut(phone[strings.Index(phone, "{")+1:], "{"); !strings.Contains(block, ".history") {
		t.Errorf("the phone style sheet does not set the history table's rows as blocks:\n%s", block)
	}
	for i, c := range h.Columns() {
		if rule := ".history>tbody>tr>:nth-child(" + strconv.Itoa(i+1) + ")::before{content:" + cssString(c) + "}"; !strings.Contains(phone, rule) {
			t.Errorf("the phone style sheet lacks %s", rule)
		}
	}

	r.Sections.History = false
	if page := string(render(t, r)); strings.Contains(page, report.HistoryHeading) {
		t.Error("with sections.history off the page has RAG over time")
	}
}
