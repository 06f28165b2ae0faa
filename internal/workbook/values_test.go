package workbook

import "testing"

func TestActionNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.1", "1.1"},
		{" 1.1 ", "1.1"},
		{"1.1000000000000001", "1.1"},
		{"1.0999999999999999", "1.1"},
		{"10.1", "10.1"},
		{"1.10", "1.10"},
		{"2", "2"},
		{"1E1", "10"},
		{"12.300000000000001", "12.3"},
		{"A.1", "A.1"},
		{"1e400", "1e400"},
		{"NaN", "NaN"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := actionNumber(tt.in); got != tt.want {
			t.Errorf("actionNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOutcomeNumber(t *testing.T) {
	for in, want := range map[string]string{"1": "1", "Outcome 3": "3", "outcome 12:": "12", " 4 ": "4", "Outcomes": "s"} {
		if got := outcomeNumber(in); got != want {
			t.Errorf("outcomeNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	leads := []string{
		"Independent Chair of the CPC",
		"Chair of the CPC Practice Improvement Working Group",
		"CPC Inter-Agency Child Protection Coordinator",
	}
	tests := []struct{ in, want string }{
		{"Chair of the CPC Practise Group", "Chair of the CPC Practice Improvement Working Group"},
		{"Independant Chair of CPC", "Independent Chair of the CPC"},
		{"CPC Interagency Child Protection Co-ordinator", "CPC Inter-Agency Child Protection Coordinator"},
		{"The Moon", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.in, leads); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
