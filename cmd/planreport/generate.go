package main

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/generate"
)

func newGenerateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate [WORKBOOK...]",
		Short: "Check the workbook, then write the progress report",
		Long: `generate validates the workbook first: errors are printed as validate prints
them and nothing is written; warnings are printed and generation goes on,
unless --strict. It then writes the report for the report point --as-of (the
latest by default) into the output folder, and prints the path of each file
it wrote, one per line.

Given several workbooks, it makes their reports in parallel, one per core,
prints a line for each workbook as it ends, and ends with a summary of what
was written and what failed; one bad workbook does not stop the others.`,
		RunE: runGenerate,
	}
	addReadFlags(cmd)
	cmd.Flags().String("format", "", "the formats to write, comma-separated: pdf,docx,html")
	cmd.Flags().String("out", "", "the output folder (default outputs)")
	cmd.Flags().String("template", "", "a Word template (.docx) to use instead of the default")
	cmd.Flags().Bool("strict", false, "treat warnings as errors")
	return cmd
}

func runGenerate(cmd *cobra.Command, args []string) error {
	job, err := newJob(cmd, args[:min(len(args), 1)])
	if err != nil {
		return err
	}
	if err := readRenderFiles(&job); err != nil {
		return err
	}
	if err := atomicfile.Clean(job.Config.OutDir); err != nil {
		return failed(fmt.Errorf("cannot tidy the output folder: %w", err))
	}
	if len(args) > 1 {
		return generateMany(cmd, job, args)
	}
	res, err := generate.Run(cmd.Context(), job)
	return reportOutcome(cmd, "", job, res, err)
}

// generateMany makes the reports of several workbooks in parallel, and
// prints a line for each as it ends.
func generateMany(cmd *cobra.Command, template generate.Job, workbooks []string) error {
	stderr := cmd.ErrOrStderr()
	jobs := make([]generate.Job, len(workbooks))
	for i, w := range workbooks {
		jobs[i] = template
		jobs[i].Workbook = w
	}
	var failures []string
	finished := 0
	generate.RunAll(cmd.Context(), jobs, runtime.NumCPU(), func(i int, res generate.Result, err error) {
		finished++
		w := jobs[i].Workbook
		outcome := "reported"
		if err := reportOutcome(cmd, w+": ", jobs[i], res, err); err != nil {
			failures = append(failures, w)
			outcome = "failed"
			if !errors.Is(err, errSilent) {
				outcome += ": " + err.Error()
			}
		}
		fmt.Fprintf(stderr, "[%d/%d] %s: %s\n", finished, len(jobs), w, outcome)
	})
	fmt.Fprintf(stderr, "%d of %d workbooks reported", len(jobs)-len(failures), len(jobs))
	if len(failures) == 0 {
		fmt.Fprintln(stderr)
		return nil
	}
	fmt.Fprintf(stderr, "; failed: %s\n", strings.Join(failures, ", "))
	return failed(errSilent)
}
