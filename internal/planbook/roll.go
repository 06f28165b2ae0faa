package planbook

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// Rolling forward: Roll adds the next report point to the coordinator's own
// workbook, edited in place with excelize so that its formatting, extra
// columns, other sheets, column widths and drop-down lists are kept, and
// an Updates row for every action still open, copied from its last update.

// Why Roll refuses; a workbook with errors is refused with an
// *InvalidError, which wraps workbook.ErrInvalid.
var (
	ErrNotAfterLatest = errors.New("the date is not after the latest report point")
	ErrExists         = errors.New("the file already exists")
)

// RollOptions control how Roll reads the workbook and where it writes.
type RollOptions struct {
	workbook.Options      // how the workbook is read; its Password keeps the file written protected too
	Overwrite        bool // Roll may replace an existing file other than the workbook it reads
}

// InvalidError is Roll's error for a workbook that does not pass
// workbook.Read's checks. It wraps workbook.ErrInvalid; Problems holds every
// problem found, each with its sheet and cell, errors first.
//
// Merge returns one too, for a workbook with errors and for one its
// merge would give errors.
type InvalidError struct {
	Name     string
	Problems workbook.Problems

	doing string // what the errors stop; "rolling it forward" when ""
	after bool   // the errors are those left after doing it
}

// Error says how many errors the workbook has and lists them, one to a
// line as "Sheet!Cell: message".
func (e *InvalidError) Error() string {
	errs := e.Problems.Errors()
	doing := cmp.Or(e.doing, "rolling it forward")
	if e.after {
		return fmt.Sprintf("%s would leave %s with %d error(s), so nothing was written:\n%v", doing, e.Name, len(errs), errs)
	}
	return fmt.Sprintf("%s has %d error(s); correct them before %s:\n%v", e.Name, len(errs), doing, errs)
}

// Unwrap returns workbook.ErrInvalid.
func (e *InvalidError) Unwrap() error { return workbook.ErrInvalid }

// RollResult says what Roll wrote.
type RollResult struct {
	Dst      string            // the file written
	Carried  int               // Updates rows added: one per action open on the new date
	Blank    []string          // the open actions that had no update to copy, whose new rows are blank
	Warnings workbook.Problems // the warnings the workbook read with
}

// Roll adds the report point {date, name} to the workbook at src and, for
// every action still open on that date, an Updates row pre-filled with its
// last update's text and RAG; it writes the result to dst.
//
// The workbook is first read and checked with opt; one with errors is
// refused with an *InvalidError. A date that is not after the latest report
// point is refused with ErrNotAfterLatest. An action is still open on the
// new date if it was added on or before it and is not completed by it; its
// last update is its latest-dated one, copied cell for cell (text with its
// line breaks and any rich text, RAG as written); an open action with no
// update gets a row with a blank text and RAG, listed in RollResult.Blank.
// The new rows go under the last non-blank row of Reports and of Updates, in
// the columns their header rows name, each cell styled like the cell above
// it; a date is a date cell, shown as the cells above it show dates or
// else as DD/MM/YYYY (MM/DD/YYYY with opt.MonthFirst).
//
// An empty dst is rollPath(src, date). The file at src is changed only when
// dst is src, and then atomically: the workbook is written to a temporary
// file in the same folder, synced, and renamed over src. An existing file
// other than src is refused with ErrExists unless opt.Overwrite is set.
func Roll(src, dst string, point plan.ReportPoint, opt RollOptions) (RollResult, error) {
	point, err := reportPoint(point)
	if err != nil {
		return RollResult{}, err
	}
	b, rd, err := readToRoll(src, point, opt)
	if err != nil {
		return RollResult{}, err
	}
	if dst == "" {
		dst = rollPath(src, point.Date)
	}
	out, err := destination(src, dst, opt.Overwrite)
	if err != nil {
		return RollResult{}, err
	}
	f, res, err := rd.rollForward(b, src, point)
	if err != nil {
		return RollResult{}, err
	}
	defer f.Close()
	if err := out.write(f); err != nil {
		return RollResult{}, err
	}
	res.Dst, res.Warnings = out.path, rd.Problems
	return res, nil
}

