package send

import (
	"context"
	"fmt"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/testtool"
)

func TestXOAUTH2(t *testing.T) {
	const good = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.good-access-token"
	pdf, _ := testFiles(t)
	rs := recipients("Jane Smith", "John Brown")
	refusedSignIn := "mail server 127.0.0.1:%d: the mail server refused the Microsoft 365 sign-in of clerk@example.org " +
		"(535 5.7.3 Authentication unsuccessful); ask IT to allow SMTP AUTH for this mailbox " +
		"(Set-CASMailbox -SmtpClientAuthenticationDisabled $false), or use --drafts"
	tests := []struct {
		name      string
		auth      string
		token     string
		password  Secret
		want      string // the error; "" for sent
		delivered int
	}{
		{"the right token", AuthOAuth2, good, "", "", 2},
		{"a wrong token", AuthOAuth2, "eyJ.wrong-access-token", "", refusedSignIn, 0},
		{"a password, 550 5.7.30", AuthPassword, "", "hunter2-password", "mail server 127.0.0.1:%d: " + PasswordsRetired, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testtool.StartSMTP(t, "clerk@example.org", good)
			port := srv.Port
			asked := 0
			server := Server{Host: "127.0.0.1", Port: port, Security: "none", Auth: tt.auth, User: "clerk@example.org",
				Password: tt.password, Timeout: 5 * time.Second,
				Token: func(context.Context) (Secret, error) { asked++; return Secret(tt.token), nil }}
			log := filepath.Join(t.TempDir(), "log.json")
			job := Job{Server: server, Message: Message{From: "clerk@example.org"}, Data: testData,
				Recipients: rs, Attachments: []string{pdf}, LogPath: log}
			_, err := Run(context.Background(), job)
			want := tt.want
			if strings.Contains(want, "%d") {
				want = fmt.Sprintf(want, port)
			}
			if (err == nil) != (want == "") || err != nil && err.Error() != want {
				t.Fatalf("Run: %v\nwant %q", err, want)
			}
			signIns, delivered := srv.Seen()
			if len(delivered) != tt.delivered {
				t.Errorf("delivered %v, want %d messages", delivered, tt.delivered)
			}
			if tt.auth == AuthOAuth2 && (asked != 1 || len(signIns) != 1 ||
				signIns[0] != "XOAUTH2 user=clerk@example.org\x01auth=Bearer "+tt.token+"\x01\x01") {
				t.Errorf("asked for the token %d times; sign-ins %q", asked, signIns)
			}
			outcome := map[bool]Outcome{true: Sent, false: Failed}[want == ""]
			checkLog(t, log, map[string]Outcome{rs[0].Email: outcome, rs[1].Email: outcome})
			logged, _ := os.ReadFile(log)
			for _, secret := range []string{good, tt.token, string(tt.password)} {
				if secret != "" && (strings.Contains(string(logged), secret) || err != nil && strings.Contains(err.Error(), secret)) {
					t.Errorf("the log or error shows a secret: %v\n%s", err, logged)
				}
			}
		})
	}
}

// TestOnlyFailedAfterRefusedSignIn checks that a send refused at sign-in
// marks nothing sent, so that --only-failed sends to all once signed in.
func TestOnlyFailedAfterRefusedSignIn(t *testing.T) {
	srv := testtool.StartSMTP(t, "clerk@example.org", "right")
	port := srv.Port
	pdf, _ := testFiles(t)
	rs := recipients("Jane Smith", "John Brown")
	token := Secret("stale")
	job := Job{Server: Server{Host: "127.0.0.1", Port: port, Security: "none", Auth: AuthOAuth2, User: "clerk@example.org",
		Token: func(context.Context) (Secret, error) { return token, nil }},
		Message: Message{From: "clerk@example.org"}, Data: testData, Recipients: rs, Attachments: []string{pdf},
		LogPath: filepath.Join(t.TempDir(), "log.json")}
	if _, err := Run(context.Background(), job); err == nil {
		t.Fatal("sent with a wrong token")
	}
	token, job.OnlyFailed = "right", true
	res, err := Run(context.Background(), job)
	if _, delivered := srv.Seen(); err != nil || len(res.Failed()) != 0 || len(delivered) != 2 {
		t.Fatalf("--only-failed: %v, %+v; delivered %v", err, res.Deliveries, delivered)
	}
	checkLog(t, job.LogPath, map[string]Outcome{rs[0].Email: Sent, rs[1].Email: Sent})
}

