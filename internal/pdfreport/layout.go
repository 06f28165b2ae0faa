package pdfreport

import (
	"github.com/planreport/planreport/internal/pdfdoc"
	"github.com/planreport/planreport/internal/rag"
)

// ptToMM converts a font size in points to millimetres, the document unit.
const ptToMM = 25.4 / 72

// leading is the line height as a multiple of the font size.
const leading = 1.22

// font is the face, size (points) and colour of a run of text.
type font struct {
	face   style
	size   float64
	colour rag.Colour
}

// lineHeight is the height of one line set in f, in millimetres.
func (f font) lineHeight() float64 { return f.size * ptToMM * leading }

type alignment int

const (
	alignLeft alignment = iota
	alignCentre
	alignRight
)

// line is one measured line of a cell: its text, where it sits in the
// cell's content box (x from the left, y from the top, in millimetres) and
// how it is set. A bullet line carries the bullet of its point in the
// hanging indent to its left.
type line struct {
	text   string
	x, y   float64
	width  float64 // the width available to the line, for alignment
	font   font
	align  alignment
	bullet *tag // the Lbl the line's bullet is content of; nil for a line without one
	tag    *tag // the structure element the text is content of; nil for an artifact
	// more says that the text goes on on the next line: the line is drawn
	// with a space after it, so that words on two lines do not run
	// together for a screen reader or in copied text.
	more bool
}

// tag is a structure element the layout asks for: its type, its parent
// (nil for the document element), its alternate description and
// attributes. The drawer makes it in the document when content of it is
// first drawn, so that elements come in reading order; a table row makes
// all its cells at once, so that every row has every cell, even an empty
// one.
type tag struct {
	typ    string
	parent *tag
	elem   pdfdoc.Elem // once made
	*more              // nil for the many tags with nothing more: a report has a dozen a row
}

// more is what few tags have.
type more struct {
	alt   string
	attrs pdfdoc.Attrs
	cells []*tag // a row's cells
	body  *tag   // a table's TBody, once asked for
}

func newTag(typ string, parent *tag) *tag { return &tag{typ: typ, parent: parent} }

// extra is t's more, made when first asked for.
func (t *tag) extra() *more {
	if t.more == nil {
		t.more = new(more)
	}
	return t.more
}

// cell adds a cell of type typ (TH or TD) to the row tag r.
func (r *tag) cell(typ string) *tag {
	c := newTag(typ, r)
	r.extra().cells = append(r.extra().cells, c)
	return c
}

// tbody is the table's TBody.
func (t *tag) tbody() *tag {
	if t.extra().body == nil {
		t.body = newTag("TBody", t)
	}
	return t.body
}

// bottom is where the line ends, measured from the content box's top.
func (l *line) bottom() float64 { return l.y + l.font.lineHeight() }

// painter draws a cell's graphics (a bar of the chart, the chart's key) in
// the box x, y, w, h.
type painter func(d *drawer, x, y, w, h float64)

// cell is one measured cell: its lines and its fill.
type cell struct {
	lines  []line
	height float64 // of the content, without padding
	fill   *rag.Colour
	paint  painter
}

// rowKind says what a row is, for the paginator's rules and for tests.
type rowKind int

const (
	kindBlock   rowKind = iota // free text: title block, section headings
	kindHeader                 // a table's header row
	kindTheme                  // a theme heading spanning the action table
	kindOutcome                // an outcome row spanning the action table
	kindBody                   // an ordinary table row
)

// bookmark is an entry of the document outline.
type bookmark struct {
	title string
	level int
}

// row is one measured row of the flow: a table row, or a block of text
// outside any table (a row of one cell with no rules).
type row struct {
	kind    rowKind
	cells   []cell    // one per column; one in all for a spanning row
	widths  []float64 // the columns' widths; one for a spanning row
	padX    float64
	padY    float64
	fill    *rag.Colour // the whole row's background
	ruled   bool        // drawn with cell borders
	keep    bool        // never left alone at the foot of a page
	header  *row        // the header row repeated above this row on each page
	mark    *bookmark   // set in the outline where the row starts
	tag     *tag        // the row's TR; nil for a row outside a table
	figure  *tag        // the figure all the row draws is content of; nil for none
	drawn   bool        // set once drawn, so that a header drawn again is an artifact
	spaceAt float64     // blank space above the row, dropped at the top of a page
	// cont is what the first cell says on each page the row continues
	// onto, "1.2 (cont.)", when it has nothing else to show there; nil for
	// a plain "(cont.)".
	cont *cell
	// together is the number of rows, from this one on, set on one page
	// when they fit on one (0 or 1: the row alone).
	together int
}

// height is the row's full height: its tallest cell and its padding.
func (r *row) height() float64 {
	h := 0.0
	for i := range r.cells {
		h = max(h, r.cells[i].height)
	}
	return h + 2*r.padY
}

