package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/templates"
)

// fakeConsole is a console whose window is, or is not, the program's own.
type fakeConsole bool

func (c fakeConsole) OwnWindow() bool { return bool(c) }

// withConsole makes the process's console c for the test, and its input
// a pipe, returned to write Enter into; the pipe is empty and closed at
// the end of the test.
func withConsole(t *testing.T, c console) *os.File {
	t.Helper()
	old, oldStdin := theConsole, os.Stdin
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	theConsole, os.Stdin = c, r
	t.Cleanup(func() {
		theConsole, os.Stdin = old, oldStdin
		w.Close()
		r.Close()
	})
	return w
}

// copySample copies the sample workbook, at path sample, to dir/name,
// making dir.
func copySample(t *testing.T, sample, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var reportFiles = []string{sampleBase + ".docx", sampleBase + ".pdf"}

// TestDrop runs planreport with workbooks and no command, from a working
// folder elsewhere, as Explorer does: the reports go beside each workbook.
func TestDrop(t *testing.T) {
	sampleAbs := absSample(t)
	root := t.TempDir()
	work := inTempDir(t)
	spaces := copySample(t, sampleAbs, filepath.Join(root, "OneDrive - Council", "Plans"), "Comhairle nan Eilean Siar – Plàna 2026.xlsx")
	locked := copySample(t, sampleAbs, filepath.Join(root, "Open in Excel"), "CPC Plan.xlsx")
	os.WriteFile(filepath.Join(root, "Open in Excel", "~$CPC Plan.xlsx"), []byte("lock"), 0o644)
	twin := copySample(t, sampleAbs, filepath.Dir(spaces), "Plàna 2026 - Copy.xlsx")
	second := copySample(t, sampleAbs, filepath.Join(root, "Second"), "plan.xlsx")
	os.Mkdir(filepath.Join(root, "Broken"), 0o755)
	broken := writePlan(t, filepath.Join(root, "Broken"), "broken.xlsx", brokenPlan())
	tests := []struct {
		name      string
		args      []string
		code      int
		written   []string // folders that get the two reports
		untouched []string // folders that get none
		stderr    []string // texts stderr holds, in order
	}{
		{"spaces, a OneDrive folder and a non-ASCII name", []string{spaces}, 0,
			[]string{filepath.Dir(spaces)}, []string{work},
			[]string{"Updates!D4: warning: action 2.1", "Updates!D5: warning:", "Updates!D12: warning:"}},
		{"a workbook open in Excel, its lock file beside it", []string{locked}, 0,
			[]string{filepath.Dir(locked)}, []string{work}, []string{"note: " + locked + " is open in Excel"}},
		{"several workbooks, one with errors", []string{second, broken, spaces}, 1,
			[]string{filepath.Dir(second), filepath.Dir(spaces)}, []string{work, filepath.Dir(broken)},
			[]string{second, broken, `Actions!D2: "Independent Chair of the CPX" is not an approved lead`,
				"2 errors, 3 warnings; no report written", spaces, "2 of 3 workbooks reported; failed: " + broken}},
		{"two copies of one plan in one folder: the second would overwrite the first's report",
			[]string{spaces, twin}, 1, []string{filepath.Dir(spaces)}, nil,
			[]string{twin + " would overwrite " + filepath.Join(filepath.Dir(spaces), sampleBase), "1 of 2 workbooks reported; failed: " + twin}},
		{"a missing workbook", []string{filepath.Join(root, "gone.xlsx")}, 1, nil, []string{work},
			[]string{"planreport: ", "gone.xlsx"}},
		{"a relative path", []string{filepath.Join("..", filepath.Base(work), "here", "plan.xlsx")}, 0,
			[]string{filepath.Join("..", filepath.Base(work), "here")}, nil, nil},
		{"a folder dropped", []string{filepath.Dir(second)}, 1, nil, []string{work, filepath.Dir(second)},
			[]string{"planreport: ", filepath.Dir(second), "is a directory"}},
		{"an unknown command is still one", []string{"publish"}, 2, nil, []string{work}, []string{`unknown command "publish"`}},
		{"a misspelt command gets cobra's suggestion", []string{"genrate", sampleAbs}, 2, nil, nil,
			[]string{`unknown command "genrate"`, "Did you mean this?", "generate"}},
	}
	copySample(t, sampleAbs, filepath.Join(work, "here"), "plan.xlsx")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, d := range append(tt.written, tt.untouched...) {
				for _, f := range reportFiles {
					os.Remove(filepath.Join(d, f))
				}
			}
			withConsole(t, fakeConsole(false))
			r := planreport(t, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, d := range tt.written {
				for _, f := range reportFiles {
					if _, err := os.Stat(filepath.Join(d, f)); err != nil {
						t.Errorf("no report beside the workbook: %v\nstderr: %s", err, r.stderr)
					}
					if !strings.Contains(r.stdout, filepath.Join(d, f)+"\n") {
						t.Errorf("stdout does not name %s:\n%s", filepath.Join(d, f), r.stdout)
					}
				}
			}
			for _, d := range tt.untouched {
				for _, f := range reportFiles {
					if _, err := os.Stat(filepath.Join(d, f)); err == nil {
						t.Errorf("a report was written into %s", d)
					}
				}
			}
			inOrder(t, r.stderr, tt.stderr)
			if strings.Contains(r.stderr, "Press Enter") {
				t.Errorf("it asked for Enter in a terminal:\n%s", r.stderr)
			}
		})
	}
}

