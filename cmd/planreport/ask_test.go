package main

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/round"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/send"
	"github.com/planreport/planreport/internal/testtool"
)

var yearTwoPoint = plan.ReportPoint{Date: plan.Date(2020, time.July, 31), Name: "Year 2 Progress / Update Report"}

// roundPlan is the sample plan rolled to a second point, every lead but
// the last with an address.
func roundPlan() *plan.Plan {
	p := sample.Plan()
	year1 := p.Reports[1].Date
	p.Reports = append(p.Reports, yearTwoPoint)
	for _, a := range p.Actions {
		for _, u := range p.Updates {
			if a.Open(yearTwoPoint.Date) && u.Action == a.No && u.Date.Equal(year1) {
				p.Updates = append(p.Updates, plan.Update{Action: a.No, Date: yearTwoPoint.Date, Text: u.Text, RAG: u.RAG})
			}
		}
	}
	p.LeadEmails = map[string][]string{}
	leads := round.Leads(p, yearTwoPoint.Date)
	for i, l := range leads[:len(leads)-1] {
		p.LeadEmails[l] = []string{"lead" + string(rune('a'+i)) + "@example.org"}
	}
	return p
}

// runRoundJob runs ask (or chase) on p with the options of rj.
func runRoundJob(t *testing.T, p *plan.Plan, rj roundJob) (string, error) {
	t.Helper()
	var out strings.Builder
	if rj.workbook == "" {
		rj.workbook = filepath.Join(t.TempDir(), "plan.xlsx")
	}
	rj.from = "Coordinator <coordinator@example.org>"
	rj.today = plan.Date(2020, time.July, 1)
	err := rj.run(context.Background(), p, &out, io.Discard)
	return out.String(), err
}

