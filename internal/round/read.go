package round

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// Reading a returned form: ReadForm finds the form's table by its headers,
// whatever sheet it is on and wherever its columns went, and its identity
// on the hidden IdentitySheet. A file that cannot be collected at all is
// a *FormError, one sentence; a cell that cannot be read is a Problem, and
// the rest of the form is still read.

// Why a whole form is refused. A *FormError wraps one of these, or an
// *xlsx.Error for a file that is not a readable workbook.
var (
	ErrNotForm      = errors.New("not an update form")
	ErrNoHeader     = errors.New("form without its header row")
	ErrEmptyForm    = errors.New("form without actions")
	ErrFormVersion  = errors.New("form of another version")
	ErrOtherPlan    = errors.New("form of another plan")
	ErrOtherPoint   = errors.New("form of another report point")
	ErrUnknownLead  = errors.New("form of a lead not in the plan")
	ErrFormPassword = errors.New("password-protected form")
)

// The problems of a form's cells that validate has no word for; the others
// wrap workbook's sentinels (ErrBadRAG, ErrBadDate, ErrUnknownAction,
// ErrDuplicateAction, ErrCompletedBeforeAdded).
var (
	ErrNotLeadsAction      = errors.New("action not the form's lead's")
	ErrCompletedAfterPoint = errors.New("completed after the report point")
	ErrBlankUpdate         = errors.New("blank update")
	ErrCoLeadsDiffer       = errors.New("co-leads returned different updates")
	ErrTwoForms            = errors.New("a lead's form returned twice")
)

// FormError says in one sentence why a whole form cannot be collected.
type FormError struct {
	Form string // the form's path
	Err  error  // one of the Err… sentinels above, or an *xlsx.Error
	msg  string
}

func (e *FormError) Error() string { return e.msg }
func (e *FormError) Unwrap() error { return e.Err }

func formError(form string, kind error, format string, args ...any) *FormError {
	return &FormError{Form: form, Err: kind, msg: fmt.Sprintf(format, args...)}
}

// Problem is a problem with one cell of a form, or with a form as a whole
// that does not stop it being collected (a warning).
type Problem struct {
	Form string // the form's path
	workbook.Problem
}

// Error returns "FORM: Sheet!Cell: message", or "FORM: message" for the
// form as a whole.
func (p Problem) Error() string {
	if p.Sheet == "" {
		return p.Form + ": " + p.Msg
	}
	return p.Form + ": " + p.Problem.Error()
}

// Unwrap returns the sentinel that says what kind of problem this is.
func (p Problem) Unwrap() error { return p.Err }

// Form is a returned update form as read.
type Form struct {
	Path      string
	Modified  time.Time // the file's modification time: which of a lead's two forms is later
	Version   string
	Plan      string // the plan's title
	PlanID    string
	Point     time.Time
	PointName string
	Lead      string
	ReturnBy  time.Time
	Sheet     string          // the name of the sheet the table was found on
	Rows      []FormRow       // the action rows, in the form's order, each action once
	Sent      map[string]Sent // by action No: what the form was sent with
	SentOrder []string        // the actions the form was sent with, in order
}

// FormRow is one action's row of a form, as the lead filled it in.
type FormRow struct {
	No        string
	Update    string    // the Update cell's text, cleaned
	RAG       string    // the RAG cell's code; "" when blank or not on the scale
	Completed time.Time // zero when blank or not a date
	// The cells each was read from, "B12", for messages.
	NoCell, UpdateCell, RAGCell, CompletedCell string
}

// Sent is what an action's row was sent with.
type Sent struct{ Text, RAG string }

// ReadOptions control how a form's cells are read.
type ReadOptions struct {
	Scale      rag.Scale // the plan's scale; rag.Default() when it has no values
	MonthFirst bool      // text dates are month-first
}

// ReadForm reads the form at path; see ParseForm.
func ReadForm(path string, opt ReadOptions) (*Form, []Problem, error) {
	b, err := xlsx.ReadFile(path, xlsx.DefaultLimits)
	if err != nil {
		return nil, nil, wrapOpen(path, err)
	}
	var mod time.Time
	if fi, err := os.Stat(path); err == nil {
		mod = fi.ModTime()
	}
	return ParseForm(b, path, mod, opt)
}

// wrapOpen words a workbook that cannot be opened as a form that cannot.
func wrapOpen(name string, err error) error {
	var xe *xlsx.Error
	switch {
	case errors.Is(err, xlsx.ErrEncrypted):
		return formError(name, ErrFormPassword, "%s is protected by a password, so it cannot be read; ask its lead to save it again without one (File > Info > Protect Workbook > Encrypt with Password, cleared)", name)
	case errors.As(err, &xe):
		return &FormError{Form: name, Err: err, msg: err.Error()}
	}
	return err
}

