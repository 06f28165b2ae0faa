// Package pdfreport draws a progress report (report.Report) as a tagged PDF,
// the way a council publishes it: a title block, the summary table, the RAG
// legend, optionally "RAG at a glance" and the exceptions, the action table
// grouped by theme and outcome, and the ongoing / maintenance table; a
// running header with the plan's short title and a "Page N of M" footer on
// every page; an outline (bookmarks) of the sections, themes and outcomes.
//
// The layout is measured, then drawn. Every cell's text is wrapped with the
// fonts' own widths: Liberation Sans (or the faces given in Options), and
// for each character it lacks the first of DejaVu Sans and the fallback
// fonts that has it (fonts.go); a character no font has prints as U+FFFD
// and is reported through Options.Warn. Every row's height is known, and
// the rows are laid out on pages before anything is drawn: a table's header
// row is repeated on every page it continues on, a row that fits on a page
// is never split, a row taller than a page flows over as many pages as it
// needs with its RAG fill carried on, and theme and outcome rows are kept
// with the row after them. Because the page count is known before drawing,
// "Page N of M" needs no alias.
//
// The layout also says what each text is in the structure tree (layout.go:
// tag): headings, paragraphs, tables of header and data cells, lists of
// update points, the chart as a figure with its text alternative. The
// drawer makes those elements in the order it draws them, which is reading
// order, and marks everything else (page furniture, fills, rules, table
// headers set again on a later page) as artifacts.
//
// The drawing goes to internal/pdfdoc, the project's own PDF writer, which
// writes the pages as they are drawn, compressed, and embeds subsets of the
// fonts. The output is deterministic: its dates are the report's, not the
// clock's.
package pdfreport

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/pdfdoc"
	"github.com/planreport/planreport/internal/report"
)

// Producer is the document property "producer": what wrote the PDF.
const Producer = "planreport (internal/pdfdoc)"

// Options are the page settings of the PDF.
type Options struct {
	// Width and Height are the page's, in millimetres; zero for A4
	// landscape. The configuration knows the paper sizes by name.
	Width, Height float64
	Fonts         FontFiles // the fonts to set the report in; Liberation Sans and DejaVu Sans by default
	// Warn, when set, is told of the characters no font has, one line for
	// each place (a workbook's cell) whose text has any, in the form
	// validate prints a problem: "Updates!C13: warning: 4 characters
	// (ગુજરાતી, Gujarati) are in no font …". They print as U+FFFD, and
	// read back (copied, extracted, spoken) as themselves. FontWarnings
	// gives the same lines without rendering.
	Warn func(message string)
}

// Margins and the bands of the running header and footer, in millimetres.
const (
	marginSide   = 14
	headerBase   = 9  // baseline of the running header
	contentTop   = 15 // the content box starts here
	contentFoot  = 14 // and ends this far above the page's foot
	footerBase   = 7  // baseline of the footer, above the page's foot
	furnitureGap = 2.5
)

// geometryFor checks the options and returns the page geometry.
func geometryFor(opt Options) (geometry, error) {
	w, h := opt.Width, opt.Height
	if w == 0 && h == 0 {
		w, h = 297, 210 // A4 landscape
	}
	if !(w >= 2*marginSide+40 && h >= contentTop+contentFoot+40 && w <= 5000 && h <= 5000) {
		return geometry{}, fmt.Errorf("a page of %g × %g mm is too small or too large for the report", w, h)
	}
	return geometry{width: w, height: h, left: marginSide, right: marginSide,
		top: contentTop, bottom: h - contentFoot}, nil
}

// Render writes report r to w as a PDF. Nothing is written when the report
// cannot be laid out or drawn; an error writing to w may leave part of it
// written.
func Render(w io.Writer, r *report.Report, opt Options) error {
	doc, err := draw(r, opt)
	if err != nil {
		return fmt.Errorf("pdf report: %w", err)
	}
	if _, err := doc.WriteTo(w); err != nil {
		return fmt.Errorf("pdf report: writing the PDF: %w", err)
	}
	return nil
}

// draw lays out and draws report r in a new document.
func draw(r *report.Report, opt Options) (*pdfdoc.Doc, error) {
	if r == nil {
		return nil, errors.New("no report to render")
	}
	g, err := geometryFor(opt)
	if err != nil {
		return nil, err
	}
	m, err := metricsFor(opt.Fonts)
	if err != nil {
		return nil, err
	}
	var cov *coverage
	if opt.Warn != nil {
		cov = newCoverage(m)
	}
	pages := paginate(g, newContent(m, g, r, cov))
	cov.report(opt.Warn)
	d := &drawer{doc: newDocument(g, m, r), m: m, g: g, fonts: map[*pdfdoc.Font]pdfdoc.FontID{}, forms: map[formKey]pdfdoc.FormID{}}
	for n, items := range pages {
		d.page(r, n+1, len(pages), items)
		pages[n] = nil // the rows drawn are done with: a large plan's layout is most of the memory
	}
	return d.doc, nil
}

