package pdfreport

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// readBack is what testdata/pdfua.py reads back from a PDF with pikepdf.
type readBack struct {
	Version         string            `json:"version"`
	Marked          bool              `json:"marked"`
	Lang            string            `json:"lang"`
	DisplayDocTitle bool              `json:"display_doc_title"`
	ID              []string          `json:"id"`
	Info            map[string]string `json:"info"`
	OutputIntents   []struct {
		S            string `json:"S"`
		N            int    `json:"N"`
		ProfileBytes int    `json:"profile_bytes"`
		ProfileClass string `json:"profile_class"`
	} `json:"output_intents"`
	XMP                map[string]string `json:"xmp"`
	XMPDeclaresPDFUAID bool              `json:"xmp_declares_pdfuaid"`
	MetadataFiltered   bool              `json:"metadata_filtered"`
	ParentTreeNextKey  int               `json:"parent_tree_next_key"`
	Elements           []struct {
		Type    string    `json:"type"`
		Depth   int       `json:"depth"`
		Alt     *string   `json:"alt"`
		Kids    []int     `json:"kids"`
		Scope   *string   `json:"scope"`
		ColSpan int       `json:"colspan"`
		BBox    []float64 `json:"bbox"`
		Pages   []int     `json:"pages"` // the pages its marked content is on
		Text    string    `json:"text"`  // its text and its kids', a line apart
	} `json:"elements"`
	UntaggedText int      `json:"untagged_text"`
	ArtifactText int      `json:"artifact_text"`
	ContentText  int      `json:"content_text"`
	MCIDProblems []string `json:"mcid_problems"`
	// Replaced are the marked-content sequences with a replacement text
	// (/ActualText): it, the text their character codes read as
	// (ToUnicode), and what the eye sees: the text of the glyphs they draw,
	// as ToUnicode gives it for each glyph's own code.
	Replaced []struct {
		Actual string `json:"actual"`
		Drawn  string `json:"drawn"`
		Seen   string `json:"seen"`
	} `json:"replaced"`
	TextOnFill [][2]string `json:"text_on_fill"`
	Fills      []string    `json:"fills"`
	Fonts      []struct {
		Name      string `json:"name"`
		Embedded  bool   `json:"embedded"`
		ToUnicode bool   `json:"to_unicode"`
	} `json:"fonts"`
	PageTabs []string `json:"page_tabs"`
	// Each page's text by what it is: "content", "Pagination/Header",
	// "Pagination/Footer", or "Artifact" (any other artifact).
	PageTexts []map[string]string `json:"page_texts"`
}

// pikepdf reads a PDF back with Debian's python3-pikepdf.
func pikepdf(t *testing.T, path string) readBack {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import pikepdf").Run(); err != nil {
		testtool.Missing(t, "python3-pikepdf", "apt-get install python3-pikepdf")
	}
	out, err := exec.Command(python, "testdata/pdfua.py", path).Output()
	if err != nil {
		t.Fatalf("pdfua.py: %v", err)
	}
	var rb readBack
	if err := json.Unmarshal(out, &rb); err != nil {
		t.Fatalf("pdfua.py: %v", err)
	}
	return rb
}

// TestAccessible reads back the sample's PDF and a large plan's, and checks
// what PDF/UA-1 and PDF/A-2a ask that a machine can check.
func TestAccessible(t *testing.T) {
	modified := time.Date(2019, time.August, 2, 9, 30, 0, 0, time.UTC)
	sample := sampleReport(t, allSections)
	sample.Modified, sample.Language = modified, "en-GB"
	large := generated(t, 120, "a long update; with points; "+strings.Repeat("and more words ", 700))
	large.Modified, large.Language = modified, "gd"
	// Text from a damaged or hostile workbook: control characters, a lone
	// surrogate, right-to-left and unprintable characters, a 32,767-character
	// word.
	hostile := generated(t, 3, "a\x01b\xed\xa0\x80c \u202eשלום عربى😀 👍 \U0010FFFF ✓ "+strings.Repeat("x", 32767))
	hostile.Modified, hostile.Language = modified, "en-GB"
	for name, r := range map[string]*report.Report{"sample": sample, "large plan": large, "hostile text": hostile} {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, r, Options{})
			qpdfCheck(t, pdf)
			path := writePDF(t, pdf)
			rb := pikepdf(t, path)
			checkIdentification(t, rb, r)
			checkContent(t, rb)
			checkStructure(t, rb, r, r == large)
			checkRAGAlt(t, rb, r)
			checkPagination(t, rb, r)
			checkHeadings(t, run(t, "pdfinfo", "-struct-text", path), r)
		})
	}
}

