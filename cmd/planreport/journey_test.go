package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/xlsx"
)

// TestJourney drives a plan as officers write one (sample.Messy) through
// every command a coordinator and a clerk use, in order: init, fill in the
// workbook (with excelize, as typed: text dates, RAGs in odd case, long
// prose), validate, generate the three formats, roll three times (each
// followed by filling in some updates and RAGs and completing an action,
// and validate), generate at every report point, generate the Word report
// alone, import it, and generate from the imported workbook.
//
// Every command must succeed. Every report written must, in each format
// (PDF read back by pdftotext, the Word report's document.xml, the web
// page's text):
//   - carry every word of every update at its report point, in order;
//   - keep a point written on a line of its own as one list item, even
//     with a semicolon inside it;
//   - give the summary's Total at its report point as the total of the
//     chart's overall bar;
//   - show an action completed in an earlier period, which has no update at
//     the report point, as a finished row: its last update or "Completed
//     <date>" in the update column, and a completed status in the RAG column.
func TestJourney(t *testing.T) {
	testtool.Need(t, "pdftotext")
	dir := inTempDir(t)
	p := sample.Messy()
	points := p.Reports
	if len(points) != 5 {
		t.Fatalf("the messy plan has %d report points, want 5", len(points))
	}
	wb := filepath.Join(dir, "plan.xlsx")
	mustRun(t, "init", wb, "--title", p.Title, "--published", sample.TypedDate(p.FirstPublished, 0))
	fillMessy(t, wb, p, points[1].Date)
	mustRun(t, "validate", wb)
	first := filepath.Join(dir, "first")
	mustRun(t, "generate", wb, "--format", "pdf,docx,html", "--out", first)
	checkReports(t, "first generate", first, p, points[1])

	for k := 2; k < len(points); k++ {
		next := filepath.Join(dir, fmt.Sprintf("plan-%d.xlsx", k))
		mustRun(t, "roll", wb, "--date", sample.TypedDate(points[k].Date, k), "--name", points[k].Name, "--out", next)
		wb = next
		fillMessy(t, wb, p, points[k].Date)
		mustRun(t, "validate", wb)
	}
	latest := points[len(points)-1]
	final := filepath.Join(dir, "final")
	mustRun(t, "generate", wb, "--out", final)
	checkReports(t, "after three rolls", final, p, latest)
	for _, point := range points[1 : len(points)-1] {
		out := filepath.Join(dir, point.Date.Format("2006-01-02"))
		mustRun(t, "generate", wb, "--as-of", point.Date.Format("2006-01-02"), "--out", out)
		checkReports(t, "after three rolls, --as-of "+point.Date.Format("2006-01-02"), out, p, point)
	}

	word := filepath.Join(dir, "word")
	mustRun(t, "generate", wb, "--format", "docx", "--out", word)
	readsWithPandoc(t, onlyFile(t, word, ".docx"), p, latest)
	imported := filepath.Join(dir, "imported.xlsx")
	mustRun(t, "import", onlyFile(t, word, ".docx"), "--out", imported)
	back := filepath.Join(dir, "back")
	mustRun(t, "generate", imported, "--out", back)
	checkReports(t, "from the imported Word report", back, p, latest)
}

