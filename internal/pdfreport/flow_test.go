package pdfreport

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/planreport/planreport/internal/report"
)

// greekUpdate is an update of about n characters in Greek words, which
// appear nowhere else in a report, so that its text can be picked out of
// the whole PDF's; with one word of 5,000 letters and no space.
func greekUpdate(n int) string {
	words := []string{"αβγ", "δεζηθ", "ικλμν", "ξοπρστ", "υφχψω", "αλφα", "ωμεγα"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		switch {
		case i == 400:
			b.WriteString(strings.Repeat("λ", 5000))
		case i%23 == 22:
			b.WriteString("; ")
		}
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// greek keeps only the Greek letters of s.
func greek(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Greek, r) {
			return r
		}
		return -1
	}, s)
}

// measure measures the rows of a report for A4 landscape.
func measure(t *testing.T, r *report.Report) (geometry, []*row) {
	t.Helper()
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	g, err := geometryFor(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g, newContent(m, g, r, nil)
}

func TestLayoutRules(t *testing.T) {
	tests := []struct {
		name      string
		r         *report.Report
		wantSplit int // rows that must flow over more than one page
	}{
		{"sample", sampleReport(t, allSections), 0},
		{"1,000 actions", generated(t, 1000, ""), 0},
		{"30,000-character update", generated(t, 12, greekUpdate(30000)), 1},
		{"three long updates in a row", threeLong(t), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, rows := measure(t, tt.r)
			pages := paginate(g, rows)
			checkInside(t, g, pages)
			checkHeaders(t, pages)
			checkKept(t, pages)
			checkTogether(t, g, rows, pages)
			if split := checkParts(t, g, pages); split != tt.wantSplit {
				t.Errorf("%d rows flow over pages, want %d", split, tt.wantSplit)
			}
		})
	}
}

// threeLong is a report whose first three actions each have an update
// longer than a page.
func threeLong(t *testing.T) *report.Report {
	r := generated(t, 12, "")
	for i := range 3 {
		r.Themes[0].Outcomes[0].Actions[i].Points = []string{greekUpdate(9000)}
	}
	return r
}

const epsilon = 1e-6

// checkInside checks that every row lies in the content box and that no
// two rows overlap.
func checkInside(t *testing.T, g geometry, pages [][]placed) {
	t.Helper()
	for n, items := range pages {
		bottom := g.top
		for _, it := range items {
			if it.y < bottom-epsilon || it.y+it.h > g.bottom+epsilon {
				t.Errorf("page %d: row from %.2f to %.2f overlaps the one above (ending %.2f) "+
					"or leaves the content box (%.2f–%.2f)", n+1, it.y, it.y+it.h, bottom, g.top, g.bottom)
			}
			bottom = it.y + it.h
		}
	}
}

// checkHeaders checks that a table's header stands on every page its rows
// are on, above them.
func checkHeaders(t *testing.T, pages [][]placed) {
	t.Helper()
	for n, items := range pages {
		seen := map[*row]bool{}
		for _, it := range items {
			if it.src.kind == kindHeader {
				seen[it.src] = true
			}
			if h := it.src.header; h != nil && !seen[h] {
				t.Errorf("page %d: a row of a table stands without its header above it", n+1)
			}
		}
	}
}

// checkKept checks that no theme, outcome or heading row ends a page,
// unless it ends the report.
func checkKept(t *testing.T, pages [][]placed) {
	t.Helper()
	for n, items := range pages[:len(pages)-1] {
		if last := items[len(items)-1]; last.src.keep {
			t.Errorf("page %d ends with a kept row (kind %d)", n+1, last.src.kind)
		}
	}
}

// checkTogether checks that rows meant to stand together (the chart) are
// set on one page when they fit on one.
func checkTogether(t *testing.T, g geometry, rows []*row, pages [][]placed) {
	t.Helper()
	pageOf := map[*row]int{}
	for n, items := range pages {
		for _, it := range items {
			if _, seen := pageOf[it.src]; !seen {
				pageOf[it.src] = n
			}
		}
	}
	for i, r := range rows {
		if r.together < 2 {
			continue
		}
		group := rows[i:min(i+r.together, len(rows))]
		f := &flow{g: g}
		if f.stack(group) > g.bottom-g.top {
			continue
		}
		if first, last := pageOf[group[0]], pageOf[group[len(group)-1]]; first != last {
			t.Errorf("rows that fit on a page together run from page %d to page %d", first+1, last+1)
		}
	}
}

