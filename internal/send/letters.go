package send

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Letter is one message of its own, as the update round sends them: to
// one person (at one or more addresses), with its own subject, text and
// files, unlike a report's one message to many.
type Letter struct {
	Name        string   // whom it is to: the lead
	To          []string // the addresses
	Where       string   // where the addresses were given, for errors: "Leads!B4"
	Subject     string
	Body        string
	Attachments []string // file paths
	Draft       string   // the draft's file name in OutDir ("form.eml")
}

// Letters is one run of letters: written as Outlook drafts, or sent over
// Server with the send log kept at LogPath, so that a letter already sent
// with the same files is not sent again.
type Letters struct {
	Server
	From    string
	Letters []Letter
	Drafts  bool   // write OutDir/Letter.Draft instead of sending
	OutDir  string // for Drafts
	LogPath string // the send log; none kept when blank
}

// SendLetters writes each letter as a draft, or sends it. Each Delivery's
// Recipient is the letter's lead and addresses (joined by ", "). Before
// anything is written or sent every address and attachment is checked:
// one bad stops the run, naming where it was given. A letter the log
// shows already sent with the same files is Skipped ("already sent").
func SendLetters(ctx context.Context, job Letters) (Result, error) {
	if strings.TrimSpace(job.From) == "" {
		return Result{}, errors.New("no sender (From) given")
	}
	var errs []error
	for _, l := range job.Letters {
		if len(l.To) == 0 {
			errs = append(errs, fmt.Errorf("%s: %s has no email address", whereLetter(l), l.Name))
		}
		for _, a := range l.To {
			if err := checkAddress(a); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", whereLetter(l), err))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	files := make([][]attachment, len(job.Letters))
	for i, l := range job.Letters {
		var err error
		if files[i], err = readAttachments(l.Attachments); err != nil {
			return Result{}, err
		}
	}
	log, err := readLog(job.LogPath)
	if err != nil {
		return Result{}, err
	}
	res := Result{Deliveries: make([]Delivery, len(job.Letters))}
	var out []outgoing
	for i, l := range job.Letters {
		to := Recipient{Name: l.Name, Email: strings.Join(l.To, ", "), Where: l.Where}
		res.Deliveries[i] = Delivery{Recipient: to, Outcome: Failed, Reason: "not attempted"}
		if !job.Drafts {
			if outcome, _ := log.last(to.Email, files[i]); outcome == Sent {
				res.Deliveries[i] = Delivery{Recipient: to, Outcome: Skipped, Reason: "already sent"}
				continue
			}
		}
		msg, err := newLetter(job.From, l, files[i])
		if err != nil {
			return Result{}, err
		}
		out = append(out, outgoing{index: i, to: to, msg: msg})
	}
	if job.Drafts {
		if job.OutDir == "" {
			return res, errors.New("drafts: no output folder given")
		}
		if err := os.MkdirAll(job.OutDir, 0o755); err != nil {
			return res, fmt.Errorf("drafts: %w", err)
		}
		for _, o := range out {
			path := filepath.Join(job.OutDir, job.Letters[o.index].Draft)
			if err := writeDraft(path, o.msg); err != nil {
				return res, err
			}
			res.Deliveries[o.index] = Delivery{Recipient: o.to, Outcome: Written, File: path, Time: time.Now().UTC()}
		}
		return res, nil
	}
	if len(out) == 0 {
		return res, nil
	}
	return sendLogged(ctx, job.Server, out, res, log, job.LogPath, func(o outgoing) []attachment { return files[o.index] })
}

// whereLetter names where a letter's addresses were given.
func whereLetter(l Letter) string {
	if l.Where != "" {
		return l.Where
	}
	return l.Name
}

// newLetter makes the message of a letter, addressed to its lead.
func newLetter(from string, l Letter, files []attachment) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("sender (From) %q is not an email address", from)
	}
	to := make([]string, len(l.To))
	for i, a := range l.To {
		to[i] = (&mail.Address{Name: l.Name, Address: a}).String()
	}
	if err := msg.To(to...); err != nil {
		return nil, fmt.Errorf("%s: %w", whereLetter(l), err)
	}
	msg.Subject(strings.Join(strings.Fields(l.Subject), " "))
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, l.Body)
	for _, f := range files {
		msg.AttachReadSeeker(f.Name, bytes.NewReader(f.data), gomail.WithFileContentType(letterType(f.Name)))
	}
	return msg, nil
}

// letterType is the MIME type of a letter's attached file: an update form
// is a workbook, whatever the system's own list of types says.
func letterType(name string) gomail.ContentType {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return contentType(name)
}
