// Command benchtable reads the output of `go test -bench` (make bench pipes
// it in) and prints the README's Speed table from it, naming the processor,
// the Go version and the date, so that the table in the README is always
// one that `make bench` printed on a named machine. The README's rows and
// targets are held to the ones here by a test.
//
// It is our own because what it does is the table: which benchmark answers
// which row, and how each figure is written. Reading the benchmark lines is
// a dozen lines of strings.Fields; golang.org/x/perf's benchfmt would do
// that part only, for a module many times this program's size.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// A figure is one benchmark's metric, written as the row wants it.
type figure struct {
	bench  string // "generate.BenchmarkSample": the package's last element and the name
	metric string // "sec/op", "B/op", or a custom unit such as "peak-RSS-MB"
	format func(float64) string
}

// A row of the table: what is measured, its target, and its figures, each
// written after the ones before with its own joiner.
type row struct {
	what, target string
	figures      []figure
	join         []string // put before each figure after the first
}

func sec(bench string) figure { return figure{bench, "sec/op", duration} }
func allocMB(bench string) figure {
	return figure{bench, "B/op", func(v float64) string { return mb(v/1e6) + " allocated" }}
}
func rss(bench string) figure {
	return figure{bench, "peak-RSS-MB", func(v float64) string { return mb(v) + " peak RSS" }}
}
func pdfSize(bench string) figure { return figure{bench, "PDF-MB", size} }
func slash(n int) []string        { return repeat(" / ", n) }
func repeat(s string, n int) []string {
	r := make([]string, n)
	for i := range r {
		r[i] = s
	}
	return r
}

// rows is the Speed table, in the README's order.
var rows = []row{
	{"the sample, three formats, in-process (`generate.BenchmarkSample`)", "under 10 ms",
		[]figure{sec("generate.BenchmarkSample"), allocMB("generate.BenchmarkSample")}, []string{", "}},
	{"the sample, three formats, whole process (`main.BenchmarkProcessSample`)", "under 50 ms",
		[]figure{sec("planreport.BenchmarkProcessSample"), rss("planreport.BenchmarkProcessSample")}, []string{", "}},
	{"10,000 actions, three formats, in-process (`generate.BenchmarkActions10000`)", "under 1 s",
		[]figure{sec("generate.BenchmarkActions10000")}, nil},
	{"10,000 actions, three formats, whole process (`main.BenchmarkProcess10000`)", "under 1 s, under 200 MB",
		[]figure{sec("planreport.BenchmarkProcess10000"), rss("planreport.BenchmarkProcess10000")}, []string{", "}},
	{"cost linear in the number of actions: 1,000 / 10,000 actions in-process (`generate.BenchmarkActions*`)", "linear",
		[]figure{sec("generate.BenchmarkActions1000"), sec("generate.BenchmarkActions10000")}, slash(1)},
	{"reading the workbook: sample / 100 / 10,000 actions (`workbook.BenchmarkRead*`)", "",
		[]figure{sec("workbook.BenchmarkReadSample"), sec("workbook.BenchmarkRead100"), sec("workbook.BenchmarkRead")}, slash(2)},
	{"the report model: sample / 100 / 10,000 actions (`report.BenchmarkBuild*`)", "",
		[]figure{sec("report.BenchmarkBuildSample"), sec("report.BenchmarkBuild100"), sec("report.BenchmarkBuild10000")}, slash(2)},
	{"the tagged PDF: sample / 1,000 / 10,000 actions (`pdfreport.BenchmarkRender*`)", "",
		[]figure{sec("pdfreport.BenchmarkRenderSample"), sec("pdfreport.BenchmarkRender1000"), sec("pdfreport.BenchmarkRender10000")}, slash(2)},
	{"the Word report: sample / 100 / 10,000 actions (`docxreport.BenchmarkRender*`)", "",
		[]figure{sec("docxreport.BenchmarkRenderSample"), sec("docxreport.BenchmarkRender100"), sec("docxreport.BenchmarkRender10000")}, slash(2)},
	{"the web page: sample / 10,000 actions (`htmlreport.BenchmarkRender*`)", "10,000 actions under 0.3 s",
		[]figure{sec("htmlreport.BenchmarkRenderSample"), sec("htmlreport.BenchmarkRender10000")}, slash(1)},
	{"the PDF's size: sample / 10,000 actions (`main.BenchmarkProcess*`, PDF-MB)", "at most 1.3 × the untagged 75 KB / 10.1 MB",
		[]figure{pdfSize("planreport.BenchmarkProcessSample"), pdfSize("planreport.BenchmarkProcess10000")}, slash(1)},
	{"the update round, 1,000 actions and 100 leads: ask / collect, whole process (`main.BenchmarkAsk1000`, `main.BenchmarkCollect1000`)", "under 2 s each",
		[]figure{sec("planreport.BenchmarkAsk1000"), sec("planreport.BenchmarkCollect1000")}, slash(1)},
	{"LibreOffice turning the sample's .docx into PDF (`main.BenchmarkLibreOfficeSample`)", "comparison",
		[]figure{sec("planreport.BenchmarkLibreOfficeSample")}, nil},
}

