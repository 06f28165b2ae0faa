package htmlreport

import (
	"bytes"
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// allSections switches every optional part on.
var allSections = report.Sections{Exceptions: true, Trends: true, Chart: true, History: true}

// large is the report of sample.Large(n) at its progress report.
func large(t testing.TB, n int) *report.Report {
	t.Helper()
	p := sample.Large(n)
	r, err := report.Build(p, p.Reports[1].Date, report.Options{Scale: rag.Default(), Sections: allSections,
		Language: "en-GB", Modified: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// render renders r and fails the test on error.
func render(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parse parses a page, failing the test when it cannot.
func parse(t testing.TB, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// elements lists the elements under n, in document order, whose tag is one
// of tags (all elements when none is given).
func elements(n *html.Node, tags ...string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && (len(tags) == 0 || slices.Contains(tags, d.Data)) {
			out = append(out, d)
		}
	}
	return out
}

// attr is n's attribute key, and whether it has it.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text is the text under n, as a browser would give it to a screen
// reader: text nodes joined, hidden ones too, scripts and styles left out.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode && d.Parent != nil && d.Parent.Data != "style" && d.Parent.Data != "title" {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// ancestor is the nearest element above n with the tag, or nil.
func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}

// actions lists every action of r.
func actions(r *report.Report) []*report.Action {
	var out []*report.Action
	for _, t := range r.Themes {
		for _, o := range t.Outcomes {
			for i := range o.Actions {
				out = append(out, &o.Actions[i])
			}
		}
	}
	return out
}

// rowAction is the number of the action on a row of the action or
// exceptions table, which leads the text of its second cell ("1.1: …"); ""
// for another row.
func rowAction(cells []*html.Node) string {
	if len(cells) < 2 {
		return ""
	}
	no, _, ok := strings.Cut(strings.TrimSpace(text(cells[1])), ":")
	if !ok || strings.ContainsAny(no, " ") {
		return ""
	}
	return no
}
