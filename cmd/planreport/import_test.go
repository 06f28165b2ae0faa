package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/xlsx"
)

// writeSheet writes rows on one sheet of a new workbook at path.
func writeSheet(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		for j, v := range r {
			if err := f.SetCellStr("Sheet1", xlsx.CellName(j+1, i+1), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImport imports a one-sheet plan: the workbook written beside it
// validates, is never overwritten without --force, and bad input gets one
// sentence, exit 1 and no file.
func TestImport(t *testing.T) {
	dir := inTempDir(t)
	src := filepath.Join(dir, "plan.xlsx")
	writeSheet(t, src, [][]string{
		{"Title", "Our Plan 2026 – 2028"},
		{"First Published", "01/04/2026"},
		{"No", "Action / Task", "Strategic Lead", "Timescale", "Year 1 Progress / Update Report @ 31 March 2027", "RAG"},
		{"Outcome 1: Children are safe."},
		{"1.1", "Audit the case files.", "Chair of the Committee", "By 31 December 2027", "Audit begun.", "G"},
		{"1.2", "Train the staff.", "Training Lead and Chair of the Committee", "Ongoing", "Half trained.", "A"},
	})
	dst := filepath.Join(dir, "plan-imported.xlsx")
	steps := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of what it prints
		stdout string
	}{
		{"import", []string{"import", src}, 0, "2 actions imported from " + src, dst + "\n"},
		{"the workbook validates", []string{"validate", dst}, 0, "0 errors", ""},
		{"never over a file", []string{"import", src}, 1, dst + " already exists; use --force to overwrite it", ""},
		{"with --force", []string{"import", src, "--force"}, 0, "", dst + "\n"},
		{"never over the file imported", []string{"import", src, "--out", src, "--force"}, 1, "is the file imported", ""},
		{"neither a spreadsheet nor a Word document", []string{"import", filepath.Join(dir, "plan.txt")}, 1, "give a Word report (.docx) or a one-sheet spreadsheet (.xlsx)", ""},
	}
	for _, s := range steps {
		r := planreport(t, s.args...)
		if r.code != s.code || !strings.Contains(r.stderr, s.stderr) || (s.stdout != "" && r.stdout != s.stdout) {
			t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", s.name, r.code, s.code, r.stdout, r.stderr)
		}
	}

	noHeader := filepath.Join(dir, "notes.xlsx")
	writeSheet(t, noHeader, [][]string{{"Notes", "nothing like a plan"}})
	r := planreport(t, "import", noHeader)
	if r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 || !strings.Contains(r.stderr, "has no sheet with a header row") {
		t.Errorf("no header row: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes-imported.xlsx")); err == nil {
		t.Errorf("a workbook was written from a file without a plan")
	}
}

// TestImportWordRoundTrip imports the Word report of the sample and of a
// large plan: the workbook imported gives the same report, as PDF text,
// at the report point the Word report is of.
func TestImportWordRoundTrip(t *testing.T) {
	src := absSample(t)
	dir := inTempDir(t)
	for _, tt := range []struct{ name, workbook string }{
		{"sample", src},
		{"large", writePlan(t, dir, "large.xlsx", sample.Large(120))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			first, second := filepath.Join(dir, tt.name, "first"), filepath.Join(dir, tt.name, "second")
			imported := filepath.Join(dir, tt.name, "imported.xlsx")
			steps := []func() []string{
				func() []string { return []string{"generate", tt.workbook, "--format", "pdf,docx", "--out", first} },
				func() []string { return []string{"import", onlyFile(t, first, ".docx"), "--out", imported} },
				func() []string { return []string{"validate", imported} },
				func() []string { return []string{"generate", imported, "--format", "pdf", "--out", second} },
			}
			for _, step := range steps {
				args := step()
				if r := planreport(t, args...); r.code != 0 {
					t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
				}
			}
			want := testtool.PDFPages(t, onlyFile(t, first, ".pdf"), "-layout")
			got := testtool.PDFPages(t, onlyFile(t, second, ".pdf"), "-layout")
			wantLines, gotLines := strings.Split(strings.Join(want, "\f"), "\n"), strings.Split(strings.Join(got, "\f"), "\n")
			for i := range max(len(wantLines), len(gotLines)) {
				if i >= len(wantLines) || i >= len(gotLines) || wantLines[i] != gotLines[i] {
					t.Fatalf("the report of the imported workbook differs from line %d:\n%s\nwant:\n%s",
						i+1, strings.Join(gotLines[min(i, len(gotLines)):min(i+5, len(gotLines))], "\n"), strings.Join(wantLines[min(i, len(wantLines)):min(i+5, len(wantLines))], "\n"))
				}
			}
		})
	}
}

// onlyFile is the one file in dir with the extension.
func onlyFile(t *testing.T, dir, ext string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
	if len(matches) != 1 {
		t.Fatalf("%s holds %v, want one %s file", dir, matches, ext)
	}
	return matches[0]
}
