package planbook

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/xlsx"
)

// WriteOptions control how a workbook is written.
type WriteOptions struct {
	Scale      rag.Scale // the RAG scale of the drop-down list; rag.Default() when it has no values
	MonthFirst bool      // date cells are shown MM/DD/YYYY rather than DD/MM/YYYY
	// LineBreaksOnly says in the Instructions that updates are split into
	// points only at line breaks (the setting points.semicolons: false).
	LineBreaksOnly bool
}

// spareRows is how many rows below the last written one the drop-down
// lists reach, and how far their source ranges reach, so that rows the
// coordinator adds get them too.
const spareRows = 1000

// instructionsSheet is the name of the sheet explaining the others.
const instructionsSheet = "Instructions"

// Write writes p as a workbook in the canonical format: an Instructions
// sheet, then every sheet of the format with its columns in order, a bold
// shaded header row kept in view, wrapped text, date cells shown as
// DD/MM/YYYY, and drop-down lists for RAG, Strategic Lead, Outcome and
// Report Date. Reading what Write writes gives back p.
//
// Rows are made as tall as their wrapped text, up to Excel's maximum of
// 409 points. A text longer than a cell holds (Excel's 32,767 characters)
// is refused with an error wrapping ErrTooLong, naming each such text and
// where it was read from when p says (plan.Cells, plan.Update.Where), and
// nothing is written to w.
func Write(w io.Writer, p *plan.Plan, opt WriteOptions) error {
	if err := checkLengths(p); err != nil {
		return err
	}
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	f := excelize.NewFile()
	defer f.Close()
	wr := &writer{f: f, opt: opt}
	if err := wr.styles(); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return f.SetSheetName("Sheet1", instructionsSheet) },
		func() error { return wr.sheet(schema.SheetPlan, planRows(p)) },
		func() error { return wr.sheet(schema.SheetReports, reportRows(p)) },
		func() error { return wr.sheet(schema.SheetOutcomes, outcomeRows(p)) },
		func() error { return wr.sheet(schema.SheetLeads, leadRows(p)) },
		func() error { return wr.sheet(schema.SheetActions, actionRows(p)) },
		func() error { return wr.sheet(schema.SheetUpdates, updateRows(p)) },
		func() error { return wr.sheet(schema.SheetMaintenance, taskRows(p)) },
		func() error { return wr.sheet(schema.SheetDistribution, recipientRows(p)) },
		wr.dropDowns,
		wr.instructions,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("writing the workbook: %w", err)
		}
	}
	return f.Write(w)
}

// writer holds the workbook being written and its styles.
type writer struct {
	f                       *excelize.File
	opt                     WriteOptions
	header, text, date, rag int
	rows                    [schema.SheetDistribution + 1]int // data rows written per sheet
}

// day is a date cell's value; the zero day is a blank cell.
type day time.Time

func (wr *writer) styles() error {
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	format := "dd/mm/yyyy"
	if wr.opt.MonthFirst {
		format = "mm/dd/yyyy"
	}
	var err error
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&wr.header, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&wr.text, excelize.Style{Alignment: top}},
		{&wr.date, excelize.Style{Alignment: top, CustomNumFmt: &format}},
		{&wr.rag, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
	} {
		if *s.id, err = wr.f.NewStyle(&s.style); err != nil {
			return err
		}
	}
	return nil
}

// sheet writes one sheet of the format.
func (wr *writer) sheet(order int, rows [][]any) error {
	spec := &schema.Sheets[order]
	if _, err := wr.f.NewSheet(spec.Name); err != nil {
		return err
	}
	header := make([]any, len(spec.Columns))
	for i, c := range spec.Columns {
		header[i] = c.Name
	}
	wr.rows[order] = len(rows)
	return wr.grid(spec.Name, header, spec.Widths, func(col int) int { return wr.columnStyle(order, col) }, rows)
}

