package pdfreport

// geometry is the page and its content box, in millimetres.
type geometry struct {
	width, height float64 // the page
	left, right   float64 // margins
	top, bottom   float64 // the content box's top and bottom edges
}

func (g geometry) contentWidth() float64 { return g.width - g.left - g.right }

// placed is a row, or one part of a row that flows over pages, set on a
// page at y with height h.
type placed struct {
	row  *row // what is drawn
	src  *row // the row of the flow it comes from
	part int  // 0 for the first (or only) part of src
	y, h float64
}

// flow lays the measured rows out on pages. Its rules:
//   - a row that fits in the room left on the page is set there;
//   - a row that does not fit but fits on a page of its own is moved to the
//     next page;
//   - a row taller than a page is cut between lines into parts, one per
//     page;
//   - a row under a table header has that header above it on every page;
//   - a kept row (a theme or outcome row, a section heading) goes to the
//     next page unless the row after it fits beside it (or, when that row
//     has to be cut anyway, its first lines do);
//   - rows meant to stand together (a chart) go to the next page together
//     when they fit on a page but not in the room left.
type flow struct {
	g     geometry
	pages [][]placed
	y     float64
	under *row // the header row standing on the current page, if any
}

// paginate lays out rows and returns the rows set on each page.
func paginate(g geometry, rows []*row) [][]placed {
	f := &flow{g: g}
	f.newPage(nil)
	for i := range rows {
		f.place(rows, i)
	}
	return f.pages
}

func (f *flow) newPage(header *row) {
	f.pages = append(f.pages, nil)
	f.y = f.g.top
	f.under = nil
	if header != nil {
		f.putHeader(header)
	}
}

func (f *flow) putHeader(h *row) {
	f.put(placed{row: h, src: h})
	f.under = h
}

func (f *flow) put(p placed) {
	p.y = f.y
	if p.h == 0 {
		p.h = p.row.height()
	}
	n := len(f.pages) - 1
	f.pages[n] = append(f.pages[n], p)
	f.y += p.h
}

func (f *flow) room() float64 { return f.g.bottom - f.y }

// fresh reports whether the page holds nothing yet but a repeated header.
func (f *flow) fresh() bool {
	items := f.pages[len(f.pages)-1]
	return len(items) == 0 || len(items) == 1 && items[0].src.kind == kindHeader
}

// afterKept reports whether the last row on the page is a kept one.
func (f *flow) afterKept() bool {
	items := f.pages[len(f.pages)-1]
	return len(items) > 0 && items[len(items)-1].src.keep
}

// headerHeight is the height of the header that row r needs above it on
// the current page: zero when it is already there.
func (f *flow) headerHeight(r *row) float64 {
	if r.header == nil || r.header == f.under {
		return 0
	}
	return r.header.height()
}

func (f *flow) place(rows []*row, i int) {
	r := rows[i]
	if r.header == nil {
		f.under = nil
	}
	space := r.spaceAt
	if f.fresh() {
		space = 0
	}
	// A row after a kept one had its room reserved with it.
	if !f.fresh() && !f.afterKept() && space+f.need(rows, i) > f.room() {
		f.newPage(r.header)
		space = 0
	}
	f.y += space
	if f.headerHeight(r) > 0 {
		f.putHeader(r.header)
	}
	h := r.height()
	switch {
	case h <= f.room():
		f.put(placed{row: r, src: r, h: h})
	case h <= f.capacity(r) && !f.afterKept():
		f.newPage(r.header)
		f.put(placed{row: r, src: r, h: h})
	default:
		f.split(r)
	}
}

// capacity is the height a row has on a page of its own, below its header.
func (f *flow) capacity(r *row) float64 {
	c := f.g.bottom - f.g.top
	if r.header != nil {
		c -= r.header.height()
	}
	return c
}

// need is the height that must be free for row i to start on this page:
// the row itself, or with the kept rows it is kept with, the row after them
// in full when they fit together on a page, else the first lines of it;
// and the table headers they bring.
func (f *flow) need(rows []*row, i int) float64 {
	if n := rows[i].together; n > 1 {
		if h := f.stack(rows[i:min(i+n, len(rows))]); h <= f.g.bottom-f.g.top {
			return h
		}
	}
	kept, under := 0.0, f.under
	for j := i; j < len(rows); j++ {
		r := rows[j]
		if j > i {
			kept += r.spaceAt
		}
		if r.header != nil && r.header != under {
			kept += r.header.height()
			under = r.header
		}
		h := r.height()
		if !r.keep {
			if kept+h <= f.g.bottom-f.g.top {
				return kept + h
			}
			return kept + r.firstLines()
		}
		kept += h
	}
	return kept
}

// stack is the height rows take set one after another on a page, with
// the space between them and the table headers they bring.
func (f *flow) stack(rows []*row) float64 {
	h, under := 0.0, f.under
	for j, r := range rows {
		if j > 0 {
			h += r.spaceAt
		}
		if r.header != nil && r.header != under {
			h += r.header.height()
			under = r.header
		}
		h += r.height()
	}
	return h
}

// firstLines is the height of the row's first part worth setting on its
// own: its first three lines in each cell.
func (r *row) firstLines() float64 {
	h := 0.0
	for i := range r.cells {
		if n := len(r.cells[i].lines); n > 0 {
			h = max(h, r.cells[i].lines[min(n, 3)-1].bottom())
		}
	}
	return h + 2*r.padY
}

// split sets a row in parts over as many pages as it needs.
func (f *flow) split(r *row) {
	from := make([]int, len(r.cells))
	for part := 0; ; part++ {
		p, next, done := r.cut(from, f.room(), f.fresh())
		if !progressed(from, next) && !done {
			f.newPage(r.header)
			part--
			continue
		}
		if part > 0 {
			p.markContinued()
		}
		f.put(placed{row: p, src: r, part: part})
		if done {
			return
		}
		from = next
		f.newPage(r.header)
	}
}

// continuedFont marks the parts of a row after its first.
var continuedFont = font{face: italic, size: 7, colour: muted}

// markContinued notes in the first cell of a part that continues a row,
// when that cell has nothing else to show, what the row is: its action's
// number and "(cont.)" (r.cont), or "(cont.)" alone. The note is an
// artifact, like the header repeated above it: the row's own cells say
// what it is once, where it starts.
func (r *row) markContinued() {
	c := &r.cells[0]
	if len(c.lines) > 0 || len(r.widths) < 2 {
		return
	}
	if r.cont != nil {
		c.lines = append([]line(nil), r.cont.lines...)
		c.height = max(c.height, r.cont.height)
		return
	}
	c.lines = []line{{text: "(cont.)", width: r.widths[0] - 2*r.padX, font: continuedFont}}
	c.height = max(c.height, continuedFont.lineHeight())
}
