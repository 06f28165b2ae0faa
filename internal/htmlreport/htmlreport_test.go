package htmlreport

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// reports are the reports the structure tests read: the seed with every
// part, the seed with none of the optional parts, and a larger plan.
func reports(t *testing.T) []struct {
	name string
	r    *report.Report
} {
	seed := sample.Report(allSections)
	seed.Language = "en-GB"
	bare := sample.Report(report.Sections{})
	bare.Language = "cy"
	return []struct {
		name string
		r    *report.Report
	}{{"seed", seed}, {"seed without optional parts", bare}, {"120 actions", large(t, 120)}}
}

// TestGolden compares the seed's page with testdata/sample.html.golden
// (go test -update rewrites it), and checks that rendering again gives the
// same bytes.
func TestGolden(t *testing.T) {
	r := sample.Report(allSections)
	r.Language = "en-GB"
	got := render(t, r)
	if again := render(t, r); !bytes.Equal(got, again) {
		t.Fatal("two renders of the same report differ")
	}
	want := testtool.Golden(t, filepath.Join("testdata", "sample.html.golden"), got, *update)
	if !bytes.Equal(got, want) {
		t.Errorf("the page differs from testdata/sample.html.golden; if the change is meant, run go test -update and look at the diff")
	}
}

// TestDocument checks the page's frame: its language, title, one h1, no
// script, and nothing fetched from outside the file.
func TestDocument(t *testing.T) {
	for _, tt := range reports(t) {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, render(t, tt.r))
			root := elements(doc, "html")[0]
			if lang, _ := attr(root, "lang"); lang != tt.r.Language {
				t.Errorf("lang=%q, want %q", lang, tt.r.Language)
			}
			titles := elements(doc, "title")
			if want := tt.r.Title + " – " + tt.r.Heading(); len(titles) != 1 || titles[0].FirstChild == nil || titles[0].FirstChild.Data != want {
				t.Errorf("%d title elements, want one reading %q", len(titles), want)
			}
			if h1 := elements(doc, "h1"); len(h1) != 1 || text(h1[0]) != tt.r.Title {
				t.Errorf("%d h1 elements, want one holding the title", len(h1))
			}
			for _, tag := range []string{"script", "link", "img", "iframe", "object", "embed", "base"} {
				if n := len(elements(doc, tag)); n > 0 {
					t.Errorf("%d <%s> elements, want none", n, tag)
				}
			}
			for _, e := range elements(doc) {
				for _, a := range e.Attr {
					if (a.Key == "src" || a.Key == "href" || a.Key == "srcset" || a.Key == "action") && !strings.HasPrefix(a.Val, "#") {
						t.Errorf("<%s %s=%q> points outside the file", e.Data, a.Key, a.Val)
					}
				}
			}
			for _, style := range elements(doc, "style") {
				if css := style.FirstChild.Data; strings.Contains(css, "url(") || strings.Contains(css, "@import") {
					t.Error("the style sheet fetches something")
				}
			}
		})
	}
}

// TestHeadings checks that headings go down one level at a time: sections
// h2, themes h3, outcomes h4.
func TestHeadings(t *testing.T) {
	for _, tt := range reports(t) {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, render(t, tt.r))
			prev := 0
			var h3, h4 int
			for _, h := range elements(doc, "h1", "h2", "h3", "h4", "h5", "h6") {
				level := int(h.Data[1] - '0')
				if level > prev+1 {
					t.Errorf("<%s>%s</%s> follows an h%d: a level is skipped", h.Data, text(h), h.Data, prev)
				}
				if strings.TrimSpace(text(h)) == "" {
					t.Errorf("an empty <%s>", h.Data)
				}
				prev = level
				h3 += b2i(level == 3)
				h4 += b2i(level == 4)
			}
			themes, outcomes := 0, 0
			for _, th := range tt.r.Themes {
				themes++
				outcomes += len(th.Outcomes)
			}
			if h3 != themes || h4 != outcomes {
				t.Errorf("%d h3 and %d h4, want one per theme (%d) and per outcome (%d)", h3, h4, themes, outcomes)
			}
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestTables checks that every table is named by a caption or a heading,
// that its header cells say what they head, and that no table sits in a
// box of its own that the keyboard stops at: no table needs to scroll
// sideways (TestBrowser measures it), so such a stop would do nothing.
func TestTables(t *testing.T) {
	for _, tt := range reports(t) {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, render(t, tt.r))
			ids := map[string]*html.Node{}
			for _, e := range elements(doc) {
				if id, ok := attr(e, "id"); ok {
					ids[id] = e
				}
			}
			for _, table := range elements(doc, "table") {
				caption := elements(table, "caption")
				by, _ := attr(table, "aria-labelledby")
				if len(caption) == 0 && (ids[by] == nil || !strings.HasPrefix(ids[by].Data, "h")) {
					t.Errorf("a table has neither a caption nor a heading naming it")
				}
				for _, th := range elements(table, "th") {
					scope, _ := attr(th, "scope")
					want := "row"
					if ancestor(th, "thead") != nil {
						want = "col"
					}
					if scope != want {
						t.Errorf("<th scope=%q>%s</th>, want scope=%q", scope, text(th), want)
					}
				}
				if p := table.Parent; p.Data != "section" {
					t.Errorf("a table is in a <%s>, not directly in its section", p.Data)
				}
			}
			for _, e := range elements(doc) {
				if tab, ok := attr(e, "tabindex"); ok {
					t.Errorf("<%s tabindex=%q>: a stop for the keyboard that does nothing", e.Data, tab)
				}
			}
		})
	}
}

