package send

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// authSMTP is an SMTP server that signs in with XOAUTH2 (and refuses basic
// authentication the way Exchange Online does once it is retired).
type authSMTP struct {
	user, token string // the XOAUTH2 sign-in it accepts
	mu          sync.Mutex
	signIns     []string // each AUTH exchange decoded: "XOAUTH2 user=…\x01auth=Bearer …\x01\x01"
	delivered   []string // the recipients of each message taken
}

// serve speaks SMTP on conn.
func (s *authSMTP) serve(conn net.Conn) {
	tp := textproto.NewConn(conn)
	reply := func(format string, args ...any) { tp.PrintfLine(format, args...) }
	reply("220 smtp.example.org ESMTP")
	authed := false
	var rcpts []string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			reply("250-smtp.example.org\r\n250-8BITMIME\r\n250 AUTH LOGIN PLAIN XOAUTH2")
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			decoded, _ := base64.StdEncoding.DecodeString(resp)
			s.mu.Lock()
			s.signIns = append(s.signIns, mech+" "+string(decoded))
			s.mu.Unlock()
			switch {
			case mech != "XOAUTH2":
				reply("550 5.7.30 Basic authentication is not supported for Client Submission.")
			case string(decoded) == "user="+s.user+"\x01auth=Bearer "+s.token+"\x01\x01":
				authed = true
				reply("235 2.7.0 Authentication successful")
			default:
				reply("535 5.7.3 Authentication unsuccessful")
			}
		case "MAIL":
			if !authed {
				reply("530 5.7.57 Client not authenticated to send mail")
				continue
			}
			rcpts = nil
			reply("250 2.1.0 Sender OK")
		case "RCPT":
			rcpts = append(rcpts, strings.Trim(strings.TrimPrefix(strings.ToUpper(arg), "TO:"), "<>"))
			reply("250 2.1.5 Recipient OK")
		case "DATA":
			reply("354 Start mail input")
			if _, err := tp.ReadDotBytes(); err != nil {
				return
			}
			s.mu.Lock()
			s.delivered = append(s.delivered, strings.Join(rcpts, ","))
			s.mu.Unlock()
			reply("250 2.0.0 OK queued")
		case "QUIT":
			reply("221 2.0.0 Bye")
			return
		default:
			reply("250 OK")
		}
	}
}

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
			srv := &authSMTP{user: "clerk@example.org", token: good}
			port := listen(t, srv.serve)
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
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if len(srv.delivered) != tt.delivered {
				t.Errorf("delivered %v, want %d messages", srv.delivered, tt.delivered)
			}
			if tt.auth == AuthOAuth2 && (asked != 1 || len(srv.signIns) != 1 ||
				srv.signIns[0] != "XOAUTH2 user=clerk@example.org\x01auth=Bearer "+tt.token+"\x01\x01") {
				t.Errorf("asked for the token %d times; sign-ins %q", asked, srv.signIns)
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
	srv := &authSMTP{user: "clerk@example.org", token: "right"}
	port := listen(t, srv.serve)
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
	if err != nil || len(res.Failed()) != 0 || len(srv.delivered) != 2 {
		t.Fatalf("--only-failed: %v, %+v; delivered %v", err, res.Deliveries, srv.delivered)
	}
	checkLog(t, job.LogPath, map[string]Outcome{rs[0].Email: Sent, rs[1].Email: Sent})
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
