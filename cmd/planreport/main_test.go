package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/testtool"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/templates"
)

// sampleWorkbook is the workbook make run reads.
const sampleWorkbook = "../../inputs/cpc-improvement-plan.xlsx"

// sampleBase is the name of the sample's report files.
const sampleBase = "cpc-improvement-plan-2018-2020_2019-07-31"

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// planreport runs the command line in-process, in a working folder of the
// test's own so that no planreport.yaml is picked up by chance.
func planreport(t *testing.T, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return result{code: code, stdout: out.String(), stderr: errs.String()}
}

// inTempDir moves the test into a fresh working folder.
func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// writePlan writes p as a workbook in dir and returns its path.
func writePlan(t testing.TB, dir, name string, p *plan.Plan) string {
	t.Helper()
	path := filepath.Join(dir, name)
	err := atomicfile.Write(path, func(w io.Writer) error {
		return planbook.Write(w, p, planbook.WriteOptions{Scale: rag.Default()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// absSample is the sample workbook's path from any working folder.
func absSample(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs(sampleWorkbook)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// brokenPlan is the sample with one unknown lead and one bad RAG.
func brokenPlan() *plan.Plan {
	p := sample.Plan()
	p.Actions[0].Leads = []string{"Independent Chair of the CPX"}
	p.Updates[1].RAG = "Purple"
	return p
}

func TestValidate(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	broken := writePlan(t, dir, "broken.xlsx", brokenPlan())
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy"), 0o644)
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string // lines that must be printed, in order
		stderrLike string   // a pattern stderr must match
	}{
		{"the sample is valid, with its three warnings", []string{"validate", sampleAbs}, 0,
			[]string{"Updates!D4: warning: action 2.1", "Updates!D5: warning: action 2.2", "Updates!D12: warning: action 7.1"},
			`0 errors, 3 warnings`},
		{"errors come first and name their cells", []string{"validate", broken}, 1,
			[]string{`Actions!D2: "Independent Chair of the CPX" is not an approved lead; did you mean "Independent Chair of the CPC"?`,
				`Updates!D3: `, `Updates!D4: warning:`},
			`2 errors, 3 warnings`},
		{"a legacy .xls gets one sentence", []string{"validate", xls}, 1, nil, `(?i)planreport: .*save it as \.xlsx`},
		{"a missing file gets one sentence", []string{"validate", "nope.xlsx"}, 1, nil, `planreport: .*nope\.xlsx`},
		{"a bad --as-of is bad usage", []string{"validate", sampleAbs, "--as-of", "31/02/2019"}, 2, nil, `--as-of`},
		{"an unknown flag is bad usage", []string{"validate", "--colour"}, 2, nil, `unknown flag`},
		{"an unknown command is bad usage", []string{"publish"}, 2, nil, `unknown command`},
		{"two workbooks are bad usage", []string{"validate", "a.xlsx", "b.xlsx"}, 2, nil, `accepts at most 1 arg`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := planreport(t, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			rest := r.stdout
			for _, want := range tt.stdout {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("stdout lacks %q (in order):\n%s", want, r.stdout)
				}
				rest = rest[i+len(want):]
			}
			if !regexp.MustCompile(tt.stderrLike).MatchString(r.stderr) {
				t.Errorf("stderr %q does not match %q", r.stderr, tt.stderrLike)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr shows a crash:\n%s", r.stderr)
			}
		})
	}
}

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestGenerate(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	broken := writePlan(t, dir, "broken.xlsx", brokenPlan())
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		files  []string // in the output folder afterwards
		stderr string   // a text stderr holds
	}{
		{"the three formats by default", nil, []string{"generate", sampleAbs}, 0,
			[]string{sampleBase + ".docx", sampleBase + ".html", sampleBase + ".pdf"}, ""},
		{"--format pdf", nil, []string{"generate", sampleAbs, "--format", "pdf"}, 0, []string{sampleBase + ".pdf"}, ""},
		{"an environment variable sets the formats", map[string]string{"PLANREPORT_FORMATS": "docx"},
			[]string{"generate", sampleAbs}, 0, []string{sampleBase + ".docx"}, ""},
		{"the flag wins over the environment", map[string]string{"PLANREPORT_FORMATS": "docx"},
			[]string{"generate", sampleAbs, "--format", "pdf"}, 0, []string{sampleBase + ".pdf"}, ""},
		{"--as-of the publication date", nil, []string{"generate", sampleAbs, "--as-of", "3 October 2018", "--format", "pdf"}, 0,
			[]string{"cpc-improvement-plan-2018-2020_2018-10-03.pdf"}, ""},
		{"--as-of a day with no report point", nil, []string{"generate", sampleAbs, "--as-of", "2019-08-01"}, 1, nil,
			"there is no report point on 01/08/2019, the date asked for; the report points are 03/10/2018 (Publication Date) and 31/07/2019 (Year 1 Progress / Update Report)"},
		{"a workbook with errors writes nothing", nil, []string{"generate", broken}, 1, nil, "2 errors, 3 warnings; no report written\n"},
		{"--strict stops on the sample's warnings", nil, []string{"generate", sampleAbs, "--strict"}, 1, nil,
			"0 errors, 3 warnings; no report written: strict is on (--strict or the strict setting), so warnings stop it as errors do\n"},
		{"the strict setting stops on the sample's warnings", map[string]string{"PLANREPORT_STRICT": "true"}, []string{"generate", sampleAbs}, 1, nil,
			"no report written: strict is on"},
		{"an unknown format is bad configuration", nil, []string{"generate", sampleAbs, "--format", "odt"}, 2, nil, ""},
		{"a missing template is bad configuration", nil, []string{"generate", sampleAbs, "--template", "none.docx"}, 2, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			out := t.TempDir()
			r := planreport(t, append(tt.args, "--out", out)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s\nwant stderr to hold %q", r.code, tt.code, r.stdout, r.stderr, tt.stderr)
			}
			got := files(t, out)
			if strings.Join(got, " ") != strings.Join(tt.files, " ") {
				t.Errorf("output folder holds %v, want %v", got, tt.files)
			}
			var printed []string
			for _, f := range tt.files {
				printed = append(printed, filepath.Join(out, f))
			}
			if want := strings.Join(printed, "\n"); strings.TrimSpace(r.stdout) != strings.TrimSpace(sortedLines(want, r.stdout)) {
				t.Errorf("stdout %q, want the paths written %q", r.stdout, want)
			}
		})
	}
}

// sortedLines returns want's lines in the order they appear in got, so that
// the comparison does not depend on the order of formats.
func sortedLines(want, got string) string {
	lines := strings.Split(want, "\n")
	for i := 0; i < len(lines); i++ {
		for j := i + 1; j < len(lines); j++ {
			if strings.Index(got, lines[j]) < strings.Index(got, lines[i]) {
				lines[i], lines[j] = lines[j], lines[i]
			}
		}
	}
	return strings.Join(lines, "\n")
}

func TestGenerateIsDeterministic(t *testing.T) {
	sampleAbs := absSample(t)
	inTempDir(t)
	var first map[string][]byte
	for i := range 2 {
		out := t.TempDir()
		if r := planreport(t, "generate", sampleAbs, "--out", out); r.code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, r.code, r.stderr)
		}
		got := map[string][]byte{}
		for _, f := range files(t, out) {
			got[f], _ = os.ReadFile(filepath.Join(out, f))
		}
		if first == nil {
			first = got
			continue
		}
		for name, data := range got {
			if !bytes.Equal(data, first[name]) {
				t.Errorf("%s differs between two runs", name)
			}
		}
	}
}

