package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

const benchOutput = `goos: linux
goarch: amd64
pkg: github.com/planreport/planreport/cmd/planreport
cpu: Intel(R) Xeon(R) Processor
BenchmarkProcessSample-2   	      38	  31000000 ns/op	         0.07800 PDF-MB	        30.50 peak-RSS-MB
BenchmarkProcess10000-2    	       2	 870000000 ns/op	        12.85 PDF-MB	       177.0 peak-RSS-MB
PASS
pkg: github.com/planreport/planreport/internal/generate
BenchmarkSample-2   	     150	   7900000 ns/op	 6400000 B/op	   41000 allocs/op
BenchmarkActions10000
BenchmarkActions10000-2   	       2	 700000000 ns/op	 1 B/op	   1 allocs/op
BenchmarkActions10000-2   	       2	 900000000 ns/op	 1 B/op	   1 allocs/op
BenchmarkActions10000-2   	Updates!D4: warning: action 2.1 was due on 31/03/2019 and is still open
`

func TestTable(t *testing.T) {
	res, err := parse(strings.NewReader(benchOutput))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	table(&b, res, "go1.26.8", 2, time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	got := b.String()
	for _, want := range []string{
		"Measured by `make bench` on 2026-12-06, Intel(R) Xeon(R) Processor (2 cores), go1.26.8",
		"| the sample, three formats, in-process (`generate.BenchmarkSample`) | under 10 ms | 7.90 ms, 6.4 MB allocated |",
		"| the sample, three formats, whole process (`main.BenchmarkProcessSample`) | under 50 ms | 31.0 ms, 30.5 MB peak RSS |",
		"| 10,000 actions, three formats, whole process (`main.BenchmarkProcess10000`) | under 1 s, under 200 MB | 870 ms, 177.0 MB peak RSS |",
		"| 78 KB / 12.85 MB |",
		"| – / 700 ms |", // 1,000 actions did not run; of two runs, the faster
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
}

// TestREADME: the README's Speed table has the rows and targets this
// program prints, in its order, so that what make bench prints can be
// pasted over it.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, speed, ok := strings.Cut(string(b), "\n## Speed\n")
	if !ok {
		t.Fatal("README has no Speed section")
	}
	var got [][2]string
	inTable := false
	for line := range strings.SplitSeq(speed, "\n") {
		if line == "| what | target | measured |" {
			inTable = true
			continue
		}
		if !inTable || strings.HasPrefix(line, "|---") {
			continue
		}
		if !strings.HasPrefix(line, "| ") {
			break
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 3 {
			t.Fatalf("README row %q has %d cells, want 3", line, len(cells))
		}
		got = append(got, [2]string{cells[0], cells[1]})
	}
	if len(got) != len(rows) {
		t.Fatalf("README's Speed table has %d rows, make bench prints %d", len(got), len(rows))
	}
	for i, r := range rows {
		if got[i] != [2]string{r.what, r.target} {
			t.Errorf("README row %d is %q | %q, make bench prints %q | %q", i+1, got[i][0], got[i][1], r.what, r.target)
		}
	}
}