// rollPath is where Roll writes by default: beside src, named after it and
// the new date. plan.xlsx rolled to 31/07/2020 is plan-2020-07-31.xlsx, and
// a date the name already ends in is replaced, so plan-2019-07-31.xlsx
// becomes plan-2020-07-31.xlsx.
func rollPath(src string, d time.Time) string {
	ext := filepath.Ext(src)
	stem := datedName.ReplaceAllString(strings.TrimSuffix(src, ext), "")
	return stem + "-" + d.Format("2006-01-02") + ext
}

var datedName = regexp.MustCompile(`-\d{4}-\d{2}-\d{2}$`)

// reportPoint checks the new report point, taking its date as a calendar
// day.
func reportPoint(p plan.ReportPoint) (plan.ReportPoint, error) {
	p.Name = schema.CleanText(p.Name)
	switch {
	case p.Date.IsZero():
		return p, errors.New("the new report point has no date")
	case p.Name == "":
		return p, errors.New("the new report point has no name")
	}
	p.Date = plan.Date(p.Date.Date())
	return p, nil
}

// readToRoll reads and checks the workbook at src, and that the new
// report point comes after its latest.
func readToRoll(src string, point plan.ReportPoint, opt RollOptions) ([]byte, *roller, error) {
	b, err := xlsx.ReadFile(src, xlsx.DefaultLimits)
	if err != nil {
		return nil, nil, err
	}
	wb, err := workbook.Validate(b, src, opt.Options)
	if err != nil {
		return nil, nil, err
	}
	rd := &roller{Located: wb, opt: opt}
	if rd.Problems.HasErrors() {
		return nil, nil, &InvalidError{Name: src, Problems: rd.Problems}
	}
	if err := rd.Verify(); err != nil {
		return nil, nil, err
	}
	if latest, ok := rd.Plan.Latest(); ok && !point.Date.After(latest.Date) {
		return nil, nil, fmt.Errorf("cannot roll %s forward to %s: %w, %s (%s)",
			src, schema.FormatDate(point.Date), ErrNotAfterLatest, schema.FormatDate(latest.Date), latest.Name)
	}
	return b, rd, nil
}

// roller is a workbook read to be rolled forward.
type roller struct {
	*workbook.Located
	opt RollOptions
}

// rollForward opens the workbook's bytes for editing and appends the report
// point to Reports and the carried-over updates to Updates.
func (rd *roller) rollForward(b []byte, name string, point plan.ReportPoint) (f *excelize.File, res RollResult, err error) {
	defer func() {
		// excelize is not written for hostile input; whatever it trips on
		// is a damaged file, not a crash.
		if r := recover(); r != nil {
			f, res, err = nil, RollResult{}, damaged(name)
		}
	}()
	f, err = excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		Password:          rd.opt.Password, // kept, so the file written is protected too
		UnzipSizeLimit:    int64(xlsx.DefaultLimits.Unpacked),
		UnzipXMLSizeLimit: maxInMemoryPart,
	})
	if err != nil {
		return nil, RollResult{}, damaged(name)
	}
	ed := &editor{f: f, date1904: rd.Date1904, monthFirst: rd.opt.MonthFirst}
	rows, blank := rd.carriedUpdates(point.Date)
	if err := rd.checkCarried(ed, name, point); err != nil {
		f.Close()
		return nil, RollResult{}, err
	}
	err = ed.appendRows(rd.table(schema.SheetReports), [][]any{{day(point.Date), point.Name}})
	if err == nil {
		err = ed.appendRows(rd.table(schema.SheetUpdates), rows)
	}
	if err != nil {
		f.Close()
		return nil, RollResult{}, fmt.Errorf("rolling %s forward: %w", name, err)
	}
	return f, RollResult{Carried: len(rows), Blank: blank}, nil
}

// carriedUpdates is a row of the Updates sheet for every action open on d,
// in the Actions sheet's order: its number, d, and its last update's text
// and RAG (the cells to copy them from), or blanks when it has none; blank
// lists the actions without an update.
func (rd *roller) carriedUpdates(d time.Time) (rows [][]any, blank []string) {
	latest := rd.LatestUpdates(d)
	for _, a := range rd.Plan.Actions {
		if !a.Open(d) || a.Added.After(d) {
			continue
		}
		row := []any{schema.UpdateAction: rd.NumberCell(a.No), schema.UpdateDate: day(d), schema.UpdateText: "", schema.UpdateRAG: ""}
		if u, ok := latest[a.No]; ok {
			row[schema.UpdateText], row[schema.UpdateRAG] = u.Text, u.RAG
		} else {
			blank = append(blank, a.No)
		}
		rows = append(rows, row)
	}
	return rows, blank
}

