// Package xlsx reads the cells of an Excel workbook (.xlsx), as
// encoding/csv reads the records of a CSV file: Open checks the file and
// its size limits, File.Sheets lists its sheets, and File.ReadSheets reads
// the rows of those asked for, each cell with its place, type and value.
//
// A cell's value is what excelize reads with RawCellValue: the text of
// its <v> as written (a number, a date serial, 0 or 1 for a boolean, an
// error, a formula's cached value), but for a shared string, whose text is
// looked up, and an inline string. Formatting is not applied, but each
// cell keeps its style, whose number format File.NumberFormat gives, so
// that a display value can be made.
//
// The package scans the XML of the few parts it reads itself (xmlscan.go),
// straight from the bytes as archive/zip unpacks them; a test holds it to
// what excelize reads on workbooks of many producers and on random sheets.
// A file that cannot be read is an *Error, one sentence, wrapping a
// sentinel; a damaged sheet's says where.
package xlsx

import (
	"archive/zip"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
)

// Sheet is a worksheet's content.
type Sheet struct {
	Name   string
	Rows   []Row   // the rows that have cells, in order
	Merged []Range // its merged ranges; none when one of them cannot be read, as in excelize
}

// Row is a row of a sheet that has cells.
type Row struct {
	Num   int    // its number, 1-based
	Cells []Cell // as written, which is nearly always in column order; a cell blank without a formula is none
}

// Cell is a cell of a row.
type Cell struct {
	Col, Row int    // its column and row, 1-based
	Type     string // its t attribute: "" or "n" (a number or date serial), "s" (shared string), "inlineStr", "str" (a formula's text), "b", "e", "d"
	Value    string // its value, as written but for strings, which are looked up
	Style    int    // its s attribute: the index of its style, whose number format File.NumberFormat gives
	Formula  bool   // it holds a formula, whose cached value Value is
}

// Ref is the cell's A1-style reference, "B3".
func (c Cell) Ref() string { return CellName(c.Col, c.Row) }

// Range is a merged range of cells: its top-left and bottom-right
// corners, 1-based.
type Range struct {
	Col1, Row1, Col2, Row2 int
}

// Values returns the row's cell values by column, as excelize's
// Rows.Columns does: a column without a cell before the last is "".
func (r Row) Values() []string {
	var values []string
	if len(r.Cells) > 0 {
		values = make([]string, 0, max(r.Cells[len(r.Cells)-1].Col, len(r.Cells)))
	}
	for _, c := range r.Cells {
		for len(values) < c.Col-1 {
			values = append(values, "")
		}
		values = append(values, c.Value)
	}
	return values
}

// CellName is the A1-style reference of the cell at column col and row
// row, both 1-based.
func CellName(col, row int) string { return columnLetters(col) + strconv.Itoa(row) }

// columnLetters turns a 1-based column number into Excel's letters.
func columnLetters(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// ReadSheets reads the named sheets, side by side and while the shared
// strings are read, and calls each with each sheet, in the order named,
// as soon as it and those before it are read; it stops at the first
// error. Before it unpacks anything it checks the parts it will not read
// for zip bombs.
func (f *File) ReadSheets(names []string, each func(i int, s *Sheet)) error {
	parts := make([]*zip.File, len(names))
	for i, name := range names {
		part, err := f.sheet(name)
		if err != nil {
			return err
		}
		parts[i] = part
	}
	if err := f.checkRest(append(slices.Clone(parts), f.sst)); err != nil {
		return err
	}
	sst := f.readStrings()
	done := make([]chan struct{}, len(names))
	sheets, errs := make([]*Sheet, len(names)), make([]error, len(names))
	panics := make([]goPanic, len(names))
	for i := range names {
		done[i] = make(chan struct{})
		go func() {
			defer close(done[i])
			defer panics[i].catch()
			sheets[i], errs[i] = f.readSheet(names[i], parts[i], sst)
		}()
	}
	for i := range names {
		<-done[i]
		panics[i].rethrow()
		if errs[i] != nil {
			return errs[i]
		}
		each(i, sheets[i])
	}
	return nil
}

// readSheet reads a sheet's part, then looks up its shared strings.
func (f *File) readSheet(name string, part *zip.File, sst *stringTable) (*Sheet, error) {
	s := &Sheet{Name: name}
	var sc *sheetScan
	err := f.scan(part, func(x *xmlScanner) { sc = scanSheet(x, s) })
	if e, ok := err.(*Error); ok && e.Err == ErrDamaged {
		e.Sheet = name
		if sc != nil {
			e.Cell = sc.stopped
		}
	}
	if err != nil {
		return nil, err
	}
	strs, err := sst.wait()
	if err != nil {
		return nil, err
	}
	sc.lookUp(strs)
	return s, nil
}

// Unescape decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold (_x000D_ is a carriage return), as the strings of shared and
// inline string cells already are; a formula's text result (type "str")
// is left as written, as excelize reads it.
func Unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return string(appendUnescaped(nil, []byte(s)))
}

// goPanic carries a panic in a goroutine reading a part, which is a bug in
// this package, not a damaged file, to the goroutine that waits for it,
// which raises it again: the caller sees it as it would a panic of its
// own, with where it happened.
type goPanic struct {
	value any
	stack []byte
}

// catch, deferred in the goroutine, keeps its panic.
func (p *goPanic) catch() {
	if r := recover(); r != nil {
		p.value, p.stack = r, debug.Stack()
	}
}

// rethrow raises the goroutine's panic, if any, in the caller.
func (p *goPanic) rethrow() {
	if p.value != nil {
		panic(fmt.Sprintf("%v\n\n[in a goroutine reading the workbook:]\n%s", p.value, p.stack))
	}
}
