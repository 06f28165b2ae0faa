package pdfreport

import (
	"cmp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planreport/planreport/internal/report"
)

// TestPrintable checks what a text becomes before it is measured and
// drawn (printable), and what the eye sees of it (shown): a character no
// font has is kept, to be read back as itself, and drawn as U+FFFD.
func TestPrintable(t *testing.T) {
	tests := []struct {
		name, in, want, shown string // shown: "" for want
	}{
		{"typographic characters kept", "– ’ “ ” • £ é à ò € … ▲ ▼", "– ’ “ ” • £ é à ò € … ▲ ▼", ""},
		{"line breaks kept, tabs become spaces", "a\tb\nc", "a b\nc", ""},
		{"combining accent composed", "cafe\u0301", "café", ""},
		{"uncomposable mark kept", "q\u0301", "q\u0301", ""},
		{"zero-width and direction marks dropped", "a\u200bb\u200dc\u200ed\ufeffe", "abcde", ""},
		{"emoji no font has shown as U+FFFD, one DejaVu has kept, variation selector dropped", "ok 👍 😀 ❤\ufe0f", "ok 👍 😀 ❤", "ok \uFFFD 😀 ❤"},
		{"right-to-left script kept", "שלום", "שלום", ""},
		{"a script no font has shown as U+FFFD", "नमस्ते", "नमस्ते", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"a private-use character shown as U+FFFD", "a\uE000b", "a\uE000b", "a\uFFFDb"},
		{"symbols from DejaVu Sans kept", "✓ ✗ ‑", "✓ ✗ ‑", ""},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb", ""},
		{"control character replaced", "a\x07b", "a\uFFFDb", ""},
	}
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.printable(tt.in)
			if got != tt.want {
				t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if want := cmp.Or(tt.shown, tt.want); shown(m, regular, got) != want {
				t.Errorf("printable(%q) shows as %q, want %q", tt.in, shown(m, regular, got), want)
			}
		})
	}
}

// shown is what the eye sees of printable text s set in style st: U+FFFD
// for each character no font has.
func shown(m *metrics, st style, s string) string {
	return strings.Map(func(r rune) rune {
		if _, _, ok := m.font(st, r); !ok && r != '\n' {
			return replacement
		}
		return r
	}, s)
}

func TestWrap(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	f := bodyFont
	tests := []struct {
		name  string
		text  string
		width float64 // millimetres
		want  []string
	}{
		{"empty", "", 50, []string{""}},
		{"fits", "Work in progress", 50, []string{"Work in progress"}},
		{"breaks at spaces", "one two three four five six", 20, []string{"one two three", "four five six"}},
		{"drops spaces at the break only", "one  two   three", 9, []string{"one", "two", "three"}},
		{"keeps line breaks and blank lines", "a\n\nb", 50, []string{"a", "", "b"}},
		{"breaks a long word by character", strings.Repeat("x", 30), 10, nil},
		{"long word after a short one", "ab " + strings.Repeat("y", 40), 12, nil},
		{"30,000 characters without a space", strings.Repeat("é", 30000), 100, nil},
		{"narrower than a character", "abc", 0.1, []string{"a", "b", "c"}},
		{"leading spaces before a word wider than the line", "  abc", 0.1, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := int(tt.width * 1000 / (f.size * ptToMM))
			lines := m.wrap(f.face, tt.text, units)
			if tt.want != nil && strings.Join(lines, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap = %q, want %q", lines, tt.want)
			}
			for _, l := range lines {
				if w := m.width(f.face, l); w > units && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %d units wide, more than %d", l, w, units)
				}
			}
			if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""),
				strings.Join(strings.Fields(tt.text), ""); got != want {
				t.Errorf("text lost: got %d characters, want %d", len(got), len(want))
			}
		})
	}
}

// TestHostileText renders texts a person can paste into Excel and checks
// that the PDF is sound and that every line of text is there.
func TestHostileText(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"typographic", "“Quoted” – it’s £5 • café à la crème, piñata, ò", "“Quoted” – it’s £5 • café à la crème, piñata, ò"},
		{"emoji", "Done 👍🏽 👨‍👩‍👧 ✅", "Done"},
		{"right to left", "مرحبا بالعالم and שלום עולם", "and"},
		{"combining marks", "Zalgo z\u0301\u0302\u0303a\u0308", "Zalgo"},
		{"zero-width characters", "zero\u200bwidth\u200djoin\ufeff", "zerowidthjoin"},
		{"a word of 300 characters", strings.Repeat("W", 300), strings.Repeat("W", 300)},
		{"tabs and blank lines", "a\tb\n\n\nc", "a b c"},
		{"page-number alias text", "{nb} and {nb}", "{nb} and {nb}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := generated(t, 3, "")
			a := &r.Themes[0].Outcomes[0].Actions[0]
			a.Text, a.Points, a.Leads, a.Timescale = tt.text, []string{tt.text}, []string{tt.text}, tt.text
			r.Themes[0].Name, r.Title, r.ShortTitle, r.Organisation = tt.text, tt.text, tt.text, tt.text
			pdf := render(t, r, Options{})
			qpdfCheck(t, pdf)
			text := strings.ReplaceAll(pdfText(t, pdf), " ", "")
			if want := strings.ReplaceAll(tt.want, " ", ""); strings.Count(text, want) < 4 {
				t.Errorf("%.60q printed %d times, want at least 4 (action, update, lead, timescale)",
					tt.want, strings.Count(text, want))
			}
		})
	}
}

// TestOddReports renders reports with parts missing or inconsistent, as a
// caller might build by hand: none may panic or fail.
func TestOddReports(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *report.Report)
	}{
		{"empty report", func(r *report.Report) { *r = report.Report{Sections: allSections} }},
		{"no themes", func(r *report.Report) { r.Themes = nil }},
		{"no exceptions", func(r *report.Report) { r.Exceptions = nil }},
		{"no RAG", func(r *report.Report) {
			for i := range r.Themes[0].Outcomes[0].Actions {
				r.Themes[0].Outcomes[0].Actions[i].RAG = nil
			}
		}},
		{"chart counts shorter than values", func(r *report.Report) {
			r.Chart.Overall = r.Chart.Overall[:1]
			r.Chart.Rows[0].Counts = nil
		}},
		{"no maintenance tasks", func(r *report.Report) { r.Maintenance.Tasks = nil }},
		{"empty texts", func(r *report.Report) {
			a := &r.Themes[0].Outcomes[0].Actions[0]
			a.No, a.Text, a.Leads, a.Points, a.Timescale = "", "", nil, nil, ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := generated(t, 30, "")
			tt.change(r)
			qpdfCheck(t, render(t, r, Options{}))
		})
	}
}
