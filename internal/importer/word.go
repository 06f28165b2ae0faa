package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/schema"
)

// wordReader reads a progress report laid out like this project's own:
// the title, the report's heading ("Year 1 Progress / Update Report @ 31
// July 2019"), "First Published: 3 October 2018" and the organisation
// before the first table; a summary table of the report points; the
// table of actions, with full-width theme and outcome rows and a row per
// action (No, Action / Task, Strategic Lead, Timescale, the update, RAG);
// and the ongoing / maintenance table after its heading.
type wordReader struct {
	*builder
	doc     *document
	point   plan.ReportPoint // the report point reported on
	printed *printedRow      // the summary table's latest row; nil when none
}

// printedRow is a row of the summary table: its report point's date and
// counts, -1 where a count is not given.
type printedRow struct {
	date                             time.Time
	total, completed, added, ongoing int
	place                            string
}

// WordReport imports a Word report (.docx). It holds only the updates of
// the report point it reports on; earlier points come from its summary
// table, without their updates.
func WordReport(path string, opt Options) (*plan.Plan, Problems, error) {
	doc, err := readDocument(path)
	if err != nil {
		return nil, nil, err
	}
	wr := &wordReader{builder: newBuilder(opt), doc: doc}
	wr.front()
	for i := range doc.tables {
		if t := &doc.tables[i]; summaryTable(t) {
			wr.summary(t)
		}
	}
	found := false
	for i := range doc.tables {
		t := &doc.tables[i]
		if len(t.rows) == 0 || summaryTable(t) {
			continue
		}
		switch header := rowTexts(t.rows[0]); {
		case hasFolded(header, "whylisted"), hasFolded(header, "meaning"):
			// The exceptions and the legend: drawn from the rest.
		case wr.actionTable(t):
			found = true
		case len(header) == 3 && schema.HeaderColumn("Maintenance", header[0]) == "No" && schema.HeaderColumn("Maintenance", header[2]) == "Timescale":
			wr.maintenance(t)
		}
	}
	if !found {
		return nil, nil, &Error{Name: path, Err: ErrNoTable,
			Msg: "has no table of actions headed No, Action / Task, Strategic Lead, Timescale, the update and RAG, so there is no plan to import"}
	}
	if doc.header != "" && doc.header != wr.p.Title {
		wr.p.ShortTitle = doc.header
	}
	p := wr.finish()
	wr.checkSummary(p)
	return p, wr.problems, nil
}

// summaryTable reports whether t is the summary table: Date, the report
// point's name and the totals.
func summaryTable(t *docTable) bool {
	if len(t.rows) == 0 {
		return false
	}
	header := rowTexts(t.rows[0])
	return len(header) > 1 && schema.Fold(header[0]) == "date" && strings.Contains(schema.Fold(strings.Join(header, " ")), "total")
}

// front reads the paragraphs before the first table, up to the first
// heading after the title block has begun: the title, the report's
// heading, the First Published date, the organisation. A heading before
// them that reads like an organisation's name (the committee's, styled as
// a heading) is read with them.
func (wr *wordReader) front() {
	var lines []frontLine
	// a paragraph other than a heading has been read, or a heading that is
	// not an organisation's name
	begun := false
	for i, para := range wr.doc.paras {
		style := strings.ToLower(para.style)
		heading := strings.HasPrefix(style, "heading")
		if heading && begun {
			break
		}
		for _, part := range strings.Split(para.text, "\t") {
			line := frontLine{text: collapse(part), place: fmt.Sprintf("paragraph %d", i+1), title: style == "title"}
			if line.text == "" {
				continue
			}
			begun = begun || !heading || !organisationLike(line.text)
			if !wr.frontField(line) {
				lines = append(lines, line)
			}
		}
	}
	wr.titleBlock(lines)
}

// frontLine is a line of the paragraphs before the first table.
type frontLine struct {
	text, place string
	title       bool // styled as the document's Title
}

var (
	publishedLabel    = regexp.MustCompile(`(?i)^first\s+published\s*:?\s*`)
	organisationLabel = regexp.MustCompile(`^([^:]{1,40}):\s*(.+)$`)
)

// frontField reads a line that says what it is: the First Published date,
// the report's heading with its date, a labelled organisation.
func (wr *wordReader) frontField(l frontLine) bool {
	p := &wr.p
	if publishedLabel.MatchString(l.text) {
		d, err := schema.ParseDate(publishedLabel.ReplaceAllString(l.text, ""), wr.opt.MonthFirst)
		if err != nil {
			wr.problem(l.place, "the First Published date: %v", err)
			return true
		}
		p.FirstPublished = d
		return true
	}
	if rp, ok := reportHeading(l.text, wr.opt.MonthFirst); ok && strings.Contains(l.text, "@") {
		wr.point = rp
		return true
	}
	if m := organisationLabel.FindStringSubmatch(l.text); m != nil && schema.PlanFieldName(m[1]) == "Organisation" {
		p.Organisation = collapse(m[2])
		return true
	}
	return false
}

