package workbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/schema"
)

// check makes the checks that need more than one sheet: that every open
// action has an update at the report point checked, that no open action is
// left without a RAG there, and the warnings about RAG values that the dates
// contradict.
//
// Without the actions or the updates (a sheet or column missing, already
// reported) there is nothing to check: every open action would be listed
// as lacking its update.
func (rd *reader) check() {
	if !rd.actionsOK || !rd.updatesOK {
		return
	}
	asOf, ok := rd.asOf()
	if !ok {
		return
	}
	for _, u := range rd.updateRows {
		if u.update.Date.Equal(asOf) {
			rd.checkBlankRAG(u)
		}
	}
	latest := rd.latestUpdates(asOf)
	previous := rd.previousUpdates(asOf)
	begun := rd.roundBegun(asOf)
	for _, a := range rd.plan.Actions {
		row := rd.actionRows[a.No]
		u, updated := latest[a.No]
		switch {
		case row.faulty || a.Added.After(asOf):
		case a.Open(asOf):
			current := updated && u.update.Date.Equal(asOf)
			rd.checkOpen(row, u, current, asOf)
			if prev, ok := previous[a.No]; begun && current && ok {
				rd.checkConfirmed(u, prev)
			}
		case updated && !u.update.Date.Before(a.Completed) && !u.ragValue.Complete && (u.rated || u.ragText == ""):
			rd.add(u.rag.problem(Warning, ErrCompletedNotComplete, "action %s was completed on %s, but its RAG is %s, not a value for a completed action",
				a.No, schema.FormatDate(a.Completed), ragName(u)))
		}
	}
}

// asOf is the report point checked: the one asked for, or the latest.
func (rd *reader) asOf() (time.Time, bool) {
	if !rd.reportsOK {
		return time.Time{}, false
	}
	if rd.opt.AsOf.IsZero() {
		latest, ok := rd.plan.Latest()
		return latest.Date, ok
	}
	d := rd.opt.AsOf.UTC().Truncate(24 * time.Hour)
	if _, ok := rd.plan.ReportAt(d); !ok {
		rd.add(place{sheet: rd.sheetName(schema.SheetReports), order: schema.SheetReports}.problem(Error, ErrUnknownReport,
			"there is no report point on %s, the date asked for; %s", schema.FormatDate(d), rd.reportPoints()))
		return time.Time{}, false
	}
	return d, true
}

// reportPoints lists the report points there are, to choose from.
func (rd *reader) reportPoints() string {
	points := make([]string, len(rd.plan.Reports))
	for i, r := range rd.plan.Reports {
		points[i] = fmt.Sprintf("%s (%s)", schema.FormatDate(r.Date), r.Name)
	}
	switch len(points) {
	case 0:
		return "the Reports sheet has none"
	case 1:
		return "the one report point is " + points[0]
	}
	return "the report points are " + strings.Join(points[:len(points)-1], ", ") + " and " + points[len(points)-1]
}

func (rd *reader) sheetName(order int) string {
	if name, ok := rd.sheetNames[schema.Fold(schema.Sheets[order].Name)]; ok {
		return name
	}
	return schema.Sheets[order].Name
}

// latestUpdates returns each action's last update on or before asOf.
func (rd *reader) latestUpdates(asOf time.Time) map[string]updateRow {
	latest := map[string]updateRow{}
	for _, u := range rd.updateRows {
		prev, seen := latest[u.update.Action]
		if !u.update.Date.After(asOf) && (!seen || u.update.Date.After(prev.update.Date)) {
			latest[u.update.Action] = u
		}
	}
	return latest
}

// previousUpdates returns each action's last update before asOf: the one
// roll carried forward to it.
func (rd *reader) previousUpdates(asOf time.Time) map[string]updateRow {
	return rd.latestUpdates(asOf.AddDate(0, 0, -1))
}

// roundBegun reports whether the update round of report point asOf has
// begun: some update there was returned by a lead (planreport collect).
func (rd *reader) roundBegun(asOf time.Time) bool {
	for _, u := range rd.updateRows {
		if u.update.Date.Equal(asOf) && u.update.ReturnedBy != "" {
			return true
		}
	}
	return false
}

// checkConfirmed warns about an update at the report point checked, once
// its round has begun, that no lead returned and that reads as the update
// before it: roll carried it forward and nobody confirmed it.
func (rd *reader) checkConfirmed(u, prev updateRow) {
	if u.update.ReturnedBy != "" || u.update.Text != prev.update.Text {
		return
	}
	rd.add(u.text.problem(Warning, ErrUnconfirmed, "action %s's update was carried forward from %s and not confirmed by its lead",
		u.update.Action, schema.FormatDate(prev.update.Date)))
}

// checkOpen checks an action open at the report point: it needs an update
// there (except at publication, when nothing has progressed yet), and a
// RAG that says all is well contradicts a due date already past.
func (rd *reader) checkOpen(row actionRow, u updateRow, current bool, asOf time.Time) {
	a := row.action
	if !current {
		if !asOf.Equal(rd.plan.FirstPublished) {
			rd.add(row.no.problem(Error, ErrMissingUpdate, "action %s is open but has no update for the report of %s; add a row for it to the Updates sheet",
				a.No, schema.FormatDate(asOf)))
		}
		return
	}
	if !a.Due.IsZero() && a.Due.Before(asOf) && u.rated && !u.ragValue.Attention {
		rd.add(u.rag.problem(Warning, ErrOverdueGreen, "action %s was due on %s and is still open, yet its RAG is %s",
			a.No, schema.FormatDate(a.Due), ragName(u)))
	}
}

// checkBlankRAG: an update of an action still open at its date needs a RAG,
// except at publication.
func (rd *reader) checkBlankRAG(u updateRow) {
	row, known := rd.actionRows[u.update.Action]
	if u.ragText != "" || !known || !row.action.Open(u.update.Date) || u.update.Date.Equal(rd.plan.FirstPublished) {
		return
	}
	rd.add(u.rag.problem(Error, ErrMissingValue, "the RAG is blank; action %s is open on %s, so it needs one", u.update.Action, schema.FormatDate(u.update.Date)))
}

func ragName(u updateRow) string {
	if u.update.RAG == "" {
		return "blank"
	}
	return u.ragValue.Name
}
