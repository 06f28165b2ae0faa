package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// A workbook is a zip package of XML parts (the Open Packaging
// Conventions): _rels/.rels names the workbook part, usually
// xl/workbook.xml, which lists the sheets in order, each by its name and
// a relationship ID; the workbook's relationships, in
// xl/_rels/workbook.xml.rels, give each ID's part, usually
// xl/worksheets/sheetN.xml; and xl/sharedStrings.xml holds the strings
// the sheets' cells refer to by index.

// File is a workbook opened for reading: its package checked, its sheets
// and date system read. Its methods are not for concurrent use.
type File struct {
	name     string               // the file's name, for errors
	lim      Limits               // what its parts may unpack to
	files    []*zip.File          // its parts, in the archive's order
	parts    map[string]*zip.File // by name, with "\" read as "/"
	sst      *zip.File            // the shared strings, or nil
	styles   *zip.File            // the styles, or nil
	formats  *numberFormats       // read from styles once asked for
	sheets   []sheetPart          // in the workbook's order
	date1904 bool
	read     map[*zip.File]bool // the parts read, the others being only checked
}

// sheetPart is a sheet of the workbook and its part, nil when the package
// lacks it.
type sheetPart struct {
	name string
	part *zip.File
}

// relationship is one of a part's relationships to another.
type relationship struct {
	id, kind, target string
}

