package pdfreport

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/text/unicode/norm"

	"github.com/planreport/planreport/internal/pdfdoc"
)

// FontFiles are the TrueType fonts the report is set in, one file per
// face. A nil face keeps the embedded Go font. Fonts with PostScript (CFF)
// outlines and font collections are not supported: pdfdoc embeds TrueType
// outlines only.
type FontFiles struct {
	Regular, Bold, Italic []byte
}

// style is one of the faces of the family. The report uses regular, bold
// and italic.
type style int

const (
	regular style = iota
	bold
	italic
	styles // the number of styles
)

// face is one font file, parsed, and the style it is set in.
type face struct {
	style style
	name  string // for errors: "regular", "bold", "italic"
	font  *pdfdoc.Font
}

// files pairs each style with its font file, the Go font where none is
// given, in the order of the styles.
func (ff FontFiles) files() [styles][]byte {
	pick := func(b, fallback []byte) []byte {
		if b == nil {
			return fallback
		}
		return b
	}
	return [styles][]byte{
		regular: pick(ff.Regular, goregular.TTF),
		bold:    pick(ff.Bold, gobold.TTF),
		italic:  pick(ff.Italic, goitalic.TTF),
	}
}

var styleNames = [styles]string{regular: "regular", bold: "bold", italic: "italic"}

// replacement stands for a character the fonts cannot draw.
const replacement = '\uFFFD'

// metrics holds the parsed faces and, for every character of the Basic
// Multilingual Plane, its advance width in each face (in thousandths of
// the font size), and whether every face has a glyph for it. Text is
// reduced to what this table covers before it is measured or drawn.
type metrics struct {
	faces   [styles]face
	covered [0x10000]bool
	widths  [styles][0x10000]uint16
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
		goMetrics, goMetricsErr = newMetrics(FontFiles{}.files())
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
	files := ff.files()
	h := sha256.New()
	for _, b := range files {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(b))))
		h.Write(b)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	customMetricsMu.Lock()
	defer customMetricsMu.Unlock()
	if m, ok := customMetrics[key]; ok {
		return m, nil
	}
	m, err := newMetrics(files)
	if err != nil {
		return nil, &FontError{Err: err}
	}
	if len(customMetrics) >= maxCustomMetrics {
		clear(customMetrics)
	}
	customMetrics[key] = m
	return m, nil
}

// newMetrics parses the font files and builds their metrics from the
// fonts' character maps and advance widths, the very widths pdfdoc writes
// in the file, so that measuring and drawing agree to the unit.
func newMetrics(files [styles][]byte) (*metrics, error) {
	m := new(metrics)
	for st, b := range files {
		f, err := pdfdoc.ParseFont(b)
		if err != nil {
			return nil, fmt.Errorf("the %s font cannot be used: %w", styleNames[st], err)
		}
		m.faces[st] = face{style: style(st), name: styleNames[st], font: f}
	}
	for r := range m.covered {
		covered := true
		for st, fc := range m.faces {
			covered = covered && fc.font.Glyph(rune(r)) != 0
			m.widths[st][r] = uint16(fc.font.Width(rune(r)))
		}
		m.covered[r] = covered
	}
	return m, nil
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
	w := &m.widths[st]
	n := 0
	for _, r := range s {
		if r < 0x10000 {
			n += int(w[r])
		}
	}
	return n
}
