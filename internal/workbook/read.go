package workbook

import (
	"io"
	"net/mail"
	"slices"
	"sort"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/xlsx"
)

// Options control how a workbook is read.
type Options struct {
	Scale      rag.Scale           // the RAG scale; rag.Default() when it has no values
	Aliases    map[string][]string // extra header names, by canonical column name: {"Strategic Lead": {"Owner"}}
	MonthFirst bool                // text dates are month-first (US); day-first (UK) by default
	Password   string              // opens a password-protected workbook
	AsOf       time.Time           // the report point checked for missing updates; zero means the latest
}

// Read reads and validates a plan workbook from r; see ReadFile.
func Read(r io.Reader, opt Options) (*plan.Plan, Problems, error) {
	return read(r, "the workbook", opt)
}

// reader holds the state of one reading: the workbook, what has been read
// of the plan so far, and the problems found.
type reader struct {
	opt        Options
	file       *xlsx.File
	date1904   bool
	sheetNames map[string]string // folded name → name in the workbook
	names      schema.ColumnNames
	display    *schema.Shown // makes cells read as Excel shows them
	tables     []*table      // per sheet of the format, as read; nil when missing
	plan       plan.Plan
	problems   Problems

	// What the cross-checks need, and whether the sheet it came from could
	// be read (a check against a sheet that could not is skipped, so that
	// one missing sheet is one problem, not hundreds).
	reportsOK, outcomesOK, leadsOK, actionsOK, updatesOK bool
	outcomes                                             map[string]int    // outcome number → its row
	leads                                                map[string]string // folded lead → approved spelling
	actionRows                                           map[string]actionRow
	updateRows                                           []updateRow
}

// actionRow is an action with where its cells were read from.
type actionRow struct {
	action           plan.Action
	no, due, timescl place
	dueGiven         bool
	faulty           bool // the row has errors, so its cross-checks would mislead
}

// updateRow is an update with where its cells were read from.
type updateRow struct {
	update        plan.Update
	no, text, rag place
	ragText       string    // the RAG cell as written
	ragValue      rag.Value // its value, when rated
	rated         bool      // the RAG cell holds a value of the scale
}

func (rd *reader) add(p Problem) { rd.problems = append(rd.problems, p) }

func read(r io.Reader, name string, opt Options) (*plan.Plan, Problems, error) {
	b, err := xlsx.ReadAll(r, name, xlsx.DefaultLimits)
	if err != nil {
		return nil, nil, err
	}
	return readWorkbook(b, name, opt)
}

// readWorkbook reads and validates the workbook's bytes: the plan, unless
// there are errors, and every problem found.
func readWorkbook(b []byte, name string, opt Options) (*plan.Plan, Problems, error) {
	rd, err := validate(b, name, opt)
	if err != nil {
		return nil, nil, err
	}
	if rd.problems.HasErrors() {
		return nil, rd.problems, nil
	}
	return &rd.plan, rd.problems, nil
}

// validate reads and checks the workbook's bytes, leaving what it read and
// the problems found, sorted, in the reader it returns.
func validate(b []byte, name string, opt Options) (*reader, error) {
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	file, err := xlsx.Open(b, name, xlsx.Options{Password: opt.Password})
	if err != nil {
		return nil, err
	}
	rd := &reader{opt: opt, file: file, date1904: file.Date1904(), sheetNames: findSheets(file.Sheets()), names: schema.DefaultColumnNames()}
	rd.display = schema.NewShown(file, opt.MonthFirst)
	if len(opt.Aliases) > 0 {
		rd.names = schema.NewColumnNames(opt.Aliases)
	}
	if err := rd.readSheets(); err != nil {
		return nil, err
	}
	rd.check()
	rd.problems.sort()
	return rd, nil
}

// readSheets reads every sheet of the format: their rows side by side,
// and their content in the format's order, since each sheet is checked
// against those before it, each as soon as its rows are in.
func (rd *reader) readSheets() (err error) {
	var names []string
	var orders []int
	for order := range schema.Sheets {
		if sheetName, found := rd.sheetNames[schema.Fold(schema.Sheets[order].Name)]; found {
			names, orders = append(names, sheetName), append(orders, order)
		}
	}
	rd.tables = make([]*table, len(schema.Sheets))
	next := 0 // the next sheet of the format to check
	checkUpTo := func(last int) {
		for ; next <= last; next++ {
			if rd.prepareTable(next, rd.tables[next]) {
				rd.readSheet(next, rd.tables[next])
			}
		}
	}
	err = rd.file.ReadSheets(names, func(i int, s *xlsx.Sheet) {
		rd.tables[orders[i]] = rd.newTable(orders[i], s)
		checkUpTo(orders[i])
	})
	if err != nil {
		return err
	}
	checkUpTo(len(schema.Sheets) - 1)
	return nil
}

