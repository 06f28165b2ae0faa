package docxreport

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/zippart"
)

// The parts of the package that Render writes or changes besides the
// document.
const (
	corePart         = "docProps/core.xml"
	contentTypesPart = "[Content_Types].xml"
	packageRelsPart  = "_rels/.rels"
	documentRelsPart = "word/_rels/document.xml.rels"
	stylesPart       = "word/styles.xml"
	documentPart     = "word/document.xml"

	coreType = "application/vnd.openxmlformats-package.core-properties+xml"
	coreRel  = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)

// template is the Word template, opened.
type template struct {
	data  []byte // the .docx
	files []*zip.File
}

// ErrNotDocx is why a file cannot be a Word template at all, before its
// placeholders are looked at.
var ErrNotDocx = errors.New("not a Word document (.docx)")

// CheckTemplate says whether data can be a Word template, as Render opens
// one: a zip archive that holds the document part. Its error wraps
// ErrNotDocx and says why; a caller can check a template before any other
// work (planreport checks the configured one before reading a workbook).
func CheckTemplate(data []byte) error {
	_, err := templateZip(data)
	return err
}

// templateZip opens data as a Word template's zip archive; see CheckTemplate.
func templateZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotDocx, err)
	}
	if !slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == documentPart }) {
		return nil, fmt.Errorf("%w: it has no %s", ErrNotDocx, documentPart)
	}
	return zr, nil
}

func openTemplate(data []byte) (*template, error) {
	zr, err := templateZip(data)
	if err != nil {
		return nil, templateError("%w", err)
	}
	return &template{data: data, files: zr.File}, nil
}

// document reads the template's document part for its placeholders.
func (t *template) document() (*part, error) {
	data, err := t.read(documentPart)
	if err != nil {
		return nil, err
	}
	if data == nil { // templateZip has made sure it is there
		return nil, templateError("%w: it has no %s", ErrNotDocx, documentPart)
	}
	return readPart(documentPart, string(data))
}