// ParseForm reads a form's bytes; name is its path, modified its
// modification time. A form that cannot be collected at all is a
// *FormError; each cell that cannot be read is a Problem.
func ParseForm(b []byte, name string, modified time.Time, opt ReadOptions) (*Form, []Problem, error) {
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	file, err := xlsx.Open(b, name, xlsx.Options{})
	if err != nil {
		return nil, nil, wrapOpen(name, err)
	}
	identity, others := "", []string{}
	for _, s := range file.Sheets() {
		switch {
		case schema.Fold(s) == schema.Fold(IdentitySheet) && identity == "":
			identity = s
		default:
			others = append(others, s)
		}
	}
	if identity == "" {
		return nil, nil, formError(name, ErrNotForm, "%s is not an update form made by planreport ask (it has no %q sheet); collect reads only those forms, as their leads returned them", name, IdentitySheet)
	}
	// The form's own sheet first, then any other, for a form whose sheet
	// was renamed.
	for i, s := range others {
		if schema.Fold(s) == schema.Fold(FormSheet) {
			others[0], others[i] = others[i], others[0]
			break
		}
	}
	sheets := map[string]*xlsx.Sheet{}
	err = file.ReadSheets(append([]string{identity}, others...), func(_ int, s *xlsx.Sheet) { sheets[s.Name] = s })
	if err != nil {
		return nil, nil, wrapOpen(name, err)
	}
	f := &Form{Path: name, Modified: modified}
	fr := &formReader{form: f, file: file, shown: schema.NewShown(file, opt.MonthFirst), opt: opt}
	if err := fr.readIdentity(sheets[identity]); err != nil {
		return nil, nil, err
	}
	for _, s := range others {
		if fr.readTable(sheets[s]) {
			break
		}
	}
	if f.Sheet == "" {
		return nil, nil, formError(name, ErrNoHeader, "%s has no header row (No, …, Update, RAG, Completed) on its sheet %q, so its rows cannot be read; send %s the form again (planreport chase)",
			name, FormSheet, orLead(f.Lead))
	}
	if len(f.Rows) == 0 {
		return nil, nil, formError(name, ErrEmptyForm, "%s has no action rows under its header (sheet %q); nothing in it can be collected", name, f.Sheet)
	}
	return f, fr.problems, nil
}

func orLead(lead string) string {
	if lead == "" {
		return "its lead"
	}
	return lead
}

type formReader struct {
	form     *Form
	file     *xlsx.File
	shown    *schema.Shown
	opt      ReadOptions
	problems []Problem
}

func (fr *formReader) add(sheet, cell string, sev workbook.Severity, kind error, format string, args ...any) {
	fr.problems = append(fr.problems, Problem{Form: fr.form.Path, Problem: workbook.Problem{
		Sheet: sheet, Cell: cell, Severity: sev, Err: kind, Msg: fmt.Sprintf(format, args...)}})
}

// cellText is a cell as Excel shows it, cleaned.
func (fr *formReader) cellText(c xlsx.Cell) string { return schema.CleanText(fr.shown.Cell(c)) }

// readIdentity reads the keys of the identity sheet and the actions the
// form was sent with.
func (fr *formReader) readIdentity(s *xlsx.Sheet) error {
	f := fr.form
	f.Sent = map[string]Sent{}
	keys := map[string]string{}
	for _, r := range s.Rows {
		var a, b, c string
		for _, cell := range r.Cells {
			switch cell.Col {
			case 1:
				a = fr.cellText(cell)
			case 2:
				b = fr.cellText(cell)
			case 3:
				c = fr.cellText(cell)
			}
		}
		if r.Num < SentFirstRow {
			if a != "" {
				keys[schema.Fold(a)] = b
			}
			continue
		}
		no := tidyNumber(a)
		if _, dup := f.Sent[no]; no == "" || dup {
			continue
		}
		f.Sent[no] = Sent{Text: b, RAG: strings.TrimSpace(c)}
		f.SentOrder = append(f.SentOrder, no)
	}
	get := func(key string) string { return strings.TrimSpace(keys[schema.Fold(key)]) }
	f.Version, f.Plan, f.PlanID = get(KeyVersion), get(KeyPlan), get(KeyPlanID)
	f.PointName, f.Lead = get(KeyPointName), schema.Collapse(get(KeyLead))
	if f.Version == "" || f.PlanID == "" || f.Lead == "" {
		return formError(f.Path, ErrNotForm, "%s is not an update form made by planreport ask: its %q sheet lacks the form's %s", f.Path, s.Name, missingKeys(f))
	}
	if f.Version != FormVersion {
		return formError(f.Path, ErrFormVersion, "%s is an update form of version %s, which this planreport (form version %s) does not read; collect it with the planreport that asked for it", f.Path, f.Version, FormVersion)
	}
	var err error
	if f.Point, err = identityDate(get(KeyPoint)); err != nil || f.Point.IsZero() {
		return formError(f.Path, ErrNotForm, "%s is not an update form made by planreport ask: its report point %q is not a date", f.Path, get(KeyPoint))
	}
	f.ReturnBy, _ = identityDate(get(KeyReturnBy))
	return nil
}

