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
//
// Most texts need none of this: they are returned as they are, or trimmed,
// without being copied.
func Clean(s string) string {
	if !cleanRunes(s) {
		s = rewriteRunes(s)
	}
	return trimLines(s)
}

// cleanRunes reports whether every rune of s is one Clean keeps as it is.
func cleanRunes(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printableASCII(s[i:i+8]) {
			i += 8
			continue
		}
		if c := s[i]; c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || cleanRune(r) != r {
			return false
		}
		i += size
	}
	return true
}

// printableASCII reports whether the eight bytes of s are all printable
// ASCII (0x20 to 0x7E), testing them at once.
func printableASCII(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// A byte of 0x80 or more has its high bit set; one below 0x20 sets it
	// in x-0x20…, one of 0x7F in x+0x01….
	return (x|(x-0x20*ones)|(x+ones))&highs == 0
}

// rewriteRunes makes the line ends of s "\n", replaces its invalid UTF-8
// and drops the runes Clean drops.
func rewriteRunes(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case cleanRune(r) >= 0:
			b.WriteRune(cleanRune(r))
		}
	}
	return b.String()
}

// cleanRune is what Clean writes for the valid rune r: r itself, "\n" for
// a line end, or -1 when it is dropped.
func cleanRune(r rune) rune {
	switch {
	case r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085':
		return '\n'
	case r == '\t' || r == '\n':
		return r
	case unicode.IsControl(r), r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return -1
	}
	return r
}

// trimLines trims white space at the end of every line and at both ends of
// the text.
func trimLines(s string) string {
	if !spaceBeforeLineBreak(s) {
		return strings.TrimSpace(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// spaceBeforeLineBreak reports whether a line of s other than the last
// ends in white space.
func spaceBeforeLineBreak(s string) bool {
	for start := 0; ; {
		n := strings.IndexByte(s[start:], '\n')
		if n < 0 {
			return false
		}
		if r, _ := utf8.DecodeLastRuneInString(s[start : start+n]); n > 0 && unicode.IsSpace(r) {
			return true
		}
		start += n + 1
	}
}

// SplitPoints splits an update into its points: they are separated by ";"
// or line breaks. Each point is trimmed; empty points are dropped. The
// points share the cleaned text's memory.
func SplitPoints(s string) []string {
	c := Clean(s)
	points := make([]string, 0, strings.Count(c, ";")+strings.Count(c, "\n")+1)
	for line := range strings.SplitSeq(c, "\n") {
		for p := range strings.SplitSeq(line, ";") {
			if p = strings.TrimSpace(p); p != "" {
				points = append(points, p)
			}
		}
	}
	if len(points) == 0 {
		return nil
	}
	return points
}
