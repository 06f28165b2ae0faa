package pdfdoc

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// FuzzParseFont feeds ParseFont the Go fonts, cut short, and a small font
// made of four of their glyphs. The whole Go fonts are seeds too, but the
// fuzzer takes long to minimise an input that size: run it with
// -fuzzminimizetime=2s.
func FuzzParseFont(f *testing.F) {
	for _, ttf := range append(goFontFiles(), tinyFont(f)) {
		f.Add(ttf)
		for _, cut := range []int{0, 4, 12, 100, 400, 1000, len(ttf) / 2, len(ttf) - 3} {
			f.Add(ttf[:min(cut, len(ttf))])
		}
	}
	f.Add([]byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, ttf []byte) {
		font, err := ParseFont(ttf)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		for _, r := range []rune{0, ' ', 'A', 'é', 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, -1} {
			if g := font.Glyph(r); int(g) >= font.numGlyphs || font.Width(r) < 0 {
				t.Fatalf("Glyph(%U) = %d of %d glyphs, width %d", r, g, font.numGlyphs, font.Width(r))
			}
		}
		keep := make([]bool, font.numGlyphs)
		for g := range keep {
			keep[g] = g%3 == 0
		}
		program := font.subset(keep)
		checkFontFile(t, program)
		sub, err := ParseFont(program)
		if err != nil {
			t.Fatalf("the subset of a font ParseFont accepts is refused: %v", err)
		}
		if !slices.Equal(sub.widths, font.widths) || sub.Glyph('A') != font.Glyph('A') {
			t.Fatal("the subset's widths or character map differ from the font's")
		}
	})
}

// tinyFont is a font of four glyphs of goregular: .notdef, A, B, and C
// made of A and B, with both a format 4 and a format 12 cmap.
func tinyFont(t testing.TB) []byte {
	reg := mustFont(t, goregular.TTF)
	changes := map[string][]byte{}
	for tag := range reg.tables {
		changes[tag] = nil
	}
	glyphs := [][]byte{reg.outline(0), reg.outline(36), reg.outline(37),
		compositeGlyph(0, component{1, 0}, component{2, argsAreWords | haveScale})}
	var glyf, loca, hmtx []byte
	for i, o := range glyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, o...)
		hmtx = binary.BigEndian.AppendUint32(hmtx, uint32(1000+i)<<16)
	}
	changes["glyf"], changes["hmtx"] = glyf, hmtx
	changes["loca"] = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	for tag, at := range map[string]int{"head": 50, "hhea": 34, "maxp": 4} {
		table, _ := reg.table(tag, 0)
		changes[tag] = slices.Clone(table)
		binary.BigEndian.PutUint16(changes[tag][at:], map[string]uint16{"head": 1, "hhea": 4, "maxp": 4}[tag])
	}
	changes["cmap"] = cmapTable(
		cmapSub{3, 1, cmapFormat4(seg4{'A', 'C', 1 - 'A', nil})},
		cmapSub{3, 10, cmapFormat12(cmapGroup{'A', 'C', 1}, cmapGroup{0x1F600, 0x1F600, 3})})
	return rebuildFont(t, goregular.TTF, changes)
}

// fuzzTextDocument draws s in each Go face, at several sizes, among fills
// and rules, over two pages, with s as a bookmark too.
// drawable is s without the runes f has no glyph for.
func drawable(f *Font, s string) string {
	return strings.Map(func(r rune) rune {
		if f.Glyph(r) == 0 {
			return -1
		}
		return r
	}, s)
}

func fuzzTextDocument(t *testing.T, s string) *Doc {
	d := New(210, 297, Info{Title: s, Author: s, Lang: "en-GB"})
	fonts := goFonts(t)
	for page := range 2 {
		d.AddPage()
		d.Bookmark(s, page, 10)
		for i, f := range fonts {
			d.SetFont(d.AddFont(f), 6+float64(i)*3.5)
			d.SetFillColor(uint8(40*i), 0, uint8(len(s)))
			d.MarkArtifact(Layout)
			d.FillRect(10, 20+float64(i)*20, 100, 5)
			d.MarkContent(d.NewElem(0, "P"))
			d.Text(10, 30+float64(i)*20, drawable(f, s))
			d.Line(10, 32+float64(i)*20, 200, 32)
		}
	}
	return d
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzTextSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		write(t, fuzzTextDocument(t, s))
	})
}

var fuzzTextSeeds = []string{
	"", "Hello", "– ’ “ ” • £ é à ò \uFFFD", "(unbalanced \\ parens)) <hex> /Name %comment",
	"\x00\x01\n\r\t\x7F", "\xff\xfe invalid UTF-8 \xc3", "\U0001F600 beyond the BMP \U0010FFFF",
	strings.Repeat("long text ", 500),
}

// TestFuzzTextSeeds checks the seeds' documents with qpdf.
func TestFuzzTextSeeds(t *testing.T) {
	for i, s := range fuzzTextSeeds {
		t.Run(strings.ToValidUTF8(s[:min(len(s), 20)], "?")+"#"+string(rune('0'+i)), func(t *testing.T) {
			qpdfCheck(t, save(t, write(t, fuzzTextDocument(t, s))))
		})
	}
}
