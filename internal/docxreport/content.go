package docxreport

import (
	"strconv"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// Column shares (per cent of the text width) of the generated tables.
var (
	summaryShares     = []int{11, 29, 15, 15, 15, 15}
	legendShares      = []int{6, 94}
	exceptionShares   = []int{6, 36, 16, 12, 8, 22}
	actionShares      = []int{4, 24, 14, 11, 40, 7}
	maintenanceShares = []int{6, 76, 18}
)

// Fills of the theme and outcome rows of the action table.
const (
	themeFill   = "D9E2F3"
	outcomeFill = "EEF2F8"
)

// content writes the report's blocks, in the template's styles.
type content struct {
	r     *report.Report
	style styleIDs
	chart *chartParts // nil when the report has no chart
	// history is the chart of "RAG over time"; nil when the section is off,
	// the template has no {{history}}, or there is no action.
	history *chartParts
	page    page                  // the text area of the document's last section
	fills   map[rag.Colour]string // each RAG colour as a cell fill, once worked out
}

// textValues are the values of the text placeholders.
func textValues(r *report.Report) map[string]string {
	published := ""
	if !r.FirstPublished.IsZero() {
		published = "First Published: " + report.LongDate(r.FirstPublished)
	}
	return map[string]string{
		"title":        r.Title,
		"short_title":  r.ShortTitle,
		"report":       r.Heading(),
		"published":    published,
		"organisation": r.Organisation,
	}
}

// blocks are the block placeholders; those of sections switched off are
// nil, which removes their paragraph.
func (c *content) blocks() map[string]block {
	m := map[string]block{
		"summary":     c.summary,
		"legend":      c.legend,
		"exceptions":  nil,
		"chart":       nil,
		"history":     nil,
		"actions":     c.actions,
		"maintenance": c.maintenance,
	}
	if c.r.Sections.Exceptions {
		m["exceptions"] = c.exceptions
	}
	if c.r.Sections.Chart {
		m["chart"] = c.chartBlock
	}
	if c.r.Sections.History {
		m["history"] = c.historyBlock
	}
	return m
}

// required lists the placeholders the report needs in the template.
// {{history}} is not among them: a template made before it has none, and
// the report then leaves "RAG over time" out.
func (c *content) required() []string {
	names := []string{"title", "report", "published", "organisation", "summary", "legend", "actions", "maintenance"}
	if c.r.Sections.Exceptions {
		names = append(names, "exceptions")
	}
	if c.r.Sections.Chart {
		names = append(names, "chart")
	}
	return names
}

func (c *content) summary(b xmlWriter, pg page) {
	para(b, c.style.heading1, "", "", report.SummaryHeading)
	mins := headingMins(report.SummaryColumns)
	for _, s := range c.r.Summary {
		mins[0] = max(mins[0], minWidth(true, report.ShortDate(s.Date)))
		for i, n := range []int{s.Total, s.Completed, s.Added, s.Ongoing} {
			mins[2+i] = max(mins[2+i], minWidth(true, strconv.Itoa(n)))
		}
	}
	t := startTable(b, c.style.table, pg, summaryShares, mins, report.SummaryHeading)
	t.row(true, true)
	for i, h := range report.SummaryColumns {
		t.textCell(i, c.style.tableHeading, numberAlign(i), "", h)
	}
	t.endRow()
	for _, s := range c.r.Summary {
		t.row(false, true)
		t.textCell(0, c.style.tableText, "", "", report.ShortDate(s.Date))
		t.textCell(1, c.style.tableText, "", "", s.Name)
		for i, n := range []int{s.Total, s.Completed, s.Added, s.Ongoing} {
			t.textCell(2+i, c.style.tableText, numberAlign(2+i), "", strconv.Itoa(n))
		}
		t.endRow()
	}
	t.end()
}

// numberAlign centres the summary table's columns of numbers, from the
// third on.
func numberAlign(col int) string {
	if col < 2 {
		return ""
	}
	return jcCenter
}

func (c *content) legend(b xmlWriter, pg page) {
	heading := c.r.LegendTitle()
	para(b, c.style.heading1, "", "", heading)
	mins := headingMins(report.LegendColumns)
	for _, v := range c.r.Legend {
		mins[0] = max(mins[0], minWidth(false, ragLabel(report.Status{RAG: &v})))
	}
	t := startTable(b, c.style.table, pg, legendShares, mins, heading)
	t.headingRow(c.style.tableHeading, report.LegendColumns)
	for _, v := range c.r.Legend {
		s := report.Status{RAG: &v}
		t.row(false, t.fits([]string{ragLabel(s)}, []string{v.Definition}))
		c.ragCell(t, 0, s)
		t.textCell(1, c.style.tableText, "", "", v.Definition)
		t.endRow()
	}
	t.end()
	if c.r.TrendMarks() {
		para(b, c.style.tableText, `<w:spacing w:before="80"/>`, "", report.TrendWords)
	}
}

// ragCell writes a RAG cell: shaded with the colour of status s (none when
// no RAG was given), showing its label in the text colour of higher
// contrast on that fill.
func (c *content) ragCell(t table, col int, s report.Status) {
	fill, ok := s.Fill()
	if !ok {
		t.textCell(col, c.style.tableText, jcCenter, "", ragLabel(s))
		return
	}
	rPr := `<w:rPr><w:b/><w:color w:val="` + fill.Text().Hex() + `"/></w:rPr>`
	t.cell(col, 1, c.fill(fill))
	para(t.b, c.style.tableText, jcCenter, rPr, ragLabel(s))
	t.endCell()
}

// fill is colour as a cell's fill.
func (c *content) fill(colour rag.Colour) string {
	hex, ok := c.fills[colour]
	if !ok {
		if c.fills == nil {
			c.fills = map[rag.Colour]string{}
		}
		hex = colour.Hex()
		c.fills[colour] = hex
	}
	return hex
}

// ragLabel is what a RAG cell prints: the status in the words a screen
// reader says ("Green, better", "Completed", "No RAG given"), as Word has
// no alternative text for a cell and would read a letter and a mark as
// "G, black up-pointing triangle".
func ragLabel(s report.Status) string { return s.Words() }

// statusLabel is what action a's RAG cell prints.
func (c *content) statusLabel(a *report.Action) string { return ragLabel(c.r.Status(a)) }

func (c *content) exceptions(b xmlWriter, pg page) {
	para(b, c.style.heading1, "", "", report.ExceptionsHeading)
	if len(c.r.Exceptions) == 0 {
		para(b, c.style.tableText, "", "", report.NoExceptions)
		return
	}
	mins := headingMins(report.ExceptionColumns)
	for _, e := range c.r.Exceptions {
		if a := e.Action; a != nil {
			mins[0] = max(mins[0], minWidth(true, a.No))
			mins[4] = max(mins[4], minWidth(false, c.statusLabel(a)))
		}
	}
	t := startTable(b, c.style.table, pg, exceptionShares, mins, report.ExceptionsHeading)
	t.headingRow(c.style.tableHeading, report.ExceptionColumns)
	var prev *report.Action
	for _, e := range c.r.Exceptions {
		a := e.Action
		if a == nil {
			continue
		}
		row := c.r.Row(a, prev)
		prev = a
		t.row(false, t.fits([]string{row.No}, []string{row.Text, row.Completed}, row.Leads, []string{row.Timescale}, []string{ragLabel(row.Status)}, e.Reasons))
		c.actionCells(t, row)
		c.ragCell(t, 4, row.Status)
		c.linesCell(t, 5, e.Reasons)
		t.endRow()
	}
	t.end()
}

// linesCell writes a cell with one paragraph per line.
func (c *content) linesCell(t table, col int, lines []string) {
	t.cell(col, 1, "")
	c.lines(t.b, c.style.tableText, lines)
	t.endCell()
}

// lines writes one paragraph of style styleID per line; an empty paragraph
// when there are none, as a cell must end with a paragraph.
func (c *content) lines(b xmlWriter, styleID string, lines []string) {
	for _, l := range lines {
		para(b, styleID, "", "", l)
	}
	if len(lines) == 0 {
		para(b, c.style.tableText, "", "", "")
	}
}

func (c *content) actions(b xmlWriter, pg page) {
	para(b, c.style.heading1, "", "", report.ActionsHeading)
	headings := c.r.ActionHeadings()
	mins := headingMins(headings)
	for _, theme := range c.r.Themes {
		for _, o := range theme.Outcomes {
			mins[0] = max(mins[0], minWidth(true, o.Number))
			for i := range o.Actions {
				mins[5] = max(mins[5], minWidth(false, c.statusLabel(&o.Actions[i])))
			}
		}
	}
	t := startTable(b, c.style.table, pg, actionShares, mins, "Actions / tasks by theme and outcome")
	t.headingRow(c.style.tableHeading, headings)
	span := len(actionShares)
	if len(c.r.Themes) == 0 {
		t.row(false, true)
		t.cell(0, span, "")
		para(t.b, c.style.tableText, "", "", report.NoActions)
		t.endCell()
		t.endRow()
	}
	for _, theme := range c.r.Themes {
		c.bandRow(t, span, themeFill, c.style.heading1, theme.Name)
		for _, o := range theme.Outcomes {
			c.bandRow(t, span, outcomeFill, c.style.heading2, o.Label())
			var prev *report.Action
			for i := range o.Actions {
				c.actionRow(t, c.r.Row(&o.Actions[i], prev), &o.Actions[i])
				prev = &o.Actions[i]
			}
		}
	}
	t.end()
}

// bandRow writes a row spanning the table that holds one heading: a theme
// or an outcome, so that it appears in Word's navigation pane.
func (c *content) bandRow(t table, span int, fill, styleID, text string) {
	t.row(false, true)
	t.cell(0, span, fill)
	para(t.b, styleID, inBand, "", text)
	t.endCell()
	t.endRow()
}

func (c *content) actionRow(t table, row report.Row, a *report.Action) {
	t.row(false, t.fits([]string{row.No}, []string{row.Text, row.Completed}, row.Leads, []string{row.Timescale}, a.Points, []string{ragLabel(row.Status)}))
	c.actionCells(t, row)
	t.cell(4, 1, "")
	c.lines(t.b, c.style.listBullet, a.Points)
	t.endCell()
	c.ragCell(t, 5, row.Status)
	t.endRow()
}

// actionCells writes the cells both the action table and the exceptions
// begin with, as the model's Row says: No, the text with the completed
// line under it, the leads and the timescale.
func (c *content) actionCells(t table, row report.Row) {
	t.textCell(0, c.style.tableText, "", "", row.No)
	t.cell(1, 1, "")
	para(t.b, c.style.tableText, "", "", row.Text)
	if row.Completed != "" {
		para(t.b, c.style.tableText, "", rPrBold, row.Completed)
	}
	t.endCell()
	c.linesCell(t, 2, row.Leads)
	t.textCell(3, c.style.tableText, "", "", row.Timescale)
}

func (c *content) maintenance(b xmlWriter, pg page) {
	m := c.r.Maintenance
	para(b, c.style.heading1, "", "", m.Title)
	headings := m.Columns()
	mins := headingMins(headings)
	for _, task := range m.Tasks {
		mins[0] = max(mins[0], minWidth(true, task.No))
	}
	t := startTable(b, c.style.table, pg, maintenanceShares, mins, m.Title)
	t.headingRow(c.style.tableHeading, headings)
	for _, task := range m.Tasks {
		t.row(false, t.fits([]string{task.No}, []string{task.Text}, []string{task.Timescale}))
		t.textCell(0, c.style.tableText, "", "", task.No)
		t.textCell(1, c.style.tableText, "", "", task.Text)
		t.textCell(2, c.style.tableText, "", "", task.Timescale)
		t.endRow()
	}
	if len(m.Tasks) == 0 {
		t.row(false, true)
		t.cell(0, len(maintenanceShares), "")
		para(t.b, c.style.tableText, "", "", report.NoTasks)
		t.endCell()
		t.endRow()
	}
	t.end()
}

// headingMins is the least width of each column so that no word of its
// heading breaks.
func headingMins(headings []string) []int {
	mins := make([]int, len(headings))
	for i, h := range headings {
		mins[i] = minWidth(false, h)
	}
	return mins
}
