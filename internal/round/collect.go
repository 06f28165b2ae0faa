package round

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
)

// Collecting: Collect checks the forms read against the plan and decides
// what each action's update at the report point becomes, which
// planbook.Merge then writes. It changes nothing itself.

// CollectOptions control Collect.
type CollectOptions struct {
	Scale rag.Scale // the plan's scale; rag.Default() when it has no values
	Point time.Time // the report point collected; zero means the latest
}

// Conflict is an update the coordinator changed in the workbook after the
// form was sent, and the lead changed too: neither is chosen.
type Conflict struct {
	Form, Sheet, Cell                 string // the form and its Update cell
	Lead, Action                      string
	Sent                              string // the text the form was sent with
	Workbook                          string // the text in the workbook now
	Returned                          string // the lead's text
	SentRAG, WorkbookRAG, ReturnedRAG string
}

// Error words the conflict in one sentence, "FORM: Sheet!Cell: …".
func (c Conflict) Error() string {
	what := "update"
	if c.Workbook == c.Returned || c.Workbook == c.Sent {
		what = "RAG"
	}
	return fmt.Sprintf("%s: %s!%s: conflict: action %s's %s was changed in the workbook after the form was sent, and %s changed it too; "+
		"the workbook's is kept: settle it by hand (workbook: %s; %s: %s)",
		c.Form, c.Sheet, c.Cell, c.Action, what, c.Lead, quoteUpdate(c.Workbook, c.WorkbookRAG), c.Lead, quoteUpdate(c.Returned, c.ReturnedRAG))
}

func quoteUpdate(text, rag string) string {
	s := strconv.Quote(text)
	if rag != "" {
		s += " " + rag
	}
	return s
}

// LeadStatus says whether a lead with an open action at the point has
// returned a form.
type LeadStatus struct {
	Lead     string
	Returned bool     // a form of theirs was collected, now or before
	Forms    []string // the forms of theirs collected now
}

// Result is what Collect decided.
type Result struct {
	Point     plan.ReportPoint
	Returned  []planbook.Returned // in the plan's order of actions
	Problems  []Problem           // the forms' problems: errors (cells not collected) and warnings
	Conflicts []Conflict
	Leads     []LeadStatus // each lead with an open action at the point, in the Leads sheet's order
	Awaiting  []string     // the open actions still without a returned update, in the plan's order
}

// contribution is one lead's row for an action.
type contribution struct {
	form *Form
	lead string
	row  FormRow
	sent Sent
}

// Collect checks forms against plan p and decides each action's update at
// the report point. A form of another plan or report point, or of a lead
// the plan does not have, is a *FormError, and nothing is collected: the
// errors of all such forms are joined. The problems of single cells are in
// the Result, and those cells are not collected.
func Collect(p *plan.Plan, forms []*Form, opt CollectOptions) (Result, error) {
	if len(opt.Scale.Values) == 0 {
		opt.Scale = rag.Default()
	}
	var res Result
	point, err := collectPoint(p, opt.Point)
	if err != nil {
		return res, err
	}
	res.Point = point
	c := &collector{p: p, point: point.Date, scale: opt.Scale, actions: map[string]*plan.Action{}, updates: map[string]*plan.Update{}}
	for i := range p.Actions {
		c.actions[p.Actions[i].No] = &p.Actions[i]
	}
	for i := range p.Updates {
		if u := &p.Updates[i]; u.Date.Equal(point.Date) {
			c.updates[u.Action] = u
		}
	}
	var errs []error
	for _, f := range forms {
		if err := c.identify(f); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return res, errors.Join(errs...)
	}
	chosen := c.chooseForms(forms)
	byAction := map[string][]contribution{}
	for _, f := range chosen {
		for _, row := range f.Rows {
			if con, ok := c.check(f, row); ok {
				byAction[con.row.No] = append(byAction[con.row.No], con)
			}
		}
	}
	done := map[string]bool{}
	for _, a := range p.Actions {
		cons := byAction[a.No]
		if len(cons) == 0 {
			continue
		}
		if r, ok := c.compose(&a, cons); ok {
			res.Returned = append(res.Returned, r)
		}
		done[a.No] = true
	}
	res.Problems, res.Conflicts = c.problems, c.conflicts
	res.Leads, res.Awaiting = c.status(chosen, done)
	return res, nil
}

