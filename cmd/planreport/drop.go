package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/xlsx"
)

// A workbook dropped on the program: "planreport PLAN.xlsx [MORE.xlsx…]",
// with no command, is what Windows runs when a clerk drags workbooks onto
// planreport.exe in Explorer or opens one with it. Each workbook is checked
// and its reports are written beside it, not into the working folder, which
// Explorer sets to somewhere else. Paths are only ever taken apart and
// joined with path/filepath; on Windows, Go's os package itself adds the
// \\?\ prefix that long absolute paths (a deep OneDrive folder) need.

// console tells whether the process's console window is its own.
type console interface {
	// OwnWindow reports whether the window was opened for this process
	// alone (started from Explorer), and so closes when it exits.
	OwnWindow() bool
}

// theConsole is the process's console; tests put a fake in its place.
var theConsole console = systemConsole{}

// addDrop makes root take workbooks with no command, and print its help
// when run with nothing at all (double-clicked).
func addDrop(root *cobra.Command) {
	// cobra's own Windows screen ("This is a command line tool…") would
	// end the program before a dropped workbook is done.
	cobra.MousetrapHelpText = ""
	root.Args = dropArgs
	root.RunE = runDrop
}

// dropArgs accepts workbooks; any other first word is an unknown command,
// as cobra says it.
func dropArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 || isWorkbookArg(args[0]) {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
	}
	return errors.New(msg)
}

// isWorkbookArg reports whether arg was meant as a workbook: it exists
// (whatever was dropped), or its name ends in .xlsx, .xlsm or .xls. The
// reader then says what is wrong with it, if anything: missing, a legacy
// .xls, a folder.
func isWorkbookArg(arg string) bool {
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".xlsx", ".xlsm", ".xls":
		return true
	}
	_, err := os.Stat(arg)
	return err == nil
}

// runDrop does each workbook, then, in a window of its own, waits for
// Enter so that the clerk can read what happened. It prints its errors
// itself, before waiting.
func runDrop(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		err := cmd.Help()
		waitIfOwnWindow(cmd)
		return err
	}
	err := dropAll(cmd, args)
	var ee *exitError
	if err != nil && errors.As(err, &ee) && ee.err != errSilent {
		fmt.Fprintln(cmd.ErrOrStderr(), "planreport:", ee.err)
		err = &exitError{code: ee.code, err: errSilent}
	}
	waitIfOwnWindow(cmd)
	return err
}

// waitIfOwnWindow keeps a window opened for the program alone until Enter
// is pressed; from a terminal it returns at once.
func waitIfOwnWindow(cmd *cobra.Command) {
	if !theConsole.OwnWindow() {
		return
	}
	fmt.Fprint(cmd.ErrOrStderr(), "\nPress Enter to close this window.")
	bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
}

// dropAll does each workbook in turn, as generate does several, but with
// each one's reports beside it. One that fails does not stop the others;
// two that would write the same report cannot both (generate.RunAll).
// The exit code is the worst of theirs.
func dropAll(cmd *cobra.Command, workbooks []string) error {
	base, err := newJob(cmd, nil)
	if err != nil {
		return err
	}
	if err := readRenderFiles(&base); err != nil {
		return err
	}
	jobs := make([]generate.Job, len(workbooks))
	for i, w := range workbooks {
		jobs[i] = base
		jobs[i].Workbook = w
		jobs[i].Config.OutDir = filepath.Dir(w)
		if err := atomicfile.Clean(jobs[i].Config.OutDir); err != nil {
			return failed(fmt.Errorf("cannot tidy %s: %w", jobs[i].Config.OutDir, err))
		}
	}
	stderr := cmd.ErrOrStderr()
	askPasswords(stderr, jobs)
	var worst error
	var failures []string
	generate.RunAll(cmd.Context(), jobs, 1, func(i int, res generate.Result, err error) {
		if i > 0 {
			fmt.Fprintln(stderr)
		}
		if len(jobs) > 1 {
			fmt.Fprintln(stderr, workbooks[i])
		}
		if err = dropOutcome(cmd, jobs[i], res, err); err == nil {
			return
		}
		failures = append(failures, workbooks[i])
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(stderr, "planreport:", err)
		}
		if worst == nil || exitCodeOf(err) > exitCodeOf(worst) {
			worst = err
		}
	})
	if len(jobs) > 1 {
		fmt.Fprintf(stderr, "\n%d of %d workbooks reported", len(jobs)-len(failures), len(jobs))
		if len(failures) > 0 {
			fmt.Fprintf(stderr, "; failed: %s", strings.Join(failures, ", "))
		}
		fmt.Fprintln(stderr)
	}
	if worst != nil {
		return &exitError{code: exitCodeOf(worst), err: errSilent}
	}
	return nil
}

