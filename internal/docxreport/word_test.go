package docxreport

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// node is an element of an XML part, read whole for the tests.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func parseXML(t testing.TB, data []byte) *node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

// attr is the value of the attribute local of n, whatever its namespace.
func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// all lists the elements named local under n, n included, in document order.
func (n *node) all(local string) []*node {
	var found []*node
	var walk func(m *node)
	walk = func(m *node) {
		if m.XMLName.Local == local {
			found = append(found, m)
		}
		for i := range m.Nodes {
			walk(&m.Nodes[i])
		}
	}
	walk(n)
	return found
}

// first is the first element named local under n, or nil.
func (n *node) first(local string) *node {
	if all := n.all(local); len(all) > 0 {
		return all[0]
	}
	return nil
}

// text is the text of the w:t elements under n.
func (n *node) text() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.Text)
	}
	return b.String()
}

// customScale is a RAG scale with the sample's codes, one light colour and
// one dark.
func customScale() rag.Scale {
	s := rag.Default()
	s.Values[0].Colour = rag.Colour{R: 0x00, G: 0x20, B: 0x60} // #002060
	s.Values[1].Colour = rag.Colour{R: 0xFF, G: 0xFF, B: 0x00} // #FFFF00
	s.Values[2].Colour = rag.Colour{R: 0x80, G: 0x80, B: 0x80} // #808080, where white and black both come close
	return s
}

