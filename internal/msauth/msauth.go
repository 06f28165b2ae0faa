// Package msauth signs a clerk in to the Microsoft identity platform, so
// that planreport can send mail through Microsoft 365 with SMTP XOAUTH2
// instead of a password.
//
// Token asks for an access token with the scopes of Scopes. The first time,
// it uses the OAuth 2.0 device authorization grant: it prints a web address
// and a code, the clerk enters the code in any browser and signs in there,
// and Token polls the token endpoint until the sign-in is done. It keeps the
// refresh token it is given in Config.TokenFile (mode 0600, in a folder of
// mode 0700), and from then on refreshes silently. The endpoints are
// {Authority}/{Tenant}/oauth2/v2.0/devicecode and …/token.
//
// Every failure is one sentence saying what to do next; the sentinel errors
// (ErrSignInExpired, ErrAbandoned, ErrDeclined, ErrRefused, ErrTokenFile,
// ErrUnreachable) match them with errors.Is. No error, and nothing printed, holds a token or
// a device code.
package msauth

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/oauth2"
)

// Scopes are the permissions asked for: sending mail over SMTP, and a
// refresh token so that the clerk signs in once.
var Scopes = []string{"https://outlook.office.com/SMTP.Send", "offline_access"}

// DefaultAuthority is the Microsoft identity platform's sign-in address
// (worldwide cloud).
const DefaultAuthority = "https://login.microsoftonline.com"

// Config says where and as which app to sign in.
type Config struct {
	Authority string // DefaultAuthority when blank
	Tenant    string // the council's tenant: "council.gov.uk", a tenant ID, or "organizations"
	ClientID  string // the app registration's application (client) ID
	TokenFile string // where the refresh token is kept; see DefaultTokenFile
}

// The errors, one sentence each.
var (
	ErrSignInExpired = errors.New("the saved Microsoft 365 sign-in has expired or been revoked; sign in again: run planreport send again and enter the new code")
	ErrAbandoned     = errors.New("the Microsoft 365 sign-in was not finished in time; run planreport send again and enter the code within the time shown")
	ErrDeclined      = errors.New("the Microsoft 365 sign-in was declined; run planreport send again and accept, or use --drafts")
	ErrRefused       = errors.New("the council's Microsoft 365 tenant refuses planreport; ask IT to allow the app mail.oauth2.client_id to sign in (public client flows enabled, delegated permission SMTP.Send granted with admin consent), or use --drafts")
	ErrTokenFile     = errors.New("the saved Microsoft 365 sign-in cannot be used")
	ErrUnreachable   = errors.New("cannot reach the Microsoft 365 sign-in service")
)

// refusedCodes are the identity platform's codes (AADSTS…) for a tenant
// that does not let the app sign in or send.
var refusedCodes = []string{
	"AADSTS65001",   // no consent to the app's permissions
	"AADSTS90094",   // admin consent required
	"AADSTS700016",  // no such app in the tenant
	"AADSTS7000218", // public client flows (device code) not enabled
	"AADSTS50105",   // the user is not assigned to the app
	"AADSTS53003",   // blocked by Conditional Access
	"AADSTS500011",  // the resource (Exchange Online) is not in the tenant
}

// aadsts finds the AADSTS code at the start of an error description.
var aadsts = regexp.MustCompile(`AADSTS\d+`)

// oauthConfig is the x/oauth2 configuration of c.
func (c Config) oauthConfig() *oauth2.Config {
	base := strings.TrimSuffix(c.Authority, "/") + "/" + c.Tenant + "/oauth2/v2.0/"
	return &oauth2.Config{
		ClientID: c.ClientID,
		Scopes:   Scopes,
		Endpoint: oauth2.Endpoint{
			DeviceAuthURL: base + "devicecode",
			TokenURL:      base + "token",
			AuthStyle:     oauth2.AuthStyleInParams,
		},
	}
}

// withDefaults checks c and fills in the authority.
func (c Config) withDefaults() (Config, error) {
	if c.Authority == "" {
		c.Authority = DefaultAuthority
	}
	return c, c.Check()
}

// Check reports a missing setting, naming its configuration key.
func (c Config) Check() error {
	switch {
	case strings.TrimSpace(c.Tenant) == "":
		return errors.New("mail.oauth2.tenant: set the council's Microsoft 365 tenant (its domain or tenant ID)")
	case strings.TrimSpace(c.ClientID) == "":
		return errors.New("mail.oauth2.client_id: set the application (client) ID of the app registration IT made for planreport")
	case c.TokenFile == "":
		return errors.New("no file to keep the Microsoft 365 sign-in in")
	}
	return nil
}

