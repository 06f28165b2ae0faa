package generate

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/importer"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// Updates as officers write them: a point with a semicolon inside, on a
// line of its own; a one-line update with an escaped semicolon; a one-line
// update of two points.
const (
	committee = "Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting."
	ownLines  = committee + "\nTerms of reference agreed by the Committee."
	escaped   = `Chair's report agreed\; to be circulated in November`
	oneLine   = "Budget set for 2020; minutes circulated to members"
)

// pointsPlan is the sample plan with the updates above at its latest
// report point, in its first three actions.
func pointsPlan(t *testing.T) *plan.Plan {
	t.Helper()
	p := sample.Plan()
	latest, _ := p.Latest()
	texts := []string{ownLines, escaped, oneLine}
	for i := range p.Updates {
		if len(texts) > 0 && p.Updates[i].Date.Equal(latest.Date) {
			p.Updates[i].Text, texts = texts[0], texts[1:]
		}
	}
	if len(texts) > 0 {
		t.Fatal("the sample has too few updates at its latest report point")
	}
	return p
}

// TestPointsAsWritten checks that each format lists exactly the report
// model's points: a semicolon inside a line is text, "\;" is a ";", and
// the setting points.semicolons turns splitting a one-line update off.
func TestPointsAsWritten(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	dir := t.TempDir()
	path := writeWorkbook(t, dir, pointsPlan(t))
	tests := []struct {
		name       string
		semicolons bool
		want       []string // points each listed once
		absent     []string // points none lists
	}{
		{"the default", true,
			[]string{committee, "Terms of reference agreed by the Committee.", "Chair's report agreed; to be circulated in November", "Budget set for 2020", "minutes circulated to members"},
			[]string{"Risk register drafted but not yet agreed by the Committee", "to be presented at the November meeting.", "to be circulated in November", oneLine}},
		{"points.semicolons false", false,
			[]string{committee, "Terms of reference agreed by the Committee.", "Chair's report agreed; to be circulated in November", oneLine},
			[]string{"Risk register drafted but not yet agreed by the Committee", "to be presented at the November meeting.", "Budget set for 2020", "minutes circulated to members"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := job(path, filepath.Join(dir, strconv.FormatBool(tt.semicolons)))
			j.Config.Points.Semicolons = tt.semicolons
			res, err := Run(context.Background(), j)
			if err != nil {
				t.Fatal(err)
			}
			model := modelPoints(res.Report)
			for format, items := range map[string][]string{
				"the report model": model,
				"the PDF":          pdfItems(t, res.Files[0]),
				"the Word report":  docxItems(t, res.Files[1]),
				"the web page":     htmlItems(t, res.Files[2]),
			} {
				if !slices.Equal(items, model) {
					t.Errorf("%s lists %d points, the report model %d", format, len(items), len(model))
				}
				for _, p := range tt.want {
					if n := count(items, p); n != 1 {
						t.Errorf("%s lists %q %d times, want once", format, p, n)
					}
				}
				for _, p := range tt.absent {
					if n := count(items, p); n != 0 {
						t.Errorf("%s lists %q as a point", format, p)
					}
				}
			}
		})
	}
}

// TestImportKeepsPoints generates the Word report, imports it, and
// generates again: every action has the same points, a semicolon inside
// a point staying text, with the setting points.semicolons on or off.
func TestImportKeepsPoints(t *testing.T) {
	dir := t.TempDir()
	path := writeWorkbook(t, dir, pointsPlan(t))
	for _, semicolons := range []bool{true, false} {
		t.Run("semicolons "+strconv.FormatBool(semicolons), func(t *testing.T) {
			out := filepath.Join(dir, strconv.FormatBool(semicolons))
			j := job(path, filepath.Join(out, "first"))
			j.Config.Points.Semicolons = semicolons
			j.Config.Formats = []string{"docx"}
			first, err := Run(context.Background(), j)
			if err != nil {
				t.Fatal(err)
			}
			p, _, err := importer.File(first.Files[0], importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			j.Workbook = writeWorkbook(t, out, p)
			j.Config.OutDir = filepath.Join(out, "second")
			second, err := Run(context.Background(), j)
			if err != nil {
				t.Fatal(err)
			}
			want, got := pointsByAction(first.Report), pointsByAction(second.Report)
			if !maps.EqualFunc(got, want, slices.Equal) {
				for a := range want {
					if !slices.Equal(got[a], want[a]) {
						t.Errorf("action %s: imported as %q, want %q", a, got[a], want[a])
					}
				}
				t.Fatalf("the imported workbook's report has %d actions, the original %d, and their points differ as above", len(got), len(want))
			}
			if n := count(modelPoints(second.Report), committee); n != 1 {
				t.Errorf("the imported report lists %q %d times, want once", committee, n)
			}
		})
	}
}

// modelPoints lists every action's points, in order.
func modelPoints(r *report.Report) []string {
	var points []string
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				points = append(points, a.Points...)
			}
		}
	}
	return points
}

// pointsByAction is every action's points, by its number.
func pointsByAction(r *report.Report) map[string][]string {
	m := map[string][]string{}
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				m[a.No] = a.Points
			}
		}
	}
	return m
}

func count(items []string, s string) int {
	n := 0
	for _, it := range items {
		if it == s {
			n++
		}
	}
	return n
}

// pdfItems lists the text of every list item body in the PDF's structure,
// as pdfinfo reads it.
func pdfItems(t *testing.T, path string) []string {
	t.Helper()
	var items []string
	for _, m := range regexp.MustCompile(`(?m)^ *LBody \(block\)\n *"(.*)"$`).FindAllStringSubmatch(testtool.Run(t, "pdfinfo", "-struct-text", path), -1) {
		items = append(items, m[1])
	}
	return items
}

// docxItems lists the text of every bulleted paragraph of the Word
// report's body.
func docxItems(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var doc struct {
		Paras []struct {
			Style struct {
				Val string `xml:"val,attr"`
			} `xml:"pPr>pStyle"`
			Texts []string `xml:"r>t"`
		} `xml:"body>tbl>tr>tc>p"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, p := range doc.Paras {
		if p.Style.Val == "ListBullet" {
			items = append(items, strings.Join(p.Texts, ""))
		}
	}
	return items
}

// htmlItems lists the items of the web page's bulleted lists (not its
// plain ones: leads, reasons).
func htmlItems(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, list := range regexp.MustCompile(`<ul>(.*?)</ul>`).FindAllStringSubmatch(string(b), -1) {
		for _, m := range regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(list[1], -1) {
			items = append(items, html.UnescapeString(m[1]))
		}
	}
	return items
}
