package report

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planreport/planreport/internal/rag"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text unchanged", "P&K <CPC> “quoted” – £5 é", "P&K <CPC> “quoted” – £5 é"},
		{"windows line ends", "one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"control characters dropped", "a\x00b\x07c\x1bd", "abcd"},
		{"tabs kept", "a\tb", "a\tb"},
		{"XML-forbidden noncharacters dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a\nb\nc"},
		{"ends trimmed", "  \n text  \n  more \n\n", "text\n  more"},
		{"tab before a line break trimmed", "\r\t0", "0"},
		{"emoji and combining marks kept", "ok 👍 e\u0301", "ok 👍 e\u0301"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// committee is a point with a semicolon inside, as an officer writes one.
const committee = "Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting."

// fortyLines is a bulleted list of 40 lines, each with a semicolon inside,
// as it is written (text) and as its points.
func fortyLines() (string, []string) {
	points := make([]string, 40)
	for i := range points {
		points[i] = fmt.Sprintf("Item %d agreed; minuted", i+1)
	}
	return strings.Join(points, "\n"), points
}

func TestSplitPoints(t *testing.T) {
	forty, fortyPoints := fortyLines()
	tests := []struct {
		name  string
		in    string
		want  []string // SplitPoints: ";" splits a text of one line
		lines []string // SplitLines: the setting points.semicolons: false
	}{
		{"one line, split at semicolons", "one; two;three",
			[]string{"one", "two", "three"}, []string{"one; two;three"}},
		{"one line, a sentence with a semicolon", committee,
			[]string{"Risk register drafted but not yet agreed by the Committee", "to be presented at the November meeting."}, []string{committee}},
		{"line breaks, a semicolon inside a line is text", committee + "\nTerms of reference agreed; published.",
			[]string{committee, "Terms of reference agreed; published."}, []string{committee, "Terms of reference agreed; published."}},
		{"line breaks without semicolons", "one\ntwo",
			[]string{"one", "two"}, []string{"one", "two"}},
		{"one line, an escaped semicolon", `Agreed by the Committee\; to be presented in November; Budget set`,
			[]string{"Agreed by the Committee; to be presented in November", "Budget set"}, []string{"Agreed by the Committee; to be presented in November; Budget set"}},
		{"one line, only escaped semicolons", `a\;b\; c`,
			[]string{"a;b; c"}, []string{"a;b; c"}},
		{"an escaped semicolon first", `\;one`,
			[]string{";one"}, []string{";one"}},
		{"line breaks, an escaped semicolon", "a\\; b\nc; d",
			[]string{"a; b", "c; d"}, []string{"a; b", "c; d"}},
		{"a backslash before anything else is text", `C:\plans\x; y`,
			[]string{`C:\plans\x`, "y"}, []string{`C:\plans\x; y`}},
		{"Windows line ends", "one; a\r\ntwo; b\r\n",
			[]string{"one; a", "two; b"}, []string{"one; a", "two; b"}},
		{"old Mac line ends", "one; a\rtwo; b",
			[]string{"one; a", "two; b"}, []string{"one; a", "two; b"}},
		{"empty points dropped, one line", ";; one ;  ;",
			[]string{"one"}, []string{";; one ;  ;"}},
		{"empty lines dropped", "\n one \n\n \t \ntwo; three\n",
			[]string{"one", "two; three"}, []string{"one", "two; three"}},
		{"line breaks only at the ends make one line", "\r\n one; two \n",
			[]string{"one", "two"}, []string{"one; two"}},
		{"a 40-line list", forty, fortyPoints, fortyPoints},
		{"blank", "  \n ", nil, nil},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitPoints(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitPoints(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := SplitLines(tt.in); !reflect.DeepEqual(got, tt.lines) {
				t.Errorf("SplitLines(%q) = %q, want %q", tt.in, got, tt.lines)
			}
		})
	}
}

// TestJoinPoints checks that points joined split back into the same
// points, with the setting on or off.
func TestJoinPoints(t *testing.T) {
	_, forty := fortyLines()
	tests := []struct {
		name   string
		points []string
		want   string
	}{
		{"one point with a semicolon", []string{committee}, strings.ReplaceAll(committee, ";", `\;`)},
		{"one point", []string{"Work in Progress / Ongoing."}, "Work in Progress / Ongoing."},
		{"points with semicolons", []string{committee, "a; b"}, committee + "\na; b"},
		{"40 points", forty, strings.Join(forty, "\n")},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := JoinPoints(tt.points)
			if got != tt.want {
				t.Errorf("JoinPoints(%q) = %q, want %q", tt.points, got, tt.want)
			}
			if back := SplitPoints(got); !reflect.DeepEqual(back, tt.points) {
				t.Errorf("SplitPoints(%q) = %q, want %q", got, back, tt.points)
			}
			if back := SplitLines(got); !reflect.DeepEqual(back, tt.points) {
				t.Errorf("SplitLines(%q) = %q, want %q", got, back, tt.points)
			}
		})
	}
}

// TestLineBreaksOnly checks that Options.LineBreaksOnly turns splitting at
// ";" off in the report.
func TestLineBreaksOnly(t *testing.T) {
	p := threePoints()
	p.Updates[0].Text = committee
	for _, tt := range []struct {
		lineBreaksOnly bool
		want           int
	}{{false, 2}, {true, 1}} {
		r, err := Build(p, year1, Options{Scale: rag.Default(), LineBreaksOnly: tt.lineBreaksOnly})
		if err != nil {
			t.Fatal(err)
		}
		if got := actions(r)["1.1"].Points; len(got) != tt.want {
			t.Errorf("LineBreaksOnly %v: points %q, want %d", tt.lineBreaksOnly, got, tt.want)
		}
	}
}

// FuzzClean checks that cleaned text is valid UTF-8 with nothing XML 1.0
// forbids, that cleaning twice changes nothing, and that splitting loses
// no word.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a; b\nc", `a\; b; c`, `\\;`, committee, "\x00\r\n\t", "\xff\xfe", "e\u0301 👍 שלום", strings.Repeat("x", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) = %q is not valid UTF-8", s, c)
		}
		for _, r := range c {
			if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF {
				t.Fatalf("Clean(%q) kept %U", s, r)
			}
		}
		if Clean(c) != c {
			t.Fatalf("Clean is not idempotent on %q", s)
		}
		// "\;" is printed as ";".
		words := strings.FieldsFunc(strings.ReplaceAll(c, `\;`, ";"), func(r rune) bool { return r == ';' || r == '\n' || r == ' ' || r == '\t' })
		for name, split := range map[string]func(string) []string{"SplitPoints": SplitPoints, "SplitLines": SplitLines} {
			points := split(s)
			joined := strings.Join(points, "")
			for _, w := range words {
				if !strings.Contains(joined, w) {
					t.Fatalf("%s(%q) lost %q", name, s, w)
				}
			}
			// Points holding no "\;" of their own, joined, split back
			// into themselves either way.
			if slices.ContainsFunc(points, func(p string) bool { return strings.Contains(p, `\;`) }) {
				continue
			}
			text := JoinPoints(points)
			if back := SplitPoints(text); !slices.Equal(back, points) {
				t.Fatalf("%s(%q) = %q, joined %q, split back as %q", name, s, points, text, back)
			}
			if back := SplitLines(text); !slices.Equal(back, points) {
				t.Fatalf("%s(%q) = %q, joined %q, split back with SplitLines as %q", name, s, points, text, back)
			}
		}
	})
}
