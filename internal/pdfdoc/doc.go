package pdfdoc

import (
	"fmt"
	"time"
)

// Info are the document properties, written both in the document
// information dictionary and, the same, in the XMP metadata.
type Info struct {
	Title, Author, Subject, Creator, Producer string    // any Unicode
	Lang                                      string    // the catalog's /Lang, e.g. "en-GB"; omitted when empty
	Created                                   time.Time // creation and modification date; both omitted when zero
}

// FontID is a font added to a document: the resource /F1, /F2, ... The
// zero FontID is no font.
type FontID int

// ptPerMM converts millimetres to PDF points.
const ptPerMM = 72 / 25.4

// Doc is a PDF being written. Units are millimetres, with y measured down
// from the top of the page; the writer converts to PDF points with y up.
// All pages have the size given to New. A Doc is not safe for concurrent
// use.
type Doc struct {
	width, height float64 // the page size in points
	info          Info

	fonts     []*docFont
	numPages  int      // the pages started
	pages     *pageSet // the pages before the current one
	content   []byte   // the current page's content, uncompressed
	want, has state    // the state asked for, and the one the current page's content has set
	bookmarks []bookmark
	err       error // the first misuse, reported by WriteTo

	elems             []elem           // the structure tree; elems[0] is the document element
	kids              []kid            // the elements' kids, in lists linked by index
	alts              map[Elem]string  // the elements' /Alt
	attrs             map[Elem]attrsOn // the elements' attributes
	wantMark, hasMark mark             // what the content drawn next belongs to, and what the open sequence does
	text              textObject       // the text object the current page's content has open
	form              *form            // the form being drawn, if any (form.go)
	forms             [][]byte         // the forms, compressed
	pageMCIDs         []int32          // the current page's MCIDs: the element each belongs to
	parentTree        [][]int32        // each finished page's MCIDs
}

// docFont is a font added to a document, with the glyphs drawn in it.
type docFont struct {
	font *Font
	// drawn holds, by glyph id, 1 + the first rune drawn as the glyph; 0 for
	// a glyph not drawn.
	drawn []rune
	// stands are the character codes past the font's glyphs that TextAs
	// draws, in the order first drawn: code font.numGlyphs+i draws glyph
	// stands[i].glyph and reads as stands[i].text (fontobj.go).
	stands  []standIn
	standAt map[standIn]uint16 // each stand-in's code
}

// standIn is a character code that draws one glyph and reads as another
// rune: U+FFFD's glyph, say, for a character no font has.
type standIn struct {
	glyph uint16
	text  rune
}

// state is the graphics state the content sets with operators.
type state struct {
	font         FontID
	size         float64 // points
	fill, stroke [3]uint8
	lineWidth    float64 // millimetres
	set          uint8   // the has* bits of what is set (in want, only hasFont counts)
}

// Bits of state.set.
const (
	hasFont uint8 = 1 << iota
	hasFill
	hasStroke
	hasLineWidth
)

// defaultLineWidth is the line width before SetLineWidth, in millimetres.
const defaultLineWidth = 0.2

// New starts a document whose pages are width by height millimetres.
func New(width, height float64, info Info) *Doc {
	for _, s := range []*string{&info.Title, &info.Author, &info.Subject, &info.Creator, &info.Producer, &info.Lang} {
		*s = xmlSafe(*s)
	}
	info.Created = info.Created.UTC()
	d := &Doc{width: width * ptPerMM, height: height * ptPerMM, info: info, pages: newPageSet(),
		elems: []elem{{parent: -1, first: -1, last: -1}}, alts: map[Elem]string{}, attrs: map[Elem]attrsOn{}}
	d.want = state{lineWidth: defaultLineWidth}
	if !(width > 0 && height > 0 && width <= maxCoord && height <= maxCoord) {
		d.fail("New", fmt.Sprintf("the page size %g × %g mm is not positive, or too large", width, height))
	}
	return d
}

