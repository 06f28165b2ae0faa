package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean makes a text from the workbook safe for both renderers: line ends
// become "\n", invalid UTF-8 becomes U+FFFD, and characters that cannot be
// printed or that XML 1.0 forbids (control characters other than tab and
// line feed, surrogates, U+FFFE and U+FFFF) are dropped. Spaces at the ends
// of each line are trimmed; tabs and the words themselves are kept.
func Clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case unicode.IsControl(r), r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return trimLines(b.String())
}

// trimLines trims white space at the end of every line and at both ends of
// the text.
func trimLines(s string) string {
	if !strings.ContainsAny(s, "\n") {
		return strings.TrimSpace(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// SplitPoints splits an update into its points: they are separated by ";"
// or line breaks. Each point is trimmed; empty points are dropped.
func SplitPoints(s string) []string {
	var points []string
	for _, p := range strings.FieldsFunc(Clean(s), func(r rune) bool { return r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			points = append(points, p)
		}
	}
	return points
}