// checkParts checks that rows that fit on a page are whole, that the parts
// of a longer row follow each other on consecutive pages with every line
// once and every fill carried on, and returns how many rows were split.
func checkParts(t *testing.T, g geometry, pages [][]placed) int {
	t.Helper()
	type seen struct {
		parts, lastPage int
		lines           []int
	}
	rows := map[*row]*seen{}
	var order []*row
	for n, items := range pages {
		for _, it := range items {
			if it.src.kind == kindHeader {
				continue
			}
			s := rows[it.src]
			if s == nil {
				s = &seen{lines: make([]int, len(it.src.cells)), lastPage: n - 1}
				rows[it.src] = s
				order = append(order, it.src)
			}
			if it.part != s.parts || n != s.lastPage+1 {
				t.Errorf("page %d: part %d of a row follows part %d on page %d", n+1, it.part, s.parts-1, s.lastPage+1)
			}
			s.parts, s.lastPage = s.parts+1, n
			for i := range it.row.cells {
				own := len(it.row.cells[i].lines)
				if i == 0 && it.part > 0 {
					own -= checkContinued(t, n, it, s.lines[0])
				}
				s.lines[i] += own
				if (it.row.cells[i].fill == nil) != (it.src.cells[i].fill == nil) {
					t.Errorf("page %d: a part of a row lost the fill of cell %d", n+1, i)
				}
			}
		}
	}
	split := 0
	for _, r := range order {
		s := rows[r]
		fits := r.height() <= g.bottom-g.top-headerHeightOf(r)
		if s.parts > 1 {
			split++
			if fits {
				t.Errorf("a row of height %.1f that fits on a page was split in %d", r.height(), s.parts)
			}
		}
		for i := range r.cells {
			if s.lines[i] != len(r.cells[i].lines) {
				t.Errorf("cell %d: %d lines drawn, want %d", i, s.lines[i], len(r.cells[i].lines))
			}
		}
	}
	return split
}

// checkContinued checks that a part continuing a row whose first cell has
// nothing left to show (drawn is how many of its lines earlier parts drew)
// says in that cell what it continues, as an artifact: "1.2 (cont.)" for
// an action's row. It returns how many lines that note takes.
func checkContinued(t *testing.T, page int, it placed, drawn int) int {
	t.Helper()
	var note []string
	for _, l := range it.row.cells[0].lines {
		if l.font == continuedFont {
			if l.tag != nil || l.bullet != nil {
				t.Errorf("page %d: the note %q is tagged; want an artifact", page+1, l.text)
			}
			note = append(note, l.text)
		}
	}
	if drawn < len(it.src.cells[0].lines) || len(it.src.widths) < 2 {
		return len(note)
	}
	want := "(cont.)"
	if it.src.kind == kindBody && len(it.src.widths) > 2 {
		want = `\S+ \(cont\.\)` // the action's or task's number, then (cont.)
	}
	if got := strings.Join(note, " "); !regexp.MustCompile(`^` + want + `$`).MatchString(got) {
		t.Errorf("page %d: a row continued says %q in its first cell, want %s", page+1, got, want)
	}
	return len(note)
}

func headerHeightOf(r *row) float64 {
	if r.header == nil {
		return 0
	}
	return r.header.height()
}

func TestFlowOver(t *testing.T) {
	tests := []struct {
		name string
		r    *report.Report
	}{
		{"30,000-character update", generated(t, 12, greekUpdate(30000))},
		{"1,000 actions", generated(t, 1000, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := render(t, tt.r, Options{})
			qpdfCheck(t, pdf)
			pages := pdfPages(t, pdf)
			least, most := pageBounds(t, tt.r)
			if len(pages) < least || len(pages) > most {
				t.Errorf("%d pages, want %d to %d", len(pages), least, most)
			}
			head := normalise("Strategic Lead Timescale " + tt.r.Heading() + " RAG")
			inTable, greekPages := false, 0
			for n, p := range pages {
				p = normalise(p)
				// Every page the long update continues onto names its action.
				if greek(p) != "" {
					if greekPages++; greekPages > 1 && !strings.Contains(p, "1.1 (cont.)") {
						t.Errorf("page %d continues action 1.1 without naming it: %.300q", n+1, p)
					}
				}
				if i := strings.Index(p, "(cont.)"); i >= 0 && !strings.HasSuffix(p[:i], "1.1 ") {
					t.Errorf("page %d: a (cont.) not after the action's number: %.100q", n+1, p[max(0, i-50):])
				}
				if m := pageFooter.FindStringSubmatch(p); m == nil || m[1] != itoa(n+1) || m[2] != itoa(len(pages)) {
					t.Errorf("page %d: footer %q, want Page %d of %d", n+1, m, n+1, len(pages))
				}
				if strings.Contains(p, tt.r.Maintenance.Title) {
					inTable = false
				}
				if inTable && !strings.Contains(p, head) {
					t.Errorf("page %d continues the action table without its header", n+1)
				}
				if strings.Contains(p, head) {
					inTable = true
				}
			}
			text := pdfText(t, pdf)
			var labels []string
			for _, th := range tt.r.Themes {
				for _, o := range th.Outcomes {
					for i := range o.Actions {
						labels = append(labels, o.Actions[i].Label())
					}
				}
			}
			inOrder(t, text, strings.Index(text, head), labels)
			want := greek(strings.Join(tt.r.Themes[0].Outcomes[0].Actions[0].Points, ""))
			if got := greek(text); got != want {
				t.Errorf("the Greek text of the update: got %d letters, want %d", len([]rune(got)), len([]rune(want)))
			}
		})
	}
}

// pageBounds is the range of page counts a sensible layout of r gives: at
// least its rows' heights over a page's, at most a fifth more and a page
// per table for the headers.
func pageBounds(t *testing.T, r *report.Report) (least, most int) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	g, _ := geometryFor(Options{})
	total := 0.0
	for _, row := range newContent(m, g, r, nil) {
		total += row.height()
	}
	pages := total / (g.bottom - g.top)
	return int(pages), int(pages*1.2) + 4
}
