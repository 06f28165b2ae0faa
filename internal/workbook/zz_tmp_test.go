package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

func TestTmpTruncate(t *testing.T) {
	b := writeBytes(t, testPlan())
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		raw, _ := zf.OpenRaw()
		h := zf.FileHeader
		if zf.Name == actionsPart || zf.Name == "xl/sharedStrings.xml" {
			t.Logf("%s: %d", zf.Name, h.UncompressedSize64)
			h.UncompressedSize64 = h.UncompressedSize64 * 6 / 10
		}
		w, _ := zw.CreateRaw(&h)
		io.Copy(w, raw)
	}
	zw.Close()
	p, problems, err := readBytes(t, buf.Bytes(), Options{})
	t.Logf("err=%v problems=%v", err, problems)
	if p != nil {
		t.Logf("actions: %d %+v", len(p.Actions), p.Actions)
	}
}
