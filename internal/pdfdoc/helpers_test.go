package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
			d.MarkArtifact(Layout)
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
				d.MarkContent(d.NewElem(0, "P"))
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
	startxref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	objectHead = regexp.MustCompile(`^(\d+) 0 obj\n`)
	firstKey   = regexp.MustCompile(`/First (\d+)`)
)

// readObjects reads the objects of a file pdfdoc wrote, by number, through
// its cross-reference stream, so that it checks the stream too: objects at
// an offset and objects in object streams. The cross-reference stream
// itself is the object numbered -1.
func readObjects(t testing.TB, pdf []byte) map[int]pdfObject {
	t.Helper()
	m := startxref.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end of the file")
	}
	at, _ := strconv.Atoi(string(m[1]))
	xref := readObjectAt(t, pdf, at, -1)
	if !strings.Contains(xref.value, "/Type /XRef") || !strings.Contains(xref.value, "/W [1 4 2]") {
		t.Fatalf("startxref %d does not point at a cross-reference stream: %s", at, xref.value)
	}
	objects := map[int]pdfObject{-1: xref}
	if !strings.Contains(xref.value, "/DecodeParms << /Predictor 12 /Columns 7 >>") {
		t.Fatalf("the cross-reference stream has not the PNG Up predictor: %s", xref.value)
	}
	table := unUp(t, xref.stream, 7)
	if len(table)%7 != 0 || len(table) < 7 || !bytes.Equal(table[:7], []byte{0, 0, 0, 0, 0, 0xFF, 0xFF}) {
		t.Fatalf("the cross-reference stream's %d bytes are not entries of 7 bytes starting with the free object 0", len(table))
	}
	type packed struct{ stream, index int }
	var inStreams []packed
	for num := 1; num < len(table)/7; num++ {
		e := table[7*num:]
		field := int(binary.BigEndian.Uint32(e[1:]))
		switch e[0] {
		case 1:
			objects[num] = readObjectAt(t, pdf, field, num)
		case 2:
			inStreams = append(inStreams, packed{field, int(binary.BigEndian.Uint16(e[5:]))})
			objects[num] = pdfObject{}
		default:
			t.Fatalf("cross-reference entry %d has type %d", num, e[0])
		}
	}
	for num := 1; num < len(table)/7; num++ {
		if table[7*num] != 2 {
			continue
		}
		e := inStreams[0]
		inStreams = inStreams[1:]
		objects[num] = pdfObject{value: fromObjStm(t, objects[e.stream], num, e.index)}
	}
	return objects
}

// readObjectAt reads object num at offset at; num -1 takes any number.
func readObjectAt(t testing.TB, pdf []byte, at, num int) pdfObject {
	t.Helper()
	if at < 0 || at >= len(pdf) {
		t.Fatalf("object %d: offset %d is outside the file", num, at)
	}
	head := objectHead.FindSubmatch(pdf[at:])
	if head == nil || num >= 0 && string(head[1]) != strconv.Itoa(num) {
		t.Fatalf("the cross-reference entry of object %d (offset %d) does not point at it", num, at)
	}
	return readObject(t, pdf[at+len(head[0]):])
}

// fromObjStm is object num, the index-th object of object stream s.
func fromObjStm(t testing.TB, s pdfObject, num, index int) string {
	t.Helper()
	m := firstKey.FindStringSubmatch(s.value)
	if !strings.Contains(s.value, "/Type /ObjStm") || m == nil {
		t.Fatalf("object %d: its object stream is not one: %s", num, s.value)
	}
	first, _ := strconv.Atoi(m[1])
	fields := strings.Fields(string(s.stream[:first]))
	if 2*index+1 >= len(fields) || fields[2*index] != strconv.Itoa(num) {
		t.Fatalf("object %d is not entry %d of its object stream: %q", num, index, fields)
	}
	start, _ := strconv.Atoi(fields[2*index+1])
	end := len(s.stream) - first
	if 2*index+3 < len(fields) {
		end, _ = strconv.Atoi(fields[2*index+3])
	}
	return strings.TrimSpace(string(s.stream[first+start : first+end]))
}

// readObject reads an object's value, after its "N 0 obj" line, and a
// stream's data, inflated when it is compressed.
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
	if !strings.Contains(dict, "/FlateDecode") {
		return pdfObject{value: dict, stream: data[:n]}
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

// unUp undoes the PNG Up predictor on rows of width bytes.
func unUp(t testing.TB, data []byte, width int) []byte {
	t.Helper()
	if len(data)%(width+1) != 0 {
		t.Fatalf("%d bytes are not rows of 1 + %d", len(data), width)
	}
	prev := make([]byte, width)
	var out []byte
	for row := 0; row < len(data); row += width + 1 {
		if data[row] != 2 {
			t.Fatalf("row %d has filter %d, not 2 (Up)", row/(width+1), data[row])
		}
		cur := make([]byte, width)
		for i := range cur {
			cur[i] = data[row+1+i] + prev[i]
		}
		out = append(out, cur...)
		prev = cur
	}
	return out
}