// Open checks the workbook's bytes, decrypting them if they are protected
// by a password, and reads its sheets and date system. name is the file's
// path, or a phrase such as "the workbook", for errors. An error is an
// *Error.
func Open(b []byte, name string, opt Options) (f *File, err error) {
	lim := opt.Limits.orDefault()
	if Encrypted(b) {
		if b, err = decrypt(b, name, opt.Password); err != nil {
			return nil, err
		}
	}
	zr, err := sniff(b, name, lim)
	if err != nil {
		return nil, err
	}
	f = &File{name: name, lim: lim, files: zr.File, parts: make(map[string]*zip.File, len(zr.File)),
		read: map[*zip.File]bool{}}
	for _, zf := range zr.File {
		part := strings.ReplaceAll(zf.Name, `\`, "/")
		f.parts[part] = zf
		if strings.EqualFold(part, "xl/sharedStrings.xml") {
			f.sst = zf
		}
	}
	if err := f.readWorkbook(); err != nil {
		return nil, err
	}
	return f, nil
}

// Sheets lists the workbook's sheets by name, in its order.
func (f *File) Sheets() []string {
	names := make([]string, len(f.sheets))
	for i, s := range f.sheets {
		names[i] = s.name
	}
	return names
}

// Date1904 reports whether the workbook counts dates from 1904 rather than
// 1900.
func (f *File) Date1904() bool { return f.date1904 }

// readWorkbook reads the workbook part and its relationships.
func (f *File) readWorkbook() error {
	rels, err := f.relationships("_rels/.rels")
	if err != nil {
		return err
	}
	workbook := "xl/workbook.xml"
	for _, r := range rels {
		if strings.HasSuffix(r.kind, "/officeDocument") {
			workbook = targetPart("", r.target)
			break
		}
	}
	var ids []string
	f.read[f.parts[workbook]] = true
	err = f.scan(f.parts[workbook], func(x *xmlScanner) {
		for x.next() {
			switch {
			case x.level() == 1 && !x.end && !x.is("workbook"):
				x.fail(errMalformed)
			case x.level() == 2 && x.is("workbookPr"):
				f.date1904 = date1904(x)
			case x.level() == 3 && x.is("sheet"):
				name, id := sheetAttrs(x)
				f.sheets = append(f.sheets, sheetPart{name: name})
				ids = append(ids, id)
			}
		}
	})
	if err != nil {
		return err
	}
	if rels, err = f.relationships(relationshipsOf(workbook)); err != nil {
		return err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.kind, "/styles") {
			f.styles = f.parts[targetPart(workbook, r.target)]
		}
	}
	for i, id := range ids {
		for _, r := range rels {
			if r.id == id {
				f.sheets[i].part = f.parts[targetPart(workbook, r.target)]
			}
		}
	}
	return nil
}

// date1904 reads <workbookPr>'s date1904, which must be a boolean.
func date1904(x *xmlScanner) (date1904 bool) {
	x.eachAttr(func(local, value []byte) bool {
		if string(local) == "date1904" {
			var err error
			if date1904, err = strconv.ParseBool(string(bytes.TrimSpace(value))); err != nil {
				x.fail(errMalformed)
			}
		}
		return true
	})
	return date1904
}

// sheetAttrs reads a <sheet>'s name and relationship ID.
func sheetAttrs(x *xmlScanner) (name, id string) {
	x.eachAttr(func(local, value []byte) bool {
		switch string(local) {
		case "name":
			name = string(value)
		case "id":
			id = string(value)
		}
		return true
	})
	return name, id
}

// relationships reads a relationships part; a part the package lacks has
// none.
func (f *File) relationships(part string) ([]relationship, error) {
	zf := f.parts[part]
	if zf == nil {
		return nil, nil
	}
	var rels []relationship
	f.read[zf] = true
	err := f.scan(zf, func(x *xmlScanner) {
		for x.next() {
			if x.level() != 2 || !x.is("Relationship") {
				continue
			}
			var r relationship
			x.eachAttr(func(local, value []byte) bool {
				switch string(local) {
				case "Id":
					r.id = string(value)
				case "Type":
					r.kind = string(value)
				case "Target":
					r.target = string(value)
				}
				return true
			})
			rels = append(rels, r)
		}
	})
	return rels, err
}

// relationshipsOf is the name of a part's relationships part.
func relationshipsOf(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// targetPart is the part a relationship of part source targets; the
// package's own relationships have the source "".
func targetPart(source, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if !strings.HasPrefix(target, "/") {
		target = path.Dir(source) + "/" + target
	}
	return strings.TrimPrefix(path.Clean(target), "/")
}

// sheet returns the part of the named sheet; a sheet whose part is missing
// is damage.
func (f *File) sheet(name string) (*zip.File, error) {
	for _, s := range f.sheets {
		if s.name == name && s.part != nil {
			return s.part, nil
		}
	}
	return nil, &Error{Name: f.name, Sheet: name, Err: ErrDamaged}
}

// sharedStrings reads the shared strings; a package without them has none.
func (f *File) sharedStrings() ([]string, error) {
	if f.sst == nil {
		return nil, nil
	}
	var sst []string
	err := f.scan(f.sst, func(x *xmlScanner) { sst = readSharedStrings(x) })
	return sst, err
}

// stringTable is the shared strings, read by a goroutine of their own while
// the sheets are scanned.
type stringTable struct {
	read     chan struct{} // closed once they are read
	strings  []string
	err      error
	panicked goPanic // a bug met reading them, for wait to raise again
}

// readStrings starts reading the shared strings.
func (f *File) readStrings() *stringTable {
	st := &stringTable{read: make(chan struct{})}
	go func() {
		defer close(st.read)
		defer st.panicked.catch()
		st.strings, st.err = f.sharedStrings()
	}()
	return st
}

// wait returns the strings once they are read.
func (st *stringTable) wait() ([]string, error) {
	<-st.read
	st.panicked.rethrow()
	return st.strings, st.err
}

// scan reads a part with read, which must read it to its end. A part the
// package lacks, or whose XML is malformed, is damaged.
func (f *File) scan(zf *zip.File, read func(*xmlScanner)) error {
	if zf == nil {
		return &Error{Name: f.name, Err: ErrDamaged}
	}
	rc, err := f.openPart(zf)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLScanner(rc, zf.UncompressedSize64)
	read(x)
	var fe *Error
	switch {
	case x.err == nil:
		return nil
	case errors.As(x.err, &fe):
		return x.err
	}
	return &Error{Name: f.name, Part: zf.Name, Err: ErrDamaged}
}

// openPart opens a part, to be read to its end. archive/zip stops reading
// a part at the size its directory entry declares, failing if it holds
// more or less, or does not match its checksum: then the workbook is
// damaged, or too large when the part unpacks to more than its limit (a
// zip bomb whose directory lies), which is counted, without keeping what
// is unpacked, only as far as the limit.
func (f *File) openPart(zf *zip.File) (io.ReadCloser, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, &Error{Name: f.name, Part: zf.Name, Err: ErrDamaged}
	}
	return &checkedPart{ReadCloser: rc, zf: zf, f: f}, nil
}

// checkedPart is a part being read, whose errors are *Errors.
type checkedPart struct {
	io.ReadCloser
	zf *zip.File
	f  *File
}

func (c *checkedPart) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	switch {
	case err == nil || err == io.EOF:
		return n, err
	case errors.Is(err, zip.ErrFormat):
		limit := c.f.lim.part(c.zf)
		if size, _ := unpackedSize(c.zf, limit); size > limit {
			return n, tooLarge(c.f.name, c.f.lim)
		}
	}
	return n, &Error{Name: c.f.name, Part: c.zf.Name, Err: ErrDamaged}
}

// maxDeflateRatio is the most deflate can pack data: 1032 to 1.
const maxDeflateRatio = 1032

// checkRest checks the parts neither read already nor to be read. Those
// are never unpacked, so only one that could be a zip bomb matters, and it
// is unpacked, keeping none of it, to refuse it should it unpack to more
// than its limit; any other cannot, packed as small as it is.
func (f *File) checkRest(toRead []*zip.File) error {
	for _, zf := range toRead {
		f.read[zf] = true
	}
	for _, zf := range f.files {
		if !f.read[zf] && zf.CompressedSize64 > f.lim.part(zf)/maxDeflateRatio {
			if err := f.unpack(zf); err != nil {
				return err
			}
		}
	}
	return nil
}

// Verify unpacks every part not read, keeping none of it, so that any part
// that is not what its directory entry declares makes the workbook damaged
// or too large: for a caller about to hand the workbook to a library that
// keeps what it can of a damaged part.
func (f *File) Verify() error {
	for _, zf := range f.files {
		if !f.read[zf] {
			if err := f.unpack(zf); err != nil {
				return err
			}
		}
	}
	return nil
}

// unpack unpacks a part, keeping none of it; see openPart.
func (f *File) unpack(zf *zip.File) error {
	rc, err := f.openPart(zf)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}
