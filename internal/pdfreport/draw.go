package pdfreport

import (
	"github.com/planreport/planreport/internal/pdfdoc"
	"github.com/planreport/planreport/internal/rag"
)

// drawer draws laid-out rows on a pdfdoc document, which leaves out any
// setting of font, colour or line width that is already in force, and
// says what each thing drawn is: content of a structure element, or an
// artifact.
type drawer struct {
	doc   *pdfdoc.Doc
	m     *metrics
	g     geometry
	fonts map[*pdfdoc.Font]pdfdoc.FontID

	// What is drawn now: with figure set, everything is content of that
	// figure; else text is content of its line's element, and fills and
	// rules are artifacts of the kind artifact. With repeat set (a table
	// header set again on a later page) all of it is an artifact.
	figure   *tag
	artifact pdfdoc.ArtifactKind
	repeat   bool

	// What every page shows, drawn once: the running header, the footer
	// but its page number, and each table header row set again.
	header, footer pdfdoc.FormID
	forms          map[formKey]pdfdoc.FormID
}

// formKey is a table header row set again at y, h high.
type formKey struct {
	src  *row
	y, h float64
}

// elem is the document's element for t, made when first asked for, after
// its parent; a row's cells are made with the row.
func (d *drawer) elem(t *tag) pdfdoc.Elem {
	if t.elem != 0 {
		return t.elem
	}
	var parent pdfdoc.Elem
	if t.parent != nil {
		parent = d.elem(t.parent)
	}
	if t.elem != 0 { // a cell, made with its row
		return t.elem
	}
	t.elem = d.doc.NewElem(parent, t.typ)
	if t.more == nil {
		return t.elem
	}
	if t.alt != "" {
		d.doc.SetAlt(t.elem, t.alt)
	}
	if t.attrs != (pdfdoc.Attrs{}) {
		d.doc.SetAttrs(t.elem, t.attrs)
	}
	for _, c := range t.cells {
		d.elem(c)
	}
	return t.elem
}

// mark says what the next thing drawn is: content of t, or, for a nil t,
// an artifact (or the figure's content, in a figure).
func (d *drawer) mark(t *tag) {
	switch {
	case d.repeat:
		d.doc.MarkArtifact(pdfdoc.Layout)
	case d.figure != nil:
		d.doc.MarkContent(d.elem(d.figure))
	case t != nil:
		d.doc.MarkContent(d.elem(t))
	default:
		d.doc.MarkArtifact(d.artifact)
	}
}

func (d *drawer) setFill(c rag.Colour) { d.doc.SetFillColor(c.R, c.G, c.B) }

func (d *drawer) setRule(c rag.Colour, width float64) {
	d.doc.SetStrokeColor(c.R, c.G, c.B)
	d.doc.SetLineWidth(width)
}

// box fills a rectangle.
func (d *drawer) box(x, y, w, h float64, c rag.Colour) {
	d.mark(nil)
	d.setFill(c)
	d.doc.FillRect(x, y, w, h)
}

// outline strokes a rectangle.
func (d *drawer) outline(x, y, w, h float64, c rag.Colour, width float64) {
	d.mark(nil)
	d.setRule(c, width)
	d.doc.StrokeRect(x, y, w, h)
}

// rule draws a straight line.
func (d *drawer) rule(x1, y1, x2, y2 float64, c rag.Colour, width float64) {
	d.mark(nil)
	d.setRule(c, width)
	d.doc.Line(x1, y1, x2, y2)
}

// text sets a printable text, as content of t (an artifact for a nil t),
// with its baseline placed so that the line of height f.lineHeight()
// starting at top holds it. Each character is set in the font that has
// it, a run of characters at a time; a run of characters no font has is
// drawn as as many U+FFFD that read as the characters (pdfdoc's TextAs),
// so that copying, extracting and a screen reader get them.
func (d *drawer) text(x, top float64, s string, f font, t *tag) {
	if s == "" {
		return
	}
	d.mark(t)
	d.setFill(f.colour)
	base := top + f.lineHeight()/2 + 0.34*f.size*ptToMM
	start, current, has, width := 0, -1, true, 0
	for i, r := range s {
		fi, w, ok := d.m.font(f.face, r)
		if (fi != current || ok != has) && i > start {
			d.run(x, base, s[start:i], f, current, has)
			x += float64(width) * f.size * ptToMM / 1000
			start, width = i, 0
		}
		current, has = fi, ok
		width += w
	}
	d.run(x, base, s[start:], f, current, has)
}

// run sets text in font i of the metrics; text no font has (!has) as
// U+FFFD, one for each character, reading as the text.
func (d *drawer) run(x, base float64, s string, f font, i int, has bool) {
	font := d.m.fonts[max(i, 0)]
	id, ok := d.fonts[font]
	if !ok {
		id = d.doc.AddFont(font)
		d.fonts[font] = id
	}
	d.doc.SetFont(id, f.size)
	if has {
		d.doc.Text(x, base, s)
		return
	}
	d.doc.TextAs(x, base, s, replacement)
}

// textWidth is the width of printable text s set in f.
func (d *drawer) textWidth(s string, f font) float64 { return d.m.textWidth(s, f) }

// row draws a row (or part of one) at y with height h: fills, then text
// and graphics, then rules.
func (d *drawer) row(r *row, y, h float64) {
	d.figure, d.artifact = r.figure, pdfdoc.Layout
	total := 0.0
	for _, w := range r.widths {
		total += w
	}
	if r.fill != nil {
		d.box(d.g.left, y, total, h, *r.fill)
	}
	x := d.g.left
	for i := range r.cells { // every fill first, so that the artifacts come together
		if c := &r.cells[i]; c.fill != nil {
			d.box(x, y, r.widths[i], h, *c.fill)
		}
		x += r.widths[i]
	}
	x = d.g.left
	for i := range r.cells {
		c := &r.cells[i]
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
	d.figure = nil
}

func (d *drawer) line(l *line, x, y float64) {
	x += l.x
	switch l.align {
	case alignCentre:
		x += (l.width - d.textWidth(l.text, l.font)) / 2
	case alignRight:
		x += l.width - d.textWidth(l.text, l.font)
	}
	if l.bullet != nil {
		d.text(x-l.x, y+l.y, "•", l.font, l.bullet)
	}
	text := l.text
	if l.more {
		text += " "
	}
	d.text(x, y+l.y, text, l.font, l.tag)
}

// grid rules a row's cells: a box round the row, a line between cells.
func (d *drawer) grid(widths []float64, y, h float64) {
	d.mark(nil)
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
