package workbook

import (
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
