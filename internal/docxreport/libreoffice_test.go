package docxreport

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/templates"
)

// convert converts each .docx to format (a file type, optionally with an
// export filter) with LibreOffice, in one run, with a profile of its own (a
// shared one is locked by any other running office).
func convert(t *testing.T, format, dir string, docx []string) {
	t.Helper()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "profile"),
		"--headless", "--convert-to", format, "--outdir", dir}
	out, err := exec.Command("soffice", append(args, docx...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Logf("soffice: %s", out)
}

// resave is the default template as a clerk gets it back from editing it
// in LibreOffice: opened and saved again as .docx.
func resave(t *testing.T) []byte {
	t.Helper()
	in, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(in, "template.docx"), templates.ReportDOCX, 0o644); err != nil {
		t.Fatal(err)
	}
	convert(t, "docx:MS Word 2007 XML", out, []string{filepath.Join(in, "template.docx")})
	data, err := os.ReadFile(filepath.Join(out, "template.docx"))
	if err != nil {
		t.Fatalf("LibreOffice did not save the template: %v", err)
	}
	return data
}

// pdfPages is the text of each page of a PDF, its white space collapsed.
func pdfPages(t *testing.T, pdf string) []string {
	t.Helper()
	pages := testtool.PDFPages(t, pdf, "-raw")
	for i, p := range pages {
		pages[i] = collapse(p)
	}
	return pages
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkActions checks that every action and update point is in the text.
func checkActions(t *testing.T, r *report.Report, text string) {
	t.Helper()
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				for _, want := range append([]string{a.Label()}, a.Points...) {
					if !strings.Contains(text, collapse(want)) {
						t.Errorf("the PDF lacks %q", want)
					}
				}
			}
		}
	}
}

func TestLibreOffice(t *testing.T) {
	testtool.Need(t, "soffice", "pdftotext")
	resaved := resave(t)
	sample := sampleReport(t, allSections)
	big := bigReport(t, 1000, report.Sections{})
	long := longUpdate(t)
	tests := []struct {
		name  string
		r     *report.Report
		opt   Options
		check func(t *testing.T, pages []string)
	}{
		{"sample", sample, Options{}, func(t *testing.T, pages []string) {
			checkActions(t, sample, strings.Join(pages, " "))
		}},
		{"split placeholders", sample, Options{Template: splitRuns(t)}, func(t *testing.T, pages []string) {
			text := strings.Join(pages, " ")
			checkActions(t, sample, text)
			for _, want := range []string{"CPC Improvement Plan 2018 – 2020", "Prepared by Perth and Kinross Child Protection Committee"} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
			if strings.Contains(text, "{{") {
				t.Error("the PDF shows a placeholder")
			}
		}},
		{"template saved by LibreOffice", sample, Options{Template: resaved}, func(t *testing.T, pages []string) {
			checkActions(t, sample, strings.Join(pages, " "))
		}},
		{"hostile text", hostileReport(t), Options{}, func(t *testing.T, pages []string) {
			text := strings.Join(pages, " ")
			for _, want := range []string{
				`Title Tom & Jerry <b>"quoted"</b> 'single' ]]> &amp; second line third Tabbed ctrl end`,
				`1.1: Tom & Jerry <b>"quoted"</b> 'single' ]]> &amp; second line third Tabbed ctrl end`,
				"<w:p>not a paragraph</w:p>",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
		}},
		{"30,000-character update", long, Options{}, func(t *testing.T, pages []string) {
			text := strings.Join(pages, " ")
			words := tokens(text)
			for _, word := range strings.Fields(long.Themes[0].Outcomes[0].Actions[0].Points[0]) {
				if !words[word] {
					t.Fatalf("the PDF lacks %q of the long update", word)
				}
			}
		}},
		{"portrait template", sample, Options{Template: portraitTemplate(t)}, func(t *testing.T, pages []string) {
			checkPortrait(t, sample, pages)
		}},
		{"1000 actions", big, Options{}, func(t *testing.T, pages []string) {
			checkActions(t, big, strings.Join(pages, " "))
			continued := 0
			for i, p := range pages {
				if !strings.Contains(p, "Develop and implement a consistent approach") {
					continue
				}
				continued++
				if !strings.Contains(p, "No Action / Task Strategic Lead Timescale") {
					t.Errorf("page %d has actions but not the table's heading row", i+1)
				}
			}
			if continued < 10 {
				t.Errorf("the action table runs over %d pages, want at least 10", continued)
			}
		}},
	}
	dir := t.TempDir()
	var files []string
	for _, tt := range tests {
		name := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".docx")
		if err := os.WriteFile(name, renderDOCX(t, tt.r, tt.opt), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	convert(t, "pdf", dir, files)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, pdfPages(t, strings.TrimSuffix(files[i], ".docx")+".pdf"))
		})
	}
}

// longUpdate is the sample's report with a first update of 30,000
// characters, in words that each occur once.
func longUpdate(t *testing.T) *report.Report {
	r := sampleReport(t, allSections)
	var b strings.Builder
	for i := 0; b.Len() < 30000; i++ {
		fmt.Fprintf(&b, "w%05d ", i)
	}
	r.Themes[0].Outcomes[0].Actions[0].Points = []string{strings.TrimSpace(b.String())}
	return r
}

// portraitTemplate is the default template as a committee makes it
// portrait in Word: A4 upright, with wider margins.
func portraitTemplate(t testing.TB) []byte {
	return editTemplate(t, documentPart, func(s string) string {
		return strings.NewReplacer(
			`<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`, `<w:pgSz w:w="11906" w:h="16838"/>`,
			`w:left="1134"`, `w:left="1800"`, `w:right="1134"`, `w:right="1800"`,
			`w:top="1134"`, `w:top="1440"`, `w:bottom="1134"`, `w:bottom="1440"`,
		).Replace(s)
	})
}

// checkPortrait checks the report in the portrait template: "Page N of M"
// on every page, and no date, number, RAG label or heading word broken
// inside its column.
func checkPortrait(t *testing.T, r *report.Report, pages []string) {
	text := strings.Join(pages, " ")
	words := tokens(text)
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				for _, s := range append(append([]string{a.Label(), a.Timescale}, a.Leads...), a.Points...) {
					for _, w := range strings.Fields(s) {
						if !words[w] && !strings.ContainsAny(w, "-–") { // LibreOffice may break after a dash
							t.Errorf("the PDF lacks the word %q whole (of %q)", w, s)
						}
					}
				}
			}
		}
	}
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	want := []string{"Date Progress / Update Report Total Actions / Tasks Total Actions / Tasks Completed",
		"No Action / Task Strategic Lead Timescale RAG Why listed",
		"No Action / Task Strategic Lead Timescale Year 1 Progress / Update Report @ 31 July 2019 RAG"}
	for _, s := range r.Summary {
		want = append(want, report.ShortDate(s.Date)+" "+s.Name+" "+strconv.Itoa(s.Total)+" "+strconv.Itoa(s.Completed))
	}
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			want = append(want, o.Number+" "+o.Actions[0].No+":")
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q whole", w)
		}
	}
}

// tokens is the set of the words of text.
func tokens(text string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	return words
}
