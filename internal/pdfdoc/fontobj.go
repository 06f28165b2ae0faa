package pdfdoc

import (
	"bytes"
	"hash/fnv"
	"strconv"
	"sync"
)

// used reports whether any text was drawn in the font. A font never drawn
// is not embedded.
func (df *docFont) used() bool {
	for _, r := range df.drawn {
		if r != 0 {
			return true
		}
	}
	return false
}

// objects is how many objects the font is written as: five, and a sixth,
// the CIDToGIDMap, when TextAs drew in it.
func (df *docFont) objects() int {
	if len(df.stands) > 0 {
		return objectsPerFont + 1
	}
	return objectsPerFont
}

// writeFont writes a font drawn in, from object first on: the Type0 font,
// its CIDFontType2 descendant, the font descriptor, the subset font
// program, the ToUnicode CMap and, when TextAs drew in it, the CIDToGIDMap
// (/Identity otherwise).
func (d *Doc) writeFont(p *objWriter, df *docFont, packed fontStreams, first int) {
	name := df.subsetTag() + "+" + df.font.psName
	p.begin(first)
	p.b = append(p.b, "<< /Type /Font /Subtype /Type0 /BaseFont /"+name+" /Encoding /Identity-H /DescendantFonts ["...)
	p.ref(first + 1)
	p.b = append(p.b, "] /ToUnicode "...)
	p.ref(first + 4)
	p.end(" >>")

	p.begin(first + 1)
	p.b = append(p.b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"+name+
		" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap "...)
	if len(df.stands) > 0 {
		p.ref(first + 5)
	} else {
		p.b = append(p.b, "/Identity"...)
	}
	p.b = append(p.b, " /DW 0 /FontDescriptor "...)
	p.ref(first + 2)
	p.b = append(p.b, " /W ["...)
	p.b = df.appendWidths(p.b)
	p.end("] >>")

	writeDescriptor(p, df.font.metrics, name, first+2)

	p.begin(first + 3)
	p.b = append(p.b, "<< /Filter /FlateDecode /Length1 "...)
	p.b = strconv.AppendInt(p.b, int64(packed.programSize), 10)
	p.stream(packed.program)

	p.begin(first + 4)
	p.b = append(p.b, "<< /Filter /FlateDecode"...)
	p.stream(packed.toUnicode)

	if len(df.stands) > 0 {
		p.begin(first + 5)
		p.b = append(p.b, "<< /Filter /FlateDecode"...)
		p.stream(packed.cidToGID)
	}
}

// fontStreams are the compressed streams of a font drawn in: its font
// program, with its size before compression, its ToUnicode CMap, and its
// CIDToGIDMap (nil for /Identity).
type fontStreams struct {
	program     []byte
	programSize int
	toUnicode   []byte
	cidToGID    []byte
}

// packFonts subsets and compresses the fonts drawn in, side by side.
func (d *Doc) packFonts() []fontStreams {
	packed := make([]fontStreams, len(d.fonts))
	var wg sync.WaitGroup
	for i, df := range d.fonts {
		if df.used() {
			wg.Go(func() { packed[i] = df.pack() })
		}
	}
	wg.Wait()
	return packed
}

// pack subsets and compresses the font.
func (df *docFont) pack() fontStreams {
	program := df.font.subset(df.drawnGlyphs())
	s := fontStreams{programSize: len(program)}
	deflate(program, func(b []byte) { s.program = bytes.Clone(b) })
	deflate(df.toUnicode(), func(b []byte) { s.toUnicode = bytes.Clone(b) })
	if len(df.stands) > 0 {
		deflate(df.cidToGID(), func(b []byte) { s.cidToGID = bytes.Clone(b) })
	}
	return s
}

// cidToGID is the CIDToGIDMap of a font TextAs drew in: two bytes a
// character code, the glyph it draws. A glyph drawn is its own code, as
// with /Identity; a code past the glyphs draws its stand-in's glyph. The
// codes of glyphs not drawn, which the content never shows, map to 0, so
// that the map of a font of thousands of glyphs compresses to little.
func (df *docFont) cidToGID() []byte {
	b := make([]byte, 2*(len(df.drawn)+len(df.stands)))
	for g, r := range df.drawn {
		if r != 0 {
			b[2*g], b[2*g+1] = byte(g>>8), byte(g)
		}
	}
	for i, s := range df.stands {
		at := 2 * (len(df.drawn) + i)
		b[at], b[at+1] = byte(s.glyph>>8), byte(s.glyph)
	}
	return b
}

