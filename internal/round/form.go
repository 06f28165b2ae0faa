package round

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
)

// FormOptions control how a lead's form is written.
type FormOptions struct {
	Scale      rag.Scale // the RAG scale of the drop-down list; rag.Default() when it has no values
	MonthFirst bool      // date cells are shown MM/DD/YYYY rather than DD/MM/YYYY
	ReturnBy   time.Time // the return-by date printed in the instructions; zero for none
	// Modified dates the form's document properties, so that the same
	// plan gives the same bytes; zero for the report point.
	Modified time.Time
}

// The form's layout on FormSheet: the instructions from row 1, then a
// blank row, then the header row and the actions.
const (
	instructionRows = 9 // rows 1–9: title, point, lead, return-by, blank, four lines of how to
	headerRow       = instructionRows + 2
	firstActionRow  = headerRow + 1
)

// columnWidths are the widths of the columns of Headers, in characters.
var columnWidths = []float64{7, 45, 22, 16, 12, 45, 9, 55, 9, 13}

// Row is one action as a lead's form shows it.
type Row struct {
	Action   plan.Action
	CoLeads  []string // the action's other leads
	Last     plan.Update
	Sent     plan.Update // the update the workbook holds at the point (zero when none)
	Carried  string      // the text the Update cell is pre-filled with
	CarryRAG string      // the RAG code the RAG cell is pre-filled with
}

// Rows returns the rows of lead's form at point: each action open at point
// that lead leads or co-leads, in the plan's order. Update is pre-filled
// with the update the workbook holds at point (what roll carried forward),
// or, when there is none, with the last earlier one.
func Rows(p *plan.Plan, point time.Time, lead string) []Row {
	var rows []Row
	for _, a := range p.Actions {
		if !a.Open(point) || !leads(a, lead) {
			continue
		}
		r := Row{Action: a}
		for _, l := range a.Leads {
			if l != lead {
				r.CoLeads = append(r.CoLeads, l)
			}
		}
		for _, u := range p.Updates {
			if u.Action != a.No {
				continue
			}
			switch {
			case u.Date.Equal(point):
				r.Sent = u
			case u.Date.Before(point) && !u.Date.Before(r.Last.Date):
				r.Last = u
			}
		}
		r.Carried, r.CarryRAG = r.Sent.Text, r.Sent.RAG
		if r.Sent.Date.IsZero() {
			r.Carried, r.CarryRAG = r.Last.Text, r.Last.RAG
		}
		rows = append(rows, r)
	}
	return rows
}

// leads reports whether lead is one of a's leads.
func leads(a plan.Action, lead string) bool {
	for _, l := range a.Leads {
		if l == lead {
			return true
		}
	}
	return false
}

// WriteForm writes lead's update form for report point to w: the
// instructions, with the return-by date, above a table of the lead's
// open actions (Rows) under Headers, in which only the Update, RAG and
// Completed cells can be changed, the sheet being protected without a
// password; RAG has a drop-down list of the scale's codes and names, and
// Completed takes a date no later than the point. A very hidden sheet,
// IdentitySheet, records the plan, the point, the lead and what each
// action's update at the point was when the form was written.
//
// The same plan, point, lead and options give the same bytes.
func WriteForm(w io.Writer, p *plan.Plan, point time.Time, lead string, opt FormOptions) error {
	rp, ok := p.ReportAt(point)
	if !ok {
		return fmt.Errorf("the plan has no report point on %s", point.Format(time.DateOnly))
	}
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	if opt.Modified.IsZero() {
		opt.Modified = point
	}
	f := excelize.NewFile()
	defer f.Close()
	fw := &formWriter{f: f, p: p, point: rp, lead: lead, opt: opt, rows: Rows(p, point, lead)}
	steps := []func() error{
		fw.styles,
		func() error { return f.SetSheetName("Sheet1", FormSheet) },
		fw.instructions,
		fw.table,
		fw.validation,
		fw.protect,
		fw.identity,
		fw.properties,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("writing %s's update form: %w", lead, err)
		}
	}
	return f.Write(w)
}

// formWriter holds a form being written and its styles.
type formWriter struct {
	f     *excelize.File
	p     *plan.Plan
	point plan.ReportPoint
	lead  string
	opt   FormOptions
	rows  []Row

	title, bold, header, text, code, date, edit, editRAG, editDate int
}

