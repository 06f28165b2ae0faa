package pdfreport

import (
	"strconv"

	"github.com/planreport/planreport/internal/report"
)

// history adds "RAG over time": a table of the actions by what their RAG
// cells say at each report point up to the one reported (a Table, each
// row headed by its date), then the same figures as a chart drawn as "RAG
// at a glance" is, one bar per report point, a Figure whose alternate
// description states every figure. The heading, note and table stand on
// one page with the chart where they fit.
func (c *content) history() {
	h := c.r.History
	first := len(c.rows)
	c.where = "a report point's name (Reports sheet)"
	c.heading(report.HistoryHeading)
	if h.Chart.Scale() == 0 {
		c.block(0).text(report.NoHistory, bodyFont, alignLeft)
		return
	}
	note := c.block(0)
	note.text(h.Note(), noteFont, alignLeft)
	note.space(1)
	cols := h.Columns()
	fractions := []float64{0.11, 0.29}
	rest := 0.60 / float64(len(cols)-2)
	for range cols[2:] {
		fractions = append(fractions, rest)
	}
	widths := c.columns(fractions...)
	head := c.header(widths, cols...)
	for i, p := range h.Points {
		r := c.bodyRow(kindBody, widths, head, true)
		zebra(r, i)
		c.writer(r, 0).text(report.ShortDate(p.Date), bodyFont, alignLeft)
		c.writer(r, 1).text(p.Name, bodyFont, alignLeft)
		for j, n := range h.Chart.Rows[i].Counts {
			c.writer(r, 2+j).text(strconv.Itoa(n), strongFont, alignCentre)
		}
		c.writer(r, len(cols)-1).text(strconv.Itoa(h.Total(i)), strongFont, alignCentre)
		c.add(r)
	}
	bars := make([]chartBar, len(h.Chart.Rows))
	for i, row := range h.Chart.Rows {
		bars[i] = chartBar{label: row.Label, counts: row.Counts}
	}
	chartAt := len(c.rows)
	c.figure(first, h.Chart.Segments, nil, bars, h.Chart.Axis(), h.Description())
	c.rows[chartAt].spaceAt = 3 // the chart's key apart from the table
}
