package planbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/schema"
)

// ErrTooLong is a text longer than a workbook cell holds. Write and Roll
// refuse such a text rather than cut it short, as excelize would.
var ErrTooLong = fmt.Errorf("more than the %s characters an Excel cell holds", thousands(excelize.TotalCellChars))

// cellChars is the length of s as Excel counts it: in UTF-16 code units,
// so that a character outside the Basic Multilingual Plane (an emoji)
// counts two.
func cellChars(s string) int {
	n := 0
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// tooLong is the error for a text of n characters, what it is and where it
// comes from (a cell, or "" when not known), that is not written; not says
// what was not done.
func tooLong(what, from string, n int, not string) error {
	if from != "" {
		what += " (" + from + ")"
	}
	return fmt.Errorf("%s has %s characters, %w, so %s; shorten it and try again", what, thousands(n), ErrTooLong, not)
}

// thousands writes n with a comma between each three digits: 32,767.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// checkLengths returns an error for every text of p longer than a cell
// holds, each naming the action (or other thing) it belongs to and where it
// was read from when the plan says; nil when every text fits.
func checkLengths(p *plan.Plan) error {
	const not = "no workbook was written"
	var errs []error
	// check checks a text; what it is is the parts of what, joined only
	// when it is too long.
	check := func(text, from string, what ...string) {
		if len(text) > excelize.TotalCellChars { // fewer bytes cannot be more characters
			if n := cellChars(text); n > excelize.TotalCellChars {
				errs = append(errs, tooLong(strings.Join(what, ""), from, n, not))
			}
		}
	}
	for _, f := range []struct{ name, text string }{
		{schema.FieldTitle, p.Title}, {schema.FieldShortTitle, p.ShortTitle}, {schema.FieldOrganisation, p.Organisation},
		{schema.FieldMaintenanceTitle, p.MaintenanceTitle}, {schema.FieldMaintenanceNote, p.MaintenanceNote},
	} {
		check(f.text, "", "the plan's ", f.name)
	}
	for _, r := range p.Reports {
		check(r.Name, "", "the name of the report point of ", schema.FormatDate(r.Date))
	}
	for _, o := range p.Outcomes {
		check(o.Number, "", "an outcome's number")
		check(o.Theme, "", "outcome ", o.Number, "'s theme")
		check(o.Description, "", "outcome ", o.Number, "'s description")
	}
	for i, l := range p.Leads {
		check(l, "", "strategic lead ", strconv.Itoa(i+1), " of the list")
	}
	for _, a := range p.Actions {
		check(a.No, a.Cells.Text, "an action's number")
		check(a.Outcome, a.Cells.Text, "action ", a.No, "'s outcome")
		check(a.Text, a.Cells.Text, "action ", a.No, "'s text")
		size := len(a.Leads) - 1 // the line breaks between them, in bytes as the leads are
		for _, l := range a.Leads {
			size += len(l)
		}
		if size > excelize.TotalCellChars { // joined only when they may be too long
			check(strings.Join(a.Leads, "\n"), a.Cells.Leads, "action ", a.No, "'s strategic leads")
		}
		check(a.Timescale, a.Cells.Timescale, "action ", a.No, "'s timescale")
	}
	for _, u := range p.Updates {
		check(u.Action, u.Where, "an update's action number")
		check(u.Text, u.Where, "action ", u.Action, "'s update of ", schema.FormatDate(u.Date))
		check(u.RAG, u.Where, "action ", u.Action, "'s RAG of ", schema.FormatDate(u.Date))
	}
	for _, t := range p.Maintenance {
		check(t.No, "", "a maintenance task's number")
		check(t.Text, "", "maintenance task ", t.No, "'s text")
		check(t.Timescale, "", "maintenance task ", t.No, "'s timescale")
	}
	for i, r := range p.Distribution {
		n := strconv.Itoa(i + 1)
		check(r.Name, r.Where, "recipient ", n, "'s name")
		check(r.Email, r.Where, "recipient ", n, "'s email")
		check(r.Role, r.Where, "recipient ", n, "'s role")
	}
	return errors.Join(errs...)
}
