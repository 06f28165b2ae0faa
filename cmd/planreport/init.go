package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/schema"
)

func newInitCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init FILE",
		Short: "Write a new, empty plan workbook, ready to fill",
		Long: `init writes a new workbook in the canonical format: every sheet with its
header row, drop-down lists for RAG, Strategic Lead, Outcome and Report Date,
date formats, and an Instructions sheet that explains every column. It never
overwrites an existing file unless --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadConfig(cmd)
			if err != nil {
				return usage(err)
			}
			p := &plan.Plan{}
			p.Title, _ = cmd.Flags().GetString("title")
			if s, _ := cmd.Flags().GetString("published"); s != "" {
				if p.FirstPublished, err = schema.ParseDate(s, c.Dates.MonthFirst); err != nil {
					return usage(fmt.Errorf("--published: %w", err))
				}
				p.Reports = []plan.ReportPoint{{Date: p.FirstPublished, Name: "Publication Date"}}
			}
			force, _ := cmd.Flags().GetBool("force")
			if err := refuseOverwrite(args[0], force); err != nil {
				return err
			}
			err = writeNew(args[0], force, func(w io.Writer) error {
				return planbook.Write(w, p, planbook.WriteOptions{Scale: c.RAG, MonthFirst: c.Dates.MonthFirst, LineBreaksOnly: !c.Points.Semicolons})
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), args[0])
			return nil
		},
	}
	cmd.Flags().String("title", "", "the plan's title")
	cmd.Flags().String("published", "", "the date the plan was first published")
	cmd.Flags().Bool("force", false, "overwrite FILE if it exists")
	return cmd
}