func scaledReport(t testing.TB, scale rag.Scale) *report.Report {
	t.Helper()
	p := sample.Plan()
	r, err := report.Build(p, p.Reports[len(p.Reports)-1].Date, report.Options{Scale: scale, Sections: allSections})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func hexColour(t *testing.T, s string) rag.Colour {
	t.Helper()
	c, err := rag.ParseColour("#" + s)
	if err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	return c
}

// TestContrast checks every text on a fill, in the document's cells and
// in the chart's bars, has a contrast of at least 4.5:1 (WCAG AA).
func TestContrast(t *testing.T) {
	for _, tt := range []struct {
		name  string
		scale rag.Scale
	}{{"default scale", rag.Default()}, {"light and dark colours", customScale()}} {
		t.Run(tt.name, func(t *testing.T) {
			got := parts(t, renderDOCX(t, scaledReport(t, tt.scale), Options{}))
			fills := 0
			for _, tc := range parseXML(t, got[documentPart]).all("tc") {
				shd := tc.first("shd")
				if shd == nil || tc.text() == "" {
					continue
				}
				fills++
				for _, r := range tc.all("r") {
					text := "000000" // Word's automatic colour on a light fill; the styles set none
					if c := r.first("color"); c != nil {
						text = c.attr("val")
					}
					if ratio := rag.Contrast(hexColour(t, text), hexColour(t, shd.attr("fill"))); ratio < 4.5 {
						t.Errorf("document: %q in %s on %s: contrast %.2f:1", r.text(), text, shd.attr("fill"), ratio)
					}
				}
			}
			bars := 0
			for _, ser := range parseXML(t, got["word/charts/chart1.xml"]).all("ser") {
				fill := ser.first("spPr").first("srgbClr").attr("val")
				text := ser.first("dLbls").first("srgbClr").attr("val")
				bars++
				if ratio := rag.Contrast(hexColour(t, text), hexColour(t, fill)); ratio < 4.5 {
					t.Errorf("chart: label %s on %s: contrast %.2f:1", text, fill, ratio)
				}
			}
			if fills < 20 || bars != len(tt.scale.Values)+1 {
				t.Errorf("checked %d filled cells and %d series, want the RAG cells and %d", fills, bars, len(tt.scale.Values)+1)
			}
		})
	}
}

// TestRAGFill checks from the XML that every action's RAG cell, in the
// exceptions and the action table, is filled with its status's colour and
// says it in words, and that the legend names each value the same way.
func TestRAGFill(t *testing.T) {
	for _, scale := range []rag.Scale{rag.Default(), customScale()} {
		r := scaledReport(t, scale)
		doc := parseXML(t, parts(t, renderDOCX(t, r, Options{}))[documentPart])
		tables := doc.all("tbl")
		if len(tables) != 6 {
			t.Fatalf("%d tables, want 6", len(tables))
		}
		// The legend names each value as the RAG cells do.
		for i, tr := range tables[1].all("tr")[1:] {
			if got := tr.all("tc")[0].text(); i >= len(r.Legend) || got != r.Legend[i].Name {
				t.Errorf("legend row %d reads %q, want the value's name", i+1, got)
			}
		}
		var want []*report.Action
		for _, e := range r.Exceptions {
			want = append(want, e.Action)
		}
		checkRAGCells(t, r, "exceptions", tables[3], 4, want)
		want = nil
		for _, th := range r.Themes {
			for _, o := range th.Outcomes {
				for i := range o.Actions {
					want = append(want, &o.Actions[i])
				}
			}
		}
		checkRAGCells(t, r, "actions", tables[4], 5, want)
	}
}

// checkRAGCells checks the RAG cell (column col) of each action row of
// table, in order, against the actions.
func checkRAGCells(t *testing.T, r *report.Report, name string, table *node, col int, actions []*report.Action) {
	t.Helper()
	var rows []*node
	for _, tr := range table.all("tr") {
		if tr.first("tblHeader") == nil && tr.first("gridSpan") == nil {
			rows = append(rows, tr)
		}
	}
	if len(rows) != len(actions) {
		t.Fatalf("%s: %d action rows, want %d", name, len(rows), len(actions))
	}
	for i, a := range actions {
		cell := rows[i].all("tc")[col]
		shd := cell.first("shd")
		s := r.Status(a)
		fill, ok := s.Fill()
		switch {
		case !ok && (shd != nil || cell.text() != ""):
			t.Errorf("%s: action %s has no RAG, yet its cell is filled or says %q", name, a.No, cell.text())
		case ok && (shd == nil || shd.attr("fill") != fill.Hex()):
			t.Errorf("%s: action %s's RAG cell %q is not filled %s", name, a.No, cell.text(), fill.Hex())
		case ok && cell.text() != s.Words():
			t.Errorf("%s: action %s's RAG cell says %q, not %q", name, a.No, cell.text(), s.Words())
		}
	}
}

// TestNoCommentsOrBlankParagraphs checks that no part carries the
// template's comments and that the body has no empty paragraph but where
// Word needs one: between two tables, and after a table that ends the body.
func TestNoCommentsOrBlankParagraphs(t *testing.T) {
	for name, data := range parts(t, renderDOCX(t, sampleReport(t, allSections), Options{})) {
		if bytes.Contains(data, []byte("<!--")) {
			t.Errorf("%s holds an XML comment", name)
		}
	}
	for _, sections := range []report.Sections{allSections, {}} {
		doc := parseXML(t, parts(t, renderDOCX(t, sampleReport(t, sections), Options{}))[documentPart])
		body := doc.first("body").Nodes
		for i, n := range body {
			if n.XMLName.Local != "p" || n.text() != "" || n.first("drawing") != nil || n.first("sectPr") != nil {
				continue
			}
			before := i > 0 && body[i-1].XMLName.Local == "tbl"
			after := i+1 == len(body) || body[i+1].XMLName.Local == "tbl" || body[i+1].XMLName.Local == "sectPr"
			if !before || !after {
				t.Errorf("sections %+v: body element %d is an empty paragraph, not between tables", sections, i+1)
			}
		}
	}
}

func TestTrendNote(t *testing.T) {
	tests := []struct {
		name   string
		trends bool
		mark   bool
		want   bool
	}{
		{"no action has a mark", true, false, false},
		{"an action has a mark", true, true, true},
		{"trends off", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleReport(t, report.Sections{Trends: tt.trends})
			if tt.mark {
				r.Themes[1].Outcomes[0].Actions[0].Trend = report.TrendWorse
			}
			doc := documentText(t, parts(t, renderDOCX(t, r, Options{}))[documentPart])
			if got := strings.Contains(doc, report.TrendWords); got != tt.want {
				t.Errorf("trend note shown: %v, want %v", got, tt.want)
			}
		})
	}
}

