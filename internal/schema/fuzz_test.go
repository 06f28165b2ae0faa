package schema

import (
	"strings"
	"testing"
	"unicode"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"03/10/2018", "3rd of October 2018", "2018-10-03T00:00:00Z", "31/02/2022",
		"By 31 March 2019 Ongoing 2019 / 2020", "October 3, 2018", "1/1/00", "Sept 2019", "٣/١٠/٢٠١٨"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, monthFirst bool) {
		d, err := ParseDate(s, monthFirst)
		if err == nil {
			// A date read once reads the same when written out again.
			again, err := ParseDate(FormatDate(d), false)
			if err != nil || !again.Equal(d) {
				t.Errorf("ParseDate(%q) = %s, which reads back as %s, %v", s, FormatDate(d), FormatDate(again), err)
			}
		}
		if d, ok := FindDate(s, monthFirst); ok && d.IsZero() {
			t.Errorf("FindDate(%q) found the zero date", s)
		}
	})
}

func FuzzSplitLeads(f *testing.F) {
	for _, s := range []string{"Independent Chair of the CPC", "Chair of the CPC; Lead Nurse, NHS Tayside",
		"Service Manager\r\nTeam Leader\n\n  Head of Service  ", ";;\n;", " \t\u00a0\u2028", "Lead\u2029Nurse\u0085Chair",
		"Ch\xe2\x80;\x80air", "Jane Smith (Chair) ; ", "Директор; المدير\nמנהל 👩‍💼"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		leads := SplitLeads(s)
		for _, lead := range leads {
			if lead == "" || strings.TrimSpace(lead) != lead || strings.ContainsAny(lead, ";\n\r\v\f\u0085\u2028\u2029") {
				t.Errorf("SplitLeads(%q) = %q: lead %q is empty, padded or holds a separator", s, leads, lead)
			}
		}
		var kept, read strings.Builder
		leadText(&kept, s)
		for _, lead := range leads {
			leadText(&read, lead)
		}
		if kept.String() != read.String() {
			t.Errorf("SplitLeads(%q) = %q, which hold %q of its text %q", s, leads, read.String(), kept.String())
		}
	})
}

// leadText writes the characters of s but white space and the separators
// of leads to b, each invalid byte as U+FFFD. It decodes s in place, so
// that a character is the same whether read from a cell or from a lead cut
// out of it.
func leadText(b *strings.Builder, s string) {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != ';' && r != '\n' && r != '\r' {
			b.WriteRune(r)
		}
	}
}
