// Package htmlreport writes a report model as one self-contained,
// accessible web page: the same content as the PDF and Word reports, in the
// same order, as semantic HTML (one h1; h2 sections, h3 themes, h4
// outcomes; tables with captions or headings and scoped header cells;
// update points as lists), with its style inline and "RAG at a glance" as
// inline SVG with a text alternative. The page makes no request outside
// itself and needs no script. Wide tables scroll inside their own box, so
// that the page reads at 320 CSS pixels; a print style sheet sets it on A4
// landscape.
package htmlreport

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// Options are the web page's settings. There are none yet: the page takes
// its language, texts and colours from the report.
type Options struct{}

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"t":     report.Clean,
	"short": report.ShortDate,
	"long":  report.LongDate,
	"class": colourClass,
}).Parse(pageHTML))

// Render writes r as a web page to w.
func Render(w io.Writer, r *report.Report, opt Options) error {
	if r == nil {
		return fmt.Errorf("no report to write")
	}
	p := newPage(r)
	if err := page.Execute(w, p); err != nil {
		return fmt.Errorf("cannot write the web page: %w", err)
	}
	return nil
}

// pageData is what the template reads: the report and what is worked out
// from it.
type pageData struct {
	R                *report.Report
	Lang             string // the report's language; en-GB when it has none
	Creator          string
	CSS              template.CSS // a rule per RAG colour used
	LegendTitle      string
	ActionsHeading   string
	TrendNote        string       // empty unless a trend mark is shown
	Chart            *chart       // nil when the chart is off
	History          *historyView // nil when "RAG over time" is off
	NoExceptions     string
	SummaryColumns   []string
	ExceptionColumns []string
	ActionColumns    []string
	Themes           []themeView
}

func newPage(r *report.Report) *pageData {
	p := &pageData{
		R:                r,
		Lang:             cmp.Or(r.Language, "en-GB"),
		Creator:          report.Creator,
		CSS:              colourCSS(r),
		LegendTitle:      legendTitle(r.Legend),
		ActionsHeading:   report.ActionsHeading,
		NoExceptions:     report.NoExceptions,
		SummaryColumns:   report.SummaryColumns,
		ExceptionColumns: report.ExceptionColumns,
		ActionColumns:    append(slices.Clone(report.ActionColumns), report.Clean(r.Heading()), "RAG"),
		Themes:           themeViews(r),
	}
	if r.TrendMarks() {
		p.TrendNote = report.TrendNote
	}
	if r.Sections.Chart {
		p.Chart = newChart(r)
	}
	if r.Sections.History {
		p.History = newHistory(r)
	}
	if r.Maintenance.Title == "" {
		r2 := *r
		r2.Maintenance.Title = "Ongoing / Maintenance Actions / Tasks"
		p.R = &r2
	}
	return p
}

// legendTitle is the legend's heading: "RAG Legend – Red Amber Green".
func legendTitle(values []rag.Value) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = v.Name
	}
	return strings.TrimSpace("RAG Legend – " + strings.Join(names, " "))
}

// ExceptionRows are the body rows of the exceptions table.
func (p *pageData) ExceptionRows() template.HTML { return exceptionRows(p.R) }

// colourClass is the class of the cells filled with c.
func colourClass(c rag.Colour) string { return "c-" + c.Hex() }

// colourCSS is a rule for each fill r uses, with its text colour, in
// the order first used.
func colourCSS(r *report.Report) template.CSS {
	var b strings.Builder
	seen := map[rag.Colour]bool{}
	add := func(c rag.Colour, ok bool) {
		if !ok || seen[c] {
			return
		}
		seen[c] = true
		fmt.Fprintf(&b, ".%s{background:#%s;color:#%s}\n", colourClass(c), c.Hex(), c.Text().Hex())
	}
	for i := range r.Legend {
		add(r.Legend[i].Colour, true)
	}
	for _, t := range r.Themes {
		for _, o := range t.Outcomes {
			for i := range o.Actions {
				add(r.Status(&o.Actions[i]).Fill())
			}
		}
	}
	for _, e := range r.Exceptions {
		if e.Action != nil {
			add(r.Status(e.Action).Fill())
		}
	}
	return template.CSS(b.String())
}