func (fw *formWriter) styles() error {
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	format := "dd/mm/yyyy"
	if fw.opt.MonthFirst {
		format = "mm/dd/yyyy"
	}
	unlocked := &excelize.Protection{Locked: false}
	editFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	text := 49 // the built-in format "@": kept as text, so "1.10" stays "1.10"
	var err error
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&fw.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&fw.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&fw.header, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&fw.text, excelize.Style{Alignment: top, Border: border}},
		{&fw.code, excelize.Style{Alignment: top, Border: border, NumFmt: text}},
		{&fw.date, excelize.Style{Alignment: top, Border: border, CustomNumFmt: &format}},
		{&fw.edit, excelize.Style{Alignment: top, Border: border, Fill: editFill, Protection: unlocked}},
		{&fw.editRAG, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"},
			Border: border, Fill: editFill, Protection: unlocked}},
		{&fw.editDate, excelize.Style{Alignment: top, Border: border, Fill: editFill, Protection: unlocked,
			CustomNumFmt: &format}},
	} {
		if *s.id, err = fw.f.NewStyle(&s.style); err != nil {
			return err
		}
	}
	return nil
}

// dateText prints a day as the instructions do: "31 July 2019".
func dateText(d time.Time) string { return d.Format("2 January 2006") }

// instructions writes rows 1 to instructionRows: whose form this is, when
// to return it and how to fill it in.
func (fw *formWriter) instructions() error {
	returnBy := "Please return this form to the plan's coordinator as soon as you can."
	if !fw.opt.ReturnBy.IsZero() {
		returnBy = "Please return this form to the plan's coordinator by " + dateText(fw.opt.ReturnBy) + "."
	}
	var scale []string
	for _, v := range fw.opt.Scale.Values {
		scale = append(scale, fmt.Sprintf("%s (%s)", v.Code, v.Name))
	}
	lines := []struct {
		text  string
		style int
	}{
		{"Update form: " + fw.p.Title, fw.title},
		{fmt.Sprintf("%s @ %s", fw.point.Name, dateText(fw.point.Date)), fw.bold},
		{"For: " + fw.lead, fw.bold},
		{returnBy, fw.bold},
		{"", 0},
		{"How to fill it in: only the shaded cells under Update, RAG and Completed can be changed; the rest of the form is protected.", 0},
		{"Update: write your progress on the action, one point to a line (Alt+Enter starts a new line in a cell). It holds the last update: change it, or leave it if it is still true.", 0},
		{"RAG: choose one from the cell's drop-down list: " + strings.Join(scale, ", ") + ".", 0},
		{"Completed: only if the action is finished, the date it was, on or before " + dateText(fw.point.Date) + ". Then save the form and send it back as it is.", 0},
	}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := fw.f.SetCellStr(FormSheet, cell, l.text); err != nil {
			return err
		}
		if l.style != 0 {
			if err := fw.f.SetCellStyle(FormSheet, cell, cell, l.style); err != nil {
				return err
			}
		}
	}
	return fw.f.SetRowHeight(FormSheet, 1, 21)
}