// TestChartAltText checks that the chart's alternative text gives every
// bar's figures: its total and the count of each RAG value.
func TestChartAltText(t *testing.T) {
	r := scaledReport(t, rag.Default())
	doc := parseXML(t, parts(t, renderDOCX(t, r, Options{}))[documentPart])
	descr := doc.first("docPr").attr("descr")
	bars := append([]report.ChartRow{{Label: report.OverallLabel, Counts: r.Chart.Overall}}, r.Chart.Rows...)
	for _, bar := range bars {
		total := 0
		var want []string
		for i, v := range r.Chart.Segments {
			total += bar.Counts[i]
			want = append(want, v.Name+" "+strconv.Itoa(bar.Counts[i]))
		}
		figures := regexp.MustCompile(regexp.QuoteMeta(bar.Label+": ") + strconv.Itoa(total) + ` actions? / tasks? – ` + regexp.QuoteMeta(strings.Join(want, ", ")) + `[;.]`)
		if !figures.MatchString(descr) {
			t.Errorf("the chart's alt text lacks %s's figures (%d in all, %s):\n%s", bar.Label, total, strings.Join(want, ", "), descr)
		}
	}
}

// TestChartData checks the chart's one value axis and that its embedded
// workbook holds exactly the figures the chart caches, in the cells its
// formulas name, so that Word's "Edit Data" shows the chart's data.
func TestChartData(t *testing.T) {
	for name, r := range map[string]*report.Report{
		"the sample":                             scaledReport(t, rag.Default()),
		"actions completed in an earlier period": sample.RolledReport(allSections),
	} {
		t.Run(name, func(t *testing.T) { checkChartData(t, r) })
	}
}

