package planbook

import (
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/xlsx"
)

// lineHeight is the height of a line of text in the default 11-point
// font, in points: Excel's default row height.
const lineHeight = 15

// rowHeight is the height of a row of lines of text, in points: at least
// one line, and at most Excel's maximum of 409 points (27 lines), beyond
// which Excel and excelize refuse the row. Text taller than that is all
// kept in its cell; the row shows its first lines, and Excel's formula
// bar or a taller view the rest.
func rowHeight(lines int) float64 {
	return min(float64(max(lines, 1)*lineHeight), excelize.MaxRowHeight)
}

// textLines is how many lines text takes wrapped in a column width
// characters wide: each of its lines wrapped at spaces, width characters
// to a line. A column's width counts digits, wider than most letters,
// which leaves room for a font wider than Calibri where it is missing.
func textLines(text string, width float64) int {
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

// fitRow sets a row's height to hold each cell's text wrapped in its
// column's width, since LibreOffice does not work that out for itself
// when it opens the workbook; a row of one line keeps the default, and
// none is taller than Excel allows (rowHeight).
func fitRow(f *excelize.File, sheet string, row int, texts []string, width func(col int) float64) error {
	lines := 1
	for i, text := range texts {
		if text != "" {
			lines = max(lines, textLines(text, width(i)))
		}
	}
	if lines == 1 {
		return nil
	}
	return f.SetRowHeight(sheet, row, rowHeight(lines))
}

// fitRows fits the heights of rows first to last of a sheet to the text
// of their cells up to column cols, in the sheet's column widths.
func fitRows(f *excelize.File, sheet string, first, last, cols int) error {
	widths := make([]float64, cols)
	for i := range widths {
		w, err := f.GetColWidth(sheet, columnLetters(i+1))
		if err != nil {
			return err
		}
		widths[i] = w
	}
	for row := first; row <= last; row++ {
		texts := make([]string, cols)
		for i := range texts {
			v, err := f.GetCellValue(sheet, xlsx.CellName(i+1, row))
			if err != nil {
				return err
			}
			texts[i] = v
		}
		if err := fitRow(f, sheet, row, texts, func(col int) float64 { return widths[col] }); err != nil {
			return err
		}
	}
	return nil
}
