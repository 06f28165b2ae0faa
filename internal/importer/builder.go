package importer

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/schema"
)

// builder puts a plan together from what a source gives, row by row: the
// theme and outcome headings, the actions under them, their updates.
type builder struct {
	opt      Options
	p        plan.Plan
	problems Problems
	theme    string
	outcome  string         // the outcome of the actions that follow
	outcomes map[string]int // outcome number → its place in p.Outcomes
	actions  map[string]bool
	// outcome number → where its first action is, for an outcome known
	// only from its actions' numbers
	undescribed map[string]string
	leadSets    [][]string // each action's leads, as written, split later
	// where each of p.Updates was read from, for messages
	updatePlaces []string
}

func newBuilder(opt Options) *builder {
	return &builder{opt: opt, outcomes: map[string]int{}, actions: map[string]bool{}, undescribed: map[string]string{}}
}

func (b *builder) problem(place string, format string, args ...any) {
	b.problems = append(b.problems, Problem{Place: place, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) warn(place string, format string, args ...any) {
	b.problems = append(b.problems, Problem{Place: place, Warning: true, Msg: fmt.Sprintf(format, args...)})
}

// outcomeLine matches an outcome heading, "Outcome 3: Coordinated help …".
var outcomeLine = regexp.MustCompile(`(?is)^outcome\s+(\d+)\s*[:.\-–—]?\s*(.*)$`)

// heading reads a full-width row: an outcome heading when it reads
// "Outcome N: …", or else a theme heading.
func (b *builder) heading(text string) {
	text = collapse(text)
	if m := outcomeLine.FindStringSubmatch(text); m != nil {
		b.addOutcome(m[1], m[2])
		return
	}
	if text != "" {
		b.theme = text
	}
}

// addOutcome adds an outcome under the current theme, or gives one added
// without its description that description.
func (b *builder) addOutcome(no, desc string) {
	b.outcome = no
	if i, ok := b.outcomes[no]; ok {
		if b.p.Outcomes[i].Description == "" {
			b.p.Outcomes[i].Description = desc
		}
		return
	}
	b.outcomes[no] = len(b.p.Outcomes)
	b.p.Outcomes = append(b.p.Outcomes, plan.Outcome{Number: no, Theme: b.theme, Description: desc})
}

// actionPrefix matches an action number written at the start of its text,
// "1.1: Develop …" or "1.1 Develop …".
var actionPrefix = regexp.MustCompile(`^(\d+(?:\.\d+)+)\s*[:.\-–]?\s+`)

// addAction adds an action; its outcome is the one given, or the part of
// its number before the dot. leads is the Strategic Lead as written, place
// where the action is: the place of each of its texts that a.Cells does
// not give, so that a message about one (a text too long for a workbook
// cell) names where it came from.
func (b *builder) addAction(a plan.Action, leads, place string) bool {
	if a.No == "" {
		b.problem(place, "an action without a number; give it one, e.g. 1.1, and add it again")
		return false
	}
	if b.actions[a.No] {
		b.problem(place, "action %s is there twice; only the first is imported", a.No)
		return false
	}
	b.addedNote(&a, place)
	for _, cell := range []*string{&a.Cells.Text, &a.Cells.Leads, &a.Cells.Timescale} {
		if *cell == "" {
			*cell = place
		}
	}
	if a.Outcome == "" {
		a.Outcome, _, _ = strings.Cut(a.No, ".")
	}
	if _, ok := b.outcomes[a.Outcome]; !ok {
		theme := b.outcome
		b.addOutcome(a.Outcome, "")
		b.outcome, b.undescribed[a.Outcome] = theme, place
	}
	b.actions[a.No] = true
	b.p.Actions = append(b.p.Actions, a)
	b.leadSets = append(b.leadSets, []string{leads, place})
	return true
}

// addReport adds a report point, once.
func (b *builder) addReport(r plan.ReportPoint) {
	for _, have := range b.p.Reports {
		if have.Date.Equal(r.Date) {
			return
		}
	}
	b.p.Reports = append(b.p.Reports, r)
}

// addUpdate adds an action's update at a report point: its text, and its
// RAG as written, each with where it is; the text's place is the update's
// Where.
func (b *builder) addUpdate(no string, d time.Time, text, textPlace, ragText, ragPlace string) {
	text = schema.CleanText(text)
	if text == "" && strings.TrimSpace(ragText) == "" {
		return
	}
	u := plan.Update{Action: no, Date: d, Text: text, Where: textPlace}
	if strings.TrimSpace(ragText) != "" {
		v, ok := b.opt.Scale.Parse(ragText)
		if !ok {
			b.problem(ragPlace, "%q is not a RAG value of the scale (%s); the RAG is left blank", collapse(ragText), strings.Join(b.opt.Scale.Codes(), ", "))
		}
		u.RAG = v.Code
	}
	b.p.Updates = append(b.p.Updates, u)
	b.updatePlaces = append(b.updatePlaces, textPlace)
}

// addedNoteText matches the note a report writes in the text of an action
// added after the plan was published: "(New Action / Task – Added 1 June
// 2022)", "(new action - added: 01/06/2022)", "(Added 1 June 2022)". Its
// groups are the "New Action" part and the date.
var addedNoteText = regexp.MustCompile(`(?i)\(\s*(new\s+(?:action|task)(?:\s*/\s*(?:action|task))?\s*(?:[-–—:,]\s*)?)?added\s*(?:on\s+)?[-–—:]?\s*([^()]*?)\s*\)`)

// addedNote reads the note in an action's text saying when it was added:
// it gives the action's Added date, unless the source gives one apart, and
// is taken out of the text.
func (b *builder) addedNote(a *plan.Action, place string) {
	for _, m := range addedNoteText.FindAllStringSubmatchIndex(a.Text, -1) {
		note := a.Text[m[0]:m[1]]
		d, err := schema.ParseDate(a.Text[m[4]:m[5]], b.opt.MonthFirst)
		switch {
		case err != nil && m[2] >= 0:
			b.warn(place, "action %s's note %q gives no date that can be read, so its Added date is left blank", a.No, note)
			return
		case err != nil:
			continue
		case a.Added.IsZero():
			a.Added = d
		case !a.Added.Equal(d):
			b.warn(place, "action %s's note %q disagrees with its Added date, %s, which is kept", a.No, note, a.Added.Format("02/01/2006"))
		}
		before, after := strings.TrimRight(a.Text[:m[0]], " \t"), strings.TrimLeft(a.Text[m[1]:], " \t")
		switch {
		case before == "" || after == "" || strings.HasSuffix(before, "\n") || strings.ContainsAny(after[:1], "\n.,;:!?)"):
			a.Text = schema.CleanText(before + after)
		default:
			a.Text = before + " " + after
		}
		return
	}
}

// finish splits the leads, lists the distinct ones, puts the report points
// in order with the publication first, and reports outcomes left without a
// description.
func (b *builder) finish() *plan.Plan {
	p := &b.p
	alone := map[string]bool{} // every lead written on a line of its own
	for _, set := range b.leadSets {
		for _, lead := range schema.SplitLeads(set[0]) {
			alone[lead] = true
		}
	}
	for i, set := range b.leadSets {
		p.Actions[i].Leads = b.splitLeads(set[0], set[1], alone)
		for _, l := range p.Actions[i].Leads {
			if !slices.Contains(p.Leads, l) {
				p.Leads = append(p.Leads, l)
			}
		}
	}
	b.completions()
	if p.FirstPublished.IsZero() && len(p.Reports) > 0 {
		earliest := slices.MinFunc(p.Reports, func(a, b plan.ReportPoint) int { return a.Date.Compare(b.Date) })
		p.FirstPublished = earliest.Date
		b.warn("", "no First Published date; the earliest report point, %s, is taken for it", earliest.Date.Format("02/01/2006"))
	}
	if !p.FirstPublished.IsZero() {
		b.addReport(plan.ReportPoint{Date: p.FirstPublished, Name: "Publication Date"})
	}
	sort.SliceStable(p.Reports, func(i, j int) bool { return p.Reports[i].Date.Before(p.Reports[j].Date) })
	for _, o := range p.Outcomes {
		if o.Description == "" {
			b.problem(b.undescribed[o.Number], "outcome %s, of action %s, has no heading with its description; write it in the Outcomes sheet", o.Number, b.firstAction(o.Number))
		}
	}
	return p
}

func (b *builder) firstAction(outcome string) string {
	for _, a := range b.p.Actions {
		if a.Outcome == outcome {
			return a.No
		}
	}
	return ""
}

// splitLeads splits a Strategic Lead as written into leads: one to a line
// or separated by semicolons; a line joining with " and " a lead written
// on a line of its own elsewhere to another, at that " and "; and a line
// joining with "/" leads each written on a line of their own elsewhere, at
// that "/".
func (b *builder) splitLeads(s, place string, alone map[string]bool) []string {
	var leads []string
	for _, lead := range schema.SplitLeads(s) {
		var parts []string
		for _, part := range splitAnd(lead, alone) {
			if slashed := splitSlash(part, alone); slashed != nil {
				parts = append(parts, slashed...)
			} else {
				parts = append(parts, part)
			}
		}
		if len(parts) > 1 {
			b.warn(place, "%q is taken as %d leads: %s", lead, len(parts), strings.Join(parts, "; "))
		}
		leads = append(leads, parts...)
	}
	return leads
}

// splitAnd splits a line at each " and " that has a lead written alone
// elsewhere on one side of it.
func splitAnd(line string, alone map[string]bool) []string {
	for i := 0; ; {
		j := strings.Index(line[i:], " and ")
		if j < 0 {
			return []string{line}
		}
		left, right := line[:i+j], line[i+j+len(" and "):]
		switch {
		case alone[left]:
			return append([]string{left}, splitAnd(right, alone)...)
		case alone[right]:
			return append(splitAnd(left, alone), right)
		}
		i += j + 1
	}
}

// maxSlashes bounds the slashes of a line splitSlash splits: more are not
// a few leads joined.
const maxSlashes = 16

// splitSlash splits a line at the slashes between leads each written alone
// elsewhere, "A / B / C", into the most such leads; it is nil when the line
// is not two or more of them.
func splitSlash(line string, alone map[string]bool) []string {
	if n := strings.Count(line, "/"); n == 0 || n > maxSlashes {
		return nil
	}
	// Cut i runs from bounds[i] to the next slash; next[i] is the cut
	// after the lead that starts there, when the rest splits into leads.
	bounds := []int{0}
	for i := range len(line) {
		if line[i] == '/' {
			bounds = append(bounds, i+1)
		}
	}
	end := len(bounds)
	next := make([]int, end)
	for i := end - 1; i >= 0; i-- {
		next[i] = -1
		for j := i + 1; j <= end; j++ {
			stop := len(line) + 1
			if j < end {
				stop = bounds[j]
			}
			if alone[collapse(line[bounds[i]:stop-1])] && (j == end || next[j] >= 0) && !(i == 0 && j == end) {
				next[i] = j
				break
			}
		}
	}
	if next[0] < 0 {
		return nil
	}
	var leads []string
	for i := 0; i < end; i = next[i] {
		stop := len(line) + 1
		if next[i] < end {
			stop = bounds[next[i]]
		}
		leads = append(leads, collapse(line[bounds[i]:stop-1]))
	}
	return leads
}

// completedPoint matches a point of an update saying that the action is
// complete, "ACTION COMPLETED.", "Action / Task Complete", "Completed", and
// perhaps when, "Completed on 17 January 2019": the date is its group.
var completedPoint = regexp.MustCompile(`(?i)^(?:(?:this\s+)?(?:action|task)(?:\s*/\s*(?:action|task))?\s+(?:(?:is|was|now|has|been)\s+)*)?complete(?:d)?(?:\s*[:\-–—,@]?\s*(?:on\s+)?(.*?))?[\s.!]*$`)

// completedIn finds the point of an update saying the action is complete,
// and the date it gives, if any.
func completedIn(update string, monthFirst bool) (point string, d time.Time, ok bool) {
	for _, point := range report.SplitPoints(update) {
		m := completedPoint.FindStringSubmatch(point)
		if m == nil {
			continue
		}
		if m[1] == "" {
			return point, time.Time{}, true
		}
		if d, err := schema.ParseDate(m[1], monthFirst); err == nil {
			return point, d, true
		}
	}
	return "", time.Time{}, false
}

// completions gives an action with no Completed date, whose update says it
// is complete, the date that update gives, or else that of its report
// point: the best the source gives, with a warning.
func (b *builder) completions() {
	p := &b.p
	index := make(map[string]int, len(p.Actions))
	for i, a := range p.Actions {
		index[a.No] = i
	}
	order := make([]int, len(p.Updates))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return p.Updates[i].Date.Compare(p.Updates[j].Date) })
	for _, i := range order {
		u := p.Updates[i]
		ai, ok := index[u.Action]
		if !ok || !p.Actions[ai].Completed.IsZero() {
			continue
		}
		point, d, ok := completedIn(u.Text, b.opt.MonthFirst)
		switch {
		case !ok:
			continue
		case d.IsZero():
			d = u.Date
			b.warn(b.updatePlaces[i], "action %s's update says %q but not when; the report point's date, %s, is taken as its Completed date", u.Action, point, d.Format("02/01/2006"))
		default:
			b.warn(b.updatePlaces[i], "action %s's update says %q; %s is taken as its Completed date", u.Action, point, d.Format("02/01/2006"))
		}
		p.Actions[ai].Completed = d
	}
}

// collapse trims s and turns each run of white space, non-breaking spaces
// too, into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// reportHeading reads a report point from a column heading such as "Year 1
// Progress / Update Report @ 31 July 2019": the name before the @, the
// date after it, or a date anywhere in it with the heading as the name.
func reportHeading(h string, monthFirst bool) (plan.ReportPoint, bool) {
	h = collapse(h)
	if name, date, ok := strings.Cut(h, "@"); ok {
		if d, err := schema.ParseDate(date, monthFirst); err == nil {
			return plan.ReportPoint{Date: d, Name: strings.TrimSpace(name)}, true
		}
	}
	if d, ok := schema.FindDate(h, monthFirst); ok {
		return plan.ReportPoint{Date: d, Name: h}, true
	}
	return plan.ReportPoint{}, false
}
