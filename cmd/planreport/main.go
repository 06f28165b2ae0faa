// Command planreport turns an improvement plan kept in an Excel workbook
// into the committee's progress report, as PDF and as Word.
//
// Exit codes: 0 success; 1 the workbook has errors, cannot be read, or the
// report cannot be written; 2 bad usage or configuration.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
