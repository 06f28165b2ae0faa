package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// must fails the test on an error while building a workbook.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// edit opens workbook bytes with excelize, applies change and returns the
// saved bytes.
func edit(t testing.TB, b []byte, change func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	must(t, err)
	defer f.Close()
	change(f)
	var buf bytes.Buffer
	must(t, f.Write(&buf))
	return buf.Bytes()
}

// readAllSheets opens a workbook and reads all its sheets.
func readAllSheets(b []byte, opt Options) error {
	f, err := Open(b, "the workbook", opt)
	if err != nil {
		return err
	}
	return f.ReadSheets(f.Sheets(), func(int, *Sheet) {})
}

// zipPart is one entry of a hand-made zip archive. When declared is
// non-zero the entry's header claims that unpacked size, whatever data
// holds, as a zip bomb's may.
type zipPart struct {
	name     string
	data     []byte
	declared uint64
}

// makeZip builds a zip archive from parts.
func makeZip(t testing.TB, parts ...zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.declared == 0 {
			w, err := zw.Create(p.name)
			must(t, err)
			_, err = w.Write(p.data)
			must(t, err)
			continue
		}
		var packed bytes.Buffer
		fw, err := flate.NewWriter(&packed, flate.BestSpeed)
		must(t, err)
		_, err = fw.Write(p.data)
		must(t, err)
		must(t, fw.Close())
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate,
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: p.declared})
		must(t, err)
		_, err = w.Write(packed.Bytes())
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// rezip copies a zip archive, changing the named part's data.
func rezip(t testing.TB, b []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var parts []zipPart
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		var data bytes.Buffer
		_, err = data.ReadFrom(rc)
		must(t, err)
		d := data.Bytes()
		if zf.Name == name {
			d = change(d)
		}
		parts = append(parts, zipPart{name: zf.Name, data: d})
	}
	return makeZip(t, parts...)
}

func encrypted(t testing.TB, b []byte, password string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	must(t, err)
	defer f.Close()
	var buf bytes.Buffer
	must(t, f.Write(&buf, excelize.Options{Password: password}))
	return buf.Bytes()
}

