package pdfdoc

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// glyphWant is a rune's glyph id and width in a font, as fontTools reads
// them (width = round(advance * 1000 / unitsPerEm)).
type glyphWant struct {
	r     rune
	glyph uint16
	width int
}

func TestParseGoFonts(t *testing.T) {
	tests := []struct {
		name, ttf string
		psName    string
		glyphs    []glyphWant
	}{
		{"regular", string(goregular.TTF), "GoRegular", []glyphWant{
			{' ', 3, 278}, {'A', 36, 667}, {'W', 58, 944}, {'é', 171, 556}, {'–', 537, 500},
			{'’', 542, 222}, {'•', 550, 350}, {'£', 101, 556}, {'\uFFFD', 709, 1000},
		}},
		{"bold", string(gobold.TTF), "Go-Bold", []glyphWant{
			{' ', 3, 278}, {'A', 36, 722}, {'–', 537, 556}, {'’', 542, 278},
		}},
		{"italic", string(goitalic.TTF), "Go-Italic", []glyphWant{
			{'A', 36, 678}, {'W', 58, 955}, {'é', 171, 567}, {'•', 550, 361},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFont([]byte(tt.ttf))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.PostScriptName(); got != tt.psName {
				t.Errorf("PostScriptName() = %q, want %q", got, tt.psName)
			}
			checkGlyphs(t, f, tt.glyphs)
			for _, r := range []rune{'\u0378', 0x1F600, -1, 0x110000} { // none of them in the font
				if g, w := f.Glyph(r), f.Width(r); g != 0 || w != 0 {
					t.Errorf("Glyph(%U), Width = %d, %d; want 0, 0", r, g, w)
				}
			}
		})
	}
}

func checkGlyphs(t *testing.T, f *Font, want []glyphWant) {
	t.Helper()
	for _, w := range want {
		if g := f.Glyph(w.r); g != w.glyph {
			t.Errorf("Glyph(%q) = %d, want %d", w.r, g, w.glyph)
		}
		if got := f.Width(w.r); got != w.width {
			t.Errorf("Width(%q) = %d, want %d", w.r, got, w.width)
		}
	}
}

// TestParseSystemFonts parses the TrueType fonts installed, when there are
// any: Liberation (with known widths), DejaVu.
func TestParseSystemFonts(t *testing.T) {
	liberation := "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
	if _, err := os.Stat(liberation); err != nil {
		t.Skip("skipped: the Liberation fonts are not installed (apt-get install fonts-liberation2)")
	}
	files, _ := filepath.Glob("/usr/share/fonts/truetype/*/*.ttf")
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ttf, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := ParseFont(ttf)
			if err != nil {
				t.Fatal(err)
			}
			mapped := 0
			for r := range rune(0x10000) {
				if f.Glyph(r) != 0 {
					mapped++
				}
			}
			if f.PostScriptName() == "" || mapped == 0 {
				t.Errorf("PostScriptName %q, %d runes of the BMP mapped", f.PostScriptName(), mapped)
			}
			if path == liberation {
				checkGlyphs(t, f, []glyphWant{{' ', 3, 278}, {'A', 36, 667}, {'–', 2015, 556}, {'\uFFFD', 0, 0}})
			}
		})
	}
}

