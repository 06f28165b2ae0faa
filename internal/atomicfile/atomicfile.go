// Package atomicfile writes files so that they appear under their final
// name only once complete: the content goes to a hidden temporary file in
// the same folder, is flushed to disk, and is then renamed into place. A
// failure at any point leaves the previous file, if any, untouched, and
// removes the temporary file; a killed process leaves at most a hidden
// temporary file, named with its process id, that Clean removes once that
// process has gone.
package atomicfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"syscall"
)

// tempPrefix starts the name of every temporary file this package makes.
const tempPrefix = ".planreport-"

// tempSuffix ends it.
const tempSuffix = ".partial"

// Write creates or replaces path with what write writes. The file is made
// with mode 0644.
func Write(path string, write func(io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// Pending is a complete file under a temporary name in its folder: Commit
// puts it in place, Discard removes it.
type Pending struct {
	path, tmp string
}

// Prepare writes what write writes to a temporary file in path's folder,
// flushed to disk, for Commit to put in place as path with mode 0644.
func Prepare(path string, write func(io.Writer) error) (_ *Pending, err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, fmt.Sprintf("%s%s-%d-*%s", tempPrefix, name, os.Getpid(), tempSuffix))
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(buf); err != nil {
		return nil, err
	}
	if err = buf.Flush(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &Pending{path: path, tmp: tmp.Name()}, nil
}

// Path is the file's final name.
func (p *Pending) Path() string { return p.path }

// Commit renames the file into place, replacing what was there; if that
// fails, the temporary file is removed.
func (p *Pending) Commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("cannot write %s: %w", p.path, err)
	}
	return nil
}

// Discard removes the temporary file, leaving path as it was.
func (p *Pending) Discard() { os.Remove(p.tmp) }

// Unchanged reports whether path already holds exactly the bytes of the
// temporary file.
func (p *Pending) Unchanged() bool {
	a, errA := os.Stat(p.tmp)
	b, errB := os.Stat(p.path)
	if errA != nil || errB != nil || a.Size() != b.Size() {
		return false
	}
	written, errA := os.ReadFile(p.tmp)
	old, errB := os.ReadFile(p.path)
	return errA == nil && errB == nil && bytes.Equal(written, old)
}

// WriteBytes creates or replaces path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Clean removes the temporary files that a killed process's Write left in
// dir: those whose process is no longer running. Another run still writing
// in dir keeps its files.
func Clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		pid, ok := writer(e.Name())
		if !ok || running(pid) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// tempName matches a temporary file's name and finds the writer's process
// id in it: ".planreport-report.pdf-4242-123456.partial".
var tempName = regexp.MustCompile(`^` + regexp.QuoteMeta(tempPrefix) + `.*-(\d+)-\d+` + regexp.QuoteMeta(tempSuffix) + `$`)

// writer is the process id in a temporary file's name; ok is false for
// any other name.
func writer(name string) (pid int, ok bool) {
	m := tempName.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	pid, err := strconv.Atoi(m[1])
	return pid, err == nil
}

// running reports whether process pid is still running. Where that cannot
// be told, it is taken to be.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil { // Windows: no such process
		return false
	}
	if runtime.GOOS == "windows" {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
