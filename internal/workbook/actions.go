package workbook

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
)

// readActions reads the actions, filling in the blanks the format allows:
// the outcome from the number, the due date from the timescale, the date
// added from the First Published date.
func (rd *reader) readActions(t *table) {
	rd.actionsOK = true
	rd.actionRows = make(map[string]actionRow, len(t.rows))
	rd.plan.Actions = slices.Grow(rd.plan.Actions, len(t.rows))
	for _, r := range t.rows {
		before := len(rd.problems)
		row, ok := rd.readAction(t, r)
		row.faulty = rd.problems[before:].HasErrors()
		if !ok {
			continue
		}
		if first, dup := rd.actionRows[row.action.No]; dup {
			rd.add(row.no.problem(Error, ErrDuplicateAction, "action %s is already in row %d%s", row.action.No, first.no.row, numberHint(t, r, row.action.No)))
			continue
		}
		rd.actionRows[row.action.No] = row
		rd.plan.Actions = append(rd.plan.Actions, row.action)
	}
	if len(t.rows) == 0 {
		rd.add(place{sheet: t.name, order: t.order}.problem(Warning, ErrNoActions,
			"the plan has no actions; add a row for each action / task, with its No, text, Strategic Lead and Timescale"))
	}
}

// numberHint explains a duplicate action number typed as a number with a
// dot, which loses its trailing zeros: 1.10 typed as a number is 1.1.
func numberHint(t *table, r tableRow, no string) string {
	if !t.isNumber(r, schema.ActionNo) || !strings.Contains(no, ".") {
		return ""
	}
	return fmt.Sprintf("; a number typed as %[1]s0 reads as %[1]s, so to number an action %[1]s0, type it as text: '%[1]s0 (with the apostrophe) or in a cell formatted as Text", no)
}

// readAction reads one row of the Actions sheet; ok is false when it has
// no number. An action with other errors is kept, so that its updates are
// not reported as updates of an unknown action.
func (rd *reader) readAction(t *table, r tableRow) (actionRow, bool) {
	var row actionRow
	a := &row.action
	raw, noPlace, noOK := rd.text(t, r, schema.ActionNo, true)
	a.No, row.no = actionNumber(raw), noPlace
	a.Outcome = rd.actionOutcome(t, r, a.No)
	var textPlace place
	a.Text, textPlace, _ = rd.text(t, r, schema.ActionText, true)
	a.Leads = rd.actionLeads(t, r)
	a.Timescale, row.timescl, _ = rd.text(t, r, schema.ActionTimescale, false)
	a.Cells = plan.Cells{Text: textPlace.name(), Leads: leadsPlace(t, r).name(), Timescale: row.timescl.name()}
	due, duePlace, _ := rd.date(t, r, schema.ActionDue, false)
	a.Due, row.due, row.dueGiven = due, duePlace, !due.IsZero()
	written, inTimescale := schema.FindDate(a.Timescale, rd.opt.MonthFirst)
	switch {
	case !row.dueGiven:
		a.Due = written
	case inTimescale && !written.Equal(due):
		rd.add(duePlace.problem(Warning, ErrDueDateMismatch, "action %s is due on %s, but its Timescale says %s",
			a.No, schema.FormatDate(due), schema.FormatDate(written)))
	}
	added, _, _ := rd.date(t, r, schema.ActionAdded, false)
	completed, completedPlace, _ := rd.date(t, r, schema.ActionCompleted, false)
	a.Added, a.Completed = added, completed
	if a.Added.IsZero() {
		a.Added = rd.plan.FirstPublished
	}
	if !a.Completed.IsZero() && !a.Added.IsZero() && a.Completed.Before(a.Added) {
		rd.add(completedPlace.problem(Error, ErrCompletedBeforeAdded,
			"action %s is marked completed on %s, before it was added on %s", a.No, schema.FormatDate(a.Completed), schema.FormatDate(a.Added)))
	}
	return row, noOK
}

// actionOutcome reads the action's outcome, checking it is one of the
// Outcomes sheet's.
func (rd *reader) actionOutcome(t *table, r tableRow, no string) string {
	raw, pl := t.value(r, schema.ActionOutcome)
	outcome := outcomeNumber(raw)
	if outcome == "" {
		outcome = outcomeOf(no)
		_, pl = t.value(r, schema.ActionNo)
	}
	if rd.outcomesOK && outcome != "" && !rd.knownOutcome(outcome) {
		rd.add(pl.problem(Error, ErrUnknownOutcome, "action %s belongs to outcome %s, which is not in the Outcomes sheet", no, outcome))
	}
	return outcome
}

