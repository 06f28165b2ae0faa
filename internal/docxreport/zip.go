package docxreport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"path"
	"time"
)

// zipTime is the modification time of every part Render writes (the
// earliest a zip can hold), so that the same input gives the same bytes.
var zipTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// writePackage writes the report's .docx with archive/zip's own deflate
// (default level; it reuses its compressors, where a compressor registered
// per level allocated one per part and made the sample's report three
// times slower; on 10,000 actions the default level costs nothing
// measurable over the fastest): the template's parts in their
// order — the document as document writes it, the parts in changed, the
// others copied as they are, still compressed — then the added parts.
func writePackage(t *template, changed map[string][]byte, document func(xmlWriter), added []*addedPart) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range t.files {
		var err error
		data, ok := changed[f.Name]
		switch {
		case f.Name == documentPart:
			err = writePart(zw, f.Name, document)
		case ok:
			err = writeData(zw, f.Name, data)
		case f.Method != zip.Store && f.Method != zip.Deflate:
			err = zip.ErrAlgorithm // Word could not read it either
		default:
			err = zw.Copy(f)
		}
		if err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", f.Name, err)
		}
	}
	for _, p := range added {
		if err := writeData(zw, p.name, p.data); err != nil {
			return nil, fmt.Errorf("writing the Word document: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("writing the Word document: %w", err)
	}
	return out.Bytes(), nil
}

// storedBelow is the size under which a part is stored, not deflated: the
// sample's report is written in 2.9 ms instead of 3.5 ms (-17%), a few
// kilobytes larger. The embedded workbook, a zip itself, is stored too.
const storedBelow = 16 << 10

// writeData adds part name holding data, dated zipTime.
func writeData(zw *zip.Writer, name string, data []byte) error {
	method := zip.Deflate
	if len(data) < storedBelow || path.Ext(name) == ".xlsx" {
		method = zip.Store
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: zipTime})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// writePart adds part name holding what write writes, deflated and dated
// zipTime.
func writePart(zw *zip.Writer, name string, write func(xmlWriter)) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	write(bw)
	return bw.Flush() // the first error of any write
}
