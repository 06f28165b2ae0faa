package htmlreport

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// The body rows of the action and exception tables are written here, each
// text cleaned and escaped by html.EscapeString, rather than by the
// template: html/template makes a reflective call for every value it
// prints, and a 10,000-action page (about 4,000 exceptions) took 0.43 s
// that way, against the 0.3 s allowed; written here, BenchmarkRender10000
// takes 0.10 s.

// themeView is a theme heading and its outcomes.
type themeView struct {
	Name     string
	Outcomes []outcomeView
}

// outcomeView is an outcome heading and the table of its actions.
type outcomeView struct {
	ID    string // the heading's id, "o1-2": numbered, whatever the outcome's text
	Label string
	r     *report.Report
	o     *report.Outcome
}

// actionRow is one action as the tables print it.
type actionRow struct {
	No, Text, Timescale string
	Leads, Points       []string
	Completed           string // "Completed 17 January 2019"; empty while open
	RAG                 ragCell
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
			themes[i].Outcomes[j] = outcomeView{ID: "o" + strconv.Itoa(i+1) + "-" + strconv.Itoa(j+1),
				Label: report.Clean(o.Label()), r: r, o: o}
		}
	}
	return themes
}

// Rows are the body rows of the outcome's table, made when the template
// prints them, so that only one table's are held at a time (all at once,
// they added 15 MB to a 10,000-action page's peak memory).
func (v outcomeView) Rows() template.HTML {
	var b strings.Builder
	b.Grow(2048 * len(v.o.Actions))
	for k := range v.o.Actions {
		newActionRow(v.r, &v.o.Actions[k]).write(&b)
	}
	return template.HTML(b.String())
}

// exceptionRows are the body rows of the exceptions table.
func exceptionRows(r *report.Report) template.HTML {
	var b strings.Builder
	for _, e := range r.Exceptions {
		if e.Action == nil {
			b.WriteString(`<tr><td colspan="5"></td><td>`)
			writeList(&b, `<ul class="plain">`, cleanAll(e.Reasons))
			b.WriteString("</td></tr>\n")
			continue
		}
		newActionRow(r, e.Action).writeException(&b, cleanAll(e.Reasons))
	}
	return template.HTML(b.String())
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
	b.WriteString(">")
	a.writeFirst(b)
	b.WriteString("<td>")
	writeList(b, "<ul>", a.Points)
	b.WriteString("</td>")
	a.RAG.write(b)
	b.WriteString("</tr>\n")
}

// writeException writes the action's row of the exceptions table.
func (a actionRow) writeException(b *strings.Builder, reasons []string) {
	b.WriteString("<tr>")
	a.writeFirst(b)
	a.RAG.write(b)
	b.WriteString("<td>")
	writeList(b, `<ul class="plain">`, reasons)
	b.WriteString("</td></tr>\n")
}

// writeFirst writes the cells both tables begin with: number, text,
// leads, timescale.
func (a actionRow) writeFirst(b *strings.Builder) {
	b.WriteString(`<th scope="row">`)
	b.WriteString(esc(a.No))
	b.WriteString("</th><td>")
	b.WriteString(esc(a.Text))
	if a.Completed != "" {
		b.WriteString(`<p class="completed">`)
		b.WriteString(esc(a.Completed))
		b.WriteString("</p>")
	}
	b.WriteString("</td><td>")
	writeList(b, `<ul class="plain">`, a.Leads)
	b.WriteString("</td><td>")
	b.WriteString(esc(a.Timescale))
	b.WriteString("</td>")
}

// writeList writes texts as the items of a list opened by ul, or nothing
// when there are none.
func writeList(b *strings.Builder, ul string, texts []string) {
	if len(texts) == 0 {
		return
	}
	b.WriteString(ul)
	for _, s := range texts {
		b.WriteString("<li>")
		b.WriteString(esc(s))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}

// write writes the RAG cell: the value's code, its name for screen
// readers, and the trend mark with its words; its class gives the fill and
// the text colour.
func (c ragCell) write(b *strings.Builder) {
	if c.Code == "" {
		b.WriteString(`<td class="rag">–<span class="vh">no RAG given</span></td>`)
		return
	}
	b.WriteString(`<td class="rag `)
	b.WriteString(c.Class)
	b.WriteString(`">`)
	b.WriteString(esc(c.Code))
	b.WriteString(`<span class="vh"> – `)
	b.WriteString(esc(c.Name))
	b.WriteString("</span>")
	if c.Mark != "" {
		b.WriteString(`<span class="mark" aria-hidden="true">`)
		b.WriteString(esc(c.Mark))
		b.WriteString(`</span><span class="vh">, `)
		b.WriteString(esc(c.Said))
		b.WriteString("</span>")
	}
	b.WriteString("</td>")
}

// esc escapes s for the text of an element.
func esc(s string) string { return html.EscapeString(s) }
