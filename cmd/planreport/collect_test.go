package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/round"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// collectForm writes lead's form for plan p at its latest point as the
// contract lays it out, with the Update cells of the actions in updates
// filled in, and returns its path in dir.
func collectForm(t *testing.T, dir string, p *plan.Plan, lead string, updates map[string]string) string {
	t.Helper()
	point, _ := p.Latest()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) { t.Helper(); plantest.Must(t, err) }
	must(f.SetSheetName("Sheet1", round.FormSheet))
	_, err := f.NewSheet(round.IdentitySheet)
	must(err)
	set := func(sheet string, col, row int, v any) {
		t.Helper()
		must(f.SetCellValue(sheet, xlsx.CellName(col, row), v))
	}
	set(round.FormSheet, 1, 1, "Update form: "+p.Title)
	for i, h := range round.Headers {
		set(round.FormSheet, i+1, 3, h)
	}
	sum := sha256.Sum256([]byte(p.Title + "\n" + p.FirstPublished.Format("2006-01-02")))
	for i, kv := range [][2]string{{round.KeyVersion, round.FormVersion}, {round.KeyPlan, p.Title}, {round.KeyPlanID, hex.EncodeToString(sum[:])[:16]},
		{round.KeyPoint, point.Date.Format("2006-01-02")}, {round.KeyPointName, point.Name}, {round.KeyLead, lead}} {
		set(round.IdentitySheet, 1, i+1, kv[0])
		set(round.IdentitySheet, 2, i+1, kv[1])
	}
	row := 4
	for _, a := range p.Actions {
		if !a.Open(point.Date) || a.Added.After(point.Date) || !strings.Contains(strings.Join(a.Leads, "\n"), lead) {
			continue
		}
		var sent plan.Update
		for _, u := range p.Updates {
			if u.Action == a.No && u.Date.Equal(point.Date) {
				sent = u
			}
		}
		text := sent.Text
		if u, ok := updates[a.No]; ok {
			text = u
		}
		for c, v := range []string{a.No, a.Text, "", a.Timescale, "", sent.Text, sent.RAG, text, sent.RAG} {
			set(round.FormSheet, c+1, row, v)
		}
		set(round.IdentitySheet, 1, round.SentFirstRow+row-4, a.No)
		set(round.IdentitySheet, 2, round.SentFirstRow+row-4, sent.Text)
		set(round.IdentitySheet, 3, round.SentFirstRow+row-4, sent.RAG)
		row++
	}
	must(f.SetSheetVisible(round.IdentitySheet, false, true))
	path := filepath.Join(dir, strings.ReplaceAll(strings.Fields(lead)[0], ",", "")+".xlsx")
	must(f.SaveAs(path))
	return path
}

