package pdfreport

import (
	"github.com/go-pdf/fpdf"

	"github.com/planreport/planreport/internal/rag"
)

// drawer draws laid-out rows with fpdf. It remembers the font and colours
// last set, because fpdf formats a colour operator on every call.
type drawer struct {
	pdf *fpdf.Fpdf
	m   *metrics
	g   geometry

	font         font
	fontSet      bool
	fill, stroke rag.Colour
	fillSet      bool
	ruleSet      bool
	ruleWidth    float64 // 0 when not set on this page
}

// reset forgets the state remembered, as after a new page.
func (d *drawer) reset() { d.fontSet, d.fillSet, d.ruleSet, d.ruleWidth = false, false, false, 0 }

func (d *drawer) setFont(f font) {
	if d.fontSet && d.font == f {
		return
	}
	if !d.fontSet || d.font.face != f.face || d.font.size != f.size {
		d.pdf.SetFont(d.m.family, string(f.face), f.size)
	}
	if !d.fontSet || d.font.colour != f.colour {
		d.pdf.SetTextColor(int(f.colour.R), int(f.colour.G), int(f.colour.B))
	}
	d.font, d.fontSet = f, true
}

func (d *drawer) setFill(c rag.Colour) {
	if !d.fillSet || d.fill != c {
		d.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		d.fill, d.fillSet = c, true
	}
}

func (d *drawer) setRule(c rag.Colour, width float64) {
	if !d.ruleSet || d.stroke != c {
		d.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		d.stroke, d.ruleSet = c, true
	}
	if d.ruleWidth != width {
		d.pdf.SetLineWidth(width)
		d.ruleWidth = width
	}
}

// box fills a rectangle.
func (d *drawer) box(x, y, w, h float64, c rag.Colour) {
	d.setFill(c)
	d.pdf.Rect(x, y, w, h, "F")
}

// rule draws a straight line.
func (d *drawer) rule(x1, y1, x2, y2 float64, c rag.Colour, width float64) {
	d.setRule(c, width)
	d.pdf.Line(x1, y1, x2, y2)
}

// text sets a printable text with its baseline placed so that the line of
// height f.lineHeight() starting at top holds it.
func (d *drawer) text(x, top float64, s string, f font) {
	if s == "" {
		return
	}
	d.setFont(f)
	sz := f.size * ptToMM
	d.pdf.Text(x, top+f.lineHeight()/2+0.34*sz, s)
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
		d.pdf.Line(x, y, x, y+h)
	}
	total := x + widths[len(widths)-1] - d.g.left
	d.pdf.Rect(d.g.left, y, total, h, "D")
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
