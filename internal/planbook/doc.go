// Package planbook writes plan workbooks: new ones, and the next report
// point into an existing one. Reading and checking them is
// internal/workbook's; the sheets and columns are internal/schema's.
//
// Write writes a plan in the canonical format, with an Instructions sheet
// and drop-down lists; workbook.Read of what it writes gives back the plan
// (init, import and the sample use it). Roll adds the next report point to
// the coordinator's own workbook, edited with excelize so that its
// formatting is kept, and puts the result in place with internal/atomicfile.
// Merge writes the updates the leads returned on their update forms into
// that workbook the same way.
package planbook