// TestCollectRefuses: a form that cannot be collected is one sentence
// naming it, exit 1, and the plan unchanged, with nothing written.
func TestCollectRefuses(t *testing.T) {
	dir := inTempDir(t)
	p := plantest.Plan()
	wb := writePlan(t, dir, "plan.xlsx", p)
	before, _ := os.ReadFile(wb)
	good := collectForm(t, dir, p, "Independent Chair of the CPC", map[string]string{"1.1": "Done."})
	other := plantest.Plan()
	other.Title = "Another Plan"
	forms := t.TempDir()
	write := func(name string, b []byte) string {
		path := filepath.Join(forms, name)
		plantest.Must(t, os.WriteFile(path, b, 0o644))
		return path
	}
	goodBytes, _ := os.ReadFile(good)
	tests := []struct {
		name, form, says string
	}{
		{"not a form", wb, "is not an update form"},
		{"damaged", write("damaged.xlsx", goodBytes[:len(goodBytes)/2]), "damaged"},
		{"password", write("locked.xlsx", plantest.Encrypted(t, goodBytes, "pw")), "protected by a password"},
		{"header deleted", write("noheader.xlsx", plantest.Edit(t, goodBytes, func(f *excelize.File) { plantest.Must(t, f.RemoveRow(round.FormSheet, 3)) })), "has no header row"},
		{"empty", write("empty.xlsx", plantest.Edit(t, goodBytes, func(f *excelize.File) {
			plantest.Must(t, f.RemoveRow(round.FormSheet, 4))
			plantest.Must(t, f.RemoveRow(round.FormSheet, 4))
		})), "has no action rows"},
		{"other plan", collectForm(t, forms, other, "Lead Nurse", nil), `is a form for the plan "Another Plan"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := planreport(t, "collect", wb, good, tt.form, "--out", "out.xlsx")
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], tt.form) || !strings.Contains(lines[0], tt.says) ||
				lines[1] != "nothing collected: "+wb+" is unchanged" {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1, one sentence naming %s and saying %q", r.code, r.stderr, tt.form, tt.says)
			}
			if after, _ := os.ReadFile(wb); !bytes.Equal(before, after) {
				t.Error("the workbook changed")
			}
			if _, err := os.Stat(filepath.Join(dir, "out.xlsx")); err == nil {
				t.Error("out.xlsx written")
			}
		})
	}
}

// TestCollectDryRun prints what would be collected, the problems and who
// has returned, and writes nothing.
func TestCollectDryRun(t *testing.T) {
	dir := inTempDir(t)
	p := plantest.Plan()
	wb := writePlan(t, dir, "plan.xlsx", p)
	form := collectForm(t, dir, p, "Independent Chair of the CPC", map[string]string{"1.1": "Workshop held."})
	b, _ := os.ReadFile(form)
	plantest.Must(t, os.WriteFile(form, plantest.Edit(t, b, func(f *excelize.File) {
		plantest.Must(t, f.SetCellValue(round.FormSheet, "I5", "Purple"))
	}), 0o644))
	r := planreport(t, "collect", wb, form, "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	wantOut := "1.1 (Independent Chair of the CPC): \"Workshop held.\" G\n10.2 (Independent Chair of the CPC): \"Being monitored.\"\n"
	wantErr := form + `: Update form!I5: "Purple" is not a RAG value; use one of R, A or G` + "\n" +
		"Year 1 Progress / Update Report (31/07/2019):\n" +
		"  Independent Chair of the CPC: returned\n" +
		"  Chair of the CPC Practice Improvement Working Group: not returned\n" +
		"  Lead Nurse, Child Protection, NHS Tayside: not returned\n" +
		"still awaiting an update: 2.1\n"
	if r.stdout != wantOut || r.stderr != wantErr {
		t.Errorf("stdout:\n%s\nwant\n%s\nstderr:\n%s\nwant\n%s", r.stdout, wantOut, r.stderr, wantErr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files written: %v", entries)
	}
}

// TestCollectCommand collects forms into the workbook, which validate
// then reads with the returned updates; collecting again changes nothing.
// It needs planbook.Merge (the round-book branch).
func TestCollectCommand(t *testing.T) {
	dir := inTempDir(t)
	p := plantest.Plan()
	wb := writePlan(t, dir, "plan.xlsx", p)
	chair := collectForm(t, dir, p, "Independent Chair of the CPC", map[string]string{"1.1": "Workshop held.\nMeasures agreed."})
	r := planreport(t, "collect", wb, chair, "--in-place")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, problems, err := workbook.ReadFile(wb, workbook.Options{})
	if err != nil || problems.HasErrors() {
		t.Fatalf("validate: %v %v", err, problems)
	}
	for _, u := range got.Updates {
		if u.Action == "1.1" && u.Date.Equal(plantest.Year1) &&
			(u.Text != "Workshop held.\nMeasures agreed." || u.ReturnedBy != "Independent Chair of the CPC" || u.ReturnedOn.IsZero()) {
			t.Errorf("update 1.1: %+v", u)
		}
	}
	once, _ := os.ReadFile(wb)
	if r := planreport(t, "collect", wb, chair, "--in-place"); r.code != 0 {
		t.Fatalf("again: exit %d: %s", r.code, r.stderr)
	}
	if twice, _ := os.ReadFile(wb); !bytes.Equal(once, twice) {
		t.Error("collecting the same form again changed the workbook")
	}
}

// TestUpdateRoundEndToEnd runs the round as the coordinator does: roll,
// ask --drafts, the leads fill their forms in other programs (openpyxl,
// LibreOffice), collect, validate, generate; one lead's form stays out,
// and chase --drafts writes exactly that lead's reminder.
func TestUpdateRoundEndToEnd(t *testing.T) {
	if r := planreport(t, "ask", "--help"); r.code != 0 || !strings.Contains(r.stdout, "ask") {
		t.Fatal("ask not built yet: this test runs once the round-ask branch is merged")
	}
	if r := planreport(t, "chase", "--help"); r.code != 0 {
		t.Fatal("chase not built yet: this test runs once the round-ask branch is merged")
	}
	dir := inTempDir(t)
	t.Setenv("PLANREPORT_MAIL_FROM", "coordinator@example.org") // the drafts' sender
	p := plantest.Plan()
	p.LeadEmails = map[string][]string{}
	for i, l := range p.Leads {
		p.LeadEmails[l] = []string{"lead" + string(rune('a'+i)) + "@example.org"}
	}
	wb := writePlan(t, dir, "plan.xlsx", p)
	run := func(args ...string) result {
		t.Helper()
		r := planreport(t, args...)
		if r.code != 0 {
			t.Fatalf("planreport %v: exit %d\n%s", args, r.code, r.stderr)
		}
		return r
	}
	run("roll", wb, "--date", "31/07/2020", "--name", "Year 2 Progress / Update Report", "--in-place")
	forms := filepath.Join(dir, "forms")
	run("ask", wb, "--out", forms, "--drafts", "--by", "14/08/2020")
	find := func(lead string) string {
		t.Helper()
		matches, _ := filepath.Glob(filepath.Join(forms, "*"+lead+"*.xlsx"))
		if len(matches) != 1 {
			t.Fatalf("the form of %s: %v", lead, matches)
		}
		return matches[0]
	}
	// The chair (1.1, 10.2) fills in with openpyxl, completing 10.2;
	// the nurse (2.1) saves hers with LibreOffice; the working group's
	// chair does not return.
	chairForm, nurseForm := find("independent-chair"), find("lead-nurse")
	filledChair := filepath.Join(dir, "chair-filled.xlsx")
	script := `
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["` + round.FormSheet + `"]
for row in ws.iter_rows():
    vals = [c.value for c in row]
    if "No" in vals and "Update" in vals:
        h = {v: c.column for v, c in zip(vals, row) if v}; hr = row[0].row; break
for r in range(hr + 1, ws.max_row + 1):
    no = str(ws.cell(r, h["No"]).value)
    if no == "1.1":
        ws.cell(r, h["Update"]).value = "Qualitative measures agreed.\nFirst results in the autumn."
        ws.cell(r, h["RAG"]).value = "A"
    if no == "10.2":
        ws.cell(r, h["Update"]).value = "ACTION COMPLETED: quality audit in place."
        ws.cell(r, h["RAG"]).value = "G"
        ws.cell(r, h["Completed"]).value = datetime.datetime(2020, 6, 30)
wb.save(sys.argv[2])
`
	if out, err := exec.Command("/usr/bin/python3", "-c", script, chairForm, filledChair).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	nurseDir := filepath.Join(dir, "nurse")
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	if out, err := exec.Command(plantest.LibreOffice(t), "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
		"--outdir", nurseDir, nurseForm).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	r := run("collect", wb, filledChair, filepath.Join(nurseDir, filepath.Base(nurseForm)), "--in-place")
	if !strings.Contains(r.stderr, "Chair of the CPC Practice Improvement Working Group: not returned") {
		t.Errorf("collect's status:\n%s", r.stderr)
	}
	run("validate", wb)
	out := filepath.Join(dir, "out")
	run("generate", wb, "--out", out, "--format", "html")
	html, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(html) != 1 {
		t.Fatalf("report: %v", html)
	}
	page, _ := os.ReadFile(html[0])
	for _, want := range []string{"Qualitative measures agreed.", "First results in the autumn.", "ACTION COMPLETED: quality audit in place."} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the report lacks the returned update %q", want)
		}
	}
	got, _, err := workbook.ReadFile(wb, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got.Actions {
		if a.No == "10.2" && !a.Completed.Equal(plan.Date(2020, time.June, 30)) {
			t.Errorf("10.2's completion not collected: %v", a.Completed)
		}
	}
	// The report at the point: 1.1 rated as returned, and 10.2 counted
	// as completed in the summary, once more than before the round.
	point := plan.Date(2020, time.July, 31)
	rep, err := report.Build(got, point, report.Options{Scale: rag.Default(), Sections: report.Sections{Chart: true}})
	if err != nil {
		t.Fatal(err)
	}
	before, err := report.Build(p, point.AddDate(-1, 0, 0), report.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Summary[len(rep.Summary)-1]
	if prev := before.Summary[len(before.Summary)-1]; last.Completed != prev.Completed+1 {
		t.Errorf("summary at the point: %d completed, want %d (10.2 returned as completed)", last.Completed, prev.Completed+1)
	}
	for _, th := range rep.Themes {
		for _, o := range th.Outcomes {
			for _, a := range o.Actions {
				if a.No == "1.1" && (a.RAG == nil || a.RAG.Code != "A") {
					t.Errorf("1.1's returned RAG is not in the report: %v", a.RAG)
				}
			}
		}
	}
	if !strings.Contains(string(page), ">A<") && !strings.Contains(string(page), "Amber") {
		t.Error("the web page shows no Amber RAG, which 1.1 was returned with")
	}
	drafts := filepath.Join(dir, "reminders")
	run("chase", wb, "--out", drafts, "--drafts")
	emls, _ := filepath.Glob(filepath.Join(drafts, "*.eml"))
	if len(emls) != 1 {
		t.Fatalf("reminders: %v, want one", emls)
	}
	eml, _ := os.ReadFile(emls[0])
	if !strings.Contains(string(eml), "leadb@example.org") {
		t.Errorf("the reminder is not to the working group's chair:\n%.400s", eml)
	}
}

// TestCollectFolder: a folder named as FORM stands for the forms in it,
// but Excel's lock files.
func TestCollectFolder(t *testing.T) {
	dir := inTempDir(t)
	p := plantest.Plan()
	wb := writePlan(t, dir, "plan.xlsx", p)
	forms := filepath.Join(dir, "forms")
	plantest.Must(t, os.Mkdir(forms, 0o755))
	collectForm(t, forms, p, "Independent Chair of the CPC", map[string]string{"1.1": "Workshop held."})
	collectForm(t, forms, p, "Lead Nurse, Child Protection, NHS Tayside", map[string]string{"2.1": "Nurses trained."})
	plantest.Must(t, os.WriteFile(filepath.Join(forms, "~$Lead.xlsx"), []byte("lock"), 0o644))
	r := planreport(t, "collect", wb, forms, "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, `1.1 (Independent Chair of the CPC): "Workshop held."`) ||
		!strings.Contains(r.stdout, `2.1 (Lead Nurse, Child Protection, NHS Tayside): "Nurses trained."`) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
