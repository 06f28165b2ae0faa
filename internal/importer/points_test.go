package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/report"
)

// committee is a point with a semicolon inside, as an officer writes one.
const committee = "Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting."

// TestUpdatePoints checks that an update cell's points are written so that
// they split back into the same points, a semicolon inside a point
// staying text, whether points at ";" are split or not.
func TestUpdatePoints(t *testing.T) {
	tests := []struct {
		name  string
		paras []docPara
		text  string
		want  []string
	}{
		{"one point with a semicolon", []docPara{{text: committee}},
			strings.ReplaceAll(committee, ";", `\;`), []string{committee}},
		{"list items with semicolons", []docPara{{text: committee, list: true}, {text: "Terms agreed; published.", list: true}},
			committee + "\nTerms agreed; published.", []string{committee, "Terms agreed; published."}},
		{"typed bullets and a soft line break", []docPara{{text: "• " + committee + "\n• a; b"}},
			committee + "\na; b", []string{committee, "a; b"}},
		{"one point", []docPara{{text: "Work in Progress / Ongoing."}},
			"Work in Progress / Ongoing.", []string{"Work in Progress / Ongoing."}},
		{"none", []docPara{{text: " • "}}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := points(docCell{paras: tt.paras})
			if got != tt.text {
				t.Errorf("points = %q, want %q", got, tt.text)
			}
			if back := report.SplitPoints(got); !reflect.DeepEqual(back, tt.want) {
				t.Errorf("split back as %q, want %q", back, tt.want)
			}
			if back := report.SplitLines(got); !reflect.DeepEqual(back, tt.want) {
				t.Errorf("split back at line breaks only as %q, want %q", back, tt.want)
			}
		})
	}
}

// TestWordReportPointWithSemicolon imports a report whose list item holds
// a semicolon: the workbook's update has it inside a line, as text.
func TestWordReportPointWithSemicolon(t *testing.T) {
	body := strings.Replace(wordReport(), "Measures mapped.", committee, 1)
	p, _, err := File(writeDocx(t, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range p.Updates {
		if u.Action != "1.1" {
			continue
		}
		if want := []string{committee, "Workshop planned."}; !reflect.DeepEqual(report.SplitPoints(u.Text), want) {
			t.Errorf("1.1's update %q splits into %q, want %q", u.Text, report.SplitPoints(u.Text), want)
		}
		return
	}
	t.Error("no update of 1.1 imported")
}
