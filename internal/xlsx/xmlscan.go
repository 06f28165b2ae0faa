package xlsx

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// The reader scans the XML of a workbook's parts itself, a tag at a time,
// straight from the bytes as they are unpacked: the few elements it needs
// are found by their local names (whatever namespace prefix a producer
// gives them), the text of those it reads is decoded as an XML parser
// decodes it, and everything else is passed over without being decoded.
// A part is read as far as it is malformed and no further: a tag that is
// not closed, an end tag that does not match the element open, an entity
// that is not one of XML's, a character XML does not allow in the text
// read, a DTD (which the Open Packaging Conventions forbid) — all make the
// workbook damaged.

// errMalformed is the error of a part whose XML is malformed.
var errMalformed = errors.New("malformed XML")

const (
	scanBufferSize = 32 << 10
	// maxMarkup is the longest tag, comment, CDATA section or processing
	// instruction a part may hold; no producer writes one near as long, and
	// the scanner holds each one whole.
	maxMarkup = 1 << 20
)

// xmlScanner reads an XML document a tag at a time.
type xmlScanner struct {
	src    io.Reader
	srcErr error // what src returned once it could give no more, io.EOF at its end
	buf    []byte
	r, w   int   // buf[r:w] has been read from src but not yet scanned
	err    error // the first error: src's (but io.EOF), or errMalformed

	// The tag read last by next: an end tag </name>, an empty-element tag
	// <name …/>, or a start tag <name …>; its name as written, with any
	// prefix; and the text of its attributes, undecoded.
	end, empty  bool
	name, attrs []byte

	// The names of the elements open, one after another, and where each
	// ends in stack.
	stack []byte
	ends  []int

	scratch []byte // where eachAttr decodes a value
}

// newXMLScanner returns a scanner of src. Its size, when known (not 0),
// saves the scanner's buffer being larger than it.
func newXMLScanner(src io.Reader, size uint64) *xmlScanner {
	n := scanBufferSize
	if size > 0 && size < scanBufferSize {
		n = int(size) + 1
	}
	s := &xmlScanner{src: src, buf: make([]byte, n)}
	s.transcode()
	return s
}

