package report

import (
	"slices"
	"strings"
)

// What every format prints as a section's heading, and in place of what
// is not there. The renderers decide how these look, never what they say.
const (
	SummaryHeading    = "Summary"
	ChartHeading      = "RAG at a glance"
	ExceptionsHeading = "Exceptions"
	// NoActions is the action table's one row when the report has no
	// action; NoTasks the maintenance table's when there is no task.
	NoActions = "No actions / tasks at this report."
	NoTasks   = "None."
)

// DocumentTitle is the document's title, the same in the PDF's /Title and
// XMP dc:title, the Word report's dc:title and the web page's <title>:
// the plan and the report point, "CPC Improvement Plan 2018 – 2020 – Year
// 1 Progress / Update Report @ 31 July 2019", so that two reports of one
// plan open under different names.
func (r *Report) DocumentTitle() string { return r.Title + " – " + r.Heading() }

// LegendTitle is the RAG legend's heading: "RAG Legend – Red Amber Green".
func (r *Report) LegendTitle() string {
	names := make([]string, len(r.Legend))
	for i, v := range r.Legend {
		names[i] = v.Name
	}
	return strings.TrimSpace("RAG Legend – " + strings.Join(names, " "))
}

// ActionHeadings are the header cells of the action table: ActionColumns,
// the report's Heading over the update, and "RAG".
func (r *Report) ActionHeadings() []string {
	return append(slices.Clone(ActionColumns), r.Heading(), "RAG")
}

// Columns are the header cells of the maintenance table.
func (m Maintenance) Columns() []string { return []string{"No", m.TaskColumn, "Timescale"} }

// Row is an action as a row of the action table or of the exceptions
// prints it, the same in every format. As in the report the plan keeps
// (the seed report), the No column gives the outcome's number on the
// first row of that outcome in the table and is empty below it, and the
// action's own number leads its text: "1.1: Develop …". A completed
// action's completed line is printed under its text, in the same cell;
// the Timescale cell holds the timescale alone.
type Row struct {
	No        string // the No cell: "1" on an outcome's first row; else empty
	Text      string // the Action / Task cell's text: Action.Label
	Completed string // the line under Text: "Completed 17 January 2019"; empty while open
	Leads     []string
	Timescale string
	Status    Status
}

// Row is action a as a table prints it; prev is the action on the row
// above it in the same table, nil on the table's first action row.
func (r *Report) Row(a, prev *Action) Row {
	row := Row{Text: a.Label(), Completed: a.CompletedLine(), Leads: a.Leads, Timescale: a.Timescale,
		Status: r.Status(a)}
	if prev == nil || prev.Outcome != a.Outcome {
		row.No = a.Outcome
	}
	return row
}