// collectPoint is the report point collected: the one asked for, or the
// latest.
func collectPoint(p *plan.Plan, d time.Time) (plan.ReportPoint, error) {
	if d.IsZero() {
		latest, ok := p.Latest()
		if !ok {
			return plan.ReportPoint{}, errors.New("the plan has no report points to collect updates for")
		}
		return latest, nil
	}
	point, ok := p.ReportAt(d)
	if !ok {
		return point, fmt.Errorf("there is no report point on %s in the plan", schema.FormatDate(d))
	}
	return point, nil
}

type collector struct {
	p         *plan.Plan
	point     time.Time
	scale     rag.Scale
	actions   map[string]*plan.Action
	updates   map[string]*plan.Update // at the point, by action
	problems  []Problem
	conflicts []Conflict
}

func (c *collector) add(f *Form, cell string, sev workbook.Severity, kind error, format string, args ...any) {
	sheet := f.Sheet
	if cell == "" {
		sheet = ""
	}
	c.problems = append(c.problems, Problem{Form: f.Path, Problem: workbook.Problem{
		Sheet: sheet, Cell: cell, Severity: sev, Err: kind, Msg: fmt.Sprintf(format, args...)}})
}

// identify checks that the form is for this plan, this report point and
// one of its leads, whose approved spelling it takes.
func (c *collector) identify(f *Form) error {
	if f.PlanID != PlanID(c.p) {
		return formError(f.Path, ErrOtherPlan, "%s is a form for the plan %q (first published %s), not for this workbook's plan %q (first published %s), so it cannot be collected into it",
			f.Path, f.Plan, publishedOf(f), c.p.Title, schema.FormatDate(c.p.FirstPublished))
	}
	if !f.Point.Equal(c.point) {
		return formError(f.Path, ErrOtherPoint, "%s is the form for the report point of %s, not for %s, the report point collected; to collect it into that point, give --as-of %s",
			f.Path, schema.FormatDate(f.Point), schema.FormatDate(c.point), schema.FormatDate(f.Point))
	}
	for _, lead := range c.p.Leads {
		if schema.Fold(lead) == schema.Fold(f.Lead) {
			f.Lead = lead
			return nil
		}
	}
	return formError(f.Path, ErrUnknownLead, "%s is the form of %q, who is not a lead in the plan's Leads sheet, so it cannot be collected", f.Path, f.Lead)
}

// publishedOf is what a form from another plan can say of its plan: its
// identity holds the title but not the date.
func publishedOf(f *Form) string {
	if f.Plan == "" {
		return "unknown"
	}
	return "another date"
}

// chooseForms keeps one form per lead: of a lead's forms that differ, the
// one saved last, with a warning naming them; forms alike are one.
func (c *collector) chooseForms(forms []*Form) []*Form {
	var leads []string
	byLead := map[string][]*Form{}
	for _, f := range forms {
		if _, seen := byLead[f.Lead]; !seen {
			leads = append(leads, f.Lead)
		}
		byLead[f.Lead] = append(byLead[f.Lead], f)
	}
	var chosen []*Form
	for _, lead := range leads {
		fs := slices.Clone(byLead[lead])
		slices.SortStableFunc(fs, func(a, b *Form) int {
			return cmp.Or(a.Modified.Compare(b.Modified), strings.Compare(a.Path, b.Path))
		})
		last := fs[len(fs)-1]
		var differ []string
		for _, f := range fs[:len(fs)-1] {
			if f.Path != last.Path && !slices.Equal(f.Rows, last.Rows) {
				differ = append(differ, fmt.Sprintf("%s (saved %s)", f.Path, f.Modified.Format("02/01/2006 15:04")))
			}
		}
		if len(differ) > 0 {
			c.add(last, "", workbook.Warning, ErrTwoForms, "%s returned more than one form, with different content: %s and %s (saved %s); the one saved last, %s, is collected",
				lead, strings.Join(differ, ", "), last.Path, last.Modified.Format("02/01/2006 15:04"), last.Path)
		}
		chosen = append(chosen, last)
	}
	return chosen
}

