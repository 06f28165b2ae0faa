package pdfdoc

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/planreport/planreport/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// a4 starts an A4 portrait document with the Go fonts added, F1 to F3.
func a4(t testing.TB) (*Doc, []FontID) {
	d := New(210, 297, Info{})
	var ids []FontID
	for _, f := range goFonts(t) {
		ids = append(ids, d.AddFont(f))
	}
	return d, ids
}

func TestContent(t *testing.T) {
	// On A4, y = 0 is 841.89 pt up; 10 mm is 28.35 pt.
	tests := []struct {
		name string
		draw func(d *Doc, f []FontID)
		want string // the last page's content
	}{
		{"fill", func(d *Doc, f []FontID) {
			d.SetFillColor(255, 0, 128)
			d.FillRect(10, 20, 30, 40)
		}, "/Artifact BMC\n1 0 0.502 rg\n28.35 785.2 85.04 -113.39 re f\nEMC\n"},
		{"stroke with the default width", func(d *Doc, f []FontID) {
			d.StrokeRect(0, 0, 10, 10)
		}, "/Artifact BMC\n0 0 0 RG\n0.57 w\n0 841.89 28.35 -28.35 re S\nEMC\n"},
		{"line", func(d *Doc, f []FontID) {
			d.SetStrokeColor(1, 2, 3)
			d.SetLineWidth(0.5)
			d.Line(10, 10, 20, 297)
		}, "/Artifact BMC\n0.004 0.008 0.012 RG\n1.42 w\n28.35 813.54 m 56.69 0 l S\nEMC\n"},
		{"state set once while it does not change", func(d *Doc, f []FontID) {
			d.SetFillColor(0, 0, 255)
			d.FillRect(0, 0, 1, 1)
			d.SetFillColor(0, 0, 255)
			d.FillRect(0, 0, 1, 1)
			d.Line(0, 0, 1, 1)
			d.SetLineWidth(0.2)
			d.Line(0, 0, 1, 1)
		}, "/Artifact BMC\n0 0 1 rg\n0 841.89 2.83 -2.83 re f\n0 841.89 2.83 -2.83 re f\n0 0 0 RG\n0.57 w\n0 841.89 m 2.83 839.06 l S\n0 841.89 m 2.83 839.06 l S\nEMC\n"},
		{"setting without drawing emits nothing", func(d *Doc, f []FontID) {
			d.SetFillColor(9, 9, 9)
			d.SetStrokeColor(9, 9, 9)
			d.SetLineWidth(3)
			d.SetFont(f[1], 30)
			d.SetFillColor(0, 0, 0)
			d.FillRect(0, 0, 1, 1)
		}, "/Artifact BMC\n0 0 0 rg\n0 841.89 2.83 -2.83 re f\nEMC\n"},
		{"text", func(d *Doc, f []FontID) {
			d.MarkContent(d.NewElem(0, "P"))
			d.SetFont(f[0], 9)
			d.Text(10, 20, "Hé")
			d.Text(10, 30, "–")
			d.SetFont(f[0], 10.5)
			d.Text(10, 40, "A")
			d.SetFont(f[2], 10.5)
			d.Text(10, 50, "B")
			d.SetFillColor(255, 0, 0)
			d.Text(20, 50, "A")
		}, "/P <</MCID 0>> BDC\n0 0 0 rg\nBT /F1 9 Tf 28.35 785.2 Td (\x00+\x00\xab) Tj\n0 -28.35 Td (\x02\x19) Tj\n/F1 10.5 Tf 0 -28.35 Td (\x00$) Tj\n/F3 10.5 Tf 0 -28.34 Td (\x00%) Tj\n1 0 0 rg\n28.34 0 Td (\x00$) Tj\nET\nEMC\n"},
		{"content and artifacts take turns", func(d *Doc, f []FontID) {
			p := d.NewElem(0, "P")
			d.SetFont(f[0], 9)
			d.MarkArtifact(Header)
			d.Text(0, 0, "A")
			d.MarkContent(p)
			d.Text(0, 0, "A")
			d.FillRect(0, 0, 1, 1)
			d.MarkArtifact(Layout)
			d.FillRect(0, 0, 1, 1)
			d.MarkContent(p)
			d.Text(0, 0, "A")
		}, "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n0 0 0 rg\nBT /F1 9 Tf 0 841.89 Td (\x00$) Tj\nET\nEMC\n/P <</MCID 0>> BDC\nBT 0 841.89 Td (\x00$) Tj\nET\n0 841.89 2.83 -2.83 re f\nEMC\n/Artifact BMC\n0 841.89 2.83 -2.83 re f\nEMC\n/P <</MCID 1>> BDC\nBT 0 841.89 Td (\x00$) Tj\nET\nEMC\n"},
		{"text whose glyph ids need escapes", func(d *Doc, f []FontID) {
			d.MarkContent(d.NewElem(0, "P"))
			d.SetFont(f[0], 9)
			d.Text(0, 0, "*EFyŦ") // glyphs 0x0D, 0x28, 0x29, 0x5C, 0x128
		}, "/P <</MCID 0>> BDC\n0 0 0 rg\nBT /F1 9 Tf 0 841.89 Td (\x00\\r\x00\\(\x00\\)\x00\\\\\x01\\() Tj\nET\nEMC\n"},
		{"text in the fill colour", func(d *Doc, f []FontID) {
			d.MarkContent(d.NewElem(0, "P"))
			d.SetFont(f[1], 8)
			d.SetFillColor(255, 255, 255)
			d.Text(0, 0, "A")
			d.FillRect(0, 0, 1, 1)
		}, "/P <</MCID 0>> BDC\n1 1 1 rg\nBT /F2 8 Tf 0 841.89 Td (\x00$) Tj\nET\n0 841.89 2.83 -2.83 re f\nEMC\n"},
		{"empty text draws nothing", func(d *Doc, f []FontID) {
			d.SetFont(f[0], 8)
			d.Text(0, 0, "")
		}, ""},
		{"state set again on a new page", func(d *Doc, f []FontID) {
			p := d.NewElem(0, "P")
			d.MarkContent(p)
			d.SetFont(f[0], 8)
			d.SetFillColor(255, 0, 0)
			d.SetStrokeColor(0, 255, 0)
			d.SetLineWidth(1)
			d.Text(0, 0, "A")
			d.Line(0, 0, 1, 1)
			d.AddPage()
			d.MarkContent(p)
			d.Text(0, 0, "A")
			d.Line(0, 0, 1, 1)
		}, "/P <</MCID 0>> BDC\n1 0 0 rg\nBT /F1 8 Tf 0 841.89 Td (\x00$) Tj\nET\n0 1 0 RG\n2.83 w\n0 841.89 m 2.83 839.06 l S\nEMC\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ids := a4(t)
			d.AddPage()
			tt.draw(d, ids)
			if got := string(d.lastContent()); got != tt.want {
				t.Errorf("content\n%q\nwant\n%q", got, tt.want)
			}
			write(t, d)
		})
	}
}

