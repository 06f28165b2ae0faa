package workbook

// The workbook's sheets and their columns, as the README's "The workbook"
// describes them (a test holds its alias table to this file), in the
// canonical order: the order Write puts them in, and the order problems
// are listed in.

// column is one column of a sheet: its canonical header, the other headers
// it is known by, and whether the sheet is unusable without it.
type column struct {
	name     string
	aliases  []string
	required bool
}

// sheetSpec is one sheet of the format.
type sheetSpec struct {
	name     string
	required bool
	columns  []column
	widths   []float64 // column widths Write gives, in characters
	about    string    // what the sheet holds, for the Instructions sheet
	help     []string  // what to write in each column, for Instructions
}

// The column numbers of each sheet, as indexes into its spec's columns.
const (
	planField, planValue = 0, 1

	reportDate, reportName = 0, 1

	outcomeTheme, outcomeNo, outcomeDescription = 0, 1, 2

	leadName = 0

	actionNo, actionOutcome, actionText, actionLeads, actionTimescale,
	actionDue, actionAdded, actionCompleted = 0, 1, 2, 3, 4, 5, 6, 7

	updateAction, updateDate, updateText, updateRAG = 0, 1, 2, 3

	taskNo, taskText, taskTimescale = 0, 1, 2

	recipientName, recipientEmail, recipientRole = 0, 1, 2
)

// The sheets, by their place in the canonical order.
const (
	sheetPlan = iota
	sheetReports
	sheetOutcomes
	sheetLeads
	sheetActions
	sheetUpdates
	sheetMaintenance
	sheetDistribution
)

var noAliases = []string{"Action No", "Action Number", "Number", "Ref", "Reference", "No."}

