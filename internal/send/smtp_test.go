package send

import (
	"bufio"
	"context"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/testtool"
)

// listen opens a loopback listener that serve answers, and closes it at
// the end of the test.
func listen(t *testing.T, serve func(net.Conn)) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				serve(conn)
				<-done
			}()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// slowSMTP answers every command correctly but each after delay.
func slowSMTP(delay time.Duration) func(net.Conn) {
	return func(conn net.Conn) {
		r := bufio.NewReader(conn)
		reply := func(s string) bool {
			time.Sleep(delay)
			_, err := conn.Write([]byte(s + "\r\n"))
			return err == nil
		}
		if !reply("220 slow.example.org ESMTP") {
			return
		}
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"):
				reply("250-slow.example.org\r\n250 8BITMIME")
			case cmd == "DATA":
				reply("354 go on")
				for line != ".\r\n" && err == nil {
					line, err = r.ReadString('\n')
				}
				reply("250 queued")
			case cmd == "QUIT":
				reply("221 bye")
				return
			default:
				reply("250 ok")
			}
		}
	}
}

func TestUnreachableServer(t *testing.T) {
	silent := listen(t, func(net.Conn) {})
	slow := listen(t, slowSMTP(100*time.Millisecond))
	closed := testtool.FreePort(t)
	tests := []struct {
		name   string
		server Server
		want   string
	}{
		{"closed port", Server{Host: "127.0.0.1", Port: closed, Security: "none"}, "mail server 127.0.0.1:" + strconv.Itoa(closed) + ": connection refused"},
		{"silent server", Server{Host: "127.0.0.1", Port: silent, Security: "none", Timeout: time.Second},
			"mail server 127.0.0.1:" + strconv.Itoa(silent) + ": no answer within 1s"},
		{"silent server, TLS", Server{Host: "127.0.0.1", Port: silent, Security: "tls", Timeout: time.Second},
			"within 1s"},
		{"slow server, whole send", Server{Host: "127.0.0.1", Port: slow, Security: "none", Timeout: time.Second,
			SendTimeout: 1500 * time.Millisecond}, "the whole send took longer than 1.5s"},
		{"no STARTTLS", Server{Host: "127.0.0.1", Port: slow, Timeout: time.Second}, "does not support STARTTLS"},
	}
	pdf, _ := testFiles(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := recipients("Ann A", "Bob B", "Cat C", "Dan D", "Eve E", "Fay F")
			job := Job{Server: tt.server, Message: Message{From: "clerk@example.org"}, Data: testData,
				Recipients: rs, Attachments: []string{pdf}, LogPath: filepath.Join(t.TempDir(), "log.json")}
			start := time.Now()
			res, err := Run(context.Background(), job)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("Run took %s, want a quick failure", took)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run: error %v, want one saying %q", err, tt.want)
			}
			t.Logf("Run: %v", err)
			if len(res.Failed()) == 0 {
				t.Fatalf("no delivery failed: %+v", res.Deliveries)
			}
			for _, d := range res.Failed() {
				if !strings.Contains(d.Reason, tt.want) {
					t.Errorf("%s: reason %q, want one saying %q", d.Recipient.Email, d.Reason, tt.want)
				}
			}
			log, err := readLog(job.LogPath)
			if err != nil || len(log.Sends) != len(rs) {
				t.Fatalf("send log: %v, %d entries, want %d", err, len(log.Sends), len(rs))
			}
		})
	}
}
