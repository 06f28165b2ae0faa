// Package send emails a generated report to its distribution list over SMTP.
//
// Run sends one message per recipient, so that a refusal by the server
// concerns one address only. Each message has a plain-text body and the
// report's files attached: the PDF as application/pdf, the Word document as
// application/vnd.openxmlformats-officedocument.wordprocessingml.document.
// The files are read and hashed (SHA-256) once, before anything is sent,
// and every message carries exactly those bytes.
//
// Before connecting, Run checks every address (CheckRecipients: one bad or
// repeated address stops the whole send, naming its row) and renders the
// subject and body of every message from their text/template sources, so a
// template error, also named, stops the send before anything goes out. The
// templates see the fields of Data and the Recipient (.Recipient.Name, …),
// and a function date that prints a day as "31 July 2019"; DefaultSubject
// and DefaultBody are used when the Message leaves them blank.
//
// The connection (Server) is STARTTLS on port 587 by default, implicit TLS
// ("tls") on 465, or plain ("none") on 25. Server.Timeout bounds connecting
// and every exchange with the server (default 10 s); Server.SendTimeout
// bounds the whole send (default 10 min), closing the connection when it is
// over. An unreachable or silent server therefore fails with a plain message
// ("no answer from … within …") rather than a hang, and every recipient is
// reported not sent. The password comes from PasswordFrom (an environment
// variable or a file); it is never put in an error, the log or the output.
// With Auth "oauth2", Run asks Server.Token for an access token just before
// connecting and signs in with SMTP XOAUTH2; a failed sign-in stops the send
// with nothing logged. A Microsoft 365 server that refuses a password (or
// answers 550 5.7.30) fails with PasswordsRetired.
//
// With Drafts, nothing is sent and no server or password is needed: each
// message is written to OutDir as a draft for Outlook, like DryRun's file
// but with the header X-Unsent: 1 and no Date or Message-ID. With
// DraftRecipients DraftTo or DraftBcc, one draft (named after the report)
// goes to all the recipients, greeting no one by name.
//
// With DryRun, nothing is sent: each message is written to OutDir as
// <address>.eml (the address in lower case, bytes other than letters, digits
// and ".@_+-" written as %XX), a file any mail program opens.
//
// The send log (LogPath, normally beside the report) is JSON:
//
//	{"sends": [{"email": "jane@example.org", "time": "2019-08-01T09:00:00Z",
//	  "outcome": "sent" | "failed", "reason": "…",
//	  "attachments": [{"file": "report.pdf", "sha256": "…"}]}, …]}
//
// Every attempt is appended and the file is rewritten atomically after each
// one, so a send cut short still leaves a true record (each recipient it
// did not reach is logged "failed"). With OnlyFailed, Run sends only to the
// recipients whose last attempt with the same attachments (the same hashes)
// is "failed"; one already sent them, or never tried (added to the list
// since), is skipped, and so is, with a line of its own, an address whose
// last attempt failed but which is no longer on the list. When the log has
// no attempt with these attachments at all, OnlyFailed is an error, since
// nothing was sent to resend.
package send

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/report"
)

// Message is the sender and the text of every message.
type Message struct {
	From    string // "Clerk <clerk@example.org>"
	Subject string // text/template source; DefaultSubject when blank
	Body    string // text/template source; DefaultBody when blank
}

// Data is what the subject and body templates print.
type Data struct {
	Title        string    // "CPC Improvement Plan 2018 – 2020"
	ReportName   string    // "Year 1 Progress / Update Report"
	Date         time.Time // the report point
	Heading      string    // "Year 1 Progress / Update Report @ 31 July 2019"
	Summary      report.SummaryRow
	Organisation string
}

// Recipient is one address of the distribution list.
type Recipient struct {
	Name  string
	Email string
	Role  string
	Where string // where it was given, for errors: "Distribution!B4", "--to"
}

