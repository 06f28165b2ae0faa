package workbook

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/planreport/planreport/internal/xlsx"
)

// Severity says whether a problem stops the workbook being used.
type Severity int

const (
	// Error: the plan cannot be reported until the workbook is corrected.
	Error Severity = iota
	// Warning: the plan can be reported, but something looks wrong.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// The checks a workbook's content is put through. Each Problem wraps one of
// these, so a caller can test for a kind of problem with errors.Is.
var (
	// Errors.
	ErrMissingSheet         = errors.New("missing sheet")
	ErrMissingColumn        = errors.New("missing column")
	ErrMissingValue         = errors.New("missing value")
	ErrBadDate              = errors.New("bad date")
	ErrBadRAG               = errors.New("RAG value outside the scale")
	ErrBadEmail             = errors.New("bad email address")
	ErrUnknownLead          = errors.New("unknown strategic lead")
	ErrUnknownOutcome       = errors.New("unknown outcome")
	ErrUnknownAction        = errors.New("unknown action")
	ErrUnknownReport        = errors.New("unknown report date")
	ErrDuplicateField       = errors.New("duplicate plan field")
	ErrDuplicateReport      = errors.New("duplicate report date")
	ErrDuplicateOutcome     = errors.New("duplicate outcome")
	ErrDuplicateAction      = errors.New("duplicate action")
	ErrDuplicateUpdate      = errors.New("duplicate update")
	ErrCompletedBeforeAdded = errors.New("completed before added")
	ErrMissingUpdate        = errors.New("missing update")

	// Warnings.
	ErrOverdueGreen         = errors.New("overdue action rated as on track")
	ErrCompletedNotComplete = errors.New("completed action not rated complete")
	ErrDueDateMismatch      = errors.New("due date differs from timescale")
	ErrNoActions            = errors.New("no actions")
	ErrUnconfirmed          = errors.New("carried-forward update not confirmed by its lead")
)

// Problem is one thing wrong with a workbook's content, found at a place.
//
// Cell is an A1-style reference ("D7"). It is empty when the problem
// belongs to the sheet as a whole: a missing sheet, a missing column (the
// message names the column and the header row), a missing plan field, an
// Actions sheet without actions. Sheet is always set, to the name the sheet
// has in the workbook or, for a sheet that is missing, to the name the
// format gives it.
type Problem struct {
	Sheet    string
	Cell     string
	Severity Severity
	Err      error  // one of the Err… sentinels of this package
	Msg      string // a plain sentence, without the place

	order, row, col int // sort keys: the sheet's place in the format, the cell
}

// Error returns "Sheet!Cell: message", or "Sheet: message" without a cell.
func (p Problem) Error() string {
	if p.Cell == "" {
		return p.Sheet + ": " + p.Msg
	}
	return p.Sheet + "!" + p.Cell + ": " + p.Msg
}

// structural reports whether the problem is a sheet or column missing.
func (p Problem) structural() bool {
	return p.Err == ErrMissingSheet || p.Err == ErrMissingColumn
}

// Unwrap returns the sentinel that says what kind of problem this is.
func (p Problem) Unwrap() error { return p.Err }

// Problems is every problem found in a workbook: errors first, then
// warnings, each with a missing sheet or column first, then in the order
// of the sheets, rows and columns.
type Problems []Problem

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems { return ps.with(Error) }

// Warnings returns the problems of severity Warning.
func (ps Problems) Warnings() Problems { return ps.with(Warning) }

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool { return len(ps.Errors()) > 0 }

func (ps Problems) with(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Error joins the problems one to a line, so Problems can be returned as an
// error.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sort puts errors before warnings; among each, a missing sheet or column
// first, since what it causes may be listed after it; then the rest by
// sheet, row and column.
func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		switch {
		case a.Severity != b.Severity:
			return a.Severity < b.Severity
		case a.structural() != b.structural():
			return a.structural()
		case a.order != b.order:
			return a.order < b.order
		case a.row != b.row:
			return a.row < b.row
		default:
			return a.col < b.col
		}
	})
}

// place is where in the workbook a value was read from.
type place struct {
	sheet    string
	order    int // the sheet's place in the format
	row, col int // 1-based; 0 for the sheet as a whole
}

// ref is the place's A1-style cell reference, or "" for a whole sheet.
func (pl place) ref() string {
	if pl.row == 0 || pl.col == 0 {
		return ""
	}
	return xlsx.CellName(pl.col, pl.row)
}

// name is the place as messages give it, "Actions!C5"; "" for a whole sheet.
func (pl place) name() string {
	if ref := pl.ref(); ref != "" {
		return pl.sheet + "!" + ref
	}
	return ""
}

func (pl place) problem(sev Severity, err error, format string, args ...any) Problem {
	return Problem{Sheet: pl.sheet, Cell: pl.ref(), Severity: sev, Err: err,
		Msg: fmt.Sprintf(format, args...), order: pl.order, row: pl.row, col: pl.col}
}
