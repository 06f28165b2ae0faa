package workbook

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
)

// Dates of the test plan.
var (
	published = plan.Date(2018, time.October, 3)
	year1     = plan.Date(2019, time.July, 31)
)

// testPlan is a small valid plan: two report points, three outcomes under
// two themes, three leads, four actions (one completed, one added after
// publication), their updates at the first progress report, and a
// maintenance task. Every action due before year1 is rated Amber or Red,
// so the plan reads without warnings.
func testPlan() *plan.Plan {
	return &plan.Plan{
		Title:            "CPC Improvement Plan 2018 – 2020",
		ShortTitle:       "CPC Improvement Plan",
		Organisation:     "Perth and Kinross Child Protection Committee",
		FirstPublished:   published,
		MaintenanceTitle: "Ongoing / Maintenance Actions / Tasks 2018 – 2020",
		MaintenanceNote:  "Monitor by Thematic Progress Reporting to CPC",
		Reports: []plan.ReportPoint{
			{Date: published, Name: "Publication Date"},
			{Date: year1, Name: "Year 1 Progress / Update Report"},
		},
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: "What key outcomes have we achieved?", Description: "Use of performance data underpins our self-evaluation."},
			{Number: "2", Theme: "What key outcomes have we achieved?", Description: "Children's views are sought and acted on."},
			{Number: "10", Theme: "How good is our leadership?", Description: "Case conferences are held within timescales."},
		},
		Leads: []string{
			"Independent Chair of the CPC",
			"Chair of the CPC Practice Improvement Working Group",
			"Lead Nurse, Child Protection, NHS Tayside",
		},
		Actions: []plan.Action{
			{No: "1.1", Outcome: "1", Text: "Develop further qualitative measures.", Leads: []string{"Independent Chair of the CPC"},
				Timescale: "By 30 November 2019", Due: plan.Date(2019, time.November, 30), Added: published},
			{No: "2.1", Outcome: "2", Text: "Extend the reach of the Mind Of My Own App.",
				Leads:     []string{"Chair of the CPC Practice Improvement Working Group", "Lead Nurse, Child Protection, NHS Tayside"},
				Timescale: "By 31 March 2019 Ongoing 2019 / 2020", Due: plan.Date(2019, time.March, 31), Added: published},
			{No: "10.1", Outcome: "10", Text: "Monitor case conference timescales.", Leads: []string{"Lead Nurse, Child Protection, NHS Tayside"},
				Timescale: "By 31 October 2018", Due: plan.Date(2018, time.October, 31), Added: published,
				Completed: plan.Date(2019, time.January, 17)},
			{No: "10.2", Outcome: "10", Text: "Monitor the quality of reports.", Leads: []string{"Independent Chair of the CPC"},
				Timescale: "Ongoing 2019 / 2020", Added: plan.Date(2019, time.May, 1)},
		},
		Updates: []plan.Update{
			{Action: "1.1", Date: year1, Text: "Measures mapped; workshop planned for September 2019.", RAG: "G"},
			{Action: "2.1", Date: year1, Text: "App introduced;\nExpress App introduced in January 2019.", RAG: "A"},
			{Action: "10.1", Date: year1, Text: "ACTION COMPLETED.", RAG: "G"},
			{Action: "10.2", Date: year1, Text: "Being monitored.", RAG: "R"},
		},
		Maintenance:  []plan.Task{{No: "1", Text: "Continue to improve by implementing legislative developments.", Timescale: "Ongoing 2018 – 2020"}},
		Distribution: []plan.Recipient{{Name: "Jane Smith", Email: "jane.smith@example.org", Role: "Chair of the Committee"}},
	}
}

// writeBytes writes p as a canonical workbook.
func writeBytes(t testing.TB, p *plan.Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p, WriteOptions{Scale: rag.Default()}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// edit opens workbook bytes with excelize, applies change and returns the
// saved bytes.
func edit(t testing.TB, b []byte, change func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("opening the test workbook: %v", err)
	}
	defer f.Close()
	change(f)
	return save(t, f)
}

// save returns the workbook's bytes.
func save(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatalf("saving the test workbook: %v", err)
	}
	return buf.Bytes()
}

// must fails the test on an excelize error while building a workbook.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("building the test workbook: %v", err)
	}
}

// readBytes reads workbook bytes with the default options and asOf.
func readBytes(t testing.TB, b []byte, opt Options) (*plan.Plan, Problems, error) {
	t.Helper()
	return Read(bytes.NewReader(b), opt)
}

// samePlan reports whether two plans are equal but for where each
// recipient, action and update was read from, which depends on the
// workbook's layout (TestCells checks those).
func samePlan(a, b *plan.Plan) bool {
	if a == nil || b == nil {
		return a == b
	}
	a2, b2 := *a, *b
	a2.Distribution, b2.Distribution = withoutPlaces(a.Distribution), withoutPlaces(b.Distribution)
	a2.Actions, b2.Actions = withoutCells(a.Actions), withoutCells(b.Actions)
	a2.Updates, b2.Updates = withoutWhere(a.Updates), withoutWhere(b.Updates)
	return reflect.DeepEqual(&a2, &b2)
}

func withoutCells(as []plan.Action) []plan.Action {
	out := make([]plan.Action, len(as))
	for i, a := range as {
		a.Cells = plan.Cells{}
		out[i] = a
	}
	return out
}

func withoutWhere(us []plan.Update) []plan.Update {
	out := make([]plan.Update, len(us))
	for i, u := range us {
		u.Where = ""
		out[i] = u
	}
	return out
}

func withoutPlaces(rs []plan.Recipient) []plan.Recipient {
	out := make([]plan.Recipient, len(rs))
	for i, r := range rs {
		r.Where = ""
		out[i] = r
	}
	return out
}
