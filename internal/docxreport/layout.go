package docxreport

import (
	"strings"
	"unicode/utf8"
)

// The generated tables are laid out by Word; planreport only estimates,
// from the length of the text, how much room it takes: enough to give each
// column at least the width of its longest short word (a date, a RAG
// label, "No"), and to tell a row that surely fits on a page, which is
// kept whole, from one that may not, which Word may break across pages.
// The estimates err on the large side.
const (
	cellMargin   = 115 // a cell's left and right padding, each, in twips (the Plan Table style's is 85)
	cellPadding  = 114 // a cell's top and bottom padding together
	lineHeight   = 240 // a line of 9 pt table text, single spaced, with room to spare
	paraGap      = 40  // the space after a paragraph of table text
	charWidth    = 100 // an average character of 9 pt Arial (about 90), with room for wrapping
	bulletIndent = 227 // the indent of an update point
	tableEm      = 180 // the em of 9 pt table text, in twips
)

// emWidth is the width of r in Arial Bold, in thousandths of an em,
// rounded up within its class.
func emWidth(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 556
	case strings.ContainsRune(" .,:;/'-()", r):
		return 333
	case r >= 'A' && r <= 'Z':
		return 833
	case r >= 'a' && r <= 'z':
		return 611
	}
	return 1000
}

// textWidth is the width of s in table text, in twips.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		w += emWidth(r)
	}
	return (w*tableEm + 999) / 1000
}

// minWidth is the least width of a column holding texts so that none of
// their words breaks, or none of them at all when whole is set.
func minWidth(whole bool, texts ...string) int {
	widest := 0
	for _, s := range texts {
		if whole {
			widest = max(widest, textWidth(s))
			continue
		}
		for _, word := range strings.Fields(s) {
			widest = max(widest, textWidth(word))
		}
	}
	return widest + 2*cellMargin
}

// fit divides total among the columns in proportion to shares, giving
// each at least its minimum width in mins (0 for none): a column that
// would be narrower takes its minimum, and the others share the rest.
// When the minimums do not fit, the columns take the width in proportion
// to them. The widths sum to total.
func fit(total int, shares, mins []int) []int {
	fixed := make([]bool, len(shares))
	for {
		left, rest := total, make([]int, len(shares))
		for i := range shares {
			if fixed[i] {
				left -= mins[i]
			} else {
				rest[i] = shares[i]
			}
		}
		widths := split(left, rest)
		if left <= 0 || widths == nil {
			return split(total, mins)
		}
		changed := false
		for i := range widths {
			if fixed[i] {
				widths[i] = mins[i]
			} else if widths[i] < mins[i] {
				fixed[i], changed = true, true
			}
		}
		if !changed {
			return widths
		}
	}
}

// split divides total in proportion to shares; the last column with a
// share takes what rounding leaves, so the widths sum to total. It returns
// nil when no column has a share.
func split(total int, shares []int) []int {
	sum, last := 0, -1
	for i, s := range shares {
		sum += s
		if s > 0 {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	widths := make([]int, len(shares))
	left := total
	for i, s := range shares {
		if i != last {
			widths[i] = total * s / sum
			left -= widths[i]
		}
	}
	widths[last] = left
	return widths
}

// cellHeight estimates the height in twips of a cell of width w holding
// paragraphs (each line break starting a new line).
func cellHeight(w int, paragraphs []string) int {
	room := max(w-2*cellMargin-bulletIndent, charWidth)
	h := cellPadding
	for _, p := range paragraphs {
		for line := range strings.SplitSeq(p, "\n") {
			n := utf8.RuneCountInString(line) * charWidth
			h += max(1, (n+room-1)/room) * lineHeight
		}
		h += paraGap
	}
	return h
}
