package workbook

import (
	"sort"
	"strings"
)

// cellRange is a merged range of cells: its top-left and bottom-right
// corners, 1-based.
type cellRange struct {
	col1, row1, col2, row2 int
}

// mergedRanges reads a sheet's merged ranges as excelize reads them: "$"
// signs dropped, a single cell "B2" the range B2:B2. One that cannot be
// read spoils them all.
func mergedRanges(refs []string) []cellRange {
	ranges := make([]cellRange, 0, len(refs))
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
		ranges = append(ranges, cellRange{c1, r1, c2, r2})
	}
	return ranges
}

// fillMerged gives every cell of a merged range below the header the value
// of the range's top-left cell, which is where Excel keeps it; a merged
// Strategic Lead or Theme then applies to each row it spans. Only the
// format's columns are filled, and no more cells than the table holds, so
// that ranges a hostile file makes huge or overlapping cost little.
func (rd *reader) fillMerged(t *table) {
	if len(t.rows) == 0 {
		return
	}
	budget := 2 * len(t.rows) * len(t.index)
	for _, m := range mergedRanges(t.merged) {
		if budget = fillRange(t, m, budget); budget <= 0 {
			return
		}
	}
}

// fillRange fills one merged range and returns what is left of the budget.
func fillRange(t *table, m cellRange, budget int) int {
	first := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].num >= m.row1 })
	if first == len(t.rows) || t.rows[first].num != m.row1 {
		return budget
	}
	for _, col := range t.index {
		if col < m.col1-1 || col > m.col2-1 || col >= len(t.rows[first].cells) {
			continue
		}
		v := t.rows[first].cells[col]
		for i := first + 1; i < len(t.rows) && t.rows[i].num <= m.row2 && budget > 0; i++ {
			t.rows[i].set(col, v)
			budget--
		}
	}
	return budget
}

// set puts v in the row's 0-based column col.
func (r *tableRow) set(col int, v string) {
	for len(r.cells) <= col {
		r.cells = append(r.cells, "")
	}
	r.cells[col] = v
}
