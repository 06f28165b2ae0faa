package sample_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/sample"
)

var (
	published = plan.Date(2018, time.October, 3)
	yearOne   = plan.Date(2019, time.July, 31)
)

func TestCounts(t *testing.T) {
	p := sample.Plan()
	tests := []struct {
		name      string
		got, want int
	}{
		{"reports", len(p.Reports), 2},
		{"outcomes", len(p.Outcomes), 12},
		{"actions", len(p.Actions), 17},
		{"updates", len(p.Updates), 17},
		{"leads", len(p.Leads), 10},
		{"maintenance tasks", len(p.Maintenance), 10},
		{"recipients", len(p.Distribution), 3},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	p := sample.Plan()
	tests := []struct{ name, got, want string }{
		{"Title", p.Title, "CPC Improvement Plan 2018 – 2020"},
		{"ShortTitle", p.ShortTitle, "CPC Improvement Plan 2018 – 2020"},
		{"Organisation", p.Organisation, "Perth and Kinross Child Protection Committee"},
		{"MaintenanceTitle", p.MaintenanceTitle, "Ongoing / Maintenance Actions / Tasks 2018 – 2020"},
		{"MaintenanceNote", p.MaintenanceNote, "Monitor by Thematic Progress Reporting to CPC"},
		{"FirstPublished", report.LongDate(p.FirstPublished), "3 October 2018"},
		{"report 1", report.ShortDate(p.Reports[0].Date) + " " + p.Reports[0].Name, "03/10/2018 Publication Date"},
		{"report 2", report.ShortDate(p.Reports[1].Date) + " " + p.Reports[1].Name, "31/07/2019 Year 1 Progress / Update Report"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestOutcomeThemes(t *testing.T) {
	const (
		outcomes   = "What key outcomes have we achieved?"
		needs      = "How well do we meet the needs of our stakeholders?"
		delivery   = "How good is our delivery of services for children, young people and families?"
		management = "How good is our management?"
		leadership = "How good is our leadership?"
	)
	want := []struct{ number, theme string }{
		{"1", outcomes}, {"2", needs}, {"3", needs}, {"4", needs},
		{"5", delivery}, {"6", delivery}, {"7", delivery}, {"8", delivery}, {"9", delivery}, {"10", delivery},
		{"11", management}, {"12", leadership},
	}
	got := sample.Plan().Outcomes
	if len(got) != len(want) {
		t.Fatalf("got %d outcomes, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Number != w.number || got[i].Theme != w.theme {
			t.Errorf("outcome %d: got %q under %q, want %q under %q", i, got[i].Number, got[i].Theme, w.number, w.theme)
		}
	}
}

func TestOutcomeDescriptions(t *testing.T) {
	tests := []struct{ number, prefix, suffix string }{
		{"1", "Use of multi-agency performance information", "underpins our self-evaluation and improvement"},
		{"3", "Coordinated help and support to pregnant women and their families ensures", "of infants in the first year of life"},
		{"8", "High quality assessment frameworks", "formulating plans to protect children and young people"},
		{"12", "The work of the Chief Officers' Group; the Chief Social Work Officer", "compliant with national guidance"},
	}
	byNumber := map[string]string{}
	for _, o := range sample.Plan().Outcomes {
		byNumber[o.Number] = o.Description
	}
	for _, tt := range tests {
		d := byNumber[tt.number]
		if !strings.HasPrefix(d, tt.prefix) || !strings.HasSuffix(d, tt.suffix) {
			t.Errorf("outcome %s: got %q, want %q … %q", tt.number, d, tt.prefix, tt.suffix)
		}
	}
}

// TestReportThemes checks the report model groups the outcomes under the
// five themes in the order the seed prints them.
func TestReportThemes(t *testing.T) {
	r := build(t)
	want := []string{
		"What key outcomes have we achieved?",
		"How well do we meet the needs of our stakeholders?",
		"How good is our delivery of services for children, young people and families?",
		"How good is our management?",
		"How good is our leadership?",
	}
	var got []string
	for _, th := range r.Themes {
		got = append(got, th.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("themes:\ngot  %q\nwant %q", got, want)
	}
}

func TestActionNumbers(t *testing.T) {
	want := []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "6.1", "7.1", "8.1", "9.1", "10.1", "10.2", "11.1", "12.1"}
	var got []string
	for _, a := range sample.Plan().Actions {
		got = append(got, a.No)
	}
	if !slices.Equal(got, want) {
		t.Errorf("actions:\ngot  %q\nwant %q", got, want)
	}
}

func TestActionsReferToOutcomes(t *testing.T) {
	p := sample.Plan()
	for _, a := range p.Actions {
		if !strings.HasPrefix(a.No, a.Outcome+".") {
			t.Errorf("action %s: outcome %q does not match its number", a.No, a.Outcome)
		}
		if !slices.ContainsFunc(p.Outcomes, func(o plan.Outcome) bool { return o.Number == a.Outcome }) {
			t.Errorf("action %s: outcome %q is not in Outcomes", a.No, a.Outcome)
		}
		if strings.HasPrefix(a.Text, a.No) {
			t.Errorf("action %s: text keeps its number: %q", a.No, a.Text)
		}
	}
}

func TestLeads(t *testing.T) {
	p := sample.Plan()
	for _, a := range p.Actions {
		if len(a.Leads) == 0 {
			t.Errorf("action %s has no lead", a.No)
		}
		for _, l := range a.Leads {
			if !slices.Contains(p.Leads, l) {
				t.Errorf("action %s: lead %q is not in Leads", a.No, l)
			}
		}
	}
	for i, l := range p.Leads {
		if slices.Contains(p.Leads[:i], l) {
			t.Errorf("lead %q is listed twice", l)
		}
	}
}

func TestJointLeads(t *testing.T) {
	tests := []struct {
		action string
		leads  []string
	}{
		{"3.1", []string{"PKC ECS and NHS Tayside"}},
		{"3.2", []string{"Lead Nurse, Child Protection, NHS Tayside"}},
		{"4.1", []string{
			"Head of Service Perth and Kinross Council Children, Young People and Families Service",
			"Lead Nurse (Named Person Service) Women Children & Families Division NHS Tayside",
		}},
		{"6.1", []string{"CPC Inter-Agency Child Protection Coordinator", "Perth and Kinross Council Legal Services"}},
		{"10.1", []string{
			"Service Manager (Fieldwork Services) Services for Children, Young People and Families",
			"Chief Midwife",
			"Lead Nurse (Named Person Service) Women Children & Families Division NHS Tayside",
		}},
		{"11.1", []string{"Independent Chair of the CPC", "CPC Inter-Agency Child Protection Coordinator"}},
		{"12.1", []string{"Independent Chair of the CPC", "CPC Inter-Agency Child Protection Coordinator"}},
	}
	actions := actionsByNo(sample.Plan())
	for _, tt := range tests {
		if got := actions[tt.action].Leads; !slices.Equal(got, tt.leads) {
			t.Errorf("action %s leads:\ngot  %q\nwant %q", tt.action, got, tt.leads)
		}
	}
}

var longDate = regexp.MustCompile(`\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b`)

// TestDueIsFirstTimescaleDate checks each due date against the first date
// written in the action's timescale.
func TestDueIsFirstTimescaleDate(t *testing.T) {
	for _, a := range sample.Plan().Actions {
		written := longDate.FindString(a.Timescale)
		if got := report.LongDate(a.Due); got != written {
			t.Errorf("action %s: due %s, timescale %q", a.No, got, a.Timescale)
		}
	}
}

func TestTimescales(t *testing.T) {
	tests := []struct{ action, timescale string }{
		{"1.1", "By 30 November 2019"},
		{"2.1", "By 31 March 2019\nOngoing 2019 / 2020"},
		{"2.2", "By 31 March 2019\nOngoing 2019 / 2020"},
		{"3.1", "By 31 December 2020 (Longer Term Initiative – Ongoing)"},
		{"6.1", "By 31 October 2018"},
	}
	actions := actionsByNo(sample.Plan())
	for _, tt := range tests {
		if got := actions[tt.action].Timescale; got != tt.timescale {
			t.Errorf("action %s: timescale %q, want %q", tt.action, got, tt.timescale)
		}
	}
}

func TestAddedAndCompleted(t *testing.T) {
	completed := map[string]time.Time{
		"4.2": yearOne,
		"6.1": plan.Date(2019, time.January, 17),
	}
	for _, a := range sample.Plan().Actions {
		if !a.Added.Equal(published) {
			t.Errorf("action %s: added %s, want %s", a.No, report.LongDate(a.Added), report.LongDate(published))
		}
		if want := completed[a.No]; !a.Completed.Equal(want) {
			t.Errorf("action %s: completed %v, want %v", a.No, a.Completed, want)
		}
	}
}

func TestUpdates(t *testing.T) {
	amber := []string{"3.1", "8.1", "9.1", "10.1", "10.2"}
	scale := rag.Default()
	p := sample.Plan()
	for _, a := range p.Actions {
		var found []plan.Update
		for _, u := range p.Updates {
			if u.Action == a.No && u.Date.Equal(yearOne) {
				found = append(found, u)
			}
		}
		if len(found) != 1 {
			t.Errorf("action %s: %d updates at 31 July 2019, want 1", a.No, len(found))
			continue
		}
		u := found[0]
		if _, ok := scale.Parse(u.RAG); !ok {
			t.Errorf("action %s: RAG %q is not on the default scale", a.No, u.RAG)
		}
		want := "G"
		if slices.Contains(amber, a.No) {
			want = "A"
		}
		if u.RAG != want {
			t.Errorf("action %s: RAG %q, want %q", a.No, u.RAG, want)
		}
	}
	for _, u := range p.Updates {
		if u.Date.Equal(published) {
			t.Errorf("action %s has an update at the publication date", u.Action)
		}
	}
}

// TestUpdatePoints checks the number of points counted in the seed's cells.
func TestUpdatePoints(t *testing.T) {
	tests := []struct {
		action      string
		points      int
		first, last string
	}{
		{"1.1", 7, "P&K CPC Management Information and Performance Outcome Framework – Includes Quantitative and Qualitative Measures", "Work in Progress / Ongoing."},
		{"2.1", 12, "Mind Of My Own App first introduced in P&K @ August 2017", "Work in Progress / Ongoing."},
		{"3.1", 8, "Joint Partnership Working with PKC", "Work in Progress / Ongoing."},
		{"4.1", 5, "Links with the PKC and NHS Tayside partnership work with Centre for Excellence for Children's Care and Protection (CELCIS)", "Work in Progress / Ongoing."},
		{"4.2", 3, "NHS Tayside has in place a Failure to be Brought Policy for all NHS staff to follow for missed appointments", "ACTION COMPLETED."},
		{"6.1", 3, "Perth and Kinross Code of Practice: Information Sharing, Confidentiality and Consent – Refreshed and published on 17 January 2019", "ACTION COMPLETED."},
		{"10.1", 7, "Timescales for Multi-Agency Child Protection Case Conferences – Being proactively monitored via: P&K ECS Business Management Improvement Plan (BMIP)", "Work in Progress / Ongoing."},
		{"12.1", 6, "First National Chief Officers' Leadership Event held on 2 May 2018", "Work in Progress / Ongoing."},
	}
	updates := map[string]string{}
	for _, u := range sample.Plan().Updates {
		updates[u.Action] = u.Text
	}
	for _, tt := range tests {
		points := report.SplitPoints(updates[tt.action])
		if len(points) != tt.points {
			t.Errorf("action %s: %d points, want %d: %q", tt.action, len(points), tt.points, points)
			continue
		}
		if points[0] != tt.first || points[len(points)-1] != tt.last {
			t.Errorf("action %s: points run %q … %q, want %q … %q", tt.action, points[0], points[len(points)-1], tt.first, tt.last)
		}
	}
}

// TestPageBreakJoins checks the texts the seed splits over a page break.
func TestPageBreakJoins(t *testing.T) {
	p := sample.Plan()
	actions := actionsByNo(p)
	updates := map[string]string{}
	for _, u := range p.Updates {
		updates[u.Action] = u.Text
	}
	tests := []struct{ name, text, want string }{
		{"3.1 text", actions["3.1"].Text, "Three strands of improvement work to:\n1. Better enable communities to offer help and support to women and their families\n2. "},
		{"3.1 text", actions["3.1"].Text, "\n3. Better enable midwifery and health visiting to provide women and families with access to the right help and support"},
		{"3.1 text", actions["3.1"].Text, "a three-strand joint programme"},
		{"4.1 text", actions["4.1"].Text, "the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)"},
		{"4.1 update", updates["4.1"], "/ GIRFEC Assessment; GIRFEC Practice Model and Child's Plan – Widely used across P&K Action / Task Linked"},
		{"10.1 update", updates["10.1"], "Services for Children, Young People and Families Improvement Officers and Chairs of CPCCs"},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.text, tt.want) {
			t.Errorf("%s: %q does not contain %q", tt.name, tt.text, tt.want)
		}
	}
	if !strings.HasSuffix(actions["3.1"].Text, "the right help and support") {
		t.Errorf("3.1 text ends %q", actions["3.1"].Text)
	}
}

func TestMaintenance(t *testing.T) {
	tasks := sample.Plan().Maintenance
	for i, task := range tasks {
		if want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}[i]; task.No != want {
			t.Errorf("task %d: No %q, want %q", i, task.No, want)
		}
		if task.Timescale != "Ongoing 2018 – 2020" {
			t.Errorf("task %s: timescale %q", task.No, task.Timescale)
		}
		if !strings.HasPrefix(task.Text, "Continue to improve") {
			t.Errorf("task %s: text %q", task.No, task.Text)
		}
	}
	if want := "Continue to improve practice by further promoting, embedding and / or consolidating the Getting it Right for Every Child approach; including the National Practice Model; Named Person and Lead Professional"; tasks[9].Text != want {
		t.Errorf("task 10:\ngot  %q\nwant %q", tasks[9].Text, want)
	}
}

// TestTextsPrintAsStored checks that no text holds what the report would
// change or that the extraction left behind: every text is already clean,
// holds no markup or stray glyph, and has no space at its ends.
func TestTextsPrintAsStored(t *testing.T) {
	for name, s := range texts(sample.Plan()) {
		if report.Clean(s) != s {
			t.Errorf("%s is not clean: %q", name, s)
		}
		if strings.ContainsAny(s, "<>\t\u00d0\uf0a7") || strings.Contains(s, "  ") {
			t.Errorf("%s holds markup, a stray glyph or a double space: %q", name, s)
		}
	}
}

func TestDistributionIsFictitious(t *testing.T) {
	for _, r := range sample.Plan().Distribution {
		if r.Name == "" || r.Role == "" || !strings.HasSuffix(r.Email, "@example.org") {
			t.Errorf("recipient %+v is not a complete example.org entry", r)
		}
	}
}

func TestSummary(t *testing.T) {
	want := []report.SummaryRow{
		{Date: published, Name: "Publication Date", Total: 17, Completed: 0, Added: 17, Ongoing: 17},
		{Date: yearOne, Name: "Year 1 Progress / Update Report", Total: 17, Completed: 2, Added: 0, Ongoing: 15},
	}
	if got := build(t).Summary; !slices.Equal(got, want) {
		t.Errorf("summary:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestPlanIsFresh(t *testing.T) {
	first := sample.Plan()
	first.Title = "changed"
	first.Actions[0].Leads[0] = "changed"
	first.Outcomes = first.Outcomes[:1]
	second := sample.Plan()
	if second.Title == "changed" || second.Actions[0].Leads[0] == "changed" || len(second.Outcomes) != 12 {
		t.Error("a change to one Plan() result shows in the next")
	}
}

func build(t *testing.T) *report.Report {
	t.Helper()
	r, err := report.Build(sample.Plan(), yearOne, report.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func actionsByNo(p *plan.Plan) map[string]plan.Action {
	m := map[string]plan.Action{}
	for _, a := range p.Actions {
		m[a.No] = a
	}
	return m
}

// texts names every text of the plan.
func texts(p *plan.Plan) map[string]string {
	m := map[string]string{
		"Title": p.Title, "ShortTitle": p.ShortTitle, "Organisation": p.Organisation,
		"MaintenanceTitle": p.MaintenanceTitle, "MaintenanceNote": p.MaintenanceNote,
	}
	for _, o := range p.Outcomes {
		m["outcome "+o.Number] = o.Description
	}
	for _, l := range p.Leads {
		m["lead "+l] = l
	}
	for _, a := range p.Actions {
		m["action "+a.No] = a.Text
		m["timescale "+a.No] = a.Timescale
	}
	for _, u := range p.Updates {
		m["update "+u.Action] = u.Text
	}
	for _, task := range p.Maintenance {
		m["task "+task.No] = task.Text
	}
	return m
}

func TestLargeIsValid(t *testing.T) {
	p := sample.Large(1000)
	if len(p.Actions) != 1000 || len(p.Updates) != 1000 || len(p.Outcomes) != 100 {
		t.Fatalf("Large(1000) has %d actions, %d updates, %d outcomes", len(p.Actions), len(p.Updates), len(p.Outcomes))
	}
	leads := map[string]bool{}
	for _, l := range p.Leads {
		leads[l] = true
	}
	seen := map[string]bool{}
	for _, a := range p.Actions {
		if seen[a.No] {
			t.Fatalf("action %s twice", a.No)
		}
		seen[a.No] = true
		if len(a.Leads) == 0 {
			t.Fatalf("action %s has no lead", a.No)
		}
		for _, l := range a.Leads {
			if !leads[l] {
				t.Fatalf("action %s has lead %q, not approved", a.No, l)
			}
		}
	}
	r, err := report.Build(p, p.Reports[1].Date, report.Options{Scale: rag.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Summary[1]; s.Total != 1000 || s.Completed != 143 || s.Ongoing != 857 {
		t.Errorf("summary at year 1 = %+v, want 1000 total, 143 completed", s)
	}
}

// TestRolledPlan checks that the rolled plan is as roll leaves it: an
// update at the new point for each open action only, so that the actions
// completed in the first year have none there.
func TestRolledPlan(t *testing.T) {
	p := sample.RolledPlan()
	at := map[string]bool{}
	for _, u := range p.Updates {
		if u.Date.Equal(sample.YearTwo) {
			at[u.Action] = true
		}
	}
	for _, a := range p.Actions {
		if at[a.No] != a.Open(sample.YearTwo) {
			t.Errorf("action %s: an update at the new point %v, open %v", a.No, at[a.No], a.Open(sample.YearTwo))
		}
	}
	if len(at) != 15 {
		t.Errorf("%d updates at the new point, want 15", len(at))
	}
	if r := sample.RolledReport(report.Sections{}); len(r.Summary) != 3 || r.Summary[2].Completed != 2 {
		t.Errorf("summary %+v", r.Summary)
	}
}