// titleBlock places the lines of the title block that do not say what
// they are: the title is the one styled as the Title, or else the first
// line that does not read like an organisation's name, or else the first;
// the organisation is the first other line that does.
func (wr *wordReader) titleBlock(lines []frontLine) {
	p := &wr.p
	title := slices.IndexFunc(lines, func(l frontLine) bool { return l.title })
	if title < 0 {
		title = slices.IndexFunc(lines, func(l frontLine) bool { return !organisationLike(l.text) })
	}
	if title < 0 && len(lines) > 0 {
		title = 0
	}
	if title >= 0 {
		p.Title = lines[title].text
	}
	var other *frontLine
	for i := range lines {
		switch {
		case i == title:
		case p.Organisation == "" && organisationLike(lines[i].text):
			p.Organisation = lines[i].text
		case other == nil:
			other = &lines[i]
		}
	}
	if p.Organisation == "" && other != nil {
		wr.warn(other.place, "%q is not taken as the organisation, as it does not read like one's name; give the Organisation in the Plan sheet", other.text)
	}
}

// organisationWords are words in an organisation's name, and documentWords
// words in a document's title.
var (
	organisationWords = regexp.MustCompile(`(?i)\b(committee|council|partnership|board|service|services|nhs|police|authority|agency|trust|group|department|government|forum|office|association|executive|commission|inspectorate|federation)\b`)
	documentWords     = regexp.MustCompile(`(?i)\b(plan|report|strategy|update|progress|review|framework|programme|program)\b`)
)

// organisationLike reports whether a line reads like an organisation's
// name: "Perth and Kinross Child Protection Committee", "NHS Tayside",
// not "CPC Improvement Plan 2018 – 2020".
func organisationLike(s string) bool {
	return organisationWords.MatchString(s) && !documentWords.MatchString(s)
}

// summary reads the summary table: each row's report point (date, name)
// and the counts of its latest row, by the columns' headings (Total …,
// … Completed, … Added, … Ongoing).
func (wr *wordReader) summary(t *docTable) {
	cols := map[string]int{}
	for i, h := range rowTexts(t.rows[0]) {
		f := schema.Fold(h)
		for _, name := range []string{"completed", "added", "ongoing", "total"} {
			if _, seen := cols[name]; strings.Contains(f, name) && !seen {
				cols[name] = i
				break
			}
		}
	}
	for i, row := range t.rows[1:] {
		cells := rowTexts(row)
		if len(cells) < 2 {
			continue
		}
		place := fmt.Sprintf("table %d, row %d", t.num, i+2)
		d, err := schema.ParseDate(cells[0], wr.opt.MonthFirst)
		if err != nil {
			wr.problem(place, "the report point's date: %v", err)
			continue
		}
		wr.addReport(plan.ReportPoint{Date: d, Name: collapse(cells[1])})
		if wr.printed != nil && !d.After(wr.printed.date) {
			continue
		}
		count := func(name string) int {
			if c, ok := cols[name]; ok && c < len(cells) {
				if n, err := strconv.Atoi(collapse(cells[c])); err == nil && n >= 0 {
					return n
				}
			}
			return -1
		}
		wr.printed = &printedRow{date: d, place: place,
			total: count("total"), completed: count("completed"), added: count("added"), ongoing: count("ongoing")}
	}
}

// latestPrinted is the summary table's latest report point.
func (wr *wordReader) latestPrinted() (plan.ReportPoint, bool) {
	if wr.printed == nil {
		return plan.ReportPoint{}, false
	}
	return wr.p.ReportAt(wr.printed.date)
}

