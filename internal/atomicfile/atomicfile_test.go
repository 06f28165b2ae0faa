package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestWrite(t *testing.T) {
	failure := errors.New("disk full")
	tests := []struct {
		name    string
		write   func(io.Writer) error
		wantErr error
		want    string // the file's content afterwards
	}{
		{"complete write replaces the file", func(w io.Writer) error {
			_, err := io.WriteString(w, "new report")
			return err
		}, nil, "new report"},
		{"failure midway keeps the old file", func(w io.Writer) error {
			io.WriteString(w, "half a rep")
			return failure
		}, failure, "old report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.pdf")
			if err := os.WriteFile(path, []byte("old report"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := Write(path, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Write error = %v, want %v", err, tt.wantErr)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("file holds %q, want %q", got, tt.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d files, want only the report", len(entries))
			}
		})
	}
}

// TestCleanRemovesOnlyLeftovers: Clean removes the temporary files of a
// process that has gone, and leaves those of a running one (this test's
// own) and every other file.
func TestCleanRemovesOnlyLeftovers(t *testing.T) {
	gone := exec.Command("go", "version")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	leftover := fmt.Sprintf(".planreport-report.pdf-%d-123.partial", gone.Process.Pid)
	writing := fmt.Sprintf(".planreport-report.pdf-%d-456.partial", os.Getpid())
	for _, n := range []string{leftover, writing, "report.pdf", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".hidden", writing, "report.pdf"}; !slices.Equal(names, want) {
		t.Errorf("after Clean the folder holds %v, want %v", names, want)
	}
}

// TestTempNameHoldsPID: the temporary file is named with the writer's
// process id, which Clean reads back.
func TestTempNameHoldsPID(t *testing.T) {
	dir := t.TempDir()
	err := Write(filepath.Join(dir, "report-2019-07-31.pdf"), func(io.Writer) error {
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("%d files while writing, want the temporary one", len(entries))
		}
		if pid, ok := writer(entries[0].Name()); !ok || pid != os.Getpid() {
			t.Errorf("temporary file %s: pid %d (%v), want %d", entries[0].Name(), pid, ok, os.Getpid())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteIntoMissingFolder(t *testing.T) {
	err := WriteBytes(filepath.Join(t.TempDir(), "no", "such", "report.pdf"), []byte("x"))
	if err == nil {
		t.Fatal("Write into a missing folder succeeded")
	}
}

// TestPending: a prepared file is not in place until Commit, Discard
// leaves the old file, and Unchanged compares every byte.
func TestPending(t *testing.T) {
	big := string(make([]byte, 200<<10))
	tests := []struct {
		name, old, new string // old "": no file there before
		commit         bool
		wantUnchanged  bool
		want           string // the file afterwards; "" for none
	}{
		{"commit replaces", "old report", "new report", true, false, "new report"},
		{"discard keeps the old file", "old report", "new report", false, false, "old report"},
		{"commit into an empty place", "", "new report", true, false, "new report"},
		{"discard leaves no file", "", "new report", false, false, ""},
		{"the same bytes", "same report", "same report", true, true, "same report"},
		{"same length, last byte differs", big + "a", big + "b", true, false, big + "b"},
		{"longer", "report", "report!", true, false, "report!"},
		{"large and the same", big, big, true, true, big},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.pdf")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p, err := Prepare(path, Options{}, func(w io.Writer) error {
				_, err := io.WriteString(w, tt.new)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != tt.old {
				t.Errorf("before Commit the file holds %d bytes, want the old %d", len(got), len(tt.old))
			}
			if got := p.Unchanged(); got != tt.wantUnchanged {
				t.Errorf("Unchanged() = %v, want %v", got, tt.wantUnchanged)
			}
			if tt.commit {
				if err := p.Commit(); err != nil {
					t.Fatal(err)
				}
			} else {
				p.Discard()
			}
			got, err := os.ReadFile(path)
			if tt.want == "" && !errors.Is(err, os.ErrNotExist) || tt.want != "" && string(got) != tt.want {
				t.Errorf("afterwards the file holds %d bytes (%v), want %d", len(got), err, len(tt.want))
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 1 {
				t.Errorf("folder holds %d files, want the report at most", len(entries))
			}
		})
	}
}

// TestOptions: the file gets the mode asked for, and NoReplace leaves a
// file already there as it was, says so with fs.ErrExist, and leaves no
// temporary file behind.
func TestOptions(t *testing.T) {
	tests := []struct {
		name     string
		opt      Options
		existing bool
		wantErr  error
		want     string
		wantMode fs.FileMode
	}{
		{"default mode", Options{}, false, nil, "new", 0o644},
		{"private mode", Options{Mode: 0o600}, false, nil, "new", 0o600},
		{"replaces by default", Options{}, true, nil, "new", 0o644},
		{"no replace, nothing there", Options{NoReplace: true}, false, nil, "new", 0o644},
		{"no replace, a file there", Options{NoReplace: true}, true, fs.ErrExist, "old", 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "plan.xlsx")
			if tt.existing {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteWith(path, tt.opt, func(w io.Writer) error {
				_, err := io.WriteString(w, "new")
				return err
			})
			if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
				t.Fatalf("WriteWith error = %v, want %v", err, tt.wantErr)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tt.want {
				t.Errorf("file holds %q, want %q", got, tt.want)
			}
			if info, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != tt.wantMode {
				t.Errorf("mode %v (%v), want %v", info.Mode().Perm(), err, tt.wantMode)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("folder holds %d files, want only the workbook", len(entries))
			}
		})
	}
}

// TestNoReplaceRace: of writers racing to create one file with NoReplace,
// exactly one succeeds and the file holds its content whole.
func TestNoReplaceRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	const writers = 8
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			errs <- WriteWith(path, Options{NoReplace: true}, func(w io.Writer) error {
				_, err := fmt.Fprintf(w, "writer %d", i)
				return err
			})
		})
	}
	wg.Wait()
	close(errs)
	won := 0
	for err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, fs.ErrExist):
			t.Errorf("unexpected error %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d writers succeeded, want exactly 1", won)
	}
	if got, _ := os.ReadFile(path); !strings.HasPrefix(string(got), "writer ") {
		t.Errorf("file holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the workbook", len(entries))
	}
}
