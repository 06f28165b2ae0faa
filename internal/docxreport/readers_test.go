package docxreport

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"html"
	"maps"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/templates"
)

// readerDocument is a Word report that other readers than Word must take.
type readerDocument struct {
	name    string
	r       *report.Report
	opt     Options
	content bool // every action's text and update points are checked in what pandoc reads
}

// readerDocuments are the reports the reader tests read back: the sample,
// with every section and with none, hostile text, a 30,000-character
// update, 100 actions, and templates whose own parts are stored or
// deflated with data descriptors (as archive/zip's CreateHeader writes
// them) or laid out for portrait.
func readerDocuments(t *testing.T) []readerDocument {
	sample := sampleReport(t, allSections)
	return []readerDocument{
		{"sample", sample, Options{}, true},
		{"no sections", sampleReport(t, report.Sections{}), Options{}, true},
		{"hostile text", hostileReport(t), Options{}, false},
		{"30,000-character update", longUpdate(t), Options{}, true},
		{"100 actions", bigReport(t, 100, allSections), Options{}, true},
		{"template stored with data descriptors", sample, Options{Template: descriptorTemplate(t, zip.Store)}, true},
		{"template deflated with data descriptors", sample, Options{Template: descriptorTemplate(t, zip.Deflate)}, true},
		{"split placeholders", sample, Options{Template: splitRuns(t)}, true},
		{"portrait template", sample, Options{Template: portraitTemplate(t)}, true},
	}
}

// descriptorTemplate is the default template with every part compressed by
// method and followed by a data descriptor.
func descriptorTemplate(t testing.TB, method uint16) []byte {
	t.Helper()
	in := parts(t, templates.ReportDOCX)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(in)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
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
	for _, e := range localHeaders(t, "the template", b.Bytes()) {
		if e.flags&flagDescriptor == 0 {
			t.Fatalf("the template's %s has no data descriptor", e.name)
		}
	}
	return b.Bytes()
}

// localHeader is what a zip entry's local header says, read as a streaming
// reader reads it.
type localHeader struct {
	name                  string
	flags, method         uint16
	crc, size, compressed uint32
	data                  []byte // the entry as stored (compressed)
}

// localHeaders walks a zip's local headers from its first byte, as a
// streaming reader does, checking each against the central directory. It
// stops at an entry with a data descriptor, whose size its local header
// does not give.
func localHeaders(t testing.TB, where string, data []byte) []localHeader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var out []localHeader
	le := binary.LittleEndian
	off := 0
	for _, f := range zr.File {
		h := data[off:]
		if len(h) < 30 || le.Uint32(h) != 0x04034b50 {
			t.Fatalf("%s: no local header at byte %d, where %s should start", where, off, f.Name)
		}
		n, m := int(le.Uint16(h[26:])), int(le.Uint16(h[28:]))
		e := localHeader{
			name: string(h[30 : 30+n]), flags: le.Uint16(h[6:]), method: le.Uint16(h[8:]),
			crc: le.Uint32(h[14:]), compressed: le.Uint32(h[18:]), size: le.Uint32(h[22:]),
		}
		out = append(out, e)
		if e.flags&flagDescriptor != 0 {
			return out
		}
		if e.name != f.Name || e.method != f.Method || e.crc != f.CRC32 ||
			uint64(e.compressed) != f.CompressedSize64 || uint64(e.size) != f.UncompressedSize64 {
			t.Fatalf("%s: the local header of %s (%+v) disagrees with the central directory (%+v)", where, f.Name, e, f.FileHeader)
		}
		start := off + 30 + n + m
		out[len(out)-1].data = data[start : start+int(e.compressed)]
		off = start + int(e.compressed)
	}
	return out
}

// checkNoDataDescriptor fails when an entry of docx, or of a workbook
// embedded in it, has a data descriptor.
func checkNoDataDescriptor(t testing.TB, where string, docx []byte) {
	t.Helper()
	for _, e := range localHeaders(t, where, docx) {
		if e.flags&flagDescriptor != 0 {
			t.Fatalf("%s: %s (method %d) has a data descriptor", where, e.name, e.method)
		}
		if strings.HasSuffix(e.name, ".xlsx") {
			checkNoDataDescriptor(t, where+"!"+e.name, parts(t, docx)[e.name])
		}
	}
}

// TestNoDataDescriptor checks that no part of the report, nor of the
// chart's workbook, has a data descriptor, whatever the template's parts
// have: its CRC and sizes are in its local header, where streaming readers
// look for them. (renderDOCX checks every report the tests write, too.)
func TestNoDataDescriptor(t *testing.T) {
	for _, d := range readerDocuments(t) {
		t.Run(d.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, d.r, d.opt); err != nil {
				t.Fatal(err)
			}
			checkNoDataDescriptor(t, d.name, b.Bytes())
			if _, ok := parts(t, b.Bytes())[workbookName(1)]; ok != d.r.Sections.Chart {
				t.Errorf("the report has the chart's workbook: %v; want %v", ok, d.r.Sections.Chart)
			}
		})
	}
}

// writeDocuments renders readerDocuments into files, and returns their
// paths and their content.
func writeDocuments(t *testing.T) ([]readerDocument, []string, [][]byte) {
	t.Helper()
	docs := readerDocuments(t)
	var files []string
	var data [][]byte
	for _, d := range docs {
		docx := renderDOCX(t, d.r, d.opt)
		files = append(files, testtool.TempFile(t, strings.ReplaceAll(d.name, " ", "-")+".docx", docx))
		data = append(data, docx)
	}
	return docs, files, data
}

var htmlTags = regexp.MustCompile(`<[^>]*>`)

// TestPandoc reads each report back with pandoc, whose docx reader
// refused the chart's workbook stored with a data descriptor ("couldn't
// unpack docx container: Content size mismatch in data descriptor record"),
// and checks that what it reads has every action and update point.
func TestPandoc(t *testing.T) {
	testtool.Need(t, "pandoc")
	docs, files, _ := writeDocuments(t)
	for i, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			out, err := exec.Command("pandoc", "--from", "docx", "--to", "html", "--wrap", "none", files[i]).CombinedOutput()
			if err != nil {
				t.Fatalf("pandoc: %v\n%s", err, out)
			}
			if !d.content {
				return
			}
			text := collapse(html.UnescapeString(htmlTags.ReplaceAllString(string(out), " ")))
			for _, th := range d.r.Themes {
				for _, o := range th.Outcomes {
					for _, a := range o.Actions {
						for _, want := range append([]string{a.Text}, a.Points...) {
							if !strings.Contains(text, collapse(want)) {
								t.Fatalf("pandoc's reading lacks %q (action %s)", want, a.No)
							}
						}
					}
				}
			}
		})
	}
}

// TestZipInputStream reads each report with Java's streaming
// java.util.zip.ZipInputStream (testdata/ZipCheck.java), as Java programs
// such as Apache POI's streaming readers do, every entry and every entry
// of the embedded workbook to its end. It refused a stored part with a
// data descriptor ("only DEFLATED entries can have EXT descriptor").
func TestZipInputStream(t *testing.T) {
	testtool.Need(t, "java")
	docs, files, data := writeDocuments(t)
	out := testtool.Run(t, "java", append([]string{filepath.Join("testdata", "ZipCheck.java")}, files...)...)
	for i, d := range docs {
		want := fmt.Sprintf("%s: %d entries\n", files[i], len(localHeaders(t, d.name, data[i])))
		if !strings.Contains(out, want) {
			t.Errorf("%s: Java read %q; want %q", d.name, out, want)
		}
	}
}
