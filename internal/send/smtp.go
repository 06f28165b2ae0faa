package send

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Server is the SMTP server the messages go through.
type Server struct {
	Host     string
	Port     int    // 0: 587 for "starttls", 465 for "tls", 25 for "none"
	Security string // "starttls" (the default), "tls" (implicit) or "none"
	Auth     string // AuthPassword, AuthOAuth2 or AuthNone; "": password when User is set, else none
	User     string // the mailbox signed in to
	Password Secret // from PasswordFrom; with AuthOAuth2, the access token from Token
	// Token gives the access token for AuthOAuth2 (SMTP XOAUTH2); Run
	// asks for it after every check, just before connecting.
	Token       func(context.Context) (Secret, error)
	Timeout     time.Duration // connecting and each exchange; 0: DefaultTimeout
	SendTimeout time.Duration // the whole send; 0: DefaultSendTimeout
}

// The default time-outs.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultSendTimeout = 10 * time.Minute
)

// The ways to sign in to the server (Server.Auth).
const (
	AuthPassword = "password"
	AuthOAuth2   = "oauth2"
	AuthNone     = "none"
)

// Secret is a password: it prints as "[hidden]" with every fmt verb.
type Secret string

// String hides the secret.
func (Secret) String() string { return "[hidden]" }

// Format hides the secret from every fmt verb.
func (s Secret) Format(f fmt.State, _ rune) { io.WriteString(f, s.String()) }

// PasswordFrom reads the SMTP password from the environment variable
// envName when it is set and not empty, or else from file (its first line).
// Neither named is no password; one named but empty or unreadable is an
// error, which never holds the password.
func PasswordFrom(envName, file string) (Secret, error) {
	if envName != "" {
		if pw := os.Getenv(envName); pw != "" {
			return Secret(pw), nil
		}
	}
	if file == "" {
		if envName != "" {
			return "", fmt.Errorf("the password variable %s is not set", envName)
		}
		return "", nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	pw, _, _ := strings.Cut(string(data), "\n")
	if pw = strings.TrimSuffix(pw, "\r"); pw == "" {
		return "", fmt.Errorf("password file %s: the first line is empty", file)
	}
	return Secret(pw), nil
}

// signedIn is the server with its defaults, and, when it signs in with
// OAuth2, the access token in place of a password: what every send
// (reports and the update round's letters) connects with.
func (s Server) signedIn(ctx context.Context) (Server, error) {
	server, err := s.withDefaults()
	if err != nil {
		return Server{}, err
	}
	if server.Auth == AuthOAuth2 {
		if server.Password, err = server.Token(ctx); err != nil {
			return Server{}, err
		}
	}
	return server, nil
}

// withDefaults checks s and fills in the defaults.
func (s Server) withDefaults() (Server, error) {
	if strings.TrimSpace(s.Host) == "" {
		return s, errors.New("no mail server (host) configured")
	}
	ports := map[string]int{"": 587, "starttls": 587, "tls": 465, "none": 25}
	port, ok := ports[s.Security]
	if !ok {
		return s, fmt.Errorf("mail server security %q: want starttls, tls or none", s.Security)
	}
	if s.Port == 0 {
		s.Port = port
	}
	if s.Auth == "" {
		s.Auth = map[bool]string{true: AuthPassword, false: AuthNone}[s.User != ""]
	}
	switch {
	case s.Auth == AuthNone:
		s.User, s.Password = "", ""
	case s.Auth != AuthPassword && s.Auth != AuthOAuth2:
		return s, fmt.Errorf("mail server auth %q: want password, oauth2 or none", s.Auth)
	case s.User == "":
		return s, fmt.Errorf("mail server auth %s: no user (the mailbox) given", s.Auth)
	case s.Auth == AuthPassword && s.Password == "":
		return s, fmt.Errorf("mail server user %s has no password", s.User)
	case s.Auth == AuthOAuth2 && s.Token == nil:
		return s, errors.New("mail server auth oauth2: no way to sign in given")
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	if s.SendTimeout <= 0 {
		s.SendTimeout = DefaultSendTimeout
	}
	return s, nil
}

// addr is host:port.
func (s Server) addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// client makes the go-mail client. Its connections are closed when ctx
// is done, so that SendTimeout holds even in the middle of an exchange.
func (s Server) client(ctx context.Context) (*mail.Client, error) {
	tlsConfig := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	policy := map[string]mail.TLSPolicy{"": mail.TLSMandatory, "starttls": mail.TLSMandatory,
		"tls": mail.TLSOpportunistic, "none": mail.NoTLS}[s.Security]
	opts := []mail.Option{
		mail.WithPort(s.Port), mail.WithTimeout(s.Timeout), mail.WithTLSPolicy(policy),
		mail.WithTLSConfig(tlsConfig), mail.WithDialContextFunc(s.dialer(ctx, tlsConfig)),
	}
	if s.Auth != AuthNone {
		opts = append(opts, mail.WithSMTPAuth(s.authType()),
			mail.WithUsername(s.User), mail.WithPassword(string(s.Password)))
	}
	return mail.NewClient(s.Host, opts...)
}

// authType is the best mechanism the server offers; over a plain
// connection, PLAIN, which go-mail allows only to a loopback server.
func (s Server) authType() mail.SMTPAuthType {
	if s.Auth == AuthOAuth2 {
		return mail.SMTPAuthXOAUTH2
	}
	if s.Security == "none" {
		return mail.SMTPAuthPlain
	}
	return mail.SMTPAuthAutoDiscover
}

// dialer connects, with a TLS handshake first for implicit TLS, and closes
// the connection when sendCtx is done.
func (s Server) dialer(sendCtx context.Context, tlsConfig *tls.Config) mail.DialContextFunc {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, address)
		if err != nil {
			return nil, err
		}
		context.AfterFunc(sendCtx, func() { conn.Close() })
		if s.Security != "tls" {
			return conn, nil
		}
		tlsConn := tls.Client(conn, tlsConfig)
		if err := tlsConn.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		return tlsConn, nil
	}
}

