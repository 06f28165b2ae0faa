package sample

import (
	"fmt"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
)

// The report points of the messy plan: its publication and four progress
// reports, six months apart.
var (
	messyPublished = plan.Date(2026, time.April, 1)
	messyPoints    = []plan.ReportPoint{
		{Date: messyPublished, Name: "Publication Date"},
		{Date: plan.Date(2026, time.September, 30), Name: "Six-Month Progress Report"},
		{Date: plan.Date(2027, time.March, 31), Name: "Year 1 Progress / Update Report"},
		{Date: plan.Date(2027, time.September, 30), Name: "18-Month Progress Report"},
		{Date: plan.Date(2028, time.March, 31), Name: "Year 2 Progress / Update Report"},
	}
)

// The approved leads of the messy plan. Two are joint leads, approved as
// they are written: one joins two leads that stand alone elsewhere with
// "and", one with "/". "Head of Adult Social Work and Social Care" is one
// lead with an "and" in its name. Three are named officers: a Polish, a
// Scottish Gaelic and a Greek name.
const (
	messyChair       = "Independent Chair of the APC"
	messyLeadOfficer = "Adult Protection Lead Officer"
	messyHeadOfSW    = "Head of Adult Social Work and Social Care"
	messyNursing     = "Associate Director of Nursing, NHS Northshire"
	messyPolice      = "Detective Chief Inspector, Public Protection Unit"
	messyLearning    = "Learning and Development Manager"
	messyGovernance  = "Information Governance Manager"
	messyPolish      = "Małgorzata Wiśniewska, Service Manager, Mental Health Services"
	messyGaelic      = "Seònaid NicDhòmhnaill, Gaelic Development Officer"
	messyGreek       = "Dr Ελένη Παπαδοπούλου, Consultant in Public Health"
	messyJointAnd    = messyLeadOfficer + " and " + messyGovernance
	messyJointSlash  = messyPolice + " / " + messyNursing
)

// messyAction is one action of the messy plan and its updates: updates[k]
// is its update at report point k (1 to 4), or nil where the update of the
// point before is carried forward unchanged, as roll carries it.
type messyAction struct {
	no, text, timescale string
	leads               []string
	added, completed    time.Time
	updates             [5]*messyUpdate
}

type messyUpdate struct{ text, rag string }

func upd(rag string, lines ...string) *messyUpdate {
	return &messyUpdate{text: strings.Join(lines, "\n"), rag: rag}
}