func checkChartData(t *testing.T, r *report.Report) {
	got := parts(t, renderDOCX(t, r, Options{}))
	chart := parseXML(t, got["word/charts/chart1.xml"])
	axis := r.Chart.Axis()
	if axes := chart.all("valAx"); len(axes) != 1 || axes[0].first("max").attr("val") != strconv.Itoa(axis.Max) ||
		axes[0].first("majorUnit").attr("val") != strconv.Itoa(axis.Step) || axis.Max < r.Chart.Scale() ||
		axes[0].first("min").attr("val") != "0" || !strings.Contains(string(got["word/charts/chart1.xml"]), "<a:t>"+report.ChartAxis+"</a:t>") {
		t.Errorf("the chart has not one value axis from 0 to %d every %d labelled %q", axis.Max, axis.Step, report.ChartAxis)
	}
	rels := string(got["word/charts/_rels/chart1.xml.rels"])
	id := chart.first("externalData").attr("id")
	if id == "" || !strings.Contains(rels, `Id="`+id+`"`) || !strings.Contains(rels, `Target="../embeddings/Microsoft_Excel_Worksheet1.xlsx"`) ||
		chart.first("autoUpdate").attr("val") != "0" {
		t.Fatalf("the chart's external data %q does not lead to its workbook:\n%s", id, rels)
	}
	if !strings.Contains(string(got[contentTypesPart]), `PartName="/word/embeddings/Microsoft_Excel_Worksheet1.xlsx" ContentType="`+xlsxType+`"`) {
		t.Error("[Content_Types].xml does not type the workbook")
	}
	f, err := excelize.OpenReader(bytes.NewReader(got["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs := chart.all("f")
	if len(refs) != 3*len(r.Chart.Segments) {
		t.Errorf("%d formulas, want 3 per series", len(refs))
	}
	series := chart.all("ser")
	bars := make([]int, len(r.Chart.Rows)+1) // each bar's total over the series
	var names []string
	for i, ser := range series {
		for _, ref := range []*node{ser.first("tx"), ser.first("cat"), ser.first("val")} {
			checkCache(t, f, ref)
		}
		want := []string{strconv.Itoa(r.Chart.Overall[i])}
		for _, row := range r.Chart.Rows {
			want = append(want, strconv.Itoa(row.Counts[i]))
		}
		var cached []string
		for j, pt := range ser.first("val").all("v") {
			cached = append(cached, pt.Text)
			if j < len(bars) {
				bars[j] += atoi(pt.Text)
			}
		}
		if !slices.Equal(cached, want) {
			t.Errorf("series %d holds %v, want the report's figures %v", i, cached, want)
		}
		name := ser.first("tx").first("v").Text
		names = append(names, name)
		format := ser.first("dLbls").first("numFmt").attr("formatCode")
		if completed := name == report.CompletedStatus; completed != strings.HasPrefix(format, `"✓ "`) {
			t.Errorf("series %q labels its counts %q; the completed one, and only it, with its mark", name, format)
		}
	}
	// The bars count what the summary's Total counts: every action.
	if total := r.Summary[len(r.Summary)-1].Total; bars[0] != total || r.Chart.Scale() != total {
		t.Errorf("the overall bar counts %d on a scale to %d; the summary's Total is %d", bars[0], r.Chart.Scale(), total)
	}
	i := 1
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			if bars[i] != len(o.Actions) {
				t.Errorf("outcome %s's bar counts %d; its table lists %d", o.Number, bars[i], len(o.Actions))
			}
			i++
		}
	}
	if !slices.Contains(names, report.CompletedStatus) {
		t.Errorf("series %q: none for the completed actions", names)
	}
}

// checkCache checks that the cells the formula under ref names hold the
// points cached under it.
func checkCache(t *testing.T, f *excelize.File, ref *node) {
	t.Helper()
	formula := ref.first("f").Text
	m := regexp.MustCompile(`^Sheet1!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$`).FindStringSubmatch(formula)
	if m == nil {
		t.Fatalf("formula %q", formula)
	}
	from, _ := strconv.Atoi(m[2])
	to := from
	if m[4] != "" {
		to, _ = strconv.Atoi(m[4])
	}
	var cached []string
	for _, pt := range ref.all("pt") {
		cached = append(cached, pt.first("v").Text)
	}
	var cells []string
	for row := from; row <= to; row++ {
		v, err := f.GetCellValue("Sheet1", m[1]+strconv.Itoa(row))
		if err != nil {
			t.Fatal(err)
		}
		cells = append(cells, v)
	}
	if !slices.Equal(cells, cached) {
		t.Errorf("%s holds %q, the chart caches %q", formula, cells, cached)
	}
}

// TestRowsKeptWhole checks that a row that fits on a page is kept whole
// (w:cantSplit) and that a row that may be taller than a page is not:
// Word would cut it off at the foot of the page.
func TestRowsKeptWhole(t *testing.T) {
	doc := parseXML(t, parts(t, renderDOCX(t, longUpdate(t), Options{}))[documentPart])
	long := 0
	for _, tr := range doc.all("tr") {
		kept := tr.first("cantSplit") != nil
		isLong := strings.Contains(tr.text(), "w00000")
		if isLong {
			long++
		}
		if kept == isLong {
			t.Errorf("row %.40q: kept whole %v, want %v", tr.text(), kept, !isLong)
		}
	}
	if long != 1 {
		t.Errorf("%d rows hold the long update, want 1", long)
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name               string
		total              int
		shares, mins, want []int
	}{
		{"no minimums", 1000, []int{1, 1, 2}, []int{0, 0, 0}, []int{250, 250, 500}},
		{"minimums met", 1000, []int{1, 1, 2}, []int{100, 100, 100}, []int{250, 250, 500}},
		{"one column widened", 1000, []int{1, 4, 5}, []int{300, 0, 0}, []int{300, 311, 389}},
		{"widening one narrows another below its minimum", 1000, []int{1, 1, 8}, []int{300, 0, 650}, []int{300, 50, 650}},
		{"minimums too wide", 1000, []int{1, 1}, []int{1000, 1000}, []int{500, 500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fit(tt.total, tt.shares, tt.mins)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fit(%d, %v, %v) = %v, want %v", tt.total, tt.shares, tt.mins, got, tt.want)
			}
		})
	}
}

