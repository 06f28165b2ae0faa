package htmlreport

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// The action and exception tables are read from rows worked out in Go, with
// every text cleaned and every RAG cell decided. The action tables' body
// rows are written here, each text escaped by html.EscapeString, rather
// than by the template: html/template makes a reflective call for every
// value it prints, and a 10,000-action page took 0.43 s (0.30 s with the
// rows worked out in Go) that way, against the 0.3 s allowed; written here,
// BenchmarkRender10000 takes 0.13 s.

// themeView is a theme heading and its outcomes.
type themeView struct {
	Name     string
	Outcomes []outcomeView
}

// outcomeView is an outcome heading and the table of its actions.
type outcomeView struct {
	ID    string // the heading's id, "o1-2": numbered, whatever the outcome's text
	Label string
	Rows  template.HTML // the table's body rows
}

// actionRow is one action as the tables print it.
type actionRow struct {
	No, Text, Timescale string
	Leads, Points       []string
	Completed           string // "Completed 17 January 2019"; empty while open
	RAG                 ragCell
}

// exceptionRow is one row of the exceptions table.
type exceptionRow struct {
	Action  *actionRow // nil when the exception names no action
	Reasons []string
}

// ragCell is what a RAG cell prints.
type ragCell struct {
	Class, Code, Name string // empty Code: no RAG given
	Mark              string // "▲", "new"; empty when none is shown
	Said              string // the mark in words, for screen readers
}

func themeViews(r *report.Report) []themeView {
	themes := make([]themeView, len(r.Themes))
	for i, t := range r.Themes {
		themes[i] = themeView{Name: report.Clean(t.Name), Outcomes: make([]outcomeView, len(t.Outcomes))}
		for j := range t.Outcomes {
			o := &t.Outcomes[j]
			var b strings.Builder
			for k := range o.Actions {
				newActionRow(r, &o.Actions[k]).write(&b)
			}
			themes[i].Outcomes[j] = outcomeView{ID: "o" + strconv.Itoa(i+1) + "-" + strconv.Itoa(j+1),
				Label: report.Clean(o.Label()), Rows: template.HTML(b.String())}
		}
	}
	return themes
}

func exceptionRows(r *report.Report) []exceptionRow {
	rows := make([]exceptionRow, len(r.Exceptions))
	for i, e := range r.Exceptions {
		rows[i].Reasons = cleanAll(e.Reasons)
		if e.Action != nil {
			a := newActionRow(r, e.Action)
			rows[i].Action = &a
		}
	}
	return rows
}

func newActionRow(r *report.Report, a *report.Action) actionRow {
	row := actionRow{No: report.Clean(a.No), Text: report.Clean(a.Text), Timescale: report.Clean(a.Timescale),
		Leads: cleanAll(a.Leads), Points: cleanAll(a.Points), RAG: newRAGCell(a.RAG)}
	if a.Completed() {
		row.Completed = "Completed " + report.LongDate(a.CompletedOn)
	}
	if a.RAG != nil && r.Sections.Trends && a.Trend != report.TrendNone {
		row.RAG.Mark, row.RAG.Said = a.Trend.Symbol(), trendWords(a.Trend)
	}
	return row
}

func newRAGCell(v *rag.Value) ragCell {
	if v == nil {
		return ragCell{}
	}
	return ragCell{Class: colourClass(v.Colour), Code: report.Clean(v.Code), Name: report.Clean(v.Name)}
}

// cleanAll is texts cleaned, the same slice when each is clean already.
func cleanAll(texts []string) []string {
	for _, s := range texts {
		if report.Clean(s) != s {
			out := make([]string, len(texts))
			for j := range texts {
				out[j] = report.Clean(texts[j])
			}
			return out
		}
	}
	return texts
}

// trendWords says a trend mark in words.
func trendWords(t report.Trend) string {
	if t == report.TrendNew {
		return "new: added since the previous report"
	}
	return t.Word() + " than at the previous report"
}

// write writes the action's row of its outcome's table.
func (a actionRow) write(b *strings.Builder) {
	b.WriteString("<tr")
	if a.Completed != "" {
		b.WriteString(` class="done"`)
	}
	b.WriteString(`><th scope="row">` + esc(a.No) + "</th><td>" + esc(a.Text))
	if a.Completed != "" {
		b.WriteString(`<p class="completed">` + esc(a.Completed) + "</p>")
	}
	b.WriteString("</td><td>")
	writeList(b, `<ul class="plain">`, a.Leads)
	b.WriteString("</td><td>" + esc(a.Timescale) + "</td><td>")
	writeList(b, "<ul>", a.Points)
	b.WriteString("</td>" + string(a.RAG.HTML()) + "</tr>\n")
}

// writeList writes texts as the items of a list opened by ul, or nothing
// when there are none.
func writeList(b *strings.Builder, ul string, texts []string) {
	if len(texts) == 0 {
		return
	}
	b.WriteString(ul)
	for _, s := range texts {
		b.WriteString("<li>" + esc(s) + "</li>")
	}
	b.WriteString("</ul>")
}

// HTML is the RAG cell: the value's code, its name for screen readers,
// and the trend mark with its words; its class gives the fill and the
// text colour.
func (c ragCell) HTML() template.HTML {
	if c.Code == "" {
		return `<td class="rag">–<span class="vh">no RAG given</span></td>`
	}
	s := `<td class="rag ` + c.Class + `">` + esc(c.Code) + `<span class="vh"> – ` + esc(c.Name) + "</span>"
	if c.Mark != "" {
		s += `<span class="mark" aria-hidden="true">` + esc(c.Mark) + `</span><span class="vh">, ` + esc(c.Said) + "</span>"
	}
	return template.HTML(s + "</td>")
}

// esc escapes s for the text of an element.
func esc(s string) string { return html.EscapeString(s) }
