package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
)

func newValidateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate [WORKBOOK]",
		Short: "Check the workbook and name every wrong cell",
		Long: `validate reads the whole workbook and prints each problem on its own line as
Sheet!Cell: message, errors first, then warnings. It exits 0 when there are no
errors (warnings allowed) and 1 when the workbook has errors.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			job, err := newJob(cmd, args)
			if err != nil {
				return err
			}
			noteIfOpen(cmd.ErrOrStderr(), job.Workbook)
			_, problems, err := generate.Read(cmd.Context(), job)
			if err != nil {
				return jobFailed(err)
			}
			printProblems(cmd.OutOrStdout(), "", problems)
			fmt.Fprintln(cmd.ErrOrStderr(), problemCount(job.Workbook, problems))
			if problems.HasErrors() {
				return failed(errSilent)
			}
			return nil
		},
	}
	addReadFlags(cmd)
	return cmd
}

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
		d, err := schema.ParseDate(s, c.Dates.MonthFirst)
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