func TestGenerateLeavesInputAlone(t *testing.T) {
	dir := inTempDir(t)
	src := writePlan(t, dir, "plan.xlsx", sample.Plan())
	before, _ := os.ReadFile(src)
	info, _ := os.Stat(src)
	if r := planreport(t, "generate", src, "--out", filepath.Join(dir, "out")); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	after, _ := os.ReadFile(src)
	info2, _ := os.Stat(src)
	if !bytes.Equal(before, after) || !info.ModTime().Equal(info2.ModTime()) {
		t.Error("generate changed its input workbook")
	}
}

func TestGenerateMany(t *testing.T) {
	dir := inTempDir(t)
	good := writePlan(t, dir, "good.xlsx", sample.Plan())
	other := sample.Plan()
	other.Title = "Another Plan"
	second := writePlan(t, dir, "second.xlsx", other)
	broken := writePlan(t, dir, "broken.xlsx", brokenPlan())
	twin := writePlan(t, dir, "twin.xlsx", sample.Plan())
	out := filepath.Join(dir, "out")

	r := planreport(t, "generate", good, broken, second, "--out", out, "--format", "pdf")
	if r.code != 1 {
		t.Fatalf("exit %d with one bad workbook of three, want 1\n%s", r.code, r.stderr)
	}
	want := []string{"another-plan_2019-07-31.pdf", sampleBase + ".pdf"}
	if got := files(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("output folder holds %v, want %v", got, want)
	}
	for _, s := range []string{broken + `: Actions!D2: "Independent Chair of the CPX"`, "/3] " + good + ": reported\n",
		"/3] " + broken + ": failed\n", "2 of 3 workbooks reported; failed: " + broken} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}

	r = planreport(t, "generate", good, twin, "--out", filepath.Join(dir, "out2"), "--format", "pdf")
	if r.code != 1 || !strings.Contains(r.stderr, "would overwrite") {
		t.Errorf("two workbooks of one plan: exit %d, stderr %q; want 1 and a clash named", r.code, r.stderr)
	}
}

