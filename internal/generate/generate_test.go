package generate

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/workbook"
)

// writeWorkbook writes p as a workbook in dir.
func writeWorkbook(tb testing.TB, dir string, p *plan.Plan) string {
	tb.Helper()
	path := filepath.Join(dir, "plan.xlsx")
	err := atomicfile.Write(path, func(w io.Writer) error {
		return planbook.Write(w, p, planbook.WriteOptions{})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return path
}

func job(workbookPath, out string) Job {
	c := config.Default()
	c.OutDir = out
	return Job{Workbook: workbookPath, Config: c}
}

func TestRunWritesEveryFormat(t *testing.T) {
	dir := t.TempDir()
	res, err := Run(context.Background(), job(writeWorkbook(t, dir, sample.Plan()), dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 3 || len(res.Problems) != 3 {
		t.Fatalf("files %v, problems %d; want three files (pdf, docx, html) and the sample's three warnings", res.Files, len(res.Problems))
	}
	for _, f := range res.Files {
		if info, err := os.Stat(f); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// benchmarkRun measures the whole job, workbook to both reports written,
// and the heap at its largest. Each run writes into a new folder, so that
// the files are really written (a file that already holds the same report
// is left alone).
func benchmarkRun(b *testing.B, p *plan.Plan) {
	dir := b.TempDir()
	j := job(writeWorkbook(b, dir, p), "")
	b.ReportAllocs()
	peak := uint64(0)
	for n := 0; b.Loop(); n++ {
		j.Config.OutDir = filepath.Join(dir, strconv.Itoa(n))
		if _, err := Run(context.Background(), j); err != nil {
			b.Fatal(err)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapSys)
	}
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
}

// BenchmarkSample: target under 10 ms (README).
func BenchmarkSample(b *testing.B) { benchmarkRun(b, sample.Plan()) }

// BenchmarkActions1000 and BenchmarkActions10000 show the cost grows
// linearly; target for 10,000 actions: under 1 s and 200 MB (README).
func BenchmarkActions1000(b *testing.B)  { benchmarkRun(b, sample.Large(1000)) }
func BenchmarkActions10000(b *testing.B) { benchmarkRun(b, sample.Large(10000)) }

// FuzzWorkbookToReport runs the whole path on any bytes: reading never
// panics, and a workbook that reads without errors always renders in both
// formats.
func FuzzWorkbookToReport(f *testing.F) {
	var buf bytes.Buffer
	if err := planbook.Write(&buf, sample.Plan(), planbook.WriteOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	small := sample.Large(3)
	small.Actions[0].Text = "Tom & Jerry <b> \"quoted\" 'single' 👍 שלום e\u0301\u200b\ttab"
	buf.Reset()
	planbook.Write(&buf, small, planbook.WriteOptions{})
	f.Add(buf.Bytes())
	c := config.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems, err := workbook.Read(bytes.NewReader(data), ReadOptions(c, time.Time{}, ""))
		if err != nil || problems.HasErrors() {
			return
		}
		r, err := model(p, time.Time{}, c, time.Time{})
		if err != nil {
			t.Fatalf("a valid workbook has no report model: %v", err)
		}
		pending, _, err := render(context.Background(), r, Job{Config: c}, paths(t.TempDir(), "report", c.Formats))
		if err != nil {
			t.Fatalf("a valid workbook failed to render: %v", err)
		}
		discard(pending)
	})
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeWorkbook(t, dir, sample.Plan())
	broken := sample.Plan()
	broken.Updates[0].RAG = "Purple"
	brokenDir := t.TempDir()
	bad := writeWorkbook(t, brokenDir, broken)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		change func(*Job)
		want   error
	}{
		{"a workbook with errors", context.Background(), func(j *Job) { j.Workbook = bad }, workbook.ErrInvalid},
		{"warnings under strict", context.Background(), func(j *Job) { j.Config.Strict = true }, workbook.ErrInvalid},
		{"a file that is no font", context.Background(), func(j *Job) { j.Fonts.Regular = []byte("not a font") }, ErrSetting},
		{"a cancelled run", cancelled, func(*Job) {}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			j := job(good, filepath.Join(parent, "reports"))
			tt.change(&j)
			res, err := Run(tt.ctx, j)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			// Not even the output folder, nor a temporary file in it.
			if entries, _ := os.ReadDir(parent); len(entries) > 0 || len(res.Files) > 0 {
				t.Errorf("wrote %v (%d entries), want nothing", res.Files, len(entries))
			}
		})
	}
}

// TestCommitStopsWhenCancelled: a run cancelled between files leaves each
// file the old one or the whole new one, and no temporary file.
func TestCommitStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	var pending []*atomicfile.Pending
	for _, f := range paths(dir, "report", []string{"pdf", "docx"}) {
		p, err := atomicfile.Prepare(f, atomicfile.Options{}, func(w io.Writer) error {
			_, err := io.WriteString(w, "new")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		pending = append(pending, p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	written, err := commit(ctx, pending)
	if !errors.Is(err, context.Canceled) || len(written) != 0 {
		t.Errorf("commit after cancel: %v, %v; want nothing written and context.Canceled", written, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %d files behind, want none", len(entries))
	}
}

// TestSameChartEverywhere checks that the PDF, the Word report and the web
// page show the chart's figures on one scale, and describe it alike.
func TestSameChartEverywhere(t *testing.T) {
	dir := t.TempDir()
	res, err := Run(context.Background(), job(writeWorkbook(t, dir, sample.Plan()), dir))
	if err != nil {
		t.Fatal(err)
	}
	ch := res.Report.Chart
	desc := ch.Description()
	read := func(i int) []byte {
		b, err := os.ReadFile(res.Files[i])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page := string(read(2))
	if !strings.Contains(page, ">"+html.EscapeString(desc)+"<") || !strings.Contains(page, html.EscapeString(res.Report.ChartNote())) {
		t.Errorf("the web page lacks the chart's description or its note on one scale from 0 to %d", ch.Axis().Max)
	}
	zr, err := zip.NewReader(bytes.NewReader(read(1)), int64(len(read(1))))
	if err != nil {
		t.Fatal(err)
	}
	var doc, chart []byte
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		switch f.Name {
		case "word/document.xml":
			doc = b
		case "word/charts/chart1.xml":
			chart = b
		}
	}
	var escaped bytes.Buffer
	xml.EscapeText(&escaped, []byte(desc))
	axis := ch.Axis()
	if !bytes.Contains(doc, []byte(`descr="`+escaped.String()+`"`)) || !bytes.Contains(chart, []byte(`<c:max val="`+strconv.Itoa(axis.Max)+`"/>`)) ||
		!bytes.Contains(chart, []byte(`<c:majorUnit val="`+strconv.Itoa(axis.Step)+`"/>`)) {
		t.Errorf("the Word report's chart lacks the description, or its axis does not end at %d every %d", axis.Max, axis.Step)
	}
	testtool.Need(t, "pdftotext")
	text := strings.Join(strings.Fields(strings.Join(testtool.PDFPages(t, res.Files[0]), " ")), " ")
	if !strings.Contains(text, res.Report.ChartNote()) {
		t.Errorf("the PDF lacks the chart's note on one scale from 0 to %d", ch.Scale())
	}
}
