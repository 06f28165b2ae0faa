package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// The kinds of file that cannot be read as a workbook. An *Error wraps one
// of these, or fs.ErrNotExist for a file that is not there.
var (
	ErrNotWorkbook   = errors.New("not an .xlsx workbook")
	ErrDamaged       = errors.New("damaged workbook")
	ErrLegacyXLS     = errors.New("legacy .xls workbook")
	ErrEncrypted     = errors.New("password-protected workbook")
	ErrWrongPassword = errors.New("wrong password")
	ErrTooLarge      = errors.New("workbook too large")
	ErrLockFile      = errors.New("lock file of a workbook open in Excel")
)

// Error says in one sentence why a file cannot be read as a workbook and,
// for a damaged one, where, like encoding/csv's ParseError.
type Error struct {
	Name  string // the file's path, or "the workbook" when read from a stream
	Part  string // the package part the error is in, when it is in one: "xl/worksheets/sheet2.xml"
	Sheet string // the sheet that part holds, when it holds one
	Cell  string // the cell the error is in or after, "B3", when known
	Err   error  // one of the Err… sentinels, or fs.ErrNotExist
	msg   string
}

// Error returns the sentence.
func (e *Error) Error() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Err == ErrDamaged {
		return e.damaged()
	}
	return fmt.Sprintf("%s cannot be read as a workbook: %v", e.Name, e.Err)
}

// damaged is the sentence of a damaged workbook, naming where it is
// damaged when that is known.
func (e *Error) damaged() string {
	where := "its workbook parts cannot be read"
	switch {
	case e.Sheet != "" && e.Cell != "":
		where = fmt.Sprintf("its sheet %q cannot be read at cell %s (%s)", e.Sheet, e.Cell, e.Part)
	case e.Sheet != "":
		where = fmt.Sprintf("its sheet %q cannot be read (%s)", e.Sheet, e.Part)
	case e.Part != "":
		where = fmt.Sprintf("its part %s cannot be read", e.Part)
	}
	return e.Name + " is damaged: " + where + "; save it again from Excel"
}

// Unwrap returns the sentinel that says what kind of file it is.
func (e *Error) Unwrap() error { return e.Err }

// fileError is an *Error with its own sentence. A sentence may start with
// the file's name, which keeps its case: on Linux and macOS, Plan.xlsx is
// another file than plan.xlsx.
func fileError(name string, kind error, format string, args ...any) *Error {
	return &Error{Name: name, Err: kind, msg: fmt.Sprintf(format, args...)}
}

// commandArg is name as it is typed on a command line: in double quotes
// when it holds a space.
func commandArg(name string) string {
	if strings.ContainsAny(name, " \t") {
		return `"` + name + `"`
	}
	return name
}

// Limits bound what a workbook may hold, so that a zip bomb or a huge file
// is refused before it exhausts memory or disk. A zip bomb is refused
// before anything is unpacked from the sizes its directory declares and,
// for one whose directory lies, as soon as a part unpacks to more than it
// declares; a part that is not read is unpacked, and not kept, only if it
// is packed tightly enough to hide one.
type Limits struct {
	File      int64  // the .xlsx file itself
	Unpacked  uint64 // all its parts unpacked, and any worksheet or the shared strings
	OtherPart uint64 // any other part unpacked
	Parts     int    // the number of parts
}

// DefaultLimits are well above a real plan of 100,000 rows (a few MB as a
// file, some tens of MB unpacked) and well below what would exhaust memory.
var DefaultLimits = Limits{File: 64 << 20, Unpacked: 512 << 20, OtherPart: 32 << 20, Parts: 10000}

// Options control how a workbook is opened.
type Options struct {
	Password string // opens a password-protected workbook
	Limits   Limits // DefaultLimits when zero
}

// oleSignature starts every OLE2 compound file: a legacy .xls, or an .xlsx
// encrypted with a password.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ReadFile reads the bytes of the workbook at path, refusing Excel's lock
// file, a missing file and a file larger than lim.File.
func ReadFile(path string, lim Limits) ([]byte, error) {
	if strings.HasPrefix(filepath.Base(path), "~$") {
		// Excel names the lock "~$" and the workbook's name, or, for a long
		// name, "~$" and all but its first two letters.
		own := filepath.Join(filepath.Dir(path), strings.TrimPrefix(filepath.Base(path), "~$"))
		if _, err := os.Stat(own); err != nil {
			own = "the workbook it stands beside"
		}
		return nil, fileError(path, ErrLockFile,
			"%s is the lock file Excel keeps while a workbook is open; read the workbook itself, %s", path, own)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fileError(path, fs.ErrNotExist, "there is no file %s", path)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path, lim)
}

