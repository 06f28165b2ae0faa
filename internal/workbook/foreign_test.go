package workbook_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
	. "github.com/planreport/planreport/internal/workbook"
)

// TestForeignWorkbooks reads workbooks written by other programs and checks
// they give the same plan as the canonical workbook.
func TestForeignWorkbooks(t *testing.T) {
	want, problems, err := readBytes(t, writeBytes(t, testPlan()), Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("reading the canonical workbook: %v, %v", err, problems)
	}
	for _, tt := range []struct {
		name string
		opt  foreignOptions
	}{
		{"1900 date system", foreignOptions{}},
		{"1904 date system", foreignOptions{Date1904: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := readBytes(t, foreignWorkbook(t, tt.opt), Options{})
			if err != nil || len(problems) > 0 {
				t.Fatalf("Read: %v\n%v", err, problems)
			}
			if !samePlan(got, want) {
				t.Errorf("the foreign workbook reads differently:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestOddCells checks cells that Excel users produce: formulas, merged
// cells, hidden rows and sheets, rich text, dates as numbers in text cells,
// the longest text a cell holds, and every kind of Unicode.
func TestOddCells(t *testing.T) {
	unicodeText := "Emoji 👩‍👧‍👦 🎉, 中文, עברית ו العربية, e\u0301 combining, zero\u200bwidth\u200d joiner, \U0001F600"
	longText := strings.Repeat("ab\U0001F600", excelize.TotalCellChars/4) + "end"
	tests := []struct {
		name   string
		change func(t testing.TB, f *excelize.File)
		want   func(p *plan.Plan) // how the plan read differs from the test plan
		opt    Options
	}{
		{name: "Plan sheet without its header",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.RemoveRow("Plan", 1))
			}},
		{name: "hidden rows and sheets",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.SetRowVisible("Actions", 3, false))
				must(t, f.SetSheetVisible("Leads", false))
			}},
		{name: "rich text",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.SetCellRichText("Actions", "C2", []excelize.RichTextRun{
					{Text: "Develop further "}, {Text: "qualitative", Font: &excelize.Font{Bold: true}}, {Text: " measures."}}))
			}},
		{name: "date as a number in a text cell",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.SetCellStr("Actions", "F2", strconv.Itoa(schema.DateSerial(plan.Date(2019, time.November, 30), false))))
			}},
		{name: "merged lead",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "D5", "")
				must(t, f.MergeCell("Actions", "D4", "D5"))
			},
			want: func(p *plan.Plan) { p.Actions[3].Leads = p.Actions[2].Leads }},
		{name: "merged theme",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Outcomes", "A3", "")
				must(t, f.MergeCell("Outcomes", "A2", "A3"))
			}},
		{name: "Unicode",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.SetCellStr("Updates", "C2", unicodeText))
			},
			want: func(p *plan.Plan) { p.Updates[0].Text = unicodeText }},
		{name: "longest cell",
			change: func(t testing.TB, f *excelize.File) {
				must(t, f.SetCellStr("Updates", "C2", longText))
			},
			want: func(p *plan.Plan) { p.Updates[0].Text = longText }},
		{name: "RAG of a custom scale, by its name",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Updates", "D4", " blue ")
			},
			want: func(p *plan.Plan) { p.Updates[2].RAG = "B" },
			opt:  Options{Scale: blueScale()}},
		{name: "header alias from the options",
			change: func(t testing.TB, f *excelize.File) {
				setCell(t, f, "Actions", "D1", "Responsible Officer")
			},
			opt: Options{Aliases: map[string][]string{"strategic lead": {"Responsible Officer"}}}},
	}
	canonical := writeBytes(t, testPlan())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := readBytes(t, edit(t, canonical, func(f *excelize.File) { tt.change(t, f) }), tt.opt)
			if err != nil || len(problems) > 0 {
				t.Fatalf("Read: %v\n%v", err, problems)
			}
			want := testPlan()
			if tt.want != nil {
				tt.want(want)
			}
			if !samePlan(got, want) {
				t.Errorf("read differently:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// actionsPart is the Actions sheet's part in a workbook Write wrote: the
// sixth sheet, after Instructions, Plan, Reports, Outcomes and Leads.
const actionsPart = "xl/worksheets/sheet6.xml"

// blueScale is the default scale with B / Blue for complete after Green.
func blueScale() rag.Scale {
	s := rag.Default()
	s.Values[2].Complete = false
	s.Values = append(s.Values, rag.Value{Code: "B", Name: "Blue", Complete: true})
	return s
}

// TestFormulaCachedValue checks that a formula cell reads as the value
// Excel cached for it.
func TestFormulaCachedValue(t *testing.T) {
	b := rezip(t, writeBytes(t, testPlan()), actionsPart, func(x []byte) []byte {
		// Actions!A2 (action 1.1) becomes a formula whose cached value is 1.1.
		s := string(x)
		start := strings.Index(s, `<c r="A2"`)
		if start < 0 {
			t.Fatal("no cell A2 in the Actions sheet's XML")
		}
		end := start + strings.Index(s[start:], "</c>") + len("</c>")
		return []byte(s[:start] + `<c r="A2" t="str"><f>Actions!A2</f><v>1.1</v></c>` + s[end:])
	})
	got, problems, err := readBytes(t, b, Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v\n%v", err, problems)
	}
	if !samePlan(got, testPlan()) {
		t.Errorf("read differently:\n got %+v\nwant %+v", got, testPlan())
	}
}

// TestLibreOfficeWorkbook reads the test plan as LibreOffice Calc saves
// it (testdata/libreoffice.xlsx, converted from Write's workbook with
// soffice --convert-to xlsx): the same plan.
func TestLibreOfficeWorkbook(t *testing.T) {
	b, err := os.ReadFile("testdata/libreoffice.xlsx")
	must(t, err)
	got, problems, err := readBytes(t, b, Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read: %v\n%v", err, problems)
	}
	if !samePlan(got, testPlan()) {
		t.Errorf("read differently:\n got %+v\nwant %+v", got, testPlan())
	}
}