// check checks one row against the plan and what the form was sent with.
func (c *collector) check(f *Form, row FormRow) (contribution, bool) {
	sent, no, ok := sentFor(f, row.No)
	if !ok {
		if a, known := c.actions[row.No]; known {
			c.add(f, row.NoCell, workbook.Error, ErrNotLeadsAction, "action %s is not one of %s's actions on this form (its leads are %s), so its row is not collected",
				a.No, f.Lead, strings.Join(a.Leads, ", "))
		} else {
			c.add(f, row.NoCell, workbook.Error, workbook.ErrUnknownAction, "there is no action %s in the Actions sheet", row.No)
		}
		return contribution{}, false
	}
	row.No = no
	a, known := c.actions[no]
	if !known {
		c.add(f, row.NoCell, workbook.Error, workbook.ErrUnknownAction, "there is no action %s in the Actions sheet", no)
		return contribution{}, false
	}
	if row.Update == "" {
		c.add(f, row.UpdateCell, workbook.Warning, ErrBlankUpdate, "the Update of action %s is blank, so nothing of its row is collected; the update already in the plan stays", no)
		return contribution{}, false
	}
	if d := row.Completed; !d.IsZero() {
		switch {
		case d.After(c.point):
			c.add(f, row.CompletedCell, workbook.Error, ErrCompletedAfterPoint, "action %s is marked completed on %s, after the report point of %s; a completion after it belongs to the next report",
				no, schema.FormatDate(d), schema.FormatDate(c.point))
			row.Completed = time.Time{}
		case !a.Added.IsZero() && d.Before(a.Added):
			c.add(f, row.CompletedCell, workbook.Error, workbook.ErrCompletedBeforeAdded, "action %s is marked completed on %s, before it was added on %s",
				no, schema.FormatDate(d), schema.FormatDate(a.Added))
			row.Completed = time.Time{}
		}
	}
	return contribution{form: f, lead: f.Lead, row: row, sent: sent}, true
}

// sentFor finds the action a row's No names among those the form was sent
// with: as written or, for a No a spreadsheet turned into a number, the
// one sent No of the same value.
func sentFor(f *Form, no string) (Sent, string, bool) {
	if s, ok := f.Sent[no]; ok {
		return s, no, true
	}
	v, err := strconv.ParseFloat(no, 64)
	if err != nil {
		return Sent{}, "", false
	}
	match := ""
	for _, sentNo := range f.SentOrder {
		if w, err := strconv.ParseFloat(sentNo, 64); err == nil && w == v {
			if match != "" {
				return Sent{}, "", false
			}
			match = sentNo
		}
	}
	if match == "" {
		return Sent{}, "", false
	}
	return f.Sent[match], match, true
}

// compose makes an action's update from its leads' rows; false when it
// conflicts with the coordinator's change.
func (c *collector) compose(a *plan.Action, cons []contribution) (planbook.Returned, bool) {
	slices.SortStableFunc(cons, func(x, y contribution) int { return leadRank(a, x.lead) - leadRank(a, y.lead) })
	sent := cons[0].sent
	r := planbook.Returned{Action: a.No}
	var by []string
	for _, con := range cons {
		by = append(by, con.lead)
		if d := day(con.form.Modified); d.After(r.ReturnedOn) {
			r.ReturnedOn = d
		}
	}
	r.ReturnedBy = strings.Join(by, "; ")
	last := cons[len(cons)-1]

	// The text: one lead's, or the changed ones of co-leads, each point
	// marked with its lead when they differ.
	var changed []contribution
	for _, con := range cons {
		if con.row.Update != con.sent.Text {
			changed = append(changed, con)
		}
	}
	texts := distinct(changed, func(con contribution) string { return con.row.Update })
	switch len(texts) {
	case 0:
		r.Text = cons[0].row.Update
	case 1:
		r.Text = texts[0].row.Update
	default:
		var lines, leads []string
		for _, con := range texts {
			leads = append(leads, con.lead)
			for line := range strings.SplitSeq(con.row.Update, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					lines = append(lines, con.lead+": "+line)
				}
			}
		}
		r.Text = strings.Join(lines, "\n")
		c.add(last.form, last.row.UpdateCell, workbook.Warning, ErrCoLeadsDiffer, "action %s's co-leads %s returned different updates; both are kept, each point marked with its lead: make them one in the workbook if need be",
			a.No, joinAnd(leads))
	}

	// The RAG: the worst the leads gave; the Completed date: the latest.
	rags := distinct(cons, func(con contribution) string { return con.row.RAG })
	for _, con := range rags {
		if con.row.RAG != "" && (r.RAG == "" || c.scale.Rank(con.row.RAG) < c.scale.Rank(r.RAG)) {
			r.RAG = con.row.RAG
		}
	}
	if nonBlank(rags, func(con contribution) bool { return con.row.RAG != "" }) > 1 {
		c.add(last.form, last.row.RAGCell, workbook.Warning, ErrCoLeadsDiffer, "action %s's co-leads gave different RAGs; the worst, %s, is collected", a.No, r.RAG)
	}
	completed := distinct(cons, func(con contribution) string { return con.row.Completed.String() })
	for _, con := range completed {
		if con.row.Completed.After(r.Completed) {
			r.Completed = con.row.Completed
		}
	}
	if nonBlank(completed, func(con contribution) bool { return !con.row.Completed.IsZero() }) > 1 {
		c.add(last.form, last.row.CompletedCell, workbook.Warning, ErrCoLeadsDiffer, "action %s's co-leads gave different Completed dates; the later, %s, is collected", a.No, schema.FormatDate(r.Completed))
	}

	// The coordinator's change since the form was sent wins over a lead
	// who left the pre-filled text; both changing it is a conflict.
	var wText, wRAG string
	if u := c.updates[a.No]; u != nil {
		wText, wRAG = u.Text, u.RAG
	}
	text, textOK := settle(sent.Text, wText, r.Text)
	ragCode, ragOK := settle(sent.RAG, wRAG, r.RAG)
	if r.RAG == "" {
		ragCode, ragOK = "", true
	}
	if !textOK || !ragOK {
		c.conflicts = append(c.conflicts, Conflict{Form: last.form.Path, Sheet: last.form.Sheet, Cell: last.row.UpdateCell,
			Lead: r.ReturnedBy, Action: a.No, Sent: sent.Text, Workbook: wText, Returned: r.Text,
			SentRAG: sent.RAG, WorkbookRAG: wRAG, ReturnedRAG: r.RAG})
		return planbook.Returned{}, false
	}
	r.Text, r.RAG = text, ragCode
	return r, true
}

