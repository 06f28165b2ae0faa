// Package templates holds the files built into the planreport binary.
//
// report.docx is the default Word template. It is made from the readable
// sources in docx/ (its XML parts, kept as text) by `go generate` (make
// template); TestReportDOCXUpToDate fails when the two differ. A committee
// makes its own template by copying report.docx and changing it in Word; see
// the README and package internal/docxreport for the placeholders it holds.
package templates

import _ "embed"

//go:generate go run ./internal/gen

// ReportDOCX is the default Word template, templates/report.docx.
//
//go:embed report.docx
var ReportDOCX []byte

// ConfigExample is the commented example configuration,
// templates/planreport.yaml: every key with its default. `planreport
// config` prints it.
//
//go:embed planreport.yaml
var ConfigExample []byte
