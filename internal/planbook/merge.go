package planbook

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// Merging: Merge writes the updates the leads returned on their update
// forms (planreport collect) into the coordinator's own workbook, edited in
// place with excelize as Roll edits it, so that everything else in it is
// kept.

// Returned is what collect writes for one action at one report point.
type Returned struct {
	Action     string    // the action's No
	Text       string    // the update text to store (already composed by collect, e.g. co-leads marked)
	RAG        string    // a code of the scale, or "" to leave the RAG cell as it is
	Completed  time.Time // zero: leave the action's Completed cell as it is
	ReturnedBy string
	ReturnedOn time.Time
}

// MergeOptions control how Merge reads the workbook and where it writes.
type MergeOptions struct {
	workbook.Options      // how the workbook is read; its Password keeps the file written protected too
	Overwrite        bool // dst may be replaced when it is another file than src
}

// MergeResult says what Merge did.
type MergeResult struct {
	Written  int               // updates written or changed: the Returned that changed anything
	Dst      string            // the file written, or left as it was when it already held the result
	Warnings workbook.Problems // the warnings the merged workbook reads with
}

// Merge writes the returned updates of report point date into the workbook src and saves it as dst
// (dst == src for --in-place), atomically (internal/atomicfile), keeping everything else in the workbook
// (other sheets, formulas, formatting, comments, validation) as Roll does (excelize edit). An update row for
// (action, date) that exists is updated in place; one that does not is added at the end of the Updates sheet.
// The Returned By / Returned On columns are added to the Updates sheet's header if missing. Completed goes into
// the Actions sheet's Completed cell. The result is read back and validated like Roll's (InvalidError).
// Merging the same Returned twice changes nothing the second time (byte-identical file: compare and keep).
//
// In more detail: the workbook is first read and checked with opt, and one
// that lacks a sheet or column of the format is refused with an
// *InvalidError; errors in its cells are left to the check of the merged
// workbook, since the merge may correct them. Refused too: a date
// that is no report point of it (wrapping workbook.ErrUnknownReport), an
// action not in its Actions sheet (workbook.ErrUnknownAction), an action
// returned twice, and a text longer than a cell holds (ErrTooLong). Only
// the cells whose value differs are written: a text is compared as read
// (trimmed, line ends normalised), a RAG by its value of the scale (a
// RAG not on the scale is written as given, and the check afterwards
// refuses it), a date by its day. New rows go under the last row of
// Updates in the Actions sheet's order, styled like the row above, as
// Roll's; a new column's header is styled like the header's last cell.
// Rows are made as tall as their text, up to Excel's maximum (rowHeight).
// When nothing differs the workbook's own bytes are the result; when dst
// already holds exactly the result it is left alone; otherwise it is
// written as Roll writes (an existing dst other than src is refused with
// ErrExists unless opt.Overwrite). If the merged workbook has errors
// (workbook.Read's checks), it is refused with an *InvalidError listing
// them and nothing is written.
func Merge(src, dst string, date time.Time, returned []Returned, opt MergeOptions) (MergeResult, error) {
	if dst == "" {
		return MergeResult{}, errors.New("no file to write the merged workbook to")
	}
	date = plan.Date(date.Date())
	b, err := xlsx.ReadFile(src, xlsx.DefaultLimits)
	if err != nil {
		return MergeResult{}, err
	}
	wb, err := workbook.Validate(b, src, opt.Options)
	if err != nil {
		return MergeResult{}, err
	}
	if structural(wb.Problems) {
		return MergeResult{}, &InvalidError{Name: src, Problems: wb.Problems, doing: mergeDoing}
	}
	if err := wb.Verify(); err != nil {
		return MergeResult{}, err
	}
	m := &merger{Located: wb, opt: opt, date: date, name: src}
	if err := m.check(returned); err != nil {
		return MergeResult{}, err
	}
	var res MergeResult
	merged, problems := b, wb.Problems
	if len(returned) > 0 {
		var changed bool
		merged, res.Written, changed, err = m.merge(b, returned)
		if err != nil {
			return MergeResult{}, err
		}
		if !changed {
			merged = b
		} else {
			after, err := workbook.Validate(merged, src, opt.Options)
			if err != nil {
				return MergeResult{}, err
			}
			problems = after.Problems
		}
	}
	if problems.HasErrors() {
		return MergeResult{}, &InvalidError{Name: src, Problems: problems, doing: mergeDoing, after: true}
	}
	res.Dst, res.Warnings = dst, problems
	if same, err := holds(dst, merged); err != nil || same {
		return res, err
	}
	out, err := destination(src, dst, opt.Overwrite)
	if err != nil {
		return MergeResult{}, err
	}
	if err := out.writeBytes(merged); err != nil {
		return MergeResult{}, err
	}
	res.Dst = out.path
	return res, nil
}

