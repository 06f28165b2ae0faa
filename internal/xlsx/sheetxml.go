package xlsx

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A worksheet's XML holds its rows in <sheetData>, each row's cells in
// its <row>, and its merged ranges in <mergeCells> after them:
//
//	<row r="3"><c r="A3" t="s"><v>12</v></c><c r="B3"><v>43374</v></c>
//	  <c r="C3" t="inlineStr"><is><t>text</t></is></c></row>
//	<mergeCell ref="D4:D5"/>
//
// A cell's value is read as excelize reads it with RawCellValue: the text
// of its <v> as written (a number, a date serial, 0 or 1 for a boolean, an
// error, a formula's cached value), but for a shared string (t="s"), whose
// <v> is an index into the shared strings, and an inline string
// (t="inlineStr"), whose text is in <is>. A string is the text of its <t>
// and of the <t> of each of its rich text runs <r>, with the _xHHHH_
// escapes of characters XML cannot hold decoded; phonetic runs <rPh> are
// not part of it. Rows and cells without an r attribute follow the one
// before; a row numbered at or before the row being read continues it, as
// in excelize. A cell that is blank and holds no formula is not a cell.

// TotalRows and MaxColumns of excelize: how far a sheet reaches.
const (
	maxRows    = 1048576
	maxColumns = 16384
)

// sheetScan reads one worksheet's rows into a Sheet, its shared strings
// looked up once they are read.
type sheetScan struct {
	x      *xmlScanner
	sheet  *Sheet
	merged []string // the merged ranges' references

	cur, seek int  // the number of the last row element; that of the row being read
	open      bool // a row is being read
	col       int  // the column of the last cell, 1-based
	cells     []rowCell
	text      []byte // the text of the row's cells but shared strings
	item      stringItem
	shared    []sharedCell // the cells that are shared strings
	stopped   string       // the cell the scan stopped in at an error, if any
}

// rowCell is a cell of the row being read: the cell but its value, and
// its value, a shared string's index or the text between from and to of
// the row's text.
type rowCell struct {
	cell     Cell
	shared   int // -1 when not a shared string
	from, to int
}

// sharedCell is a cell, by its row and place in it, whose value is the
// shared string index.
type sharedCell struct {
	row, cell, index int
}

// scanSheet reads a worksheet into s, but for its shared strings, which
// lookUp fills in; an error is left in x.err.
func scanSheet(x *xmlScanner, s *Sheet) *sheetScan {
	sc := &sheetScan{x: x, sheet: s}
	inData := true // until </sheetData>, the rows
	for x.next() {
		switch local := string(localName(x.name)); {
		case inData && !x.end && local == "row":
			sc.row()
		case inData && !x.end && local == "c" && sc.open:
			sc.cell()
		case inData && (x.end || x.empty) && local == "sheetData":
			inData = false
			sc.flush()
		case !x.end && local == "mergeCell":
			x.eachAttr(func(local, value []byte) bool {
				if string(local) == "ref" {
					sc.merged = append(sc.merged, string(value))
				}
				return true
			})
		}
	}
	if x.err != nil && sc.open && sc.col > 0 {
		sc.stopped = CellName(sc.col, sc.seek)
	}
	sc.flush()
	s.Merged = mergedRanges(sc.merged)
	return sc
}

// row starts reading a row, or continues the row being read.
func (sc *sheetScan) row() {
	n := 0
	sc.x.eachAttr(func(local, value []byte) bool {
		if string(local) != "r" {
			return true
		}
		v, err := strconv.Atoi(string(value))
		if err != nil || v > maxRows {
			sc.x.fail(errMalformed)
			return false
		}
		n = v
		return true
	})
	if n == 0 {
		n = sc.cur + 1
	}
	sc.cur = n
	if sc.open && n <= sc.seek {
		return
	}
	sc.flush()
	sc.open, sc.seek, sc.col = true, max(n, sc.seek+1), 0
}

// flush adds the row being read to the sheet, as excelize reads it: a
// cell blank without a formula is none, and so is a row without cells.
func (sc *sheetScan) flush() {
	if !sc.open {
		return
	}
	sc.open = false
	text := string(sc.text)
	cells := make([]Cell, 0, len(sc.cells))
	for _, c := range sc.cells {
		cell := c.cell
		cell.Row = sc.seek
		if c.shared >= 0 {
			sc.shared = append(sc.shared, sharedCell{len(sc.sheet.Rows), len(cells), c.shared})
		} else if cell.Value = text[c.from:c.to]; cell.Value == "" && !cell.Formula {
			continue
		}
		cells = append(cells, cell)
	}
	if len(cells) > 0 {
		sc.sheet.Rows = append(sc.sheet.Rows, Row{Num: sc.seek, Cells: slices.Clip(cells)})
	}
	sc.cells, sc.text = sc.cells[:0], sc.text[:0]
}

