package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/round"
	"github.com/planreport/planreport/internal/schema"
	"github.com/planreport/planreport/internal/send"
)

func newAskCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ask [WORKBOOK] [--as-of DATE] [--by DATE] [--out DIR] [--dry-run | --drafts | --send]",
		Short: "Write each lead an update form for the report point, and email it",
		Long: `ask writes, for the report point (default: the latest, normally the one roll
just added), one update form per lead who leads an open action: a small
protected workbook listing that lead's open actions, co-led ones included,
where only Update (pre-filled with what the workbook holds), RAG (a drop-down
of the scale) and Completed can be filled in. The forms go into --out
(default: a folder forms-DATE beside the workbook), each named
PLAN_DATE_LEAD.xlsx; --by prints a return-by date on them.

--dry-run writes nothing and prints who would get which form. --drafts also
writes one Outlook draft (.eml, X-Unsent: 1) per lead, with the form attached
and a covering message naming the actions and the return-by date. --send
sends the same through the configured mail (as send does), keeping a log
(ask.sent.json in the forms folder) so that running it again does not send a
form twice. A lead with no address on the Leads sheet is listed, with their
form written, to forward by hand.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runRound(cmd, args, false) },
	}
	addReadFlags(cmd)
	cmd.Flags().String("by", "", "the date the forms are to be returned by, printed on them")
	addRoundFlags(cmd)
	return cmd
}

// addRoundFlags adds the flags ask and chase share.
func addRoundFlags(cmd *cobra.Command) {
	cmd.Flags().String("out", "", "the folder the forms (and drafts) are written to (default: forms-DATE beside the workbook)")
	cmd.Flags().Bool("dry-run", false, "write nothing: print who would get which form")
	cmd.Flags().Bool("drafts", false, "also write an Outlook draft (.eml) to each lead, the form attached")
	cmd.Flags().Bool("send", false, "also email each lead their form through the configured mail")
	cmd.MarkFlagsMutuallyExclusive("dry-run", "drafts", "send")
}

// roundLetter is one lead's part of a round: their form and message.
type roundLetter struct {
	lead string
	to   []string
	rows []round.Row
	form string // the form's path
}

// runRound runs ask, or with chase the reminder to the leads who have not
// returned their forms for the latest point.
func runRound(cmd *cobra.Command, args []string, chase bool) error {
	job, err := newJob(cmd, args)
	if err != nil {
		return err
	}
	dryRun, _ := cmd.Flags().GetBool("dry-run")
	drafts, _ := cmd.Flags().GetBool("drafts")
	sending, _ := cmd.Flags().GetBool("send")
	var returnBy time.Time
	if f := cmd.Flags().Lookup("by"); f != nil && f.Value.String() != "" {
		if returnBy, err = schema.ParseDate(f.Value.String(), job.Config.Dates.MonthFirst); err != nil {
			return usage(fmt.Errorf("--by: %w", err))
		}
	}
	var server send.Server
	if drafts || sending {
		if strings.TrimSpace(job.Config.Mail.From) == "" {
			return usage(errors.New("mail.from: set the sender's address (planreport.yaml or PLANREPORT_MAIL_FROM)"))
		}
	}
	if sending {
		if server, err = roundServer(cmd, job.Config.Mail); err != nil {
			return err
		}
	}
	noteIfOpen(cmd.ErrOrStderr(), job.Workbook)
	p, problems, err := generate.Read(cmd.Context(), job)
	if err != nil {
		return jobFailed(err)
	}
	printProblems(cmd.ErrOrStderr(), "", problems)
	if problems.HasErrors() || (job.Config.Strict && len(problems) > 0) {
		fmt.Fprintln(cmd.ErrOrStderr(), refusal(job.Workbook, problems, "no forms written"))
		return failed(errSilent)
	}
	rj := roundJob{workbook: job.Workbook, asOf: job.AsOf, returnBy: returnBy, chase: chase, dryRun: dryRun,
		drafts: drafts, send: sending, server: server, from: job.Config.Mail.From, today: time.Now(),
		form: round.FormOptions{Scale: job.Config.RAG, MonthFirst: job.Config.Dates.MonthFirst, Modified: job.Modified}}
	rj.out, _ = cmd.Flags().GetString("out")
	return rj.run(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
}

// roundJob is one run of ask or chase, once the workbook is read.
type roundJob struct {
	workbook string
	asOf     time.Time // ask's report point; zero for the latest
	returnBy time.Time
	out      string // the forms' folder; "" for forms-DATE beside the workbook
	chase    bool
	dryRun   bool
	drafts   bool
	send     bool
	server   send.Server
	from     string
	today    time.Time // dates the past --by warning and chase's send log
	form     round.FormOptions
}

// run writes the forms of plan p, and the drafts or messages, and prints
// a line per lead.
func (rj roundJob) run(ctx context.Context, p *plan.Plan, stdout, stderr io.Writer) error {
	point, ok := p.Latest()
	if !rj.chase && !rj.asOf.IsZero() {
		point, ok = p.ReportAt(rj.asOf)
	}
	if !ok {
		return failed(fmt.Errorf("%s: the plan has no report point %s", rj.workbook, dateOrLatest(rj.asOf)))
	}
	if !rj.returnBy.IsZero() && rj.returnBy.Before(plan.Date(rj.today.Date())) {
		fmt.Fprintf(stderr, "warning: --by %s is already past\n", rj.returnBy.Format(time.DateOnly))
	}
	leads := round.Leads(p, point.Date)
	if rj.chase {
		leads = round.Late(p, point.Date)
	}
	out := rj.out
	if out == "" {
		out = filepath.Join(filepath.Dir(rj.workbook), "forms-"+point.Date.Format(time.DateOnly))
	}
	letters := roundLetters(p, point.Date, leads, rj.workbook, out)
	if rj.dryRun {
		printRound(stdout, letters, nil, rj.chase)
		return nil
	}
	if len(letters) > 0 {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return failed(err)
		}
	}
	opt := rj.form
	opt.ReturnBy = rj.returnBy
	// The forms are written side by side: most of the time of each is
	// waiting for the disk to keep it (atomicfile syncs every file).
	var g errgroup.Group
	g.SetLimit(8)
	for _, l := range letters {
		g.Go(func() error {
			return atomicfile.Write(l.form, func(w io.Writer) error { return round.WriteForm(w, p, point.Date, l.lead, opt) })
		})
	}
	if err := g.Wait(); err != nil {
		return failed(err)
	}
	if !rj.drafts && !rj.send {
		printRound(stdout, letters, nil, rj.chase)
		return nil
	}
	mailJob := send.Letters{Server: rj.server, From: rj.from, Drafts: rj.drafts, OutDir: out,
		LogPath: filepath.Join(out, "ask.sent.json")}
	if rj.chase {
		mailJob.LogPath = filepath.Join(out, "chase-"+rj.today.Format(time.DateOnly)+".sent.json")
	}
	var mailed []roundLetter
	for _, l := range letters {
		if len(l.to) == 0 {
			continue
		}
		mailed = append(mailed, l)
		mailJob.Letters = append(mailJob.Letters, letterFor(p, point, l, rj.returnBy, rj.chase))
	}
	ds := map[string]send.Delivery{}
	var err error
	if len(mailed) > 0 {
		var res send.Result
		res, err = send.SendLetters(ctx, mailJob)
		for i, d := range res.Deliveries {
			ds[mailed[i].lead] = d
		}
	}
	printRound(stdout, letters, ds, rj.chase)
	if err != nil {
		return failed(err)
	}
	return nil
}

// dateOrLatest names the report point asked for.
func dateOrLatest(d time.Time) string {
	if d.IsZero() {
		return "(it has none)"
	}
	return "on " + d.Format(time.DateOnly)
}

// roundLetters are the forms of leads at point, in the folder out, each
// named after the workbook, the point and the lead (round.FileName); two
// leads whose names give the same file name are told apart by a number.
func roundLetters(p *plan.Plan, point time.Time, leads []string, workbook, out string) []roundLetter {
	stem := strings.TrimSuffix(filepath.Base(workbook), filepath.Ext(workbook))
	used := map[string]bool{}
	var letters []roundLetter
	for _, lead := range leads {
		name := round.FileName(stem, point, lead)
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = round.FileName(stem, point, fmt.Sprintf("%s %d", lead, n))
		}
		used[strings.ToLower(name)] = true
		letters = append(letters, roundLetter{lead: lead, to: p.LeadEmails[lead], rows: round.Rows(p, point, lead),
			form: filepath.Join(out, name)})
	}
	return letters
}

// letterFor is the message to one lead: the form attached, the actions
// named, and the return-by date.
func letterFor(p *plan.Plan, point plan.ReportPoint, l roundLetter, returnBy time.Time, chase bool) send.Letter {
	at := fmt.Sprintf("%s @ %s", point.Name, point.Date.Format("2 January 2006"))
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\n", l.lead)
	subject := fmt.Sprintf("%s: your update for the %s", p.Short(), at)
	if chase {
		subject = "Reminder: " + subject
		fmt.Fprintf(&b, "This is a reminder: we have not yet had your update for the %s of the %s. The form is attached again.\n\n", at, p.Title)
	} else {
		fmt.Fprintf(&b, "Please give your update for the %s of the %s in the form attached.\n\n", at, p.Title)
	}
	if len(l.rows) == 1 {
		b.WriteString("Your open action:\n")
	} else {
		b.WriteString("Your open actions:\n")
	}
	for _, r := range l.rows {
		fmt.Fprintf(&b, "  %s %s\n", r.Action.No, clipText(r.Action.Text, 90))
	}
	b.WriteString("\nIn the form, write your update under Update, one point to a line; choose a RAG; and give a date under Completed only if the action is finished. Then save the form and send it back as it is.\n")
	if !returnBy.IsZero() {
		fmt.Fprintf(&b, "\nPlease return it by %s.\n", returnBy.Format("2 January 2006"))
	}
	fmt.Fprintf(&b, "\nKind regards,\n%s\n", p.Organisation)
	draft := strings.TrimSuffix(filepath.Base(l.form), filepath.Ext(l.form))
	if chase {
		draft += "-reminder"
	}
	return send.Letter{Name: l.lead, To: l.to, Where: "Leads sheet, " + l.lead, Subject: subject, Body: b.String(),
		Attachments: []string{l.form}, Draft: draft + ".eml"}
}

// clipText is the first line of s, cut to about n characters at a space.
func clipText(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// printRound prints a line per lead: who, their addresses, the form, the
// actions, and what became of the message (ds; nil when none was made).
func printRound(w io.Writer, letters []roundLetter, ds map[string]send.Delivery, chase bool) {
	if len(letters) == 0 {
		if chase {
			fmt.Fprintln(w, "every lead has returned their form: no reminder to write")
		} else {
			fmt.Fprintln(w, "no lead has an open action: no form to write")
		}
		return
	}
	for _, l := range letters {
		nos := make([]string, len(l.rows))
		for i, r := range l.rows {
			nos[i] = r.Action.No
		}
		who := l.lead
		if len(l.to) > 0 {
			who += " <" + strings.Join(l.to, ", ") + ">"
		}
		line := fmt.Sprintf("%s: %s, %s: %s", who, l.form, plural(len(l.rows), "action"), strings.Join(nos, ", "))
		switch d, ok := ds[l.lead]; {
		case len(l.to) == 0:
			line += " (no email address: forward the form by hand)"
		case ok && d.File != "":
			line += "; " + string(d.Outcome) + " " + d.File
		case ok && d.Reason != "":
			line += "; " + string(d.Outcome) + " (" + d.Reason + ")"
		case ok:
			line += "; " + string(d.Outcome)
		}
		fmt.Fprintln(w, line)
	}
}

// roundServer is the mail server ask --send and chase --send use, set up
// as send's.
func roundServer(cmd *cobra.Command, m config.Mail) (send.Server, error) {
	if strings.TrimSpace(m.Host) == "" {
		return send.Server{}, usage(errors.New("mail.host: set the mail server (planreport.yaml or PLANREPORT_MAIL_HOST), or use --drafts"))
	}
	job := send.Job{Server: send.Server{Host: m.Host, Port: m.Port, Security: m.Security, Auth: m.Auth, User: m.User, Timeout: m.Timeout}}
	if m.Auth == send.AuthOAuth2 {
		job, err := oauth2Job(cmd, job, m)
		return job.Server, err
	}
	if m.Auth == send.AuthNone || m.User == "" {
		return job.Server, nil
	}
	pw, err := send.PasswordFrom(m.PasswordEnv, m.PasswordFile)
	if err != nil {
		return send.Server{}, usage(fmt.Errorf("mail password: %w", err))
	}
	job.Server.Password = pw
	return job.Server, nil
}
