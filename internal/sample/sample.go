// Package sample is the plan of the seed report — "CPC Improvement Plan
// 2018 – 2020", Perth and Kinross Child Protection Committee, as reported in
// its "Year 1 Progress / Update Report @ 31 July 2019" — transcribed as Go
// data, for the code that writes the sample workbook in inputs/ and for tests
// that need a real plan.
//
// The seed is text extracted from a PDF, so some of its table cells are
// garbled. Every place where this transcription departs from the extracted
// text, or chooses between readings of it, carries a comment beside the
// value that says what the seed shows and why this value was chosen:
//   - the outcome descriptions (outcomes): the outcome rows are interleaved
//     with the theme headings and lose words; each is restored there;
//   - the approved leads, and which lead cells name several (the lead
//     constants);
//   - the two-line timescale of 2.1 and 2.2 (rows);
//   - action 3.1's text (rows): a page break, lost line breaks and a lost
//     hyphen;
//   - actions 4.1 and 10.1 (rows): cells split over a page break, and their
//     joint leads;
//   - the RAG of 4.1 and 6.1 (rows): stray glyphs in the RAG cell;
//   - the completion dates of 4.2 and 6.1 (rows);
//   - maintenance tasks 1, 2 and 10 (maintenanceTasks).
//
// Everything else is the seed's text character for character, including its
// own slips (for example "examined a CPCCs" in 8.1 and 9.1, "children and
// young since" in 2.2): the report reproduces the committee's words.
//
// For tests the package makes three other plans: Large, a plan of any
// number of actions shaped like the seed's; Moving, whose RAGs move between
// two report points in every way a trend mark tells; and Messy, a plan
// written the way officers write one (with MessyRows, the same plan as they
// type it into the workbook).
package sample