func (s *xmlScanner) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// fill reads more of the source, keeping what is not yet scanned, and
// reports whether it read anything.
func (s *xmlScanner) fill() bool {
	if s.srcErr != nil || s.err != nil {
		return false
	}
	if s.r > 0 {
		s.w = copy(s.buf, s.buf[s.r:s.w])
		s.r = 0
	}
	if s.w == len(s.buf) {
		if s.w >= maxMarkup {
			s.fail(errMalformed)
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	var n int
	var err error
	for tries := 0; n == 0 && err == nil; tries++ {
		if tries == 100 {
			err = io.ErrNoProgress
			break
		}
		n, err = s.src.Read(s.buf[s.w:])
	}
	s.w += n
	if err != nil {
		s.srcErr = err
		if err != io.EOF {
			s.fail(err)
		}
	}
	return n > 0
}

// need reports whether at least n bytes are there to scan, reading more
// if need be.
func (s *xmlScanner) need(n int) bool {
	for s.w-s.r < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// until returns the offset from s.r of the first pat at or after offset
// from, reading more as need be; -1 when the document ends first.
func (s *xmlScanner) until(from int, pat string) int {
	for {
		if i := bytes.Index(s.buf[min(s.r+from, s.w):s.w], []byte(pat)); i >= 0 {
			return from + i
		}
		from = max(from, s.w-s.r-len(pat)+1)
		if !s.fill() {
			return -1
		}
	}
}

// skipPast passes over everything up to the end of the next pat, looking
// from offset from; the document is malformed without one.
func (s *xmlScanner) skipPast(from int, pat string) {
	i := s.until(from, pat)
	if i < 0 {
		s.fail(errMalformed)
		return
	}
	s.r += i + len(pat)
}

// at reports whether what is to be scanned starts with prefix.
func (s *xmlScanner) at(prefix string) bool {
	return s.need(len(prefix)) && string(s.buf[s.r:s.r+len(prefix)]) == prefix
}

// next reads up to the next tag, passing over text, comments, processing
// instructions and CDATA sections. It returns false at the end of the
// document, or at an error (s.err).
func (s *xmlScanner) next() bool {
	for s.err == nil {
		i := 0
		if s.r == s.w || s.buf[s.r] != '<' {
			i = bytes.IndexByte(s.buf[s.r:s.w], '<')
		}
		if i < 0 {
			s.r = s.w
			if !s.fill() {
				break
			}
			continue
		}
		s.r += i
		if s.markup() {
			return true
		}
	}
	if s.err == nil && len(s.ends) > 0 {
		s.fail(errMalformed) // the document ends inside an element
	}
	return false
}

// markup reads the markup at s.r: a tag, for which it returns true, or a
// comment, processing instruction or CDATA section, which it passes over.
func (s *xmlScanner) markup() bool {
	if !s.need(2) {
		s.fail(errMalformed)
		return false
	}
	switch s.buf[s.r+1] {
	case '?':
		s.skipPast(2, "?>")
	case '!':
		switch {
		case s.at("<!--"):
			s.skipPast(4, "-->")
		case s.at("<![CDATA["):
			s.skipPast(9, "]]>")
		default:
			s.fail(errMalformed) // a DTD, or worse
		}
	default:
		return s.tag()
	}
	return false
}

// tag reads the tag at s.r.
func (s *xmlScanner) tag() bool {
	end := s.tagEnd()
	if end < 0 {
		s.fail(errMalformed)
		return false
	}
	t := s.buf[s.r+1 : s.r+end]
	s.r += end + 1
	s.end = len(t) > 0 && t[0] == '/'
	if s.end {
		t = t[1:]
	}
	s.empty = !s.end && len(t) > 0 && t[len(t)-1] == '/'
	if s.empty {
		t = t[:len(t)-1]
	}
	n := 0
	for n < len(t) && !isSpace(t[n]) {
		n++
	}
	s.name, s.attrs = t[:n], t[n:]
	switch {
	case n == 0 || s.end && len(trimSpace(s.attrs)) > 0:
		s.fail(errMalformed)
		return false
	case s.end:
		return s.pop()
	case !s.empty:
		s.stack = append(s.stack, s.name...)
		s.ends = append(s.ends, len(s.stack))
	}
	return true
}

// tagEnd returns the offset from s.r of the > that closes the tag at s.r,
// passing over quoted attribute values; -1 when the document ends first.
func (s *xmlScanner) tagEnd() int {
	var quote byte
	for i := 1; ; {
		for ; s.r+i < s.w; i++ {
			c := s.buf[s.r+i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return i
			case c == '"' || c == '\'':
				quote = c
			}
		}
		if !s.fill() {
			return -1
		}
	}
}

// pop closes the element open last, which must be the one the end tag
// just read names.
func (s *xmlScanner) pop() bool {
	n := len(s.ends)
	if n == 0 {
		s.fail(errMalformed)
		return false
	}
	start := 0
	if n > 1 {
		start = s.ends[n-2]
	}
	if !bytes.Equal(s.stack[start:], s.name) {
		s.fail(errMalformed)
		return false
	}
	s.stack, s.ends = s.stack[:start], s.ends[:n-1]
	return true
}

// level is the depth of the element whose tag was read last, the root's
// being 1.
func (s *xmlScanner) level() int {
	if s.end || s.empty {
		return len(s.ends) + 1
	}
	return len(s.ends)
}

// is reports whether the tag read last is a start (or empty-element) tag
// of an element with the local name local.
func (s *xmlScanner) is(local string) bool {
	return !s.end && string(localName(s.name)) == local
}

// localName is a name without its namespace prefix, as encoding/xml
// takes it apart.
func localName(name []byte) []byte {
	colon := -1
	for i, c := range name {
		if c == ':' {
			if colon >= 0 {
				return name // more than one: no prefix
			}
			colon = i
		}
	}
	if colon > 0 && colon < len(name)-1 {
		return name[colon+1:]
	}
	return name
}

// plainForm is the commonest form of an element: holding one child, which
// holds text with nothing to decode, <parent><child>text</child></parent>,
// neither with a namespace prefix.
type plainForm struct {
	parent, open, close string
}

func newPlainForm(parent, child string) plainForm {
	return plainForm{parent, "<" + child + ">", "</" + child + "></" + parent + ">"}
}

// plainChild reads an element of form f whose start tag was read last
// straight from what is read, returning its child's text, good until the
// scanner reads on, having read past its end tag; or false, having read
// nothing, when the element is of another form.
func (s *xmlScanner) plainChild(f plainForm) ([]byte, bool) {
	if s.end || s.empty || string(s.name) != f.parent {
		return nil, false
	}
	rest := s.buf[s.r:s.w]
	if len(rest) < len(f.open) || string(rest[:len(f.open)]) != f.open {
		return nil, false
	}
	rest = rest[len(f.open):]
	end := bytes.IndexByte(rest, '<')
	if end < 0 || len(rest)-end < len(f.close) || string(rest[end:end+len(f.close)]) != f.close {
		return nil, false
	}
	text := rest[:end]
	if bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\r') >= 0 {
		return nil, false
	}
	s.r += len(f.open) + end + len(f.close)
	s.pop() // the element, whose name s.name still holds
	return text, true
}

// skip passes over the content of the element whose start tag was read
// last, and its end tag.
func (s *xmlScanner) skip() {
	if s.end || s.empty {
		return
	}
	for depth := len(s.ends); s.next(); {
		if len(s.ends) < depth {
			return
		}
	}
}

// text appends to dst the character data up to the next tag, leaving the
// tag to next: entities decoded, CDATA sections as they are, comments and
// processing instructions left out, and line ends normalised to "\n" as
// XML requires.
func (s *xmlScanner) text(dst []byte) []byte {
	for s.err == nil {
		chunk := s.buf[s.r:s.w]
		lt := bytes.IndexByte(chunk, '<')
		if lt < 0 {
			lt = len(chunk)
		}
		var n int
		var err error
		dst, n, err = decodeText(dst, chunk[:lt], lt < len(chunk) || s.srcErr != nil)
		s.r += n
		switch {
		case err != nil:
			s.fail(err)
		case n < lt || lt == len(chunk):
			// An entity cut short by what is read so far, or the end of it.
			if !s.fill() {
				return dst
			}
		case s.r+1 < s.w && s.buf[s.r+1] != '!' && s.buf[s.r+1] != '?':
			return dst // a tag
		case s.at("<![CDATA["):
			end := s.until(9, "]]>")
			if end < 0 {
				s.fail(errMalformed)
				return dst
			}
			dst = appendNormalised(dst, s.buf[s.r+9:s.r+end])
			s.r += end + 3
		case s.at("<!--"), s.at("<?"):
			s.markup()
		default:
			return dst
		}
	}
	return dst
}

// elementText appends to dst the character data directly inside the
// element whose start tag was read last (not that of elements within it,
// as encoding/xml reads a string), reading past its end tag.
func (s *xmlScanner) elementText(dst []byte) []byte {
	if s.empty {
		return dst
	}
	depth := len(s.ends)
	for {
		dst = s.text(dst)
		if !s.next() || len(s.ends) < depth {
			return dst
		}
		s.skip()
	}
}

// decodeText appends the character data b to dst, decoded, and returns
// how much of b it used: all of it, unless b ends in an entity or a
// carriage return that what follows may complete and final is false.
func decodeText(dst, b []byte, final bool) ([]byte, int, error) {
	amp, cr := indexFrom(b, 0, '&'), indexFrom(b, 0, '\r')
	for i := 0; ; {
		j := min(amp, cr)
		dst = append(dst, b[i:j]...)
		i = j
		switch {
		case i == len(b):
			return dst, i, nil
		case b[i] == '\r':
			if i+1 == len(b) && !final {
				return dst, i, nil
			}
			dst = append(dst, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			cr = indexFrom(b, i, '\r')
			continue
		}
		semi := indexFrom(b, i, ';')
		if semi == len(b) {
			if final {
				return dst, i, errMalformed
			}
			return dst, i, nil
		}
		r, ok := entity(b[i+1 : semi])
		if !ok {
			return dst, i, errMalformed
		}
		dst = utf8.AppendRune(dst, r)
		i = semi + 1
		amp = indexFrom(b, i, '&')
	}
}

// indexFrom is the index of the first c in b from from on, or len(b).
func indexFrom(b []byte, from int, c byte) int {
	if i := bytes.IndexByte(b[from:], c); i >= 0 {
		return from + i
	}
	return len(b)
}

// appendNormalised appends b to dst with its line ends normalised.
func appendNormalised(dst, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// entity is the character an entity (without its & and ;) stands for:
// one of XML's five, or a character reference. A reference beyond
// Unicode is not one; a surrogate stands for U+FFFD, as in encoding/xml.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > unicode.MaxRune {
		return 0, false
	}
	return rune(n), true
}

// validText reports whether b is UTF-8 holding only characters XML
// allows: no control characters but tab, line feed and carriage return,
// and neither U+FFFE nor U+FFFF. Surrogates are not UTF-8.
func validText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for i, c := range b {
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return false
		case c == 0xEF && i+2 < len(b) && b[i+1] == 0xBF && b[i+2] >= 0xBE:
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trimSpace drops the white space that starts b.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// nextAttr takes the first attribute off attrs, the text of a tag's
// attributes, returning its name, its value undecoded and whether that
// holds an entity or a carriage return to decode; ok is false when there
// are none left, and the tag malformed when what is left is not an
// attribute.
func nextAttr(attrs []byte) (name, value, rest []byte, encoded, ok bool, err error) {
	attrs = trimSpace(attrs)
	if len(attrs) == 0 {
		return nil, nil, nil, false, false, nil
	}
	n := 0
	for n < len(attrs) && attrs[n] != '=' && !isSpace(attrs[n]) {
		n++
	}
	name, rest = attrs[:n], trimSpace(attrs[n:])
	if n == 0 || len(rest) == 0 || rest[0] != '=' {
		return nil, nil, nil, false, false, errMalformed
	}
	rest = trimSpace(rest[1:])
	if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
		return nil, nil, nil, false, false, errMalformed
	}
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case rest[0]:
			return name, rest[1:i], rest[i+1:], encoded, true, nil
		case '&', '\r':
			encoded = true
		}
	}
	return nil, nil, nil, false, false, errMalformed
}

