package round

const (
	FormSheet     = "Update form" // the visible sheet
	IdentitySheet = "planreport"  // a very hidden sheet (excelize SetSheetVisible(name, false, true))
	FormVersion   = "1"
)

// Headers of the table on FormSheet, in order. Read-only columns first, then the editable ones.
var Headers = []string{"No", "Action / Task", "Co-leads", "Timescale", "Due", "Last update", "Last RAG",
	"Update", "RAG", "Completed"}

// Editable are the headers of the cells a lead fills in.
var Editable = []string{"Update", "RAG", "Completed"}

// Identity keys on IdentitySheet: column A the key, column B the value (all text cells).
const (
	KeyVersion   = "Form version" // FormVersion
	KeyPlan      = "Plan"         // the plan's title
	KeyPlanID    = "Plan ID"      // hex SHA-256 (first 16 chars) of title + "\n" + first published (YYYY-MM-DD)
	KeyPoint     = "Report point" // YYYY-MM-DD
	KeyPointName = "Report name"
	KeyLead      = "Lead"
	KeyReturnBy  = "Return by" // YYYY-MM-DD or ""
)

// From row 10 of IdentitySheet down: column A an action No, column B the update text the form was sent with
// (what the workbook held at that point when ask ran), column C its RAG code. Collect uses it to tell a
// coordinator's later change (conflict) from the lead's.
const SentFirstRow = 10
