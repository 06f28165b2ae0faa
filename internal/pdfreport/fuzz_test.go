package pdfreport

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzPrintable checks the text sanitising every text passes through before
// pdfdoc sees it, and the wrapping of its result: whatever a person pasted,
// the text that reaches the page is valid UTF-8 the fonts can draw, and
// wrapping it loses no character and keeps every line within the width.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{
		"ok 👍 ❤\ufe0f 👨‍👩‍👧 🇬🇧",                              // emoji, a variation selector, a ZWJ sequence, a flag
		"שלום עולם مرحبا بالعالم",                            // right-to-left scripts
		"cafe\u0301 q\u0301 a\u0308\u0323",                   // combining marks
		"a\u200bb\u200cc\u200dd\u200ee\u200ff\u2060g\ufeffh", // zero-width and direction marks
		"a\x00b\x07c\rd\te\x1bf\u0085g\u2028h\u2029i",        // control characters and other line separators
		"a\xffb\xc3c\xed\xa0\x80d",                           // invalid UTF-8, a lone surrogate
		"\uFFFD literal replacement",
		strings.Repeat("W", 5000), // a 5,000-character word
		"Lorem ipsum  dolor\n\n sit amet,   consectetur\t adipiscing elit ",
		"", " ", "\n", " \n ",
	} {
		f.Add(s, uint16(3000))
	}
	m, err := loadMetrics()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, width uint16) {
		out := m.printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("printable(%q) = %q, not valid UTF-8", s, out)
		}
		for _, r := range out {
			if r == '\n' {
				continue
			}
			if unicode.IsControl(r) {
				t.Fatalf("printable(%q) = %q, which holds the control character %U", s, out, r)
			}
			for _, st := range []style{regular, bold, italic} {
				// What is drawn is a glyph of the font chosen: r's own, or U+FFFD.
				i, _, ok := m.font(st, r)
				g := r
				if !ok {
					g = replacement
				}
				if m.fonts[i].Glyph(g) == 0 {
					t.Fatalf("printable(%q) = %q: %U in %s is drawn as %U, which font %d has no glyph for", s, out, r, styleNames[st], g, i)
				}
			}
		}
		// A narrow column: from a thousandth of the font size, so that
		// every character is wider than a line, to a few ems.
		max := 1 + int(width)%4000
		for _, st := range []style{regular, bold, italic} {
			checkWrap(t, m, st, out, max)
		}
	})
}

// checkWrap checks the lines wrap makes of a printable text: together they
// hold every character of the text but spaces, in order, and each is no
// wider than max unless it is a single character.
func checkWrap(t *testing.T, m *metrics, st style, text string, max int) {
	t.Helper()
	lines := m.wrap(st, text, max)
	if got, want := nonSpace(strings.Join(lines, "")), nonSpace(text); got != want {
		t.Fatalf("wrap(%q, %d) = %q, which holds %q, want %q", text, max, lines, got, want)
	}
	for _, line := range lines {
		if w := m.width(st, line); w > max && utf8.RuneCountInString(line) > 1 {
			t.Fatalf("wrap(%q, %d): line %q is %d wide", text, max, line, w)
		}
	}
}

// nonSpace is s without its spaces and line breaks, which wrapping may
// drop or break at.
func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