// newDocument starts a document with the report's properties.
func newDocument(g geometry, m *metrics, r *report.Report) *pdfdoc.Doc {
	return pdfdoc.New(g.width, g.height, pdfdoc.Info{
		Title:    m.printable(r.DocumentTitle()),
		Author:   m.printable(r.Organisation),
		Subject:  m.printable(r.Subject()),
		Creator:  report.Creator,
		Producer: Producer,
		Lang:     cmp.Or(r.Language, "en-GB"),
		Created:  documentDate(r),
	})
}

// documentDate is the date written in the file: when the report's content
// last changed (report.Modified), or, for a report without it, the report
// point's date; none when the report has neither.
func documentDate(r *report.Report) time.Time {
	if !r.Modified.IsZero() {
		return r.Modified
	}
	return r.Date
}

// page draws page n of total: its header and footer, then its rows. A
// table's header row is content where it is first set, an artifact where
// it is set again. A figure's bounding box is where it is first set.
func (d *drawer) page(r *report.Report, n, total int, items []placed) {
	d.doc.AddPage()
	d.furniture(r, n, total)
	var figs []*tag              // the figures first set on this page, in order
	top := map[*tag]float64{}    // the top of each
	bottom := map[*tag]float64{} // and its bottom
	for _, it := range items {
		if it.part == 0 && it.src.mark != nil {
			d.doc.Bookmark(d.m.printable(oneLine(it.src.mark.title)), it.src.mark.level, it.y)
		}
		d.repeat = it.src.kind == kindHeader && it.src.drawn
		if d.repeat {
			// Set again at the same place on each later page: drawn once, as a form.
			key := formKey{it.src, it.y, it.h}
			if d.forms[key] == 0 {
				d.doc.BeginForm()
				d.row(it.row, it.y, it.h)
				d.forms[key] = d.doc.EndForm()
			}
			d.doc.DrawForm(d.forms[key], pdfdoc.Layout)
		} else {
			d.row(it.row, it.y, it.h)
		}
		d.repeat, it.src.drawn = false, true
		if f := it.src.figure; f != nil && f.extra().attrs.BBox == [4]float64{} {
			if _, ok := top[f]; !ok {
				figs, top[f] = append(figs, f), it.y
			}
			bottom[f] = it.y + it.h
		}
	}
	for _, fig := range figs {
		if fig.elem != 0 {
			fig.attrs.BBox = [4]float64{d.g.left, top[fig], d.g.contentWidth(), bottom[fig] - top[fig]}
			d.doc.SetAttrs(fig.elem, fig.attrs)
		}
	}
}

var (
	runningFont = font{face: bold, size: 8, colour: navy}
	footFont    = font{face: regular, size: 7.5, colour: muted}
)

// furniture draws the running header and the footer: each a form drawn
// once and shown on every page, and the page number.
func (d *drawer) furniture(r *report.Report, n, total int) {
	g := d.g
	right := g.width - g.right
	half := g.contentWidth()/2 - 4
	foot := g.height - footerBase
	flh := footFont.lineHeight()
	if d.header == 0 {
		d.doc.BeginForm()
		lh := runningFont.lineHeight()
		d.artifact = pdfdoc.Header
		d.text(g.left, headerBase-lh/2, d.m.clip(d.m.printable(oneLine(r.ShortTitle)), runningFont, half), runningFont, nil)
		heading := d.m.clip(d.m.printable(oneLine(r.Heading())), footFont, half)
		d.text(right-d.textWidth(heading, footFont), headerBase-lh/2, heading, footFont, nil)
		d.rule(g.left, headerBase+furnitureGap-0.5, right, headerBase+furnitureGap-0.5, navy, 0.4)
		d.header = d.doc.EndForm()

		d.doc.BeginForm()
		d.artifact = pdfdoc.Footer
		d.rule(g.left, foot-furnitureGap-1.5, right, foot-furnitureGap-1.5, gridColour, 0.2)
		d.text(g.left, foot-flh/2, d.m.clip(d.m.printable(oneLine(r.Organisation)), footFont, half), footFont, nil)
		d.footer = d.doc.EndForm()
	}
	d.doc.DrawForm(d.header, pdfdoc.Header)
	d.doc.DrawForm(d.footer, pdfdoc.Footer)
	d.artifact = pdfdoc.Footer
	pageNo := "Page " + strconv.Itoa(n) + " of " + strconv.Itoa(total)
	d.text(right-d.textWidth(pageNo, footFont), foot-flh/2, pageNo, footFont, nil)
	d.artifact = pdfdoc.Layout
}

// oneLine puts a text that may hold line breaks on one line.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