// Messy returns a plan written the way officers write one, for tests that
// must survive real plans: five report points (the publication and four
// progress reports six months apart, the last three of them made by roll in
// the journey test); sixteen actions under six outcomes and three themes,
// one of them added at the second progress report; prose paragraphs with
// semicolons inside them, one to a line (Alt+Enter); an update of about
// 30,000 characters, carried forward at every report point; two bullet
// lists of forty and more lines; co-leads one to a line, after "; ", and
// joined by "and" and by "/" in approved joint leads; an action completed at
// the first progress report and never updated after it, and one more
// completed at each later report; and Polish, Scottish Gaelic and Greek in
// names and updates, all of them characters that the built-in Liberation
// Sans or DejaVu Sans has in every style. (There is no Arabic: DejaVu Sans
// has Arabic letters in its regular and bold faces but not in its oblique
// one, so the PDF would print them as U+FFFD, with a warning.) Every open action has an update with a RAG at
// every progress report, and no action is rated Green past its due date,
// so the plan validates without warnings at every report point.
//
// MessyRows gives the same plan as an officer types it into the workbook.
// Every call builds a new value; nothing in it is random.
func Messy() *plan.Plan {
	p := &plan.Plan{
		Title:            "Adult Support and Protection Improvement Plan 2026 – 2028",
		ShortTitle:       "ASP Improvement Plan 2026 – 2028",
		Organisation:     "Northshire Adult Protection Committee",
		FirstPublished:   messyPublished,
		MaintenanceTitle: "Ongoing / Maintenance Tasks 2026 – 2028",
		MaintenanceNote:  "Monitor through the Quality Assurance Sub-Group",
		Reports:          append([]plan.ReportPoint(nil), messyPoints...),
		Outcomes: []plan.Outcome{
			{Number: "1", Theme: "How good is our leadership?", Description: "The Committee provides clear strategic direction and robust oversight of adult protection practice"},
			{Number: "2", Theme: "How good is our leadership?", Description: "Quality assurance and self-evaluation drive continuous improvement across all partner agencies"},
			{Number: "3", Theme: "How well do we meet the needs of adults at risk?", Description: "Adults at risk of harm are identified early and receive timely, proportionate and person-centred support"},
			{Number: "4", Theme: "How well do we meet the needs of adults at risk?", Description: "Adults at risk and their unpaid carers, whatever their language, are involved in decisions that affect them"},
			{Number: "5", Theme: "How good is our partnership working?", Description: "Information is shared appropriately and securely between partners to protect adults at risk"},
			{Number: "6", Theme: "How good is our partnership working?", Description: "The workforce is skilled, confident and supported to recognise and respond to adult harm"},
		},
		Leads: []string{messyChair, messyLeadOfficer, messyHeadOfSW, messyNursing, messyPolice, messyLearning,
			messyGovernance, messyPolish, messyGaelic, messyGreek, messyJointAnd, messyJointSlash},
		Maintenance: []plan.Task{
			{No: "1", Text: "Continue to implement national adult protection policy and legislative developments as they arise; in particular the revised Code of Practice", Timescale: "Ongoing 2026 – 2028"},
			{No: "2", Text: "Continue to monitor referral and case conference timescales through the performance framework", Timescale: "Ongoing 2026 – 2028"},
			{No: "3", Text: "Continue to provide information for adults at risk and carers in the languages of Northshire's communities, including Polish, Gaelic and Greek", Timescale: "Ongoing 2026 – 2028"},
		},
		Distribution: []plan.Recipient{
			{Name: "Alex Example", Email: "alex.example@example.org", Role: "Committee Chair (fictitious)"},
			{Name: "Zofia Przykładowa", Email: "zofia.przykladowa@example.org", Role: "Committee Clerk (fictitious)"},
		},
	}
	for _, a := range messyActions() {
		outcome, _, _ := strings.Cut(a.no, ".")
		added := a.added
		if added.IsZero() {
			added = messyPublished
		}
		p.Actions = append(p.Actions, plan.Action{No: a.no, Outcome: outcome, Text: a.text, Leads: a.leads,
			Timescale: a.timescale, Due: firstDate(a.timescale), Added: added, Completed: a.completed})
		var last *messyUpdate
		for k := 1; k < len(messyPoints); k++ {
			d := messyPoints[k].Date
			if added.After(d) || !a.completed.IsZero() && a.completed.Before(messyPoints[k-1].Date.AddDate(0, 0, 1)) {
				continue // not yet added, or completed by the point before
			}
			if a.updates[k] != nil {
				last = a.updates[k]
			}
			p.Updates = append(p.Updates, plan.Update{Action: a.no, Date: d, Text: last.text, RAG: last.rag})
		}
	}
	return p
}

// firstDate is the first "31 March 2027" written in a timescale, or zero.
func firstDate(timescale string) time.Time {
	f := strings.Fields(timescale)
	for i := 0; i+2 < len(f); i++ {
		if d, err := time.Parse("2 January 2006", strings.Join(f[i:i+3], " ")); err == nil {
			return d
		}
	}
	return time.Time{}
}

