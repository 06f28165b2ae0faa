package schema

import (
	"os"
	"strings"
	"testing"
)

// aliasTable is the README's table of the names each column and Plan field
// answers to, as the schema gives them.
func aliasTable() []string {
	row := func(sheet string, c Column) string {
		aliases := "—"
		if len(c.Aliases) > 0 {
			aliases = strings.Join(c.Aliases, ", ")
		}
		return "| " + sheet + " | " + c.Name + " | " + aliases + " |"
	}
	var rows []string
	for _, s := range Sheets {
		for _, c := range s.Columns {
			rows = append(rows, row(s.Name, c))
		}
	}
	for _, f := range PlanFields {
		rows = append(rows, row("Plan field", f))
	}
	return rows
}

// TestREADMEAliases checks that the README, the one description of the
// workbook's format, lists every column and Plan field with exactly the
// aliases the schema gives it.
func TestREADMEAliases(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const head = "| Sheet | Column | also answers to |\n|---|---|---|\n"
	_, table, found := strings.Cut(string(b), head)
	if !found {
		t.Fatalf("README.md has no table starting %q", head)
	}
	var got []string
	for line := range strings.SplitSeq(table, "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		got = append(got, line)
	}
	want := aliasTable()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("README.md's alias table differs from schema.go; it should read:\n%s%s", head, strings.Join(want, "\n"))
	}
}
