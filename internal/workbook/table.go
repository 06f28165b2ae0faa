package workbook

import (
	"sort"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// table is a sheet's rows as read: the header found, and each non-blank
// row below it.
type table struct {
	spec   *sheetSpec
	name   string // the sheet's name in the workbook
	order  int
	header int      // the header's row number
	headed []string // the header's cells
	index  []int    // per column of the spec, its 0-based place in the sheet, or -1
	rows   []tableRow
}

type tableRow struct {
	num   int // the row number Excel shows
	cells []string
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

// has reports whether the sheet has the spec's column c.
func (t *table) has(c int) bool { return t.index[c] >= 0 }

// findSheets maps each folded sheet name of the workbook to the name.
func findSheets(f *excelize.File) map[string]string {
	names := map[string]string{}
	for _, name := range f.GetSheetList() {
		if _, seen := names[fold(name)]; !seen {
			names[fold(name)] = name
		}
	}
	return names
}

// streamSheets reads the rows of every sheet of the format the workbook
// has, the sheets side by side. tables holds nil for a sheet not found.
func (rd *reader) streamSheets(name string) ([]*table, error) {
	tables := make([]*table, len(sheets))
	errs := make([]error, len(sheets))
	var wg sync.WaitGroup
	for order := range sheets {
		sheetName, found := rd.sheetNames[fold(sheets[order].name)]
		if !found {
			continue
		}
		t := &table{spec: &sheets[order], name: sheetName, order: order}
		tables[order] = t
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					errs[order] = damaged(name)
				}
			}()
			if err := rd.streamRows(t); err != nil {
				errs[order] = damaged(name)
			}
		})
	}
	wg.Wait()
	// One sentence is enough: a damaged part (shared strings, say) would
	// otherwise give the same one for every sheet.
	for _, err := range errs {
		if err != nil {
			return tables, err
		}
	}
	return tables, nil
}

// prepareTable finishes reading sheet order of the format once its rows are
// in. ok is false, with a problem recorded, when the sheet is missing (and
// required) or its header lacks a required column.
func (rd *reader) prepareTable(order int, t *table) bool {
	spec := &sheets[order]
	if t == nil {
		if spec.required {
			rd.add(place{sheet: spec.name, order: order}.problem(Error, ErrMissingSheet,
				"the workbook has no sheet named %q", spec.name))
		}
		return false
	}
	rd.fillMerged(t)
	if order == sheetPlan {
		rd.headerlessPlan(t)
	}
	return rd.checkHeader(t)
}

// streamRows reads the sheet's rows: the first non-blank is the header, the
// non-blank rows after it the data.
func (rd *reader) streamRows(t *table) error {
	rows, err := rd.file.Rows(t.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns()
		if err != nil {
			return err
		}
		if blank(cells) {
			continue
		}
		if t.header == 0 {
			t.header, t.headed, t.index = num, cells, rd.matchHeader(t.spec, cells)
			continue
		}
		t.rows = append(t.rows, tableRow{num: num, cells: cells})
	}
	return rows.Error()
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
func (rd *reader) matchHeader(spec *sheetSpec, header []string) []int {
	index := make([]int, len(spec.columns))
	for c, col := range spec.columns {
		index[c] = -1
		names := rd.namesOf(col)
		for i, h := range header {
			if names[fold(h)] {
				index[c] = i
				break
			}
		}
	}
	return index
}

// namesOf is the set of folded names a column or field is known by.
func (rd *reader) namesOf(col column) map[string]bool {
	names := map[string]bool{fold(col.name): true}
	for _, a := range col.aliases {
		names[fold(a)] = true
	}
	for canonical, extra := range rd.opt.Aliases {
		if fold(canonical) == fold(col.name) {
			for _, a := range extra {
				names[fold(a)] = true
			}
		}
	}
	delete(names, "")
	return names
}

// headerlessPlan reads a Plan sheet written without a header, whose first
// row is already a field ("Title | …"), as fields in column A and values
// in column B.
func (rd *reader) headerlessPlan(t *table) {
	if t.header == 0 || t.index[planField] >= 0 || len(t.headed) == 0 {
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
	for c, col := range t.spec.columns {
		if col.required && (t.index == nil || t.index[c] < 0) {
			rd.add(place{sheet: t.name, order: t.order}.problem(Error, ErrMissingColumn,
				"the header row (row %d) has no %q column", max(t.header, 1), col.name))
			ok = false
		}
	}
	if t.index == nil {
		t.index = make([]int, len(t.spec.columns))
		for i := range t.index {
			t.index[i] = -1
		}
	}
	return ok
}

// fillMerged gives every cell of a merged range below the header the value
// of the range's top-left cell, which is where Excel keeps it; a merged
// Strategic Lead or Theme then applies to each row it spans. Only the
// format's columns are filled, and no more cells than the table holds, so
// that ranges a hostile file makes huge or overlapping cost little.
func (rd *reader) fillMerged(t *table) {
	if len(t.rows) == 0 || !rd.mayHaveMerges(t.name) {
		return
	}
	merged, err := rd.file.GetMergeCells(t.name, true)
	if err != nil || len(merged) == 0 {
		return
	}
	budget := 2 * len(t.rows) * len(t.index)
	for _, m := range merged {
		if budget = fillRange(t, m, budget); budget <= 0 {
			return
		}
	}
}

// fillRange fills one merged range and returns what is left of the budget.
func fillRange(t *table, m excelize.MergeCell, budget int) int {
	c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
	c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
	first := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].num >= r1 })
	if err1 != nil || err2 != nil || first == len(t.rows) || t.rows[first].num != r1 {
		return budget
	}
	for _, col := range t.index {
		if col < c1-1 || col > c2-1 || col >= len(t.rows[first].cells) {
			continue
		}
		v := t.rows[first].cells[col]
		for i := first + 1; i < len(t.rows) && t.rows[i].num <= r2 && budget > 0; i++ {
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