// checkCarried returns an error for the new report point's name, and for
// every update carried forward to it, that is longer than a cell holds
// (ErrTooLong), each naming the action and the cell it was read from. An
// update is measured as written in its cell, which may be longer than as
// read (a line break written CR LF).
func (rd *roller) checkCarried(ed *editor, name string, point plan.ReportPoint) error {
	not := name + " was not rolled forward"
	var errs []error
	if n := cellChars(point.Name); n > excelize.TotalCellChars {
		errs = append(errs, tooLong("the new report point's name", "", n, not))
	}
	latest := rd.LatestUpdates(point.Date)
	for _, a := range rd.Plan.Actions {
		u, ok := latest[a.No]
		if !ok || !a.Open(point.Date) || a.Added.After(point.Date) || u.Text.Ref == "" {
			continue
		}
		written, err := ed.f.GetCellValue(u.Text.Sheet, u.Text.Ref, excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if n := cellChars(written); n > excelize.TotalCellChars {
			errs = append(errs, tooLong("action "+a.No+"'s update of "+schema.FormatDate(u.Date), u.Text.String(), n, not))
		}
	}
	return errors.Join(errs...)
}

// editor appends rows to a workbook opened for editing.
type editor struct {
	f                    *excelize.File
	date1904, monthFirst bool
}

// appendRows writes rows, each a value per column of the table's spec,
// under the table's last non-blank row: a day as a date cell, a string as
// text, a place as a copy of that cell's value. Every cell of the new rows,
// up to the width of the header or of the last row, takes the style of the
// last row's cell in its column (the column's style when the table has no
// rows), with a date format added to a date column's style that lacks one.
func (ed *editor) appendRows(t workbook.Table, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	first, model, width := t.Header+1, t.Header+1, t.Width
	if t.Last > 0 {
		first, model, width = t.Last+1, t.Last, max(width, t.LastWidth)
	}
	for i, row := range rows {
		for c, v := range row {
			if t.Columns[c] >= 0 {
				if err := ed.set(t.Sheet, xlsx.CellName(t.Columns[c]+1, first+i), v); err != nil {
					return err
				}
			}
		}
	}
	for col := 1; col <= width; col++ {
		style, err := ed.modelStyle(t, rows[0], col, model)
		if err != nil {
			return err
		}
		if err := ed.f.SetCellStyle(t.Sheet, xlsx.CellName(col, first), xlsx.CellName(col, first+len(rows)-1), style); err != nil {
			return err
		}
	}
	return fitRows(ed.f, t.Sheet, first, first+len(rows)-1, width)
}

// modelStyle is the style new cells of the 1-based column col take: that
// of the model row's cell, made to show a date when the column holds dates.
func (ed *editor) modelStyle(t workbook.Table, row []any, col, model int) (int, error) {
	style, err := ed.f.GetCellStyle(t.Sheet, xlsx.CellName(col, model))
	if err != nil {
		return 0, err
	}
	for c, v := range row {
		if _, isDay := v.(day); isDay && t.Columns[c] == col-1 {
			return ed.dateStyle(style)
		}
	}
	return style, nil
}

// dateStyle returns the style if it shows a number as a date, or else a
// style like it that shows DD/MM/YYYY (MM/DD/YYYY when month-first).
func (ed *editor) dateStyle(id int) (int, error) {
	style, err := ed.f.GetStyle(id)
	if err != nil {
		return 0, err
	}
	if showsDate(style) {
		return id, nil
	}
	format := "dd/mm/yyyy"
	if ed.monthFirst {
		format = "mm/dd/yyyy"
	}
	style.NumFmt, style.CustomNumFmt = 0, &format
	return ed.f.NewStyle(style)
}

// showsDate reports whether a style's number format shows a date: one of
// Excel's built-in date formats, or a format of its own with a day or a
// year in it outside quoted text and [brackets].
func showsDate(style *excelize.Style) bool {
	if style.CustomNumFmt == nil {
		switch style.NumFmt {
		case 14, 15, 16, 17, 22: // m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy, m/d/yyyy h:mm
			return true
		}
		return false
	}
	code := quotedOrBracketed.ReplaceAllString(*style.CustomNumFmt, "")
	return strings.ContainsAny(strings.ToLower(code), "dy")
}

var quotedOrBracketed = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)

