package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/workbook"
)

// wordReader reads a progress report laid out like this project's own:
// the title, the report's heading ("Year 1 Progress / Update Report @ 31
// July 2019"), "First Published: 3 October 2018" and the organisation
// before the first table; a summary table of the report points; the
// table of actions, with full-width theme and outcome rows and a row per
// action (No, Action / Task, Strategic Lead, Timescale, the update, RAG);
// and the ongoing / maintenance table after its heading.
type wordReader struct {
	*builder
	doc   *document
	point plan.ReportPoint // the report point reported on
}

// WordReport imports a Word report (.docx). It holds only the updates of
// the report point it reports on; earlier points come from its summary
// table, without their updates.
func WordReport(path string, opt Options) (*plan.Plan, Problems, error) {
	doc, err := readDocument(path)
	if err != nil {
		return nil, nil, err
	}
	wr := &wordReader{builder: newBuilder(opt), doc: doc}
	wr.front()
	found := false
	for i := range doc.tables {
		t := &doc.tables[i]
		if len(t.rows) == 0 {
			continue
		}
		switch header := rowTexts(t.rows[0]); {
		case hasFolded(header, "whylisted"), hasFolded(header, "meaning"):
			// The exceptions and the legend: drawn from the rest.
		case len(header) > 1 && workbook.Fold(header[0]) == "date" && strings.Contains(workbook.Fold(strings.Join(header, " ")), "total"):
			wr.summary(t)
		case wr.actionTable(t):
			found = true
		case len(header) == 3 && workbook.HeaderColumn("Maintenance", header[0]) == "No" && workbook.HeaderColumn("Maintenance", header[2]) == "Timescale":
			wr.maintenance(t)
		}
	}
	if !found {
		return nil, nil, &Error{Name: path, Err: ErrNoTable,
			Msg: "has no table of actions headed No, Action / Task, Strategic Lead, Timescale, the update and RAG, so there is no plan to import"}
	}
	if doc.header != "" && doc.header != wr.p.Title {
		wr.p.ShortTitle = doc.header
	}
	return wr.finish(), wr.problems, nil
}

// front reads the paragraphs before the first heading or table: the
// title, the report's heading, the First Published date, the organisation.
func (wr *wordReader) front() {
	for i, para := range wr.doc.paras {
		if strings.HasPrefix(strings.ToLower(para.style), "heading") {
			return
		}
		for _, part := range strings.Split(para.text, "\t") {
			wr.frontText(collapse(part), fmt.Sprintf("paragraph %d", i+1))
		}
	}
}

var publishedLabel = regexp.MustCompile(`(?i)^first\s+published\s*:?\s*`)

func (wr *wordReader) frontText(text, place string) {
	p := &wr.p
	switch rp, ok := reportHeading(text, wr.opt.MonthFirst); {
	case text == "":
	case publishedLabel.MatchString(text):
		d, err := workbook.ParseDate(publishedLabel.ReplaceAllString(text, ""), wr.opt.MonthFirst)
		if err != nil {
			wr.problem(place, "the First Published date: %v", err)
			return
		}
		p.FirstPublished = d
	case ok && strings.Contains(text, "@"):
		wr.point = rp
	case p.Title == "":
		p.Title = text
	case p.Organisation == "":
		p.Organisation = text
	}
}

// summary reads the report points of the summary table: date, name.
func (wr *wordReader) summary(t *docTable) {
	for i, row := range t.rows[1:] {
		cells := rowTexts(row)
		if len(cells) < 2 {
			continue
		}
		d, err := workbook.ParseDate(cells[0], wr.opt.MonthFirst)
		if err != nil {
			wr.problem(fmt.Sprintf("table %d, row %d", t.num, i+2), "the report point's date: %v", err)
			continue
		}
		wr.addReport(plan.ReportPoint{Date: d, Name: collapse(cells[1])})
	}
}

// actionColumns are the grid columns of the action table's columns.
type actionColumns struct {
	no, action, leads, timescale, update, rag int
}

// actionTable reads the table of actions, if t is one.
func (wr *wordReader) actionTable(t *docTable) bool {
	cols, heading, ok := findActionColumns(t.rows[0])
	if !ok {
		return false
	}
	rp, dated := reportHeading(heading, wr.opt.MonthFirst)
	switch {
	case dated:
		wr.point = rp
	case wr.point.Date.IsZero():
		wr.problem(fmt.Sprintf("table %d, row 1", t.num), "the update column's heading %q has no date, nor has the report's; its updates are not imported", heading)
	}
	if !wr.point.Date.IsZero() {
		wr.addReport(wr.point)
	}
	header := strings.Join(rowTexts(t.rows[0]), "|")
	for i, row := range t.rows[1:] {
		place := fmt.Sprintf("table %d, row %d", t.num, i+2)
		switch {
		case strings.Join(rowTexts(row), "|") == header: // the header repeated
		case len(row) == 1 || row[0].span >= 3:
			wr.heading(row[0].text())
		default:
			wr.actionRow(row, cols, place)
		}
	}
	return true
}

