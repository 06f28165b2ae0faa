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
			{No: "1.1", Outcome: "1", Text: "Develop measures.", Leads: []string{chair, nurse}, Timescale: "By 30 November 2019"},
			{No: "1.2", Outcome: "1", Text: "Embed the data set.", Leads: []string{coordinator, chair}, Timescale: "By 31 March 2020"},
			{No: "2.1", Outcome: "2", Text: "Extend the App.", Leads: []string{nurse}, Timescale: "By 31 October 2018",
				Completed: plan.Date(2019, time.January, 17)},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: year1, Text: "Measures mapped.\nWorkshop planned.", RAG: "G"},
			{Action: "1.2", Date: year1, Text: "Part of CPIP.\nWorkshop planned.", RAG: "A"},
			{Action: "2.1", Date: year1, Text: "App introduced.\nACTION COMPLETED.", RAG: "G"},
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
	soffice := testtool.Need(t, "soffice")[0]
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	out := filepath.Join(dir, filepath.Base(path))
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("LibreOffice wrote no document: %v", err)
	}
	return out
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
