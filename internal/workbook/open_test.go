package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

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
	canonical := writeBytes(t, testPlan())
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
		{"zip but not a workbook", makeZip(t, zipPart{name: "word/document.xml", data: []byte("<w/>")}), "", ErrNotWorkbook, "is a zip archive but not an Excel workbook"},
		{"binary workbook", makeZip(t, zipPart{name: "xl/workbook.bin", data: []byte{1}}), "", ErrNotWorkbook, "(.xlsb)"},
		{"OpenDocument", makeZip(t, zipPart{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")}), "", ErrNotWorkbook, "(.ods)"},
		{"damaged workbook part", rezip(t, canonical, "xl/workbook.xml", func([]byte) []byte { return []byte("<workbook><sheets><sheet") }), "", ErrDamaged, "is damaged"},
		{"password, none given", locked, "", ErrEncrypted, "is protected by a password; give the password with --password"},
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
			p, problems, err := readBytes(t, tt.data, Options{Password: tt.password})
			checkFileError(t, err, tt.want, tt.says)
			if p != nil || problems != nil {
				t.Errorf("got a plan or problems with a file error")
			}
		})
	}
}

// lieAboutSizes rewrites every entry's declared unpacked size as at most
// 100 bytes, leaving its data as it is.
func lieAboutSizes(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		raw, err := zf.OpenRaw()
		must(t, err)
		h := zf.FileHeader
		h.UncompressedSize64 = min(h.UncompressedSize64, 100)
		w, err := zw.CreateRaw(&h)
		must(t, err)
		_, err = io.Copy(w, raw)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func manyParts(t testing.TB) []byte {
	parts := []zipPart{{name: "xl/workbook.xml", data: []byte("<workbook/>")}}
	for i := range maxParts + 1 {
		parts = append(parts, zipPart{name: fmt.Sprintf("x/%d", i)})
	}
	return makeZip(t, parts...)
}

func checkFileError(t *testing.T, err, want error, says string) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want a *FileError", err, err)
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
	locked := encrypted(t, writeBytes(t, testPlan()), "s3cret")
	p, problems, err := readBytes(t, locked, Options{Password: "s3cret"})
	if err != nil || len(problems) > 0 || p == nil {
		t.Fatalf("Read with the password: %v, %v", err, problems)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	must(t, os.WriteFile(path, writeBytes(t, testPlan()), 0o644))
	if p, _, err := ReadFile(path, Options{}); err != nil || p == nil {
		t.Fatalf("ReadFile: %v", err)
	}
	lock := filepath.Join(dir, "~$plan.xlsx")
	must(t, os.WriteFile(lock, []byte("\x0bJane Smith"), 0o644))
	_, _, err := ReadFile(lock, Options{})
	checkFileError(t, err, ErrLockFile, "read the workbook itself, "+path)

	big := filepath.Join(dir, "big.xlsx")
	must(t, os.WriteFile(big, append([]byte("PK"), make([]byte, maxFileSize)...), 0o644))
	_, _, err = ReadFile(big, Options{})
	checkFileError(t, err, ErrTooLarge, "too large")

	if _, _, err := ReadFile(filepath.Join(dir, "missing.xlsx"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v, want os.ErrNotExist", err)
	}
}