func TestAppendNum(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.5, "0.5"}, {0.05, "0.05"}, {12.344, "12.34"},
		{12.346, "12.35"}, {-12.346, "-12.35"}, {0.004, "0"}, {-0.004, "0"}, {99.999, "100"},
		{841.8897637795275, "841.89"}, {1e6 * ptPerMM, "2834645.67"}, {math.Copysign(0, -1), "0"},
	}
	for _, tt := range tests {
		t.Run(strconv.FormatFloat(tt.v, 'g', -1, 64), func(t *testing.T) {
			if got := string(appendNum(nil, tt.v)); got != tt.want {
				t.Errorf("appendNum(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestMisuse(t *testing.T) {
	font := goFonts(t)[0]
	tests := []struct {
		name string
		draw func(d *Doc)
		want string
	}{
		{"no page", func(d *Doc) {}, "no page"},
		{"drawing before the first page", func(d *Doc) { d.FillRect(0, 0, 1, 1); d.AddPage() }, "FillRect: called before the first AddPage"},
		{"text before the first page", func(d *Doc) { d.Text(0, 0, "x"); d.AddPage() }, "Text: called before the first AddPage"},
		{"text without a font", func(d *Doc) { d.AddPage(); d.Text(0, 0, "x") }, "page 1: Text: no font set"},
		{"a font of another document", func(d *Doc) { d.AddPage(); d.SetFont(7, 9) }, "SetFont: font 7 was not added"},
		{"no font", func(d *Doc) { d.AddFont(nil) }, "AddFont: no font"},
		{"NaN", func(d *Doc) { d.AddPage(); d.AddPage(); d.Line(0, math.NaN(), 1, 1) }, "page 2: Line: NaN is not a number"},
		{"infinite size", func(d *Doc) { d.AddFont(font); d.SetFont(1, math.Inf(1)) }, "SetFont: +Inf"},
		{"huge width", func(d *Doc) { d.AddPage(); d.StrokeRect(0, 0, 2e6, 1) }, "StrokeRect: 2e+06 is not a number between"},
		{"line width NaN", func(d *Doc) { d.SetLineWidth(math.NaN()) }, "SetLineWidth"},
		{"bookmark two levels down", func(d *Doc) {
			d.AddPage()
			d.Bookmark("A", 0, 0)
			d.Bookmark("B", 2, 0)
		}, `Bookmark: "B" is at level 2 after one at level 0`},
		{"first bookmark not at the top", func(d *Doc) { d.AddPage(); d.Bookmark("A", 1, 0) }, "at level 1 after one at level -1"},
		{"negative level", func(d *Doc) { d.AddPage(); d.Bookmark("A", -1, 0) }, "at level -1"},
		{"bookmark before the first page", func(d *Doc) { d.Bookmark("A", 0, 0); d.AddPage() }, "Bookmark: called before"},
		{"text outside any element or artifact", func(d *Doc) {
			d.AddPage()
			d.SetFont(d.AddFont(font), 9)
			d.Text(0, 0, "x")
		}, "Text: text drawn outside any structure element or artifact"},
		{"a rune the font has no glyph for", func(d *Doc) {
			d.AddPage()
			d.SetFont(d.AddFont(font), 9)
			d.MarkArtifact(Footer)
			d.Text(0, 0, "a \u0378")
		}, "has no glyph for U+0378"},
		{"replaced text outside any element or artifact", func(d *Doc) {
			d.AddPage()
			d.SetFont(d.AddFont(font), 9)
			d.TextAs(0, 0, "x", '\uFFFD')
		}, "Text: text drawn outside any structure element or artifact"},
		{"a mark the font has no glyph for", func(d *Doc) {
			d.AddPage()
			d.SetFont(d.AddFont(font), 9)
			d.MarkArtifact(Footer)
			d.TextAs(0, 0, "x", '\u0378')
		}, "TextAs: font GoRegular has no glyph for U+0378"},
		{"content of the document element", func(d *Doc) { d.AddPage(); d.MarkContent(0) }, "MarkContent: content must belong to an element"},
		{"an element that does not exist", func(d *Doc) { d.AddPage(); d.MarkContent(3) }, "MarkContent: structure element 3 does not exist"},
		{"a child of an element that does not exist", func(d *Doc) { d.NewElem(5, "P") }, "NewElem: structure element 5 does not exist"},
		{"a type no standard names", func(d *Doc) { d.NewElem(0, "Paragraph") }, `NewElem: "Paragraph" is not a standard structure type`},
		{"an artifact kind that does not exist", func(d *Doc) { d.MarkArtifact(9) }, "MarkArtifact: artifact kind 9"},
		{"a form before the first page", func(d *Doc) { d.BeginForm(); d.AddPage() }, "BeginForm: called before the first AddPage"},
		{"a form in a form", func(d *Doc) { d.AddPage(); d.BeginForm(); d.BeginForm() }, "BeginForm: a form is already begun"},
		{"a form not ended", func(d *Doc) { d.AddPage(); d.BeginForm() }, "a form is begun and not ended"},
		{"a new page in a form", func(d *Doc) { d.AddPage(); d.BeginForm(); d.AddPage() }, "AddPage: a form is begun and not ended"},
		{"ending no form", func(d *Doc) { d.AddPage(); d.EndForm() }, "EndForm: no form is begun"},
		{"a form that does not exist", func(d *Doc) { d.AddPage(); d.DrawForm(1, Layout) }, "DrawForm: form 1 does not exist"},
		{"a form drawn in a form", func(d *Doc) {
			d.AddPage()
			d.BeginForm()
			f := d.EndForm()
			d.BeginForm()
			d.DrawForm(f, Layout)
		}, "DrawForm: a form cannot be drawn inside a form"},
		{"an element's content in a form", func(d *Doc) {
			d.AddPage()
			d.SetFont(d.AddFont(font), 9)
			d.BeginForm()
			d.MarkContent(d.NewElem(0, "P"))
			d.Text(0, 0, "x")
		}, "a form holds artifacts only"},
		{"the first misuse is the one reported", func(d *Doc) {
			d.AddPage()
			d.Text(0, 0, "x")
			d.FillRect(math.NaN(), 0, 0, 0)
		}, "no font set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(210, 297, Info{})
			tt.draw(d)
			_, err := d.WriteTo(&bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteTo error %v, want one saying %q", err, tt.want)
			}
		})
	}
	for _, size := range [][2]float64{{0, 297}, {210, -1}, {math.NaN(), 1}, {1, 1e7}} {
		if _, err := New(size[0], size[1], Info{}).WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "page size") {
			t.Errorf("New(%v, %v): WriteTo error %v, want one about the page size", size[0], size[1], err)
		}
	}
}

func TestOutlineTree(t *testing.T) {
	// Each node is written parent/prev/next/first/last/count, "-" for none,
	// R for the root.
	tests := []struct {
		name   string
		levels []int
		want   []string // the bookmarks', then the root's
	}{
		{"one", []int{0}, []string{"R/-/-/-/-/0", "-/-/-/0/0/1"}},
		{"siblings", []int{0, 0, 0}, []string{
			"R/-/1/-/-/0", "R/0/2/-/-/0", "R/1/-/-/-/0", "-/-/-/0/2/3"}},
		{"nested", []int{0, 1, 2, 1, 0, 1}, []string{
			"R/-/4/1/3/3", "0/-/3/2/2/1", "1/-/-/-/-/0", "0/1/-/-/-/0", "R/0/-/5/5/1", "4/-/-/-/-/0", "-/-/-/0/4/6"}},
		{"back up two levels", []int{0, 1, 2, 0}, []string{
			"R/-/3/1/1/2", "0/-/-/2/2/1", "1/-/-/-/-/0", "R/0/-/-/-/0", "-/-/-/0/3/4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var marks []bookmark
			for _, l := range tt.levels {
				marks = append(marks, bookmark{level: l})
			}
			var got []string
			for _, n := range outlineTree(marks) {
				var parts []string
				for _, v := range []int{n.parent, n.prev, n.next, n.first, n.last} {
					switch v {
					case -1:
						parts = append(parts, "-")
					case len(marks):
						parts = append(parts, "R")
					default:
						parts = append(parts, strconv.Itoa(v))
					}
				}
				got = append(got, strings.Join(parts, "/")+"/"+strconv.Itoa(n.count))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("tree\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"UTC", time.Date(2019, 7, 31, 0, 0, 0, 0, time.UTC), "(D:20190731000000Z)"},
		{"east", time.Date(2019, 7, 31, 13, 4, 5, 0, time.FixedZone("BST", 3600)), "(D:20190731130405+01'00')"},
		{"west, half hours", time.Date(2019, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(3*3600+1800))), "(D:20190102030405-03'30')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendDate(nil, tt.t)); got != tt.want {
				t.Errorf("appendDate = %s, want %s", got, tt.want)
			}
		})
	}
}

// sampleTexts are drawn in the sample document, in each face.
var sampleTexts = []string{
	"CPC Improvement Plan 2018 – 2020",
	"Year 1 Progress / Update Report @ 31 July 2019",
	"The lead’s “multi-agency” review • cost £1,200 • café à la carte però",
	"The replacement character: \uFFFD",
	"Glyph ids a string escapes: *EFy (Ŧŧ) back\\slash", // ids with bytes ( ) \\ and CR
}

// sampleDocument is a few pages in the three Go faces, with fills, rules
// and bookmarks.
func sampleDocument(t testing.TB) *Doc {
	d := New(210, 297, Info{
		Title: "CPC Improvement Plan 2018 – 2020", Author: "Perth & Kinross (CPC)", Subject: "Year 1 Progress / Update Report",
		Creator: "planreport", Producer: "pdfdoc", Lang: "en-GB", Created: testDate,
	})
	var ids []FontID
	for _, f := range goFonts(t) {
		ids = append(ids, d.AddFont(f))
	}
	for page, face := range ids {
		d.AddPage()
		d.Bookmark(fmt.Sprintf("Page %d – face %d", page+1, face), 0, 10)
		d.SetFillColor(31, 56, 100)
		d.FillRect(15, 10, 180, 12)
		d.SetStrokeColor(200, 200, 200)
		d.SetLineWidth(0.3)
		for i, s := range sampleTexts {
			y := 40 + float64(i)*12
			if i == 2 {
				d.Bookmark("Section “two”", 1, y)
			}
			d.MarkArtifact(Layout)
			d.StrokeRect(15, y-6, 180, 10)
			d.Line(15, y+5, 195, y+5)
			d.SetFillColor(0, 0, 0)
			d.SetFont(face, 10)
			d.MarkContent(d.NewElem(0, "P"))
			d.Text(18, y, s)
		}
	}
	return d
}

// TestGolden compares a small document, its objects with their streams
// inflated, with testdata/sample.golden (go test -update rewrites it).
func TestGolden(t *testing.T) {
	pdf := write(t, sampleDocument(t))
	objects := readObjects(t, pdf)
	var dump strings.Builder
	fmt.Fprintf(&dump, "%q\n", pdf[:bytes.Index(pdf, []byte("1 0 obj"))])
	for num := 1; num < len(objects); num++ { // objects[-1] is the cross-reference stream, also the last object
		o := objects[num]
		fmt.Fprintf(&dump, "%d 0 obj\n%s\n", num, o.value)
		switch {
		case num == objOutputProfile:
			fmt.Fprintf(&dump, "[ICC profile, %d bytes, %q]\n", len(o.stream), o.stream[12:20])
		case strings.Contains(o.value, "/Type /XRef"):
			fmt.Fprintf(&dump, "[%d entries]\n", len(unUp(t, o.stream, 7))/7)
		case strings.Contains(o.value, "/Length1"):
			f := mustFont(t, o.stream)
			fmt.Fprintf(&dump, "[TrueType %s, %d bytes, glyphs outlined %v]\n", f.PostScriptName(), len(o.stream), outlined(f))
		case o.stream != nil:
			fmt.Fprintf(&dump, "%s", o.stream)
		}
	}
	got := []byte(dump.String())
	if want := testtool.Golden(t, "testdata/sample.golden", got, *update); !bytes.Equal(got, want) {
		t.Errorf("the document differs from testdata/sample.golden (go test -update rewrites it):\n%s", got)
	}
}

func TestDeterministic(t *testing.T) {
	d := sampleDocument(t)
	first, again := write(t, d), write(t, d)
	if !bytes.Equal(first, again) {
		t.Error("WriteTo wrote different bytes the second time")
	}
	if other := write(t, sampleDocument(t)); !bytes.Equal(first, other) {
		t.Error("two identical documents were written differently")
	}
	d.Text(10, 200, "more")
	if more := write(t, d); bytes.Equal(first, more) || !bytes.Equal(more, write(t, d)) {
		t.Error("drawing on the last page after WriteTo is lost, or written differently twice")
	}
}

// TestMemory checks what a document of 1,600 dense pages holds before
// WriteTo: only compressed pages. (BenchmarkDocument1600Pages reports what
// drawing and writing it allocates.)
func TestMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in short mode: draws 1,600 pages")
	}
	fonts := goFonts(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := denseDocument(fonts, 1600)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	compressed := 0
	for _, p := range d.pages.wait() {
		compressed += len(p)
	}
	// The structure tree: the elements, their kids, the parent tree.
	tree := int64(cap(d.elems))*int64(unsafe.Sizeof(elem{})) + int64(cap(d.kids))*int64(unsafe.Sizeof(kid{}))
	for _, p := range d.parentTree {
		tree += int64(cap(p)) * 4
	}
	t.Logf("1,600 pages: %.1f MB held, of which %.1f MB compressed content and %.1f MB the structure tree of %d elements",
		float64(held)/1e6, float64(compressed)/1e6, float64(tree)/1e6, len(d.elems))
	if held-tree > 25e6 {
		t.Errorf("the document holds %.1f MB besides its structure tree; want under 25 MB", float64(held-tree)/1e6)
	}
	if perElem := float64(tree) / float64(len(d.elems)); perElem > 100 {
		t.Errorf("the structure tree holds %.0f bytes an element; want under 100", perElem)
	}
	runtime.KeepAlive(d)
}

// pdfTool runs a poppler or qpdf program on the file, failing the test on
// an error or anything written to stderr.
func pdfTool(t *testing.T, program string, args ...string) string {
	return testtool.Run(t, program, args...)
}

// save writes pdf to a file in the test's temporary directory.
func save(t *testing.T, pdf []byte) string { return testtool.TempFile(t, "doc.pdf", pdf) }

// qpdfCheck runs qpdf --check, which must find nothing wrong.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	if out := pdfTool(t, "qpdf", "--check", path); strings.Contains(strings.ToLower(out), "warning") ||
		!strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestTools(t *testing.T) {
	path := save(t, write(t, sampleDocument(t)))
	t.Run("qpdf", func(t *testing.T) { qpdfCheck(t, path) })
	t.Run("pdftotext", func(t *testing.T) {
		testtool.Need(t, "pdftotext")
		pages := testtool.PDFPages(t, path, "-layout")
		if len(pages) != 3 {
			t.Fatalf("%d pages, want 3", len(pages))
		}
		for i, page := range pages {
			for _, s := range sampleTexts {
				if !strings.Contains(page, s) {
					t.Errorf("page %d lacks %q:\n%s", i+1, s, page)
				}
			}
		}
	})
	t.Run("pdffonts", func(t *testing.T) {
		out := pdfTool(t, "pdffonts", path)
		row := regexp.MustCompile(`(?m)^[A-Z]{6}\+(GoRegular|Go-Bold|Go-Italic) +CID TrueType +Identity-H +yes yes yes +\d+ +0$`)
		if got := row.FindAllStringSubmatch(out, -1); len(got) != 3 || got[0][1] != "GoRegular" || got[1][1] != "Go-Bold" || got[2][1] != "Go-Italic" {
			t.Errorf("pdffonts does not list the three Go faces, embedded subsets with ToUnicode:\n%s", out)
		}
	})
	t.Run("pdfinfo", func(t *testing.T) {
		out := pdfTool(t, "pdfinfo", "-isodates", path)
		for _, want := range []string{
			"Title:           CPC Improvement Plan 2018 – 2020\n", "Subject:         Year 1 Progress / Update Report\n",
			"Author:          Perth & Kinross (CPC)\n", "Creator:         planreport\n", "Producer:        pdfdoc\n",
			"CreationDate:    2019-07-31T00:00:00Z\n", "Pages:           3\n", "Page size:       595.28 x 841.89 pts (A4)\n",
			"PDF version:     1.7\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("pdftoppm", func(t *testing.T) {
		pdfTool(t, "pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", path, filepath.Join(t.TempDir(), "page"))
	})
	t.Run("outlines", func(t *testing.T) {
		out := pdfTool(t, "qpdf", "--json", "--json-key=outlines", path)
		for _, want := range []string{`"title": "Page 1 – face 1"`, `"title": "Section “two”"`, `"dest": [`} {
			if !strings.Contains(out, want) {
				t.Errorf("qpdf --json lacks %s:\n%s", want, out)
			}
		}
	})
}

// TestForm draws a form on two pages: each page shows it inside an
// artifact sequence, and the form, kept once, sets every state it uses and
// has no marked content.
func TestForm(t *testing.T) {
	d, f := a4(t)
	d.AddPage()
	p := d.NewElem(0, "P")
	d.MarkContent(p)
	d.SetFont(f[0], 9)
	d.Text(10, 10, "A") // the page's text object and state, kept across the form
	d.BeginForm()
	d.MarkArtifact(Header)
	d.Text(10, 20, "B")
	d.Text(10, 30, "A")
	d.FillRect(0, 0, 1, 1)
	form := d.EndForm()
	d.DrawForm(form, Header)
	d.MarkContent(p)
	d.Text(10, 40, "A")
	wantPage1 := "/P <</MCID 0>> BDC\n0 0 0 rg\nBT /F1 9 Tf 28.35 813.54 Td (\x00$) Tj\nET\nEMC\n" +
		"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n/Fm1 Do\nEMC\n" +
		"/P <</MCID 1>> BDC\nBT 28.35 728.5 Td (\x00$) Tj\nET\nEMC\n"
	if got := string(d.lastContent()); got != wantPage1 {
		t.Errorf("page 1\n%q\nwant\n%q", got, wantPage1)
	}
	d.AddPage()
	d.DrawForm(form, Layout)
	pdf := write(t, d)
	objects := readObjects(t, pdf)
	l := d.layout()
	got := objects[l.forms]
	wantForm := "0 0 0 rg\nBT /F1 9 Tf 28.35 785.2 Td (\x00%) Tj\n0 -28.35 Td (\x00$) Tj\nET\n0 841.89 2.83 -2.83 re f\n"
	if !strings.Contains(got.value, "/Type /XObject /Subtype /Form /BBox [0 0 595.28 841.89] /Resources 3 0 R") || string(got.stream) != wantForm {
		t.Errorf("form object %s\n%q\nwant\n%q", got.value, got.stream, wantForm)
	}
	if res := objects[objResources].value; !strings.Contains(res, "/XObject << /Fm1 "+strconv.Itoa(l.forms)+" 0 R >>") {
		t.Errorf("resources %s lack the form", res)
	}
	if page2 := objects[l.page(1)+1]; string(page2.stream) != "/Artifact BMC\n/Fm1 Do\nEMC\n" {
		t.Errorf("page 2 %q, want the form as a layout artifact", page2.stream)
	}
	path := save(t, pdf)
	qpdfCheck(t, path)
	testtool.Need(t, "pdftotext")
	if pages := testtool.PDFPages(t, path); len(pages) != 2 || !strings.Contains(pages[0], "B") || !strings.Contains(pages[1], "B") {
		t.Errorf("pdftotext does not find the form's text on both pages: %q", pages)
	}
}

// TestCompositeRenders draws only a composite glyph, whose components are
// all there is to draw, and checks that the rendered page has ink.
func TestCompositeRenders(t *testing.T) {
	f := mustFont(t, compositeFont(t))
	d := New(50, 50, Info{})
	d.AddPage()
	d.SetFont(d.AddFont(f), 100)
	d.MarkContent(d.NewElem(0, "Figure"))
	d.Text(5, 40, "X")
	path := save(t, write(t, d))
	qpdfCheck(t, path)
	out := filepath.Join(t.TempDir(), "page")
	pdfTool(t, "pdftoppm", "-r", "30", "-gray", "-singlefile", path, out)
	pgm, err := os.ReadFile(out + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	ink := 0
	for _, v := range pgm[len(pgm)-59*59:] { // the pixels, after the header
		if v < 128 {
			ink++
		}
	}
	if ink < 100 {
		t.Errorf("%d dark pixels: the composite glyph X (A over B and C) did not render", ink)
	}
}
