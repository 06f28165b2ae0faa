package pdfdoc

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// Name ids of the name table.
const (
	nameFamily     = 1
	namePostScript = 6
)

// postScriptName is name id 6, else the family name without spaces, else
// "Font", restricted to the characters a PDF name may hold unescaped.
func (f *Font) postScriptName() string {
	for _, id := range []uint16{namePostScript, nameFamily} {
		if s := pdfNameChars(f.name(id)); s != "" {
			return s
		}
	}
	return "Font"
}

// name returns the first name record with the id, decoded (UTF-16BE for
// platforms 0 and 3, bytes for Macintosh), "" when there is none.
func (f *Font) name(id uint16) string {
	t, _ := f.table("name", 6)
	if t == nil {
		return ""
	}
	count, store := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			break
		}
		platform := binary.BigEndian.Uint16(t[rec:])
		length, off := int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
		if binary.BigEndian.Uint16(t[rec+6:]) != id || store+off+length > len(t) {
			continue
		}
		raw := t[store+off : store+off+length]
		if platform == 1 {
			return string(raw)
		}
		units := make([]uint16, len(raw)/2)
		for j := range units {
			units[j] = binary.BigEndian.Uint16(raw[2*j:])
		}
		return string(utf16.Decode(units))
	}
	return ""
}

// pdfNameChars keeps the printable ASCII of s that is not a PDF delimiter,
// at most 63 characters (the PostScript limit).
func pdfNameChars(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 63; i++ {
		if c := s[i]; c > ' ' && c < 0x7F && !strings.ContainsRune("()<>[]{}/%#", rune(c)) {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Font descriptor flags (ISO 32000-1 table 123).
const (
	flagFixedPitch  = 1 << 0
	flagNonsymbolic = 1 << 5
	flagItalic      = 1 << 6
)

// describe works out the font descriptor from head, hhea, OS/2 and post.
func (f *Font) describe() descriptor {
	head, _ := f.table("head", 54)
	hhea, _ := f.table("hhea", 36)
	i16 := func(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
	d := descriptor{
		flags:   flagNonsymbolic,
		bbox:    [4]int{f.scale(i16(head, 36)), f.scale(i16(head, 38)), f.scale(i16(head, 40)), f.scale(i16(head, 42))},
		ascent:  f.scale(i16(hhea, 4)),
		descent: f.scale(i16(hhea, 6)),
	}
	d.capHgt = d.ascent
	weight := 400
	if os2, _ := f.table("OS/2", 90); os2 != nil {
		weight = int(binary.BigEndian.Uint16(os2[4:]))
		if binary.BigEndian.Uint16(os2) >= 2 && i16(os2, 88) > 0 {
			d.capHgt = f.scale(i16(os2, 88))
		}
	}
	d.stemV = 50 + weight*weight/(65*65)
	if post, _ := f.table("post", 16); post != nil {
		d.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		if binary.BigEndian.Uint32(post[12:]) != 0 {
			d.flags |= flagFixedPitch
		}
	}
	if d.italicAngle != 0 || binary.BigEndian.Uint16(head[44:])&2 != 0 {
		d.flags |= flagItalic
	}
	return d
}
