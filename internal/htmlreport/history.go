package htmlreport

import (
	"slices"
	"time"

	"github.com/planreport/planreport/internal/report"
)

// historyView is "RAG over time" as the page shows it: a table of the
// actions by what their RAG cells say at each report point, each row
// headed by its date, then the same figures drawn as "RAG at a glance" is,
// a bar per report point.
type historyView struct {
	Note    string
	Columns []string
	Rows    []historyRow
	Chart   *chart // its Empty set when no point has an action
}

type historyRow struct {
	Date    time.Time
	Name    string
	Figures []int // by segment, then the total
}

func newHistory(r *report.Report) *historyView {
	h := r.History
	v := &historyView{Note: h.Note(), Columns: h.Columns()}
	if h.Chart.Scale() == 0 {
		v.Chart = &chart{Empty: report.NoHistory}
		return v
	}
	labels := make([]string, len(h.Chart.Rows))
	counts := make([][]int, len(h.Chart.Rows))
	for i, row := range h.Chart.Rows {
		labels[i], counts[i] = row.Label, row.Counts
		v.Rows = append(v.Rows, historyRow{Date: h.Points[i].Date, Name: h.Points[i].Name,
			Figures: append(slices.Clone(row.Counts), h.Total(i))})
	}
	v.Chart = drawChart(h.Chart.Segments, labels, counts, false, h.Chart.Axis(), h.Description())
	v.Chart.AltID = "history-alt"
	return v
}