var sheets = []sheetSpec{
	sheetPlan: {name: "Plan", required: true,
		columns: []column{
			{name: "Field", aliases: []string{"Item", "Property", "Name"}, required: true},
			{name: "Value", required: true},
		},
		widths: []float64{22, 80},
		about:  "the plan's title and dates, one field to a row",
		help: []string{
			"One of: Title (required), Short Title (the running header; the Title when blank), Organisation, First Published (a date, required), Maintenance Title (the heading of the ongoing / maintenance table), Maintenance Note (added to that table's task column heading).",
			"The field's value.",
		}},
	sheetReports: {name: "Reports", required: true,
		columns: []column{
			{name: "Date", aliases: []string{"Report Date", "Report Point"}, required: true},
			{name: "Report", aliases: []string{"Report Name", "Name", "Title", "Progress / Update Report"}, required: true},
		},
		widths: []float64{14, 60},
		about:  "the report points: the publication, then each progress report",
		help: []string{
			"The date the plan is reported at (a date).",
			"The report's name, e.g. Publication Date, Year 1 Progress / Update Report.",
		}},
	sheetOutcomes: {name: "Outcomes", required: true,
		columns: []column{
			{name: "Theme", aliases: []string{"Theme Heading", "Heading"}},
			{name: "Outcome", aliases: []string{"Outcome No", "Outcome Number", "No", "Number"}, required: true},
			{name: "Description", aliases: []string{"Outcome Description", "Text"}, required: true},
		},
		widths: []float64{40, 10, 80},
		about:  "the numbered outcomes, each under the theme heading it is printed under",
		help: []string{
			"The theme heading the outcome is printed under, e.g. How good is our leadership? Blank means the theme of the row above.",
			"The outcome's number, e.g. 1.",
			"What the outcome is.",
		}},
	sheetLeads: {name: "Leads", required: true,
		columns: []column{
			{name: "Lead", aliases: []string{"Strategic Lead", "Leads", "Name"}, required: true},
		},
		widths: []float64{60},
		about:  "the approved strategic leads",
		help:   []string{"One approved strategic lead to a row."}},
	sheetActions: {name: "Actions", required: true,
		columns: []column{
			{name: "No", aliases: noAliases, required: true},
			{name: "Outcome", aliases: []string{"Outcome No", "Outcome Number"}},
			{name: "Action / Task", aliases: []string{"Action", "Task", "Description"}, required: true},
			{name: "Strategic Lead", aliases: []string{"Lead", "Leads", "Strategic Leads", "Owner"}, required: true},
			{name: "Timescale", aliases: []string{"Timescales", "Timeframe"}, required: true},
			{name: "Due Date", aliases: []string{"Due", "Deadline", "Target Date"}},
			{name: "Added", aliases: []string{"Date Added", "Added On"}},
			{name: "Completed", aliases: []string{"Date Completed", "Completed On", "Completion Date"}},
		},
		widths: []float64{8, 10, 70, 36, 24, 13, 13, 13},
		about:  "the numbered actions / tasks",
		help: []string{
			"The action's number, e.g. 1.1 (as text or as a number).",
			"The outcome the action belongs to. Blank means the part of No before the dot.",
			"What is to be done.",
			"One or more approved leads (from the Leads sheet), one to a line (Alt+Enter) or separated by ;.",
			"When, as it is to be printed, e.g. By 31 March 2019 Ongoing 2019 / 2020.",
			"The date the action is due (a date). Blank means the first date written in Timescale.",
			"The date the action was added to the plan (a date). Blank means the First Published date.",
			"The date the action was completed (a date). Blank while the action is open.",
		}},
	sheetUpdates: {name: "Updates", required: true,
		columns: []column{
			{name: "Action", aliases: noAliases, required: true},
			{name: "Report Date", aliases: []string{"Date", "Report"}, required: true},
			{name: "Progress / Update", aliases: []string{"Progress", "Update", "Comment", "Commentary"}, required: true},
			{name: "RAG", aliases: []string{"Status", "RAG Status", "Rating"}, required: true},
		},
		widths: []float64{8, 14, 90, 8},
		about:  "the progress of each action at each report point, one row per action per report point",
		help: []string{
			"The action's number, as in the Actions sheet.",
			"The date of the report point (from the Reports sheet).",
			"", // filled by Write, as points are split
			"", // filled from the scale by Write
		}},
	sheetMaintenance: {name: "Maintenance",
		columns: []column{
			{name: "No", aliases: noAliases, required: true},
			{name: "Action / Task", aliases: []string{"Action", "Task", "Description"}, required: true},
			{name: "Timescale", aliases: []string{"Timescales", "Timeframe"}},
		},
		widths: []float64{8, 90, 24},
		about:  "the ongoing / maintenance tasks (optional)",
		help: []string{
			"The task's number.",
			"The ongoing / maintenance task.",
			"When, as it is to be printed, e.g. Ongoing 2018 – 2020.",
		}},
	sheetDistribution: {name: "Distribution",
		columns: []column{
			{name: "Name"},
			{name: "Email", aliases: []string{"E-mail", "Email Address", "Address"}, required: true},
			{name: "Role", aliases: []string{"Position", "Job Title"}},
		},
		widths: []float64{30, 36, 40},
		about:  "who the report is sent to (optional)",
		help: []string{
			"The person's name.",
			"Their email address.",
			"Their role, e.g. Chair of the Committee.",
		}},
}

// The fields of the Plan sheet.
const (
	fieldTitle            = "Title"
	fieldShortTitle       = "Short Title"
	fieldOrganisation     = "Organisation"
	fieldFirstPublished   = "First Published"
	fieldMaintenanceTitle = "Maintenance Title"
	fieldMaintenanceNote  = "Maintenance Note"
)

// planFields lists the Plan sheet's fields in order, with the other names
// each is known by.
var planFields = []column{
	{name: fieldTitle, aliases: []string{"Plan Title"}, required: true},
	{name: fieldShortTitle, aliases: []string{"Running Header"}},
	{name: fieldOrganisation, aliases: []string{"Organization", "Committee"}},
	{name: fieldFirstPublished, aliases: []string{"Published", "Date Published", "Publication Date"}, required: true},
	{name: fieldMaintenanceTitle},
	{name: fieldMaintenanceNote},
}
