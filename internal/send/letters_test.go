package send

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/testtool"
)

// testLetters are two letters, each with its own file attached; the
// second to a lead with two addresses.
func testLetters(t *testing.T) []Letter {
	dir := t.TempDir()
	var ls []Letter
	for i, lead := range []string{"Chief Midwife", "Müller, Head of Service"} {
		path := filepath.Join(dir, []string{"plan_2020-07-31_chief-midwife.xlsx", "plan_2020-07-31_head-of-service.xlsx"}[i])
		if err := os.WriteFile(path, []byte("form of "+lead), 0o644); err != nil {
			t.Fatal(err)
		}
		to := []string{"midwife@example.org"}
		if i == 1 {
			to = []string{"head@example.org", "deputy@example.org"}
		}
		ls = append(ls, Letter{Name: lead, To: to, Where: "Leads!B" + string(rune('2'+i)),
			Subject: "Your update for " + lead, Body: "Dear " + lead + ",\n\nPlease fill in the form attached.\n",
			Attachments: []string{path}, Draft: strings.TrimSuffix(filepath.Base(path), ".xlsx") + ".eml"})
	}
	return ls
}

// pythonReadsLetter has Python's email package print a draft's X-Unsent,
// To, Subject, then "name sha256" for each attachment.
const pythonReadsLetter = `
import email, email.policy, hashlib, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
for h in ('X-Unsent', 'To', 'Subject'):
    print(m[h])
for a in m.iter_attachments():
    print(a.get_filename(), hashlib.sha256(a.get_content()).hexdigest())
`

func TestLetterDrafts(t *testing.T) {
	python := testtool.Need(t, "python3")[0]
	letters := testLetters(t)
	dir := filepath.Join(t.TempDir(), "drafts")
	job := Letters{Server: Server{Host: "127.0.0.1", Port: 1}, From: "Coordinator <coordinator@example.org>",
		Letters: letters, Drafts: true, OutDir: dir, LogPath: filepath.Join(dir, "sent.json")}
	res, err := SendLetters(context.Background(), job)
	if err != nil {
		t.Fatalf("SendLetters: %v", err)
	}
	if _, err := os.Stat(job.LogPath); err == nil {
		t.Error("drafts wrote the send log")
	}
	for i, l := range letters {
		d := res.Deliveries[i]
		path := filepath.Join(dir, l.Draft)
		if d.Outcome != Written || d.File != path {
			t.Fatalf("delivery %d: %+v; want %s written", i, d, path)
		}
		data, _ := os.ReadFile(l.Attachments[0])
		sum := sha256.Sum256(data)
		want := hex.EncodeToString(sum[:])

		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(f)
		if err != nil {
			t.Fatalf("net/mail: %v", err)
		}
		to, err := msg.Header.AddressList("To")
		if err != nil || len(to) != len(l.To) {
			t.Errorf("%s: To %v (%v); want %q", l.Draft, to, err, l.To)
		}
		for j, a := range to {
			if a.Address != l.To[j] || a.Name != l.Name {
				t.Errorf("%s: To %v, want %s <%s>", l.Draft, a, l.Name, l.To[j])
			}
		}
		if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("Date") != "" || msg.Header.Get("Message-Id") != "" {
			t.Errorf("%s: X-Unsent %q, Date %q, Message-ID %q; want an unsent draft", l.Draft,
				msg.Header.Get("X-Unsent"), msg.Header.Get("Date"), msg.Header.Get("Message-Id"))
		}
		_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		var attached []string
		mr := multipart.NewReader(msg.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.FileName() != "" {
				attached = append(attached, p.FileName()+" "+p.Header.Get("Content-Type"))
			}
		}
		f.Close()
		wantAttached := filepath.Base(l.Attachments[0]) + " application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if len(attached) != 1 || !strings.HasPrefix(attached[0], wantAttached) {
			t.Errorf("%s: attachments %q, want %q", l.Draft, attached, wantAttached)
		}

		out, err := exec.Command(python, "-c", pythonReadsLetter, path).Output()
		if err != nil {
			t.Fatalf("python email: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != 4 || lines[0] != "1" || !strings.Contains(lines[1], l.To[0]) || lines[2] != l.Subject ||
			lines[3] != filepath.Base(l.Attachments[0])+" "+want {
			t.Errorf("%s: Python's email reads %q", l.Draft, lines)
		}
	}
}

func TestLettersCheckAddresses(t *testing.T) {
	letters := testLetters(t)
	letters[0].To = nil
	letters[1].To[1] = "deputy@@example"
	dir := t.TempDir()
	_, err := SendLetters(context.Background(), Letters{From: "c@example.org", Letters: letters, Drafts: true, OutDir: dir})
	if err == nil || !strings.Contains(err.Error(), "Leads!B2: Chief Midwife has no email address") ||
		!strings.Contains(err.Error(), "Leads!B3") {
		t.Errorf("err = %v; want both letters named", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("wrote %d drafts after a bad address", len(entries))
	}
}

// TestLettersSentOnce sends letters through mailpit twice: the second run
// sends nothing, the log showing them sent with the same files; a letter
// whose file changed is sent again.
func TestLettersSentOnce(t *testing.T) {
	m := testtool.StartMailpit(t)
	letters := testLetters(t)
	job := Letters{Server: Server{Host: "127.0.0.1", Port: m.SMTPPort, Security: "none", Timeout: 5 * time.Second},
		From: "Coordinator <coordinator@example.org>", Letters: letters, LogPath: filepath.Join(t.TempDir(), "sent.json")}
	res, err := SendLetters(context.Background(), job)
	if err != nil {
		t.Fatalf("SendLetters: %v", err)
	}
	for i, d := range res.Deliveries {
		if d.Outcome != Sent {
			t.Errorf("letter %d: %+v, want sent", i, d)
		}
	}
	res, err = SendLetters(context.Background(), job)
	if err != nil {
		t.Fatalf("SendLetters again: %v", err)
	}
	for i, d := range res.Deliveries {
		if d.Outcome != Skipped || d.Reason != "already sent" {
			t.Errorf("again, letter %d: %+v, want skipped", i, d)
		}
	}
	if err := os.WriteFile(letters[0].Attachments[0], []byte("a changed form"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = SendLetters(context.Background(), job)
	if err != nil || res.Deliveries[0].Outcome != Sent || res.Deliveries[1].Outcome != Skipped {
		t.Errorf("after a form changed: %+v, %v; want the first sent again, the second skipped", res.Deliveries, err)
	}
	inbox := m.Inbox(t)
	for addr, want := range map[string]int{"midwife@example.org": 2, "head@example.org": 1, "deputy@example.org": 1} {
		if got := len(inbox[addr]); got != want {
			t.Errorf("%s got %d messages, want %d", addr, got, want)
		}
	}
}