// grid writes a sheet's header and rows, with the columns' widths and
// styles, and freezes the header row.
func (wr *writer) grid(sheet string, header []any, widths []float64, style func(col int) int, rows [][]any) error {
	f := wr.f
	for i, width := range widths {
		col := columnLetters(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
		if err := f.SetColStyle(sheet, col, style(i)); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", xlsx.CellName(len(header), 1), wr.header); err != nil {
		return err
	}
	for i, row := range rows {
		if err := wr.row(sheet, i+2, row); err != nil {
			return err
		}
		if err := fitRow(f, sheet, i+2, rowTexts(row), func(col int) float64 { return widths[min(col, len(widths)-1)] }); err != nil {
			return err
		}
	}
	if err := wr.printSetup(sheet); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// rowTexts is the text of each of a row's cells; other cells are "".
func rowTexts(row []any) []string {
	texts := make([]string, len(row))
	for i, v := range row {
		texts[i], _ = v.(string)
	}
	return texts
}

// printSetup prints a sheet landscape, all its columns on the width of a
// page, its header row repeated on every page.
func (wr *writer) printSetup(sheet string) error {
	fit, wide, tall := true, 1, 0
	if err := wr.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	landscape := "landscape"
	if err := wr.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return wr.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// row writes one data row; a day becomes a date cell.
func (wr *writer) row(sheet string, num int, values []any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		cells[i] = v
		if d, ok := v.(day); ok {
			cells[i] = nil
			if time.Time(d).IsZero() {
				continue
			}
			cells[i] = schema.DateSerial(time.Time(d), false)
			if err := wr.f.SetCellStyle(sheet, xlsx.CellName(i+1, num), xlsx.CellName(i+1, num), wr.date); err != nil {
				return err
			}
		}
	}
	return wr.f.SetSheetRow(sheet, xlsx.CellName(1, num), &cells)
}

// columnStyle is the style of a sheet's column: dates, RAG, or wrapped text.
func (wr *writer) columnStyle(order, col int) int {
	switch {
	case order == schema.SheetReports && col == schema.ReportDate,
		order == schema.SheetActions && col >= schema.ActionDue,
		order == schema.SheetUpdates && (col == schema.UpdateDate || col == schema.UpdateReturnedOn):
		return wr.date
	case order == schema.SheetUpdates && col == schema.UpdateRAG:
		return wr.rag
	}
	return wr.text
}

func planRows(p *plan.Plan) [][]any {
	return [][]any{
		{schema.FieldTitle, p.Title},
		{schema.FieldShortTitle, p.ShortTitle},
		{schema.FieldOrganisation, p.Organisation},
		{schema.FieldFirstPublished, day(p.FirstPublished)},
		{schema.FieldMaintenanceTitle, p.MaintenanceTitle},
		{schema.FieldMaintenanceNote, p.MaintenanceNote},
	}
}

func reportRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Reports))
	for i, r := range p.Reports {
		rows[i] = []any{day(r.Date), r.Name}
	}
	return rows
}

func outcomeRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Outcomes))
	for i, o := range p.Outcomes {
		rows[i] = []any{o.Theme, o.Number, o.Description}
	}
	return rows
}

func leadRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Leads))
	for i, l := range p.Leads {
		rows[i] = []any{l, strings.Join(p.LeadEmails[l], "; ")}
	}
	return rows
}

func actionRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Actions))
	for i, a := range p.Actions {
		rows[i] = []any{a.No, a.Outcome, a.Text, strings.Join(a.Leads, "\n"), a.Timescale,
			day(a.Due), day(a.Added), day(a.Completed)}
	}
	return rows
}

func updateRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Updates))
	for i, u := range p.Updates {
		rows[i] = []any{u.Action, day(u.Date), u.Text, u.RAG, u.ReturnedBy, day(u.ReturnedOn)}
	}
	return rows
}

func taskRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Maintenance))
	for i, t := range p.Maintenance {
		rows[i] = []any{t.No, t.Text, t.Timescale}
	}
	return rows
}

func recipientRows(p *plan.Plan) [][]any {
	rows := make([][]any, len(p.Distribution))
	for i, r := range p.Distribution {
		rows[i] = []any{r.Name, r.Email, r.Role}
	}
	return rows
}

