package workbook_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/planbook"
	. "github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// rezip copies a zip archive, changing the named part's data.
func rezip(t testing.TB, b []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		must(t, err)
		if zf.Name == name {
			data = change(data)
		}
		w, err := zw.Create(zf.Name)
		must(t, err)
		_, err = w.Write(data)
		must(t, err)
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

func checkFileError(t *testing.T, err, want error, says string) {
	t.Helper()
	var fe *xlsx.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want an *xlsx.Error", err, err)
	}
	if !errors.Is(err, want) {
		t.Errorf("err = %v, want errors.Is %v", err, want)
	}
	msg := err.Error()
	if !strings.Contains(msg, says) || strings.Contains(msg, "\n") {
		t.Errorf("err = %q, want one line containing %q", msg, says)
	}
}

// TestFileErrors checks that Read passes on the reader's sentence for a
// file that is not a workbook, with neither plan nor problems.
func TestFileErrors(t *testing.T) {
	canonical := writeBytes(t, testPlan())
	for _, tt := range []struct {
		name string
		data []byte
		want error
		says string
	}{
		{"text", []byte("No,Action\n1.1,Do it\n"), xlsx.ErrNotWorkbook, "is not an Excel workbook (.xlsx)"},
		{"damaged sheet", rezip(t, canonical, actionsPart, func(b []byte) []byte { return b[:len(b)/2] }), xlsx.ErrDamaged, `its sheet "Actions" cannot be read`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, problems, err := readBytes(t, tt.data, Options{})
			checkFileError(t, err, tt.want, tt.says)
			if p != nil || problems != nil {
				t.Errorf("got a plan or problems with a file error")
			}
		})
	}
}

func TestPasswordOpens(t *testing.T) {
	locked := encrypted(t, writeBytes(t, testPlan()), "s3cret")
	p, problems, err := readBytes(t, locked, Options{Password: "s3cret"})
	if err != nil || len(problems) > 0 || p == nil {
		t.Fatalf("Read with the password: %v, %v", err, problems)
	}
	_, _, err = readBytes(t, locked, Options{})
	checkFileError(t, err, xlsx.ErrEncrypted, "give the password with --password")
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
	checkFileError(t, err, xlsx.ErrLockFile, "read the workbook itself, "+path)

	missing := filepath.Join(dir, "missing.xlsx")
	_, _, err = ReadFile(missing, Options{})
	checkFileError(t, err, fs.ErrNotExist, "there is no file "+missing)
}

// TestDamagedUnreadPart checks a part the reader does not read, the styles,
// whose checksum is wrong: reading the plan does not unpack it, so reads
// it, but rolling forward, which has excelize open every part, refuses
// the workbook as damaged.
func TestDamagedUnreadPart(t *testing.T) {
	b := copyZip(t, writeBytes(t, testPlan()), func(h *zip.FileHeader) {
		if h.Name == "xl/styles.xml" {
			h.CRC32++
		}
	})
	if _, problems, err := readBytes(t, b, Options{}); err != nil || len(problems) > 0 {
		t.Errorf("Read: %v\n%v", err, problems)
	}
	_, err := planbook.Roll(inTempDir(t, b), filepath.Join(t.TempDir(), "rolled.xlsx"), year2Point, planbook.RollOptions{})
	checkFileError(t, err, xlsx.ErrDamaged, "is damaged")
}
