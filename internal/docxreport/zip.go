package docxreport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path"
	"time"
)

// zipTime is the modification time of every part Render writes (the
// earliest a zip can hold), so that the same input gives the same bytes.
var zipTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// flagDescriptor is the general-purpose flag (bit 3) of a zip entry whose
// CRC and sizes follow its data, in a data descriptor, instead of being in
// its local header.
const flagDescriptor = 0x8

// writePackage writes the report's .docx: the template's parts in their
// order — the document as document writes it, the parts in changed, the
// others copied as they are, still compressed — then the added parts.
//
// No part has a data descriptor: each has its CRC and sizes in its local
// header, where streaming readers look for them. Java's ZipInputStream
// refuses any stored part with a descriptor ("only DEFLATED entries can
// have EXT descriptor"), pandoc the stored chart workbook, which holds
// descriptors of its own ("Content size mismatch in data descriptor
// record"). archive/zip's CreateHeader always writes one, so each part
// Render writes is first compressed by archive/zip on its own, then copied
// into the package with its sizes known (see packer).
func writePackage(t *template, changed map[string][]byte, document func(xmlWriter), added []*addedPart) ([]byte, error) {
	var out bytes.Buffer
	p := newPacker(&out)
	for _, f := range t.files {
		var err error
		data, ok := changed[f.Name]
		switch {
		case f.Name == documentPart:
			err = p.writePart(f.Name, document)
		case ok:
			err = p.writeData(f.Name, data)
		case f.Method != zip.Store && f.Method != zip.Deflate:
			err = zip.ErrAlgorithm // Word could not read it either
		default:
			err = p.copy(f)
		}
		if err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", f.Name, err)
		}
	}
	for _, a := range added {
		if err := p.writeData(a.name, a.data); err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", a.name, err)
		}
	}
	if err := p.zw.Close(); err != nil {
		return nil, fmt.Errorf("writing the Word document: %w", err)
	}
	return out.Bytes(), nil
}

// packer writes a zip whose every entry has its CRC and sizes in its local
// header, and no data descriptor.
type packer struct {
	zw  *zip.Writer
	one bytes.Buffer // a zip of the one part being compressed
	buf []byte       // for copying
}

func newPacker(w io.Writer) *packer {
	return &packer{zw: zip.NewWriter(w), buf: make([]byte, 32<<10)}
}

// storedBelow is the size under which a part is stored, not deflated: the
// sample's report is written about 0.6 ms faster, a few kilobytes
// larger. The embedded workbook, a zip itself, is stored too.
const storedBelow = 16 << 10

// writeData adds part name holding data, dated zipTime.
func (p *packer) writeData(name string, data []byte) error {
	method := zip.Deflate
	if len(data) < storedBelow || path.Ext(name) == ".xlsx" {
		method = zip.Store
	}
	return p.add(name, method, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writePart adds part name holding what write writes, deflated and dated
// zipTime.
func (p *packer) writePart(name string, write func(xmlWriter)) error {
	return p.add(name, zip.Deflate, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		write(bw)
		return bw.Flush() // the first error of any write
	})
}

// add adds part name holding what write writes, compressed by method and
// dated zipTime. archive/zip writes it into a zip of its own (with its
// pooled compressor), from which it is copied.
func (p *packer) add(name string, method uint16, write func(io.Writer) error) error {
	p.one.Reset()
	ow := zip.NewWriter(&p.one)
	w, err := ow.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: zipTime})
	if err != nil {
		return err
	}
	if err := write(w); err != nil {
		return err
	}
	if err := ow.Close(); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(p.one.Bytes()), int64(p.one.Len()))
	if err != nil {
		return err
	}
	return p.copy(zr.File[0])
}

// copy copies f, still compressed, with the CRC and sizes of its central
// directory entry in its local header and no data descriptor.
func (p *packer) copy(f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	fh := f.FileHeader
	fh.Flags &^= flagDescriptor
	w, err := p.zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(w, r, p.buf)
	return err
}
