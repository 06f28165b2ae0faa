package pdfreport

import (
	"crypto/sha256"
	"encoding/binary"
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

// FontFiles are the TrueType fonts the report is set in, one file per
// face. A nil face keeps the embedded Go font. Fonts with PostScript (CFF)
// outlines and font collections are not supported: fpdf embeds TrueType
// outlines only.
type FontFiles struct {
	Regular, Bold, Italic []byte
}

// style is one of the faces of the family, as fpdf names them. The report
// uses regular, bold and italic; bold italic is not embedded, since fpdf
// embeds (and spends time on) every face registered.
type style string

const (
	regular style = ""
	bold    style = "B"
	italic  style = "I"
)

// face is one font file and the style it is registered as.
type face struct {
	style style
	name  string // for errors: "regular", "bold", "italic"
	ttf   []byte
}

// faces pairs each style with its font file, the Go font where none is
// given.
func (ff FontFiles) faces() []face {
	pick := func(b, fallback []byte) []byte {
		if b == nil {
			return fallback
		}
		return b
	}
	return []face{
		{regular, "regular", pick(ff.Regular, goregular.TTF)},
		{bold, "bold", pick(ff.Bold, gobold.TTF)},
		{italic, "italic", pick(ff.Italic, goitalic.TTF)},
	}
}

// The family names the faces are registered under in a document (and that
// a reader shows as the fonts' names).
const (
	goFamily     = "Go"
	customFamily = "Custom"
)

// replacement stands for a character the fonts cannot draw.
const replacement = '\uFFFD'

// metrics holds, for every character of the Basic Multilingual Plane, its
// advance width in each face (in thousandths of the font size), and whether
// every face has a glyph for it. fpdf's own width lookups index a slice by
// rune and cannot take characters beyond U+FFFF, so text is reduced to
// what this table covers before it reaches fpdf.
type metrics struct {
	family  string
	faces   []face
	covered [0x10000]bool
	widths  map[style]*[0x10000]uint16
}

var (
	goMetrics     *metrics
	goMetricsErr  error
	goMetricsOnce sync.Once

	// customMetrics caches the metrics of the font sets given in Options,
	// by the SHA-256 of their files; it is emptied when it holds
	// maxCustomMetrics.
	customMetrics   = map[[sha256.Size]byte]*metrics{}
	customMetricsMu sync.Mutex
)

const maxCustomMetrics = 8

// loadMetrics returns the metrics of the Go fonts, built once per process.
func loadMetrics() (*metrics, error) {
	goMetricsOnce.Do(func() {
		goMetrics, goMetricsErr = newMetrics(goFamily, FontFiles{}.faces())
	})
	return goMetrics, goMetricsErr
}

// FontError says that a configured font cannot be used, and why.
type FontError struct{ Err error }

func (e *FontError) Error() string { return e.Err.Error() }
func (e *FontError) Unwrap() error { return e.Err }

// metricsFor returns the metrics of the fonts ff, built once per process
// for each set of fonts.
func metricsFor(ff FontFiles) (*metrics, error) {
	if ff.Regular == nil && ff.Bold == nil && ff.Italic == nil {
		return loadMetrics()
	}
	faces := ff.faces()
	h := sha256.New()
	for _, f := range faces {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(f.ttf))))
		h.Write(f.ttf)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	customMetricsMu.Lock()
	defer customMetricsMu.Unlock()
	if m, ok := customMetrics[key]; ok {
		return m, nil
	}
	m, err := newMetrics(customFamily, faces)
	if err != nil {
		return nil, &FontError{Err: err}
	}
	if len(customMetrics) >= maxCustomMetrics {
		clear(customMetrics)
	}
	customMetrics[key] = m
	return m, nil
}

// newMetrics checks the font files and builds their metrics: the glyph
// coverage from the fonts' character maps (sfnt), the widths from fpdf
// itself, so that measuring and drawing agree to the unit.
func newMetrics(family string, faces []face) (*metrics, error) {
	m := &metrics{family: family, faces: faces, widths: map[style]*[0x10000]uint16{}}
	for i := range m.covered {
		m.covered[i] = true
	}
	var buf sfnt.Buffer
	for _, fc := range faces {
		f, err := parseTrueType(fc)
		if err != nil {
			return nil, err
		}
		for r := range m.covered {
			if g, err := f.GlyphIndex(&buf, rune(r)); err != nil || g == 0 {
				m.covered[r] = false
			}
		}
	}
	for _, fc := range faces {
		w, err := m.fpdfWidths(fc)
		if err != nil {
			return nil, fmt.Errorf("the %s font cannot be embedded: %w", fc.name, err)
		}
		m.widths[fc.style] = w
	}
	return m, nil
}

// parseTrueType checks that a face's file is a TrueType font.
func parseTrueType(fc face) (*sfnt.Font, error) {
	f, err := sfnt.Parse(fc.ttf)
	if err != nil {
		return nil, fmt.Errorf("the %s font is not a TrueType font: %w", fc.name, err)
	}
	switch binary.BigEndian.Uint32(fc.ttf) {
	case 0x00010000, 0x74727565: // TrueType outlines: 1.0 or "true"
		return f, nil
	}
	return nil, fmt.Errorf("the %s font has PostScript (CFF) outlines; only TrueType outlines can be embedded", fc.name)
}

// fpdfWidths has fpdf read a face and returns the widths it will use for
// the characters every face covers.
func (m *metrics) fpdfWidths(fc face) (w *[0x10000]uint16, err error) {
	defer func() {
		if p := recover(); p != nil {
			w, err = nil, fmt.Errorf("fpdf failed reading it: %v", p)
		}
	}()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(m.family, string(fc.style), fc.ttf)
	pdf.SetFont(m.family, string(fc.style), 10)
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	w = new([0x10000]uint16)
	for r, ok := range m.covered {
		if ok {
			w[r] = uint16(pdf.GetStringSymbolWidth(string(rune(r))))
		}
	}
	return w, nil
}

// addFonts registers the faces with a document.
func (m *metrics) addFonts(pdf *fpdf.Fpdf) {
	for _, fc := range m.faces {
		pdf.AddUTF8FontFromBytes(m.family, string(fc.style), fc.ttf)
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