// structural reports whether the problems have a sheet or column missing,
// so that the workbook cannot be edited: the errors of its cells are left
// to the check of the merged workbook, since the merge may correct them
// (an open action's missing update).
func structural(ps workbook.Problems) bool {
	for _, p := range ps.Errors() {
		if errors.Is(p, workbook.ErrMissingSheet) || errors.Is(p, workbook.ErrMissingColumn) {
			return true
		}
	}
	return false
}

// mergeDoing is what a workbook's errors stop, for InvalidError.
const mergeDoing = "merging the returned updates"

// holds reports whether the file at path holds exactly b; a file that is
// not there does not.
func holds(path string, b []byte) (bool, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case !info.Mode().IsRegular() || info.Size() != int64(len(b)):
		return false, nil
	}
	have, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	return bytes.Equal(have, b), nil
}

// merger is a workbook read to have returned updates merged into it.
type merger struct {
	*workbook.Located
	opt  MergeOptions
	date time.Time
	name string
}

// check refuses returned updates that cannot be merged: a date that is no
// report point, an unknown action or one returned twice, a text longer
// than a cell holds.
func (m *merger) check(returned []Returned) error {
	if _, ok := m.Plan.ReportAt(m.date); !ok {
		return fmt.Errorf("cannot merge the returned updates into %s: %s is not the date of a report point in its Reports sheet (%w)",
			m.name, schema.FormatDate(m.date), workbook.ErrUnknownReport)
	}
	known := map[string]bool{}
	for _, a := range m.Plan.Actions {
		known[a.No] = true
	}
	not := m.name + " was not changed"
	seen := map[string]bool{}
	var errs []error
	for _, r := range returned {
		switch {
		case !known[r.Action]:
			errs = append(errs, fmt.Errorf("cannot merge the returned update of action %s: %s has no action %s in its Actions sheet (%w)",
				r.Action, m.name, r.Action, workbook.ErrUnknownAction))
		case seen[r.Action]:
			errs = append(errs, fmt.Errorf("cannot merge the returned updates into %s: action %s is returned twice", m.name, r.Action))
		}
		seen[r.Action] = true
		for _, t := range []struct{ what, text string }{
			{"action " + r.Action + "'s returned update", r.Text},
			{"action " + r.Action + "'s Returned By", r.ReturnedBy},
			{"action " + r.Action + "'s returned RAG", r.RAG},
		} {
			if n := cellChars(schema.CleanText(t.text)); n > excelize.TotalCellChars {
				errs = append(errs, tooLong(t.what, "", n, not))
			}
		}
	}
	return errors.Join(errs...)
}

// merge opens the workbook's bytes for editing, writes the returned
// updates into it and returns its bytes; written counts the Returned that
// changed anything, and changed says whether anything did.
func (m *merger) merge(b []byte, returned []Returned) (out []byte, written int, changed bool, err error) {
	defer func() {
		// excelize is not written for hostile input; whatever it trips on
		// is a damaged file, not a crash.
		if r := recover(); r != nil {
			out, written, changed, err = nil, 0, false, damaged(m.name)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		Password:          m.opt.Password, // kept, so the file written is protected too
		UnzipSizeLimit:    int64(xlsx.DefaultLimits.Unpacked),
		UnzipXMLSizeLimit: maxInMemoryPart,
	})
	if err != nil {
		return nil, 0, false, damaged(m.name)
	}
	defer f.Close()
	ed := &mergeEditor{editor: editor{f: f, date1904: m.Date1904, monthFirst: m.opt.MonthFirst}}
	if err := m.edit(ed, returned, &written); err != nil {
		return nil, 0, false, fmt.Errorf("merging the returned updates into %s: %w", m.name, err)
	}
	if !ed.changed {
		return nil, written, false, nil
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, 0, false, err
	}
	return buf.Bytes(), written, true, nil
}

