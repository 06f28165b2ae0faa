package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// TestMissingFailsUnderCI runs Missing in a test of its own, as a child
// process, and checks it fails under CI=true and skips otherwise.
func TestMissingFailsUnderCI(t *testing.T) {
	if os.Getenv("TESTTOOL_CHILD") == "1" {
		Font(t, "/no/such/font.ttf", "fonts-none")
		return
	}
	for _, tt := range []struct {
		ci       string
		wantFail bool
	}{{"true", true}, {"", false}} {
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "-test.run=^TestMissingFailsUnderCI$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTTOOL_CHILD=1", "CI="+tt.ci)
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tt.wantFail {
			t.Errorf("CI=%q: failed %v, want %v\n%s", tt.ci, failed, tt.wantFail, out)
		}
	}
}
