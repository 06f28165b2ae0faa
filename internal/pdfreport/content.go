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
	statusFont  = font{face: bold, size: 8, colour: ink} // a RAG cell's word, "Completed"
)

// Cell padding, in millimetres.
const (
	padX = 1.6
	padY = 1.3
)

// content turns a report into the rows of the flow, measured for a page
// of the given geometry.
type content struct {
	m     *metrics
	g     geometry
	r     *report.Report
	rows  []*row
	table *tag      // the table being laid out
	where string    // where the texts being set come from, for warnings
	cov   *coverage // what gathers the characters no font has; nil for none
}

func newContent(m *metrics, g geometry, r *report.Report, cov *coverage) []*row {
	c := &content{m: m, g: g, r: r, cov: cov}
	c.titleBlock()
	c.summary()
	c.legend()
	if r.Sections.Chart {
		c.chart()
	}
	if r.Sections.History {
		c.history()
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

// bodyRow makes an empty row of the table being laid out: a TR of TD
// cells, the first a TH that heads its row when rowHeader is set.
func (c *content) bodyRow(kind rowKind, widths []float64, header *row, rowHeader bool) *row {
	r := newRow(kind, widths, header)
	r.tag = newTag("TR", c.table.tbody())
	for i := range widths {
		if i == 0 && rowHeader {
			r.tag.cell("TH").extra().attrs.Scope = "Row"
		} else {
			r.tag.cell("TD")
		}
	}
	return r
}

// writer returns a writer for cell i of r, whose text is content of the
// cell's element.
func (c *content) writer(r *row, i int) *cellWriter {
	w := &cellWriter{m: c.m, c: &r.cells[i], width: r.widths[i] - 2*r.padX, where: c.where, cov: c.cov}
	if r.tag != nil {
		w.tag = r.tag.cells[i]
	}
	return w
}

// block adds a row of free text across the page, set with space above it.
func (c *content) block(space float64) *cellWriter {
	r := &row{kind: kindBlock, widths: []float64{c.g.contentWidth()}, cells: make([]cell, 1),
		spaceAt: space}
	c.rows = append(c.rows, r)
	return c.writer(r, 0).as("P", nil)
}

// heading adds a section heading, kept with what follows it and marked in
// the outline.
func (c *content) heading(title string) {
	w := c.block(6).as("H2", nil)
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

// header starts a table and makes its header row: a TR in THead, of TH
// cells that head their columns. The row is the table's content where it
// is first set; where it is set again, above the rows of a later page, it
// is an artifact.
func (c *content) header(widths []float64, titles ...string) *row {
	c.table = newTag("Table", nil)
	r := newRow(kindHeader, widths, nil)
	r.fill = &navy
	r.tag = newTag("TR", newTag("THead", c.table))
	for i, t := range titles {
		r.tag.cell("TH").extra().attrs.Scope = "Column"
		c.writer(r, i).text(t, headFont, alignLeft)
	}
	return r
}

// add appends a table row.
func (c *content) add(r *row) { c.rows = append(c.rows, r) }

func (c *content) titleBlock() {
	c.where = "the plan's details (Plan sheet)"
	r := c.r
	w := c.block(0).as("H1", nil)
	w.text(r.Title, titleFont, alignLeft)
	w.space(1.5)
	w.as("P", nil).text(r.Heading(), subFont, alignLeft)
	w.space(2.5)
	w.as("P", nil).text("First Published: "+report.LongDate(r.FirstPublished), dateFont, alignLeft)
	w.space(1)
	w.as("P", nil).text(r.Organisation, orgFont, alignLeft)
	w.space(3)
	c.rows[len(c.rows)-1].cells[0].paint = titleRule
}

// titleRule draws the double rule under the title block.
func titleRule(d *drawer, x, y, w, h float64) {
	d.rule(x, y+h-1.2, x+w, y+h-1.2, navy, 0.8)
	d.rule(x, y+h-0.2, x+w, y+h-0.2, themeBlue, 0.25)
}

func (c *content) summary() {
	c.where = "a report point's name (Reports sheet)"
	c.heading(report.SummaryHeading)
	widths := c.columns(0.11, 0.29, 0.15, 0.15, 0.15, 0.15)
	head := c.header(widths, report.SummaryColumns...)
	for i, s := range c.r.Summary {
		r := c.bodyRow(kindBody, widths, head, true)
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
	c.where = "the RAG scale"
	c.heading(c.r.LegendTitle())
	widths := c.columns(0.06, 0.94)
	head := c.header(widths, report.LegendColumns...)
	for _, v := range c.r.Legend {
		r := c.bodyRow(kindBody, widths, head, true)
		c.ragCell(r, 0, report.Status{RAG: &v})
		c.writer(r, 1).text(v.Definition, bodyFont, alignLeft)
		c.add(r)
	}
	if c.r.TrendMarks() {
		c.block(2).text(report.TrendNote, noteFont, alignLeft)
	}
}

// ragCell fills cell i of r with the colour of status s and sets its
// value's code and trend mark, or the word "Completed", in the text colour
// with the better contrast on the fill. The cell's alternate description
// is the status in words (report.Status.Words), for a screen reader. A
// cell with no RAG given says so in those words, unfilled.
func (c *content) ragCell(r *row, i int, s report.Status) {
	fill, ok := s.Fill()
	if !ok {
		c.writer(r, i).text(s.Words(), statusFont, alignCentre)
		return
	}
	r.cells[i].fill = &fill
	f, text := codeFont, report.CompletedStatus
	if !s.Completed {
		text = s.RAG.Code
		if sym := s.Trend.Symbol(); sym != "" {
			text += " " + sym
		}
	} else {
		f = statusFont
	}
	f.colour = fill.Text()
	w := c.writer(r, i)
	w.tag.extra().alt = s.Words()
	w.text(text, f, alignCentre)
}

func (c *content) exceptions() {
	c.heading(report.ExceptionsHeading)
	if len(c.r.Exceptions) == 0 {
		c.block(1).text(report.NoExceptions, bodyFont, alignLeft)
		return
	}
	widths := c.columns(0.05, 0.34, 0.16, 0.12, 0.07, 0.26)
	head := c.header(widths, report.ExceptionColumns...)
	var prev *report.Action
	for i, e := range c.r.Exceptions {
		a := e.Action
		r := c.bodyRow(kindBody, widths, head, false)
		zebra(r, i)
		c.actionCells(r, c.r.Row(a, prev), a)
		c.ragCell(r, 4, c.r.Status(a))
		c.writer(r, 5).text(strings.Join(e.Reasons, "\n"), bodyFont, alignLeft)
		c.continued(r, a.No)
		c.add(r)
		prev = a
	}
}

// leads sets each lead on its own line.
func (c *content) leads(r *row, i int, leads []string) {
	c.writer(r, i).text(strings.Join(leads, "\n"), bodyFont, alignLeft)
}

func (c *content) actions() {
	widths := c.columns(0.045, 0.24, 0.15, 0.11, 0.385, 0.07)
	c.heading(report.ActionsHeading)
	head := c.header(widths, c.r.ActionHeadings()...)
	if len(c.r.Themes) == 0 {
		c.add(c.span(kindBody, head, report.NoActions, bodyFont, nil))
	}
	for _, t := range c.r.Themes {
		c.where = "theme " + strconv.Quote(t.Name)
		r := c.span(kindTheme, head, t.Name, themeFont, &themeBlue)
		r.mark = &bookmark{title: t.Name, level: 1}
		c.add(r)
		for _, o := range t.Outcomes {
			c.where = "outcome " + o.Number
			r := c.span(kindOutcome, head, o.Label(), outcomeFont, &outcomeTint)
			r.mark = &bookmark{title: "Outcome " + o.Number, level: 2}
			c.add(r)
			for i := range o.Actions {
				c.action(widths, head, &o, i)
			}
		}
	}
}

// span makes a row of one cell across a table, kept with the next row: a
// TD spanning every column, holding the theme's heading (H3), the
// outcome's (H4), or a note.
func (c *content) span(kind rowKind, head *row, text string, f font, fill *rag.Colour) *row {
	r := c.bodyRow(kind, []float64{c.g.contentWidth()}, head, false)
	r.fill, r.keep = fill, kind != kindBody
	td := r.tag.cells[0]
	td.extra().attrs.ColSpan = len(head.widths)
	w := c.writer(r, 0)
	a := alignLeft
	switch kind {
	case kindTheme:
		a = alignCentre
		w.as("H3", td)
	case kindOutcome:
		w.as("H4", td)
	}
	w.text(text, f, a)
	return r
}

func (c *content) action(widths []float64, head *row, o *report.Outcome, i int) {
	a := &o.Actions[i]
	r := c.bodyRow(kindBody, widths, head, false)
	zebra(r, i)
	var prev *report.Action
	if i > 0 {
		prev = &o.Actions[i-1]
	}
	c.actionCells(r, c.r.Row(a, prev), a)
	if a.Completed() {
		r.fill = &doneTint
	}
	c.where = at(a.UpdateCell, a.No)
	c.writer(r, 4).bullets(a.Points, bodyFont)
	c.ragCell(r, 5, c.r.Status(a))
	c.continued(r, a.No)
	c.add(r)
}

// actionCells sets the cells both the action table and the exceptions
// begin with, as the model's Row says: No, the text with the completed
// line under it, the leads and the timescale.
func (c *content) actionCells(r *row, row report.Row, a *report.Action) {
	c.where = at("", a.No)
	if row.No != "" {
		c.writer(r, 0).text(row.No, strongFont, alignLeft)
	}
	c.where = at(a.Cells.Text, a.No)
	w := c.writer(r, 1)
	w.text(row.Text, bodyFont, alignLeft)
	if row.Completed != "" {
		w.space(1)
		w.text(row.Completed, doneFont, alignLeft)
	}
	c.where = at(a.Cells.Leads, a.No)
	c.leads(r, 2, row.Leads)
	c.where = at(a.Cells.Timescale, a.No)
	c.writer(r, 3).text(row.Timescale, bodyFont, alignLeft)
}

// continued measures what the first cell of r says on each page the row
// continues onto: "1.2 (cont.)" for action 1.2, wrapped to the column, an
// artifact (see markContinued). A character of the number that no font has
// was warned of where the number is first set.
func (c *content) continued(r *row, no string) {
	r.cont = &cell{}
	w := &cellWriter{m: c.m, c: r.cont, width: r.widths[0] - 2*r.padX}
	w.text(no+" (cont.)", continuedFont, alignLeft)
}

func (c *content) maintenance() {
	mt := c.r.Maintenance
	c.heading(mt.Title)
	widths := c.columns(0.05, 0.8, 0.15)
	head := c.header(widths, mt.Columns()...)
	for i, t := range mt.Tasks {
		c.where = "maintenance task " + t.No
		r := c.bodyRow(kindBody, widths, head, false)
		zebra(r, i)
		c.writer(r, 0).text(t.No, strongFont, alignLeft)
		c.writer(r, 1).text(t.Text, bodyFont, alignLeft)
		c.writer(r, 2).text(t.Timescale, bodyFont, alignLeft)
		c.continued(r, t.No)
		c.add(r)
	}
	if len(mt.Tasks) == 0 {
		c.add(c.span(kindBody, head, report.NoTasks, bodyFont, nil))
	}
}

// at is where a text of action no comes from, for a warning: its cell
// ("Updates!C12"), or the action ("action 1.1") when the cell is not known.
func at(cell, no string) string {
	if cell == "" {
		return "action " + no
	}
	return cell
}
