package main

import (
	"bytes"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/testtool"
)

func TestSendDryRun(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	broken := writePlan(t, dir, "broken.xlsx", brokenPlan())
	tests := []struct {
		name   string
		args   []string
		code   int
		emls   []string // the .eml files written
		stderr string
	}{
		{"the distribution list", []string{"send", sampleAbs}, 0,
			[]string{"alex.example@example.org.eml", "jo.placeholder@example.org.eml", "sam.sample@example.org.eml"}, ""},
		{"--to replaces the list", []string{"send", sampleAbs, "--to", "clerk@example.org"}, 0,
			[]string{"clerk@example.org.eml"}, ""},
		{"a bad --to address is named", []string{"send", sampleAbs, "--to", "clerk@@example"}, 1, nil, "--to"},
		{"a workbook with errors is never sent", []string{"send", broken}, 1, nil, "nothing sent"},
	}
	missing := []struct {
		name, env, stderr string
	}{
		{"no sender", "PLANREPORT_MAIL_FROM", "mail.from"},
		{"no server", "PLANREPORT_MAIL_HOST", "mail.host"},
	}
	for _, m := range missing {
		t.Run(m.name, func(t *testing.T) {
			t.Setenv("PLANREPORT_MAIL_FROM", "clerk@example.org")
			t.Setenv(m.env, "")
			r := planreport(t, "send", sampleAbs, "--out", t.TempDir())
			if r.code != 2 || !strings.Contains(r.stderr, m.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 naming %s", r.code, r.stderr, m.stderr)
			}
		})
	}
	t.Setenv("PLANREPORT_MAIL_FROM", "CPC Clerk <clerk@example.org>")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			r := planreport(t, append(tt.args, "--dry-run", "--out", out)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			var emls []string
			for _, f := range files(t, out) {
				if strings.HasSuffix(f, ".eml") {
					emls = append(emls, f)
				}
			}
			sort.Strings(emls)
			if strings.Join(emls, " ") != strings.Join(tt.emls, " ") {
				t.Fatalf("wrote %v, want %v", emls, tt.emls)
			}
			for _, e := range emls {
				checkMessage(t, filepath.Join(out, e))
			}
		})
	}
}

// checkMessage checks that a dry run's message is the report's.
func checkMessage(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if !strings.Contains(subject, "Year 1 Progress / Update Report") {
		t.Errorf("%s: subject %q does not name the report", path, subject)
	}
	if !strings.Contains(m.Header.Get("Content-Type"), "multipart/mixed") {
		t.Errorf("%s: %q, want a message with an attachment", path, m.Header.Get("Content-Type"))
	}
}

// TestSendThroughMailpit is the clerk's evening: send the sample's report
// to its distribution list through a real SMTP server on loopback; each
// member gets one message with the PDF just generated, byte for byte.
func TestSendThroughMailpit(t *testing.T) {
	sampleAbs := absSample(t)
	m := testtool.StartMailpit(t)
	inTempDir(t)
	out := t.TempDir()
	t.Setenv("PLANREPORT_MAIL_HOST", "127.0.0.1")
	t.Setenv("PLANREPORT_MAIL_PORT", strconv.Itoa(m.SMTPPort))
	t.Setenv("PLANREPORT_MAIL_SECURITY", "none")
	t.Setenv("PLANREPORT_MAIL_FROM", "CPC Clerk <clerk@example.org>")
	r := planreport(t, "send", sampleAbs, "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	pdf, err := os.ReadFile(filepath.Join(out, sampleBase+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	inbox := m.Inbox(t)
	for _, to := range []string{"alex.example@example.org", "sam.sample@example.org", "jo.placeholder@example.org"} {
		msgs := inbox[to]
		if len(msgs) != 1 || len(msgs[0].Attachments) != 1 {
			t.Errorf("%s got %d messages, want one with one attachment", to, len(msgs))
			continue
		}
		msg := msgs[0]
		if want := "CPC Improvement Plan 2018 – 2020: Year 1 Progress / Update Report @ 31 July 2019"; msg.Subject != want {
			t.Errorf("%s: subject %q, want %q", to, msg.Subject, want)
		}
		got := m.Get(t, "/api/v1/message/"+msg.ID+"/part/"+msg.Attachments[0].PartID)
		if !bytes.Equal(got, pdf) {
			t.Errorf("%s: the attachment (%d bytes) is not the generated PDF (%d bytes)", to, len(got), len(pdf))
		}
	}
	if len(inbox) != 3 {
		t.Errorf("mailpit holds messages for %d addresses, want 3", len(inbox))
	}
}
