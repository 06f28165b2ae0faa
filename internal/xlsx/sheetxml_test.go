package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"
)

// numberedRow is a row as read: its number and its cells.
type numberedRow struct {
	num   int
	cells []string
}

func (r numberedRow) String() string { return fmt.Sprintf("%d:%q", r.num, r.cells) }

// scannedRows reads a sheet's rows with Open and ReadSheets, each as its
// number and Values.
func scannedRows(b []byte, sheet string) ([]numberedRow, error) {
	f, err := Open(b, "the workbook", Options{})
	if err != nil {
		return nil, err
	}
	var rows []numberedRow
	err = f.ReadSheets([]string{sheet}, func(_ int, s *Sheet) {
		for _, r := range s.Rows {
			rows = append(rows, numberedRow{r.Num, r.Values()})
		}
	})
	return rows, err
}

// excelizeRows reads a sheet's rows with excelize's row iterator, as the
// reader once did: the rows with cells, numbered as the iterator counts.
func excelizeRows(b []byte, sheet string) ([]numberedRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []numberedRow
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if len(cells) > 0 {
			out = append(out, numberedRow{num, cells})
		}
	}
	return out, rows.Error()
}

// sheetNames lists a workbook's sheets, as excelize reads them.
func sheetNames(t testing.TB, b []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	must(t, err)
	defer f.Close()
	return f.GetSheetList()
}

// canonical is the test plan as planreport's planbook.Write writes it:
// Instructions, Plan, Reports, Outcomes, Leads, Actions, Updates,
// Maintenance, Distribution.
func canonical(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/canonical.xlsx")
	must(t, err)
	return b
}

// actionsPart is the Actions sheet's part in the canonical workbook.
const actionsPart = "xl/worksheets/sheet6.xml"

// withPlanSheet is the canonical workbook with its Plan sheet's XML and
// its shared strings replaced.
func withPlanSheet(t testing.TB, sheet, sst string) []byte {
	t.Helper()
	return replaceParts(t, canonical(t), sheet, sst)
}

// replaceParts copies the canonical workbook, replacing its Plan sheet's
// XML and its shared strings.
func replaceParts(t testing.TB, b []byte, sheet, sst string) []byte {
	t.Helper()
	b = rezip(t, b, "xl/worksheets/sheet2.xml", func([]byte) []byte { return []byte(sheet) })
	return rezip(t, b, "xl/sharedStrings.xml", func([]byte) []byte { return []byte(sst) })
}

