package pdfreport

import (
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

// writePDF writes a PDF to a file of the test's temporary folder.
func writePDF(t *testing.T, pdf []byte) string { return testtool.TempFile(t, "report.pdf", pdf) }

// run runs a tool and returns its standard output.
func run(t *testing.T, name string, args ...string) string { return testtool.Run(t, name, args...) }

// pdfPages reads a PDF's text back with pdftotext, in content-stream order
// (the order the renderer draws in), one string per page.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	return testtool.PDFPages(t, writePDF(t, pdf), "-raw")
}

// pdfText is the whole text of a PDF with its white space normalised.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return normalise(strings.Join(pdfPages(t, pdf), " "))
}

// qpdfCheck fails the test when qpdf finds the PDF damaged.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	run(t, "qpdf", "--check", writePDF(t, pdf))
}

// normalise reduces every run of white space to one space.
func normalise(s string) string { return strings.Join(strings.Fields(s), " ") }

// inOrder checks that every want occurs in text, each after the one
// before, starting at offset from; it returns the offset after the last.
func inOrder(t *testing.T, text string, from int, wants []string) int {
	t.Helper()
	for _, w := range wants {
		w = normalise(w)
		i := strings.Index(text[from:], w)
		if i < 0 {
			t.Errorf("%q not found after offset %d; text there: %.200q", w, from, text[from:])
			return from
		}
		from += i + len(w)
	}
	return from
}

func itoa(n int) string { return strconv.Itoa(n) }