func checkIdentification(t *testing.T, rb readBack, r *report.Report) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"PDF version", rb.Version, "1.7"},
		{"/MarkInfo /Marked", rb.Marked, true},
		{"/Lang", rb.Lang, r.Language},
		{"/DisplayDocTitle", rb.DisplayDocTitle, true},
		{"two equal /ID strings of 16 bytes", len(rb.ID) == 2 && rb.ID[0] == rb.ID[1] && len(rb.ID[0]) == 32, true},
		{"Info /Title", rb.Info["Title"], r.Title + " – " + r.Heading()},
		{"Info /CreationDate", rb.Info["CreationDate"], "D:20190802093000Z"},
		{"XMP dc:title", rb.XMP["dc:title"], r.Title + " – " + r.Heading()},
		{"XMP dc:creator", rb.XMP["dc:creator"], "['" + r.Organisation + "']"},
		{"XMP dc:description", rb.XMP["dc:description"], r.Subject()},
		{"XMP dc:language", rb.XMP["dc:language"], "{'" + r.Language + "'}"},
		{"XMP xmp:CreateDate", rb.XMP["xmp:CreateDate"], "2019-08-02T09:30:00Z"},
		{"XMP xmp:ModifyDate", rb.XMP["xmp:ModifyDate"], "2019-08-02T09:30:00Z"},
		{"XMP xmp:CreatorTool", rb.XMP["xmp:CreatorTool"], report.Creator},
		{"Info /Producer", rb.Info["Producer"], Producer},
		{"XMP pdf:Producer", rb.XMP["pdf:Producer"], Producer},
		{"XMP pdfaid:part", rb.XMP["pdfaid:part"], "2"},
		{"XMP pdfaid:conformance", rb.XMP["pdfaid:conformance"], "A"},
		{"XMP pdfuaid:part", rb.XMP["pdfuaid:part"], "1"},
		{"the pdfaExtension schema declares pdfuaid", rb.XMPDeclaresPDFUAID, true},
		{"the metadata stream is unfiltered", rb.MetadataFiltered, false},
		{"one sRGB output intent", len(rb.OutputIntents) == 1 && rb.OutputIntents[0].S == "/GTS_PDFA1" &&
			rb.OutputIntents[0].N == 3 && rb.OutputIntents[0].ProfileClass == "mntr" && rb.OutputIntents[0].ProfileBytes > 0, true},
		{"pages' /Tabs", fmt.Sprint(rb.PageTabs), "[/S]"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	for _, f := range rb.Fonts {
		if !f.Embedded || !f.ToUnicode {
			t.Errorf("font %s: embedded %v, ToUnicode %v; want both", f.Name, f.Embedded, f.ToUnicode)
		}
	}
}

// checkContent checks that every text is tagged content or an artifact,
// that marked content and the parent tree agree, and that every text has a
// contrast of at least 4.5:1 with the fill under it.
func checkContent(t *testing.T, rb readBack) {
	t.Helper()
	if rb.UntaggedText != 0 || rb.ArtifactText == 0 || rb.ContentText == 0 {
		t.Errorf("texts: %d untagged, %d artifacts, %d content; want none untagged, and some of each other",
			rb.UntaggedText, rb.ArtifactText, rb.ContentText)
	}
	for _, p := range rb.MCIDProblems {
		t.Error(p)
	}
	for _, pair := range rb.TextOnFill {
		if c := contrast(t, pair[0], pair[1]); c < 4.5 {
			t.Errorf("text #%s on #%s: contrast %.2f:1, want at least 4.5:1", pair[0], pair[1], c)
		}
	}
}

func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	ca, err := rag.ParseColour(a)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := rag.ParseColour(b)
	if err != nil {
		t.Fatal(err)
	}
	return rag.Contrast(ca, cb)
}

