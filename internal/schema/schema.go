// Package schema is the plan workbook's vocabulary: its sheets and their
// columns, the other names each is known by, and the rules for reading a
// cell's value that every reader of plans shares (the workbook reader in
// internal/workbook, the importer, and the writers in internal/planbook):
// names matched whatever their case, spacing and punctuation (Fold,
// HeaderColumn), free text cleaned (CleanText), leads split (SplitLeads),
// dates read from cells and text (CellDate, ParseDate, FindDate) and
// written as serials (DateSerial), and a cell shown as Excel shows it
// (Shown). The README's "The workbook" describes the format once; a test
// holds its alias table to this file.
package schema

// The workbook's sheets and their columns, in the canonical order: the
// order planbook.Write puts them in, and the order problems are listed in.

// Column is one column of a sheet: its canonical header, the other headers
// it is known by, and whether the sheet is unusable without it.
type Column struct {
	Name     string
	Aliases  []string
	Required bool
}

// Sheet is one sheet of the format.
type Sheet struct {
	Name     string
	Required bool
	Columns  []Column
	Widths   []float64 // column widths Write gives, in characters
	About    string    // what the sheet holds, for the Instructions sheet
	Help     []string  // what to write in each column, for Instructions
}

// The column numbers of each sheet, as indexes into its Columns.
const (
	PlanField, PlanValue = 0, 1

	ReportDate, ReportName = 0, 1

	OutcomeTheme, OutcomeNo, OutcomeDescription = 0, 1, 2

	LeadName, LeadEmail = 0, 1

	ActionNo, ActionOutcome, ActionText, ActionLeads, ActionTimescale,
	ActionDue, ActionAdded, ActionCompleted = 0, 1, 2, 3, 4, 5, 6, 7

	UpdateAction, UpdateDate, UpdateText, UpdateRAG, UpdateReturnedBy, UpdateReturnedOn = 0, 1, 2, 3, 4, 5

	TaskNo, TaskText, TaskTimescale = 0, 1, 2

	RecipientName, RecipientEmail, RecipientRole = 0, 1, 2
)

// The sheets, by their place in Sheets.
const (
	SheetPlan = iota
	SheetReports
	SheetOutcomes
	SheetLeads
	SheetActions
	SheetUpdates
	SheetMaintenance
	SheetDistribution
)

var noAliases = []string{"Action No", "Action Number", "Number", "Ref", "Reference", "No."}

