package zippart

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

func TestRead(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("part.xml")
	w.Write(bytes.Repeat([]byte("x"), 1000))
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f := zr.File[0]
	tests := []struct {
		name    string
		limit   int64
		lie     bool // the header claims a size under the limit
		wantErr error
	}{
		{"within the limit", 1000, false, nil},
		{"over the limit", 999, false, ErrTooLarge},
		{"over the limit, lying about its size", 999, true, zip.ErrFormat}, // archive/zip holds a part to its declared size
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := *f
			if tt.lie {
				g.UncompressedSize64 = 10
			}
			b, err := Read(&g, tt.limit)
			if !errors.Is(err, tt.wantErr) || err == nil && len(b) != 1000 {
				t.Errorf("Read: %d bytes, %v; want %v", len(b), err, tt.wantErr)
			}
		})
	}
}
