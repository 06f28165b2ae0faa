// Package workbook reads, validates and writes the plan workbook: the Excel
// (.xlsx) workbook a coordinator keeps the improvement plan in.
//
// # Sheets
//
// Sheets are found by name, whatever their case and spacing, and may be in
// any order; other sheets (such as Instructions) are ignored. In each sheet
// the header is the first non-blank row. Header names match whatever their
// case, spacing and punctuation ("ACTION NO" is "Action No"), each column
// may also be headed by one of its aliases (below, or added through
// Options.Aliases), columns may be in any order, extra columns are ignored
// and blank rows are skipped.
//
//	Plan (required)      Field | Value, one field to a row: Title (required),
//	                     Short Title, Organisation, First Published (a date,
//	                     required), Maintenance Title, Maintenance Note. A
//	                     sheet without the header, starting "Title | …", is
//	                     read too.
//	Reports (required)   Date | Report: the report points, e.g.
//	                     03/10/2018 | Publication Date.
//	Outcomes (required)  Theme | Outcome | Description: the numbered outcomes,
//	                     each under its theme heading; a blank Theme is the
//	                     theme of the row above; "Outcome 3" is outcome 3.
//	Leads (required)     Lead: the approved strategic leads.
//	Actions (required)   No | Outcome | Action / Task | Strategic Lead |
//	                     Timescale | Due Date | Added | Completed.
//	Updates (required)   Action | Report Date | Progress / Update | RAG: one
//	                     row per action per report point.
//	Maintenance          No | Action / Task | Timescale: the ongoing tasks.
//	Distribution         Name | Email | Role: who the report is sent to.
//
// Aliases: No is also Action No, Action Number, Number, Ref, Reference;
// Strategic Lead is also Lead, Leads, Owner; RAG is also Status, Rating;
// Action / Task is also Action, Task, Description; Progress / Update is
// also Progress, Update, Comment; the schema in schema.go lists them all.
//
// In Actions: No is text or a number (a number cell 1.1 is action "1.1");
// a blank Outcome is the part of No before the dot; Strategic Lead holds
// one or more approved leads, one to a line or separated by ";"; Timescale
// is free text printed as written; a blank Due Date is the first date
// written in Timescale; a blank Added is the First Published date; a blank
// Completed means the action is open.
//
// # Dates and RAG
//
// A date is a real Excel date cell (in the 1900 or the 1904 date system, as
// the workbook says), a date serial typed into a text cell, or text in the
// forms ParseDate reads: DD/MM/YYYY (MM/DD/YYYY with Options.MonthFirst),
// YYYY-MM-DD, "3 October 2018". A RAG cell holds a value of the configured
// scale (rag.Scale) by its code or name, in any case and spacing: "G",
// "green", " Green ".
//
// # Checks
//
// Read checks everything in one pass and returns every problem (see
// Problem) with its sheet and cell: errors first, then warnings. Errors:
// a missing sheet, column or value; a date that cannot be read or does not
// exist; a RAG outside the scale; a lead not in Leads (with the nearest
// approved lead suggested); a duplicate action, outcome, report date,
// update or plan field; an action's outcome not in Outcomes; an update for
// an unknown action or report date; Completed before Added; a bad email
// address; an update without a RAG for an action still open (except at
// publication); and an action open at the report point checked
// (Options.AsOf, by default the latest) without an update there (except
// when that point is the publication). Warnings: an open action past its
// due date rated with a value that does not call for attention (Green); a
// completed action whose last update is not rated with a complete value; a
// Due Date that differs from the date written in Timescale.
//
// A file that cannot be read as a workbook at all gets a *FileError, whose
// text is one sentence: a legacy .xls, an empty, truncated, damaged or
// non-zip file, a password-protected workbook without the right password,
// or one too large to unpack (a zip bomb is refused from the sizes its
// directory declares, before anything is unpacked, or, should the
// directory lie, as soon as a part unpacks to more than it declares).
//
// # Reading
//
// Reading does not go through excelize, whose reading of a sheet, an XML
// token at a time, cost most of the time of a reading. The workbook's zip
// package is opened with archive/zip; the parts the plan is read from (the
// workbook part and its relationships, the shared strings and the sheets
// of the format) are unpacked as they are scanned by the reader's own XML
// scanner (xmlscan.go), which reads the few elements it needs straight
// from the bytes; the shared strings and the sheets are read side by side.
// A cell reads as excelize reads it with RawCellValue (sheetxml.go says
// how; a test holds the two together on workbooks of many producers and
// on random sheets). A part whose XML is malformed makes the workbook
// damaged; a part not read is not unpacked unless it is packed tightly
// enough to hide a zip bomb. excelize writes workbooks, edits them when
// rolling forward (keeping their formatting) and decrypts those protected
// by a password.
//
// # Writing
//
// Write writes a plan in the canonical format: the sheets above in that
// order with their columns in the order listed, after an Instructions sheet
// explaining every column; bold shaded frozen header rows, wrapped text,
// date cells shown as DD/MM/YYYY, and drop-down lists for RAG, Strategic
// Lead, Outcome and Report Date. Reading what Write writes gives back the
// same plan.
//
// # Rolling forward
//
// Roll edits the coordinator's own workbook for the next report: it adds
// the report point under the last row of Reports and, for every action
// still open on its date, an Updates row copied from the action's last
// update, for the coordinator to edit rather than retype. Everything else
// in the workbook (formatting, extra columns and sheets, widths, drop-down
// lists) is kept. It refuses a workbook with errors and a date that is not
// after the latest report point, writes a new file unless told to write in
// place (then atomically), and never replaces another existing file unless
// told to.
package workbook