func (t *template) file(name string) *zip.File {
	for _, f := range t.files {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func (t *template) has(name string) bool { return t.file(name) != nil }

// maxTemplatePart is the most a part of the template that Render reads
// may unpack to: far more than any real template's, far less than would
// exhaust memory. A part that is only copied is never unpacked.
const maxTemplatePart = 32 << 20

// comments matches an XML comment. The parts Render reads hold no CDATA
// sections (Word writes none), so "<!--" can only start a comment.
var comments = regexp.MustCompile(`(?s)<!--.*?-->`)

// read returns the content of part name, without its XML comments; nil
// when the template has none.
func (t *template) read(name string) ([]byte, error) {
	f := t.file(name)
	if f == nil {
		return nil, nil
	}
	data, err := zippart.Read(f, maxTemplatePart)
	switch {
	case errors.Is(err, zippart.ErrTooLarge):
		return nil, templateError("%s is too large to read: it unpacks to more than %d MB", name, maxTemplatePart>>20)
	case err != nil:
		return nil, templateError("%s: %w", name, err)
	}
	return comments.ReplaceAll(data, nil), nil
}

// isHeaderOrFooter reports whether name is a header or footer part.
func isHeaderOrFooter(name string) bool {
	base := path.Base(name)
	return path.Dir(name) == "word" && strings.HasSuffix(base, ".xml") &&
		(strings.HasPrefix(base, "header") || strings.HasPrefix(base, "footer"))
}

// changes works out the parts of the package, other than the document,
// that differ from the template's: the headers and footers filled in, the
// report's document properties, and the content types and relationships
// of the parts Render adds. It returns their new content by name, and the
// placeholders found in the headers and footers.
func (t *template) changes(c *content) (map[string][]byte, []string, error) {
	changed := map[string][]byte{}
	var found []string
	for _, f := range t.files {
		data, ok, names, err := t.change(f.Name, c)
		if err != nil {
			return nil, nil, err
		}
		found = append(found, names...)
		if ok {
			changed[f.Name] = data
		}
	}
	return changed, found, nil
}

// added lists the parts Render adds to the template's: the document
// properties when the template has none, and the chart.
func (t *template) added(c *content) []*addedPart {
	var added []*addedPart
	if !t.has(corePart) {
		added = append(added, &addedPart{corePart, coreType, coreXML(c.r)})
	}
	for _, ch := range c.charts() {
		added = append(added, ch.parts()...)
	}
	return added
}

// charts are the charts Render adds: "RAG at a glance" and "RAG over
// time", each when the report has it.
func (c *content) charts() []*chartParts {
	var list []*chartParts
	for _, ch := range []*chartParts{c.chart, c.history} {
		if ch != nil {
			list = append(list, ch)
		}
	}
	return list
}

// change returns the new content of part name, or changed false to keep it.
func (t *template) change(name string, c *content) (data []byte, changed bool, found []string, err error) {
	switch {
	case name == corePart:
		return coreXML(c.r), true, nil, nil
	case name == stylesPart:
		data, err = t.styles(language(c.r), c.page.width)
	case isHeaderOrFooter(name):
		return t.fillHeaderOrFooter(name, c)
	case name == contentTypesPart:
		data, err = t.addContentTypes(c)
	case name == documentRelsPart && len(c.charts()) > 0:
		var rels string
		for _, ch := range c.charts() {
			rels += `<Relationship Id="` + ch.spec.relID + `" Type="` + chartRel + `" Target="` + strings.TrimPrefix(ch.chart.name, "word/") + `"/>`
		}
		data, err = t.insert(name, "</Relationships>", rels)
	case name == packageRelsPart && !t.has(corePart):
		rel := `<Relationship Id="rIdPlanreportCore" Type="` + coreRel + `" Target="` + corePart + `"/>`
		data, err = t.insert(name, "</Relationships>", rel)
	default:
		return nil, false, nil, nil
	}
	return data, true, nil, err
}

func (t *template) addContentTypes(c *content) ([]byte, error) {
	var overrides string
	for _, p := range t.added(c) {
		if p.contentType != "" {
			overrides += `<Override PartName="/` + p.name + `" ContentType="` + p.contentType + `"/>`
		}
	}
	return t.insert(contentTypesPart, "</Types>", overrides)
}

// insert returns part name with addition inserted before its closing tag.
func (t *template) insert(name, closing, addition string) ([]byte, error) {
	data, err := t.read(name)
	if err != nil {
		return nil, err
	}
	i := bytes.LastIndex(data, []byte(closing))
	if i < 0 {
		return nil, templateError("%s has no %s", name, closing)
	}
	return append(append(append([]byte(nil), data[:i]...), addition...), data[i:]...), nil
}

// fillHeaderOrFooter fills in the text placeholders of a header or footer.
func (t *template) fillHeaderOrFooter(name string, c *content) ([]byte, bool, []string, error) {
	data, err := t.read(name)
	if err != nil {
		return nil, false, nil, err
	}
	pt, err := readPart(name, string(data))
	if err != nil {
		return nil, false, nil, err
	}
	names := pt.names()
	if len(names) == 0 {
		return nil, false, nil, nil
	}
	blocks := c.blocks()
	for _, n := range names {
		if _, ok := blocks[n]; ok {
			return nil, false, nil, &TemplateError{name, "{{" + n + "}}", ErrNotInBody}
		}
	}
	filled, err := pt.fill(textValues(c.r), nil)
	return filled, true, names, err
}

// coreXML is the report's document properties: title, subject, author,
// language, and its dates, which are when its content last changed
// (report.Report.Modified, never the clock's).
func coreXML(r *report.Report) []byte {
	creator := r.Organisation
	if creator == "" {
		creator = report.Creator
	}
	date := modified(r).Format("2006-01-02T15:04:05Z")
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, p := range [][2]string{{"dc:title", r.DocumentTitle()}, {"dc:subject", r.Subject()}, {"dc:creator", creator}, {"cp:lastModifiedBy", report.Creator}, {"dc:language", language(r)}} {
		b.WriteString("<" + p[0] + ">")
		escape(&b, p[1])
		b.WriteString("</" + p[0] + ">")
	}
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

// modified is when the report's content last changed, in UTC; the report's
// date for a report model that does not say.
func modified(r *report.Report) time.Time {
	if r.Modified.IsZero() {
		return r.Date.UTC()
	}
	return r.Modified.UTC()
}

// language is the report's language tag, en-GB for a report model that
// does not say.
func language(r *report.Report) string {
	if r.Language == "" {
		return "en-GB"
	}
	return r.Language
}

// styleElement matches a style of the styles part, headerOrFooterName the
// name of the header and footer styles, and rightTab the position of a
// right tab stop.
var (
	styleElement       = regexp.MustCompile(`(?s)<w:style\b.*?</w:style>`)
	headerOrFooterName = regexp.MustCompile(`<w:name w:val="(?i:header|footer)"/>`)
	rightTab           = regexp.MustCompile(`(<w:tab w:val="(?:right|end)" w:pos=")\d+(")`)
)

// defaultLang matches the language of the template's default run
// properties, and rPrDefault the place to put it when there is none.
var (
	defaultLang = regexp.MustCompile(`(<w:docDefaults>\s*<w:rPrDefault>\s*<w:rPr>(?:[^<]|<[^/]|</[^w]|</w:[^r])*?<w:lang\b[^>]*?\bw:val=")[^"]*(")`)
	rPrDefault  = regexp.MustCompile(`(?s)<w:docDefaults>\s*<w:rPrDefault>\s*<w:rPr>.*?(</w:rPr>)`)
	docDefaults = regexp.MustCompile(`<w:docDefaults>`)
)

// styles is the template's styles part with the report's language as the
// language of all text (w:lang of the document defaults), which Word's
// proofing tools and screen readers follow, and the right tab stops of the
// header and footer styles at the right margin, width twips from the left.
// (The default template's header and footer reach the margin with an
// absolute tab, w:ptab, which Word places whatever the page's size but
// LibreOffice takes for an ordinary tab.)
func (t *template) styles(lang string, width int) ([]byte, error) {
	data, err := t.read(stylesPart)
	if err != nil || data == nil {
		return data, err
	}
	data = styleElement.ReplaceAllFunc(data, func(style []byte) []byte {
		if !headerOrFooterName.Match(style) {
			return style
		}
		return rightTab.ReplaceAll(style, []byte("${1}"+strconv.Itoa(width)+"${2}"))
	})
	attr := []byte(escaped(lang))
	if m := defaultLang.FindSubmatchIndex(data); m != nil {
		return slices.Concat(data[:m[3]], attr, data[m[4]:]), nil
	}
	lang = `<w:lang w:val="` + escaped(lang) + `"/>`
	if m := rPrDefault.FindSubmatchIndex(data); m != nil { // last but for East Asian layout
		return slices.Concat(data[:m[2]], []byte(lang), data[m[2]:]), nil
	}
	if m := docDefaults.FindIndex(data); m != nil {
		return slices.Concat(data[:m[1]], []byte(`<w:rPrDefault><w:rPr>`+lang+`</w:rPr></w:rPrDefault>`), data[m[1]:]), nil
	}
	return t.insertAfterRoot(data, `<w:docDefaults><w:rPrDefault><w:rPr>`+lang+`</w:rPr></w:rPrDefault></w:docDefaults>`)
}

// rootStart matches the start tag of a part's root element.
var rootStart = regexp.MustCompile(`<w:styles\b[^>]*>`)

func (t *template) insertAfterRoot(data []byte, addition string) ([]byte, error) {
	m := rootStart.FindIndex(data)
	if m == nil || bytes.HasSuffix(data[:m[1]], []byte("/>")) {
		return nil, templateError("%s has no w:styles element", stylesPart)
	}
	return slices.Concat(data[:m[1]], []byte(addition), data[m[1]:]), nil
}
