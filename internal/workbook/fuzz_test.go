package workbook

import (
	"github.com/planreport/planreport/internal/xlsx"

	"bytes"
	"errors"
	"testing"
)

func FuzzActionNumber(f *testing.F) {
	for _, s := range []string{"1.1", "1.1000000000000001", "10.1", "1.10", "2", "1e5", "-0", "1e-7", "NaN", " 3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := actionNumber(s)
		if twice := actionNumber(once); twice != once {
			t.Errorf("actionNumber is not idempotent: %q → %q → %q", s, once, twice)
		}
		_ = outcomeNumber(s)
	})
}

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