// emlFiles lists the .eml files of dir, sorted.
func emlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, f := range files(t, dir) {
		if strings.HasSuffix(f, ".eml") {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	return names
}

func TestAskDrafts(t *testing.T) {
	python := testtool.Need(t, "python3")[0]
	p := roundPlan()
	out := t.TempDir()
	by := plan.Date(2020, time.July, 17)
	stdout, err := runRoundJob(t, p, roundJob{out: out, drafts: true, returnBy: by})
	if err != nil {
		t.Fatalf("ask --drafts: %v", err)
	}
	leads := round.Leads(p, yearTwoPoint.Date)
	noAddress := leads[len(leads)-1]
	var wantDrafts []string
	for _, l := range leads {
		form := filepath.Join(out, round.FileName("plan", yearTwoPoint.Date, l))
		if _, err := os.Stat(form); err != nil {
			t.Errorf("no form for %s: %v", l, err)
		}
		if l != noAddress {
			wantDrafts = append(wantDrafts, strings.TrimSuffix(filepath.Base(form), ".xlsx")+".eml")
		}
	}
	sort.Strings(wantDrafts)
	if got := emlFiles(t, out); !slices.Equal(got, wantDrafts) {
		t.Fatalf("drafts %q\nwant %q", got, wantDrafts)
	}
	if !strings.Contains(stdout, noAddress+": ") || !strings.Contains(stdout, "no email address: forward the form by hand") {
		t.Errorf("the lead with no address is not listed as such:\n%s", stdout)
	}
	for _, l := range leads[:len(leads)-1] {
		form := round.FileName("plan", yearTwoPoint.Date, l)
		path := filepath.Join(out, strings.TrimSuffix(form, ".xlsx")+".eml")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(f)
		if err != nil {
			t.Fatalf("%s: net/mail: %v", path, err)
		}
		to, _ := msg.Header.AddressList("To")
		if len(to) != 1 || to[0].Address != p.LeadEmails[l][0] || msg.Header.Get("X-Unsent") != "1" {
			t.Errorf("%s: To %v, X-Unsent %q; want %s, 1", path, to, msg.Header.Get("X-Unsent"), p.LeadEmails[l][0])
		}
		body, _ := io.ReadAll(msg.Body)
		f.Close()
		for _, r := range round.Rows(p, yearTwoPoint.Date, l) {
			if !strings.Contains(string(body), "  "+r.Action.No+" ") {
				t.Errorf("%s does not name action %s", path, r.Action.No)
			}
		}
		if !strings.Contains(string(body), "17 July 2020") {
			t.Errorf("%s does not give the return-by date", path)
		}
		py, err := exec.Command(python, "-c", `
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print(m['To'].addresses[0].addr_spec)
print(m['X-Unsent'])
for a in m.iter_attachments():
    print(a.get_filename(), len(a.get_content()))
`, path).Output()
		if err != nil {
			t.Fatalf("python email: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(py)), "\n")
		fi, _ := os.Stat(filepath.Join(out, form))
		if len(lines) != 3 || lines[0] != p.LeadEmails[l][0] || lines[1] != "1" || lines[2] != form+" "+strconv.FormatInt(fi.Size(), 10) {
			t.Errorf("%s: Python's email reads %q; want %s, 1, %s of %d bytes", path, lines, p.LeadEmails[l][0], form, fi.Size())
		}
	}
}

// readDraft reads a draft with net/mail: its subject and the names of
// its attachments.
func readDraft(t *testing.T, path string) (subject string, attached []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("%s: net/mail: %v", path, err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if part.FileName() != "" {
			attached = append(attached, part.FileName())
		}
	}
	return subject, attached
}

func TestAskDryRun(t *testing.T) {
	p := roundPlan()
	out := filepath.Join(t.TempDir(), "forms")
	stdout, err := runRoundJob(t, p, roundJob{out: out, dryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("--dry-run wrote the forms folder")
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	leads := round.Leads(p, yearTwoPoint.Date)
	if len(lines) != len(leads) {
		t.Fatalf("%d lines for %d leads:\n%s", len(lines), len(leads), stdout)
	}
	for i, l := range leads {
		rows := round.Rows(p, yearTwoPoint.Date, l)
		nos := make([]string, len(rows))
		for j, r := range rows {
			nos[j] = r.Action.No
		}
		who := l
		if a := p.LeadEmails[l]; a != nil {
			who += " <" + a[0] + ">"
		}
		want := who + ": " + filepath.Join(out, round.FileName("plan", yearTwoPoint.Date, l)) + ", " +
			plural(len(rows), "action") + ": " + strings.Join(nos, ", ")
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d: %q\nwant %q", i+1, lines[i], want)
		}
	}
}

func TestChasePicksTheLate(t *testing.T) {
	p := roundPlan()
	leads := round.Leads(p, yearTwoPoint.Date)
	// Every lead but the first two returned their forms: collect set
	// Returned By on each of their updates at the point.
	returned := leads[2:]
	for i, u := range p.Updates {
		if !u.Date.Equal(yearTwoPoint.Date) {
			continue
		}
		for _, a := range p.Actions {
			if a.No != u.Action {
				continue
			}
			var by []string
			for _, l := range a.Leads {
				if slices.Contains(returned, l) {
					by = append(by, l)
				}
			}
			p.Updates[i].ReturnedBy = strings.Join(by, "; ")
		}
	}
	want := round.Late(p, yearTwoPoint.Date)
	for _, l := range leads[:2] {
		if !slices.Contains(want, l) {
			t.Fatalf("%s did not return the form but is not late: %q", l, want)
		}
	}
	out := t.TempDir()
	if _, err := runRoundJob(t, p, roundJob{out: out, drafts: true, chase: true}); err != nil {
		t.Fatal(err)
	}
	var wantDrafts []string
	for _, l := range want {
		if p.LeadEmails[l] != nil {
			wantDrafts = append(wantDrafts, strings.TrimSuffix(round.FileName("plan", yearTwoPoint.Date, l), ".xlsx")+"-reminder.eml")
		}
	}
	sort.Strings(wantDrafts)
	if got := emlFiles(t, out); !slices.Equal(got, wantDrafts) || len(got) == 0 {
		t.Errorf("reminders %q\nwant %q", got, wantDrafts)
	}
	for _, d := range wantDrafts {
		subject, attached := readDraft(t, filepath.Join(out, d))
		form := strings.TrimSuffix(d, "-reminder.eml") + ".xlsx"
		if !strings.HasPrefix(subject, "Reminder: ") || !slices.Equal(attached, []string{form}) {
			t.Errorf("%s: subject %q, attached %q; want a reminder with %s", d, subject, attached, form)
		}
	}

	// Once everyone has returned, nobody is chased.
	for i := range p.Updates {
		if p.Updates[i].Date.Equal(yearTwoPoint.Date) {
			for _, a := range p.Actions {
				if a.No == p.Updates[i].Action {
					p.Updates[i].ReturnedBy = strings.Join(a.Leads, "; ")
				}
			}
		}
	}
	stdout, err := runRoundJob(t, p, roundJob{out: t.TempDir(), dryRun: true, chase: true})
	if err != nil || !strings.Contains(stdout, "every lead has returned their form") {
		t.Errorf("chase after every return: %q, %v", stdout, err)
	}
}

// TestAskCommand runs ask on a workbook whose Leads sheet gives every lead
// but one an address: every form is written, a draft beside each form of
// a lead with an address, the one without listed to forward by hand, and
// the workbook is left alone.
func TestAskCommand(t *testing.T) {
	dir := inTempDir(t)
	wb := writePlan(t, dir, "plan.xlsx", roundPlan())
	before, _ := os.ReadFile(wb)
	t.Setenv("PLANREPORT_MAIL_FROM", "coordinator@example.org")
	r := planreport(t, "ask", wb, "--by", "17/07/2020", "--drafts")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	forms := filepath.Join(dir, "forms-2020-07-31")
	leads := round.Leads(roundPlan(), yearTwoPoint.Date)
	var xlsx []string
	for _, f := range files(t, forms) {
		if strings.HasSuffix(f, ".xlsx") {
			xlsx = append(xlsx, f)
		}
	}
	var eml []string
	for _, f := range files(t, forms) {
		if strings.HasSuffix(f, ".eml") {
			eml = append(eml, f)
		}
	}
	withAddress := 0
	for _, l := range leads {
		if len(roundPlan().LeadEmails[l]) > 0 {
			withAddress++
		}
	}
	if withAddress == 0 || withAddress == len(leads) {
		t.Fatalf("%d of %d leads have an address; the test wants some with and some without", withAddress, len(leads))
	}
	if len(xlsx) != len(leads) || len(eml) != withAddress || strings.Count(r.stdout, "forward the form by hand") != len(leads)-withAddress {
		t.Errorf("%d forms and %d drafts for %d leads, %d with an address; stdout:\n%s", len(xlsx), len(eml), len(leads), withAddress, r.stdout)
	}
	if after, _ := os.ReadFile(wb); string(after) != string(before) {
		t.Error("ask changed the workbook")
	}
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"ask", wb, "--by", "31/02/2020"}, 2, "--by"},
		{[]string{"ask", wb, "--as-of", "01/01/2021"}, 1, "no report point"},
		{[]string{"ask", wb, "--dry-run", "--drafts"}, 2, "dry-run"},
		{[]string{"ask", writePlan(t, dir, "broken.xlsx", brokenPlan())}, 1, "no forms written"},
	} {
		r := planreport(t, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.stderr)
		}
	}
}

