package schema

import (
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// How tall a row of wrapped text is, for the writers of workbooks (the
// plan's, and the update round's forms): LibreOffice does not work it out
// for itself when it opens a workbook, so the writers set it.

// lineHeight is the height of a line of text in the default 11-point
// font, in points: Excel's default row height.
const LineHeight = 15

// RowHeight is the height of a row of lines of text, in points: at least
// one line, and at most Excel's maximum of 409 points (27 lines), beyond
// which Excel and excelize refuse the row. Text taller than that is all
// kept in its cell; the row shows its first lines, and Excel's formula
// bar or a taller view the rest.
func RowHeight(lines int) float64 {
	return min(float64(max(lines, 1)*LineHeight), excelize.MaxRowHeight)
}

// TextLines is how many lines text takes wrapped in a column width
// characters wide: each of its lines wrapped at spaces, width characters
// to a line. A column's width counts digits, wider than most letters,
// which leaves room for a font wider than Calibri where it is missing.
func TextLines(text string, width float64) int {
	perLine := max(int(width), 1)
	lines := 0
	for _, line := range strings.Split(text, "\n") {
		lines++
		used := 0
		for _, word := range strings.Fields(line) {
			n := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = n
			case used+1+n <= perLine:
				used += 1 + n
				continue
			default:
				lines++
				used = n
			}
			for used > perLine { // a word longer than the line breaks anywhere
				lines++
				used -= perLine
			}
		}
	}
	return lines
}
