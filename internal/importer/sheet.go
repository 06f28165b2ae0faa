package importer

import (
	"slices"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/xlsx"
)

// sheetReader reads a one-sheet plan: a small header block of fields
// ("Title | …", "First Published | …", "Report | Year 1 … | 31/07/2019"),
// then a header row naming No and Action / Task, and a row per action
// below it, with an update and a RAG column for each report point.
// A row with a single cell is a theme heading, or an outcome heading when
// it reads "Outcome N: …".
type sheetReader struct {
	*builder
	file   *xlsx.File
	shown  *schema.Shown
	sheet  string
	cols   map[string]int // canonical column → 0-based column
	points []pointColumns
	block  []plan.ReportPoint // report points the header block gives
	cur    map[int]xlsx.Cell  // the row being read, by 0-based column
	// the 0-based column of the label of the header block's report
	// points when the row before was theirs, or -1: a row below them
	// with nothing in that column goes on listing them
	reportsLabel int
}

// pointColumns are the update and RAG columns of a report point.
type pointColumns struct {
	point     plan.ReportPoint
	text, rag int // 0-based; rag is -1 when there is none
}

// Spreadsheet imports a one-sheet spreadsheet: the first sheet that has a
// header row naming the No and Action / Task columns.
func Spreadsheet(path string, opt Options) (*plan.Plan, Problems, error) {
	b, err := xlsx.ReadFile(path, xlsx.DefaultLimits)
	if err != nil {
		return nil, nil, err
	}
	f, err := xlsx.Open(b, path, xlsx.Options{Password: opt.Password})
	if err != nil {
		return nil, nil, err
	}
	sr := &sheetReader{builder: newBuilder(opt), file: f, shown: schema.NewShown(f, opt.MonthFirst), reportsLabel: -1}
	found := false
	for _, name := range f.Sheets() {
		err := f.ReadSheets([]string{name}, func(_ int, s *xlsx.Sheet) { found = sr.read(s) })
		if err != nil {
			return nil, nil, err
		}
		if found {
			return sr.finish(), sr.problems, nil
		}
	}
	return nil, nil, &Error{Name: path, Err: ErrNoTable,
		Msg: "has no sheet with a header row naming the No and Action / Task columns, so there is no plan to import"}
}

// read reads the sheet, if it has a header row.
func (sr *sheetReader) read(s *xlsx.Sheet) bool {
	header := -1
	for i, r := range s.Rows {
		if sr.header(r) {
			header = i
			break
		}
	}
	if header < 0 {
		return false
	}
	sr.sheet = s.Name
	for _, r := range s.Rows[:header] {
		sr.blockRow(r)
	}
	sr.pointColumns(s.Rows[header])
	for _, r := range s.Rows[header+1:] {
		sr.row(r)
	}
	return true
}

// header reports whether the row is the header row, and if so finds its
// columns.
func (sr *sheetReader) header(r xlsx.Row) bool {
	cols := map[string]int{}
	for _, c := range r.Cells {
		h := sr.shown.Cell(c)
		name := schema.HeaderColumn("Actions", h)
		if name == "" {
			switch schema.HeaderColumn("Outcomes", h) {
			case "Theme":
				name = "Theme"
			case "Description":
				name = "Outcome Description"
			}
		}
		if _, seen := cols[name]; name != "" && !seen {
			cols[name] = c.Col - 1
		}
	}
	_, no := cols["No"]
	_, action := cols["Action / Task"]
	if no && action {
		sr.cols = cols
	}
	return no && action
}

// blockRow reads a row of the header block: a plan field and its value,
// or report points, each a name and a date, one or several to a row, the
// row labelled "Report" or "Reports", or else below such a row with its
// label's cell left blank.
func (sr *sheetReader) blockRow(r xlsx.Row) {
	var cells []xlsx.Cell
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			cells = append(cells, c)
		}
	}
	reportsLabel := sr.reportsLabel
	sr.reportsLabel = -1
	switch {
	case len(cells) == 0:
		return
	case reportsLabel >= 0 && cells[0].Col-1 > reportsLabel:
		sr.reportsLabel = reportsLabel
		sr.blockReports(cells)
		return
	case len(cells) < 2:
		return
	}
	label, value := sr.shown.Cell(cells[0]), sr.shown.Cell(cells[1])
	place := sr.sheet + "!" + cells[1].Ref()
	if f := schema.Fold(label); strings.HasPrefix(f, "report") || strings.HasPrefix(f, "progressreport") {
		sr.reportsLabel = cells[0].Col - 1
		sr.blockReports(cells[1:])
		return
	}
	p := &sr.p
	switch schema.PlanFieldName(label) {
	case "Title":
		p.Title = collapse(value)
	case "Short Title":
		p.ShortTitle = collapse(value)
	case "Organisation":
		p.Organisation = collapse(value)
	case "Maintenance Title":
		p.MaintenanceTitle = collapse(value)
	case "Maintenance Note":
		p.MaintenanceNote = collapse(value)
	case "First Published":
		p.FirstPublished, _ = sr.date(cells[1], place)
	}
}

