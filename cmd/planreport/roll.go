package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/schema"
)

func newRollCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "roll WORKBOOK --date DATE --name TEXT",
		Short: "Add the next report point, carrying every open action's update forward",
		Long: `roll adds a report point to the workbook and, for every action still open on
that date, an Updates row pre-filled with its last update's text and RAG, so
the coordinator edits instead of retyping. The date must be after the latest
report point. The result is a new file beside the old one
(plan-2020-07-31.xlsx) unless --out names another, or --in-place. It never
overwrites another existing file unless --force.`,
		Args: cobra.ExactArgs(1),
		RunE: runRoll,
	}
	cmd.Flags().String("date", "", "the new report point's date (required)")
	cmd.Flags().String("name", "", `the new report's name, e.g. "Year 2 Progress / Update Report" (required)`)
	cmd.Flags().String("out", "", "the workbook to write (default: beside WORKBOOK, its name ending in the date)")
	cmd.Flags().Bool("in-place", false, "replace WORKBOOK itself, atomically")
	cmd.Flags().Bool("force", false, "overwrite the workbook written (--out, or the one beside WORKBOOK) if it exists")
	cmd.Flags().String("password", "", "the password of a protected workbook (or $"+passwordEnv+")")
	cmd.MarkFlagRequired("date")
	cmd.MarkFlagRequired("name")
	cmd.MarkFlagsMutuallyExclusive("out", "in-place")
	return cmd
}

func runRoll(cmd *cobra.Command, args []string) error {
	c, err := loadConfig(cmd)
	if err != nil {
		return usage(err)
	}
	src := args[0]
	var point plan.ReportPoint
	s, _ := cmd.Flags().GetString("date")
	if point.Date, err = schema.ParseDate(s, c.Dates.MonthFirst); err != nil {
		return usage(fmt.Errorf("--date: %w", err))
	}
	point.Name, _ = cmd.Flags().GetString("name")
	dst, _ := cmd.Flags().GetString("out")
	if inPlace, _ := cmd.Flags().GetBool("in-place"); inPlace {
		dst = src
	}
	opt := planbook.RollOptions{Options: generate.ReadOptions(c, time.Time{}, password(cmd))}
	opt.Overwrite, _ = cmd.Flags().GetBool("force")
	res, err := planbook.Roll(src, dst, point, opt)
	var invalid *planbook.InvalidError
	if errors.As(err, &invalid) {
		printProblems(cmd.ErrOrStderr(), "", invalid.Problems)
		fmt.Fprintln(cmd.ErrOrStderr(), problemCount(src, invalid.Problems, 0)+"; nothing rolled forward")
		return failed(errSilent)
	}
	if errors.Is(err, planbook.ErrExists) {
		return failed(fmt.Errorf("%w: use --force to overwrite it, or --in-place to roll %s itself forward", err, src))
	}
	if err != nil {
		return failed(err)
	}
	printProblems(cmd.ErrOrStderr(), "", res.Warnings)
	fmt.Fprintf(cmd.ErrOrStderr(), "%d updates carried forward to %s", res.Carried, point.Name)
	if len(res.Blank) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "; no earlier update to carry for %v: fill those rows in", res.Blank)
	}
	fmt.Fprintln(cmd.ErrOrStderr())
	fmt.Fprintln(cmd.OutOrStdout(), res.Dst)
	return nil
}
