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

	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/workbook"
)

// addReadFlags adds the flags every command that reads a workbook has.
func addReadFlags(cmd *cobra.Command) {
	cmd.Flags().String("as-of", "", "the report point, as a date (default: the latest)")
	cmd.Flags().String("password", "", "the password of a protected workbook")
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
	job.Password, _ = cmd.Flags().GetString("password")
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		secs, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return job, usage(fmt.Errorf("SOURCE_DATE_EPOCH: %q is not a number of seconds", s))
		}
		job.Modified = time.Unix(secs, 0).UTC()
	}
	if s, _ := cmd.Flags().GetString("as-of"); s != "" {
		d, err := workbook.ParseDate(s, c.Dates.MonthFirst)
		if err != nil {
			return job, usage(fmt.Errorf("--as-of: %w", err))
		}
		job.AsOf = d
	}
	return job, nil
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

func problemCount(path string, problems workbook.Problems) string {
	errs, warns := 0, 0
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
	s := problemCount(path, problems) + "; " + notDone
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
func reportOutcome(cmd *cobra.Command, prefix, path string, res generate.Result, err error) error {
	stderr := cmd.ErrOrStderr()
	noteIfOpen(stderr, path)
	printProblems(stderr, prefix, res.Problems)
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, prefix+"warning: "+w)
	}
	if errors.Is(err, workbook.ErrInvalid) {
		fmt.Fprintln(stderr, refusal(path, res.Problems, "no report written"))
		return failed(errSilent)
	}
	if err != nil {
		return jobFailed(err)
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
// configuration names.
func readRenderFiles(job *generate.Job) error {
	c := job.Config
	for _, f := range []struct {
		key, path string
		into      *[]byte
	}{
		{"template", c.Template, &job.Template},
		{"fonts.regular", c.Fonts.Regular, &job.Fonts.Regular},
		{"fonts.bold", c.Fonts.Bold, &job.Fonts.Bold},
		{"fonts.italic", c.Fonts.Italic, &job.Fonts.Italic},
	} {
		if f.path == "" {
			continue
		}
		data, err := os.ReadFile(f.path)
		if err != nil {
			return usage(fmt.Errorf("%s: %w", f.key, err))
		}
		*f.into = data
	}
	for i, path := range c.Fonts.Fallback {
		data, err := os.ReadFile(path)
		if err != nil {
			return usage(fmt.Errorf("fonts.fallback[%d]: %w", i, err))
		}
		job.Fonts.Fallback = append(job.Fonts.Fallback, data)
	}
	return nil
}

// refuseOverwrite fails when path exists and force is not given.
func refuseOverwrite(path string, force bool) error {
	_, err := os.Stat(path)
	switch {
	case err == nil && !force:
		return failed(fmt.Errorf("%s already exists; use --force to overwrite it", path))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
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
