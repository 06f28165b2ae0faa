package msauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"golang.org/x/oauth2"
)

// fakeIdP is a Microsoft identity platform on loopback: a device-code
// endpoint and a token endpoint for one tenant and app.
type fakeIdP struct {
	t         *testing.T
	deviceErr string   // the device-code endpoint's error, "" to answer
	expires   int      // the device code's expires_in
	polls     []string // the token endpoint's answer to each poll: an error code, or "" for the tokens
	refresh   string   // the refresh token it accepts
	refused   string   // the error of a refresh that it refuses
	mu        sync.Mutex
	polled    int
	issued    int
}

const (
	tenant     = "council.example.org"
	clientID   = "11111111-2222-3333-4444-555555555555"
	deviceCode = "DEVICE-CODE-SECRET"
	userCode   = "ABCD-EFGH"
)

func (f *fakeIdP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		f.t.Errorf("%s %s: bad request %v", r.Method, r.URL, err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if r.Form.Get("client_id") != clientID {
		f.fail(w, "unauthorized_client AADSTS700016: Application not found in the directory")
		return
	}
	switch r.URL.Path {
	case "/" + tenant + "/oauth2/v2.0/devicecode":
		if got := r.Form.Get("scope"); got != "https://outlook.office.com/SMTP.Send offline_access" {
			f.t.Errorf("device code asked for scope %q", got)
		}
		if f.deviceErr != "" {
			f.fail(w, f.deviceErr)
			return
		}
		f.answer(w, map[string]any{"device_code": deviceCode, "user_code": userCode,
			"verification_uri": "https://microsoft.example/devicelogin", "expires_in": f.expires, "interval": 1})
	case "/" + tenant + "/oauth2/v2.0/token":
		f.token(w, r)
	default:
		http.NotFound(w, r)
	}
}

// token answers a poll with the device code, or a refresh.
func (f *fakeIdP) token(w http.ResponseWriter, r *http.Request) {
	switch r.Form.Get("grant_type") {
	case "urn:ietf:params:oauth:grant-type:device_code":
		if r.Form.Get("device_code") != deviceCode {
			f.fail(w, "invalid_grant")
			return
		}
		answer := "authorization_pending"
		if f.polled < len(f.polls) {
			answer = f.polls[f.polled]
		}
		f.polled++
		if answer != "" {
			f.fail(w, answer)
			return
		}
	case "refresh_token":
		if f.refused != "" || r.Form.Get("refresh_token") != f.refresh {
			f.fail(w, cmpOr(f.refused, "invalid_grant AADSTS70008: The refresh token has expired"))
			return
		}
	default:
		f.fail(w, "unsupported_grant_type")
		return
	}
	f.issued++
	f.refresh = "REFRESH-" + strings.Repeat("x", f.issued)
	f.answer(w, map[string]any{"access_token": "ACCESS-" + strings.Repeat("x", f.issued), "token_type": "Bearer",
		"expires_in": 3600, "refresh_token": f.refresh})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// fail answers an error: "code" or "code AADSTSnnn: description".
func (f *fakeIdP) fail(w http.ResponseWriter, answer string) {
	code, desc, _ := strings.Cut(answer, " ")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

func (f *fakeIdP) answer(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// start serves f on loopback and returns the configuration for it, with
// the token file in a new folder.
func (f *fakeIdP) start(t *testing.T) Config {
	f.t = t
	if f.expires == 0 {
		f.expires = 900
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return Config{Authority: srv.URL, Tenant: tenant, ClientID: clientID,
		TokenFile: filepath.Join(t.TempDir(), "planreport", "token.json")}
}

// token runs Token in a synctest bubble, so that the polling intervals
// take no real time, and returns the access token, the error and what it
// printed.
func token(t *testing.T, c Config) (string, error, string) {
	var (
		tok    string
		err    error
		prompt bytes.Buffer
	)
	synctest.Test(t, func(t *testing.T) {
		// No idle connections: a goroutine waiting on the network would
		// keep the bubble's clock from moving.
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		ctx := context.WithValue(t.Context(), oauth2.HTTPClient, client)
		tok, err = Token(ctx, c, &prompt)
	})
	return tok, err, prompt.String()
}

func TestDeviceCodeSignIn(t *testing.T) {
	tests := []struct {
		name    string
		idp     *fakeIdP
		want    error  // nil: signed in
		wantMsg string // the error's exact sentence
		polls   int
	}{
		{"success at once", &fakeIdP{polls: []string{""}}, nil, "", 1},
		{"pending, then success", &fakeIdP{polls: []string{"authorization_pending", "authorization_pending", ""}}, nil, "", 3},
		{"slow_down, then success", &fakeIdP{polls: []string{"slow_down", ""}}, nil, "", 2},
		{"expired code", &fakeIdP{polls: []string{"authorization_pending", "expired_token"}}, ErrAbandoned, ErrAbandoned.Error(), 2},
		{"abandoned: the code runs out while pending", &fakeIdP{expires: 4}, ErrAbandoned, ErrAbandoned.Error(), 3},
		{"denied by the clerk", &fakeIdP{polls: []string{"authorization_declined"}}, ErrDeclined, ErrDeclined.Error(), 1},
		{"access_denied", &fakeIdP{polls: []string{"access_denied"}}, ErrDeclined, ErrDeclined.Error(), 1},
		{"no consent in the tenant", &fakeIdP{polls: []string{"invalid_grant AADSTS65001: The user or administrator has not consented"}},
			ErrRefused, ErrRefused.Error() + " (invalid_grant AADSTS65001)", 1},
		{"app unknown to the tenant", &fakeIdP{deviceErr: "unauthorized_client AADSTS700016: Application not found"},
			ErrRefused, ErrRefused.Error() + " (unauthorized_client AADSTS700016)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.idp.start(t)
			tok, err, prompt := token(t, c)
			if !errors.Is(err, tt.want) || tt.want != nil && err.Error() != tt.wantMsg {
				t.Fatalf("Token: error %v, want %q", err, tt.wantMsg)
			}
			if tt.idp.polled != tt.polls {
				t.Errorf("polled %d times, want %d", tt.idp.polled, tt.polls)
			}
			if strings.Contains(prompt, deviceCode) || strings.Contains(prompt, "ACCESS-") || strings.Contains(prompt, "REFRESH-") {
				t.Errorf("printed a secret: %q", prompt)
			}
			if tt.idp.deviceErr == "" && !strings.Contains(prompt, "open https://microsoft.example/devicelogin in a browser and enter the code "+userCode) {
				t.Errorf("prompt %q does not give the address and code", prompt)
			}
			_, statErr := os.Stat(c.TokenFile)
			if tt.want != nil {
				if tok != "" || statErr == nil {
					t.Errorf("a failed sign-in gave token %q, kept a token file: %v", tok, statErr == nil)
				}
				return
			}
			if tok != "ACCESS-x" {
				t.Errorf("access token %q, want ACCESS-x", tok)
			}
			checkTokenFile(t, c.TokenFile, "REFRESH-x")
		})
	}
}

// checkTokenFile checks that path holds refresh, with mode 0600 in a
// folder of mode 0700.
func checkTokenFile(t *testing.T, path, refresh string) {
	t.Helper()
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", p, got, want)
		}
	}
	saved, err := readToken(path)
	if err != nil || saved.RefreshToken != refresh {
		t.Errorf("token file: %+v, %v; want refresh token %s", saved, err, refresh)
	}
}

func TestSilentRefresh(t *testing.T) {
	idp := &fakeIdP{polls: []string{""}}
	c := idp.start(t)
	if _, err, _ := token(t, c); err != nil {
		t.Fatal(err)
	}
	tok, err, prompt := token(t, c)
	if err != nil || tok != "ACCESS-xx" || prompt != "" {
		t.Fatalf("second Token: %q, %v, printed %q; want ACCESS-xx silently", tok, err, prompt)
	}
	if idp.polled != 1 {
		t.Errorf("signed in again: %d polls", idp.polled)
	}
	checkTokenFile(t, c.TokenFile, "REFRESH-xx") // the rotated refresh token

	// Another app or tenant: the kept token is not used.
	other := c
	other.ClientID = "99999999-2222-3333-4444-555555555555"
	idp.mu.Lock()
	before := idp.issued
	idp.mu.Unlock()
	if _, err, _ := token(t, other); !errors.Is(err, ErrRefused) || idp.issued != before {
		t.Errorf("a token kept for another app was used: %v", err)
	}
}

func TestRefreshRefused(t *testing.T) {
	tests := []struct {
		name, refused, want string
		forgets             bool
	}{
		{"expired", "invalid_grant AADSTS70008: The provided authorization code or refresh token has expired",
			ErrSignInExpired.Error(), true},
		{"revoked", "invalid_grant AADSTS50173: The provided grant has expired due to it being revoked",
			ErrSignInExpired.Error(), true},
		{"consent withdrawn", "invalid_grant AADSTS65001: The user or administrator has not consented",
			ErrRefused.Error() + " (invalid_grant AADSTS65001)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idp := &fakeIdP{polls: []string{""}}
			c := idp.start(t)
			if _, err, _ := token(t, c); err != nil {
				t.Fatal(err)
			}
			idp.refused = tt.refused
			_, err, _ := token(t, c)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Token: %v, want %q", err, tt.want)
			}
			if _, statErr := os.Stat(c.TokenFile); (statErr != nil) != tt.forgets {
				t.Errorf("token file removed: %v, want %v", statErr != nil, tt.forgets)
			}
		})
	}
}