// set writes one value of a new row into a cell.
func (ed *editor) set(sheet, cell string, v any) error {
	switch v := v.(type) {
	case day:
		return ed.f.SetCellInt(sheet, cell, int64(ed.serial(time.Time(v))))
	case workbook.Cell:
		return ed.copyValue(v, sheet, cell)
	case string:
		return ed.f.SetCellStr(sheet, cell, v)
	}
	return fmt.Errorf("cannot write a %T into %s!%s", v, sheet, cell)
}

// serial is the day's serial number in the workbook's date system.
func (ed *editor) serial(d time.Time) int {
	return schema.DateSerial(d, ed.date1904)
}

// copyValue copies the value of the cell at from into a cell: rich text as
// rich text, a number as a number, anything else as the text it shows
// (a formula as its cached value).
func (ed *editor) copyValue(from workbook.Cell, sheet, cell string) error {
	ref := from.Ref
	if ref == "" {
		return nil
	}
	runs, err := ed.f.GetCellRichText(from.Sheet, ref)
	if err != nil {
		return err
	}
	if richText(runs) {
		return ed.f.SetCellRichText(sheet, cell, runs)
	}
	v, err := ed.f.GetCellValue(from.Sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	if typ, err := ed.f.GetCellType(from.Sheet, ref); err == nil && (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) {
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			return ed.f.SetCellFloat(sheet, cell, n, -1, 64)
		}
	}
	return ed.f.SetCellStr(sheet, cell, v)
}

// richText reports whether any run of a cell's text has a font of its own.
func richText(runs []excelize.RichTextRun) bool {
	for _, r := range runs {
		if r.Font != nil {
			return true
		}
	}
	return false
}

// output is where Roll writes: path, and whether a file already there may
// be replaced.
type output struct {
	path    string
	replace bool
	mode    fs.FileMode // the permissions of the workbook read
}

// destination decides where Roll writes dst: over src itself (found through
// any symbolic link) when dst is src, over another existing file only when
// overwrite is set.
func destination(src, dst string, overwrite bool) (output, error) {
	srcInfo, err := os.Stat(src)
	if err != nil {
		return output{}, err
	}
	out := output{path: dst, mode: srcInfo.Mode().Perm()}
	dstInfo, err := os.Stat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return out, nil
	case err != nil:
		return output{}, err
	case os.SameFile(srcInfo, dstInfo):
		out.path, err = filepath.EvalSymlinks(dst)
		out.replace = true
		return out, err
	case !overwrite:
		return output{}, existsError(dst)
	}
	out.replace = true
	return out, nil
}

func existsError(path string) error {
	return fmt.Errorf("%s: %w; it is not overwritten unless asked", path, ErrExists)
}

// write writes the workbook with atomicfile: to a temporary file in the
// output's folder, synced, then moved into place (renamed over the file
// there when it may be replaced, linked, which fails if a file has
// appeared there since, when not), with the workbook's permissions.
func (out output) write(f *excelize.File) error {
	return out.writeWith(func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// writeWith writes the output with what write writes, as write says.
func (out output) writeWith(write func(io.Writer) error) error {
	err := atomicfile.WriteWith(out.path, atomicfile.Options{Mode: out.mode, NoReplace: !out.replace}, write)
	if errors.Is(err, fs.ErrExist) {
		return existsError(out.path)
	}
	return err
}

// table is where sheet order of the schema lies in the workbook, which
// has it: Roll reads only workbooks without errors.
func (rd *roller) table(order int) workbook.Table {
	t, _ := rd.Table(order)
	return t
}

// maxInMemoryPart: Roll has excelize unpack worksheets and shared strings
// larger than this to a temporary file and stream them from there rather
// than hold them in memory.
const maxInMemoryPart = 16 << 20

// damaged is the error of a workbook that excelize trips over.
func damaged(name string) error { return &xlsx.Error{Name: name, Err: xlsx.ErrDamaged} }