// inOrder checks that s holds each of want, in order.
func inOrder(t *testing.T, s string, want []string) {
	t.Helper()
	rest := s
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("output lacks %q (in order):\n%s", w, s)
			return
		}
		rest = rest[i+len(w):]
	}
}

// TestDropWaitsInItsOwnWindow checks that a window opened for planreport
// alone stays open, after everything is printed, until Enter is pressed;
// the help shown when it is double-clicked too.
func TestDropWaitsInItsOwnWindow(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	good := copySample(t, sampleAbs, filepath.Join(t.TempDir(), "Plans"), "plan.xlsx")
	broken := writePlan(t, t.TempDir(), "broken.xlsx", brokenPlan())
	for _, tt := range []struct {
		name string
		args []string
		code int
		last string // the last text before the prompt
	}{
		{"reports written", []string{good}, 0, "warning: action 7.1"},
		{"a workbook with errors", []string{broken}, 1, "no report written"},
		{"a missing workbook", []string{"gone.xlsx"}, 1, "gone.xlsx"},
		{"double-clicked, with no workbook", nil, 0, "Use \"planreport [command] --help\""},
		{"bad configuration", []string{good, "--config", "none.yaml"}, 2, "none.yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			enter := withConsole(t, fakeConsole(true))
			done := make(chan result)
			go func() { done <- planreport(t, tt.args...) }()
			select {
			case r := <-done:
				t.Fatalf("it ended without waiting for Enter: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			case <-time.After(300 * time.Millisecond):
			}
			enter.Write([]byte("\n"))
			r := <-done
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d\n%s", r.code, tt.code, r.stderr)
			}
			const prompt = "\nPress Enter to close this window."
			all := r.stdout + r.stderr
			if !strings.HasSuffix(r.stderr, prompt) || !strings.Contains(strings.TrimSuffix(all, prompt), tt.last) {
				t.Errorf("the prompt is not the last thing printed, after %q:\nstdout: %s\nstderr: %s", tt.last, r.stdout, r.stderr)
			}
		})
	}
}

func TestExplainWriteError(t *testing.T) {
	dir := filepath.Join("C:", "Plans")
	report := filepath.Join(dir, sampleBase+".pdf")
	other := errors.New("disk full")
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"a folder that cannot be written in", fmt.Errorf("cannot write in %s: %w", dir,
			&fs.PathError{Op: "open", Path: filepath.Join(dir, ".planreport-x.partial"), Err: fs.ErrPermission}),
			"cannot write the reports into " + dir + ", the workbook's folder: permission denied"},
		{"a report open in another program", fmt.Errorf("cannot write %s: %w", report,
			&os.LinkError{Op: "rename", Old: filepath.Join(dir, ".planreport-x.partial"), New: report, Err: fs.ErrPermission}),
			"cannot replace " + report + ": permission denied; close it if it is open in another program"},
		{"any other failure, as it is", other, "disk full"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := explainWriteError(dir, tt.err).Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want it to start %q", got, tt.want)
			}
		})
	}
}

