package sample_test

import (
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestMoving checks that each action of the moving plan has the RAG and
// trend its documentation gives, so that the renderers' tests of the marks
// can rely on them.
func TestMoving(t *testing.T) {
	want := map[string]struct {
		code  string
		trend report.Trend
	}{
		"1.1": {"R", report.TrendWorse},
		"1.2": {"G", report.TrendBetter},
		"1.3": {"A", report.TrendUnchanged},
		"1.4": {"A", report.TrendBetter},
		"1.5": {"A", report.TrendWorse},
		"2.1": {"G", report.TrendNew},
		"2.2": {"A", report.TrendNone},
		"2.3": {"", report.TrendNone},
	}
	r := sample.MovingReport(report.Sections{Exceptions: true, Trends: true, Chart: true})
	seen := 0
	for _, th := range r.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				w, ok := want[a.No]
				if !ok {
					t.Errorf("action %s is not documented", a.No)
					continue
				}
				seen++
				code := ""
				if a.RAG != nil {
					code = a.RAG.Code
				}
				if code != w.code || a.Trend != w.trend {
					t.Errorf("action %s: RAG %q, trend %q; want %q, %q", a.No, code, a.Trend.Word(), w.code, w.trend.Word())
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d actions in the report, want %d", seen, len(want))
	}
}
