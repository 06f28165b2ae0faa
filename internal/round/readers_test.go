package round

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/testtool"
)

// openpyxlScript prints what openpyxl reads of a form, as JSON.
const openpyxlScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
out = {
    "sheets": [[s.title, s.sheet_state] for s in wb.worksheets],
    "protected": bool(ws.protection.sheet),
    "password": ws.protection.password or "",
    "validations": [[dv.type, dv.formula1 or "", dv.formula2 or "", str(dv.sqref)] for dv in ws.data_validations.dataValidation],
    "rows": [[("" if c.value is None else str(c.value)) for c in row] for row in ws.iter_rows()],
    "unlocked": [c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked],
    "identity": [[("" if c.value is None else str(c.value)) for c in row] for row in wb[sys.argv[3]].iter_rows(max_col=3)],
}
json.dump(out, sys.stdout)
`

// TestFormOpenpyxl reads a form with openpyxl (Debian's python3-openpyxl),
// a reader that is not excelize: the values, the very hidden sheet, the
// protection, the drop-down list and the unlocked cells must all be there.
func TestFormOpenpyxl(t *testing.T) {
	const python = "/usr/bin/python3" // Debian's, with Debian's python3-openpyxl
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		testtool.Missing(t, "openpyxl", "apt-get install python3-openpyxl")
	}
	p := rolledPlan()
	a := coLed(t, p, yearTwo)
	lead := a.Leads[0]
	path := testtool.TempFile(t, "form.xlsx", writeForm(t, p, yearTwo, lead, FormOptions{ReturnBy: yearTwo.AddDate(0, 0, -14)}))
	out, err := exec.Command(python, "-c", openpyxlScript, path, FormSheet, IdentitySheet).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var got struct {
		Sheets      [][]string
		Protected   bool
		Password    string
		Validations [][]string
		Rows        [][]string
		Unlocked    []string
		Identity    [][]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if want := [][]string{{FormSheet, "visible"}, {IdentitySheet, "veryHidden"}}; fmt.Sprint(got.Sheets) != fmt.Sprint(want) {
		t.Errorf("sheets %q, want %q", got.Sheets, want)
	}
	if !got.Protected || got.Password != "" {
		t.Errorf("protected %v, password %q; want protected without one", got.Protected, got.Password)
	}
	hdr := slices.IndexFunc(got.Rows, func(r []string) bool { return slices.Equal(r, Headers) })
	if hdr < 0 {
		t.Fatalf("no header row in %q", got.Rows)
	}
	rows := Rows(p, yearTwo, lead)
	if len(got.Rows) != hdr+1+len(rows) {
		t.Fatalf("%d rows after the header, want %d", len(got.Rows)-hdr-1, len(rows))
	}
	var wantUnlocked []string
	for i, r := range rows {
		row := got.Rows[hdr+1+i]
		if row[0] != r.Action.No || row[1] != r.Action.Text || row[7] != r.Carried || row[8] != r.CarryRAG {
			t.Errorf("row %d reads %q; want %s, its text, update %q and RAG %s", hdr+2+i, row, r.Action.No, r.Carried, r.CarryRAG)
		}
		for _, c := range []string{"H", "I", "J"} {
			wantUnlocked = append(wantUnlocked, fmt.Sprintf("%s%d", c, hdr+2+i))
		}
	}
	if !slices.Equal(got.Unlocked, wantUnlocked) {
		t.Errorf("unlocked cells %q, want %q", got.Unlocked, wantUnlocked)
	}
	var list bool
	for _, dv := range got.Validations {
		list = list || dv[0] == "list" && dv[1] == `"R,Red,A,Amber,G,Green"`
	}
	if !list {
		t.Errorf("no RAG drop-down list in %q", got.Validations)
	}
	identity := map[string]string{}
	for _, r := range got.Identity {
		identity[r[0]] = r[1]
	}
	if identity[KeyLead] != lead || identity[KeyPlanID] != PlanID(p) || identity[KeyPoint] != "2020-07-31" {
		t.Errorf("identity %q", got.Identity)
	}
}

// TestFormLibreOffice converts a form with LibreOffice Calc to CSV, to show
// that it opens and shows its instructions and actions, and saves it as
// .xlsx, to show that what the form records survives that: the identity
// sheet, the protection, the drop-down list and the unlocked cells.
func TestFormLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "soffice")[0]
	p := rolledPlan()
	lead := coLed(t, p, yearTwo).Leads[0]
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "form.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, writeForm(t, p, yearTwo, lead, FormOptions{ReturnBy: yearTwo.AddDate(0, 0, -14)}), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,1", "xlsx:Calc MS Excel 2007 XML"} {
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", to, "--outdir", dir, in)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "form-"+FormSheet+".csv"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no CSV: %v", err)
	}
	for _, s := range []string{"Update form: " + p.Title, "For: " + lead, "by 17 July 2020", strings.Join(Headers, ",")} {
		if !strings.Contains(string(csv), s) {
			t.Errorf("LibreOffice's CSV does not show %q:\n%s", s, csv)
		}
	}
	for _, r := range Rows(p, yearTwo, lead) {
		if !strings.Contains(string(csv), "\n"+r.Action.No+",") {
			t.Errorf("LibreOffice's CSV has no row for %s:\n%s", r.Action.No, csv)
		}
	}

	f, err := excelize.OpenFile(filepath.Join(dir, "form.xlsx"))
	if err != nil {
		t.Fatalf("the form LibreOffice saved: %v", err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(IdentitySheet, "B6"); v != lead {
		t.Errorf("after LibreOffice saved it, %s!B6 = %q, want %q", IdentitySheet, v, lead)
	}
	if vis, _ := f.GetSheetVisible(IdentitySheet); vis {
		t.Errorf("after LibreOffice saved it, %s is visible", IdentitySheet)
	}
	dvs, _ := f.GetDataValidations(FormSheet)
	var list bool
	for _, dv := range dvs {
		list = list || dv.Type == "list" && strings.Contains(dv.Formula1, "Amber")
	}
	if !list {
		t.Errorf("after LibreOffice saved it, no RAG drop-down list: %+v", dvs)
	}
	rows, _ := f.GetRows(FormSheet)
	hdr := slices.IndexFunc(rows, func(r []string) bool { return slices.Equal(r, Headers) }) + 1
	if hdr == 0 {
		t.Fatal("after LibreOffice saved it, no header row")
	}
	for c := range Headers {
		name, _ := excelize.CoordinatesToCellName(c+1, hdr+1)
		id, _ := f.GetCellStyle(FormSheet, name)
		st, _ := f.GetStyle(id)
		locked := st == nil || st.Protection == nil || st.Protection.Locked
		if locked != (c < 7) {
			t.Errorf("after LibreOffice saved it, %s locked %v", name, locked)
		}
	}
}
