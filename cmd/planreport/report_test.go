package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

// pdfLayoutText is the text of a PDF as pdftotext lays it out.
func pdfLayoutText(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(testtool.PDFPages(t, path, "-layout"), "\n")
}

// section is the text from the line that is heading up to the first line
// holding end.
func section(t *testing.T, text, heading, end string) string {
	t.Helper()
	start := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(heading) + `\s*$`).FindStringIndex(text)
	if start == nil {
		t.Fatalf("no %q heading in the report", heading)
	}
	rest := text[start[1]:]
	if i := strings.Index(rest, end); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// rowNumbers are the action numbers that start the text of the rows of a
// table, after the outcome's number on an outcome's first row: "2   2.1: …".
var rowNumbers = regexp.MustCompile(`(?m)^\s{0,3}(?:\d+)?\s+(\d+\.\d+): `)

func numbers(text string) []string {
	var nos []string
	for _, m := range rowNumbers.FindAllStringSubmatch(text, -1) {
		nos = append(nos, m[1])
	}
	return nos
}

// TestSampleExceptions reads the sample's PDF and finds in its Exceptions
// section exactly the sample's Amber actions (3.1, 8.1, 9.1, 10.1, 10.2)
// and its open actions past their due date (2.1, 2.2, 7.1), each with its
// reason.
func TestSampleExceptions(t *testing.T) {
	sampleAbs := absSample(t)
	out := t.TempDir()
	inTempDir(t)
	if r := planreport(t, "generate", sampleAbs, "--format", "pdf", "--out", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	text := pdfLayoutText(t, filepath.Join(out, sampleBase+".pdf"))
	exceptions := section(t, text, "Exceptions", "What key outcomes have we achieved?")
	want := []string{"2.1", "2.2", "3.1", "7.1", "8.1", "9.1", "10.1", "10.2"}
	if got := numbers(exceptions); !reflect.DeepEqual(got, want) {
		t.Errorf("Exceptions lists %v, want %v", got, want)
	}
	for _, reason := range []string{"Overdue: due 31 March 2019", "Overdue: due 31 December 2018", "RAG Amber"} {
		if !strings.Contains(exceptions, reason) {
			t.Errorf("Exceptions lacks the reason %q", reason)
		}
	}
}

// TestRollThenGenerate rolls the sample forward a year and reports the new
// point: the summary gains a third row, every open action's update is
// carried over, and each carried RAG is marked unchanged.
func TestRollThenGenerate(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	src := filepath.Join(dir, "plan.xlsx")
	data, _ := os.ReadFile(sampleAbs)
	os.WriteFile(src, data, 0o644)
	name := "Year 2 Progress / Update Report"

	steps := []struct {
		name string
		args []string
		code int
		out  string // stdout, or stderr when the step fails
	}{
		{"a date on the latest report point is refused", []string{"roll", src, "--date", "31/07/2019", "--name", name}, 1, "not after the latest report point"},
		{"a date before it is refused", []string{"roll", src, "--date", "01/01/2019", "--name", name}, 1, "not after the latest report point"},
		{"the name is required", []string{"roll", src, "--date", "31/07/2020"}, 2, `"name" not set`},
		{"a new file beside the old", []string{"roll", src, "--date", "31/07/2020", "--name", name}, 0, filepath.Join(dir, "plan-2020-07-31.xlsx")},
		{"never over it, unless asked", []string{"roll", src, "--date", "31/07/2020", "--name", name}, 1,
			"already exists; it is not overwritten unless asked: use --force to overwrite it, or --in-place to roll " + src + " itself forward"},
	}
	for _, s := range steps {
		r := planreport(t, s.args...)
		got := r.stdout
		if s.code != 0 {
			got = r.stderr
		}
		if r.code != s.code || !strings.Contains(got, s.out) {
			t.Fatalf("%s: exit %d, output %q; want %d and %q", s.name, r.code, got, s.code, s.out)
		}
	}
	if after, _ := os.ReadFile(src); string(after) != string(data) {
		t.Fatal("roll changed its input workbook")
	}

	out := filepath.Join(dir, "out")
	rolled := filepath.Join(dir, "plan-2020-07-31.xlsx")
	if r := planreport(t, "generate", rolled, "--as-of", "31/07/2020", "--format", "pdf", "--out", out); r.code != 0 {
		t.Fatalf("generate the rolled workbook: exit %d: %s", r.code, r.stderr)
	}
	text := pdfLayoutText(t, filepath.Join(out, "cpc-improvement-plan-2018-2020_2020-07-31.pdf"))
	summary := regexp.MustCompile(`31/07/2020\s+Year 2 Progress / Update Report\s+17\s+2\s+0\s+15`)
	if !summary.MatchString(text) {
		t.Error("the summary has no third row 31/07/2020 | Year 2 Progress / Update Report | 17 2 0 15")
	}
	if !strings.Contains(text, "Year 2 Progress / Update Report @ 31 July 2020") {
		t.Error("the update column is not headed by the new report")
	}
	// Each of the 15 open actions carries its update, rated as before:
	// its RAG cell reads "G =" or "A =".
	if n := len(regexp.MustCompile(`(?m)\s[GA] ?=\s`).FindAllString(text, -1)); n < 15 {
		t.Errorf("found %d RAG cells marked unchanged, want at least 15 (one per carried update)", n)
	}
	if !strings.Contains(text, "Mind Of My Own App Snapshot @ July 2019") {
		t.Error("action 2.1's carried update is missing")
	}
}