// mergeEditor is an editor that notes whether it changed anything.
type mergeEditor struct {
	editor
	changed bool
}

// edit writes each returned update: into its row at the date when there is
// one, else into a new row; and its Completed date into its action's row.
func (m *merger) edit(ed *mergeEditor, returned []Returned, written *int) error {
	updates, _ := m.Table(schema.SheetUpdates)
	for _, col := range []int{schema.UpdateReturnedBy, schema.UpdateReturnedOn} {
		if err := ed.addColumn(&updates, schema.SheetUpdates, col); err != nil {
			return err
		}
	}
	actions, _ := m.Table(schema.SheetActions)
	order := map[string]int{}
	current := map[string]plan.Action{}
	for i, a := range m.Plan.Actions {
		order[a.No], current[a.No] = i, a
	}
	at := m.UpdatesAt(m.date)
	var added []Returned
	for _, r := range returned {
		r = m.tidy(r)
		changed := false
		if !r.Completed.IsZero() && !r.Completed.Equal(current[r.Action].Completed) {
			if err := ed.addColumn(&actions, schema.SheetActions, schema.ActionCompleted); err != nil {
				return err
			}
			row, err := rowOf(m.NumberCell(r.Action))
			if err != nil {
				return err
			}
			if err := ed.setDate(actions, schema.ActionCompleted, row, r.Completed); err != nil {
				return err
			}
			changed = true
		}
		u, ok := at[r.Action]
		if !ok {
			added = append(added, r)
			*written++
			continue
		}
		c, err := ed.updateRow(updates, u, r)
		if err != nil {
			return err
		}
		if changed || c {
			*written++
		}
	}
	slices.SortStableFunc(added, func(a, b Returned) int { return cmp.Compare(order[a.Action], order[b.Action]) })
	return ed.appendUpdates(updates, m, added)
}

// tidy is a returned update as it reads back from the workbook: texts
// trimmed with their line ends normalised, the RAG as its code when it is
// one of the scale's, dates as days.
func (m *merger) tidy(r Returned) Returned {
	r.Text = schema.CleanText(r.Text)
	r.ReturnedBy = schema.Collapse(r.ReturnedBy)
	r.RAG = schema.CleanText(r.RAG)
	if v, ok := m.scale().Parse(r.RAG); ok && r.RAG != "" {
		r.RAG = v.Code
	}
	for _, d := range []*time.Time{&r.Completed, &r.ReturnedOn} {
		if !d.IsZero() {
			*d = plan.Date(d.Date())
		}
	}
	return r
}

// scale is the RAG scale the workbook is read with.
func (m *merger) scale() rag.Scale {
	if len(m.opt.Scale.Values) == 0 {
		return rag.Default()
	}
	return m.opt.Scale
}

// rowOf is the row number of a cell.
func rowOf(c workbook.Cell) (int, error) {
	_, row, err := excelize.CellNameToCoordinates(c.Ref)
	return row, err
}