// settle chooses between the workbook's value and the lead's, given what
// the form was sent with: the one that changed; false when both did,
// differently.
func settle(sent, workbook, lead string) (string, bool) {
	switch {
	case lead == workbook, workbook == sent:
		return lead, true
	case lead == sent:
		return workbook, true
	}
	return "", false
}

func distinct(cons []contribution, key func(contribution) string) []contribution {
	var out []contribution
	seen := map[string]bool{}
	for _, con := range cons {
		if k := key(con); !seen[k] {
			seen[k] = true
			out = append(out, con)
		}
	}
	return out
}

func nonBlank(cons []contribution, given func(contribution) bool) int {
	n := 0
	for _, con := range cons {
		if given(con) {
			n++
		}
	}
	return n
}

// leadRank is the lead's place among the action's leads.
func leadRank(a *plan.Action, lead string) int {
	for i, l := range a.Leads {
		if schema.Fold(l) == schema.Fold(lead) {
			return i
		}
	}
	return len(a.Leads)
}

// day is the calendar day of t where it was saved, as the package plan
// holds days; today for a zero time.
func day(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	t = t.Local()
	return plan.Date(t.Year(), t.Month(), t.Day())
}

func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// status says which leads have returned their forms and which open actions
// still await an update.
func (c *collector) status(chosen []*Form, done map[string]bool) ([]LeadStatus, []string) {
	formsOf := map[string][]string{}
	for _, f := range chosen {
		formsOf[f.Lead] = append(formsOf[f.Lead], f.Path)
	}
	returnedBefore := map[string]bool{}
	for _, u := range c.updates {
		for _, lead := range schema.SplitLeads(u.ReturnedBy) {
			returnedBefore[schema.Fold(lead)] = true
		}
	}
	open := map[string]bool{}
	var awaiting []string
	for _, a := range c.p.Actions {
		if a.Added.After(c.point) || !a.Open(c.point) {
			continue
		}
		for _, lead := range a.Leads {
			open[schema.Fold(lead)] = true
		}
		u := c.updates[a.No]
		if !done[a.No] && (u == nil || u.ReturnedBy == "") {
			awaiting = append(awaiting, a.No)
		}
	}
	var leads []LeadStatus
	for _, lead := range c.p.Leads {
		if !open[schema.Fold(lead)] {
			continue
		}
		forms := formsOf[lead]
		leads = append(leads, LeadStatus{Lead: lead, Forms: forms, Returned: len(forms) > 0 || returnedBefore[schema.Fold(lead)]})
	}
	return leads, awaiting
}
