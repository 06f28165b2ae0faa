package msauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/planreport/planreport/internal/atomicfile"
)

// savedToken is the token file: the refresh token, and where and as which
// app it was given.
type savedToken struct {
	Authority    string `json:"authority"`
	Tenant       string `json:"tenant"`
	ClientID     string `json:"client_id"`
	RefreshToken string `json:"refresh_token"`
}

// DefaultTokenFile is where the refresh token is kept: planreport's folder
// in the user's configuration folder (os.UserConfigDir: $XDG_CONFIG_HOME or
// ~/.config on Linux, %AppData% on Windows).
func DefaultTokenFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no configuration folder to keep the Microsoft 365 sign-in in: %w", err)
	}
	return filepath.Join(dir, "planreport", "microsoft365-token.json"), nil
}

// matches reports whether t was given for c's authority, tenant and app.
func (t savedToken) matches(c Config) bool {
	return t.RefreshToken != "" && t.Authority == c.Authority && t.Tenant == c.Tenant && t.ClientID == c.ClientID
}

// readToken reads the token file; a missing one is no token. A file that
// other users may read or write is refused.
func readToken(path string) (savedToken, error) {
	var t savedToken
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("%w: %w", ErrTokenFile, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return t, fmt.Errorf("%w: %w", ErrTokenFile, err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return t, fmt.Errorf("%w: other users can read %s (mode %04o); delete it with planreport send --sign-out and sign in again", ErrTokenFile, path, perm)
	}
	if err := json.NewDecoder(f).Decode(&t); err != nil {
		return t, fmt.Errorf("%w: %s is damaged; delete it with planreport send --sign-out and sign in again", ErrTokenFile, path)
	}
	return t, nil
}

// write replaces the token file with t, atomically, with mode 0600 in a
// folder of mode 0700.
func (t savedToken) write(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot keep the Microsoft 365 sign-in: %w", err)
	}
	err := atomicfile.WriteWith(path, atomicfile.Options{Mode: 0o600}, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(t)
	})
	if err != nil {
		return fmt.Errorf("cannot keep the Microsoft 365 sign-in in %s: %w", path, err)
	}
	return nil
}

// SignOut forgets the sign-in kept in path; it reports whether there was
// one.
func SignOut(path string) (bool, error) {
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot forget the Microsoft 365 sign-in: %w", err)
	}
	return true, nil
}
