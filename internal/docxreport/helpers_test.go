package docxreport

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

var allSections = report.Sections{Exceptions: true, Trends: true, Chart: true, History: true}

// sampleReport is the seed's report at its latest report point.
func sampleReport(t testing.TB, sections report.Sections) *report.Report {
	t.Helper()
	return sample.Report(sections)
}

func bigReport(t testing.TB, n int, sections report.Sections) *report.Report {
	t.Helper()
	p := sample.Large(n)
	r, err := report.Build(p, p.Reports[1].Date, report.Options{Scale: rag.Default(), Sections: sections})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// hostile is text with everything that must be escaped, broken or
// dropped: XML's special characters, line breaks, tabs, control
// characters, characters XML forbids and invalid UTF-8.
const hostile = "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> &amp;\nsecond line\r\nthird\tTabbed\x01\x02\x1b ctrl\uFFFE\uFFFF end\xff"

// hostileReport is the sample's report with hostile text in every field,
// built directly so that report.Clean has not touched it.
func hostileReport(t testing.TB) *report.Report {
	r := sampleReport(t, allSections)
	r.Title = "Title " + hostile
	r.ShortTitle = "Short " + hostile
	r.Organisation = "Org " + hostile
	a := &r.Themes[0].Outcomes[0].Actions[0]
	a.Text = hostile
	a.Leads = []string{hostile}
	a.Points = []string{hostile, "<w:p>not a paragraph</w:p>"}
	r.Themes[0].Name = "Theme " + hostile
	r.Maintenance.Tasks[0].Text = hostile
	return r
}

// renderDOCX renders r, and checks that no part of it has a data
// descriptor (see TestNoDataDescriptor).
func renderDOCX(t testing.TB, r *report.Report, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	checkNoDataDescriptor(t, "the report", b.Bytes())
	return b.Bytes()
}

// parts reads every part of a .docx.
func parts(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		m[f.Name] = data
	}
	return m
}

// indent rewrites an XML part one element per line, indented, with its
// prefixes as written, so that goldens show differences structurally.
func indent(t testing.TB, name string, data []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	depth := 0
	open := false // a start tag is written up to its attributes
	line := func() {
		if open {
			b.WriteString(">")
			open = false
		}
		b.WriteString("\n" + strings.Repeat("  ", depth))
	}
	qname := func(n xml.Name) string {
		if n.Space == "" {
			return n.Local
		}
		return n.Space + ":" + n.Local
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return strings.TrimSpace(b.String()) + "\n"
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			line()
			b.WriteString("<" + qname(tok.Name))
			for _, a := range tok.Attr {
				var v strings.Builder
				xml.EscapeText(&v, []byte(a.Value))
				b.WriteString(" " + qname(a.Name) + `="` + v.String() + `"`)
			}
			open = true
			depth++
		case xml.EndElement:
			depth--
			if open {
				b.WriteString("/>")
				open = false
				continue
			}
			line()
			b.WriteString("</" + qname(tok.Name) + ">")
		case xml.CharData:
			// Whitespace with a line break is the sources' indentation.
			if s := string(tok); strings.TrimSpace(s) != "" || !strings.Contains(s, "\n") {
				line()
				b.WriteString(strconv.Quote(s))
			}
		case xml.ProcInst:
			line()
			b.WriteString("<?" + tok.Target + " " + string(tok.Inst) + "?>")
		}
	}
}

// documentText is the text of a WordprocessingML part as Word shows it:
// w:t as text, w:br as "\n", w:tab as "\t", and "\n" after each paragraph.
func documentText(t testing.TB, data []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Space != wNS:
			case tok.Name.Local == "t":
				inT = true
			case tok.Name.Local == "br":
				b.WriteString("\n")
			case tok.Name.Local == "tab" || tok.Name.Local == "ptab":
				b.WriteString("\t")
			}
		case xml.EndElement:
			inT = false
			if tok.Name.Space == wNS && tok.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inT {
				b.Write(tok)
			}
		}
	}
}
