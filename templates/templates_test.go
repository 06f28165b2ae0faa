package templates

import (
	"bytes"
	"os"
	"testing"

	"github.com/planreport/planreport/templates/internal/pack"
)

// TestReportDOCXUpToDate checks that report.docx is what `go generate`
// makes from docx/.
func TestReportDOCXUpToDate(t *testing.T) {
	want, err := pack.Pack(os.DirFS("docx"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ReportDOCX, want) {
		t.Fatal("report.docx is out of date with templates/docx/: run `make template` (go generate ./templates)")
	}
}
