package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// Options are the parts of the configuration that shape the report model.
type Options struct {
	Scale    rag.Scale
	Sections Sections
	Language string    // BCP 47 tag, "en-GB"
	Modified time.Time // see Report.Modified
	// LineBreaksOnly splits updates into points only at line breaks, never
	// at ";" (the setting points.semicolons: false): see SplitLines.
	LineBreaksOnly bool
}

// Default maintenance headings, used when the plan gives none.
const (
	DefaultMaintenanceTitle  = "Ongoing / Maintenance Actions / Tasks"
	DefaultMaintenanceColumn = "Ongoing / Maintenance – Actions / Tasks"
)

// Build makes the report of plan p at the report point on day asOf. The plan
// must have been validated: Build trusts its references.
func Build(p *plan.Plan, asOf time.Time, opt Options) (*Report, error) {
	point, ok := p.ReportAt(asOf)
	if !ok {
		return nil, fmt.Errorf("the plan has no report point on %s", ShortDate(asOf))
	}
	r := &Report{
		Title:          Clean(p.Title),
		ShortTitle:     Clean(p.Short()),
		Organisation:   Clean(p.Organisation),
		ReportName:     Clean(point.Name),
		Date:           point.Date,
		FirstPublished: p.FirstPublished,
		Language:       opt.Language,
		Modified:       opt.Modified.UTC(),
		Summary:        summary(p, point.Date),
		Legend:         cleanValues(opt.Scale.Values),
		Sections:       opt.Sections,
		Maintenance:    maintenance(p),
	}
	b := newBuilder(p, opt.Scale, point.Date)
	if opt.LineBreaksOnly {
		b.split = SplitLines
	}
	r.Themes = b.themes()
	r.Exceptions = exceptions(r.Themes)
	r.Chart = chart(r.Legend, r.Themes)
	r.History = history(p, opt.Scale, r.Legend, point.Date)
	return r, nil
}

func cleanValues(values []rag.Value) []rag.Value {
	out := make([]rag.Value, len(values))
	for i, v := range values {
		v.Code, v.Name, v.Definition = Clean(v.Code), Clean(v.Name), Clean(v.Definition)
		out[i] = v
	}
	return out
}

// summary works out one row per report point up to day d.
func summary(p *plan.Plan, d time.Time) []SummaryRow {
	var rows []SummaryRow
	var prev time.Time
	for i, point := range p.Reports {
		if point.Date.After(d) {
			break
		}
		row := SummaryRow{Date: point.Date, Name: Clean(point.Name)}
		for _, a := range p.Actions {
			if a.Added.After(point.Date) {
				continue
			}
			row.Total++
			if !a.Open(point.Date) {
				row.Completed++
			}
			if i == 0 || a.Added.After(prev) {
				row.Added++
			}
		}
		row.Ongoing = row.Total - row.Completed
		rows = append(rows, row)
		prev = point.Date
	}
	return rows
}

// previousPoint is the report point before day d.
func previousPoint(p *plan.Plan, d time.Time) (time.Time, bool) {
	var prev time.Time
	found := false
	for _, point := range p.Reports {
		if !point.Date.Before(d) {
			break
		}
		prev, found = point.Date, true
	}
	return prev, found
}

// builder turns the plan's outcomes and actions into the report's themes.
type builder struct {
	plan        *plan.Plan
	scale       rag.Scale
	date        time.Time
	previous    time.Time
	hasPrevious bool
	updates     map[string]plan.Update // by action, at date (the last given)
	before      map[string]plan.Update // by action, at previous
	split       func(string) []string  // SplitPoints, or SplitLines
	earlier     map[string]plan.Update // by action, its latest with text before date; made when first needed
}

// newBuilder prepares the report of plan p at day date: the updates given
// at date and at the report point before it, by action.
func newBuilder(p *plan.Plan, scale rag.Scale, date time.Time) *builder {
	b := &builder{plan: p, scale: scale, date: date, split: SplitPoints,
		updates: make(map[string]plan.Update, len(p.Actions)), before: map[string]plan.Update{}}
	b.previous, b.hasPrevious = previousPoint(p, date)
	for _, u := range p.Updates {
		switch {
		case u.Date.Equal(date):
			b.updates[u.Action] = u
		case b.hasPrevious && u.Date.Equal(b.previous):
			b.before[u.Action] = u
		}
	}
	return b
}