// deliver sends each message of out over one connection to s (with its
// defaults filled in) and reports each outcome to done; an error from done
// stops the send.
func deliver(ctx context.Context, s Server, out []outgoing, done func(outgoing, Delivery) error) error {
	ctx, cancel := context.WithTimeout(ctx, s.SendTimeout)
	defer cancel()
	client, err := s.client(ctx)
	if err != nil {
		return fmt.Errorf("mail server %s: %s", s.addr(), s.explain(ctx, err))
	}
	conn, dialErr := client.DialToSMTPClientWithContext(ctx)
	var dialReason string
	if dialErr == nil {
		defer client.CloseWithSMTPClient(conn)
	} else {
		dialReason = fmt.Sprintf("mail server %s: %s", s.addr(), s.explain(ctx, dialErr))
	}
	for _, o := range out {
		d := Delivery{Recipient: o.to, Outcome: Failed, Time: time.Now().UTC()}
		switch {
		case dialErr != nil:
			d.Reason = dialReason
		case ctx.Err() != nil:
			d.Reason = s.explain(ctx, ctx.Err())
		default:
			d.Outcome, d.Reason = s.sendOne(ctx, client, conn, o)
		}
		if err := done(o, d); err != nil {
			return err
		}
	}
	if dialErr != nil {
		return errors.New(dialReason)
	}
	return nil
}

// sendOne sends one message over conn.
func (s Server) sendOne(ctx context.Context, client *mail.Client, conn *smtp.Client, o outgoing) (Outcome, string) {
	if err := client.SendWithSMTPClient(conn, o.msg); err != nil {
		var sendErr *mail.SendError
		if errors.As(err, &sendErr) && sendErr.Reason == mail.ErrSMTPRcptTo {
			return Failed, "refused by the server: " + s.explain(ctx, err)
		}
		return Failed, s.explain(ctx, err)
	}
	return Sent, ""
}

// explain says plainly why talking to the server failed, without the
// password.
func (s Server) explain(ctx context.Context, err error) string {
	var dnsErr *net.DNSError
	var msg string
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		msg = fmt.Sprintf("the whole send took longer than %s and was stopped", s.SendTimeout)
	case ctx.Err() != nil:
		msg = "the send was cancelled"
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		msg = fmt.Sprintf("no answer within %s", s.Timeout)
	case errors.Is(err, syscall.ECONNREFUSED):
		msg = "connection refused (is the server running, and the port right?)"
	case errors.As(err, &dnsErr):
		msg = fmt.Sprintf("cannot find the mail server %s: %v", s.Host, dnsErr.Err)
	case strings.Contains(err.Error(), "5.7.30") || s.Auth == AuthPassword && authRefused(err) && isMicrosoft365(s.Host):
		msg = PasswordsRetired
	case s.Auth == AuthOAuth2 && authRefused(err):
		reply := err.Error()
		var tpErr *textproto.Error
		if errors.As(err, &tpErr) {
			reply = fmt.Sprintf("%d %s", tpErr.Code, tpErr.Msg)
		}
		msg = fmt.Sprintf("the mail server refused the Microsoft 365 sign-in of %s (%s); ask IT to allow SMTP AUTH "+
			"for this mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false), or use --drafts", s.User, reply)
	default: // go-mail's errors end with the affected recipients and message ID
		msg, _, _ = strings.Cut(err.Error(), ", affected ")
	}
	if s.Password != "" {
		msg = strings.ReplaceAll(msg, string(s.Password), "[hidden]")
	}
	return msg
}

// PasswordsRetired is the error of a Microsoft 365 server that no longer
// takes a password (550 5.7.30, or any refused password).
const PasswordsRetired = "this Microsoft 365 tenant no longer accepts passwords for SMTP; set `mail.auth: oauth2`, or use `--drafts`"

// authRefused reports whether err is the server refusing to sign in.
func authRefused(err error) bool {
	var tpErr *textproto.Error
	return errors.As(err, &tpErr) && (tpErr.Code == 535 || tpErr.Code == 534)
}

// isMicrosoft365 reports whether host is Exchange Online's.
func isMicrosoft365(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, domain := range []string{"office365.com", "outlook.com", "office365.us"} {
		if host == domain || strings.HasSuffix(host, "."+domain) {
			return true
		}
	}
	return false
}

// isTimeout reports whether err is a network time-out.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout() || strings.Contains(err.Error(), "i/o timeout")
}
