package planbook

import (
	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/xlsx"
)

// fitRow sets a row's height to hold each cell's text wrapped in its
// column's width, since LibreOffice does not work that out for itself
// when it opens the workbook; a row of one line keeps the default, and
// none is taller than Excel allows (schema.RowHeight).
func fitRow(f *excelize.File, sheet string, row int, texts []string, width func(col int) float64) error {
	lines := 1
	for i, text := range texts {
		if text != "" {
			lines = max(lines, schema.TextLines(text, width(i)))
		}
	}
	if lines == 1 {
		return nil
	}
	return f.SetRowHeight(sheet, row, schema.RowHeight(lines))
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
