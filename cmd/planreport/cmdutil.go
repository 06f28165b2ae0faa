package main

// The plumbing every command shares: the flags and the job of a command
// that reads a workbook, how its problems and outcome are printed, the
// exit code a failure gets, the Word template and fonts read for the
// renderers, and the refusal to overwrite a file.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/pdfdoc"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
)

// addReadFlags adds the flags every command that reads a workbook has.
func addReadFlags(cmd *cobra.Command) {
	cmd.Flags().String("as-of", "", "the report point, as a date (default: the latest)")
	cmd.Flags().String("password", "", "the password of a protected workbook (or $"+passwordEnv+")")
}

// newJob gathers a command's configuration, workbook and report point.
func newJob(cmd *cobra.Command, args []string) (generate.Job, error) {
	c, err := loadConfig(cmd)
	if err != nil {
		return generate.Job{}, usage(err)
	}
	job := generate.Job{Workbook: c.Workbook, Config: c}
	if len(args) > 0 {
		job.Workbook = args[0]
	}
	if job.Workbook == "" && cmd.HasParent() {
		return job, usage(fmt.Errorf("no workbook named: give one, as in %s PLAN.xlsx, or set workbook in planreport.yaml", cmd.CommandPath()))
	}
	job.Password = password(cmd)
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		secs, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return job, usage(fmt.Errorf("SOURCE_DATE_EPOCH: %q is not a number of seconds", s))
		}
		job.Modified = time.Unix(secs, 0).UTC()
	}
	if s, _ := cmd.Flags().GetString("as-of"); s != "" {
		d, err := schema.ParseDate(s, c.Dates.MonthFirst)
		if err != nil {
			return job, usage(fmt.Errorf("--as-of: %w", err))
		}
		job.AsOf = d
	}
	return job, nil
}

// passwordEnv is the environment variable that holds a protected
// workbook's password when --password does not: the way to give one to a
// workbook dragged onto the program, where no flag can be given.
const passwordEnv = "PLANREPORT_PASSWORD"

// password is the password of a protected workbook: --password, or else
// $PLANREPORT_PASSWORD.
func password(cmd *cobra.Command) string {
	if pw, _ := cmd.Flags().GetString("password"); pw != "" {
		return pw
	}
	return os.Getenv(passwordEnv)
}

// printProblems writes one problem a line, errors first, then warnings,
// each as "Sheet!Cell: message" after prefix; a warning's message starts
// "warning: ".
func printProblems(w io.Writer, prefix string, problems workbook.Problems) {
	for _, p := range problems {
		if p.Severity == workbook.Warning {
			p.Msg = "warning: " + p.Msg
		}
		fmt.Fprintln(w, prefix+p.Error())
	}
}

// problemCount is the line that ends a workbook's problems: how many
// errors and warnings, with more warnings besides the problems (the PDF's,
// of characters no font has).
func problemCount(path string, problems workbook.Problems, more int) string {
	errs, warns := 0, more
	for _, p := range problems {
		if p.Severity == workbook.Error {
			errs++
		} else {
			warns++
		}
	}
	return fmt.Sprintf("%s: %s, %s", path, plural(errs, "error"), plural(warns, "warning"))
}

// refusal is the line that ends the problems of a workbook the command
// would not use: the count, what was not done, and, when there are only
// warnings, that the strict setting is why.
func refusal(path string, problems workbook.Problems, notDone string) string {
	s := problemCount(path, problems, 0) + "; " + notDone
	if !problems.HasErrors() {
		s += ": strict is on (--strict or the strict setting), so warnings stop it as errors do"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// noteIfOpen tells the clerk when the workbook is open in Excel, which
// keeps a lock file "~$name" (or, for a long name, "~$" and all but its
// first two letters) beside it: the report then holds the last saved
// version, without the changes still on the coordinator's screen.
func noteIfOpen(w io.Writer, path string) {
	dir, name := filepath.Split(path)
	if strings.HasPrefix(name, "~$") { // the lock file itself, which the reader refuses
		return
	}
	locks := []string{"~$" + name}
	if len(name) > 2 {
		locks = append(locks, "~$"+name[2:])
	}
	for _, lock := range locks {
		if _, err := os.Stat(filepath.Join(dir, lock)); err == nil {
			fmt.Fprintf(w, "note: %s is open in Excel (%s beside it); changes not yet saved there are not read\n", path, lock)
			return
		}
	}
}

// reportOutcome prints what one job found and wrote: a note when the
// workbook is open in Excel, its problems (after prefix), and the paths
// written on stdout, or why nothing was. It returns the error the command
// exits with, nil when the job succeeded.
func reportOutcome(cmd *cobra.Command, prefix string, job generate.Job, res generate.Result, err error) error {
	path := job.Workbook
	stderr := cmd.ErrOrStderr()
	noteIfOpen(stderr, path)
	printProblems(stderr, prefix, res.Problems)
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, prefix+w)
	}
	if errors.Is(err, workbook.ErrInvalid) {
		fmt.Fprintln(stderr, refusal(path, res.Problems, "no report written"))
		return failed(errSilent)
	}
	if err != nil {
		return jobFailed(nameSetting(job.Config, err))
	}
	for _, f := range res.Files {
		fmt.Fprintln(cmd.OutOrStdout(), f)
	}
	return nil
}

