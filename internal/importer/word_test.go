package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/testtool"
)

const coordinator = "CPC Inter-Agency Child Protection Coordinator"

// XML of a Word document's body, as Word writes it: text split into runs,
// merged (spanned) cells, soft line breaks, list numbering, non-breaking
// spaces, typed bullets, a RAG shown only by its cell's fill.
func run(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

func para(style string, runs ...string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + strings.Join(runs, "") + `</w:p>`
}

func listItem(text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` + run(text) + `</w:p>`
}

func cell(span int, fill string, paras ...string) string {
	pr := `<w:tcPr><w:tcW w:w="` + strconv.Itoa(1000*span) + `" w:type="dxa"/>`
	if span > 1 {
		pr += `<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`
	}
	if fill != "" {
		pr += `<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`
	}
	if len(paras) == 0 {
		paras = []string{para("")}
	}
	return `<w:tc>` + pr + `</w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func textCell(text string) string { return cell(1, "", para("", run(text))) }

func row(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

func table(cols int, rows ...string) string {
	grid := strings.Repeat(`<w:gridCol w:w="1000"/>`, cols)
	return `<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(1000*cols) + `" w:type="dxa"/></w:tblPr><w:tblGrid>` + grid + `</w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

// wordReport is a report laid out like the seed, written as Word does.
func wordReport() string {
	amber := rag.Default().Values[1].Colour.Hex()
	heading := "Year 1 Progress / Update Report @ 31 July 2019"
	return para("Title", run("CPC Improvement"), run(" Plan 2018 – 2020")) +
		para("Subtitle", run(heading)) +
		para("", run("First Published:\u00a03\u00a0October 2018")) +
		para("", run("Perth and Kinross "), run("Child Protection Committee")) +
		table(6,
			row(textCell("No"), textCell("Action / Task"), textCell("Strategic Lead"), textCell("Timescale"), textCell(heading), textCell("RAG")),
			row(cell(6, "DCE6F1", para("Heading1", run("What key outcomes have we achieved?")))),
			row(cell(6, "", para("Heading2", run("Outcome 1"), run(": Use of performance data")))),
			row(textCell("1"), textCell("1.1: Develop measures."),
				cell(1, "", para("", run(chair), `<w:r><w:br/></w:r>`, run(nurse))),
				textCell("By 30 November 2019"),
				cell(1, "", listItem("Measures mapped."), listItem("Workshop planned.")),
				cell(1, "00B050", para("", run("G")))),
			row(textCell(""), textCell("1.2: Embed the data set."), textCell(coordinator+" and "+chair), textCell("By 31 March 2020"),
				cell(1, "", para("", run("• Part of CPIP.")), para("", run("• Workshop planned."))),
				cell(1, amber)),
			row(cell(6, "", para("Heading2", run("Outcome 2: Children's views are sought.")))),
			row(textCell("2"), textCell("2.1: Extend the App."), textCell(nurse),
				cell(1, "", para("", run("By 31 October 2018")), para("", run("Completed 17 January 2019"))),
				cell(1, "", para("", run("App introduced.")), para("", run("ACTION COMPLETED."))),
				textCell("G")),
		) +
		para("Heading1", run("Ongoing / Maintenance Actions / Tasks 2018 – 2020")) +
		table(3,
			row(textCell("No"), textCell("Ongoing / Maintenance – Actions / Tasks – Monitor by CPC"), textCell("Timescale")),
			row(textCell("1"), textCell("Continue to improve."), textCell("Ongoing 2018 – 2020")),
		)
}

// cellsAt is where each text of an action in a row of a Word report's
// table was read from: the row.
func cellsAt(row string) plan.Cells { return plan.Cells{Text: row, Leads: row, Timescale: row} }

func wordReportPlan() *plan.Plan {
	theme := "What key outcomes have we achieved?"
	return &plan.Plan{
		Title: "CPC Improvement Plan 2018 – 2020", Organisation: "Perth and Kinross Child Protection Committee",
		FirstPublished: published,
		Reports:        []plan.ReportPoint{{Date: published, Name: "Publication Date"}, {Date: year1, Name: "Year 1 Progress / Update Report"}},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: theme, Description: "Use of performance data"},
			{Number: "2", Theme: theme, Description: "Children's views are sought."},
		},
		Leads: []string{chair, nurse, coordinator},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Text: "Develop measures.", Leads: []string{chair, nurse}, Timescale: "By 30 November 2019",
				Cells: cellsAt("table 1, row 4")},
			{No: "1.2", Outcome: "1", Text: "Embed the data set.", Leads: []string{coordinator, chair}, Timescale: "By 31 March 2020",
				Cells: cellsAt("table 1, row 5")},
			{No: "2.1", Outcome: "2", Text: "Extend the App.", Leads: []string{nurse}, Timescale: "By 31 October 2018",
				Completed: plan.Date(2019, time.January, 17), Cells: cellsAt("table 1, row 7")},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: year1, Text: "Measures mapped.\nWorkshop planned.", RAG: "G", Where: "table 1, row 4"},
			{Action: "1.2", Date: year1, Text: "Part of CPIP.\nWorkshop planned.", RAG: "A", Where: "table 1, row 5"},
			{Action: "2.1", Date: year1, Text: "App introduced.\nACTION COMPLETED.", RAG: "G", Where: "table 1, row 7"},
		},
		MaintenanceTitle: "Ongoing / Maintenance Actions / Tasks 2018 – 2020",
		MaintenanceNote:  "Monitor by CPC",
		Maintenance:      []plan.Task{{No: "1", Text: "Continue to improve.", Timescale: "Ongoing 2018 – 2020"}},
	}
}

