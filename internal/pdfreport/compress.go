package pdfreport

// Why the pages are compressed here and not by fpdf: fpdf v0.9.0, asked to
// compress (SetCompression(true)), makes a new zlib writer, about a
// megabyte of tables, for every page it writes. On a report of 10,000
// actions (1,600 pages) that is 1.8 GB of the render's 2.1 GB of
// allocation and a quarter of its time. So the document is written
// uncompressed and compressPages then compresses the page contents in one
// pass over fpdf's output, with one zlib writer reset for every page, at
// fpdf's level: the file is the very one fpdf would write. The price is
// memory: fpdf holds the whole uncompressed document in its buffer before
// handing it over (at 10,000 actions, 25 MB instead of 5 MB).
//
// fpdf's output is regular, and compressPages relies on it, checking it as
// it goes:
//
//	%PDF-1.3\n
//	N 0 obj\n<</Type /Page\n ... /Contents M 0 R>>\nendobj\n    a page
//	M 0 obj\n<</Length L>>\nstream\n(L bytes)\nendstream\nendobj\n    its content
//	... the other objects, each "K 0 obj\n ... endobj\n" ...
//	xref\n0 S\n0000000000 65535 f \n(one 20-byte line per object 1..S-1)
//	trailer\n<<...>>\nstartxref\n(offset of xref)\n%%EOF\n
//
// Every page's content becomes
//
//	M 0 obj\n<</Filter /FlateDecode /Length C>>\nstream\n(C bytes)\nendstream\nendobj\n
//
// which is what fpdf itself writes when it compresses; every other object,
// the trailer and the header are copied byte for byte, and the xref table
// and startxref are rewritten with the objects' new offsets. Anything that
// does not have this shape is an error, never a damaged PDF.

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// pageCompression is the zlib level of the page contents: the level fpdf
// uses, for a file of the size fpdf's own compression gives.
const pageCompression = zlib.BestSpeed

// The fixed parts of fpdf's output.
const (
	xrefHead      = "xref\n0 "
	freeEntry     = "0000000000 65535 f \n"
	entrySuffix   = " 00000 n \n"
	entryLen      = 20 // every xref line: ten digits, then entrySuffix
	trailerHead   = "trailer\n"
	startxref     = "startxref\n"
	endOfFile     = "%%EOF\n" // fpdf writes the two percent signs
	pageHead      = "<</Type /Page\n"
	contentsRef   = "/Contents "
	contentsTail  = " 0 R>>\nendobj\n"
	plainLength   = "<</Length "
	streamHead    = ">>\nstream\n"
	streamTail    = "\nendstream\nendobj\n"
	flateLength   = "<</Filter /FlateDecode /Length "
	objectTail    = "endobj\n"
	objectHeadEnd = " 0 obj\n"
)

// object is one indirect object of the input: its number and its bytes,
// from "N 0 obj" to "endobj" and the line end.
type object struct {
	num  int
	span []byte
}

// compressPages returns pdf, a document fpdf wrote without compression,
// with its page contents compressed (see the comment at the top of this
// file).
func compressPages(pdf []byte) ([]byte, error) {
	xref, err := findXref(pdf)
	if err != nil {
		return nil, err
	}
	offsets, trailer, err := readXref(pdf[xref:])
	if err != nil {
		return nil, fmt.Errorf("the xref table at offset %d: %w", xref, err)
	}
	objects, err := splitObjects(pdf[:xref], offsets)
	if err != nil {
		return nil, err
	}
	contents, err := pageContents(objects)
	if err != nil {
		return nil, err
	}
	head := pdf[:offsets[objects[0].num]]
	return rewrite(head, objects, contents, trailer, len(pdf))
}

