package planbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/workbook"
)

// longText is prose of exactly n characters, with semicolons in it.
func longText(n int) string {
	const sentence = "Risk register drafted but not yet agreed by the Committee; to be presented at the next meeting. "
	return strings.TrimSpace(strings.Repeat(sentence, n/len(sentence)+1)[:n-1]) + "."
}

func TestCellChars(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"é", 1}, {"中文", 2}, {"😀", 2}, {"a😀b", 4},
	} {
		if got := cellChars(tt.s); got != tt.want {
			t.Errorf("cellChars(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestWriteTooLong checks that Write refuses a text longer than a cell
// holds, in one sentence naming the action and where the text was read
// from, and writes nothing; and that the longest text a cell holds is
// written whole.
func TestWriteTooLong(t *testing.T) {
	limit := excelize.TotalCellChars
	tests := []struct {
		name   string
		change func(p *plan.Plan)
		says   []string // what the error says, in order; none for a plan written whole
	}{
		{"an update at the limit", func(p *plan.Plan) { p.Updates[1].Text = longText(limit) }, nil},
		{"a list of 40 lines", func(p *plan.Plan) {
			p.Updates[1].Text = strings.TrimSuffix(strings.Repeat("A point; with a semicolon.\n", 40), "\n")
		}, nil},
		{"an update one over the limit, read from a Word report", func(p *plan.Plan) {
			p.Updates[1].Text, p.Updates[1].Where = longText(limit+1), "table 3, row 4"
		}, []string{"action 2.1's update of 31/07/2019 (table 3, row 4) has 32,768 characters, more than the 32,767 characters an Excel cell holds, so no workbook was written; shorten it and try again"}},
		{"emoji, counted as Excel counts them", func(p *plan.Plan) {
			p.Updates[0].Text = strings.Repeat("😀", limit/2+1) // 16,384 characters, 32,768 as Excel counts
		}, []string{"action 1.1's update of 31/07/2019 has 32,768 characters"}},
		{"an action's text read from a sheet", func(p *plan.Plan) {
			p.Actions[2].Text, p.Actions[2].Cells.Text = longText(40000), "Plan!C9"
		}, []string{"action 10.1's text (Plan!C9) has 40,000 characters"}},
		{"an action's leads", func(p *plan.Plan) {
			p.Actions[0].Leads = []string{longText(20000), longText(20000)}
		}, []string{"action 1.1's strategic leads has 40,001 characters"}},
		{"every text too long, each named", func(p *plan.Plan) {
			p.Title = longText(limit + 1)
			p.Outcomes[1].Description = longText(limit + 1)
			p.Maintenance[0].Text = longText(limit + 1)
			p.Updates[3].Text = longText(limit + 1)
		}, []string{"the plan's Title has", "\noutcome 2's description has", "\naction 10.2's update of 31/07/2019 has", "\nmaintenance task 1's text has"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			tt.change(p)
			var buf bytes.Buffer
			err := Write(&buf, p, WriteOptions{})
			if len(tt.says) == 0 {
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				got, problems, err := readBytes(t, buf.Bytes(), workbook.Options{})
				if err != nil || len(problems) > 0 {
					t.Fatalf("Read: %v\n%v", err, problems)
				}
				if !samePlan(got, p) {
					t.Error("the plan read back differs from the one written")
				}
				return
			}
			if !errors.Is(err, ErrTooLong) {
				t.Fatalf("Write: %v, want ErrTooLong", err)
			}
			if !containsInOrder(err.Error(), tt.says) {
				t.Errorf("Write: %q, want it to say %q", err, tt.says)
			}
			if lines := strings.Count(err.Error(), "\n") + 1; lines != len(tt.says) {
				t.Errorf("Write: %d lines, want one for each of %d texts", lines, len(tt.says))
			}
			if buf.Len() > 0 {
				t.Errorf("Write wrote %d bytes, want none", buf.Len())
			}
		})
	}
}

// containsInOrder reports whether s holds each of parts, in order.
func containsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// replaceInParts returns a copy of a workbook's bytes with old replaced by
// new in every part, as a producer other than Excel might write it.
func replaceInParts(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	replaced := false
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		must(t, err)
		if bytes.Contains(data, []byte(old)) {
			data, replaced = bytes.ReplaceAll(data, []byte(old), []byte(new)), true
		}
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(data)
		must(t, err)
	}
	must(t, zw.Close())
	if !replaced {
		t.Fatalf("no part holds %q", old)
	}
	return out.Bytes()
}

// TestRollTooLong checks that Roll refuses to carry forward an update
// longer than a cell holds, which a program other than Excel may have
// written, naming the action and the cell, and leaves everything as it
// was; and that it carries the longest text a cell holds whole.
func TestRollTooLong(t *testing.T) {
	limit := excelize.TotalCellChars
	const marker = "MARKER-TEXT"
	p := testPlan()
	p.Updates[1].Text = marker // action 2.1, Updates!C3
	written := writeBytes(t, p)
	tests := []struct {
		name  string
		text  string // the XML of the update's text
		point plan.ReportPoint
		says  string // what the error says; "" for a roll that works
	}{
		{"at the limit", longText(limit), year2Point, ""},
		{"over the limit", longText(limit + 1), year2Point,
			"action 2.1's update of 31/07/2019 (Updates!C3) has 32,768 characters, more than the 32,767 characters an Excel cell holds, so "},
		// 2,000 lines of 10 characters and 14,000 more: 32,000 characters as
		// read, with each CR LF one line break, and 34,000 as written.
		{"over the limit only as written, with CR LF line breaks", strings.Repeat("A point.&#13;\n", 2000) + longText(14000), year2Point,
			"action 2.1's update of 31/07/2019 (Updates!C3) has 34,000 characters"},
		{"a name over the limit", "Short.", plan.ReportPoint{Date: year2, Name: longText(limit + 1)},
			"the new report point's name has 32,768 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := replaceInParts(t, written, marker, tt.text)
			src := inTempDir(t, b)
			res, err := Roll(src, "", tt.point, RollOptions{})
			if tt.says == "" {
				if err != nil {
					t.Fatalf("Roll: %v", err)
				}
				rolled := readValid(t, res.Dst, workbook.Options{})
				if got := updatesAt(rolled, year2)["2.1"].Text; got != tt.text {
					t.Errorf("the update carried forward has %d characters, want %d", cellChars(got), cellChars(tt.text))
				}
				return
			}
			if !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Roll: %v\nwant one line wrapping ErrTooLong, saying %q", err, tt.says)
			}
			checkUntouched(t, src, b)
			if names := dirNames(t, filepath.Dir(src)); len(names) != 1 {
				t.Errorf("the folder holds %v, want only the workbook", names)
			}
			// Nor in place.
			if _, err := Roll(src, src, tt.point, RollOptions{}); !errors.Is(err, ErrTooLong) {
				t.Errorf("Roll in place: %v, want ErrTooLong", err)
			}
			checkUntouched(t, src, b)
			if _, err := os.Stat(src); err != nil {
				t.Error(err)
			}
		})
	}
}
