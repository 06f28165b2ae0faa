package pdfreport

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleWants lists, in reading order, everything of the sample report
// that the action and maintenance tables must print.
func sampleWants(r *report.Report) []string {
	var wants []string
	for _, th := range r.Themes {
		wants = append(wants, th.Name)
		for _, o := range th.Outcomes {
			wants = append(wants, o.Label())
			for i := range o.Actions {
				a := &o.Actions[i]
				wants = append(wants, a.Label())
				if a.Completed() {
					wants = append(wants, "Completed "+report.LongDate(a.CompletedOn))
				}
				wants = append(wants, a.Leads...)
				wants = append(wants, a.Timescale)
				for _, p := range a.Points {
					wants = append(wants, "• "+p)
				}
				switch s := r.Status(a); {
				case s.Completed:
					wants = append(wants, "Completed")
				case s.RAG != nil:
					wants = append(wants, s.RAG.Code)
				}
			}
		}
	}
	wants = append(wants, r.Maintenance.Title, r.Maintenance.TaskColumn)
	for _, task := range r.Maintenance.Tasks {
		wants = append(wants, task.No, task.Text, task.Timescale)
	}
	return wants
}

func TestSampleText(t *testing.T) {
	tests := []struct {
		name     string
		sections report.Sections
	}{
		{"all sections", allSections},
		{"no optional section", report.Sections{}},
		{"exceptions only", report.Sections{Exceptions: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleReport(t, tt.sections)
			text := pdfText(t, render(t, r, Options{}))
			at := inOrder(t, text, 0, []string{
				"CPC Improvement Plan 2018 – 2020",
				"Year 1 Progress / Update Report @ 31 July 2019",
				"First Published: 3 October 2018",
				"Perth and Kinross Child Protection Committee",
				"03/10/2018 Publication Date 17 0 17 17",
				"31/07/2019 Year 1 Progress / Update Report 17 2 0 15",
				"RAG Legend – Red Amber Green",
				"R " + r.Legend[0].Definition,
				"A " + r.Legend[1].Definition,
				"G " + r.Legend[2].Definition,
			})
			checkOptional(t, text, r, "RAG at a glance", tt.sections.Chart)
			checkOptional(t, text, r, report.HistoryHeading, tt.sections.History)
			if tt.sections.History {
				// counted by hand from internal/sample: Red, Amber, Green,
				// Completed, No RAG given, Total
				inOrder(t, text, strings.Index(text, report.HistoryHeading), []string{
					"03/10/2018 Publication Date 0 0 0 0 17 17",
					"31/07/2019 Year 1 Progress / Update Report 0 5 10 2 0 17",
					// then the chart, on its own axis: 0 to 18 every 2
					"31/07/2019 5 10 2 17 (Amber 5, Green 10, Completed 2)",
					"0 2 4 6 8 10 12 14 16 18", report.ChartAxis,
				})
			}
			checkOptional(t, text, r, "Trend beside each RAG", r.TrendMarks())
			checkOptional(t, text, r, "Exceptions", tt.sections.Exceptions)
			if tt.sections.Exceptions {
				var nos []string
				for _, e := range r.Exceptions {
					nos = append(nos, e.Action.Label())
				}
				at = inOrder(t, text, at, nos)
			}
			head := "Timescale " + r.Heading() + " RAG"
			start := strings.Index(text[at:], head)
			if start < 0 {
				t.Fatalf("the action table's header %q is missing", head)
			}
			inOrder(t, text, at+start, sampleWants(r))
		})
	}
}

// checkOptional checks that an optional section's title is printed exactly
// when the section is on.
func checkOptional(t *testing.T, text string, r *report.Report, title string, on bool) {
	t.Helper()
	if got := strings.Contains(text, title); got != on {
		t.Errorf("%q printed: %v, want %v", title, got, on)
	}
}

func TestSampleGolden(t *testing.T) {
	pages := pdfPages(t, render(t, sampleReport(t, allSections), Options{}))
	got := []byte(strings.Join(pages, "\f\n"))
	path := filepath.Join("testdata", "sample.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the sample's text differs from %s (run go test -update if the change is meant):\n%s",
			path, firstDifference(string(got), string(want)))
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		r    *report.Report
		opt  Options
	}{
		{"sample", sampleReport(t, allSections), Options{}},
		{"sample portrait", sampleReport(t, allSections), Options{Width: 215.9, Height: 279.4}},
		{"generated", generated(t, 200, ""), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := render(t, tt.r, tt.opt)
			for i := 0; i < 3; i++ {
				if again := render(t, tt.r, tt.opt); !bytes.Equal(first, again) {
					t.Fatalf("render %d differs from the first", i+2)
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		box     string // the MediaBox, in points
		wantErr string
	}{
		{"default A4 landscape", Options{}, "841.89 595.28", ""},
		{"A4 portrait", Options{Width: 210, Height: 297}, "595.28 841.89", ""},
		{"A3 landscape", Options{Width: 420, Height: 297}, "1190.55 841.89", ""},
		{"letter landscape", Options{Width: 279.4, Height: 215.9}, "792 612", ""},
		{"legal portrait", Options{Width: 215.9, Height: 355.6}, "612 1008", ""},
		{"too small", Options{Width: 50, Height: 50}, "", "a page of 50 × 50 mm is too small"},
		{"not a number", Options{Width: math.NaN(), Height: 100}, "", "too small or too large"},
	}
	r := sampleReport(t, allSections)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(&buf, r, tt.opt)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, tt.wantErr)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written despite the error", buf.Len())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if box := "/MediaBox [0 0 " + tt.box + "]"; !bytes.Contains(buf.Bytes(), []byte(box)) {
				t.Errorf("no %s in the PDF", box)
			}
			qpdfCheck(t, buf.Bytes())
		})
	}
}

func TestDocumentProperties(t *testing.T) {
	r := sampleReport(t, allSections)
	path := writePDF(t, render(t, r, Options{}))
	info := run(t, "pdfinfo", path)
	for _, want := range []string{
		"Title: " + r.Title,
		"Author: " + r.Organisation,
		"Subject: " + r.Subject(),
		"Creator: " + report.Creator,
		"CreationDate: Wed Jul 31 00:00:00 2019 UTC",
	} {
		if !strings.Contains(normalise(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range doc.Outlines {
		got = append(got, o.flatten("")...)
	}
	want := []string{"Summary", "RAG Legend – Red Amber Green", "RAG at a glance", report.HistoryHeading, "Exceptions", report.ActionsHeading}
	for _, th := range r.Themes {
		want = append(want, report.ActionsHeading+" > "+th.Name)
		for _, o := range th.Outcomes {
			want = append(want, report.ActionsHeading+" > "+th.Name+" > Outcome "+o.Number)
		}
	}
	want = append(want, r.Maintenance.Title)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// outline is an entry of qpdf's JSON outline.
type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

// flatten lists the entry and its descendants as "parent > child" paths.
func (o outline) flatten(parent string) []string {
	path := o.Title
	if parent != "" {
		path = parent + " > " + o.Title
	}
	list := []string{path}
	for _, k := range o.Kids {
		list = append(list, k.flatten(path)...)
	}
	return list
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name string
		w    func() error
		want string
	}{
		{"nil report", func() error { return Render(&bytes.Buffer{}, nil, Options{}) }, "no report"},
		{"failing writer", func() error {
			return Render(failingWriter{}, sampleReport(t, allSections), Options{})
		}, "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.w(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

var pageFooter = regexp.MustCompile(`Page (\d+) of (\d+)`)
