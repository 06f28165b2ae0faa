package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"os"
	"slices"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// keepRunes is the set of glyphs of the runes, as subset takes it.
func keepRunes(f *Font, runes string) []bool {
	keep := make([]bool, f.numGlyphs)
	for _, r := range runes {
		keep[f.Glyph(r)] = true
	}
	return keep
}

// outlined lists the glyphs of f that have an outline.
func outlined(f *Font) []int {
	var ids []int
	for g := range f.numGlyphs {
		if len(f.outline(g)) > 0 {
			ids = append(ids, g)
		}
	}
	return ids
}

// checkFontFile checks a font program's table directory: sorted tags,
// 4-byte aligned tables, table checksums and head.checkSumAdjustment.
func checkFontFile(t *testing.T, ttf []byte) {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	var tags []string
	for i := range n {
		e := ttf[12+16*i:]
		tag, sum := string(e[:4]), binary.BigEndian.Uint32(e[4:])
		off, length := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		tags = append(tags, tag)
		data := slices.Clone(ttf[off : off+length])
		if tag == "head" {
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		if off%4 != 0 || checksum(data) != sum {
			t.Errorf("table %s at %d: checksum %08x, the directory says %08x", tag, off, checksum(data), sum)
		}
	}
	if !slices.IsSorted(tags) {
		t.Errorf("tables not sorted: %q", tags)
	}
	if sum := checksum(ttf); sum != 0xB1B0AFBA || len(ttf)%4 != 0 {
		t.Errorf("the whole font sums to %08x, want B1B0AFBA (head.checkSumAdjustment); %d bytes", sum, len(ttf))
	}
}

func TestSubset(t *testing.T) {
	src := mustFont(t, goregular.TTF)
	keep := keepRunes(src, "Hé –")
	program := src.subset(keep) // keep gains .notdef and the components
	checkFontFile(t, program)
	sub := mustFont(t, program)
	if got, want := outlined(sub), []int{0, 43, 171, 537}; !slices.Equal(got, want) { // space has no outline
		t.Errorf("glyphs outlined %v, want %v", got, want)
	}
	for _, g := range outlined(sub) {
		if !samePadded(sub.outline(g), appendUnhinted(nil, src.outline(g))) {
			t.Errorf("glyph %d's outline is not the font's without its hinting", g)
		}
	}
	if !sameKeptWidths(sub, src, keep) || sub.Glyph('é') != 171 || sub.PostScriptName() != "GoRegular" {
		t.Error("the subset's metrics, cmap or name differ from the font's")
	}
	var tags []string
	for tag := range sub.tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	if !slices.Equal(tags, subsetTags) {
		t.Errorf("tables %q, want %q", tags, subsetTags)
	}
	if head, _ := sub.table("head", 54); binary.BigEndian.Uint16(head[50:]) != 1 {
		t.Error("head.indexToLocFormat is not 1 (long)")
	}
}

// samePadded reports whether outline is want followed by the zeros that
// align it to 4 bytes.
func samePadded(outline, want []byte) bool {
	return len(outline) == pad4(len(want)) && bytes.HasPrefix(outline, want) &&
		!slices.ContainsFunc(outline[len(want):], func(b byte) bool { return b != 0 })
}

// component is a component of a composite glyph.
type component struct {
	glyph uint16
	flags uint16 // argsAreWords and the transform flags
}

// compositeGlyph encodes a composite glyph of the components at offset 0,
// cut to cut bytes when cut > 0.
func compositeGlyph(cut int, parts ...component) []byte {
	b := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0x10, 0, 0x10}
	for i, p := range parts {
		flags := p.flags | 0x2 // offsets are x, y values
		if i < len(parts)-1 {
			flags |= moreComponents
		}
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, p.glyph)
		args := componentArgsSize(flags)
		b = append(b, make([]byte, args)...)
		if flags&(haveScale|haveXYScale|haveTwoByTwo) != 0 {
			b[len(b)-args+2] = 0x40 // the first scale is 1.0 (F2Dot14)
		}
	}
	if cut > 0 {
		return b[:cut]
	}
	return b
}

// withOutlines is goregular with the outlines of some glyphs replaced.
func withOutlines(t *testing.T, outlines map[uint16][]byte) []byte {
	t.Helper()
	f := mustFont(t, goregular.TTF)
	var glyf, loca []byte
	for g := range f.numGlyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		o, ok := outlines[uint16(g)]
		if !ok {
			o = f.outline(g)
		}
		glyf = append(glyf, o...)
		glyf = append(glyf, make([]byte, pad4(len(glyf))-len(glyf))...)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	head, _ := f.table("head", 54)
	head = slices.Clone(head)
	binary.BigEndian.PutUint16(head[50:], 1)
	return rebuildFont(t, goregular.TTF, map[string][]byte{"glyf": glyf, "loca": loca, "head": head})
}