// addColumn gives the table column col of the schema's sheet order when it
// has none: a header cell after the last one any row reaches, styled like
// the header's last cell, the column as wide as Write makes it unless it
// has a width of its own.
func (ed *mergeEditor) addColumn(t *workbook.Table, order, col int) error {
	if t.Columns[col] >= 0 {
		return nil
	}
	spec := schema.Sheets[order]
	i := max(t.Width, t.Widest) // 0-based place of the new column
	header := xlsx.CellName(i+1, t.Header)
	if err := ed.f.SetCellStr(t.Sheet, header, spec.Columns[col].Name); err != nil {
		return err
	}
	if t.Width > 0 {
		style, err := ed.f.GetCellStyle(t.Sheet, xlsx.CellName(t.Width, t.Header))
		if err != nil {
			return err
		}
		if err := ed.f.SetCellStyle(t.Sheet, header, header, style); err != nil {
			return err
		}
	}
	letters := columnLetters(i + 1)
	width, err := ed.f.GetColWidth(t.Sheet, letters)
	if err != nil {
		return err
	}
	if unset, err := ed.f.GetColWidth(t.Sheet, "XFD"); err == nil && width == unset {
		if err := ed.f.SetColWidth(t.Sheet, letters, letters, spec.Widths[col]); err != nil {
			return err
		}
	}
	t.Columns[col], t.Width = i, i+1
	ed.changed = true
	return nil
}

// updateRow writes what differs of a returned update into the row of the
// update there is at its date; changed says whether anything did.
func (ed *mergeEditor) updateRow(t workbook.Table, u workbook.RowUpdate, r Returned) (changed bool, err error) {
	set := func(col int, v string) error {
		changed = true
		return ed.f.SetCellStr(t.Sheet, xlsx.CellName(t.Columns[col]+1, u.Row), v)
	}
	if r.Text != u.Text {
		if err := set(schema.UpdateText, r.Text); err != nil {
			return false, err
		}
	}
	if r.RAG != "" && r.RAG != u.RAG {
		if err := set(schema.UpdateRAG, r.RAG); err != nil {
			return false, err
		}
	}
	if r.ReturnedBy != u.ReturnedBy {
		if err := set(schema.UpdateReturnedBy, r.ReturnedBy); err != nil {
			return false, err
		}
	}
	if !r.ReturnedOn.Equal(u.ReturnedOn) {
		changed = true
		if err := ed.setDate(t, schema.UpdateReturnedOn, u.Row, r.ReturnedOn); err != nil {
			return false, err
		}
	}
	if !changed {
		return false, nil
	}
	ed.changed = true
	return true, fitRows(ed.f, t.Sheet, u.Row, u.Row, max(t.Width, t.Widest))
}

// setDate writes a day into column col of a table's row as a date cell,
// shown as the cell's style shows dates or else as DD/MM/YYYY; the zero
// day empties the cell.
func (ed *mergeEditor) setDate(t workbook.Table, col, row int, d time.Time) error {
	ed.changed = true
	cell := xlsx.CellName(t.Columns[col]+1, row)
	if d.IsZero() {
		return ed.f.SetCellValue(t.Sheet, cell, nil)
	}
	if err := ed.f.SetCellInt(t.Sheet, cell, int64(ed.serial(d))); err != nil {
		return err
	}
	style, err := ed.f.GetCellStyle(t.Sheet, cell)
	if err != nil {
		return err
	}
	if style, err = ed.dateStyle(style); err != nil {
		return err
	}
	return ed.f.SetCellStyle(t.Sheet, cell, cell, style)
}

// appendUpdates adds a row to the Updates sheet for each returned update
// that has none at its date, as Roll adds its rows.
func (ed *mergeEditor) appendUpdates(t workbook.Table, m *merger, added []Returned) error {
	if len(added) == 0 {
		return nil
	}
	rows := make([][]any, len(added))
	for i, r := range added {
		var on any = ""
		if !r.ReturnedOn.IsZero() {
			on = day(r.ReturnedOn)
		}
		rows[i] = []any{schema.UpdateAction: m.NumberCell(r.Action), schema.UpdateDate: day(m.date),
			schema.UpdateText: r.Text, schema.UpdateRAG: r.RAG, schema.UpdateReturnedBy: r.ReturnedBy, schema.UpdateReturnedOn: on}
	}
	t.Width = max(t.Width, t.Widest)
	ed.changed = true
	return ed.appendRows(t, rows)
}

// writeBytes writes a workbook's bytes as write writes a workbook.
func (out output) writeBytes(b []byte) error {
	return out.writeWith(func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
