package pdfdoc

import (
	"fmt"
	"slices"
	"strconv"
)

// Tagged PDF (ISO 32000-1 §14.7–14.8, as PDF/UA-1 and PDF/A-2a need it).
//
// The caller builds the structure tree with NewElem, in reading order, and
// says before drawing what the content belongs to: MarkContent(e) for real
// content of element e, MarkArtifact for decoration and page furniture.
// The writer opens and closes the marked-content sequences itself, as it
// sets colours: a BDC when what is drawn next belongs to something else
// than what is open, an EMC before the next one and at the end of a page.
// Each sequence of an element gets the page's next MCID, is listed among
// the element's kids and in the parent tree, so an element whose content
// continues over pages (a table cell that flows on) is one element with
// content on each page.
//
// Text drawn with nothing marked is a misuse: a tagged document has no
// untagged text. Rectangles and lines drawn with nothing marked are
// layout artifacts.

// Elem is a structure element. The zero Elem is the document element, the
// root every other element descends from.
type Elem int

// Attrs are the attributes of a structure element that the report uses.
type Attrs struct {
	Scope   string     // a TH's /Scope: "Column", "Row" or "Both"
	ColSpan int        // a table cell's /ColSpan, when above 1
	BBox    [4]float64 // a Figure's /BBox on its page, x, y, w, h in mm from the top left; zero for none
}

// ArtifactKind says what an artifact is.
type ArtifactKind int

const (
	Layout ArtifactKind = iota // fills, rules, repeated table headers
	Header                     // the running header: a pagination artifact
	Footer                     // the footer: a pagination artifact
)

// artifactTags are the property lists of the artifacts' BDC operators.
var artifactTags = [...]string{
	Layout: "/Artifact BMC\n", // the shortest form, as a report has thousands
	Header: "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
	Footer: "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
}

// elem is a structure element being built. It is kept small, since a
// report has a dozen a row: its type is an index of structTypes, its kids
// a list linked through the Doc's kids, and the few elements with an /Alt
// or attributes have them in maps of the Doc.
type elem struct {
	typ         uint8
	parent      int32 // -1 for the document element
	first, last int32 // its first and last kid in Doc.kids; -1 for none
}

// kid is a structure element's child: another element, or a
// marked-content sequence on a page; and the index of the next kid of the
// same element, -1 after the last.
type kid struct {
	elem       int32 // > 0 for an element; 0 for marked content
	page, mcid int32
	next       int32
}

// addKid appends k to element e's kids.
func (d *Doc) addKid(e Elem, k kid) {
	k.next = -1
	d.kids = append(d.kids, k)
	i := int32(len(d.kids) - 1)
	el := &d.elems[e]
	if el.last < 0 {
		el.first = i
	} else {
		d.kids[el.last].next = i
	}
	el.last = i
}

// attrsOn are an element's attributes and the page its BBox is on.
type attrsOn struct {
	Attrs
	page int
}

// mark is what the content drawn next belongs to.
type mark struct {
	set      bool // anything marked at all
	artifact bool
	kind     ArtifactKind
	elem     Elem
}

// structTypes are the standard structure types of ISO 32000-1 §14.8.4
// that NewElem accepts: PDF/UA wants no others without a role map.
var structTypes = []string{
	"Document", "Part", "Sect", "Div", "Caption",
	"H1", "H2", "H3", "H4", "H5", "H6", "P",
	"L", "LI", "Lbl", "LBody",
	"Table", "THead", "TBody", "TFoot", "TR", "TH", "TD",
	"Span", "Figure", "Note",
}

// NewElem adds a structure element of type typ as the last child of
// parent, and returns it. Elements are listed in the order they are added,
// which is the order a screen reader reads them in.
func (d *Doc) NewElem(parent Elem, typ string) Elem {
	i := slices.Index(structTypes, typ)
	if i < 0 {
		d.fail("NewElem", fmt.Sprintf("%q is not a standard structure type", typ))
		return 0
	}
	if !d.validElem("NewElem", parent) {
		return 0
	}
	d.elems = append(d.elems, elem{typ: uint8(i), parent: int32(parent), first: -1, last: -1})
	e := Elem(len(d.elems) - 1)
	d.addKid(parent, kid{elem: int32(e)})
	return e
}

// SetAlt gives element e its alternate description (/Alt), which a screen
// reader speaks instead of its content: a Figure's text alternative.
func (d *Doc) SetAlt(e Elem, alt string) {
	if d.validElem("SetAlt", e) {
		d.alts[e] = alt
	}
}

// SetAttrs sets element e's attributes; a BBox is on the current page.
func (d *Doc) SetAttrs(e Elem, a Attrs) {
	if d.validElem("SetAttrs", e) && d.finite("SetAttrs", a.BBox[:]...) {
		d.attrs[e] = attrsOn{a, d.numPages - 1}
	}
}

