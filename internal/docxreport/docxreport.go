// Package docxreport writes a progress report as a Word document (.docx),
// taking its look from a Word template that a clerk can restyle in Word.
//
// A .docx is a zip of XML parts. The report is the template with its
// placeholders replaced; a placeholder is "{{name}}" written as ordinary
// text in a paragraph of the template, and is found on the paragraph's
// whole text, so it still works when Word has split it over several runs
// (spelling marks, edits, formatting).
//
// Text placeholders are replaced by their value inside their paragraph,
// which keeps its style and the formatting of the run the placeholder
// starts in; they may be used in headers and footers too:
//
//	{{title}}        the plan's title
//	{{short_title}}  the running-header title (optional)
//	{{report}}       "Year 1 Progress / Update Report @ 31 July 2019"
//	{{published}}    "First Published: 3 October 2018"
//	{{organisation}} the committee
//
// Block placeholders stand alone in a paragraph of the document body, which
// is replaced by generated tables (or the chart):
//
//	{{summary}}     the summary table, one row per report point
//	{{legend}}      the RAG legend
//	{{exceptions}}  the Red / Amber and overdue actions (when switched on)
//	{{chart}}       "RAG at a glance", a native Word bar chart (when on)
//	{{history}}     "RAG over time": a table and a bar chart of the actions
//	                by RAG at each report point (when on; optional, so a
//	                template made before it still works, without it)
//	{{actions}}     the action table, under its heading
//	{{maintenance}} the ongoing / maintenance table
//
// A placeholder of a section that is switched off is removed. A template
// without a placeholder the report needs, or with one planreport does not
// know, is refused with a *TemplateError naming it.
//
// The generated content uses these styles of the template, looked up by
// name: "heading 1" (section headings and themes) and "heading 2"
// (outcomes), so that Word's navigation pane and tables of contents list
// them; "Table Text", "Table Heading", "List Bullet" (the update points)
// and the table style "Plan Table", whose heading-row formatting colours
// every table's heading row. Tables have fixed column widths that fill the
// text width of the placeholder's section (each column at least as wide
// as its short words: see layout.go), a title and a heading row that
// repeats on every page, and rows that are not split across pages when
// their estimated height fits on one.
//
// The document properties (docProps/core.xml) are the report's title,
// subject, organisation and language, dated when the report's content last
// changed (report.Report.Modified); the parts Render writes are dated
// zipTime: the same report and template always give the same bytes.
//
// The template is read with archive/zip, each part it reads capped at
// maxTemplatePart, and its XML comments are left out of the report. The
// report's zip is written with archive/zip (see writePackage): the parts
// of the template that do not change are copied still compressed, the
// document is compressed as it is made, and no part has a data descriptor,
// so that streaming readers (pandoc, Java's ZipInputStream) read the report
// as Word does.
package docxreport

import (
	"errors"
	"io"
	"slices"

	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/templates"
)

// Options are the settings of the Word report.
type Options struct {
	Template []byte // a .docx template; nil means templates.ReportDOCX
}

// Render writes report r as a .docx to w. Nothing is written when it fails.
func Render(w io.Writer, r *report.Report, opt Options) error {
	data, err := render(r, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func render(r *report.Report, opt Options) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no report to write as a Word document")
	}
	source := opt.Template
	if source == nil {
		source = templates.ReportDOCX
	}
	t, err := openTemplate(source)
	if err != nil {
		return nil, err
	}
	styles, err := t.read(stylesPart)
	if err != nil {
		return nil, err
	}
	body, err := t.document()
	if err != nil {
		return nil, err
	}
	c := &content{r: r, style: readStyles(styles), page: body.lastPage()}
	if r.Sections.Chart && r.Chart.Scale() > 0 {
		if c.chart, err = newChart(r, mainChart(r), t.has); err != nil {
			return nil, err
		}
	}
	if r.Sections.History && r.History.Chart.Scale() > 0 && slices.Contains(body.names(), "history") {
		used := func(name string) bool {
			return t.has(name) || c.chart != nil && (name == c.chart.chart.name || name == c.chart.workbook.name)
		}
		if c.history, err = newChart(r, historyChart(r), used); err != nil {
			return nil, err
		}
	}
	changed, found, err := t.changes(c)
	if err != nil {
		return nil, err
	}
	edits, err := body.edits(textValues(r), c.blocks())
	if err != nil {
		return nil, err
	}
	if err := checkPlaceholders(documentPart, append(found, body.names()...), c.required()); err != nil {
		return nil, err
	}
	return writePackage(t, changed, func(w xmlWriter) { body.write(&tableSeparator{xmlWriter: w}, edits) }, t.added(c))
}
