package docxreport

import (
	"slices"
	"strconv"

	"github.com/planreport/planreport/internal/report"
)

// The Word chart of "RAG over time": its relationship's id from the
// document and its drawing's id, beside those of "RAG at a glance".
const (
	historyRelID   = "rIdPlanreportHistory"
	historyDocPrID = chartDocPrID + 1
)

// historyChart is "RAG over time" as a Word chart: a bar per report point,
// oldest first, drawn as "RAG at a glance" is.
func historyChart(r *report.Report) chartSpec {
	h := r.History
	spec := chartSpec{title: report.HistoryHeading, segments: h.Chart.Segments, axis: h.Chart.Axis(),
		descr: h.Description(), relID: historyRelID, docPrID: historyDocPrID}
	for _, row := range h.Chart.Rows {
		spec.labels = append(spec.labels, row.Label)
		spec.counts = append(spec.counts, row.Counts)
	}
	return spec
}

// historyBlock is the "RAG over time" section: its heading, a table of
// the actions by what their RAG cells say at each report point, and the
// same figures as a chart; or a sentence when there is no action.
func (c *content) historyBlock(b xmlWriter, pg page) {
	h := c.r.History
	para(b, c.style.heading1, "", "", report.HistoryHeading)
	if c.history == nil {
		para(b, c.style.tableText, "", "", report.NoHistory)
		return
	}
	para(b, c.style.tableText, `<w:keepNext/>`, "", h.Note())
	cols := h.Columns()
	shares := []int{11, 29}
	for range cols[2:] {
		shares = append(shares, 60/(len(cols)-2))
	}
	mins := headingMins(cols)
	for i, p := range h.Points {
		mins[0] = max(mins[0], minWidth(true, report.ShortDate(p.Date)))
		for j, n := range figures(h, i) {
			mins[2+j] = max(mins[2+j], minWidth(true, strconv.Itoa(n)))
		}
	}
	// Every paragraph is kept with the next, so that the table stands on
	// one page with its heading and the chart below it where they fit.
	const keep = `<w:keepNext/>`
	t := startTable(b, c.style.table, pg, shares, mins, report.HistoryHeading)
	t.row(true, true)
	for i, col := range cols {
		t.textCell(i, c.style.tableHeading, keep+numberAlign(i), "", col)
	}
	t.endRow()
	for i, p := range h.Points {
		t.row(false, true)
		t.textCell(0, c.style.tableText, keep, "", report.ShortDate(p.Date))
		t.textCell(1, c.style.tableText, keep, "", p.Name)
		for j, n := range figures(h, i) {
			t.textCell(2+j, c.style.tableText, keep+numberAlign(2+j), "", strconv.Itoa(n))
		}
		t.endRow()
	}
	t.end()
	drawing(b, pg, c.style.tableText, c.history.spec)
}

// figures are report point i's counts by segment, then its total.
func figures(h report.History, i int) []int {
	return append(slices.Clone(h.Chart.Rows[i].Counts), h.Total(i))
}