// checkStructure checks the tables, lists and the figure.
func checkStructure(t *testing.T, rb readBack, r *report.Report, flows bool) {
	t.Helper()
	el := rb.Elements
	figures, flowing := 0, 0
	for i, e := range el {
		kids := make([]string, len(e.Kids))
		for j, k := range e.Kids {
			kids[j] = el[k].Type
		}
		switch e.Type {
		case "TH":
			if e.Scope == nil || (*e.Scope != "Column" && *e.Scope != "Row") {
				t.Errorf("element %d: a TH without /Scope /Column or /Row", i)
			}
			if len(e.Pages) > 1 {
				t.Errorf("element %d: a TH with content on pages %v: a header row set again must be an artifact", i, e.Pages)
			}
		case "LBody":
			if len(e.Pages) > 1 {
				flowing++
			}
		case "LI":
			if strings.Join(kids, " ") != "Lbl LBody" {
				t.Errorf("element %d: an LI of %v, want Lbl and LBody", i, kids)
			}
		case "Table":
			checkTable(t, rb, i)
		case "Figure":
			figures++
			want := r.Chart.Description()
			if figures == 2 {
				want = r.History.Description()
			}
			if e.Alt == nil || *e.Alt != want || len(e.BBox) != 4 {
				t.Errorf("Figure %d's /Alt %v, /BBox %v; want the description %q and a box", figures, strPtr(e.Alt), e.BBox, want)
			}
		}
	}
	if want := 2; figures != want {
		t.Errorf("%d figures, want %d: the chart and the history's", figures, want)
	}
	checkHistoryTable(t, rb, r)
	if flows && flowing == 0 {
		t.Error("no update point has content on two pages, though the plan has one that flows over pages")
	}
	if rb.ParentTreeNextKey < 1 {
		t.Errorf("/ParentTreeNextKey %d", rb.ParentTreeNextKey)
	}
}

// checkRAGAlt checks that every RAG cell — each cell of a table's column
// headed "RAG", in the legend, the exceptions and the action table — that
// shows a value has an /Alt with the value's name, and with the trend in
// words where the cell shows a trend mark.
func checkRAGAlt(t *testing.T, rb readBack, r *report.Report) {
	t.Helper()
	names := map[string]string{}
	for _, v := range r.Legend {
		names[v.Code] = v.Name
	}
	checked := 0
	for i, e := range rb.Elements {
		if e.Type != "Table" {
			continue
		}
		col, rows := ragColumn(rb, i)
		for _, row := range rows {
			c := rb.Elements[row[col]]
			fields := strings.Fields(c.Text)
			if len(fields) == 0 {
				continue // an action with no RAG
			}
			checked++
			if c.Text == report.CompletedStatus {
				if c.Alt == nil || *c.Alt != report.CompletedStatus {
					t.Errorf("the RAG cell %q has /Alt %v, want %q", c.Text, strPtr(c.Alt), report.CompletedStatus)
				}
				continue
			}
			name, ok := names[fields[0]]
			if !ok {
				t.Errorf("a RAG cell reads %q, not a value's code first", c.Text)
			}
			if c.Alt == nil || !strings.Contains(*c.Alt, name) {
				t.Errorf("the RAG cell %q has /Alt %v, want one with the value's name %q", c.Text, strPtr(c.Alt), name)
				continue
			}
			for _, f := range fields[1:] {
				if w, ok := trendWords[f]; ok && !strings.Contains(*c.Alt, w) {
					t.Errorf("the RAG cell %q has /Alt %q, want one with the trend %q", c.Text, *c.Alt, w)
				}
			}
		}
	}
	want := len(r.Legend)
	for _, a := range append(allActions(r), exceptionActions(r)...) {
		if a.RAG != nil || a.Completed() {
			want++
		}
	}
	if checked != want {
		t.Errorf("%d RAG cells showing a value or Completed, want %d: one per value of the legend, per action and per exception with a RAG or completed", checked, want)
	}
}

// trendWords are the trend marks a RAG cell shows, and the words of each.
var trendWords = map[string]string{"▲": "better", "▼": "worse", "=": "unchanged", "new": "new"}