// themes groups the outcomes under their themes, in the order each theme
// and outcome first appears in the workbook, and the actions under their
// outcomes in workbook order. Actions added after the report date are left
// out; so are outcomes and themes left with no action.
func (b *builder) themes() []Theme {
	counts := map[string]int{}
	for _, a := range b.plan.Actions {
		if !a.Added.After(b.date) {
			counts[a.Outcome]++
		}
	}
	byOutcome := make(map[string][]Action, len(counts))
	for _, a := range b.plan.Actions {
		if a.Added.After(b.date) {
			continue
		}
		actions := byOutcome[a.Outcome]
		if actions == nil {
			actions = make([]Action, 0, counts[a.Outcome])
		}
		byOutcome[a.Outcome] = append(actions, b.action(a))
	}
	var themes []Theme
	themeIndex := map[string]int{}
	for _, o := range b.plan.Outcomes {
		actions := byOutcome[o.Number]
		if len(actions) == 0 {
			continue
		}
		i, ok := themeIndex[o.Theme]
		if !ok {
			i = len(themes)
			themeIndex[o.Theme] = i
			themes = append(themes, Theme{Name: Clean(o.Theme)})
		}
		themes[i].Outcomes = append(themes[i].Outcomes,
			Outcome{Number: Clean(o.Number), Description: Clean(o.Description), Actions: actions})
	}
	return themes
}

func (b *builder) action(a plan.Action) Action {
	row := Action{
		No:        Clean(a.No),
		Outcome:   Clean(a.Outcome),
		Text:      Clean(a.Text),
		Timescale: Clean(a.Timescale),
		Due:       a.Due,
		Cells:     a.Cells,
	}
	if len(a.Leads) > 0 {
		row.Leads = make([]string, len(a.Leads))
		for i, l := range a.Leads {
			row.Leads[i] = Clean(l)
		}
	}
	if !a.Open(b.date) {
		row.CompletedOn = a.Completed
	}
	row.Overdue = a.Open(b.date) && !a.Due.IsZero() && a.Due.Before(b.date)
	if u, ok := b.updates[a.No]; ok {
		row.Points = b.split(u.Text)
		row.UpdateCell = u.Where
		if v, ok := b.scale.Parse(u.RAG); ok {
			row.RAG = &v
		}
	}
	row.Trend = b.trend(a, row.RAG)
	if row.Completed() && len(row.Points) == 0 {
		// Completed in an earlier period, or with no words now: its last
		// update, or at least when it was completed, never a blank row.
		if u, ok := b.latestBefore(a.No); ok {
			row.Points, row.UpdateCell = b.split(u.Text), u.Where
		}
		if len(row.Points) == 0 {
			row.Points, row.UpdateCell = []string{row.CompletedLine()}, ""
		}
	}
	return row
}

// latestBefore is action no's latest update with some text before the
// report date. The updates are looked through once, when an action first
// needs one.
func (b *builder) latestBefore(no string) (plan.Update, bool) {
	if b.earlier == nil {
		b.earlier = map[string]plan.Update{}
		for _, u := range b.plan.Updates {
			if !u.Date.Before(b.date) || strings.TrimSpace(u.Text) == "" {
				continue
			}
			if last, ok := b.earlier[u.Action]; !ok || !u.Date.Before(last.Date) {
				b.earlier[u.Action] = u
			}
		}
	}
	u, ok := b.earlier[no]
	return u, ok
}

// trend compares the RAG now with the one at the previous report point. An
// action added since that point is new; one that had no RAG there (as at a
// plan's publication) has no trend.
func (b *builder) trend(a plan.Action, now *rag.Value) Trend {
	if now == nil {
		return TrendNone
	}
	if !b.hasPrevious || a.Added.After(b.previous) {
		return TrendNew
	}
	u, found := b.before[a.No]
	if !found {
		return TrendNone
	}
	before, ok := b.scale.Parse(u.RAG)
	if !ok {
		return TrendNone
	}
	switch d := b.scale.Rank(now.Code) - b.scale.Rank(before.Code); {
	case d > 0:
		return TrendBetter
	case d < 0:
		return TrendWorse
	}
	return TrendUnchanged
}

// exceptions lists every action whose RAG calls for attention or that is
// overdue.
func exceptions(themes []Theme) []Exception {
	var list []Exception
	for ti := range themes {
		for oi := range themes[ti].Outcomes {
			actions := themes[ti].Outcomes[oi].Actions
			for ai := range actions {
				if reasons := reasons(&actions[ai]); len(reasons) > 0 {
					list = append(list, Exception{Action: &actions[ai], Reasons: reasons})
				}
			}
		}
	}
	return list
}

