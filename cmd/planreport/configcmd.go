package main

import (
	"github.com/spf13/cobra"

	"github.com/planreport/planreport/templates"
)

func newConfigCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the example configuration: every key with its default",
		Long: `config prints the commented example configuration, planreport.yaml, with
every key and its default. Save it as planreport.yaml in the folder you run
planreport from and change what you need:

  planreport config > planreport.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(templates.ConfigExample)
			return err
		},
	}
}