// TestRefusedAfterSignIn checks that a message the server refuses with
// 550 5.7.30 after signing in — at MAIL, RCPT, DATA, or the end of the
// message's data — is not counted as sent: Run fails naming every
// recipient, the log says failed, and --only-failed sends to them all once
// the server takes them.
func TestRefusedAfterSignIn(t *testing.T) {
	const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.good-access-token"
	const refusal = "550 5.7.30 Basic authentication is not supported for Client Submission."
	pdf, _ := testFiles(t)
	for _, at := range []struct{ name, command string }{
		{"MAIL", "MAIL"}, {"RCPT", "RCPT"}, {"DATA", "DATA"}, {"end of data", "."},
	} {
		name, command := at.name, at.command
		t.Run(name, func(t *testing.T) {
			srv := testtool.StartSMTP(t, "clerk@example.org", token)
			srv.Refuse(command, refusal)
			rs := recipients("Jane Smith", "John Brown")
			job := Job{Server: Server{Host: "127.0.0.1", Port: srv.Port, Security: "none", Auth: AuthOAuth2,
				User: "clerk@example.org", Timeout: 5 * time.Second,
				Token: func(context.Context) (Secret, error) { return token, nil }},
				Message: Message{From: "clerk@example.org"}, Data: testData, Recipients: rs, Attachments: []string{pdf},
				LogPath: filepath.Join(t.TempDir(), "log.json")}
			res, err := Run(context.Background(), job)
			t.Logf("Run: %v", err)
			if err == nil {
				t.Fatalf("Run: no error, though the server refused every message at %s", name)
			}
			for _, r := range rs {
				if !strings.Contains(err.Error(), r.Email+": ") {
					t.Errorf("Run: %v\nwant %s named as not sent", err, r.Email)
				}
			}
			if _, delivered := srv.Seen(); len(res.Failed()) != len(rs) || len(delivered) != 0 {
				t.Errorf("%d of %d failed, %d delivered; want all failed and none delivered: %+v", len(res.Failed()), len(rs), len(delivered), res.Deliveries)
			}
			checkLog(t, job.LogPath, map[string]Outcome{rs[0].Email: Failed, rs[1].Email: Failed})

			srv.Refuse(command, "")
			job.OnlyFailed = true
			res, err = Run(context.Background(), job)
			if _, delivered := srv.Seen(); err != nil || len(res.Failed()) != 0 || len(delivered) != len(rs) {
				t.Fatalf("--only-failed once the server takes them: %v, %+v; delivered %v", err, res.Deliveries, delivered)
			}
			checkLog(t, job.LogPath, map[string]Outcome{rs[0].Email: Sent, rs[1].Email: Sent})
		})
	}
}

func TestSignInErrorStopsBeforeConnecting(t *testing.T) {
	pdf, _ := testFiles(t)
	signInErr := fmt.Errorf("the Microsoft 365 sign-in was declined; run planreport send again and accept, or use --drafts")
	job := Job{Server: Server{Host: "127.0.0.1", Port: 1, Security: "none", Auth: AuthOAuth2, User: "clerk@example.org",
		Token: func(context.Context) (Secret, error) { return "", signInErr }},
		Message: Message{From: "clerk@example.org"}, Data: testData, Recipients: recipients("Jane Smith"),
		Attachments: []string{pdf}, LogPath: filepath.Join(t.TempDir(), "log.json")}
	res, err := Run(context.Background(), job)
	if err != signInErr || len(res.Deliveries) != 0 {
		t.Fatalf("Run: %v, %+v; want the sign-in's error alone", err, res)
	}
	if _, err := os.Stat(job.LogPath); err == nil {
		t.Error("a failed sign-in wrote the send log")
	}
}

// TestMicrosoftPasswordRefused checks the sentence for a refused password
// at a Microsoft 365 host, even without 5.7.30.
func TestMicrosoftPasswordRefused(t *testing.T) {
	refused := fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 535, Msg: "5.7.139 Authentication unsuccessful, basic authentication is disabled."})
	tests := []struct {
		host, auth, want string
	}{
		{"smtp.office365.com", AuthPassword, PasswordsRetired},
		{"SMTP.Office365.com", AuthPassword, PasswordsRetired},
		{"smtp.example.org", AuthPassword, refused.Error()},
	}
	for _, tt := range tests {
		s := Server{Host: tt.host, Auth: tt.auth, User: "clerk@example.org", Password: "pw"}
		if got := s.explain(context.Background(), refused); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.host, got, tt.want)
		}
	}
}
