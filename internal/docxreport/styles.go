package docxreport

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// styleIDs are the template's styles the generated content uses.
type styleIDs struct {
	heading1, heading2, tableText, tableHeading, listBullet, table string
}

// styleNames maps each style's name, as Word writes it in every language,
// to where its id goes; the ids of built-in styles are translated by Word.
var styleNames = map[string]func(*styleIDs) *string{
	"heading 1":     func(s *styleIDs) *string { return &s.heading1 },
	"heading 2":     func(s *styleIDs) *string { return &s.heading2 },
	"table text":    func(s *styleIDs) *string { return &s.tableText },
	"table heading": func(s *styleIDs) *string { return &s.tableHeading },
	"list bullet":   func(s *styleIDs) *string { return &s.listBullet },
	"plan table":    func(s *styleIDs) *string { return &s.table },
}

// readStyles finds the ids of the styles the content uses in the template's
// styles part: each w:style element (a child of the root) has its id in
// its w:styleId attribute and its name in its w:name child. A style the
// template lacks keeps the default template's id; reading stops at the
// first thing that is not well-formed XML, keeping the styles read before.
//
// encoding/xml takes about 2 ms over the styles of a template made in Word
// (BenchmarkReadStyles) and 0.2 ms over the default template's: ten times a
// hand-written tag scanner, which this replaced, and too little for anyone
// waiting for a report to notice.
func readStyles(stylesXML []byte) styleIDs {
	ids := styleIDs{"Heading1", "Heading2", "TableText", "TableHeading", "ListBullet", "PlanTable"}
	d := xml.NewDecoder(bytes.NewReader(stylesXML))
	var id, name string // of the w:style being read
	depth := 0          // of the elements open: 1 in the root
	for {
		tok, err := d.Token()
		if err != nil {
			return ids
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && tok.Name.Local == "style":
				id, name = "", ""
				attr(tok, "styleId", &id)
			case depth == 3 && tok.Name.Local == "name":
				attr(tok, "val", &name) // a second w:name changes only what it has
			}
		case xml.EndElement:
			if field, ok := styleNames[strings.ToLower(name)]; ok && depth == 2 && tok.Name.Local == "style" && id != "" {
				*field(&ids) = escaped(id)
			}
			depth--
		}
	}
}

// attr sets *value to e's attribute whose name without prefix is local,
// if it has one (the last, as xml.Unmarshal reads them).
func attr(e xml.StartElement, local string, value *string) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			*value = a.Value
		}
	}
}
