package workbook_test

import (
	"bytes"
	"errors"
	"runtime/debug"
	"testing"

	"github.com/planreport/planreport/internal/plan"
	. "github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// FuzzRead reads any bytes as a workbook: the plan and its problems, or an
// *xlsx.Error for a file that cannot be read as one. A panic is a bug in
// planreport, not a damaged file: the reader covers only excelize's calls
// with recover, so a panic in its own code reaches the test, which fails
// saying so.
func FuzzRead(f *testing.F) {
	f.Add(writeBytes(f, testPlan()))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, problems, err := readOrBug(t, b)
		var fe *xlsx.Error
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Errorf("Read failed with %T %v, want an *xlsx.Error", err, err)
		case err == nil && (p == nil) != problems.HasErrors():
			t.Errorf("plan = %v with errors = %v", p != nil, problems.HasErrors())
		}
	})
}

// readOrBug reads b, failing the test with a bug report if Read panics.
func readOrBug(t *testing.T, b []byte) (*plan.Plan, Problems, error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("a bug in planreport, not a damaged workbook: Read panicked on these %d bytes: %v\n%s", len(b), r, debug.Stack())
		}
	}()
	return Read(bytes.NewReader(b), Options{})
}
