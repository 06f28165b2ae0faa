package docxreport

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenParts are the parts of the sample's report compared with goldens.
var goldenParts = []string{
	"word/document.xml",
	"word/header1.xml",
	"word/footer1.xml",
	"word/styles.xml",
	"docProps/core.xml",
	"word/charts/chart1.xml",
	"word/charts/chart2.xml",
	"word/_rels/document.xml.rels",
	"[Content_Types].xml",
}

func TestGolden(t *testing.T) {
	got := parts(t, renderDOCX(t, sampleReport(t, allSections), Options{}))
	for _, name := range goldenParts {
		t.Run(name, func(t *testing.T) {
			data, ok := got[name]
			if !ok {
				t.Fatalf("the report has no part %s", name)
			}
			golden := filepath.Join("testdata", "sample_"+strings.NewReplacer("/", "_", "[", "", "]", "").Replace(name)+".golden")
			text := indent(t, name, data)
			if want := testtool.Golden(t, golden, []byte(text), *update); text != string(want) {
				t.Errorf("%s differs from %s (run go test -update to accept):\n%s", name, golden, firstDifference(text, string(want)))
			}
		})
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + g[i] + "\n want " + w[i]
		}
	}
	return "lengths differ: got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}

func TestDeterministic(t *testing.T) {
	r := sampleReport(t, allSections)
	first, second := renderDOCX(t, r, Options{}), renderDOCX(t, r, Options{})
	if !bytes.Equal(first, second) {
		t.Fatal("two renderings of the same report differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, zipTime)
		}
	}
}

func TestCoreProperties(t *testing.T) {
	r := sampleReport(t, allSections)
	r.Modified = time.Date(2026, time.November, 28, 10, 11, 12, 0, time.FixedZone("CET", 3600))
	r.Language = "cy-GB"
	core := string(parts(t, renderDOCX(t, r, Options{}))["docProps/core.xml"])
	for _, want := range []string{
		"<dc:title>CPC Improvement Plan 2018 – 2020 – Year 1 Progress / Update Report @ 31 July 2019</dc:title>",
		"<dc:subject>CPC Improvement Plan 2018 – 2020 – Year 1 Progress / Update Report @ 31 July 2019</dc:subject>",
		"<dc:creator>Perth and Kinross Child Protection Committee</dc:creator>",
		"<dc:language>cy-GB</dc:language>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-28T09:11:12Z</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-28T09:11:12Z</dcterms:modified>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, core)
		}
	}
}

// editTemplate returns the default template with part name changed by edit.
func editTemplate(t testing.TB, name string, edit func(string) string) []byte {
	t.Helper()
	return rezip(t, templates.ReportDOCX, func(n string, data []byte) []byte {
		if n != name {
			return data
		}
		changed := edit(string(data))
		if changed == string(data) {
			t.Fatalf("the edit of %s changed nothing", name)
		}
		return []byte(changed)
	})
}

