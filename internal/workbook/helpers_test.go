package workbook_test

import (
	"bytes"
	"testing"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/rag"
	. "github.com/planreport/planreport/internal/workbook"
)

// The tests are outside the package, which they import with a dot
// (planbook, which writes their workbooks, imports it), and use the shared
// test plan and helpers of internal/plantest by short names.
var (
	published, year1  = plantest.Published, plantest.Year1
	year2, year2Point = plantest.Year2, plantest.Year2Point
	inTempDir         = plantest.InTempDir
	libreOffice       = plantest.LibreOffice
	testPlan          = plantest.Plan
	edit              = plantest.Edit
	must              = plantest.Must
	samePlan          = plantest.SamePlan
	setCell           = plantest.SetCell
	setRow            = plantest.SetRow
	encrypted         = plantest.Encrypted
	foreignWorkbook   = plantest.Foreign
)

type foreignOptions = plantest.ForeignOptions

// writeBytes writes p as a canonical workbook.
func writeBytes(t testing.TB, p *plan.Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := planbook.Write(&buf, p, planbook.WriteOptions{Scale: rag.Default()}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// readBytes reads workbook bytes with the given options.
func readBytes(t testing.TB, b []byte, opt Options) (*plan.Plan, Problems, error) {
	t.Helper()
	return Read(bytes.NewReader(b), opt)
}
