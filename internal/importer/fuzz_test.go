package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzWordReport imports documents of random body XML: never a panic,
// and a plan or an error, never both or neither.
func FuzzWordReport(f *testing.F) {
	f.Add(wordReport())
	f.Add(table(2, row(textCell("No"), textCell("Action / Task")), row(cell(9, ""))))
	f.Add(`<w:p><w:r><w:t>unclosed`)
	f.Fuzz(func(t *testing.T, body string) {
		path := filepath.Join(t.TempDir(), "report.docx")
		if err := os.WriteFile(path, docxBytes(t, body), 0o644); err != nil {
			t.Fatal(err)
		}
		p, _, err := File(path, Options{})
		if (p == nil) == (err == nil) {
			t.Fatalf("plan %v, error %v", p, err)
		}
	})
}
