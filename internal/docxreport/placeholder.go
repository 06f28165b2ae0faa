package docxreport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The problems a template can have with its placeholders; a *TemplateError
// wraps one of them.
var (
	ErrMissingPlaceholder = errors.New("is missing")
	ErrUnknownPlaceholder = errors.New("is not a placeholder planreport knows")
	ErrNotAlone           = errors.New("must stand alone in its paragraph, because it becomes a table or chart")
	ErrNotInBody          = errors.New("can only be used in the body of the document, not in a header or footer")
)

// TemplateError is a problem with a placeholder of the Word template.
type TemplateError struct {
	Part        string // the part of the .docx: "word/document.xml"
	Placeholder string // "{{summary}}"
	Err         error  // ErrMissingPlaceholder, ErrUnknownPlaceholder, …
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("Word template: placeholder %s in %s %v", e.Placeholder, e.Part, e.Err)
}

func (e *TemplateError) Unwrap() error { return e.Err }

// placeholderPattern matches a placeholder in a paragraph's text.
var placeholderPattern = regexp.MustCompile(`\{\{ *([A-Za-z_]+) *\}\}`)

// paragraph is a paragraph of a part whose text holds a placeholder.
type paragraph struct {
	start, end int    // the byte range of <w:p>…</w:p>
	pPr        string // its <w:pPr>…</w:pPr>, "" when none
	texts      []text // its <w:t> elements (not those of nested paragraphs)
	section    int    // index of its section in part.pages
	matches    [][]int
}

// text is one <w:t> element: its byte range in the part and its text.
type text struct {
	start, end int
	text       string
}

// plain is the paragraph's text: all its <w:t> joined.
func (p *paragraph) plain() string {
	var s strings.Builder
	for _, t := range p.texts {
		s.WriteString(t.text)
	}
	return s.String()
}

// part is a WordprocessingML part (the document, a header or a footer) read
// for its placeholders.
type part struct {
	name    string
	content string
	paras   []paragraph // the paragraphs that hold a placeholder, in order
	pages   []page      // the text area of each section, in order
}

// page is the text area of a section's pages, between its margins, in
// twips (1/1440 inch).
type page struct{ width, height int }

// defaultPage is the text area used when a section gives none: A4
// landscape with 2 cm margins.
var defaultPage = page{16838 - 2*1134, 11906 - 2*1134}

