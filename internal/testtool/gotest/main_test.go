package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sample is a package whose tests pass, fail and skip, at the top level
// and in subtests.
const sample = `package sample

import "testing"

func TestPass(t *testing.T) { t.Log("quiet when passing") }

func TestFail(t *testing.T) { t.Error("the report is blank") }

func TestTool(t *testing.T) {
	t.Log("looking for pdftotext")
	t.Skip("skipped: pdftotext is not installed (apt-get install poppler-utils)")
}

func TestSub(t *testing.T) {
	t.Run("a", func(t *testing.T) {})
	t.Run("b", func(t *testing.T) { t.Skipf("skipped: the font %s is not installed", "DejaVuSans.ttf") })
}
`

// TestSummarize runs go test -json on sample and reads its events.
func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module sample\n\ngo 1.26\n", "sample_test.go": sample} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "test", "-json", "-count=1", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	events, err := cmd.Output()
	if err == nil {
		t.Fatal("go test passed a package with a failing test")
	}
	var out bytes.Buffer
	if !summarize(bytes.NewReader(events), &out) {
		t.Error("summarize reports no failure")
	}
	got := out.String()
	for _, want := range []string{
		"--- FAIL: TestFail",
		"the report is blank",
		"FAIL\tsample\t",
		"Skipped (2):\n" +
			"  sample TestTool: sample_test.go:11: skipped: pdftotext is not installed (apt-get install poppler-utils)\n" +
			"  sample TestSub/b: sample_test.go:16: skipped: the font DejaVuSans.ttf is not installed\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"quiet when passing", "looking for pdftotext", "=== RUN"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("the summary has %q, which go test without -v does not print:\n%s", unwanted, got)
		}
	}
	if want := "\n3 passed, 1 failed, 2 skipped\n"; !strings.HasSuffix(got, want) {
		t.Errorf("the summary ends %q; want %q", got[max(0, len(got)-len(want)):], want)
	}
}

// TestSummarizePass reads a passing package: no failure, its ok line.
func TestSummarizePass(t *testing.T) {
	events := `{"Action":"start","Package":"p"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Output":"PASS\n"}
{"Action":"output","Package":"p","Output":"ok  \tp\t0.01s\n"}
{"Action":"pass","Package":"p"}
`
	var out bytes.Buffer
	if summarize(strings.NewReader(events), &out) {
		t.Error("summarize reports a failure")
	}
	if got, want := out.String(), "ok  \tp\t0.01s\n\n1 passed, 0 failed, 0 skipped\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSummarizeBuildFailure reads a package that does not build.
func TestSummarizeBuildFailure(t *testing.T) {
	events := `{"ImportPath":"p [p.test]","Action":"build-output","Output":"# p [p.test]\n"}
{"ImportPath":"p [p.test]","Action":"build-output","Output":"./p_test.go:3:1: syntax error\n"}
{"ImportPath":"p [p.test]","Action":"build-fail"}
{"Action":"start","Package":"p"}
{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}
{"Action":"fail","Package":"p","FailedBuild":"p [p.test]"}
`
	var out bytes.Buffer
	if !summarize(strings.NewReader(events), &out) {
		t.Error("summarize reports no failure")
	}
	if got := out.String(); !strings.Contains(got, "syntax error") || !strings.Contains(got, "FAIL\tp [build failed]") {
		t.Errorf("the summary lacks the build error:\n%s", got)
	}
}
