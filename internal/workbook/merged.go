package workbook

import (
	"sort"

	"github.com/planreport/planreport/internal/xlsx"
)

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
	for _, m := range t.merged {
		if budget = fillRange(t, m, budget); budget <= 0 {
			return
		}
	}
}

// fillRange fills one merged range and returns what is left of the budget.
func fillRange(t *table, m xlsx.Range, budget int) int {
	first := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].num >= m.Row1 })
	if first == len(t.rows) || t.rows[first].num != m.Row1 {
		return budget
	}
	for _, col := range t.index {
		if col < m.Col1-1 || col > m.Col2-1 || col >= len(t.rows[first].cells) {
			continue
		}
		v := t.rows[first].cells[col]
		for i := first + 1; i < len(t.rows) && t.rows[i].num <= m.Row2 && budget > 0; i++ {
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