// findXref checks the end of the file and returns the offset of the xref
// table that startxref gives.
func findXref(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, errors.New("not a PDF: no %PDF- header")
	}
	if !bytes.HasSuffix(pdf, []byte("\n"+endOfFile)) {
		return 0, errors.New("the file does not end with %%EOF: truncated?")
	}
	at := bytes.LastIndex(pdf, []byte("\n"+startxref))
	if at < 0 {
		return 0, errors.New("no startxref at the end of the file")
	}
	digits, ok := bytes.CutSuffix(pdf[at+1+len(startxref):], []byte("\n"+endOfFile))
	xref, err := strconv.Atoi(string(digits))
	if !ok || err != nil || xref <= 0 || xref > at || !bytes.HasPrefix(pdf[xref:], []byte(xrefHead)) {
		return 0, fmt.Errorf("startxref %q does not give the offset of an xref table", digits)
	}
	return xref, nil
}

// readXref reads the xref table at the start of b: it returns the offset
// of each object, by number (offsets[0], the free entry, is 0), and the
// trailer, from "trailer" up to startxref.
func readXref(b []byte) (offsets []int, trailer []byte, err error) {
	b = b[len(xrefHead):]
	line := bytes.IndexByte(b, '\n')
	size, err := strconv.Atoi(string(b[:max(line, 0)]))
	if line < 0 || err != nil || size < 2 {
		return nil, nil, errors.New("no object count after xref 0")
	}
	b = b[line+1:]
	if size > len(b)/entryLen {
		return nil, nil, fmt.Errorf("%d objects, more than the table has entries", size)
	}
	if !bytes.HasPrefix(b, []byte(freeEntry)) {
		return nil, nil, errors.New("object 0 is not the free entry")
	}
	b = b[entryLen:]
	offsets = make([]int, size)
	for num := 1; num < size; num++ {
		if len(b) < entryLen || string(b[10:entryLen]) != entrySuffix {
			return nil, nil, fmt.Errorf("the entry of object %d is not an in-use entry", num)
		}
		if offsets[num], err = strconv.Atoi(string(b[:10])); err != nil {
			return nil, nil, fmt.Errorf("the entry of object %d: %w", num, err)
		}
		b = b[entryLen:]
	}
	end := bytes.LastIndex(b, []byte(startxref))
	if !bytes.HasPrefix(b, []byte(trailerHead)) || end < 0 {
		return nil, nil, errors.New("no trailer after the table")
	}
	return offsets, b[:end], nil
}