// readsWithPandoc reads the Word report with pandoc, a reader that refuses
// a zip whose stored parts have data descriptors: it must read it, and its
// text must hold the last words of every update at the report point (of
// its last point, as the Word report lists the points).
func readsWithPandoc(t *testing.T, docx string, p *plan.Plan, point plan.ReportPoint) {
	t.Helper()
	pandoc := testtool.Need(t, "pandoc")[0]
	out, err := exec.Command(pandoc, "--from", "docx", "--to", "plain", "--wrap", "none", docx).CombinedOutput()
	if err != nil {
		t.Fatalf("pandoc cannot read the Word report: %v\n%s", err, clip(string(out), 2000))
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, u := range p.Updates {
		if !u.Date.Equal(point.Date) {
			continue
		}
		points := report.SplitPoints(u.Text)
		if len(points) == 0 {
			continue
		}
		words := strings.Fields(points[len(points)-1])
		if len(words) > 6 {
			words = words[len(words)-6:]
		}
		if tail := strings.Join(words, " "); !strings.Contains(text, tail) {
			t.Errorf("pandoc's reading of the Word report lacks the end of action %s's update, %q", u.Action, tail)
		}
	}
}

// mustRun runs planreport and stops the journey when it fails: every later
// step needs what this one writes.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	r := planreport(t, args...)
	if r.code != 0 {
		t.Fatalf("planreport %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, clip(r.stderr, 2000))
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
		t.Fatalf("planreport %s crashed:\n%s", args[0], r.stderr)
	}
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// fillMessy types into the workbook at path what an officer types once
// report point upTo is reported (sample.MessyRows): the Plan sheet's blank
// fields; the rows the other sheets lack (a report point, outcome, lead,
// action, update, task or recipient not there yet) at their end; a
// completion date into an action's blank Completed cell; and, over an
// update roll carried forward to upTo, a new text or RAG where the plan's
// differs from the point before. Whatever roll carried unchanged is left as
// roll wrote it, so the reports show what roll carried.
func fillMessy(t *testing.T, path string, p *plan.Plan, upTo time.Time) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range sample.MessyRows(p, upTo) {
		names := sample.MessyColumns(sheet)
		cols := columnsOf(t, f, sheet)
		existing, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		// The workbook's rows, by key, their cells in MessyRows' order.
		have := map[string][]string{}
		row := map[string]int{}
		for i, r := range existing[1:] {
			cells := make([]string, len(names))
			for j, name := range names {
				if c := cols[name]; c <= len(r) {
					cells[j] = r[c-1]
				}
			}
			if strings.TrimSpace(strings.Join(cells, "")) != "" {
				k := rowKey(t, sheet, cells)
				have[k], row[k] = cells, i+2
			}
		}
		next := len(existing) + 1
		set := func(num int, name, value string) {
			if err := f.SetCellStr(sheet, xlsx.CellName(cols[name], num), value); err != nil {
				t.Fatal(err)
			}
		}
		for _, cells := range rows {
			k := rowKey(t, sheet, cells)
			old, ok := have[k]
			if !ok {
				for i, name := range names {
					set(next, name, cells[i])
				}
				next++
				continue
			}
			switch sheet {
			case "Plan":
				if strings.TrimSpace(old[1]) == "" {
					set(row[k], "Value", cells[1])
				}
			case "Actions":
				if i := slicesIndex(names, "Completed"); strings.TrimSpace(old[i]) == "" && cells[i] != "" {
					set(row[k], "Completed", cells[i])
				}
			case "Updates":
				no, date := updateKey(t, cells)
				if !date.Equal(upTo) {
					continue
				}
				u, prev := updateAt(p, no, upTo), lastUpdate(p, no, upTo.AddDate(0, 0, -1))
				if prev == nil || prev.Text != u.Text {
					set(row[k], "Progress / Update", cells[slicesIndex(names, "Progress / Update")])
				}
				if prev == nil || prev.RAG != u.RAG {
					set(row[k], "RAG", cells[slicesIndex(names, "RAG")])
				}
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// rowKey names the row cells is (in MessyRows' order) in its sheet.
func rowKey(t *testing.T, sheet string, cells []string) string {
	t.Helper()
	get := func(name string) string {
		return strings.TrimSpace(cells[slicesIndex(sample.MessyColumns(sheet), name)])
	}
	switch sheet {
	case "Plan":
		return get("Field")
	case "Reports":
		return get("Report")
	case "Outcomes":
		return get("Outcome")
	case "Leads":
		return get("Lead")
	case "Updates":
		no, date := updateKey(t, cells)
		return no + "@" + date.Format("2006-01-02")
	case "Distribution":
		return get("Email")
	}
	return get("No")
}

// updateKey is the action and the report date of an Updates row.
func updateKey(t *testing.T, cells []string) (string, time.Time) {
	t.Helper()
	names := sample.MessyColumns("Updates")
	s := cells[slicesIndex(names, "Report Date")]
	d, err := schema.ParseDate(s, false)
	if err != nil {
		t.Fatalf("Updates: report date %q: %v", s, err)
	}
	return strings.TrimSpace(cells[slicesIndex(names, "Action")]), d
}

func updateAt(p *plan.Plan, no string, d time.Time) *plan.Update {
	for i, u := range p.Updates {
		if u.Action == no && u.Date.Equal(d) {
			return &p.Updates[i]
		}
	}
	return nil
}

// columnsOf maps each header of a sheet's first row to its column number.
func columnsOf(t *testing.T, f *excelize.File, sheet string) map[string]int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("the workbook has no %s sheet with a header row: %v", sheet, err)
	}
	cols := map[string]int{}
	for i, h := range rows[0] {
		cols[strings.TrimSpace(h)] = i + 1
	}
	for _, name := range sample.MessyColumns(sheet) {
		if cols[name] == 0 {
			t.Fatalf("%s has no %q column: %q", sheet, name, rows[0])
		}
	}
	return cols
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// expectedPoints are the points of an update as the officer wrote them: a
// text with line breaks is split only at them, a semicolon inside a line
// being text; a text of one line is split at semicolons.
func expectedPoints(text string) []string {
	sep := "\n"
	if !strings.Contains(text, "\n") {
		sep = ";"
	}
	var points []string
	for _, p := range strings.Split(text, sep) {
		if p = collapseSpace(p); p != "" {
			points = append(points, p)
		}
	}
	return points
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// words are the words of s, letters, marks and digits, without the spaces
// and punctuation between them, joined by one space: what a reader reads,
// whatever the line breaks, bullets and separators a format adds.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}), " ")
}

// rendered is what one report says, read back from one format.
type rendered struct {
	format string
	// rows are the action table's rows by action number: the update cell
	// as list items (or paragraphs) and the RAG cell's text. The PDF has
	// none: its row is found in text.
	rows map[string]renderedRow
	// pdfRows are the PDF's rows by action number: the text after the
	// action's timescale up to the next row (update, then RAG).
	pdfRows map[string]string
	// summaryTotal and chartTotal are the summary's Total at the report
	// point and the total of the chart's overall bar; -1 when not found.
	summaryTotal, chartTotal int
}

type renderedRow struct {
	items []string
	rag   string
}

// checkReports checks the PDF, Word report and web page in dir, the report
// of plan p at point.
func checkReports(t *testing.T, stage, dir string, p *plan.Plan, point plan.ReportPoint) {
	t.Helper()
	r, err := report.Build(p, point.Date, report.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatal(err)
	}
	heading := r.Heading()
	summary := r.Summary[len(r.Summary)-1]
	formats := []rendered{
		readPDF(t, onlyFile(t, dir, ".pdf"), p, heading, summary),
		readDOCX(t, onlyFile(t, dir, ".docx"), heading, summary),
		readHTML(t, onlyFile(t, dir, ".html"), heading, summary),
	}
	for _, got := range formats {
		where := stage + ", " + got.format + " at " + report.ShortDate(point.Date)
		// Every word of every update at the point.
		for _, u := range p.Updates {
			if !u.Date.Equal(point.Date) {
				continue
			}
			want := expectedPoints(u.Text)
			cell := " " + words(got.cell(u.Action)) + " "
			var missing []string
			for _, pt := range want {
				if !strings.Contains(cell, " "+words(pt)+" ") {
					missing = append(missing, pt)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s: action %s's update lacks the words of %d of its %d points, the first %q",
					where, u.Action, len(missing), len(want), clip(missing[0], 160))
			}
			// A point on a line of its own stays one point, a semicolon
			// inside it being text.
			if !strings.Contains(u.Text, "\n") {
				continue
			}
			var lines, split []string
			for _, line := range strings.Split(u.Text, "\n") {
				if line = collapseSpace(line); strings.Contains(line, ";") {
					lines = append(lines, line)
					if !got.hasItem(u.Action, line) {
						split = append(split, line)
					}
				}
			}
			if len(split) > 0 {
				t.Errorf("%s: action %s: %d of its %d lines with a semicolon inside are not one list item each, the first %q",
					where, u.Action, len(split), len(lines), clip(split[0], 160))
			}
		}
		// The summary and the chart count the same actions.
		switch {
		case got.summaryTotal < 0:
			t.Errorf("%s: no summary row for %s (%s)", where, report.ShortDate(point.Date), point.Name)
		case got.chartTotal < 0:
			t.Errorf("%s: no total for the chart's overall bar", where)
		case got.summaryTotal != got.chartTotal:
			t.Errorf("%s: the summary's Total is %d, the chart's overall bar %d", where, got.summaryTotal, got.chartTotal)
		}
		// An action completed in an earlier period shows a finished row.
		for _, a := range p.Actions {
			if a.Completed.IsZero() || a.Completed.After(point.Date) || hasUpdate(p, a.No, point.Date) {
				continue
			}
			// What it may show: its last update's points, or when it was
			// completed.
			shown := []string{"Completed " + report.LongDate(a.Completed)}
			if last := lastUpdate(p, a.No, point.Date); last != nil {
				shown = append(shown, expectedPoints(last.Text)...)
			}
			cell := " " + words(got.cell(a.No)) + " "
			end := -1 // where the last of what is shown ends in the cell
			for _, w := range shown {
				if i := strings.LastIndex(cell, " "+words(w)+" "); i >= 0 {
					end = max(end, i+len(words(w))+1)
				}
			}
			if end < 0 {
				t.Errorf("%s: action %s, completed %s, shows %q in its update column, not its last update or \"Completed %s\"",
					where, a.No, report.ShortDate(a.Completed), clip(got.cell(a.No), 120), report.LongDate(a.Completed))
			}
			status := got.rag(a.No)
			if got.pdfRows != nil { // the RAG cell follows the update in the row's text
				status = cell[max(end, 0):]
			}
			if !completedStatus(status) {
				t.Errorf("%s: action %s, completed %s, shows %q in its RAG column, not a completed status", where, a.No, report.ShortDate(a.Completed), strings.TrimSpace(status))
			}
		}
	}
}

// completedStatus reports whether a RAG cell says the action is complete:
// a word for it, or the scale's value a completed action carries.
func completedStatus(cell string) bool {
	w := " " + strings.ToLower(words(cell)) + " "
	if strings.Contains(w, " complete") {
		return true
	}
	for _, v := range rag.Default().Values {
		if v.Complete && (strings.Contains(w, " "+strings.ToLower(v.Code)+" ") || strings.Contains(w, " "+strings.ToLower(v.Name)+" ")) {
			return true
		}
	}
	return false
}

func hasUpdate(p *plan.Plan, no string, d time.Time) bool {
	for _, u := range p.Updates {
		if u.Action == no && u.Date.Equal(d) {
			return true
		}
	}
	return false
}

// lastUpdate is an action's latest update on or before d.
func lastUpdate(p *plan.Plan, no string, d time.Time) *plan.Update {
	var last *plan.Update
	for i, u := range p.Updates {
		if u.Action == no && !u.Date.After(d) && (last == nil || u.Date.After(last.Date)) {
			last = &p.Updates[i]
		}
	}
	return last
}

// cell is the text of an action's update cell: in the PDF, the text of
// its row after its leads and timescale.
func (r rendered) cell(no string) string {
	if r.pdfRows != nil {
		return r.pdfRows[no]
	}
	return strings.Join(r.rows[no].items, "\n")
}

// rag is the text of an action's RAG cell in the Word report and the web
// page.
func (r rendered) rag(no string) string { return r.rows[no].rag }

// hasItem reports whether an action's update shows line as one list item.
// In the PDF each item starts with a bullet.
func (r rendered) hasItem(no, line string) bool {
	if r.pdfRows != nil {
		for _, item := range strings.Split(r.pdfRows[no], "•") {
			if collapseSpace(item) == line || strings.HasPrefix(collapseSpace(item), line+" ") {
				return true // the last item is followed by the RAG
			}
		}
		return false
	}
	for _, item := range r.rows[no].items {
		if collapseSpace(item) == line {
			return true
		}
	}
	return false
}

// readPDF reads the PDF's text back with pdftotext, in content-stream
// order (-raw): a table row's cells one after the other, each cell's lines
// in order. The rows are read without the running header and footer and
// the action table's header that each page repeats.
func readPDF(t *testing.T, path string, p *plan.Plan, heading string, summary report.SummaryRow) rendered {
	t.Helper()
	r := rendered{format: "PDF", summaryTotal: -1, chartTotal: -1}
	pages := testtool.PDFPages(t, path, "-raw")
	short := p.ShortTitle
	if short == "" {
		short = p.Title
	}
	furniture := []*regexp.Regexp{
		spaced(short + " " + heading),
		regexp.MustCompile(regexp.QuoteMeta(collapseSpace(p.Organisation)) + ` Page \d+ of \d+`),
		spaced("No Action / Task Strategic Lead Timescale " + heading + " RAG"),
		regexp.MustCompile(`(\d+(\.\d+)* )?\(cont\.\)`),
	}
	text := collapseSpace(strings.Join(pages, " "))
	row := regexp.MustCompile(regexp.QuoteMeta(report.ShortDate(summary.Date)+" "+collapseSpace(summary.Name)) + ` (\d+) \d+ \d+ \d+`)
	if m := row.FindStringSubmatch(text); m != nil {
		r.summaryTotal, _ = strconv.Atoi(m[1])
	}
	// The overall bar: its label, its segments' counts, its total and
	// the total's parts: "All actions / tasks 1 5 9 15 (Red 1, …)".
	if m := regexp.MustCompile(regexp.QuoteMeta(report.OverallLabel) + `[^(]*? (\d+) \(`).FindStringSubmatch(text); m != nil {
		r.chartTotal, _ = strconv.Atoi(m[1])
	}
	for _, re := range furniture {
		text = re.ReplaceAllString(text, " "+pageBreak+" ")
	}
	r.pdfRows = pdfRows(collapseSpace(text), p, summary.Date)
	return r
}

// spaced matches s with any run of spaces where s has one.
func spaced(s string) *regexp.Regexp {
	return regexp.MustCompile(strings.Join(strings.Fields(regexp.QuoteMeta(s)), ` ?`))
}

// pageBreak stands in the PDF's text where a page ends and the next
// begins: for the footer, the header and the repeated table header.
const pageBreak = "¦¦"

// token is a word of the PDF's text as pdftotext writes it ("Inspector,"),
// with the words a reader reads in it ("Inspector").
type token struct {
	raw   string
	words []string
}

func tokens(text string) []token {
	var toks []token
	for _, f := range strings.Fields(text) {
		toks = append(toks, token{f, strings.Fields(words(f))})
	}
	return toks
}

// consume takes from toks[i:] the words of a cell from its word pos on,
// as far as they go on, skipping marks between them (a bullet, a dash);
// it returns where it stopped in toks and in the cell.
func consume(toks []token, i int, cell []string, pos int) (int, int) {
	for pos < len(cell) {
		j := i
		for j < len(toks) && len(toks[j].words) == 0 && toks[j].raw != pageBreak {
			j++
		}
		if j == len(toks) || toks[j].raw == pageBreak || !startsWith(cell[pos:], toks[j].words) {
			break
		}
		pos += len(toks[j].words)
		i = j + 1
	}
	return i, pos
}

func startsWith(s, prefix []string) bool {
	if len(prefix) > len(s) {
		return false
	}
	for i := range prefix {
		if s[i] != prefix[i] {
			return false
		}
	}
	return true
}

// pdfRows cuts the PDF's text into the actions' rows and keeps of each
// its update and RAG. A row starts at its action's label ("1.2: …") and
// ends where the next row, outcome or heading starts. Its cells come in
// order: the action (with "Completed <date>" when completed by date), the
// leads, the timescale, the update and the RAG. A row that flows onto the
// next page continues there, after the page break, with the rest of each
// cell that did not fit; those rests are taken off too.
func pdfRows(text string, p *plan.Plan, date time.Time) map[string]string {
	toks := tokens(text)
	// Where each row, outcome and heading starts.
	var starts []int
	rowAt := map[string]int{}
	for i, tk := range toks {
		if strings.HasSuffix(tk.raw, ":") && actionNumber.MatchString(strings.TrimSuffix(tk.raw, ":")) {
			rowAt[strings.TrimSuffix(tk.raw, ":")] = i
			starts = append(starts, i)
		}
		if tk.raw == "Outcome" && i+1 < len(toks) && strings.HasSuffix(toks[i+1].raw, ":") {
			starts = append(starts, i)
		}
	}
	var headings []string
	for _, o := range p.Outcomes {
		headings = append(headings, o.Theme)
	}
	headings = append(headings, p.MaintenanceTitle, report.DefaultMaintenanceTitle)
	for _, h := range headings {
		want := strings.Fields(words(h))
		for i := range toks {
			if len(want) > 0 && len(toks[i].words) > 0 && toks[i].words[0] == want[0] && startsWith(wordsFrom(toks[i:], len(want)), want) {
				starts = append(starts, i)
			}
		}
	}
	rows := map[string]string{}
	for _, a := range p.Actions {
		start, ok := rowAt[a.No]
		if !ok {
			continue
		}
		end := len(toks)
		for _, s := range starts {
			if s > start && s < end {
				end = s
			}
		}
		action := a.No + ": " + a.Text
		if !a.Completed.IsZero() && !a.Completed.After(date) {
			action += " Completed " + report.LongDate(a.Completed)
		}
		cells := [][]string{strings.Fields(words(action)), strings.Fields(words(strings.Join(a.Leads, " "))), strings.Fields(words(a.Timescale))}
		pos := make([]int, len(cells))
		var parts []string // the update and RAG of each part of the row
		part := toks[start:end]
		for len(part) > 0 {
			n := len(part)
			for k, tk := range part {
				if tk.raw == pageBreak {
					n = k
					break
				}
			}
			i := 0
			for c := range cells {
				i, pos[c] = consume(part[:n], i, cells[c], pos[c])
			}
			var rest []string
			for _, tk := range part[i:n] {
				rest = append(rest, tk.raw)
			}
			if len(rest) > 0 {
				parts = append(parts, strings.Join(rest, " "))
			}
			part = part[min(n+1, len(part)):]
		}
		// A part that the row continues after prints the RAG cell too.
		for k := range parts[:max(len(parts)-1, 0)] {
			parts[k] = ragTail.ReplaceAllString(parts[k], "")
		}
		rows[a.No] = strings.Join(parts, " ")
	}
	return rows
}

// ragTail is a RAG cell at the end of a part of a row: a value of the
// scale, by code or name, and a trend mark.
var ragTail = func() *regexp.Regexp {
	var values, marks []string
	for _, v := range rag.Default().Values {
		values = append(values, regexp.QuoteMeta(v.Code), regexp.QuoteMeta(v.Name))
	}
	for tr := report.TrendNew; tr <= report.TrendWorse; tr++ {
		marks = append(marks, regexp.QuoteMeta(tr.Symbol()), tr.Word())
	}
	v, m := strings.Join(values, "|"), strings.Join(marks, "|")
	return regexp.MustCompile(`(?: (?:` + v + `),?){1,2}(?: (?:` + m + `))?$`)
}()

// wordsFrom is the first n words of toks.
func wordsFrom(toks []token, n int) []string {
	var w []string
	for _, tk := range toks {
		if len(w) >= n {
			break
		}
		w = append(w, tk.words...)
	}
	return w
}

// readDOCX reads the Word report's document.xml: its tables, cell by cell
// and paragraph by paragraph, and the chart's data.
func readDOCX(t *testing.T, path, heading string, summary report.SummaryRow) rendered {
	t.Helper()
	r := rendered{format: "Word", rows: map[string]renderedRow{}, summaryTotal: -1, chartTotal: -1}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	part := func(name string) []byte {
		rc, err := zr.Open(name)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %s: %v", path, name, err)
		}
		return data
	}
	tables := docxTables(t, part("word/document.xml"))
	r.readTables(tables, heading, summary)
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "word/charts/chart") && strings.HasSuffix(f.Name, ".xml") {
			if n, ok := docxOverall(t, part(f.Name)); ok {
				r.chartTotal = n
			}
		}
	}
	return r
}

// table is a table's rows, each row its cells, each cell its paragraphs
// (or list items).
type table [][][]string

// readTables finds the summary table's row at the report point and the
// rows of the action tables, the tables whose header names the update
// column.
func (r *rendered) readTables(tables []table, heading string, summary report.SummaryRow) {
	date := report.ShortDate(summary.Date)
	for _, tb := range tables {
		if len(tb) == 0 {
			continue
		}
		// The summary is the table whose third column is the Total; "RAG
		// over time" also has a row per report point, its Total last.
		isSummary := len(tb[0]) >= 3 && collapseSpace(strings.Join(tb[0][2], " ")) == report.SummaryColumns[2]
		upd, ragCol := -1, -1
		for i, c := range tb[0] {
			switch h := collapseSpace(strings.Join(c, " ")); {
			case strings.Contains(h, heading):
				upd = i
			case h == "RAG":
				ragCol = i
			}
		}
		for _, row := range tb[1:] {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = collapseSpace(strings.Join(c, " "))
			}
			if isSummary && len(cells) >= 3 && cells[0] == date && cells[1] == collapseSpace(summary.Name) {
				r.summaryTotal, _ = strconv.Atoi(cells[2])
			}
			if no := actionNo(cells); upd >= 0 && upd < len(row) && no != "" {
				rr := renderedRow{items: row[upd]}
				if ragCol >= 0 && ragCol < len(row) {
					rr.rag = cells[ragCol]
				}
				r.rows[no] = rr
			}
		}
	}
}

