package pdfreport

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// georgian is a text the DejaVu fonts cover and the Go fonts do not.
const georgian = "გამარჯობა"

// dejaVu reads a DejaVu font of this machine, or skips the test when it
// is not installed.
func dejaVu(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/" + name)
	if err != nil {
		t.Skipf("the DejaVu fonts are not installed: %v", err)
	}
	return b
}

func TestFontFiles(t *testing.T) {
	tests := []struct {
		name    string
		fonts   func(t *testing.T) FontFiles
		printed bool // whether the Georgian text prints, rather than U+FFFD
	}{
		{"Go fonts", func(*testing.T) FontFiles { return FontFiles{} }, false},
		{"DejaVu Sans in every face", func(t *testing.T) FontFiles {
			return FontFiles{Regular: dejaVu(t, "DejaVuSans.ttf"), Bold: dejaVu(t, "DejaVuSans-Bold.ttf"),
				Italic: dejaVu(t, "DejaVuSans-Oblique.ttf")}
		}, true},
		{"DejaVu Sans regular, Go bold and italic", func(t *testing.T) FontFiles {
			return FontFiles{Regular: dejaVu(t, "DejaVuSans.ttf")}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fonts := tt.fonts(t)
			m, err := metricsFor(fonts)
			if err != nil {
				t.Fatal(err)
			}
			want := georgian
			if !tt.printed {
				want = strings.Repeat("\uFFFD", len([]rune(georgian)))
			}
			if got := m.printable(georgian); got != want {
				t.Errorf("printable(%q) = %q, want %q", georgian, got, want)
			}
			r := generated(t, 3, "Update in Georgian: "+georgian)
			pdf := render(t, r, Options{Fonts: fonts})
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			if got := strings.Contains(text, georgian); got != tt.printed {
				t.Errorf("Georgian text printed: %v, want %v", got, tt.printed)
			}
			inOrder(t, text, 0, []string{r.Title, "Update in Georgian:", r.Maintenance.Title})
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