// lookUp gives the cells that are shared strings their text, and drops
// those that are then blank, without a formula, as excelize does.
func (sc *sheetScan) lookUp(sst []string) {
	if len(sc.shared) == 0 {
		return
	}
	rows := sc.sheet.Rows
	for _, c := range sc.shared {
		if c.index < len(sst) {
			rows[c.row].Cells[c.cell].Value = sst[c.index]
		}
	}
	kept := rows[:0]
	for _, r := range rows {
		r.Cells = slices.DeleteFunc(r.Cells, func(c Cell) bool { return c.Value == "" && !c.Formula })
		if len(r.Cells) > 0 {
			kept = append(kept, r)
		}
	}
	sc.sheet.Rows = kept
}

// The commonest forms of a cell and a shared string, read straight from
// the scanner's buffer.
var (
	plainCell   = newPlainForm("c", "v")
	plainString = newPlainForm("si", "t")
)

// The kinds of cell value read differently.
const (
	asWritten = iota
	sharedString
	inlineString
)

// cell reads a cell of the row.
func (sc *sheetScan) cell() {
	x := sc.x
	sc.col++
	c := rowCell{shared: -1}
	kind, styled, refCol, refErr := asWritten, true, 0, error(nil)
	x.eachAttr(func(local, value []byte) bool {
		switch string(local) {
		case "r":
			// The last wins; an empty one is none.
			refCol, refErr = 0, nil
			if len(value) > 0 {
				refCol, _, refErr = cellCoordinates(value)
			}
		case "s":
			// excelize gives up on a cell whose style is not a number.
			styled = validInt(value)
			c.cell.Style, _ = strconv.Atoi(string(value))
		case "t":
			kind, c.cell.Type = cellKind(value)
		}
		return styled
	})
	switch {
	case refErr != nil:
		x.fail(errMalformed)
		return
	case refCol > 0:
		sc.col = refCol
	}
	if !styled {
		x.skip()
		return
	}
	from := len(sc.text)
	formula, inline := sc.cellContent(from)
	c.cell.Col, c.cell.Formula, c.from, c.to = sc.col, formula, from, len(sc.text)
	switch {
	case kind == sharedString && c.to > c.from:
		// An index that is not a number is 0, as in excelize.
		c.shared, _ = strconv.Atoi(string(bytes.TrimSpace(sc.text[from:])))
		c.shared = max(c.shared, -1)
		sc.text, c.to = sc.text[:from], from
	case kind == inlineString && inline:
		sc.text = sc.item.appendTo(sc.text[:from])
		c.to = len(sc.text)
	}
	if c.to > c.from || c.shared >= 0 || formula {
		sc.cells = append(sc.cells, c)
	}
}

// cellContent reads the content of the cell just opened, leaving the text
// of its (last) <v> in sc.text from from, and its inline string, if any, in
// sc.item; it reports whether it has a formula and an inline string.
func (sc *sheetScan) cellContent(from int) (formula, inline bool) {
	x := sc.x
	sc.item.reset()
	if v, ok := x.plainChild(plainCell); ok {
		sc.text = append(sc.text[:from], v...)
	} else if !x.empty {
		for depth := len(x.ends); x.next() && len(x.ends) >= depth; {
			switch {
			case x.is("v"):
				sc.text = x.elementText(sc.text[:from])
			case x.is("f"):
				formula = true
				x.skip()
			case x.is("is"):
				inline = true
				sc.item.read(x)
			}
		}
	}
	if !validText(sc.text[from:]) {
		x.fail(errMalformed)
	}
	return formula, inline
}

// cellKind is how a cell of type t is read, and t as a string, kept
// without allocating for the types Excel writes.
func cellKind(t []byte) (int, string) {
	switch string(t) {
	case "s":
		return sharedString, "s"
	case "inlineStr":
		return inlineString, "inlineStr"
	case "n":
		return asWritten, "n"
	case "b":
		return asWritten, "b"
	case "e":
		return asWritten, "e"
	case "str":
		return asWritten, "str"
	case "d":
		return asWritten, "d"
	}
	return asWritten, string(t)
}

// validInt reports whether b is a decimal int64, as strconv.ParseInt reads
// one: a sign, then digits.
func validInt(b []byte) bool {
	negative := len(b) > 0 && b[0] == '-'
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	b = bytes.TrimLeft(b, "0")
	limit := "9223372036854775807"
	if negative {
		limit = "9223372036854775808"
	}
	return len(b) < len(limit) || len(b) == len(limit) && string(b) <= limit
}

