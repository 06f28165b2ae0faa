package htmlreport

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestChartScale checks that every bar is drawn on the report's one axis,
// whose last label is at or past the largest bar, the overall total: a bar
// of n actions is n/max of the plot long, whatever bar it is.
func TestChartScale(t *testing.T) {
	for _, r := range []*report.Report{sample.Report(allSections), large(t, 120)} {
		c := newChart(r)
		full := r.Chart.Axis().Max
		counts := [][]int{r.Chart.Overall}
		for _, row := range r.Chart.Rows {
			counts = append(counts, row.Counts)
		}
		if len(c.Bars) != len(counts) {
			t.Fatalf("%d bars, want %d", len(c.Bars), len(counts))
		}
		for i, b := range c.Bars {
			last := b.Segments[len(b.Segments)-1]
			end := num(t, last.X) + num(t, last.W) + gap
			want := plotLeft + float64(plotRight-plotLeft)*float64(sum(counts[i]))/float64(full)
			if d := end - want; d < -0.2 || d > 0.2 {
				t.Errorf("bar %q of %d ends at %.1f, want %.1f (one axis up to %d)", b.Label, sum(counts[i]), end, want, full)
			}
		}
		if c.AxisLabel != report.ChartAxis {
			t.Errorf("the axis is labelled %q", c.AxisLabel)
		}
		if last := c.Ticks[len(c.Ticks)-1].Label; last != full || last < sum(r.Chart.Overall) || len(c.Ticks) > 11 {
			t.Errorf("ticks %v for an axis up to %d", c.Ticks, full)
		}
	}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestChartAlt checks that the chart's text alternative states every
// bar's figures, and that the page names the chart by it.
func TestChartAlt(t *testing.T) {
	r := sample.Report(allSections)
	r.Sections.History = false // its chart is TestHistory's
	c := newChart(r)
	bars := append([]report.ChartRow{{Label: report.OverallLabel, Counts: r.Chart.Overall}}, r.Chart.Rows...)
	for _, b := range bars {
		want := b.Label + ": " + strconv.Itoa(sum(b.Counts)) + " action"
		if sum(b.Counts) != 1 {
			want += "s / tasks –"
		} else {
			want += " / task –"
		}
		for j, v := range r.Chart.Segments {
			if j > 0 {
				want += ","
			}
			want += " " + v.Name + " " + strconv.Itoa(b.Counts[j])
		}
		if !strings.Contains(c.Alt, want+".") {
			t.Errorf("the chart's alt text lacks %q:\n%s", want, c.Alt)
		}
	}
	doc := parse(t, render(t, r))
	svgs := elements(doc, "svg")
	if len(svgs) != 1 {
		t.Fatalf("%d svg elements, want 1", len(svgs))
	}
	role, _ := attr(svgs[0], "role")
	by, _ := attr(svgs[0], "aria-labelledby")
	var named string
	for _, e := range elements(doc) {
		if id, _ := attr(e, "id"); id == by && by != "" {
			named = text(e)
		}
	}
	if role != "img" || named != c.Alt {
		t.Errorf("the chart is role=%q named %q, want role=img named by its alt text", role, named)
	}
}

// TestChartEmpty checks that a report with no action to chart says so
// instead of drawing an empty chart.
func TestChartEmpty(t *testing.T) {
	r := sample.Report(allSections)
	r.Sections.History = false // its chart is TestHistory's
	r.Chart.Overall = make([]int, len(r.Chart.Overall))
	for i := range r.Chart.Rows {
		r.Chart.Rows[i].Counts = make([]int, len(r.Chart.Segments))
	}
	doc := parse(t, render(t, r))
	if n := len(elements(doc, "svg")); n != 0 || !strings.Contains(text(doc), report.NoChart) {
		t.Errorf("%d charts drawn; want none, and %q", n, report.NoChart)
	}
}

// TestCompletedActions renders the seed rolled on to a second progress
// report, where 4.2 and 6.1, completed in the first year, have no update:
// their rows show their last update and "Completed" in the RAG column,
// never "–" and "no RAG given"; and the chart counts them in a completed
// segment marked "✓", so that every bar counts what the summary's Total
// and the outcome's table count.
func TestCompletedActions(t *testing.T) {
	r := sample.RolledReport(allSections)
	r.Sections.History = false // its publication row counts actions with no RAG given
	doc := parse(t, render(t, r))
	rows := map[string]string{} // the text of each action row of the action tables, by number
	for _, tr := range elements(doc, "tr") {
		if table := ancestor(tr, "table"); table != nil {
			if class, _ := attr(table, "class"); class == "actions" {
				if no := rowAction(elements(tr, "th", "td")); no != "" {
					rows[no] = text(tr)
				}
			}
		}
	}
	for no, want := range map[string]string{
		"4.2": "necessary will call and convene a Child's Planning MeetingACTION COMPLETED.Completed",
		"6.1": "Legally compliant and widely shared / disseminatedACTION COMPLETED.Completed",
	} {
		if !strings.HasSuffix(rows[no], want) {
			t.Errorf("action %s's row reads %q, want it to end %q", no, rows[no], want)
		}
	}
	if page := text(doc); strings.Contains(page, report.NoRAGGiven) {
		t.Errorf("the page says %q, though every action has a RAG or is completed", report.NoRAGGiven)
	}

	c := newChart(r)
	total := r.Summary[len(r.Summary)-1].Total
	want := []int{total}
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			want = append(want, len(o.Actions))
		}
	}
	if len(c.Bars) != len(want) {
		t.Fatalf("%d bars, want %d", len(c.Bars), len(want))
	}
	for i, b := range c.Bars {
		if b.Total != want[i] {
			t.Errorf("bar %q totals %d, want %d (the summary's Total, or the actions its outcome lists)", b.Label, b.Total, want[i])
		}
	}
	var key []string
	for _, k := range c.Key {
		key = append(key, k.Name)
	}
	marked := 0
	for _, s := range c.Bars[0].Segments {
		if strings.HasPrefix(s.Text, "✓ ") {
			marked++
		}
	}
	if !slices.Contains(key, "✓ Completed") || marked != 1 || !strings.Contains(c.Alt, "Completed 2.") {
		t.Errorf("the completed segment is not in the key %q, marked in the overall bar (%d), and in the alt text:\n%s", key, marked, c.Alt)
	}
}