func TestTokenFileReadableByOthers(t *testing.T) {
	idp := &fakeIdP{polls: []string{""}}
	c := idp.start(t)
	if _, err, _ := token(t, c); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(c.TokenFile, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err, _ := token(t, c)
	want := "the saved Microsoft 365 sign-in cannot be used: other users can read " + c.TokenFile +
		" (mode 0644); delete it with planreport send --sign-out and sign in again"
	if !errors.Is(err, ErrTokenFile) || err.Error() != want {
		t.Fatalf("Token: %v, want %q", err, want)
	}
	if strings.Contains(err.Error(), "REFRESH-") {
		t.Errorf("the error shows the token: %v", err)
	}
	if ok, err := SignOut(c.TokenFile); !ok || err != nil {
		t.Fatalf("SignOut: %v, %v", ok, err)
	}
	if ok, err := SignOut(c.TokenFile); ok || err != nil {
		t.Fatalf("second SignOut: %v, %v; want nothing to forget", ok, err)
	}
}

func TestMissingSettings(t *testing.T) {
	for _, c := range []Config{{ClientID: clientID, TokenFile: "t"}, {Tenant: tenant, TokenFile: "t"}} {
		if _, err := Token(context.Background(), c, new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "mail.oauth2.") {
			t.Errorf("Token(%+v): %v, want the missing key named", c, err)
		}
	}
}