// TestContent finds every figure of the summary and every action's number,
// text, leads, timescale and update point in the page, each point as an
// item of a list, the completed actions said in words, and each RAG cell
// giving the value's code and name.
func TestContent(t *testing.T) {
	for _, tt := range reports(t) {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, render(t, tt.r))
			page := text(doc)
			for _, s := range tt.r.Summary {
				row := report.ShortDate(s.Date) + s.Name
				for _, n := range []int{s.Total, s.Completed, s.Added, s.Ongoing} {
					row += strconv.Itoa(n)
				}
				if !strings.Contains(page, row) {
					t.Errorf("the summary row %q is not in the page", row)
				}
			}
			items := map[string]bool{}
			for _, li := range elements(doc, "li") {
				if ancestor(li, "ul") != nil {
					items[text(li)] = true
				}
			}
			cells := map[string]bool{}
			for _, td := range elements(doc, "td") {
				cells[text(td)] = true
			}
			for _, a := range actions(tt.r) {
				for _, s := range append([]string{a.No, a.Text, a.Timescale}, a.Leads...) {
					if !strings.Contains(page, s) {
						t.Errorf("action %s: %q is not in the page", a.No, s)
					}
				}
				for _, p := range a.Points {
					if !items[p] {
						t.Errorf("action %s: the point %q is not an item of a list", a.No, p)
					}
				}
				if a.Completed() && !strings.Contains(page, a.Text+"Completed "+report.LongDate(a.CompletedOn)) {
					t.Errorf("action %s is not said to be completed", a.No)
				}
				if !cells[ragText(tt.r, a)] {
					t.Errorf("action %s: no RAG cell reads %q", a.No, ragText(tt.r, a))
				}
			}
			for _, task := range tt.r.Maintenance.Tasks {
				if !strings.Contains(page, task.No+task.Text+task.Timescale) {
					t.Errorf("maintenance task %s is not in the page", task.No)
				}
			}
		})
	}
}

// ragText is the text of a's RAG cell: its code and trend mark, hidden
// from screen readers, then the status in words they read instead; or the
// word "Completed", seen and read.
func ragText(r *report.Report, a *report.Action) string {
	s := r.Status(a)
	switch {
	case s.Completed:
		return "Completed"
	case s.RAG == nil:
		return "–" + s.Words()
	}
	return s.RAG.Code + s.Trend.Symbol() + s.Words()
}

// TestTrendNote checks that the note explaining the trend marks is printed
// exactly when a mark is.
func TestTrendNote(t *testing.T) {
	// withTrends is the seed (which has no trend mark: nothing was rated
	// at publication) with the first actions given these trends.
	withTrends := func(sections report.Sections, trends ...report.Trend) *report.Report {
		r := sample.Report(sections)
		for i, a := range actions(r) {
			if i < len(trends) {
				a.Trend = trends[i]
			}
		}
		return r
	}
	tests := []struct {
		name string
		r    *report.Report
		want bool
	}{
		{"marks shown", withTrends(allSections, report.TrendBetter, report.TrendWorse, report.TrendUnchanged, report.TrendNew), true},
		{"one mark shown", withTrends(allSections, report.TrendNone, report.TrendNew), true},
		{"trends on, but no action has a mark", withTrends(allSections), false},
		{"trends off", withTrends(report.Sections{Chart: true, Exceptions: true}, report.TrendBetter), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := text(parse(t, render(t, tt.r)))
			if got := strings.Contains(page, report.TrendNote); got != tt.want {
				t.Errorf("trend note printed: %v, want %v", got, tt.want)
			}
			if !tt.want && strings.ContainsAny(page, "▲▼") {
				t.Error("a trend mark is printed")
			}
		})
	}
}

