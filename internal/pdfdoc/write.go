package pdfdoc

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"strconv"
	"time"
	"unicode/utf16"
)

// The objects every document has, by number.
const (
	objCatalog = 1 + iota
	objPages
	objResources
	objInfo
	objStructRoot // in an object stream
	objParentTree // in an object stream
	objMetadata
	objOutputProfile
	objFixed // the first number of the others
)

// layout numbers the objects of a document: the fixed ones, the outline
// root, each page and its content, each font's objects, each form,
// each outline entry, each structure element, the object streams and the
// cross-reference stream.
type layout struct {
	outlines  int   // the outline root; 0 without bookmarks
	firstPage int   // page i is firstPage+2i, its content the next
	fonts     []int // each font's first object; 0 for a font not drawn
	forms     int   // the first form
	bookmarks int   // the first outline entry
	elems     int   // structure element i is elems+i
	objStms   int   // the first object stream
	xref      int   // the cross-reference stream
	size      int   // the number of objects, plus the free object 0
}

// objectsPerFont are a font's objects: Type0, CIDFontType2, descriptor,
// font file, ToUnicode CMap; and a CIDToGIDMap when TextAs drew in it
// (objects).
const objectsPerFont = 5

// perObjStm is how many objects an object stream holds at most.
const perObjStm = 200

func (d *Doc) layout() layout {
	l := layout{firstPage: objFixed}
	if len(d.bookmarks) > 0 {
		l.outlines = objFixed
		l.firstPage++
	}
	next := l.firstPage + 2*d.numPages
	l.fonts = make([]int, len(d.fonts))
	for i, df := range d.fonts {
		if df.used() {
			l.fonts[i] = next
			next += df.objects()
		}
	}
	l.forms = next
	next += len(d.forms)
	l.bookmarks = next
	l.elems = l.bookmarks + len(d.bookmarks)
	l.objStms = l.elems + len(d.elems)
	compressed := 2 + len(d.elems) // the structure tree root, the parent tree, the elements
	l.xref = l.objStms + (compressed+perObjStm-1)/perObjStm
	l.size = l.xref + 1
	return l
}

// page is the object number of page i.
func (l layout) page(i int) int { return l.firstPage + 2*i }

// WriteTo writes the whole document. Calling it twice writes the same
// bytes. It reports the first misuse of the Doc, if any, instead.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	if d.err != nil {
		return 0, d.err
	}
	if d.numPages == 0 {
		return 0, errors.New("pdfdoc: the document has no page (AddPage was never called)")
	}
	if d.form != nil {
		return 0, errors.New("pdfdoc: a form is begun and not ended (EndForm was never called)")
	}
	pages := d.pages.wait()
	l := d.layout()
	p := &objWriter{w: w, entries: make([]xrefEntry, l.size), id: md5.New()}
	p.b = append(p.b, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)
	d.writeCatalog(p, l)
	d.writePages(p, l, pages)
	d.writeResources(p, l)
	d.writeInfo(p)
	d.writeMetadata(p)
	writeOutputProfile(p)
	d.writeOutlines(p, l)
	packed := d.packFonts()
	for i, df := range d.fonts {
		if l.fonts[i] != 0 {
			d.writeFont(p, df, packed[i], l.fonts[i])
		}
	}
	d.writeForms(p, l)
	d.writeStructure(p, l)
	p.finish(l.xref)
	return p.n, p.err
}

func (d *Doc) writeCatalog(p *objWriter, l layout) {
	p.begin(objCatalog)
	p.b = append(p.b, "<< /Type /Catalog /Pages 2 0 R /PageLayout /SinglePage /OpenAction ["...)
	p.ref(l.page(0))
	p.b = append(p.b, " /FitH null]"...)
	if l.outlines != 0 {
		p.b = append(p.b, " /PageMode /UseOutlines /Outlines "...)
		p.ref(l.outlines)
	}
	if d.info.Lang != "" {
		p.b = append(p.b, " /Lang "...)
		p.b = appendTextString(p.b, d.info.Lang)
	}
	p.b = append(p.b, " /MarkInfo << /Marked true >> /StructTreeRoot 5 0 R"+
		" /ViewerPreferences << /DisplayDocTitle true >> /Metadata 7 0 R"+
		" /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"+
		" /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile 8 0 R >>]"...)
	p.end(" >>")
}

