package htmlreport

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/pdfreport"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// axeDir holds the Node script that drives chromium, and its lock file.
const axeDir = "testdata/axe"

// browserResult is what testdata/axe/check.mjs reports for one page.
type browserResult struct {
	Requests []string
	Text     string
	Widths   []widthResult
}

// widthResult is what check.mjs finds at one width of the viewport.
type widthResult struct {
	Width      int
	Version    string
	Rules      int
	Passes     int
	Violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	ScrollWidth int
	ClientWidth int
	Wide        []string // elements reaching past the viewport's edges, the first ten
	WideCount   int
	Clipped     []string // texts of the chart cut at its edge
}

// browserPage is a page TestBrowser opens.
type browserPage struct {
	name  string
	r     *report.Report
	print bool // printed too, within 1.3 times the PDF's pages
	long  bool // its texts are longer than the chart is wide
}

// TestBrowser opens the seed's page, a 120-action plan's and one whose
// every text is a 32,767-character word and right-to-left text in chromium
// and checks them at 1280 and 320 CSS pixels wide with every rule of
// axe-core (best practices included; only the AAA contrast rule is left
// out, check.mjs says why): no violation, no request but the file itself,
// no sideways scrolling, at 320 pixels no element reaching past the
// viewport, no text of the chart cut at its edge, and every action and
// figure in the page's text. The seed's and the 120-action plan's pages
// printed as the browser prints them take at most 1.3 times the pages of
// their PDF, and no printed page ends with a heading.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: starts chromium")
	}
	node, chromium := browserTools(t)
	testtool.Need(t, "pdftotext")
	seed := sample.Report(allSections)
	seed.Language = "en-GB"
	pages := []browserPage{{name: "seed", r: seed, print: true}, {name: "120 actions", r: large(t, 120), print: true},
		{name: "hostile text", r: hostile(strings.Repeat("W", 32767) + " שלום עולם مرحبا 👨‍👩‍👧 <b>&amp;</b> \u202eevil"), long: true}}
	dir := t.TempDir()
	var files, args []string
	for i, p := range pages {
		files = append(files, filepath.Join(dir, "page"+strconv.Itoa(i)+".html"))
		if err := os.WriteFile(files[i], render(t, p.r), 0o644); err != nil {
			t.Fatal(err)
		}
		if p.print {
			args = append(args, "--print="+files[i])
		} else {
			args = append(args, files[i])
		}
	}
	cmd := exec.Command(node, append([]string{"check.mjs"}, args...)...)
	cmd.Dir = axeDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs: %v\n%s", err, stderr.String())
	}
	var results map[string]browserResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("node check.mjs printed %.200q: %v", out, err)
	}
	for i, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			res, ok := results[files[i]]
			if !ok {
				t.Fatalf("check.mjs gave no result for %s", files[i])
			}
			judge(t, p, files[i], res)
			if p.print {
				judgePrint(t, p.r, files[i]+".pdf")
			}
		})
	}
}

// browserTools finds node, chromium and the Node packages, or calls
// testtool.Missing.
func browserTools(t *testing.T) (node, chromium string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node", "apt-get install nodejs npm")
	}
	chromium = os.Getenv("PLANREPORT_CHROMIUM")
	if chromium == "" {
		if chromium, err = exec.LookPath("chromium"); err != nil {
			testtool.Missing(t, "chromium", "apt-get install chromium, or set PLANREPORT_CHROMIUM")
		}
	}
	for _, pkg := range []string{"axe-core", "playwright-core"} {
		if _, err := os.Stat(filepath.Join(axeDir, "node_modules", pkg, "package.json")); err != nil {
			testtool.Missing(t, pkg, "npm ci --prefix internal/htmlreport/"+axeDir)
		}
	}
	return node, chromium
}

