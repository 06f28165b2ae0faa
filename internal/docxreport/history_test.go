package docxreport

import (
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
)

// TestHistory reads "RAG over time" back from the sample's Word report:
// its heading, note and table in the document, with a row per report point
// giving its figures; its chart, a second Word chart whose alternative
// text is the history's description and whose series cache each report
// point's counts.
func TestHistory(t *testing.T) {
	r := sampleReport(t, allSections)
	h := r.History
	got := parts(t, renderDOCX(t, r, Options{}))
	doc := parseXML(t, got[documentPart])
	text := documentText(t, got[documentPart])
	for _, want := range []string{report.HistoryHeading + "\n" + h.Note() + "\n", "RAG at a glance"} {
		if !strings.Contains(text, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	if i, j := strings.Index(text, "RAG at a glance"), strings.Index(text, report.HistoryHeading); i < 0 || j < i {
		t.Error("RAG over time does not follow RAG at a glance")
	}
	var table *node
	for _, tbl := range doc.all("tbl") {
		if tbl.first("tblCaption").attr("val") == report.HistoryHeading {
			table = tbl
		}
	}
	if table == nil {
		t.Fatal("no table titled " + report.HistoryHeading)
	}
	rows := table.all("tr")
	if len(rows) != 1+len(h.Points) {
		t.Fatalf("the history's table has %d rows, want %d", len(rows), 1+len(h.Points))
	}
	cells := func(tr *node) string {
		var out []string
		for _, tc := range tr.all("tc") {
			out = append(out, strings.TrimSpace(tc.text()))
		}
		return strings.Join(out, " | ")
	}
	if got, want := cells(rows[0]), strings.Join(h.Columns(), " | "); got != want {
		t.Errorf("heading row %q, want %q", got, want)
	}
	for i, p := range h.Points {
		want := []string{report.ShortDate(p.Date), p.Name}
		for _, n := range figures(h, i) {
			want = append(want, strconv.Itoa(n))
		}
		if got := cells(rows[i+1]); got != strings.Join(want, " | ") {
			t.Errorf("row %d reads %q, want %q", i+1, got, strings.Join(want, " | "))
		}
	}
	var descr string
	for _, d := range doc.all("docPr") {
		if d.attr("name") == report.HistoryHeading {
			descr = d.attr("descr")
		}
	}
	if descr != h.Description() {
		t.Errorf("the history chart's alt text is %q, want %q", descr, h.Description())
	}
	chart := parseXML(t, got["word/charts/chart2.xml"])
	series := chart.all("ser")
	if len(series) != len(h.Chart.Segments) {
		t.Fatalf("the history chart has %d series, want %d", len(series), len(h.Chart.Segments))
	}
	for s, ser := range series {
		var cached []string
		for _, v := range ser.first("numCache").all("v") {
			cached = append(cached, v.Text)
		}
		var want []string
		for _, row := range h.Chart.Rows {
			want = append(want, strconv.Itoa(row.Counts[s]))
		}
		if strings.Join(cached, " ") != strings.Join(want, " ") {
			t.Errorf("series %s caches %v, want %v", h.Chart.Segments[s].Name, cached, want)
		}
	}
	// Its value axis is the history's own (report.Chart.Axis): for the
	// sample's 17 actions, 0 to 18 with a gridline and label every 2.
	axis := h.Chart.Axis()
	if axis != (report.Axis{Max: 18, Step: 2}) {
		t.Errorf("the sample's history axis is %+v, want 0 to 18 every 2", axis)
	}
	if axes := chart.all("valAx"); len(axes) != 1 || axes[0].first("max").attr("val") != strconv.Itoa(axis.Max) ||
		axes[0].first("majorUnit").attr("val") != strconv.Itoa(axis.Step) || axes[0].first("majorGridlines") == nil ||
		!strings.Contains(string(got["word/charts/chart2.xml"]), "<a:t>"+report.ChartAxis+"</a:t>") {
		t.Errorf("the history chart has not one value axis from 0 to %d, gridlined every %d and labelled %q", axis.Max, axis.Step, report.ChartAxis)
	}
	if rels := string(got["word/_rels/document.xml.rels"]); !strings.Contains(rels, `Id="`+historyRelID+`"`) || !strings.Contains(rels, `Target="charts/chart2.xml"`) {
		t.Errorf("the document's relationships do not lead to the history chart:\n%s", rels)
	}
}

// TestHistoryOldTemplate checks that a template made before {{history}}
// still makes a report, without "RAG over time" and its chart.
func TestHistoryOldTemplate(t *testing.T) {
	old := editTemplate(t, documentPart, removeParagraph("{{history}}"))
	got := parts(t, renderDOCX(t, sampleReport(t, allSections), Options{Template: old}))
	if text := documentText(t, got[documentPart]); strings.Contains(text, report.HistoryHeading) || !strings.Contains(text, "RAG at a glance") {
		t.Error("a template without {{history}} gives RAG over time, or lost RAG at a glance")
	}
	for name := range got {
		if strings.Contains(name, "chart2") || strings.Contains(name, "Worksheet2") {
			t.Errorf("a template without {{history}} gives part %s", name)
		}
	}
	if rels := string(got["word/_rels/document.xml.rels"]); strings.Contains(rels, historyRelID) {
		t.Error("a template without {{history}} relates the document to a history chart")
	}
}
