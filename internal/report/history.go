package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// History is the data of "RAG over time": at every report point from the
// plan's publication to the one reported, every action added on or before
// it, counted as "RAG at a glance" counts them at that point (open ones by
// their RAG there, completed ones, open ones given no RAG there). It is a
// Chart whose bars are the report points, so that each renderer draws it
// with the chart's code, and a table of the same figures.
type History struct {
	// Chart has a bar per report point, oldest first, labelled with the
	// point's date ("31/07/2019"); its segments are every value of the
	// scale, then completed and no RAG given where some point has such an
	// action. Overall is nil: the bars are not parts of one whole.
	Chart  Chart
	Points []plan.ReportPoint // the report point of each bar, names cleaned
}

// HistoryHeading heads the "RAG over time" section.
const HistoryHeading = "RAG over time"

// NoHistory is printed instead of the table and chart when no report point
// has an action.
const NoHistory = "No action / task to chart at any report point."

// history counts the actions of plan p at each report point up to day
// date, as the report at that point counts them for its chart: the same
// builder makes each point's action rows, and tally counts them.
func history(p *plan.Plan, scale rag.Scale, values []rag.Value, date time.Time) History {
	var h History
	var tallies [][]int
	total := make([]int, len(values)+2)
	for _, point := range p.Reports {
		if point.Date.After(date) {
			break
		}
		overall, _ := tally(values, newBuilder(p, scale, point.Date).themes())
		for i, n := range overall {
			total[i] += n
		}
		tallies = append(tallies, overall)
		h.Points = append(h.Points, plan.ReportPoint{Date: point.Date, Name: Clean(point.Name)})
	}
	segments, pick := segmentsOf(values, total)
	h.Chart.Segments = segments
	for i, counts := range tallies {
		h.Chart.Rows = append(h.Chart.Rows, ChartRow{Label: ShortDate(h.Points[i].Date), Counts: pick(counts)})
	}
	return h
}

// Columns are the headings of the history's table: the report point's
// date and name, a column per segment, and the total.
func (h History) Columns() []string {
	cols := []string{SummaryColumns[0], SummaryColumns[1]}
	for _, s := range h.Chart.Segments {
		cols = append(cols, s.Name)
	}
	return append(cols, SummaryColumns[2])
}

// Total is the number of actions at report point i: the sum of its bar.
func (h History) Total(i int) int {
	n := 0
	for _, k := range h.Chart.Rows[i].Counts {
		n += k
	}
	return n
}

// Note says what "RAG over time" shows.
func (h History) Note() string {
	return "Every action / task at each report point from " + h.span() + ", counted as in RAG at a glance: " +
		chartKinds + "; every bar on one scale from 0 to " + strconv.Itoa(h.Chart.Axis().Max) + "."
}

// span is "3 October 2018 to 31 July 2019", or the one date.
func (h History) span() string {
	if len(h.Points) == 0 {
		return ""
	}
	first, last := h.Points[0].Date, h.Points[len(h.Points)-1].Date
	if first.Equal(last) {
		return LongDate(first)
	}
	return LongDate(first) + " to " + LongDate(last)
}

// Description is the history chart's text alternative, the same in every
// format: every report point's figures, oldest first.
func (h History) Description() string {
	var b strings.Builder
	b.WriteString("Bar chart of the number of actions / tasks at each report point, " + chartKinds +
		", on one scale from 0 to " + strconv.Itoa(h.Chart.Axis().Max) + ".")
	for i, row := range h.Chart.Rows {
		b.WriteString(" " + h.Points[i].Name + ", " + LongDate(h.Points[i].Date) + ": " + h.Chart.Figures(row.Counts) + ".")
	}
	return b.String()
}
