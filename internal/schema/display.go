package schema

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/xlsx"
)

// Shown makes a cell's value what Excel shows: a number or date in a
// cell with a number format as that format shows it ("30 November 2025",
// "45%", "1,234"), a boolean as TRUE or FALSE, a formula's text with its
// _xHHHH_ escapes decoded. excelize's number formatting does the work, on
// a scratch workbook of one cell.
type Shown struct {
	file       *xlsx.File
	monthFirst bool
	scratch    *excelize.File
	styles     map[string]int // scratch style by format code
}

// The built-in formats whose look depends on the locale Excel runs in,
// as Excel shows them day-first and month-first.
var localFormats = map[int][2]string{
	14: {"dd/mm/yyyy", "mm/dd/yyyy"},
	22: {"dd/mm/yyyy hh:mm", "m/d/yyyy h:mm"},
}

// NewShown shows the cells of file; monthFirst shows a short date (Excel's
// format 14) month-first.
func NewShown(file *xlsx.File, monthFirst bool) *Shown {
	return &Shown{file: file, monthFirst: monthFirst}
}

// Cell returns the cell's value as Excel shows it.
func (d *Shown) Cell(c xlsx.Cell) string {
	v, _ := d.shown(c)
	return v
}

// shown returns the cell's value as Excel shows it, and whether that
// differs from the value as written.
func (d *Shown) shown(c xlsx.Cell) (string, bool) {
	switch c.Type {
	case "b":
		if v := map[string]string{"0": "FALSE", "1": "TRUE"}[c.Value]; v != "" {
			return v, true
		}
	case "str":
		v := xlsx.Unescape(c.Value)
		return v, v != c.Value
	case "", "n":
		return d.number(c)
	}
	return c.Value, false
}

// number formats a number cell by its style's number format; General (0)
// and Text (49) show the number as written.
func (d *Shown) number(c xlsx.Cell) (string, bool) {
	if c.Style == 0 {
		return c.Value, false
	}
	id, code, err := d.file.NumberFormat(c.Style)
	if err != nil || id == 0 || id == 49 || code == "General" {
		return c.Value, false
	}
	if local, ok := localFormats[id]; ok {
		code = local[0]
		if d.monthFirst {
			code = local[1]
		}
	}
	v, err := strconv.ParseFloat(c.Value, 64)
	if err != nil {
		return c.Value, false
	}
	shown, err := d.format(v, id, code)
	if err != nil || shown == "" {
		return c.Value, false
	}
	return shown, shown != c.Value
}

// format shows v in the format with the id, or the code when it has one.
// excelize, which formats, is not written for hostile input: a format it
// trips on is an error, and the cell shows its value as written.
func (d *Shown) format(v float64, id int, code string) (_ string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("excelize cannot show %v in the number format %q: %v", v, code, r)
		}
	}()
	if d.scratch == nil {
		d.scratch, d.styles = excelize.NewFile(), map[string]int{}
		date1904 := d.file.Date1904()
		if err := d.scratch.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			return "", err
		}
	}
	key := code
	if key == "" {
		key = "#" + strconv.Itoa(id)
	}
	style, ok := d.styles[key]
	if !ok {
		s := &excelize.Style{NumFmt: id}
		if code != "" {
			s = &excelize.Style{CustomNumFmt: &code}
		}
		var err error
		if style, err = d.scratch.NewStyle(s); err != nil {
			return "", err
		}
		d.styles[key] = style
	}
	if err := d.scratch.SetCellFloat("Sheet1", "A1", v, -1, 64); err != nil {
		return "", err
	}
	if err := d.scratch.SetCellStyle("Sheet1", "A1", "A1", style); err != nil {
		return "", err
	}
	return d.scratch.GetCellValue("Sheet1", "A1")
}
