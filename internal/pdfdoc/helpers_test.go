package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// goFontFiles are the test fonts: Go regular, bold and italic.
func goFontFiles() [][]byte { return [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF} }

// goFonts parses the test fonts.
func goFonts(t testing.TB) []*Font {
	t.Helper()
	var fonts []*Font
	for _, ttf := range goFontFiles() {
		f, err := ParseFont(ttf)
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, f)
	}
	return fonts
}

// reportText is a passage of a real report, which the dense test pages
// cut their lines from.
const reportText = "Develop and implement a robust early response, intervention and support pathway for children " +
	"and young people who are living in circumstances where poor parenting and neglect may have an adverse " +
	"impact on their wellbeing – Getting it Right in Perth and Kinross: Pre-Birth and into the first year of " +
	"life; review the Practitioner’s Guide “Chronologies” (£2,500 budget) • Improve responses to children " +
	"whose health is at risk as a result of missed health appointments; café, à la carte, però. "

// denseLines are 97 different lines of 100 characters, each in three
// cells: 12, 68 and 20 characters.
var denseLines = func() [][3]string {
	text := []rune(reportText)
	lines := make([][3]string, 97)
	for i := range lines {
		at := i * 37 % (len(text) - 100)
		lines[i] = [3]string{string(text[at : at+12]), string(text[at+12 : at+80]), string(text[at+80 : at+100])}
	}
	return lines
}()

// denseDocument draws pages landscape A4 pages of dense tables: 60 lines a
// page, each with two fills, two rules and text in three faces.
func denseDocument(fonts []*Font, pages int) *Doc {
	d := New(297, 210, Info{Title: "Dense", Author: "pdfdoc", Created: testDate})
	var ids []FontID
	for _, f := range fonts {
		ids = append(ids, d.AddFont(f))
	}
	for p := range pages {
		d.AddPage()
		d.Bookmark("Page "+strconv.Itoa(p+1), 0, 10)
		for l := range 60 {
			y := 10 + float64(l)*3.1
			d.SetFillColor(230, 236, 245)
			d.FillRect(10, y, 277, 3.1)
			d.SetFillColor(uint8(p), 200, 80)
			d.FillRect(250, y, 20, 3.1)
			d.SetStrokeColor(150, 150, 150)
			d.SetLineWidth(0.15)
			d.Line(10, y, 287, y)
			d.Line(60, y, 60, y+3.1)
			d.SetFillColor(0, 0, 0)
			for i, cell := range denseLines[(p*7+l)%len(denseLines)] {
				d.SetFont(ids[(i+1)%3], 7)
				d.Text([]float64{11, 61, 200}[i], y+2.3, cell)
			}
		}
	}
	return d
}

// testDate is the creation date of the test documents.
var testDate = time.Date(2019, time.July, 31, 0, 0, 0, 0, time.UTC)

// rebuildFont is the font ttf with the tables in changes put in place of
// its own, or added; a nil table drops the table.
func rebuildFont(t testing.TB, ttf []byte, changes map[string][]byte) []byte {
	t.Helper()
	f, err := ParseFont(ttf)
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]byte{}
	for tag := range f.tables {
		tables[tag], _ = f.table(tag, 0)
	}
	maps.Copy(tables, changes)
	var tags []string
	var datas [][]byte
	for _, tag := range slices.Sorted(maps.Keys(tables)) {
		if tables[tag] != nil {
			tags, datas = append(tags, tag), append(datas, tables[tag])
		}
	}
	return assembleFont(tags, datas)
}

// pdfObject is an object of a file pdfdoc wrote: its dictionary (or other
// value) and, for a stream, the stream's data inflated.
type pdfObject struct {
	value  string
	stream []byte
}

var (
	lengthKey  = regexp.MustCompile(`/Length (\d+)`)
	xrefEntry  = regexp.MustCompile(`(\d{10}) 00000 n \n`)
	startxref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	objectHead = regexp.MustCompile(`^(\d+) 0 obj\n`)
)

// readObjects reads the objects of a file pdfdoc wrote, by number, through
// its cross-reference table, so that it checks the table too.
func readObjects(t testing.TB, pdf []byte) map[int]pdfObject {
	t.Helper()
	m := startxref.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end of the file")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	objects := map[int]pdfObject{}
	for i, e := range xrefEntry.FindAllSubmatch(pdf[xref:], -1) {
		off, _ := strconv.Atoi(string(e[1]))
		head := objectHead.FindSubmatch(pdf[off:])
		if head == nil || string(head[1]) != strconv.Itoa(i+1) {
			t.Fatalf("xref entry %d (offset %d) does not point at object %d", i+1, off, i+1)
		}
		objects[i+1] = readObject(t, pdf[off+len(head[0]):])
	}
	return objects
}

// readObject reads an object's value, after its "N 0 obj" line.
func readObject(t testing.TB, b []byte) pdfObject {
	t.Helper()
	end := bytes.Index(b, []byte("\nendobj\n"))
	stream := bytes.Index(b, []byte(">>\nstream\n"))
	if stream < 0 || stream > end {
		return pdfObject{value: string(b[:end])}
	}
	dict := string(b[:stream+2])
	m := lengthKey.FindStringSubmatch(dict)
	if m == nil {
		t.Fatalf("stream without /Length: %s", dict)
	}
	n, _ := strconv.Atoi(m[1])
	data := b[stream+10:]
	if len(data) < n || !bytes.HasPrefix(data[n:], []byte("\nendstream\nendobj\n")) {
		t.Fatalf("stream of %s does not end after /Length bytes", dict)
	}
	z, err := zlib.NewReader(bytes.NewReader(data[:n]))
	if err != nil {
		t.Fatalf("stream of %s: %v", dict, err)
	}
	inflated, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("stream of %s: %v", dict, err)
	}
	return pdfObject{value: dict, stream: inflated}
}

// write writes d, failing the test on an error.
func write(t testing.TB, d *Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo says it wrote %d bytes, not %d", n, buf.Len())
	}
	return buf.Bytes()
}