// Token returns an access token for sending mail: refreshed silently from
// the token file, or else after a device-code sign-in, whose instructions
// go to prompt.
func Token(ctx context.Context, c Config, prompt io.Writer) (string, error) {
	c, err := c.withDefaults()
	if err != nil {
		return "", err
	}
	if ctx.Value(oauth2.HTTPClient) == nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: time.Minute})
	}
	saved, err := readToken(c.TokenFile)
	if err != nil {
		return "", err
	}
	var tok *oauth2.Token
	if saved.matches(c) {
		tok, err = c.oauthConfig().TokenSource(ctx, &oauth2.Token{RefreshToken: saved.RefreshToken}).Token()
		if err != nil {
			err = explain(ctx, err)
			if errors.Is(err, ErrSignInExpired) {
				SignOut(c.TokenFile)
			}
			return "", err
		}
	} else if tok, err = signIn(ctx, c, prompt); err != nil {
		return "", err
	}
	if tok.RefreshToken != "" {
		saved = savedToken{Authority: c.Authority, Tenant: c.Tenant, ClientID: c.ClientID, RefreshToken: tok.RefreshToken}
		if err := saved.write(c.TokenFile); err != nil {
			return "", err
		}
	}
	return tok.AccessToken, nil
}

// signIn runs the device authorization grant.
func signIn(ctx context.Context, c Config, prompt io.Writer) (*oauth2.Token, error) {
	oc := c.oauthConfig()
	da, err := oc.DeviceAuth(ctx)
	if err != nil {
		return nil, explain(ctx, err)
	}
	within := ""
	if !da.Expiry.IsZero() {
		within = fmt.Sprintf(" within %d minutes", max(1, int(time.Until(da.Expiry).Round(time.Minute).Minutes())))
	}
	fmt.Fprintf(prompt, "To sign in to Microsoft 365, open %s in a browser and enter the code %s%s.\n",
		da.VerificationURI, da.UserCode, within)
	tok, err := oc.DeviceAccessToken(ctx, da)
	if err != nil {
		if ctx.Err() == nil && !da.Expiry.IsZero() && !time.Now().Before(da.Expiry) {
			return nil, ErrAbandoned // the code ran out before the clerk entered it
		}
		return nil, explain(ctx, err)
	}
	fmt.Fprintln(prompt, "Signed in; planreport stays signed in on this computer until planreport send --sign-out.")
	return tok, nil
}

// explain turns an error of the identity platform into one of the
// package's sentences; it never includes the response body, which could
// hold a token.
func explain(ctx context.Context, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		if ctx.Err() != nil {
			return fmt.Errorf("the Microsoft 365 sign-in was cancelled: %w", ctx.Err())
		}
		return unreachable(err)
	}
	code := aadsts.FindString(re.ErrorDescription)
	switch {
	case slices.Contains(refusedCodes, code) ||
		slices.Contains([]string{"unauthorized_client", "invalid_client", "consent_required", "invalid_scope"}, re.ErrorCode):
		return fmt.Errorf("%w (%s)", ErrRefused, strings.TrimSpace(re.ErrorCode+" "+code))
	case re.ErrorCode == "invalid_grant":
		return ErrSignInExpired
	case re.ErrorCode == "expired_token" || re.ErrorCode == "code_expired":
		return ErrAbandoned
	case re.ErrorCode == "access_denied" || re.ErrorCode == "authorization_declined":
		return ErrDeclined
	case re.ErrorCode != "":
		return fmt.Errorf("the Microsoft 365 sign-in failed (%s); run planreport send again, or use --drafts", strings.TrimSpace(re.ErrorCode+" "+code))
	}
	return fmt.Errorf("the Microsoft 365 sign-in service answered %s; check mail.oauth2.authority and mail.oauth2.tenant, or use --drafts", re.Response.Status)
}

// unreachableError is a sign-in service that cannot be reached: one
// sentence, matched by ErrUnreachable and by the network's error, whose
// own text (dial tcp …) it does not show.
type unreachableError struct {
	msg string
	err error
}

func (e *unreachableError) Error() string   { return e.msg }
func (e *unreachableError) Unwrap() []error { return []error{ErrUnreachable, e.err} }

// unreachable says why the sign-in service could not be reached, in
// words, and what to check.
func unreachable(err error) error {
	host := "mail.oauth2.authority"
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
			host = u.Host
		}
	}
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		netErr  net.Error
	)
	why := "the connection failed"
	switch {
	case errors.As(err, &dnsErr):
		why = "its name cannot be looked up"
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "the connection was refused"
	case errors.As(err, &certErr) || errors.As(err, &unknown):
		why = "its certificate is not trusted, as when a proxy stands in the way"
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		why = "it did not answer in time"
	}
	return &unreachableError{
		msg: fmt.Sprintf("%v at %s: %s; check that this computer is online and that mail.oauth2.authority is right, or use --drafts",
			ErrUnreachable, host, why),
		err: err,
	}
}
