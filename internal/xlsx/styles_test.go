package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestNumberFormat checks every cell's style and number format against
// excelize's, in the workbooks of testdata: date cells among them.
func TestNumberFormat(t *testing.T) {
	files, err := filepath.Glob("testdata/*.xlsx")
	must(t, err)
	dates := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		must(t, err)
		ef, err := excelize.OpenReader(bytes.NewReader(b))
		must(t, err)
		defer ef.Close()
		f, err := Open(b, file, Options{})
		must(t, err)
		must(t, f.ReadSheets(f.Sheets(), func(_ int, s *Sheet) {
			for _, r := range s.Rows {
				for _, c := range r.Cells {
					wantStyle, err := ef.GetCellStyle(s.Name, c.Ref())
					must(t, err)
					st, err := ef.GetStyle(wantStyle)
					must(t, err)
					id, code, err := f.NumberFormat(c.Style)
					must(t, err)
					// excelize gives a format the workbook defines by its
					// code alone, and a built-in one by its id.
					wantID, wantCode := st.NumFmt, ""
					if st.CustomNumFmt != nil {
						wantID, wantCode = id, *st.CustomNumFmt
					}
					if c.Style != wantStyle || id != wantID || code != wantCode {
						t.Errorf("%s %s!%s: style %d, format %d %q; excelize: style %d, format %d %q",
							file, s.Name, c.Ref(), c.Style, id, code, wantStyle, st.NumFmt, wantCode)
					}
					if id == 14 || code == "dd/mm/yyyy" {
						dates++
					}
				}
			}
		}))
	}
	if dates == 0 {
		t.Error("no date cells among them")
	}
}
