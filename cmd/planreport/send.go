package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/generate"
	"github.com/planreport/planreport/internal/msauth"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/send"
	"github.com/planreport/planreport/internal/workbook"
)

func newSendCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "send [WORKBOOK]",
		Short: "Email the report to the committee",
		Long: `send validates the workbook, brings the report for the report point up to date
in the output folder (a file that already holds the same report is kept), and
emails it, the PDF attached (and the .docx with mail.attach_docx), one message
to each address of the workbook's Distribution sheet and of mail.to. --to
replaces that list, for a test send. Every address is checked before anything
is sent. A workbook with errors is never sent.

The password is read from the environment variable named by
mail.password_env (PLANREPORT_MAIL_PASSWORD) or from mail.password_file,
never from a flag. With mail.auth: oauth2, send signs in to Microsoft 365
instead: the first time it prints a web address and a code to enter in a
browser, then keeps the sign-in in your configuration folder until
--sign-out.

--drafts needs no server, password or sign-in: it writes each message to the
output folder as an .eml draft (X-Unsent: 1) that classic Outlook opens as a new
message to send; --draft-recipients to or bcc makes one draft to everyone.`,
		Args: cobra.MaximumNArgs(1),
		RunE: runSend,
	}
	addReadFlags(cmd)
	cmd.Flags().String("out", "", "the output folder (default outputs)")
	cmd.Flags().StringArray("to", nil, "send only to this address (repeatable), for a test send")
	cmd.Flags().Bool("dry-run", false, "write each message as an .eml file in the output folder instead of sending")
	cmd.Flags().Bool("only-failed", false, "resend only to the addresses the last send of this report failed for")
	cmd.Flags().Bool("drafts", false, "write each message as an Outlook draft (.eml) in the output folder instead of sending")
	cmd.Flags().String("draft-recipients", "", "with --drafts: each (one draft each), to or bcc (one draft to all); default mail.drafts.recipients")
	cmd.Flags().Bool("sign-out", false, "forget the Microsoft 365 sign-in kept by mail.auth: oauth2, and send nothing")
	return cmd
}

func runSend(cmd *cobra.Command, args []string) error {
	if signOut, _ := cmd.Flags().GetBool("sign-out"); signOut {
		return runSignOut(cmd)
	}
	job, err := newJob(cmd, args)
	if err != nil {
		return err
	}
	if err := readRenderFiles(&job); err != nil {
		return err
	}
	job.Config.Formats = []string{"pdf"}
	if job.Config.Mail.AttachDOCX {
		job.Config.Formats = append(job.Config.Formats, "docx")
	}
	sendJob, err := mailJob(cmd, job.Config.Mail)
	if err != nil {
		return err
	}
	res, err := generate.Run(cmd.Context(), job)
	printProblems(cmd.ErrOrStderr(), "", res.Problems)
	if errors.Is(err, workbook.ErrInvalid) {
		fmt.Fprintln(cmd.ErrOrStderr(), refusal(job.Workbook, res.Problems, "nothing sent"))
		return failed(errSilent)
	}
	if err != nil {
		return jobFailed(nameSetting(job.Config, err))
	}
	to, _ := cmd.Flags().GetStringArray("to")
	sendJob.Attachments = res.Files
	sendJob.Recipients = recipients(res.Plan.Distribution, job.Config.Mail.To, to)
	sendJob.Data = mailData(res.Report)
	sendJob.OutDir = job.Config.OutDir
	// The log lies beside the report: its name with .sent.json.
	pdf := res.Files[0]
	sendJob.LogPath = strings.TrimSuffix(pdf, filepath.Ext(pdf)) + ".sent.json"
	result, err := send.Run(cmd.Context(), sendJob)
	printDeliveries(cmd.OutOrStdout(), result.Deliveries)
	if err != nil {
		return failed(err)
	}
	return nil
}

// printDeliveries prints what became of each recipient's message, a line
// each: "address: outcome [file] [(reason)]". The recipients of one file,
// a draft to all of them, share its line: "a, b, c: written FILE".
func printDeliveries(w io.Writer, ds []send.Delivery) {
	byFile := map[string][]string{}
	for _, d := range ds {
		if d.File != "" {
			byFile[d.File] = append(byFile[d.File], d.Recipient.Email)
		}
	}
	for _, d := range ds {
		who := d.Recipient.Email
		if d.File != "" {
			if byFile[d.File] == nil {
				continue // printed
			}
			who = strings.Join(byFile[d.File], ", ")
			byFile[d.File] = nil
		}
		line := fmt.Sprintf("%s: %s", who, d.Outcome)
		if d.File != "" {
			line += " " + d.File
		}
		if d.Reason != "" {
			line += " (" + d.Reason + ")"
		}
		fmt.Fprintln(w, line)
	}
}