// TestUnreadableFiles checks that each kind of file that is not a readable
// workbook gets its one sentence.
func TestUnreadableFiles(t *testing.T) {
	canonical := canonical(t)
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	xls := append(append([]byte{}, oleSignature...), make([]byte, 1024)...)
	locked := encrypted(t, canonical, "s3cret")
	liar := lieAboutSizes(t, rezip(t, canonical, actionsPart, func(b []byte) []byte {
		return append(b, make([]byte, 8<<20)...)
	}))
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error
		says     string
	}{
		{"empty", nil, "", ErrNotWorkbook, "is empty"},
		{"legacy xls", xls, "", ErrLegacyXLS, "save it as .xlsx"},
		{"random bytes", random, "", ErrNotWorkbook, "is not an Excel workbook (.xlsx)"},
		{"text", []byte("No,Action\n1.1,Do it\n"), "", ErrNotWorkbook, "is not an Excel workbook (.xlsx)"},
		{"truncated", canonical[:len(canonical)/2], "", ErrDamaged, "is truncated or damaged"},
		{"zip but not a workbook", makeZip(t, zipPart{name: "notes.txt", data: []byte("notes")}), "", ErrNotWorkbook, "is a zip archive but not an Excel workbook"},
		{"binary workbook", makeZip(t, zipPart{name: "xl/workbook.bin", data: []byte{1}}), "", ErrNotWorkbook, "(.xlsb)"},
		{"OpenDocument", makeZip(t, zipPart{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")}), "", ErrNotWorkbook, "(.ods)"},
		{"damaged workbook part", rezip(t, canonical, "xl/workbook.xml", func([]byte) []byte { return []byte("<workbook><sheets><sheet") }), "", ErrDamaged, "is damaged"},
		{"password, none given", locked, "", ErrEncrypted, "is protected by a password; give the password with --password or in the environment variable PLANREPORT_PASSWORD"},
		{"password, wrong one given", locked, "guess", ErrWrongPassword, "password given does not open"},
		{"zip bomb", makeZip(t, zipPart{name: "xl/workbook.xml", data: []byte("<workbook/>")},
			zipPart{name: "xl/worksheets/sheet1.xml", data: make([]byte, 1024), declared: 1 << 30}), "", ErrTooLarge, "zip bomb"},
		{"zip bomb in a small part", makeZip(t, zipPart{name: "xl/workbook.xml", data: []byte("<workbook/>")},
			zipPart{name: "xl/styles.xml", data: make([]byte, 1024), declared: 100 << 20}), "", ErrTooLarge, "zip bomb"},
		{"too many parts", manyParts(t), "", ErrTooLarge, "too large"},
		{"part unpacking to more than it declares", liar, "", ErrDamaged, "is damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := readAllSheets(tt.data, Options{Password: tt.password})
			checkFileError(t, err, tt.want, tt.says)
		})
	}
}

// TestOtherDocuments checks that a file of another kind is named as what
// it is, with the way on, and that its name keeps its case at the start of
// the sentence: Legacy.xlsx is another file than legacy.xlsx on Linux and
// macOS.
func TestOtherDocuments(t *testing.T) {
	xls := append(append([]byte{}, oleSignature...), make([]byte, 1024)...)
	doc := append(append(append([]byte{}, oleSignature...), make([]byte, 512)...), utf16le("WordDocument")...)
	docx := makeZip(t, zipPart{name: "[Content_Types].xml", data: []byte("<Types/>")},
		zipPart{name: "word/document.xml", data: []byte("<w:document/>")})
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
	tests := []struct {
		name string
		data []byte
		want error
		says []string
		not  []string
	}{
		{"legacy.xlsx", xls, ErrLegacyXLS, []string{"legacy.xlsx is an Excel 97-2003 workbook (.xls)"}, nil},
		{"minutes.doc", doc, ErrNotWorkbook, []string{"minutes.doc is a Word 97-2003 document (.doc)", "planreport import"}, []string{"Excel 97-2003"}},
		{"report.docx", docx, ErrNotWorkbook, []string{"report.docx is a Word document (.docx)", "planreport import report.docx"}, []string{"zip archive"}},
		{"report.pdf", pdf, ErrNotWorkbook, []string{"report.pdf is a PDF", "workbook (.xlsx)"}, []string{"open it in Excel"}},
		{"empty.xlsx", nil, ErrNotWorkbook, []string{"empty.xlsx is empty"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.data, tt.name, Options{})
			for _, s := range tt.says {
				checkFileError(t, err, tt.want, s)
			}
			if !strings.HasPrefix(err.Error(), tt.name+" ") {
				t.Errorf("err = %q, want it to start with the file's name as given, %s", err, tt.name)
			}
			for _, s := range tt.not {
				if strings.Contains(err.Error(), s) {
					t.Errorf("err = %q, want no %q", err, s)
				}
			}
		})
	}
	damaged := &Error{Name: "plan.xlsx", Sheet: "Actions", Part: "xl/worksheets/sheet5.xml", Err: ErrDamaged}
	if msg := damaged.Error(); !strings.HasPrefix(msg, "plan.xlsx is damaged") {
		t.Errorf("damaged: %q, want it to start with plan.xlsx as given", msg)
	}
}

// lieAboutSizes rewrites every entry's declared unpacked size as at most
// 100 bytes, leaving its data as it is.
func lieAboutSizes(t testing.TB, b []byte) []byte {
	t.Helper()
	return copyZip(t, b, func(h *zip.FileHeader) { h.UncompressedSize64 = min(h.UncompressedSize64, 100) })
}

func manyParts(t testing.TB) []byte {
	parts := []zipPart{{name: "xl/workbook.xml", data: []byte("<workbook/>")}}
	for i := range DefaultLimits.Parts + 1 {
		parts = append(parts, zipPart{name: fmt.Sprintf("x/%d", i)})
	}
	return makeZip(t, parts...)
}

func checkFileError(t *testing.T, err, want error, says string) {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want an *Error", err, err)
	}
	if !errors.Is(err, want) {
		t.Errorf("err = %v, want errors.Is %v", err, want)
	}
	msg := err.Error()
	if !strings.Contains(msg, says) || strings.Contains(msg, "\n") {
		t.Errorf("err = %q, want one line containing %q", msg, says)
	}
}

