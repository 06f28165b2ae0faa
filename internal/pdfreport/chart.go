package pdfreport

import (
	"strconv"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// countFont sets the counts in and beside the bars.
var countFont = font{face: bold, size: 7.5, colour: ink}

// totalWidth is the room kept right of each bar for its total.
const totalWidth = 10.0

// chart adds "RAG at a glance": one horizontal bar per row, split into one
// segment per RAG value, each as long as its count and showing it. The
// bar of all actions has its own scale; the outcomes' bars share one, so
// that they compare with each other.
func (c *content) chart() {
	ch := c.r.Chart
	c.heading("RAG at a glance")
	c.block(0).text("Number of actions / tasks with each RAG at "+report.LongDate(c.r.Date)+
		", in all and by outcome.", noteFont, alignLeft)
	widths := c.columns(0.16, 0.84)
	head := c.header(widths, "Actions / Tasks", "")
	head.cells[1].paint = chartKey(c.m, ch.Values, ch.Overall)

	overall := c.bar(widths, head, "All actions / tasks", strongFont, ch.Values, ch.Overall, sum(ch.Overall))
	overall.fill = &zebraTint
	outcomeMax := 0
	for _, row := range ch.Rows {
		outcomeMax = max(outcomeMax, sum(row.Counts))
	}
	for _, row := range ch.Rows {
		c.bar(widths, head, row.Label, bodyFont, ch.Values, row.Counts, outcomeMax)
	}
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
	r.padY = 1.8
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
		top, bh := y+1.4, h-2.8
		total := sum(counts)
		if total == 0 {
			d.text(x, y+(h-noteFont.lineHeight())/2, "no RAG given", noteFont)
			return
		}
		for i, n := range counts {
			if n <= 0 || i >= len(values) {
				continue
			}
			sw := span * float64(n) / float64(full)
			d.box(x, top, sw, bh, values[i].Colour)
			label := strconv.Itoa(n)
			f := countFont
			if values[i].Colour.Dark() {
				f.colour = white
			}
			if tw := m.textWidth(label, f); tw+1 <= sw {
				d.text(x+(sw-tw)/2, top+(bh-f.lineHeight())/2, label, f)
			}
			x += sw
		}
		d.text(x+1.5, top+(bh-countFont.lineHeight())/2, strconv.Itoa(total), countFont)
	}
}

// chartKey draws the key in the chart's header: a swatch per RAG value
// with its name and overall count.
func chartKey(m *metrics, values []rag.Value, overall []int) painter {
	return func(d *drawer, x, y, w, h float64) {
		x += padX
		f := headFont
		for i, v := range values[:min(len(values), len(overall))] {
			d.box(x, y+(h-3)/2, 3, 3, v.Colour)
			label := m.printable(v.Name + ": " + strconv.Itoa(overall[i]))
			d.text(x+4.2, y+(h-f.lineHeight())/2, label, f)
			x += 4.2 + m.textWidth(label, f) + 6
			if x > d.g.left+d.g.contentWidth() {
				return
			}
		}
	}
}
