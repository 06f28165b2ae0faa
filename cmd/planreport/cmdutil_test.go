package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteNew: a file that is already there when init or import writes
// (one that appeared after refuseOverwrite looked) is kept unless --force,
// and the message names --force.
func TestWriteNew(t *testing.T) {
	for _, force := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "plan.xlsx")
		if err := os.WriteFile(path, []byte("the coordinator's plan"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := writeNew(path, force, func(w io.Writer) error {
			_, err := io.WriteString(w, "a new plan")
			return err
		})
		got, _ := os.ReadFile(path)
		switch {
		case force && (err != nil || string(got) != "a new plan"):
			t.Errorf("force: error %v, file %q; want it replaced", err, got)
		case !force && (err == nil || !strings.Contains(err.Error(), "already exists; use --force") || string(got) != "the coordinator's plan"):
			t.Errorf("no force: error %v, file %q; want it kept, and a message naming --force", err, got)
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
			t.Errorf("force %v: %d files in the folder, want 1", force, len(entries))
		}
	}
}
