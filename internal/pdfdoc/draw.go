package pdfdoc

import (
	"fmt"
	"math"
	"strconv"
)

// FillRect fills the rectangle at x, y (its top left corner), w wide and h
// high, in the fill colour.
func (d *Doc) FillRect(x, y, w, h float64) {
	if d.drawing("FillRect", x, y, w, h) && d.syncMark(false) {
		d.syncFill()
		d.rect(x, y, w, h, "re f\n")
	}
}

// StrokeRect outlines the rectangle at x, y, w wide and h high, in the
// stroke colour and line width.
func (d *Doc) StrokeRect(x, y, w, h float64) {
	if d.drawing("StrokeRect", x, y, w, h) && d.syncMark(false) {
		d.syncStroke()
		d.rect(x, y, w, h, "re S\n")
	}
}

// rect appends a rectangle and the operator that paints it.
func (d *Doc) rect(x, y, w, h float64, paint string) {
	d.closeText()
	d.point(x, y)
	d.content = appendNum(d.content, w*ptPerMM)
	d.content = append(d.content, ' ')
	d.content = appendNum(d.content, -h*ptPerMM)
	d.content = append(d.content, ' ')
	d.content = append(d.content, paint...)
}

// Line draws a straight line from x1, y1 to x2, y2 in the stroke colour and
// line width.
func (d *Doc) Line(x1, y1, x2, y2 float64) {
	if !d.drawing("Line", x1, y1, x2, y2) || !d.syncMark(false) {
		return
	}
	d.closeText()
	d.syncStroke()
	d.point(x1, y1)
	d.content = append(d.content, "m "...)
	d.point(x2, y2)
	d.content = append(d.content, "l S\n"...)
}

// point appends the position x, y (mm from the top left) in points from
// the bottom left, each followed by a space.
func (d *Doc) point(x, y float64) {
	d.content = appendNum(d.content, x*ptPerMM)
	d.content = append(d.content, ' ')
	d.content = appendNum(d.content, d.height-y*ptPerMM)
	d.content = append(d.content, ' ')
}

// Text draws s with its baseline at y, starting at x, in the current font,
// size and fill colour, as content of what MarkContent or MarkArtifact
// last named. Each rune is drawn as the font's glyph; a rune the font has
// no glyph for is a misuse. No kerning, no shaping.
func (d *Doc) Text(x, y float64, s string) {
	if s != "" && d.drawing("Text", x, y) {
		d.showText("Text", x, y, s, -1)
	}
}

// TextAs draws each rune of s as the current font's glyph for mark, such
// as U+FFFD for a character no font has, where Text would draw its own
// glyph: the eye sees the mark, and text extraction, copying and a screen
// reader get s. Each distinct rune of s is a character code of its own
// past the font's glyphs, which the font's CIDToGIDMap maps to mark's glyph
// and its ToUnicode CMap to the rune (pdf.js reads only that). The drawing
// also has s as its replacement text (/ActualText, ISO 32000-1 §14.9.4),
// which pdftotext reads instead: it is a marked-content sequence
// of its own, /Span, nested in the one of what MarkContent or MarkArtifact
// last named, outside any text object. A mark the font has no glyph for is
// a misuse. When the font's 65,536 codes are all taken, a rune is drawn as
// mark's own code, and only the replacement text reads as it.
func (d *Doc) TextAs(x, y float64, s string, mark rune) {
	if s == "" || !d.drawing("TextAs", x, y) || !d.syncMark(true) {
		return
	}
	d.closeText()
	d.content = append(d.content, "/Span <</ActualText "...)
	d.content = appendTextString(d.content, s)
	d.content = append(d.content, ">> BDC\n"...)
	d.showText("TextAs", x, y, s, mark)
	d.closeText()
	d.content = append(d.content, "EMC\n"...)
}

// showText draws s for Text (mark < 0) and TextAs (each rune as mark's glyph).
func (d *Doc) showText(op string, x, y float64, s string, mark rune) {
	if d.want.set&hasFont == 0 {
		d.fail(op, "no font set (call SetFont first)")
		return
	}
	if !d.syncMark(true) {
		return
	}
	d.syncFill()
	x100, y100 := hundredths(x*ptPerMM), hundredths(d.height-y*ptPerMM)
	dx, dy := x100, y100
	if d.text.open {
		dx, dy = x100-d.text.x, y100-d.text.y // the next line, placed from the last
	} else {
		d.content = append(d.content, "BT "...)
	}
	d.syncFont()
	d.content = appendHundredths(d.content, dx)
	d.content = append(d.content, ' ')
	d.content = appendHundredths(d.content, dy)
	d.text = textObject{open: true, x: x100, y: y100}
	df := d.fonts[d.want.font-1]
	d.content = append(d.content, " Td ("...)
	var missing rune
	if mark < 0 {
		d.content, missing = df.appendGlyphs(d.content, s)
	} else {
		d.content, missing = df.appendStandIns(d.content, s, mark)
	}
	d.content = append(d.content, ") Tj\n"...)
	if missing >= 0 {
		d.fail(op, fmt.Sprintf("font %s has no glyph for %U; PDF/A forbids drawing .notdef, so choose a font that has it", df.font.psName, missing))
	}
}

// textObject is a text object left open, so that the lines drawn next in
// the same marked-content sequence join it: "0 -10.37 Td" from one line to
// the next is the same bytes each time, where each line's own position
// and BT/ET were not (the 10,000-action PDF 16.7 → 15.9 MB).
type textObject struct {
	open bool
	x, y int64 // the last line's start, in hundredths of a point
}