func TestConfiguration(t *testing.T) {
	sampleAbs := absSample(t)
	example, err := filepath.Abs("../../templates/planreport.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := inTempDir(t)
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o644)
		return path
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"the commented example is valid", []string{"--config", example}, 0, ""},
		{"an unknown key is named", []string{"--config", write("unknown.yaml", "page:\n  colour: blue\n")}, 2, "page.colour"},
		{"a bad page size is named", []string{"--config", write("size.yaml", "page:\n  size: B5\n")}, 2, "page.size"},
		{"a bad RAG colour is named", []string{"--config", write("rag.yaml", "rag:\n  - {code: R, name: Red, colour: red}\n")}, 2, "rag[0].colour"},
		{"a missing file is named", []string{"--config", filepath.Join(dir, "none.yaml")}, 2, "none.yaml"},
		{"unreadable YAML is named", []string{"--config", write("bad.yaml", "page: [\n")}, 2, "bad.yaml"},
		{"a Blue scale reads the sample", []string{"--config", write("blue.yaml",
			"rag:\n  - {code: R, name: Red, colour: '#C00000', attention: true}\n  - {code: A, name: Amber, colour: '#FFC000', attention: true}\n"+
				"  - {code: G, name: Green, colour: '#00B050'}\n  - {code: B, name: Blue, colour: '#0070C0', complete: true}\n")}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := planreport(t, append([]string{"validate", sampleAbs}, tt.args...)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
		})
	}
}

func TestConfigFileInWorkingFolder(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	os.WriteFile(filepath.Join(dir, "planreport.yaml"), []byte("formats: [docx]\noutput: reports\n"), 0o644)
	// The binary itself, beside its configuration, is not configuration.
	os.WriteFile(filepath.Join(dir, "planreport"), []byte("\x7fELF\x00\x01"), 0o755)
	if r := planreport(t, "generate", sampleAbs); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := files(t, filepath.Join(dir, "reports")); len(got) != 1 || got[0] != sampleBase+".docx" {
		t.Errorf("reports/ holds %v, want the .docx only", got)
	}
}

func TestInit(t *testing.T) {
	dir := inTempDir(t)
	path := filepath.Join(dir, "new.xlsx")
	steps := []struct {
		name string
		args []string
		code int
	}{
		{"a new workbook", []string{"init", path, "--title", "Our Plan 2026 – 2028", "--published", "01/04/2026"}, 0},
		{"never over an existing file", []string{"init", path}, 1},
		{"over it with --force", []string{"init", path, "--force", "--title", "Our Plan 2026 – 2028", "--published", "2026-04-01"}, 0},
		{"it validates once title and date are in", []string{"validate", path}, 0},
		{"a bad --published is bad usage", []string{"init", filepath.Join(dir, "x.xlsx"), "--published", "soon"}, 2},
	}
	for _, s := range steps {
		r := planreport(t, s.args...)
		if r.code != s.code {
			t.Fatalf("%s: exit %d, want %d\n%s%s", s.name, r.code, s.code, r.stdout, r.stderr)
		}
	}
	p, problems, err := workbook.ReadFile(path, workbook.Options{Scale: rag.Default()})
	if err != nil || problems.HasErrors() {
		t.Fatalf("reading the new workbook: %v %v", err, problems)
	}
	if p.Title != "Our Plan 2026 – 2028" || !p.FirstPublished.Equal(plan.Date(2026, 4, 1)) {
		t.Errorf("new workbook holds title %q published %v", p.Title, p.FirstPublished)
	}
}

