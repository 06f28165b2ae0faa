// Package atomicfile is the one way planreport writes a file: reports,
// workbooks (init, import, roll), drafts, send logs and the Microsoft 365
// token alike. The file appears under its final name only once complete:
// the content goes to a hidden temporary file in the same folder, is
// flushed to disk, given its mode, and is then renamed into place (or, with
// Options.NoReplace, linked into place, which fails without a race when a
// file is already there), and the folder is synced where the platform can
// sync one. A failure at any point leaves the previous file, if any,
// untouched, and removes the temporary file; a killed process leaves at
// most a hidden temporary file, named with its process id, that Clean
// removes once that process has gone. Clean removes nothing else.
package atomicfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

// Options say how a file is put in place.
type Options struct {
	// Mode is the file's permission bits; 0 is 0644.
	Mode fs.FileMode
	// NoReplace refuses to put the file in place when a file is already
	// there: the error then satisfies errors.Is(err, fs.ErrExist). The
	// check and the placing are one step (a hard link), so a file that
	// appears meanwhile is not overwritten either.
	NoReplace bool
}

// mode is the file's permission bits.
func (o Options) mode() fs.FileMode {
	if o.Mode == 0 {
		return 0o644
	}
	return o.Mode.Perm()
}

// Write creates or replaces path with what write writes. The file is made
// with mode 0644.
func Write(path string, write func(io.Writer) error) error {
	return WriteWith(path, Options{}, write)
}

// WriteWith writes path with what write writes, as opt says.
func WriteWith(path string, opt Options, write func(io.Writer) error) error {
	p, err := Prepare(path, opt, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// Pending is a complete file under a temporary name in its folder: Commit
// puts it in place, Discard removes it.
type Pending struct {
	path, tmp string
	opt       Options
}

// Prepare writes what write writes to a temporary file in path's folder,
// flushed to disk and with opt's mode, for Commit to put in place as path.
func Prepare(path string, opt Options, write func(io.Writer) error) (_ *Pending, err error) {
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
	if err = tmp.Chmod(opt.mode()); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &Pending{path: path, tmp: tmp.Name(), opt: opt}, nil
}

// Path is the file's final name.
func (p *Pending) Path() string { return p.path }

// Commit puts the file in place: renamed over whatever was there, or,
// with NoReplace, linked there only if nothing is. Either way the
// temporary file is gone afterwards, and the folder is synced so that the
// new name survives a power cut.
func (p *Pending) Commit() error {
	defer os.Remove(p.tmp) // after a link, or a failed rename
	if err := p.place(); err != nil {
		return err
	}
	syncDir(filepath.Dir(p.path))
	return nil
}

// place moves the temporary file to the final name.
func (p *Pending) place() error {
	if !p.opt.NoReplace {
		if err := os.Rename(p.tmp, p.path); err != nil {
			return fmt.Errorf("cannot write %s: %w", p.path, err)
		}
		return nil
	}
	err := os.Link(p.tmp, p.path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return &fs.PathError{Op: "write", Path: p.path, Err: fs.ErrExist}
	}
	// A file system without hard links (FAT on a memory stick): check, then
	// rename, which leaves the short race a link closes.
	if _, statErr := os.Lstat(p.path); statErr == nil {
		return &fs.PathError{Op: "write", Path: p.path, Err: fs.ErrExist}
	}
	if err := os.Rename(p.tmp, p.path); err != nil {
		return fmt.Errorf("cannot write %s: %w", p.path, err)
	}
	return nil
}

// syncDir makes a new name in dir durable where the platform can sync a
// folder; Windows cannot, and needs not.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
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