// dropDowns adds the drop-down lists: RAG from the scale, and Strategic
// Lead, Outcome and Report Date from the sheets that list them. A value not
// in the list draws a warning in Excel, not a refusal, since a cell may
// hold several leads and a RAG may be typed as its name.
func (wr *writer) dropDowns() error {
	lists := []struct {
		sheet, column int
		source        string
		keys          []string
	}{
		{schema.SheetUpdates, schema.UpdateRAG, "", wr.opt.Scale.Codes()},
		{schema.SheetActions, schema.ActionLeads, wr.sourceRange(schema.SheetLeads, schema.LeadName), nil},
		{schema.SheetActions, schema.ActionOutcome, wr.sourceRange(schema.SheetOutcomes, schema.OutcomeNo), nil},
		{schema.SheetUpdates, schema.UpdateDate, wr.sourceRange(schema.SheetReports, schema.ReportDate), nil},
	}
	for _, l := range lists {
		spec := schema.Sheets[l.sheet]
		col := columnLetters(l.column + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, wr.rows[l.sheet]+spareRows)
		if l.keys != nil {
			if err := dv.SetDropList(l.keys); err != nil {
				return err
			}
		} else {
			dv.SetSqrefDropList(l.source)
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, spec.Columns[l.column].Name,
			"This is not one of the values listed. "+spec.Help[l.column])
		if err := wr.f.AddDataValidation(spec.Name, dv); err != nil {
			return err
		}
	}
	return nil
}

// sourceRange is the absolute reference of a column's data cells, with
// room for rows to come.
func (wr *writer) sourceRange(order, column int) string {
	col := columnLetters(column + 1)
	return fmt.Sprintf("%s!$%s$2:$%s$%d", schema.Sheets[order].Name, col, col, wr.rows[order]+spareRows)
}

// instructions writes the Instructions sheet: what each sheet holds and
// what to write in each column.
func (wr *writer) instructions() error {
	rows := [][]any{}
	for order, spec := range schema.Sheets {
		need := "required"
		if !spec.Required {
			need = "optional"
		}
		rows = append(rows, []any{spec.Name, "", fmt.Sprintf("The %s sheet (%s) holds %s.", spec.Name, need, spec.About)})
		for c, col := range spec.Columns {
			help := spec.Help[c]
			switch {
			case order == schema.SheetUpdates && c == schema.UpdateText:
				help = updateHelp(wr.opt.LineBreaksOnly)
			case order == schema.SheetUpdates && c == schema.UpdateRAG:
				help = ragHelp(wr.opt.Scale)
			}
			if len(col.Aliases) > 0 {
				help += " The header may also read: " + strings.TrimSuffix(strings.Join(col.Aliases, ", "), ".") + "."
			}
			rows = append(rows, []any{"", col.Name, help})
		}
	}
	rows = append(rows, []any{"All sheets", "", generalHelp(wr.opt.MonthFirst)})
	header := []any{"Sheet", "Column", "What to write"}
	if err := wr.grid(instructionsSheet, header, []float64{16, 20, instructionsWidth}, func(int) int { return wr.text }, rows); err != nil {
		return err
	}
	// Row heights for the wrapped explanations, which not every program
	// works out for itself.
	for i, row := range rows {
		lines := (utf8.RuneCountInString(row[2].(string)) + instructionsWidth - 11) / (instructionsWidth - 10)
		if err := wr.f.SetRowHeight(instructionsSheet, i+2, schema.RowHeight(lines)); err != nil {
			return err
		}
	}
	return nil
}

// instructionsWidth is the width of the Instructions sheet's explanations,
// in characters.
const instructionsWidth = 110

func ragHelp(s rag.Scale) string {
	parts := make([]string, len(s.Values))
	for i, v := range s.Values {
		parts[i] = fmt.Sprintf("%s (%s)", v.Code, v.Name)
	}
	return "The RAG rating at this report point: " + joinOr(parts) +
		", as the code or the name. It may be left blank only for an action completed by then, or at publication."
}

// updateHelp is how to write an update's points, as report.SplitPoints
// (or, with lineBreaksOnly, report.SplitLines) reads them.
func updateHelp(lineBreaksOnly bool) string {
	if lineBreaksOnly {
		return "The progress made, printed as bullet points: put each point on a line of its own (Alt+Enter). A ; is printed as written."
	}
	return "The progress made, printed as bullet points. Put each point on a line of its own (Alt+Enter), and a ; within a line is printed as written; " +
		"or write the points on one line, separated by ;. On one line, write \\; for a ; that separates nothing."
}

func generalHelp(monthFirst bool) string {
	return "The first non-blank row of a sheet is its header; columns may be in any order, extra columns are ignored, and blank rows are skipped. " +
		"Dates are date cells, or text written " + schema.DateHint(monthFirst) + ", YYYY-MM-DD or like 3 October 2018."
}

// columnLetters turns a 1-based column number into Excel's letters.
func columnLetters(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// joinOr lists words as "R, A or G".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
