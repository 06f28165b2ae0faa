package sample_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// TestMessyHasWhatOfficersWrite checks that the messy plan holds every
// feature issue 19 names, so that the tests built on it exercise them.
func TestMessyHasWhatOfficersWrite(t *testing.T) {
	p := sample.Messy()
	longest, lists, inner := 0, 0, 0
	for _, u := range p.Updates {
		longest = max(longest, utf8.RuneCountInString(u.Text))
		lines := strings.Split(u.Text, "\n")
		if len(lines) >= 40 {
			lists++
		}
		for _, l := range lines {
			if len(lines) > 1 && strings.Contains(strings.TrimSuffix(l, ";"), ";") {
				inner++
			}
		}
	}
	isLead := func(s string) bool { return slices.Contains(p.Leads, s) }
	joined := func(sep string) bool {
		for _, l := range p.Leads {
			if a, b, ok := strings.Cut(l, sep); ok && isLead(a) && isLead(b) {
				return true
			}
		}
		return false
	}
	severalLeads := false
	for _, a := range p.Actions {
		severalLeads = severalLeads || len(a.Leads) > 1
	}
	all := strings.Join(append(append([]string{}, p.Leads...), updateTexts(p)...), " ")
	tests := []struct {
		name string
		ok   bool
	}{
		{"five report points", len(p.Reports) == 5},
		{"an update of 29,000 to 32,767 characters (Excel's limit for a cell)", longest >= 29000 && longest <= 32767},
		{"two bullet lists of forty lines or more", lists >= 2},
		{"lines with a semicolon inside, in updates of several lines", inner >= 5},
		{"the issue's sentence, on a line of its own", strings.Contains(all, "Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting.\n")},
		{"a joint lead of two leads joined by \" and \"", joined(" and ")},
		{"a joint lead of two leads joined by \" / \"", joined(" / ")},
		{"a lead with \" and \" in its name", isLead("Head of Adult Social Work and Social Care")},
		{"an action with several leads", severalLeads},
		{"an action completed a period before the latest report, with no update after", completedEarlier(p)},
		{"an action added after publication", slices.ContainsFunc(p.Actions, func(a plan.Action) bool { return a.Added.After(p.FirstPublished) })},
		{"Polish", strings.ContainsAny(all, "łśżń")},
		{"Scottish Gaelic", strings.ContainsAny(all, "òàù")},
		{"Greek", strings.ContainsFunc(all, func(r rune) bool { return unicode.Is(unicode.Greek, r) })},
		{"the same plan at every call", reflect.DeepEqual(sample.Messy(), sample.Messy())},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("the messy plan lacks %s", tt.name)
		}
	}
}

// updateTexts are every update's text.
func updateTexts(p *plan.Plan) []string {
	var s []string
	for _, u := range p.Updates {
		s = append(s, u.Text)
	}
	return s
}

// completedEarlier reports whether an action was completed by a report
// point before the latest and has no update after that point.
func completedEarlier(p *plan.Plan) bool {
	latest, _ := p.Latest()
	for _, a := range p.Actions {
		if a.Completed.IsZero() {
			continue
		}
		i := slices.IndexFunc(p.Reports, func(r plan.ReportPoint) bool { return !r.Date.Before(a.Completed) })
		if i < 0 || !p.Reports[i].Date.Before(latest.Date) {
			continue
		}
		if !slices.ContainsFunc(p.Updates, func(u plan.Update) bool { return u.Action == a.No && u.Date.After(p.Reports[i].Date) }) {
			return true
		}
	}
	return false
}

// TestMessyRows types the messy plan into a workbook as MessyRows gives it
// at each progress report and reads it back: no problems at any point, and
// at the latest point the plan Messy returns.
func TestMessyRows(t *testing.T) {
	p := sample.Messy()
	scale := rag.Default()
	for k, point := range p.Reports[1:] {
		rows := sample.MessyRows(p, point.Date)
		f := excelize.NewFile()
		for sheet, cells := range rows {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
			header := sample.MessyColumns(sheet)
			for j, h := range header {
				f.SetCellStr(sheet, xlsx.CellName(j+1, 1), h)
			}
			for i, row := range cells {
				if len(row) != len(header) {
					t.Fatalf("%s row %d has %d cells, want %d", sheet, i+2, len(row), len(header))
				}
				for j, v := range row {
					f.SetCellStr(sheet, xlsx.CellName(j+1, i+2), v)
				}
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got, problems, err := workbook.Read(&buf, workbook.Options{Scale: scale})
		if err != nil || len(problems) > 0 {
			t.Fatalf("at %s: %v\n%v", report.ShortDate(point.Date), err, problems)
		}
		if len(got.Reports) != k+2 {
			t.Errorf("at %s: %d report points, want %d", report.ShortDate(point.Date), len(got.Reports), k+2)
		}
		if _, err := report.Build(got, point.Date, report.Options{Scale: scale}); err != nil {
			t.Errorf("at %s: %v", report.ShortDate(point.Date), err)
		}
		if k == len(p.Reports)-2 && !samePlan(got, p) {
			t.Errorf("the rows of the latest report point read as\n%+v\nnot Messy()\n%+v", got, p)
		}
	}
	// The rows are typed as officers type them.
	rows := sample.MessyRows(p, p.Reports[len(p.Reports)-1].Date)
	var rags, dates []string
	for _, r := range rows["Updates"] {
		rags, dates = append(rags, r[3]), append(dates, r[1])
	}
	for _, want := range []string{"green ", " Amber", "r"} {
		if !slices.Contains(rags, want) {
			t.Errorf("no RAG typed %q", want)
		}
	}
	for _, want := range []string{"30/9/2026", "2027-03-31", "30 September 2027"} {
		if !slices.Contains(dates, want) {
			t.Errorf("no date typed %q: %q", want, dates)
		}
	}
}

// samePlan reports whether two plans are equal but for where the reader
// found their texts.
func samePlan(a, b *plan.Plan) bool {
	a2, b2 := *a, *b
	a2.Actions, b2.Actions = slices.Clone(a.Actions), slices.Clone(b.Actions)
	for i := range a2.Actions {
		a2.Actions[i].Cells = plan.Cells{}
	}
	for i := range b2.Actions {
		b2.Actions[i].Cells = plan.Cells{}
	}
	a2.Updates, b2.Updates = slices.Clone(a.Updates), slices.Clone(b.Updates)
	for i := range a2.Updates {
		a2.Updates[i].Where = ""
	}
	for i := range b2.Updates {
		b2.Updates[i].Where = ""
	}
	a2.Distribution, b2.Distribution = slices.Clone(a.Distribution), slices.Clone(b.Distribution)
	for i := range a2.Distribution {
		a2.Distribution[i].Where = ""
	}
	for i := range b2.Distribution {
		b2.Distribution[i].Where = ""
	}
	return reflect.DeepEqual(&a2, &b2)
}