func missingKeys(f *Form) string {
	var m []string
	for _, k := range []struct{ key, v string }{{KeyVersion, f.Version}, {KeyPlanID, f.PlanID}, {KeyLead, f.Lead}} {
		if k.v == "" {
			m = append(m, strconv.Quote(k.key))
		}
	}
	return strings.Join(m, ", ")
}

// identityDate reads a YYYY-MM-DD the form was written with, or a date a
// spreadsheet turned it into.
func identityDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d, nil
	}
	return schema.ParseDate(s, false)
}

// column indexes into Headers of the columns collect reads.
var readColumns = struct{ no, update, rag, completed int }{0, 7, 8, 9}

// readTable finds the header row on s and reads the action rows under it;
// false when s has no header row.
func (fr *formReader) readTable(s *xlsx.Sheet) bool {
	want := map[string]int{}
	for i, h := range Headers {
		want[schema.Fold(h)] = i
	}
	header, cols := 0, map[int]int{} // Headers index → 1-based column
	for _, r := range s.Rows {
		found := map[int]int{}
		for _, c := range r.Cells {
			if i, ok := want[schema.Fold(fr.shown.Cell(c))]; ok {
				if _, dup := found[i]; !dup {
					found[i] = c.Col
				}
			}
		}
		_, hasNo := found[readColumns.no]
		_, hasUpdate := found[readColumns.update]
		if hasNo && hasUpdate {
			header, cols = r.Num, found
			break
		}
	}
	if header == 0 {
		return false
	}
	f := fr.form
	f.Sheet = s.Name
	seen := map[string]string{}
	for _, r := range s.Rows {
		if r.Num <= header {
			continue
		}
		cells := map[int]xlsx.Cell{}
		for _, c := range r.Cells {
			cells[c.Col] = c
		}
		noCell, ok := cells[cols[readColumns.no]]
		no := tidyNumber(fr.cellText(noCell))
		if !ok || no == "" {
			continue // a blank or extra row
		}
		row := FormRow{No: no, NoCell: noCell.Ref()}
		if first, dup := seen[no]; dup {
			fr.add(s.Name, row.NoCell, workbook.Error, workbook.ErrDuplicateAction, "action %s is already in row %s; only the first row is collected", no, first)
			continue
		}
		seen[no] = strconv.Itoa(r.Num)
		ref := func(header int) (xlsx.Cell, string) {
			col, ok := cols[header]
			if !ok {
				return xlsx.Cell{}, ""
			}
			if c, ok := cells[col]; ok {
				return c, c.Ref()
			}
			return xlsx.Cell{Col: col, Row: r.Num}, xlsx.CellName(col, r.Num)
		}
		var c xlsx.Cell
		c, row.UpdateCell = ref(readColumns.update)
		row.Update = fr.cellText(c)
		c, row.RAGCell = ref(readColumns.rag)
		if v := fr.cellText(c); v != "" {
			if code, ok := fr.ragCode(v); ok {
				row.RAG = code
			} else {
				fr.add(s.Name, row.RAGCell, workbook.Error, workbook.ErrBadRAG, "%q is not a RAG value; use one of %s", v, joinOr(fr.opt.Scale.Codes()))
			}
		}
		c, row.CompletedCell = ref(readColumns.completed)
		if v := fr.cellText(c); v != "" {
			d, err := schema.CellDate(strings.TrimSpace(c.Value), v, fr.file.Date1904(), fr.opt.MonthFirst)
			if err != nil {
				fr.add(s.Name, row.CompletedCell, workbook.Error, workbook.ErrBadDate, "%v", err)
			} else {
				row.Completed = d
			}
		}
		f.Rows = append(f.Rows, row)
	}
	return true
}

// ragCode reads a RAG cell: a code or name of the scale, or a drop-down's
// "G - Green".
func (fr *formReader) ragCode(v string) (string, bool) {
	if val, ok := fr.opt.Scale.Parse(v); ok {
		return val.Code, true
	}
	for _, sep := range []string{" - ", " – ", " — ", ":", "("} {
		if before, _, found := strings.Cut(v, sep); found {
			if val, ok := fr.opt.Scale.Parse(before); ok {
				return val.Code, true
			}
		}
	}
	return "", false
}

// joinOr lists words as "R, A or G", as validate does.
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// tidyNumber tidies an action number read from a cell as the workbook
// reader does: trimmed and, for a number stored with floating-point
// artefacts, its shortest form (1.1000000000000001 is 1.1).
func tidyNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 12 || strings.Trim(s, "0123456789.eE+-") != "" {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	if short := strconv.FormatFloat(v, 'g', 12, 64); !strings.ContainsAny(short, "eE") {
		return short
	}
	return s
}
