package pdfreport

import "strings"

// wrap breaks a printable text into lines no wider than max thousandths of
// the font size: at spaces where it can, inside a word (between any two
// characters) where a word is wider than a line, and at every "\n". Spaces
// at a break are dropped; no other character is.
func (m *metrics) wrap(st style, text string, max int) []string {
	var lines []string
	for {
		para, rest, more := strings.Cut(text, "\n")
		lines = m.wrapParagraph(lines, st, para, max)
		if !more {
			return lines
		}
		text = rest
	}
}

// wrapParagraph appends the lines of one paragraph (a text without "\n").
func (m *metrics) wrapParagraph(lines []string, st style, p string, max int) []string {
	widths := &m.widths[st]
	start := 0  // byte offset where the current line starts
	lineW := 0  // width of p[start:i]
	space := -1 // byte offset of the last space after start, or -1
	afterW := 0 // width of p[start:space+1]
	for i, r := range p {
		var cw int
		if r < 0x10000 {
			cw = int(widths[r])
		} else {
			_, cw, _ = m.font(st, r)
		}
		if r == ' ' {
			if i > start {
				space, afterW = i, lineW+cw
			}
			lineW += cw
			continue
		}
		// A line of nothing but the spaces a paragraph starts with is
		// dropped, not printed empty.
		if lineW+cw > max && space > start {
			if line := strings.TrimRight(p[start:space], " "); line != "" {
				lines = append(lines, line)
			}
			start, lineW, space = space+1, lineW-afterW, -1
		}
		if lineW+cw > max && i > start {
			if strings.TrimLeft(p[start:i], " ") != "" {
				lines = append(lines, p[start:i])
			}
			start, lineW, space = i, 0, -1
		}
		lineW += cw
	}
	return append(lines, strings.TrimRight(p[start:], " "))
}
