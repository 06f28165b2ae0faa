// Package workbook reads, validates and writes the plan workbook: the Excel
// (.xlsx) workbook a coordinator keeps the improvement plan in. The format
// (sheets, columns, aliases, dates) and the checks are described once, in
// the README's "The workbook" and "What validate checks"; internal/schema
// holds the sheets and columns and the rules for reading a cell's value.
//
// Read and ReadFile read a workbook's cells with internal/xlsx and check
// everything in one pass: a file that cannot be read as a workbook is an
// *xlsx.Error; otherwise every problem is a Problem with its sheet and
// cell, errors first, then warnings, and the plan is returned only when
// there are no errors. Write writes a plan in the canonical format, with
// an Instructions sheet and drop-down lists; reading what it writes gives
// back the plan. Roll adds the next report point to the coordinator's own
// workbook, edited with excelize so that its formatting is kept.
package workbook