const (
	sheetOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>`
	sheetClose = `</sheetData></worksheet>`
	sstOpen    = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	sstClose   = `</sst>`
)

// oddSST is a shared string table with every form of string item.
const oddSST = sstOpen + `<si><t>plain</t></si>` +
	`<si><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>runs</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>` +
	`<si><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;</t></si>` +
	`<si><t>_x000D_ _x005F_x0041_ _xD800_ a_x0041_b _x00e9_</t></si>` +
	`<si/>` +
	`<si><t><![CDATA[<raw> & text]]></t></si>` +
	`<si><t>line 1` + "\r\n" + `line 2` + "\r" + `line 3</t></si>` +
	`<si><x:t>prefixed</x:t><!-- a comment --></si>` +
	`<si><t>first</t><t>last</t></si>` +
	sstClose

// oddSheet is a worksheet with every form of row and cell the scanner
// reads.
const oddSheet = sheetOpen +
	`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v> 2 </v></c></row>` +
	`<row><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c t="s"><v>8</v></c></row>` +
	`<x:row r="4"><x:c r="a4" t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c>` +
	`<c r="$B$4" t="inlineStr"><is><r><t>in</t></r><r><t>_x0041_</t></r><rPh><t>no</t></rPh></is></c>` +
	`<c r="C4" t="inlineStr"><v>no is</v></c></x:row>` +
	`<row r="6" spans="1:8"><c r="A6" t="b"><v>1</v></c><c r="B6" t="e"><v>#N/A</v></c><c r="C6" t="d"><v>2019-07-31T00:00:00Z</v></c>` +
	`<c r="D6"><v>43374</v></c><c r="E6" t="n"><v>1.1000000000000001</v></c><c r="F6" t="str"><f>A1&amp;B1</f><v>cached</v></c>` +
	`<c r="G6"><f>SUM(A1)</f></c><c r="H6" s="3"/><c r="I6" t="str"><v></v></c></row>` +
	`<row r="7"><c r="B7"><v>&#49;&#x32;</v><!-- comment --><?pi here?></c><c r="C7"><foo><v>nested</v></foo></c>` +
	`<c r="D7" t="s"><v>99</v></c><c r="E7" t="s"><v>x</v></c><c r="F7" s="x"><v>unstyled</v></c><c r="G7"><v><![CDATA[1<2]]></v></c></row>` +
	`<row r="9"><c r="C9"><v>9</v></c></row><row r="8"><c r="A8"><v>back</v></c></row><row><c><v>after</v></c></row>` +
	`<row r="12"/><row r="13"><c r="B13"><v>  </v></c><c r="A13"><v>before</v></c></row>` +
	sheetClose + `<!-- trailing -->`

// TestScannerMatchesExcelize reads every sheet of workbooks written by
// planreport, by other programs (testdata) and by hand with the scanner and with
// excelize's row iterator, which the reader used before: each row must
// have the same number and the same cells.
func TestScannerMatchesExcelize(t *testing.T) {
	canonical := canonical(t)
	sample, err := os.ReadFile("../../inputs/cpc-improvement-plan.xlsx")
	must(t, err)
	tests := []struct {
		name string
		data []byte
	}{
		{"seed sample", sample},
		{"odd cells", edit(t, canonical, func(f *excelize.File) {
			must(t, f.SetCellRichText("Actions", "C2", []excelize.RichTextRun{
				{Text: "Develop "}, {Text: "qualitative", Font: &excelize.Font{Bold: true}}, {Text: " _x0041_ measures."}}))
			must(t, f.MergeCell("Actions", "D4", "D5"))
			must(t, f.SetCellFormula("Actions", "J2", "A2&B2"))
			must(t, f.SetCellBool("Actions", "K2", true))
			must(t, f.SetCellStr("Updates", "C2", "Emoji 👩‍👧‍👦, עברית, e\u0301, \x01 control, _x0008_ literal"))
			must(t, f.SetCellStr("Updates", "C3", strings.Repeat("ab\U0001F600", excelize.TotalCellChars/4)))
			must(t, f.SetCellValue("Updates", "F9", 12.5))
			must(t, f.SetRowVisible("Actions", 3, false))
		})},
		{"stream writer", hundredRows(t)},
		{"hand-written XML", withPlanSheet(t, oddSheet, oddSST)},
		{"windows-1252", withPlanSheet(t, `<?xml version="1.0" encoding="windows-1252"?>`+
			strings.TrimPrefix(sheetOpen, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)+
			"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>caf\xe9 \x80</t></is></c></row>"+sheetClose, oddSST)},
	}
	files, err := filepath.Glob("testdata/*.xlsx")
	must(t, err)
	for _, file := range files {
		b, err := os.ReadFile(file)
		must(t, err)
		tests = append(tests, struct {
			name string
			data []byte
		}{file, b})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, sheet := range sheetNames(t, tt.data) {
				want, err := excelizeRows(tt.data, sheet)
				if err != nil {
					t.Fatalf("excelize reading %s: %v", sheet, err)
				}
				got, err := scannedRows(tt.data, sheet)
				if err != nil {
					t.Fatalf("scanning %s: %v", sheet, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s:\n got %v\nwant %v", sheet, got, want)
				}
			}
		})
	}
}

