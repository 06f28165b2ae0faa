package pdfreport

import (
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// The report's palette.
var (
	ink         = rag.Colour{R: 0x1A, G: 0x1A, B: 0x1A}
	muted       = rag.Colour{R: 0x59, G: 0x59, B: 0x59}
	navy        = rag.Colour{R: 0x1F, G: 0x38, B: 0x64}
	themeBlue   = rag.Colour{R: 0x2F, G: 0x54, B: 0x96}
	outcomeTint = rag.Colour{R: 0xDC, G: 0xE6, B: 0xF2}
	zebraTint   = rag.Colour{R: 0xF5, G: 0xF7, B: 0xFA}
	doneTint    = rag.Colour{R: 0xE9, G: 0xF4, B: 0xEC}
	doneInk     = rag.Colour{R: 0x1E, G: 0x6B, B: 0x3A}
	white       = rag.Colour{R: 0xFF, G: 0xFF, B: 0xFF}
	gridColour  = rag.Colour{R: 0xA6, G: 0xA6, B: 0xA6}
)

// The report's type: sizes in points.
var (
	bodyFont    = font{face: regular, size: 8.5, colour: ink}
	strongFont  = font{face: bold, size: 8.5, colour: ink}
	headFont    = font{face: bold, size: 8.5, colour: white}
	themeFont   = font{face: bold, size: 10.5, colour: white}
	outcomeFont = font{face: bold, size: 9, colour: navy}
	titleFont   = font{face: bold, size: 22, colour: navy}
	subFont     = font{face: bold, size: 15, colour: themeBlue}
	dateFont    = font{face: regular, size: 10.5, colour: muted}
	orgFont     = font{face: italic, size: 11.5, colour: ink}
	sectionFont = font{face: bold, size: 13, colour: navy}
	noteFont    = font{face: italic, size: 8.5, colour: muted}
	codeFont    = font{face: bold, size: 11, colour: ink}
	doneFont    = font{face: bold, size: 8, colour: doneInk}
)

// Cell padding, in millimetres.
const (
	padX = 1.6
	padY = 1.3
)

// tableGap is the space above the action table, which has no heading.
const tableGap = 6

// content turns a report into the rows of the flow, measured for a page
// of the given geometry.
type content struct {
	m    *metrics
	g    geometry
	r    *report.Report
	rows []*row
}

func newContent(m *metrics, g geometry, r *report.Report) []*row {
	c := &content{m: m, g: g, r: r}
	c.titleBlock()
	c.summary()
	c.legend()
	if r.Sections.Chart {
		c.chart()
	}
	if r.Sections.Exceptions {
		c.exceptions()
	}
	c.actions()
	c.maintenance()
	return c.rows
}

// columns turns fractions of the content width into widths.
func (c *content) columns(fractions ...float64) []float64 {
	w := make([]float64, len(fractions))
	for i, f := range fractions {
		w[i] = f * c.g.contentWidth()
	}
	return w
}

// newRow makes an empty row of the given columns.
func newRow(kind rowKind, widths []float64, header *row) *row {
	return &row{kind: kind, widths: widths, cells: make([]cell, len(widths)),
		padX: padX, padY: padY, ruled: true, header: header}
}

// writer returns a writer for cell i of r.
func (c *content) writer(r *row, i int) *cellWriter {
	return &cellWriter{m: c.m, c: &r.cells[i], width: r.widths[i] - 2*r.padX}
}

// block adds a row of free text across the page, set with space above it.
func (c *content) block(space float64) *cellWriter {
	r := &row{kind: kindBlock, widths: []float64{c.g.contentWidth()}, cells: make([]cell, 1),
		spaceAt: space}
	c.rows = append(c.rows, r)
	return c.writer(r, 0)
}

// heading adds a section heading, kept with what follows it and marked in
// the outline.
func (c *content) heading(title string) {
	w := c.block(6)
	w.text(title, sectionFont, alignLeft)
	w.space(1.8)
	r := c.rows[len(c.rows)-1]
	r.keep = true
	r.mark = &bookmark{title: title}
	r.cells[0].paint = underline
}

// underline rules the foot of a heading.
func underline(d *drawer, x, y, w, h float64) {
	d.rule(x, y+h-0.6, x+w, y+h-0.6, navy, 0.35)
}

// header makes a table's header row.
func (c *content) header(widths []float64, titles ...string) *row {
	r := newRow(kindHeader, widths, nil)
	r.fill = &navy
	for i, t := range titles {
		c.writer(r, i).text(t, headFont, alignLeft)
	}
	return r
}

// add appends a table row.
func (c *content) add(r *row) { c.rows = append(c.rows, r) }

func (c *content) titleBlock() {
	r := c.r
	w := c.block(0)
	w.text(r.Title, titleFont, alignLeft)
	w.space(1.5)
	w.text(r.Heading(), subFont, alignLeft)
	w.space(2.5)
	w.text("First Published: "+report.LongDate(r.FirstPublished), dateFont, alignLeft)
	w.space(1)
	w.text(r.Organisation, orgFont, alignLeft)
	w.space(3)
	c.rows[len(c.rows)-1].cells[0].paint = titleRule
}

// titleRule draws the double rule under the title block.
func titleRule(d *drawer, x, y, w, h float64) {
	d.rule(x, y+h-1.2, x+w, y+h-1.2, navy, 0.8)
	d.rule(x, y+h-0.2, x+w, y+h-0.2, themeBlue, 0.25)
}

func (c *content) summary() {
	c.heading("Summary")
	widths := c.columns(0.11, 0.29, 0.15, 0.15, 0.15, 0.15)
	head := c.header(widths, report.SummaryColumns...)
	for i, s := range c.r.Summary {
		r := newRow(kindBody, widths, head)
		zebra(r, i)
		c.writer(r, 0).text(report.ShortDate(s.Date), bodyFont, alignLeft)
		c.writer(r, 1).text(s.Name, bodyFont, alignLeft)
		for j, n := range []int{s.Total, s.Completed, s.Added, s.Ongoing} {
			c.writer(r, 2+j).text(strconv.Itoa(n), strongFont, alignCentre)
		}
		c.add(r)
	}
}

// zebra tints every other body row.
func zebra(r *row, i int) {
	if i%2 == 1 {
		r.fill = &zebraTint
	}
}

func (c *content) legend() {
	names := make([]string, len(c.r.Legend))
	for i, v := range c.r.Legend {
		names[i] = v.Name
	}
	c.heading("RAG Legend – " + strings.Join(names, " "))
	widths := c.columns(0.06, 0.94)
	for _, v := range c.r.Legend {
		r := newRow(kindBody, widths, nil)
		c.ragCell(r, 0, &v, "")
		c.writer(r, 1).text(v.Definition, bodyFont, alignLeft)
		c.add(r)
	}
	if c.r.Sections.Trends {
		c.block(2).text(report.TrendNote, noteFont, alignLeft)
	}
}

// ragCell fills cell i of r with the colour of v and sets its code, and
// the trend mark when there is one.
func (c *content) ragCell(r *row, i int, v *rag.Value, trend string) {
	if v == nil {
		return
	}
	fill := v.Colour
	r.cells[i].fill = &fill
	f := codeFont
	if v.Colour.Dark() {
		f.colour = white
	}
	code := v.Code
	if trend != "" {
		code += " " + trend
	}
	c.writer(r, i).text(code, f, alignCentre)
}

func (c *content) exceptions() {
	c.heading("Exceptions")
	if len(c.r.Exceptions) == 0 {
		c.block(1).text(report.NoExceptions, bodyFont, alignLeft)
		return
	}
	widths := c.columns(0.05, 0.34, 0.16, 0.12, 0.06, 0.27)
	head := c.header(widths, report.ExceptionColumns...)
	for i, e := range c.r.Exceptions {
		a := e.Action
		r := newRow(kindBody, widths, head)
		zebra(r, i)
		c.writer(r, 0).text(a.No, strongFont, alignLeft)
		c.writer(r, 1).text(a.Text, bodyFont, alignLeft)
		c.leads(r, 2, a.Leads)
		c.writer(r, 3).text(a.Timescale, bodyFont, alignLeft)
		c.ragCell(r, 4, a.RAG, c.trend(a))
		c.writer(r, 5).text(strings.Join(e.Reasons, "\n"), bodyFont, alignLeft)
		c.add(r)
	}
}

// leads sets each lead on its own line.
func (c *content) leads(r *row, i int, leads []string) {
	c.writer(r, i).text(strings.Join(leads, "\n"), bodyFont, alignLeft)
}

// trend is the mark printed beside the action's RAG, when trends are on.
func (c *content) trend(a *report.Action) string {
	if !c.r.Sections.Trends {
		return ""
	}
	return a.Trend.Symbol()
}

func (c *content) actions() {
	widths := c.columns(0.045, 0.25, 0.15, 0.11, 0.385, 0.06)
	titles := append(append([]string{}, report.ActionColumns...), c.r.Heading(), "RAG")
	head := c.header(widths, titles...)
	first := len(c.rows)
	if len(c.r.Themes) == 0 {
		c.add(c.span(kindBody, head, "No actions / tasks at this report.", bodyFont, nil))
	}
	for _, t := range c.r.Themes {
		r := c.span(kindTheme, head, t.Name, themeFont, &themeBlue)
		r.mark = &bookmark{title: t.Name}
		c.add(r)
		for _, o := range t.Outcomes {
			r := c.span(kindOutcome, head, o.Label(), outcomeFont, &outcomeTint)
			r.mark = &bookmark{title: "Outcome " + o.Number, level: 1}
			c.add(r)
			for i := range o.Actions {
				c.action(widths, head, &o, i)
			}
		}
	}
	c.rows[first].spaceAt = tableGap
}

// span makes a row of one cell across a table, kept with the next row.
func (c *content) span(kind rowKind, head *row, text string, f font, fill *rag.Colour) *row {
	r := newRow(kind, []float64{c.g.contentWidth()}, head)
	r.fill, r.keep = fill, kind != kindBody
	a := alignLeft
	if kind == kindTheme {
		a = alignCentre
	}
	c.writer(r, 0).text(text, f, a)
	return r
}

func (c *content) action(widths []float64, head *row, o *report.Outcome, i int) {
	a := &o.Actions[i]
	r := newRow(kindBody, widths, head)
	zebra(r, i)
	if i == 0 {
		c.writer(r, 0).text(o.Number, strongFont, alignLeft)
	}
	w := c.writer(r, 1)
	w.text(a.Label(), bodyFont, alignLeft)
	if a.Completed() {
		r.fill = &doneTint
		w.space(1)
		w.text("Completed "+report.LongDate(a.CompletedOn), doneFont, alignLeft)
	}
	c.leads(r, 2, a.Leads)
	c.writer(r, 3).text(a.Timescale, bodyFont, alignLeft)
	c.writer(r, 4).bullets(a.Points, bodyFont)
	c.ragCell(r, 5, a.RAG, c.trend(a))
	c.add(r)
}

func (c *content) maintenance() {
	mt := c.r.Maintenance
	c.heading(mt.Title)
	widths := c.columns(0.05, 0.8, 0.15)
	head := c.header(widths, "No", mt.TaskColumn, "Timescale")
	for i, t := range mt.Tasks {
		r := newRow(kindBody, widths, head)
		zebra(r, i)
		c.writer(r, 0).text(t.No, strongFont, alignLeft)
		c.writer(r, 1).text(t.Text, bodyFont, alignLeft)
		c.writer(r, 2).text(t.Timescale, bodyFont, alignLeft)
		c.add(r)
	}
	if len(mt.Tasks) == 0 {
		c.add(c.span(kindBody, head, "None.", bodyFont, nil))
	}
}
