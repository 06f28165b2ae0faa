package pdfreport

import (
	"github.com/planreport/planreport/internal/pdfdoc"
	"github.com/planreport/planreport/internal/rag"
)

// drawer draws laid-out rows on a pdfdoc document, which leaves out any
// setting of font, colour or line width that is already in force.
type drawer struct {
	doc   *pdfdoc.Doc
	fonts [styles]pdfdoc.FontID
	m     *metrics
	g     geometry
}

func (d *drawer) setFont(f font) {
	d.doc.SetFont(d.fonts[f.face], f.size)
	d.doc.SetFillColor(f.colour.R, f.colour.G, f.colour.B)
}

func (d *drawer) setFill(c rag.Colour) { d.doc.SetFillColor(c.R, c.G, c.B) }

func (d *drawer) setRule(c rag.Colour, width float64) {
	d.doc.SetStrokeColor(c.R, c.G, c.B)
	d.doc.SetLineWidth(width)
}

// box fills a rectangle.
func (d *drawer) box(x, y, w, h float64, c rag.Colour) {
	d.setFill(c)
	d.doc.FillRect(x, y, w, h)
}

// rule draws a straight line.
func (d *drawer) rule(x1, y1, x2, y2 float64, c rag.Colour, width float64) {
	d.setRule(c, width)
	d.doc.Line(x1, y1, x2, y2)
}

// text sets a printable text with its baseline placed so that the line of
// height f.lineHeight() starting at top holds it.
func (d *drawer) text(x, top float64, s string, f font) {
	if s == "" {
		return
	}
	d.setFont(f)
	sz := f.size * ptToMM
	d.doc.Text(x, top+f.lineHeight()/2+0.34*sz, s)
}

// textWidth is the width of printable text s set in f.
func (d *drawer) textWidth(s string, f font) float64 { return d.m.textWidth(s, f) }

// row draws a row (or part of one) at y with height h: fills, then text
// and graphics, then rules.
func (d *drawer) row(r *row, y, h float64) {
	total := 0.0
	for _, w := range r.widths {
		total += w
	}
	if r.fill != nil {
		d.box(d.g.left, y, total, h, *r.fill)
	}
	x := d.g.left
	for i := range r.cells {
		c := &r.cells[i]
		if c.fill != nil {
			d.box(x, y, r.widths[i], h, *c.fill)
		}
		if c.paint != nil {
			c.paint(d, x, y, r.widths[i], h)
		}
		for j := range c.lines {
			d.line(&c.lines[j], x+r.padX, y+r.padY)
		}
		x += r.widths[i]
	}
	if r.ruled {
		d.grid(r.widths, y, h)
	}
}

func (d *drawer) line(l *line, x, y float64) {
	x += l.x
	switch l.align {
	case alignCentre:
		x += (l.width - d.textWidth(l.text, l.font)) / 2
	case alignRight:
		x += l.width - d.textWidth(l.text, l.font)
	}
	if l.bullet {
		d.text(x-l.x, y+l.y, "•", l.font)
	}
	d.text(x, y+l.y, l.text, l.font)
}

// grid rules a row's cells: a box round the row, a line between cells.
func (d *drawer) grid(widths []float64, y, h float64) {
	d.setRule(gridColour, 0.15)
	x := d.g.left
	for _, w := range widths[:len(widths)-1] {
		x += w
		d.doc.Line(x, y, x, y+h)
	}
	total := x + widths[len(widths)-1] - d.g.left
	d.doc.StrokeRect(d.g.left, y, total, h)
}

// clip shortens a printable text, ending it with "…", so that it is no
// wider than w.
func (m *metrics) clip(s string, f font, w float64) string {
	if m.textWidth(s, f) <= w {
		return s
	}
	limit := (w - m.textWidth("…", f)) * 1000 / (f.size * ptToMM)
	used := 0
	for i, r := range s {
		used += m.width(f.face, string(r))
		if float64(used) > limit {
			return s[:i] + "…"
		}
	}
	return s
}