// mailJob is the part of a send that comes from the configuration and flags.
func mailJob(cmd *cobra.Command, m config.Mail) (send.Job, error) {
	var job send.Job
	job.DryRun, _ = cmd.Flags().GetBool("dry-run")
	job.OnlyFailed, _ = cmd.Flags().GetBool("only-failed")
	job.Drafts, _ = cmd.Flags().GetBool("drafts")
	job.DraftRecipients = m.Drafts.Recipients
	if f := cmd.Flags().Lookup("draft-recipients"); f.Changed {
		job.DraftRecipients = strings.ToLower(f.Value.String())
		if d := job.DraftRecipients; d != send.DraftEach && d != send.DraftTo && d != send.DraftBcc {
			return job, usage(fmt.Errorf("--draft-recipients %q: want each, to or bcc", f.Value.String()))
		}
	}
	job.Server = send.Server{Host: m.Host, Port: m.Port, Security: m.Security, Auth: m.Auth, User: m.User, Timeout: m.Timeout}
	job.Message = send.Message{From: m.From, Subject: m.Subject, Body: m.Body}
	if strings.TrimSpace(m.From) == "" {
		return job, usage(errors.New("mail.from: set the sender's address (planreport.yaml or PLANREPORT_MAIL_FROM)"))
	}
	if job.DryRun && job.Drafts {
		return job, usage(errors.New("--dry-run and --drafts: choose one"))
	}
	if job.DryRun || job.Drafts {
		return job, nil
	}
	if strings.TrimSpace(m.Host) == "" {
		return job, usage(errors.New("mail.host: set the mail server (planreport.yaml or PLANREPORT_MAIL_HOST), or use --drafts"))
	}
	if m.Auth == send.AuthOAuth2 {
		return oauth2Job(cmd, job, m)
	}
	if m.Auth == send.AuthNone || m.User == "" {
		return job, nil
	}
	pw, err := send.PasswordFrom(m.PasswordEnv, m.PasswordFile)
	if err != nil {
		return job, usage(fmt.Errorf("mail password: %w", err))
	}
	job.Server.Password = pw
	return job, nil
}

// oauth2Job signs in to Microsoft 365 for the send: the mailbox is
// mail.user, or else the sender's address.
func oauth2Job(cmd *cobra.Command, job send.Job, m config.Mail) (send.Job, error) {
	if job.Server.User == "" {
		from, err := mail.ParseAddress(m.From)
		if err != nil {
			return job, usage(fmt.Errorf("mail.from: %q is not an email address", m.From))
		}
		job.Server.User = from.Address
	}
	tokenFile, err := msauth.DefaultTokenFile()
	if err != nil {
		return job, err
	}
	c := msauth.Config{Authority: m.OAuth2.Authority, Tenant: m.OAuth2.Tenant, ClientID: m.OAuth2.ClientID, TokenFile: tokenFile}
	if err := c.Check(); err != nil {
		return job, usage(err)
	}
	job.Server.Token = func(ctx context.Context) (send.Secret, error) {
		tok, err := msauth.Token(ctx, c, cmd.ErrOrStderr())
		return send.Secret(tok), err
	}
	return job, nil
}

// runSignOut forgets the Microsoft 365 sign-in.
func runSignOut(cmd *cobra.Command) error {
	tokenFile, err := msauth.DefaultTokenFile()
	if err != nil {
		return failed(err)
	}
	forgot, err := msauth.SignOut(tokenFile)
	if err != nil {
		return failed(err)
	}
	if forgot {
		fmt.Fprintf(cmd.OutOrStdout(), "signed out of Microsoft 365: removed %s\n", tokenFile)
	} else {
		fmt.Fprintln(cmd.OutOrStdout(), "not signed in to Microsoft 365: nothing to forget")
	}
	return nil
}

// recipients is the distribution list: the workbook's and the
// configuration's, or only the --to addresses when given.
func recipients(sheet []plan.Recipient, configured, override []string) []send.Recipient {
	var rs []send.Recipient
	if len(override) > 0 {
		for _, a := range override {
			rs = append(rs, send.Recipient{Email: strings.TrimSpace(a), Where: "--to"})
		}
		return rs
	}
	for _, r := range sheet {
		rs = append(rs, send.Recipient{Name: r.Name, Email: r.Email, Role: r.Role, Where: r.Where})
	}
	for i, a := range configured {
		rs = append(rs, send.Recipient{Email: a, Where: fmt.Sprintf("mail.to[%d]", i)})
	}
	return rs
}

// mailData is what the subject and body templates print.
func mailData(r *report.Report) send.Data {
	d := send.Data{Title: r.Title, ReportName: r.ReportName, Date: r.Date, Heading: r.Heading(),
		Organisation: r.Organisation}
	if n := len(r.Summary); n > 0 {
		d.Summary = r.Summary[n-1]
	}
	return d
}