import (
	"strconv"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// The report points of the seed's summary table.
var (
	published = plan.Date(2018, time.October, 3)
	yearOne   = plan.Date(2019, time.July, 31)
)

// Plan returns the seed report's plan. Every call builds a new value, so a
// caller may change it freely.
func Plan() *plan.Plan {
	rows := rows()
	return &plan.Plan{
		Title:            "CPC Improvement Plan 2018 – 2020",
		ShortTitle:       "CPC Improvement Plan 2018 – 2020",
		Organisation:     "Perth and Kinross Child Protection Committee",
		FirstPublished:   published,
		MaintenanceTitle: "Ongoing / Maintenance Actions / Tasks 2018 – 2020",
		MaintenanceNote:  "Monitor by Thematic Progress Reporting to CPC",
		Reports: []plan.ReportPoint{
			{Date: published, Name: "Publication Date"},
			{Date: yearOne, Name: "Year 1 Progress / Update Report"},
		},
		Outcomes:     outcomes(),
		Leads:        leads(),
		Actions:      actions(rows),
		Updates:      updates(rows),
		Maintenance:  maintenanceTasks(),
		Distribution: distribution(),
	}
}

// The theme headings: the Care Inspectorate's quality indicator questions,
// in the order the seed prints them.
const (
	themeOutcomes   = "What key outcomes have we achieved?"
	themeNeeds      = "How well do we meet the needs of our stakeholders?"
	themeDelivery   = "How good is our delivery of services for children, young people and families?"
	themeManagement = "How good is our management?"
	themeLeadership = "How good is our leadership?"
)

// outcomes are the seed's twelve outcomes. In the seed each outcome row is
// cut into pieces by the table's column boundaries and interleaved with the
// theme heading printed over it; a letter at a boundary is sometimes printed
// twice ("Chief Office" + "ers' Group"). The pieces each description is
// restored from are quoted beside it.
func outcomes() []plan.Outcome {
	return []plan.Outcome{
		// Seed: "come 1: Use of multi-agency performa" … "ve we achieved? Is to
		// analyse trends and underpins our self-evaluation ar" "nd". The
		// words hidden under the theme heading are lost; "performance
		// information helps us" is the shortest reading that fits "…s to
		// analyse", and "and improvement" completes the cut "a…nd".
		{Number: "1", Theme: themeOutcomes, Description: "Use of multi-agency performance information helps us to analyse trends and underpins our self-evaluation and improvement"},
		// Seed: "come 2: Children and young people's" … "f our stakeholders?
		// processes ensures that they are kept safe and promote" "s their".
		// The hidden words are restored from maintenance task 6 ("involvement
		// … in key child protection processes"); "wellbeing" ends the
		// sentence as in outcome 6.
		{Number: "2", Theme: themeNeeds, Description: "Children and young people's involvement in key child protection processes ensures that they are kept safe and promotes their wellbeing"},
		// Seed: "come 3: Coordinated help and suppo" " e first year of life"
		// "rt to pregnant women a" "nd their families e" "ensures earlier
		// intervention and enhances the wellbeing" "of infants": two printed
		// lines, the second "in the first year of life". The fragment "and
		// families with access to the right help and support" at the top of
		// the next page is NOT part of this outcome: it sits in the Action /
		// Task column and completes 3.1's third strand ("…to provide women").
		{Number: "3", Theme: themeNeeds, Description: "Coordinated help and support to pregnant women and their families ensures earlier intervention and enhances the wellbeing of infants in the first year of life"},
		// Seed: "come 4: Children and young people b" "" "early response w"
		// "when they may be at risk of poor parenting and neglect" ("w" is
		// printed twice at the boundary); "benefit from an" is restored.
		{Number: "4", Theme: themeNeeds, Description: "Children and young people benefit from an early response when they may be at risk of poor parenting and neglect"},
		// Seed: only "ly effective actions to protect children and young people"
		// survives under the heading "…ildren, young people and families?".
		// The outcome's one action, 5.1, is about inter-agency referral
		// discussions, so the subject is restored from it, and "…ly" as
		// "timely".
		{Number: "5", Theme: themeDelivery, Description: "Inter-agency referral discussions (IRDs) lead to timely effective actions to protect children and young people"},
		{Number: "6", Theme: themeDelivery, Description: "Effective information sharing and compliance with our Code of Practice ensures children and young people are kept safe and their wellbeing is promoted"},
		// Seed: "Chronologies are used effec" "tively to identify signific"
		// "cant events, patte" "rns of risk and inform multi-agency
		// assessments of risk": complete once joined.
		{Number: "7", Theme: themeDelivery, Description: "Chronologies are used effectively to identify significant events, patterns of risk and inform multi-agency assessments of risk"},
		// Seed: "…formulating plans to protect hildren and young people": the
		// extraction dropped the "c".
		{Number: "8", Theme: themeDelivery, Description: "High quality assessment frameworks take a holistic approach to assessing risks and are effective in formulating plans to protect children and young people"},
		// Seed: "come 9: SMART Child's Plans are used well to measure progress
		// against ir" "" "children and you" "ng people by clearly setting out
		// timescales for actions a" "nd are". The words after "against" and
		// after "are" are lost; "improved outcomes for" and "regularly
		// reviewed" are restored.
		{Number: "9", Theme: themeDelivery, Description: "SMART Child's Plans are used well to measure progress against improved outcomes for children and young people by clearly setting out timescales for actions and are regularly reviewed"},
		// Seed: "come 10: Child Protection Case Conf vision of good quality
		// multi-agency re" "" "specified timesca" "ales and multi-agency
		// decision making is supported by t" "he": two printed lines, the
		// second "[the pro]vision of good quality multi-agency re[ports]"
		// (action 10.2: "the provision and quality of multi-agency
		// reports"); "erences are held within" is restored.
		{Number: "10", Theme: themeDelivery, Description: "Child Protection Case Conferences are held within specified timescales and multi-agency decision making is supported by the provision of good quality multi-agency reports"},
		// Seed: "Out" "highly effective multi-a…" "gency partnership" "working
		// tirelessly to protect children and young people", under "How good
		// is our management?". The subject is lost; "The CPC is a" is
		// restored from action 11.1 ("…it remains a high performing and
		// effective multi-agency partnership").
		{Number: "11", Theme: themeManagement, Description: "The CPC is a highly effective multi-agency partnership working tirelessly to protect children and young people"},
		// Seed: "The work of the Chief Office" "ers' Group; the Chief So"
		// "ocial Work Officer" "and the CPC is compliant with national
		// guidance": complete once joined.
		{Number: "12", Theme: themeLeadership, Description: "The work of the Chief Officers' Group; the Chief Social Work Officer and the CPC is compliant with national guidance"},
	}
}

// The approved strategic leads. Where a seed lead cell names several leads
// joined by " and ", each is a lead of its own; "PKC ECS and NHS Tayside" is
// one joint lead, and the commas in "Lead Nurse, Child Protection, NHS
// Tayside" are part of its name.
const (
	leadIndependentChair     = "Independent Chair of the CPC"
	leadCoordinator          = "CPC Inter-Agency Child Protection Coordinator"
	leadPracticeChair        = "Chair of the CPC Practice Improvement Working Group"
	leadECSAndNHSTayside     = "PKC ECS and NHS Tayside"
	leadNurseChildProtection = "Lead Nurse, Child Protection, NHS Tayside"
	leadHeadOfService        = "Head of Service Perth and Kinross Council Children, Young People and Families Service"
	leadNurseNamedPerson     = "Lead Nurse (Named Person Service) Women Children & Families Division NHS Tayside"
	leadLegalServices        = "Perth and Kinross Council Legal Services"
	leadServiceManager       = "Service Manager (Fieldwork Services) Services for Children, Young People and Families"
	leadChiefMidwife         = "Chief Midwife"
)

// leads lists the approved leads in the order they first appear in the plan.
func leads() []string {
	return []string{
		leadIndependentChair,
		leadCoordinator,
		leadPracticeChair,
		leadECSAndNHSTayside,
		leadNurseChildProtection,
		leadHeadOfService,
		leadNurseNamedPerson,
		leadLegalServices,
		leadServiceManager,
		leadChiefMidwife,
	}
}

// row is one row of the seed's action table: the action and its update at
// 31 July 2019.
type row struct {
	no        string
	text      string // without the "1.1: " the report prints before it
	leads     []string
	timescale string    // as printed
	due       time.Time // the first date written in the timescale
	completed time.Time
	update    string // the points separated by "; " as in the seed
	rag       string
}

// rows are the seed's seventeen actions. Every action was in the plan as
// first published, and every update's leading bullet glyph is dropped.
//
// The timescale "By 31 March 2019 Ongoing 2019 / 2020" (2.1, 2.2) is two
// statements with nothing between them, printed on two lines of the cell;
// it keeps that line break.
func rows() []row {
	return []row{
		{
			no:        "1.1",
			text:      "Develop and test further qualitative measures in relation to the impact of key child protection interventions and processes for children and young people which reflect their experiences of services (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadIndependentChair},
			timescale: "By 30 November 2019",
			due:       plan.Date(2019, time.November, 30),
			update:    "P&K CPC Management Information and Performance Outcome Framework – Includes Quantitative and Qualitative Measures; CPC making intelligent use of data and receiving Quarterly and Annual Data Reports; Tayside CPC Common Key Performance Indicators and Measures – Mapping completed; Scottish Government / CELCIS National Minimum Dataset for CPCs and Tayside CPC Shared Indicators and Measures Workshop planned for September 2019; Scottish Government / CELCIS National Minimum Dataset for CPCs – Expected by end of 2019; Action / Task Linked with Action / Task 1.2 below; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "1.2",
			text:      "Implement and embed the new Scottish Government / Care Inspectorate / CELCIS Shared Data Set for Vulnerable Children and Young People to further enhance the prevention and scrutiny role of the CPC and the CYPFP (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadCoordinator},
			timescale: "By 31 March 2020",
			due:       plan.Date(2020, time.March, 31),
			update:    "Part of the Scottish Government's Child Protection Improvement Programme (CPIP) – Ongoing; Scottish Government / CELCIS National Minimum Dataset for CPCs and Tayside CPC Shared Indicators and Measures Workshop planned for September 2019; Scottish Government / CELCIS National Minimum Dataset for CPCs – Expected by end of 2019; Action / Task Linked with Action / Task 1.1 above; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "2.1",
			text:      "Further develop the existing provisions for seeking children and young people's views before, during and after key decision making meetings and extend the reach and use of the Mind Of My Own App to child protection processes",
			leads:     []string{leadPracticeChair},
			timescale: "By 31 March 2019\nOngoing 2019 / 2020",
			due:       plan.Date(2019, time.March, 31),
			update:    "Mind Of My Own App first introduced in P&K @ August 2017; App currently being used by children and young people aged 8 years and over; App being used by children and young people who are: looked after and accommodated; whose names are on the child protection register; who have a disability and by those children and families who are working with social work on a voluntary basis; Introduced Mind Of My Own Express App in January 2019 which allows workers to use the App with younger children aged 4+ and with children with disabilities; Mind Of My Own App also being used by Young Carers as a means of giving their views for their lives, their Statements and for the reviews of services they use; Mind Of My Own App Snapshot @ July 2019: Total number of children and young people with their own accounts – 48; Total number of statements received from children and young people with accounts – 134; Total number of workers with their own accounts – 152; Total number of statements received from worker's with accounts – 110; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "2.2",
			text:      "Review and explore the potential resources to strengthen and / or increase the existing advocacy support provisions for children and young people; including Independent Advocacy (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadPracticeChair},
			timescale: "By 31 March 2019\nOngoing 2019 / 2020",
			due:       plan.Date(2019, time.March, 31),
			update:    "Tayside-wide Mapping Exercise of Participation, Engagement and Involved in key child protection processes – Completed; Lead Professionals / Social Workers / Children and Youth Rights Officer / Who Cares? Scotland Worker continue to provide advocacy support to children and young people; Independent Advocacy PK commissioned and providing advocacy support to children and young since 31 March 2019; CPCScotland's CPC Child Participation OnLine Survey Submitted April 2019 – National Review Report to follow; Work in Progress / Ongoing.",
			rag:       "G",
		},
		// 3.1: the seed prints "threestrand": the extraction joined "three-"
		// and "strand" across a line break and dropped the hyphen. The three
		// numbered strands stand on lines of their own, as in the plan. A page
		// break cuts the third strand after "to provide women"; its end, "and
		// families with access to the right help and support", is the first
		// line of the next page, in the Action / Task column, so it belongs
		// here and not to outcome 3's description (which ends "in the first
		// year of life").
		{
			no:        "3.1",
			text:      "Develop and implement in partnership with CELCIS, a three-strand joint programme of work to address neglect and enhance wellbeing – Getting it Right in Perth and Kinross: Pre-Birth and into the first year of life. Three strands of improvement work to:\n1. Better enable communities to offer help and support to women and their families\n2. Better enable people (practitioners, volunteers, community members) to work together to ensure women and their families get the right help at the right time\n3. Better enable midwifery and health visiting to provide women and families with access to the right help and support",
			leads:     []string{leadECSAndNHSTayside},
			timescale: "By 31 December 2020 (Longer Term Initiative – Ongoing)",
			due:       plan.Date(2020, time.December, 31),
			update:    "Joint Partnership Working with PKC; NHS Tayside (Midwifery Services, Health Visiting Services and Family Nurse Partnership) and the Centre for Excellence for Children's Care and Protection (CELCIS) – Ongoing since 4 November 2016; Long Term Project – Three Strands; P&K Core Implementation Team – Established; P&K Geographical Transformation Zone (Improvement Cycle) identified through careful analysis of data, workforce structures and partners commitment for involvement – South West Perth City and Kinross; Regular, routine communication channels established with critical Leaders and existing Agency Boards / Committees / Groups – including the CPC; Action / Task Linked with Action / Task 3.2, 4.1 and 10.1 below; Work in Progress / Ongoing.",
			rag:       "A",
		},
		{
			no:        "3.2",
			text:      "Develop and implement a needs-led early intervention pathway and consistent approach across all services and agencies to support pregnant women who are vulnerable and which supports the identification, assessment and management of concerns for their unborn babies (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadNurseChildProtection},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "NHS Tayside Unborn Baby Protocol – In Place; Tayside Multi-Agency Unborn Baby Action Group and Action Plan – In Place; Tayside Multi-Agency Practitioner's Guidance: Concern for Unborn Babies – Drafted; Tayside wide OnLine Consultation – Underway from 4 July 2019 – Consultation Closes 30 September 2019; Publication and Roll-Out of the Final Guidance to be supported by the Tayside Child Protection Learning and Development Group – Autumn 2019; Links with the PKC and NHS Tayside partnership work with Centre for Excellence for Children's Care and Protection (CELCIS); Action / Task Linked with Action / Task 3.1 above and 4.1 and 10.1 below; Post Implementation / Next Steps – To develop a multi-agency quality assurance and review process; Work in Progress / Ongoing.",
			rag:       "G",
		},
		// 4.1: a page break splits the text, the second lead ("…Division NHS"
		// / "Tayside") and the update (after "GIRFEC Assessment;"); each is
		// joined. The seed has no separator in "…across P&K Action / Task
		// Linked…", so that stays one point, as printed.
		{
			no:        "4.1",
			text:      "Develop and implement a robust early response, intervention and support pathway for children and young people who are living in circumstances where poor parenting and neglect may have an adverse impact on their health and wellbeing (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadHeadOfService, leadNurseNamedPerson},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Links with the PKC and NHS Tayside partnership work with Centre for Excellence for Children's Care and Protection (CELCIS); Services for Children, Young People and Families Family Focus Team and Third Sector Agency provisions are in place to provide intensive family support when required; NHS Tayside Health Visiting Service – Delivering the Universal Health Visiting Pathway / GIRFEC Assessment; GIRFEC Practice Model and Child's Plan – Widely used across P&K Action / Task Linked with Action / Task 3.1 and 3.2 above and 10.1 below; Work in Progress / Ongoing.",
			// The seed's RAG cell shows a stray ">". The update reports
			// provisions in place and in use and no issue or risk, and the
			// action is not yet due (30 September 2019): the legend's GREEN.
			rag: "G",
		},
		{
			no:        "4.2",
			text:      "Improve responses to children and young people whose health is at risk as a result of missed health appointments",
			leads:     []string{leadNurseNamedPerson},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "NHS Tayside has in place a Failure to be Brought Policy for all NHS staff to follow for missed appointments; NHS Tayside staff who fulfil the role of Named Person will appropriately refer to Social Work / Children's Reporter and where necessary will call and convene a Child's Planning Meeting; ACTION COMPLETED.",
			// The update records 4.2 as complete but gives no date, so it
			// was completed by the report that says so: 31 July 2019.
			completed: yearOne,
			rag:       "G",
		},
		{
			no:        "5.1",
			text:      "Develop and implement a consistent approach to inter-agency referral discussions (IRDs) to further improve day-to-day culture and practice; improve information sharing, improve recording and decision making arrangements, all of which provides better outcomes for children and young people (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadPracticeChair},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Tayside Multi-Agency IRD Action Group and Action Plan – In Place; Tayside Multi-Agency IRD Practitioner's Guidance: IRDs – Drafted; Tayside wide OnLine Consultation – Underway from 4 July 2019 – Consultation Closes 30 September 2019; Publication and Roll-Out of the Final Guidance to be supported by the Tayside Child Protection Learning and Development Group – Autumn 2019; Post Implementation / Next Steps – To develop a multi-agency quality assurance and review process; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "6.1",
			text:      "Review and refresh the existing Perth and Kinross Practitioner's Guide and Toolkit: Information Sharing, Confidentiality and Consent; in particular the Practitioner's Aide Memoire and Code of Practice to ensure it remains legally compliant with, and takes cognisance of, the General Data Protection Regulation (GDPR) which come into effect on 25 May 2018",
			leads:     []string{leadCoordinator, leadLegalServices},
			timescale: "By 31 October 2018",
			due:       plan.Date(2018, time.October, 31),
			// The update: "Refreshed and published on 17 January 2019".
			completed: plan.Date(2019, time.January, 17),
			update:    "Perth and Kinross Code of Practice: Information Sharing, Confidentiality and Consent – Refreshed and published on 17 January 2019; Legally compliant and widely shared / disseminated; ACTION COMPLETED.",
			// The seed's RAG cell shows a stray "Ð". The update says ACTION
			// COMPLETED, and a completed action is Green.
			rag: "G",
		},
		{
			no:        "7.1",
			text:      "Review and refresh the existing Tayside Practitioner's Guide: Chronologies; in particular the Chronology Template; ensure that all services and agencies, including adult services, can and are able to contribute to a multi-agency Chronology and that it continues to be a high quality and effective tool in the joint holistic assessment of risk and needs and in joint planning to protect children and young people (Being taken forward in partnership with the Tayside Regional Improvement Collaborative (TRIC) – Priority Group 5 (PG5): Safeguarding and Child Protection)",
			leads:     []string{leadPracticeChair},
			timescale: "By 31 December 2018",
			due:       plan.Date(2018, time.December, 31),
			update:    "Tayside Multi-Agency Practitioner's Guidance: Chronologies – Published 29 March 2019; Publication and Roll-Out being supported by the Tayside Child Protection Learning and Development Group – Ongoing; Post Implementation / Next Steps – To develop a multi-agency quality assurance and review process; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "8.1",
			text:      "Review the existing single service / agency assessment frameworks and ensure that all services and agencies, including adult services, can and are able to contribute to a joint holistic assessment of risks and needs which informs joint planning to protect children and young people",
			leads:     []string{leadPracticeChair},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Single Service / Agency Assessment Frameworks – In Place; Risk Assessments are integral parts of the Child Protection Investigation and Planning Process; Risk Assessment are given prominence within Children and Young People's Records; Risk Assessments examined a CPCCs; Core Groups and at other key Meetings; Risk Assessments are examined annually as part of the CPC's Quality Assurance and Review of Child Protection; Work in Progress / Ongoing.",
			rag:       "A",
		},
		{
			no:        "9.1",
			text:      "Review the existing Tayside Child's Plan and ensure that all services and agencies, including adult services, can and are able to timeously contribute to a SMART Child's Plan to address risks and needs and in joint planning to protect children and young people",
			leads:     []string{leadPracticeChair},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Tayside Child / Young Person's Plan and Guidance – Rolled-Out; Guidance – In Place; Child's Plans examined a CPCCs; Core Groups and at other key Meetings; Child's Plans are examined annually as part of the CPC's Quality Assurance and Review of Child Protection; Work in Progress / Ongoing.",
			rag:       "A",
		},
		// 10.1: a page break splits the lead cell ("…and Chief Midwife and" /
		// "Lead Nurse (Named Person Service)…") into three leads, and the
		// update after "Services for Children, Young People and"; both are
		// joined.
		{
			no:        "10.1",
			text:      "Continue to monitor and sustain improvement in Child Protection Case Conferences; in particular the timescales for Pre-Birth Child Protection Case Conferences and Initial Child Protection Case Conferences",
			leads:     []string{leadServiceManager, leadChiefMidwife, leadNurseNamedPerson},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Timescales for Multi-Agency Child Protection Case Conferences – Being proactively monitored via: P&K ECS Business Management Improvement Plan (BMIP); P&K CPC Management Information and Performance Outcome Framework and Quarterly Highlight Reports to CPC; Services for Children, Young People and Families Improvement Officers and Chairs of CPCCs and Peer Group Reviews and Meetings; NHS Tayside Unborn Baby Protocol – In place; NHS Tayside Unborn Baby Referrals managed and monitored via a Tayside Unborn Baby Generic Mailbox which supports optimal timescales for Pre-Birth Child Protection Case Conferences; Action / Task Linked with Action / Task 3.1 and 3.2 above and 10.2 below; Work in Progress / Ongoing.",
			rag:       "A",
		},
		{
			no:        "10.2",
			text:      "Continue to monitor the provision and quality of multi-agency reports and assessments for all types of Child Protection Case Conferences",
			leads:     []string{leadServiceManager},
			timescale: "By 30 September 2019",
			due:       plan.Date(2019, time.September, 30),
			update:    "Quality of Multi-Agency Child Protection Case Conferences – Monitored by Services for Children, Young People and Families Improvement Officers and Chairs of CPCCs and Peer Group Reviews and Meetings; Quality also included in the CPC Annual Quality Assurance and Review of Child Protection; Work in Progress / Ongoing.",
			rag:       "A",
		},
		{
			no:        "11.1",
			text:      "Review and refresh the component parts of the existing CPC business model to ensure it remains a high performing and effective multi-agency partnership committed to continuous improvement, strategic planning, public information and communication to protect children and young people",
			leads:     []string{leadIndependentChair, leadCoordinator},
			timescale: "By 31 October 2019",
			due:       plan.Date(2019, time.October, 31),
			update:    "Protecting Children and Young People: Child Protection Committee and Chief Officer Responsibilities (Scottish Government) – Published by Scottish Government on 11 February 2019; Being taken forward via Perth and Kinross Children, Young People and Families Partnership (CYPFP), Perth and Kinross Chief Officers Group (COG) and the CPC; Perth and Kinross CPC Business Model – Being refreshed; Work in Progress / Ongoing.",
			rag:       "G",
		},
		{
			no:        "12.1",
			text:      "Following the National Chief Officers' Leadership Event (2 May 2018) implement and embed the new Scottish Government Guidance Protecting Children and Young People: Child Protection Committees and Chief Officer Responsibilities (when published)",
			leads:     []string{leadIndependentChair, leadCoordinator},
			timescale: "By 31 October 2019",
			due:       plan.Date(2019, time.October, 31),
			update:    "First National Chief Officers' Leadership Event held on 2 May 2018; Second National Chief Officers' Leadership Event held on 18 June 2019; Protecting Children and Young People: Child Protection Committee and Chief Officer Responsibilities (Scottish Government) – Published by Scottish Government on 11 February 2019; Being taken forward via Perth and Kinross Children, Young People and Families Partnership (CYPFP), Perth and Kinross Chief Officers Group (COG) and the CPC; Joint Tayside COG and CPC Leadership Event held on 2 April 2019; Work in Progress / Ongoing.",
			rag:       "G",
		},
	}
}

// actions makes the plan's actions from the rows.
func actions(rows []row) []plan.Action {
	list := make([]plan.Action, len(rows))
	for i, r := range rows {
		outcome, _, _ := strings.Cut(r.no, ".")
		list[i] = plan.Action{
			No:        r.no,
			Outcome:   outcome,
			Text:      r.text,
			Leads:     r.leads,
			Timescale: r.timescale,
			Due:       r.due,
			Added:     published,
			Completed: r.completed,
		}
	}
	return list
}

// updates makes the updates of 31 July 2019 from the rows. The plan has no
// updates at its publication date.
func updates(rows []row) []plan.Update {
	list := make([]plan.Update, len(rows))
	for i, r := range rows {
		list[i] = plan.Update{Action: r.no, Date: yearOne, Text: r.update, RAG: r.rag}
	}
	return list
}

// maintenanceTasks are the seed's ten ongoing / maintenance tasks, numbered
// from 1, all with the timescale "Ongoing 2018 – 2020".
//
//   - Task 1 ends "Scottish Child Abuse Inquiry (CABI)". The inquiry's usual
//     abbreviation is SCAI, but "CABI" is not something text extraction
//     produces, so it is the committee's own wording and is kept.
//   - Task 2 opens a parenthesis ("(i.e. GDPR …") that the seed never closes;
//     kept as printed.
//   - Task 10 prints "Getting it Right for Every Child" in italics; the plan
//     holds plain text.
func maintenanceTasks() []plan.Task {
	texts := []string{
		"Continue to improve by implementing existing and emerging Scottish Government child protection legislative and policy developments; which also arise from the Scottish Government's Child Protection Improvement Programme (CPIP) Reports (2) per their Recommendations and Action Points and from the Scottish Child Abuse Inquiry (CABI)",
		"Continue to improve the Multi-Agency Screening Group (MASG), in compliance with emerging legislative and policy developments (i.e. GDPR and the Information Sharing Provisions per Part 4 and 5 of The Children and Young People (Scotland) Act 2014",
		"Continue to improve the Joint Investigative Interview Arrangements in keeping with National Joint Investigative Interview Requirements; the Scottish Courts and Tribunals Service (SCTS) Evidence and Procedure Review and the Stop To Listen and Trauma Informed Practice approaches",
		"Continue to improve culture, ethos and practice by implementing and sharing the lessons learned from National and Local Initial Case Reviews (ICRs) and Significant Case Reviews (SCRs)",
		"Continue to improve and monitor the attendance, provision of written reports and timescales for all Child Protection Case Conferences (CPCCs)",
		"Continue to improve the involvement and participation of children, young people and their families in key child protection processes and in the work of the CPC",
		"Continue to improve awareness and understanding of abuse and exploitation; in particular Child Sexual Exploitation (CSE); by implementing the provisions of the CSE Work Plan and by supporting the work of the Young People's CSE Advisory Group",
		"Continue to improve joint partnership working, particularly between the Children, Young People and Families Partnership (CYPFP); Adult Protection Committee (APC); Alcohol and Drug Partnership (ADP); Child Protection Committee (CPC); Multi-Agency Public Protection Arrangements (MAPPA) and the Violence Against Women Partnership (VAWP); to promote an all-system / whole-family approach to children and young people affected by transitions; domestic abuse; parental mental ill-health and parental problematic alcohol and / or drug use",
		"Continue to improve the culture, ethos, practice, competence and confidence of practitioners by delivering and implementing a Workforce Learning and Development Framework and a Programme of Opportunities which includes training on Child Protection; Working with Non-Engagement including Disguised Compliance; Over-Optimism; Professional Challenge and Curiosity; Adverse Childhood Experiences (ACEs) and Trauma Informed Practice",
		"Continue to improve practice by further promoting, embedding and / or consolidating the Getting it Right for Every Child approach; including the National Practice Model; Named Person and Lead Professional",
	}
	tasks := make([]plan.Task, len(texts))
	for i, text := range texts {
		tasks[i] = plan.Task{No: strconv.Itoa(i + 1), Text: text, Timescale: "Ongoing 2018 – 2020"}
	}
	return tasks
}

// distribution is an example distribution list. The seed names no
// recipients: these people are fictitious.
func distribution() []plan.Recipient {
	return []plan.Recipient{
		{Name: "Alex Example", Email: "alex.example@example.org", Role: "Committee Chair (fictitious)"},
		{Name: "Sam Sample", Email: "sam.sample@example.org", Role: "Committee Member (fictitious)"},
		{Name: "Jo Placeholder", Email: "jo.placeholder@example.org", Role: "Committee Clerk (fictitious)"},
	}
}

// Report is the seed report: the report model of Plan() at 31 July 2019,
// with the given optional sections and the default RAG scale.
func Report(sections report.Sections) *report.Report {
	r, err := report.Build(Plan(), yearOne, report.Options{Scale: rag.Default(), Sections: sections})
	if err != nil {
		panic("the sample plan has no report at 31 July 2019: " + err.Error())
	}
	return r
}