// TestColours checks that every RAG fill carries text of at least 4.5:1
// contrast, for the default scale and for fills a committee might choose.
func TestColours(t *testing.T) {
	r := sample.Report(allSections)
	for _, hex := range []string{"#FFFFFF", "#000000", "#777777", "#0070C0", "#FFFF00", "#808080", "#00B050", "#C00000"} {
		c, err := rag.ParseColour(hex)
		if err != nil {
			t.Fatal(err)
		}
		r.Legend = append(r.Legend, rag.Value{Code: hex, Name: hex, Colour: c})
	}
	css := string(colourCSS(r))
	for _, v := range r.Legend {
		rule := "." + colourClass(v.Colour) + "{background:#" + v.Colour.Hex() + ";color:#"
		i := strings.Index(css, rule)
		if i < 0 {
			t.Fatalf("no rule for %s in\n%s", v.Colour.Hex(), css)
		}
		ink, err := rag.ParseColour(css[i+len(rule) : i+len(rule)+6])
		if err != nil {
			t.Fatal(err)
		}
		if c := rag.Contrast(ink, v.Colour); c < 4.5 {
			t.Errorf("text #%s on #%s: contrast %.2f:1, want at least 4.5:1", ink.Hex(), v.Colour.Hex(), c)
		}
	}
}

// TestTrendMarks reads the RAG cells of the moving plan's page, in the
// exceptions and the action tables: each gives its value's code and name,
// and the mark of how it moved since year 1 with the trend in words. What
// each action shows is written out here by hand, from the plan's
// documentation, not taken from the code that makes it.
func TestTrendMarks(t *testing.T) {
	want := map[string]struct {
		code, name, mark, word string
		rows                   int // in the action table, and in the exceptions when Red or Amber
	}{
		"1.1": {"R", "Red", "▼", "worse", 2},
		"1.2": {"G", "Green", "▲", "better", 1},
		"1.3": {"A", "Amber", "=", "unchanged", 2},
		"1.4": {"A", "Amber", "▲", "better", 2},
		"1.5": {"A", "Amber", "▼", "worse", 2},
		"2.1": {"G", "Green", "new", "new", 1},
		"2.2": {"A", "Amber", "", "", 2},
		"2.3": {"", "", "", "", 1},
	}
	marks := []string{"▲", "▼", "=", "new", "better", "worse", "unchanged"}
	doc := parse(t, render(t, sample.MovingReport(allSections)))
	found := map[string]int{}
	for _, table := range elements(doc, "table") {
		col := -1
		for _, tr := range elements(table, "tr") {
			cells := elements(tr, "th", "td")
			if ancestor(tr, "thead") != nil {
				col = slices.IndexFunc(cells, func(c *html.Node) bool { return strings.TrimSpace(text(c)) == "RAG" })
				continue
			}
			if col < 0 || len(cells) <= col {
				continue // not a table with a RAG column, or a theme's or outcome's row
			}
			no := rowAction(cells)
			w, ok := want[no]
			if !ok {
				continue // the legend's
			}
			found[no]++
			cell := strings.TrimSpace(text(cells[col]))
			var got []string
			for _, m := range marks {
				if strings.Contains(cell, m) {
					got = append(got, m)
				}
			}
			if w.code == "" {
				if len(got) != 0 || cell != "" && strings.ContainsAny(cell[:1], "RAG") {
					t.Errorf("action %s has no RAG, yet its cell reads %q", no, cell)
				}
				continue
			}
			wantMarks := strings.Join(slices.Compact([]string{w.mark, w.word}), " ")
			if !strings.HasPrefix(cell, w.code) || !strings.Contains(cell, w.name) || strings.Join(got, " ") != wantMarks {
				t.Errorf("action %s: the RAG cell reads %q; want %s first, %s, and the trend %q alone", no, cell, w.code, w.name, wantMarks)
			}
		}
	}
	for no, w := range want {
		if found[no] != w.rows {
			t.Errorf("action %s: %d rows of tables with a RAG column, want %d", no, found[no], w.rows)
		}
	}
}