// ReadAll reads a workbook's bytes from r, refusing more than lim.File.
func ReadAll(r io.Reader, name string, lim Limits) ([]byte, error) {
	lim = lim.orDefault()
	var buf bytes.Buffer
	if sized, ok := r.(interface{ Len() int }); ok {
		buf.Grow(int(min(int64(sized.Len()), lim.File)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, lim.File+1))
	b := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > lim.File {
		return nil, fileError(name, ErrTooLarge, "%s is larger than %d MB, too large for a plan workbook", name, lim.File>>20)
	}
	return b, nil
}

func (lim Limits) orDefault() Limits {
	if lim == (Limits{}) {
		return DefaultLimits
	}
	return lim
}

// decrypt opens a password-protected workbook's package.
func decrypt(b []byte, name, password string) (_ []byte, err error) {
	if password == "" {
		return nil, fileError(name, ErrEncrypted, "%s is protected by a password; give the password with --password "+
			"or in the environment variable PLANREPORT_PASSWORD", name)
	}
	defer func() {
		// excelize, which decrypts, is not written for hostile input;
		// whatever it trips on is a damaged file, not a crash. Only its
		// call is covered: a panic in planreport's own code is a bug.
		if r := recover(); r != nil {
			err = &Error{Name: name, Err: ErrDamaged}
		}
	}()
	plain, err := excelize.Decrypt(b, &excelize.Options{Password: password})
	if err != nil || !bytes.HasPrefix(plain, []byte("PK")) {
		return nil, fileError(name, ErrWrongPassword, "the password given does not open %s", name)
	}
	return plain, nil
}

// sniff tells what kind of file b is, from its first bytes and, for a zip
// archive, its directory, and returns an *Error unless it is an .xlsx
// workbook that is not too large to open.
func sniff(b []byte, name string, lim Limits) (*zip.Reader, error) {
	switch {
	case len(b) == 0:
		return nil, fileError(name, ErrNotWorkbook, "%s is empty (0 bytes); it is not an Excel workbook", name)
	case bytes.HasPrefix(b, oleSignature) && bytes.Contains(b, utf16le("WordDocument")):
		return nil, fileError(name, ErrNotWorkbook, "%s is a Word 97-2003 document (.doc), not a workbook; to make a plan workbook "+
			"from a Word report, open it in Word, save it as .docx (Word Document), and run planreport import on the .docx", name)
	case bytes.HasPrefix(b, oleSignature):
		return nil, fileError(name, ErrLegacyXLS, "%s is an Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx (Excel Workbook)", name)
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return nil, fileError(name, ErrNotWorkbook, "%s is a PDF, not a workbook; planreport reads the plan workbook (.xlsx) "+
			"that a report is made from, not the report", name)
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, fileError(name, ErrNotWorkbook, "%s is not an Excel workbook (.xlsx); open it in Excel and save it as .xlsx (Excel Workbook)", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fileError(name, ErrDamaged, "%s is truncated or damaged (its zip archive cannot be read); save or copy it again", name)
	}
	return zr, checkParts(zr, name, lim)
}

// Encrypted reports whether b is a password-protected workbook, which Open
// opens only with its password.
func Encrypted(b []byte) bool { return bytes.HasPrefix(b, oleSignature) && encryptedOOXML(b) }

// encryptedOOXML reports whether an OLE2 file holds the streams of an
// encrypted .xlsx, whose names its directory stores in UTF-16.
func encryptedOOXML(b []byte) bool {
	return bytes.Contains(b, utf16le("EncryptionInfo")) && bytes.Contains(b, utf16le("EncryptedPackage"))
}

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// checkParts looks through the zip archive's directory: it must hold a
// workbook, and its parts must not declare more than the limits.
func checkParts(zr *zip.Reader, name string, lim Limits) error {
	if len(zr.File) > lim.Parts {
		return tooLarge(name, lim)
	}
	var total uint64
	workbook := false
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		if total > lim.Unpacked || size > lim.part(zf) {
			return tooLarge(name, lim)
		}
		switch partName(zf) {
		case "xl/workbook.xml":
			workbook = true
		case "xl/workbook.bin":
			return fileError(name, ErrNotWorkbook, "%s is an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx (Excel Workbook)", name)
		case "word/document.xml":
			return fileError(name, ErrNotWorkbook, "%s is a Word document (.docx), not a workbook; to make a plan workbook "+
				"from a Word report, run planreport import %s", name, commandArg(name))
		case "mimetype", "content.xml":
			return fileError(name, ErrNotWorkbook, "%s is an OpenDocument file (.ods); open it and save it as .xlsx (Excel Workbook)", name)
		}
	}
	if !workbook {
		return fileError(name, ErrNotWorkbook, "%s is a zip archive but not an Excel workbook (.xlsx)", name)
	}
	return nil
}

// partName is a part's name as the checks compare it.
func partName(zf *zip.File) string {
	return strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
}

// part is the most a part may unpack to: a worksheet or the shared
// strings, which are streamed, up to the limit of the whole; any other
// part, OtherPart.
func (lim Limits) part(zf *zip.File) uint64 {
	part := partName(zf)
	if strings.HasPrefix(part, "xl/worksheets/") || part == "xl/sharedstrings.xml" {
		return lim.Unpacked
	}
	return lim.OtherPart
}

// unpackedSize unpacks a part, whatever size its entry declares, and
// returns how many bytes it holds, counting no further than limit+1, and
// an error when its data is damaged or does not match its checksum.
func unpackedSize(zf *zip.File, limit uint64) (uint64, error) {
	raw, err := zf.OpenRaw()
	if err != nil {
		return 0, err
	}
	var data io.Reader
	switch zf.Method {
	case zip.Store:
		data = raw
	case zip.Deflate:
		inflate := flate.NewReader(raw)
		defer inflate.Close()
		data = inflate
	default:
		return 0, zip.ErrAlgorithm
	}
	sum := crc32.NewIEEE()
	n, err := io.Copy(sum, io.LimitReader(data, int64(limit)+1))
	switch {
	case err != nil || uint64(n) > limit:
		return uint64(n), err
	case zf.CRC32 != 0 && sum.Sum32() != zf.CRC32:
		return uint64(n), zip.ErrChecksum
	}
	return uint64(n), nil
}

func tooLarge(name string, lim Limits) error {
	return fileError(name, ErrTooLarge, "%s is too large to read: it unpacks to more than %d MB, so it is damaged or a zip bomb", name, lim.Unpacked>>20)
}