// readSheet reads the content of sheet order of the format.
func (rd *reader) readSheet(order int, t *table) {
	switch order {
	case schema.SheetPlan:
		rd.readPlan(t)
	case schema.SheetReports:
		rd.readReports(t)
	case schema.SheetOutcomes:
		rd.readOutcomes(t)
	case schema.SheetLeads:
		rd.readLeads(t)
	case schema.SheetActions:
		rd.readActions(t)
	case schema.SheetUpdates:
		rd.readUpdates(t)
	case schema.SheetMaintenance:
		rd.readMaintenance(t)
	case schema.SheetDistribution:
		rd.readDistribution(t)
	}
}

// text reads a free-text cell; required says it may not be blank.
func (rd *reader) text(t *table, r tableRow, c int, required bool) (string, place, bool) {
	return rd.textOf(t, r, c, required, t.spec.Columns[c].Name)
}

// textOf is text, a blank required cell named as what: "the Title is blank".
func (rd *reader) textOf(t *table, r tableRow, c int, required bool, what string) (string, place, bool) {
	v, pl := t.value(r, c)
	v = schema.CleanText(v)
	if v == "" && required {
		rd.add(pl.problem(Error, ErrMissingValue, "the %s is blank", what))
		return "", pl, false
	}
	return v, pl, true
}

// date reads a date cell; a blank one is the zero time.
func (rd *reader) date(t *table, r tableRow, c int, required bool) (time.Time, place, bool) {
	return rd.dateOf(t, r, c, required, t.spec.Columns[c].Name)
}

// dateOf is date, a blank required cell named as what.
func (rd *reader) dateOf(t *table, r tableRow, c int, required bool, what string) (time.Time, place, bool) {
	v, pl, ok := rd.textOf(t, r, c, required, what)
	if !ok || v == "" {
		return time.Time{}, pl, ok
	}
	d, err := schema.CellDate(t.writtenValue(r, c), v, rd.date1904, rd.opt.MonthFirst)
	if err != nil {
		rd.add(pl.problem(Error, ErrBadDate, "%v", err))
		return time.Time{}, pl, false
	}
	return d, pl, true
}

// readPlan reads the Plan sheet's fields.
func (rd *reader) readPlan(t *table) {
	seen := map[string]int{}
	for _, r := range t.rows {
		name, _ := t.value(r, schema.PlanField)
		field, known := rd.planField(name)
		if !known {
			continue
		}
		if first, dup := seen[field.Name]; dup {
			_, pl := t.value(r, schema.PlanField)
			rd.add(pl.problem(Error, ErrDuplicateField, "%s is given twice (first in row %d)", field.Name, first))
			continue
		}
		seen[field.Name] = r.num
		rd.setPlanField(t, r, field)
	}
	for _, field := range schema.PlanFields {
		if _, ok := seen[field.Name]; field.Required && !ok {
			rd.add(place{sheet: t.name, order: t.order}.problem(Error, ErrMissingValue,
				"there is no %q row; add one, with the %s in the Value column", field.Name, field.Name))
		}
	}
}

func (rd *reader) planField(name string) (schema.Column, bool) {
	folded := schema.Fold(name)
	for i := range schema.PlanFields {
		if rd.names[&schema.PlanFields[i]][folded] {
			return schema.PlanFields[i], true
		}
	}
	return schema.Column{}, false
}

func (rd *reader) setPlanField(t *table, r tableRow, field schema.Column) {
	// A blank value is named by its field: the Value column is the
	// Title's, the First Published date's, ….
	if field.Name == schema.FieldFirstPublished {
		rd.plan.FirstPublished, _, _ = rd.dateOf(t, r, schema.PlanValue, true, field.Name+" date")
		return
	}
	v, _, _ := rd.textOf(t, r, schema.PlanValue, field.Required, field.Name)
	switch field.Name {
	case schema.FieldTitle:
		rd.plan.Title = v
	case schema.FieldShortTitle:
		rd.plan.ShortTitle = v
	case schema.FieldOrganisation:
		rd.plan.Organisation = v
	case schema.FieldMaintenanceTitle:
		rd.plan.MaintenanceTitle = v
	case schema.FieldMaintenanceNote:
		rd.plan.MaintenanceNote = v
	}
}

// readReports reads the report points and sorts them by date.
func (rd *reader) readReports(t *table) {
	rd.reportsOK = true
	seen := map[time.Time]int{}
	for _, r := range t.rows {
		d, pl, ok := rd.date(t, r, schema.ReportDate, true)
		name, _, nameOK := rd.text(t, r, schema.ReportName, true)
		if !ok || !nameOK {
			continue
		}
		if first, dup := seen[d]; dup {
			rd.add(pl.problem(Error, ErrDuplicateReport, "there is already a report point on %s (row %d)", schema.FormatDate(d), first))
			continue
		}
		seen[d] = r.num
		rd.plan.Reports = append(rd.plan.Reports, plan.ReportPoint{Date: d, Name: name})
	}
	sort.SliceStable(rd.plan.Reports, func(i, j int) bool { return rd.plan.Reports[i].Date.Before(rd.plan.Reports[j].Date) })
}

