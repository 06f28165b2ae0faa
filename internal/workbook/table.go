package workbook

import (
	"strings"

	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/xlsx"
)

// table is a sheet's rows as read: the header found, and each non-blank
// row below it.
type table struct {
	spec   *schema.Sheet
	name   string // the sheet's name in the workbook
	order  int
	header int      // the header's row number
	headed []string // the header's cells
	index  []int    // per column of the spec, its 0-based place in the sheet, or -1
	rows   []tableRow
	merged []xlsx.Range // the sheet's merged ranges
}

type tableRow struct {
	num     int            // the row number Excel shows
	cells   []string       // as Excel shows them
	written map[int]string // by 0-based column, the value as written of a cell shown otherwise
	numbers uint64         // the 0-based columns below 64 that hold a number
}

// value returns row r's cell in the spec's column c, trimmed, and its
// place; a column the sheet lacks reads as blank.
func (t *table) value(r tableRow, c int) (string, place) {
	pl := place{sheet: t.name, order: t.order, row: r.num}
	i := t.index[c]
	if i < 0 {
		return "", pl
	}
	pl.col = i + 1
	if i >= len(r.cells) {
		return "", pl
	}
	return strings.TrimSpace(r.cells[i]), pl
}

// findSheets maps each folded sheet name of the workbook to the name.
func findSheets(sheetNames []string) map[string]string {
	names := map[string]string{}
	for _, s := range sheetNames {
		if _, seen := names[schema.Fold(s)]; !seen {
			names[schema.Fold(s)] = s
		}
	}
	return names
}

// prepareTable finishes reading sheet order of the format once its rows are
// in. ok is false, with a problem recorded, when the sheet is missing (and
// required) or its header lacks a required column.
func (rd *reader) prepareTable(order int, t *table) bool {
	spec := &schema.Sheets[order]
	if t == nil {
		if spec.Required {
			rd.add(place{sheet: spec.Name, order: order}.problem(Error, ErrMissingSheet,
				"the workbook has no sheet named %q", spec.Name))
		}
		return false
	}
	rd.fillMerged(t)
	if order == schema.SheetPlan {
		rd.headerlessPlan(t)
	}
	return rd.checkHeader(t)
}

// newTable is the table of sheet order of the format: the first non-blank
// row is the header, the non-blank rows after it the data.
func (rd *reader) newTable(order int, s *xlsx.Sheet) *table {
	t := &table{spec: &schema.Sheets[order], name: s.Name, order: order, merged: s.Merged}
	var dates uint64 // the 0-based date columns, left as written
	for _, r := range s.Rows {
		cells := r.Values()
		switch {
		case blank(cells):
		case t.header == 0:
			t.header, t.headed, t.index = r.Num, cells, rd.matchHeader(t.spec, cells)
			dates = dateColumns(t)
		default:
			t.rows = append(t.rows, rd.shownRow(r, cells, dates))
		}
	}
	return t
}

// shownRow is a row of the table with its cells as Excel shows them, but
// for numbers in the date columns, which are read as written.
func (rd *reader) shownRow(r xlsx.Row, cells []string, dates uint64) tableRow {
	row := tableRow{num: r.Num, cells: cells}
	for _, c := range r.Cells {
		i := c.Col - 1
		number := c.Type == "" || c.Type == "n"
		if number && i < 64 {
			row.numbers |= 1 << i
		}
		if number && i < 64 && dates&(1<<i) != 0 {
			continue
		}
		if v := rd.display.Cell(c); v != c.Value && i < len(cells) {
			if row.written == nil {
				row.written = map[int]string{}
			}
			row.written[i], row.cells[i] = cells[i], v
		}
	}
	return row
}

// dateColumns is the set of the table's 0-based columns that hold dates.
func dateColumns(t *table) uint64 {
	var set uint64
	for c, i := range t.index {
		if i >= 0 && i < 64 && isDateColumn(t.order, c) {
			set |= 1 << i
		}
	}
	return set
}

// isDateColumn reports whether column c of sheet order of the format holds
// dates.
func isDateColumn(order, c int) bool {
	switch order {
	case schema.SheetReports:
		return c == schema.ReportDate
	case schema.SheetActions:
		return c == schema.ActionDue || c == schema.ActionAdded || c == schema.ActionCompleted
	case schema.SheetUpdates:
		return c == schema.UpdateDate || c == schema.UpdateReturnedOn
	}
	return false
}

// writtenValue returns row r's cell in the spec's column c as written,
// trimmed: a date column's number is its serial.
func (t *table) writtenValue(r tableRow, c int) string {
	v, _ := t.value(r, c)
	if i := t.index[c]; i >= 0 {
		if w, ok := r.written[i]; ok {
			return strings.TrimSpace(w)
		}
	}
	return v
}

// isNumber reports whether row r's cell in the spec's column c holds a
// number.
func (t *table) isNumber(r tableRow, c int) bool {
	i := t.index[c]
	return i >= 0 && i < 64 && r.numbers&(1<<i) != 0
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// matchHeader finds each of the spec's columns among the header cells, by
// its name, an alias or a name the options add; the first match wins.
func (rd *reader) matchHeader(spec *schema.Sheet, header []string) []int {
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = schema.Fold(h)
	}
	index := make([]int, len(spec.Columns))
	for c := range spec.Columns {
		index[c] = -1
		names := rd.names[&spec.Columns[c]]
		for i, h := range folded {
			if names[h] {
				index[c] = i
				break
			}
		}
	}
	return index
}

// headerlessPlan reads a Plan sheet written without a header, whose first
// row is already a field ("Title | …"), as fields in column A and values
// in column B.
func (rd *reader) headerlessPlan(t *table) {
	if t.header == 0 || t.index[schema.PlanField] >= 0 || len(t.headed) == 0 {
		return
	}
	if _, known := rd.planField(t.headed[0]); !known {
		return
	}
	t.rows = append([]tableRow{{num: t.header, cells: t.headed}}, t.rows...)
	t.header, t.index = 0, []int{0, 1}
}

// checkHeader records a problem for each required column the sheet lacks.
func (rd *reader) checkHeader(t *table) bool {
	ok := true
	for c, col := range t.spec.Columns {
		if col.Required && (t.index == nil || t.index[c] < 0) {
			rd.add(place{sheet: t.name, order: t.order}.problem(Error, ErrMissingColumn,
				"the header row (row %d) has no %q column", max(t.header, 1), col.Name))
			ok = false
		}
	}
	if t.index == nil {
		t.index = make([]int, len(t.spec.Columns))
		for i := range t.index {
			t.index[i] = -1
		}
	}
	return ok
}