// ragColumn finds the column headed "RAG" of table i, and returns its
// index and the table's body rows with a cell in every column (not those of
// a theme or an outcome), each as its cells; -1 and none for a table
// without one.
func ragColumn(rb readBack, i int) (int, [][]int) {
	var rows [][]int
	for _, k := range rb.Elements[i].Kids { // THead, TBody
		for _, tr := range rb.Elements[k].Kids {
			rows = append(rows, rb.Elements[tr].Kids)
		}
	}
	if len(rows) == 0 || rb.Elements[rb.Elements[i].Kids[0]].Type != "THead" {
		return -1, nil
	}
	col := slices.IndexFunc(rows[0], func(c int) bool { return normalise(rb.Elements[c].Text) == "RAG" })
	if col < 0 {
		return -1, nil
	}
	var body [][]int
	for _, row := range rows[1:] {
		if len(row) == len(rows[0]) {
			body = append(body, row)
		}
	}
	return col, body
}

func strPtr(s *string) string {
	if s == nil {
		return "none"
	}
	return strconv.Quote(*s)
}

// allActions lists the actions of r's action table.
func allActions(r *report.Report) []*report.Action {
	var list []*report.Action
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for i := range o.Actions {
				list = append(list, &o.Actions[i])
			}
		}
	}
	return list
}

// exceptionActions lists the actions of r's exceptions table.
func exceptionActions(r *report.Report) []*report.Action {
	if !r.Sections.Exceptions {
		return nil
	}
	var list []*report.Action
	for _, e := range r.Exceptions {
		if e.Action != nil {
			list = append(list, e.Action)
		}
	}
	return list
}

// checkPagination checks, on every page, that the running header (the
// short title and the report's heading) is drawn in a /Pagination /Header
// artifact, and the footer (the organisation) and "Page N of M" in a
// /Pagination /Footer artifact; and that the page number is nothing else.
func checkPagination(t *testing.T, rb readBack, r *report.Report) {
	t.Helper()
	total := len(rb.PageTexts)
	if total == 0 {
		t.Fatal("no page read back")
	}
	for i, texts := range rb.PageTexts {
		pageNo := "Page " + itoa(i+1) + " of " + itoa(total)
		header, footer := normalise(texts["Pagination/Header"]), normalise(texts["Pagination/Footer"])
		for _, c := range []struct{ where, got, want string }{
			{"the running header", header, r.ShortTitle},
			{"the running header", header, r.Heading()},
			{"the footer", footer, r.Organisation},
			{"the footer", footer, pageNo},
		} {
			if !strings.Contains(c.got, normalise(c.want)) {
				t.Errorf("page %d: %s artifact reads %q, without %q", i+1, c.where, c.got, c.want)
			}
		}
		for what, text := range texts {
			if what != "Pagination/Footer" && strings.Contains(normalise(text), pageNo) {
				t.Errorf("page %d: %q is drawn as %s", i+1, pageNo, what)
			}
		}
	}
}

