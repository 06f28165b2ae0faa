package docxreport

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"time"
)

// zipTime is the modification time of every part of a written report (the
// earliest a zip can hold), so that the same input gives the same bytes.
var zipTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// dosDate is zipTime as the MS-DOS date of a zip header.
var dosDate = uint16((zipTime.Year()-1980)<<9 | int(zipTime.Month())<<5 | zipTime.Day())

// compressionLevel is the flate level of the parts Render writes. Faster
// levels give a larger file but cost less than making the document does;
// at the default level, compressing took longer than making it.
const compressionLevel = flate.BestSpeed

// storedBelow is the size under which a part Render writes is stored, not
// deflated: deflating has a fixed cost (its Huffman codes), more for a
// small part than making a few pages of the report, and would save a few
// kilobytes at most.
const storedBelow = 4 << 10

// The zip versions that stored (1.0) and deflated parts (2.0) need.
const (
	zipVersion10 = 10
	zipVersion20 = 20
)

// streamChunk is how much of the document is handed to its compressor at a
// time.
const streamChunk = 64 << 10

// writePackage writes the report's .docx: the template's parts in their
// order — the document as document writes it, the parts in changed, the
// others copied as they are compressed — then the added parts. Every part
// is dated zipTime and has its sizes in its local header.
//
// It does not use nguyenthenguyen/docx's Write, which takes the document
// as one string, decompresses and recompresses every part at flate's
// default level, leaves the parts undated and drops write errors: for a
// plan of thousands of actions it took longer than making the document,
// and its output had to be rewritten to date it. Here the document is
// compressed while it is made, on a second goroutine, and is never held
// whole.
func writePackage(t *template, changed map[string][]byte, document func(xmlWriter), added []*addedPart) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range t.files {
		var err error
		data, ok := changed[f.Name]
		switch {
		case f.Name == documentPart:
			err = writeDeflated(zw, f.Name, func(w io.Writer) error { return stream(w, document) })
		case ok:
			err = writePart(zw, f.Name, data)
		default:
			err = copyPart(zw, t, f)
		}
		if err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", f.Name, err)
		}
	}
	for _, p := range added {
		if err := writePart(zw, p.name, p.xml); err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("writing the Word document: %w", err)
	}
	return out.Bytes(), nil
}

// writePart adds part name holding data: stored when it is small,
// deflated otherwise.
func writePart(zw *zip.Writer, name string, data []byte) error {
	if len(data) < storedBelow {
		return writeRaw(zw, &zip.FileHeader{
			Name: name, Method: zip.Store, CreatorVersion: zipVersion10, ReaderVersion: zipVersion10,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data)),
		}, data)
	}
	return writeDeflated(zw, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// copyPart copies a part of the template as it is compressed.
func copyPart(zw *zip.Writer, t *template, f *zip.File) error {
	if f.Method != zip.Store && f.Method != zip.Deflate {
		return zip.ErrAlgorithm // Word could not read it either
	}
	start, err := f.DataOffset()
	if err != nil {
		return err
	}
	size := f.CompressedSize64
	if start < 0 || start > int64(len(t.data)) || size > uint64(int64(len(t.data))-start) {
		return zip.ErrFormat
	}
	h := f.FileHeader
	return writeRaw(zw, &h, t.data[start:start+int64(size)])
}

// flateWriters are reused: each holds tables of hundreds of kilobytes.
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, compressionLevel) // fails only for a bad level
	return w
}}

// deflated is a part compressed in memory, so that its local header can
// carry its checksum and sizes.
type deflated struct {
	data bytes.Buffer // compressed
	fw   *flate.Writer
	crc  uint32
	size uint64 // uncompressed
}

func (d *deflated) Write(p []byte) (int, error) {
	d.crc = crc32.Update(d.crc, crc32.IEEETable, p)
	d.size += uint64(len(p))
	return d.fw.Write(p)
}

// writeDeflated adds part name holding what write writes, deflated.
func writeDeflated(zw *zip.Writer, name string, write func(io.Writer) error) error {
	d := &deflated{fw: flateWriters.Get().(*flate.Writer)}
	defer flateWriters.Put(d.fw)
	d.fw.Reset(&d.data)
	if err := write(d); err != nil {
		return err
	}
	if err := d.fw.Close(); err != nil {
		return err
	}
	return writeRaw(zw, &zip.FileHeader{
		Name: name, Method: zip.Deflate, CreatorVersion: zipVersion20, ReaderVersion: zipVersion20,
		CRC32: d.crc, CompressedSize64: uint64(d.data.Len()), UncompressedSize64: d.size,
	}, d.data.Bytes())
}

// writeRaw adds a part whose data is compressed as header h says, dated
// zipTime, with its sizes in its local header.
func writeRaw(zw *zip.Writer, h *zip.FileHeader, data []byte) error {
	h.Modified = time.Time{}
	h.ModifiedDate, h.ModifiedTime = dosDate, 0
	h.Flags &^= 0x8 // no data descriptor
	h.Extra = nil
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// stream has write write a part into w in chunks, which a second goroutine
// passes on to w while write goes on, so that making a large part and
// compressing it overlap. It returns once w has everything.
func stream(w io.Writer, write func(xmlWriter)) (err error) {
	full, empty := make(chan []byte), make(chan []byte, 2)
	passed := make(chan error, 1)
	go func() {
		var err error
		for chunk := range full {
			if err == nil {
				_, err = w.Write(chunk)
			}
			empty <- chunk
		}
		passed <- err
	}()
	c := &chunkWriter{buf: getChunk(), full: full, empty: empty}
	empty <- getChunk()
	defer func() {
		close(full)
		err = <-passed // even after a panic, as w is not to be used after stream
	}()
	write(c)
	c.handOff()
	putChunk(c.buf)
	putChunk(<-empty)
	return nil
}

// chunks are the buffers of streamed parts, reused.
var chunks = sync.Pool{New: func() any { return new([streamChunk]byte) }}

func getChunk() []byte { return chunks.Get().(*[streamChunk]byte)[:0] }

func putChunk(b []byte) { chunks.Put((*[streamChunk]byte)(b[:streamChunk])) }

// chunkWriter is the xmlWriter of a part being streamed: it collects XML
// in a buffer and, before the buffer overflows, hands it on and goes on in
// the buffer handed back before.
type chunkWriter struct {
	buf   []byte
	full  chan<- []byte // buffers to pass on
	empty <-chan []byte // buffers passed on
}

// room makes room for n more bytes in the buffer when it can.
func (c *chunkWriter) room(n int) {
	if len(c.buf)+n > cap(c.buf) && len(c.buf) > 0 {
		c.handOff()
	}
}

func (c *chunkWriter) handOff() {
	c.full <- c.buf
	c.buf = (<-c.empty)[:0]
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	c.room(len(p))
	c.buf = append(c.buf, p...)
	return len(p), nil
}

func (c *chunkWriter) WriteString(s string) (int, error) {
	c.room(len(s))
	c.buf = append(c.buf, s...)
	return len(s), nil
}

func (c *chunkWriter) WriteByte(b byte) error {
	c.room(1)
	c.buf = append(c.buf, b)
	return nil
}