// actionNo is the number of the action a row of the action table is of:
// its first cell (the web page), or what starts the second, "1.2: …" (the
// Word report, whose first cell numbers the rows of an outcome).
func actionNo(cells []string) string {
	if len(cells) > 0 && actionNumber.MatchString(cells[0]) {
		return cells[0]
	}
	if len(cells) > 1 {
		if no, _, ok := strings.Cut(cells[1], ": "); ok && actionNumber.MatchString(no) {
			return no
		}
	}
	return ""
}

var actionNumber = regexp.MustCompile(`^\d+(\.\d+)+$`)

// docxTables reads the tables of a document.xml.
func docxTables(t *testing.T, data []byte) []table {
	t.Helper()
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var (
		tables []table
		stack  []table // open tables, innermost last
		para   strings.Builder
		inText bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != w {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				stack = append(stack, nil)
			case "tr":
				if len(stack) > 0 {
					stack[len(stack)-1] = append(stack[len(stack)-1], nil)
				}
			case "tc":
				if tb := stackTop(stack); tb != nil && len(*tb) > 0 {
					(*tb)[len(*tb)-1] = append((*tb)[len(*tb)-1], nil)
				}
			case "p":
				para.Reset()
			case "t":
				inText = true
			case "br", "cr", "tab":
				para.WriteString(" ")
			}
		case xml.EndElement:
			if e.Name.Space != w {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				tables = append(tables, stack[len(stack)-1])
				stack = stack[:len(stack)-1]
			case "p":
				if tb := stackTop(stack); tb != nil && len(*tb) > 0 {
					row := (*tb)[len(*tb)-1]
					if len(row) > 0 {
						row[len(row)-1] = append(row[len(row)-1], para.String())
					}
				}
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				para.Write(e)
			}
		}
	}
	return tables
}

