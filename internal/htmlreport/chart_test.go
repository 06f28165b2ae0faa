package htmlreport

import (
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestChartScale checks that every bar is drawn on one axis, scaled to
// the largest bar, the overall total: a bar of n actions is n/total of the
// plot long, whatever bar it is.
func TestChartScale(t *testing.T) {
	for _, r := range []*report.Report{sample.Report(allSections), large(t, 120)} {
		c := newChart(r)
		full := sum(r.Chart.Overall)
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
		if last := c.Ticks[len(c.Ticks)-1].Label; last > full || len(c.Ticks) > 11 {
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
	c := newChart(r)
	bars := append([]report.ChartRow{{Label: report.OverallLabel, Counts: r.Chart.Overall}}, r.Chart.Rows...)
	for _, b := range bars {
		want := b.Label + ": " + strconv.Itoa(sum(b.Counts)) + " action"
		if sum(b.Counts) != 1 {
			want += "s / tasks –"
		} else {
			want += " / task –"
		}
		for j, v := range r.Chart.Values {
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

// TestNiceStep checks the axis steps.
func TestNiceStep(t *testing.T) {
	for _, tt := range []struct{ full, want int }{{1, 1}, {10, 1}, {11, 2}, {17, 2}, {21, 2}, {22, 5}, {50, 5}, {55, 10}, {100, 10}, {10000, 1000}, {11000, 2000}} {
		if got := niceStep(tt.full); got != tt.want {
			t.Errorf("niceStep(%d) = %d, want %d", tt.full, got, tt.want)
		}
	}
}

// TestChartEmpty checks that a report where no action has a RAG says so
// instead of drawing an empty chart.
func TestChartEmpty(t *testing.T) {
	r := sample.Report(allSections)
	r.Chart.Overall = make([]int, len(r.Chart.Overall))
	for i := range r.Chart.Rows {
		r.Chart.Rows[i].Counts = make([]int, len(r.Chart.Values))
	}
	doc := parse(t, render(t, r))
	if n := len(elements(doc, "svg")); n != 0 || !strings.Contains(text(doc), report.NoRAG) {
		t.Errorf("%d charts drawn; want none, and %q", n, report.NoRAG)
	}
}