// hundredRows is the test plan with 100 maintenance tasks written by
// excelize's stream writer, numbers, text and formulas among them.
func hundredRows(t testing.TB) []byte {
	return edit(t, canonical(t), func(f *excelize.File) {
		sw, err := f.NewStreamWriter("Maintenance")
		must(t, err)
		must(t, sw.SetRow("A1", []any{"No", "Action / Task", "Timescale"}))
		for i := range 100 {
			must(t, sw.SetRow(CellName(1, i+2), []any{i + 1, "Task <" + strconv.Itoa(i+1) + "> & more",
				excelize.Cell{Formula: "A2*2", Value: 2}, true, 1.5}))
		}
		must(t, sw.Flush())
	})
}

// TestDamagedXML checks that a sheet or shared string table whose XML is
// malformed, or whose cells cannot be placed, makes the workbook damaged.
func TestDamagedXML(t *testing.T) {
	cell := func(c string) string { return sheetOpen + `<row r="1">` + c + `</row>` + sheetClose }
	tests := []struct {
		name, sheet, sst string
	}{
		{"truncated sheet", oddSheet[:len(oddSheet)/2], oddSST},
		{"truncated tag", sheetOpen + `<row r="1"><c r="A1`, oddSST},
		{"end tag not matching", sheetOpen + `<row r="1"><c r="A1"><v>1</c></v></row>` + sheetClose, oddSST},
		{"end tag without start", sheetOpen + `</row>` + sheetClose, oddSST},
		{"entity not XML's", cell(`<c r="A1" t="str"><v>&nbsp;</v></c>`), oddSST},
		{"entity without semicolon", cell(`<c r="A1" t="str"><v>a & b</v></c>`), oddSST},
		{"character reference beyond Unicode", cell(`<c r="A1" t="str"><v>&#x110000;</v></c>`), oddSST},
		{"control character", cell("<c r=\"A1\" t=\"str\"><v>a\x01b</v></c>"), oddSST},
		{"control character by reference", cell(`<c r="A1" t="str"><v>a&#1;b</v></c>`), oddSST},
		{"invalid UTF-8", cell("<c r=\"A1\" t=\"inlineStr\"><is><t>a\xffb</t></is></c>"), oddSST},
		{"DTD", `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "x">]>` + strings.TrimPrefix(cell(`<c r="A1"><v>&e;</v></c>`), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`), oddSST},
		{"unterminated comment", sheetOpen + `<!-- <row r="1"/>`, oddSST},
		{"unterminated CDATA", cell(`<c r="A1" t="str"><v><![CDATA[x</v></c>`), oddSST},
		{"unquoted attribute", cell(`<c r=A1><v>1</v></c>`), oddSST},
		{"row number not a number", sheetOpen + `<row r="one"><c r="A1"><v>1</v></c></row>` + sheetClose, oddSST},
		{"row number past the last row", sheetOpen + `<row r="1048577"><c r="A1"><v>1</v></c></row>` + sheetClose, oddSST},
		{"cell reference not one", cell(`<c r="1A"><v>1</v></c>`), oddSST},
		{"cell reference past the last column", cell(`<c r="XFE1"><v>1</v></c>`), oddSST},
		{"unknown encoding", `<?xml version="1.0" encoding="x-no-such"?>` + strings.TrimPrefix(cell(`<c r="A1"><v>1</v></c>`), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`), oddSST},
		{"tag too long", cell(`<c r="A1" x="` + strings.Repeat("x", maxMarkup) + `"><v>1</v></c>`), oddSST},
		{"truncated shared strings", oddSheet, oddSST[:len(oddSST)-10]},
		{"shared string with a bad entity", oddSheet, sstOpen + `<si><t>&bad;</t></si>` + sstClose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := readAllSheets(withPlanSheet(t, tt.sheet, tt.sst), Options{})
			checkFileError(t, err, ErrDamaged, "is damaged")
		})
	}
}

// TestErrorPosition checks that a damaged sheet's error says where: the
// part, the sheet and the cell the scanner stopped in.
func TestErrorPosition(t *testing.T) {
	sheet := sheetOpen + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
		`<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="str"><v>a &bad; b</v></c></row>` + sheetClose
	err := readAllSheets(withPlanSheet(t, sheet, oddSST), Options{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *Error", err)
	}
	want := Error{Name: "the workbook", Part: "xl/worksheets/sheet2.xml", Sheet: "Plan", Cell: "B3", Err: ErrDamaged}
	if e.Name != want.Name || e.Part != want.Part || e.Sheet != want.Sheet || e.Cell != want.Cell || e.Err != want.Err {
		t.Errorf("err = %+v, want %+v", *e, want)
	}
	const says = `the workbook is damaged: its sheet "Plan" cannot be read at cell B3 (xl/worksheets/sheet2.xml); save it again from Excel`
	if err.Error() != says {
		t.Errorf("err = %q, want %q", err, says)
	}
}

// TestLyingReadPart checks a zip bomb in a part the reader reads, the
// Actions sheet, whose directory says it holds 1 KB: it is refused as too
// large, not read as a truncated sheet, and not held in memory.
func TestLyingReadPart(t *testing.T) {
	honest := replacePart(t, canonical(t), actionsPart, func(w io.Writer) {
		_, err := io.WriteString(w, sheetOpen+`<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c></row>`)
		must(t, err)
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for range bombSize >> 20 {
			_, err = w.Write(spaces)
			must(t, err)
		}
		_, err = io.WriteString(w, sheetClose)
		must(t, err)
	})
	lying := copyZip(t, honest, func(h *zip.FileHeader) {
		if h.Name == actionsPart {
			h.UncompressedSize64 = 1 << 10
		}
	})
	var err error
	allocated, peak := memoryUse(func() { err = readAllSheets(lying, Options{}) })
	checkFileError(t, err, ErrTooLarge, "zip bomb")
	const limit = 200 << 20
	if allocated > limit || peak > limit {
		t.Errorf("reading allocated %d MB, with at most %d MB of heap in use", allocated>>20, peak>>20)
	}
}

// TestScannerText checks how the scanner decodes the text of an element:
// as encoding/xml decodes it.
func TestScannerText(t *testing.T) {
	tests := []struct {
		name, xml, want string
	}{
		{"plain", `<v>text</v>`, "text"},
		{"entities", `<v>&lt;&gt;&amp;&quot;&apos;</v>`, `<>&"'`},
		{"character references", `<v>&#65;&#x42;&#x1F600;&#xD800;</v>`, "AB\U0001F600\uFFFD"},
		{"CDATA", `<v>a<![CDATA[<&>]]>b</v>`, "a<&>b"},
		{"line ends", "<v>a\r\nb\rc\nd&#13;e</v>", "a\nb\nc\nd\re"},
		{"line end in CDATA", "<v><![CDATA[a\r\nb]]></v>", "a\nb"},
		{"comment and instruction", `<v>a<!-- b -->c<?pi d?>e</v>`, "ace"},
		{"nested element", `<v>a<b>no</b>c<d/>e</v>`, "ace"},
		{"empty", `<v/>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newXMLScanner(strings.NewReader(tt.xml), 0)
			var got []byte
			if x.next() {
				got = x.elementText(nil)
			}
			var want struct {
				V string `xml:",chardata"`
			}
			if err := xml.Unmarshal([]byte(tt.xml), &want); err != nil || want.V != tt.want {
				t.Fatalf("the test is wrong: encoding/xml reads %q, %v", want.V, err)
			}
			if x.err != nil || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q", got, x.err, tt.want)
			}
		})
	}
}

// TestScannerChunks reads a document through a reader that gives it a
// byte at a time, so that every tag, entity and line end is cut.
func TestScannerChunks(t *testing.T) {
	want, err := scannedRows(withPlanSheet(t, oddSheet, oddSST), "Plan")
	must(t, err)
	x := newXMLScanner(iotest.OneByteReader(strings.NewReader(oddSheet)), 0)
	var got Sheet
	sc := scanSheet(x, &got)
	sst := newXMLScanner(iotest.OneByteReader(strings.NewReader(oddSST)), 0)
	sc.lookUp(readSharedStrings(sst))
	var rows []numberedRow
	for _, r := range got.Rows {
		rows = append(rows, numberedRow{r.Num, r.Values()})
	}
	if x.err != nil || sst.err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("a byte at a time:\n got %v, %v, %v\nwant %v", rows, x.err, sst.err, want)
	}
}

// FuzzSheetXML builds a worksheet and a shared string table from the
// fuzzer's bytes (see sheetGen) and checks the scanner reads the same rows
// as excelize, or that both find the sheet damaged.
func FuzzSheetXML(f *testing.F) {
	for _, seed := range []string{"", "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a", "rows and cells of every kind",
		strings.Repeat("\xff\x00\x7f\x80", 16)} {
		f.Add([]byte(seed))
	}
	canonical := canonical(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &sheetGen{data: data}
		sheet, sst := g.sheet(), g.sst()
		b := replaceParts(t, canonical, sheet, sst)
		want, wantErr := excelizeRows(b, "Plan")
		got, err := scannedRows(b, "Plan")
		switch {
		case (err != nil) != (wantErr != nil):
			t.Errorf("scanner error %v, excelize error %v\nsheet %s\nsst %s", err, wantErr, sheet, sst)
		case err == nil && !reflect.DeepEqual(got, want):
			t.Errorf("rows differ:\n got %v\nwant %v\nsheet %s\nsst %s", got, want, sheet, sst)
		}
	})
}

// sheetGen writes well-formed worksheet and shared string XML, choosing
// each part from the next byte of data (0 once it runs out): rows with and
// without numbers, in and out of order, cells of every type with and
// without references, values with entities, CDATA, escapes and line ends,
// inline strings with runs and phonetic runs, formulas, comments,
// namespace prefixes.
type sheetGen struct {
	data []byte
	row  int
}

func (g *sheetGen) next() int {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return int(b)
}

func (g *sheetGen) pick(options ...string) string { return options[g.next()%len(options)] }

func (g *sheetGen) sheet() string {
	var b strings.Builder
	b.WriteString(sheetOpen)
	for range g.next() % 6 {
		b.WriteString(g.rowXML())
	}
	b.WriteString(sheetClose)
	return b.String()
}

func (g *sheetGen) rowXML() string {
	p := g.pick("", "", "x:")
	var num string
	switch g.next() % 8 {
	case 0, 1:
		g.row++
	case 2, 3:
		g.row++
		num = strconv.Itoa(g.row)
	case 4:
		g.row += 2
		num = strconv.Itoa(g.row)
	default:
		num = g.pick(strconv.Itoa(g.row), strconv.Itoa(g.row-1), "0", "-1", "x", "1048577", "1")
	}
	attr := ""
	if num != "" {
		attr = ` r="` + num + `"`
	}
	n := g.next() % 5
	if n == 0 && g.next()%2 == 0 {
		return "<" + p + "row" + attr + "/>"
	}
	var cells strings.Builder
	for range n {
		cells.WriteString(g.cell(p))
	}
	return "<" + p + "row" + attr + ` spans="1:5">` + cells.String() + "</" + p + "row>"
}

func (g *sheetGen) cell(p string) string {
	var attrs []string
	if ref := g.pick("", "", "A", "B", "c", "$D$", "AA", "1", "XFE"); ref != "" {
		if ref == "1" {
			attrs = append(attrs, `r="1A"`)
		} else {
			attrs = append(attrs, `r="`+ref+strconv.Itoa(max(g.row, 1))+`"`)
		}
	}
	if t := g.pick("", "s", "s", "str", "inlineStr", "inlineStr", "b", "e", "n", "d", "other"); t != "" {
		attrs = append(attrs, `t="`+t+`"`)
	}
	if s := g.pick("", "", "", "2", "x"); s != "" {
		attrs = append(attrs, `s="`+s+`"`)
	}
	if g.next()%2 == 0 && len(attrs) > 1 {
		attrs[0], attrs[len(attrs)-1] = attrs[len(attrs)-1], attrs[0]
	}
	open := "<" + p + "c" + strings.Join(append([]string{""}, attrs...), " ")
	n := g.next() % 4
	if n == 0 && g.next()%2 == 0 {
		return open + "/>"
	}
	var content strings.Builder
	for range n {
		content.WriteString(g.content(p))
	}
	return open + ">" + content.String() + "</" + p + "c>"
}

func (g *sheetGen) content(p string) string {
	switch g.next() % 7 {
	case 0, 1, 2:
		return "<" + p + "v>" + g.value() + "</" + p + "v>"
	case 3:
		return g.pick("<f>A1&amp;B1</f>", "<f/>", `<f t="shared" si="0"/>`)
	case 4:
		return "<" + p + "is>" + g.item(p) + "</" + p + "is>"
	case 5:
		return "<extra><v>" + g.value() + "</v></extra>"
	}
	return "<!-- comment -->"
}

func (g *sheetGen) value() string {
	return g.pick("0", "1", " 2 ", "3", "5", "9", "-1", "1.5", "1.1000000000000001", "43374", "abc", "",
		"&amp;&lt;&gt;", "a&#x41;&#66;", "<![CDATA[1<2]]>", "line1\r\nline2\rline3", "_x0041_", "1e5",
		"99999999999999999999", "  ", "#N/A", "2019-07-31T00:00:00Z", "é 👩‍👧")
}

func (g *sheetGen) item(p string) string {
	var b strings.Builder
	for range g.next() % 4 {
		switch g.next() % 5 {
		case 0, 1:
			b.WriteString("<" + p + "t>" + g.text() + "</" + p + "t>")
		case 2:
			b.WriteString("<r><rPr><b/></rPr><t xml:space=\"preserve\">" + g.text() + "</t></r>")
		case 3:
			b.WriteString(`<rPh sb="0" eb="1"><t>` + g.text() + `</t></rPh><phoneticPr fontId="1"/>`)
		default:
			b.WriteString(g.pick("<t/>", "<r/>", "<r><t>a</t><t>b</t></r>"))
		}
	}
	return b.String()
}

func (g *sheetGen) text() string {
	return g.pick("plain", " spaced ", "_x000D_", "_x005F_x0041_", "_xD800_", "a_x0041_b", "_x00e9", "&amp;",
		"üñí", "emoji 👩‍👧", "\r\n", "tab\t", "", "<![CDATA[<&>]]>")
}

func (g *sheetGen) sst() string {
	var b strings.Builder
	b.WriteString(sstOpen)
	for range g.next() % 8 {
		if g.next()%5 == 0 {
			b.WriteString("<si/>")
			continue
		}
		b.WriteString("<si>" + g.item("") + "</si>")
	}
	b.WriteString(sstClose)
	return b.String()
}

// FuzzXMLScanner feeds the fuzzer's bytes to the scanner: read as a
// worksheet and as a shared string table they must not make it panic or
// hang, and walked through, every attribute and every text decoded, they
// must not make it fail where encoding/xml reads them without error (but
// for directives such as a DTD, which it refuses).
func FuzzXMLScanner(f *testing.F) {
	for _, seed := range []string{oddSheet, oddSST, sheetOpen + sheetClose, `<a b="c&amp;d"><![CDATA[x]]></a>`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scanSheet(newXMLScanner(bytes.NewReader(data), 0), &Sheet{}).lookUp([]string{"a"})
		readSharedStrings(newXMLScanner(bytes.NewReader(data), 0))
		if err := walk(data); err != nil && wellFormed(data) && !directive.Match(data) {
			t.Errorf("encoding/xml reads %q, the scanner fails: %v", data, err)
		}
	})
}

// directive matches the start of an XML directive, <!DOCTYPE or another.
var directive = regexp.MustCompile(`<![^-\[]`)

// walk reads every tag, attribute and text of an XML document with the
// scanner.
func walk(data []byte) error {
	x := newXMLScanner(bytes.NewReader(data), 0)
	for {
		if text := x.text(nil); !validText(text) {
			return errMalformed
		}
		if !x.next() {
			return x.err
		}
		if !x.end {
			x.eachAttr(func(local, value []byte) bool { return true })
		}
	}
}

// wellFormed reports whether encoding/xml reads every token of b without
// error; it reads no encoding but UTF-8.
func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("charset %s", label)
	}
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// FuzzCellReference checks the scanner reads cell references, style
// numbers and row numbers as excelize and strconv do.
func FuzzCellReference(f *testing.F) {
	for _, s := range []string{"A1", "$B$3", "xfd1048576", "XFE1", "A1048577", "1A", "A", "A+5", "A-1", "A0",
		"$1", "A$1", "AB12C3", "", "00012", "-9223372036854775808", "9223372036854775808", "+0", "é1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		col, row, err := cellCoordinates([]byte(s))
		wantCol, wantRow, wantErr := excelize.CellNameToCoordinates(s)
		if (err != nil) != (wantErr != nil) || err == nil && (col != wantCol || row != wantRow) {
			t.Errorf("cellCoordinates(%q) = %d, %d, %v; excelize reads %d, %d, %v", s, col, row, err, wantCol, wantRow, wantErr)
		}
		_, parseErr := strconv.ParseInt(s, 10, 64)
		if validInt([]byte(s)) != (parseErr == nil) {
			t.Errorf("validInt(%q) = %v; strconv.ParseInt: %v", s, validInt([]byte(s)), parseErr)
		}
	})
}

// TestVerify checks a part the reader does not read, the styles, whose
// checksum is wrong: reading the sheets does not unpack it, Verify does,
// and finds the workbook damaged.
func TestVerify(t *testing.T) {
	b := copyZip(t, canonical(t), func(h *zip.FileHeader) {
		if h.Name == "xl/styles.xml" {
			h.CRC32++
		}
	})
	f, err := Open(b, "the workbook", Options{})
	must(t, err)
	must(t, f.ReadSheets(f.Sheets(), func(int, *Sheet) {}))
	checkFileError(t, f.Verify(), ErrDamaged, "is damaged")
}

// largeWorkbook is a workbook of 10,000 rows like a plan's Updates: an
// action number, a date, a text (a shared string) and a RAG.
func largeWorkbook(b *testing.B) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must(b, f.SetSheetName("Sheet1", "Updates"))
	for i := range 10000 {
		must(b, f.SetSheetRow("Updates", CellName(1, i+1), &[]any{fmt.Sprintf("%d.%d", i/10+1, i%10+1), 43677,
			"Progress on action " + strconv.Itoa(i) + "; work in progress and ongoing, with a report to the committee", "G"}))
	}
	var buf bytes.Buffer
	must(b, f.Write(&buf))
	return buf.Bytes()
}

// BenchmarkReadSheets reads a sheet of 10,000 rows and its shared strings.
func BenchmarkReadSheets(b *testing.B) {
	data := largeWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Open(data, "the workbook", Options{})
		must(b, err)
		rows := 0
		must(b, f.ReadSheets([]string{"Updates"}, func(_ int, s *Sheet) { rows = len(s.Rows) }))
		if rows != 10000 {
			b.Fatalf("read %d rows", rows)
		}
	}
}
