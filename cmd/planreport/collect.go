package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/round"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

func newCollectCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect [WORKBOOK] FORM...",
		Short: "Write the updates of the leads' returned forms into the plan",
		Long: `collect reads the update forms the leads returned (written by ask; a FORM may
be a folder of them) and writes their updates, RAGs and completion dates into
the workbook at the report point (default: the latest). A cell that cannot be
read is reported as FORM: Sheet!Cell and left out; the rest is collected. A
form that is not one, or is for another plan or report point, stops it with
the plan unchanged. The result is a new file beside the workbook
(plan-collected.xlsx) unless --out names another, or --in-place.`,
		Args: cobra.MinimumNArgs(1),
		RunE: runCollect,
	}
	addReadFlags(cmd)
	cmd.Flags().String("out", "", "the workbook to write (default: beside WORKBOOK, its name ending in -collected)")
	cmd.Flags().Bool("in-place", false, "replace WORKBOOK itself, atomically")
	cmd.Flags().Bool("force", false, "overwrite the workbook written (--out, or the one beside WORKBOOK) if it exists")
	cmd.Flags().Bool("dry-run", false, "read and check the forms and print what would be collected, writing nothing")
	cmd.MarkFlagsMutuallyExclusive("out", "in-place")
	cmd.MarkFlagsMutuallyExclusive("dry-run", "in-place")
	return cmd
}

func runCollect(cmd *cobra.Command, args []string) error {
	c, err := loadConfig(cmd)
	if err != nil {
		return usage(err)
	}
	// The workbook is the first argument unless planreport.yaml names it
	// and the first argument is a form.
	if c.Workbook == "" || !isForm(args[0]) {
		if len(args) < 2 {
			return usage(fmt.Errorf("no forms named: give the workbook, then the forms or their folder, as in %s plan.xlsx forms-2020-07-31", cmd.CommandPath()))
		}
		c.Workbook, args = args[0], args[1:]
	}
	job, err := newJob(cmd, []string{c.Workbook})
	if err != nil {
		return err
	}
	src := job.Workbook
	paths, err := formPaths(args)
	if err != nil {
		return usage(err)
	}
	stderr := cmd.ErrOrStderr()
	noteIfOpen(stderr, src)
	b, err := xlsx.ReadFile(src, xlsx.DefaultLimits)
	if err != nil {
		return failed(err)
	}
	readOpt := generate.ReadOptions(c, time.Time{}, job.Password)
	located, err := workbook.Validate(b, src, readOpt)
	if err != nil {
		return failed(err)
	}
	forms, problems, errs := readForms(paths, round.ReadOptions{Scale: c.RAG, MonthFirst: c.Dates.MonthFirst})
	var res round.Result
	if len(errs) == 0 {
		res, err = round.Collect(located.Plan, forms, round.CollectOptions{Scale: c.RAG, Point: job.AsOf})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		for _, err := range errs {
			fmt.Fprintln(stderr, err)
		}
		fmt.Fprintf(stderr, "nothing collected: %s is unchanged\n", src)
		return failed(errSilent)
	}
	res.Problems = append(problems, res.Problems...)
	printRoundProblems(stderr, res)

	dryRun, _ := cmd.Flags().GetBool("dry-run")
	dst := ""
	switch {
	case dryRun:
		printCollected(cmd.OutOrStdout(), res)
	case len(res.Returned) == 0:
		fmt.Fprintf(stderr, "no update to collect: %s is unchanged\n", src)
	default:
		if dst, err = collectTo(cmd, src, res, readOpt); err != nil {
			return err
		}
	}
	printRoundStatus(stderr, res)
	if dst != "" {
		fmt.Fprintln(cmd.OutOrStdout(), dst)
	}
	return nil
}

