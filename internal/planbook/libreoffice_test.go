package planbook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
)

// allSheetsCSV is LibreOffice's CSV filter exporting every sheet, each to
// its own file (NAME-SHEET.csv), in UTF-8, cells as they are shown.
const allSheetsCSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,-1"

// TestOpensInLibreOffice converts workbooks Write, Roll and Merge wrote with
// LibreOffice Calc, the check that they are well-formed files another
// program accepts: every sheet must come out, showing what was written.
// LibreOffice exits with 0 even when it cannot convert a file, so the test
// looks for what it should have written.
func TestOpensInLibreOffice(t *testing.T) {
	soffice := libreOffice(t)
	dir := t.TempDir()
	rolled := inTempDir(t, writeBytes(t, testPlan()))
	if _, err := Roll(rolled, filepath.Join(dir, "rolled.xlsx"), year2Point, RollOptions{}); err != nil {
		t.Fatalf("Roll: %v", err)
	}
	returned := []Returned{{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: "Independent Chair of the CPC", ReturnedOn: collected}}
	if _, err := Merge(filepath.Join(dir, "rolled.xlsx"), filepath.Join(dir, "merged.xlsx"), year2, returned, MergeOptions{}); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "written.xlsx"), writeBytes(t, testPlan()), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "empty.xlsx"), writeBytes(t, &plan.Plan{Title: "New Plan", FirstPublished: published}), 0o644))
	tests := []struct {
		name  string
		shows map[string][]string // lines each sheet's CSV must hold
	}{
		{"written", map[string][]string{
			"Plan":    {"Title,CPC Improvement Plan 2018 – 2020", "First Published,03/10/2018"},
			"Reports": {"Date,Report", "31/07/2019,Year 1 Progress / Update Report"},
			"Updates": {"1.1,31/07/2019,Measures mapped; workshop planned for September 2019.,G,,"},
			"Actions": {`2.1,2,Extend the reach of the Mind Of My Own App.,"Chair of the CPC Practice Improvement Working Group` +
				"\n" + `Lead Nurse, Child Protection, NHS Tayside",By 31 March 2019 Ongoing 2019 / 2020,31/03/2019,03/10/2018,`},
		}},
		{"empty", map[string][]string{
			"Plan":    {"Title,New Plan", "First Published,03/10/2018"},
			"Updates": {"Action,Report Date,Progress / Update,RAG,Returned By,Returned On"},
			"Leads":   {"Lead,Email"},
		}},
		{"merged", map[string][]string{
			"Updates": {"1.1,31/07/2020,Agreed.,A,Independent Chair of the CPC,24/07/2020", "10.2,31/07/2020,Being monitored.,R,,"},
		}},
		{"rolled", map[string][]string{
			"Reports": {"31/07/2020,Year 2 Progress / Update Report"},
			"Updates": {"1.1,31/07/2020,Measures mapped; workshop planned for September 2019.,G,,", "10.2,31/07/2020,Being monitored.,R,,"},
		}},
	}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", allSheetsCSV, "--outdir", dir}
	for _, tt := range tests {
		args = append(args, filepath.Join(dir, tt.name+".xlsx"))
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := excelize.OpenFile(filepath.Join(dir, tt.name+".xlsx"))
			must(t, err)
			defer f.Close()
			for _, sheet := range f.GetSheetList() {
				csv, err := os.ReadFile(filepath.Join(dir, tt.name+"-"+sheet+".csv"))
				if err != nil || len(csv) == 0 {
					t.Errorf("LibreOffice wrote no CSV of the %s sheet: %v", sheet, err)
					continue
				}
				for _, line := range tt.shows[sheet] {
					if !strings.Contains(string(csv), line+"\n") {
						t.Errorf("the %s sheet's CSV has no line %q:\n%s", sheet, line, csv)
					}
				}
			}
		})
	}
}
