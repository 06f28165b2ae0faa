package sample

import (
	"bytes"
	"flag"
	"io"
	"reflect"
	"testing"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/workbook"
)

var update = flag.Bool("update", false, "rewrite inputs/ from Plan()")

// workbookPath is the sample workbook that make run reads.
const workbookPath = "../../inputs/cpc-improvement-plan.xlsx"

// TestSampleWorkbook checks that inputs/ holds exactly Plan(), and with
// -update writes it there (make sample).
func TestSampleWorkbook(t *testing.T) {
	if *update {
		err := atomicfile.Write(workbookPath, func(w io.Writer) error {
			return planbook.Write(w, Plan(), planbook.WriteOptions{Scale: rag.Default()})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	got, problems, err := workbook.ReadFile(workbookPath, workbook.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatalf("reading the sample workbook: %v (run make sample)", err)
	}
	if problems.HasErrors() {
		t.Fatalf("the sample workbook has errors: %v", problems.Errors())
	}
	want := Plan()
	// Where each recipient, action and update was read is the reader's to say.
	for i := range want.Distribution {
		if i < len(got.Distribution) {
			want.Distribution[i].Where = got.Distribution[i].Where
		}
	}
	for i := range want.Actions {
		if i < len(got.Actions) {
			want.Actions[i].Cells = got.Actions[i].Cells
		}
	}
	for i := range want.Updates {
		if i < len(got.Updates) {
			want.Updates[i].Where = got.Updates[i].Where
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("inputs/ does not hold sample.Plan(); run make sample")
	}
}

// TestMessyWorkbookRoundTrip writes the messy plan with the workbook writer
// (as init and import write workbooks) and reads it back: the same plan,
// with no problems.
func TestMessyWorkbookRoundTrip(t *testing.T) {
	want := Messy()
	var buf bytes.Buffer
	if err := planbook.Write(&buf, want, planbook.WriteOptions{Scale: rag.Default()}); err != nil {
		t.Fatalf("writing the messy plan: %v", err)
	}
	got, problems, err := workbook.Read(&buf, workbook.Options{Scale: rag.Default()})
	if err != nil || len(problems) > 0 {
		t.Fatalf("reading it back: %v\n%v", err, problems)
	}
	for i := range want.Distribution {
		if i < len(got.Distribution) {
			want.Distribution[i].Where = got.Distribution[i].Where
		}
	}
	for i := range want.Actions {
		if i < len(got.Actions) {
			want.Actions[i].Cells = got.Actions[i].Cells
		}
	}
	for i := range want.Updates {
		if i < len(got.Updates) {
			want.Updates[i].Where = got.Updates[i].Where
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the round trip changed the messy plan:\n got %+v\nwant %+v", got, want)
	}
}