// blockReports reads the report points of a row of the header block: each
// a date and a name beside it, in either order ("31/03/2027 | Year 1 … |
// 30/09/2027 | Mid-Year …"), or a cell naming both ("Year 1 … @ 31 March
// 2027").
func (sr *sheetReader) blockReports(cells []xlsx.Cell) {
	var date, name *xlsx.Cell // the half of a point read, waiting for the other
	add := func(rp plan.ReportPoint) {
		sr.block = append(sr.block, rp)
		sr.addReport(rp)
		date, name = nil, nil
	}
	for i := range cells {
		c := &cells[i]
		shown := sr.shown.Cell(*c)
		d, err := schema.CellDate(c.Value, shown, sr.file.Date1904(), sr.opt.MonthFirst)
		if err != nil {
			if rp, ok := reportHeading(shown, sr.opt.MonthFirst); ok && strings.Contains(shown, "@") {
				sr.unpaired(name)
				add(rp)
				continue
			}
		}
		switch {
		case err == nil && name != nil:
			add(plan.ReportPoint{Date: d, Name: collapse(sr.shown.Cell(*name))})
		case err == nil && date != nil:
			sr.unpaired(date)
			date = c
		case err == nil:
			date = c
		case date != nil:
			dd, _ := schema.CellDate(date.Value, sr.shown.Cell(*date), sr.file.Date1904(), sr.opt.MonthFirst)
			add(plan.ReportPoint{Date: dd, Name: collapse(shown)})
		default:
			sr.unpaired(name)
			name = c
		}
	}
	sr.unpaired(date)
	sr.unpaired(name)
}

// unpaired reports a cell of the header block's report points left
// without the other half of its point.
func (sr *sheetReader) unpaired(c *xlsx.Cell) {
	if c == nil {
		return
	}
	place := sr.sheet + "!" + c.Ref()
	if _, err := schema.CellDate(c.Value, sr.shown.Cell(*c), sr.file.Date1904(), sr.opt.MonthFirst); err == nil {
		sr.problem(place, "a report point's date without its name beside it; write each report point as its date and its name, side by side")
		return
	}
	sr.problem(place, "a report point without a date; write it as Report | its name | its date")
}

// pointColumns finds the report points' update and RAG columns: each
// column headed as an update ("Progress", "Update", "Commentary") and the
// RAG column after it, the report point from the heading, or else from the
// header block, in order. When the block lists more points than there are
// such columns, the publication among them has none.
func (sr *sheetReader) pointColumns(r xlsx.Row) {
	block := sr.block
	undated := 0
	for _, c := range r.Cells {
		if h := sr.shown.Cell(c); updateHeading(h) {
			if _, ok := reportHeading(h, sr.opt.MonthFirst); !ok {
				undated++
			}
		}
	}
	if len(block) > undated {
		block = slices.DeleteFunc(slices.Clone(block), sr.publication)
	}
	for _, c := range r.Cells {
		h := sr.shown.Cell(c)
		f := schema.Fold(h)
		switch {
		case updateHeading(h):
			place := sr.sheet + "!" + c.Ref()
			rp, ok := reportHeading(h, sr.opt.MonthFirst)
			if !ok && len(block) > 0 {
				rp, block, ok = block[0], block[1:], true
			}
			if !ok {
				sr.problem(place, "the column %q has no report date, so its updates are not imported; head it like \"Year 1 Progress / Update Report @ 31 July 2019\"", collapse(h))
				continue
			}
			sr.points = append(sr.points, pointColumns{point: rp, text: c.Col - 1, rag: -1})
			sr.addReport(rp)
		case (f == "rag" || strings.HasPrefix(f, "rag") || f == "status" || f == "rating") && len(sr.points) > 0:
			if last := &sr.points[len(sr.points)-1]; last.rag < 0 {
				last.rag = c.Col - 1
			}
		}
	}
}

// updateHeading reports whether a column's heading is that of updates.
func updateHeading(h string) bool {
	f := schema.Fold(h)
	return strings.Contains(f, "progress") || strings.Contains(f, "update") || strings.Contains(f, "comment")
}

