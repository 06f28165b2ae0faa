package workbook_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/planbook"
	"github.com/planreport/planreport/internal/sample"
	. "github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

func BenchmarkRead(b *testing.B) { benchmarkRead(b, sample.Large(10000)) }

// BenchmarkRead100 reads a plan of 100 actions, the size of a real one.
func BenchmarkRead100(b *testing.B) { benchmarkRead(b, sample.Large(100)) }

func benchmarkRead(b *testing.B, p *plan.Plan) {
	data := writeBytes(b, p)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, problems, err := Read(bytes.NewReader(data), Options{}); err != nil || problems.HasErrors() {
			b.Fatalf("Read: %v %v", err, problems)
		}
	}
}

// BenchmarkReadSample reads the small test plan: the cost of a reading
// that is not its rows.
func BenchmarkReadSample(b *testing.B) {
	data := writeBytes(b, testPlan())
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite writes the 10,000-action plan.
func BenchmarkWrite(b *testing.B) {
	p := sample.Large(10000)
	for b.Loop() {
		if err := planbook.Write(&bytes.Buffer{}, p, planbook.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// hundredThousandRows is the test plan with 100,000 maintenance tasks,
// written with excelize's stream writer: a sheet large enough (over 16 MB
// unpacked) that excelize streams it from a temporary file.
func hundredThousandRows(t testing.TB) []byte {
	t.Helper()
	return edit(t, writeBytes(t, testPlan()), func(f *excelize.File) {
		sw, err := f.NewStreamWriter("Maintenance")
		must(t, err)
		must(t, sw.SetRow("A1", []any{"No", "Action / Task", "Timescale"}))
		for i := range 100000 {
			must(t, sw.SetRow(xlsx.CellName(1, i+2), []any{i + 1,
				"Continue to improve and monitor the attendance, provision of written reports and timescales for all Child Protection Case Conferences (CPCCs), task " + strconv.Itoa(i+1),
				"Ongoing 2018 – 2020"}))
		}
		must(t, sw.Flush())
	})
}

func TestHundredThousandRows(t *testing.T) {
	p, problems, err := readBytes(t, hundredThousandRows(t), Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v\n%v", err, problems)
	}
	if n := len(p.Maintenance); n != 100000 {
		t.Fatalf("read %d tasks, want 100000", n)
	}
	if last := p.Maintenance[99999]; last.No != "100000" || !strings.HasSuffix(last.Text, "task 100000") {
		t.Errorf("last task = %+v", last)
	}
}

// BenchmarkReadHundredThousandRows reads a workbook with a 100,000-row
// sheet.
func BenchmarkReadHundredThousandRows(b *testing.B) {
	data := hundredThousandRows(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