// TestDropOtherDocuments drops what a clerk may take for the plan: the
// Word report is pointed to planreport import, a PDF is named as one and
// not sent to Excel. No report is written, and the file keeps its name's
// case in the message.
func TestDropOtherDocuments(t *testing.T) {
	work := inTempDir(t)
	dir := t.TempDir()
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	word := filepath.Join(dir, "report.docx")
	pdf := filepath.Join(dir, "report.pdf")
	os.WriteFile(word, docx.Bytes(), 0o644)
	os.WriteFile(pdf, []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), 0o644)
	for _, tt := range []struct {
		path      string
		says, not string
	}{
		{word, word + " is a Word document (.docx), not a workbook; to make a plan workbook from a Word report, run planreport import " + word, "zip archive"},
		{pdf, pdf + " is a PDF, not a workbook", "open it in Excel"},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			withConsole(t, fakeConsole(false))
			r := planreport(t, tt.path)
			if r.code != exitFailed || !strings.Contains(r.stderr, "planreport: "+tt.says) || strings.Contains(r.stderr, tt.not) {
				t.Errorf("exit %d, stderr %q; want %d and %q, without %q", r.code, r.stderr, exitFailed, tt.says, tt.not)
			}
			if got := files(t, dir); len(got) != 2 {
				t.Errorf("the folder now holds %v", got)
			}
			if got := files(t, work); len(got) != 0 {
				t.Errorf("the working folder now holds %v", got)
			}
		})
	}
}

// protect writes a copy of the workbook at src to dir/name, protected by
// password, making dir.
func protect(t *testing.T, src, dir, name, password string) string {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return path
}

// withAnswers makes the terminal answer each request for a password in
// turn, or, with none, be no terminal that can be asked; it returns the
// prompts shown.
func withAnswers(t *testing.T, answers ...string) *[]string {
	t.Helper()
	old := askPassword
	var prompts []string
	askPassword = func(w io.Writer, prompt string) (string, bool) {
		prompts = append(prompts, prompt)
		if len(answers) == 0 {
			return "", false
		}
		a := answers[0]
		answers = answers[1:]
		return a, true
	}
	t.Cleanup(func() { askPassword = old })
	return &prompts
}

// TestDropProtectedWorkbook drops a password-protected workbook, where no
// flag can be given: planreport asks for the password at the window, or
// takes it from PLANREPORT_PASSWORD, and says so when it can do neither.
func TestDropProtectedWorkbook(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	dir := filepath.Join(t.TempDir(), "Protected")
	locked := protect(t, sampleAbs, dir, "plan.xlsx", "s3cret")
	other := protect(t, sampleAbs, filepath.Join(t.TempDir(), "Other"), "other plan.xlsx", "s3cret")
	tests := []struct {
		name    string
		args    []string
		env     string   // PLANREPORT_PASSWORD
		answers []string // typed at the window
		asked   int      // prompts shown
		code    int
		stderr  []string
	}{
		{"asked at the window", []string{locked}, "", []string{"s3cret"}, 1, 0, nil},
		{"asked again after a wrong one", []string{locked}, "", []string{"guess", "s3cret"}, 2, 0,
			[]string{"that password does not open " + locked}},
		{"three wrong ones", []string{locked}, "", []string{"a", "b", "c"}, 3, 1,
			[]string{"planreport: the password given does not open " + locked}},
		{"one password asked once for two workbooks", []string{locked, other}, "", []string{"s3cret"}, 1, 0, nil},
		{"from the environment, unasked", []string{locked}, "s3cret", nil, 0, 0, nil},
		{"no window to ask in", []string{locked}, "", nil, 1, 1,
			[]string{"planreport: " + locked + " is protected by a password, and planreport cannot ask for it here: " +
				"set the environment variable PLANREPORT_PASSWORD to it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PLANREPORT_PASSWORD", tt.env)
			for _, d := range []string{filepath.Dir(locked), filepath.Dir(other)} {
				for _, f := range reportFiles {
					os.Remove(filepath.Join(d, f))
				}
			}
			withConsole(t, fakeConsole(false))
			prompts := withAnswers(t, tt.answers...)
			r := planreport(t, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, tt.code, r.stderr)
			}
			if len(*prompts) != tt.asked {
				t.Errorf("asked %d times %q, want %d", len(*prompts), *prompts, tt.asked)
			}
			for _, p := range *prompts {
				if !strings.HasPrefix(p, locked+" is protected by a password") {
					t.Errorf("prompt %q does not name the workbook", p)
				}
			}
			inOrder(t, r.stderr, tt.stderr)
			if _, err := os.Stat(filepath.Join(dir, sampleBase+".pdf")); (err == nil) != (tt.code == 0) {
				t.Errorf("report written: %v, want %v", err == nil, tt.code == 0)
			}
			if strings.Contains(r.stdout+r.stderr, "s3cret") {
				t.Error("the password is shown")
			}
		})
	}
}

