// Package workbook reads and validates the plan workbook: the Excel (.xlsx)
// workbook a coordinator keeps the improvement plan in. The format (sheets,
// columns, aliases, dates) and the checks are described once, in the
// README's "The workbook" and "What validate checks"; internal/schema holds
// the sheets and columns and the rules for reading a cell's value.
//
// Read and ReadFile read a workbook's cells with internal/xlsx and check
// everything in one pass: a file that cannot be read as a workbook is an
// *xlsx.Error; otherwise every problem is a Problem with its sheet and
// cell, errors first, then warnings, and the plan is returned only when
// there are no errors. Validate reads the same way and also says where
// each thing was read from, for a program that adds to the workbook.
// Writing workbooks, new ones and the next report point into an existing
// one, is internal/planbook's.
package workbook
