package pdfdoc

import (
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

// taggedDocument is two pages: a heading, a table whose one cell flows
// from the first page to the second, a figure with its alternative text,
// and a running header as an artifact on each page.
func taggedDocument(t testing.TB) *Doc {
	d := New(210, 297, Info{Title: "Tagged", Author: "A & B", Subject: "S", Creator: "C", Producer: "P", Lang: "en-GB", Created: testDate})
	f := d.AddFont(goFonts(t)[0])
	h1 := d.NewElem(0, "H1")
	table := d.NewElem(0, "Table")
	tr := d.NewElem(table, "TR")
	th := d.NewElem(tr, "TH")
	d.SetAttrs(th, Attrs{Scope: "Column"})
	td := d.NewElem(tr, "TD")
	d.SetAttrs(td, Attrs{ColSpan: 2})
	fig := d.NewElem(0, "Figure")
	d.SetAlt(fig, "Bars: Red 1, Green 2")
	d.SetFont(f, 10)
	for page := range 2 {
		d.AddPage()
		d.MarkArtifact(Header)
		d.Text(10, 10, "Running header")
		if page == 0 {
			d.MarkContent(h1)
			d.Text(10, 30, "Heading")
			d.MarkContent(th)
			d.Text(10, 40, "No")
		}
		d.MarkArtifact(Layout)
		d.FillRect(10, 45, 100, 10)
		d.MarkContent(td)
		d.Text(10, 50, "Cell part "+strconv.Itoa(page+1))
		if page == 1 {
			d.MarkContent(fig)
			d.SetAttrs(fig, Attrs{BBox: [4]float64{10, 60, 50, 20}})
			d.FillRect(10, 60, 50, 20)
		}
	}
	return d
}

func TestStructure(t *testing.T) {
	pdf := write(t, taggedDocument(t))
	objects := readObjects(t, pdf)
	elems := map[string]string{} // by type, the last element's dictionary
	num := map[string]int{}
	for n, o := range objects {
		if m := regexp.MustCompile(`^<< /S /(\w+) /P `).FindStringSubmatch(o.value); m != nil {
			elems[m[1]], num[m[1]] = o.value, n
		}
	}
	page1, page2 := objFixed, objFixed+2 // no bookmarks: the pages come first
	tests := []struct{ name, got, want string }{
		{"struct tree root", objects[objStructRoot].value, "<< /Type /StructTreeRoot /K " + strconv.Itoa(num["Document"]) + " 0 R /ParentTree 6 0 R /ParentTreeNextKey 2 >>"},
		{"document", elems["Document"], "/K [" + strconv.Itoa(num["H1"]) + " 0 R " + strconv.Itoa(num["Table"]) + " 0 R " + strconv.Itoa(num["Figure"]) + " 0 R]"},
		{"heading on page 1", elems["H1"], "/Pg " + strconv.Itoa(page1) + " 0 R /K [0]"},
		{"header cell scope", elems["TH"], "/A << /O /Table /Scope /Column >> /K [1]"},
		{"a cell over two pages", elems["TD"], "/A << /O /Table /ColSpan 2 >> /K [2 << /Type /MCR /Pg " + strconv.Itoa(page2) + " 0 R /MCID 0 >>]"},
		{"figure", elems["Figure"], "/Alt <FEFF00420061007200730" + "03A0020005200650064002000310" + "02C00200047007200650065006E00200032> /A << /O /Layout /Placement /Block /BBox [28.35 615.12 170.08 671.81] >> /K [1]"},
		{"parent tree", objects[objParentTree].value, "<< /Nums [0 [" + strconv.Itoa(num["H1"]) + " 0 R " + strconv.Itoa(num["TH"]) + " 0 R " + strconv.Itoa(num["TD"]) + " 0 R]\n1 [" + strconv.Itoa(num["TD"]) + " 0 R " + strconv.Itoa(num["Figure"]) + " 0 R]\n] >>"},
		{"page 1", objects[page1].value, "/Tabs /S /StructParents 0 "},
		{"page 2", objects[page2].value, "/Tabs /S /StructParents 1 "},
		{"catalog", objects[objCatalog].value, "/MarkInfo << /Marked true >> /StructTreeRoot 5 0 R /ViewerPreferences << /DisplayDocTitle true >> /Metadata 7 0 R /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"},
		{"page 2's content", string(objects[page2+1].stream), "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n0 0 0 rg\nBT /F1 10 Tf 28.35 813.54 Td (\x005\x00X\x00Q\x00Q\x00L\x00Q\x00J\x00\x03\x00K\x00H\x00D\x00G\x00H\x00U) Tj\nET\nEMC\n" +
			"/Artifact BMC\n28.35 714.33 283.46 -28.35 re f\nEMC\n/TD <</MCID 0>> BDC\nBT"},
		{"page 2 ends its last sequence", string(objects[page2+1].stream), "re f\nEMC\n"},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("%s: %q\nlacks %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestMetadata checks the XMP packet: well-formed XML that says what the
// information dictionary says, and identifies PDF/A-2a and PDF/UA-1 with
// the extension schema PDF/A needs for pdfuaid.
func TestMetadata(t *testing.T) {
	d := New(210, 297, Info{Title: "Plan <2019> & \x01more", Author: "Perth & Kinross", Subject: "Year 1", Creator: "planreport", Producer: "pdfdoc", Lang: "gd", Created: testDate})
	d.AddPage()
	objects := readObjects(t, write(t, d))
	meta := objects[objMetadata]
	if meta.value != "<< /Type /Metadata /Subtype /XML /Length "+strconv.Itoa(len(meta.stream))+" >>" {
		t.Errorf("metadata stream %s: want an uncompressed XML metadata stream", meta.value)
	}
	var packet struct {
		Description struct {
			Title, Creator, Description, Language string `xml:",any"`
		} `xml:"RDF>Description"`
	}
	if err := xml.Unmarshal(meta.stream[strings.Index(string(meta.stream), "<x:xmpmeta"):strings.LastIndex(string(meta.stream), "<?xpacket")], &packet); err != nil {
		t.Fatalf("the XMP packet is not well-formed XML: %v\n%s", err, meta.stream)
	}
	for _, want := range []string{
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Plan &lt;2019&gt; &amp; ` + "\uFFFD" + `more</rdf:li></rdf:Alt></dc:title>`,
		`<dc:creator><rdf:Seq><rdf:li>Perth &amp; Kinross</rdf:li></rdf:Seq></dc:creator>`,
		`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Year 1</rdf:li></rdf:Alt></dc:description>`,
		`<dc:language><rdf:Bag><rdf:li>gd</rdf:li></rdf:Bag></dc:language>`,
		"<xmp:CreatorTool>planreport</xmp:CreatorTool>", "<pdf:Producer>pdfdoc</pdf:Producer>",
		"<xmp:CreateDate>2019-07-31T00:00:00Z</xmp:CreateDate>", "<xmp:ModifyDate>2019-07-31T00:00:00Z</xmp:ModifyDate>",
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>",
		"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
		"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "<pdfaProperty:name>part</pdfaProperty:name>",
	} {
		if !strings.Contains(string(meta.stream), want) {
			t.Errorf("the XMP packet lacks %s", want)
		}
	}
	info := objects[objInfo].value
	for _, want := range []string{"/Title " + string(appendTextString(nil, "Plan <2019> & \uFFFDmore")), "/CreationDate (D:20190731000000Z)", "/ModDate (D:20190731000000Z)"} {
		if !strings.Contains(info, want) {
			t.Errorf("the information dictionary %s lacks %s, as the XMP packet says it", info, want)
		}
	}
	xref := objects[-1].value
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindStringSubmatch(xref)
	if id == nil || id[1] != id[2] {
		t.Errorf("the trailer %s has no /ID of two equal 16-byte strings", xref)
	}
	d.MarkContent(d.NewElem(0, "P"))
	d.SetFont(d.AddFont(goFonts(t)[0]), 9)
	d.Text(0, 10, "x")
	if other := readObjects(t, write(t, d))[-1].value; other == xref {
		t.Error("a different document has the same /ID")
	}
}

// TestActualText checks that text drawn with TextAs reads back, in
// pdftotext, as the text it was given, once, inside the element it is
// content of, while the glyph drawn is the mark's: each distinct rune is a
// code of its own past the font's glyphs, which the CIDToGIDMap maps to
// the mark's glyph and the ToUnicode CMap to the rune.
func TestActualText(t *testing.T) {
	d, f := a4(t)
	d.AddPage()
	p := d.NewElem(0, "P")
	d.SetFont(f[0], 10)
	d.MarkContent(p)
	d.Text(10, 20, "Update in Gujarati:")
	d.TextAs(60, 20, "ગુ (a)", '\uFFFD')
	d.Text(90, 20, "end")
	d.MarkArtifact(Footer)
	d.TextAs(10, 280, "\uE000ગ", '\uFFFD')
	pdf := write(t, d)
	objects := readObjects(t, pdf)
	content := string(objects[objFixed+1].stream)
	span := "/Span <</ActualText " + string(appendTextString(nil, "ગુ (a)")) + ">> BDC\nBT "
	if !strings.Contains(content, "/P <</MCID 0>> BDC\n") || !strings.Contains(content, "ET\n"+span) ||
		!strings.Contains(content, ") Tj\nET\nEMC\nBT ") || strings.Count(content, "BDC") != 4 || strings.Count(content, "EMC") != 4 {
		t.Errorf("content %q: want the span, its own text object, inside the paragraph's sequence", content)
	}
	// The codes past Go Regular's glyphs, one for each distinct rune in
	// the order first drawn, each drawing U+FFFD's glyph with its width.
	font := goFonts(t)[0]
	n, mark := font.numGlyphs, font.Glyph('\uFFFD')
	runes := []rune("ગુ (a)\uE000")
	code := func(i int) []byte { return []byte{byte((n + i) >> 8), byte(n + i)} }
	for _, s := range []string{"ગુ (a)", "\uE000ગ"} {
		var want []byte
		for _, r := range s {
			for _, c := range code(slices.Index(runes, r)) {
				want = appendStringByte(want, c)
			}
		}
		if !strings.Contains(content, " Td ("+string(want)+") Tj\n") {
			t.Errorf("content %q: want %q drawn as the codes %q", content, s, want)
		}
	}
	fontObj := objFixed + 2
	cidFont, toUnicode := objects[fontObj+1].value, string(objects[fontObj+4].stream)
	wantW := fmt.Sprintf("%d [%s]", n, strings.TrimSpace(strings.Repeat(fmt.Sprintf("%d ", font.widths[mark]), len(runes))))
	if !strings.Contains(cidFont, fmt.Sprintf("/CIDToGIDMap %d 0 R", fontObj+5)) || !strings.HasSuffix(cidFont, " "+wantW+"] >>") {
		t.Errorf("CIDFontType2 %s: want the CIDToGIDMap object %d, and /W ending %s", cidFont, fontObj+5, wantW)
	}
	gids := objects[fontObj+5].stream
	if len(gids) != 2*(n+len(runes)) {
		t.Fatalf("CIDToGIDMap of %d bytes, want %d: two for each glyph and each code past them", len(gids), 2*(n+len(runes)))
	}
	drawn := map[int]bool{int(mark): true}
	for _, r := range "Update in Gujarati:end" {
		drawn[int(font.Glyph(r))] = true
	}
	for c := range n + len(runes) {
		want := 0 // a glyph not drawn
		switch {
		case c >= n:
			want = int(mark)
		case drawn[c]:
			want = c
		}
		if got := int(binary.BigEndian.Uint16(gids[2*c:])); got != want {
			t.Errorf("CIDToGIDMap maps code %d to glyph %d, want %d", c, got, want)
		}
	}
	for i, r := range runes {
		entry := fmt.Sprintf("<%04X> <%s>\n", n+i, appendUTF16(nil, r))
		if !strings.Contains(toUnicode, entry) {
			t.Errorf("ToUnicode has no %q for %q:\n%s", entry, r, toUnicode)
		}
	}
	if entry := fmt.Sprintf("<%04X> <FFFD>\n", mark); !strings.Contains(toUnicode, entry) {
		t.Errorf("ToUnicode has no %q for the mark's own glyph:\n%s", entry, toUnicode)
	}
	path := save(t, pdf)
	qpdfCheck(t, path)
	text := strings.Join(testtool.PDFPages(t, path, "-layout"), "")
	if !regexp.MustCompile(`Update in Gujarati: +ગુ \(a\) +end`).MatchString(text) || !strings.Contains(text, "\uE000") {
		t.Errorf("pdftotext reads %q, want the paragraph with ગુ (a), and U+E000 in the footer", text)
	}
	if strings.Contains(text, "\uFFFD") {
		t.Errorf("pdftotext reads %q: the replacement glyphs, not their replacement text", text)
	}
}

// TestStandInsRunOut checks that when a font's 65,536 codes are taken, a
// rune TextAs draws is drawn as the mark's own code, and the codes made
// before keep theirs.
func TestStandInsRunOut(t *testing.T) {
	font := goFonts(t)[0]
	df := &docFont{font: font, drawn: make([]rune, 0xFFFF-1)} // room for two codes
	mark := font.Glyph('\uFFFD')
	b, missing := df.appendStandIns(nil, "abcab", '\uFFFD')
	want := []byte{0xFF, 0xFE, 0xFF, 0xFF, byte(mark >> 8), byte(mark), 0xFF, 0xFE, 0xFF, 0xFF}
	if missing >= 0 || string(b) != string(want) {
		t.Errorf("appendStandIns = %q, %U; want %q, -1", b, missing, want)
	}
	if len(df.stands) != 2 || df.drawn[mark] != '\uFFFD'+1 {
		t.Errorf("stand-ins %v, the mark's glyph drawn as %U; want two, and U+FFFD", df.stands, df.drawn[mark]-1)
	}
}
