package docxreport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"sync"
	"time"
)

// zipTime is the modification time of every part Render writes (the
// earliest a zip can hold), so that the same input gives the same bytes.
var zipTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// zipTime in MS-DOS form, as a zip's headers hold it: 1 January 1980
// (day 1, month 1, year 0 from 1980), 00:00:00.
const (
	zipDate  = 1<<5 | 1
	zipClock = 0
)

// flagDescriptor is the general-purpose flag (bit 3) of a zip entry whose
// CRC and sizes follow its data in a data descriptor instead of being in
// its local header.
const flagDescriptor = 0x8

// writePackage writes the report's .docx: the template's parts in their
// order — the document as document writes it, the parts in changed, the
// others copied as they are, still compressed — then the added parts.
//
// Every part Render writes is deflated, and every part has its CRC and
// sizes in its local header, with no data descriptor: archive/zip's
// CreateHeader always writes one, and streaming readers refuse some (pandoc:
// "Content size mismatch in data descriptor record"; Java's ZipInputStream:
// "only DEFLATED entries can have EXT descriptor"). So each part is
// deflated into memory first, then added with CreateRaw.
func writePackage(t *template, changed map[string][]byte, document func(xmlWriter), added []*addedPart) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	d := deflaters.Get().(*deflater)
	defer deflaters.Put(d)
	for _, f := range t.files {
		var err error
		data, ok := changed[f.Name]
		switch {
		case f.Name == documentPart:
			err = d.writePart(zw, f.Name, document)
		case ok:
			err = d.writeData(zw, f.Name, data)
		case f.Method != zip.Store && f.Method != zip.Deflate:
			err = zip.ErrAlgorithm // Word could not read it either
		default:
			err = copyRaw(zw, f, false)
		}
		if err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", f.Name, err)
		}
	}
	for _, p := range added {
		if err := d.writeData(zw, p.name, p.data); err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("writing the Word document: %w", err)
	}
	return out.Bytes(), nil
}

// deflater deflates one part after another into memory, reusing its
// compressor (archive/zip's default level, 5): a compressor made per part
// made the sample's report three times slower.
type deflater struct {
	fw   *flate.Writer
	buf  bytes.Buffer // the part, deflated
	crc  hash.Hash32  // of the part as written
	size uint64       // its length as written
}

// deflaters keeps deflaters for reuse by later reports, as archive/zip
// keeps its compressors: each holds about 1 MB.
var deflaters = sync.Pool{New: func() any { return newDeflater() }}

func newDeflater() *deflater {
	d := &deflater{crc: crc32.NewIEEE()}
	d.fw, _ = flate.NewWriter(&d.buf, 5) // only a level out of range fails
	return d
}

// Write deflates p as part of the current part.
func (d *deflater) Write(p []byte) (int, error) {
	d.crc.Write(p)
	d.size += uint64(len(p))
	return d.fw.Write(p)
}

// writeData adds part name holding data.
func (d *deflater) writeData(zw *zip.Writer, name string, data []byte) error {
	d.reset()
	if _, err := d.Write(data); err != nil {
		return err
	}
	return d.add(zw, name)
}

// writePart adds part name holding what write writes.
func (d *deflater) writePart(zw *zip.Writer, name string, write func(xmlWriter)) error {
	d.reset()
	bw := bufio.NewWriterSize(d, 64<<10)
	write(bw)
	if err := bw.Flush(); err != nil { // the first error of any write
		return err
	}
	return d.add(zw, name)
}

func (d *deflater) reset() {
	d.buf.Reset()
	d.fw.Reset(&d.buf)
	d.crc.Reset()
	d.size = 0
}

// add ends the current part and adds it to zw as name, dated zipTime.
func (d *deflater) add(zw *zip.Writer, name string) error {
	if err := d.fw.Close(); err != nil {
		return err
	}
	fh := &zip.FileHeader{
		Name:               name,
		Flags:              utf8Flag(name),
		CreatorVersion:     20, // 2.0, as archive/zip writes: deflate
		ReaderVersion:      20,
		Method:             zip.Deflate,
		CRC32:              d.crc.Sum32(),
		CompressedSize64:   uint64(d.buf.Len()),
		UncompressedSize64: d.size,
	}
	dated(fh)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(d.buf.Bytes())
	return err
}

// dated dates fh zipTime in the MS-DOS fields of its headers, which
// CreateRaw writes as they are (only CreateHeader fills them from Modified).
func dated(fh *zip.FileHeader) {
	//lint:ignore SA1019 CreateRaw writes these fields, not Modified
	fh.ModifiedDate, fh.ModifiedTime = zipDate, zipClock
}

// utf8Flag is the flag (bit 11) saying that name is UTF-8, when it is not
// plain ASCII; CreateHeader sets it itself, CreateRaw does not.
func utf8Flag(name string) uint16 {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return 0x800
		}
	}
	return 0
}

// copyRaw copies f, still compressed, into zw, with its CRC and sizes in
// its local header and no data descriptor (those of the central directory,
// which archive/zip has checked the data against when it was written, and
// which a reader checks again). redate dates it zipTime.
func copyRaw(zw *zip.Writer, f *zip.File, redate bool) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	fh := f.FileHeader
	fh.Flags &^= flagDescriptor
	if redate {
		dated(&fh)
	}
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// repack rewrites a zip (excelize's workbook, whose every entry has a data
// descriptor and no date) with each entry's CRC and sizes in its local
// header, dated zipTime, still compressed as it was.
func repack(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if err := copyRaw(zw, f, true); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
