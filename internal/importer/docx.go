package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/xlsx"
	"github.com/planreport/planreport/internal/zippart"
)

// A Word document (.docx) is a zip package; its body is
// word/document.xml, a sequence of paragraphs <w:p> and tables <w:tbl>:
//
//	<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>CPC …</w:t></w:r></w:p>
//	<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="6"/><w:shd w:fill="DCE6F1"/></w:tcPr><w:p>…</w:p></w:tc></w:tr></w:tbl>
//
// A paragraph's text is that of its runs' <w:t>, <w:tab/> a space and
// <w:br/> a line break; a paragraph with <w:numPr> or a list style is a
// list item. The package is read under the limits a workbook is.

// docPara is a paragraph: its text and whether it is a list item.
type docPara struct {
	text  string
	style string
	list  bool
}

// docCell is a table cell: its paragraphs, the grid columns it spans and
// its fill colour ("" when none).
type docCell struct {
	paras []docPara
	span  int
	fill  string
	col   int // its first grid column, 0-based
}

// text is the cell's paragraphs, one to a line.
func (c docCell) text() string {
	lines := make([]string, 0, len(c.paras))
	for _, p := range c.paras {
		lines = append(lines, p.text)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// docTable is a table, with the paragraph that came before it.
type docTable struct {
	rows   [][]docCell
	before string // the text of the last non-empty paragraph before it
	num    int    // 1-based, in the document's order
}

// document is a Word document's body and the text of its page header.
type document struct {
	paras  []docPara // the paragraphs outside tables before the first table
	tables []docTable
	header string
}

// readDocument reads the Word document at path.
func readDocument(path string) (*document, error) {
	lim := xlsx.DefaultLimits
	fail := func(err error, msg string) error { return &Error{Name: path, Err: err, Msg: msg} }
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > int64(lim.File) {
		return nil, fail(ErrDamaged, fmt.Sprintf("is larger than %d MB, too large to be a plan's report", lim.File>>20))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0")) {
		return nil, fail(ErrDamaged, "is password-protected or an old Word (.doc) document; open it in Word and save it as an unprotected .docx")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(zr.File) > lim.Parts {
		return nil, fail(ErrDamaged, "is not a Word document, or is damaged: it cannot be unpacked")
	}
	doc := &document{}
	body, err := readPart(zr, "word/document.xml", int64(lim.OtherPart))
	if err != nil {
		return nil, fail(ErrDamaged, partError(err, "word/document.xml"))
	}
	if err := doc.readBody(body); err != nil {
		return nil, fail(ErrDamaged, "is damaged: its text (word/document.xml) is not well-formed XML")
	}
	if header, err := readPart(zr, "word/header1.xml", int64(lim.OtherPart)); err == nil {
		doc.header = headerText(header)
	}
	return doc, nil
}

func partError(err error, name string) string {
	switch {
	case errors.Is(err, zippart.ErrTooLarge):
		return "unpacks to more than a plan's report could, so it is refused before it is unpacked"
	case errors.Is(err, os.ErrNotExist):
		return "is not a Word document: it has no " + name
	}
	return "is damaged: " + name + " cannot be unpacked"
}

// readPart unpacks a part of at most limit bytes.
func readPart(zr *zip.Reader, name string, limit int64) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name == name {
			return zippart.Read(f, limit)
		}
	}
	return nil, os.ErrNotExist
}

// readBody reads the paragraphs and tables of the body.
func (doc *document) readBody(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	last := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "p":
			p, err := readPara(dec)
			if err != nil {
				return err
			}
			if len(doc.tables) == 0 {
				doc.paras = append(doc.paras, p)
			}
			if strings.TrimSpace(p.text) != "" {
				last = strings.TrimSpace(p.text)
			}
		case "tbl":
			t := docTable{before: last, num: len(doc.tables) + 1}
			if err := readTable(dec, &t); err != nil {
				return err
			}
			doc.tables = append(doc.tables, t)
		}
	}
}

// readPara reads a paragraph, its start read.
func readPara(dec *xml.Decoder) (docPara, error) {
	var p docPara
	var text strings.Builder
	inText := false
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return p, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab", "ptab":
				text.WriteString("\t")
			case "br", "cr":
				text.WriteString("\n")
			case "noBreakHyphen":
				text.WriteString("-")
			case "pStyle":
				p.style = attr(t, "val")
			case "numPr":
				p.list = true
			case "delText", "instrText":
				dec.Skip()
				depth--
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	p.text = strings.ReplaceAll(text.String(), "\u00a0", " ")
	if strings.Contains(strings.ToLower(p.style), "list") {
		p.list = true
	}
	return p, nil
}

// readTable reads a table's rows, its start read.
func readTable(dec *xml.Decoder, t *docTable) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tr":
				t.rows = append(t.rows, nil)
				depth++
			case "tc":
				c, err := readCell(dec)
				if err != nil {
					return err
				}
				if len(t.rows) > 0 {
					row := &t.rows[len(t.rows)-1]
					c.col = 0
					if n := len(*row); n > 0 {
						c.col = (*row)[n-1].col + (*row)[n-1].span
					}
					*row = append(*row, c)
				}
			default:
				depth++
			}
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// readCell reads a cell, its start read; a table within it gives its
// paragraphs.
func readCell(dec *xml.Decoder) (docCell, error) {
	c := docCell{span: 1}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return c, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				p, err := readPara(dec)
				if err != nil {
					return c, err
				}
				c.paras = append(c.paras, p)
				continue
			case "gridSpan":
				if n, err := strconv.Atoi(attr(e, "val")); err == nil && n > 1 && n < 64 {
					c.span = n
				}
			case "shd":
				if fill := attr(e, "fill"); fill != "" && !strings.EqualFold(fill, "auto") {
					c.fill = strings.ToUpper(fill)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return c, nil
}

// attr is the value of an attribute by its local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// headerText is the page header's first text, up to its first tab: the
// running title.
func headerText(b []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if start, ok := tok.(xml.StartElement); ok && start.Name.Local == "p" {
			p, err := readPara(dec)
			if err != nil {
				return ""
			}
			before, _, _ := strings.Cut(p.text, "\t")
			if text := collapse(before); text != "" {
				return text
			}
		}
	}
}