// readOutcomes reads the outcomes; a blank theme is the theme of the row
// above.
func (rd *reader) readOutcomes(t *table) {
	rd.outcomesOK = true
	rd.outcomes = map[string]int{}
	seen := rd.outcomes
	theme := ""
	for _, r := range t.rows {
		if v, _, _ := rd.text(t, r, schema.OutcomeTheme, false); v != "" {
			theme = v
		}
		raw, pl, ok := rd.text(t, r, schema.OutcomeNo, true)
		desc, _, descOK := rd.text(t, r, schema.OutcomeDescription, true)
		if !ok || !descOK {
			continue
		}
		no := outcomeNumber(raw)
		if first, dup := seen[no]; dup {
			rd.add(pl.problem(Error, ErrDuplicateOutcome, "outcome %s is already in row %d", no, first))
			continue
		}
		seen[no] = r.num
		rd.plan.Outcomes = append(rd.plan.Outcomes, plan.Outcome{Number: no, Theme: theme, Description: desc})
	}
}

// readLeads reads the approved leads and their addresses; a lead listed
// twice is kept once, with the addresses of both rows.
func (rd *reader) readLeads(t *table) {
	rd.leadsOK = true
	rd.leads = map[string]string{}
	for _, r := range t.rows {
		v, _ := t.value(r, schema.LeadName)
		lead := schema.Collapse(v)
		emails := rd.leadEmails(t, r)
		if lead == "" {
			continue
		}
		if approved, dup := rd.leads[schema.Fold(lead)]; dup {
			rd.addLeadEmails(approved, emails)
			continue
		}
		rd.leads[schema.Fold(lead)] = lead
		rd.plan.Leads = append(rd.plan.Leads, lead)
		rd.addLeadEmails(lead, emails)
	}
}

// leadEmails reads a lead's Email cell: one address, or several separated
// by ; or one to a line, each checked; the addresses alone are kept.
func (rd *reader) leadEmails(t *table, r tableRow) []string {
	v, pl := t.value(r, schema.LeadEmail)
	var emails []string
	for _, part := range schema.SplitLeads(v) {
		addr, err := mail.ParseAddress(part)
		if err != nil {
			msg := "%q is not an email address"
			if list, err := mail.ParseAddressList(part); err == nil && len(list) > 1 {
				msg = "%q is not one email address; separate several with ;"
			}
			rd.add(pl.problem(Error, ErrBadEmail, msg, part))
			continue
		}
		emails = append(emails, addr.Address)
	}
	return emails
}

// addLeadEmails adds addresses to a lead's, each once.
func (rd *reader) addLeadEmails(lead string, emails []string) {
	for _, e := range emails {
		if slices.Contains(rd.plan.LeadEmails[lead], e) {
			continue
		}
		if rd.plan.LeadEmails == nil {
			rd.plan.LeadEmails = map[string][]string{}
		}
		rd.plan.LeadEmails[lead] = append(rd.plan.LeadEmails[lead], e)
	}
}

// readMaintenance reads the ongoing / maintenance tasks.
func (rd *reader) readMaintenance(t *table) {
	for _, r := range t.rows {
		no, _, _ := rd.text(t, r, schema.TaskNo, false)
		text, _, ok := rd.text(t, r, schema.TaskText, true)
		timescale, _, _ := rd.text(t, r, schema.TaskTimescale, false)
		if ok {
			rd.plan.Maintenance = append(rd.plan.Maintenance, plan.Task{No: actionNumber(no), Text: text, Timescale: timescale})
		}
	}
}

// readDistribution reads the distribution list, checking each address.
func (rd *reader) readDistribution(t *table) {
	for _, r := range t.rows {
		name, _, _ := rd.text(t, r, schema.RecipientName, false)
		email, pl, ok := rd.text(t, r, schema.RecipientEmail, true)
		role, _, _ := rd.text(t, r, schema.RecipientRole, false)
		if !ok {
			continue
		}
		addr, err := mail.ParseAddress(email)
		if err != nil {
			rd.add(pl.problem(Error, ErrBadEmail, "%q is not an email address", email))
			continue
		}
		if name == "" {
			name = addr.Name
		}
		rd.plan.Distribution = append(rd.plan.Distribution,
			plan.Recipient{Name: name, Email: addr.Address, Role: role, Where: pl.sheet + "!" + pl.ref()})
	}
}