// writePages writes the page tree, one node over every page, and the pages
// with their content: the finished pages', compressed, then the current
// page's.
func (d *Doc) writePages(p *objWriter, l layout, finished [][]byte) {
	n := d.numPages
	p.begin(objPages)
	p.b = append(p.b, "<< /Type /Pages /Count "...)
	p.b = strconv.AppendInt(p.b, int64(n), 10)
	p.b = append(p.b, " /MediaBox [0 0 "...)
	p.b = appendNum(p.b, d.width)
	p.b = append(p.b, ' ')
	p.b = appendNum(p.b, d.height)
	p.b = append(p.b, "] /Kids ["...)
	for i := range n {
		if i > 0 {
			p.b = append(p.b, ' ')
		}
		p.ref(l.page(i))
	}
	p.end("] >>")
	for i := range n {
		p.begin(l.page(i))
		p.b = append(p.b, "<< /Type /Page /Parent 2 0 R /Resources 3 0 R /Tabs /S /StructParents "...)
		p.b = strconv.AppendInt(p.b, int64(i), 10)
		p.b = append(p.b, " /Contents "...)
		p.ref(l.page(i) + 1)
		p.end(" >>")
		p.begin(l.page(i) + 1)
		p.b = append(p.b, "<< /Filter /FlateDecode"...)
		if i < len(finished) {
			p.stream(finished[i])
		} else {
			deflate(d.lastContent(), p.stream) // the current page, kept open
		}
	}
}

// writeResources writes the resources all pages and forms share: the
// fonts drawn and the forms.
func (d *Doc) writeResources(p *objWriter, l layout) {
	p.begin(objResources)
	p.b = append(p.b, "<< /ProcSet [/PDF /Text] /Font <<"...)
	for i, obj := range l.fonts {
		if obj != 0 {
			p.b = append(p.b, " /F"...)
			p.b = strconv.AppendInt(p.b, int64(i+1), 10)
			p.b = append(p.b, ' ')
			p.ref(obj)
		}
	}
	if len(d.forms) > 0 {
		p.b = append(p.b, " >> /XObject <<"...)
		for i := range d.forms {
			p.b = append(p.b, " /Fm"...)
			p.b = strconv.AppendInt(p.b, int64(i+1), 10)
			p.b = append(p.b, ' ')
			p.ref(l.forms + i)
		}
	}
	p.end(" >> >>")
}

func (d *Doc) writeInfo(p *objWriter) {
	p.begin(objInfo)
	p.b = append(p.b, "<<"...)
	for _, e := range []struct{ key, value string }{
		{"Title", d.info.Title}, {"Author", d.info.Author}, {"Subject", d.info.Subject},
		{"Creator", d.info.Creator}, {"Producer", d.info.Producer},
	} {
		if e.value != "" {
			p.b = append(p.b, " /"+e.key+" "...)
			p.b = appendTextString(p.b, e.value)
		}
	}
	if !d.info.Created.IsZero() {
		date := appendDate(nil, d.info.Created)
		p.b = append(p.b, " /CreationDate "...)
		p.b = append(p.b, date...)
		p.b = append(p.b, " /ModDate "...)
		p.b = append(p.b, date...)
	}
	p.end(" >>")
}

// appendTextString appends s as a PDF text string: UTF-16BE with a byte
// order mark, in hex. Invalid UTF-8 becomes U+FFFD.
func appendTextString(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	for _, r := range s {
		b = appendUTF16(b, r)
	}
	return append(b, '>')
}

// appendUTF16 appends r in UTF-16BE, as hex.
func appendUTF16(b []byte, r rune) []byte {
	if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' || r2 != '\uFFFD' {
		return appendHex16(appendHex16(b, uint16(r1)), uint16(r2))
	}
	return appendHex16(b, uint16(r))
}

// appendHex16 appends v as four hex digits.
func appendHex16(b []byte, v uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15])
}

// appendDate appends t as a PDF date string, (D:YYYYMMDDHHmmSS+HH'mm').
func appendDate(b []byte, t time.Time) []byte {
	b = t.AppendFormat(append(b, "(D:"...), "20060102150405")
	_, offset := t.Zone()
	if offset == 0 {
		return append(b, "Z)"...)
	}
	sign := byte('+')
	if offset < 0 {
		sign, offset = '-', -offset
	}
	b = append(b, sign)
	b = appendTwoDigits(b, offset/3600)
	b = append(b, '\'')
	b = appendTwoDigits(b, offset/60%60)
	return append(b, "')"...)
}