func (d *Doc) validElem(op string, e Elem) bool {
	if e < 0 || int(e) >= len(d.elems) {
		d.fail(op, fmt.Sprintf("structure element %d does not exist", e))
		return false
	}
	return true
}

// MarkContent says that what is drawn next is content of element e, until
// the next MarkContent or MarkArtifact.
func (d *Doc) MarkContent(e Elem) {
	if e == 0 {
		d.fail("MarkContent", "content must belong to an element below the document element")
		return
	}
	if d.validElem("MarkContent", e) {
		d.wantMark = mark{set: true, elem: e}
	}
}

// MarkArtifact says that what is drawn next is an artifact of the kind
// given, until the next MarkContent or MarkArtifact.
func (d *Doc) MarkArtifact(kind ArtifactKind) {
	if kind < 0 || int(kind) >= len(artifactTags) {
		d.fail("MarkArtifact", fmt.Sprintf("artifact kind %d does not exist", kind))
		return
	}
	d.wantMark = mark{set: true, artifact: true, kind: kind}
}

// syncMark opens the marked-content sequence of what is drawn next, closing
// the one open, if it belongs elsewhere. Graphics drawn with nothing marked
// are layout artifacts; text with nothing marked is refused.
func (d *Doc) syncMark(text bool) bool {
	want := d.wantMark
	if d.form != nil { // a form is an artifact, shown in the page's sequence
		if want.set && !want.artifact {
			d.fail("MarkContent", "a form holds artifacts only, not an element's content")
			return false
		}
		return true
	}
	if !want.set {
		if text {
			d.fail("Text", "text drawn outside any structure element or artifact (call MarkContent or MarkArtifact first)")
			return false
		}
		want = mark{set: true, artifact: true, kind: Layout}
	}
	if d.hasMark == want {
		return true
	}
	d.closeMark()
	if want.artifact {
		d.content = append(d.content, artifactTags[want.kind]...)
	} else {
		mcid := len(d.pageMCIDs)
		d.pageMCIDs = append(d.pageMCIDs, int32(want.elem))
		d.addKid(want.elem, kid{page: int32(d.numPages - 1), mcid: int32(mcid)})
		d.content = append(d.content, '/')
		d.content = append(d.content, structTypes[d.elems[want.elem].typ]...)
		d.content = append(d.content, " <</MCID "...)
		d.content = strconv.AppendInt(d.content, int64(mcid), 10)
		d.content = append(d.content, ">> BDC\n"...)
	}
	d.hasMark = want
	return true
}

// closeMark closes the marked-content sequence that is open, if any.
func (d *Doc) closeMark() {
	d.closeText()
	if d.hasMark.set {
		d.content = append(d.content, "EMC\n"...)
		d.hasMark = mark{}
	}
}

// lastContent is the current page's content as written: with the open
// text object and marked-content sequence closed, and the page left open for more.
func (d *Doc) lastContent() []byte {
	b := d.content[:len(d.content):len(d.content)]
	if d.text.open {
		b = append(b, "ET\n"...)
	}
	if d.hasMark.set {
		b = append(b, "EMC\n"...)
	}
	return b
}

// parentTreeEntries are the pages' entries of the parent tree, the
// current page's last.
func (d *Doc) parentTreeEntries() [][]int32 {
	return append(d.parentTree[:len(d.parentTree):len(d.parentTree)], d.pageMCIDs)
}

// endPage closes the page's content and keeps its entry of the parent
// tree: the element of each of its MCIDs.
func (d *Doc) endPage() {
	d.closeMark()
	d.parentTree = append(d.parentTree, d.pageMCIDs)
	d.pageMCIDs = nil
}

// writeStructure writes the structure tree root, the parent tree and the
// structure elements, packed into compressed object streams: a report has
// a dozen elements a row, which as plain objects would add half again to
// the file.
func (d *Doc) writeStructure(p *objWriter, l layout) {
	s := &objStm{p: p, num: l.objStms, pack: newPageSet()}
	b := append(s.begin(objStructRoot), "<< /Type /StructTreeRoot /K "...)
	b = appendRef(b, l.elems)
	b = append(b, " /ParentTree 6 0 R /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(d.numPages), 10)
	s.end(append(b, " >>"...))

	b = append(s.begin(objParentTree), "<< /Nums ["...)
	for page, mcids := range d.parentTreeEntries() {
		b = strconv.AppendInt(b, int64(page), 10)
		b = append(b, " ["...)
		for i, e := range mcids {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, l.elems+int(e))
		}
		b = append(b, "]\n"...)
	}
	s.end(append(b, "] >>"...))

	for i := range d.elems {
		s.end(d.appendElem(s.begin(l.elems+i), l, Elem(i)))
	}
	s.flush()
	s.write()
}

