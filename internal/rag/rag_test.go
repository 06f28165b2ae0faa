package rag

import (
	"math"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	blue := Default()
	blue.Values = append(blue.Values, Value{Code: "B", Name: "Blue", Complete: true})
	tests := []struct {
		name  string
		scale Scale
		in    string
		want  string // the code found; "" for none
	}{
		{"code", Default(), "G", "G"},
		{"code in lower case", Default(), "a", "A"},
		{"name", Default(), "Red", "R"},
		{"name in any case and spacing", Default(), "  gREEN ", "G"},
		{"spaces inside", Default(), "Am ber", "A"},
		{"blank", Default(), "   ", ""},
		{"outside the scale", Default(), "Blue", ""},
		{"a configured value", blue, "blue", "B"},
		{"a stray glyph", Default(), "Ð", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.scale.Parse(tt.in)
			if ok != (tt.want != "") || v.Code != tt.want {
				t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, v.Code, ok, tt.want)
			}
		})
	}
}

func TestRank(t *testing.T) {
	s := Default()
	if s.Rank("R") >= s.Rank("A") || s.Rank("A") >= s.Rank("G") || s.Rank("X") != -1 {
		t.Errorf("ranks R %d, A %d, G %d, X %d: want R < A < G and X = -1", s.Rank("R"), s.Rank("A"), s.Rank("G"), s.Rank("X"))
	}
	if got := strings.Join(s.Codes(), ","); got != "R,A,G" {
		t.Errorf("Codes() = %s", got)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		values  []Value
		wantErr string
	}{
		{"the default", Default().Values, ""},
		{"empty", nil, "no values"},
		{"a value without a name", []Value{{Code: "R"}}, "needs both"},
		{"a code used twice", []Value{{Code: "R", Name: "Red"}, {Code: "r", Name: "Rose"}}, "used twice"},
		{"a name that is another's code", []Value{{Code: "G", Name: "Green"}, {Code: "B", Name: "g"}}, "used twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Scale{Values: tt.values}.Validate()
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Validate() = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestColour(t *testing.T) {
	tests := []struct {
		in      string
		want    Colour
		wantErr bool
		dark    bool
	}{
		{"#C00000", Colour{0xC0, 0, 0}, false, true},
		{"ffc000", Colour{0xFF, 0xC0, 0}, false, false},
		{" #00B050 ", Colour{0, 0xB0, 0x50}, false, false}, // black 7.3:1, white only 2.9:1
		{"red", Colour{}, true, false},
		{"#12345", Colour{}, true, false},
		{"#GGGGGG", Colour{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseColour(tt.in)
			if (err != nil) != tt.wantErr || c != tt.want {
				t.Fatalf("ParseColour(%q) = %v, %v", tt.in, c, err)
			}
			if err == nil && (c.Dark() != tt.dark || c.Hex() != strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(tt.in), "#"))) {
				t.Errorf("%q: Dark() %v, Hex() %s", tt.in, c.Dark(), c.Hex())
			}
		})
	}
}

// FuzzParse checks that any text either finds a value whose code or name
// it is, once case and spaces are ignored, or none.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"G", " amber ", "Ð", "", "R\u00a0", "ＲＥＤ"} {
		f.Add(s)
	}
	s := Default()
	f.Fuzz(func(t *testing.T, in string) {
		v, ok := s.Parse(in)
		if !ok {
			return
		}
		if k := key(in); k != key(v.Code) && k != key(v.Name) {
			t.Fatalf("Parse(%q) found %q", in, v.Code)
		}
	})
}

func TestSameKey(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"equal", "Amber", "Amber"},
		{"case", "amber", "AMBER"},
		{"spacing", " A m\tber ", "Amber"},
		{"different", "Amber", "Ambers"},
		{"prefix", "Am", "Amber"},
		{"empty and spaces", "", "  "},
		{"invalid UTF-8", "A\xffB", "a\xff b"},
		{"non-ASCII", "Ämber", "ämber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := sameKey(tt.a, tt.b), key(tt.a) == key(tt.b); got != want {
				t.Errorf("sameKey(%q, %q) = %v, want %v (as key compares)", tt.a, tt.b, got, want)
			}
		})
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b Colour
		want float64
	}{
		{White, Black, 21},
		{Black, Black, 1},
		{White, Colour{0, 0xB0, 0x50}, 2.87},
		{Black, Colour{0, 0xB0, 0x50}, 7.33},
		{White, Colour{0xC0, 0, 0}, 6.48},
		{Black, Colour{0xFF, 0xC0, 0}, 12.79},
		{Colour{0x77, 0x77, 0x77}, White, 4.48},
	}
	for _, tt := range tests {
		got := Contrast(tt.a, tt.b)
		if math.Abs(got-tt.want) > 0.01 || Contrast(tt.b, tt.a) != got {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestTextContrast checks the promise the renderers rely on: whatever
// fill a committee configures, its text colour reaches WCAG AA (4.5:1).
func TestTextContrast(t *testing.T) {
	worst := 21.0
	for r := 0; r < 256; r += 5 {
		for g := 0; g < 256; g += 5 {
			for b := 0; b < 256; b += 5 {
				fill := Colour{uint8(r), uint8(g), uint8(b)}
				c := Contrast(fill.Text(), fill)
				worst = min(worst, c)
				if other := Contrast(White, fill) + Contrast(Black, fill) - c; other > c {
					t.Fatalf("%s: text contrast %.2f, but the other colour gives %.2f", fill.Hex(), c, other)
				}
			}
		}
	}
	if worst < 4.5 {
		t.Errorf("worst text contrast %.2f, want at least 4.5", worst)
	}
}
