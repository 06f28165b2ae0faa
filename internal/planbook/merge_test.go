package planbook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/workbook"
	"github.com/planreport/planreport/internal/xlsx"
)

// collected is the day the tests' forms were collected.
var collected = plan.Date(2020, time.July, 24)

// rolledBytes is the test plan's workbook rolled to Year 2: rows 6, 7 and
// 8 of Updates are the updates of 1.1, 2.1 and 10.2 carried forward.
func rolledBytes(t *testing.T) []byte {
	t.Helper()
	src := inTempDir(t, writeBytes(t, testPlan()))
	if _, err := Roll(src, src, year2Point, RollOptions{}); err != nil {
		t.Fatalf("Roll: %v", err)
	}
	b, err := os.ReadFile(src)
	must(t, err)
	return b
}

// located reads workbook bytes, errors and all.
func located(t *testing.T, b []byte) *workbook.Located {
	t.Helper()
	wb, err := workbook.Validate(b, "the workbook", workbook.Options{})
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return wb
}

// applied is the plan p with the returned updates of date applied as
// Merge promises: an update at the date changed, or else added last.
func applied(p *plan.Plan, date time.Time, returned []Returned) *plan.Plan {
	var added []plan.Update
	for _, r := range returned {
		for i, a := range p.Actions {
			if a.No == r.Action && !r.Completed.IsZero() {
				p.Actions[i].Completed = r.Completed
			}
		}
		u := plan.Update{Action: r.Action, Date: date, Text: r.Text, RAG: r.RAG, ReturnedBy: r.ReturnedBy, ReturnedOn: r.ReturnedOn}
		found := false
		for i, old := range p.Updates {
			if old.Action == r.Action && old.Date.Equal(date) {
				if r.RAG == "" {
					u.RAG = old.RAG
				}
				p.Updates[i], found = u, true
			}
		}
		if !found {
			added = append(added, u)
		}
	}
	for _, a := range p.Actions { // added rows come in the Actions sheet's order
		for _, u := range added {
			if u.Action == a.No {
				p.Updates = append(p.Updates, u)
			}
		}
	}
	return p
}

