package round

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/plantest"
	"github.com/planreport/planreport/internal/xlsx"
)

// A form built as the contract lays it out, for the reader's tests, before
// and independently of ask's writer: instructions, a blank row, the header
// in row testHeaderRow, one row per open action of the lead; the identity
// on a very hidden sheet.

const testHeaderRow = 8

// testForm is a built form and where its action rows are.
type testForm struct {
	bytes []byte
	rows  map[string]int // action No → row
}

// buildTestForm writes lead's form for plan p at point, pre-filled with the
// updates the plan holds at the point.
func buildTestForm(t testing.TB, p *plan.Plan, point time.Time, lead string) testForm {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) { t.Helper(); plantest.Must(t, err) }
	must(f.SetSheetName("Sheet1", FormSheet))
	_, err := f.NewSheet(IdentitySheet)
	must(err)
	rp, _ := p.ReportAt(point)
	set := func(sheet, cell string, v any) { t.Helper(); must(f.SetCellValue(sheet, cell, v)) }
	set(FormSheet, "A1", "Update form: "+p.Title)
	set(FormSheet, "A2", rp.Name+" @ "+point.Format("02/01/2006"))
	set(FormSheet, "A3", "For: "+lead)
	set(FormSheet, "A4", "Please return by 14/08/2020")
	set(FormSheet, "A5", "Write your update in Update, one point to a line (Alt+Enter); choose a RAG; a date in Completed only if the action is finished.")
	for i, h := range Headers {
		set(FormSheet, xlsx.CellName(i+1, testHeaderRow), h)
	}
	updates := map[string]plan.Update{}
	for _, u := range p.Updates {
		if u.Date.Equal(point) {
			updates[u.Action] = u
		}
	}
	keys := [][2]string{{KeyVersion, FormVersion}, {KeyPlan, p.Title}, {KeyPlanID, PlanID(p)},
		{KeyPoint, point.Format("2006-01-02")}, {KeyPointName, rp.Name}, {KeyLead, lead}, {KeyReturnBy, "2020-08-14"}}
	for i, kv := range keys {
		set(IdentitySheet, xlsx.CellName(1, i+1), kv[0])
		set(IdentitySheet, xlsx.CellName(2, i+1), kv[1])
	}
	tf := testForm{rows: map[string]int{}}
	row := testHeaderRow + 1
	for _, a := range p.Actions {
		if a.Added.After(point) || !a.Open(point) || !hasLead(a, lead) {
			continue
		}
		var co []string
		for _, l := range a.Leads {
			if l != lead {
				co = append(co, l)
			}
		}
		u := updates[a.No]
		due := ""
		if !a.Due.IsZero() {
			due = a.Due.Format("02/01/2006")
		}
		for i, v := range []string{a.No, a.Text, strings.Join(co, "\n"), a.Timescale, due, u.Text, u.RAG, u.Text, u.RAG} {
			set(FormSheet, xlsx.CellName(i+1, row), v)
		}
		sent := SentFirstRow + len(tf.rows)
		set(IdentitySheet, xlsx.CellName(1, sent), a.No)
		set(IdentitySheet, xlsx.CellName(2, sent), u.Text)
		set(IdentitySheet, xlsx.CellName(3, sent), u.RAG)
		tf.rows[a.No] = row
		row++
	}
	must(f.ProtectSheet(FormSheet, &excelize.SheetProtectionOptions{FormatColumns: true, FormatRows: true}))
	must(f.SetSheetVisible(IdentitySheet, false, true))
	var buf bytes.Buffer
	must(f.Write(&buf))
	tf.bytes = buf.Bytes()
	return tf
}

func hasLead(a plan.Action, lead string) bool {
	for _, l := range a.Leads {
		if l == lead {
			return true
		}
	}
	return false
}

// fill sets the editable cells of the form's rows: by action No, header
// (Update, RAG, Completed) → value.
func (tf testForm) fill(t testing.TB, cells map[string]map[string]any) []byte {
	t.Helper()
	return plantest.Edit(t, tf.bytes, func(f *excelize.File) {
		for no, byHeader := range cells {
			for h, v := range byHeader {
				plantest.SetCell(t, f, FormSheet, xlsx.CellName(headerIndex(h)+1, tf.rows[no]), v)
			}
		}
	})
}

func headerIndex(h string) int {
	for i, x := range Headers {
		if x == h {
			return i
		}
	}
	panic("no header " + h)
}

// The test plan's leads.
var (
	chair = plantest.Plan().Leads[0] // 1.1, 10.2
	piwg  = plantest.Plan().Leads[1] // 2.1, with nurse
	nurse = plantest.Plan().Leads[2] // 2.1, with piwg; 10.1 completed
)