func messyActions() []messyAction {
	return []messyAction{
		{no: "1.1", text: "Review the Committee's terms of reference, membership and sub-group structure to ensure it remains fit for purpose",
			leads: []string{messyChair}, timescale: "By 31 March 2027", completed: plan.Date(2027, time.March, 17),
			updates: [5]*messyUpdate{1: upd("G",
				"Terms of reference reviewed at development session on 4 August 2026; draft revised terms of reference out to partners for comment; Membership refreshed with two new third-sector members appointed."),
				2: upd("G",
					"Revised terms of reference agreed by the Committee on 17 March 2027; published on the Committee's website the same week.",
					"ACTION COMPLETED.")}},
		{no: "1.2", text: "Develop and publish a Committee business plan and annual report in line with national guidance",
			leads: []string{messyChair, messyLeadOfficer}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("G",
				"Business plan template agreed.",
				"Annual report 2025 – 2026 drafted and approved by Committee on 12 September 2026.",
				"Work in progress."),
				3: upd("G",
					"Annual report 2026 – 2027 in preparation; draft to the Committee in November 2027.",
					"Business plan 2027 – 2028 published on 1 July 2027.",
					"Work in progress.")}},
		{no: "1.3", text: "Establish a risk register for the Committee and review it at every meeting",
			leads: []string{messyLeadOfficer}, timescale: "By 30 September 2027", completed: plan.Date(2027, time.September, 14),
			updates: [5]*messyUpdate{1: upd("A",
				"Risk register drafted but not yet agreed by the Committee; to be presented at the November meeting.",
				"Risk owners named for each of the eleven risks; scoring matrix agreed with Internal Audit."),
				2: upd("G",
					"Risk register agreed by the Committee on 19 November 2026; reviewed at every meeting since.",
					"Two new risks added: winter pressures on hospital discharge; vacancies in the Mental Health Service."),
				3: upd("G",
					"Risk register part of the Committee's standing agenda; first annual review completed on 14 September 2027.",
					"ACTION COMPLETED.")}},
		{no: "2.1", text: "Deliver a rolling programme of multi-agency case file audits and report findings to the Committee",
			leads: []string{messyLeadOfficer, messyHeadOfSW}, timescale: "By 31 March 2028 Ongoing 2028 / 2029",
			updates: [5]*messyUpdate{1: upd("A", auditProse[0], auditProse[1], auditProse[2]),
				3: upd("A", auditProse[3], auditProse[1], auditProse[4])}},
		{no: "2.2", text: "Develop a performance framework with agreed multi-agency indicators, reported quarterly",
			leads: []string{messyJointAnd}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("A", longUpdate()), 3: upd("G", longUpdate())}},
		{no: "2.3", text: "Commission an independent review of the Committee's self-evaluation arrangements",
			leads: []string{messyChair}, timescale: "By 31 December 2027", added: plan.Date(2027, time.January, 12),
			updates: [5]*messyUpdate{2: upd("G",
				"Independent reviewer appointed; scoping meeting held on 2 February 2027."),
				4: upd("A",
					"Review report received in February 2028, two months late; its nine recommendations go to the May 2028 meeting.")}},
		{no: "3.1", text: "Review and refresh the multi-agency adult protection procedures following publication of the revised national guidance",
			leads: []string{messyHeadOfSW, messyPolice, messyNursing}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("G", procedureLines(40, 0)...), 3: upd("G", procedureLines(42, 1)...)}},
		{no: "3.2", text: "Implement a consistent approach to inter-agency referral discussions for adults at risk",
			leads: []string{messyJointSlash}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("G",
				"Scoping of current IRD practice under way across the three areas; Test of change planned in the north locality from January 2027."),
				2: upd("G",
					"Test of change started in the north locality on 11 January 2027; 34 IRDs held in its first ten weeks.",
					"Early findings reported to the Committee on 25 March 2027.")}},
		{no: "3.3", text: "Develop a multi-agency protocol for responding to self-neglect and hoarding",
			leads: []string{messyPolish}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("R",
				"Initial workshop held with housing, environmental health and fire and rescue colleagues; the group agreed that the protocol should also cover fire risk; work behind schedule due to vacancies in the Mental Health Service."),
				2: upd("A",
					"Draft protocol written by Małgorzata Wiśniewska and shared with partners; comments due by 30 April 2027."),
				4: upd("G",
					"Protocol approved by the Committee on 14 March 2028.",
					"Briefing sessions for practitioners planned for April and May 2028; a Polish version of the leaflet („Zaniedbywanie samego siebie – gdzie szukać pomocy”) is with the printers.")}},
		{no: "4.1", text: "Introduce independent advocacy for every adult subject to an adult protection case conference",
			leads: []string{messyHeadOfSW}, timescale: "By 31 March 2028", completed: plan.Date(2028, time.February, 28),
			updates: [5]*messyUpdate{1: upd("G",
				"Advocacy provider commissioned from 1 October 2026; referral pathway being agreed."),
				3: upd("G",
					"Referral pathway agreed; 63 adults offered independent advocacy since October 2026, 58 of whom accepted."),
				4: upd("G",
					"Independent advocacy now offered to every adult subject to a case conference; ACTION COMPLETED.")}},
		{no: "4.2", text: "Gather and report the views of adults at risk and unpaid carers on their experience of adult protection processes, in the languages they speak",
			leads: []string{messyGaelic, messyLeadOfficer}, timescale: "Ongoing 2026 – 2028",
			updates: [5]*messyUpdate{1: upd("G",
				"Feedback questionnaire for adults and carers co-produced with the Carers Centre; pilot starts in October.",
				"Questionnaire translated into Polish („Twoja opinia się liczy – ankieta dla dorosłych i opiekunów”), Scottish Gaelic („Tha do bheachd cudromach – ceisteachan do dh’inbhich is luchd-cùraim”) and Greek («Η γνώμη σας μετράει – ερωτηματολόγιο για ενήλικες και φροντιστές»).",
				"Versions in other languages checked by the Community Link Worker; Dr Ελένη Παπαδοπούλου to advise on outreach to Greek-speaking families."),
				3: upd("G",
					"Responses received: 212 in English, 17 in Polish, 9 in Gaelic and 4 in Greek.",
					"Findings shared with the Polish Community Centre (Polskie Centrum Społeczne) and with Comann nam Pàrant; a summary in Gaelic („Geàrr-chunntas air na beachdan”) is on the Committee's website.")}},
		{no: "5.1", text: "Agree and implement a multi-agency information sharing protocol compliant with UK GDPR",
			leads: []string{messyGovernance}, timescale: "By 31 December 2027",
			updates: [5]*messyUpdate{1: upd("A",
				"Draft protocol prepared by Information Governance Manager; awaiting legal services comment."),
				3: upd("A",
					"Protocol signed by all partners on 2 August 2027; implementation under way."),
				4: upd("A",
					"Implementation slower than planned: two of the five partner agencies have still to update their privacy notices; expected by June 2028.")}},
		{no: "5.2", text: "Introduce a secure multi-agency inter-agency referral discussion recording template",
			leads: []string{messyGovernance, messyPolice}, timescale: "By 31 August 2026", completed: plan.Date(2026, time.September, 29),
			updates: [5]*messyUpdate{1: upd("G",
				"Template agreed and in use by all three agencies since 29 September 2026.",
				"ACTION COMPLETED.")}},
		{no: "6.1", text: "Deliver a multi-agency adult protection training programme at Levels 1, 2 and 3",
			leads: []string{messyLearning}, timescale: "By 31 March 2028 Ongoing 2028 / 2029",
			updates: [5]*messyUpdate{1: upd("A", trainingLines(40, 2026)...), 2: upd("A", trainingLines(44, 2027)...)}},
		{no: "6.2", text: "Develop a learning and development framework for Council Officers",
			leads: []string{messyLearning, messyGreek}, timescale: "By 31 March 2028",
			updates: [5]*messyUpdate{1: upd("G",
				"Framework drafted in partnership with neighbouring authorities; consultation with Council Officers planned."),
				4: upd("G",
					"Framework published in February 2028; Dr Ελένη Παπαδοπούλου led its public health module.",
					"Work in progress: the first cohort starts in April 2028.")}},
		{no: "6.3", text: "Share learning from adult protection learning reviews with all practitioners",
			leads: []string{messyLearning, messyChair}, timescale: "Ongoing 2026 – 2028",
			updates: [5]*messyUpdate{1: upd("G",
				"Learning event on self-neglect held 22 August 2026; Seven-minute briefing circulated.")}},
	}
}

