package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/generate"
)

func newValidateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate [WORKBOOK]",
		Short: "Check the workbook and name every wrong cell",
		Long: `validate reads the whole workbook and prints each problem on its own line as
Sheet!Cell: message, errors first, then warnings, the last those of
characters the PDF's fonts do not have. It exits 0 when there are no errors
(warnings allowed) and 1 when the workbook has errors.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			job, err := newJob(cmd, args)
			if err != nil {
				return err
			}
			noteIfOpen(cmd.ErrOrStderr(), job.Workbook)
			p, problems, err := generate.Read(cmd.Context(), job)
			if err != nil {
				return jobFailed(err)
			}
			// What the PDF would warn of: characters no font has.
			var fontWarnings []string
			if !problems.HasErrors() {
				if err := readRenderFiles(&job); err != nil {
					return err
				}
				if fontWarnings, err = generate.FontWarnings(p, job); err != nil {
					return jobFailed(err)
				}
			}
			printProblems(cmd.OutOrStdout(), "", problems)
			for _, w := range fontWarnings {
				fmt.Fprintln(cmd.OutOrStdout(), w)
			}
			fmt.Fprintln(cmd.ErrOrStderr(), problemCount(job.Workbook, problems, len(fontWarnings)))
			if problems.HasErrors() {
				return failed(errSilent)
			}
			return nil
		},
	}
	addReadFlags(cmd)
	return cmd
}
