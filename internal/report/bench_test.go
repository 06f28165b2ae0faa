package report_test

import (
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// The sample package builds its report with this package, so the
// benchmarks live in an external test package.

func BenchmarkBuildSample(b *testing.B) {
	benchmarkBuild(b, sample.Plan(), sample.Plan().Reports[1].Date)
}

// BenchmarkBuild100 builds the report of a plan of 100 actions, the size
// of a real one.
func BenchmarkBuild100(b *testing.B) {
	p := sample.Large(100)
	benchmarkBuild(b, p, p.Reports[1].Date)
}

func BenchmarkBuild10000(b *testing.B) {
	p := sample.Large(10000)
	benchmarkBuild(b, p, p.Reports[1].Date)
}

func benchmarkBuild(b *testing.B, p *plan.Plan, asOf time.Time) {
	opt := report.Options{Scale: rag.Default(), Sections: report.Sections{Exceptions: true, Trends: true, Chart: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Build(p, asOf, opt); err != nil {
			b.Fatal(err)
		}
	}
}