// readPart finds the paragraphs of a part that hold a placeholder — even
// one that Word has split over several runs — and the text area of each
// section.
func readPart(name, content string) (*part, error) {
	r := &partReader{part: part{name: name, content: content}, d: xml.NewDecoder(strings.NewReader(content)), pPrStart: -1, tStart: -1}
	for {
		off := int(r.d.InputOffset())
		tok, err := r.d.Token()
		if err == io.EOF {
			return &r.part, nil
		}
		if err != nil {
			return nil, templateError("%s is not well-formed XML: %w", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			err = r.start(tok, off)
		case xml.CharData:
			if r.tStart >= 0 {
				r.t.Write(tok)
			}
		case xml.EndElement:
			r.end(tok)
		}
		if err != nil {
			return nil, err
		}
	}
}

// partReader is the state of readPart.
type partReader struct {
	part
	d        *xml.Decoder
	open     []paragraph // the paragraphs being read, innermost last
	depths   []int       // the element depth of each open paragraph
	depth    int
	pPrStart int // where the w:pPr being read starts, or -1
	pPrDepth int
	tStart   int // where the w:t being read starts, or -1
	t        strings.Builder
}

func (r *partReader) start(tok xml.StartElement, off int) error {
	if r.depth == 0 && !bindsW(tok) {
		return templateError("%s is not in the usual Word format (the prefix w is not bound to %s); save the template as a Word Document (.docx)", r.name, wNS)
	}
	if tok.Name.Space == wNS && tok.Name.Local == "sectPr" {
		var s sectPr
		if err := r.d.DecodeElement(&s, &tok); err != nil {
			return templateError("%s: section properties: %w", r.name, err)
		}
		r.pages = append(r.pages, s.textArea())
		return nil
	}
	r.depth++
	if tok.Name.Space != wNS || len(r.open) == 0 && tok.Name.Local != "p" {
		return nil
	}
	switch {
	case tok.Name.Local == "p":
		r.open = append(r.open, paragraph{start: off, section: len(r.pages)})
		r.depths = append(r.depths, r.depth)
	case tok.Name.Local == "pPr" && r.depth == r.depths[len(r.depths)-1]+1:
		r.pPrStart, r.pPrDepth = off, r.depth
	case tok.Name.Local == "t":
		r.tStart = off
		r.t.Reset()
	}
	return nil
}

func (r *partReader) end(tok xml.EndElement) {
	r.depth--
	if tok.Name.Space != wNS || len(r.open) == 0 {
		return
	}
	end := int(r.d.InputOffset())
	in := &r.open[len(r.open)-1]
	switch {
	case tok.Name.Local == "p" && r.depth == r.depths[len(r.depths)-1]-1:
		in.end = end
		if in.matches = placeholderPattern.FindAllStringSubmatchIndex(in.plain(), -1); in.matches != nil {
			r.paras = append(r.paras, *in)
		}
		r.open, r.depths = r.open[:len(r.open)-1], r.depths[:len(r.depths)-1]
	case tok.Name.Local == "pPr" && r.pPrStart >= 0 && r.depth == r.pPrDepth-1:
		in.pPr = r.content[r.pPrStart:end]
		r.pPrStart = -1
	case tok.Name.Local == "t" && r.tStart >= 0:
		in.texts = append(in.texts, text{start: r.tStart, end: end, text: r.t.String()})
		r.tStart = -1
	}
}

// bindsW reports whether the root element of a part binds the prefix w to
// the namespace the generated content is written in.
func bindsW(root xml.StartElement) bool {
	for _, a := range root.Attr {
		if a.Name.Space == "xmlns" && a.Name.Local == "w" {
			return a.Value == wNS
		}
	}
	return false
}

// sectPr is what is read of a section's properties: the page and its
// margins.
type sectPr struct {
	PgSz struct {
		W string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main w,attr"`
		H string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main h,attr"`
	} `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main pgSz"`
	PgMar struct {
		Left   string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main left,attr"`
		Right  string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main right,attr"`
		Top    string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main top,attr"`
		Bottom string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main bottom,attr"`
		Gutter string `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main gutter,attr"`
	} `xml:"http://schemas.openxmlformats.org/wordprocessingml/2006/main pgMar"`
}

// twips reads a measure of the section, in twips; 0 when it is unusable.
// A negative top or bottom margin (text that may run into the header)
// measures as its size.
func twips(v string) int {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < -1e6 || f > 1e6 {
		return 0
	}
	return int(math.Abs(f))
}

// textArea is the area between the margins, or defaultPage's width or
// height when the section does not say or says something unusable.
func (s sectPr) textArea() page {
	a := page{
		width:  twips(s.PgSz.W) - twips(s.PgMar.Left) - twips(s.PgMar.Right) - twips(s.PgMar.Gutter),
		height: twips(s.PgSz.H) - twips(s.PgMar.Top) - twips(s.PgMar.Bottom),
	}
	if twips(s.PgSz.W) == 0 || a.width < 1440 {
		a.width = defaultPage.width
	}
	if twips(s.PgSz.H) == 0 || a.height < 1440 {
		a.height = defaultPage.height
	}
	return a
}

// lastPage is the text area of the part's last section, that of the end
// of the document.
func (pt *part) lastPage() page {
	if len(pt.pages) == 0 {
		return defaultPage
	}
	return pt.pages[len(pt.pages)-1]
}

// page is the text area of the section that paragraph p is in.
func (pt *part) page(p *paragraph) page {
	if p.section < len(pt.pages) {
		return pt.pages[p.section]
	}
	return defaultPage
}

// names lists the placeholders of the part, lower-cased, as often as they
// occur.
func (pt *part) names() []string {
	var names []string
	for i := range pt.paras {
		p := &pt.paras[i]
		plain := p.plain()
		for _, m := range p.matches {
			names = append(names, strings.ToLower(plain[m[2]:m[3]]))
		}
	}
	return names
}

// edit replaces the bytes start:end of a part by what write writes.
type edit struct {
	start, end int
	write      func(w xmlWriter)
}

// block writes the WordprocessingML that replaces the paragraph of a block
// placeholder, given the text area of its section.
type block func(w xmlWriter, pg page)

// edits works out how to fill in every placeholder of the part, in the
// order of the part: a text placeholder is replaced by its value inside
// the text of its paragraph (keeping the paragraph and its runs'
// formatting), a block placeholder by the whole paragraph's replacement.
// Both maps are keyed by lower-case name; a block name whose function is
// nil is removed. The blocks are written only when the part is.
func (pt *part) edits(values map[string]string, blocks map[string]block) ([]edit, error) {
	var edits []edit
	for i := range pt.paras {
		e, err := pt.fillParagraph(&pt.paras[i], values, blocks)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	for i := 1; i < len(edits); i++ {
		if edits[i].start < edits[i-1].end {
			return nil, templateError("a placeholder is nested inside another placeholder's paragraph")
		}
	}
	return edits, nil
}

// write writes the part with the edits made; they must be in order and
// must not overlap, as edits returns them.
func (pt *part) write(w xmlWriter, edits []edit) {
	pos := 0
	for _, e := range edits {
		w.WriteString(pt.content[pos:e.start])
		e.write(w)
		pos = e.end
	}
	w.WriteString(pt.content[pos:])
}

// fill returns the part with every placeholder filled in, as edits says.
func (pt *part) fill(values map[string]string, blocks map[string]block) ([]byte, error) {
	edits, err := pt.edits(values, blocks)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(pt.content))
	pt.write(&b, edits)
	return b.Bytes(), nil
}

func (pt *part) fillParagraph(p *paragraph, values map[string]string, blocks map[string]block) ([]edit, error) {
	plain := p.plain()
	for _, m := range p.matches {
		name := strings.ToLower(plain[m[2]:m[3]])
		_, isText := values[name]
		build, isBlock := blocks[name]
		switch {
		case isBlock && strings.TrimSpace(plain) != plain[m[0]:m[1]]:
			return nil, &TemplateError{pt.name, plain[m[0]:m[1]], ErrNotAlone}
		case isBlock:
			return []edit{{p.start, p.end, func(w xmlWriter) { pt.replace(w, p, build) }}}, nil
		case !isText:
			return nil, &TemplateError{pt.name, plain[m[0]:m[1]], ErrUnknownPlaceholder}
		}
	}
	var edits []edit
	offset := 0
	for _, t := range p.texts {
		from, to := offset, offset+len(t.text)
		offset = to
		if rewritten, changed := substitute(plain, from, to, p.matches, values); changed {
			edits = append(edits, edit{t.start, t.end, func(w xmlWriter) { writeRunContent(w, rewritten) }})
		}
	}
	return edits, nil
}

// replace writes what replaces the paragraph of a block placeholder: the
// block, then, when the paragraph carried a section break, a paragraph
// with the placeholder paragraph's properties to keep it. Space between
// blocks comes from their headings' spacing, not from empty paragraphs.
func (pt *part) replace(w xmlWriter, p *paragraph, build block) {
	if build != nil {
		build(w, pt.page(p))
	}
	if strings.Contains(p.pPr, "sectPr") {
		w.WriteString("<w:p>")
		w.WriteString(p.pPr)
		w.WriteString("</w:p>")
	}
}

// tableSeparator passes a part on to its xmlWriter, adding a paragraph
// where a table would otherwise touch the next table or end the body:
// Word joins two tables with nothing between them into one, and a body
// must end with a paragraph. These are the only empty paragraphs of the
// report.
type tableSeparator struct {
	xmlWriter
	afterTable bool // the last thing written was the end of a table
}

// separator is the paragraph put after a table: Word's minimal line.
const separator = `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>`

func (s *tableSeparator) WriteString(x string) (int, error) {
	if s.afterTable {
		rest := strings.TrimLeft(x, " \t\r\n")
		if rest == "" {
			return s.xmlWriter.WriteString(x)
		}
		for _, next := range []string{"<w:tbl>", "<w:tbl ", "<w:sectPr", "</w:body>"} {
			if strings.HasPrefix(rest, next) {
				s.xmlWriter.WriteString(separator)
				break
			}
		}
	}
	s.afterTable = strings.HasSuffix(strings.TrimRight(x, " \t\r\n"), "</w:tbl>")
	return s.xmlWriter.WriteString(x)
}

func (s *tableSeparator) Write(p []byte) (int, error) {
	s.afterTable = false
	return s.xmlWriter.Write(p)
}

func (s *tableSeparator) WriteByte(c byte) error {
	s.afterTable = false
	return s.xmlWriter.WriteByte(c)
}

// substitute rewrites the text plain[from:to] of one <w:t>: every
// placeholder that overlaps it is cut out, and each placeholder's value is
// written into the <w:t> where the placeholder starts.
func substitute(plain string, from, to int, matches [][]int, values map[string]string) (string, bool) {
	var b strings.Builder
	pos, changed := from, false
	for _, m := range matches {
		if m[1] <= from || m[0] >= to {
			continue
		}
		changed = true
		if m[0] > pos {
			b.WriteString(plain[pos:m[0]])
		}
		if m[0] >= from {
			b.WriteString(values[strings.ToLower(plain[m[2]:m[3]])])
		}
		pos = min(m[1], to)
	}
	b.WriteString(plain[pos:to])
	return b.String(), changed
}

// checkPlaceholders checks that every name in required occurs in found.
func checkPlaceholders(part string, found, required []string) error {
	for _, name := range required {
		if !slices.Contains(found, name) {
			return &TemplateError{part, "{{" + name + "}}", ErrMissingPlaceholder}
		}
	}
	return nil
}

// templateError is a problem with the Word template other than with a
// placeholder: "Word template: " and the message format makes.
func templateError(format string, a ...any) error {
	return fmt.Errorf("Word template: "+format, a...)
}