func TestParseFontRefuses(t *testing.T) {
	reg := goregular.TTF
	glyf := mustFont(t, reg).tables["glyf"]
	end := 0 // where the last table ends
	for _, tb := range mustFont(t, reg).tables {
		end = max(end, int(tb.offset+tb.length))
	}
	renamed := func(from, to string) []byte {
		b := append([]byte(nil), reg...)
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := range n {
			if e := b[12+16*i:]; string(e[:4]) == from {
				copy(e, to)
			}
		}
		return b
	}
	withHead := func(off int, v uint16) []byte {
		head, _ := mustFont(t, reg).table("head", 54)
		head = append([]byte(nil), head...)
		binary.BigEndian.PutUint16(head[off:], v)
		return rebuildFont(t, reg, map[string][]byte{"head": head})
	}
	tests := []struct {
		name string
		ttf  []byte
		want string // in the error
	}{
		{"empty", nil, "not a TrueType font"},
		{"garbage", []byte(strings.Repeat("garbage!", 100)), "not a TrueType font"},
		{"PDF", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "not a TrueType font"},
		{"CFF", append([]byte("OTTO"), reg[4:]...), "PostScript (CFF) outlines"},
		{"collection", append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), reg...), "font collection"},
		{"truncated in the header", reg[:8], "too few for a table directory"},
		{"truncated in the directory", reg[:40], "table directory is truncated"},
		{"truncated in glyf", reg[:glyf.offset+glyf.length/2], "is truncated"},
		{"last table short of a byte", reg[:end-1], "is truncated"},
		{"no glyf", rebuildFont(t, reg, map[string][]byte{"glyf": nil}), "no glyf table"},
		{"no cmap", renamed("cmap", "xmap"), "no cmap table"},
		{"no loca", renamed("loca", "LOCA"), "no loca table"},
		{"no Unicode cmap", rebuildFont(t, reg, map[string][]byte{
			"cmap": cmapTable(cmapSub{1, 0, cmapFormat4(seg4{'A', 'Z', -29, nil})})}), "no usable Unicode character map"},
		{"only a format 6 cmap", rebuildFont(t, reg, map[string][]byte{
			"cmap": cmapTable(cmapSub{3, 1, []byte{0, 6, 0, 10, 0, 0, 0, 65, 0, 0}})}), "no usable Unicode character map"},
		{"cmap subtable outside the table", rebuildFont(t, reg, map[string][]byte{
			"cmap": []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 1, 0}}), "no usable Unicode character map"},
		{"zero units per em", withHead(18, 0), "units per em"},
		{"short loca", withHead(50, 1), "table loca is truncated"},
		{"head cut short", rebuildFont(t, reg, map[string][]byte{"head": make([]byte, 20)}), "table head is truncated"},
		{"no horizontal metrics", rebuildFont(t, reg, map[string][]byte{"hhea": make([]byte, 36)}), "0 horizontal metrics"},
		{"loca beyond glyf", rebuildFont(t, reg, map[string][]byte{"glyf": make([]byte, 100)}), "table loca is corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFont(tt.ttf)
			if err == nil {
				t.Fatalf("ParseFont accepted it (%d glyphs)", f.numGlyphs)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func mustFont(t testing.TB, ttf []byte) *Font {
	t.Helper()
	f, err := ParseFont(ttf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// seg4 is a segment of a format 4 cmap: start..end map to the glyphs
// listed, or, with none, to rune+delta.
type seg4 struct {
	start, end uint16
	delta      int16
	glyphs     []uint16
}

// cmapFormat4 encodes a format 4 subtable of the segments, adding the
// closing 0xFFFF segment.
func cmapFormat4(segs ...seg4) []byte {
	segs = append(segs, seg4{0xFFFF, 0xFFFF, 1, nil})
	n := len(segs)
	b := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(b[0:], 4)
	binary.BigEndian.PutUint16(b[6:], uint16(2*n))
	var glyphs []byte
	for i, s := range segs {
		binary.BigEndian.PutUint16(b[14+2*i:], s.end)
		binary.BigEndian.PutUint16(b[16+2*n+2*i:], s.start)
		binary.BigEndian.PutUint16(b[16+4*n+2*i:], uint16(s.delta))
		if s.glyphs != nil {
			// the offset from this idRangeOffset entry to the segment's glyphs
			binary.BigEndian.PutUint16(b[16+6*n+2*i:], uint16(2*(n-i)+len(glyphs)))
			for _, g := range s.glyphs {
				glyphs = binary.BigEndian.AppendUint16(glyphs, g)
			}
		}
	}
	b = append(b, glyphs...)
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	return b
}

// cmapFormat12 encodes a format 12 subtable of the groups.
func cmapFormat12(groups ...cmapGroup) []byte {
	b := make([]byte, 16, 16+12*len(groups))
	binary.BigEndian.PutUint16(b, 12)
	binary.BigEndian.PutUint32(b[4:], uint32(16+12*len(groups)))
	binary.BigEndian.PutUint32(b[12:], uint32(len(groups)))
	for _, g := range groups {
		b = binary.BigEndian.AppendUint32(b, uint32(g.start))
		b = binary.BigEndian.AppendUint32(b, uint32(g.end))
		b = binary.BigEndian.AppendUint32(b, g.glyph)
	}
	return b
}

// cmapSub is a cmap subtable with its platform and encoding.
type cmapSub struct {
	platform, encoding uint16
	data               []byte
}

// cmapTable encodes a cmap table of the subtables.
func cmapTable(subs ...cmapSub) []byte {
	b := binary.BigEndian.AppendUint16(nil, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(subs)))
	off := 4 + 8*len(subs)
	for _, s := range subs {
		b = binary.BigEndian.AppendUint16(b, s.platform)
		b = binary.BigEndian.AppendUint16(b, s.encoding)
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		off += len(s.data)
	}
	for _, s := range subs {
		b = append(b, s.data...)
	}
	return b
}

func TestCmap(t *testing.T) {
	n := uint32(mustFont(t, goregular.TTF).numGlyphs) // 712
	tests := []struct {
		name string
		cmap []byte
		want map[rune]uint16
	}{
		{"format 4, deltas and glyph arrays", cmapTable(cmapSub{3, 1, cmapFormat4(
			seg4{'A', 'C', -55, nil}, seg4{'a', 'c', 5, []uint16{20, 0, 22}})}),
			map[rune]uint16{'@': 0, 'A': 10, 'C': 12, 'D': 0, 'a': 25, 'b': 0, 'c': 27, 0xFFFF: 0}},
		{"format 4, platform 0", cmapTable(cmapSub{0, 3, cmapFormat4(seg4{'A', 'A', 1, nil})}),
			map[rune]uint16{'A': 'B', 'B': 0}},
		{"format 4, glyphs beyond the font are none", cmapTable(cmapSub{3, 1, cmapFormat4(
			seg4{'A', 'B', int16(n - 'A' - 1), nil})}),
			map[rune]uint16{'A': uint16(n - 1), 'B': 0}},
		{"format 4, overlapping segments: the first wins", cmapTable(cmapSub{3, 1, cmapFormat4(
			seg4{'A', 'C', 1, nil}, seg4{'B', 'D', 2, nil})}),
			map[rune]uint16{'A': 'B', 'B': 'C', 'C': 'D', 'D': 'F'}},
		{"format 12, BMP and beyond", cmapTable(cmapSub{3, 10, cmapFormat12(
			cmapGroup{'A', 'C', 10}, cmapGroup{0xFFFE, 0x10001, 30}, cmapGroup{0x1F600, 0x1F601, 40})}),
			map[rune]uint16{'A': 10, 'C': 12, 'D': 0, 0xFFFE: 30, 0xFFFF: 31, 0x10000: 32, 0x10001: 33,
				0x10002: 0, 0x1F5FF: 0, 0x1F600: 40, 0x1F601: 41, 0x1F602: 0, 0x10FFFF: 0}},
		{"format 12, a group cut at the last glyph", cmapTable(cmapSub{0, 4, cmapFormat12(
			cmapGroup{0x20000, 0x20005, n - 2}, cmapGroup{'A', 'A', n})}),
			map[rune]uint16{0x20000: uint16(n - 2), 0x20001: uint16(n - 1), 0x20002: 0, 'A': 0}},
		{"format 12 preferred to format 4", cmapTable(
			cmapSub{3, 1, cmapFormat4(seg4{'A', 'A', 1, nil})},
			cmapSub{3, 10, cmapFormat12(cmapGroup{'A', 'A', 7})}),
			map[rune]uint16{'A': 7}},
		{"Macintosh subtable ignored", cmapTable(
			cmapSub{1, 0, cmapFormat4(seg4{'A', 'A', 2, nil})},
			cmapSub{3, 1, cmapFormat4(seg4{'A', 'A', 1, nil})}),
			map[rune]uint16{'A': 'B'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFont(t, rebuildFont(t, goregular.TTF, map[string][]byte{"cmap": tt.cmap}))
			for r, want := range tt.want {
				if got := f.Glyph(r); got != want {
					t.Errorf("Glyph(%U) = %d, want %d", r, got, want)
				}
			}
		})
	}
}

func TestPostScriptName(t *testing.T) {
	// name builds a name table of (platform, name id, text) records.
	name := func(records ...struct {
		platform, id uint16
		text         string
	}) []byte {
		var store []byte
		b := []byte{0, 0, 0, byte(len(records)), 0, byte(6 + 12*len(records))}
		for _, r := range records {
			text := []byte(r.text)
			if r.platform != 1 {
				text = nil
				for _, c := range r.text {
					text = binary.BigEndian.AppendUint16(text, uint16(c))
				}
			}
			for _, v := range []uint16{r.platform, 0, 0, r.id, uint16(len(text)), uint16(len(store))} {
				b = binary.BigEndian.AppendUint16(b, v)
			}
			store = append(store, text...)
		}
		return append(b, store...)
	}
	type rec = struct {
		platform, id uint16
		text         string
	}
	tests := []struct {
		name  string
		table []byte
		want  string
	}{
		{"PostScript name", name(rec{3, 1, "Family"}, rec{3, 6, "Family-Bold"}), "Family-Bold"},
		{"Macintosh record", name(rec{1, 6, "MacName"}), "MacName"},
		{"delimiters and spaces dropped", name(rec{3, 6, "A (b)/c [d] <e> {f} %g #h é"}), "Abcdefgh"},
		{"family when no PostScript name", name(rec{3, 1, "My Family"}), "MyFamily"},
		{"nothing usable", name(rec{3, 6, "()"}), "Font"},
		{"record outside the table", append(name(rec{3, 6, "Name"})[:18], 0, 0, 0, 0), "Font"},
		{"no name table", nil, "Font"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFont(t, rebuildFont(t, goregular.TTF, map[string][]byte{"name": tt.table}))
			if got := f.PostScriptName(); got != tt.want {
				t.Errorf("PostScriptName() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDescriptor(t *testing.T) {
	tests := []struct {
		name string
		ttf  []byte
		want descriptor
	}{
		// As fontTools reads them, in units of 2048 per em: head bbox
		// -440 -543 2160 2291 (regular), hhea 1935 -432, OS/2 version 3 with
		// sCapHeight 1480, weight 400 (bold 600), post italic angle 0
		// (italic -11). StemV is 50 + (weight/65)².
		{"regular", goregular.TTF, descriptor{flags: flagNonsymbolic, bbox: [4]int{-215, -265, 1055, 1119},
			ascent: 945, descent: -211, capHgt: 723, stemV: 87}},
		{"bold", gobold.TTF, descriptor{flags: flagNonsymbolic, bbox: [4]int{-221, -240, 1069, 1119},
			ascent: 945, descent: -211, capHgt: 723, stemV: 135}},
		{"italic", goitalic.TTF, descriptor{flags: flagNonsymbolic | flagItalic, bbox: [4]int{-213, -265, 1111, 1119},
			italicAngle: -11, ascent: 945, descent: -211, capHgt: 723, stemV: 87}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustFont(t, tt.ttf).metrics; got != tt.want {
				t.Errorf("descriptor\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestTinyFont(t *testing.T) {
	f := mustFont(t, tinyFont(t))
	checkGlyphs(t, f, []glyphWant{{'A', 1, 489}, {'C', 3, 490}, {'\U0001F600', 3, 490}, {'D', 0, 0}})
	if got := outlined(mustFont(t, f.subset(keepRunes(f, "C")))); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("subset of C outlines %v, want [0 1 2 3]", got)
	}
}
