package generate

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/htmlreport"
	"github.com/planreport/planreport/internal/pdfreport"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// textTable is a table as a reader gets it: its header cells and each body
// row's cells, every text with its white space collapsed. A RAG cell's
// text is what a screen reader is given: the PDF's /Alt, the web page's
// text less what is hidden from assistive technology, the Word report's
// printed words. A row of one cell across the table is a theme's or an
// outcome's heading, or a note such as "None.".
type textTable struct {
	Head []string
	Rows [][]string
}

// TestFormatsAgree renders the sample and a 120-action plan in all three
// formats, reads each format's tables back as a reader does (the PDF
// through its tagged structure, the Word report through document.xml's
// tables, the web page by parsing it), and compares them cell by cell.
// The web page gives each outcome its own table under a heading, where
// the PDF and Word give one table with a row per theme and outcome; its
// action tables are read as one, their headings as those rows.
func TestFormatsAgree(t *testing.T) {
	modified := time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)
	large := sample.Large(120)
	lr, err := report.Build(large, large.Reports[1].Date, report.Options{Scale: rag.Default(),
		Sections: report.Sections{Exceptions: true, Trends: true, Chart: true, History: true}, Language: "en-GB", Modified: modified})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		r    *report.Report
	}{
		{"sample", sample.Report(report.Sections{Exceptions: true, Trends: true, Chart: true, History: true})},
		{"120 actions", lr},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var pdf, docx, page bytes.Buffer
			if err := pdfreport.Render(&pdf, tt.r, pdfreport.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := docxreport.Render(&docx, tt.r, docxreport.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := htmlreport.Render(&page, tt.r, htmlreport.Options{}); err != nil {
				t.Fatal(err)
			}
			web := htmlTables(t, page.Bytes())
			if len(web) < 4 {
				t.Fatalf("the web page has %d tables", len(web))
			}
			compareTables(t, "Word", wordTables(t, docx.Bytes()), "web page", web)
			compareTables(t, "PDF", pdfTables(t, pdf.Bytes()), "web page", web)
		})
	}
}

// compareTables reports every cell where tables a and b differ, at most
// ten.
func compareTables(t *testing.T, aName string, a []textTable, bName string, b []textTable) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("the %s has %d tables, the %s %d", aName, len(a), bName, len(b))
	}
	diffs := 0
	diff := func(format string, args ...any) {
		if diffs++; diffs <= 10 {
			t.Errorf(format, args...)
		}
	}
	for i := range min(len(a), len(b)) {
		name := fmt.Sprintf("table %d (%q)", i+1, strings.Join(b[i].Head, " | "))
		compareRow(diff, name+", header", aName, a[i].Head, bName, b[i].Head)
		if len(a[i].Rows) != len(b[i].Rows) {
			diff("%s: the %s has %d body rows, the %s %d", name, aName, len(a[i].Rows), bName, len(b[i].Rows))
		}
		for j := range min(len(a[i].Rows), len(b[i].Rows)) {
			compareRow(diff, fmt.Sprintf("%s, row %d", name, j+1), aName, a[i].Rows[j], bName, b[i].Rows[j])
		}
	}
	if diffs > 10 {
		t.Errorf("… and %d more differences", diffs-10)
	}
}

func compareRow(diff func(string, ...any), where, aName string, a []string, bName string, b []string) {
	if len(a) != len(b) {
		diff("%s: the %s has %d cells %q, the %s %d %q", where, aName, len(a), a, bName, len(b), b)
		return
	}
	for k := range a {
		if a[k] != b[k] {
			diff("%s, cell %d:\n\t%s: %q\n\t%s: %q", where, k+1, aName, a[k], bName, b[k])
		}
	}
}

// collapse collapses runs of white space to one space and trims the ends.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// htmlTables reads the web page's tables in order; the action tables of
// the section "actions", with the theme (h3) and outcome (h4) headings
// before them as rows of one cell, are read as one table.
func htmlTables(t *testing.T, page []byte) []textTable {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var tables []textTable
	var actions *textTable
	var walk func(n *html.Node, inActions bool)
	walk = func(n *html.Node, inActions bool) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "section" && attrOf(n, "aria-labelledby") == "actions":
				tables = append(tables, textTable{})
				actions = &tables[len(tables)-1]
				inActions = true
			case inActions && (n.Data == "h3" || n.Data == "h4"):
				actions.Rows = append(actions.Rows, []string{cellText(n)})
				return
			case n.Data == "table":
				tt := htmlTable(n)
				if inActions {
					actions = &tables[len(tables)-1]
					actions.Head = tt.Head
					actions.Rows = append(actions.Rows, tt.Rows...)
				} else {
					tables = append(tables, tt)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inActions)
		}
	}
	walk(doc, false)
	return tables
}

