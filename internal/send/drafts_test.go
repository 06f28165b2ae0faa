package send

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

// pythonReads has Python's email package read an .eml file and print, one
// line each: X-Unsent, Date, Message-ID, To, Bcc, then "name sha256" for
// each attachment.
const pythonReads = `
import email, email.policy, hashlib, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
for h in ('X-Unsent', 'Date', 'Message-ID', 'To', 'Bcc'):
    print(m[h])
for a in m.iter_attachments():
    print(a.get_filename(), hashlib.sha256(a.get_content()).hexdigest())
`

func TestDrafts(t *testing.T) {
	python := testtool.Need(t, "python3")[0]
	pdf, docx := testFiles(t)
	rs := append(recipients("Jane Smith", "John Brown"), Recipient{Name: "Müller, Jo", Email: "jo.muller@example.org", Where: "Distribution!B4"})
	files := map[string]string{pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
	var sums []string
	for _, f := range []string{pdf, docx} {
		data, _ := os.ReadFile(f)
		sum := sha256.Sum256(data)
		sums = append(sums, filepath.Base(f)+" "+hex.EncodeToString(sum[:]))
	}
	tests := []struct {
		mode     string
		files    []string // the drafts written
		to, bcc  []string // the addresses of the one draft to all
		pyTo     string   // To and Bcc as Python reads them
		pyBcc    string
		greeting string // "": Dear <name>,
	}{
		{DraftEach, []string{"jane.smith@example.org.eml", "jo.muller@example.org.eml", "john.brown@example.org.eml"}, nil, nil, "", "None", ""},
		{DraftTo, []string{"CPC Improvement Plan - Year 1.eml"}, []string{"jane.smith@example.org", "john.brown@example.org", "jo.muller@example.org"}, nil,
			`Jane Smith <jane.smith@example.org>, John Brown <john.brown@example.org>, "Müller, Jo" <jo.muller@example.org>`, "None", "Dear colleague,"},
		{DraftBcc, []string{"CPC Improvement Plan - Year 1.eml"}, []string{"clerk@example.org"}, []string{"jane.smith@example.org", "john.brown@example.org", "jo.muller@example.org"},
			"Clerk <clerk@example.org>", `Jane Smith <jane.smith@example.org>, John Brown <john.brown@example.org>, "Müller, Jo" <jo.muller@example.org>`, "Dear colleague,"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			job := Job{
				Server:  Server{Host: "127.0.0.1", Port: 1, User: "clerk@example.org"}, // never contacted, no password
				Message: Message{From: "Clerk <clerk@example.org>"}, Data: testData,
				Recipients: rs, Attachments: []string{pdf, docx}, Drafts: true, DraftRecipients: tt.mode, OutDir: dir,
				LogPath: filepath.Join(dir, "send-log.json"),
			}
			res, err := Run(context.Background(), job)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if _, err := os.Stat(job.LogPath); err == nil {
				t.Error("drafts wrote the send log")
			}
			var written []string
			for i, d := range res.Deliveries {
				if d.Outcome != Written || d.Recipient != rs[i] {
					t.Errorf("delivery %d: %+v, want %s written", i, d, rs[i].Email)
				}
				written = append(written, d.File)
			}
			var want []string
			for _, f := range tt.files {
				want = append(want, filepath.Join(dir, f))
			}
			if slices.Sort(written); !slices.Equal(slices.Compact(written), want) {
				t.Fatalf("wrote %v, want %v", written, want)
			}
			for _, path := range want {
				first, _ := os.ReadFile(path)
				if tt.mode == DraftEach {
					r := rs[slices.IndexFunc(rs, func(r Recipient) bool { return fileName(r.Email) == filepath.Base(path) })]
					checkDraft(t, path, "Dear "+r.Name+",")
					checkEML(t, path, r, files)
				} else {
					msg := checkDraft(t, path, tt.greeting)
					checkEML(t, path, Recipient{}, files)
					checkAddresses(t, msg, "To", tt.to)
					checkAddresses(t, msg, "Bcc", tt.bcc)
				}
				py := strings.Split(strings.TrimSpace(testtool.Run(t, python, "-c", pythonReads, path)), "\n")
				wantPy := append([]string{"1", "None", "None", cmpOr(tt.pyTo, py[3]), tt.pyBcc}, sums...)
				if !slices.Equal(py, wantPy) {
					t.Errorf("%s as Python reads it:\n%s\nwant\n%s", path, strings.Join(py, "\n"), strings.Join(wantPy, "\n"))
				}
				if _, err := Run(context.Background(), job); err != nil {
					t.Fatal(err)
				}
				if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
					t.Errorf("%s: a second run wrote other bytes", path)
				}
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkDraft checks that the .eml file at path is an unsent draft whose
// body has greeting, and returns it parsed.
func checkDraft(t *testing.T, path, greeting string) *mail.Message {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if got := msg.Header.Get("X-Unsent"); got != "1" {
		t.Errorf("%s: X-Unsent %q, want 1", path, got)
	}
	for _, h := range []string{"Date", "Message-ID"} {
		if _, ok := msg.Header[h]; ok {
			t.Errorf("%s: has a %s header, which makes a draft look sent", path, h)
		}
	}
	if text := bodyText(t, data); !strings.HasPrefix(text, greeting+"\n") {
		t.Errorf("%s: body %q, want it to start %q", path, text, greeting)
	}
	return msg
}

// bodyText is the text part of a multipart message, decoded.
func bodyText(t *testing.T, data []byte) string {
	t.Helper()
	msg, _ := mail.ReadMessage(bytes.NewReader(data))
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	p, err := multipart.NewReader(msg.Body, params["boundary"]).NextPart() // decodes quoted-printable
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(text), "\r\n", "\n")
}

// checkAddresses checks the addresses of a header.
func checkAddresses(t *testing.T, msg *mail.Message, header string, want []string) {
	t.Helper()
	list, err := msg.Header.AddressList(header)
	if len(want) == 0 && err == mail.ErrHeaderNotPresent {
		return
	}
	var got []string
	for _, a := range list {
		got = append(got, a.Address)
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("%s: %v (%v), want %v", header, got, err, want)
	}
}

func TestDraftsBadMode(t *testing.T) {
	pdf, _ := testFiles(t)
	job := Job{Message: Message{From: "clerk@example.org"}, Data: testData, Recipients: recipients("Jane Smith"),
		Attachments: []string{pdf}, Drafts: true, DraftRecipients: "cc", OutDir: t.TempDir()}
	if _, err := Run(context.Background(), job); err == nil || !strings.Contains(err.Error(), `"cc": want each, to or bcc`) {
		t.Errorf("Run: %v, want the bad mode named", err)
	}
}

// FuzzDropHeaders checks that the headers named are gone, with their
// folded lines, and that every other line and the body are kept.
func FuzzDropHeaders(f *testing.F) {
	f.Add("Date: Mon, 1 Jul 2019\r\nSubject: a\r\n b\r\nMessage-ID:\r\n <x@y>\r\nTo: c", "body\r\n\r\nDate: kept")
	f.Add("date : x\r\nX-Unsent: 1", "")
	f.Fuzz(func(t *testing.T, head, body string) {
		if strings.Index(head+"\r\n\r\n", "\r\n\r\n") != len(head) {
			return // the header would end sooner
		}
		got := string(dropHeaders([]byte(head+"\r\n\r\n"+body), "Date", "Message-ID"))
		gotHead, gotBody, _ := strings.Cut(got, "\r\n\r\n")
		if gotBody != body {
			t.Fatalf("body %q, want %q", gotBody, body)
		}
		var want []string
		dropped := false
		for _, line := range strings.Split(head, "\r\n") {
			if line != "" && (line[0] == ' ' || line[0] == '\t') {
				if !dropped {
					want = append(want, line)
				}
				continue
			}
			name, _, _ := strings.Cut(line, ":")
			name = strings.ToLower(strings.TrimSpace(name))
			if dropped = name == "date" || name == "message-id"; !dropped {
				want = append(want, line)
			}
		}
		if w := strings.Join(want, "\r\n"); gotHead != w {
			t.Fatalf("header %q, want %q", gotHead, w)
		}
	})
}