// TestInitBlankPlan checks what validate says of the workbook init writes
// with no title or date: each blank field by its name, and that there are
// no actions yet.
func TestInitBlankPlan(t *testing.T) {
	path := filepath.Join(inTempDir(t), "blank.xlsx")
	if r := planreport(t, "init", path); r.code != 0 {
		t.Fatalf("init: exit %d: %s", r.code, r.stderr)
	}
	r := planreport(t, "validate", path)
	want := "Plan!B2: the Title is blank\nPlan!B5: the First Published date is blank\n" +
		"Actions: warning: the plan has no actions; add a row for each action / task"
	if r.code != exitFailed || !strings.HasPrefix(r.stdout, want) {
		t.Errorf("validate: exit %d, stdout\n%s\nwant %d and\n%s", r.code, r.stdout, exitFailed, want)
	}
}

func TestTemplateAndFonts(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		return path
	}
	noActions := write("no-actions.docx", withoutPlaceholder(t, "{{actions}}"))
	garbage := write("garbage.ttf", []byte("not a font at all"))
	text := write("notes.docx", []byte("not a Word document"))
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()
	workbookAsTemplate := write("workbook.docx", zipped.Bytes())
	missing := filepath.Join(dir, "none.docx")
	// Every template or font that cannot be used is bad configuration
	// (exit 2), named by its setting and its file, with no renderer's words
	// ("Word template", "pdf report") around it.
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stderr string
	}{
		{"the default template, copied", []string{"--template", write("copy.docx", templates.ReportDOCX)}, nil, 0, ""},
		{"a template without {{actions}}", []string{"--template", noActions}, nil, 2,
			"planreport: template " + noActions + ": placeholder {{actions}} in word/document.xml is missing\n"},
		{"a template that is no zip", []string{"--template", text}, nil, 2,
			"planreport: template " + text + " is not a Word document (.docx)"},
		{"a template that is a zip but no Word document", []string{"--template", workbookAsTemplate}, nil, 2,
			"planreport: template " + workbookAsTemplate + " is not a Word document (.docx): it has no word/document.xml\n"},
		{"a template that is missing", []string{"--template", missing}, nil, 2, "planreport: template: there is no file " + missing + "\n"},
		{"a file that is no font", []string{"--format", "pdf"}, map[string]string{"PLANREPORT_FONTS_REGULAR": garbage}, 2,
			"planreport: fonts.regular " + garbage + " cannot be used: not a TrueType font"},
		{"a fallback that is no font", []string{"--format", "pdf"}, map[string]string{"PLANREPORT_FONTS_FALLBACK": garbage}, 2,
			"planreport: fonts.fallback[0] " + garbage + " cannot be used: not a TrueType font"},
		{"a font file that is missing", []string{"--format", "pdf"}, map[string]string{"PLANREPORT_FONTS_BOLD": filepath.Join(dir, "none.ttf")}, 2,
			"planreport: fonts.bold: there is no file " + filepath.Join(dir, "none.ttf") + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := planreport(t, append([]string{"generate", sampleAbs, "--out", t.TempDir()}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			for _, s := range []string{"Word template", "pdf report"} {
				if strings.Contains(r.stderr, s) {
					t.Errorf("stderr %q says %q", r.stderr, s)
				}
			}
		})
	}
}

