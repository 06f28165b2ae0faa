package round

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"

	"github.com/planreport/planreport/internal/plan"
)

// PlanID is the identity of a plan that a form records (KeyPlanID): the
// first 16 hex digits of the SHA-256 of its title, a line break and the
// day it was first published (YYYY-MM-DD).
func PlanID(p *plan.Plan) string {
	sum := sha256.Sum256([]byte(p.Title + "\n" + p.FirstPublished.Format(time.DateOnly)))
	return hex.EncodeToString(sum[:])[:16]
}

// Leads returns the leads who lead or co-lead an action open at point: in
// the order of the plan's Leads sheet, then any other lead in the order the
// actions name them.
func Leads(p *plan.Plan, point time.Time) []string {
	has := map[string]bool{}
	var others []string
	for _, a := range p.Actions {
		if !a.Open(point) {
			continue
		}
		for _, l := range a.Leads {
			if !has[l] {
				has[l] = true
				others = append(others, l)
			}
		}
	}
	var out []string
	listed := map[string]bool{}
	for _, l := range p.Leads {
		if has[l] && !listed[l] {
			listed[l] = true
			out = append(out, l)
		}
	}
	for _, l := range others {
		if !listed[l] {
			out = append(out, l)
		}
	}
	return out
}

// Returned reports whether lead has returned their form for point: every
// action open at point that they lead has an update at point that was
// returned by them (plan.Update.ReturnedBy is lead, or names lead among
// several separated by ";").
func Returned(p *plan.Plan, point time.Time, lead string) bool {
	for _, r := range Rows(p, point, lead) {
		if !returnedBy(p, r.Action.No, point, lead) {
			return false
		}
	}
	return true
}

// returnedBy reports whether an update of action no at point was returned
// by lead.
func returnedBy(p *plan.Plan, no string, point time.Time, lead string) bool {
	for _, u := range p.Updates {
		if u.Action != no || !u.Date.Equal(point) {
			continue
		}
		for _, by := range strings.Split(u.ReturnedBy, ";") {
			if strings.TrimSpace(by) == lead {
				return true
			}
		}
	}
	return false
}

// Late returns the leads with an action open at point who have not
// returned their form for it (Returned), in the order of Leads.
func Late(p *plan.Plan, point time.Time) []string {
	var late []string
	for _, l := range Leads(p, point) {
		if !Returned(p, point, l) {
			late = append(late, l)
		}
	}
	return late
}

// FileName is the name of lead's form at point for the plan kept in the
// workbook named stem (its file name less .xlsx):
// stem_YYYY-MM-DD_lead-slug.xlsx, the slug the lead's letters and digits
// in lower case, every other run of characters a hyphen.
func FileName(stem string, point time.Time, lead string) string {
	return stem + "_" + point.Format(time.DateOnly) + "_" + Slug(lead) + ".xlsx"
}

// Slug is a name as a file name's part: its letters and digits in lower
// case, every run of other characters one hyphen, none at either end, cut
// at a hyphen to at most maxSlug characters, so that a long lead's form
// keeps a path Windows accepts; "lead" when that leaves nothing.
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "lead"
	}
	slug := []rune(b.String())
	if len(slug) <= maxSlug {
		return string(slug)
	}
	cut := string(slug[:maxSlug])
	if i := strings.LastIndexByte(cut, '-'); i > 0 && slug[maxSlug] != '-' {
		cut = cut[:i]
	}
	return cut
}

// maxSlug is the most characters Slug keeps.
const maxSlug = 40
