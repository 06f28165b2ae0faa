package pdfreport

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

// pdfjsDir holds the pdf.js the test reads PDFs with (npm ci --prefix
// internal/pdfreport/testdata/pdfjs).
const pdfjsDir = "testdata/pdfjs"

// pdfjsText reads a PDF with pdf.js, as Firefox does before handing its
// text to a screen reader: one string a page.
func pdfjsText(t *testing.T, pdf []byte) []string {
	t.Helper()
	node := testtool.Need(t, "node")[0]
	if _, err := os.Stat(filepath.Join(pdfjsDir, "node_modules", "pdfjs-dist", "package.json")); err != nil {
		testtool.Missing(t, "pdfjs-dist", "npm ci --prefix internal/pdfreport/"+pdfjsDir)
	}
	path := writePDF(t, pdf)
	cmd := exec.Command(node, "text.mjs", path)
	cmd.Dir = pdfjsDir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdf.js: %v", err)
	}
	var pages []string
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, out)
	}
	return pages
}

// TestPDFJS reads reports back with pdf.js: every action's text and update
// of the sample, and a character no font has as the workbook wrote it,
// not as the replacement mark the eye sees.
func TestPDFJS(t *testing.T) {
	t.Run("sample", func(t *testing.T) {
		r := sampleReport(t, allSections)
		text := collapseSpace(strings.Join(pdfjsText(t, render(t, r, Options{})), " "))
		for _, a := range allActions(r) {
			for _, want := range append([]string{a.No, a.Text}, a.Points...) {
				for _, w := range strings.Fields(want) {
					if !strings.Contains(text, w) {
						t.Fatalf("pdf.js reads no %q (action %s)", w, a.No)
					}
				}
			}
		}
	})
	t.Run("a character no font has", func(t *testing.T) {
		r := generated(t, 3, "Update in Hindi: "+devanagari)
		text := strings.Join(pdfjsText(t, render(t, r, Options{})), " ")
		if !strings.Contains(text, devanagari) {
			t.Errorf("pdf.js does not read back %q: %q", devanagari, clipText(text))
		}
		if strings.ContainsRune(text, '\uFFFD') {
			t.Errorf("pdf.js reads the replacement mark, not the text: %q", clipText(text))
		}
	})
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func clipText(s string) string {
	if r := []rune(s); len(r) > 400 {
		return string(r[:400]) + "…"
	}
	return s
}