// Sheets is the format's sheets, in the canonical order.
var Sheets = []Sheet{
	SheetPlan: {Name: "Plan", Required: true,
		Columns: []Column{
			{Name: "Field", Aliases: []string{"Item", "Property", "Name"}, Required: true},
			{Name: "Value", Required: true},
		},
		Widths: []float64{22, 80},
		About:  "the plan's title and dates, one field to a row",
		Help: []string{
			"One of: Title (required), Short Title (the running header; the Title when blank), Organisation, First Published (a date, required), Maintenance Title (the heading of the ongoing / maintenance table), Maintenance Note (added to that table's task column heading).",
			"The field's value.",
		}},
	SheetReports: {Name: "Reports", Required: true,
		Columns: []Column{
			{Name: "Date", Aliases: []string{"Report Date", "Report Point"}, Required: true},
			{Name: "Report", Aliases: []string{"Report Name", "Name", "Title", "Progress / Update Report"}, Required: true},
		},
		Widths: []float64{14, 60},
		About:  "the report points: the publication, then each progress report",
		Help: []string{
			"The date the plan is reported at (a date).",
			"The report's name, e.g. Publication Date, Year 1 Progress / Update Report.",
		}},
	SheetOutcomes: {Name: "Outcomes", Required: true,
		Columns: []Column{
			{Name: "Theme", Aliases: []string{"Theme Heading", "Heading"}},
			{Name: "Outcome", Aliases: []string{"Outcome No", "Outcome Number", "No", "Number"}, Required: true},
			{Name: "Description", Aliases: []string{"Outcome Description", "Text"}, Required: true},
		},
		Widths: []float64{40, 10, 80},
		About:  "the numbered outcomes, each under the theme heading it is printed under",
		Help: []string{
			"The theme heading the outcome is printed under, e.g. How good is our leadership? Blank means the theme of the row above.",
			"The outcome's number, e.g. 1.",
			"What the outcome is.",
		}},
	SheetLeads: {Name: "Leads", Required: true,
		Columns: []Column{
			{Name: "Lead", Aliases: []string{"Strategic Lead", "Leads", "Name"}, Required: true},
			{Name: "Email", Aliases: []string{"E-mail", "Email Address", "Address", "Emails"}},
		},
		Widths: []float64{60, 40},
		About:  "the approved strategic leads and their email addresses",
		Help: []string{
			"One approved strategic lead to a row.",
			"The lead's email address, or several separated by ; (optional). planreport ask sends each lead their update form there.",
		}},
	SheetActions: {Name: "Actions", Required: true,
		Columns: []Column{
			{Name: "No", Aliases: noAliases, Required: true},
			{Name: "Outcome", Aliases: []string{"Outcome No", "Outcome Number"}},
			{Name: "Action / Task", Aliases: []string{"Action", "Task", "Description"}, Required: true},
			{Name: "Strategic Lead", Aliases: []string{"Lead", "Leads", "Strategic Leads", "Owner"}, Required: true},
			{Name: "Timescale", Aliases: []string{"Timescales", "Timeframe"}, Required: true},
			{Name: "Due Date", Aliases: []string{"Due", "Deadline", "Target Date"}},
			{Name: "Added", Aliases: []string{"Date Added", "Added On"}},
			{Name: "Completed", Aliases: []string{"Date Completed", "Completed On", "Completion Date"}},
		},
		Widths: []float64{8, 10, 70, 36, 24, 13, 13, 13},
		About:  "the numbered actions / tasks",
		Help: []string{
			"The action's number, e.g. 1.1 (as text or as a number).",
			"The outcome the action belongs to. Blank means the part of No before the dot.",
			"What is to be done.",
			"One or more approved leads (from the Leads sheet), one to a line (Alt+Enter) or separated by ;.",
			"When, as it is to be printed, e.g. By 31 March 2019 Ongoing 2019 / 2020.",
			"The date the action is due (a date). Blank means the first date written in Timescale.",
			"The date the action was added to the plan (a date). Blank means the First Published date.",
			"The date the action was completed (a date). Blank while the action is open.",
		}},
	SheetUpdates: {Name: "Updates", Required: true,
		Columns: []Column{
			{Name: "Action", Aliases: noAliases, Required: true},
			{Name: "Report Date", Aliases: []string{"Date", "Report"}, Required: true},
			{Name: "Progress / Update", Aliases: []string{"Progress", "Update", "Comment", "Commentary"}, Required: true},
			{Name: "RAG", Aliases: []string{"Status", "RAG Status", "Rating"}, Required: true},
			{Name: "Returned By", Aliases: []string{"Returned by lead", "From"}},
			{Name: "Returned On", Aliases: []string{"Returned", "Date Returned", "Collected On"}},
		},
		Widths: []float64{8, 14, 90, 8, 30, 13},
		About:  "the progress of each action at each report point, one row per action per report point",
		Help: []string{
			"The action's number, as in the Actions sheet.",
			"The date of the report point (from the Reports sheet).",
			"", // filled by Write, as points are split
			"", // filled from the scale by Write
			"The lead whose returned update form gave this update; planreport collect writes it. Blank for an update typed here or carried forward by planreport roll.",
			"The date that form was collected (a date); planreport collect writes it.",
		}},
	SheetMaintenance: {Name: "Maintenance",
		Columns: []Column{
			{Name: "No", Aliases: noAliases, Required: true},
			{Name: "Action / Task", Aliases: []string{"Action", "Task", "Description"}, Required: true},
			{Name: "Timescale", Aliases: []string{"Timescales", "Timeframe"}},
		},
		Widths: []float64{8, 90, 24},
		About:  "the ongoing / maintenance tasks (optional)",
		Help: []string{
			"The task's number.",
			"The ongoing / maintenance task.",
			"When, as it is to be printed, e.g. Ongoing 2018 – 2020.",
		}},
	SheetDistribution: {Name: "Distribution",
		Columns: []Column{
			{Name: "Name"},
			{Name: "Email", Aliases: []string{"E-mail", "Email Address", "Address"}, Required: true},
			{Name: "Role", Aliases: []string{"Position", "Job Title"}},
		},
		Widths: []float64{30, 36, 40},
		About:  "who the report is sent to (optional)",
		Help: []string{
			"The person's name.",
			"Their email address.",
			"Their role, e.g. Chair of the Committee.",
		}},
}

// The fields of the Plan sheet.
const (
	FieldTitle            = "Title"
	FieldShortTitle       = "Short Title"
	FieldOrganisation     = "Organisation"
	FieldFirstPublished   = "First Published"
	FieldMaintenanceTitle = "Maintenance Title"
	FieldMaintenanceNote  = "Maintenance Note"
)

// PlanFields lists the Plan sheet's fields in order, with the other names
// each is known by.
var PlanFields = []Column{
	{Name: FieldTitle, Aliases: []string{"Plan Title"}, Required: true},
	{Name: FieldShortTitle, Aliases: []string{"Running Header"}},
	{Name: FieldOrganisation, Aliases: []string{"Organization", "Committee"}},
	{Name: FieldFirstPublished, Aliases: []string{"Published", "Date Published", "Publication Date"}, Required: true},
	{Name: FieldMaintenanceTitle},
	{Name: FieldMaintenanceNote},
}
