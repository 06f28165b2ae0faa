package htmlreport

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// hostile is a report with s in every text a workbook or configuration
// gives: titles, names, leads, update points, legend, chart labels.
func hostile(s string) *report.Report {
	green := rag.Default().Values[2]
	green.Name, green.Definition = s, s
	green.Code = s
	a := report.Action{No: s, Text: s, Leads: []string{s, s}, Timescale: s, Points: []string{s, s}, RAG: &green,
		Trend: report.TrendBetter}
	done := a
	done.CompletedOn = time.Date(2019, 1, 17, 0, 0, 0, 0, time.UTC)
	r := &report.Report{Title: s, ShortTitle: s, Organisation: s, ReportName: s, Language: "en-GB",
		Date: time.Date(2019, 7, 31, 0, 0, 0, 0, time.UTC), FirstPublished: time.Date(2018, 10, 3, 0, 0, 0, 0, time.UTC),
		Summary:  []report.SummaryRow{{Name: s, Total: 1, Completed: 1}},
		Legend:   []rag.Value{green},
		Sections: report.Sections{Exceptions: true, Trends: true, Chart: true},
		Chart: report.Chart{Segments: []report.Segment{{Code: s, Name: s, Colour: green.Colour}, {Kind: report.SegmentCompleted,
			Code: report.CompletedMark, Name: report.CompletedStatus, Colour: report.CompletedColour}}, Overall: []int{1, 1},
			Rows: []report.ChartRow{{Label: s, Counts: []int{1, 1}}}},
		Themes:      []report.Theme{{Name: s, Outcomes: []report.Outcome{{Number: s, Description: s, Actions: []report.Action{a, done}}}}},
		Maintenance: report.Maintenance{Title: s, TaskColumn: s, Tasks: []report.Task{{No: s, Text: s, Timescale: s}}},
	}
	r.Exceptions = []report.Exception{{Action: &r.Themes[0].Outcomes[0].Actions[0], Reasons: []string{s}}}
	return r
}

// FuzzRender renders a report whose every text is s: whatever a person
// pasted, Render does not fail or panic, the page is valid UTF-8, its
// elements are those of any other text's page (no text becomes markup),
// and the title is printed as the model cleans it.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"plain text", "<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "</style><b>", "]]><!--",
		"a\x00b\x07c\rd\te\x1bf\u0085g\u2028h", "a\xffb\xc3c\xed\xa0\x80d", "שלום עולם مرحبا \u202eevil",
		"ok 👍 ❤\ufe0f 👨‍👩‍👧 🇬🇧", "&amp; &lt; &#0; &", "{{.Title}}", strings.Repeat("W", 32767), "", " \n ",
	} {
		f.Add(s)
	}
	want := tags(f, render(f, hostile("x")))
	f.Fuzz(func(t *testing.T, s string) {
		page := render(t, hostile(s))
		if !utf8.Valid(page) {
			t.Fatalf("the page of %q is not valid UTF-8", s)
		}
		doc := parse(t, page)
		if got := tags(t, page); !slices.Equal(got, want) {
			t.Fatalf("the page of %q has the elements\n%v\nwant\n%v", s, got, want)
		}
		if h1 := text(elements(doc, "h1")[0]); h1 != report.Clean(s) {
			t.Fatalf("h1 reads %q, want %q", h1, report.Clean(s))
		}
	})
}

// tags lists the tags of a page's elements in order.
func tags(t testing.TB, page []byte) []string {
	var out []string
	for _, e := range elements(parse(t, page)) {
		out = append(out, e.Data)
	}
	return out
}
