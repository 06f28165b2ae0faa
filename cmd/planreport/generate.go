package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/generate"
)

func newGenerateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate [WORKBOOK]",
		Short: "Check the workbook, then write the progress report",
		Long: `generate validates the workbook first: errors are printed as validate prints
them and nothing is written; warnings are printed and generation goes on,
unless --strict. It then writes the report for the report point --as-of (the
latest by default) into the output folder, and prints the path of each file
it wrote, one per line.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			job, err := newJob(cmd, args)
			if err != nil {
				return err
			}
			if job.Config.Template != "" {
				if job.Template, err = os.ReadFile(job.Config.Template); err != nil {
					return usage(fmt.Errorf("template: %w", err))
				}
			}
			res, err := generate.Run(job)
			printProblems(cmd.ErrOrStderr(), res.Problems)
			if errors.Is(err, generate.ErrInvalid) {
				fmt.Fprintln(cmd.ErrOrStderr(), problemCount(job.Workbook, res.Problems)+"; no report written")
				return failed(errSilent)
			}
			if err != nil {
				return failed(err)
			}
			for _, f := range res.Files {
				fmt.Fprintln(cmd.OutOrStdout(), f)
			}
			return nil
		},
	}
	addReadFlags(cmd)
	cmd.Flags().String("format", "", "the formats to write, comma-separated: pdf,docx")
	cmd.Flags().String("out", "", "the output folder (default outputs)")
	cmd.Flags().String("template", "", "a Word template (.docx) to use instead of the default")
	cmd.Flags().Bool("strict", false, "treat warnings as errors")
	return cmd
}
