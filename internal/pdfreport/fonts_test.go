package pdfreport

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/planreport/planreport/internal/testtool"
)

// devanagari is a text that neither Liberation Sans nor DejaVu Sans has,
// and Lohit Devanagari (Debian's fonts-lohit-deva) has.
const devanagari = "नमस्ते"

// lohit reads Lohit Devanagari, or skips the test (fails it under CI) when
// it is not installed.
func lohit(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")
	if err != nil {
		testtool.Missing(t, "the Lohit Devanagari font", "apt-get install fonts-lohit-deva")
	}
	return b
}

// TestFontFiles checks the fallback chain: what the body font lacks is set
// in DejaVu Sans, then in the configured fallback fonts; what none has
// prints as U+FFFD, and is reported once for each place it is in.
func TestFontFiles(t *testing.T) {
	// Symbols, and Polish, Scottish Gaelic and Greek: each must come back
	// from pdftotext as it went in.
	symbols := "✓ ✗ ‑ ≥ → ½ € Zażółć gęślą jaźń Slàinte mhath, tha mi à Alba Καλημέρα κόσμε"
	tests := []struct {
		name    string
		fonts   func(t *testing.T) FontFiles
		printed bool // whether the Devanagari text prints, rather than U+FFFD
	}{
		{"built-in fonts", func(*testing.T) FontFiles { return FontFiles{} }, false},
		{"a fallback font", func(t *testing.T) FontFiles { return FontFiles{Fallback: [][]byte{lohit(t)}} }, true},
		{"Go fonts as the body, and a fallback", func(t *testing.T) FontFiles {
			return FontFiles{Regular: goregular.TTF, Bold: goregular.TTF, Italic: goregular.TTF, Fallback: [][]byte{lohit(t)}}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fonts := tt.fonts(t)
			m, err := metricsFor(fonts)
			if err != nil {
				t.Fatal(err)
			}
			want := devanagari
			if !tt.printed {
				want = strings.Repeat("\uFFFD", len([]rune(devanagari)))
			}
			if got := m.printable(devanagari); got != want {
				t.Errorf("printable(%q) = %q, want %q", devanagari, got, want)
			}
			r := generated(t, 3, "Update in Hindi: "+devanagari+" and symbols "+symbols)
			var warnings []string
			pdf := render(t, r, Options{Fonts: fonts, Warn: func(s string) { warnings = append(warnings, s) }})
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			if got := strings.Contains(text, devanagari); got != tt.printed {
				t.Errorf("Devanagari text printed: %v, want %v", got, tt.printed)
			}
			inOrder(t, text, 0, []string{r.Title, "Update in Hindi:", "and symbols " + symbols, r.Maintenance.Title})
			// One warning per character and action whose update holds it,
			// naming the action.
			holders := 0
			for _, th := range r.Themes {
				for _, o := range th.Outcomes {
					for _, a := range o.Actions {
						if strings.Contains(strings.Join(a.Points, ";"), devanagari) {
							holders++
						}
					}
				}
			}
			if n := len([]rune(devanagari)); !tt.printed && (holders == 0 || len(warnings) != holders*n ||
				!strings.HasPrefix(warnings[0], "action ") || !strings.Contains(warnings[0], "U+0928")) {
				t.Errorf("%d warnings, want %d for each of %d actions, naming the action and the character:\n%s", len(warnings), n, holders, strings.Join(warnings, "\n"))
			}
			if tt.printed && len(warnings) != 0 {
				t.Errorf("warnings for text that printed:\n%s", strings.Join(warnings, "\n"))
			}
		})
	}
}

func TestFontFilesBad(t *testing.T) {
	cff := bytes.Clone(goregular.TTF)
	copy(cff, "OTTO")
	tests := []struct {
		name  string
		fonts FontFiles
		want  []string // what the error says, in order
	}{
		{"garbage bold", FontFiles{Bold: []byte("this is not a font at all")}, []string{"the bold font cannot be used", "not a TrueType font"}},
		{"empty italic", FontFiles{Italic: []byte{}}, []string{"the italic font cannot be used", "not a TrueType font"}},
		{"truncated regular", FontFiles{Regular: goregular.TTF[:3000]}, []string{"the regular font cannot be used", "truncated"}},
		{"PostScript outlines tag", FontFiles{Regular: cff}, []string{"the regular font cannot be used", "PostScript (CFF) outlines"}},
	}
	r := sampleReport(t, allSections)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(&buf, r, Options{Fonts: tt.fonts})
			if err == nil || !containsInOrder(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if !errors.As(err, new(*FontError)) {
				t.Errorf("error %v is not a *FontError", err)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// containsInOrder reports whether s holds each of parts, in order.
func containsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}
