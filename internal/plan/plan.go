// Package plan is the improvement plan as the coordinator keeps it: the
// plan's title and publication date, its report points, the numbered
// outcomes under their theme headings, the approved strategic leads, the
// actions, the progress updates given at each report point, and the ongoing /
// maintenance tasks.
//
// A Plan is what the workbook reader produces once the workbook has been
// validated, and what the report model is built from. All dates are calendar
// days, held as time.Time at midnight UTC.
package plan

import (
	"strings"
	"time"
)

// Plan is a whole improvement plan.
type Plan struct {
	Title            string
	ShortTitle       string // the running header; Title when blank
	Organisation     string
	FirstPublished   time.Time
	MaintenanceTitle string // heading of the ongoing / maintenance table
	MaintenanceNote  string // added to that table's task column heading

	Reports  []ReportPoint // in date order
	Outcomes []Outcome     // in workbook order
	Leads    []string
	// LeadEmails holds each lead's email addresses (the Leads sheet's
	// Email column), for the update round; a lead with none is absent.
	LeadEmails   map[string][]string
	Actions      []Action // in workbook order
	Updates      []Update
	Maintenance  []Task
	Distribution []Recipient // who the report is emailed to
}

// ReportPoint is one date the plan is reported at: its publication, then
// each progress report.
type ReportPoint struct {
	Date time.Time
	Name string // "Year 1 Progress / Update Report"
}

// Outcome is a numbered outcome, printed under its theme heading.
type Outcome struct {
	Number      string // "1"
	Theme       string // "What key outcomes have we achieved?"
	Description string
}

// Action is one numbered action / task of an outcome.
type Action struct {
	No        string // "1.1"
	Outcome   string // "1"
	Text      string
	Leads     []string
	Timescale string    // free text, printed as written
	Due       time.Time // zero when neither given nor written in Timescale
	Added     time.Time
	Completed time.Time // zero while the action is open
	// Cells are where the texts were read from, for messages; empty when
	// not known.
	Cells Cells
}

// Cells names where an action's texts were read from: a workbook's cell,
// "Actions!C5", or a row of a Word report's table, "table 3, row 4".
type Cells struct {
	Text, Leads, Timescale string
}

// Open reports whether the action is still open on day d.
func (a Action) Open(d time.Time) bool {
	return a.Completed.IsZero() || a.Completed.After(d)
}

// Update is the progress given for one action at one report point.
type Update struct {
	Action string    // the action's No
	Date   time.Time // the report point's date
	Text   string
	RAG    string // the code of a value of the configured scale; "" when none given
	Where  string // where Text was read from, for messages: "Updates!C12", "table 3, row 4"
	// ReturnedBy and ReturnedOn record the update round: the lead whose
	// returned form gave this update, and the day it was collected
	// (planreport collect). Both are empty for an update typed into the
	// workbook or carried forward by roll.
	ReturnedBy string
	ReturnedOn time.Time
}

// Task is an ongoing / maintenance task.
type Task struct {
	No        string
	Text      string
	Timescale string
}

// Recipient is one person on the report's distribution list.
type Recipient struct {
	Name  string
	Email string
	Role  string
	Where string // the cell it was read from, for messages: "Distribution!B4"
}

// Date returns the calendar day y-m-d as the package holds it.
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ReportAt returns the report point on day d.
func (p *Plan) ReportAt(d time.Time) (ReportPoint, bool) {
	for _, r := range p.Reports {
		if r.Date.Equal(d) {
			return r, true
		}
	}
	return ReportPoint{}, false
}

// Latest returns the last report point; ok is false when there are none.
func (p *Plan) Latest() (ReportPoint, bool) {
	if len(p.Reports) == 0 {
		return ReportPoint{}, false
	}
	return p.Reports[len(p.Reports)-1], true
}

// Short returns the running-header title.
func (p *Plan) Short() string {
	if strings.TrimSpace(p.ShortTitle) != "" {
		return p.ShortTitle
	}
	return p.Title
}