// results maps "pkg.BenchmarkName" to its metrics (unit → value); cpu is
// what `go test` said of the processor.
type results struct {
	metrics map[string]map[string]float64
	cpu     string
}

// parse reads `go test -bench` output. Of a benchmark run more than once
// (make bench's -count), the fastest run's figures are kept: the one
// least disturbed by whatever else the machine was doing.
func parse(r io.Reader) (results, error) {
	res := results{metrics: map[string]map[string]float64{}}
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			p := strings.TrimSpace(strings.TrimPrefix(line, "pkg: "))
			pkg = p[strings.LastIndex(p, "/")+1:]
		case strings.HasPrefix(line, "cpu: "):
			res.cpu = strings.TrimSpace(strings.TrimPrefix(line, "cpu: "))
		case strings.HasPrefix(line, "Benchmark"):
			f := strings.Fields(line)
			if len(f) < 4 || len(f)%2 != 0 {
				continue // a benchmark's name before its figures, or a failure
			}
			name := f[0]
			if i := strings.LastIndex(name, "-"); i > 0 {
				name = name[:i] // the GOMAXPROCS suffix
			}
			m := map[string]float64{}
			for i := 2; i+1 < len(f); i += 2 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					m = nil // not a result: a benchmark's name, then what it printed
					break
				}
				unit := f[i+1]
				if unit == "ns/op" {
					unit, v = "sec/op", v/1e9
				}
				m[unit] = v
			}
			if m == nil {
				continue
			}
			key := pkg + "." + name
			if old, ok := res.metrics[key]; ok && old["sec/op"] <= m["sec/op"] {
				continue
			}
			res.metrics[key] = m
		}
	}
	return res, sc.Err()
}

// table writes the table: a line naming the machine, then the rows. A
// figure whose benchmark did not run is "–".
func table(w io.Writer, res results, goVersion string, cores int, date time.Time) {
	fmt.Fprintf(w, "Measured by `make bench` on %s, %s (%d cores), %s, %s.\n\n",
		date.Format("2006-01-02"), orUnknown(res.cpu), cores, goVersion, runtime.GOOS+"/"+runtime.GOARCH)
	fmt.Fprintln(w, "| what | target | measured |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, r := range rows {
		var b strings.Builder
		for i, f := range r.figures {
			if i > 0 {
				b.WriteString(r.join[i-1])
			}
			v, ok := res.metrics[f.bench][f.metric]
			if !ok {
				b.WriteString("–")
				continue
			}
			b.WriteString(f.format(v))
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", r.what, r.target, b.String())
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "an unnamed processor"
	}
	return s
}

// duration writes seconds as ms below one second, to two or three
// significant figures.
func duration(s float64) string {
	switch {
	case s >= 1:
		return strconv.FormatFloat(s, 'f', 2, 64) + " s"
	case s >= 0.1:
		return strconv.FormatFloat(s*1e3, 'f', 0, 64) + " ms"
	case s >= 0.01:
		return strconv.FormatFloat(s*1e3, 'f', 1, 64) + " ms"
	default:
		return strconv.FormatFloat(s*1e3, 'f', 2, 64) + " ms"
	}
}

func mb(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + " MB" }

// size writes a size in MB as KB below one MB.
func size(v float64) string {
	if v < 1 {
		return strconv.FormatFloat(v*1e3, 'f', 0, 64) + " KB"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + " MB"
}

func main() {
	res, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(res.metrics) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on standard input")
		os.Exit(1)
	}
	table(os.Stdout, res, runtime.Version(), runtime.NumCPU(), time.Now())
}