// judge checks one page's results.
func judge(t *testing.T, p browserPage, file string, res browserResult) {
	if len(res.Widths) != 2 {
		t.Fatalf("check.mjs measured %d widths, want 1280 and 320", len(res.Widths))
	}
	for _, w := range res.Widths {
		t.Logf("%d px: axe-core %s: %d of %d rules passed, %d violated; scroll width %d", w.Width, w.Version,
			w.Passes, w.Rules, len(w.Violations), w.ScrollWidth)
		for _, v := range w.Violations {
			t.Errorf("%d px: axe: %s (%s): %s\n\t%s", w.Width, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
		if w.Passes == 0 || w.Rules < 100 {
			t.Errorf("%d px: axe passed %d of %d rules: it did not run every rule", w.Width, w.Passes, w.Rules)
		}
		if w.ClientWidth != w.Width || w.ScrollWidth > w.Width {
			t.Errorf("at a %d px wide viewport the page is %d px wide in a %d px window: it scrolls sideways",
				w.Width, w.ScrollWidth, w.ClientWidth)
		}
		if w.Width == 320 && w.WideCount > 0 {
			t.Errorf("at 320 px, %d elements reach past the viewport:\n\t%s", w.WideCount, strings.Join(w.Wide, "\n\t"))
		}
		if !p.long && len(w.Clipped) > 0 {
			t.Errorf("%d px: texts of the chart are cut at its edge: %q", w.Width, w.Clipped)
		}
	}
	self := "file://" + file
	for _, u := range res.Requests {
		if u != self {
			t.Errorf("the page requested %s", u)
		}
	}
	if len(res.Requests) != 1 {
		t.Errorf("%d requests, want only the page itself", len(res.Requests))
	}
	r := p.r
	var want []string
	for _, s := range r.Summary {
		want = append(want, report.ShortDate(s.Date)+"\t"+s.Name+"\t"+strconv.Itoa(s.Total)+"\t"+
			strconv.Itoa(s.Completed)+"\t"+strconv.Itoa(s.Added)+"\t"+strconv.Itoa(s.Ongoing))
	}
	for _, a := range actions(r) {
		want = append(want, a.Label(), a.Timescale)
		want = append(want, a.Leads...)
		want = append(want, a.Points...)
	}
	text := strings.Join(strings.Fields(res.Text), " ")
	for _, w := range want {
		if w = strings.Join(strings.Fields(w), " "); !strings.Contains(text, w) {
			t.Errorf("%q is not in the page's text", w)
		}
	}
}

// judgePrint checks that the page, printed by the browser to printed,
// takes at most 1.3 times the pages of r's PDF, and that no page but the
// last ends with the actions' heading, a theme or an outcome.
func judgePrint(t *testing.T, r *report.Report, printed string) {
	var pdf bytes.Buffer
	if err := pdfreport.Render(&pdf, r, pdfreport.Options{}); err != nil {
		t.Fatal(err)
	}
	want := len(testtool.PDFPages(t, testtool.TempFile(t, "report.pdf", pdf.Bytes())))
	pages := testtool.PDFPages(t, printed, "-layout")
	t.Logf("printed: %d pages; the PDF: %d", len(pages), want)
	if float64(len(pages)) > 1.3*float64(want) {
		t.Errorf("the printed page takes %d pages, more than 1.3 times the PDF's %d", len(pages), want)
	}
	// No page ends with a heading: each is kept with what follows it.
	headings := []string{report.ActionsHeading}
	for _, th := range r.Themes {
		headings = append(headings, th.Name)
		for i := range th.Outcomes {
			headings = append(headings, th.Outcomes[i].Label())
		}
	}
	for i, page := range pages[:len(pages)-1] {
		lines := strings.Split(strings.TrimSpace(page), "\n")
		last := strings.Join(strings.Fields(lines[len(lines)-1]), " ")
		for _, h := range headings {
			if h = strings.Join(strings.Fields(h), " "); last == h || len(last) > 20 && strings.HasSuffix(h, last) {
				t.Errorf("printed page %d ends with the heading %q", i+1, h)
			}
		}
	}
}
