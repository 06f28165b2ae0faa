package testtool

import (
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// The fake Microsoft 365 tenant: its name, and the app registered in it.
const (
	Tenant     = "council.example.org"
	ClientID   = "11111111-2222-3333-4444-555555555555"
	DeviceCode = "DEVICE-CODE-SECRET" // never to be printed
	UserCode   = "ABCD-EFGH"          // printed for the clerk
)

// Identity is a Microsoft identity platform on loopback (httptest) for the
// tenant Tenant and the app ClientID: a device-code endpoint and a token
// endpoint. It issues access tokens ACCESS-x, ACCESS-xx, … each with a new
// refresh token REFRESH-x, REFRESH-xx, …, and accepts only the last
// refresh token issued. Set its fields before the first request.
type Identity struct {
	URL       string   // the authority: http://127.0.0.1:PORT
	DeviceErr string   // the device-code endpoint's error, "" to answer
	Expires   int      // the device code's expires_in (default 900 s)
	Polls     []string // the answer to each poll: an error, or "" for the tokens; then authorization_pending
	// An error is "code" or "code AADSTSnnn: description".
	Refused string // the error to every refresh, "" to accept the right one

	t       testing.TB
	mu      sync.Mutex
	polled  int
	issued  int
	refresh string
}

// StartIdentity serves a new Identity until the end of the test.
func StartIdentity(t testing.TB) *Identity {
	id := &Identity{t: t, Expires: 900}
	srv := httptest.NewServer(id)
	t.Cleanup(srv.Close)
	id.URL = srv.URL
	return id
}

// Counts returns how many times the token endpoint was polled with the
// device code, and how many tokens were issued.
func (id *Identity) Counts() (polled, issued int) {
	id.mu.Lock()
	defer id.mu.Unlock()
	return id.polled, id.issued
}

// Set changes the fields under the server's lock.
func (id *Identity) Set(change func(*Identity)) {
	id.mu.Lock()
	defer id.mu.Unlock()
	change(id)
}

func (id *Identity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id.mu.Lock()
	defer id.mu.Unlock()
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		id.t.Errorf("%s %s: bad request %v", r.Method, r.URL, err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if r.Form.Get("client_id") != ClientID {
		oauthError(w, "unauthorized_client AADSTS700016: Application not found in the directory")
		return
	}
	switch r.URL.Path {
	case "/" + Tenant + "/oauth2/v2.0/devicecode":
		if got := r.Form.Get("scope"); got != "https://outlook.office.com/SMTP.Send offline_access" {
			id.t.Errorf("device code asked for scope %q", got)
		}
		if id.DeviceErr != "" {
			oauthError(w, id.DeviceErr)
			return
		}
		answerJSON(w, map[string]any{"device_code": DeviceCode, "user_code": UserCode,
			"verification_uri": "https://microsoft.example/devicelogin", "expires_in": id.Expires, "interval": 1})
	case "/" + Tenant + "/oauth2/v2.0/token":
		id.token(w, r)
	default:
		http.NotFound(w, r)
	}
}

// token answers a poll with the device code, or a refresh.
func (id *Identity) token(w http.ResponseWriter, r *http.Request) {
	switch r.Form.Get("grant_type") {
	case "urn:ietf:params:oauth:grant-type:device_code":
		if r.Form.Get("device_code") != DeviceCode {
			oauthError(w, "invalid_grant")
			return
		}
		answer := "authorization_pending"
		if id.polled < len(id.Polls) {
			answer = id.Polls[id.polled]
		}
		id.polled++
		if answer != "" {
			oauthError(w, answer)
			return
		}
	case "refresh_token":
		if id.Refused != "" {
			oauthError(w, id.Refused)
			return
		}
		if r.Form.Get("refresh_token") != id.refresh {
			oauthError(w, "invalid_grant AADSTS70008: The refresh token has expired")
			return
		}
	default:
		oauthError(w, "unsupported_grant_type")
		return
	}
	id.issued++
	id.refresh = "REFRESH-" + strings.Repeat("x", id.issued)
	answerJSON(w, map[string]any{"access_token": "ACCESS-" + strings.Repeat("x", id.issued), "token_type": "Bearer",
		"expires_in": 3600, "refresh_token": id.refresh})
}

// oauthError answers an OAuth error: "code" or "code AADSTSnnn: description".
func oauthError(w http.ResponseWriter, answer string) {
	code, desc, _ := strings.Cut(answer, " ")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

func answerJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// SMTP is an SMTP server on loopback that, like Exchange Online, signs in
// with XOAUTH2 only and answers any other AUTH with 550 5.7.30. It accepts
// the sign-in of User with the access token Token, refuses any other with
// 535 5.7.3, and takes messages only once signed in, unless told to refuse
// them (Refuse).
type SMTP struct {
	Port        int
	User, Token string

	mu        sync.Mutex
	signIns   []string          // each AUTH decoded: "XOAUTH2 user=…\x01auth=Bearer …\x01\x01"
	delivered []string          // the recipients of each message taken, comma-separated
	refuse    map[string]string // the reply to a command instead of its own
}

// Refuse makes the server answer reply to command from now on: "MAIL",
// "RCPT", "DATA" (the command), or "." (the end of a message's data, which
// is then not taken). An empty reply answers as before.
func (s *SMTP) Refuse(command, reply string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuse == nil {
		s.refuse = map[string]string{}
	}
	s.refuse[command] = reply
}

// refusal is the reply Refuse set for command, if any.
func (s *SMTP) refusal(command string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refuse[command]
}

// StartSMTP serves a new SMTP until the end of the test.
func StartSMTP(t testing.TB, user, token string) *SMTP {
	t.Helper()
	s := &SMTP{User: user, Token: token}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	s.Port = l.Addr().(*net.TCPAddr).Port
	return s
}

// Seen returns the AUTH exchanges and the messages taken so far.
func (s *SMTP) Seen() (signIns, delivered []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.signIns...), append([]string(nil), s.delivered...)
}

// serve speaks SMTP on conn.
func (s *SMTP) serve(conn net.Conn) {
	defer conn.Close()
	tp := textproto.NewConn(conn)
	reply := func(line string) { tp.PrintfLine("%s", line) }
	reply("220 smtp.example.org ESMTP")
	authed := false
	var rcpts []string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		if r := s.refusal(verb); r != "" {
			reply(r)
			continue
		}
		switch verb {
		case "EHLO":
			reply("250-smtp.example.org\r\n250-8BITMIME\r\n250 AUTH LOGIN PLAIN XOAUTH2")
		case "AUTH":
			authed = s.auth(arg, reply)
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
			if r := s.refusal("."); r != "" {
				reply(r)
				continue
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

// auth answers an AUTH command, and reports whether it signed in.
func (s *SMTP) auth(arg string, reply func(string)) bool {
	mech, resp, _ := strings.Cut(arg, " ")
	decoded, _ := base64.StdEncoding.DecodeString(resp)
	s.mu.Lock()
	s.signIns = append(s.signIns, mech+" "+string(decoded))
	s.mu.Unlock()
	switch {
	case mech != "XOAUTH2":
		reply("550 5.7.30 Basic authentication is not supported for Client Submission.")
	case string(decoded) == "user="+s.User+"\x01auth=Bearer "+s.Token+"\x01\x01":
		reply("235 2.7.0 Authentication successful")
		return true
	default:
		reply("535 5.7.3 Authentication unsuccessful")
	}
	return false
}