// AddFont makes f available to this document and returns its handle
// (resource /F1, /F2, ... in the order added; adding the same *Font twice
// returns the same handle).
func (d *Doc) AddFont(f *Font) FontID {
	if f == nil {
		d.fail("AddFont", "no font (nil)")
		return 0
	}
	for i, df := range d.fonts {
		if df.font == f {
			return FontID(i + 1)
		}
	}
	d.fonts = append(d.fonts, &docFont{font: f, drawn: make([]rune, f.numGlyphs)})
	return FontID(len(d.fonts))
}

// AddPage starts a new page. The previous page's content is compressed
// now, in the background, so that the document holds only compressed
// pages.
func (d *Doc) AddPage() {
	if d.form != nil {
		d.fail("AddPage", "a form is begun and not ended")
		return
	}
	if d.numPages > 0 {
		d.endPage()
		d.content = d.pages.finish(d.content)
	}
	d.numPages++
	d.has.set = 0
	d.wantMark = mark{}
}

// SetFont sets the font and its size in points for the text drawn next.
func (d *Doc) SetFont(id FontID, size float64) {
	if id <= 0 || int(id) > len(d.fonts) {
		d.fail("SetFont", fmt.Sprintf("font %d was not added to this document", id))
		return
	}
	if !d.finite("SetFont", size) {
		return
	}
	d.want.font, d.want.size = id, size
	d.want.set |= hasFont
}

// SetFillColor sets the colour of fills and of text.
func (d *Doc) SetFillColor(r, g, b uint8) { d.want.fill = [3]uint8{r, g, b} }

// SetStrokeColor sets the colour of lines and rectangle outlines.
func (d *Doc) SetStrokeColor(r, g, b uint8) { d.want.stroke = [3]uint8{r, g, b} }

// SetLineWidth sets the width of lines and rectangle outlines, in
// millimetres.
func (d *Doc) SetLineWidth(w float64) {
	if d.finite("SetLineWidth", w) {
		d.want.lineWidth = w
	}
}

// bookmark is an outline entry.
type bookmark struct {
	title string
	level int
	page  int     // index in pages
	top   float64 // points from the bottom of the page
}

// Bookmark adds an outline entry titled title at level (0 = top; a level
// may be at most one deeper than the previous entry's) pointing at the
// current page, at y (mm from the top).
func (d *Doc) Bookmark(title string, level int, y float64) {
	if !d.drawing("Bookmark", y) {
		return
	}
	prev := -1
	if n := len(d.bookmarks); n > 0 {
		prev = d.bookmarks[n-1].level
	}
	if level < 0 || level > prev+1 {
		d.fail("Bookmark", fmt.Sprintf("%q is at level %d after one at level %d; a level may be at most one deeper than the entry before", title, level, prev))
		return
	}
	d.bookmarks = append(d.bookmarks, bookmark{title, level, d.numPages - 1, d.height - y*ptPerMM})
}

// maxCoord bounds every length and coordinate, in millimetres (and font
// sizes, in points): a kilometre is no page.
const maxCoord = 1e6

// finite reports whether the values are finite numbers within ±maxCoord,
// noting the misuse when one is not.
func (d *Doc) finite(op string, vs ...float64) bool {
	for _, v := range vs {
		if !(v >= -maxCoord && v <= maxCoord) {
			d.fail(op, fmt.Sprintf("%g is not a number between %g and %g", v, -maxCoord, maxCoord))
			return false
		}
	}
	return true
}

// drawing reports whether op may draw: a page is started and its values
// are finite.
func (d *Doc) drawing(op string, vs ...float64) bool {
	if d.numPages == 0 {
		d.fail(op, "called before the first AddPage")
		return false
	}
	return d.finite(op, vs...)
}

// fail notes the first misuse, with where it happened, for WriteTo.
func (d *Doc) fail(op, why string) {
	switch {
	case d.err != nil:
	case d.numPages == 0:
		d.err = fmt.Errorf("pdfdoc: %s: %s", op, why)
	default:
		d.err = fmt.Errorf("pdfdoc: page %d: %s: %s", d.numPages, op, why)
	}
}
