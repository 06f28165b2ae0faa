package msauth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"

	"github.com/planreport/planreport/internal/testtool"
)

// start serves a fake identity platform on loopback, changed by set, and
// returns it with the configuration for it, the token file in a new folder.
func start(t *testing.T, set func(*testtool.Identity)) (*testtool.Identity, Config) {
	id := testtool.StartIdentity(t)
	id.Set(set)
	return id, Config{Authority: id.URL, Tenant: testtool.Tenant, ClientID: testtool.ClientID,
		TokenFile: filepath.Join(t.TempDir(), "planreport", "token.json")}
}

// polls makes the identity platform answer each poll in turn.
func polls(answers ...string) func(*testtool.Identity) {
	return func(id *testtool.Identity) { id.Polls = answers }
}

// token runs Token in a synctest bubble, so that the polling intervals
// take no real time, and returns the access token, what it printed and
// the error.
func token(t *testing.T, c Config) (string, string, error) {
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
	return tok, prompt.String(), err
}

func TestDeviceCodeSignIn(t *testing.T) {
	tests := []struct {
		name    string
		set     func(*testtool.Identity)
		want    error  // nil: signed in
		wantMsg string // the error's exact sentence
		polls   int
	}{
		{"success at once", polls(""), nil, "", 1},
		{"pending, then success", polls("authorization_pending", "authorization_pending", ""), nil, "", 3},
		{"slow_down, then success", polls("slow_down", ""), nil, "", 2},
		{"expired code", polls("authorization_pending", "expired_token"), ErrAbandoned, ErrAbandoned.Error(), 2},
		{"abandoned: the code runs out while pending", func(id *testtool.Identity) { id.Expires = 4 }, ErrAbandoned, ErrAbandoned.Error(), 3},
		{"denied by the clerk", polls("authorization_declined"), ErrDeclined, ErrDeclined.Error(), 1},
		{"access_denied", polls("access_denied"), ErrDeclined, ErrDeclined.Error(), 1},
		{"no consent in the tenant", polls("invalid_grant AADSTS65001: The user or administrator has not consented"),
			ErrRefused, ErrRefused.Error() + " (invalid_grant AADSTS65001)", 1},
		{"app unknown to the tenant", func(id *testtool.Identity) { id.DeviceErr = "unauthorized_client AADSTS700016: Application not found" },
			ErrRefused, ErrRefused.Error() + " (unauthorized_client AADSTS700016)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, c := start(t, tt.set)
			tok, prompt, err := token(t, c)
			if !errors.Is(err, tt.want) || tt.want != nil && err.Error() != tt.wantMsg {
				t.Fatalf("Token: error %v, want %q", err, tt.wantMsg)
			}
			if polled, _ := id.Counts(); polled != tt.polls {
				t.Errorf("polled %d times, want %d", polled, tt.polls)
			}
			if strings.Contains(prompt, testtool.DeviceCode) || strings.Contains(prompt, "ACCESS-") || strings.Contains(prompt, "REFRESH-") {
				t.Errorf("printed a secret: %q", prompt)
			}
			if id.DeviceErr == "" && !strings.Contains(prompt, "open https://microsoft.example/devicelogin in a browser and enter the code "+testtool.UserCode) {
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
	id, c := start(t, polls(""))
	if _, _, err := token(t, c); err != nil {
		t.Fatal(err)
	}
	tok, prompt, err := token(t, c)
	if err != nil || tok != "ACCESS-xx" || prompt != "" {
		t.Fatalf("second Token: %q, %v, printed %q; want ACCESS-xx silently", tok, err, prompt)
	}
	if polled, _ := id.Counts(); polled != 1 {
		t.Errorf("signed in again: %d polls", polled)
	}
	checkTokenFile(t, c.TokenFile, "REFRESH-xx") // the rotated refresh token

	// Another app or tenant: the kept token is not used.
	other := c
	other.ClientID = "99999999-2222-3333-4444-555555555555"
	_, before := id.Counts()
	if _, _, err := token(t, other); !errors.Is(err, ErrRefused) {
		t.Errorf("a token kept for another app was used: %v", err)
	}
	if _, after := id.Counts(); after != before {
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
			id, c := start(t, polls(""))
			if _, _, err := token(t, c); err != nil {
				t.Fatal(err)
			}
			id.Set(func(id *testtool.Identity) { id.Refused = tt.refused })
			_, _, err := token(t, c)
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
	_, c := start(t, polls(""))
	if _, _, err := token(t, c); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(c.TokenFile, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := token(t, c)
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
	for _, c := range []Config{{ClientID: testtool.ClientID, TokenFile: "t"}, {Tenant: testtool.Tenant, TokenFile: "t"}} {
		if _, err := Token(context.Background(), c, new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "mail.oauth2.") {
			t.Errorf("Token(%+v): %v, want the missing key named", c, err)
		}
	}
}

// TestUnreachable checks that a sign-in service that cannot be reached is
// one sentence: the service and its host, why in plain words, and what to
// check; no Go error text ("dial tcp", "Post \"https://…\"").
func TestUnreachable(t *testing.T) {
	refused := fmt.Sprintf("127.0.0.1:%d", testtool.FreePort(t))
	untrusted := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(untrusted.Close)
	stop := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(silent.Close)
	t.Cleanup(func() { close(stop) })
	tests := []struct {
		name, authority, host, why string
		timeout                    time.Duration // of the HTTP client; none when 0
	}{
		{"connection refused", "http://" + refused, refused, "the connection was refused", 0},
		{"no such name", "https://login.example.invalid", "login.example.invalid", "its name cannot be looked up", 0},
		{"a certificate not trusted", untrusted.URL, strings.TrimPrefix(untrusted.URL, "https://"),
			"its certificate is not trusted, as when a proxy stands in the way", 0},
		// Not "the sign-in was not finished in time", which is the clerk's.
		{"no answer", silent.URL, strings.TrimPrefix(silent.URL, "http://"), "it did not answer in time", 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Config{Authority: tt.authority, Tenant: testtool.Tenant, ClientID: testtool.ClientID,
				TokenFile: filepath.Join(t.TempDir(), "token.json")}
			ctx := context.Background()
			if tt.timeout > 0 {
				ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: tt.timeout})
			}
			_, err := Token(ctx, c, new(bytes.Buffer))
			want := "cannot reach the Microsoft 365 sign-in service at " + tt.host + ": " + tt.why +
				"; check that this computer is online and that mail.oauth2.authority is right, or use --drafts"
			if !errors.Is(err, ErrUnreachable) || err.Error() != want {
				t.Errorf("Token: %v\nwant %s", err, want)
			}
		})
	}
}
