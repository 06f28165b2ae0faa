package workbook

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTextLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"exactly 10", 10, 1},
		{"one two three", 10, 2},
		{"one\ntwo", 70, 2},
		{"a\n\nb", 70, 3},
		{strings.Repeat("x", 25), 10, 3}, // a word longer than a line
		{strings.Repeat("word ", 60), 70, 5},
	}
	for _, tt := range tests {
		if got := textLines(tt.text, tt.width); got != tt.want {
			t.Errorf("textLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

// TestRowHeights checks that the rows Write and Roll write are as tall as
// their wrapped text, which LibreOffice does not work out for itself, and
// that a row of one line keeps the default height.
func TestRowHeights(t *testing.T) {
	p := testPlan()
	long := strings.Repeat("Develop and test further measures. ", 12) // 420 characters
	p.Actions[0].Text = long
	p.Updates[0].Text = long
	src := inTempDir(t, writeBytes(t, p))
	res, err := Roll(src, filepath.Join(t.TempDir(), "rolled.xlsx"), year2Point, Options{})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	for _, tt := range []struct {
		path, sheet string
		row         int
		min, max    float64
	}{
		{src, "Actions", 2, 6 * lineHeight, 8 * lineHeight},     // 420 characters in a column 70 wide
		{src, "Actions", 5, lineHeight, lineHeight},             // one line
		{src, "Updates", 2, 5 * lineHeight, 7 * lineHeight},     // in a column 90 wide
		{res.Dst, "Updates", 6, 5 * lineHeight, 7 * lineHeight}, // carried forward by Roll
		{res.Dst, "Updates", 7, 2 * lineHeight, 2 * lineHeight}, // "App introduced;\nExpress App…"
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
