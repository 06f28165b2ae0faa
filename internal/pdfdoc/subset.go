package pdfdoc

import "encoding/binary"

// subsetTags are the tables a subset keeps (those the font has), sorted as
// the table directory must be. The others are dropped: a PDF viewer draws
// glyphs by id and needs neither layout tables (GPOS, GSUB, kern) nor a
// signature (DSIG), and the subset is not hinted (see unhinted), so the
// hinting programs and values (fpgm, prep, cvt , gasp, hdmx, LTSH) go too.
var subsetTags = []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// Composite glyph flags (the glyf table).
const (
	argsAreWords   = 0x1
	haveScale      = 0x8
	moreComponents = 0x20
	haveXYScale    = 0x40
	haveTwoByTwo   = 0x80
	haveHinting    = 0x100 // WE_HAVE_INSTRUCTIONS, after the last component
)

// keepComponents adds to keep every component of the composite glyphs kept,
// and their components in turn. Each glyph is looked at once, so a cycle
// of components, or a chain of any depth, ends.
func (f *Font) keepComponents(keep []bool) {
	var todo []int
	for g, k := range keep {
		if k {
			todo = append(todo, g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range f.components(f.outline(g)) {
			if int(c) < len(keep) && !keep[c] {
				keep[c] = true
				todo = append(todo, int(c))
			}
		}
	}
}

// components lists the glyph ids a composite glyph is made of; none for a
// simple glyph. A record cut short ends the list.
func (f *Font) components(outline []byte) []uint16 {
	records, _ := componentRecords(outline)
	ids := make([]uint16, len(records))
	for i, at := range records {
		ids[i] = binary.BigEndian.Uint16(outline[at+2:])
	}
	return ids
}

// componentRecords returns the offsets of a composite glyph's component
// records (each at least has its flags and glyph id), and the offset just
// after the last one, or -1 when the records are cut short. A simple glyph
// has none.
func componentRecords(outline []byte) (records []int, end int) {
	if len(outline) < 10 || int16(binary.BigEndian.Uint16(outline)) >= 0 {
		return nil, -1
	}
	for p := 10; p+4 <= len(outline); {
		flags := binary.BigEndian.Uint16(outline[p:])
		records = append(records, p)
		p += 4 + componentArgsSize(flags)
		if flags&moreComponents == 0 {
			if p > len(outline) {
				return records, -1
			}
			return records, p
		}
	}
	return records, -1
}

// componentArgsSize is the size of a component's offsets and transform.
func componentArgsSize(flags uint16) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// subset is the font program with only the glyphs in keep (plus .notdef
// and their components) outlined: every other glyph is empty, so glyph ids
// do not change. loca is rewritten in the long format.
func (f *Font) subset(keep []bool) []byte {
	keep[0] = true
	f.keepComponents(keep)
	glyf, loca := f.subsetOutlines(keep)
	var tags []string
	var datas [][]byte
	for _, tag := range subsetTags {
		var data []byte
		switch tag {
		case "glyf":
			data = glyf
		case "loca":
			data = loca
		case "head":
			data = f.subsetHead()
		case "post":
			data = f.subsetPost()
		case "hmtx":
			data = f.subsetHmtx(keep)
		default:
			data, _ = f.table(tag, 0)
		}
		if data != nil {
			tags, datas = append(tags, tag), append(datas, data)
		}
	}
	return assembleFont(tags, datas)
}

// subsetOutlines builds glyf with the outlines kept, each 4-byte aligned,
// and its long loca.
func (f *Font) subsetOutlines(keep []bool) (glyf, loca []byte) {
	size := 0
	for g, k := range keep {
		if k {
			size += pad4(len(f.outline(g)))
		}
	}
	glyf = make([]byte, 0, size)
	loca = make([]byte, 4*(len(keep)+1))
	for g, k := range keep {
		if k {
			glyf = appendUnhinted(glyf, f.outline(g))
			glyf = append(glyf, make([]byte, pad4(len(glyf))-len(glyf))...)
		}
		binary.BigEndian.PutUint32(loca[4*g+4:], uint32(len(glyf)))
	}
	return glyf, loca
}

// appendUnhinted appends a glyph's outline without its hinting
// instructions. Hinting adjusts outlines to the pixel grid of a screen at
// small sizes; PDF viewers scale outlines freely and mostly ignore it,
// while it is half the size of a hinted font such as the Go fonts, and so
// half the time spent compressing the fonts of every document. An outline
// whose records do not add up is copied as it is.
func appendUnhinted(glyf, outline []byte) []byte {
	if len(outline) < 10 {
		return append(glyf, outline...)
	}
	contours := int(int16(binary.BigEndian.Uint16(outline)))
	if contours >= 0 {
		at := 10 + 2*contours // the instructions' length
		if at+2 > len(outline) || at+2+int(binary.BigEndian.Uint16(outline[at:])) > len(outline) {
			return append(glyf, outline...)
		}
		glyf = append(glyf, outline[:at]...)
		glyf = append(glyf, 0, 0)
		return append(glyf, outline[at+2+int(binary.BigEndian.Uint16(outline[at:])):]...)
	}
	records, end := componentRecords(outline)
	if end < 0 {
		return append(glyf, outline...)
	}
	last := records[len(records)-1]
	if binary.BigEndian.Uint16(outline[last:])&haveHinting == 0 {
		return append(glyf, outline...)
	}
	n := len(glyf)
	glyf = append(glyf, outline[:end]...)
	binary.BigEndian.PutUint16(glyf[n+last:], binary.BigEndian.Uint16(outline[last:])&^haveHinting)
	return glyf
}

// subsetHmtx is hmtx with the metrics of the glyphs not kept set to zero,
// so that they compress to nothing: a font of 2,600 glyphs has 10 KB of
// them, whatever few glyphs a report draws. The last full metric stays, as
// the glyphs after it take their advance from it.
func (f *Font) subsetHmtx(keep []bool) []byte {
	hmtx, _ := f.table("hmtx", 0)
	hhea, _ := f.table("hhea", 36)
	long := int(binary.BigEndian.Uint16(hhea[34:]))
	out := append([]byte(nil), hmtx...)
	for g, k := range keep {
		switch {
		case k || g == long-1:
		case g < long && 4*g+4 <= len(out):
			clear(out[4*g : 4*g+4])
		case g >= long && 4*long+2*(g-long)+2 <= len(out):
			clear(out[4*long+2*(g-long) : 4*long+2*(g-long)+2])
		}
	}
	return out
}

// subsetPost is post in format 3, without glyph names: PDF text is
// extracted through the ToUnicode CMap, not the names.
func (f *Font) subsetPost() []byte {
	post, err := f.table("post", 32)
	if err != nil || post == nil {
		return nil
	}
	post = append([]byte(nil), post[:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000)
	return post
}

// subsetHead is head with the long loca format and a zero checksum
// adjustment (assembleFont sets it).
func (f *Font) subsetHead() []byte {
	head, _ := f.table("head", 54)
	head = append([]byte(nil), head...)
	binary.BigEndian.PutUint32(head[8:], 0)
	binary.BigEndian.PutUint16(head[50:], 1)
	return head
}

// assembleFont writes the table directory and the tables, sorted by tag,
// each 4-byte aligned with its checksum, and sets head's
// checkSumAdjustment.
func assembleFont(tags []string, datas [][]byte) []byte {
	n := len(tags)
	size := 12 + 16*n
	for _, d := range datas {
		size += pad4(len(d))
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	entrySelector := 0
	for 2<<entrySelector <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := -1
	for i, d := range datas {
		e := out[12+16*i:]
		copy(e, tags[i])
		binary.BigEndian.PutUint32(e[4:], checksum(d))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(d)))
		if tags[i] == "head" {
			headAt = len(out)
		}
		out = append(out, d...)
		out = append(out, make([]byte, pad4(len(out))-len(out))...)
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sum of b's big-endian 32-bit words, the last one padded
// with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}

// pad4 rounds n up to a multiple of 4.
func pad4(n int) int { return (n + 3) &^ 3 }
