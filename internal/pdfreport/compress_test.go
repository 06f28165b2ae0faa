package pdfreport

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/planreport/planreport/internal/report"
)

// fpdfOutput draws r and returns what fpdf writes, with its own page
// compression on or off.
func fpdfOutput(t testing.TB, r *report.Report, compress bool) []byte {
	t.Helper()
	pdf, err := draw(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf.SetCompression(compress)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// compressed runs compressPages and fails the test on error.
func compressed(t *testing.T, plain []byte) []byte {
	t.Helper()
	got, err := compressPages(plain)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCompressPages(t *testing.T) {
	tests := []struct {
		name string
		r    *report.Report
	}{
		{"sample", sampleReport(t, allSections)},
		{"1,000 actions", generated(t, 1000, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain := fpdfOutput(t, tt.r, false)
			got := compressed(t, plain)
			// At the same zlib level, the result is the very file fpdf
			// writes when it compresses the pages itself.
			if want := fpdfOutput(t, tt.r, true); !bytes.Equal(got, want) {
				t.Errorf("%d bytes, not the %d bytes fpdf's own compression writes; first difference at %d",
					len(got), len(want), firstByteDifference(got, want))
			}
			if again := compressed(t, plain); !bytes.Equal(got, again) {
				t.Error("a second run gives different bytes")
			}
			qpdfCheck(t, got)
			if g, w := pdfPages(t, got), pdfPages(t, plain); strings.Join(g, "\f") != strings.Join(w, "\f") {
				t.Errorf("the text differs from the uncompressed PDF's (%d pages, want %d)", len(g), len(w))
			}
			gotPath, plainPath := writePDF(t, got), writePDF(t, plain)
			if g, w := pdfInfo(t, gotPath), pdfInfo(t, plainPath); g != w {
				t.Errorf("pdfinfo:\n%s\nwant, as for the uncompressed PDF:\n%s", g, w)
			}
			outlines := []string{"--json", "--json-key=outlines"}
			if g, w := run(t, "qpdf", append(outlines, gotPath)...), run(t, "qpdf", append(outlines, plainPath)...); g != w {
				t.Errorf("the bookmarks differ from the uncompressed PDF's:\n%s\nwant:\n%s", g, w)
			}
		})
	}
}

// pdfInfo is what pdfinfo says of the PDF at path (page count, page size,
// properties), but for the file's size.
func pdfInfo(t *testing.T, path string) string {
	t.Helper()
	var keep []string
	for _, line := range strings.Split(run(t, "pdfinfo", path), "\n") {
		if !strings.HasPrefix(line, "File size:") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// firstByteDifference is the offset of the first byte where a and b differ.
func firstByteDifference(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// contentLength finds the first page content's "<</Length N>>".
var contentLength = regexp.MustCompile(`\n<</Length (\d+)>>\nstream\n`)

// damage returns a copy of pdf with the first match of re's first group
// replaced by what edit makes of it.
func damage(t *testing.T, pdf []byte, re string, edit func(string) string) []byte {
	t.Helper()
	m := regexp.MustCompile(re).FindSubmatchIndex(pdf)
	if m == nil {
		t.Fatalf("%s is not in the PDF", re)
	}
	out := append([]byte(nil), pdf[:m[2]]...)
	out = append(out, edit(string(pdf[m[2]:m[3]]))...)
	return append(out, pdf[m[3]:]...)
}

// plusOne adds one to a number, keeping its width: 19 gives 20, 99 gives 00.
func plusOne(s string) string {
	n, _ := strconv.Atoi(s)
	return strconv.Itoa(n + 1 + pow10(len(s)))[1:]
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

func TestCompressPagesDamaged(t *testing.T) {
	r := sampleReport(t, allSections)
	plain := fpdfOutput(t, r, false)
	tests := []struct {
		name string
		pdf  []byte
		want string
	}{
		{"empty", nil, "not a PDF"},
		{"truncated", plain[:len(plain)/2], "does not end with %%EOF"},
		{"no startxref", bytes.Replace(plain, []byte("startxref"), []byte("startxrex"), 1), "no startxref"},
		{"startxref off by one", damage(t, plain, `startxref\n(\d+)\n`, plusOne), "does not give the offset"},
		{"missing xref", bytes.Replace(plain, []byte("\nxref\n"), []byte("\nxrex\n"), 1), "does not give the offset"},
		{"object count too small", damage(t, plain, `\nxref\n0 (\d+)\n`, func(s string) string {
			n, _ := strconv.Atoi(s)
			return strconv.Itoa(n - 1)
		}), "no trailer"},
		{"free entry changed", bytes.Replace(plain, []byte(freeEntry), []byte("0000000000 65535 n \n"), 1), "free entry"},
		{"xref entry off by one", damage(t, plain, `65535 f \n(\d{10}) 00000 n \n`, plusOne), "not the start of the object"},
		{"a Length that lies", damage(t, plain, contentLength.String(), plusOne), "/Length"},
		{"a page without /Contents", bytes.Replace(plain, []byte("/Contents "), []byte("/Contentz "), 1), "no /Contents"},
		{"/Contents naming the page tree", damage(t, plain, `/Contents (\d+) 0 R`, func(s string) string {
			return fmt.Sprintf("%0*d", len(s), 1)
		}), "page content object 1: not an uncompressed stream"},
		{"/Contents naming no object", damage(t, plain, `/Contents (\d+) 0 R`, func(s string) string {
			return strings.Repeat("0", len(s))
		}), "not an object of the file"},
		{"already compressed", fpdfOutput(t, r, true), "not an uncompressed stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := compressPages(tt.pdf)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
			if got != nil {
				t.Errorf("%d bytes returned with the error", len(got))
			}
		})
	}
}

func TestPageCompressorOnePiece(t *testing.T) {
	plain := fpdfOutput(t, sampleReport(t, allSections), false)
	var c pageCompressor
	if _, err := c.Write(plain); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(plain); err == nil || !strings.Contains(err.Error(), "more than one piece") {
		t.Errorf("second write: error %v, want one saying it came in more than one piece", err)
	}
}

// FuzzCompressPages damages a small uncompressed PDF of fpdf's at random:
// compressPages either refuses it or returns a PDF whose xref table gives
// every object's offset.
func FuzzCompressPages(f *testing.F) {
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCompression(false)
	doc.SetFont("Helvetica", "", 12)
	for _, text := range []string{"one", "two"} {
		doc.AddPage()
		doc.Bookmark(text, 0, 0)
		doc.Text(20, 20, text)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		f.Fatal(err)
	}
	plain := buf.Bytes()
	f.Add(plain, uint32(0), byte(0))
	f.Add(plain, uint32(len(plain)-30), byte('9'))
	if m := contentLength.FindIndex(plain); m != nil {
		f.Add(plain, uint32(m[0]+12), byte('0'))
	}
	f.Fuzz(func(t *testing.T, pdf []byte, at uint32, b byte) {
		if len(pdf) > 0 {
			pdf = bytes.Clone(pdf)
			pdf[int(at)%len(pdf)] = b
		}
		out, err := compressPages(pdf)
		if err != nil {
			return
		}
		xref, err := findXref(out)
		if err != nil {
			t.Fatalf("the output's end: %v", err)
		}
		offsets, _, err := readXref(out[xref:])
		if err != nil {
			t.Fatalf("the output's xref table: %v", err)
		}
		if _, err := splitObjects(out[:xref], offsets); err != nil {
			t.Fatalf("the output's objects: %v", err)
		}
	})
}
