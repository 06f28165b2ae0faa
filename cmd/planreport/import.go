package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/importer"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/workbook"
)

func newImportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE [--out WORKBOOK] [--force]",
		Short: "Bring an existing plan in: a Word report or a one-sheet spreadsheet, as a plan workbook",
		Long: `import reads a plan kept elsewhere and writes it as a plan workbook in the
canonical format: last period's Word report (.docx) laid out like planreport's
own, or a one-sheet spreadsheet (.xlsx) with one row per action and an update
and a RAG column per report point. It prints what it could not place and what
it had to guess, each with where it is in FILE, and writes the rest, beside
FILE as NAME.xlsx unless --out names another file. It never overwrites a file
unless --force, and never FILE itself.`,
		Args: cobra.ExactArgs(1),
		RunE: runImport,
	}
	cmd.Flags().String("out", "", "the workbook to write (default: beside FILE, NAME.xlsx)")
	cmd.Flags().Bool("force", false, "overwrite --out if it exists")
	cmd.Flags().String("password", "", "the password of a protected spreadsheet (or $"+passwordEnv+")")
	return cmd
}

func runImport(cmd *cobra.Command, args []string) error {
	c, err := loadConfig(cmd)
	if err != nil {
		return usage(err)
	}
	src := args[0]
	dst, _ := cmd.Flags().GetString("out")
	if dst == "" {
		dst = importPath(src)
	}
	if same(src, dst) {
		return failed(fmt.Errorf("%s is the file imported; name another with --out", dst))
	}
	p, problems, err := importer.File(src, importer.Options{Scale: c.RAG, MonthFirst: c.Dates.MonthFirst, Password: password(cmd)})
	if err != nil {
		return failed(err)
	}
	force, _ := cmd.Flags().GetBool("force")
	if err := refuseOverwrite(dst, force); err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	for _, pr := range problems {
		prefix := "not imported: "
		if pr.Warning {
			prefix = "warning: "
		}
		fmt.Fprintln(stderr, prefix+pr.Error())
	}
	var buf bytes.Buffer
	opt := planbook.WriteOptions{Scale: c.RAG, MonthFirst: c.Dates.MonthFirst, LineBreaksOnly: !c.Points.Semicolons}
	if err := planbook.Write(&buf, p, opt); err != nil {
		return failed(err)
	}
	if err := writeNew(dst, force, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	// What the workbook written still needs, as validate would say it.
	_, left, err := workbook.Read(bytes.NewReader(buf.Bytes()), workbook.Options{Scale: c.RAG, MonthFirst: c.Dates.MonthFirst})
	if err == nil && len(left) > 0 {
		printProblems(stderr, filepath.Base(dst)+": ", left)
	}
	fmt.Fprintf(stderr, "%d actions imported from %s\n", len(p.Actions), src)
	fmt.Fprintln(cmd.OutOrStdout(), dst)
	return nil
}

// importPath is where an import of src is written by default: beside it,
// with the extension .xlsx, or NAME-imported.xlsx for a spreadsheet.
func importPath(src string) string {
	base := strings.TrimSuffix(src, filepath.Ext(src))
	if strings.EqualFold(filepath.Ext(src), ".xlsx") {
		return base + "-imported.xlsx"
	}
	return base + ".xlsx"
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}