// compositeFont is goregular with composite glyphs: X is A and Y, Y is B
// and C (so X holds a composite), Z is itself and D (a cycle), Q is E and
// a record cut short, W points at a glyph the font lacks.
func compositeFont(t *testing.T) []byte {
	reg := mustFont(t, goregular.TTF)
	g := reg.Glyph
	return withOutlines(t, map[uint16][]byte{
		g('X'): compositeGlyph(0, component{g('A'), 0}, component{g('Y'), argsAreWords | haveScale}),
		g('Y'): compositeGlyph(0, component{g('B'), haveXYScale}, component{g('C'), argsAreWords | haveTwoByTwo}),
		g('Z'): compositeGlyph(0, component{g('Z'), 0}, component{g('D'), 0}),
		g('Q'): compositeGlyph(10+4+2+3, component{g('E'), 0}, component{g('F'), 0}),
		g('W'): compositeGlyph(0, component{60000, 0}),
	})
}

func TestSubsetComposite(t *testing.T) {
	src := mustFont(t, compositeFont(t))
	tests := []struct {
		name  string
		drawn string
		want  string // the glyphs outlined besides .notdef
	}{
		{"simple glyph", "A", "A"},
		{"composite of a composite", "X", "XAYBC"},
		{"composite that is its own component", "Z", "ZD"},
		{"component record cut short", "Q", "QE"},
		{"component the font lacks", "W", "W"},
		{"shared components", "XY", "XAYBC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			program := src.subset(keepRunes(src, tt.drawn))
			checkFontFile(t, program)
			sub := mustFont(t, program)
			want := []int{0}
			for _, r := range tt.want {
				want = append(want, int(src.Glyph(r)))
			}
			slices.Sort(want)
			if got := outlined(sub); !slices.Equal(got, want) {
				t.Errorf("glyphs outlined %v, want %v (%q)", got, want, tt.want)
			}
			for _, g := range want {
				if !samePadded(sub.outline(g), appendUnhinted(nil, src.outline(g))) {
					t.Errorf("glyph %d's outline is not the font's without its hinting", g)
				}
			}
		})
	}
}

// TestSubsetLiberation subsets a real font's composite glyphs (the
// accented capitals of Liberation Sans Bold), when it is installed.
func TestSubsetLiberation(t *testing.T) {
	ttf, err := os.ReadFile("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")
	if err != nil {
		t.Skip("skipped: the Liberation fonts are not installed (apt-get install fonts-liberation2)")
	}
	src := mustFont(t, ttf)
	keep := keepRunes(src, "ǺÉñ")
	sub := mustFont(t, src.subset(slices.Clone(keep)))
	composites := 0
	for _, g := range outlined(sub) {
		parts := sub.components(sub.outline(g))
		if keep[g] && len(parts) > 0 {
			composites++
		}
		for _, c := range parts {
			if len(sub.outline(int(c))) == 0 {
				t.Errorf("glyph %d's component %d is not in the subset", g, c)
			}
		}
	}
	if composites == 0 {
		t.Error("none of Ǻ É ñ is a composite glyph: the test tests nothing")
	}
}

func TestAppendUnhinted(t *testing.T) {
	// A simple glyph of one contour of one point, with three bytes of
	// instructions, then its flag and coordinates.
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 0, 0, 3, 0xB0, 0x01, 0x2F, 0x37}
	unhintedSimple := []byte{0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 0, 0, 0, 0x37}
	composite := compositeGlyph(0, component{36, 0}, component{37, 0})
	hinted := slices.Clone(composite)
	last := len(hinted) - 4 - componentArgsSize(0x2)
	binary.BigEndian.PutUint16(hinted[last:], binary.BigEndian.Uint16(hinted[last:])|haveHinting)
	hinted = append(hinted, 0, 2, 0xB0, 0x01)
	tests := []struct {
		name          string
		outline, want []byte
	}{
		{"empty glyph", nil, nil},
		{"simple glyph", simple, unhintedSimple},
		{"simple glyph without instructions", unhintedSimple, unhintedSimple},
		{"instructions longer than the glyph", simple[:15], simple[:15]},
		{"composite without instructions", composite, composite},
		{"composite with instructions", hinted, composite},
		{"composite cut short", hinted[:len(hinted)-8], hinted[:len(hinted)-8]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := []byte("glyf")
			got := appendUnhinted(slices.Clone(prefix), tt.outline)
			if !bytes.Equal(got[:len(prefix)], prefix) || !bytes.Equal(got[len(prefix):], tt.want) {
				t.Errorf("appendUnhinted(% x) = % x, want % x", tt.outline, got[len(prefix):], tt.want)
			}
		})
	}
}

// sameKeptWidths reports whether the subset sub has the widths of src for
// the glyphs kept (with their components, which subset adds to keep), and
// zero for the others before the last full metric, which it drops.
func sameKeptWidths(sub, src *Font, keep []bool) bool {
	hhea, _ := src.table("hhea", 36)
	long := int(binary.BigEndian.Uint16(hhea[34:]))
	for g := range src.widths {
		switch {
		case keep[g] || g >= long-1:
			if sub.widths[g] != src.widths[g] {
				return false
			}
		case sub.widths[g] != 0:
			return false
		}
	}
	return true
}
