package main

import (
	"github.com/spf13/cobra"
)

func newChaseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "chase [WORKBOOK] [--out DIR] [--dry-run | --drafts | --send]",
		Short: "Remind each lead who has not returned their update form",
		Long: `chase writes a reminder to each lead who has not yet returned their update
form for the latest report point: a lead has returned it when every update at
that point of their open actions was collected from their form (the Updates
sheet's Returned By names them). Each reminder has the lead's form attached
again, written afresh into --out (default: the folder forms-DATE beside the
workbook, where ask put it).

--dry-run writes nothing and prints who would be reminded. --drafts writes one
Outlook draft (.eml, X-Unsent: 1) per lead, named after the form with
-reminder. --send sends the reminders through the configured mail, keeping a
log for the day (chase-TODAY.sent.json in the forms folder), so that running it
again the same day does not remind anyone twice.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runRound(cmd, args, true) },
	}
	cmd.Flags().String("password", "", "the password of a protected workbook (or $"+passwordEnv+")")
	addRoundFlags(cmd)
	return cmd
}