// rezip rewrites every part of a .docx through change.
func rezip(t testing.TB, docx []byte, change func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	in := parts(t, docx)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(change(f.Name, in[f.Name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// paragraphOf matches the default template's paragraph holding placeholder.
func paragraphOf(placeholder string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)<w:p>\s*<w:pPr>\s*<w:pStyle w:val="\w+"/>\s*</w:pPr>\s*<w:r>\s*<w:t>` + regexp.QuoteMeta(placeholder) + `</w:t>\s*</w:r>\s*</w:p>`)
}

func removeParagraph(placeholder string) func(string) string {
	return func(s string) string { return paragraphOf(placeholder).ReplaceAllString(s, "") }
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

func TestTemplateErrors(t *testing.T) {
	noChart := report.Sections{Exceptions: true, Trends: true}
	tests := []struct {
		name     string
		template []byte
		sections report.Sections
		want     error  // nil for no error
		mention  string // what the message must name
	}{
		{"default template", nil, allSections, nil, ""},
		{"not a zip", []byte("PK not really"), allSections, ErrNotDocx, "not a Word document (.docx)"},
		{"a zip with no document (a workbook)", mustRead(t, "../../inputs/cpc-improvement-plan.xlsx"), allSections, ErrNotDocx, "it has no word/document.xml"},
		{"missing maintenance", editTemplate(t, documentPart, removeParagraph("{{maintenance}}")), allSections, ErrMissingPlaceholder, "{{maintenance}}"},
		{"missing title", editTemplate(t, documentPart, removeParagraph("{{title}}")), allSections, ErrMissingPlaceholder, "{{title}}"},
		{"missing chart, chart on", editTemplate(t, documentPart, removeParagraph("{{chart}}")), allSections, ErrMissingPlaceholder, "{{chart}}"},
		{"missing chart, chart off", editTemplate(t, documentPart, removeParagraph("{{chart}}")), noChart, nil, ""},
		{"missing history, history on (a template made before it)", editTemplate(t, documentPart, removeParagraph("{{history}}")), allSections, nil, ""},
		{"missing exceptions, exceptions off", editTemplate(t, documentPart, removeParagraph("{{exceptions}}")), report.Sections{}, nil, ""},
		{"unknown placeholder", editTemplate(t, documentPart, replace("<w:t>{{legend}}", "<w:t>{{legnd}}")), allSections, ErrUnknownPlaceholder, "{{legnd}}"},
		{"block not alone", editTemplate(t, documentPart, replace("<w:t>{{summary}}", "<w:t>Summary: {{summary}}")), allSections, ErrNotAlone, "{{summary}}"},
		{"block in header", editTemplate(t, "word/header1.xml", replace("{{short_title}}", "{{actions}}")), allSections, ErrNotInBody, "{{actions}}"},
		{"strict format", editTemplate(t, documentPart, replace(`xmlns:w="`+wNS, `xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main`)), allSections, errAny, "usual Word format"},
		{"broken XML", editTemplate(t, documentPart, replace("</w:body>", "</w:bdy>")), allSections, errAny, "not well-formed"},
	}
	r := sampleReport(t, allSections)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rr := *r
			rr.Sections = tt.sections
			var out bytes.Buffer
			err := Render(&out, &rr, Options{Template: tt.template})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Render: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Render succeeded, want an error")
			}
			if tt.want != errAny && !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %q", err, tt.want)
			}
			var te *TemplateError
			placeholder := tt.want != errAny && tt.want != ErrNotDocx // the others are about a placeholder
			if placeholder && (!errors.As(err, &te) || te.Placeholder != tt.mention) {
				t.Errorf("error %q does not name placeholder %s", err, tt.mention)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
			if out.Len() != 0 {
				t.Errorf("Render wrote %d bytes before failing", out.Len())
			}
		})
	}
}

// errAny stands for an error that is not a TemplateError.
var errAny = errors.New("any error")

func TestSectionsOff(t *testing.T) {
	got := parts(t, renderDOCX(t, sampleReport(t, report.Sections{}), Options{}))
	doc := documentText(t, got[documentPart])
	for _, absent := range []string{"{{", "Exceptions", "RAG at a glance", report.HistoryHeading, "G new", "Why listed"} {
		if strings.Contains(doc, absent) {
			t.Errorf("with every section off the document holds %q", absent)
		}
	}
	for name := range got {
		if strings.Contains(name, "chart") {
			t.Errorf("with the chart off the report has part %s", name)
		}
	}
	if strings.Contains(string(got["[Content_Types].xml"]), "chart") {
		t.Error("with the chart off [Content_Types].xml names a chart")
	}
}

// splitRuns splits every placeholder of the default template over three
// runs with spelling marks between them, as Word does, and adds text
// around {{organisation}}.
func splitRuns(t testing.TB) []byte {
	t.Helper()
	placeholder := regexp.MustCompile(`<w:t>\{\{(\w)(\w+)\}\}</w:t>`)
	split := `<w:t>{{$1</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t>$2</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">}}</w:t>`
	return rezip(t, templates.ReportDOCX, func(name string, data []byte) []byte {
		if name != documentPart && !isHeaderOrFooter(name) {
			return data
		}
		s := placeholder.ReplaceAllString(string(data), split)
		s = strings.Replace(s, "<w:t>{{o</w:t>", `<w:t xml:space="preserve">Prepared by {{o</w:t>`, 1)
		return []byte(s)
	})
}