// dropOutcome prints what one job found and wrote, as generate does,
// saying in plain words why a report could not be written.
func dropOutcome(cmd *cobra.Command, job generate.Job, res generate.Result, err error) error {
	if res.Report != nil {
		err = explainWriteError(job.Config.OutDir, err)
	}
	if errors.Is(err, xlsx.ErrEncrypted) {
		err = fmt.Errorf("%s is protected by a password, and planreport cannot ask for it here: "+
			"set the environment variable %s to it", job.Workbook, passwordEnv)
	}
	return reportOutcome(cmd, "", job, res, err)
}

// askPassword asks at the terminal for a password, after prompt, without
// showing what is typed; ok is false when there is no terminal to ask at.
// Tests put their own in its place.
var askPassword = func(w io.Writer, prompt string) (password string, ok bool) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", false
	}
	fmt.Fprint(w, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(w)
	return string(b), err == nil
}

// askPasswords gives each protected workbook of jobs with no password (no
// --password, no $PLANREPORT_PASSWORD) the one that opens it: one that
// opened a workbook before, or else the one typed at the terminal, asked
// up to three times. A workbook dragged onto the program can be given its
// password no other way. A job left without one fails as it would have.
func askPasswords(w io.Writer, jobs []generate.Job) {
	var known []string // the passwords that opened a workbook
	for i := range jobs {
		if jobs[i].Password != "" {
			continue
		}
		b, err := xlsx.ReadFile(jobs[i].Workbook, xlsx.DefaultLimits)
		if err != nil || !xlsx.Encrypted(b) {
			continue // the job says what is wrong, if anything
		}
		opens := func(pw string) bool {
			_, err := xlsx.Open(b, jobs[i].Workbook, xlsx.Options{Password: pw})
			return !errors.Is(err, xlsx.ErrWrongPassword)
		}
		if j := slices.IndexFunc(known, opens); j >= 0 {
			jobs[i].Password = known[j]
			continue
		}
		prompt := jobs[i].Workbook + " is protected by a password. Type it (it is not shown) and press Enter: "
		for try := 1; try <= 3; try++ {
			pw, ok := askPassword(w, prompt)
			if !ok {
				break
			}
			jobs[i].Password = pw
			if opens(pw) {
				known = append(known, pw)
				break
			}
			if try < 3 {
				fmt.Fprintf(w, "that password does not open %s; try again\n", jobs[i].Workbook)
			}
		}
	}
}

// explainWriteError words a refusal to write a report in dir for a clerk:
// a report that cannot be replaced (on Windows, one open in Word or a PDF
// viewer), or a folder that cannot be written in.
func explainWriteError(dir string, err error) error {
	if !errors.Is(err, fs.ErrPermission) {
		return err
	}
	var link *os.LinkError
	if errors.As(err, &link) {
		return fmt.Errorf("cannot replace %s: %w; close it if it is open in another program, such as Word or a PDF viewer",
			link.New, link.Err)
	}
	return fmt.Errorf("cannot write the reports into %s, the workbook's folder: permission denied; "+
		"copy the workbook into a folder you may change, or use planreport generate --out FOLDER", dir)
}
