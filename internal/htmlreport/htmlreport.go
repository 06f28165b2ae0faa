// Package htmlreport writes a report model as one self-contained,
// accessible web page: the same content as the PDF and Word reports, in the
// same order, as semantic HTML (one h1; h2 sections, h3 themes, h4
// outcomes; tables with captions or headings and scoped header cells;
// update points as lists), with its style inline and "RAG at a glance" as
// inline SVG with a text alternative. The page makes no request outside
// itself and needs no script. Below 40 em (a phone) each row of the
// summary, RAG over time, exceptions, action and maintenance tables is set
// as a block of fields, each labelled with its column's heading
// (phoneCSS), so that the page reads at 320 CSS pixels without scrolling
// sideways; a print style sheet sets it on A4 landscape at the PDF's
// margins and type sizes.
package htmlreport

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

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
	"rag":   legendCell,
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
	DocumentTitle    string
	Headings         headings
	LegendColumns    []string
	MaintenanceCols  []string
	PhoneCSS         template.CSS // the labels of a table's cells set one under another
	TrendNote        string       // empty unless a trend mark is shown
	Chart            *chart       // nil when the chart is off
	History          *historyView // nil when "RAG over time" is off
	NoExceptions     string
	NoActions        string
	NoTasks          string
	SummaryColumns   []string
	ExceptionColumns []string
	ActionColumns    []string
	Themes           []themeView
}

func newPage(r *report.Report) *pageData {
	p := &pageData{
		R:             r,
		Lang:          cmp.Or(r.Language, "en-GB"),
		Creator:       report.Creator,
		CSS:           colourCSS(r),
		DocumentTitle: r.DocumentTitle(),
		Headings: headings{Summary: report.SummaryHeading, Legend: r.LegendTitle(), Chart: report.ChartHeading,
			History: report.HistoryHeading, Exceptions: report.ExceptionsHeading, Actions: report.ActionsHeading},
		LegendColumns:    report.LegendColumns,
		NoExceptions:     report.NoExceptions,
		NoActions:        report.NoActions,
		NoTasks:          report.NoTasks,
		SummaryColumns:   report.SummaryColumns,
		ExceptionColumns: report.ExceptionColumns,
		ActionColumns:    cleanAll(r.ActionHeadings()),
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
		r2.Maintenance.Title = report.DefaultMaintenanceTitle
		p.R = &r2
	}
	p.MaintenanceCols = p.R.Maintenance.Columns()
	p.PhoneCSS = phoneCSS(p)
	return p
}

// headings are the sections' headings, as the report model words them.
type headings struct {
	Summary, Legend, Chart, History, Exceptions, Actions string
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

// phoneCSS labels each cell of the summary, RAG over time, exceptions,
// action and maintenance tables with its column's heading, for a narrow
// screen, where the tables' rows are set as blocks of fields one under
// another and their header rows are out of sight: "No", "Action / Task",
// …, each above its cell. The labels are generated content, which screen
// readers read too. A reason with no action, after its empty cell, is
// labelled as the reasons are.
func phoneCSS(p *pageData) template.CSS {
	var b strings.Builder
	label := func(table string, columns []string) {
		for i, c := range columns {
			fmt.Fprintf(&b, ".%s>tbody>tr>:nth-child(%d)::before{content:%s}\n", table, i+1, cssString(c))
		}
	}
	label("summary", p.SummaryColumns)
	if p.History != nil {
		label("history", cleanAll(p.History.Columns))
	}
	label("actions", p.ActionColumns)
	label("exceptions", p.ExceptionColumns)
	label("maintenance", p.MaintenanceCols)
	fmt.Fprintf(&b, ".exceptions>tbody>tr>td[colspan]+td::before{content:%s}\n",
		cssString(p.ExceptionColumns[len(p.ExceptionColumns)-1]))
	return template.CSS(b.String())
}

// cssString is s as a CSS string, every character but a letter, digit or
// space escaped, so that no text can end the string or the style sheet.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == ' ' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			b.WriteRune(c)
		case c == 0 || c > unicode.MaxRune || c == utf8.RuneError:
			b.WriteString(`\fffd `)
		default:
			fmt.Fprintf(&b, `\%x `, c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
