package planbook

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
)

// TestRowHeights checks that the rows Write and Roll write are as tall as
// their wrapped text, which LibreOffice does not work out for itself, up
// to Excel's maximum of 409 points, and that a row of one line keeps the
// default height.
func TestRowHeights(t *testing.T) {
	p := testPlan()
	long := strings.Repeat("Develop and test further measures. ", 12) // 420 characters
	p.Actions[0].Text = long
	p.Updates[0].Text = long
	var list []string // 40 lines: 600 points of text
	for i := range 40 {
		list = append(list, fmt.Sprintf("Point %d of the list; agreed with partners.", i+1))
	}
	p.Updates[3].Text = strings.Join(list, "\n")
	src := inTempDir(t, writeBytes(t, p))
	res, err := Roll(src, filepath.Join(t.TempDir(), "rolled.xlsx"), year2Point, RollOptions{})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	for _, tt := range []struct {
		path, sheet string
		row         int
		min, max    float64
	}{
		{src, "Actions", 2, 6 * schema.LineHeight, 8 * schema.LineHeight},     // 420 characters in a column 70 wide
		{src, "Actions", 5, schema.LineHeight, schema.LineHeight},             // one line
		{src, "Updates", 2, 5 * schema.LineHeight, 7 * schema.LineHeight},     // in a column 90 wide
		{res.Dst, "Updates", 6, 5 * schema.LineHeight, 7 * schema.LineHeight}, // carried forward by Roll
		{res.Dst, "Updates", 7, 2 * schema.LineHeight, 2 * schema.LineHeight}, // "App introduced;\nExpress App…"
		{src, "Updates", 5, excelize.MaxRowHeight, excelize.MaxRowHeight},     // 40 lines, at Excel's maximum
		{res.Dst, "Updates", 8, excelize.MaxRowHeight, excelize.MaxRowHeight}, // and carried forward
	} {
		f, err := excelize.OpenFile(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.GetRowHeight(tt.sheet, tt.row)
		f.Close()
		if err != nil || h < tt.min || h > tt.max {
			t.Errorf("%s %s row %d is %v points tall (%v), want %v to %v", filepath.Base(tt.path), tt.sheet, tt.row, h, err, tt.min, tt.max)
		}
	}
}

// TestInstructionsRowHeight checks that an Instructions row explaining a
// RAG scale whose names are long is written, no taller than Excel allows.
func TestInstructionsRowHeight(t *testing.T) {
	scale := rag.Default()
	for i := range scale.Values {
		scale.Values[i].Name = strings.Repeat("Very long name of a RAG value ", 50)
	}
	var buf bytes.Buffer
	if err := Write(&buf, testPlan(), WriteOptions{Scale: scale}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	rows, err := f.GetRows(instructionsSheet)
	must(t, err)
	found := false
	for i, row := range rows {
		if len(row) > 2 && strings.Contains(row[2], scale.Values[0].Name) {
			found = true
			if h, err := f.GetRowHeight(instructionsSheet, i+1); err != nil || h != excelize.MaxRowHeight {
				t.Errorf("the RAG column's explanation, %d characters, is in a row %v points tall (%v), want %v",
					len(row[2]), h, err, excelize.MaxRowHeight)
			}
		}
	}
	if !found {
		t.Error("no Instructions row explains the RAG column")
	}
}