// jobFailed chooses the exit code of a failed job: a template or font that
// cannot be used is bad configuration; anything else, and a stop, a
// failure.
func jobFailed(err error) error {
	switch {
	case errors.Is(err, generate.ErrSetting):
		return usage(err)
	case errors.Is(err, context.Canceled):
		return failed(errStopped)
	}
	return failed(err)
}

// errStopped is the message of a run stopped by a signal.
var errStopped = errors.New("stopped; every report file is either the one there before or the whole new one")

// readRenderFiles reads the Word template and the PDF fonts the
// configuration names, and checks that each is what it should be: a file
// that cannot be used is bad configuration, named by its setting and its
// path, before anything is read or written.
func readRenderFiles(job *generate.Job) error {
	c := job.Config
	type file struct {
		key, path string
		into      *[]byte
		check     func([]byte) error
	}
	files := []file{
		{"template", c.Template, &job.Template, checkTemplate},
		{"fonts.regular", c.Fonts.Regular, &job.Fonts.Regular, checkFont},
		{"fonts.bold", c.Fonts.Bold, &job.Fonts.Bold, checkFont},
		{"fonts.italic", c.Fonts.Italic, &job.Fonts.Italic, checkFont},
	}
	if n := len(c.Fonts.Fallback); n > 0 {
		job.Fonts.Fallback = make([][]byte, n)
	}
	for i, path := range c.Fonts.Fallback {
		files = append(files, file{fmt.Sprintf("fonts.fallback[%d]", i), path, &job.Fonts.Fallback[i], checkFont})
	}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		data, err := os.ReadFile(f.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return usage(fmt.Errorf("%s: there is no file %s", f.key, f.path))
		case err != nil:
			return usage(fmt.Errorf("%s: %w", f.key, err))
		}
		if err := f.check(data); err != nil {
			return usage(fmt.Errorf("%s %s %w", f.key, f.path, err))
		}
		*f.into = data
	}
	return nil
}

// checkTemplate says why a Word template is not a .docx, as the Word
// renderer would find (docxreport.CheckTemplate).
func checkTemplate(data []byte) error {
	if err := docxreport.CheckTemplate(data); err != nil {
		return fmt.Errorf("is %w", err)
	}
	return nil
}

// checkFont says why a font file cannot be used, as the PDF renderer would
// find.
func checkFont(data []byte) error {
	if _, err := pdfdoc.ParseFont(data); err != nil {
		return fmt.Errorf("cannot be used: %w", err)
	}
	return nil
}

// nameSetting words a render error caused by the Word template with the
// template's setting and file, as readRenderFiles words the others.
func nameSetting(c config.Config, err error) error {
	var te *docxreport.TemplateError
	if !errors.As(err, &te) {
		return err
	}
	return &settingError{msg: fmt.Sprintf("template %s: placeholder %s in %s %v", c.Template, te.Placeholder, te.Part, te.Err), err: err}
}

// settingError is a render error, still matched as it was, in the words of
// the configuration.
type settingError struct {
	msg string
	err error
}

func (e *settingError) Error() string { return e.msg }
func (e *settingError) Unwrap() error { return e.err }

// refuseOverwrite fails when path exists and force is not given: checked
// before the work, so that the clerk hears it first. writeNew checks again
// as it writes.
func refuseOverwrite(path string, force bool) error {
	_, err := os.Stat(path)
	switch {
	case err == nil && !force:
		return failed(existsError(path))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return failed(err)
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s already exists; use --force to overwrite it", path)
}

// writeNew writes path atomically with what write writes: over a file
// already there only with force, and otherwise not even over one that
// appeared since refuseOverwrite looked.
func writeNew(path string, force bool, write func(io.Writer) error) error {
	err := atomicfile.WriteWith(path, atomicfile.Options{NoReplace: !force}, write)
	switch {
	case errors.Is(err, fs.ErrExist):
		return failed(existsError(path))
	case err != nil:
		return failed(err)
	}
	return nil
}

// exitCodeOf is the exit code err asks for: that of an exitError, else 1.
func exitCodeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitFailed
}