func stackTop(stack []table) *table {
	if len(stack) == 0 {
		return nil
	}
	return &stack[len(stack)-1]
}

// docxOverall is the total of the overall bar ("All actions / tasks") of
// a chart part: its values summed over every series.
func docxOverall(t *testing.T, data []byte) (int, bool) {
	t.Helper()
	type pt struct {
		Idx int    `xml:"idx,attr"`
		V   string `xml:"v"`
	}
	var cs struct {
		Series []struct {
			Cat []pt `xml:"cat>strRef>strCache>pt"`
			Val []pt `xml:"val>numRef>numCache>pt"`
		} `xml:"chart>plotArea>barChart>ser"`
	}
	if err := xml.Unmarshal(data, &cs); err != nil {
		t.Fatalf("chart part: %v", err)
	}
	total, found := 0, false
	for _, s := range cs.Series {
		idx := -1
		for _, c := range s.Cat {
			if c.V == report.OverallLabel {
				idx = c.Idx
			}
		}
		for _, v := range s.Val {
			if v.Idx == idx {
				n, err := strconv.ParseFloat(v.V, 64)
				if err != nil {
					t.Fatalf("chart part: value %q", v.V)
				}
				total += int(n)
				found = true
			}
		}
	}
	return total, found
}

// readHTML reads the web page: its tables, cell by cell and list item by
// list item, and the chart's text alternative.
func readHTML(t *testing.T, path, heading string, summary report.SummaryRow) rendered {
	t.Helper()
	r := rendered{format: "HTML", rows: map[string]renderedRow{}, summaryTotal: -1, chartTotal: -1}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var tables []table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			tables = append(tables, htmlTable(n))
		}
		if n.Type == html.ElementNode && attr(n, "id") == "chart-alt" {
			m := regexp.MustCompile(regexp.QuoteMeta(report.OverallLabel) + `: (\d+) action`).FindStringSubmatch(nodeText(n))
			if m != nil {
				r.chartTotal, _ = strconv.Atoi(m[1])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	r.readTables(tables, heading, summary)
	return r
}

// htmlTable is a table's rows and cells; a cell's items are its list
// items, or else its paragraphs, or else its text.
func htmlTable(n *html.Node) table {
	var tb table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Tr:
				var row [][]string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
						row = append(row, htmlItems(c))
					}
				}
				tb = append(tb, row)
				return
			case atom.Table:
				if len(tb) > 0 || n.Parent == nil {
					return // a nested table is its own
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return tb
}

func htmlItems(cell *html.Node) []string {
	for _, a := range []atom.Atom{atom.Li, atom.P} {
		var items []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == a {
				items = append(items, nodeText(n))
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(cell)
		if len(items) > 0 && (a == atom.Li || collapseSpace(strings.Join(items, " ")) == collapseSpace(nodeText(cell))) {
			return items // a cell's list items, or paragraphs that hold all its text
		}
	}
	return []string{nodeText(cell)}
}

// nodeText is the text of a node and its children, hidden text too (a
// screen reader's words are part of the report), with a space between
// blocks.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.DataAtom != atom.Span && n.DataAtom != atom.B && n.DataAtom != atom.I && n.DataAtom != atom.Em && n.DataAtom != atom.Strong && n.DataAtom != atom.A {
			b.WriteString(" ")
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
