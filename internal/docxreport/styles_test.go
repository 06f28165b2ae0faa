package docxreport

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/planreport/planreport/templates"
)

// FuzzReadStyles checks readStyles against encoding/xml on every styles
// part that encoding/xml reads.
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
