// Package testtool is what the integration tests share: finding the
// external programs and fonts they use (pdftotext, qpdf, LibreOffice,
// pandoc, Java, mailpit; the DejaVu and Liberation fonts). On a
// developer's machine a test whose program or font is missing says plainly
// that it was skipped; under CI (CI=true), where .ci/run installs them
// all, it fails instead, so that a missing program can never pass for a
// pass.
package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Missing skips the test, or fails it under CI, because what it needs is
// not there; hint says how to get it.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI=true requires it (%s)", what, hint)
	}
	t.Skipf("skipped: %s is not installed (%s)", what, hint)
}

// packages names the Debian package of each program.
var packages = map[string]string{
	"pdftotext": "poppler-utils",
	"pdffonts":  "poppler-utils",
	"pdfinfo":   "poppler-utils",
	"pdftoppm":  "poppler-utils",
	"qpdf":      "qpdf",
	"soffice":   "libreoffice-writer-nogui",
	"python3":   "python3",
	"pandoc":    "pandoc",
	"java":      "default-jdk-headless", // a JDK: java runs a .java file as it is
}

// Need returns the path of each program, or calls Missing.
func Need(t testing.TB, programs ...string) []string {
	t.Helper()
	paths := make([]string, len(programs))
	for i, p := range programs {
		path, err := exec.LookPath(p)
		if err != nil {
			Missing(t, p, "apt-get install "+packages[p])
		}
		paths[i] = path
	}
	return paths
}

// PDFPages is the text of each page of the PDF file at path, read back by
// pdftotext with args (e.g. "-raw" or "-layout").
func PDFPages(t testing.TB, path string, args ...string) []string {
	t.Helper()
	Need(t, "pdftotext")
	// A program that exits 0 without writing (LibreOffice does) is caught here.
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no PDF to read: %v", err)
	}
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8", path), "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

// Golden returns the golden file at path, after writing got into it when
// update is set (the tests' -update flag).
func Golden(t testing.TB, path string, got []byte, update bool) []byte {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	return want
}

// Run runs a program the test needs (see Need) and returns its standard
// output, failing the test when it fails or writes to its standard error.
func Run(t testing.TB, program string, args ...string) string {
	t.Helper()
	Need(t, program)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(program, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("%s %s: %v\n%s%s", program, strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	return stdout.String()
}

// TempFile writes data to a file called name in the test's temporary
// folder and returns its path.
func TempFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Font reads the font file at path, or calls Missing; pkg is the Debian
// package that installs it (fonts-dejavu-core, fonts-liberation2).
func Font(t testing.TB, path, pkg string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		Missing(t, "the font "+filepath.Base(path), "apt-get install "+pkg)
	}
	return data
}
