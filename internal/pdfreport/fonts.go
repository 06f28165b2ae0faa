package pdfreport

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/text/unicode/norm"

	"github.com/planreport/planreport/internal/pdfdoc"
)

// FontFiles are the TrueType fonts the report is set in. Regular, Bold and
// Italic are the body font's faces; a nil face keeps Liberation Sans, which
// has the metrics of Arial, the font of councils' house styles and of the
// Word report. A character the body font lacks is set in the first font
// that has it: DejaVu Sans (in the same style), then each Fallback font in
// order. Fonts with PostScript (CFF) outlines and font collections are not
// supported: pdfdoc embeds TrueType outlines only.
type FontFiles struct {
	Regular, Bold, Italic []byte
	Fallback              [][]byte
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

var styleNames = [styles]string{regular: "regular", bold: "bold", italic: "italic"}

// The built-in fonts: the body font, and DejaVu Sans for what it lacks.
var (
	bodyFonts  = [styles][]byte{liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF}
	dejaVuSans = [styles][]byte{dejavusans.TTF, dejavusansbold.TTF, dejavusansoblique.TTF}
)

// replacement stands for a character no font can draw. DejaVu Sans has it.
const replacement = '\uFFFD'

// metrics holds the parsed fonts and, for every character of the Basic
// Multilingual Plane and every style, which font sets it and its advance
// width there (in thousandths of the font size). Text is reduced to what
// the fonts can draw before it is measured or drawn; a character no font
// has is kept, measured as U+FFFD, and drawn as U+FFFD with the character
// as its replacement text (drawer.text).
type metrics struct {
	fonts  []*pdfdoc.Font          // every font, each once
	chains [styles][]int           // each style's fonts, indexes into fonts, the body face first
	pick   [styles][0x10000]uint8  // 1 + the index in fonts of the font that sets r; 0 for none
	widths [styles][0x10000]uint16 // r's advance there; U+FFFD's for a character no font has
	body   [styles]uint8           // the pick of each style's body face
	repl   [styles]int             // the font each style sets U+FFFD in
}

var (
	builtIn     *metrics
	builtInErr  error
	builtInOnce sync.Once

	// customMetrics caches the metrics of the font sets given in Options,
	// by the SHA-256 of their files; it is emptied when it holds
	// maxCustomMetrics.
	customMetrics   = map[[sha256.Size]byte]*metrics{}
	customMetricsMu sync.Mutex
)

const maxCustomMetrics = 8

// loadMetrics returns the metrics of the built-in fonts, built once per
// process.
func loadMetrics() (*metrics, error) {
	builtInOnce.Do(func() { builtIn, builtInErr = newMetrics(FontFiles{}) })
	return builtIn, builtInErr
}

// FontError says that a configured font cannot be used, and why.
type FontError struct{ Err error }

func (e *FontError) Error() string { return e.Err.Error() }
func (e *FontError) Unwrap() error { return e.Err }

// metricsFor returns the metrics of the fonts ff, built once per process
// for each set of fonts.
func metricsFor(ff FontFiles) (*metrics, error) {
	if ff.Regular == nil && ff.Bold == nil && ff.Italic == nil && len(ff.Fallback) == 0 {
		return loadMetrics()
	}
	h := sha256.New()
	for _, b := range append([][]byte{ff.Regular, ff.Bold, ff.Italic}, ff.Fallback...) {
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
	m, err := newMetrics(ff)
	if err != nil {
		return nil, &FontError{Err: err}
	}
	if len(customMetrics) >= maxCustomMetrics {
		clear(customMetrics)
	}
	customMetrics[key] = m
	return m, nil
}

// parsedFonts caches parsed font files by their SHA-256, so that the
// built-in fonts are parsed once per process whatever else is configured.
var parsedFonts sync.Map // [sha256.Size]byte → *pdfdoc.Font

func parseFont(b []byte) (*pdfdoc.Font, error) {
	key := sha256.Sum256(b)
	if f, ok := parsedFonts.Load(key); ok {
		return f.(*pdfdoc.Font), nil
	}
	f, err := pdfdoc.ParseFont(b)
	if err == nil {
		parsedFonts.Store(key, f)
	}
	return f, err
}

// newMetrics parses the fonts and builds their metrics from the fonts'
// character maps and advance widths, the very widths pdfdoc writes in the
// file, so that measuring and drawing agree to the unit.
func newMetrics(ff FontFiles) (*metrics, error) {
	m := new(metrics)
	body := [styles][]byte{ff.Regular, ff.Bold, ff.Italic}
	var fallback []*pdfdoc.Font
	for i, b := range ff.Fallback {
		f, err := parseFont(b)
		if err != nil {
			return nil, fmt.Errorf("fallback font %d cannot be used: %w", i+1, err)
		}
		fallback = append(fallback, f)
	}
	for st := range styles {
		if body[st] == nil {
			body[st] = bodyFonts[st]
		}
		f, err := parseFont(body[st])
		if err != nil {
			return nil, fmt.Errorf("the %s font cannot be used: %w", styleNames[st], err)
		}
		dejaVu, err := parseFont(dejaVuSans[st])
		if err != nil {
			return nil, fmt.Errorf("the built-in DejaVu Sans %s font cannot be used: %w", styleNames[st], err)
		}
		for _, f := range append([]*pdfdoc.Font{f, dejaVu}, fallback...) {
			i := slices.Index(m.fonts, f)
			if i < 0 {
				i = len(m.fonts)
				m.fonts = append(m.fonts, f)
			}
			m.chains[st] = append(m.chains[st], i)
		}
		m.body[st] = uint8(m.chains[st][0] + 1)
	}
	for st := range styles {
		m.fill(st)
	}
	return m, nil
}

// searchOrder is the order in which style st looks for a character: its
// own chain, then the other styles' chains, regular first, so that a
// character one face lacks and another face of the family has is set in
// that face rather than printed as U+FFFD.
var searchOrder = [styles][styles]style{
	regular: {regular, bold, italic},
	bold:    {bold, regular, italic},
	italic:  {italic, regular, bold},
}

// find returns the index in fonts of the first font style st's search
// order sets r in; ok is false when no font has r.
func (m *metrics) find(st style, r rune) (i int, ok bool) {
	for _, other := range searchOrder[st] {
		for _, i := range m.chains[other] {
			if m.fonts[i].Glyph(r) != 0 {
				return i, true
			}
		}
	}
	return -1, false
}

// fill builds style st's table: for each character of the BMP, the first
// font of the search order that has it, and its width there; for one no
// font has, U+FFFD's width.
func (m *metrics) fill(st style) {
	m.repl[st], _ = m.find(st, replacement) // DejaVu Sans has it
	replWidth := uint16(m.fonts[m.repl[st]].Width(replacement))
	for r := range 0x10000 {
		if i, ok := m.find(st, rune(r)); ok {
			m.pick[st][r] = uint8(i + 1)
			m.widths[st][r] = uint16(m.fonts[i].Width(rune(r)))
		} else {
			m.widths[st][r] = replWidth
		}
	}
}

// font returns the index in fonts of the font that sets r in style st, and
// r's advance width there; ok is false when no font has r, which is then
// drawn as U+FFFD, in font i and with its width.
func (m *metrics) font(st style, r rune) (i, width int, ok bool) {
	if r >= 0 && r < 0x10000 {
		p := m.pick[st][r]
		if p == 0 {
			return m.repl[st], int(m.widths[st][r]), false
		}
		return int(p) - 1, int(m.widths[st][r]), true
	}
	if i, ok := m.find(st, r); ok {
		return i, m.fonts[i].Width(r), true
	}
	return m.repl[st], m.fonts[m.repl[st]].Width(replacement), false
}

// covered reports whether a font has r. Each style has the same
// characters, some in another style's face.
func (m *metrics) covered(r rune) bool {
	_, _, ok := m.font(regular, r)
	return ok
}

// printable reduces a text to what the fonts can draw: it is composed (NFC,
// so "e" and a combining acute become "é"), tabs become spaces, invisible
// format characters (zero-width spaces and joiners, direction marks,
// variation selectors) are dropped, and control characters and bytes that
// are not UTF-8 become U+FFFD. A character no font has is kept: it is
// measured and drawn as U+FFFD, and read back as itself.
func (m *metrics) printable(s string) string {
	if m.allCovered(s) && norm.NFC.IsNormalString(s) {
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
		case unicode.IsControl(r) || r == utf8.RuneError: // or a byte that is not UTF-8
			b.WriteRune(replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// allCovered reports whether every character of s can be drawn as it is in
// the body font, the common case, which needs no copy.
func (m *metrics) allCovered(s string) bool {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r == '\t' || r >= 0x10000 || m.pick[regular][r] != m.body[regular] || m.pick[bold][r] != m.body[bold] || m.pick[italic][r] != m.body[italic] {
			return false
		}
	}
	return true
}

// width is the advance of a printable text in thousandths of the font size.
func (m *metrics) width(st style, s string) int {
	n := 0
	for _, r := range s {
		_, w, _ := m.font(st, r)
		n += w
	}
	return n
}