// TestTrendMarks reads back the RAG cells of the moving plan's report, in
// the exceptions and the action table: each shows its value's code and the
// mark of how it moved since year 1, and its /Alt says the value's name and
// the trend in words. What each action shows is written out here by hand,
// from the plan's documentation, not taken from the code that makes it.
func TestTrendMarks(t *testing.T) {
	want := map[string]struct {
		code, name, mark string
		rows             int // in the action table, and in the exceptions when Red or Amber
	}{
		"1.1": {"R", "Red", "▼", 2},
		"1.2": {"G", "Green", "▲", 1},
		"1.3": {"A", "Amber", "=", 2},
		"1.4": {"A", "Amber", "▲", 2},
		"1.5": {"A", "Amber", "▼", 2},
		"2.1": {"G", "Green", "new", 1},
		"2.2": {"A", "Amber", "", 2},
		"2.3": {"", "", "", 1},
	}
	words := map[string]string{"▲": "better", "▼": "worse", "=": "unchanged", "new": "new"}
	r := sample.MovingReport(allSections)
	rb := pikepdf(t, writePDF(t, render(t, r, Options{})))
	found := map[string]int{}
	for i, e := range rb.Elements {
		if e.Type != "Table" {
			continue
		}
		col, rows := ragColumn(rb, i)
		for _, row := range rows {
			no := ""
			for _, c := range row {
				text := normalise(rb.Elements[c].Text)
				n, _, _ := strings.Cut(text, ": ")
				if _, ok := want[n]; ok && n != "" {
					no = n
				}
			}
			w, ok := want[no]
			if no == "" || !ok {
				continue // the legend's
			}
			found[no]++
			cell := rb.Elements[row[col]]
			fields := strings.Fields(cell.Text)
			alt := ""
			if cell.Alt != nil {
				alt = *cell.Alt
			}
			if w.code == "" {
				if strings.Join(fields, " ") != report.NoRAGGiven || alt != "" {
					t.Errorf("action %s has no RAG, yet its cell reads %q, /Alt %q; want %q", no, cell.Text, alt, report.NoRAGGiven)
				}
				continue
			}
			if len(fields) == 0 || fields[0] != w.code {
				t.Errorf("action %s: the RAG cell reads %q, want %s first", no, cell.Text, w.code)
			}
			if !strings.Contains(alt, w.name) {
				t.Errorf("action %s: the RAG cell's /Alt %q lacks %q", no, alt, w.name)
			}
			var marks, said []string
			for mark, word := range words {
				if slices.Contains(fields, mark) {
					marks = append(marks, mark)
				}
				if strings.Contains(alt, word) {
					said = append(said, word)
				}
			}
			if fmt.Sprint(marks) != fmt.Sprint(strings.Fields(w.mark)) {
				t.Errorf("action %s: the RAG cell reads %q; want the mark %q alone", no, cell.Text, w.mark)
			}
			if fmt.Sprint(said) != fmt.Sprint(strings.Fields(words[w.mark])) {
				t.Errorf("action %s: the RAG cell's /Alt is %q; want the trend %q alone", no, alt, words[w.mark])
			}
		}
	}
	for no, w := range want {
		if found[no] != w.rows {
			t.Errorf("action %s: %d rows of tables with a RAG column, want %d", no, found[no], w.rows)
		}
	}
}

// checkTable checks that the rows of table i span the same number of
// columns, and that its first row is a header row.
func checkTable(t *testing.T, rb readBack, i int) {
	t.Helper()
	var rows []int
	for _, k := range rb.Elements[i].Kids { // THead, TBody
		rows = append(rows, rb.Elements[k].Kids...)
	}
	width := -1
	for n, row := range rows {
		cols := 0
		for _, c := range rb.Elements[row].Kids {
			cols += max(rb.Elements[c].ColSpan, 1)
			if n == 0 && rb.Elements[i].Kids[0] != 0 && rb.Elements[rb.Elements[i].Kids[0]].Type == "THead" && rb.Elements[c].Type != "TH" {
				t.Errorf("table %d: its header row has a %s", i, rb.Elements[c].Type)
			}
		}
		if width >= 0 && cols != width {
			t.Errorf("table %d: row %d spans %d columns, the first %d", i, n+1, cols, width)
		}
		width = cols
	}
}

// checkHistoryTable checks the table of "RAG over time": headed by the
// history's columns, each a TH of /Scope /Column; a row per report point,
// headed by a TH of /Scope /Row with its date, giving the point's name,
// its counts and its total.
func checkHistoryTable(t *testing.T, rb readBack, r *report.Report) {
	t.Helper()
	el := rb.Elements
	text := func(cells []int) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = normalise(el[c].Text)
		}
		return out
	}
	for i, e := range el {
		if e.Type != "Table" || len(e.Kids) != 2 {
			continue
		}
		var rows [][]int
		for _, k := range e.Kids {
			for _, tr := range el[k].Kids {
				rows = append(rows, el[tr].Kids)
			}
		}
		if !slices.Equal(text(rows[0]), r.History.Columns()) {
			continue
		}
		h := r.History
		if len(rows) != 1+len(h.Points) {
			t.Fatalf("the history's table %d has %d rows, want a heading and %d", i, len(rows), len(h.Points))
		}
		for _, c := range rows[0] {
			if el[c].Type != "TH" || el[c].Scope == nil || *el[c].Scope != "Column" {
				t.Errorf("the history's heading cell %q is not a TH of /Scope /Column", el[c].Text)
			}
		}
		for n, p := range h.Points {
			want := []string{report.ShortDate(p.Date), p.Name}
			for _, k := range h.Chart.Rows[n].Counts {
				want = append(want, strconv.Itoa(k))
			}
			want = append(want, strconv.Itoa(h.Total(n)))
			if got := text(rows[n+1]); !slices.Equal(got, want) {
				t.Errorf("the history's row %d reads %q, want %q", n+1, got, want)
			}
			if th := el[rows[n+1][0]]; th.Type != "TH" || th.Scope == nil || *th.Scope != "Row" {
				t.Errorf("the history's row %d is not headed by a TH of /Scope /Row", n+1)
			}
		}
		return
	}
	t.Errorf("no table headed %q", r.History.Columns())
}