// cellCoordinates reads a cell reference such as "B3" or "$B$3" as
// excelize.CellNameToCoordinates reads it: its 1-based column and row.
func cellCoordinates(ref []byte) (col, row int, err error) {
	isLetter := func(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '$' }
	last := -1
	for i, c := range ref {
		if isLetter(c) {
			last = i
		}
	}
	if len(ref) == 0 || !isLetter(ref[0]) || last == len(ref)-1 {
		return 0, 0, errMalformed
	}
	if row = rowNumber(ref[last+1:]); row == 0 {
		return 0, 0, errMalformed
	}
	weight := 1
	for i := last; i >= 0; i-- {
		c := ref[i]
		switch {
		case c == '$':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case c < 'A' || c > 'Z':
			return 0, 0, errMalformed
		}
		col += int(c-'A'+1) * weight
		weight *= 26
		if col > maxColumns {
			return 0, 0, errMalformed
		}
	}
	if col == 0 {
		return 0, 0, errMalformed
	}
	return col, row, nil
}

// rowNumber reads the row number of a cell reference, as strconv.Atoi
// reads a number, or returns 0 if it is not one from 1 to maxRows.
func rowNumber(b []byte) int {
	if len(b) > 0 && b[0] == '+' {
		b = b[1:]
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		if n = n*10 + int(c-'0'); n > maxRows {
			return 0
		}
	}
	return n
}

// stringItem is the text of a shared string <si> or an inline string
// <is>, as read so far.
type stringItem struct {
	t    []byte // the text of its <t>
	runs []byte // the text of its runs' <t>, one after another
}

func (it *stringItem) reset() { it.t, it.runs = it.t[:0], it.runs[:0] }

// read reads the rest of the <si> or <is> just opened: the text of its
// <t> (of the last, should there be several) and of each of its runs,
// skipping anything else, phonetic runs <rPh> included.
func (it *stringItem) read(x *xmlScanner) {
	if x.empty {
		return
	}
	for depth := len(x.ends); x.next() && len(x.ends) >= depth; {
		switch {
		case x.is("t"):
			it.t = x.elementText(it.t[:0])
		case x.is("r"):
			it.readRun(x)
		default:
			x.skip()
		}
	}
	if !validText(it.t) || !validText(it.runs) {
		x.fail(errMalformed)
	}
}

// readRun reads the rest of a run <r> just opened.
func (it *stringItem) readRun(x *xmlScanner) {
	if x.empty {
		return
	}
	from := len(it.runs)
	for depth := len(x.ends); x.next() && len(x.ends) >= depth; {
		if x.is("t") {
			it.runs = x.elementText(it.runs[:from])
		} else {
			x.skip()
		}
	}
}

// appendTo appends the item's text to dst, its escapes decoded; it is
// called once the item is read, once.
func (it *stringItem) appendTo(dst []byte) []byte {
	if len(it.runs) > 0 {
		it.t = append(it.t, it.runs...)
		it.runs = it.runs[:0]
	}
	return appendUnescaped(dst, it.t)
}

// appendUnescaped appends s to dst with its _xHHHH_ escapes decoded, as
// excelize decodes them: _x005F_ is "_", and an escape of a surrogate
// stands for nothing.
func appendUnescaped(dst, s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("_x"))
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		code, ok := escapedChar(s[i:])
		if !ok {
			dst = append(dst, '_')
			s = s[i+1:]
			continue
		}
		if utf8.ValidRune(code) {
			dst = utf8.AppendRune(dst, code)
		}
		s = s[i+len("_x0000_"):]
	}
}

// escapedChar reads an escape _xHHHH_ at the start of s.
func escapedChar(s []byte) (rune, bool) {
	if len(s) < len("_x0000_") || s[6] != '_' {
		return 0, false
	}
	var code rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			code = code<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			code = code<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			code = code<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return code, true
}

// readSharedStrings reads the shared strings: the text of each <si> of the
// table, in order.
func readSharedStrings(x *xmlScanner) []string {
	var sst []string
	var it stringItem
	var text []byte
	for x.next() {
		if x.level() != 2 || !x.is("si") {
			continue
		}
		it.reset()
		if t, ok := x.plainChild(plainString); ok {
			it.t = append(it.t, t...)
			if !validText(t) {
				x.fail(errMalformed)
			}
		} else {
			it.read(x)
		}
		text = it.appendTo(text[:0])
		sst = append(sst, string(text))
	}
	return sst
}

// mergedRanges reads a sheet's merged ranges as excelize reads them: "$"
// signs dropped, a single cell "B2" the range B2:B2. One that cannot be
// read spoils them all.
func mergedRanges(refs []string) []Range {
	ranges := make([]Range, 0, len(refs))
	for _, ref := range refs {
		if !strings.Contains(ref, ":") {
			ref += ":" + ref
		}
		corners := strings.Split(strings.ReplaceAll(ref, "$", ""), ":")
		c1, r1, err1 := cellCoordinates([]byte(corners[0]))
		c2, r2, err2 := cellCoordinates([]byte(corners[1]))
		if err1 != nil || err2 != nil {
			return nil
		}
		ranges = append(ranges, Range{c1, r1, c2, r2})
	}
	return ranges
}
