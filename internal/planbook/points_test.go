package planbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/workbook"
)

// TestInstructionsOnPoints checks that the Instructions sheet tells an
// officer how an update is split into points: one to a line, or on one
// line at ";" with "\;" for a ";" that is text; and, with LineBreaksOnly,
// only one to a line.
func TestInstructionsOnPoints(t *testing.T) {
	tests := []struct {
		lineBreaksOnly bool
		want, not      []string
	}{
		{false, []string{"Alt+Enter", "separated by ;", `write \; for a ;`}, nil},
		{true, []string{"Alt+Enter", "A ; is printed as written"}, []string{"separated by ;", `\;`}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, testPlan(), WriteOptions{Scale: rag.Default(), LineBreaksOnly: tt.lineBreaksOnly}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		must(t, err)
		rows, err := f.GetRows(instructionsSheet)
		must(t, err)
		f.Close()
		help, sheet := "", ""
		for _, row := range rows {
			if len(row) > 0 && row[0] != "" {
				sheet = row[0]
			}
			if sheet == "Updates" && len(row) > 2 && row[1] == "Progress / Update" {
				help = row[2]
			}
		}
		for _, w := range tt.want {
			if !strings.Contains(help, w) {
				t.Errorf("LineBreaksOnly %v: the Instructions on Progress / Update read %q, without %q", tt.lineBreaksOnly, help, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(help, w) {
				t.Errorf("LineBreaksOnly %v: the Instructions on Progress / Update read %q, with %q", tt.lineBreaksOnly, help, w)
			}
		}
	}
}

// TestRollKeepsPoints checks that Roll carries an update's text as it is
// written, neither joining its lines nor splitting it at ";": its points
// are the same at the new report point.
func TestRollKeepsPoints(t *testing.T) {
	lines := "Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting.\nTerms of reference agreed."
	escaped := `Agreed by the Committee\; to be presented in November`
	src := inTempDir(t, edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		setCell(t, f, "Updates", "C2", lines)
		setCell(t, f, "Updates", "C3", escaped)
	}))
	res, err := Roll(src, "", year2Point, RollOptions{})
	if err != nil {
		t.Fatalf("Roll: %v", err)
	}
	// Updates rows 2 and 3 (1.1 and 2.1) are carried to rows 6 and 7.
	p := readValid(t, res.Dst, workbook.Options{})
	got := map[string]string{}
	for _, u := range p.Updates {
		if u.Date.Equal(year2Point.Date) {
			got[u.Action] = u.Text
		}
	}
	for action, want := range map[string]string{"1.1": lines, "2.1": escaped} {
		if got[action] != want {
			t.Errorf("action %s carried as %q, want %q", action, got[action], want)
		}
	}
}