// auditProse are paragraphs of prose as officers paste them into an
// update, each with semicolons inside it.
var auditProse = []string{
	"The Adult Protection Lead Officer has now completed the first full cycle of the refreshed multi-agency case file audit programme, which examined a random sample of forty case files drawn from social work, health and police records covering the period from April to August 2026; the audit team comprised practitioners and first-line managers from each of the three core agencies, supported by an independent reviewer from a neighbouring authority.",
	"Overall, the audit found that in the large majority of cases the initial response to a concern was timely and proportionate; however, the recording of the adult's capacity to safeguard themselves was inconsistent, chronologies were either absent or not kept up to date in around a third of cases, and the rationale for decisions to take no further action was not always clearly evidenced.",
	"A full audit report was presented to the Quality Assurance Sub-Group on 9 September 2026; an improvement action plan with eleven actions has been agreed, each with a named lead and a target date. The Committee is asked to note that additional audit capacity will be required from partner agencies if the programme is to be completed to the agreed timescale.",
	"The second audit cycle, on cases involving financial harm, was completed in August 2027; referral numbers for financial harm have risen by some 27 per cent over two years, and the audit found that banks and building societies were involved in only one case in five.",
	"Seven of the eleven actions of the first improvement plan are complete; practice guidance on recording capacity was issued in April 2027, and two practitioner briefing sessions were attended by 140 staff. The remaining four actions depend on the new recording system, now expected in spring 2028.",
}