// appendElem appends structure element e's dictionary.
func (d *Doc) appendElem(b []byte, l layout, e Elem) []byte {
	el := &d.elems[e]
	// /Type /StructElem is optional, and a fifth of the bytes of a small element.
	b = append(b, "<< /S /"...)
	b = append(b, structTypes[el.typ]...)
	b = append(b, " /P "...)
	if el.parent < 0 {
		b = append(b, "5 0 R"...)
	} else {
		b = appendRef(b, l.elems+int(el.parent))
	}
	pg := int32(-1) // the element's /Pg: the page of its first marked content
	for k := el.first; k >= 0; k = d.kids[k].next {
		if d.kids[k].elem == 0 {
			pg = d.kids[k].page
			break
		}
	}
	if pg >= 0 {
		b = append(b, " /Pg "...)
		b = appendRef(b, l.page(int(pg)))
	}
	if alt := d.alts[e]; alt != "" {
		b = append(b, " /Alt "...)
		b = appendTextString(b, alt)
	}
	if a, ok := d.attrs[e]; ok {
		b = d.appendAttrs(b, a)
	}
	b = append(b, " /K ["...)
	for i := el.first; i >= 0; i = d.kids[i].next {
		if i != el.first {
			b = append(b, ' ')
		}
		k := d.kids[i]
		switch {
		case k.elem != 0:
			b = appendRef(b, l.elems+int(k.elem))
		case k.page == pg:
			b = strconv.AppendInt(b, int64(k.mcid), 10)
		default:
			b = append(b, "<< /Type /MCR /Pg "...)
			b = appendRef(b, l.page(int(k.page)))
			b = append(b, " /MCID "...)
			b = strconv.AppendInt(b, int64(k.mcid), 10)
			b = append(b, " >>"...)
		}
	}
	return append(b, "] >>"...)
}

// appendAttrs appends an element's attribute dictionary, if it has one.
func (d *Doc) appendAttrs(b []byte, a attrsOn) []byte {
	switch {
	case a.Scope != "" || a.ColSpan > 1:
		b = append(b, " /A << /O /Table"...)
		if a.Scope != "" {
			b = append(b, " /Scope /"...)
			b = append(b, a.Scope...)
		}
		if a.ColSpan > 1 {
			b = append(b, " /ColSpan "...)
			b = strconv.AppendInt(b, int64(a.ColSpan), 10)
		}
		b = append(b, " >>"...)
	case a.BBox != [4]float64{}:
		x, y, w, h := a.BBox[0]*ptPerMM, d.height-(a.BBox[1]+a.BBox[3])*ptPerMM, a.BBox[2]*ptPerMM, a.BBox[3]*ptPerMM
		b = append(b, " /A << /O /Layout /Placement /Block /BBox ["...)
		for i, v := range []float64{x, y, x + w, y + h} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, v)
		}
		b = append(b, "] >>"...)
	}
	return b
}

// objStm packs objects into object streams of perObjStm objects each,
// numbered from num on, compressed in the background as pages are.
type objStm struct {
	p       *objWriter
	num     int
	index   []byte // "num offset" pairs
	body    []byte
	objects int
	packed  []byte   // the stream's data, index and body
	pack    *pageSet // the streams, compressed
	heads   [][2]int // each stream's object count and the length of its index
}

// begin starts object num in the stream and returns the buffer to append
// its body to.
func (s *objStm) begin(num int) []byte {
	s.p.entries[num] = xrefEntry{stream: s.num + len(s.heads), at: int64(s.objects)}
	s.index = strconv.AppendInt(s.index, int64(num), 10)
	s.index = append(s.index, ' ')
	s.index = strconv.AppendInt(s.index, int64(len(s.body)), 10)
	s.index = append(s.index, ' ')
	return s.body
}

// end ends the object whose body b holds.
func (s *objStm) end(b []byte) {
	s.body = append(b, '\n')
	s.objects++
	if s.objects == perObjStm {
		s.flush()
	}
}

// flush has the objects packed so far compressed as one object stream.
func (s *objStm) flush() {
	if s.objects == 0 {
		return
	}
	s.heads = append(s.heads, [2]int{s.objects, len(s.index)})
	s.packed = s.pack.finish(append(append(s.packed[:0], s.index...), s.body...))
	s.index, s.body, s.objects = s.index[:0], s.body[:0], 0
}

// write writes the object streams.
func (s *objStm) write() {
	p := s.p
	for i, data := range s.pack.wait() {
		p.begin(s.num + i)
		p.b = append(p.b, "<< /Type /ObjStm /N "...)
		p.b = strconv.AppendInt(p.b, int64(s.heads[i][0]), 10)
		p.b = append(p.b, " /First "...)
		p.b = strconv.AppendInt(p.b, int64(s.heads[i][1]), 10)
		p.b = append(p.b, " /Filter /FlateDecode"...)
		p.stream(data)
	}
}
