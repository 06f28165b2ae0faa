// Package pack zips the readable sources of the default Word template
// (templates/docx/: the XML parts of a .docx, kept as text) into
// templates/report.docx.
//
// The zip is deterministic, so the committed report.docx can be checked
// against its sources byte for byte: the parts are stored uncompressed (the
// output of a compressor may change between Go releases), in a fixed order
// ([Content_Types].xml and _rels/.rels first, as Word writes them, then every
// other part in lexical order), each with the same modification time, and
// each with its CRC and size in its local header (no data descriptor), as
// every zip reader takes.
package pack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io/fs"
	"time"
)

// Modified is the modification time written for every part.
var Modified = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// first are the parts written before all others, in this order.
var first = []string{"[Content_Types].xml", "_rels/.rels"}

// Pack zips every file of fsys into a .docx.
func Pack(fsys fs.FS) ([]byte, error) {
	names, err := order(fsys)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		// CreateRaw, with the CRC and sizes in the local header: CreateHeader
		// would follow each part with a data descriptor, which streaming
		// readers (pandoc, Java's ZipInputStream) refuse on a stored part.
		fh := &zip.FileHeader{
			Name: name, Method: zip.Store, CreatorVersion: 20, ReaderVersion: 20,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data)),
		}
		//lint:ignore SA1019 CreateRaw writes these fields, not Modified
		fh.ModifiedDate, fh.ModifiedTime = msDOS(Modified)
		w, err := zw.CreateRaw(fh)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := w.Write(data); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// msDOS is t as a zip header's MS-DOS date and time (two-second steps).
func msDOS(t time.Time) (date, clock uint16) {
	date = uint16(t.Year()-1980)<<9 | uint16(t.Month())<<5 | uint16(t.Day())
	clock = uint16(t.Hour())<<11 | uint16(t.Minute())<<5 | uint16(t.Second()/2)
	return date, clock
}

// order lists the files of fsys in the order they are zipped.
func order(fsys fs.FS) ([]string, error) {
	names := append([]string(nil), first...)
	for _, name := range first {
		if _, err := fs.Stat(fsys, name); err != nil {
			return nil, fmt.Errorf("the template sources need %s: %w", name, err)
		}
	}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == first[0] || name == first[1] {
			return err
		}
		names = append(names, name)
		return nil
	})
	return names, err
}
