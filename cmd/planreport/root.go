package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK     = 0
	exitFailed = 1 // the workbook has errors or cannot be read; a report cannot be written or sent; stopped
	exitUsage  = 2 // bad usage or configuration
	exitBug    = 3 // a bug in planreport (a panic): the message asks for a report, with the workbook
)

// exitError carries the exit code a command chose.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func failed(err error) error { return &exitError{code: exitFailed, err: err} }
func usage(err error) error  { return &exitError{code: exitUsage, err: err} }

// run executes the command line args and returns the process's exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run, stopped when ctx is cancelled.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != errSilent {
			fmt.Fprintln(stderr, "planreport:", ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown command or flag, wrong arguments.
	fmt.Fprintln(stderr, "planreport:", err)
	fmt.Fprintln(stderr, "Run 'planreport --help' for usage.")
	return exitUsage
}

// errSilent marks a failure whose explanation has already been printed.
var errSilent = errors.New("failed")

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "planreport [WORKBOOK.xlsx...]",
		Short: "Turn an improvement plan workbook into the committee's progress report",
		Long: `planreport reads an improvement plan kept in an Excel workbook, checks it,
and writes the formal progress report a committee reads, as PDF, as Word and as a web page.

  planreport validate inputs/plan.xlsx     check the workbook, cell by cell
  planreport generate inputs/plan.xlsx     write the report into outputs/
  planreport inputs/plan.xlsx              check it, then write the report beside it
                                           (what dropping it on planreport.exe does)

Settings come from planreport.yaml in the working folder (or --config FILE;
for dropped workbooks, when the working folder has none, the one beside the
program), then PLANREPORT_* environment variables, then flags.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().String("config", "", "configuration file (default: planreport.yaml in the working folder, if any; for dropped workbooks, else the one beside the program)")
	root.AddCommand(
		newValidateCommand(),
		newGenerateCommand(),
		newInitCommand(),
		newImportCommand(),
		newSendCommand(),
		newRollCommand(),
		newAskCommand(),
		newChaseCommand(),
		newCollectCommand(),
		newConfigCommand(),
	)
	addVersion(root)
	addDrop(root)
	return root
}