// longUpdate is an update of about 30,000 characters: paragraphs of prose
// with semicolons inside them, one to a line, each different from the rest.
func longUpdate() string {
	localities := []string{"North", "South", "East", "West", "City", "Islands"}
	sources := []string{"the social work recording system", "the health board's incident reporting system",
		"Police Scotland's interim vulnerable persons database", "the Council's complaints system", "the advocacy provider's returns"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	closing := []string{
		"The Quality Assurance Sub-Group will review the indicator again once two further quarters of data are available.",
		"Partners have agreed that the indicator will be reported to the Chief Officers Group as well as to the Committee.",
		"No change to the definition is proposed; the figures are published in the quarterly performance report.",
		"Colleagues in the health board have asked that the indicator be split by hospital and community settings; this is being considered.",
		"The target remains realistic, although progress has been uneven across the localities.",
	}
	var paras []string
	n := 0
	for i := 0; n < 30000; i++ {
		loc := localities[i%len(localities)]
		p := fmt.Sprintf("Indicator %d (%s locality): the Quality Assurance Sub-Group agreed its definition on %d %s 2026; data are drawn from %s, checked by the locality manager before they are reported; the baseline for the %s locality is %d per cent, against a target of %d per cent by March 2028. In the quarter to %s the figure was %d per cent, compared with %d per cent in the quarter before; %s",
			i+1, loc, 1+i%28, months[i%12], sources[i%len(sources)], loc, 40+i%37, 75+i%20, months[(i+5)%12], 45+(i*7)%41, 43+(i*5)%39, closing[i%len(closing)])
		paras = append(paras, p)
		n += len(p) + 1
	}
	return strings.Join(paras, "\n")
}

// procedureLines is a list of n short lines, one per section of the
// procedures, some with a semicolon inside.
func procedureLines(n, round int) []string {
	topics := []string{"Duty to inquire", "Investigative powers", "Council Officer role", "Capacity and consent", "Financial harm",
		"Self-neglect and hoarding", "Large-scale investigations", "Case conferences", "Protection orders", "Transitions from children's services"}
	states := []string{"drafted", "agreed by the working group", "out for comment; returns due 30 November 2026",
		"rewritten after comments; to be signed off in December", "unchanged from the 2022 procedures"}
	if round > 0 {
		states = []string{"published", "published; briefing given to team leaders", "agreed; awaiting publication",
			"revised after the test of change", "published with a Polish summary (streszczenie)"}
	}
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("Section %d – %s (part %d): %s", i+1, topics[i%len(topics)], i/len(topics)+1, states[(i+round)%len(states)])
	}
	return lines
}

// trainingLines is a list of n short lines, one per training session.
func trainingLines(n, year int) []string {
	courses := []string{"Level 1 awareness", "Level 2 practitioner", "Level 3 Council Officer", "Trauma-informed practice", "Financial harm"}
	places := []string{"Northshire House", "Inverbrae Community Hall", "Online", "Port Ellen Health Centre", "Kilmory Academy"}
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("%s session %d at %s: %d staff attended; evaluation %d per cent good or very good",
			courses[i%len(courses)], i+1, places[(i/len(courses))%len(places)], 12+(i*5)%19, 80+(i*3)%19)
		if year > 2026 && i%9 == 4 {
			lines[i] = fmt.Sprintf("%s session %d postponed (trainer absent); rescheduled for %d", courses[i%len(courses)], i+1, year+1)
		}
	}
	return lines
}

// The sheets of the workbook and their columns, as `planreport init`
// writes them; MessyRows gives each sheet's rows in these columns.
var messyColumns = map[string][]string{
	"Plan":         {"Field", "Value"},
	"Reports":      {"Date", "Report"},
	"Outcomes":     {"Theme", "Outcome", "Description"},
	"Leads":        {"Lead"},
	"Actions":      {"No", "Outcome", "Action / Task", "Strategic Lead", "Timescale", "Due Date", "Added", "Completed"},
	"Updates":      {"Action", "Report Date", "Progress / Update", "RAG"},
	"Maintenance":  {"No", "Action / Task", "Timescale"},
	"Distribution": {"Name", "Email", "Role"},
}