func TestSplitPlaceholders(t *testing.T) {
	template := splitRuns(t)
	if bytes.Contains(template, []byte("{{title}}")) {
		t.Fatal("splitRuns left {{title}} whole")
	}
	got := parts(t, renderDOCX(t, sampleReport(t, allSections), Options{Template: template}))
	doc := documentText(t, got[documentPart])
	header := documentText(t, got["word/header1.xml"])
	for _, c := range []struct{ part, text, want string }{
		{"document", doc, "CPC Improvement Plan 2018 – 2020\n"},
		{"document", doc, "Prepared by Perth and Kinross Child Protection Committee\n"},
		{"document", doc, "1.1: Develop and test further qualitative measures"},
		{"header", header, "CPC Improvement Plan 2018 – 2020\tYear 1 Progress / Update Report @ 31 July 2019"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s lacks %q", c.part, c.want)
		}
	}
	if strings.Contains(doc, "{{") || strings.Contains(header, "{{") {
		t.Error("a placeholder was left in the report")
	}
}

func TestHostileText(t *testing.T) {
	got := parts(t, renderDOCX(t, hostileReport(t), Options{}))
	want := "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> &amp;\nsecond line\nthird\tTabbed\uFFFD\uFFFD\uFFFD ctrl\uFFFD\uFFFD end\uFFFD"
	for _, name := range []string{documentPart, "word/header1.xml", "word/footer1.xml"} {
		if text := documentText(t, got[name]); !strings.Contains(text, want) {
			t.Errorf("%s lacks the hostile text, escaped and cleaned:\n%q", name, text)
		}
	}
	if !strings.Contains(documentText(t, got[documentPart]), "<w:p>not a paragraph</w:p>") {
		t.Error("markup in a text was not kept as text")
	}
	indent(t, "docProps/core.xml", got["docProps/core.xml"]) // must parse
}

