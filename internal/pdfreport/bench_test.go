package pdfreport

import (
	"io"
	"testing"
)

// BenchmarkRenderSample renders the seed report. Target: under 10 ms.
func BenchmarkRenderSample(b *testing.B) {
	r := sampleReport(b, allSections)
	warmUp(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender10000 renders a plan of 10,000 actions. Target: under 1 s.
func BenchmarkRender10000(b *testing.B) {
	r := generated(b, 10000, "")
	warmUp(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// warmUp loads the font metrics, which a process does once, before timing.
func warmUp(b *testing.B) {
	if _, err := loadMetrics(); err != nil {
		b.Fatal(err)
	}
}
