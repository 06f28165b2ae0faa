// Package rag defines the RAG (Red / Amber / Green) status scale that a
// plan's progress updates are rated on.
//
// A scale is configuration: the default is the seed report's three values,
// R, A and G, and a committee may add others (for example B / Blue for
// complete). The values are listed from worst to best; that order is what
// makes a change between two report points better or worse.
//
// In a workbook a RAG cell may hold a value's code ("G") or its name
// ("Green"), in any case and with any spacing.
package rag

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Colour is a 24-bit RGB colour.
type Colour struct{ R, G, B uint8 }

// ParseColour reads a colour written as "#RRGGBB" or "RRGGBB".
func ParseColour(s string) (Colour, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) != 6 {
		return Colour{}, fmt.Errorf("colour %q is not of the form #RRGGBB", s)
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("colour %q is not of the form #RRGGBB", s)
	}
	return Colour{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}, nil
}

// Hex returns the colour as "RRGGBB", the form WordprocessingML uses.
func (c Colour) Hex() string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// White and Black are the two text colours a fill can carry.
var (
	White = Colour{0xFF, 0xFF, 0xFF}
	Black = Colour{}
)

// Luminance is the colour's relative luminance as WCAG 2 defines it, from
// 0 (black) to 1 (white).
func (c Colour) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b Colour) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Dark reports whether white text contrasts more with this fill than black
// text does. The better of the two always reaches at least 4.58:1, above
// WCAG AA's 4.5:1 for normal text, whatever colour a committee configures.
func (c Colour) Dark() bool { return Contrast(White, c) > Contrast(Black, c) }

// Text is the text colour for this fill: white or black, whichever has the
// higher contrast ratio.
func (c Colour) Text() Colour {
	if c.Dark() {
		return White
	}
	return Black
}

// Value is one point of the scale.
// The tags are its keys in planreport.yaml.
type Value struct {
	Code       string `mapstructure:"code"`       // the letter printed in the RAG cell: "G"
	Name       string `mapstructure:"name"`       // "Green"
	Colour     Colour `mapstructure:"colour"`     // the fill of the RAG cell
	Definition string `mapstructure:"definition"` // the legend's text
	Complete   bool   `mapstructure:"complete"`   // the value a completed action is expected to carry
	Attention  bool   `mapstructure:"attention"`  // actions with this value are listed as exceptions
}

// Scale is the ordered list of values, worst first.
type Scale struct {
	Values []Value `mapstructure:"values"`
}

// Default returns the seed report's scale, with its legend texts.
func Default() Scale {
	return Scale{Values: []Value{
		{Code: "R", Name: "Red", Colour: Colour{0xC0, 0x00, 0x00}, Attention: true,
			Definition: "RED: There are significant issues and / or risks that are impacting on the action / task right now = we are not delivering the action / task on time / scope / budget"},
		{Code: "A", Name: "Amber", Colour: Colour{0xFF, 0xC0, 0x00}, Attention: true,
			Definition: "AMBER: There are some issues and / or risks that are impacting on the action / task if not fixed = we are at risk of not delivering the action / task on time / scope / budget"},
		{Code: "G", Name: "Green", Colour: Colour{0x00, 0xB0, 0x50}, Complete: true,
			Definition: "GREEN: There are no issues and / or risks impacting on the action / task which is progressing according to plan = we are delivering the action / task on time / scope / budget"},
	}}
}

// key folds a code or name for comparison: case and all white space ignored.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Parse finds the value whose code or name is s, ignoring case and spacing.
// It compares in place, without building keys: the reader and the report
// call it for every RAG cell.
func (s Scale) Parse(text string) (Value, bool) {
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return Value{}, false
	}
	for _, v := range s.Values {
		if sameKey(v.Code, text) || sameKey(v.Name, text) {
			return v, true
		}
	}
	return Value{}, false
}

// sameKey reports whether key(a) == key(b), without building either.
func sameKey(a, b string) bool {
	for {
		a = strings.TrimLeftFunc(a, unicode.IsSpace)
		b = strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
}

// Rank is the position of the value with this code, 0 for the worst, or -1
// when the scale has no such value.
func (s Scale) Rank(code string) int {
	for i, v := range s.Values {
		if v.Code == code {
			return i
		}
	}
	return -1
}

// Codes lists the values' codes in order, for messages and drop-down lists.
func (s Scale) Codes() []string {
	codes := make([]string, len(s.Values))
	for i, v := range s.Values {
		codes[i] = v.Code
	}
	return codes
}

// Validate checks that the scale can be used: at least one value, codes and
// names present and distinct.
func (s Scale) Validate() error {
	if len(s.Values) == 0 {
		return fmt.Errorf("the RAG scale has no values")
	}
	seen := map[string]bool{}
	for i, v := range s.Values {
		if key(v.Code) == "" || key(v.Name) == "" {
			return fmt.Errorf("RAG value %d needs both a code and a name", i+1)
		}
		for _, k := range []string{key(v.Code), key(v.Name)} {
			if seen[k] && key(v.Code) != key(v.Name) {
				return fmt.Errorf("RAG code or name %q is used twice", k)
			}
			seen[k] = true
		}
	}
	return nil
}