// table writes the header row, kept in view, and a row per action.
func (fw *formWriter) table() error {
	f := fw.f
	for i, w := range columnWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(FormSheet, col, col, w); err != nil {
			return err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, headerRow)
	last, _ := excelize.CoordinatesToCellName(len(Headers), headerRow)
	headers := make([]any, len(Headers))
	for i, h := range Headers {
		headers[i] = h
	}
	if err := f.SetSheetRow(FormSheet, first, &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(FormSheet, first, last, fw.header); err != nil {
		return err
	}
	top, _ := excelize.CoordinatesToCellName(1, firstActionRow)
	if err := f.SetPanes(FormSheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "H" + fmt.Sprint(firstActionRow), ActiveCell: "H" + fmt.Sprint(firstActionRow), Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	for i, r := range fw.rows {
		row := firstActionRow + i
		values := []any{r.Action.No, r.Action.Text, strings.Join(r.CoLeads, "\n"), r.Action.Timescale,
			r.Action.Due, r.Last.Text, r.Last.RAG, r.Carried, r.CarryRAG, nil}
		styles := []int{fw.code, fw.text, fw.text, fw.text, fw.date, fw.text, fw.text, fw.edit, fw.editRAG, fw.editDate}
		for c, v := range values {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			var err error
			switch v := v.(type) {
			case string:
				if v != "" {
					err = f.SetCellStr(FormSheet, cell, v)
				}
			case time.Time:
				if !v.IsZero() {
					err = f.SetCellValue(FormSheet, cell, v)
				}
			}
			if err != nil {
				return err
			}
		}
		first, _ := excelize.CoordinatesToCellName(1, row)
		for c, s := range styles {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			if err := f.SetCellStyle(FormSheet, cell, cell, s); err != nil {
				return err
			}
		}
		lines := 1
		for c, v := range values {
			if s, ok := v.(string); ok {
				lines = max(lines, schema.TextLines(s, columnWidths[c]))
			}
		}
		if lines > 1 {
			if err := f.SetRowHeight(FormSheet, row, schema.RowHeight(lines)); err != nil {
				return fmt.Errorf("%s: %w", first, err)
			}
		}
	}
	return nil
}

// column is the letter of the column with header h.
func column(h string) string {
	for i, x := range Headers {
		if x == h {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return col
		}
	}
	panic("round: no column " + h)
}

// ragChoices are the drop-down list's entries: each value's code, then its
// name when that differs.
func ragChoices(s rag.Scale) []string {
	var keys []string
	for _, v := range s.Values {
		keys = append(keys, v.Code)
		if !strings.EqualFold(strings.TrimSpace(v.Name), strings.TrimSpace(v.Code)) {
			keys = append(keys, v.Name)
		}
	}
	return keys
}

// validation adds the RAG drop-down list and the Completed date check to
// the action rows.
func (fw *formWriter) validation() error {
	if len(fw.rows) == 0 {
		return nil
	}
	lastRow := firstActionRow + len(fw.rows) - 1
	ragCol, doneCol := column("RAG"), column("Completed")
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", ragCol, firstActionRow, ragCol, lastRow)
	if err := dv.SetDropList(ragChoices(fw.opt.Scale)); err != nil {
		return fmt.Errorf("the RAG scale is too long for a drop-down list: %w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "RAG", "Choose a RAG from the list.")
	if err := fw.f.AddDataValidation(FormSheet, dv); err != nil {
		return err
	}
	from := fw.p.FirstPublished
	if from.IsZero() || from.After(fw.point.Date) {
		from = plan.Date(1990, time.January, 1)
	}
	dv = excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", doneCol, firstActionRow, doneCol, lastRow)
	if err := dv.SetRange(serial(from), serial(fw.point.Date), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Completed",
		fmt.Sprintf("Write the date the action was completed, between %s and %s, or leave the cell blank.", dateText(from), dateText(fw.point.Date)))
	dv.SetInput("Completed", "Only if the action is finished: the date it was.")
	return fw.f.AddDataValidation(FormSheet, dv)
}

// serial is the spreadsheet serial number of day d (1900 date system).
func serial(d time.Time) int {
	return int(d.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// protect protects the form's sheet without a password: a lead can select
// and copy every cell and resize rows and columns, but change only the
// unlocked ones.
func (fw *formWriter) protect() error {
	return fw.f.ProtectSheet(FormSheet, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

// identity writes the very hidden IdentitySheet.
func (fw *formWriter) identity() error {
	f := fw.f
	if _, err := f.NewSheet(IdentitySheet); err != nil {
		return err
	}
	returnBy := ""
	if !fw.opt.ReturnBy.IsZero() {
		returnBy = fw.opt.ReturnBy.Format(time.DateOnly)
	}
	pairs := [][2]string{
		{KeyVersion, FormVersion},
		{KeyPlan, fw.p.Title},
		{KeyPlanID, PlanID(fw.p)},
		{KeyPoint, fw.point.Date.Format(time.DateOnly)},
		{KeyPointName, fw.point.Name},
		{KeyLead, fw.lead},
		{KeyReturnBy, returnBy},
	}
	put := func(col, row int, s string) error {
		if s == "" {
			return nil
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return f.SetCellStr(IdentitySheet, cell, s)
	}
	for i, kv := range pairs {
		if err := put(1, i+1, kv[0]); err != nil {
			return err
		}
		if err := put(2, i+1, kv[1]); err != nil {
			return err
		}
	}
	for c, h := range []string{"No", "Update sent", "RAG sent"} {
		if err := put(c+1, SentFirstRow-1, h); err != nil {
			return err
		}
	}
	for i, r := range fw.rows {
		for c, s := range []string{r.Action.No, r.Sent.Text, r.Sent.RAG} {
			if err := put(c+1, SentFirstRow+i, s); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(IdentitySheet, "A", "B", 30); err != nil {
		return err
	}
	if err := f.ProtectSheet(IdentitySheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.SetSheetVisible(IdentitySheet, false, true)
}

// properties sets the document properties, dated opt.Modified.
func (fw *formWriter) properties() error {
	when := fw.opt.Modified.UTC().Format(time.RFC3339)
	if err := fw.f.SetDocProps(&excelize.DocProperties{
		Title:    "Update form: " + fw.p.Title,
		Subject:  fmt.Sprintf("%s @ %s: %s", fw.point.Name, dateText(fw.point.Date), fw.lead),
		Creator:  "planreport",
		Created:  when,
		Modified: when,
		Language: "en-GB",
	}); err != nil {
		return err
	}
	if err := fw.f.SetSheetProps(FormSheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	return fw.f.SetPageLayout(FormSheet, &excelize.PageLayoutOptions{
		Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	})
}

func ptr[T any](v T) *T { return &v }