func TestPasswordOpens(t *testing.T) {
	locked := encrypted(t, canonical(t), "s3cret")
	f, err := Open(locked, "the workbook", Options{Password: "s3cret"})
	if err != nil || len(f.Sheets()) != 9 {
		t.Fatalf("Open with the password: %v", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	must(t, os.WriteFile(path, canonical(t), 0o644))
	if b, err := ReadFile(path, DefaultLimits); err != nil || !bytes.Equal(b, canonical(t)) {
		t.Fatalf("ReadFile: %v", err)
	}
	lock := filepath.Join(dir, "~$plan.xlsx")
	must(t, os.WriteFile(lock, []byte("\x0bJane Smith"), 0o644))
	_, err := ReadFile(lock, DefaultLimits)
	checkFileError(t, err, ErrLockFile, "read the workbook itself, "+path)

	big := filepath.Join(dir, "big.xlsx")
	must(t, os.WriteFile(big, append([]byte("PK"), make([]byte, 64<<20)...), 0o644))
	_, err = ReadFile(big, DefaultLimits)
	checkFileError(t, err, ErrTooLarge, "larger than 64 MB")

	missing := filepath.Join(dir, "missing.xlsx")
	_, err = ReadFile(missing, DefaultLimits)
	checkFileError(t, err, fs.ErrNotExist, "there is no file "+missing)
}

// TestUnpackedLimit checks the limit on what a workbook unpacks to: 512
// MB in all, so that a package whose directory declares parts of 300 MB
// and 250 MB, each within the limit of a worksheet, is refused before
// anything is unpacked.
func TestUnpackedLimit(t *testing.T) {
	b := makeZip(t, zipPart{name: "xl/workbook.xml", data: []byte("<workbook/>")},
		zipPart{name: "xl/worksheets/sheet1.xml", data: make([]byte, 1024), declared: 300 << 20},
		zipPart{name: "xl/worksheets/sheet2.xml", data: make([]byte, 1024), declared: 250 << 20})
	_, err := Open(b, "the workbook", Options{})
	checkFileError(t, err, ErrTooLarge, "more than 512 MB")
}

// bombSize is how much the zip bombs' worksheet unpacks to: more than
// the 512 MB a workbook may unpack to, and far more than the 200 MB a reading may use.
const bombSize = 600 << 20

// zipBombs returns the canonical workbook with its first worksheet
// replaced by bombSize bytes of XML that is nearly all spaces, which
// deflate packs about a thousand to one: honest, whose directory declares
// the sheet's true size, and lying, whose directory says it holds 1 KB.
// The sheet is compressed as it is made; only its packed form, under a
// megabyte, is ever held in memory.
func zipBombs(t *testing.T) (honest, lying []byte) {
	t.Helper()
	const sheet = "xl/worksheets/sheet1.xml"
	honest = replacePart(t, canonical(t), sheet, func(w io.Writer) {
		open := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
		end := `</sheetData></worksheet>`
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		_, err := io.WriteString(w, open)
		must(t, err)
		for written := len(open) + len(end); written < bombSize; written += len(spaces) {
			_, err = w.Write(spaces)
			must(t, err)
		}
		_, err = io.WriteString(w, end)
		must(t, err)
	})
	lying = copyZip(t, honest, func(h *zip.FileHeader) {
		if h.Name == sheet {
			h.UncompressedSize64 = 1 << 10
		}
	})
	return honest, lying
}

// replacePart copies a zip archive, writing the named part's new data,
// deflated, with write.
func replacePart(t *testing.T, b []byte, name string, write func(io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, zf := range zr.File {
		if zf.Name == name {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			must(t, err)
			write(w)
			continue
		}
		must(t, zw.Copy(zf))
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// copyZip copies a zip archive's parts as they are packed, letting change
// rewrite each one's header first.
func copyZip(t testing.TB, b []byte, change func(*zip.FileHeader)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		raw, err := zf.OpenRaw()
		must(t, err)
		h := zf.FileHeader
		change(&h)
		w, err := zw.CreateRaw(&h)
		must(t, err)
		_, err = io.Copy(w, raw)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// TestZipBombs reads real zip bombs: each is refused with its one sentence,
// having used well under 200 MB of memory to find out.
func TestZipBombs(t *testing.T) {
	honest, lying := zipBombs(t)
	const memoryLimit = 200 << 20
	tests := []struct {
		name string
		data []byte
	}{
		{"sizes declared", honest},
		{"worksheet declared as 1 KB", lying},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			allocated, peak := memoryUse(func() { err = readAllSheets(tt.data, Options{}) })
			checkFileError(t, err, ErrTooLarge, "zip bomb")
			if allocated > memoryLimit || peak > memoryLimit {
				t.Errorf("reading allocated %d MB, with at most %d MB of heap in use; want both under %d MB",
					allocated>>20, peak>>20, memoryLimit>>20)
			}
		})
	}
}

// memoryUse runs f and returns how many bytes it allocated in all and the
// most heap memory in use at once while it ran, sampled every millisecond.
func memoryUse(f func()) (allocated, peak uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	peaked := make(chan uint64)
	go func() {
		peak := before.HeapInuse
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				peaked <- peak
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	f()
	close(done)
	peak = <-peaked
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, max(peak, after.HeapInuse)
}