// TestPortraitTemplate checks that the tables and the header's and
// footer's right tab follow a template's page size and margins.
func TestPortraitTemplate(t *testing.T) {
	got := parts(t, renderDOCX(t, sampleReport(t, allSections), Options{Template: portraitTemplate(t)}))
	const width = 11906 - 2*1800
	doc := parseXML(t, got[documentPart])
	for i, tbl := range doc.all("tbl") {
		if w := tbl.first("tblW").attr("w"); w != strconv.Itoa(width) {
			t.Errorf("table %d is %s twips wide, want %d", i+1, w, width)
		}
	}
	for _, style := range parseXML(t, got[stylesPart]).all("style") {
		name := style.first("name").attr("val")
		tab := style.first("tab")
		// The footer style is based on the header style, and takes its tab.
		if name == "header" && tab == nil || (name == "header" || name == "footer") && tab != nil && (tab.attr("val") != "right" || tab.attr("pos") != strconv.Itoa(width)) {
			t.Errorf("style %s has no right tab at %d", name, width)
		}
	}
	for _, name := range []string{"word/header1.xml", "word/footer1.xml"} {
		if ptab := parseXML(t, got[name]).first("ptab"); ptab == nil || ptab.attr("relativeTo") != "margin" || ptab.attr("alignment") != "right" {
			t.Errorf("%s does not reach the right margin with w:ptab", name)
		}
	}
	summary := doc.all("tbl")[0].all("gridCol")
	if w, _ := strconv.Atoi(summary[0].attr("w")); w < minWidth(true, "03/10/2018") {
		t.Errorf("the summary's date column is %d twips wide, less than a date", w)
	}
}

// TestAccessibility checks the rules of Word's Accessibility Checker that
// can be read from the XML (contrast and blank paragraphs have tests of
// their own).
func TestAccessibility(t *testing.T) {
	r := sampleReport(t, allSections)
	r.Language = "en-US"
	got := parts(t, renderDOCX(t, r, Options{}))
	doc := parseXML(t, got[documentPart])
	t.Run("alt text on every object", func(t *testing.T) {
		drawings := doc.all("docPr")
		for _, d := range drawings {
			if strings.TrimSpace(d.attr("descr")) == "" {
				t.Errorf("drawing %q has no alt text", d.attr("name"))
			}
		}
		if len(drawings) != 2 {
			t.Errorf("%d drawings, want the two charts", len(drawings))
		}
	})
	t.Run("no floating objects", func(t *testing.T) {
		if len(doc.all("anchor")) != 0 || len(doc.all("inline")) != 2 {
			t.Error("the charts are not inline with the text")
		}
	})
	t.Run("every table has a repeating header row and a title", func(t *testing.T) {
		for i, tbl := range doc.all("tbl") {
			if tbl.first("tr").first("tblHeader") == nil || tbl.first("tblCaption").attr("val") == "" {
				t.Errorf("table %d lacks a header row marked to repeat, or a title", i+1)
			}
		}
	})
	t.Run("headings in order", func(t *testing.T) {
		level := 0 // the Title
		for i, p := range doc.all("pStyle") {
			style := p.attr("val")
			if i == 0 && style != "Title" {
				t.Fatalf("the document starts with %s, not the Title", style)
			}
			next, ok := map[string]int{"Heading1": 1, "Heading2": 2}[style]
			if !ok {
				continue
			}
			if next > level+1 {
				t.Fatalf("%s after heading level %d skips a level", style, level)
			}
			level = next
		}
		if level == 0 {
			t.Error("no headings")
		}
	})
	t.Run("document title", func(t *testing.T) {
		if title := parseXML(t, got[corePart]).first("title"); title == nil || title.Text != r.Title+" – "+r.Heading() {
			t.Errorf("dc:title is not the plan's title and the report point")
		}
	})
	t.Run("language", func(t *testing.T) {
		styles := parseXML(t, got[stylesPart])
		if lang := styles.first("docDefaults").first("lang"); lang == nil || lang.attr("val") != "en-US" {
			t.Errorf("the document defaults' language is not the report's")
		}
		if lang := parseXML(t, got[corePart]).first("language"); lang == nil || lang.Text != "en-US" {
			t.Errorf("dc:language is not the report's")
		}
	})
}

// TestLanguageInserted checks the report's language reaches a template
// whose styles give none.
func TestLanguageInserted(t *testing.T) {
	for _, edit := range []func(string) string{
		func(s string) string { return regexp.MustCompile(`<w:lang [^>]*/>`).ReplaceAllString(s, "") },
		func(s string) string {
			return regexp.MustCompile(`(?s)<w:docDefaults>.*</w:docDefaults>`).ReplaceAllString(s, "")
		},
	} {
		r := sampleReport(t, allSections)
		r.Language = "gd-GB"
		got := parts(t, renderDOCX(t, r, Options{Template: editTemplate(t, stylesPart, edit)}))
		if lang := parseXML(t, got[stylesPart]).first("docDefaults").first("lang"); lang == nil || lang.attr("val") != "gd-GB" {
			t.Errorf("the language is not in the document defaults:\n%.600s", got[stylesPart])
		}
	}
}