// htmlTable reads one table: the rows of its thead, and of its tbody.
func htmlTable(table *html.Node) textTable {
	var tt textTable
	var rows func(n *html.Node, head bool)
	rows = func(n *html.Node, head bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "thead":
				rows(c, true)
			case "tbody", "tfoot":
				rows(c, false)
			case "tr":
				var cells []string
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.Data == "td" || td.Data == "th") {
						cells = append(cells, cellText(td))
					}
				}
				if head {
					tt.Head = cells
				} else {
					tt.Rows = append(tt.Rows, cells)
				}
			}
		}
	}
	rows(table, false)
	return tt
}

// cellText is an element's text as assistive technology reads it: what
// is aria-hidden left out, a space between elements.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if attrOf(n, "aria-hidden") == "true" {
				return
			}
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		b.WriteString(" ")
	}
	walk(n)
	return collapse(b.String())
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// wordTables reads the tables of the Word report's document.xml: a row
// marked as a header row (w:tblHeader) gives the header cells; a cell's
// text is its paragraphs', a space apart.
func wordTables(t *testing.T, docx []byte) []textTable {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(f)
	var tables []textTable
	var row []string
	var cell strings.Builder
	depth, header, inText := 0, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != w {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				if depth++; depth == 1 {
					tables = append(tables, textTable{})
				}
			case "tr":
				row, header = nil, false
			case "tblHeader":
				header = true
			case "tc":
				cell.Reset()
			case "p", "br", "tab":
				cell.WriteString(" ")
			case "t":
				inText = true
			}
		case xml.EndElement:
			if e.Name.Space != w {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				depth--
			case "t":
				inText = false
			case "tc":
				row = append(row, collapse(cell.String()))
			case "tr":
				tt := &tables[len(tables)-1]
				if header {
					tt.Head = row
				} else {
					tt.Rows = append(tt.Rows, row)
				}
			}
		case xml.CharData:
			if inText {
				cell.Write(e)
			}
		}
	}
	return tables
}

// pdfStructure is what pdfreport's testdata/pdfua.py reads of a PDF's
// structure: every element in document order, with its kids, its /Alt
// and the text of its marked content and its kids'.
type pdfStructure struct {
	Elements []struct {
		Type string  `json:"type"`
		Alt  *string `json:"alt"`
		Kids []int   `json:"kids"`
		Text string  `json:"text"`
	} `json:"elements"`
}

// pdfTables reads the tables of the PDF's tagged structure, with pikepdf
// through pdfreport's testdata/pdfua.py: each Table's TRs, those in THead
// its header; a cell's text is its /Alt where it has one (what a screen
// reader says), else its content's text, less the list items' bullets
// (the Lbl elements), which the web page and Word draw as list marks.
func pdfTables(t *testing.T, pdf []byte) []textTable {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import pikepdf").Run(); err != nil {
		testtool.Missing(t, "python3-pikepdf", "apt-get install python3-pikepdf")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "../pdfreport/testdata/pdfua.py", path).Output()
	if err != nil {
		t.Fatalf("pdfua.py: %v", err)
	}
	var s pdfStructure
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("pdfua.py: %v", err)
	}
	els := s.Elements
	text := func(i int) string {
		e := els[i]
		if e.Alt != nil && *e.Alt != "" {
			return *e.Alt
		}
		var lines []string
		for _, l := range strings.Split(e.Text, "\n") {
			if l != "•" {
				lines = append(lines, l)
			}
		}
		return collapse(strings.Join(lines, " "))
	}
	var tables []textTable
	var rows func(i int, tt *textTable, head bool)
	rows = func(i int, tt *textTable, head bool) {
		for _, k := range els[i].Kids {
			switch els[k].Type {
			case "THead":
				rows(k, tt, true)
			case "TBody", "TFoot":
				rows(k, tt, false)
			case "TR":
				var cells []string
				for _, c := range els[k].Kids {
					if els[c].Type == "TH" || els[c].Type == "TD" {
						cells = append(cells, text(c))
					}
				}
				if head {
					tt.Head = cells
				} else {
					tt.Rows = append(tt.Rows, cells)
				}
			}
		}
	}
	for i, e := range els {
		if e.Type == "Table" {
			tables = append(tables, textTable{})
			rows(i, &tables[len(tables)-1], false)
		}
	}
	return tables
}