// eachAttr calls f with the local name and the decoded value of each
// attribute of the tag read last, until f returns false. The value is good
// only until f returns.
func (s *xmlScanner) eachAttr(f func(local, value []byte) bool) {
	for rest := s.attrs; ; {
		name, value, after, encoded, ok, err := nextAttr(rest)
		if encoded {
			s.scratch, _, err = decodeText(s.scratch[:0], value, true)
			value = s.scratch
		}
		if err != nil {
			s.fail(err)
			return
		}
		if !ok || !f(localName(name), value) {
			return
		}
		rest = after
	}
}

// transcode reads the document's XML declaration and, when it declares an
// encoding other than UTF-8, decodes the rest from it as excelize does.
func (s *xmlScanner) transcode() {
	if !s.at("<?xml") {
		return
	}
	end := s.until(5, "?>")
	if end < 0 {
		return // malformed, as next will find
	}
	label := declaredEncoding(s.buf[s.r : s.r+end])
	if label == "" || strings.EqualFold(label, "utf-8") {
		return
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		s.fail(errMalformed)
		return
	}
	rest := bytes.Clone(s.buf[s.r+end+2 : s.w])
	s.src = enc.NewDecoder().Reader(io.MultiReader(bytes.NewReader(rest), s.src))
	s.srcErr, s.r, s.w = nil, 0, 0
}

// declaredEncoding is the encoding an XML declaration names, or "".
func declaredEncoding(decl []byte) string {
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := trimSpace(decl[i+len("encoding"):])
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = trimSpace(rest[1:])
	if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return string(rest[1 : end+1])
}
