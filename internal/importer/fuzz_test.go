package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// FuzzWordReport imports documents of random body XML: never a panic,
// and a plan or an error, never both or neither.
func FuzzWordReport(f *testing.F) {
	f.Add(wordReport())
	f.Add(table(2, row(textCell("No"), textCell("Action / Task")), row(cell(9, ""))))
	f.Add(`<w:p><w:r><w:t>unclosed`)
	f.Add(para("Heading1", run("Perth and Kinross Child Protection Committee")) + para("Title", run("CPC Plan")) +
		summaryOf("3", "1", "1", "2") + actionsOf("Progress Update",
		actionOf("1.1", "Audit. (New Action / Task – Added 1 June 2019)", chair+" / "+nurse, "By 31 March 2020", "ACTION COMPLETED."),
		actionOf("1.2", "Train.", chair, "By 31 March 2020", "Completed on 17 January 2019."),
		actionOf("1.3", "Map.", nurse+"/"+chair+"/"+nurse, "By 31 March 2020", "Begun.")))
	f.Fuzz(func(t *testing.T, body string) {
		path := filepath.Join(t.TempDir(), "report.docx")
		if err := os.WriteFile(path, docxBytes(t, body), 0o644); err != nil {
			t.Fatal(err)
		}
		p, _, err := File(path, Options{})
		if (p == nil) == (err == nil) {
			t.Fatalf("plan %v, error %v", p, err)
		}
	})
}

// FuzzActionText reads an action's text, leads and update as a source
// gives them: never a panic, no blank lead, and the text loses at most
// its note of when the action was added.
func FuzzActionText(f *testing.F) {
	f.Add("Audit. (New Action / Task – Added 1 June 2019)", chair+" / "+nurse, "ACTION COMPLETED.")
	f.Add("(added: 01/06/2019) Map.", nurse+"/"+chair+" and "+coordinator, "Begun.\nCompleted on 17 January 2019.")
	f.Add("Train (new action - added soon).", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r", "Complete")
	f.Fuzz(func(t *testing.T, text, leads, update string) {
		b := newBuilder(Options{Scale: rag.Default()})
		b.addAction(plan.Action{No: "1.1", Text: "Known leads."}, chair+"\n"+nurse+"\n"+coordinator+"\na\nb\nc", "Plan!A2")
		b.addAction(plan.Action{No: "1.2", Text: text}, leads, "Plan!A3")
		b.addUpdate("1.2", year1, update, "Plan!E3", "", "Plan!F3")
		p := b.finish()
		a := p.Actions[1]
		for _, l := range a.Leads {
			if strings.TrimSpace(l) == "" {
				t.Fatalf("leads %q of %q", a.Leads, leads)
			}
		}
		if len(a.Text) > len(text) {
			t.Fatalf("text %q of %q", a.Text, text)
		}
		if a.Text != text && a.Added.IsZero() {
			t.Fatalf("text %q of %q, with no Added date", a.Text, text)
		}
	})
}
