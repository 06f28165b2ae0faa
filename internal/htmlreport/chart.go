package htmlreport

import (
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/report"
)

// "RAG at a glance" is drawn as inline SVG: a key, then one horizontal
// bar for all actions and one per outcome, all on ONE axis
// (report.Chart.Axis) marked at each of its steps and labelled "Number of
// actions / tasks", as in the PDF and Word reports. A bar has a segment per kind of action the
// report model counts (each RAG value, completed, no RAG given). Each
// segment is outlined and set apart from the next by a white gap, so
// segments are told apart by more than their colour, and carries its mark
// (the RAG code, "✓" for completed) and count when they fit. Alt, every
// bar's figures in words, is the chart's text alternative.

// The chart's measures in CSS pixels.
const (
	chartWidth = 900
	plotLeft   = 190 // the bars start right of their labels
	plotRight  = 840 // room for each bar's total beyond
	keyHeight  = 30
	rowHeight  = 28
	barHeight  = 18
	gap        = 1.5 // half the white gap between two segments
	charWidth  = 8   // a generous width of a character at 13 px
)

// AxisLabel is the label of the chart's axis.
const AxisLabel = report.ChartAxis

type chart struct {
	Empty                 string // the sentence printed instead when there is no action
	AltID                 string // the id of the text alternative
	Width, Height         int
	PlotLeft, PlotRight   int
	PlotTop, AxisY, TickY int
	AxisMid, AxisLabelY   int
	AxisLabel             string
	Key                   []keyItem
	Ticks                 []tick
	Bars                  []bar
	Alt                   string
}

type keyItem struct {
	X, TextX int
	Fill     string
	Name     string
}

type tick struct {
	X     string
	Label int
}

type bar struct {
	Label    string
	Strong   bool
	TextY    int
	Total    int
	TotalX   string
	Segments []segment
}

type segment struct {
	X, Y, W, H   string
	Fill, Ink    string
	Text         string
	TextX, TextY string
}

func newChart(r *report.Report) *chart {
	ch := r.Chart
	labels, counts := []string{report.OverallLabel}, [][]int{ch.Overall}
	for _, row := range ch.Rows {
		labels, counts = append(labels, row.Label), append(counts, row.Counts)
	}
	if ch.Scale() == 0 {
		return &chart{Empty: report.NoChart}
	}
	c := drawChart(ch.Segments, labels, counts, true, ch.Axis(), ch.Description())
	c.AltID = "chart-alt"
	return c
}

// drawChart lays out a chart of the bars labelled labels, of counts by
// segment, on one axis, marked and labelled at each of its steps; the
// first bar in bold when strongFirst. alt is its text alternative.
func drawChart(segments []report.Segment, labels []string, counts [][]int, strongFirst bool, axis report.Axis, alt string) *chart {
	c := &chart{Width: chartWidth, PlotLeft: plotLeft, PlotRight: plotRight, AxisLabel: AxisLabel,
		PlotTop: keyHeight, AxisMid: (plotLeft + plotRight) / 2}
	c.key(segments)
	for i := range labels {
		c.Bars = append(c.Bars, newBar(labels[i], strongFirst && i == 0, keyHeight+i*rowHeight, segments, counts[i], axis.Max))
	}
	c.AxisY = keyHeight + len(labels)*rowHeight + 4
	c.TickY = c.AxisY + 16
	c.AxisLabelY = c.TickY + 20
	c.Height = c.AxisLabelY + 8
	c.ticks(axis)
	c.Alt = alt
	return c
}

// key lays out a swatch, mark and name per segment, in a row.
func (c *chart) key(segments []report.Segment) {
	x := plotLeft
	for _, s := range segments {
		name := strings.TrimSpace(s.Code + " " + s.Name)
		c.Key = append(c.Key, keyItem{X: x, TextX: x + 20, Fill: s.Colour.Hex(), Name: name})
		x += 20 + charWidth*len([]rune(name)) + 16
	}
}

// ticks marks the report's axis at each of its labels, from 0 to its end.
func (c *chart) ticks(axis report.Axis) {
	for _, n := range axis.Labels() {
		c.Ticks = append(c.Ticks, tick{X: px(scale(n, axis.Max)), Label: n})
	}
}

// scale is the x of count n on the axis whose end is full.
func scale(n, full int) float64 {
	return plotLeft + float64(plotRight-plotLeft)*float64(n)/float64(full)
}

func newBar(label string, strong bool, top int, values []report.Segment, counts []int, full int) bar {
	b := bar{Label: label, Strong: strong, TextY: top + rowHeight/2 + 5, Total: sum(counts)}
	y := float64(top + (rowHeight-barHeight)/2)
	at := 0
	for i, n := range counts {
		if n <= 0 || i >= len(values) {
			continue
		}
		x0, x1 := scale(at, full)+gap, scale(at+n, full)-gap
		at += n
		v := values[i]
		s := segment{X: px(x0), Y: px(y), W: px(max(x1-x0, 1)), H: px(barHeight),
			Fill: v.Colour.Hex(), Ink: v.Colour.Text().Hex(), TextX: px((x0 + x1) / 2), TextY: px(y + barHeight/2 + 4.5)}
		for _, text := range []string{strings.TrimSpace(v.Code + " " + strconv.Itoa(n)), strconv.Itoa(n)} {
			if float64(charWidth*len([]rune(text))+4) <= x1-x0 {
				s.Text = text
				break
			}
		}
		b.Segments = append(b.Segments, s)
	}
	b.TotalX = px(scale(at, full) + 6)
	return b
}

func sum(counts []int) int {
	n := 0
	for _, k := range counts {
		n += max(k, 0)
	}
	return n
}

// px writes a length with at most one decimal.
func px(f float64) string { return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64) }
