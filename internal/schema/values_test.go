package schema

import (
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
)

func TestParseDate(t *testing.T) {
	oct3 := plan.Date(2018, time.October, 3)
	tests := []struct {
		in         string
		monthFirst bool
		want       time.Time // zero: an error
	}{
		{"03/10/2018", false, oct3},
		{"3/10/2018", false, oct3},
		{"03-10-2018", false, oct3},
		{"03.10.2018", false, oct3},
		{"03/10/18", false, oct3},
		{"31/12/29", false, plan.Date(2029, time.December, 31)}, // two-digit years: 00–29 are 2000–2029,
		{"01/01/30", false, plan.Date(1930, time.January, 1)},   // 30–99 are 1930–1999
		{"10/03/2018", true, oct3},
		{"2018-10-03", false, oct3},
		{"2018-10-03", true, oct3},
		{"2018-10-03T00:00:00Z", false, oct3},
		{"03/10/2018 00:00:00", false, oct3},
		{"3 October 2018", false, oct3},
		{"3rd October 2018", false, oct3},
		{"3 Oct 2018", false, oct3},
		{"03-Oct-2018", false, oct3},
		{"Wednesday 3 October 2018", false, oct3},
		{"3rd of October 2018", false, oct3},
		{"October 3, 2018", false, oct3},
		{"  3 october 2018 ", false, oct3},
		{"29/02/2020", false, plan.Date(2020, time.February, 29)},
		{"31/02/2022", false, time.Time{}},
		{"29/02/2019", false, time.Time{}},
		{"13/13/2019", false, time.Time{}},
		{"13/10/2018", true, time.Time{}},
		{"00/10/2018", false, time.Time{}},
		{"October 2018", false, time.Time{}},
		{"2018", false, time.Time{}},
		{"next week", false, time.Time{}},
		{"", false, time.Time{}},
		{"3 Foo 2018", false, time.Time{}},
		{"03/10/2018/5", false, time.Time{}},
		{"03/10/0999", false, time.Time{}},
		{"03/10/20188", false, time.Time{}},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.monthFirst)
		if tt.want.IsZero() {
			if err == nil {
				t.Errorf("ParseDate(%q, %v) = %s, want an error", tt.in, tt.monthFirst, FormatDate(got))
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q, %v) = %s, %v; want %s", tt.in, tt.monthFirst, FormatDate(got), err, FormatDate(tt.want))
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time // zero: none
	}{
		{"By 31 March 2019 Ongoing 2019 / 2020", plan.Date(2019, time.March, 31)},
		{"By 30 November 2019", plan.Date(2019, time.November, 30)},
		{"By 31 December 2020 (Longer Term Initiative – Ongoing)", plan.Date(2020, time.December, 31)},
		{"By 31/03/2019", plan.Date(2019, time.March, 31)},
		{"Review on 2019-06-30, then yearly", plan.Date(2019, time.June, 30)},
		{"By March 2020", plan.Date(2020, time.March, 31)},
		{"By February 2020", plan.Date(2020, time.February, 29)},
		{"By the end of June 2019, reviewed 1 July 2020", plan.Date(2019, time.June, 30)},
		{"Ongoing 2019 / 2020", time.Time{}},
		{"Ongoing 2018 – 2020", time.Time{}},
		{"By 31 February 2019", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := FindDate(tt.in, false)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("FindDate(%q) = %s, %v; want %s", tt.in, FormatDate(got), ok, FormatDate(tt.want))
		}
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     time.Time // zero: not a date
	}{
		{43376, false, plan.Date(2018, time.October, 3)},
		{43376.75, false, plan.Date(2018, time.October, 3)},
		{1, false, plan.Date(1900, time.January, 1)},
		{59, false, plan.Date(1900, time.February, 28)},
		{60, false, time.Time{}}, // 29 February 1900, which never was
		{61, false, plan.Date(1900, time.March, 1)},
		{0, false, time.Time{}},
		{-1, false, time.Time{}},
		{2958465, false, plan.Date(9999, time.December, 31)},
		{2958466, false, time.Time{}},
		{0, true, plan.Date(1904, time.January, 1)},
		{41914, true, plan.Date(2018, time.October, 3)},
	}
	for _, tt := range tests {
		got, ok := serialDate(tt.serial, tt.date1904)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("serialDate(%v, %v) = %s, %v; want %s", tt.serial, tt.date1904, FormatDate(got), ok, FormatDate(tt.want))
		}
		if ok && !tt.date1904 && tt.serial >= 61 {
			if back := DateSerial(got, false); back != int(tt.serial) {
				t.Errorf("DateSerial(%s) = %d, want %d", FormatDate(got), back, int(tt.serial))
			}
		}
	}
}

func TestSplitLeads(t *testing.T) {
	got := SplitLeads("  Lead A\r\nLead   B; Lead C;;\n")
	want := []string{"Lead A", "Lead B", "Lead C"}
	if len(got) != len(want) {
		t.Fatalf("SplitLeads = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("SplitLeads = %q, want %q", got, want)
		}
	}
}
