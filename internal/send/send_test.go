package send

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testData is the report point of the reference report.
var testData = Data{
	Title:      "CPC Improvement Plan 2018 – 2020",
	ReportName: "Year 1 Progress / Update Report",
	Date:       plan.Date(2019, 7, 31),
	Heading:    "Year 1 Progress / Update Report @ 31 July 2019",
	Summary: report.SummaryRow{
		Date: plan.Date(2019, 7, 31), Name: "Year 1 Progress / Update Report",
		Total: 42, Completed: 17, Added: 5, Ongoing: 25,
	},
	Organisation: "Perth and Kinross Child Protection Committee",
}

const wantSubject = "CPC Improvement Plan 2018 – 2020: Year 1 Progress / Update Report @ 31 July 2019"

// testFiles writes a PDF-like and a Word-like file, both with every byte
// value, and returns their paths.
func testFiles(t *testing.T) (pdf, docx string) {
	t.Helper()
	dir := t.TempDir()
	var all bytes.Buffer
	for i := range 3 * 256 {
		all.WriteByte(byte(i * 7))
	}
	pdf = filepath.Join(dir, "CPC Improvement Plan - Year 1.pdf")
	docx = filepath.Join(dir, "CPC Improvement Plan - Year 1.docx")
	for _, f := range []struct{ path, head string }{{pdf, "%PDF-1.4\n"}, {docx, "PK\x03\x04"}} {
		if err := os.WriteFile(f.path, append([]byte(f.head), all.Bytes()...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pdf, docx
}

// recipients makes n recipients at example.org, with rows B2, B3, ….
func recipients(names ...string) []Recipient {
	rs := make([]Recipient, len(names))
	for i, n := range names {
		rs[i] = Recipient{Name: n, Email: strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@example.org",
			Role: "Member", Where: fmt.Sprintf("Distribution!B%d", i+2)}
	}
	return rs
}

func TestCheckRecipients(t *testing.T) {
	tests := []struct {
		name  string
		list  []Recipient
		wants []string // substrings of the error; none for a good list
	}{
		{"good", recipients("Jane Smith", "John Brown"), nil},
		{"empty list", nil, []string{"distribution list is empty"}},
		{"blank", []Recipient{{Email: " ", Where: "Distribution!B4"}}, []string{"Distribution!B4: no email address"}},
		{"two ats", []Recipient{{Email: "jane@@example.org", Where: "Distribution!B4"}},
			[]string{`Distribution!B4: "jane@@example.org" is not an email address`}},
		{"no domain", []Recipient{{Email: "jane@pkc", Where: "Distribution!B5"}},
			[]string{`Distribution!B5: "jane@pkc" has no full domain name`}},
		{"name and address", []Recipient{{Email: "Jane <jane@example.org>", Where: "Distribution!B6"}},
			[]string{"Distribution!B6", "not an email address"}},
		{"space", []Recipient{{Email: "jane smith@example.org", Where: "--to"}}, []string{"--to: "}},
		{"repeated", []Recipient{
			{Email: "jane@example.org", Where: "Distribution!B2"},
			{Email: "Jane@Example.org", Where: "Distribution!B9"},
		}, []string{"Distribution!B9: Jane@Example.org is already on the list at Distribution!B2"}},
		{"every bad row", []Recipient{
			{Email: "a@", Where: "Distribution!B2"},
			{Email: "ok@example.org", Where: "Distribution!B3"},
			{Email: "b", Where: "Distribution!B4"},
		}, []string{"Distribution!B2", "Distribution!B4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRecipients(tt.list)
			if len(tt.wants) == 0 {
				if err != nil {
					t.Fatalf("CheckRecipients: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("CheckRecipients accepted the list")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ email, want string }{
		{"Jane.Smith@PKC.gov.uk", "jane.smith@pkc.gov.uk.eml"},
		{"a+b@example.org", "a+b@example.org.eml"},
		{"a/../b@example.org", "a%2F..%2Fb@example.org.eml"},
		{"a%2F@example.org", "a%252f@example.org.eml"},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			if got := fileName(tt.email); got != tt.want {
				t.Errorf("fileName(%q) = %q, want %q", tt.email, got, tt.want)
			}
		})
	}
}

func TestPasswordFrom(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pw")
	if err := os.WriteFile(file, []byte("from-file-secret\r\nsecond line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PLANREPORT_TEST_PW", "from-env-secret")
	t.Setenv("PLANREPORT_TEST_EMPTY", "")
	tests := []struct {
		name, env, file string
		want            Secret
		wantErr         string
	}{
		{"env", "PLANREPORT_TEST_PW", file, "from-env-secret", ""},
		{"file when env empty", "PLANREPORT_TEST_EMPTY", file, "from-file-secret", ""},
		{"file only", "", file, "from-file-secret", ""},
		{"none", "", "", "", ""},
		{"env unset", "PLANREPORT_TEST_UNSET", "", "", "PLANREPORT_TEST_UNSET is not set"},
		{"missing file", "", filepath.Join(dir, "nope"), "", "password file"},
		{"empty file", "", empty, "", "first line is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PasswordFrom(tt.env, tt.file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("PasswordFrom: error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("PasswordFrom = %q, %v; want %q", string(got), err, string(tt.want))
			}
		})
	}
}

func TestSecretHidden(t *testing.T) {
	job := Job{Server: Server{Host: "mail.example.org", User: "clerk", Password: "hunter2-secret"}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if got := fmt.Sprintf(verb, job); strings.Contains(got, "hunter2") || strings.Contains(got, fmt.Sprintf("%x", "hunter2")) {
			t.Errorf("Sprintf(%q, job) shows the password: %s", verb, got)
		}
	}
}

func TestTemplates(t *testing.T) {
	r := recipients("Jane Smith")[0]
	subject, err := parseTemplate("subject", "", DefaultSubject)
	if err != nil {
		t.Fatal(err)
	}
	body, err := parseTemplate("body", "", DefaultBody)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := newMessage("Clerk <clerk@example.org>", templateData{testData, r}, subject, body, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := msg.GetGenHeader("Subject")
	if len(got) != 1 {
		t.Fatalf("subject headers %q, want one", got)
	}
	if subj, err := new(mime.WordDecoder).DecodeHeader(got[0]); err != nil || subj != wantSubject {
		t.Errorf("subject %q (%v), want %q", subj, err, wantSubject)
	}
	text, err := render(body, templateData{testData, r})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "default_body.txt")
	if want := testtool.Golden(t, golden, []byte(text), *update); text != string(want) {
		t.Errorf("default body:\n%s\nwant (%s):\n%s", text, golden, want)
	}
}

func TestTemplateErrors(t *testing.T) {
	pdf, _ := testFiles(t)
	tests := []struct {
		name, subject, body, want string
	}{
		{"subject syntax", "{{.Title", "", "subject template"},
		{"body syntax", "", "{{if}}", "body template"},
		{"subject field", "{{.Titel}}", "", "subject template"},
		{"body field", "", "{{.Recipient.Phone}}", "body template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			job := Job{
				Message: Message{From: "clerk@example.org", Subject: tt.subject, Body: tt.body}, Data: testData,
				Recipients: recipients("Jane Smith"), Attachments: []string{pdf}, DryRun: true, OutDir: dir,
			}
			_, err := Run(context.Background(), job)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run: error %v, want one naming the %s", err, tt.want)
			}
			if files, _ := os.ReadDir(dir); len(files) != 0 {
				t.Errorf("a message was written despite the template error: %v", files)
			}
		})
	}
}

func TestDryRun(t *testing.T) {
	pdf, docx := testFiles(t)
	dir := filepath.Join(t.TempDir(), "out")
	rs := recipients("Jane Smith", "John Brown")
	job := Job{
		Server:  Server{Host: "127.0.0.1", Port: 1}, // never contacted
		Message: Message{From: "Clerk <clerk@example.org>"}, Data: testData,
		Recipients: rs, Attachments: []string{pdf, docx}, DryRun: true, OutDir: dir,
		LogPath: filepath.Join(dir, "send-log.json"),
	}
	res, err := Run(context.Background(), job)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, err := os.Stat(job.LogPath); err == nil {
		t.Error("a dry run wrote the send log")
	}
	for i, d := range res.Deliveries {
		if d.Outcome != Written || d.Recipient != rs[i] {
			t.Fatalf("delivery %d: %+v, want %s written", i, d, rs[i].Email)
		}
		if d.File != filepath.Join(dir, fileName(rs[i].Email)) {
			t.Errorf("delivery %d: file %s", i, d.File)
		}
		checkEML(t, d.File, rs[i], map[string]string{pdf: "application/pdf",
			docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
	}
}

// TestOnlyFailedResendsFailuresAlone checks that OnlyFailed picks, from the
// list, exactly the addresses whose last attempt with these attachments
// failed: not one already sent, and not one never tried (added to the list
// since, or never sent this report). An address that failed but is no
// longer on the list is named, and not sent to.
func TestOnlyFailedResendsFailuresAlone(t *testing.T) {
	pdf, _ := testFiles(t)
	files, err := readAttachments([]string{pdf})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rs := recipients("Jane Smith", "Refuse Me", "New Member", "Failed Twice")
	log := &sendLog{}
	for _, e := range []struct {
		email   string
		outcome Outcome
	}{
		{"jane.smith@example.org", Sent}, {"refuse.me@example.org", Failed}, {"gone.away@example.org", Failed},
		{"failed.twice@example.org", Sent}, {"failed.twice@example.org", Failed},
	} {
		log.add(Delivery{Recipient: Recipient{Email: e.email}, Outcome: e.outcome, Reason: "refused", Time: time.Now().UTC()}, files)
	}
	// An earlier report's failure does not count for this one.
	log.add(Delivery{Recipient: Recipient{Email: "new.member@example.org"}, Outcome: Failed},
		[]attachment{{Name: "old.pdf", SHA256: strings.Repeat("0", 64)}})
	logPath := filepath.Join(dir, "send-log.json")
	if err := log.write(logPath); err != nil {
		t.Fatal(err)
	}
	job := Job{
		Server:  Server{Host: "127.0.0.1", Port: 1}, // never contacted
		Message: Message{From: "Clerk <clerk@example.org>"}, Data: testData,
		Recipients: rs, Attachments: []string{pdf}, DryRun: true, OutDir: dir, LogPath: logPath, OnlyFailed: true,
	}
	res, err := Run(context.Background(), job)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []struct {
		email   string
		outcome Outcome
		reason  string
	}{
		{"jane.smith@example.org", Skipped, "already sent"},
		{"refuse.me@example.org", Written, ""},
		{"new.member@example.org", Skipped, "never sent this report"},
		{"failed.twice@example.org", Written, ""},
		{"gone.away@example.org", Skipped, "failed last time, but is no longer on the list"},
	}
	if len(res.Deliveries) != len(want) {
		t.Fatalf("%d deliveries, want %d: %+v", len(res.Deliveries), len(want), res.Deliveries)
	}
	for i, w := range want {
		d := res.Deliveries[i]
		if d.Recipient.Email != w.email || d.Outcome != w.outcome || !strings.Contains(d.Reason, w.reason) {
			t.Errorf("delivery %d: %s %s (%s), want %s %s (%s)", i, d.Recipient.Email, d.Outcome, d.Reason, w.email, w.outcome, w.reason)
		}
	}
	var emls []string
	for _, e := range mustReadDir(t, dir) {
		if strings.HasSuffix(e, ".eml") {
			emls = append(emls, e)
		}
	}
	if strings.Join(emls, " ") != "failed.twice@example.org.eml refuse.me@example.org.eml" {
		t.Errorf("wrote %v, want a message to each failed address on the list alone", emls)
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// checkEML parses an .eml file and checks its headers and attachments;
// the To header only when to has an address.
func checkEML(t *testing.T, path string, to Recipient, files map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != wantSubject {
		t.Errorf("%s: subject %q (%v), want %q", path, subject, err, wantSubject)
	}
	if got, err := msg.Header.AddressList("To"); to.Email != "" && (err != nil || len(got) != 1 || got[0].Address != to.Email || got[0].Name != to.Name) {
		t.Errorf("%s: To %v (%v), want %s <%s>", path, got, err, to.Name, to.Email)
	}
	if got, err := msg.Header.AddressList("From"); err != nil || len(got) != 1 || got[0].Address != "clerk@example.org" {
		t.Errorf("%s: From %v (%v)", path, got, err)
	}
	got := attachments(t, msg)
	for file, ctype := range files {
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, ok := got[filepath.Base(file)]
		if !ok {
			t.Errorf("%s: no attachment %s; have %v", path, filepath.Base(file), got)
			continue
		}
		if a.contentType != ctype || !bytes.Equal(a.data, want) {
			t.Errorf("%s: attachment %s: %s, %d bytes; want %s, the %d bytes of the file",
				path, filepath.Base(file), a.contentType, len(a.data), ctype, len(want))
		}
	}
	if len(got) != len(files) {
		t.Errorf("%s: %d attachments, want %d", path, len(got), len(files))
	}
}

// part is a decoded attachment.
type part struct {
	contentType string
	data        []byte
}

// attachments decodes the attachments of a multipart/mixed message, by
// file name.
func attachments(t *testing.T, msg *mail.Message) map[string]part {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/mixed" {
		t.Fatalf("message type %q (%v), want multipart/mixed", mediaType, err)
	}
	found := map[string]part{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return found
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.FileName() == "" {
			continue
		}
		if enc := p.Header.Get("Content-Transfer-Encoding"); enc != "base64" {
			t.Fatalf("attachment %s: encoding %q, want base64", p.FileName(), enc)
		}
		data, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
		if err != nil {
			t.Fatalf("attachment %s: %v", p.FileName(), err)
		}
		ctype, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		found[p.FileName()] = part{ctype, data}
	}
}

func TestRunRefusesBeforeSending(t *testing.T) {
	pdf, _ := testFiles(t)
	good := Job{
		Server:  Server{Host: "127.0.0.1", Port: 1, Security: "none"},
		Message: Message{From: "clerk@example.org"}, Data: testData,
		Recipients: recipients("Jane Smith"), Attachments: []string{pdf},
	}
	tests := []struct {
		name   string
		change func(*Job)
		want   string
	}{
		{"bad address", func(j *Job) { j.Recipients[0].Email = "jane@" }, "Distribution!B2"},
		{"no attachment", func(j *Job) { j.Attachments = nil }, "nothing to attach"},
		{"missing attachment", func(j *Job) { j.Attachments = []string{pdf + ".gone"} }, ".gone"},
		{"bad sender", func(j *Job) { j.From = "clerk" }, `sender (From) "clerk"`},
		{"no host", func(j *Job) { j.Host = "" }, "no mail server"},
		{"bad security", func(j *Job) { j.Security = "ssl" }, `security "ssl"`},
		{"user without password", func(j *Job) { j.User = "clerk" }, "user clerk has no password"},
		{"only failed without log", func(j *Job) { j.OnlyFailed = true }, "no send log"},
		{"only failed, nothing sent", func(j *Job) { j.OnlyFailed, j.LogPath = true, filepath.Join(t.TempDir(), "log.json") },
			"no earlier send of CPC Improvement Plan - Year 1.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := good
			job.Recipients = recipients("Jane Smith")
			tt.change(&job)
			_, err := Run(context.Background(), job)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run: error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func FuzzFileName(f *testing.F) {
	f.Add("jane@example.org", "Jane@example.org")
	f.Add("a/b@example.org", "a%2Fb@example.org")
	f.Fuzz(func(t *testing.T, a, b string) {
		na, nb := fileName(a), fileName(b)
		const safe = "abcdefghijklmnopqrstuvwxyz0123456789.@_+-%ABCDEF"
		if strings.ContainsFunc(na, func(r rune) bool { return !strings.ContainsRune(safe, r) }) {
			t.Errorf("fileName(%q) = %q: an unsafe character", a, na)
		}
		//lint:ignore SA6005 fileName folds with strings.ToLower, which EqualFold does not match for every rune (İ)
		if (na == nb) != (strings.ToLower(a) == strings.ToLower(b)) {
			t.Errorf("fileName(%q) = %q, fileName(%q) = %q", a, na, b, nb)
		}
	})
}

func FuzzCheckRecipients(f *testing.F) {
	f.Add("jane@example.org", "john@example.org")
	f.Add("jane@@x", "Jane <jane@example.org>")
	f.Fuzz(func(t *testing.T, a, b string) {
		err := CheckRecipients([]Recipient{{Email: a, Where: "Distribution!B2"}, {Email: b, Where: "Distribution!B3"}})
		if err == nil {
			if strings.EqualFold(a, b) {
				t.Errorf("%q and %q accepted as two addresses", a, b)
			}
			return
		}
		if !strings.Contains(err.Error(), "Distribution!B") {
			t.Errorf("error %q names no row", err)
		}
	})
}
