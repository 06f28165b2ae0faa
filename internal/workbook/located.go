package workbook

import (
	"errors"
	"slices"
	"time"

	"github.com/planreport/planreport/internal/plan"
)

// ErrInvalid is the error of a workbook that has errors, for a caller that
// cannot go on without a valid plan (generate, planbook.Roll).
var ErrInvalid = errors.New("the workbook has errors")

// Located is a workbook read and checked, with where its content lies: the
// table of each sheet of the format, and the cells each action and update
// was read from. It is what a program that adds to the workbook itself
// needs (planbook.Roll adds a report point and its updates).
type Located struct {
	Plan     *plan.Plan // the plan as read, even when there are errors
	Problems Problems   // every problem found: errors first, then warnings
	Date1904 bool       // the workbook counts dates from 1904, not 1900
	rd       *reader
}

// Validate reads and checks a workbook's bytes as Read does; name is its
// path, or a phrase such as "the workbook", for errors. A file that cannot
// be read as a workbook is an *xlsx.Error.
func Validate(b []byte, name string, opt Options) (*Located, error) {
	rd, err := validate(b, name, opt)
	if err != nil {
		return nil, err
	}
	return &Located{Plan: &rd.plan, Problems: rd.problems, Date1904: rd.date1904, rd: rd}, nil
}

// Verify unpacks every part of the workbook that reading did not need, so
// that a damaged one is found before the workbook is written back.
func (l *Located) Verify() error { return l.rd.file.Verify() }

// Table is where a sheet of the format lies in the workbook.
type Table struct {
	Sheet     string // the sheet's name in the workbook
	Header    int    // the header row's number
	Width     int    // how many cells the header row reaches
	Columns   []int  // per column of the schema's sheet, its 0-based place in the sheet, or -1
	Last      int    // the number of the last non-blank row under the header; 0 when there is none
	LastWidth int    // how many cells that row reaches
	Widest    int    // how many cells the widest row, the header included, reaches
}

// Table returns where sheet order of the schema (schema.SheetReports, …)
// lies; ok is false when the workbook lacks it.
func (l *Located) Table(order int) (Table, bool) {
	t := l.rd.tables[order]
	if t == nil {
		return Table{}, false
	}
	lt := Table{Sheet: t.name, Header: t.header, Width: len(t.headed), Columns: slices.Clone(t.index), Widest: len(t.headed)}
	if n := len(t.rows); n > 0 {
		lt.Last, lt.LastWidth = t.rows[n-1].num, len(t.rows[n-1].cells)
	}
	for _, r := range t.rows {
		lt.Widest = max(lt.Widest, len(r.cells))
	}
	return lt, true
}

// Cell is a cell content was read from: its sheet's name and its A1-style
// reference; both "" when the content came from no cell.
type Cell struct{ Sheet, Ref string }

// String returns "Sheet!Ref", or "".
func (c Cell) String() string {
	if c.Ref == "" {
		return ""
	}
	return c.Sheet + "!" + c.Ref
}

func (pl place) cell() Cell {
	if ref := pl.ref(); ref != "" {
		return Cell{Sheet: pl.sheet, Ref: ref}
	}
	return Cell{}
}

// NumberCell returns the cell action no's number was read from.
func (l *Located) NumberCell(no string) Cell { return l.rd.actionRows[no].no.cell() }

// UpdateCells is where an update was read from.
type UpdateCells struct {
	Date      time.Time // its report point
	Text, RAG Cell
}

// UpdatesAt returns, by action number, the update at report point d and
// the number of the Updates sheet's row it was read from.
func (l *Located) UpdatesAt(d time.Time) map[string]RowUpdate {
	at := map[string]RowUpdate{}
	for _, u := range l.rd.updateRows {
		if u.update.Date.Equal(d) {
			at[u.update.Action] = RowUpdate{Update: u.update, Row: u.no.row}
		}
	}
	return at
}

// RowUpdate is an update and the row it was read from.
type RowUpdate struct {
	plan.Update
	Row int
}

// LatestUpdates returns, by action number, where each action's last update
// on or before d was read from.
func (l *Located) LatestUpdates(d time.Time) map[string]UpdateCells {
	latest := map[string]UpdateCells{}
	for no, u := range l.rd.latestUpdates(d) {
		latest[no] = UpdateCells{Date: u.update.Date, Text: u.text.cell(), RAG: u.rag.cell()}
	}
	return latest
}
