package generate

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/planreport/planreport/internal/importer"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/workbook"
)

// prose is officer's prose of about n characters: sentences with
// semicolons inside them, each with a numbered word found nowhere else.
func prose(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "Milestone m%05d reached by the working group; findings agreed with partners and reported to the Committee. ", i)
	}
	return strings.TrimSpace(b.String()[:n])
}

// list is a bulleted list of n lines, as pasted from a document.
func list(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("Briefing b%03d held for staff in area a%03d; attendance recorded", i+1, i+1)
	}
	return strings.Join(lines, "\n")
}

// TestLongUpdates takes an update as long as officers write them through
// the whole path: written to a workbook, read back, rolled forward to the
// next report point and read again, the report at that point generated in
// every format, and the Word report imported and written as a workbook
// again. Every word of the update must be in each, in order.
func TestLongUpdates(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"30,000 characters of prose with semicolons", prose(30000)},
		{"a list of 40 lines", list(40)},
		{"the longest text a cell holds", prose(excelize.TotalCellChars)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := sample.Plan()
			latest, _ := p.Latest()
			no := setOpenUpdate(t, p, latest.Date, tt.text)
			path := writeWorkbook(t, dir, p)
			if got := updateText(t, path, no, latest.Date); got != tt.text {
				t.Fatalf("the workbook gives back an update of %d characters, want %d", len(got), len(tt.text))
			}

			next := plan.ReportPoint{Date: latest.Date.AddDate(1, 0, 0), Name: "Year 2 Progress / Update Report"}
			res, err := planbook.Roll(path, "", next, planbook.RollOptions{})
			if err != nil {
				t.Fatalf("Roll: %v", err)
			}
			if got := updateText(t, res.Dst, no, next.Date); got != tt.text {
				t.Fatalf("the rolled workbook carries an update of %d characters, want %d", len(got), len(tt.text))
			}

			run, err := Run(context.Background(), job(res.Dst, filepath.Join(dir, "reports")))
			if err != nil {
				t.Fatalf("generate: %v\n%v", err, run.Problems)
			}
			want := words(tt.text)
			outputs := map[string]string{}
			for _, f := range run.Files {
				switch filepath.Ext(f) {
				case ".pdf":
					testtool.Need(t, "pdftotext")
					outputs["the PDF"] = strings.Join(testtool.PDFPages(t, f), " ")
				case ".docx":
					outputs["the Word report"] = docxText(t, f)
				case ".html":
					outputs["the web page"] = htmlText(t, f)
				}
			}
			if len(outputs) != 3 {
				t.Fatalf("generate wrote %v, want a PDF, a Word report and a web page", run.Files)
			}
			for what, text := range outputs {
				checkWords(t, what, want, text)
			}

			// The Word report back in as a workbook.
			var docx string
			for _, f := range run.Files {
				if filepath.Ext(f) == ".docx" {
					docx = f
				}
			}
			imported, _, err := importer.File(docx, importer.Options{})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			back := filepath.Join(t.TempDir(), "back")
			must(t, os.MkdirAll(back, 0o755))
			got := updateText(t, writeWorkbook(t, back, imported), no, next.Date)
			checkWords(t, "the workbook imported from the Word report", want, got)
		})
	}
}

// setOpenUpdate gives the first action open at d with an update there
// that text; it returns the action's number.
func setOpenUpdate(t *testing.T, p *plan.Plan, d time.Time, text string) string {
	t.Helper()
	for _, a := range p.Actions {
		if !a.Open(d) {
			continue
		}
		for i, u := range p.Updates {
			if u.Action == a.No && u.Date.Equal(d) {
				p.Updates[i].Text = text
				return a.No
			}
		}
	}
	t.Fatalf("the plan has no open action with an update on %v", d)
	return ""
}

// updateText reads the workbook at path, which must have no errors, and
// returns action no's update on day d.
func updateText(t *testing.T, path, no string, d time.Time) string {
	t.Helper()
	p, problems, err := workbook.ReadFile(path, workbook.Options{})
	if err != nil || problems.HasErrors() {
		t.Fatalf("reading %s: %v\n%v", filepath.Base(path), err, problems.Errors())
	}
	for _, u := range p.Updates {
		if u.Action == no && u.Date.Equal(d) {
			return u.Text
		}
	}
	t.Fatalf("%s has no update of action %s on %v", filepath.Base(path), no, d)
	return ""
}

// words splits text into its words: runs of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// checkWords checks that every word of want is in text, in order.
func checkWords(t *testing.T, what string, want []string, text string) {
	t.Helper()
	got := words(text)
	j := 0
	for i, w := range want {
		for j < len(got) && got[j] != w {
			j++
		}
		if j == len(got) {
			t.Errorf("%s lacks word %d of %d of the update, %q (after %q)", what, i+1, len(want), w, strings.Join(want[max(0, i-5):i], " "))
			return
		}
		j++
	}
}

// docxText is the text of a Word report's document.xml: each paragraph's
// runs, paragraphs and breaks apart.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		must(t, err)
		defer rc.Close()
		var b strings.Builder
		dec := xml.NewDecoder(rc)
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				return b.String()
			}
			must(t, err)
			switch tok := tok.(type) {
			case xml.StartElement:
				inText = tok.Name.Local == "t"
				if tok.Name.Local == "br" || tok.Name.Local == "tab" {
					b.WriteByte(' ')
				}
			case xml.EndElement:
				inText = false
				if tok.Name.Local == "p" {
					b.WriteByte(' ')
				}
			case xml.CharData:
				if inText {
					b.Write(tok)
				}
			}
		}
	}
	t.Fatalf("%s has no word/document.xml", path)
	return ""
}

// htmlText is the text of a web page, but for its styles and scripts.
func htmlText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	doc, err := html.Parse(bytes.NewReader(b))
	must(t, err)
	var text strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && n.Parent != nil && n.Parent.Data != "style" && n.Parent.Data != "script" {
			text.WriteString(n.Data)
			text.WriteByte(' ')
		}
	}
	return text.String()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
