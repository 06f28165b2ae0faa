package round

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/schema"
)

// openForm opens a form's bytes with excelize.
func openForm(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the form: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// part returns a part of the form's package.
func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("the form has no part %s", name)
	return ""
}

func cell(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	name, _ := excelize.CoordinatesToCellName(col, row)
	v, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// headerAt finds the header row of the form's sheet.
func headerAt(t *testing.T, f *excelize.File) int {
	t.Helper()
	rows, err := f.GetRows(FormSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if slices.Equal(r, Headers) {
			return i + 1
		}
	}
	t.Fatalf("no header row %q on %s", Headers, FormSheet)
	return 0
}

func TestFormReadBack(t *testing.T) {
	p := rolledPlan()
	a := coLed(t, p, yearTwo)
	lead := a.Leads[1]
	// The coordinator has already changed one carried update at the point:
	// the form sends that text, and records it.
	for i, u := range p.Updates {
		if u.Action == a.No && u.Date.Equal(yearTwo) {
			p.Updates[i].Text, p.Updates[i].RAG = "Changed by the coordinator.", "R"
		}
	}
	returnBy := plan.Date(2020, time.July, 17)
	data := writeForm(t, p, yearTwo, lead, FormOptions{ReturnBy: returnBy})
	f := openForm(t, data)

	t.Run("identity", func(t *testing.T) {
		want := map[string]string{KeyVersion: FormVersion, KeyPlan: p.Title, KeyPlanID: PlanID(p),
			KeyPoint: "2020-07-31", KeyPointName: "Year 2 Progress / Update Report", KeyLead: lead, KeyReturnBy: "2020-07-17"}
		got := map[string]string{}
		for row := 1; row < SentFirstRow; row++ {
			if k := cell(t, f, IdentitySheet, 1, row); k != "" {
				got[k] = cell(t, f, IdentitySheet, 2, row)
			}
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if vis, _ := f.GetSheetVisible(IdentitySheet); vis {
			t.Errorf("%s is visible", IdentitySheet)
		}
		if wb := part(t, data, "xl/workbook.xml"); !regexp.MustCompile(`<sheet name="planreport"[^>]* state="veryHidden"`).MatchString(wb) {
			t.Errorf("%s is not very hidden: %s", IdentitySheet, wb)
		}
		if idx, _ := f.GetSheetIndex(FormSheet); f.GetActiveSheetIndex() != idx {
			t.Errorf("the active sheet is %d, not the form's %d", f.GetActiveSheetIndex(), idx)
		}
	})

	rows := Rows(p, yearTwo, lead)
	hdr := headerAt(t, f)
	t.Run("rows", func(t *testing.T) {
		if len(rows) == 0 {
			t.Fatal("the lead has no rows")
		}
		for i, r := range rows {
			row := hdr + 1 + i
			if got := cell(t, f, FormSheet, 1, row); got != r.Action.No {
				t.Errorf("row %d: No %q, want %q", row, got, r.Action.No)
			}
			if got := cell(t, f, FormSheet, 2, row); got != r.Action.Text {
				t.Errorf("row %d: Action %q, want %q", row, got, r.Action.Text)
			}
			if r.Action.No == a.No {
				if got := cell(t, f, FormSheet, 3, row); got != a.Leads[0] {
					t.Errorf("row %d: Co-leads %q, want %q", row, got, a.Leads[0])
				}
				if got := cell(t, f, FormSheet, 8, row); got != "Changed by the coordinator." {
					t.Errorf("row %d: Update %q, want the coordinator's", row, got)
				}
				if got := cell(t, f, FormSheet, 9, row); got != "R" {
					t.Errorf("row %d: RAG %q, want R", row, got)
				}
			}
			if got := cell(t, f, FormSheet, 6, row); got != r.Last.Text || r.Last.Text == "" {
				t.Errorf("row %d: Last update %q, want the year 1 update %q", row, got, r.Last.Text)
			}
			if got := cell(t, f, IdentitySheet, 1, SentFirstRow+i); got != r.Action.No {
				t.Errorf("%s!A%d = %q, want %q", IdentitySheet, SentFirstRow+i, got, r.Action.No)
			}
			if got := cell(t, f, IdentitySheet, 2, SentFirstRow+i); got != r.Sent.Text {
				t.Errorf("%s!B%d = %q, want %q", IdentitySheet, SentFirstRow+i, got, r.Sent.Text)
			}
		}
		if got := cell(t, f, FormSheet, 1, hdr+1+len(rows)); got != "" {
			t.Errorf("a row after the lead's actions: %q", got)
		}
		var want []string
		for _, x := range p.Actions {
			if x.Open(yearTwo) && slices.Contains(x.Leads, lead) {
				want = append(want, x.No)
			}
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Action.No)
		}
		if !slices.Equal(got, want) {
			t.Errorf("rows %v, want the lead's open actions %v", got, want)
		}
	})

	t.Run("instructions", func(t *testing.T) {
		var top []string
		for row := 1; row < hdr; row++ {
			top = append(top, cell(t, f, FormSheet, 1, row))
		}
		text := strings.Join(top, "\n")
		for _, s := range []string{"Update form: " + p.Title, "For: " + lead, "by 17 July 2020", "Alt+Enter", "R (Red)"} {
			if !strings.Contains(text, s) {
				t.Errorf("the instructions do not say %q:\n%s", s, text)
			}
		}
	})

	t.Run("locked cells", func(t *testing.T) {
		for i := range rows {
			for c, h := range Headers {
				name, _ := excelize.CoordinatesToCellName(c+1, hdr+1+i)
				id, err := f.GetCellStyle(FormSheet, name)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				locked := st.Protection == nil || st.Protection.Locked
				if editable := slices.Contains(Editable, h); locked == editable {
					t.Errorf("%s (%s): locked %v", name, h, locked)
				}
			}
		}
		for _, name := range []string{"A1", "A4", fmt.Sprintf("H%d", hdr)} {
			id, _ := f.GetCellStyle(FormSheet, name)
			if st, _ := f.GetStyle(id); st.Protection != nil && !st.Protection.Locked {
				t.Errorf("%s is unlocked", name)
			}
		}
	})

	t.Run("protection", func(t *testing.T) {
		sheet := part(t, data, "xl/worksheets/sheet1.xml")
		i := strings.Index(sheet, "<sheetProtection")
		if i < 0 {
			t.Fatal("the form's sheet is not protected")
		}
		prot := sheet[i : i+strings.Index(sheet[i:], ">")]
		if !strings.Contains(prot, `sheet="true"`) || strings.Contains(prot, "assword") || strings.Contains(prot, "hashValue") {
			t.Errorf("want protected without a password: %s", prot)
		}
		for _, attr := range []string{`formatColumns="true"`, `formatRows="true"`, `selectLockedCells="true"`} {
			if strings.Contains(prot, attr) {
				t.Errorf("protection forbids %s: %s", attr, prot)
			}
		}
	})

	t.Run("validation", func(t *testing.T) {
		dvs, err := f.GetDataValidations(FormSheet)
		if err != nil {
			t.Fatal(err)
		}
		last := hdr + len(rows)
		byRange := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			byRange[dv.Sqref] = dv
		}
		list := byRange[fmt.Sprintf("I%d:I%d", hdr+1, last)]
		if list == nil || list.Type != "list" || list.Formula1 != `"R,Red,A,Amber,G,Green"` {
			t.Errorf("RAG validation %+v; want a list of the scale's codes and names (all: %v)", list, dvs)
		}
		date := byRange[fmt.Sprintf("J%d:J%d", hdr+1, last)]
		if date == nil || date.Type != "date" || date.Formula2 != fmt.Sprint(serial(yearTwo)) {
			t.Errorf("Completed validation %+v; want dates up to the point %d", date, serial(yearTwo))
		}
	})

	t.Run("header kept in view", func(t *testing.T) {
		panes, err := f.GetPanes(FormSheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != hdr {
			t.Errorf("panes %+v; want frozen below row %d", panes, hdr)
		}
	})
}

func TestFormScale(t *testing.T) {
	scale := rag.Scale{Values: []rag.Value{{Code: "Off", Name: "off"}, {Code: "1", Name: "On track"}}}
	if got := ragChoices(scale); !slices.Equal(got, []string{"Off", "1", "On track"}) {
		t.Errorf("ragChoices = %q", got)
	}
}

func TestFormIsDeterministic(t *testing.T) {
	p := rolledPlan()
	lead := coLed(t, p, yearTwo).Leads[0]
	one := writeForm(t, p, yearTwo, lead, FormOptions{})
	two := writeForm(t, p, yearTwo, lead, FormOptions{})
	if !bytes.Equal(one, two) {
		t.Fatal("two forms of the same plan differ")
	}
	if core := part(t, one, "docProps/core.xml"); !strings.Contains(core, "2020-07-31T00:00:00Z") {
		t.Errorf("the properties are not dated the report point: %s", core)
	}
	when := time.Date(2020, time.August, 3, 10, 0, 0, 0, time.UTC)
	core := part(t, writeForm(t, p, yearTwo, lead, FormOptions{Modified: when}), "docProps/core.xml")
	if !strings.Contains(core, "2020-08-03T10:00:00Z") {
		t.Errorf("the properties are not dated Modified: %s", core)
	}
}

func TestFormRowHeights(t *testing.T) {
	p := rolledPlan()
	a := coLed(t, p, yearTwo)
	long := strings.Repeat("A point of the update.\n", 60)
	for i, u := range p.Updates {
		if u.Action == a.No && u.Date.Equal(yearTwo) {
			p.Updates[i].Text = long
		}
	}
	f := openForm(t, writeForm(t, p, yearTwo, a.Leads[0], FormOptions{}))
	hdr := headerAt(t, f)
	for i, r := range Rows(p, yearTwo, a.Leads[0]) {
		h, err := f.GetRowHeight(FormSheet, hdr+1+i)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case r.Action.No == a.No && h != excelize.MaxRowHeight:
			t.Errorf("row of %s: height %v, want the cap %d", a.No, h, excelize.MaxRowHeight)
		case h > excelize.MaxRowHeight:
			t.Errorf("row of %s: height %v", r.Action.No, h)
		case schema.TextLines(r.Carried, 55) > 1 && h <= schema.LineHeight:
			t.Errorf("row of %s: height %v for %d lines", r.Action.No, h, schema.TextLines(r.Carried, 55))
		}
	}
}

func TestFormNoSuchPoint(t *testing.T) {
	p := rolledPlan()
	err := WriteForm(io.Discard, p, plan.Date(2021, time.January, 1), p.Leads[0], FormOptions{})
	if err == nil || !strings.Contains(err.Error(), "2021-01-01") {
		t.Errorf("err = %v; want one naming the missing point", err)
	}
}
