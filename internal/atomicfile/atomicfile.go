// Package atomicfile writes files so that they appear under their final
// name only once complete: the content goes to a hidden temporary file in
// the same folder, is flushed to disk, and is then renamed into place. A
// failure or a killed process at any point leaves the previous file, if
// any, untouched, and at most a hidden temporary file that Clean removes;
// a process that is asked to stop can call Abandon to remove its own.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// inFlight holds the temporary files being written now.
var inFlight = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

func track(name string, on bool) {
	inFlight.Lock()
	defer inFlight.Unlock()
	if on {
		inFlight.names[name] = true
	} else {
		delete(inFlight.names, name)
	}
}

// Abandon removes every temporary file a Write in this process has not
// finished, for a process that is about to exit on a signal. The files
// already in place are left as they are.
func Abandon() {
	inFlight.Lock()
	defer inFlight.Unlock()
	for name := range inFlight.names {
		os.Remove(name)
		delete(inFlight.names, name)
	}
}

// tempPrefix starts the name of every temporary file this package makes.
const tempPrefix = ".planreport-"

// tempSuffix ends it.
const tempSuffix = ".partial"

// Write creates or replaces path with what write writes. The file is made
// with mode 0644.
func Write(path string, write func(io.Writer) error) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+name+"-*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	track(tmp.Name(), true)
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		track(tmp.Name(), false)
	}()
	buf := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(buf); err != nil {
		return err
	}
	if err = buf.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// WriteBytes creates or replaces path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Clean removes the temporary files that an interrupted Write left in dir.
func Clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, tempPrefix) && strings.HasSuffix(n, tempSuffix) {
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}
