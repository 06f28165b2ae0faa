package workbook

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

	"github.com/planreport/planreport/internal/plan"
)

// The kinds of file that cannot be read as a workbook at all. A FileError
// wraps one of these.
var (
	ErrNotWorkbook   = errors.New("not an .xlsx workbook")
	ErrDamaged       = errors.New("damaged workbook")
	ErrLegacyXLS     = errors.New("legacy .xls workbook")
	ErrEncrypted     = errors.New("password-protected workbook")
	ErrWrongPassword = errors.New("wrong password")
	ErrTooLarge      = errors.New("workbook too large")
	ErrLockFile      = errors.New("Excel lock file")
	ErrNoFile        = errors.New("no such file")
)

// FileError says in one sentence why a file cannot be read as a workbook.
type FileError struct {
	Name string // the file's path, or "the workbook" when read from a stream
	Err  error  // one of ErrNotWorkbook, ErrDamaged, ErrLegacyXLS, …
	msg  string
}

func (e *FileError) Error() string { return e.msg }

// Unwrap returns the sentinel that says what kind of file it is.
func (e *FileError) Unwrap() error { return e.Err }

func fileError(name string, kind error, format string, args ...any) *FileError {
	msg := fmt.Sprintf(format, args...)
	return &FileError{Name: name, Err: kind, msg: strings.ToUpper(msg[:1]) + msg[1:]}
}

// Size limits. A real plan of 100,000 rows is a few MB as a file and some
// tens of MB unpacked; the limits are well above that and well below what
// would exhaust memory or disk. A zip bomb is refused before anything is
// unpacked from the sizes its directory declares and, for one whose
// directory lies, as soon as a part unpacks to more than it declares (see
// openPart); a part the reader does not read is unpacked, and not kept,
// only if it is packed tightly enough to hide one (see checkRest).
const (
	maxFileSize  = 64 << 20  // the .xlsx file itself
	maxUnzipped  = 512 << 20 // all its parts unpacked
	maxOtherPart = 32 << 20  // any part but a worksheet or the shared strings
	maxParts     = 10000
	// Roll has excelize unpack worksheets and shared strings larger than
	// this to a temporary file and stream them from there rather than hold
	// them in memory.
	maxInMemoryPart = 16 << 20
)

// oleSignature starts every OLE2 compound file: a legacy .xls, or an .xlsx
// encrypted with a password.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ReadFile reads and validates the plan workbook at path; see Read.
func ReadFile(path string, opt Options) (*plan.Plan, Problems, error) {
	b, err := loadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return readWorkbook(b, path, opt)
}

// loadFile reads the bytes of the workbook at path, refusing Excel's lock
// file and a file over maxFileSize.
func loadFile(path string) ([]byte, error) {
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
		return nil, fileError(path, ErrNoFile, "there is no file %s", path)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, path)
}

// readAll reads the file's bytes, refusing one over maxFileSize.
func readAll(r io.Reader, name string) ([]byte, error) {
	var buf bytes.Buffer
	if sized, ok := r.(interface{ Len() int }); ok {
		buf.Grow(min(sized.Len(), maxFileSize) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, maxFileSize+1))
	b := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileSize {
		return nil, fileError(name, ErrTooLarge, "%s is larger than %d MB, too large for a plan workbook", name, maxFileSize>>20)
	}
	return b, nil
}

// decrypt opens a password-protected workbook's package.
func decrypt(b []byte, name, password string) ([]byte, error) {
	if password == "" {
		return nil, fileError(name, ErrEncrypted, "%s is protected by a password; give the password with --password", name)
	}
	plain, err := excelize.Decrypt(b, &excelize.Options{Password: password})
	if err != nil || !bytes.HasPrefix(plain, []byte("PK")) {
		return nil, fileError(name, ErrWrongPassword, "the password given does not open %s", name)
	}
	return plain, nil
}

// sniff tells what kind of file b is, from its first bytes and, for a zip
// archive, its directory, and returns a FileError unless it is an .xlsx
// workbook that is not too large to open.
func sniff(b []byte, name string) (*zip.Reader, error) {
	switch {
	case len(b) == 0:
		return nil, fileError(name, ErrNotWorkbook, "%s is empty (0 bytes); it is not an Excel workbook", name)
	case bytes.HasPrefix(b, oleSignature):
		return nil, fileError(name, ErrLegacyXLS, "%s is an Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx (Excel Workbook)", name)
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, fileError(name, ErrNotWorkbook, "%s is not an Excel workbook (.xlsx); open it in Excel and save it as .xlsx (Excel Workbook)", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fileError(name, ErrDamaged, "%s is truncated or damaged (its zip archive cannot be read); save or copy it again", name)
	}
	return zr, checkParts(zr, name)
}

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
func checkParts(zr *zip.Reader, name string) error {
	if len(zr.File) > maxParts {
		return tooLarge(name)
	}
	var total uint64
	workbook := false
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		if total > maxUnzipped || size > partLimit(zf) {
			return tooLarge(name)
		}
		switch partName(zf) {
		case "xl/workbook.xml":
			workbook = true
		case "xl/workbook.bin":
			return fileError(name, ErrNotWorkbook, "%s is an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx (Excel Workbook)", name)
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

// partLimit is the most a part may unpack to: a worksheet or the shared
// strings, which are streamed, up to the limit of the whole; any other
// part, maxOtherPart.
func partLimit(zf *zip.File) uint64 {
	part := partName(zf)
	if strings.HasPrefix(part, "xl/worksheets/") || part == "xl/sharedstrings.xml" {
		return maxUnzipped
	}
	return maxOtherPart
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

func tooLarge(name string) error {
	return fileError(name, ErrTooLarge, "%s is too large to read: it unpacks to more than %d MB, so it is damaged or a zip bomb", name, maxUnzipped>>20)
}

func damaged(name string) error {
	return fileError(name, ErrDamaged, "%s is damaged: its workbook parts cannot be read; save it again from Excel", name)
}
