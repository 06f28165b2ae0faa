// Package report is the document model in the middle of planreport: the
// progress report of one plan at one report point, with every figure worked
// out and every text in the order it is printed.
//
// Build makes a Report from a validated plan.Plan; the PDF, Word and HTML
// renderers read only a Report, so all three print the same content:
//
//  1. the title block (title, "<report name> @ <date>", first published,
//     organisation);
//  2. the summary table, one row per report point up to this one;
//  3. the RAG legend;
//  4. optionally the "RAG at a glance" chart, the "RAG over time" table
//     and chart, and the exceptions (Red / Amber and overdue actions);
//  5. the action table: themes, under them outcomes, under them actions with
//     their update points and RAG;
//  6. the ongoing / maintenance table.
package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// Report is everything printed in one progress report.
type Report struct {
	Title          string // "CPC Improvement Plan 2018 – 2020"
	ShortTitle     string // the running header
	Organisation   string
	ReportName     string    // "Year 1 Progress / Update Report"
	Date           time.Time // the report point
	FirstPublished time.Time
	// Language is the report's BCP 47 language tag ("en-GB").
	Language string
	// Modified is when the report's content last changed: SOURCE_DATE_EPOCH
	// when set, else the workbook's last-modified time. Renderers date the
	// document with it, never with the clock, so reruns are identical.
	Modified time.Time

	Summary []SummaryRow
	Legend  []rag.Value // the scale, worst first, with its definitions

	Sections   Sections    // which optional parts are printed
	Exceptions []Exception // in action order
	Chart      Chart
	History    History // "RAG over time"

	Themes      []Theme
	Maintenance Maintenance
}

// Sections says which optional parts of the report are printed.
type Sections struct {
	Exceptions bool // the exceptions list before the action table
	Trends     bool // the trend mark beside each RAG
	Chart      bool // "RAG at a glance"
	History    bool // "RAG over time"
}

// SummaryRow is one report point's line of the summary table.
type SummaryRow struct {
	Date      time.Time
	Name      string
	Total     int // actions added on or before Date
	Completed int // actions completed on or before Date
	Added     int // actions added since the previous report point
	Ongoing   int // Total − Completed
}

// Theme is a heading that outcomes are grouped under, such as
// "How good is our leadership?".
type Theme struct {
	Name     string
	Outcomes []Outcome
}

// Outcome is a numbered outcome and its actions.
type Outcome struct {
	Number      string
	Description string
	Actions     []Action
}

// Action is one row of the action table.
type Action struct {
	No        string
	Outcome   string // the number of its outcome: "1"
	Text      string
	Leads     []string
	Timescale string
	// Points are the update shown, split into its points: the update at
	// this report point. A completed action always shows one: when it has
	// none here (it was completed in an earlier period), its latest update
	// before, or else only the line "Completed <date>" (CompletedLine).
	Points      []string
	RAG         *rag.Value // the RAG of the update at this report point; nil when it gives none
	Trend       Trend
	Due         time.Time // zero when unknown
	Overdue     bool      // open and past Due at the report date
	CompletedOn time.Time // zero while open at the report date
	// Cells and UpdateCell are where the texts were read from ("Actions!C5",
	// "Updates!C12": the cell of the update shown), for messages; empty
	// when unknown.
	Cells      plan.Cells
	UpdateCell string
}

// Completed reports whether the action was complete at the report date.
func (a Action) Completed() bool { return !a.CompletedOn.IsZero() }

// CompletedLine says when a completed action was completed: "Completed 17
// January 2019"; empty while it is open.
func (a Action) CompletedLine() string {
	if !a.Completed() {
		return ""
	}
	return CompletedStatus + " " + LongDate(a.CompletedOn)
}

// What a RAG cell says when it shows no value of the scale.
const (
	CompletedStatus = "Completed"    // a completed action, in place of its RAG
	NoRAGGiven      = "No RAG given" // an open action whose update gives no RAG
)

// The fills of what is not a value of the scale: a completed action's RAG
// cell and its segment of the chart, blue as on a BRAG scale (Blue for
// complete); the chart's segment of open actions given no RAG, grey.
var (
	CompletedColour = rag.Colour{R: 0x00, G: 0x70, B: 0xC0}
	NoRAGColour     = rag.Colour{R: 0xD9, G: 0xD9, B: 0xD9}
)

// Status is what an action's RAG cell says, the same in every format: the
// action is completed, or its RAG value with the trend shown beside it, or
// no RAG was given.
type Status struct {
	Completed bool       // completed at or before the report date: the cell says CompletedStatus
	RAG       *rag.Value // the value shown, its code printed on its colour; nil when Completed or none given
	Trend     Trend      // the trend shown beside RAG; TrendNone when trends are not shown
}

// Status is what action a's RAG cell says. An action completed at or
// before the report date is Completed, whatever RAG its last update gave;
// an open one shows its RAG, and its trend when the report shows trends.
func (r *Report) Status(a *Action) Status {
	switch {
	case a.Completed():
		return Status{Completed: true}
	case a.RAG == nil:
		return Status{}
	case r.Sections.Trends:
		return Status{RAG: a.RAG, Trend: a.Trend}
	}
	return Status{RAG: a.RAG}
}