// closeText ends the open text object, if any: before anything but text
// is drawn, and before its marked-content sequence ends.
func (d *Doc) closeText() {
	if d.text.open {
		d.content = append(d.content, "ET\n"...)
		d.text.open = false
	}
}

// appendGlyphs appends s's glyph ids, two bytes each, as the bytes of a
// literal string, noting the glyphs drawn. Half the size of hex digits, it
// is half the work for the compressor. It also returns the first rune of
// s the font has no glyph for, -1 when there is none.
func (df *docFont) appendGlyphs(b []byte, s string) ([]byte, rune) {
	f := df.font
	missing := rune(-1)
	for _, r := range s {
		g := f.Glyph(r)
		if g == 0 && missing < 0 {
			missing = r
		}
		if df.drawn[g] == 0 {
			df.drawn[g] = r + 1
		}
		b = appendStringByte(appendStringByte(b, byte(g>>8)), byte(g))
	}
	return b, missing
}

// appendStandIns appends, for each rune of s, the code of the stand-in
// that draws mark's glyph and reads as the rune, as appendGlyphs does,
// making a code for each rune not drawn so before. It also returns mark
// when the font has no glyph for it, -1 otherwise.
func (df *docFont) appendStandIns(b []byte, s string, mark rune) ([]byte, rune) {
	g := df.font.Glyph(mark)
	if g == 0 {
		return b, mark
	}
	if df.drawn[g] == 0 {
		df.drawn[g] = mark + 1
	}
	if df.standAt == nil {
		df.standAt = map[standIn]uint16{}
	}
	for _, r := range s {
		key := standIn{g, r}
		c, ok := df.standAt[key]
		if !ok {
			c = g // no code left: mark's own
			if next := len(df.drawn) + len(df.stands); next <= 0xFFFF {
				c = uint16(next)
				df.stands = append(df.stands, key)
			}
			df.standAt[key] = c
		}
		b = appendStringByte(appendStringByte(b, byte(c>>8)), byte(c))
	}
	return b, -1
}

// appendStringByte appends c to a literal string: escaped when it is a
// parenthesis or a backslash, or a carriage return, which a reader would
// take for the end of a line.
func appendStringByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// syncFill sets the fill colour asked for, if the content has not.
func (d *Doc) syncFill() {
	if d.has.set&hasFill == 0 || d.has.fill != d.want.fill {
		d.content = appendColour(d.content, d.want.fill, "rg\n")
		d.has.fill = d.want.fill
		d.has.set |= hasFill
	}
}

// syncStroke sets the stroke colour and line width asked for, if the
// content has not.
func (d *Doc) syncStroke() {
	if d.has.set&hasStroke == 0 || d.has.stroke != d.want.stroke {
		d.content = appendColour(d.content, d.want.stroke, "RG\n")
		d.has.stroke = d.want.stroke
		d.has.set |= hasStroke
	}
	if d.has.set&hasLineWidth == 0 || d.has.lineWidth != d.want.lineWidth {
		d.content = appendNum(d.content, d.want.lineWidth*ptPerMM)
		d.content = append(d.content, " w\n"...)
		d.has.lineWidth = d.want.lineWidth
		d.has.set |= hasLineWidth
	}
}

// syncFont selects the font and size asked for, if the content has not.
func (d *Doc) syncFont() {
	if d.has.set&hasFont != 0 && d.has.font == d.want.font && d.has.size == d.want.size {
		return
	}
	d.content = append(d.content, "/F"...)
	d.content = strconv.AppendInt(d.content, int64(d.want.font), 10)
	d.content = append(d.content, ' ')
	d.content = appendNum(d.content, d.want.size)
	d.content = append(d.content, " Tf "...)
	d.has.font, d.has.size = d.want.font, d.want.size
	d.has.set |= hasFont
}

// appendNum appends v rounded to two decimals, without trailing zeros. v
// is finite and well within the range of int64 hundredths.
func appendNum(b []byte, v float64) []byte {
	return appendHundredths(b, hundredths(v))
}

// hundredths is v in hundredths, rounded half away from zero.
func hundredths(v float64) int64 {
	if v < 0 {
		return int64(v*100 - 0.5)
	}
	return int64(v*100 + 0.5)
}

// appendHundredths appends n hundredths as a number with two decimals at
// most, without trailing zeros.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var digits [24]byte
	i := len(digits)
	if frac := n % 100; frac%10 != 0 {
		i -= 3
		digits[i], digits[i+1], digits[i+2] = '.', byte('0'+frac/10), byte('0'+frac%10)
	} else if frac != 0 {
		i -= 2
		digits[i], digits[i+1] = '.', byte('0'+frac/10)
	}
	for n /= 100; ; n /= 10 {
		i--
		digits[i] = byte('0' + n%10)
		if n < 10 {
			break
		}
	}
	return append(b, digits[i:]...)
}

// colourComponents are the 256 values of a colour component as PDF
// numbers from 0 to 1, with three decimals.
var colourComponents = func() (c [256]string) {
	for i := range c {
		c[i] = strconv.FormatFloat(math.Round(float64(i)*1000/255)/1000, 'f', -1, 64)
	}
	return c
}()

// appendColour appends an RGB colour operator.
func appendColour(b []byte, c [3]uint8, op string) []byte {
	for _, v := range c {
		b = append(b, colourComponents[v]...)
		b = append(b, ' ')
	}
	return append(b, op...)
}
