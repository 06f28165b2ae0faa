// Package round runs the update round: before a report point the coordinator asks each
// strategic lead for a progress update and a RAG status on their open actions, and
// collects the answers back into the plan.
//
// It writes a lead's update form (a small protected .xlsx listing the lead's open
// actions, with Update, RAG and Completed left editable and a very hidden sheet
// recording which plan, report point and lead the form belongs to), reads a returned
// form, and tells which leads have not yet returned theirs.
//
// The form and its reading are our own code rather than a library's because the
// form is planreport's own exchange format: its layout (layout.go) is the contract
// between the writer (ask, chase) and the reader (collect), and no library knows the
// plan model, the RAG scale or the report points. The spreadsheet itself is read and
// written with excelize, as the rest of planreport does.
package round