// Job is one send of one report.
type Job struct {
	Server
	Message
	Data
	Recipients  []Recipient
	Attachments []string // file paths: the PDF, optionally the .docx
	DryRun      bool     // write OutDir/<address>.eml instead of sending
	Drafts      bool     // write Outlook drafts to OutDir instead of sending
	// DraftRecipients is DraftEach (or ""): one draft per recipient,
	// OutDir/<address>.eml; DraftTo or DraftBcc: one draft to all,
	// OutDir/<report>.eml.
	DraftRecipients string
	OutDir          string
	OnlyFailed      bool   // send only to those the last attempt to send these attachments failed for
	LogPath         string // the send log; none kept when blank
}

// Outcome is what became of one recipient's message.
type Outcome string

// The outcomes.
const (
	Sent    Outcome = "sent"
	Failed  Outcome = "failed"
	Written Outcome = "written" // DryRun: the .eml file was written
	Skipped Outcome = "skipped" // OnlyFailed: already sent these attachments, or never tried
)

// Delivery is one recipient's line of a Result.
type Delivery struct {
	Recipient Recipient
	Outcome   Outcome
	Reason    string // why it failed, or why it was skipped
	File      string // the .eml file, with DryRun
	Time      time.Time
}

// Result is one line per recipient, in the order of Job.Recipients, then,
// with OnlyFailed, one per address skipped because it is no longer listed.
type Result struct {
	Deliveries []Delivery
}

// Failed returns the deliveries that failed.
func (r Result) Failed() []Delivery {
	var failed []Delivery
	for _, d := range r.Deliveries {
		if d.Outcome == Failed {
			failed = append(failed, d)
		}
	}
	return failed
}

// Run sends, or with DryRun writes, one message per recipient. The error is
// non-nil when nothing could be attempted (a bad address, template,
// attachment, server setting or log) or when any message was not sent; the
// Result then says which.
func Run(ctx context.Context, job Job) (Result, error) {
	if err := CheckRecipients(job.Recipients); err != nil {
		return Result{}, err
	}
	files, err := readAttachments(job.Attachments)
	if err != nil {
		return Result{}, err
	}
	log, err := readLog(job.LogPath)
	if err != nil {
		return Result{}, err
	}
	res, todo, err := selectRecipients(job, log, files)
	if err != nil || len(todo) == 0 {
		return res, err
	}
	if job.Drafts {
		err := writeDrafts(&res, job, todo, files)
		return res, err
	}
	out, err := buildMessages(job.Message, job.Data, todo, files)
	if err != nil {
		return Result{}, err
	}
	if job.DryRun {
		err := writeMessages(&res, job.OutDir, out)
		return res, err
	}
	return sendLogged(ctx, job.Server, out, res, log, job.LogPath, func(outgoing) []attachment { return files })
}

// sendLogged signs in to server and delivers out, recording each delivery
// in res and, when logPath is set, in the send log with the files that
// message carried (filesOf), written after each one so that a run stopped
// midway still knows who has theirs. It is how reports and the update
// round's letters are sent alike. A sign-in that fails gives its error
// and no result, nothing having been tried; otherwise the error is the
// first that stopped it, else one naming every address that failed.
func sendLogged(ctx context.Context, server Server, out []outgoing, res Result, log *sendLog, logPath string, filesOf func(outgoing) []attachment) (Result, error) {
	server, err := server.signedIn(ctx)
	if err != nil {
		return Result{}, err
	}
	err = deliver(ctx, server, out, func(o outgoing, d Delivery) error {
		res.Deliveries[o.index] = d
		if logPath == "" {
			return nil
		}
		log.add(d, filesOf(o))
		return log.write(logPath)
	})
	if err != nil {
		return res, err
	}
	return res, failures(res)
}

// failures is the error of a Result with failed deliveries, naming each
// address and why.
func failures(r Result) error {
	failed := r.Failed()
	if len(failed) == 0 {
		return nil
	}
	lines := make([]string, len(failed))
	for i, d := range failed {
		lines[i] = d.Recipient.Email + ": " + d.Reason
	}
	return fmt.Errorf("not sent to %d of %d recipients:\n  %s", len(failed), len(r.Deliveries), strings.Join(lines, "\n  "))
}
