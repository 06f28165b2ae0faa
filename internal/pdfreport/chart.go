package pdfreport

import (
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// The chart's type and measures: labels smaller than the tables' text, thin
// bars, rows about 5.5 mm tall.
var (
	chartLabelFont  = font{face: regular, size: 7.5, colour: ink}
	chartStrongFont = font{face: bold, size: 7.5, colour: ink}
	chartHeadFont   = font{face: bold, size: 7.5, colour: white}
	countFont       = font{face: bold, size: 6.5, colour: ink}
)

// gridLine is the colour of the chart's gridlines, at each step of its
// axis.
var gridLine = rag.Colour{R: 0xD9, G: 0xD9, B: 0xD9}

const (
	chartPadY      = 1.15 // a row's padding above and below its label
	barHeight      = 3.0  // the thickness of a bar
	swatch         = 2.6  // the side of a key's swatch
	segmentGap     = 0.6  // the white gap between two segments of a bar
	segmentOutline = 0.15 // the dark outline of a segment
)

// chart adds "RAG at a glance": one horizontal bar per row, split into one
// segment per kind of action the report model counts (each RAG value,
// completed, no RAG given), each as long as its count. Every bar, the
// overall one and each outcome's, is drawn to one scale
// (report.Chart.Axis), gridlined and labelled at each of its steps, so
// that bars compare. Segments are outlined, a
// white gap apart, and carry their count where it fits; right of each bar
// its total and its figures by name ("17 (Amber 5, Green 10, Completed
// 2)"), so that nothing is told by colour alone. (The web page and the
// Word chart mark the completed segment's count "✓ 2"; here that mark
// would embed a second font for one glyph, 10 KB of the sample's 88.) The chart is a Figure
// whose alternate description states every bar's figures. It is set on one
// page when it fits on one: its heading, note and table start a new page
// rather than be split. A report with no action says so instead.
func (c *content) chart() {
	ch := c.r.Chart
	first := len(c.rows)
	c.heading(report.ChartHeading)
	if ch.Scale() == 0 {
		c.block(0).text(report.NoChart, bodyFont, alignLeft)
		return
	}
	note := c.block(0)
	note.text(c.r.ChartNote(), noteFont, alignLeft)
	note.space(1)
	bars := []chartBar{{report.OverallLabel, ch.Overall, true}}
	for _, row := range ch.Rows {
		bars = append(bars, chartBar{row.Label, row.Counts, false})
	}
	c.figure(first, ch.Segments, ch.Overall, bars, ch.Axis(), ch.Description())
}

// chartBar is one bar of a chart: its label, its counts by segment, and
// whether it is the overall bar, set in bold on a tint.
type chartBar struct {
	label   string
	counts  []int
	overall bool
}

// figure adds a chart's rows, from its key to its axis's labels and name,
// as a Figure whose alternate description is alt; every bar is drawn to
// axis, gridlined and labelled at each of its steps. Rows from first on
// (the section's heading and note) are kept on one page with it where it
// fits. The key gives each segment's count in key, or its name alone when
// key is nil.
func (c *content) figure(first int, segments []report.Segment, key []int, bars []chartBar, axis report.Axis, alt string) {
	fig := newTag("Figure", nil)
	fig.extra().alt = alt
	widths := c.columns(0.16, 0.84)
	head := newRow(kindHeader, widths, nil)
	head.fill, head.padY, head.figure = &navy, chartPadY, fig
	c.writer(head, 0).text("Actions / Tasks", chartHeadFont, alignLeft)
	head.cells[1].paint = chartKey(c.m, segments, key)

	labels := make([]string, 0, len(bars))
	reserve := 0.0
	for _, b := range bars {
		l := c.m.printable(barLabel(segments, b.counts))
		labels = append(labels, l)
		reserve = max(reserve, c.m.textWidth(l, countFont)+2)
	}
	figFirst := len(c.rows)
	for i, b := range bars {
		f := chartLabelFont
		if b.overall {
			f = chartStrongFont
		}
		r := c.bar(widths, head, b.label, f, bar{segments, b.counts, axis, labels[i], reserve})
		if b.overall {
			r.fill = &zebraTint
		}
	}
	foot := newRow(kindBody, widths, head)
	foot.padY = chartPadY
	foot.cells[1].height = 2 * chartLabelFont.lineHeight()
	foot.cells[1].paint = axisLabels(axis, reserve)
	c.add(foot)
	for _, r := range c.rows[figFirst:] {
		r.figure = fig
	}
	c.rows[first].together = len(c.rows) - first
}

// barLabel is what stands right of a bar: its total and, by name, each
// segment it has: "3 (Amber 1, Green 1, Completed 1)".
func barLabel(segments []report.Segment, counts []int) string {
	var parts []string
	for i, n := range counts {
		if n > 0 && i < len(segments) {
			parts = append(parts, segments[i].Name+" "+strconv.Itoa(n))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strconv.Itoa(sum(counts)) + " (" + strings.Join(parts, ", ") + ")"
}

func sum(counts []int) int {
	n := 0
	for _, k := range counts {
		n += k
	}
	return n
}

// bar is what one row of the chart draws: counts of segments on the
// report's axis, the label right of it, and the room kept for labels.
type bar struct {
	values  []report.Segment
	counts  []int
	axis    report.Axis
	label   string
	reserve float64
}

// axisLabels draws the axis under the bars: a label at each step of the
// axis, and under them its name (report.ChartAxis).
func axisLabels(axis report.Axis, reserve float64) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		span := w - 2*padX - reserve
		top := y + chartPadY
		for _, n := range axis.Labels() {
			l := strconv.Itoa(n)
			at := x + span*float64(n)/float64(axis.Max)
			d.text(at-d.textWidth(l, chartLabelFont)/2, top, l, chartLabelFont, nil)
		}
		name := report.ChartAxis
		d.text(x+(span-d.textWidth(name, chartStrongFont))/2, top+chartLabelFont.lineHeight(), name, chartStrongFont, nil)
	}
}

// bar adds one row of the chart.
func (c *content) bar(widths []float64, head *row, label string, f font, b bar) *row {
	r := newRow(kindBody, widths, head)
	r.padY = chartPadY
	c.writer(r, 0).text(label, f, alignLeft)
	r.cells[1].paint = b.paint(c.m)
	c.add(r)
	return r
}

// paint draws the bar's segments with their counts, and its label.
func (b bar) paint(m *metrics) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		span := w - 2*padX - b.reserve
		top := y + (h-barHeight)/2
		mid := y + h/2
		for _, n := range b.axis.Labels() {
			at := x + span*float64(n)/float64(b.axis.Max)
			d.rule(at, y, at, y+h, gridLine, 0.25)
		}
		for i, n := range b.counts {
			if n <= 0 || i >= len(b.values) || b.axis.Max <= 0 {
				continue
			}
			sw := span*float64(n)/float64(b.axis.Max) - segmentGap
			v := b.values[i]
			d.box(x, top, sw, barHeight, v.Colour)
			d.outline(x, top, sw, barHeight, ink, segmentOutline)
			label := strconv.Itoa(n)
			f := countFont
			f.colour = v.Colour.Text()
			if tw := m.textWidth(label, f); tw+1 <= sw {
				d.text(x+(sw-tw)/2, mid-f.lineHeight()/2, label, f, nil)
			}
			x += sw + segmentGap
		}
		d.text(x+1, mid-countFont.lineHeight()/2, b.label, countFont, nil)
	}
}

// chartKey draws the key in the chart's header: a swatch per segment with
// its name and overall count, or its name alone when overall is nil.
func chartKey(m *metrics, values []report.Segment, overall []int) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		f := chartHeadFont
		for i, v := range values {
			label := v.Name
			if overall != nil {
				if i >= len(overall) {
					return
				}
				label += ": " + strconv.Itoa(overall[i])
			}
			label = m.printable(label)
			d.box(x, y+(h-swatch)/2, swatch, swatch, v.Colour)
			d.outline(x, y+(h-swatch)/2, swatch, swatch, white, segmentOutline)
			d.text(x+swatch+1.2, y+(h-f.lineHeight())/2, label, f, nil)
			x += swatch + 1.2 + m.textWidth(label, f) + 5
			if x > d.g.left+d.g.contentWidth() {
				return
			}
		}
	}
}
