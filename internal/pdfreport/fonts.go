package pdfreport

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// family is the name the Go fonts are registered under in every document.
const family = "Go"

// style is one of the faces of the family, as fpdf names them. The report
// uses regular, bold and italic; bold italic is not embedded, since fpdf
// embeds (and spends time on) every face registered.
type style string

const (
	regular style = ""
	bold    style = "B"
	italic  style = "I"
)

var faceFiles = map[style][]byte{
	regular: goregular.TTF,
	bold:    gobold.TTF,
	italic:  goitalic.TTF,
}

// replacement stands for a character the fonts cannot draw.
const replacement = '\uFFFD'

// metrics holds, for every character of the Basic Multilingual Plane, its
// advance width in each face (in thousandths of the font size), and whether
// every face has a glyph for it. fpdf's own width lookups index a slice by
// rune and cannot take characters beyond U+FFFF, so text is reduced to
// what this table covers before it reaches fpdf.
type metrics struct {
	covered [0x10000]bool
	widths  map[style]*[0x10000]uint16
}

var (
	fontMetrics     *metrics
	fontMetricsErr  error
	fontMetricsOnce sync.Once
)

// loadMetrics builds the metrics table once per process: the glyph coverage
// from the fonts' character maps (sfnt), the widths from fpdf itself, so
// that measuring and drawing agree to the unit.
func loadMetrics() (*metrics, error) {
	fontMetricsOnce.Do(func() {
		fontMetrics, fontMetricsErr = newMetrics()
	})
	return fontMetrics, fontMetricsErr
}

func newMetrics() (*metrics, error) {
	m := &metrics{widths: map[style]*[0x10000]uint16{}}
	for i := range m.covered {
		m.covered[i] = true
	}
	var buf sfnt.Buffer
	for st, ttf := range faceFiles {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("reading the Go font %q: %w", st, err)
		}
		for r := range m.covered {
			if g, err := f.GlyphIndex(&buf, rune(r)); err != nil || g == 0 {
				m.covered[r] = false
			}
		}
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	addFonts(pdf)
	for st := range faceFiles {
		pdf.SetFont(family, string(st), 10)
		w := new([0x10000]uint16)
		for r, ok := range m.covered {
			if ok {
				w[r] = uint16(pdf.GetStringSymbolWidth(string(rune(r))))
			}
		}
		m.widths[st] = w
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("loading the Go fonts: %w", err)
	}
	return m, nil
}

// addFonts registers the faces with a document.
func addFonts(pdf *fpdf.Fpdf) {
	for _, st := range []style{regular, bold, italic} {
		pdf.AddUTF8FontFromBytes(family, string(st), faceFiles[st])
	}
}

// printable reduces a text to what the fonts can draw: it is composed (NFC,
// so "e" and a combining acute become "é"), tabs become spaces, invisible
// format characters (zero-width spaces and joiners, direction marks,
// variation selectors) are dropped, and any other character the fonts lack
// (emoji, scripts the Go fonts do not cover) becomes U+FFFD.
func (m *metrics) printable(s string) string {
	if m.allCovered(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n':
			b.WriteByte('\n')
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			// invisible: dropped
		case r < 0x10000 && m.covered[r]:
			b.WriteRune(r)
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// allCovered reports whether every character of s can be drawn as it is,
// the common case, which needs no copy.
func (m *metrics) allCovered(s string) bool {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r == '\t' || r == utf8.RuneError || r >= 0x10000 || !m.covered[r] {
			return false
		}
	}
	return true
}

// width is the advance of a printable text in thousandths of the font size.
func (m *metrics) width(st style, s string) int {
	w := m.widths[st]
	n := 0
	for _, r := range s {
		if r < 0x10000 {
			n += int(w[r])
		}
	}
	return n
}
