package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/sample"
)

// buildBinary builds planreport for tests that run it as a process.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "planreport")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// biggerSample is the sample plan with n actions: the same title and
// report dates, so its report has the sample report's file names.
func biggerSample(n int) *plan.Plan {
	p := sample.Plan()
	base, updates := p.Actions, p.Updates
	p.Actions, p.Updates = nil, nil
	for i := range n {
		a := base[i%len(base)]
		a.No = fmt.Sprintf("%s.%d", a.Outcome, 100+i)
		p.Actions = append(p.Actions, a)
		for _, u := range updates {
			if u.Action == base[i%len(base)].No {
				u.Action = a.No
				p.Updates = append(p.Updates, u)
			}
		}
	}
	return p
}

// TestStoppedMidway stops generate at several moments while it writes a
// large report over an old one, and checks that each report file is either
// the old one or the whole new one, and that nothing partial is left: a
// terminated process removes its temporary files, and the temporary files a
// killed one leaves are hidden and removed by the next run.
func TestStoppedMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and renders a large plan")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	big := writePlan(t, dir, "big.xlsx", biggerSample(3000))
	out := filepath.Join(dir, "out")
	names := []string{sampleBase + ".docx", sampleBase + ".html", sampleBase + ".pdf"}

	runTo := func(folder, workbook string) {
		t.Helper()
		if out, err := exec.Command(bin, "generate", workbook, "--out", folder).CombinedOutput(); err != nil {
			t.Fatalf("generate %s: %v\n%s", workbook, err, out)
		}
	}
	read := func(folder string) map[string][]byte {
		m := map[string][]byte{}
		for _, n := range names {
			m[n], _ = os.ReadFile(filepath.Join(folder, n))
		}
		return m
	}
	newDir := filepath.Join(dir, "new")
	runTo(newDir, big)
	whole := read(newDir)

	for _, tt := range []struct {
		sig   syscall.Signal
		after time.Duration
	}{
		{syscall.SIGTERM, 200 * time.Millisecond}, {syscall.SIGTERM, 400 * time.Millisecond},
		{syscall.SIGTERM, 900 * time.Millisecond}, {syscall.SIGINT, 700 * time.Millisecond},
		{syscall.SIGKILL, 300 * time.Millisecond}, {syscall.SIGKILL, 800 * time.Millisecond},
	} {
		t.Run(fmt.Sprintf("%v after %v", tt.sig, tt.after), func(t *testing.T) {
			os.RemoveAll(out)
			runTo(out, absSample(t))
			old := read(out)
			cmd := exec.Command(bin, "generate", big, "--out", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(tt.after)
			cmd.Process.Signal(tt.sig)
			err := cmd.Wait()
			if err == nil {
				t.Logf("generate ended before the signal")
			}
			for name, data := range read(out) {
				if !bytes.Equal(data, old[name]) && !bytes.Equal(data, whole[name]) {
					t.Errorf("%s is neither the old report nor the whole new one (%d bytes)", name, len(data))
				}
			}
			leftovers := extraFiles(t, out, names)
			if tt.sig != syscall.SIGKILL && len(leftovers) > 0 {
				t.Errorf("after %v the output folder also holds %v", tt.sig, leftovers)
			}
			runTo(out, absSample(t))
			if extra := extraFiles(t, out, names); len(extra) > 0 {
				t.Errorf("the next run left %v behind", extra)
			}
			if code := exitCode(err); err != nil && code != exitFailed && tt.sig != syscall.SIGKILL {
				t.Errorf("exit code %d after %v, want %d; stderr %q", code, tt.sig, exitFailed, stderr.String())
			}
		})
	}
}

// extraFiles lists the files in dir other than the report files.
func extraFiles(t *testing.T, dir string, names []string) []string {
	var extra []string
	for _, f := range files(t, dir) {
		if !strings.HasPrefix(f, sampleBase) || !slices.Contains(names, f) {
			extra = append(extra, f)
		}
	}
	return extra
}

func exitCode(err error) int {
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	return 0
}
