package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/round"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
)

// benchmarkProcess runs the planreport binary as a whole process, as a
// clerk does, and reports the largest resident memory of any run.
func benchmarkProcess(b *testing.B, args ...string) {
	b.Helper()
	bin := buildBinary(b)
	dir := b.TempDir()
	peak := int64(0)
	var out string
	for n := 0; b.Loop(); n++ {
		// A new folder each run, so that the files are really written (a
		// file that already holds the same report is left alone).
		out = filepath.Join(dir, strconv.Itoa(n))
		cmd := exec.Command(bin, append(args, "--out", out)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
		peak = max(peak, maxRSS(cmd.ProcessState))
	}
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != 1 {
		b.Fatalf("%d PDF files in %s, want one", len(pdfs), out)
	}
	info, err := os.Stat(pdfs[0])
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(info.Size())/1e6, "PDF-MB") // the README's size target
}

// BenchmarkProcessSample: target under 50 ms, three formats (README).
func BenchmarkProcessSample(b *testing.B) {
	benchmarkProcess(b, "generate", absSample(b))
}

// BenchmarkProcess10000: 10,000 actions, three formats; target under 1 s
// and 200 MB, and the PDF at most 1.3 times the untagged one's 10.1 MB
// (README).
func BenchmarkProcess10000(b *testing.B) {
	benchmarkProcess(b, "generate", writePlan(b, b.TempDir(), "large.xlsx", sample.Large(10000)))
}

// BenchmarkLibreOfficeSample is the comparison: the time LibreOffice takes
// to turn the sample's .docx into PDF, when it is installed.
func BenchmarkLibreOfficeSample(b *testing.B) {
	soffice := testtool.Need(b, "soffice")[0]
	dir := b.TempDir()
	if r := run([]string{"generate", absSample(b), "--format", "docx", "--out", dir}, io.Discard, io.Discard); r != 0 {
		b.Fatalf("generate: exit %d", r)
	}
	docx := filepath.Join(dir, sampleBase+".docx")
	profile := "-env:UserInstallation=file://" + filepath.Join(b.TempDir(), "profile")
	for b.Loop() {
		cmd := exec.Command(soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, sampleBase+".pdf")); err != nil {
		b.Fatalf("LibreOffice wrote no PDF: %v", err)
	}
}

// largeRound is sample.Large(n) with its actions spread over leads leads,
// every fifth co-led with the next lead, and an address for each lead.
func largeRound(n, leads int) *plan.Plan {
	p := sample.Large(n)
	p.Leads = nil
	p.LeadEmails = map[string][]string{}
	for i := range leads {
		name := "Strategic Lead " + strconv.Itoa(i+1) + ", Test Council Service"
		p.Leads = append(p.Leads, name)
		p.LeadEmails[name] = []string{"lead" + strconv.Itoa(i+1) + "@example.org"}
	}
	for i := range p.Actions {
		p.Actions[i].Leads = []string{p.Leads[i%leads]}
		if i%5 == 0 {
			p.Actions[i].Leads = append(p.Actions[i].Leads, p.Leads[(i+1)%leads])
		}
	}
	return p
}

// BenchmarkAsk1000: ask for a plan of 1,000 actions and 100 leads, every
// form written, as a whole process; target under 2 s (issue 20).
func BenchmarkAsk1000(b *testing.B) {
	bin := buildBinary(b)
	dir := b.TempDir()
	wb := writePlan(b, dir, "large.xlsx", largeRound(1000, 100))
	var out string
	for n := 0; b.Loop(); n++ {
		out = filepath.Join(dir, strconv.Itoa(n))
		cmd := exec.Command(bin, "ask", wb, "--by", "2021-03-20", "--out", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
	}
	forms, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(forms) != 100 {
		b.Fatalf("%d forms in %s, want 100", len(forms), out)
	}
}

// BenchmarkCollect1000: collect the 100 forms ask wrote for a plan of
// 1,000 actions and 100 leads, each lead's updates changed, into a new
// workbook, as a whole process (read every form, check, merge, write);
// target under 2 s (issue 20).
func BenchmarkCollect1000(b *testing.B) {
	bin := buildBinary(b)
	dir := b.TempDir()
	wb := writePlan(b, dir, "large.xlsx", largeRound(1000, 100))
	forms := filepath.Join(dir, "forms")
	if msg, err := exec.Command(bin, "ask", wb, "--by", "2021-03-20", "--out", forms).CombinedOutput(); err != nil {
		b.Fatalf("ask: %v\n%s", err, msg)
	}
	paths, _ := filepath.Glob(filepath.Join(forms, "*.xlsx"))
	for _, path := range paths { // each lead rewrites every update
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.GetRows(round.FormSheet)
		if err != nil {
			b.Fatal(err)
		}
		col := -1
		for r, row := range rows {
			if col < 0 {
				col = slices.Index(row, "Update")
				continue
			}
			if len(row) > 0 && row[0] != "" {
				cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
				if err := f.SetCellValue(round.FormSheet, cell, "Returned for "+row[0]+".\nNext steps agreed."); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := f.Save(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	for n := 0; b.Loop(); n++ {
		out := filepath.Join(dir, "collected-"+strconv.Itoa(n)+".xlsx")
		cmd := exec.Command(bin, "collect", wb, forms, "--out", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
	}
}
