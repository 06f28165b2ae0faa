package pdfdoc

import (
	"io"
	"testing"
)

func BenchmarkParseGoFonts(b *testing.B) {
	files := goFontFiles()
	b.ReportAllocs()
	for b.Loop() {
		for _, ttf := range files {
			if _, err := ParseFont(ttf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDocument1600Pages draws and writes a document the size of the
// 10,000-action report: 1,600 landscape pages, each of 60 lines of about
// 100 characters in three faces, with fills and rules. The target is under
// 150 ms and under 50 MB allocated.
func BenchmarkDocument1600Pages(b *testing.B) {
	fonts := goFonts(b)
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		d := denseDocument(fonts, 1600)
		n, err := d.WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(size)/1e6, "MB-file")
}
