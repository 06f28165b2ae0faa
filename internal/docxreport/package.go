package docxreport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/nguyenthenguyen/docx"

	"github.com/planreport/planreport/internal/report"
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

func openTemplate(data []byte) (*template, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("Word template: not a .docx file: %w", err)
	}
	return &template{data: data, files: zr.File}, nil
}

// document reads the template's document part for its placeholders. It is
// read with nguyenthenguyen/docx, the library that fills in Word templates
// in planreport's stack; the report is not written with its Write (see
// writePackage).
func (t *template) document() (*part, error) {
	opened, err := docx.ReadDocxFromMemory(bytes.NewReader(t.data), int64(len(t.data)))
	if err != nil {
		return nil, fmt.Errorf("Word template: %w", err)
	}
	return readPart(documentPart, opened.Editable().GetContent())
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

// read returns the content of part name; nil when the template has none.
func (t *template) read(name string) ([]byte, error) {
	f := t.file(name)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("Word template: %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("Word template: %s: %w", name, err)
	}
	return data, nil
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
		added = append(added, &addedPart{name: corePart, xml: coreXML(c.r)})
	}
	if c.chart != nil {
		added = append(added, c.chart)
	}
	return added
}

// change returns the new content of part name, or changed false to keep it.
func (t *template) change(name string, c *content) (data []byte, changed bool, found []string, err error) {
	switch {
	case name == corePart:
		return coreXML(c.r), true, nil, nil
	case isHeaderOrFooter(name):
		return t.fillHeaderOrFooter(name, c)
	case name == contentTypesPart:
		data, err = t.addContentTypes(c)
	case name == documentRelsPart && c.chart != nil:
		rel := `<Relationship Id="` + chartRelID + `" Type="` + chartRel + `" Target="` + strings.TrimPrefix(c.chart.name, "word/") + `"/>`
		data, err = t.insert(name, "</Relationships>", rel)
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
	if !t.has(corePart) {
		overrides += `<Override PartName="/` + corePart + `" ContentType="` + coreType + `"/>`
	}
	if c.chart != nil {
		overrides += `<Override PartName="/` + c.chart.name + `" ContentType="` + chartType + `"/>`
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
		return nil, fmt.Errorf("Word template: %s has no %s", name, closing)
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
// and its dates, which are the report's date (never the clock's).
func coreXML(r *report.Report) []byte {
	creator := r.Organisation
	if creator == "" {
		creator = report.Creator
	}
	date := r.Date.UTC().Format("2006-01-02T15:04:05Z")
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, p := range [][2]string{{"dc:title", r.Title}, {"dc:subject", r.Subject()}, {"dc:creator", creator}, {"cp:lastModifiedBy", report.Creator}} {
		b.WriteString("<" + p[0] + ">")
		escape(&b, p[1])
		b.WriteString("</" + p[0] + ">")
	}
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}
