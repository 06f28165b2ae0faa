package testtool

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Mailpit is a mailpit server started for one test: SMTP and its HTTP API
// on loopback ports.
type Mailpit struct {
	SMTPPort int
	API      string // http://127.0.0.1:PORT
}

// mailpitBinary finds mailpit: $PLANREPORT_MAILPIT, then PATH, then
// $(go env GOPATH)/bin.
func mailpitBinary() (string, bool) {
	if p := os.Getenv("PLANREPORT_MAILPIT"); p != "" {
		return p, true
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p, true
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err != nil {
		return "", false
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "bin", "mailpit")
	_, err = os.Stat(p)
	return p, err == nil
}

// StartMailpit starts mailpit with the extra options, waits until it
// answers, and stops it at the end of the test. A mailpit that stops while
// starting (a port taken between FreePort and its start) is started again
// on other ports, three times at most.
func StartMailpit(t testing.TB, options ...string) Mailpit {
	t.Helper()
	bin, ok := mailpitBinary()
	if !ok {
		Missing(t, "mailpit", "set PLANREPORT_MAILPIT, or go install github.com/axllent/mailpit@v1.27.11")
	}
	var failure string
	for range 3 {
		m, msg := startMailpit(t, bin, options)
		if msg == "" {
			return m
		}
		failure = msg
	}
	t.Fatal(failure)
	return Mailpit{}
}

// startMailpit makes one attempt: the server, or why it did not start.
func startMailpit(t testing.TB, bin string, options []string) (Mailpit, string) {
	m := Mailpit{SMTPPort: FreePort(t)}
	httpPort := FreePort(t)
	for httpPort == m.SMTPPort {
		httpPort = FreePort(t)
	}
	m.API = "http://127.0.0.1:" + strconv.Itoa(httpPort)
	args := append([]string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(m.SMTPPort), "--listen", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--disable-version-check", "--quiet",
		"--smtp-disable-rdns",
	}, options...)
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("mailpit: %v", err)
	}
	// exited is closed once the process has been waited for, so that both
	// the start-up loop and the clean-up can see it.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	stop := func() {
		cmd.Process.Kill()
		<-exited
	}
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		select {
		case <-exited:
			return m, fmt.Sprintf("mailpit stopped: %v\n%s", waitErr, stderr.String())
		default:
		}
		if m.ready() {
			t.Cleanup(stop)
			return m, ""
		}
		if time.Now().After(deadline) {
			stop()
			return m, "mailpit did not start within 15s:\n" + stderr.String()
		}
	}
}

// ready reports whether both of mailpit's ports answer.
func (m Mailpit) ready() bool {
	resp, err := http.Get(m.API + "/api/v1/messages")
	if err != nil {
		return false
	}
	resp.Body.Close()
	conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(m.SMTPPort))
	if err != nil {
		return false
	}
	conn.Close()
	return resp.StatusCode == http.StatusOK
}

// Get fetches an API path.
func (m Mailpit) Get(t testing.TB, path string) []byte {
	t.Helper()
	resp, err := http.Get(m.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v\n%s", path, resp.Status, err, body)
	}
	return body
}

// GetJSON fetches an API path into v.
func (m Mailpit) GetJSON(t testing.TB, path string, v any) {
	t.Helper()
	if err := json.Unmarshal(m.Get(t, path), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// Address is an address in mailpit's API.
type Address struct{ Name, Address string }

// MailpitMessage is a message in mailpit's API.
type MailpitMessage struct {
	ID          string
	From        Address
	To          []Address
	Subject     string
	Attachments []struct {
		PartID, FileName, ContentType string
	}
}

// Inbox returns every message mailpit holds, by recipient address.
func (m Mailpit) Inbox(t testing.TB) map[string][]MailpitMessage {
	t.Helper()
	var list struct{ Messages []struct{ ID string } }
	m.GetJSON(t, "/api/v1/messages", &list)
	byTo := map[string][]MailpitMessage{}
	for _, summary := range list.Messages {
		var msg MailpitMessage
		m.GetJSON(t, "/api/v1/message/"+summary.ID, &msg)
		for _, to := range msg.To {
			byTo[to.Address] = append(byTo[to.Address], msg)
		}
	}
	return byTo
}

// FreePort returns a loopback port nothing listens on.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}
