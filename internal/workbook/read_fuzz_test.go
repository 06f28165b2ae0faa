package workbook_test

import (
	"bytes"
	"errors"
	"testing"

	. "github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

func FuzzRead(f *testing.F) {
	f.Add(writeBytes(f, testPlan()))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, problems, err := Read(bytes.NewReader(b), Options{})
		var fe *xlsx.Error
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Errorf("Read failed with %T %v, want an *xlsx.Error", err, err)
		case err == nil && (p == nil) != problems.HasErrors():
			t.Errorf("plan = %v with errors = %v", p != nil, problems.HasErrors())
		}
	})
}