func TestTableWidths(t *testing.T) {
	portrait := editTemplate(t, documentPart, replace(`<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`, `<w:pgSz w:w="11906" w:h="16838"/>`))
	tests := []struct {
		name     string
		template []byte
		width    int
	}{
		{"landscape", nil, 16838 - 2*1134},
		{"portrait", portrait, 11906 - 2*1134},
	}
	grid := regexp.MustCompile(`<w:tblW w:w="(\d+)" w:type="dxa"/><w:tblLayout w:type="fixed"/>.*?<w:tblGrid>(.*?)</w:tblGrid>`)
	col := regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := string(parts(t, renderDOCX(t, sampleReport(t, allSections), Options{Template: tt.template}))[documentPart])
			tables := grid.FindAllStringSubmatch(doc, -1)
			if len(tables) != strings.Count(doc, "<w:tbl>") || len(tables) != 6 {
				t.Fatalf("found %d fixed-layout tables of %d tables, want 6", len(tables), strings.Count(doc, "<w:tbl>"))
			}
			for i, m := range tables {
				sum := 0
				for _, c := range col.FindAllStringSubmatch(m[2], -1) {
					sum += atoi(c[1])
				}
				if atoi(m[1]) != tt.width || sum != tt.width {
					t.Errorf("table %d: width %s, columns sum to %d, want %d", i+1, m[1], sum, tt.width)
				}
			}
		})
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestActionTable(t *testing.T) {
	r := sampleReport(t, allSections)
	// The sample has one rated report point, so nothing to compare with:
	// give its actions every trend in turn. The marks are written out by
	// hand, not taken from the code that makes them.
	trendWords := map[report.Trend]string{report.TrendNew: "new", report.TrendBetter: "better",
		report.TrendUnchanged: "unchanged", report.TrendWorse: "worse"}
	outcomes, actions := 0, 0
	words := map[string]int{} // trend words shown, by word
	for _, th := range r.Themes {
		outcomes += len(th.Outcomes)
		for _, o := range th.Outcomes {
			for i := range o.Actions {
				o.Actions[i].Trend = report.Trend(actions % 5)
				if !o.Actions[i].Completed() { // a completed action's cell says so, with no trend
					words[trendWords[o.Actions[i].Trend]]++
				}
				actions++
			}
		}
	}
	for _, e := range r.Exceptions {
		if !e.Action.Completed() {
			words[trendWords[e.Action.Trend]]++
		}
	}
	doc := string(parts(t, renderDOCX(t, r, Options{}))[documentPart])
	tests := []struct {
		name      string
		got, want int
	}{
		// summary, legend, chart, history, exceptions, actions and maintenance headings, and the themes
		{"Heading 1 paragraphs", strings.Count(doc, `<w:pStyle w:val="Heading1"/>`), 7 + len(r.Themes)},
		{"Heading 2 paragraphs (outcomes)", strings.Count(doc, `<w:pStyle w:val="Heading2"/>`), outcomes},
		{"rows spanning the action table", strings.Count(doc, `<w:gridSpan w:val="6"/>`), len(r.Themes) + outcomes},
		{"heading rows (summary, legend, history, exceptions, actions, maintenance)", strings.Count(doc, "<w:tblHeader/>"), 6},
		{"rows kept on one page", strings.Count(doc, "<w:cantSplit/>"), strings.Count(doc, "<w:tr>")},
		{"completed actions marked", strings.Count(doc, ">Completed "), 2},
		// and the history's column of completed actions
		{"completed actions' RAG cells", strings.Count(doc, ">Completed</w:t>"), 2 + 1},
		{"trend marks, which a screen reader says as shapes", strings.Count(doc, "▲") + strings.Count(doc, "▼"), 0},
	}
	for _, word := range trendWords {
		tests = append(tests, struct {
			name      string
			got, want int
		}{"RAG cells saying " + word, strings.Count(doc, ", "+word+"</w:t>"), words[word]})
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

// TestActionsHeading checks that the action table has the heading the PDF
// and the web page give it, as a Heading 1 paragraph just before it.
func TestActionsHeading(t *testing.T) {
	for _, sections := range []report.Sections{allSections, {}} {
		doc := parseXML(t, parts(t, renderDOCX(t, sampleReport(t, sections), Options{}))[documentPart])
		body := doc.first("body").Nodes
		found := false
		for i, n := range body {
			if n.XMLName.Local != "p" || n.text() != report.ActionsHeading {
				continue
			}
			found = true
			if style := n.first("pStyle"); style == nil || style.attr("val") != "Heading1" {
				t.Errorf("sections %+v: %q is not a Heading 1", sections, report.ActionsHeading)
			}
			if i+1 == len(body) || body[i+1].XMLName.Local != "tbl" ||
				body[i+1].first("tblCaption").attr("val") != "Actions / tasks by theme and outcome" {
				t.Errorf("sections %+v: %q is not followed by the action table", sections, report.ActionsHeading)
			}
		}
		if !found {
			t.Errorf("sections %+v: no paragraph %q", sections, report.ActionsHeading)
		}
	}
}

func TestReadStyles(t *testing.T) {
	german := `<w:styles xmlns:w="` + wNS + `">` +
		`<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Aufzhlungszeichen"><w:name w:val="List Bullet"/></w:style></w:styles>`
	tests := []struct {
		name string
		xml  string
		want styleIDs
	}{
		{"default template", "", styleIDs{"Heading1", "Heading2", "TableText", "TableHeading", "ListBullet", "PlanTable"}},
		{"translated ids", german, styleIDs{"berschrift1", "Heading2", "TableText", "TableHeading", "Aufzhlungszeichen", "PlanTable"}},
		{"not XML", "<w:styles", styleIDs{"Heading1", "Heading2", "TableText", "TableHeading", "ListBullet", "PlanTable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readStyles([]byte(tt.xml)); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func BenchmarkRenderSample(b *testing.B) { benchmarkRender(b, sampleReport(b, allSections)) }

func BenchmarkRender10000(b *testing.B) { benchmarkRender(b, bigReport(b, 10000, allSections)) }

func benchmarkRender(b *testing.B, r *report.Report) {
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		if err := Render(&out, r, Options{}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(out.Len()))
	}
}

// FuzzTemplateDocument renders the sample into templates whose document
// part is anything: Render must return an error or a document that parses.
func FuzzTemplateDocument(f *testing.F) {
	def := parts(f, templates.ReportDOCX)[documentPart]
	f.Add(string(def))
	f.Add(string(parts(f, splitRuns(f))[documentPart]))
	f.Add(`<w:document xmlns:w="` + wNS + `"><w:body><w:p><w:r><w:t>{{title}}</w:t></w:r><w:p><w:r><w:t>{{summary}}</w:t></w:r></w:p></w:p></w:body></w:document>`)
	r := sampleReport(f, allSections)
	f.Fuzz(func(t *testing.T, document string) {
		template := rezip(t, templates.ReportDOCX, func(name string, data []byte) []byte {
			if name == documentPart {
				return []byte(document)
			}
			return data
		})
		var out bytes.Buffer
		if Render(&out, r, Options{Template: template}) != nil {
			return
		}
		documentText(t, parts(t, out.Bytes())[documentPart])
	})
}

func BenchmarkRender100(b *testing.B) { benchmarkRender(b, bigReport(b, 100, allSections)) }

// mustRead is the content of file path.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