// MessyRows are the rows of each sheet of p below its header row, as an
// officer types them once report point upTo is reported: the report points,
// actions and updates up to upTo, and completion dates on or before it. The
// columns are those `planreport init` writes (Updates: Action, Report Date,
// Progress / Update, RAG). Dates are typed as text in the forms officers
// use ("30/9/2026", "2026-09-30", "30 September 2026"); RAGs in odd case
// and spacing ("green ", " AMBER", "r"); leads one to a line (Alt+Enter) or
// separated by "; "; a blank Outcome, Due Date or Added where the workbook
// works them out. Update text keeps its line breaks. p is Messy() or a plan
// made from it.
func MessyRows(p *plan.Plan, upTo time.Time) map[string][][]string {
	rows := map[string][][]string{}
	add := func(sheet string, cells ...string) { rows[sheet] = append(rows[sheet], cells) }
	typed := 0 // counts the cells typed, to vary how each is typed
	date := func(d time.Time) string {
		if d.IsZero() {
			return ""
		}
		typed++
		return TypedDate(d, typed)
	}
	add("Plan", "Title", p.Title)
	add("Plan", "Short Title", p.ShortTitle)
	add("Plan", "Organisation", p.Organisation)
	add("Plan", "First Published", date(p.FirstPublished))
	add("Plan", "Maintenance Title", p.MaintenanceTitle)
	add("Plan", "Maintenance Note", p.MaintenanceNote)
	for _, r := range p.Reports {
		if !r.Date.After(upTo) {
			add("Reports", date(r.Date), r.Name)
		}
	}
	theme := ""
	for _, o := range p.Outcomes {
		t := o.Theme
		if t == theme {
			t = "" // a blank theme is the theme of the row above
		}
		theme = o.Theme
		add("Outcomes", t, o.Number, o.Description)
	}
	for _, l := range p.Leads {
		add("Leads", l)
	}
	for i, a := range p.Actions {
		if a.Added.After(upTo) {
			continue
		}
		added, completed := "", ""
		if !a.Added.Equal(p.FirstPublished) {
			added = date(a.Added)
		}
		if !a.Completed.IsZero() && !a.Completed.After(upTo) {
			completed = date(a.Completed)
		}
		add("Actions", a.No, "", a.Text, TypedLeads(a.Leads, i), a.Timescale, "", added, completed)
	}
	for i, u := range p.Updates {
		if !u.Date.After(upTo) {
			add("Updates", u.Action, date(u.Date), u.Text, TypedRAG(u.RAG, i))
		}
	}
	for _, t := range p.Maintenance {
		add("Maintenance", t.No, t.Text, t.Timescale)
	}
	for _, r := range p.Distribution {
		add("Distribution", r.Name, r.Email, r.Role)
	}
	return rows
}

// MessyColumns are the header cells of a sheet MessyRows fills.
func MessyColumns(sheet string) []string { return messyColumns[sheet] }

// TypedDate is d as an officer types the i-th date cell: as text, in one of
// the forms the workbook reads ("30/9/2026", "2026-09-30", "30 September
// 2026", "30/09/2026", "30.09.2026").
func TypedDate(d time.Time, i int) string {
	switch i % 5 {
	case 0:
		return d.Format("2/1/2006")
	case 1:
		return d.Format("2006-01-02")
	case 2:
		return d.Format("2 January 2006")
	case 3:
		return d.Format("02/01/2006")
	}
	return d.Format("02.01.2006")
}

// TypedRAG is the RAG code R, A or G as an officer types the i-th RAG cell:
// the code or the name, in any case, with stray spaces.
func TypedRAG(code string, i int) string {
	forms := map[string][]string{
		"R": {"r", " Red ", "RED", "R"},
		"A": {" Amber", "amber", "AMBER ", "A", " a"},
		"G": {"green ", "G", " Green", "GREEN", "g"},
	}[code]
	if len(forms) == 0 {
		return code
	}
	return forms[i%len(forms)]
}

// TypedLeads is a Strategic Lead cell as the officer types the i-th one:
// one lead to a line (Alt+Enter), or separated by "; ".
func TypedLeads(leads []string, i int) string {
	if i%2 == 0 {
		return strings.Join(leads, "\n")
	}
	return strings.Join(leads, "; ")
}