func (rd *reader) knownOutcome(no string) bool {
	_, ok := rd.outcomes[no]
	return ok
}

// actionLeads reads the Strategic Lead cell, checking each lead is an
// approved one and giving it the Leads sheet's spelling.
func (rd *reader) actionLeads(t *table, r tableRow) []string {
	v, pl := t.value(r, schema.ActionLeads)
	leads := schema.SplitLeads(v)
	if len(leads) == 0 {
		rd.add(pl.problem(Error, ErrMissingValue, "the Strategic Lead is blank"))
		return nil
	}
	if !rd.leadsOK {
		return leads
	}
	for i, lead := range leads {
		approved, ok := rd.leads[schema.Fold(lead)]
		if ok {
			leads[i] = approved
			continue
		}
		msg := "%q is not an approved lead (the Leads sheet lists them)"
		args := []any{lead}
		if hint := nearest(lead, rd.plan.Leads); hint != "" {
			msg, args = "%q is not an approved lead; did you mean %q?", append(args, hint)
		}
		rd.add(pl.problem(Error, ErrUnknownLead, msg, args...))
	}
	return leads
}

// readUpdates reads the progress updates, checking each is for a known
// action at a known report point with a RAG value of the scale.
func (rd *reader) readUpdates(t *table) {
	rd.updatesOK = true
	seen := make(map[updateKey]int, len(t.rows))
	rd.updateRows = slices.Grow(rd.updateRows, len(t.rows))
	rd.plan.Updates = slices.Grow(rd.plan.Updates, len(t.rows))
	for _, r := range t.rows {
		row, ok := rd.readUpdate(t, r)
		if !ok {
			continue
		}
		key := updateKey{row.update.Action, row.update.Date}
		if first, dup := seen[key]; dup {
			rd.add(row.no.problem(Error, ErrDuplicateUpdate, "action %s already has an update for %s (row %d)",
				row.update.Action, schema.FormatDate(row.update.Date), first))
			continue
		}
		seen[key] = r.num
		rd.updateRows = append(rd.updateRows, row)
		rd.plan.Updates = append(rd.plan.Updates, row.update)
	}
}

type updateKey struct {
	action string
	date   time.Time
}

func (rd *reader) readUpdate(t *table, r tableRow) (updateRow, bool) {
	var row updateRow
	u := &row.update
	raw, noPlace, noOK := rd.text(t, r, schema.UpdateAction, true)
	u.Action, row.no = actionNumber(raw), noPlace
	d, datePlace, dateOK := rd.date(t, r, schema.UpdateDate, true)
	u.Date = d
	u.Text, row.text, _ = rd.text(t, r, schema.UpdateText, false)
	u.Where = row.text.name()
	ragText, ragPlace, _ := rd.text(t, r, schema.UpdateRAG, false)
	row.rag = ragPlace
	row.ragText = ragText
	if ragText != "" {
		v, ok := rd.opt.Scale.Parse(ragText)
		if !ok {
			rd.add(ragPlace.problem(Error, ErrBadRAG, "%q is not a RAG value; use one of %s", ragText, joinOr(rd.opt.Scale.Codes())))
		}
		u.RAG, row.ragValue, row.rated = v.Code, v, ok
	}
	by, _, _ := rd.text(t, r, schema.UpdateReturnedBy, false)
	u.ReturnedBy = schema.Collapse(by)
	u.ReturnedOn, _, _ = rd.date(t, r, schema.UpdateReturnedOn, false)
	if noOK && rd.actionsOK {
		if _, known := rd.actionRows[u.Action]; !known {
			rd.add(noPlace.problem(Error, ErrUnknownAction, "there is no action %s in the Actions sheet", u.Action))
			noOK = false
		}
	}
	if dateOK && rd.reportsOK {
		if _, known := rd.plan.ReportAt(d); !known {
			rd.add(datePlace.problem(Error, ErrUnknownReport, "%s is not the date of a report point in the Reports sheet", schema.FormatDate(d)))
			dateOK = false
		}
	}
	return row, noOK && dateOK
}

// joinOr lists words as "R, A or G".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// leadsPlace is the Strategic Lead cell of row r.
func leadsPlace(t *table, r tableRow) place {
	_, pl := t.value(r, schema.ActionLeads)
	return pl
}