// TestAskSendsOnce sends the forms through mailpit: a second ask sends
// nothing, and chase reminds each late lead once a day.
func TestAskSendsOnce(t *testing.T) {
	m := testtool.StartMailpit(t)
	p := roundPlan()
	out := t.TempDir()
	server := send.Server{Host: "127.0.0.1", Port: m.SMTPPort, Security: "none", Timeout: 5 * time.Second}
	for range 2 {
		if _, err := runRoundJob(t, p, roundJob{out: out, send: true, server: server}); err != nil {
			t.Fatal(err)
		}
	}
	leads := round.Leads(p, yearTwoPoint.Date)
	for _, l := range leads[:len(leads)-1] {
		if got := len(m.Inbox(t)[p.LeadEmails[l][0]]); got != 1 {
			t.Errorf("%s got %d messages after two runs of ask, want 1", l, got)
		}
	}
	// Nobody returned a form: chase twice on one day, then on the next.
	for _, day := range []time.Time{plan.Date(2020, time.July, 20), plan.Date(2020, time.July, 20), plan.Date(2020, time.July, 21)} {
		var buf strings.Builder
		rj := roundJob{workbook: filepath.Join(out, "plan.xlsx"), out: out, send: true, chase: true, server: server,
			from: "coordinator@example.org", today: day}
		if err := rj.run(context.Background(), p, &buf, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range leads[:len(leads)-1] {
		if got := len(m.Inbox(t)[p.LeadEmails[l][0]]); got != 3 {
			t.Errorf("%s got %d messages, want the form and a reminder on each of two days", l, got)
		}
	}
}
