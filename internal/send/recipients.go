package send

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// CheckRecipients checks every address of the list: each must be a plain
// address (local@domain.tld) and none may appear twice (in any case). The
// error names the row (Recipient.Where) of each bad address.
func CheckRecipients(rs []Recipient) error {
	if len(rs) == 0 {
		return errors.New("the distribution list is empty")
	}
	var errs []error
	seen := map[string]Recipient{}
	for _, r := range rs {
		if err := checkAddress(r.Email); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where(r), err))
			continue
		}
		key := strings.ToLower(r.Email)
		if first, ok := seen[key]; ok {
			errs = append(errs, fmt.Errorf("%s: %s is already on the list at %s", where(r), r.Email, where(first)))
			continue
		}
		seen[key] = r
	}
	return errors.Join(errs...)
}

// where names the row a recipient came from.
func where(r Recipient) string {
	if r.Where == "" {
		return "recipient " + r.Email
	}
	return r.Where
}

// checkAddress reports why email is not a plain deliverable address.
func checkAddress(email string) error {
	if strings.TrimSpace(email) == "" {
		return errors.New("no email address")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return fmt.Errorf("%q is not an email address", email)
	}
	domain := email[strings.LastIndexByte(email, '@')+1:]
	if !strings.Contains(domain, ".") || strings.HasSuffix(domain, ".") || strings.HasPrefix(domain, "[") {
		return fmt.Errorf("%q has no full domain name after the @", email)
	}
	return nil
}

// fileName is the .eml file name of a message to email: the address in
// lower case, with every byte other than a letter, digit or ".@_+-" written
// as %XX, so that two different addresses never share a name.
func fileName(email string) string {
	var b strings.Builder
	for _, c := range []byte(strings.ToLower(email)) {
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte(".@_+-", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String() + ".eml"
}
