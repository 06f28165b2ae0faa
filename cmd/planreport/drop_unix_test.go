//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDropReadOnlyFolder drops a workbook whose folder cannot be written:
// one clear sentence naming the folder, exit 1, and the folder and the
// workbook as they were. As root, who may write anywhere, the built
// program runs as the user nobody.
func TestDropReadOnlyFolder(t *testing.T) {
	sampleAbs := absSample(t)
	bin := ""
	if os.Geteuid() == 0 {
		bin = buildBinary(t)
	}
	inTempDir(t)
	dir := filepath.Join(t.TempDir(), "Read only – Plans")
	wb := copySample(t, sampleAbs, dir, "plan.xlsx")
	before, _ := os.ReadFile(wb)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	var r result
	if bin != "" {
		r = runAsNobody(t, bin, wb)
	} else {
		withConsole(t, fakeConsole(false))
		r = planreport(t, wb)
	}
	if r.code != exitFailed {
		t.Errorf("exit code %d, want %d\n%s", r.code, exitFailed, r.stderr)
	}
	want := "planreport: cannot write the reports into " + dir + ", the workbook's folder: permission denied"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if got := files(t, dir); len(got) != 1 || got[0] != "plan.xlsx" {
		t.Errorf("the folder now holds %v", got)
	}
	if after, _ := os.ReadFile(wb); !bytes.Equal(before, after) {
		t.Error("the workbook changed")
	}
}

// runAsNobody runs the program bin as the user nobody, with args; the
// folders from the temporary folder down are opened for it.
func runAsNobody(t *testing.T, bin string, args ...string) result {
	t.Helper()
	for _, p := range append([]string{bin}, args...) {
		for d := filepath.Dir(p); strings.HasPrefix(d, os.TempDir()+string(filepath.Separator)); d = filepath.Dir(d) {
			if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o500 == 0o500 {
				os.Chmod(d, info.Mode().Perm()|0o005)
			}
		}
	}
	var out, errs bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Dir(bin)
	cmd.Stdout, cmd.Stderr = &out, &errs
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running %s as nobody: %v", bin, err)
	}
	return result{code: exitCode(err), stdout: out.String(), stderr: errs.String()}
}