// publication reports whether a report point of the header block is the
// plan's publication: on its First Published date, or so named.
func (sr *sheetReader) publication(rp plan.ReportPoint) bool {
	f := schema.Fold(rp.Name)
	return rp.Date.Equal(sr.p.FirstPublished) || strings.HasPrefix(f, "publication") || strings.HasPrefix(f, "published") || strings.HasPrefix(f, "firstpublished")
}

// row reads a row below the header: an action with its updates, or a
// heading.
func (sr *sheetReader) row(r xlsx.Row) {
	cells := map[int]xlsx.Cell{}
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			cells[c.Col-1] = c
		}
	}
	sr.cur = cells
	text := func(name string) (string, string) {
		col, ok := sr.cols[name]
		if !ok {
			return "", ""
		}
		return schema.CleanText(sr.shown.Cell(cells[col])), sr.sheet + "!" + xlsx.CellName(col+1, r.Num)
	}
	no, noPlace := text("No")
	action, _ := text("Action / Task")
	switch {
	case len(cells) == 0:
		return
	case len(cells) == 1 && (no == "" || action == ""):
		for _, c := range cells {
			sr.heading(sr.shown.Cell(c))
		}
		return
	}
	if theme, _ := text("Theme"); theme != "" {
		sr.theme = collapse(theme)
	}
	if m := actionPrefix.FindStringSubmatch(action); m != nil && (no == "" || !strings.Contains(no, ".")) {
		no, action = m[1], action[len(m[0]):]
	}
	sr.action(r, no, action, noPlace, text)
}

// action reads an action's row once its number and text are known.
func (sr *sheetReader) action(r xlsx.Row, no, text, noPlace string, cell func(string) (string, string)) {
	a := plan.Action{No: no, Text: text}
	if o, _ := cell("Outcome"); o != "" {
		if m := outcomeLine.FindStringSubmatch(o); m != nil {
			o = m[1]
			sr.addOutcome(o, collapse(m[2]))
		}
		a.Outcome = o
		if desc, _ := cell("Outcome Description"); desc != "" {
			sr.addOutcome(o, collapse(desc))
		}
	}
	var leads string
	a.Timescale, a.Cells.Timescale = cell("Timescale")
	_, a.Cells.Text = cell("Action / Task")
	a.Due = sr.dateColumn("Due Date")
	a.Added = sr.dateColumn("Added")
	a.Completed = sr.dateColumn("Completed")
	leads, a.Cells.Leads = cell("Strategic Lead")
	if !sr.addAction(a, leads, noPlace) {
		return
	}
	for _, pc := range sr.points {
		update, updatePlace := sr.cellText(r, pc.text)
		ragText, ragPlace := "", updatePlace
		if pc.rag >= 0 {
			ragText, ragPlace = sr.cellTextAt(r, pc.rag, updatePlace)
		}
		sr.addUpdate(no, pc.point.Date, update, updatePlace, ragText, ragPlace)
	}
}

// cellText is the text of the row's cell in the 0-based column, and its
// place.
func (sr *sheetReader) cellText(r xlsx.Row, col int) (string, string) {
	for _, c := range r.Cells {
		if c.Col-1 == col {
			return sr.shown.Cell(c), sr.sheet + "!" + c.Ref()
		}
	}
	return "", sr.sheet + "!" + xlsx.CellName(col+1, r.Num)
}

// cellTextAt is cellText, with the place of a blank cell kept as before.
func (sr *sheetReader) cellTextAt(r xlsx.Row, col int, before string) (string, string) {
	v, place := sr.cellText(r, col)
	if strings.TrimSpace(v) == "" {
		return "", before
	}
	return v, place
}

// dateColumn reads a date column of the action's row; a date that cannot
// be read is a problem, and left blank.
func (sr *sheetReader) dateColumn(name string) time.Time {
	col, ok := sr.cols[name]
	c, filled := sr.cur[col]
	if !ok || !filled {
		return time.Time{}
	}
	d, _ := sr.date(c, sr.sheet+"!"+c.Ref())
	return d
}

// date reads a date cell of the header block.
func (sr *sheetReader) date(c xlsx.Cell, place string) (time.Time, bool) {
	d, err := schema.CellDate(c.Value, sr.shown.Cell(c), sr.file.Date1904(), sr.opt.MonthFirst)
	if err != nil {
		sr.problem(place, "%v; it is left blank", err)
		return time.Time{}, false
	}
	return d, true
}