// Words is the status in words, as a screen reader is to say it, in every
// format: "Green", "Green, better", "Completed", "No RAG given". The PDF
// gives it as the cell's alternate description, the web page as hidden
// text, and the Word report prints it.
func (s Status) Words() string {
	switch {
	case s.Completed:
		return CompletedStatus
	case s.RAG == nil:
		return NoRAGGiven
	case s.Trend.Word() != "":
		return s.RAG.Name + ", " + s.Trend.Word()
	}
	return s.RAG.Name
}

// Fill is the colour of the cell: the value's, CompletedColour, or none
// (ok false) when no RAG was given.
func (s Status) Fill() (c rag.Colour, ok bool) {
	switch {
	case s.Completed:
		return CompletedColour, true
	case s.RAG != nil:
		return s.RAG.Colour, true
	}
	return rag.Colour{}, false
}

// Exception is an action listed for the committee's attention.
type Exception struct {
	Action  *Action
	Reasons []string // "Red", "Amber", "Overdue: due 30 September 2019"
}

// Chart is the data of "RAG at a glance": every action of the report,
// overall and per outcome, counted by what its RAG cell says (Status):
// open actions by their RAG value, completed actions, and open actions
// given no RAG. Each bar therefore counts every action of its outcome, and
// the overall bar the summary's Total at the report date.
type Chart struct {
	Segments []Segment // what each bar is split into, in order
	Overall  []int     // one count per segment
	Rows     []ChartRow
}

// ChartRow is one outcome's bar.
type ChartRow struct {
	Label  string // "Outcome 1"
	Counts []int  // one count per segment
}

// Segment is one kind of action a bar counts: a value of the scale (each
// of them, worst first), then completed actions, then open actions given
// no RAG, the last two only when some action is of that kind.
type Segment struct {
	Kind   SegmentKind
	Code   string     // the mark: the value's code, "✓" for completed, "" for no RAG given
	Name   string     // "Green", CompletedStatus, NoRAGGiven
	Colour rag.Colour // its fill: the value's, CompletedColour, NoRAGColour
}

// SegmentKind says what a segment counts.
type SegmentKind int

// The kinds of segment.
const (
	SegmentRAG       SegmentKind = iota // open actions with one value of the scale
	SegmentCompleted                    // actions completed at or before the report date
	SegmentNoRAG                        // open actions given no RAG
)

// CompletedMark is the completed segment's mark, printed before its count
// on the web page and in the Word chart: "✓ 2".
const CompletedMark = "✓"

// Maintenance is the ongoing / maintenance table.
type Maintenance struct {
	Title      string // "Ongoing / Maintenance Actions / Tasks 2018 – 2020"
	TaskColumn string // the heading of the task column
	Tasks      []Task
}

// Task is one ongoing / maintenance task.
type Task struct {
	No        string
	Text      string
	Timescale string
}

// Trend is how an action's RAG moved since the previous report point.
type Trend int

// The trends, from no information to worse.
const (
	TrendNone      Trend = iota // no RAG now, or none to compare with
	TrendNew                    // the action was added since the previous report point
	TrendBetter                 // a better value than before
	TrendUnchanged              // the same value as before
	TrendWorse                  // a worse value than before
)

// Word is the trend as a word for the reader: "new", "better", ….
func (t Trend) Word() string {
	switch t {
	case TrendNew:
		return "new"
	case TrendBetter:
		return "better"
	case TrendUnchanged:
		return "unchanged"
	case TrendWorse:
		return "worse"
	}
	return ""
}

// Symbol is the trend's mark printed beside the RAG letter.
func (t Trend) Symbol() string {
	switch t {
	case TrendNew:
		return "new"
	case TrendBetter:
		return "▲"
	case TrendUnchanged:
		return "="
	case TrendWorse:
		return "▼"
	}
	return ""
}

// Columns of the action table, before the update column whose heading is
// the report's Heading, and the RAG column.
var ActionColumns = []string{"No", "Action / Task", "Strategic Lead", "Timescale"}

// SummaryColumns are the headings of the summary table.
var SummaryColumns = []string{"Date", "Progress / Update Report", "Total Actions / Tasks",
	"Total Actions / Tasks Completed", "Total Actions / Tasks Added", "Total Actions / Tasks Ongoing"}

// Heading is the report's name and date: "Year 1 Progress / Update Report @
// 31 July 2019". It heads the update column too.
func (r *Report) Heading() string { return r.ReportName + " @ " + LongDate(r.Date) }

// Subject is the document property "subject".
func (r *Report) Subject() string { return r.Title + " – " + r.Heading() }

// LongDate writes a date as the report prints it in prose: "3 October 2018".
func LongDate(t time.Time) string { return t.Format("2 January 2006") }

// ShortDate writes a date as the report prints it in tables: "03/10/2018".
func ShortDate(t time.Time) string { return t.Format("02/01/2006") }