// checkSummary compares the summary of the plan imported, at the summary
// table's latest report point, with the one printed there, and says why
// they differ.
func (wr *wordReader) checkSummary(p *plan.Plan) {
	pr := wr.printed
	if pr == nil {
		return
	}
	r, err := report.Build(p, pr.date, report.Options{Scale: wr.opt.Scale})
	if err != nil || len(r.Summary) == 0 {
		return
	}
	got := r.Summary[len(r.Summary)-1]
	var why []string
	differs := func(printed, imported int) bool { return printed >= 0 && printed != imported }
	if differs(pr.total, got.Total) {
		why = append(why, fmt.Sprintf("its tables hold %s, not %d", actionCount(got.Total), pr.total))
	}
	if differs(pr.completed, got.Completed) {
		why = append(why, fmt.Sprintf("%s marked completed by then (a \"Completed <date>\" line in the Timescale, or an update saying \"ACTION COMPLETED\"), not %d; give the Completed dates in the Actions sheet",
			isAre(got.Completed), pr.completed))
	}
	if differs(pr.added, got.Added) {
		why = append(why, fmt.Sprintf("%s marked added since the report point before (a note such as \"(New Action / Task – Added 1 June 2022)\" in the action's text), not %d; give the Added dates in the Actions sheet",
			isAre(got.Added), pr.added))
	}
	if pr.total >= 0 && pr.completed >= 0 && pr.ongoing >= 0 && pr.total-pr.completed != pr.ongoing {
		why = append(why, fmt.Sprintf("its own Ongoing, %d, is not its Total less its Completed, %d", pr.ongoing, pr.total-pr.completed))
	} else if differs(pr.ongoing, got.Ongoing) && len(why) == 0 {
		why = append(why, fmt.Sprintf("%s ongoing, not %d", isAre(got.Ongoing), pr.ongoing))
	}
	if len(why) == 0 {
		return
	}
	wr.warn(pr.place, "the report's summary at %s gives %s; the plan imported gives %s, as %s",
		pr.date.Format("02/01/2006"), counts(pr.total, pr.completed, pr.added, pr.ongoing),
		counts(got.Total, got.Completed, got.Added, got.Ongoing), strings.Join(why, "; "))
}

// counts are a summary row's counts as a message quotes them, "–" for one
// not given.
func counts(total, completed, added, ongoing int) string {
	var parts []string
	for i, n := range []int{total, completed, added, ongoing} {
		v := "–"
		if n >= 0 {
			v = strconv.Itoa(n)
		}
		parts = append(parts, []string{"Total", "Completed", "Added", "Ongoing"}[i]+" "+v)
	}
	return strings.Join(parts, ", ")
}

func actionCount(n int) string {
	if n == 1 {
		return "1 action"
	}
	return strconv.Itoa(n) + " actions"
}

func isAre(n int) string {
	if n == 1 {
		return "1 action is"
	}
	return strconv.Itoa(n) + " actions are"
}

// actionColumns are the grid columns of the action table's columns.
type actionColumns struct {
	no, action, leads, timescale, update, rag int
}

// actionTable reads the table of actions, if t is one.
func (wr *wordReader) actionTable(t *docTable) bool {
	cols, heading, ok := findActionColumns(t.rows[0])
	if !ok {
		return false
	}
	rp, dated := reportHeading(heading, wr.opt.MonthFirst)
	switch latest, summarised := wr.latestPrinted(); {
	case dated:
		wr.point = rp
	case !wr.point.Date.IsZero():
	case summarised:
		wr.point = latest
		wr.warn(fmt.Sprintf("table %d, row 1", t.num), "the update column's heading %q has no date, nor has the report's; its updates are taken as of the summary table's latest report point, %s on %s",
			heading, latest.Name, latest.Date.Format("02/01/2006"))
	default:
		wr.problem(fmt.Sprintf("table %d, row 1", t.num), "the update column's heading %q has no date, nor has the report's, nor is there a summary table of report points; its updates are not imported", heading)
	}
	if !wr.point.Date.IsZero() {
		wr.addReport(wr.point)
	}
	header := strings.Join(rowTexts(t.rows[0]), "|")
	for i, row := range t.rows[1:] {
		place := fmt.Sprintf("table %d, row %d", t.num, i+2)
		switch {
		case strings.Join(rowTexts(row), "|") == header: // the header repeated
		case len(row) == 1 || row[0].span >= 3:
			wr.heading(row[0].text())
		default:
			wr.actionRow(row, cols, place)
		}
	}
	return true
}

// findActionColumns finds the columns of an action table's header row,
// and the update column's heading; ok is false when it is not one.
func findActionColumns(header []docCell) (actionColumns, string, bool) {
	cols := actionColumns{-1, -1, -1, -1, -1, -1}
	heading := ""
	for _, c := range header {
		text := collapse(c.text())
		f := schema.Fold(text)
		switch name := schema.HeaderColumn("Actions", text); {
		case name == "No":
			cols.no = c.col
		case name == "Action / Task":
			cols.action = c.col
		case name == "Strategic Lead":
			cols.leads = c.col
		case name == "Timescale":
			cols.timescale = c.col
		case strings.HasPrefix(f, "rag") || f == "status":
			cols.rag = c.col
		case strings.Contains(text, "@") || strings.Contains(f, "progress") || strings.Contains(f, "update"):
			cols.update, heading = c.col, text
		}
	}
	return cols, heading, cols.no >= 0 && cols.action >= 0 && (cols.update >= 0 || cols.rag >= 0)
}

// completedLine matches the line saying when the action was completed:
// "Completed 17 January 2019", under the action's text in planreport's
// reports, in the Timescale cell in those of earlier versions.
var completedLine = regexp.MustCompile(`(?i)^completed:?\s+(.+)$`)