func TestWordReport(t *testing.T) {
	for _, w := range []struct {
		name  string
		write func(t *testing.T, body string) string
	}{
		{"Word", writeDocx},
		{"LibreOffice", func(t *testing.T, body string) string { return libreOfficeDocx(t, writeDocx(t, body)) }},
	} {
		t.Run(w.name, func(t *testing.T) {
			p, problems, err := File(w.write(t, wordReport()), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if want := wordReportPlan(); !reflect.DeepEqual(p, want) {
				t.Errorf("plan:\n%+v\nwant:\n%+v", p, want)
			}
			want := []string{`table 1, row 5: "` + coordinator + ` and ` + chair + `" is taken as 2 leads: ` + coordinator + `; ` + chair}
			var got []string
			for _, pr := range problems {
				got = append(got, pr.Error())
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestWordCompletedUnderText reads a report laid out as planreport now
// writes it, a completed action's "Completed <date>" line under its text
// rather than in its Timescale cell, as the same plan.
func TestWordCompletedUnderText(t *testing.T) {
	body := wordReport()
	for _, r := range [][2]string{
		{textCell("2.1: Extend the App."), cell(1, "", para("", run("2.1: Extend the App.")), para("", run("Completed 17 January 2019")))},
		{cell(1, "", para("", run("By 31 October 2018")), para("", run("Completed 17 January 2019"))), textCell("By 31 October 2018")},
	} {
		if strings.Count(body, r[0]) != 1 {
			t.Fatalf("the report has not one %s", r[0])
		}
		body = strings.Replace(body, r[0], r[1], 1)
	}
	p, _, err := File(writeDocx(t, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := wordReportPlan(); !reflect.DeepEqual(p, want) {
		t.Errorf("plan:\n%+v\nwant:\n%+v", p, want)
	}
}

// TestWordReportBadInput checks that a document that is no plan's report,
// or cannot be read, gets one sentence.
func TestWordReportBadInput(t *testing.T) {
	dir := t.TempDir()
	ole := filepath.Join(dir, "protected.docx")
	must(t, os.WriteFile(ole, append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), 0o644))
	bomb := filepath.Join(dir, "bomb.docx")
	must(t, os.WriteFile(bomb, docxBytes(t, para("", run(strings.Repeat("x", 40<<20)))), 0o644))
	notZip := filepath.Join(dir, "damaged.docx")
	must(t, os.WriteFile(notZip, []byte("PK\x03\x04 truncated"), 0o644))
	badXML := filepath.Join(dir, "badxml.docx")
	must(t, os.WriteFile(badXML, docxBytes(t, "<w:p><w:r><w:t>unclosed"), 0o644))
	for _, tt := range []struct {
		path string
		err  error
		msg  string
	}{
		{writeDocx(t, para("", run("Minutes of the meeting."))), ErrNoTable, "has no table of actions"},
		{ole, ErrDamaged, "is password-protected or an old Word (.doc) document"},
		{bomb, ErrDamaged, "unpacks to more than a plan's report could"},
		{notZip, ErrDamaged, "cannot be unpacked"},
		{badXML, ErrDamaged, "is not well-formed XML"},
	} {
		_, _, err := File(tt.path, Options{})
		if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want %v saying %q", filepath.Base(tt.path), err, tt.err, tt.msg)
		}
	}
}

// The parts of a Word package besides the body: its styles (LibreOffice
// needs the headings defined to keep them in a table) and list numbering.
const (
	wordML        = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	wordStyles    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + wordML + `><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`
	wordNumbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ` + wordML + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	wordRels      = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`
	wordTypes     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`
)

// docxBytes is a Word package with the body.
func docxBytes(t *testing.T, body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", wordTypes},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", wordRels},
		{"word/styles.xml", wordStyles},
		{"word/numbering.xml", wordNumbering},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordML + `><w:body>` + body + `</w:body></w:document>`},
	} {
		w, err := zw.Create(part.name)
		must(t, err)
		_, err = w.Write([]byte(part.data))
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func writeDocx(t *testing.T, body string) string {
	path := filepath.Join(t.TempDir(), "report.docx")
	must(t, os.WriteFile(path, docxBytes(t, body), 0o644))
	return path
}

// libreOfficeDocx has LibreOffice Writer open the document and save it
// again as .docx, every part written its own way.
func libreOfficeDocx(t *testing.T, path string) string {
	return libreOfficeDocxs(t, []string{path})[0]
}

// libreOfficeDocxs is libreOfficeDocx of each document, in one run of
// LibreOffice; their names must differ.
func libreOfficeDocxs(t *testing.T, paths []string) []string {
	soffice := testtool.Need(t, "soffice")[0]
	dir := t.TempDir()
	cmd := exec.Command(soffice, append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", dir}, paths...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	outs := make([]string, len(paths))
	for i, path := range paths {
		outs[i] = filepath.Join(dir, filepath.Base(path))
		if _, err := os.Stat(outs[i]); err != nil {
			t.Fatalf("LibreOffice wrote no document: %v", err)
		}
	}
	return outs
}

// Parts of the small reports TestWordReportFidelity reads.
var (
	year1Heading  = "Year 1 Progress / Update Report @ 31 July 2019"
	summaryHeader = row(textCell("Date"), textCell("Progress / Update Report"), textCell("Total Actions / Tasks"),
		textCell("Total Actions / Tasks Completed"), textCell("Total Actions / Tasks Added"), textCell("Total Actions / Tasks Ongoing"))
)

// titleBlock is the seed's title block: the title, the report's heading,
// the First Published date, the organisation.
func titleBlock() string {
	return para("Title", run("CPC Improvement Plan 2018 – 2020")) + para("Subtitle", run(year1Heading)) +
		para("", run("First Published: 3 October 2018")) + para("", run("Perth and Kinross Child Protection Committee"))
}

// summaryOf is a summary table of the publication and Year 1, its Year 1
// row's counts as given: Total, Completed, Added, Ongoing; and a paragraph
// after it, which keeps it a table of its own.
func summaryOf(total, completed, added, ongoing string) string {
	return table(6, summaryHeader,
		row(textCell("03/10/2018"), textCell("Publication Date"), textCell("3"), textCell("0"), textCell("3"), textCell("3")),
		row(textCell("31/07/2019"), textCell("Year 1 Progress / Update Report"), textCell(total), textCell(completed), textCell(added), textCell(ongoing))) +
		para("", run("RAG Legend"))
}

// actionsOf is a table of actions under outcome 1, its update column
// headed as given.
func actionsOf(heading string, rows ...string) string {
	return table(6, append([]string{
		row(textCell("No"), textCell("Action / Task"), textCell("Strategic Lead"), textCell("Timescale"), textCell(heading), textCell("RAG")),
		row(cell(6, "", para("Heading2", run("Outcome 1: Children are safe.")))),
	}, rows...)...)
}

// actionOf is an action's row: its number and text, leads, timescale,
// update (a paragraph to a point) and RAG.
func actionOf(no, text, leads, timescale string, update ...string) string {
	var points []string
	for _, u := range update {
		points = append(points, para("", run(u)))
	}
	return row(textCell(""), textCell(no+": "+text), textCell(leads), textCell(timescale), cell(1, "", points...), textCell("G"))
}

// TestWordReportFidelity reads what a Word report says besides its table:
// each case a report, what the plan imported holds of it, and the problems.
func TestWordReportFidelity(t *testing.T) {
	type fields struct {
		Title, Organisation string
		FirstPublished      time.Time
		Reports             []plan.ReportPoint
	}
	front := func(p *plan.Plan) any { return fields{p.Title, p.Organisation, p.FirstPublished, p.Reports} }
	type action struct {
		No, Text         string
		Leads            []string
		Added, Completed time.Time
	}
	actions := func(p *plan.Plan) any {
		var as []action
		for _, a := range p.Actions {
			as = append(as, action{a.No, a.Text, a.Leads, a.Added, a.Completed})
		}
		return as
	}
	updates := func(p *plan.Plan) any { return p.Updates }
	reports := []plan.ReportPoint{{Date: published, Name: "Publication Date"}, {Date: year1, Name: "Year 1 Progress / Update Report"}}
	june := plan.Date(2019, time.June, 1)
	tests := []struct {
		name     string
		body     string
		got      func(*plan.Plan) any
		want     any
		problems []string
	}{
		{
			name: "completed at the report point",
			body: titleBlock() + actionsOf(year1Heading,
				actionOf("1.1", "Audit.", chair, "By 31 March 2019", "Audit done.", "ACTION COMPLETED."),
				actionOf("1.2", "Train.", chair, "By 31 March 2019", "Trained.", "Action / Task Complete"),
				actionOf("1.3", "Map.", chair, "By 31 March 2019", "Completed on 17 January 2019."),
				actionOf("1.4", "Review.", chair, "By 31 March 2020", "Mapping – Completed", "Completed the first draft", "Work in Progress / Ongoing.")),
			got: actions,
			want: []action{
				{"1.1", "Audit.", []string{chair}, time.Time{}, year1},
				{"1.2", "Train.", []string{chair}, time.Time{}, year1},
				{"1.3", "Map.", []string{chair}, time.Time{}, plan.Date(2019, time.January, 17)},
				{"1.4", "Review.", []string{chair}, time.Time{}, time.Time{}},
			},
			problems: []string{
				`table 1, row 3: action 1.1's update says "ACTION COMPLETED." but not when; the report point's date, 31/07/2019, is taken as its Completed date`,
				`table 1, row 4: action 1.2's update says "Action / Task Complete" but not when; the report point's date, 31/07/2019, is taken as its Completed date`,
				`table 1, row 5: action 1.3's update says "Completed on 17 January 2019."; 17/01/2019 is taken as its Completed date`,
			},
		},
		{
			name: "the title block past a leading heading",
			body: para("Heading1", run("Perth and Kinross Child Protection Committee")) +
				para("Title", run("CPC Improvement Plan 2018 – 2020")) + para("Subtitle", run(year1Heading)) +
				para("", run("First Published: 3 October 2018")) +
				para("Heading1", run("Summary")) + para("", run("What the committee has done.")) +
				actionsOf(year1Heading, actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun.")),
			got:  front,
			want: fields{"CPC Improvement Plan 2018 – 2020", "Perth and Kinross Child Protection Committee", published, reports},
		},
		{
			name: "the title styled as a heading ends at the next",
			body: para("Heading1", run("CPC Improvement Plan 2018 – 2020")) + para("Heading1", run("Summary")) +
				para("", run("Perth and Kinross Child Protection Committee")) +
				actionsOf(year1Heading, actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun.")),
			got:      front,
			want:     fields{"CPC Improvement Plan 2018 – 2020", "", year1, reports[1:]},
			problems: []string{"no First Published date; the earliest report point, 31/07/2019, is taken for it"},
		},
		{
			name: "a subtitle is not the organisation",
			body: para("Title", run("CPC Improvement Plan 2018 – 2020")) + para("Subtitle", run("Keeping children safe, together")) +
				para("", run("First Published: 3 October 2018")) + para("", run(year1Heading)) +
				actionsOf(year1Heading, actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun.")),
			got:      front,
			want:     fields{"CPC Improvement Plan 2018 – 2020", "", published, reports},
			problems: []string{`paragraph 2: "Keeping children safe, together" is not taken as the organisation, as it does not read like one's name; give the Organisation in the Plan sheet`},
		},
		{
			name: "an organisation by its name or its label",
			body: para("", run("Tayside Regional Improvement Collaborative")) + para("", run("Organisation: Tayside Collaborative")) +
				para("", run("CPC Improvement Plan 2018 – 2020")) + para("", run("NHS Tayside")) +
				para("", run("First Published: 3 October 2018")) + para("", run(year1Heading)) +
				actionsOf(year1Heading, actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun.")),
			got:  front,
			want: fields{"Tayside Regional Improvement Collaborative", "Tayside Collaborative", published, reports},
		},
		{
			name: "a dateless update column takes the summary's latest point",
			body: para("Title", run("CPC Improvement Plan 2018 – 2020")) + para("", run("First Published: 3 October 2018")) +
				summaryOf("1", "0", "0", "1") +
				actionsOf("Progress Update", actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun.", "Half done.")),
			got:      updates,
			want:     []plan.Update{{Action: "1.1", Date: year1, Text: "Begun.\nHalf done.", RAG: "G", Where: "table 2, row 3"}},
			problems: []string{`table 2, row 1: the update column's heading "Progress Update" has no date, nor has the report's; its updates are taken as of the summary table's latest report point, Year 1 Progress / Update Report on 31/07/2019`},
		},
		{
			name: "leads split at a slash between leads found elsewhere",
			body: titleBlock() + actionsOf(year1Heading,
				actionOf("1.1", "Audit.", chair+" / "+nurse, "By 31 March 2020", "Begun."),
				actionOf("1.2", "Train.", chair, "By 31 March 2020", "Begun."),
				actionOf("1.3", "Map.", nurse, "By 31 March 2020", "Begun."),
				actionOf("1.4", "Plan.", "Head of Service / Chief Social Work Officer", "By 31 March 2020", "Begun."),
				actionOf("1.5", "Review.", coordinator+"/"+chair+" / "+nurse, "By 31 March 2020", "Begun."),
				actionOf("1.6", "Agree.", coordinator, "By 31 March 2020", "Begun.")),
			got:  func(p *plan.Plan) any { return p.Leads },
			want: []string{chair, nurse, "Head of Service / Chief Social Work Officer", coordinator},
			problems: []string{
				`table 1, row 3: "` + chair + ` / ` + nurse + `" is taken as 2 leads: ` + chair + `; ` + nurse,
				`table 1, row 7: "` + coordinator + `/` + chair + ` / ` + nurse + `" is taken as 3 leads: ` + coordinator + `; ` + chair + `; ` + nurse,
			},
		},
		{
			name: "a note of when an action was added",
			body: titleBlock() + actionsOf(year1Heading,
				actionOf("1.1", "Audit the files (New Action / Task – Added 1 June 2019).", chair, "By 31 March 2020", "Begun."),
				actionOf("1.2", "Train the staff. (new action/task - added: 01/06/2019)", chair, "By 31 March 2020", "Begun."),
				actionOf("1.3", "(NEW ACTION – ADDED 1 JUNE 2019) Map the services.", chair, "By 31 March 2020", "Begun."),
				actionOf("1.4", "Review the plan (New Action / Task: Added soon).", chair, "By 31 March 2020", "Begun."),
				actionOf("1.5", "Agree the audit (added by the committee).", chair, "By 31 March 2020", "Begun.")),
			got: actions,
			want: []action{
				{"1.1", "Audit the files.", []string{chair}, june, time.Time{}},
				{"1.2", "Train the staff.", []string{chair}, june, time.Time{}},
				{"1.3", "Map the services.", []string{chair}, june, time.Time{}},
				{"1.4", "Review the plan (New Action / Task: Added soon).", []string{chair}, time.Time{}, time.Time{}},
				{"1.5", "Agree the audit (added by the committee).", []string{chair}, time.Time{}, time.Time{}},
			},
			problems: []string{`table 1, row 6: action 1.4's note "(New Action / Task: Added soon)" gives no date that can be read, so its Added date is left blank`},
		},
		{
			name: "the summary imported is the one printed",
			body: titleBlock() + summaryOf("4", "2", "1", "2") + actionsOf(year1Heading,
				actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun."),
				actionOf("1.2", "Train.", chair, "By 31 March 2019", "Trained.", "ACTION COMPLETED."),
				row(textCell(""), textCell("1.3: Map."), textCell(chair), cell(1, "", para("", run("By 31 March 2019")), para("", run("Completed 17 January 2019"))), textCell("Mapped."), textCell("G")),
				actionOf("1.4", "Review. (New Action / Task – Added 1 June 2019)", chair, "By 31 March 2020", "Begun.")),
			got:  func(p *plan.Plan) any { return summaryAt(t, p, year1) },
			want: report.SummaryRow{Date: year1, Name: "Year 1 Progress / Update Report", Total: 4, Completed: 2, Added: 1, Ongoing: 2},
			problems: []string{
				`table 2, row 4: action 1.2's update says "ACTION COMPLETED." but not when; the report point's date, 31/07/2019, is taken as its Completed date`,
			},
		},
		{
			name: "a summary imported otherwise says why",
			body: titleBlock() + summaryOf("5", "3", "2", "3") + actionsOf(year1Heading,
				actionOf("1.1", "Audit.", chair, "By 31 March 2020", "Begun."),
				actionOf("1.2", "Train.", chair, "By 31 March 2019", "Trained; done"),
				actionOf("1.3", "Review. (New Action / Task – Added 1 June 2019)", chair, "By 31 March 2020", "Begun.")),
			got:  func(p *plan.Plan) any { return summaryAt(t, p, year1) },
			want: report.SummaryRow{Date: year1, Name: "Year 1 Progress / Update Report", Total: 3, Completed: 0, Added: 1, Ongoing: 3},
			problems: []string{
				`table 1, row 3: the report's summary at 31/07/2019 gives Total 5, Completed 3, Added 2, Ongoing 3; the plan imported gives Total 3, Completed 0, Added 1, Ongoing 3, as its tables hold 3 actions, not 5; ` +
					`0 actions are marked completed by then (a "Completed <date>" line in the Timescale, or an update saying "ACTION COMPLETED"), not 3; give the Completed dates in the Actions sheet; ` +
					`1 action is marked added since the report point before (a note such as "(New Action / Task – Added 1 June 2022)" in the action's text), not 2; give the Added dates in the Actions sheet; ` +
					`its own Ongoing, 3, is not its Total less its Completed, 2`,
			},
		},
	}
	dir := t.TempDir()
	word := make([]string, len(tests))
	for i, tt := range tests {
		word[i] = filepath.Join(dir, strconv.Itoa(i)+".docx")
		must(t, os.WriteFile(word[i], docxBytes(t, tt.body), 0o644))
	}
	for _, w := range []struct {
		name  string
		paths func() []string
	}{
		{"Word", func() []string { return word }},
		{"LibreOffice", func() []string { return libreOfficeDocxs(t, word) }},
	} {
		t.Run(w.name, func(t *testing.T) {
			paths := w.paths()
			for i, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					p, problems, err := File(paths[i], Options{})
					if err != nil {
						t.Fatal(err)
					}
					if got := tt.got(p); !reflect.DeepEqual(got, tt.want) {
						t.Errorf("got:\n%+v\nwant:\n%+v", got, tt.want)
					}
					var got []string
					for _, pr := range problems {
						got = append(got, pr.Error())
					}
					if !reflect.DeepEqual(got, tt.problems) {
						t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
					}
				})
			}
		})
	}
}

// summaryAt is the last row of the summary of the report of p at day d.
func summaryAt(t *testing.T, p *plan.Plan, d time.Time) report.SummaryRow {
	r, err := report.Build(p, d, report.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatal(err)
	}
	return r.Summary[len(r.Summary)-1]
}

// TestWordRAG checks how a RAG cell is read: by its letter or name, with a
// trend after it as this project's reports print it, by its fill when its
// text is not of the scale, and as no RAG when it says the action is
// completed; only a fill read past a text is warned of.
func TestWordRAG(t *testing.T) {
	green := rag.Default().Values[2].Colour.Hex()
	tests := []struct {
		text, fill, want string
		warned           bool
	}{
		{"G", green, "G", false},
		{"G ▲", green, "G", false},
		{"Green, better", green, "G", false},
		{"Amber, new", "", "A", false},
		{"Completed", "0070C0", "", false},
		{"No RAG given", "", "", false},
		{"", green, "G", false},
		{"Done", green, "G", true},
		{"Purple", "", "Purple", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			wr := &wordReader{builder: newBuilder(Options{Scale: rag.Default()})}
			c := docCell{paras: []docPara{{text: tt.text}}, fill: tt.fill}
			if got := wr.rag(c, "1.1", "table 1, row 2"); got != tt.want || (len(wr.problems) > 0) != tt.warned {
				t.Errorf("rag(%q on %q) = %q with problems %v; want %q, warned %v", tt.text, tt.fill, got, wr.problems, tt.want, tt.warned)
			}
		})
	}
}