// TestMerge merges returned updates into the rolled workbook and checks
// that the workbook then reads as the plan with them applied, and no more.
func TestMerge(t *testing.T) {
	lead := testPlan().Leads[0]
	tests := []struct {
		name     string
		change   func(f *excelize.File) // made to the rolled workbook first
		returned []Returned
		written  int
		cells    map[string]string // cells of the merged workbook and what they show
	}{
		{name: "update in place",
			returned: []Returned{{Action: "1.1", Text: "Measures agreed.\nWorkshop held. ", RAG: "a", ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Updates!C6": "Measures agreed.\nWorkshop held.", "Updates!D6": "A", "Updates!E6": lead, "Updates!F6": "24/07/2020", "Updates!A9": ""}},
		{name: "blank RAG leaves the RAG",
			returned: []Returned{{Action: "2.1", Text: "Rolled out.", ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Updates!C7": "Rolled out.", "Updates!D7": "A"}},
		{name: "add a missing row",
			change:   func(f *excelize.File) { must(t, f.RemoveRow("Updates", 7)) },
			returned: []Returned{{Action: "2.1", Text: "Rolled out.", RAG: "G", ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Updates!A8": "2.1", "Updates!B8": "31/07/2020", "Updates!C8": "Rolled out.", "Updates!D8": "G", "Updates!F8": "24/07/2020"}},
		{name: "added rows in the order of the actions",
			change: func(f *excelize.File) {
				must(t, f.RemoveRow("Updates", 8))
				must(t, f.RemoveRow("Updates", 6))
			},
			returned: []Returned{
				{Action: "10.2", Text: "Monitored.", RAG: "A", ReturnedBy: lead, ReturnedOn: collected},
				{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: lead, ReturnedOn: collected},
			},
			written: 2,
			cells:   map[string]string{"Updates!A7": "1.1", "Updates!A8": "10.2"}},
		{name: "set Completed",
			returned: []Returned{{Action: "10.2", Text: "ACTION COMPLETED.", RAG: "G", Completed: plan.Date(2020, time.July, 20), ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Actions!H5": "20/07/2020", "Updates!C8": "ACTION COMPLETED."}},
		{name: "only Completed differs",
			change: func(f *excelize.File) {
				setCell(t, f, "Updates", "E8", lead)
				setCell(t, f, "Updates", "F8", "24/07/2020")
			},
			returned: []Returned{{Action: "10.2", Text: "Being monitored.", RAG: "R", Completed: plan.Date(2020, time.July, 20), ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Actions!H5": "20/07/2020"}},
		{name: "add the Returned columns",
			change: func(f *excelize.File) {
				must(t, f.RemoveCol("Updates", "F"))
				must(t, f.RemoveCol("Updates", "E"))
			},
			returned: []Returned{{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Updates!E1": "Returned By", "Updates!F1": "Returned On", "Updates!E6": lead, "Updates!F6": "24/07/2020", "Updates!E7": ""}},
		{name: "add the Returned columns after a column without a header",
			change: func(f *excelize.File) {
				must(t, f.RemoveCol("Updates", "F"))
				must(t, f.RemoveCol("Updates", "E"))
				setCell(t, f, "Updates", "E3", "a note")
			},
			returned: []Returned{{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: lead, ReturnedOn: collected}},
			written:  1,
			cells:    map[string]string{"Updates!E3": "a note", "Updates!F1": "Returned By", "Updates!G1": "Returned On", "Updates!F6": lead}},
		{name: "add the Completed column",
			change: func(f *excelize.File) { must(t, f.RemoveCol("Actions", "H")) },
			returned: []Returned{
				{Action: "10.2", Text: "ACTION COMPLETED.", RAG: "G", Completed: plan.Date(2020, time.July, 20), ReturnedBy: lead, ReturnedOn: collected},
				{Action: "10.1", Text: "ACTION COMPLETED.", RAG: "G", Completed: plan.Date(2019, time.January, 17), ReturnedBy: lead, ReturnedOn: collected},
			},
			written: 2,
			cells:   map[string]string{"Actions!H1": "Completed", "Actions!H5": "20/07/2020", "Actions!H4": "17/01/2019", "Actions!H3": "", "Updates!A9": "10.1"}},
		{name: "nothing returned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := rolledBytes(t)
			if tt.change != nil {
				b = edit(t, b, tt.change)
			}
			src := inTempDir(t, b)
			res, err := Merge(src, src, year2, tt.returned, MergeOptions{})
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			if res.Written != tt.written || res.Dst != src {
				t.Errorf("Merge wrote %d updates to %s, want %d to %s", res.Written, res.Dst, tt.written, src)
			}
			got := readValid(t, src, workbook.Options{})
			for i := range tt.returned {
				tt.returned[i].Text = strings.TrimSpace(tt.returned[i].Text)
				tt.returned[i].RAG = strings.ToUpper(tt.returned[i].RAG)
			}
			if want := applied(located(t, b).Plan, year2, tt.returned); !samePlan(got, want) {
				t.Errorf("the merged workbook reads\n %+v\nwant\n %+v", got, want)
			}
			f, err := excelize.OpenFile(src)
			must(t, err)
			defer f.Close()
			for cell, shows := range tt.cells {
				sheet, ref, _ := strings.Cut(cell, "!")
				if v, _ := f.GetCellValue(sheet, ref); v != shows {
					t.Errorf("%s shows %q, want %q", cell, v, shows)
				}
			}
		})
	}
}

// TestMergeKeeps checks that Merge keeps what it does not merge: another
// sheet and its formula, formatting, a comment, column widths, frozen
// panes and the drop-down lists; and styles the columns it adds like the
// header.
func TestMergeKeeps(t *testing.T) {
	b := edit(t, rolledBytes(t), func(f *excelize.File) {
		_, err := f.NewSheet("Notes")
		must(t, err)
		must(t, f.SetCellFormula("Notes", "A1", "COUNTA(Updates!A:A)"))
		must(t, f.AddComment("Actions", excelize.Comment{Cell: "C2", Author: "Coordinator", Text: "Check with the Chair."}))
		style, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
		must(t, err)
		must(t, f.SetCellStyle("Updates", "C3", "C3", style))
		must(t, f.RemoveCol("Updates", "F"))
		must(t, f.RemoveCol("Updates", "E"))
	})
	src := inTempDir(t, b)
	dst := filepath.Join(filepath.Dir(src), "merged.xlsx")
	returned := []Returned{{Action: "1.1", Text: strings.Repeat("A point.\n", 40) + "The end.", RAG: "A", ReturnedBy: "Independent Chair of the CPC", ReturnedOn: collected}}
	if _, err := Merge(src, dst, year2, returned, MergeOptions{}); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	checkUntouched(t, src, b)
	before, err := excelize.OpenFile(src)
	must(t, err)
	defer before.Close()
	after, err := excelize.OpenFile(dst)
	must(t, err)
	defer after.Close()
	checkSheetsKept(t, before, after)
	if formula, _ := after.GetCellFormula("Notes", "A1"); formula != "COUNTA(Updates!A:A)" {
		t.Errorf("Notes!A1's formula is %q", formula)
	}
	if comments, _ := after.GetComments("Actions"); len(comments) != 1 || comments[0].Text != "Check with the Chair." && !strings.Contains(comments[0].Paragraph[0].Text, "Check with the Chair.") {
		t.Errorf("Actions' comments are %+v", comments)
	}
	for _, c := range []struct{ cell, like string }{{"C3", "C3"}, {"E1", "D1"}, {"F1", "D1"}, {"C6", "C5"}} {
		want, _ := before.GetCellStyle("Updates", c.like)
		if got, _ := after.GetCellStyle("Updates", c.cell); got != want {
			t.Errorf("Updates!%s has style %d, want %d, that of %s before", c.cell, got, want, c.like)
		}
	}
	if h, _ := after.GetRowHeight("Updates", 6); h != excelize.MaxRowHeight {
		t.Errorf("the row of a 41-line update is %v points tall, want Excel's maximum, %v", h, excelize.MaxRowHeight)
	}
}

// TestMergeIdempotent merges the same returned updates twice, in place and
// to another file: the second time leaves the file byte for byte as the
// first left it.
func TestMergeIdempotent(t *testing.T) {
	returned := []Returned{
		{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: "Independent Chair of the CPC", ReturnedOn: collected},
		{Action: "2.1", Text: "Rolled out.", RAG: "G", ReturnedBy: "Lead Nurse, Child Protection, NHS Tayside", ReturnedOn: collected},
		{Action: "10.2", Text: "ACTION COMPLETED.", RAG: "G", Completed: plan.Date(2020, time.July, 20), ReturnedBy: "Independent Chair of the CPC", ReturnedOn: collected},
	}
	b := edit(t, rolledBytes(t), func(f *excelize.File) {
		must(t, f.RemoveRow("Updates", 7))
		must(t, f.RemoveCol("Updates", "F"))
		must(t, f.RemoveCol("Updates", "E"))
	})
	for _, password := range []string{"", "secret"} {
		name := "in place"
		workbookBytes := b
		if password != "" {
			// An encrypted workbook is never written twice the same, so
			// only leaving it alone keeps it as it was.
			name, workbookBytes = "in place, password-protected", encrypted(t, b, password)
		}
		t.Run(name, func(t *testing.T) {
			src := inTempDir(t, workbookBytes)
			opt := MergeOptions{Options: workbook.Options{Password: password}}
			if res, err := Merge(src, src, year2, returned, opt); err != nil || res.Written != 3 {
				t.Fatalf("first Merge: %+v, %v", res, err)
			}
			first, err := os.ReadFile(src)
			must(t, err)
			long := time.Date(2001, time.January, 1, 0, 0, 0, 0, time.UTC)
			must(t, os.Chtimes(src, long, long))
			res, err := Merge(src, src, year2, returned, opt)
			if err != nil || res.Written != 0 {
				t.Fatalf("second Merge: %+v, %v; want nothing written", res, err)
			}
			checkUntouched(t, src, first)
			if info, err := os.Stat(src); err != nil || !info.ModTime().Equal(long) {
				t.Errorf("the second Merge wrote the workbook again (modified %v)", info.ModTime())
			}
		})
	}
	t.Run("to another file", func(t *testing.T) {
		src := inTempDir(t, b)
		dst := filepath.Join(filepath.Dir(src), "merged.xlsx")
		if _, err := Merge(src, dst, year2, returned, MergeOptions{}); err != nil {
			t.Fatalf("first Merge: %v", err)
		}
		first, err := os.ReadFile(dst)
		must(t, err)
		if _, err := Merge(src, dst, year2, returned, MergeOptions{}); err != nil {
			t.Fatalf("second Merge, to the file the first wrote: %v", err)
		}
		checkUntouched(t, dst, first)
		checkUntouched(t, src, b)
		if _, err := Merge(dst, dst, year2, returned, MergeOptions{}); err != nil {
			t.Fatalf("Merge into the merged file: %v", err)
		}
		checkUntouched(t, dst, first)
	})
}

// TestMergeDestination checks where Merge writes: in place, replacing the
// workbook (and nothing else beside it); to another file, leaving the
// workbook as it was; never over another file unless asked.
func TestMergeDestination(t *testing.T) {
	returned := []Returned{{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: "Independent Chair of the CPC", ReturnedOn: collected}}
	b := rolledBytes(t)
	t.Run("in place", func(t *testing.T) {
		src := inTempDir(t, b)
		if _, err := Merge(src, src, year2, returned, MergeOptions{}); err != nil {
			t.Fatalf("Merge: %v", err)
		}
		if got := readValid(t, src, workbook.Options{}); updatesAt(got, year2)["1.1"].Text != "Agreed." {
			t.Error("the workbook was not merged into")
		}
		if names := dirNames(t, filepath.Dir(src)); len(names) != 1 {
			t.Errorf("the folder holds %v, want only the workbook", names)
		}
	})
	t.Run("out", func(t *testing.T) {
		src := inTempDir(t, b)
		dst := filepath.Join(filepath.Dir(src), "merged.xlsx")
		if _, err := Merge(src, dst, year2, returned, MergeOptions{}); err != nil {
			t.Fatalf("Merge: %v", err)
		}
		checkUntouched(t, src, b)
		if got := readValid(t, dst, workbook.Options{}); updatesAt(got, year2)["1.1"].Text != "Agreed." {
			t.Error("merged.xlsx does not hold the returned update")
		}
	})
	t.Run("refuses to overwrite", func(t *testing.T) {
		src := inTempDir(t, b)
		dst := filepath.Join(filepath.Dir(src), "other.xlsx")
		must(t, os.WriteFile(dst, []byte("another file"), 0o644))
		_, err := Merge(src, dst, year2, returned, MergeOptions{})
		if !errors.Is(err, ErrExists) {
			t.Fatalf("Merge over another file: %v, want ErrExists", err)
		}
		checkUntouched(t, dst, []byte("another file"))
		checkUntouched(t, src, b)
		if _, err := Merge(src, dst, year2, returned, MergeOptions{Overwrite: true}); err != nil {
			t.Fatalf("Merge with Overwrite: %v", err)
		}
		if got := readValid(t, dst, workbook.Options{}); updatesAt(got, year2)["1.1"].Text != "Agreed." {
			t.Error("Overwrite did not replace the file")
		}
	})
}

// TestMergeRefuses checks each reason Merge refuses, and that then nothing
// is written and the workbook is left as it was.
func TestMergeRefuses(t *testing.T) {
	lead := "Independent Chair of the CPC"
	ok := Returned{Action: "1.1", Text: "Agreed.", RAG: "A", ReturnedBy: lead, ReturnedOn: collected}
	with := func(change func(r *Returned)) []Returned {
		r := ok
		change(&r)
		return []Returned{r}
	}
	rolled := rolledBytes(t)
	tests := []struct {
		name     string
		workbook []byte
		date     time.Time
		returned []Returned
		want     error
		says     string
	}{
		{"RAG outside the scale", rolled, year2, with(func(r *Returned) { r.RAG = "Purple" }), workbook.ErrInvalid,
			"merging the returned updates would leave %s with 1 error(s), so nothing was written:\nUpdates!D6: \"Purple\" is not a RAG value"},
		{"completed before added", rolled, year2, with(func(r *Returned) { r.Completed = plan.Date(2018, time.January, 1) }), workbook.ErrInvalid,
			"Actions!H2: action 1.1 is marked completed on 01/01/2018, before it was added on 03/10/2018"},
		{"an error the workbook had", edit(t, rolled, func(f *excelize.File) { setCell(t, f, "Updates", "D3", "Purple") }), year2,
			[]Returned{ok}, workbook.ErrInvalid, "Updates!D3: \"Purple\" is not a RAG value"},
		{"an error the workbook had, nothing returned", edit(t, rolled, func(f *excelize.File) { setCell(t, f, "Updates", "D3", "Purple") }), year2,
			nil, workbook.ErrInvalid, "Updates!D3: \"Purple\" is not a RAG value"},
		{"a missing row not returned", edit(t, rolled, func(f *excelize.File) { must(t, f.RemoveRow("Updates", 7)) }), year2,
			[]Returned{ok}, workbook.ErrInvalid, "action 2.1 is open but has no update for the report of 31/07/2020"},
		{"a missing column", edit(t, rolled, func(f *excelize.File) { must(t, f.RemoveCol("Updates", "C")) }), year2,
			[]Returned{ok}, workbook.ErrInvalid, "has 1 error(s); correct them before merging the returned updates:\nUpdates: the header row (row 1) has no \"Progress / Update\" column"},
		{"unknown action", rolled, year2, with(func(r *Returned) { r.Action = "9.9" }), workbook.ErrUnknownAction,
			"has no action 9.9 in its Actions sheet"},
		{"action returned twice", rolled, year2, []Returned{ok, ok}, nil, "action 1.1 is returned twice"},
		{"no report point", rolled, plan.Date(2020, time.August, 1), []Returned{ok}, workbook.ErrUnknownReport,
			"01/08/2020 is not the date of a report point"},
		{"text too long", rolled, year2, with(func(r *Returned) { r.Text = strings.Repeat("x", excelize.TotalCellChars+1) }), ErrTooLong,
			"action 1.1's returned update has 32,768 characters, more than the 32,767 characters an Excel cell holds, so %s was not changed"},
		{"not a workbook", []byte("not a workbook"), year2, []Returned{ok}, xlsx.ErrNotWorkbook, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := inTempDir(t, tt.workbook)
			_, err := Merge(src, src, tt.date, tt.returned, MergeOptions{})
			says := strings.ReplaceAll(tt.says, "%s", src)
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) || !strings.Contains(err.Error(), says) {
				t.Fatalf("Merge: %v, want %v saying %q", err, tt.want, says)
			}
			checkUntouched(t, src, tt.workbook)
			if names := dirNames(t, filepath.Dir(src)); len(names) != 1 {
				t.Errorf("the folder holds %v, want only the workbook", names)
			}
		})
	}
}