// actionRow reads a row of an action.
func (wr *wordReader) actionRow(row []docCell, cols actionColumns, place string) {
	cell := func(col int) docCell {
		for _, c := range row {
			if col >= c.col && col < c.col+c.span {
				return c
			}
		}
		return docCell{}
	}
	text, done := wr.timescale(cell(cols.action), place)
	no := collapse(cell(cols.no).text())
	if m := actionPrefix.FindStringSubmatch(text); m != nil {
		no, text = m[1], text[len(m[0]):]
	} else if !strings.Contains(no, ".") {
		no = ""
	}
	if no == "" && text == "" {
		return
	}
	a := plan.Action{No: no, Text: text}
	a.Timescale, a.Completed = wr.timescale(cell(cols.timescale), place)
	if a.Completed.IsZero() {
		a.Completed = done
	}
	if !wr.addAction(a, cell(cols.leads).text(), place) || wr.point.Date.IsZero() {
		return
	}
	wr.addUpdate(no, wr.point.Date, points(cell(cols.update)), place, wr.rag(cell(cols.rag), no, place), place)
}

// timescale reads a Timescale or Action / Task cell: its text, and the
// date of a "Completed …" line.
func (wr *wordReader) timescale(c docCell, place string) (string, time.Time) {
	var lines []string
	var completed time.Time
	for _, p := range c.paras {
		line := collapse(p.text)
		if m := completedLine.FindStringSubmatch(line); m != nil {
			if d, err := schema.ParseDate(m[1], wr.opt.MonthFirst); err == nil {
				completed = d
				continue
			}
		}
		if line != "" {
			lines = append(lines, strings.TrimSpace(p.text))
		}
	}
	return schema.CleanText(strings.Join(lines, "\n")), completed
}

// bullet matches a bullet typed before a point.
var bullet = regexp.MustCompile(`^[\s•·▪◦‣\-–—*]+\s*`)

// points is an update cell's text: its points, list items, typed bullets
// or paragraphs, written so that they split back into the same points
// (report.JoinPoints): one to a line, and a lone point's ";" as "\;".
func points(c docCell) string {
	var lines []string
	for _, p := range c.paras {
		for _, line := range strings.Split(p.text, "\n") {
			if line = collapse(bullet.ReplaceAllString(line, "")); line != "" {
				lines = append(lines, line)
			}
		}
	}
	return report.JoinPoints(lines)
}

// rag reads a RAG cell: its letter or name, with any trend after it ("G ▲",
// "Green, better"); nothing for "Completed", which the report prints for a
// completed action; or else its fill colour.
func (wr *wordReader) rag(c docCell, no, place string) string {
	text := collapse(c.text())
	if fields := strings.Fields(text); len(fields) > 0 {
		// "G ▲", or the status in words as this project's reports give it:
		// "Green, better".
		name, _, _ := strings.Cut(text, ",")
		for _, s := range []string{fields[0], name, text} {
			if v, ok := wr.opt.Scale.Parse(s); ok {
				return v.Code
			}
		}
		if strings.EqualFold(text, report.CompletedStatus) || strings.EqualFold(text, report.NoRAGGiven) {
			return "" // a completed action, whose completed line says when; or none given
		}
	}
	for _, v := range wr.opt.Scale.Values {
		if c.fill != "" && strings.EqualFold(v.Colour.Hex(), c.fill) {
			if text != "" {
				wr.warn(place, "action %s's RAG %q is read from the cell's colour as %s", no, text, v.Code)
			}
			return v.Code
		}
	}
	return text
}

// maintenance reads the ongoing / maintenance table: its heading is the
// paragraph before it, its task column's heading may carry a note.
func (wr *wordReader) maintenance(t *docTable) {
	p := &wr.p
	p.MaintenanceTitle = collapse(t.before)
	if p.MaintenanceTitle == report.DefaultMaintenanceTitle {
		p.MaintenanceTitle = ""
	}
	if note, ok := strings.CutPrefix(collapse(t.rows[0][1].text()), report.DefaultMaintenanceColumn+" – "); ok {
		p.MaintenanceNote = note
	}
	for _, row := range t.rows[1:] {
		cells := rowTexts(row)
		if len(cells) == 3 && cells[1] != "" {
			p.Maintenance = append(p.Maintenance, plan.Task{No: collapse(cells[0]), Text: cells[1], Timescale: cells[2]})
		}
	}
}

// rowTexts is the text of each cell of a row.
func rowTexts(row []docCell) []string {
	texts := make([]string, len(row))
	for i, c := range row {
		texts[i] = schema.CleanText(c.text())
	}
	return texts
}

func hasFolded(texts []string, folded string) bool {
	for _, t := range texts {
		if schema.Fold(t) == folded {
			return true
		}
	}
	return false
}
