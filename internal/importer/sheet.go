package importer

import (
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/workbook"
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
	shown  *workbook.Shown
	sheet  string
	cols   map[string]int // canonical column → 0-based column
	points []pointColumns
	block  []plan.ReportPoint // report points the header block gives
	cur    map[int]xlsx.Cell  // the row being read, by 0-based column
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
	sr := &sheetReader{builder: newBuilder(opt), file: f, shown: workbook.NewShown(f, opt.MonthFirst)}
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
		name := workbook.HeaderColumn("Actions", h)
		if name == "" {
			switch workbook.HeaderColumn("Outcomes", h) {
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
// or a report point's name and date.
func (sr *sheetReader) blockRow(r xlsx.Row) {
	var cells []xlsx.Cell
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 2 {
		return
	}
	label, value := sr.shown.Cell(cells[0]), sr.shown.Cell(cells[1])
	place := sr.sheet + "!" + cells[1].Ref()
	if f := workbook.Fold(label); strings.HasPrefix(f, "report") || strings.HasPrefix(f, "progressreport") {
		sr.blockReport(cells[1:], place)
		return
	}
	p := &sr.p
	switch workbook.PlanField(label) {
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

// blockReport reads a report point of the header block: a date and a name,
// in either order.
func (sr *sheetReader) blockReport(cells []xlsx.Cell, place string) {
	var rp plan.ReportPoint
	for _, c := range cells {
		if d, err := workbook.CellDate(c.Value, sr.shown.Cell(c), sr.file.Date1904(), sr.opt.MonthFirst); err == nil && rp.Date.IsZero() {
			rp.Date = d
		} else if rp.Name == "" {
			rp.Name = collapse(sr.shown.Cell(c))
		}
	}
	if rp.Date.IsZero() {
		sr.problem(place, "a report point without a date; write it as Report | its name | its date")
		return
	}
	sr.block = append(sr.block, rp)
	sr.addReport(rp)
}

// pointColumns finds the report points' update and RAG columns: each
// column headed as an update ("Progress", "Update", "Commentary") and the
// RAG column after it, the report point from the heading, or else from the
// header block, in order.
func (sr *sheetReader) pointColumns(r xlsx.Row) {
	for _, c := range r.Cells {
		h := sr.shown.Cell(c)
		f := workbook.Fold(h)
		switch {
		case strings.Contains(f, "progress") || strings.Contains(f, "update") || strings.Contains(f, "comment"):
			place := sr.sheet + "!" + c.Ref()
			rp, ok := reportHeading(h, sr.opt.MonthFirst)
			if !ok && len(sr.points) < len(sr.block) {
				rp, ok = sr.block[len(sr.points)], true
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
		return workbook.CleanText(sr.shown.Cell(cells[col])), sr.sheet + "!" + xlsx.CellName(col+1, r.Num)
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
	a.Timescale, _ = cell("Timescale")
	a.Due = sr.dateColumn("Due Date")
	a.Added = sr.dateColumn("Added")
	a.Completed = sr.dateColumn("Completed")
	leads, _ := cell("Strategic Lead")
	if !sr.addAction(a, leads, noPlace) {
		return
	}
	for _, pc := range sr.points {
		update, updatePlace := sr.cellText(r, pc.text)
		ragText := ""
		if pc.rag >= 0 {
			ragText, updatePlace = sr.cellTextAt(r, pc.rag, updatePlace)
		}
		sr.addUpdate(no, pc.point.Date, update, ragText, updatePlace)
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
	d, err := workbook.CellDate(c.Value, sr.shown.Cell(c), sr.file.Date1904(), sr.opt.MonthFirst)
	if err != nil {
		sr.problem(place, "%v; it is left blank", err)
		return time.Time{}, false
	}
	return d, true
}