// writeDescriptor writes the font descriptor, object num, whose font
// program is the object after it.
func writeDescriptor(p *objWriter, m descriptor, name string, num int) {
	p.begin(num)
	p.b = append(p.b, "<< /Type /FontDescriptor /FontName /"+name+" /Flags "...)
	p.b = strconv.AppendInt(p.b, int64(m.flags), 10)
	p.b = append(p.b, " /FontBBox ["...)
	for i, v := range m.bbox {
		if i > 0 {
			p.b = append(p.b, ' ')
		}
		p.b = strconv.AppendInt(p.b, int64(v), 10)
	}
	p.b = append(p.b, "] /ItalicAngle "...)
	p.b = appendNum(p.b, m.italicAngle)
	for _, e := range []struct {
		key   string
		value int
	}{{" /Ascent ", m.ascent}, {" /Descent ", m.descent}, {" /CapHeight ", m.capHgt}, {" /StemV ", m.stemV}} {
		p.b = append(p.b, e.key...)
		p.b = strconv.AppendInt(p.b, int64(e.value), 10)
	}
	p.b = append(p.b, " /FontFile2 "...)
	p.ref(num + 1)
	p.end(" >>")
}

// drawnGlyphs is a set of the glyphs drawn, by id.
func (df *docFont) drawnGlyphs() []bool {
	keep := make([]bool, len(df.drawn))
	for g, r := range df.drawn {
		keep[g] = r != 0
	}
	return keep
}

// subsetTag is six capital letters made from the glyphs drawn, so that
// two subsets of a font with different glyphs have different names.
func (df *docFont) subsetTag() string {
	h := fnv.New64a()
	h.Write([]byte(df.font.psName))
	var id [2]byte
	for g, r := range df.drawn {
		if r != 0 {
			id[0], id[1] = byte(g>>8), byte(g)
			h.Write(id[:])
		}
	}
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + sum%26)
		sum /= 26
	}
	return string(tag)
}

// appendWidths appends the /W array's content: for each run of
// consecutive glyphs drawn, the first id and the widths; then the first
// code past the glyphs and the widths of the glyphs the stand-ins draw.
func (df *docFont) appendWidths(b []byte) []byte {
	widths := df.font.widths
	for g := 0; g < len(df.drawn); g++ {
		if df.drawn[g] == 0 {
			continue
		}
		b = strconv.AppendInt(b, int64(g), 10)
		b = append(b, " ["...)
		for ; g < len(df.drawn) && df.drawn[g] != 0; g++ {
			b = strconv.AppendInt(b, int64(widths[g]), 10)
			b = append(b, ' ')
		}
		b[len(b)-1] = ']'
		b = append(b, ' ')
	}
	if len(df.stands) > 0 {
		b = strconv.AppendInt(b, int64(len(df.drawn)), 10)
		b = append(b, " ["...)
		for _, s := range df.stands {
			b = strconv.AppendInt(b, int64(widths[s.glyph]), 10)
			b = append(b, ' ')
		}
		b[len(b)-1] = ']'
		b = append(b, ' ')
	}
	return b[:len(b)-1] // a glyph is drawn: the font is written only then
}

// notdefText is the text .notdef stands for in the ToUnicode CMap: it is
// drawn for every rune the font lacks.
const notdefText = '\uFFFD'

// toUnicode is the ToUnicode CMap: each glyph drawn maps to the first rune
// it was drawn for (ISO 32000-1 §9.10.3), and each code past the glyphs to
// the rune its stand-in reads as.
func (df *docFont) toUnicode() []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var block []uint16 // codes of the current bfchar block
	codes := len(df.drawn) + len(df.stands)
	for c := range codes {
		if c >= len(df.drawn) || df.drawn[c] != 0 {
			block = append(block, uint16(c))
		}
		if len(block) == 100 || (c == codes-1 && len(block) > 0) {
			b = df.appendBfchar(b, block)
			block = block[:0]
		}
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// appendBfchar appends a bfchar block (at most 100 entries, the limit).
func (df *docFont) appendBfchar(b []byte, codes []uint16) []byte {
	b = strconv.AppendInt(b, int64(len(codes)), 10)
	b = append(b, " beginbfchar\n"...)
	for _, c := range codes {
		var r rune
		switch {
		case c == 0:
			r = notdefText
		case int(c) >= len(df.drawn):
			r = df.stands[int(c)-len(df.drawn)].text
		default:
			r = df.drawn[c] - 1
		}
		b = append(appendHex16(append(b, '<'), c), "> <"...)
		b = append(appendUTF16(b, r), ">\n"...)
	}
	return append(b, "endbfchar\n"...)
}
