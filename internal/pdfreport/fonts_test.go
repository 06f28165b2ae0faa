package pdfreport

import (
	"bytes"
	"errors"
	"os"
	"slices"
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
// in DejaVu Sans, then in the configured fallback fonts; what none has is
// drawn as U+FFFD and reads back (pdftotext, the character codes'
// ToUnicode, the structure's text) as itself, and is warned of once for
// the cell it is in.
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
			if got := shown(m, regular, m.printable(devanagari)); got != want {
				t.Errorf("%q shows as %q, want %q", devanagari, got, want)
			}
			r := generated(t, 3, "Update in Hindi: "+devanagari+" and symbols "+symbols)
			var warnings []string
			pdf := render(t, r, Options{Fonts: fonts, Warn: func(s string) { warnings = append(warnings, s) }})
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			// Printed or not, the text reads back as it was written.
			inOrder(t, text, 0, []string{r.Title, "Update in Hindi: " + devanagari + " and symbols " + symbols, r.Maintenance.Title})
			rb := pikepdf(t, writePDF(t, pdf))
			checkContent(t, rb)
			// What does not print is drawn as U+FFFD's glyph, in codes that
			// read (ToUnicode, what pdf.js takes) as the text, as the
			// replacement text does (what pdftotext takes).
			var drawn []string
			for _, s := range rb.Replaced {
				drawn = append(drawn, s.Seen)
				if s.Actual != devanagari || s.Drawn != devanagari || s.Seen != want {
					t.Errorf("%q drawn for %q, reading as %q; want %q for %q, reading as it", s.Seen, s.Actual, s.Drawn, want, devanagari)
				}
			}
			if tt.printed != (len(rb.Replaced) == 0) {
				t.Errorf("the PDF draws %q in place of characters, want that only when the Devanagari does not print", drawn)
			}
			if !structureHolds(rb, "Update in Hindi: "+devanagari) {
				t.Errorf("no structure element's text holds %q", "Update in Hindi: "+devanagari)
			}
			// One warning for the update's cell.
			var wantWarnings []string
			if !tt.printed {
				wantWarnings = []string{"action 1.1: warning: 4 characters (" + devanagari + ", Devanagari) are in no font planreport has; they print as \uFFFD (fonts.fallback adds one)"}
			}
			if !slices.Equal(warnings, wantWarnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantWarnings, "\n"))
			}
			if got, err := FontWarnings(r, fonts); err != nil || !slices.Equal(got, wantWarnings) {
				t.Errorf("FontWarnings = %q, %v; want %q, as Render warns", got, err, wantWarnings)
			}
		})
	}
}

// structureHolds reports whether the text of a structure element holds s.
func structureHolds(rb readBack, s string) bool {
	for _, e := range rb.Elements {
		if strings.Contains(normalise(e.Text), s) {
			return true
		}
	}
	return false
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

// TestStyleFallback checks that a character one style's fonts lack and
// another style's have is set in that style, not printed as U+FFFD: Arabic,
// which DejaVu Sans has in regular and bold and not in oblique, in the
// organisation's name (italic), a theme's heading (bold) and an update
// (regular). Shaping is out of scope: the letters are drawn as they are
// stored.
func TestStyleFallback(t *testing.T) {
	const arabic = "مرحبا بالعالم"
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	if m.fonts[m.chains[italic][1]].Glyph('م') != 0 {
		t.Fatal("DejaVu Sans Oblique has Arabic: the test needs a face without it")
	}
	// Each style's DejaVu Sans, but italic's, which falls back to regular.
	want := [styles]int{regular: m.chains[regular][1], bold: m.chains[bold][1], italic: m.chains[regular][1]}
	for st := range styles {
		for _, r := range arabic {
			if i, _, ok := m.font(st, r); r != ' ' && (!ok || i != want[st]) {
				t.Errorf("%s %q (%U) is set in font %d (found: %v), want %d", styleNames[st], r, r, i, ok, want[st])
			}
		}
	}
	r := generated(t, 3, "Update in Arabic: "+arabic)
	r.Organisation = arabic + " Council"
	r.Themes[0].Name = "Theme " + arabic
	var warnings []string
	pdf := render(t, r, Options{Warn: func(s string) { warnings = append(warnings, s) }})
	if len(warnings) != 0 {
		t.Errorf("warnings for Arabic, which DejaVu Sans has:\n%s", strings.Join(warnings, "\n"))
	}
	rb := pikepdf(t, writePDF(t, pdf))
	checkContent(t, rb)
	if len(rb.Replaced) != 0 {
		t.Errorf("%d texts drawn as replacement marks, want none: %v", len(rb.Replaced), rb.Replaced)
	}
	for _, want := range []string{arabic + " Council", "Theme " + arabic, "Update in Arabic: " + arabic} {
		if !structureHolds(rb, want) {
			t.Errorf("no structure element's text holds %q, drawn with the fonts' own glyphs", want)
		}
	}
	if text := pdfText(t, pdf); strings.Count(text, "م") < 6 || strings.Contains(text, "\uFFFD") {
		t.Errorf("pdftotext reads %.300q: want the Arabic letters in the three places, and no U+FFFD", text)
	}
}

// TestFontWarningForm checks the warning's words: the characters counted
// as a reader counts them (a letter and its marks are one), quoted as they
// appear, their scripts named, one line for each place however many texts
// it has.
func TestFontWarningForm(t *testing.T) {
	const tail = " are in no font planreport has; they print as \uFFFD (fonts.fallback adds one)"
	tests := []struct {
		name  string
		texts []string // set from the one place, Updates!C13
		want  string   // "" for no warning
	}{
		{"Gujarati", []string{"Update: ગુજરાતી."}, "Updates!C13: warning: 4 characters (ગુજરાતી, Gujarati)" + tail},
		{"one character", []string{"a \uE000 b"}, "Updates!C13: warning: 1 character (\uE000, private use) is in no font planreport has; it prints as \uFFFD (fonts.fallback adds one)"},
		{"two scripts, three texts, one set twice (counted once), a run repeated (quoted once)", []string{"ગુ and नम", "ગુ and नम", "again ગુ"},
			"Updates!C13: warning: 4 characters (ગુ नम, Gujarati and Devanagari)" + tail},
		{"a long run shortened", []string{strings.Repeat("ગ", 30)}, "Updates!C13: warning: 30 characters (" + strings.Repeat("ગ", 23) + "…, Gujarati)" + tail},
		{"every character covered", []string{"Zażółć ✓ مرحبا"}, ""},
	}
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cov := newCoverage(m)
			for _, s := range tt.texts {
				cov.check("Updates!C13", s)
			}
			var got []string
			cov.report(func(s string) { got = append(got, s) })
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("warnings %q, want %q", got, want)
			}
		})
	}
}
