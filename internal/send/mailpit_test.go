package send

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/testtool"
)

// checkInbox checks that each of rs got exactly one message, with the
// templated subject and the files attached byte for byte.
func checkInbox(t *testing.T, m testtool.Mailpit, rs []Recipient, files map[string]string) {
	t.Helper()
	inbox := m.Inbox(t)
	for _, r := range rs {
		got := inbox[r.Email]
		if len(got) != 1 {
			t.Errorf("%s got %d messages, want 1", r.Email, len(got))
			continue
		}
		msg := got[0]
		if msg.Subject != wantSubject || len(msg.To) != 1 || msg.To[0].Name != r.Name {
			t.Errorf("%s: subject %q to %v; want %q to %s", r.Email, msg.Subject, msg.To, wantSubject, r.Name)
		}
		if len(msg.Attachments) != len(files) {
			t.Errorf("%s: %d attachments, want %d", r.Email, len(msg.Attachments), len(files))
		}
		for _, a := range msg.Attachments {
			checkAttachment(t, m, r.Email, msg.ID, a.PartID, a.FileName, a.ContentType, files)
		}
	}
	if len(inbox) != len(rs) {
		t.Errorf("mailpit holds messages to %d addresses, want %d", len(inbox), len(rs))
	}
}

// checkAttachment checks one attachment against the file of its name.
func checkAttachment(t *testing.T, m testtool.Mailpit, to, id, partID, name, ctype string, files map[string]string) {
	t.Helper()
	var path string
	for p := range files {
		if filepath.Base(p) == name {
			path = p
		}
	}
	if path == "" {
		t.Errorf("%s: unexpected attachment %q", to, name)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := m.Get(t, "/api/v1/message/"+id+"/part/"+partID)
	if ctype != files[path] || !bytes.Equal(got, want) {
		t.Errorf("%s: attachment %s is %s, %d bytes; want %s, the %d bytes of the file",
			to, name, ctype, len(got), files[path], len(want))
	}
}

// mailpitJob is a job sending the test files to rs through m.
func mailpitJob(t *testing.T, m testtool.Mailpit, rs []Recipient, attachments ...string) Job {
	return Job{
		Server:  Server{Host: "127.0.0.1", Port: m.SMTPPort, Security: "none", Timeout: 5 * time.Second},
		Message: Message{From: "Clerk <clerk@example.org>"}, Data: testData,
		Recipients: rs, Attachments: attachments, LogPath: filepath.Join(t.TempDir(), "send-log.json"),
	}
}

func TestSendThroughMailpit(t *testing.T) {
	m := testtool.StartMailpit(t)
	pdf, docx := testFiles(t)
	rs := recipients("Jane Smith", "John Brown", "Ann Other")
	job := mailpitJob(t, m, rs, pdf, docx)
	res, err := Run(context.Background(), job)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	for i, d := range res.Deliveries {
		if d.Outcome != Sent || d.Recipient != rs[i] || d.Time.IsZero() {
			t.Errorf("delivery %d: %+v, want sent to %s", i, d, rs[i].Email)
		}
	}
	checkInbox(t, m, rs, map[string]string{pdf: "application/pdf",
		docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
	checkLog(t, job.LogPath, map[string]Outcome{
		"jane.smith@example.org": Sent, "john.brown@example.org": Sent, "ann.other@example.org": Sent,
	})
}

// checkLog checks the last outcome the send log gives each address.
func checkLog(t *testing.T, path string, want map[string]Outcome) {
	t.Helper()
	log, err := readLog(path)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Outcome{}
	for _, e := range log.Sends {
		got[e.Email] = e.Outcome
		if len(e.Attachments) == 0 || len(e.Attachments[0].SHA256) != 64 || e.Time.IsZero() {
			t.Errorf("log entry %+v: want a time and the SHA-256 of each attachment", e)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("send log outcomes %v, want %v", got, want)
	}
}

func TestRefusedAndOnlyFailed(t *testing.T) {
	pdf, _ := testFiles(t)
	rs := recipients("Jane Smith", "Refuse Me", "John Brown")
	strict := testtool.StartMailpit(t, "--smtp-allowed-recipients", `^(jane\.smith|john\.brown)@`)
	job := mailpitJob(t, strict, rs, pdf)
	res, err := Run(context.Background(), job)
	t.Logf("Run: %v", err)
	if err == nil || !strings.Contains(err.Error(), "not sent to 1 of 3 recipients:\n  refuse.me@example.org: refused by the server") {
		t.Fatalf("Run: error %v, want one naming refuse.me@example.org", err)
	}
	outcomes := []Outcome{Sent, Failed, Sent}
	for i, d := range res.Deliveries {
		if d.Outcome != outcomes[i] {
			t.Errorf("%s: %s (%s), want %s", d.Recipient.Email, d.Outcome, d.Reason, outcomes[i])
		}
	}
	checkInbox(t, strict, []Recipient{rs[0], rs[2]}, map[string]string{pdf: "application/pdf"})

	// The resend goes to a server that accepts everyone; only the refused
	// address may get a message.
	open := testtool.StartMailpit(t)
	job.Server.Port = open.SMTPPort
	job.OnlyFailed = true
	res, err = Run(context.Background(), job)
	if err != nil {
		t.Fatalf("Run, only failed: %v", err)
	}
	outcomes = []Outcome{Skipped, Sent, Skipped}
	for i, d := range res.Deliveries {
		if d.Outcome != outcomes[i] {
			t.Errorf("only failed: %s: %s (%s), want %s", d.Recipient.Email, d.Outcome, d.Reason, outcomes[i])
		}
	}
	checkInbox(t, open, []Recipient{rs[1]}, map[string]string{pdf: "application/pdf"})
	checkLog(t, job.LogPath, map[string]Outcome{
		"jane.smith@example.org": Sent, "refuse.me@example.org": Sent, "john.brown@example.org": Sent,
	})

	// Once all have it, a resend contacts no server at all.
	job.Server.Port = testtool.FreePort(t)
	res, err = Run(context.Background(), job)
	if err != nil {
		t.Fatalf("Run, only failed, none failed: %v", err)
	}
	for _, d := range res.Deliveries {
		if d.Outcome != Skipped {
			t.Errorf("only failed, none failed: %s: %s (%s), want skipped", d.Recipient.Email, d.Outcome, d.Reason)
		}
	}
}

func TestPasswordNeverShown(t *testing.T) {
	authFile := filepath.Join(t.TempDir(), "auth")
	if err := os.WriteFile(authFile, []byte("clerk:right-Pa55word\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := testtool.StartMailpit(t, "--smtp-auth-file", authFile, "--smtp-auth-allow-insecure")
	pdf, _ := testFiles(t)
	rs := recipients("Jane Smith")
	tests := []struct {
		name     string
		password Secret
		want     Outcome
		reason   string
	}{
		{"wrong password", "wrong-Pa55word", Failed, "SMTP AUTH failed"},
		{"right password", "right-Pa55word", Sent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := mailpitJob(t, m, rs, pdf)
			job.User, job.Password = "clerk", tt.password
			res, err := Run(context.Background(), job)
			if d := res.Deliveries[0]; d.Outcome != tt.want || !strings.Contains(d.Reason, tt.reason) {
				t.Fatalf("outcome %s (%s; %v), want %s (%s)", d.Outcome, d.Reason, err, tt.want, tt.reason)
			}
			t.Logf("Run: %v", err)
			log, _ := os.ReadFile(job.LogPath)
			shown := fmt.Sprintf("%v %+v %#v %s", err, res, job, log)
			if strings.Contains(shown, "Pa55word") {
				t.Errorf("the password is shown: %s", shown)
			}
		})
	}
}
