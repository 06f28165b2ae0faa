// Package zippart unpacks one part of a zip package (a .docx) with a bound
// on its size, so that a part that claims to be small, or a zip bomb, never
// unpacks to more than its limit.
package zippart

import (
	"archive/zip"
	"errors"
	"io"
)

// ErrTooLarge is a part that unpacks to more than its limit.
var ErrTooLarge = errors.New("the part unpacks to more than its limit")

// Read unpacks f, refusing it with ErrTooLarge when it says it unpacks to
// more than limit bytes. A part that unpacks to more than it says is
// refused by archive/zip itself (zip.ErrFormat), so no part unpacks to more
// than limit.
func Read(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, ErrTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
