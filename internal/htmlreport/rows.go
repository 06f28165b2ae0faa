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

// actionRow is one action as the tables print it: the model's Row, and
// the update's points.
type actionRow struct {
	No, Text, Timescale string // No: the outcome's number on its first row; Text: "1.1: …"
	Leads, Points       []string
	Completed           string // "Completed 17 January 2019"; empty while open
	RAG                 ragCell
}

// ragCell is what a RAG cell prints.
type ragCell struct {
	Class string // the fill's class; empty when none
	Shown string // what is seen: the value's code, or "Completed"; empty when no RAG is given
	Mark  string // "▲", "new"; empty when none is shown
	Said  string // the status in words, for screen readers (report.Status.Words)
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
	var prev *report.Action
	for k := range v.o.Actions {
		newActionRow(v.r, &v.o.Actions[k], prev).write(&b)
		prev = &v.o.Actions[k]
	}
	return template.HTML(b.String())
}

// exceptionRows are the body rows of the exceptions table.
func exceptionRows(r *report.Report) template.HTML {
	var b strings.Builder
	var prev *report.Action
	for _, e := range r.Exceptions {
		if e.Action == nil {
			b.WriteString(`<tr><td colspan="5"></td><td>`)
			writeList(&b, `<ul class="plain">`, cleanAll(e.Reasons))
			b.WriteString("</td></tr>\n")
			continue
		}
		newActionRow(r, e.Action, prev).writeException(&b, cleanAll(e.Reasons))
		prev = e.Action
	}
	return template.HTML(b.String())
}

// newActionRow is action a as a table row, prev the action on the row
// above it in the same table (nil for none).
func newActionRow(r *report.Report, a, prev *report.Action) actionRow {
	row := r.Row(a, prev)
	return actionRow{No: report.Clean(row.No), Text: report.Clean(row.Text), Timescale: report.Clean(row.Timescale),
		Leads: cleanAll(row.Leads), Points: cleanAll(a.Points), Completed: row.Completed, RAG: newRAGCell(row.Status)}
}

func newRAGCell(s report.Status) ragCell {
	c := ragCell{Said: report.Clean(s.Words())}
	if fill, ok := s.Fill(); ok {
		c.Class = colourClass(fill)
	}
	switch {
	case s.Completed:
		c.Shown = report.CompletedStatus
	case s.RAG != nil:
		c.Shown, c.Mark = report.Clean(s.RAG.Code), s.Trend.Symbol()
	default:
		c.Shown = c.Said // "No RAG given", seen and said
	}
	return c
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

// writeFirst writes the cells both tables begin with: No (the outcome's
// number on its first row, else empty; a data cell, as an empty row header
// would head nothing), the text with the completed line under it, leads,
// timescale.
func (a actionRow) writeFirst(b *strings.Builder) {
	b.WriteString(`<td class="no">`)
	if a.No != "" {
		b.WriteString("<strong>")
		b.WriteString(esc(a.No))
		b.WriteString("</strong>")
	}
	b.WriteString("</td><td>")
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

// write writes the RAG cell as a data cell.
func (c ragCell) write(b *strings.Builder) { c.writeAs(b, "td", "") }

// writeAs writes the RAG cell as element el (td, or th with attrs): what
// is seen (the value's code and trend mark, or the words "Completed" or
// "No RAG given"), hidden from screen readers when it is not those words,
// which instead read the status in words (report.Status.Words), hidden
// from the eye; its class gives the fill and the text colour.
func (c ragCell) writeAs(b *strings.Builder, el, attrs string) {
	b.WriteString("<" + el + attrs + ` class="rag`)
	if c.Class != "" {
		b.WriteString(" ")
		b.WriteString(c.Class)
	}
	b.WriteString(`">`)
	if c.Shown == c.Said {
		b.WriteString(esc(c.Shown))
		b.WriteString("</" + el + ">")
		return
	}
	b.WriteString(`<span aria-hidden="true">`)
	b.WriteString(esc(c.Shown))
	b.WriteString("</span>")
	if c.Mark != "" {
		b.WriteString(`<span class="mark" aria-hidden="true">`)
		b.WriteString(esc(c.Mark))
		b.WriteString(`</span>`)
	}
	b.WriteString(`<span class="vh">`)
	b.WriteString(esc(c.Said))
	b.WriteString("</span></" + el + ">")
}

// legendCell is the RAG cell of the legend's row for value v, the row's
// header: its code seen, its name said, as in every RAG cell.
func legendCell(v rag.Value) template.HTML {
	var b strings.Builder
	newRAGCell(report.Status{RAG: &v}).writeAs(&b, "th", ` scope="row"`)
	return template.HTML(b.String())
}

// esc escapes s for the text of an element.
func esc(s string) string { return html.EscapeString(s) }
