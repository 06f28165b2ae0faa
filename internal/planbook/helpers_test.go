package planbook

import (
	"bytes"
	"testing"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/workbook"
)

// The shared test plan and helpers of internal/plantest, by short names.
var (
	published, year1  = plantest.Published, plantest.Year1
	year2, year2Point = plantest.Year2, plantest.Year2Point
	testPlan          = plantest.Plan
	edit              = plantest.Edit
	must              = plantest.Must
	samePlan          = plantest.SamePlan
	setCell           = plantest.SetCell
	encrypted         = plantest.Encrypted
	foreignWorkbook   = plantest.Foreign
	inTempDir         = plantest.InTempDir
	libreOffice       = plantest.LibreOffice
)

type foreignOptions = plantest.ForeignOptions

// writeBytes writes p as a canonical workbook.
func writeBytes(t testing.TB, p *plan.Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p, WriteOptions{Scale: rag.Default()}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// readBytes reads workbook bytes with the given options.
func readBytes(t testing.TB, b []byte, opt workbook.Options) (*plan.Plan, workbook.Problems, error) {
	t.Helper()
	return workbook.Read(bytes.NewReader(b), opt)
}
