package pdfdoc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Font is a parsed TrueType face. It is immutable after ParseFont and safe
// to share between documents and goroutines.
type Font struct {
	file   []byte           // the font file, a private copy
	tables map[string]table // every table of the directory, by tag

	numGlyphs  int
	unitsPerEm int
	glyf       []byte   // the glyf table
	glyphs     []uint32 // glyph g's outline is glyf[glyphs[g]:glyphs[g+1]]
	widths     []int32  // advance widths in thousandths of the font size, by glyph
	bmp        *[0x10000]uint16
	astral     []cmapGroup // the character map above the BMP, sorted by start
	psName     string
	metrics    descriptor
}

// table is one entry of the table directory.
type table struct{ offset, length uint32 }

// descriptor is what the PDF font descriptor says of the face, in
// thousandths of the font size.
type descriptor struct {
	flags                   int
	bbox                    [4]int
	italicAngle             float64
	ascent, descent, capHgt int
	stemV                   int
}

// requiredTags are the tables ParseFont needs: the metrics, the outlines and
// the character map.
var requiredTags = []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"}

// ParseFont parses a TrueType font file (sfnt version 0x00010000 or
// "true"). It refuses, with an error that says why, a font it cannot
// embed: PostScript (CFF) outlines, collections, missing tables, offsets
// outside the file, no Unicode character map.
func ParseFont(ttf []byte) (*Font, error) {
	if err := checkSignature(ttf); err != nil {
		return nil, err
	}
	f := &Font{file: append([]byte(nil), ttf...)}
	steps := []func() error{f.readDirectory, f.readHead, f.readGlyphs, f.readWidths, f.readCmap}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	f.psName = f.postScriptName()
	f.metrics = f.describe()
	return f, nil
}

// checkSignature refuses what is not a single TrueType font.
func checkSignature(b []byte) error {
	if len(b) < 12 {
		return fmt.Errorf("not a TrueType font: the file has %d bytes, too few for a table directory", len(b))
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return errors.New("the font has PostScript (CFF) outlines; only TrueType outlines can be embedded")
	case "ttcf":
		return errors.New("the font collection (.ttc) holds several fonts; give one TrueType font (.ttf)")
	}
	return fmt.Errorf("not a TrueType font: the file starts with %q, not a TrueType signature", b[:4])
}

// readDirectory reads the table directory, checking that every table lies
// inside the file and that the tables ParseFont needs are there.
func (f *Font) readDirectory() error {
	b := f.file
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return fmt.Errorf("the table directory is truncated: it lists %d tables, the file has room for %d", n, (len(b)-12)/16)
	}
	f.tables = make(map[string]table, n)
	for i := range n {
		e := b[12+16*i:]
		tag := string(e[:4])
		t := table{binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(b)) {
			return fmt.Errorf("table %s is truncated: it ends at byte %d of a %d-byte file", tag, uint64(t.offset)+uint64(t.length), len(b))
		}
		f.tables[tag] = t
	}
	for _, tag := range requiredTags {
		if _, ok := f.tables[tag]; !ok {
			return fmt.Errorf("the font has no %s table, which a TrueType font needs", tag)
		}
	}
	return nil
}

// table returns the table tagged tag, or an error when it is shorter than
// min bytes; nil, nil for an optional table that is absent.
func (f *Font) table(tag string, min int) ([]byte, error) {
	t, ok := f.tables[tag]
	if !ok {
		return nil, nil
	}
	if int(t.length) < min {
		return nil, fmt.Errorf("table %s is truncated: %d bytes, at least %d needed", tag, t.length, min)
	}
	return f.file[t.offset : t.offset+t.length], nil
}

// readHead reads the units per em and the glyph count.
func (f *Font) readHead() error {
	head, err := f.table("head", 54)
	if err != nil {
		return err
	}
	maxp, err := f.table("maxp", 6)
	if err != nil {
		return err
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("table head gives %d units per em; a TrueType font has 16 to 16384", f.unitsPerEm)
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return errors.New("table maxp says the font has no glyphs")
	}
	return nil
}

// readGlyphs reads the loca table: where each glyph's outline lies in glyf.
func (f *Font) readGlyphs() error {
	head, _ := f.table("head", 54)
	long := int16(binary.BigEndian.Uint16(head[50:])) != 0
	size := 2
	if long {
		size = 4
	}
	loca, err := f.table("loca", (f.numGlyphs+1)*size)
	if err != nil {
		return err
	}
	f.glyf, _ = f.table("glyf", 0)
	glyfLen := uint32(len(f.glyf))
	f.glyphs = make([]uint32, f.numGlyphs+1)
	for i := range f.glyphs {
		var off uint32
		if long {
			off = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if off > glyfLen || (i > 0 && off < f.glyphs[i-1]) {
			return fmt.Errorf("table loca is corrupt: glyph %d's outline lies outside table glyf", max(i-1, 0))
		}
		f.glyphs[i] = off
	}
	return nil
}

// readWidths reads the advance widths (hhea and hmtx) and scales them to
// thousandths of the font size.
func (f *Font) readWidths() error {
	hhea, err := f.table("hhea", 36)
	if err != nil {
		return err
	}
	n := int(binary.BigEndian.Uint16(hhea[34:]))
	if n == 0 || n > f.numGlyphs {
		return fmt.Errorf("table hhea gives %d horizontal metrics for %d glyphs", n, f.numGlyphs)
	}
	hmtx, err := f.table("hmtx", 4*n)
	if err != nil {
		return err
	}
	f.widths = make([]int32, f.numGlyphs)
	for g := range f.widths {
		adv := binary.BigEndian.Uint16(hmtx[4*min(g, n-1):])
		f.widths[g] = int32(f.scale(int(adv)))
	}
	return nil
}

// scale converts font units to thousandths of the font size.
func (f *Font) scale(v int) int {
	return int(math.Round(float64(v) * 1000 / float64(f.unitsPerEm)))
}

// Glyph returns the glyph id of r, 0 when the font has none.
func (f *Font) Glyph(r rune) uint16 {
	if uint32(r) < 0x10000 {
		return f.bmp[uint16(r)]
	}
	return lookupGroups(f.astral, r)
}

// Width is r's advance width in thousandths of the font size (the /W
// entry of its glyph: round(advance*1000/unitsPerEm)); 0 when the font has
// no glyph for r.
func (f *Font) Width(r rune) int {
	g := f.Glyph(r)
	if g == 0 {
		return 0
	}
	return int(f.widths[g])
}

// PostScriptName is the font's PostScript name (name table id 6), or one
// made from the family name when there is none, in printable ASCII without
// PDF delimiters.
func (f *Font) PostScriptName() string { return f.psName }

// outline is glyph g's entry in glyf; empty for a glyph without contours.
func (f *Font) outline(g int) []byte { return f.glyf[f.glyphs[g]:f.glyphs[g+1]] }
