// Package importer reads a plan kept some other way than in the canonical
// workbook: a one-sheet spreadsheet with one row per action and an update
// and a RAG column per report point, or last period's report as a Word
// document laid out like this project's own. It gives the plan, for
// planbook.Write to write, and the problems met: what it could not place
// (errors) and what it had to guess (warnings), each naming where in the
// source it is.
package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// Options control how a file is read.
type Options struct {
	Scale      rag.Scale // the RAG scale; rag.Default() when it has no values
	MonthFirst bool      // text dates are month-first (US)
	Password   string    // opens a password-protected spreadsheet
}

// Problem is something the import could not place, or had to guess, at a
// place in the source: "Sheet1!C7", or "table 2, row 5" of a Word report.
type Problem struct {
	Place   string
	Warning bool // a guess; the rest were left out
	Msg     string
}

func (p Problem) Error() string {
	if p.Place == "" {
		return p.Msg
	}
	return p.Place + ": " + p.Msg
}

// Problems are the problems of an import, in the order met.
type Problems []Problem

// HasErrors reports whether anything could not be placed.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Errors a file that cannot be imported at all wraps.
var (
	ErrFormat  = errors.New("not a spreadsheet or Word document")
	ErrNoTable = errors.New("no plan table")
	ErrDamaged = errors.New("damaged document")
)

// Error is a file that cannot be imported, in one sentence.
type Error struct {
	Name string
	Err  error  // ErrFormat, ErrNoTable, ErrDamaged
	Msg  string // what is wrong, after the file's name
}

func (e *Error) Error() string { return e.Name + " " + e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// File imports the plan in the file at path, by its extension: .xlsx
// (and .xlsm) as a one-sheet spreadsheet, .docx as a Word report.
func File(path string, opt Options) (*plan.Plan, Problems, error) {
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".xlsm":
		return Spreadsheet(path, opt)
	case ".docx":
		return WordReport(path, opt)
	default:
		return nil, nil, &Error{Name: path, Err: ErrFormat,
			Msg: fmt.Sprintf("is not a file planreport can import: give a Word report (.docx) or a one-sheet spreadsheet (.xlsx), not %q", ext)}
	}
}