// checkHeadings checks the headings' order and texts in the structure that
// pdfinfo reads: one H1, then H2 sections, themes as H3 and outcomes as H4,
// no level skipped.
func checkHeadings(t *testing.T, structText string, r *report.Report) {
	t.Helper()
	heading := regexp.MustCompile(`(?m)^ *H([1-6]) \(block\)\n *"([^"]*)"`)
	var got []string
	level := 0
	for _, m := range heading.FindAllStringSubmatch(structText, -1) {
		l := int(m[1][0] - '0')
		if l > level+1 {
			t.Errorf("H%d %q follows an H%d: a level skipped", l, m[2], level)
		}
		level = l
		got = append(got, "H"+m[1]+" "+normalise(m[2]))
	}
	want := []string{"H1 " + r.Title, "H2 Summary", "H2 RAG Legend – Red Amber Green", "H2 RAG at a glance", "H2 " + report.HistoryHeading, "H2 Exceptions", "H2 " + report.ActionsHeading}
	for _, th := range r.Themes {
		want = append(want, "H3 "+th.Name)
		for _, o := range th.Outcomes {
			want = append(want, "H4 "+normalise(o.Label()))
		}
	}
	want = append(want, "H2 "+r.Maintenance.Title)
	if !slices.Equal(got, want) {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestContrastConfigured checks the text colours on a configured scale
// with a light and a dark colour: each RAG letter takes the colour that
// reads on its fill.
func TestContrastConfigured(t *testing.T) {
	r := generated(t, 12, "update")
	light, _ := rag.ParseColour("#FFFF00")
	dark, _ := rag.ParseColour("#002060")
	mid, _ := rag.ParseColour("#00B050")
	recolour(r, map[string]rag.Colour{"R": dark, "A": light, "G": mid})
	r.Sections.Chart = false // its segments are in the RAG colours too: only the RAG cells may be
	path := writePDF(t, render(t, r, Options{}))
	rb := pikepdf(t, path)
	checkContent(t, rb)
	for _, want := range []string{"FFFF00", "002060", "00B050"} {
		if !slices.Contains(rb.Fills, want) {
			t.Errorf("no rectangle filled in #%s, a RAG colour of the report: %v", want, rb.Fills)
		}
	}
	on := map[string]string{}
	for _, p := range rb.TextOnFill {
		on[p[1]] = p[0]
	}
	if on["FFFF00"] != "000000" || on["002060"] != "FFFFFF" || on["00B050"] != "000000" {
		t.Errorf("text colours on the RAG fills: %v; want black on yellow and green, white on dark blue", on)
	}
}

// recolour gives every use of each RAG value in r the colour given.
func recolour(r *report.Report, colours map[string]rag.Colour) {
	set := func(v *rag.Value) {
		if c, ok := colours[v.Code]; ok {
			v.Colour = c
		}
	}
	for i := range r.Legend {
		set(&r.Legend[i])
	}
	for i := range r.Chart.Segments {
		if c, ok := colours[r.Chart.Segments[i].Code]; ok && r.Chart.Segments[i].Kind == report.SegmentRAG {
			r.Chart.Segments[i].Colour = c
		}
	}
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				if a.RAG != nil {
					set(a.RAG)
				}
			}
		}
	}
}