// reasons says why an action is listed under Exceptions: a RAG that calls
// for attention, or being overdue. A completed action is not listed: its
// RAG cell says Completed, whatever its last update's RAG was.
func reasons(a *Action) []string {
	if a.Completed() {
		return nil
	}
	var rs []string
	if a.RAG != nil && a.RAG.Attention {
		rs = append(rs, "RAG "+a.RAG.Name)
	}
	if a.Overdue {
		rs = append(rs, "Overdue: due "+LongDate(a.Due))
	}
	return rs
}

// chart counts every action, overall and per outcome, by what its RAG
// cell says: each RAG value of the open actions, the completed ones, and
// the open ones given no RAG. The last two are segments only when some
// action is of that kind.
func chart(values []rag.Value, themes []Theme) Chart {
	overall, rows := tally(values, themes)
	segments, pick := segmentsOf(values, overall)
	c := Chart{Segments: segments, Overall: pick(overall), Rows: rows}
	for i := range c.Rows {
		c.Rows[i].Counts = pick(c.Rows[i].Counts)
	}
	return c
}

// tally counts the actions of themes, overall and per outcome, by what
// their RAG cells say: one count per value of the scale, then the
// completed actions, then the open ones given no RAG.
func tally(values []rag.Value, themes []Theme) (overall []int, rows []ChartRow) {
	n := len(values)
	completed, none := n, n+1 // the two counts after the values'
	index := make(map[string]int, n)
	for i, v := range values {
		index[Clean(v.Code)] = i
	}
	overall = make([]int, n+2)
	for _, t := range themes {
		for _, o := range t.Outcomes {
			counts := make([]int, n+2)
			for i := range o.Actions {
				a := &o.Actions[i]
				k := none
				if a.Completed() {
					k = completed
				} else if a.RAG != nil {
					k = index[Clean(a.RAG.Code)]
				}
				counts[k]++
				overall[k]++
			}
			rows = append(rows, ChartRow{Label: "Outcome " + o.Number, Counts: counts})
		}
	}
	return overall, rows
}

// segmentsOf is the segments of a chart whose tallies (as tally counts
// them) add up to total: every value of the scale, then completed and no
// RAG given where total has some; and pick, which keeps a tally's counts
// of those segments.
func segmentsOf(values []rag.Value, total []int) (segments []Segment, pick func([]int) []int) {
	n := len(values)
	completed, none := n, n+1
	segments = make([]Segment, 0, n+2)
	for _, v := range values {
		segments = append(segments, Segment{Kind: SegmentRAG, Code: v.Code, Name: v.Name, Colour: v.Colour})
	}
	keep := make([]int, n, n+2) // the counts kept, by index
	for i := range keep {
		keep[i] = i
	}
	if total[completed] > 0 {
		segments = append(segments, Segment{Kind: SegmentCompleted, Code: CompletedMark, Name: CompletedStatus, Colour: CompletedColour})
		keep = append(keep, completed)
	}
	if total[none] > 0 {
		segments = append(segments, Segment{Kind: SegmentNoRAG, Name: NoRAGGiven, Colour: NoRAGColour})
		keep = append(keep, none)
	}
	return segments, func(counts []int) []int {
		out := make([]int, len(keep))
		for i, k := range keep {
			out[i] = counts[k]
		}
		return out
	}
}

func maintenance(p *plan.Plan) Maintenance {
	m := Maintenance{Title: Clean(p.MaintenanceTitle), TaskColumn: DefaultMaintenanceColumn}
	if m.Title == "" {
		m.Title = DefaultMaintenanceTitle
	}
	if note := Clean(p.MaintenanceNote); note != "" {
		m.TaskColumn += " – " + note
	}
	for _, t := range p.Maintenance {
		m.Tasks = append(m.Tasks, Task{No: Clean(t.No), Text: Clean(t.Text), Timescale: Clean(t.Timescale)})
	}
	return m
}

// maxNameLength bounds the title part of a file name, in bytes.
const maxNameLength = 80

// Filename is the report's file name without extension, made of the plan
// title and the report date: "cpc-improvement-plan-2018-2020_2019-07-31".
// Only ASCII letters and digits of the title are kept, joined by "-", so a
// name can never leave the output folder; a long title is cut at a word.
func Filename(title string, d time.Time) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	name := b.String()
	if len(name) > maxNameLength {
		name = name[:maxNameLength+1]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		} else {
			name = name[:maxNameLength]
		}
	}
	if name == "" {
		name = "report"
	}
	return name + "_" + d.Format("2006-01-02")
}