// withoutPlaceholder is the default template with one placeholder removed.
func withoutPlaceholder(t *testing.T, placeholder string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(templates.ReportDOCX), int64(len(templates.ReportDOCX)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/document.xml" {
			data = bytes.ReplaceAll(data, []byte(placeholder), nil)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// TestInitFillGenerate is the coordinator's first day: init a workbook,
// fill it in (here by code, in the canonical columns), validate it and
// generate its report.
func TestInitFillGenerate(t *testing.T) {
	dir := inTempDir(t)
	path := filepath.Join(dir, "plan.xlsx")
	if r := planreport(t, "init", path, "--title", "Our Plan 2026 – 2028", "--published", "01/04/2026"); r.code != 0 {
		t.Fatalf("init: exit %d: %s", r.code, r.stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][][]any{
		"Reports":  {{"31/03/2027", "Year 1 Progress / Update Report"}},
		"Outcomes": {{"How good is our leadership?", "1", "Leaders are visible"}},
		"Leads":    {{"Chief Officer"}},
		"Actions":  {{"1.1", "", "Hold open sessions with staff", "Chief Officer", "By 30 June 2027"}},
		"Updates":  {{"1.1", "31/03/2027", "Two sessions held; more planned", "Green"}},
	}
	for sheet, values := range rows {
		next := 2
		existing, _ := f.GetRows(sheet)
		if len(existing) >= next {
			next = len(existing) + 1
		}
		for i, row := range values {
			cell, _ := excelize.CoordinatesToCellName(1, next+i)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if r := planreport(t, "validate", path); r.code != 0 || r.stdout != "" {
		t.Fatalf("validate the filled workbook: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(dir, "out")
	r := planreport(t, "generate", path, "--out", out, "--format", "pdf")
	if r.code != 0 {
		t.Fatalf("generate: exit %d: %s", r.code, r.stderr)
	}
	text := pdfLayoutText(t, filepath.Join(out, "our-plan-2026-2028_2027-03-31.pdf"))
	for _, want := range []string{"Our Plan 2026 – 2028", "1.1: Hold open sessions with staff", "Two sessions held", "Chief Officer"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestWorkbookOpenInExcel: a workbook still open in Excel (its ~$ lock file
// beside it) is read as last saved, with a note saying so; the lock file
// itself is no workbook.
func TestWorkbookOpenInExcel(t *testing.T) {
	dir := inTempDir(t)
	tests := []struct{ name, workbook, lock string }{
		{"the whole name", "plan.xlsx", "~$plan.xlsx"},
		{"a long name, its first two letters replaced", "improvement-plan.xlsx", "~$provement-plan.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writePlan(t, dir, tt.workbook, sample.Plan())
			lock := filepath.Join(dir, tt.lock)
			os.WriteFile(lock, []byte("\x0bcoordinator"), 0o644)
			r := planreport(t, "generate", path, "--out", t.TempDir(), "--format", "pdf")
			if r.code != 0 || !strings.Contains(r.stderr, "is open in Excel") {
				t.Errorf("exit %d, stderr %q; want 0 and a note that it is open", r.code, r.stderr)
			}
			r = planreport(t, "validate", lock)
			if r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("validate the lock file: exit %d, stderr %q; want 1 and one sentence", r.code, r.stderr)
			}
		})
	}
}

// TestUnprintableCharacter checks that characters no font has are
// warned of in one line for their cell, in validate's form, by generate and
// by validate alike; that the report is still written; and that a fallback
// font that has them (fonts.fallback) prints them instead.
func TestUnprintableCharacter(t *testing.T) {
	dir := inTempDir(t)
	p := sample.Plan()
	p.Updates[len(p.Updates)-1].Text += "; नमस्ते"
	path := writePlan(t, dir, "plan.xlsx", p)
	cell := "Updates!C" + strconv.Itoa(len(p.Updates)+1) // the header is row 1
	want := cell + ": warning: 4 characters (नमस्ते, Devanagari) are in no font planreport has; they print as \uFFFD (fonts.fallback adds one)\n"
	r := planreport(t, "generate", path, "--format", "pdf", "--out", dir)
	if r.code != 0 || strings.Count(r.stderr, want) != 1 || strings.Count(r.stderr, "no font") != 1 || !strings.HasSuffix(strings.TrimSpace(r.stdout), ".pdf") {
		t.Errorf("generate: exit %d, stdout %q, stderr %q; want 0, the PDF, and one warning line %q", r.code, r.stdout, r.stderr, want)
	}
	r = planreport(t, "validate", path)
	if r.code != 0 || strings.Count(r.stdout, want) != 1 || strings.Count(r.stdout, "no font") != 1 || !strings.Contains(r.stderr, "0 errors, 4 warnings") {
		t.Errorf("validate: exit %d, stdout %q, stderr %q; want 0, the warning line %q and 4 warnings counted", r.code, r.stdout, r.stderr, want)
	}
	const lohit = "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"
	if _, err := os.Stat(lohit); err != nil {
		testtool.Missing(t, "the Lohit Devanagari font", "apt-get install fonts-lohit-deva")
	}
	t.Setenv("PLANREPORT_FONTS_FALLBACK", lohit)
	r = planreport(t, "generate", path, "--format", "pdf", "--out", dir)
	if r.code != 0 || strings.Contains(r.stderr, "no font") {
		t.Errorf("with a fallback font: exit %d, stderr %q; want 0 and no warning", r.code, r.stderr)
	}
	r = planreport(t, "validate", path)
	if r.code != 0 || strings.Contains(r.stdout, "no font") || !strings.Contains(r.stderr, "0 errors, 3 warnings") {
		t.Errorf("validate with a fallback font: exit %d, stdout %q, stderr %q; want 0 and no warning of fonts", r.code, r.stdout, r.stderr)
	}
}
