package planbook

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/workbook"
)

func TestWriteReadRoundTrip(t *testing.T) {
	want := testPlan()
	got, problems, err := readBytes(t, writeBytes(t, want), workbook.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(problems) > 0 {
		t.Fatalf("problems:\n%v", problems)
	}
	if !samePlan(got, want) {
		t.Errorf("round trip changed the plan:\n got %+v\nwant %+v", got, want)
	}
	if w := got.Distribution[0].Where; w != "Distribution!B2" {
		t.Errorf("the first recipient was read from %q, want Distribution!B2", w)
	}
}

// TestEmptyPlan writes the workbook `planreport init` starts from: a title
// and a publication date, nothing else. It reads back with one warning,
// that the plan has no actions yet.
func TestEmptyPlan(t *testing.T) {
	want := &plan.Plan{Title: "New Plan", FirstPublished: published}
	got, problems, err := readBytes(t, writeBytes(t, want), workbook.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(problems) != 1 || problems[0].Severity != workbook.Warning || !errors.Is(problems[0], workbook.ErrNoActions) || problems[0].Sheet != "Actions" {
		t.Errorf("problems %v, want one warning on the Actions sheet that there are no actions", problems)
	}
	if !samePlan(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestWrittenLayout checks what Write promises beyond the values: the
// sheets in order, frozen header rows, date cells, drop-down lists.
func TestWrittenLayout(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeBytes(t, testPlan())))
	must(t, err)
	defer f.Close()
	wantSheets := []string{"Instructions", "Plan", "Reports", "Outcomes", "Leads", "Actions", "Updates", "Maintenance", "Distribution"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, wantSheets) {
		t.Errorf("sheets = %v, want %v", got, wantSheets)
	}
	for _, sheet := range wantSheets {
		panes, err := f.GetPanes(sheet)
		must(t, err)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
	}
	if v, _ := f.GetCellValue("Actions", "F2"); v != "30/11/2019" {
		t.Errorf("Actions!F2 shows %q, want 30/11/2019", v)
	}
	if v, _ := f.GetCellValue("Actions", "D3"); v != "Chair of the CPC Practice Improvement Working Group\nLead Nurse, Child Protection, NHS Tayside" {
		t.Errorf("Actions!D3 = %q, want the two leads on two lines", v)
	}
	lists := map[string]string{}
	for _, sheet := range []string{"Actions", "Updates"} {
		dvs, err := f.GetDataValidations(sheet)
		must(t, err)
		for _, dv := range dvs {
			lists[sheet+"!"+strings.Fields(dv.Sqref)[0]] = dv.Formula1
		}
	}
	want := map[string]string{
		"Actions!D2:D1004": "Leads!$A$2:$A$1003",
		"Actions!B2:B1004": "Outcomes!$B$2:$B$1003",
		"Updates!D2:D1004": `"R,A,G"`,
		"Updates!B2:B1004": "Reports!$A$2:$A$1002",
	}
	if !reflect.DeepEqual(lists, want) {
		t.Errorf("drop-down lists = %v, want %v", lists, want)
	}
}

// TestWriteRoundColumns writes the leads' addresses and who returned which
// update, and reads them back; the Instructions sheet explains the three
// columns.
func TestWriteRoundColumns(t *testing.T) {
	want := testPlan()
	want.LeadEmails = map[string][]string{
		want.Leads[0]: {"chair@example.org"},
		want.Leads[2]: {"nurse@nhs.example", "cp.team@nhs.example"},
	}
	want.Updates[1].ReturnedBy = want.Leads[1]
	want.Updates[1].ReturnedOn = plan.Date(2019, time.July, 24)
	b := writeBytes(t, want)
	got, problems, err := readBytes(t, b, workbook.Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v\n%v", err, problems)
	}
	if !samePlan(got, want) {
		t.Errorf("round trip changed the plan:\n got %+v\nwant %+v", got, want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	must(t, err)
	defer f.Close()
	for cell, shows := range map[string]string{
		"Leads!B1": "Email", "Leads!B4": "nurse@nhs.example; cp.team@nhs.example", "Leads!B3": "",
		"Updates!E1": "Returned By", "Updates!F1": "Returned On", "Updates!F3": "24/07/2019", "Updates!F2": "",
	} {
		sheet, ref, _ := strings.Cut(cell, "!")
		if v, _ := f.GetCellValue(sheet, ref); v != shows {
			t.Errorf("%s shows %q, want %q", cell, v, shows)
		}
	}
	rows, err := f.GetRows("Instructions")
	must(t, err)
	explained := map[string]bool{}
	for _, r := range rows {
		if len(r) > 2 && strings.Contains(r[2], "planreport") {
			explained[r[1]] = true
		}
	}
	for _, col := range []string{"Email", "Returned By", "Returned On"} {
		if !explained[col] {
			t.Errorf("the Instructions sheet does not explain the %s column", col)
		}
	}
}