// TestTrendMarks reads the RAG cells of the moving plan's report, in the
// exceptions and the action table: each says its value's name and, in
// words, how it moved since year 1 (Word prints no ▲ or ▼, which a screen
// reader reads as shapes). What each action shows is written out here by
// hand, from the plan's documentation, not taken from the code that makes
// it.
func TestTrendMarks(t *testing.T) {
	want := map[string]struct {
		words string
		rows  int // in the action table, and in the exceptions when Red or Amber
	}{
		"1.1": {"Red, worse", 2},
		"1.2": {"Green, better", 1},
		"1.3": {"Amber, unchanged", 2},
		"1.4": {"Amber, better", 2},
		"1.5": {"Amber, worse", 2},
		"2.1": {"Green, new", 1},
		"2.2": {"Amber", 2},
		"2.3": {"No RAG given", 1},
	}
	doc := parseXML(t, parts(t, renderDOCX(t, sample.MovingReport(allSections), Options{}))[documentPart])
	found := map[string]int{}
	for _, tbl := range doc.all("tbl") {
		col := -1
		for _, tr := range tbl.all("tr") {
			cells := tr.all("tc")
			if tr.first("tblHeader") != nil {
				col = slices.IndexFunc(cells, func(c *node) bool { return cellText(c) == "RAG" })
				continue
			}
			if col < 0 || tr.first("gridSpan") != nil {
				continue // not a table with a RAG column, or a theme's or outcome's row
			}
			no := ""
			for _, c := range cells {
				if n, _, _ := strings.Cut(cellText(c), ": "); n != "" {
					if _, ok := want[n]; ok {
						no = n
					}
				}
			}
			w, ok := want[no]
			if !ok {
				continue // the legend's
			}
			found[no]++
			if text := strings.Join(strings.Fields(cellText(cells[col])), " "); text != w.words {
				t.Errorf("action %s: the RAG cell reads %q, want %q", no, text, w.words)
			}
		}
	}
	for no, w := range want {
		if found[no] != w.rows {
			t.Errorf("action %s: %d rows of tables with a RAG column, want %d", no, found[no], w.rows)
		}
	}
}

// cellText is the text of a table cell, its paragraphs a line apart.
func cellText(tc *node) string {
	var lines []string
	for _, p := range tc.all("p") {
		lines = append(lines, p.text())
	}
	return strings.Join(lines, "\n")
}

// TestCompletedActions checks the rows of 4.2 and 6.1 in the seed rolled
// on to a second progress report, where they have no update, having been
// completed in the first year: each shows its last update, and its RAG
// cell says "Completed", filled in the completed colour.
func TestCompletedActions(t *testing.T) {
	r := sample.RolledReport(allSections)
	doc := parseXML(t, parts(t, renderDOCX(t, r, Options{}))[documentPart])
	rows := map[string][]*node{}                     // the cells of each action row, by number
	for _, tr := range doc.all("tbl")[4].all("tr") { // summary, legend, history, exceptions, actions
		if cells := tr.all("tc"); len(cells) == 6 {
			no, _, _ := strings.Cut(cells[1].text(), ":")
			rows[no] = cells
		}
	}
	for no, last := range map[string]string{"4.2": "ACTION COMPLETED.", "6.1": "ACTION COMPLETED."} {
		cells := rows[no]
		if cells == nil {
			t.Fatalf("no row for action %s", no)
		}
		points := cells[4].all("p")
		if len(points) < 2 || points[len(points)-1].text() != last {
			t.Errorf("action %s's update cell reads %q, want its last update, ending %q", no, cells[4].text(), last)
		}
		fill := ""
		if shd := cells[5].first("shd"); shd != nil {
			fill = shd.attr("fill")
		}
		if got := cells[5].text(); got != "Completed" || fill != report.CompletedColour.Hex() {
			t.Errorf("action %s's RAG cell reads %q on %q, want Completed on %s", no, got, fill, report.CompletedColour.Hex())
		}
	}
}
