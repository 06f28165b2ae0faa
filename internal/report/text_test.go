package report

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
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

func TestSplitPoints(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"semicolons", "one; two;three", []string{"one", "two", "three"}},
		{"line breaks", "one\ntwo\r\n\nthree", []string{"one", "two", "three"}},
		{"empty points dropped", ";; one ;\n;", []string{"one"}},
		{"blank", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitPoints(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitPoints(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzClean checks that cleaned text is valid UTF-8 with nothing XML 1.0
// forbids, that cleaning twice changes nothing, and that splitting loses
// no word.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a; b\nc", "\x00\r\n\t", "\xff\xfe", "e\u0301 👍 שלום", strings.Repeat("x", 100)} {
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
		joined := strings.Join(SplitPoints(s), "")
		for _, w := range strings.FieldsFunc(c, func(r rune) bool { return r == ';' || r == '\n' || r == ' ' || r == '\t' }) {
			if !strings.Contains(joined, w) {
				t.Fatalf("SplitPoints(%q) lost %q", s, w)
			}
		}
	})
}
