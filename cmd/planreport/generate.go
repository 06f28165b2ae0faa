package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/pdfreport"
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
shows its progress, and ends with a summary of what was written and what
failed; one bad workbook does not stop the others.`,
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
	res, err := generate.Run(job)
	return reportOutcome(cmd, "", job.Workbook, res, err)
}

// reportOutcome prints what one job found and wrote: a note when the
// workbook is open in Excel, its problems (after prefix), and the paths
// written on stdout, or why nothing was. It returns the error the command
// exits with, nil when the job succeeded.
func reportOutcome(cmd *cobra.Command, prefix, workbook string, res generate.Result, err error) error {
	stderr := cmd.ErrOrStderr()
	noteIfOpen(stderr, workbook)
	printProblems(stderr, prefix, res.Problems)
	if errors.Is(err, generate.ErrInvalid) {
		fmt.Fprintln(stderr, problemCount(workbook, res.Problems)+"; no report written")
		return failed(errSilent)
	}
	if err != nil {
		return renderFailed(err)
	}
	for _, f := range res.Files {
		fmt.Fprintln(cmd.OutOrStdout(), f)
	}
	return nil
}

// renderFailed chooses the exit code of a failed job: a template or font
// that cannot be used is bad configuration; anything else a failure.
func renderFailed(err error) error {
	var font *pdfreport.FontError
	var template *docxreport.TemplateError
	if errors.As(err, &font) || errors.As(err, &template) {
		return usage(err)
	}
	return failed(err)
}

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
	return nil
}

// generateMany makes the reports of several workbooks in parallel.
func generateMany(cmd *cobra.Command, template generate.Job, workbooks []string) error {
	jobs := make([]generate.Job, len(workbooks))
	for i, w := range workbooks {
		jobs[i] = template
		jobs[i].Workbook = w
	}
	progress := newProgress(cmd.ErrOrStderr(), len(jobs))
	var failures []string
	generate.RunAll(jobs, runtime.NumCPU(), func(i int, res generate.Result, err error) {
		progress.clear()
		if err := reportOutcome(cmd, jobs[i].Workbook+": ", jobs[i].Workbook, res, err); err != nil {
			failures = append(failures, jobs[i].Workbook)
			if !errors.Is(err, errSilent) {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", jobs[i].Workbook, err)
			}
		}
		progress.step(jobs[i].Workbook)
	})
	progress.clear()
	fmt.Fprintf(cmd.ErrOrStderr(), "%d of %d workbooks reported", len(jobs)-len(failures), len(jobs))
	if len(failures) == 0 {
		fmt.Fprintln(cmd.ErrOrStderr())
		return nil
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "; failed: %s\n", strings.Join(failures, ", "))
	return failed(errSilent)
}

// progress draws a one-line progress bar on a terminal; elsewhere it draws
// nothing, since each workbook's outcome is printed as it ends.
type progress struct {
	w          io.Writer
	total, now int
	terminal   bool
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, terminal: isTerminal(w)}
	p.draw("")
	return p
}

func (p *progress) step(name string) {
	p.now++
	p.draw(name)
}

const barWidth = 30

func (p *progress) draw(name string) {
	if !p.terminal {
		return
	}
	done := barWidth * p.now / max(p.total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("#", done), strings.Repeat(" ", barWidth-done),
		p.now, p.total, name)
}

// clear wipes the bar so that a message can be printed in its place.
func (p *progress) clear() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
