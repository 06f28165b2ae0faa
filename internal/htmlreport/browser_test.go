package htmlreport

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// axeDir holds the Node script that drives chromium, and its lock file.
const axeDir = "testdata/axe"

// browserResult is what testdata/axe/check.mjs reports for one page.
type browserResult struct {
	Version    string
	Passes     int
	Violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	Requests    []string
	Text        string
	ScrollWidth int
	ClientWidth int
}

// TestBrowser opens the seed's page, a large plan's and one whose every
// text is a 32,767-character word and right-to-left text in chromium and
// checks them with axe-core: no violation of the WCAG 2.0, 2.1 and 2.2 A
// and AA rules, no request but the file itself, no sideways scrolling at
// 320 CSS pixels, and every action and figure in the page's text.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: starts chromium")
	}
	node, chromium := browserTools(t)
	seed := sample.Report(allSections)
	seed.Language = "en-GB"
	pages := []struct {
		name string
		r    *report.Report
	}{{"seed", seed}, {"1000 actions", large(t, 1000)},
		{"hostile text", hostile(strings.Repeat("W", 32767) + " שלום עולם مرحبا 👨‍👩‍👧 <b>&amp;</b> \u202eevil")}}
	dir := t.TempDir()
	var files []string
	for i, p := range pages {
		files = append(files, filepath.Join(dir, "page"+strconv.Itoa(i)+".html"))
		if err := os.WriteFile(files[i], render(t, p.r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node, append([]string{"check.mjs"}, files...)...)
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
			judge(t, p.r, files[i], res)
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
func judge(t *testing.T, r *report.Report, file string, res browserResult) {
	t.Logf("axe-core %s: %d rules passed, %d violated; scroll width at 320 px: %d", res.Version, res.Passes,
		len(res.Violations), res.ScrollWidth)
	for _, v := range res.Violations {
		t.Errorf("axe: %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
	if res.Passes == 0 {
		t.Error("axe passed no rule: it did not run")
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
	if res.ClientWidth != 320 || res.ScrollWidth > 320 {
		t.Errorf("at a 320 px wide viewport the page is %d px wide in a %d px window: it scrolls sideways", res.ScrollWidth, res.ClientWidth)
	}
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
