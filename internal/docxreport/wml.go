package docxreport

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// wNS is the WordprocessingML (transitional) namespace, bound to the
// prefix "w" in every part Word writes.
const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// xmlWriter is what XML is written to, by appending: a bytes.Buffer for a
// small part, a chunkWriter that hands the document to its compressor.
// Their methods never fail (stream reports a failure of the compressor).
type xmlWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// writeRun writes text as one run with run properties rPr ("" for none):
// the only way text reaches the document. Nothing is written for "".
func writeRun(b xmlWriter, rPr, text string) {
	if text == "" {
		return
	}
	b.WriteString("<w:r>")
	b.WriteString(rPr)
	writeRunContent(b, text)
	b.WriteString("</w:r>")
}

// writeRunContent writes text as the content of a run: its pieces as
// <w:t xml:space="preserve">, each line break ("\n", "\r\n" or "\r") as
// <w:br/> and each tab as <w:tab/>, everything escaped.
func writeRunContent(b xmlWriter, text string) {
	for text != "" {
		i := strings.IndexAny(text, "\t\n\r")
		if i < 0 {
			writeT(b, text)
			return
		}
		writeT(b, text[:i])
		switch {
		case text[i] == '\t':
			b.WriteString("<w:tab/>")
		case text[i] == '\r' && strings.HasPrefix(text[i+1:], "\n"):
			i++ // "\r\n" is one break
			fallthrough
		default:
			b.WriteString("<w:br/>")
		}
		text = text[i+1:]
	}
}

func writeT(b xmlWriter, s string) {
	if s == "" {
		return
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	escape(b, s)
	b.WriteString("</w:t>")
}

// escape writes s as XML character data that is also safe in an attribute
// value (xml.EscapeText): the special characters as references, line ends
// and tabs as character references, and invalid UTF-8 and the characters
// XML 1.0 forbids as U+FFFD, visibly.
func escape(b xmlWriter, s string) {
	_ = xml.EscapeText(b, []byte(s)) // b does not fail (see xmlWriter)
}

// escaped returns s escaped, for attribute values and property texts.
func escaped(s string) string {
	var b bytes.Buffer
	escape(&b, s)
	return b.String()
}

// Run properties used by the generated content.
const (
	rPrBold = "<w:rPr><w:b/></w:rPr>"
)

// Paragraph properties beyond the style.
const (
	jcCenter = `<w:jc w:val="center"/>`
	// inBand tightens a heading's spacing where it heads a table row.
	inBand = `<w:spacing w:before="40" w:after="40"/>`
)

// para writes a paragraph of style styleID holding text as one run.
// extra is more paragraph properties, in schema order after w:pStyle.
func para(b xmlWriter, styleID, extra, rPr, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	b.WriteString(styleID)
	b.WriteString(`"/>`)
	b.WriteString(extra)
	b.WriteString("</w:pPr>")
	writeRun(b, rPr, text)
	b.WriteString("</w:p>")
}

// table is a table being written: fixed layout, the template's table style,
// column widths in twips that sum to the text width.
type table struct {
	b      xmlWriter
	widths []int
	starts []string // the start of a one-column cell, by column, up to its width
	// tallest is the height of the tallest row kept whole on one page:
	// the text height less an inch for the heading row repeated above it.
	tallest int
}

// startTable begins a table across the text area pg whose columns take
// the given shares (in any unit) of its width, each at least its width in
// mins, with a title for screen readers (Word's "alt text" of a table).
// Its first row must be a heading row, which the table style colours.
func startTable(b xmlWriter, styleID string, pg page, shares, mins []int, caption string) table {
	t := table{b: b, widths: fit(pg.width, shares, mins), tallest: max(pg.height-1440, pg.height/2)}
	t.starts = make([]string, len(t.widths))
	for i, w := range t.widths {
		t.starts[i] = cellStart(w)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="`)
	b.WriteString(styleID)
	b.WriteString(`"/><w:tblW w:w="`)
	b.WriteString(strconv.Itoa(pg.width))
	b.WriteString(`" w:type="dxa"/><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/><w:tblCaption w:val="`)
	escape(b, caption)
	b.WriteString(`"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.widths {
		b.WriteString(`<w:gridCol w:w="`)
		b.WriteString(strconv.Itoa(w))
		b.WriteString(`"/>`)
	}
	b.WriteString("</w:tblGrid>")
	return t
}

// fits reports whether a row whose columns hold these paragraphs surely
// fits on a page, by cellHeight's estimate.
func (t table) fits(columns ...[]string) bool {
	for i, paragraphs := range columns {
		if cellHeight(t.widths[i], paragraphs) > t.tallest {
			return false
		}
	}
	return true
}

func (t table) end() { t.b.WriteString("</w:tbl>") }

// row begins a row, kept whole on one page when keep is set: Word does
// not break such a row even when it is taller than a page, and cuts it
// off. A heading row is repeated at the top of every page the table runs
// onto.
func (t table) row(heading, keep bool) {
	switch {
	case heading:
		t.b.WriteString("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
	case keep:
		t.b.WriteString("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
	default:
		t.b.WriteString("<w:tr>")
	}
}

func (t table) endRow() { t.b.WriteString("</w:tr>") }

// cellStart is the start of a cell of width w twips, up to its width.
func cellStart(w int) string {
	return `<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>`
}

// cell begins the cell at column col spanning span columns, filled with
// colour fill ("" for none). Its content must end with a paragraph.
func (t table) cell(col, span int, fill string) {
	if span == 1 {
		t.b.WriteString(t.starts[col])
	} else {
		w := 0
		for _, cw := range t.widths[col : col+span] {
			w += cw
		}
		t.b.WriteString(cellStart(w))
		t.b.WriteString(`<w:gridSpan w:val="`)
		t.b.WriteString(strconv.Itoa(span))
		t.b.WriteString(`"/>`)
	}
	if fill != "" {
		t.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="`)
		t.b.WriteString(fill)
		t.b.WriteString(`"/>`)
	}
	t.b.WriteString("</w:tcPr>")
}

func (t table) endCell() { t.b.WriteString("</w:tc>") }

// textCell writes a whole cell holding one paragraph of text.
func (t table) textCell(col int, styleID, extra, rPr, text string) {
	t.cell(col, 1, "")
	para(t.b, styleID, extra, rPr, text)
	t.endCell()
}

// headingRow writes the table's heading row: one cell per column.
func (t table) headingRow(styleID string, headings []string) {
	t.row(true, true)
	for i, h := range headings {
		t.textCell(i, styleID, "", "", h)
	}
	t.endRow()
}