// collectTo writes the returned updates with planbook.Merge and returns
// the file written.
func collectTo(cmd *cobra.Command, src string, res round.Result, readOpt workbook.Options) (string, error) {
	dst, _ := cmd.Flags().GetString("out")
	if inPlace, _ := cmd.Flags().GetBool("in-place"); inPlace {
		dst = src
	}
	if dst == "" {
		dst = strings.TrimSuffix(src, filepath.Ext(src)) + "-collected" + filepath.Ext(src)
	}
	opt := planbook.MergeOptions{Options: readOpt}
	opt.Overwrite, _ = cmd.Flags().GetBool("force")
	merged, err := planbook.Merge(src, dst, res.Point.Date, res.Returned, opt)
	var invalid *planbook.InvalidError
	stderr := cmd.ErrOrStderr()
	switch {
	case errors.As(err, &invalid):
		printProblems(stderr, "", invalid.Problems)
		fmt.Fprintln(stderr, problemCount(src, invalid.Problems, 0)+"; nothing collected")
		return "", failed(errSilent)
	case errors.Is(err, planbook.ErrExists):
		return "", failed(fmt.Errorf("%w: use --force to overwrite it, --out to name another, or --in-place to collect into %s itself", err, src))
	case err != nil:
		return "", failed(err)
	}
	fmt.Fprintf(stderr, "%s collected into %s (%s written or changed)\n", plural(len(res.Returned), "update"), dst, plural(merged.Written, "update"))
	return dst, nil
}

// isForm reports whether path is an update form: a workbook with the
// form's identity sheet.
func isForm(path string) bool {
	b, err := xlsx.ReadFile(path, xlsx.DefaultLimits)
	if err != nil {
		return false
	}
	f, err := xlsx.Open(b, path, xlsx.Options{})
	if err != nil {
		return false
	}
	return slices.ContainsFunc(f.Sheets(), func(s string) bool { return schema.Fold(s) == schema.Fold(round.IdentitySheet) })
}

// formPaths lists the forms named: a folder stands for the .xlsx files in
// it, but Excel's lock files.
func formPaths(args []string) ([]string, error) {
	var paths []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			paths = append(paths, arg) // a missing file is the reader's to name
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, err
		}
		n := len(paths)
		for _, e := range entries {
			if name := e.Name(); !e.IsDir() && strings.EqualFold(filepath.Ext(name), ".xlsx") && !strings.HasPrefix(name, "~$") {
				paths = append(paths, filepath.Join(arg, name))
			}
		}
		if len(paths) == n {
			return nil, fmt.Errorf("the folder %s holds no forms (.xlsx files)", arg)
		}
	}
	return paths, nil
}

// readForms reads every form, gathering the errors of those that cannot
// be collected at all.
func readForms(paths []string, opt round.ReadOptions) ([]*round.Form, []round.Problem, []error) {
	var forms []*round.Form
	var problems []round.Problem
	var errs []error
	seen := map[string]bool{}
	for _, path := range paths {
		if abs, err := filepath.Abs(path); err == nil {
			if seen[abs] {
				continue
			}
			seen[abs] = true
		}
		f, ps, err := round.ReadForm(path, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		forms, problems = append(forms, f), append(problems, ps...)
	}
	return forms, problems, errs
}

// printRoundProblems prints the forms' problems, errors first, a warning's
// message starting "warning: ", then the conflicts.
func printRoundProblems(w io.Writer, res round.Result) {
	for _, sev := range []workbook.Severity{workbook.Error, workbook.Warning} {
		for _, p := range res.Problems {
			if p.Severity != sev {
				continue
			}
			if sev == workbook.Warning {
				p.Msg = "warning: " + p.Msg
			}
			fmt.Fprintln(w, p.Error())
		}
	}
	for _, c := range res.Conflicts {
		fmt.Fprintln(w, c.Error())
	}
}

// printCollected prints, for --dry-run, what would be written.
func printCollected(w io.Writer, res round.Result) {
	for _, r := range res.Returned {
		fmt.Fprintf(w, "%s (%s): %q", r.Action, r.ReturnedBy, r.Text)
		if r.RAG != "" {
			fmt.Fprintf(w, " %s", r.RAG)
		}
		if !r.Completed.IsZero() {
			fmt.Fprintf(w, ", completed %s", schema.FormatDate(r.Completed))
		}
		fmt.Fprintln(w)
	}
}

// printRoundStatus prints who has returned their form and which actions
// still await an update.
func printRoundStatus(w io.Writer, res round.Result) {
	fmt.Fprintf(w, "%s (%s):\n", res.Point.Name, schema.FormatDate(res.Point.Date))
	for _, l := range res.Leads {
		state := "not returned"
		if l.Returned {
			state = "returned"
		}
		fmt.Fprintf(w, "  %s: %s\n", l.Lead, state)
	}
	if len(res.Awaiting) == 0 {
		fmt.Fprintln(w, "every open action has a returned update")
		return
	}
	fmt.Fprintf(w, "still awaiting an update: %s\n", strings.Join(res.Awaiting, ", "))
}
