// Command gotest runs go test with the arguments it is given and prints
// what go test prints without -v: a line per package, and the output of
// each test that failed. It then lists every test that was skipped, with
// the reason it gave (a program or font not installed, say), and ends with
// one line counting the tests and subtests: "N passed, N failed, N
// skipped". It exits 1 when a test or a build failed.
//
// It is a tool of the module (go.mod's tool lines): make test runs it as
// go tool gotest -count=1 ./...
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

func main() {
	cmd := exec.Command("go", append([]string{"test", "-json"}, os.Args[1:]...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotest:", err)
		os.Exit(1)
	}
	failed := summarize(out, os.Stdout)
	if err := cmd.Wait(); err != nil || failed {
		os.Exit(1)
	}
}

// event is an event of go test -json: a test2json TestEvent, or a
// BuildEvent (ImportPath set) carrying a compiler's output.
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string
}

// line is a line of output, and the test that wrote it ("" for the
// package itself).
type line struct{ test, text string }

// pkg is what summarize keeps of a package until it ends.
type pkg struct {
	lines  []line
	failed map[string]bool // the tests that failed
}

// skip is a skipped test and its reason.
type skip struct{ test, reason string }

// summarize reads the events of go test -json from r and writes the
// summary to w. It reports whether a test or build failed.
func summarize(r io.Reader, w io.Writer) (failed bool) {
	pkgs := map[string]*pkg{}
	var skips []skip
	var passed, failures int
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(w, sc.Text()) // not an event: pass it on
			continue
		}
		if e.ImportPath != "" { // the compiler's output
			fmt.Fprint(w, e.Output)
			failed = failed || e.Action == "build-fail"
			continue
		}
		p := pkgs[e.Package]
		if p == nil {
			p = &pkg{failed: map[string]bool{}}
			pkgs[e.Package] = p
		}
		switch {
		case e.Action == "output":
			p.lines = append(p.lines, line{e.Test, e.Output})
		case e.Test != "" && e.Action == "pass":
			passed++
		case e.Test != "" && e.Action == "fail":
			failures++
			p.failed[e.Test] = true
		case e.Test != "" && e.Action == "skip":
			skips = append(skips, skip{e.Package + " " + e.Test, reason(p.lines, e.Test)})
		case e.Test == "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
			failed = failed || e.Action == "fail"
			p.print(w)
			delete(pkgs, e.Package)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(w, "gotest: reading go test's output:", err)
		failed = true
	}
	if len(skips) > 0 {
		fmt.Fprintf(w, "\nSkipped (%d):\n", len(skips))
		for _, s := range skips {
			fmt.Fprintf(w, "  %s: %s\n", s.test, s.reason)
		}
	}
	fmt.Fprintf(w, "\n%d passed, %d failed, %d skipped\n", passed, failures, len(skips))
	return failed || failures > 0
}

// print writes what go test without -v writes of a package that has
// ended: the output of the tests that failed, and its own, but for the
// bare PASS line.
func (p *pkg) print(w io.Writer) {
	for _, l := range p.lines {
		switch {
		case l.test == "" && l.text == "PASS\n":
		case l.test != "" && (!p.failed[l.test] || strings.HasPrefix(l.text, "=== ")):
		default:
			fmt.Fprint(w, l.text)
		}
	}
}

// logLine is a line a test logged (t.Log, t.Skip), "file.go:12: text",
// indented.
var logLine = regexp.MustCompile(`^\s+\S+\.go:\d+: `)

// reason is the last line test logged before it was skipped: the reason
// t.Skip gave.
func reason(lines []line, test string) string {
	why := "(no reason given)"
	for _, l := range lines {
		if l.test == test && logLine.MatchString(l.text) {
			why = strings.TrimSpace(l.text)
		}
	}
	return why
}
