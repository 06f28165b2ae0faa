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

// failAfter is a destination that takes n bytes, then fails.
type failAfter struct {
	n   int
	got bytes.Buffer
}

var errFull = errors.New("destination full")

func (f *failAfter) Write(p []byte) (int, error) {
	if f.got.Len()+len(p) > f.n {
		return 0, errFull
	}
	return f.got.Write(p)
}

func TestStream(t *testing.T) {
	tests := []struct {
		name   string
		pieces int // of 1 to 200 bytes, and a few larger than a chunk
		room   int // of the destination
		want   error
	}{
		{"nothing", 0, 1 << 30, nil},
		{"less than a chunk", 10, 1 << 30, nil},
		{"many chunks", 5000, 1 << 30, nil},
		{"failing destination", 5000, streamChunk + 1000, errFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want bytes.Buffer
			dest := &failAfter{n: tt.room}
			err := stream(dest, func(w xmlWriter) {
				for i := range tt.pieces {
					writePiece(w, i)
					writePiece(&want, i)
				}
			})
			if err != tt.want {
				t.Fatalf("stream returned %v, want %v", err, tt.want)
			}
			if err == nil && !bytes.Equal(dest.got.Bytes(), want.Bytes()) {
				t.Errorf("stream passed on %d bytes, not the %d written in order", dest.got.Len(), want.Len())
			}
		})
	}
}

// writePiece writes piece i with each of the writer's methods in turn.
func writePiece(w xmlWriter, i int) {
	size := 1 + i*7919%200
	if i%997 == 5 {
		size = streamChunk + i
	}
	piece := strings.Repeat(string(rune('a'+i%26)), size)
	switch i % 3 {
	case 0:
		w.WriteString(piece)
	case 1:
		w.Write([]byte(piece))
	default:
		for j := range len(piece) {
			w.WriteByte(piece[j])
		}
	}
}

func TestWritePart(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		method uint16
	}{
		{"empty", "", zip.Store},
		{"small", strings.Repeat("<w:p/>", 100), zip.Store},
		{"large", strings.Repeat("<w:p/>", storedBelow), zip.Deflate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			zw := zip.NewWriter(&out)
			if err := writePart(zw, "word/part.xml", []byte(tt.data)); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
			if err != nil {
				t.Fatal(err)
			}
			f := zr.File[0]
			if f.Method != tt.method || f.Flags&0x8 != 0 || !f.Modified.Equal(zipTime) {
				t.Errorf("method %d, flags %#x, modified %v; want method %d, no data descriptor, %v", f.Method, f.Flags, f.Modified, tt.method, zipTime)
			}
			if got := string(parts(t, out.Bytes())[f.Name]); got != tt.data {
				t.Errorf("the part reads back as %d bytes, want the %d written", len(got), len(tt.data))
			}
		})
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
