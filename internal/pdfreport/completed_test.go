package pdfreport

import (
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

// TestCompletedActions renders the seed rolled on to a second progress
// report, where 4.2 and 6.1, completed in the first year, have no update:
// each row still shows its last update and the word "Completed" in the
// RAG column, whose alternate description says so too; and the chart
// counts them in a segment of their own, named beside each bar, so that
// its overall bar is the summary's Total.
func TestCompletedActions(t *testing.T) {
	r := sample.RolledReport(allSections)
	pdf := render(t, r, Options{})
	text := pdfText(t, pdf)
	for _, want := range [][]string{
		{"4.2: Improve responses", "Completed 31 July 2019", "• NHS Tayside has in place a Failure to be Brought Policy",
			"• ACTION COMPLETED.", "Completed", "How good is our delivery"},
		{"6.1: Review and refresh", "Completed 17 January 2019", "• Perth and Kinross Code of Practice",
			"• ACTION COMPLETED.", "Completed", "Outcome 7"},
	} {
		inOrder(t, text, strings.Index(text, "Progress on each action / task"), want)
	}
	total := r.Summary[len(r.Summary)-1].Total
	inOrder(t, text, strings.Index(text, "RAG at a glance"), []string{
		"from 0 to " + itoa(r.Chart.Axis().Max) + ".", "Completed: 2", report.OverallLabel,
		itoa(total) + " (Amber 5, Green 10, Completed 2)", "Outcome 6", "1 (Completed 1)", "Exceptions"})

	rb := pikepdf(t, writePDF(t, pdf))
	alts := map[string]int{}
	for _, e := range rb.Elements {
		if e.Type == "TD" && e.Alt != nil {
			alts[*e.Alt]++
		}
	}
	if alts["Completed"] != 2 || alts["Green, unchanged"] == 0 {
		t.Errorf("RAG cells described as %v; want 2 Completed, and Green ones with their trend", alts)
	}
}
