package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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

func TestCleanRemovesOnlyLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".planreport-report.pdf-123.partial", "report.pdf", ".hidden"} {
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
	if len(names) != 2 || names[0] != ".hidden" || names[1] != "report.pdf" {
		t.Errorf("after Clean the folder holds %v, want [.hidden report.pdf]", names)
	}
}

func TestWriteIntoMissingFolder(t *testing.T) {
	err := WriteBytes(filepath.Join(t.TempDir(), "no", "such", "report.pdf"), []byte("x"))
	if err == nil {
		t.Fatal("Write into a missing folder succeeded")
	}
}

func TestAbandonRemovesUnfinished(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		if w, ok := w.(interface{ Flush() error }); ok {
			w.Flush()
		}
		Abandon() // as a signal handler would, mid-write
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("after Abandon the folder holds %d files, want none", len(entries))
		}
		return errors.New("stopped")
	})
	if err == nil {
		t.Fatal("Write succeeded after its file was abandoned")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the report exists after an abandoned write: %v", err)
	}
}
