package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/msauth"
	"github.com/planreport/planreport/internal/send"
	"github.com/planreport/planreport/internal/testtool"
)

var sampleAddresses = []string{"alex.example@example.org", "jo.placeholder@example.org", "sam.sample@example.org"}

// TestSendDrafts is the clerk with no SMTP credentials: drafts for Outlook,
// with no server configured, each with the report just written attached.
func TestSendDrafts(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	t.Setenv("PLANREPORT_MAIL_FROM", "CPC Clerk <clerk@example.org>")
	t.Setenv("PLANREPORT_MAIL_HOST", "")
	tests := []struct {
		name  string
		args  []string
		files []string
		bcc   []string // the one draft's Bcc
	}{
		{"one each", nil, []string{"alex.example@example.org.eml", "jo.placeholder@example.org.eml", "sam.sample@example.org.eml"}, nil},
		{"one to all, Bcc", []string{"--draft-recipients", "bcc"}, []string{sampleBase + ".eml"}, sampleAddresses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			r := planreport(t, append([]string{"send", sampleAbs, "--drafts", "--out", out}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			pdf, err := os.ReadFile(filepath.Join(out, sampleBase+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			var emls []string
			for _, f := range files(t, out) {
				if strings.HasSuffix(f, ".eml") {
					emls = append(emls, f)
				}
				if strings.HasSuffix(f, ".sent.json") {
					t.Errorf("drafts wrote the send log %s", f)
				}
			}
			if slices.Sort(emls); !slices.Equal(emls, tt.files) {
				t.Fatalf("wrote %v, want %v", emls, tt.files)
			}
			for _, e := range emls {
				path := filepath.Join(out, e)
				if n := strings.Count(r.stdout, path); n != 1 {
					t.Errorf("stdout names %s %d times, want once:\n%s", path, n, r.stdout)
				}
				checkDraft(t, path, pdf, tt.bcc)
			}
			for _, a := range sampleAddresses {
				if !strings.Contains(r.stdout, a) {
					t.Errorf("stdout does not name %s:\n%s", a, r.stdout)
				}
			}
		})
	}
	for _, bad := range [][]string{{"--dry-run"}, {"--draft-recipients", "cc"}} {
		r := planreport(t, append([]string{"send", sampleAbs, "--drafts", "--out", t.TempDir()}, bad...)...)
		if r.code != 2 {
			t.Errorf("--drafts %v: exit %d, %q; want 2", bad, r.code, r.stderr)
		}
	}
}

// checkDraft checks an Outlook draft: X-Unsent, no Date, the PDF attached
// byte for byte, and the Bcc addresses.
func checkDraft(t *testing.T, path string, pdf []byte, bcc []string) {
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
	if m.Header.Get("X-Unsent") != "1" || m.Header.Get("Date") != "" || m.Header.Get("Message-ID") != "" {
		t.Errorf("%s: X-Unsent %q, Date %q, Message-ID %q; want 1 and none", path,
			m.Header.Get("X-Unsent"), m.Header.Get("Date"), m.Header.Get("Message-ID"))
	}
	var got []string
	list, _ := m.Header.AddressList("Bcc")
	for _, a := range list {
		got = append(got, a.Address)
	}
	if slices.Sort(got); !slices.Equal(got, bcc) {
		t.Errorf("%s: Bcc %v, want %v", path, got, bcc)
	}
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			t.Fatalf("%s: no PDF attached", path)
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.FileName() == sampleBase+".pdf" {
			data, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
			if err != nil || !bytes.Equal(data, pdf) {
				t.Errorf("%s: the attachment (%d bytes, %v) is not the report written (%d bytes)", path, len(data), err, len(pdf))
			}
			return
		}
	}
}

// m365 points the configuration at a fake Microsoft 365 on loopback: an
// identity platform and an SMTP server that takes the access token want;
// the token is kept under a new configuration folder, whose token file it
// returns.
func m365(t *testing.T, id *testtool.Identity, want string) (*testtool.SMTP, string) {
	smtp := testtool.StartSMTP(t, "clerk@example.org", want)
	t.Setenv("PLANREPORT_MAIL_HOST", "127.0.0.1")
	t.Setenv("PLANREPORT_MAIL_PORT", strconv.Itoa(smtp.Port))
	t.Setenv("PLANREPORT_MAIL_SECURITY", "none")
	t.Setenv("PLANREPORT_MAIL_FROM", "CPC Clerk <clerk@example.org>")
	t.Setenv("PLANREPORT_MAIL_AUTH", "oauth2")
	t.Setenv("PLANREPORT_MAIL_OAUTH2_TENANT", testtool.Tenant)
	t.Setenv("PLANREPORT_MAIL_OAUTH2_CLIENT_ID", testtool.ClientID)
	t.Setenv("PLANREPORT_MAIL_OAUTH2_AUTHORITY", id.URL)
	file, err := msauth.DefaultTokenFile()
	if err != nil {
		t.Fatal(err)
	}
	return smtp, file
}

// TestSendWithMicrosoft365 is the clerk's first send after the tenant
// retired passwords: sign in once with a code, then send silently, then
// sign out; and each refusal in one sentence with nothing marked sent.
func TestSendWithMicrosoft365(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	out := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	id := testtool.StartIdentity(t)
	id.Set(func(id *testtool.Identity) { id.Polls = []string{""} })
	noSecrets := func(r result) {
		t.Helper()
		for _, s := range []string{"ACCESS-", "REFRESH-", testtool.DeviceCode} {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Errorf("printed a secret %s…:\n%s\n%s", s, r.stdout, r.stderr)
			}
		}
	}

	// The first send: the device code.
	smtp, tokenFile := m365(t, id, "ACCESS-x")
	r := planreport(t, "send", sampleAbs, "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "enter the code "+testtool.UserCode) {
		t.Fatalf("first send: exit %d, %s", r.code, r.stderr)
	}
	noSecrets(r)
	if _, delivered := smtp.Seen(); len(delivered) != 3 {
		t.Errorf("first send delivered %v, want 3 messages", delivered)
	}
	if info, err := os.Stat(tokenFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("token file %s: %v, %v; want mode 0600", tokenFile, info, err)
	}

	// The next: a silent refresh.
	smtp, _ = m365(t, id, "ACCESS-xx")
	r = planreport(t, "send", sampleAbs, "--out", out, "--to", "clerk@example.org")
	if r.code != 0 || strings.Contains(r.stderr, "sign in") {
		t.Fatalf("second send: exit %d, stderr %q; want a silent sign-in", r.code, r.stderr)
	}
	noSecrets(r)
	if _, delivered := smtp.Seen(); len(delivered) != 1 {
		t.Errorf("second send delivered %v, want 1 message", delivered)
	}

	// Refused refresh: one sentence, nothing sent, nothing logged as sent.
	log := filepath.Join(out, sampleBase+".sent.json")
	before, _ := os.ReadFile(log)
	id.Set(func(id *testtool.Identity) {
		id.Refused = "invalid_grant AADSTS50173: The provided grant has been revoked"
	})
	r = planreport(t, "send", sampleAbs, "--out", out)
	if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); r.code != 1 || lines[len(lines)-1] != "planreport: "+msauth.ErrSignInExpired.Error() {
		t.Errorf("revoked sign-in: exit %d, stderr %q; want 1 and %q", r.code, r.stderr, msauth.ErrSignInExpired)
	}
	if after, _ := os.ReadFile(log); !bytes.Equal(after, before) {
		t.Errorf("a refused sign-in changed the send log:\n%s", after)
	}

	// Sign out.
	id.Set(func(id *testtool.Identity) { id.Refused = "" })
	os.WriteFile(tokenFile, []byte(`{}`), 0o600)
	r = planreport(t, "send", "--sign-out")
	if _, err := os.Stat(tokenFile); r.code != 0 || err == nil || !strings.Contains(r.stdout, "signed out") {
		t.Errorf("--sign-out: exit %d, %q; token file still there: %v", r.code, r.stdout, err == nil)
	}
}

// TestSendPasswordToMicrosoft365 checks the sentence a clerk sees when the
// tenant no longer takes a password.
func TestSendPasswordToMicrosoft365(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	out := t.TempDir()
	id := testtool.StartIdentity(t)
	m365(t, id, "ACCESS-x")
	t.Setenv("PLANREPORT_MAIL_AUTH", "password")
	t.Setenv("PLANREPORT_MAIL_USER", "clerk@example.org")
	t.Setenv("PLANREPORT_MAIL_PASSWORD", "hunter2-secret")
	r := planreport(t, "send", sampleAbs, "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, send.PasswordsRetired) || strings.Contains(r.stdout+r.stderr, "hunter2") {
		t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, send.PasswordsRetired)
	}
}
