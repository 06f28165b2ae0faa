package pdfreport

import (
	"io"
	"runtime"
	"testing"

	"github.com/planreport/planreport/internal/report"
)

// BenchmarkRenderSample renders the seed report. Target: under 10 ms.
func BenchmarkRenderSample(b *testing.B) {
	benchmarkRender(b, sampleReport(b, allSections))
}

// BenchmarkRender1000 renders a plan of 1,000 actions: a tenth of
// BenchmarkRender10000's time and memory, since cost grows linearly.
func BenchmarkRender1000(b *testing.B) {
	benchmarkRender(b, generated(b, 1000, ""))
}

// BenchmarkRender10000 renders a plan of 10,000 actions. Target: under
// 1 s and 200 MB of heap.
func BenchmarkRender10000(b *testing.B) {
	benchmarkRender(b, generated(b, 10000, ""))
}

// benchmarkRender times rendering r, after loading the font metrics, which
// a process does once, and reports the heap the process has taken from the
// system (heap-MB), which never shrinks: the peak heap of the largest
// render run so far.
func benchmarkRender(b *testing.B, r *report.Report) {
	if _, err := loadMetrics(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MB")
}