func appendTwoDigits(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

// objWriter writes numbered objects, remembering where each starts, then
// the cross-reference stream. It buffers small objects, hashes everything
// it writes for the file identifier, and keeps the first write error.
type objWriter struct {
	w       io.Writer
	b       []byte
	n       int64       // bytes written to w
	entries []xrefEntry // by object number
	id      hash.Hash   // of every byte written before the cross-reference stream
	err     error
}

// xrefEntry is where an object is: at an offset in the file, or at an
// index in an object stream.
type xrefEntry struct {
	stream int   // the object stream holding the object; 0 for one at offset
	at     int64 // the offset in the file, or the index in the stream
}

// flushAt is how much objWriter buffers before writing.
const flushAt = 64 << 10

// begin starts object num.
func (p *objWriter) begin(num int) {
	p.entries[num] = xrefEntry{at: p.n + int64(len(p.b))}
	p.b = strconv.AppendInt(p.b, int64(num), 10)
	p.b = append(p.b, " 0 obj\n"...)
}

// end closes the object, after tail.
func (p *objWriter) end(tail string) {
	p.b = append(p.b, tail...)
	p.b = append(p.b, "\nendobj\n"...)
	if len(p.b) >= flushAt {
		p.flush()
	}
}

// ref appends a reference to object num.
func (p *objWriter) ref(num int) { p.b = appendRef(p.b, num) }

// appendRef appends a reference to object num.
func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// stream closes the open stream dictionary with its length and writes the
// data as its stream.
func (p *objWriter) stream(data []byte) {
	p.b = append(p.b, " /Length "...)
	p.b = strconv.AppendInt(p.b, int64(len(data)), 10)
	p.b = append(p.b, " >>\nstream\n"...)
	if len(p.b)+len(data) >= flushAt {
		p.flush()
		p.write(data)
	} else {
		p.b = append(p.b, data...)
	}
	p.end("\nendstream")
}

func (p *objWriter) flush() {
	p.write(p.b)
	p.b = p.b[:0]
}

func (p *objWriter) write(b []byte) {
	if p.err != nil {
		return
	}
	if p.id != nil {
		p.id.Write(b)
	}
	n, err := p.w.Write(b)
	p.n += int64(n)
	p.err = err
}

// finish writes the cross-reference stream, object num, whose dictionary
// is the trailer, with the file identifier: a hash of the bytes before it,
// so that the same document always has the same identifier.
func (p *objWriter) finish(num int) {
	p.flush()
	sum := p.id.Sum(nil)
	p.id = nil
	xref := p.n
	p.entries[num] = xrefEntry{at: xref}
	table := make([]byte, 0, 7*len(p.entries))
	table = append(table, 0, 0, 0, 0, 0, 0xFF, 0xFF) // object 0, free
	for _, e := range p.entries[1:] {
		kind, field := byte(1), uint32(e.at)
		if e.stream != 0 {
			kind, field = 2, uint32(e.stream)
		}
		table = append(table, kind)
		table = binary.BigEndian.AppendUint32(table, field)
		if e.stream != 0 {
			table = binary.BigEndian.AppendUint16(table, uint16(e.at))
		} else {
			table = append(table, 0, 0)
		}
	}
	p.begin(num)
	p.b = append(p.b, "<< /Type /XRef /Size "...)
	p.b = strconv.AppendInt(p.b, int64(len(p.entries)), 10)
	p.b = append(p.b, " /W [1 4 2] /Root 1 0 R /Info 4 0 R /ID [<"...)
	p.b = hex.AppendEncode(p.b, sum)
	p.b = append(p.b, "> <"...)
	p.b = hex.AppendEncode(p.b, sum)
	p.b = append(p.b, ">] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>"...)
	deflate(pngUp(table, 7), p.stream)
	p.b = append(p.b, "startxref\n"...)
	p.b = strconv.AppendInt(p.b, xref, 10)
	p.b = append(p.b, "\n%%EOF\n"...)
	p.flush()
}

// pngUp applies the PNG "Up" predictor to rows of the given width: each row
// is its bytes less those of the row above, after the filter byte 2. Of a
// cross-reference stream, whose rows differ little, it leaves mostly zeros.
func pngUp(table []byte, width int) []byte {
	out := make([]byte, 0, len(table)+len(table)/width)
	prev := make([]byte, width)
	for row := range len(table) / width {
		cur := table[row*width : (row+1)*width]
		out = append(out, 2)
		for i, b := range cur {
			out = append(out, b-prev[i])
		}
		prev = cur
	}
	return out
}
