package docxreport

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/planreport/planreport/templates"
)

func TestWritePart(t *testing.T) {
	data := strings.Repeat("<w:p/>", 1000)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	if err := (&packer{zw: zw, buf: make([]byte, 512)}).writePart("word/part.xml", func(w xmlWriter) { w.WriteString(data) }); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f := zr.File[0]; f.Method != zip.Deflate || !f.Modified.Equal(zipTime) || f.Flags&flagDescriptor != 0 {
		t.Errorf("method %d, modified %v, flags %#x; want deflated, %v, no data descriptor", f.Method, f.Modified, f.Flags, zipTime)
	}
	if got := string(parts(t, out.Bytes())["word/part.xml"]); got != data {
		t.Errorf("the part reads back as %d bytes, want the %d written", len(got), len(data))
	}
}

// TestTemplateCompression renders into a template one of whose parts is
// compressed in a way neither archive/zip nor Word reads.
func TestTemplateCompression(t *testing.T) {
	var template bytes.Buffer
	zw := zip.NewWriter(&template)
	zw.RegisterCompressor(99, func(w io.Writer) (io.WriteCloser, error) { return nopCloser{w}, nil })
	in := parts(t, templates.ReportDOCX)
	for _, name := range slices.Sorted(maps.Keys(in)) {
		h := &zip.FileHeader{Name: name, Method: zip.Store}
		if name == "word/fontTable.xml" {
			h.Method = 99
		}
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = w.Write(in[name])
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := Render(&out, sampleReport(t, allSections), Options{Template: template.Bytes()})
	if !errors.Is(err, zip.ErrAlgorithm) || !strings.Contains(err.Error(), "word/fontTable.xml") {
		t.Errorf("Render: %v; want an error naming word/fontTable.xml", err)
	}
	if out.Len() != 0 {
		t.Errorf("Render wrote %d bytes before failing", out.Len())
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestTemplatePartTooLarge renders into a template with a part that
// unpacks to more than 32 MB (maxTemplatePart): it is refused, not read.
func TestTemplatePartTooLarge(t *testing.T) {
	template := rezip(t, templates.ReportDOCX, func(name string, data []byte) []byte {
		if name == stylesPart {
			return append(data, bytes.Repeat([]byte(" "), 32<<20)...)
		}
		return data
	})
	var out bytes.Buffer
	err := Render(&out, sampleReport(t, allSections), Options{Template: template})
	if err == nil || !strings.Contains(err.Error(), "word/styles.xml is too large") {
		t.Errorf("Render: %v; want word/styles.xml refused as too large", err)
	}
}