// splitObjects cuts body, the file up to the xref table, into its
// objects, in the order they are in the file, checking that they follow
// one another with nothing in between and that each is the object the
// xref table says.
func splitObjects(body []byte, offsets []int) ([]object, error) {
	order := make([]int, 0, len(offsets)-1)
	for num := 1; num < len(offsets); num++ {
		order = append(order, num)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	objects := make([]object, len(order))
	for i, num := range order {
		start, end := offsets[num], len(body)
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if start <= 0 || start >= end || end > len(body) {
			return nil, fmt.Errorf("object %d: offset %d is not inside the file, before the next object", num, start)
		}
		span := body[start:end]
		if !bytes.HasPrefix(span, []byte(strconv.Itoa(num)+objectHeadEnd)) || !bytes.HasSuffix(span, []byte(objectTail)) {
			return nil, fmt.Errorf("object %d: offset %d is not the start of the object, or it does not end with endobj", num, start)
		}
		objects[i] = object{num: num, span: span}
	}
	return objects, nil
}

// pageContents returns the number of every page's content object, read
// from the pages' /Contents.
func pageContents(objects []object) (map[int]bool, error) {
	contents := make(map[int]bool)
	for _, o := range objects {
		dict := o.span[len(strconv.Itoa(o.num))+len(objectHeadEnd):]
		if !bytes.HasPrefix(dict, []byte(pageHead)) {
			continue
		}
		at := bytes.LastIndex(dict, []byte(contentsRef))
		if at < 0 || !bytes.HasSuffix(dict, []byte(contentsTail)) {
			return nil, fmt.Errorf("page object %d: no /Contents at its end", o.num)
		}
		num, err := strconv.Atoi(string(dict[at+len(contentsRef) : len(dict)-len(contentsTail)]))
		if err != nil {
			return nil, fmt.Errorf("page object %d: /Contents: %w", o.num, err)
		}
		contents[num] = true
	}
	if len(contents) == 0 {
		return nil, errors.New("no page")
	}
	return contents, nil
}

// contentStream returns the data of o, a page's content object, which
// must be an uncompressed stream whose /Length is its length.
func contentStream(o object) ([]byte, error) {
	b := o.span[len(strconv.Itoa(o.num))+len(objectHeadEnd):]
	end := bytes.Index(b, []byte(streamHead))
	if !bytes.HasPrefix(b, []byte(plainLength)) || end < 0 {
		return nil, fmt.Errorf("page content object %d: not an uncompressed stream", o.num)
	}
	length, err := strconv.Atoi(string(b[len(plainLength):end]))
	data := b[end+len(streamHead):]
	if err != nil || length != len(data)-len(streamTail) || !bytes.HasSuffix(data, []byte(streamTail)) {
		return nil, fmt.Errorf("page content object %d: its /Length %q is not the length of its stream", o.num, b[len(plainLength):end])
	}
	return data[:length], nil
}

// rewrite writes the compressed document: head, the objects, with the
// page contents compressed, the new xref table, then trailer. inLen, the
// input's length, sizes the output.
func rewrite(head []byte, objects []object, contents map[int]bool, trailer []byte, inLen int) ([]byte, error) {
	streams := make(map[int][]byte, len(contents))
	plain := 0
	for _, o := range objects {
		if contents[o.num] {
			data, err := contentStream(o)
			if err != nil {
				return nil, err
			}
			streams[o.num] = data
			plain += len(data)
		}
	}
	if len(streams) != len(contents) {
		return nil, errors.New("a page's /Contents is not an object of the file")
	}
	// Page contents compress to about a fifth; append grows the buffer if
	// they do not.
	out := make([]byte, 0, inLen-plain+plain/4)
	out = append(out, head...)
	offsets := make([]int, len(objects)+1)
	var packed bytes.Buffer
	zw, err := zlib.NewWriterLevel(&packed, pageCompression)
	if err != nil {
		return nil, err
	}
	for _, o := range objects {
		offsets[o.num] = len(out)
		data, ok := streams[o.num]
		if !ok {
			out = append(out, o.span...)
			continue
		}
		packed.Reset()
		zw.Reset(&packed)
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		out = strconv.AppendInt(out, int64(o.num), 10)
		out = append(out, objectHeadEnd+flateLength...)
		out = strconv.AppendInt(out, int64(packed.Len()), 10)
		out = append(out, streamHead...)
		out = append(out, packed.Bytes()...)
		out = append(out, streamTail...)
	}
	return appendXref(out, offsets, trailer), nil
}

// appendXref appends to out the xref table of the objects at offsets,
// the trailer, and startxref.
func appendXref(out []byte, offsets []int, trailer []byte) []byte {
	xref := len(out)
	out = append(out, xrefHead...)
	out = strconv.AppendInt(out, int64(len(offsets)), 10)
	out = append(out, '\n')
	out = append(out, freeEntry...)
	for _, off := range offsets[1:] {
		out = fmt.Appendf(out, "%010d", off)
		out = append(out, entrySuffix...)
	}
	out = append(out, trailer...)
	out = append(out, startxref...)
	out = strconv.AppendInt(out, int64(xref), 10)
	return append(out, "\n"+endOfFile...)
}

// pageCompressor is the writer fpdf's Output writes to: it keeps the
// document with its pages compressed. Output hands fpdf's whole buffer to
// one Write, so the uncompressed document is never copied.
type pageCompressor struct {
	pdf []byte
}

func (c *pageCompressor) Write(p []byte) (int, error) {
	if c.pdf != nil {
		return 0, errors.New("fpdf wrote its output in more than one piece")
	}
	packed, err := compressPages(p)
	if err != nil {
		return 0, fmt.Errorf("compressing the pages of fpdf's output: %w", err)
	}
	c.pdf = packed
	return len(p), nil
}
