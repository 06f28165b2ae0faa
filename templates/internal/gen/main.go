// Command gen rebuilds templates/report.docx from its sources in
// templates/docx/. It is run by `go generate ./templates` (make template)
// from the templates folder.
package main

import (
	"fmt"
	"os"

	"github.com/planreport/planreport/templates/internal/pack"
)

func main() {
	data, err := pack.Pack(os.DirFS("docx"))
	if err == nil {
		err = os.WriteFile("report.docx", data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
