package workbook

import (
	"time"

	"github.com/planreport/planreport/internal/xlsx"
)

// What other readers of plans (the importer) share with this one: header
// names matched as the workbook's are, cells read as Excel shows them, and
// dates found in text.

// HeaderColumn returns the canonical name of the column of the format's
// sheet (by its canonical name) that a header cell names, matched as the
// workbook's headers are, whatever their case, spacing and punctuation and
// by their aliases ("Owner" in Actions is "Strategic Lead"); "" when it
// names none.
func HeaderColumn(sheet, header string) string {
	names := defaultColumnNames()
	for i := range sheets {
		if sheets[i].name != sheet {
			continue
		}
		for c := range sheets[i].columns {
			if col := &sheets[i].columns[c]; names[col][fold(header)] {
				return col.name
			}
		}
	}
	return ""
}

// Fold reduces a name to its lower-case letters and digits, as headers are
// compared.
func Fold(s string) string { return fold(s) }

// Shown returns a cell of the file as Excel shows it: see display.
type Shown struct{ d display }

// NewShown shows the cells of file; monthFirst shows a short date (Excel's
// format 14) month-first.
func NewShown(file *xlsx.File, monthFirst bool) *Shown {
	return &Shown{display{file: file, monthFirst: monthFirst}}
}

// Cell returns the cell's value as Excel shows it.
func (s *Shown) Cell(c xlsx.Cell) string {
	v, _ := s.d.shown(c)
	return v
}

// FindDate finds the first date written in text, as a Timescale's is found
// ("By 31 March 2019 Ongoing"); ok is false when there is none.
func FindDate(text string, monthFirst bool) (time.Time, bool) {
	return timescaleDate(text, monthFirst)
}

// SplitLeads splits a Strategic Lead cell into its leads, as the workbook's
// are split: one to a line, or separated by semicolons.
func SplitLeads(s string) []string { return splitLeads(s) }

// CleanText trims text and makes its line ends "\n", as free-text cells
// are read.
func CleanText(s string) string { return cleanText(s) }

// PlanField returns the canonical name of the Plan sheet's field that a
// label names ("Organization" is "Organisation"), or "".
func PlanField(label string) string {
	names := defaultColumnNames()
	for i := range planFields {
		if names[&planFields[i]][fold(label)] {
			return planFields[i].name
		}
	}
	return ""
}

// CellDate reads a date cell: raw is its value as written (a serial, or
// text), shown as Excel shows it, which messages quote.
func CellDate(raw, shown string, date1904, monthFirst bool) (time.Time, error) {
	return cellDate(raw, shown, date1904, monthFirst)
}
