package docxreport

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/planreport/planreport/templates"
)

// FuzzReadStyles checks readStyles, a walk over encoding/xml's tokens,
// against xml.Unmarshal on every styles part that xml.Unmarshal reads.
func FuzzReadStyles(f *testing.F) {
	f.Add(string(parts(f, templates.ReportDOCX)[stylesPart]))
	f.Add(`<w:styles xmlns:w="` + wNS + `"><!-- <w:style w:styleId="No"><w:name w:val="heading 1"/></w:style> -->` +
		`<w:style w:type="paragraph" w:styleId="&#xDC;berschrift1"><w:name w:val="Heading 1"/></w:style>` +
		`<w:style w:styleId='x&amp;y'><w:pPr><w:name w:val="heading 2"/></w:pPr></w:style><w:style w:styleId="E"/></w:styles>`)
	f.Fuzz(func(t *testing.T, styles string) {
		got := readStyles([]byte(styles))
		var parsed struct {
			Style []struct {
				ID   string `xml:"styleId,attr"`
				Name struct {
					Val string `xml:"val,attr"`
				} `xml:"name"`
			} `xml:"style"`
		}
		if xml.Unmarshal([]byte(styles), &parsed) != nil {
			return
		}
		want := readStyles(nil)
		for _, s := range parsed.Style {
			if field, ok := styleNames[strings.ToLower(s.Name.Val)]; ok && s.ID != "" {
				*field(&want) = escaped(s.ID)
			}
		}
		if got != want {
			t.Errorf("readStyles(%q) = %+v, encoding/xml reads %+v", styles, got, want)
		}
	})
}

// wordStyles is a styles part the size of one Word writes for a template
// (about 90 KB): Word's 376 latent-style exceptions and 80 styles with
// their paragraph and run properties, the content's among them.
func wordStyles() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n")
	b.WriteString(`<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="` + wNS + `" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">`)
	for i := range 376 {
		fmt.Fprintf(&b, `<w:lsdException w:name="Grid Table %d Light Accent %d" w:semiHidden="1" w:uiPriority="%d" w:unhideWhenUsed="1"/>`, i, i%6, i%100)
	}
	b.WriteString(`</w:latentStyles>`)
	names := []string{"heading 1", "heading 2", "Table Text", "Table Heading", "List Bullet", "Plan Table"}
	for i := range 80 {
		name := fmt.Sprintf("Custom Style %d", i)
		if i%13 == 0 && i/13 < len(names) {
			name = names[i/13]
		}
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="Style%d"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Style%dChar"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="00A1B2C3"/>`+
			`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="0"/><w:outlineLvl w:val="0"/></w:pPr>`+
			`<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/><w:color w:val="2F5496" w:themeColor="accent1" w:themeShade="BF"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>`, i, name, i)
	}
	b.WriteString(`</w:styles>`)
	return []byte(b.String())
}

// BenchmarkReadStyles reads the styles of a template made in Word.
func BenchmarkReadStyles(b *testing.B) {
	styles := wordStyles()
	if got := readStyles(styles); got.table != "Style65" {
		b.Fatalf("readStyles found %+v", got)
	}
	b.SetBytes(int64(len(styles)))
	b.ReportAllocs()
	for b.Loop() {
		readStyles(styles)
	}
}