// Label is the action text as printed: "1.1: Develop …".
func (a Action) Label() string { return a.No + ": " + a.Text }

// Label is the outcome row as printed: "Outcome 1: Use of …".
func (o *Outcome) Label() string { return "Outcome " + o.Number + ": " + o.Description }

// Creator is the document property "creator" of every report.
const Creator = "planreport"

// Wording the three renderers print, so that the PDF, the Word report and
// the web page read the same.
const (
	TrendNote = "Trend beside each RAG, against the previous report: ▲ better, = unchanged, ▼ worse, " +
		"new – added since the previous report."
	NoExceptions = "None: no action / task is listed for the committee’s attention at this report."
	NoChart      = "No action / task to chart at this report."
	OverallLabel = "All actions / tasks"
	// TrendWords is TrendNote for a report that gives the trend in words
	// only, as the Word report does: "Green, better".
	TrendWords = "Trend after each RAG, against the previous report: better, unchanged, worse, or " +
		"new – added since the previous report."
)

// LegendColumns are the headings of the RAG legend's table.
var LegendColumns = []string{"RAG", "Meaning"}

// ExceptionColumns are the headings of the exceptions table.
var ExceptionColumns = []string{"No", "Action / Task", "Strategic Lead", "Timescale", "RAG", "Why listed"}

// ChartNote says what "RAG at a glance" shows.
func (r *Report) ChartNote() string {
	return "Every action / task at " + LongDate(r.Date) + ", in all and by outcome: " + chartKinds +
		"; every bar on one scale from 0 to " + strconv.Itoa(r.Chart.Axis().Max) + "."
}

// chartKinds says how the chart's bars count actions.
const chartKinds = "open ones by RAG, completed ones on their own"

// ActionsHeading heads the action table's section.
const ActionsHeading = "Progress on each action / task"

// TrendMarks reports whether any action shows a trend mark beside its RAG,
// which is when the report explains the marks (TrendNote).
func (r *Report) TrendMarks() bool {
	if !r.Sections.Trends {
		return false
	}
	for _, t := range r.Themes {
		for _, o := range t.Outcomes {
			for i := range o.Actions {
				if r.Status(&o.Actions[i]).Trend.Symbol() != "" {
					return true
				}
			}
		}
	}
	return false
}

// Scale is the length of the chart's longest bar, in actions.
func (c Chart) Scale() int {
	n := 0
	for _, k := range c.Overall {
		n += k
	}
	for _, row := range c.Rows {
		m := 0
		for _, k := range row.Counts {
			m += k
		}
		n = max(n, m)
	}
	return n
}

// Figures states a bar's figures in words: "3 actions / tasks – Red 0,
// Amber 1, Green 1, Completed 1", or "none".
func (c Chart) Figures(counts []int) string {
	total := 0
	var parts []string
	for i, n := range counts {
		total += n
		if i < len(c.Segments) {
			parts = append(parts, c.Segments[i].Name+" "+strconv.Itoa(n))
		}
	}
	if total == 0 {
		return "none"
	}
	noun := " actions / tasks – "
	if total == 1 {
		noun = " action / task – "
	}
	return strconv.Itoa(total) + noun + strings.Join(parts, ", ")
}

// Description is the chart's text alternative, the same in every format:
// every bar's figures, the overall bar's first.
func (c Chart) Description() string {
	var b strings.Builder
	b.WriteString("Bar chart of the number of actions / tasks, " + chartKinds + ", on one scale from 0 to ")
	b.WriteString(strconv.Itoa(c.Axis().Max))
	b.WriteString(". ")
	b.WriteString(OverallLabel + ": " + c.Figures(c.Overall) + ".")
	for _, row := range c.Rows {
		b.WriteString(" " + row.Label + ": " + c.Figures(row.Counts) + ".")
	}
	return b.String()
}

// ChartAxis labels the chart's value axis.
const ChartAxis = "Number of actions / tasks"

// Axis is the chart's one value axis, the same in every format: every bar,
// the overall one and each outcome's, is drawn to it, so that bars
// compare. It runs from 0 to Max, labelled and gridlined every Step.
type Axis struct {
	Max  int // the last label: the first multiple of Step at or past the longest bar
	Step int // 1, 2 or 5 times a power of ten: at most ten steps to Max
}

// Axis is the chart's value axis; with no action to chart, {0, 1}.
func (c Chart) Axis() Axis {
	n := c.Scale()
	step := 1
	for unit := 1; step == 1 && n > 10; unit *= 10 {
		for _, s := range []int{unit, 2 * unit, 5 * unit} {
			if n <= 10*s {
				step = s
				break
			}
		}
	}
	return Axis{Max: (n + step - 1) / step * step, Step: step}
}

// Labels are the axis's labels: 0, Step, 2×Step, … Max.
func (a Axis) Labels() []int {
	var out []int
	for n := 0; n <= a.Max; n += a.Step {
		out = append(out, n)
	}
	return out
}
