package pdfreport

import (
	"strconv"

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

const (
	chartPadY = 1.15 // a row's padding above and below its label
	barHeight = 3.0  // the thickness of a bar
	swatch    = 2.6  // the side of a key's swatch
)

// totalWidth is the room kept right of each bar for its total.
const totalWidth = 10.0

// chart adds "RAG at a glance": one horizontal bar per row, split into one
// segment per RAG value, each as long as its count and showing it. The
// bar of all actions has its own scale; the outcomes' bars share one, so
// that they compare with each other. The chart is set on one page when it
// fits on one: its heading, note and table start a new page rather than
// be split.
func (c *content) chart() {
	ch := c.r.Chart
	first := len(c.rows)
	c.heading("RAG at a glance")
	note := c.block(0)
	note.text(c.r.ChartNote(), noteFont, alignLeft)
	note.space(1)
	widths := c.columns(0.16, 0.84)
	head := newRow(kindHeader, widths, nil)
	head.fill, head.padY = &navy, chartPadY
	c.writer(head, 0).text("Actions / Tasks", chartHeadFont, alignLeft)
	head.cells[1].paint = chartKey(c.m, ch.Values, ch.Overall)

	overall := c.bar(widths, head, report.OverallLabel, chartStrongFont, ch.Values, ch.Overall, sum(ch.Overall))
	overall.fill = &zebraTint
	outcomeMax := 0
	for _, row := range ch.Rows {
		outcomeMax = max(outcomeMax, sum(row.Counts))
	}
	for _, row := range ch.Rows {
		c.bar(widths, head, row.Label, chartLabelFont, ch.Values, row.Counts, outcomeMax)
	}
	c.rows[first].together = len(c.rows) - first
}

func sum(counts []int) int {
	n := 0
	for _, k := range counts {
		n += k
	}
	return n
}

// bar adds one row of the chart, its bar drawn to the scale full.
func (c *content) bar(widths []float64, head *row, label string, f font, values []rag.Value,
	counts []int, full int) *row {
	r := newRow(kindBody, widths, head)
	r.padY = chartPadY
	c.writer(r, 0).text(label, f, alignLeft)
	r.cells[1].paint = barPainter(c.m, values, counts, full)
	c.add(r)
	return r
}

// barPainter draws a bar's segments with their counts, and its total.
func barPainter(m *metrics, values []rag.Value, counts []int, full int) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		span := w - 2*padX - totalWidth
		top := y + (h-barHeight)/2
		mid := y + h/2
		total := sum(counts)
		if total == 0 {
			d.text(x, mid-noteFont.lineHeight()/2, "no RAG given", noteFont)
			return
		}
		for i, n := range counts {
			if n <= 0 || i >= len(values) {
				continue
			}
			sw := span * float64(n) / float64(full)
			d.box(x, top, sw, barHeight, values[i].Colour)
			label := strconv.Itoa(n)
			f := countFont
			if values[i].Colour.Dark() {
				f.colour = white
			}
			if tw := m.textWidth(label, f); tw+1 <= sw {
				d.text(x+(sw-tw)/2, mid-f.lineHeight()/2, label, f)
			}
			x += sw
		}
		d.text(x+1.5, mid-countFont.lineHeight()/2, strconv.Itoa(total), countFont)
	}
}

// chartKey draws the key in the chart's header: a swatch per RAG value
// with its name and overall count.
func chartKey(m *metrics, values []rag.Value, overall []int) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		f := chartHeadFont
		for i, v := range values[:min(len(values), len(overall))] {
			d.box(x, y+(h-swatch)/2, swatch, swatch, v.Colour)
			label := m.printable(v.Name + ": " + strconv.Itoa(overall[i]))
			d.text(x+swatch+1.2, y+(h-f.lineHeight())/2, label, f)
			x += swatch + 1.2 + m.textWidth(label, f) + 5
			if x > d.g.left+d.g.contentWidth() {
				return
			}
		}
	}
}