// cellWriter measures and places text into one cell.
type cellWriter struct {
	m     *metrics
	c     *cell
	width float64   // the content width, in millimetres
	tag   *tag      // what the text set is content of
	where string    // where the text comes from, for warnings: "Updates!C12"
	cov   *coverage // what gathers the characters no font has; nil for none
}

// as makes the text set next content of a new element of type typ, below
// the writer's own element (or the document's, for a writer outside a
// table), and returns the writer.
func (w *cellWriter) as(typ string, parent *tag) *cellWriter {
	w.tag = newTag(typ, parent)
	return w
}

// text sets a paragraph (or several, at "\n") in the cell, wrapped to its
// width.
func (w *cellWriter) text(s string, f font, a alignment) {
	w.set(s, f, a, 0, nil, w.tag)
}

// bullets sets each point as a bulleted paragraph with a hanging indent, a
// little space between points.
// The points are a list (L) in the writer's element, each an item (LI)
// of a label (Lbl), the bullet, and a body (LBody), its text.
func (w *cellWriter) bullets(points []string, f font) {
	indent := f.size * ptToMM * 1.1
	list := newTag("L", w.tag)
	for i, p := range points {
		if i > 0 {
			w.space(f.lineHeight() * 0.25)
		}
		item := newTag("LI", list)
		label := newTag("Lbl", item)
		w.set(p, f, alignLeft, indent, label, newTag("LBody", item))
	}
}

// space adds blank space below what the cell holds.
func (w *cellWriter) space(h float64) { w.c.height += h }

// set wraps s into lines, the first with the bullet labelled by bullet
// when there is one, all content of t.
func (w *cellWriter) set(s string, f font, a alignment, indent float64, bullet, t *tag) {
	avail := w.width - indent
	units := int(avail * 1000 / (f.size * ptToMM))
	lh := f.lineHeight()
	w.cov.check(w.where, s)
	lines := w.m.wrap(f.face, w.m.printable(s), units)
	for i, text := range lines {
		l := line{text: text, x: indent, y: w.c.height, width: avail, font: f, align: a, tag: t, more: i < len(lines)-1}
		if i == 0 {
			l.bullet = bullet
		}
		w.c.lines = append(w.c.lines, l)
		w.c.height += lh
	}
}

// textWidth is the width of a printable text set in f, in millimetres.
func (m *metrics) textWidth(s string, f font) float64 {
	return float64(m.width(f.face, s)) * f.size * ptToMM / 1000
}

// cut returns the part of the row that fits in height avail, continuing
// from the line each cell has reached (from), the lines reached after it,
// and whether the row is done. A part that is not the last one fills avail,
// so that its rules and fills reach the foot of the page; every part keeps
// the cells' fills, so a RAG colour is carried over every page.
//
// With force, a part that would hold no line at all takes the first line
// left, so that a row always progresses on an empty page.
func (r *row) cut(from []int, avail float64, force bool) (part *row, next []int, done bool) {
	room := avail - 2*r.padY
	next = make([]int, len(r.cells))
	for i := range r.cells {
		next[i] = r.cells[i].fit(from[i], room)
	}
	if force && !progressed(from, next) {
		for i := range r.cells {
			if next[i] < len(r.cells[i].lines) {
				next[i]++
				break
			}
		}
	}
	part = &row{kind: r.kind, widths: r.widths, padX: r.padX, padY: r.padY, fill: r.fill,
		ruled: r.ruled, header: r.header, tag: r.tag, figure: r.figure, cont: r.cont, cells: make([]cell, len(r.cells))}
	done = true
	for i := range r.cells {
		part.cells[i] = r.cells[i].slice(from[i], next[i])
		done = done && next[i] == len(r.cells[i].lines)
	}
	if !done {
		part.cells[0].height = max(part.cells[0].height, room)
	}
	return part, next, done
}

// fit is the index of the first line, from line k on, that does not fit in
// height room.
func (c *cell) fit(k int, room float64) int {
	if k >= len(c.lines) {
		return k
	}
	base := c.lines[k].y
	for k < len(c.lines) && c.lines[k].bottom()-base <= room {
		k++
	}
	return k
}

// slice is a cell holding lines [from, to) of c, moved to its top.
func (c *cell) slice(from, to int) cell {
	part := cell{fill: c.fill, paint: c.paint}
	if from >= to {
		return part
	}
	base := c.lines[from].y
	part.lines = make([]line, 0, to-from)
	for _, l := range c.lines[from:to] {
		l.y -= base
		part.lines = append(part.lines, l)
	}
	part.height = part.lines[len(part.lines)-1].bottom()
	return part
}

// progressed reports whether a cut took any line at all.
func progressed(from, next []int) bool {
	for i := range from {
		if next[i] > from[i] {
			return true
		}
	}
	return false
}