// TestProtectedWorkbook checks a protected workbook from the command line:
// the message names both ways to give the password, and either opens it.
func TestProtectedWorkbook(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	locked := protect(t, sampleAbs, dir, "plan.xlsx", "s3cret")
	r := planreport(t, "validate", locked)
	want := locked + " is protected by a password; give the password with --password or in the environment variable PLANREPORT_PASSWORD"
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("validate: exit %d, %q; want 1 and %q", r.code, r.stderr, want)
	}
	if r := planreport(t, "validate", locked, "--password", "s3cret"); r.code != 0 {
		t.Errorf("validate --password: exit %d, %s", r.code, r.stderr)
	}
	t.Setenv("PLANREPORT_PASSWORD", "s3cret")
	for _, args := range [][]string{{"validate", locked}, {"roll", locked, "--date", "31/07/2020", "--name", "Year 2"}} {
		if r := planreport(t, args...); r.code != 0 {
			t.Errorf("%v with PLANREPORT_PASSWORD: exit %d, %s", args, r.code, r.stderr)
		}
	}
}

// withExecutable makes the program's own path dir/planreport for the test.
func withExecutable(t *testing.T, dir string) {
	t.Helper()
	old := executable
	executable = func() (string, error) { return filepath.Join(dir, "planreport"), nil }
	t.Cleanup(func() { executable = old })
}

// TestDropReadsConfigBesideProgram drops a workbook from a working folder
// with no planreport.yaml, as Explorer starts the program: the one beside
// the program is read, its paths taken from its folder. One in the
// working folder still comes first.
func TestDropReadsConfigBesideProgram(t *testing.T) {
	sampleAbs := absSample(t)
	work := inTempDir(t)
	program := t.TempDir()
	withExecutable(t, program)
	os.WriteFile(filepath.Join(program, "planreport.yaml"), []byte("formats: [docx]\ntemplate: ours.docx\n"), 0o644)
	os.WriteFile(filepath.Join(program, "ours.docx"), templates.ReportDOCX, 0o644)
	wb := copySample(t, sampleAbs, filepath.Join(t.TempDir(), "Plans"), "plan.xlsx")
	withConsole(t, fakeConsole(false))

	r := planreport(t, wb)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := files(t, filepath.Dir(wb)); strings.Join(got, " ") != sampleBase+".docx plan.xlsx" {
		t.Errorf("beside the workbook: %v, want it and the .docx alone, as the configuration beside the program says", got)
	}

	os.WriteFile(filepath.Join(program, "planreport.yaml"), []byte("template: missing.docx\n"), 0o644)
	if r := planreport(t, wb); r.code != 2 || !strings.Contains(r.stderr, "template: there is no file "+filepath.Join(program, "missing.docx")) {
		t.Errorf("a template beside the program: exit %d, %q; want 2 and its path from the program's folder", r.code, r.stderr)
	}

	os.WriteFile(filepath.Join(work, "planreport.yaml"), []byte("formats: [pdf]\n"), 0o644)
	if r := planreport(t, wb); r.code != 0 || !strings.Contains(r.stdout, sampleBase+".pdf") || strings.Contains(r.stdout, ".docx") {
		t.Errorf("with a planreport.yaml in the working folder: exit %d, stdout %q; want the PDF alone", r.code, r.stdout)
	}
}
