package docxreport

import (
	"html"
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
// styles part: each w:style element has its id in its w:styleId attribute
// and its name in its w:name child. A style the template lacks keeps the
// default template's id.
//
// The part is scanned for those elements rather than parsed: encoding/xml
// takes longer over the styles of a template made in Word (tens of
// kilobytes) than making the rest of a short report does. Comments,
// CDATA sections and processing instructions are skipped; what is not a
// tag is not looked at.
func readStyles(stylesXML []byte) styleIDs {
	ids := styleIDs{"Heading1", "Heading2", "TableText", "TableHeading", "ListBullet", "PlanTable"}
	var id, name string // of the w:style being read
	inStyle := false
	depth := 0 // of the elements open: 1 in the root
	for tag := range tags(string(stylesXML)) {
		if tag.end {
			depth--
			if field, ok := styleNames[strings.ToLower(name)]; ok && depth == 1 && tag.local == "style" && inStyle && id != "" {
				*field(&ids) = escaped(id)
			}
			continue
		}
		switch {
		case depth == 1 && tag.local == "style":
			id, name, inStyle = tag.attr("styleId"), "", !tag.empty
		case depth == 2 && inStyle && tag.local == "name":
			name = tag.attr("val")
		}
		if !tag.empty {
			depth++
		}
	}
	return ids
}

// tag is a start, end or empty-element tag of an XML text.
type tag struct {
	local string // its name without prefix
	attrs string // the text after its name
	end   bool   // </name>
	empty bool   // <name/>
}

// tags yields the tags of XML text s in order, until it ends or a tag is
// not closed.
func tags(s string) func(yield func(tag) bool) {
	return func(yield func(tag) bool) {
		for {
			i := strings.IndexByte(s, '<')
			if i < 0 {
				return
			}
			s = s[i+1:]
			if close, ok := skipped(s); ok {
				i = strings.Index(s, close) + len(close)
			} else {
				i = markupEnd(s) + 1
			}
			if i <= 0 {
				return
			}
			markup := s[:i-1]
			s = s[i:]
			if !strings.HasPrefix(markup, "!") && !yield(readTag(markup)) {
				return
			}
		}
	}
}

// skipped says how the markup after a "<" that starts s ends when it is a
// comment, a CDATA section or a processing instruction.
func skipped(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "!--"):
		return "-->", true
	case strings.HasPrefix(s, "![CDATA["):
		return "]]>", true
	case strings.HasPrefix(s, "?"):
		return "?>", true
	}
	return "", false
}

// markupEnd is the index of the ">" that ends the tag or declaration s
// starts with, or -1: the first outside the quotes of an attribute value
// and outside the markup a declaration holds.
func markupEnd(s string) int {
	var quote byte
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '<' && strings.HasPrefix(s[i+1:], "!--"):
			end := strings.Index(s[i:], "-->")
			if end < 0 {
				return -1
			}
			i += end + 2
		case c == '<':
			depth++
		case c == '>' && depth == 0:
			return i
		case c == '>':
			depth--
		}
	}
	return -1
}

// readTag reads the text of a tag between "<" and ">".
func readTag(s string) tag {
	var t tag
	if t.end = strings.HasPrefix(s, "/"); t.end {
		s = s[1:]
	}
	if t.empty = strings.HasSuffix(s, "/"); t.empty {
		s = s[:len(s)-1]
	}
	name := s
	if i := strings.IndexAny(s, " \t\r\n"); i >= 0 {
		name, t.attrs = s[:i], s[i:]
	}
	t.local = localName(name)
	return t
}

// localName is a tag's or attribute's name without its prefix.
func localName(name string) string {
	prefix, local, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || local == "" {
		return name
	}
	return local
}

// attr is the value of the tag's attribute whose name without prefix is
// local, its references replaced; "" when it has none.
func (t tag) attr(local string) string {
	s := t.attrs
	for {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return ""
		}
		name := strings.TrimSpace(s[:eq])
		value := strings.TrimLeft(s[eq+1:], " \t\r\n")
		if value == "" {
			return ""
		}
		end := strings.IndexByte(value[1:], value[0])
		if end < 0 {
			return ""
		}
		if localName(name) == local {
			return html.UnescapeString(value[1 : end+1])
		}
		s = value[end+2:]
	}
}
