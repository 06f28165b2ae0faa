package htmlreport

import (
	"io"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// BenchmarkRenderSample renders the seed's page.
func BenchmarkRenderSample(b *testing.B) {
	benchmarkRender(b, sample.Report(allSections))
}

// BenchmarkRender10000 renders the page of a plan of 10,000 actions.
// Target: under 0.3 s.
func BenchmarkRender10000(b *testing.B) {
	benchmarkRender(b, large(b, 10000))
}

func benchmarkRender(b *testing.B, r *report.Report) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
