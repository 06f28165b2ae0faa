package pdfdoc

import (
	"encoding/binary"
	"errors"
	"sort"
)

// cmapGroup maps the runes start..end to the glyphs glyph..glyph+end-start.
type cmapGroup struct {
	start, end rune
	glyph      uint32
}

// lookupGroups finds r's glyph in groups sorted by start; 0 when none maps it.
func lookupGroups(groups []cmapGroup, r rune) uint16 {
	i := sort.Search(len(groups), func(i int) bool { return groups[i].end >= r })
	if i == len(groups) || groups[i].start > r {
		return 0
	}
	return uint16(groups[i].glyph + uint32(r-groups[i].start))
}

// errNoCmap is the refusal of a font without a Unicode character map.
var errNoCmap = errors.New("the font has no usable Unicode character map (a cmap subtable of format 4 or 12 for platform 3 encoding 1 or 10, or platform 0)")

// readCmap reads the best Unicode subtable of the cmap table (format 12 over
// format 4) into a table for the BMP and groups for the rest.
func (f *Font) readCmap() error {
	cmap, err := f.table("cmap", 4)
	if err != nil {
		return err
	}
	sub, format := bestSubtable(cmap)
	f.bmp = new([0x10000]uint16)
	switch format {
	case 4:
		f.readFormat4(sub)
	case 12:
		f.readFormat12(sub)
	default:
		return errNoCmap
	}
	return nil
}

// bestSubtable picks the Unicode subtable of cmap to read, from its offset
// to the end of the table, and its format (0 when there is none).
func bestSubtable(cmap []byte) ([]byte, int) {
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var best []byte
	bestFormat := 0
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := binary.BigEndian.Uint32(cmap[rec+4:])
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || uint64(off)+4 > uint64(len(cmap)) {
			continue
		}
		sub := cmap[off:]
		format := int(binary.BigEndian.Uint16(sub))
		if (format == 4 || format == 12) && format > bestFormat {
			best, bestFormat = sub, format
		}
	}
	return best, bestFormat
}

// readFormat4 reads a segment mapping to delta values. A segment that
// overlaps the one before it is read from where that one ends, so the work
// is bounded by the size of the BMP whatever the table says.
func (f *Font) readFormat4(sub []byte) {
	if len(sub) < 14 {
		return
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(sub[off:])) }
	next := 0
	for i := range segs {
		end, start := u16(14+2*i), u16(16+2*segs+2*i)
		delta, rangeOff := u16(16+4*segs+2*i), 16+6*segs+2*i
		ro := u16(rangeOff)
		for c := max(start, next); c <= end && c < 0xFFFF; c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				pos := rangeOff + ro + 2*(c-start)
				if pos+2 > len(sub) {
					break
				}
				if g = u16(pos); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			f.bmp[c] = f.validGlyph(uint32(g))
		}
		next = max(next, end+1)
	}
}

// readFormat12 reads segmented coverage: the BMP into the table, the rest
// kept as groups, each cut to the glyphs the font has. As in format 4, a
// group is read from where the one before it ends, so the groups kept are
// sorted and do not overlap.
func (f *Font) readFormat12(sub []byte) {
	if len(sub) < 16 {
		return
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	if n > (len(sub)-16)/12 {
		return
	}
	next := rune(0)
	for i := range n {
		g := sub[16+12*i:]
		start, end := rune(binary.BigEndian.Uint32(g)), rune(binary.BigEndian.Uint32(g[4:]))
		glyph := binary.BigEndian.Uint32(g[8:])
		if start < 0 || start > end || end > 0x10FFFF || glyph >= uint32(f.numGlyphs) {
			continue
		}
		end = min(end, start+rune(uint32(f.numGlyphs)-1-glyph))
		for c := max(start, next); c <= min(end, 0xFFFF); c++ {
			f.bmp[c] = uint16(glyph + uint32(c-start))
		}
		if from := max(start, next, 0x10000); from <= end {
			f.astral = append(f.astral, cmapGroup{from, end, glyph + uint32(from-start)})
		}
		next = max(next, end+1)
	}
}

// validGlyph is g, or 0 when the font has no such glyph.
func (f *Font) validGlyph(g uint32) uint16 {
	if g >= uint32(f.numGlyphs) {
		return 0
	}
	return uint16(g)
}