// findActionColumns finds the columns of an action table's header row,
// and the update column's heading; ok is false when it is not one.
func findActionColumns(header []docCell) (actionColumns, string, bool) {
	cols := actionColumns{-1, -1, -1, -1, -1, -1}
	heading := ""
	for _, c := range header {
		text := collapse(c.text())
		f := workbook.Fold(text)
		switch name := workbook.HeaderColumn("Actions", text); {
		case name == "No":
			cols.no = c.col
		case name == "Action / Task":
			cols.action = c.col
		case name == "Strategic Lead":
			cols.leads = c.col
		case name == "Timescale":
			cols.timescale = c.col
		case strings.HasPrefix(f, "rag") || f == "status":
			cols.rag = c.col
		case strings.Contains(text, "@") || strings.Contains(f, "progress") || strings.Contains(f, "update"):
			cols.update, heading = c.col, text
		}
	}
	return cols, heading, cols.no >= 0 && cols.action >= 0 && (cols.update >= 0 || cols.rag >= 0)
}

// completedLine matches the line of a Timescale cell saying when the
// action was completed: "Completed 17 January 2019".
var completedLine = regexp.MustCompile(`(?i)^completed:?\s+(.+)$`)

// actionRow reads a row of an action.
func (wr *wordReader) actionRow(row []docCell, cols actionColumns, place string) {
	cell := func(col int) docCell {
		for _, c := range row {
			if col >= c.col && col < c.col+c.span {
				return c
			}
		}
		return docCell{}
	}
	no, text := collapse(cell(cols.no).text()), workbook.CleanText(cell(cols.action).text())
	if m := actionPrefix.FindStringSubmatch(text); m != nil {
		no, text = m[1], text[len(m[0]):]
	} else if !strings.Contains(no, ".") {
		no = ""
	}
	if no == "" && text == "" {
		return
	}
	a := plan.Action{No: no, Text: text}
	a.Timescale, a.Completed = wr.timescale(cell(cols.timescale), place)
	if !wr.addAction(a, cell(cols.leads).text(), place) || wr.point.Date.IsZero() {
		return
	}
	update := points(cell(cols.update))
	if a.Completed.IsZero() && strings.Contains(strings.ToUpper(update), "ACTION COMPLETED") {
		wr.warn(place, "action %s's update says it is completed, but not when; give its Completed date in the Actions sheet", no)
	}
	wr.addUpdate(no, wr.point.Date, update, wr.rag(cell(cols.rag), no, place), place)
}

// timescale reads a Timescale cell: its text, and the date of a
// "Completed …" line.
func (wr *wordReader) timescale(c docCell, place string) (string, time.Time) {
	var lines []string
	var completed time.Time
	for _, p := range c.paras {
		line := collapse(p.text)
		if m := completedLine.FindStringSubmatch(line); m != nil {
			if d, err := workbook.ParseDate(m[1], wr.opt.MonthFirst); err == nil {
				completed = d
				continue
			}
		}
		if line != "" {
			lines = append(lines, strings.TrimSpace(p.text))
		}
	}
	return workbook.CleanText(strings.Join(lines, "\n")), completed
}

// bullet matches a bullet typed before a point.
var bullet = regexp.MustCompile(`^[\s•·▪◦‣\-–—*]+\s*`)

// points is an update cell's text: its points, list items, typed bullets
// or paragraphs, one to a line.
func points(c docCell) string {
	var lines []string
	for _, p := range c.paras {
		for _, line := range strings.Split(p.text, "\n") {
			if line = collapse(bullet.ReplaceAllString(line, "")); line != "" {
				lines = append(lines, line)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// rag reads a RAG cell: its letter or name, with any trend after it ("G ▲",
// "Green, better"); nothing for "Completed", which the report prints for a
// completed action; or else its fill colour.
func (wr *wordReader) rag(c docCell, no, place string) string {
	text := collapse(c.text())
	if fields := strings.Fields(text); len(fields) > 0 {
		// "G ▲", or the status in words as this project's reports give it:
		// "Green, better".
		name, _, _ := strings.Cut(text, ",")
		for _, s := range []string{fields[0], name, text} {
			if v, ok := wr.opt.Scale.Parse(s); ok {
				return v.Code
			}
		}
		if strings.EqualFold(text, report.CompletedStatus) {
			return "" // a completed action: its Timescale cell says when
		}
	}
	for _, v := range wr.opt.Scale.Values {
		if c.fill != "" && strings.EqualFold(v.Colour.Hex(), c.fill) {
			if text != "" {
				wr.warn(place, "action %s's RAG %q is read from the cell's colour as %s", no, text, v.Code)
			}
			return v.Code
		}
	}
	return text
}

// maintenance reads the ongoing / maintenance table: its heading is the
// paragraph before it, its task column's heading may carry a note.
func (wr *wordReader) maintenance(t *docTable) {
	p := &wr.p
	p.MaintenanceTitle = collapse(t.before)
	if p.MaintenanceTitle == report.DefaultMaintenanceTitle {
		p.MaintenanceTitle = ""
	}
	if note, ok := strings.CutPrefix(collapse(t.rows[0][1].text()), report.DefaultMaintenanceColumn+" – "); ok {
		p.MaintenanceNote = note
	}
	for _, row := range t.rows[1:] {
		cells := rowTexts(row)
		if len(cells) == 3 && cells[1] != "" {
			p.Maintenance = append(p.Maintenance, plan.Task{No: collapse(cells[0]), Text: cells[1], Timescale: cells[2]})
		}
	}
}

// rowTexts is the text of each cell of a row.
func rowTexts(row []docCell) []string {
	texts := make([]string, len(row))
	for i, c := range row {
		texts[i] = workbook.CleanText(c.text())
	}
	return texts
}

func hasFolded(texts []string, folded string) bool {
	for _, t := range texts {
		if workbook.Fold(t) == folded {
			return true
		}
	}
	return false
}
