package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// longUpdate is an update of n characters of prose with semicolons.
func longUpdate(n int) string {
	const sentence = "Risk register drafted but not yet agreed by the Committee; to be presented at the next meeting. "
	return strings.Repeat(sentence, n/len(sentence)+1)[:n]
}

// withUpdate is the sample plan with the first update at its latest report
// point replaced by text.
func withUpdate(text string) *plan.Plan {
	p := sample.Plan()
	latest, _ := p.Latest()
	for i, u := range p.Updates {
		if u.Date.Equal(latest.Date) && u.Text != "" {
			p.Updates[i].Text = text
			break
		}
	}
	return p
}

// TestLongUpdateCommands runs roll and import on updates as long as
// officers write them, which failed once Excel's 409-point row height was
// passed, and import on a Word report with an update longer than a cell
// holds, which gets one sentence naming the action, exit 1 and no workbook.
func TestLongUpdateCommands(t *testing.T) {
	lines := make([]string, 40)
	for i := range lines {
		lines[i] = fmt.Sprintf("Briefing %d held for staff; attendance recorded", i+1)
	}
	dir := inTempDir(t)
	for _, tt := range []struct {
		name, update string
	}{
		{"a list of 40 lines", strings.Join(lines, "\n")},
		{"30,000 characters of prose", longUpdate(30000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sub := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			src := writePlan(t, sub, "plan.xlsx", withUpdate(tt.update))
			steps := [][]string{
				{"roll", src, "--date", "31/07/2020", "--name", "Year 2 Progress / Update Report", "--out", filepath.Join(sub, "next.xlsx")},
				{"validate", filepath.Join(sub, "next.xlsx")},
				{"generate", filepath.Join(sub, "next.xlsx"), "--format", "docx", "--out", filepath.Join(sub, "reports")},
			}
			for _, args := range steps {
				if r := planreport(t, args...); r.code != 0 {
					t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
				}
			}
			back := filepath.Join(sub, "back.xlsx")
			if r := planreport(t, "import", onlyFile(t, filepath.Join(sub, "reports"), ".docx"), "--out", back); r.code != 0 {
				t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
			}
			if r := planreport(t, "generate", back, "--format", "html", "--out", filepath.Join(sub, "back")); r.code != 0 {
				t.Fatalf("generate from the imported workbook: exit %d\n%s", r.code, r.stderr)
			}
		})
	}

	t.Run("an update longer than a cell holds", func(t *testing.T) {
		// One point: without semicolons, which the Word report would print
		// as points the import joins one to a line.
		p := withUpdate(strings.ReplaceAll(longUpdate(33000), ";", ","))
		latest, _ := p.Latest()
		r, err := report.Build(p, latest.Date, report.Options{Scale: rag.Default()})
		if err != nil {
			t.Fatal(err)
		}
		docx := filepath.Join(dir, "too-long.docx")
		f, err := os.Create(docx)
		if err != nil {
			t.Fatal(err)
		}
		if err := docxreport.Render(f, r, docxreport.Options{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		res := planreport(t, "import", docx)
		msg := strings.TrimSpace(res.stderr[strings.LastIndex(res.stderr, "planreport: ")+1:])
		if res.code != 1 || !strings.Contains(msg, "'s update of 31/07/2019 (table 3, row 4) has 33,000 characters, more than the 32,767 characters an Excel cell holds, so no workbook was written") ||
			!strings.Contains(msg, "action ") || strings.Contains(msg, "\n") {
			t.Errorf("import: exit %d\n%s\nwant exit 1 and one sentence naming the action and where it is in the report", res.code, res.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "too-long.xlsx")); err == nil {
			t.Error("a workbook was written")
		}
	})
}
