package send

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/atomicfile"
	gomail "github.com/wneessen/go-mail"
)

// The ways to address drafts (Job.DraftRecipients).
const (
	DraftEach = "each" // one draft per recipient (also "")
	DraftTo   = "to"   // one draft, every recipient in To
	DraftBcc  = "bcc"  // one draft to the sender, every recipient in Bcc
)

// writeDrafts writes the drafts of out to job.OutDir: one per recipient,
// or one to all of them.
func writeDrafts(res *Result, job Job, out []outgoing, files []attachment) error {
	if job.OutDir == "" {
		return errors.New("drafts: no output folder given")
	}
	if err := os.MkdirAll(job.OutDir, 0o755); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	switch job.DraftRecipients {
	case "", DraftEach:
		out, err := buildMessages(job.Message, job.Data, out, files)
		if err != nil {
			return err
		}
		for _, o := range out {
			path := filepath.Join(job.OutDir, fileName(o.to.Email))
			if err := writeDraft(path, o.msg); err != nil {
				return err
			}
			res.Deliveries[o.index] = Delivery{Recipient: o.to, Outcome: Written, File: path, Time: time.Now().UTC()}
		}
		return nil
	case DraftTo, DraftBcc:
		return writeDraftToAll(res, job, out, files)
	}
	return fmt.Errorf("drafts: recipients %q: want each, to or bcc", job.DraftRecipients)
}

// writeDraftToAll writes one draft addressed to every recipient of out,
// named after the first attachment (the report): report.eml.
func writeDraftToAll(res *Result, job Job, out []outgoing, files []attachment) error {
	subject, err := parseTemplate("subject", job.Subject, DefaultSubject)
	if err != nil {
		return err
	}
	body, err := parseTemplate("body", job.Body, DefaultBody)
	if err != nil {
		return err
	}
	msg, err := newMessage(job.From, templateData{Data: job.Data}, subject, body, files)
	if err != nil {
		return err
	}
	addrs := make([]string, len(out))
	for i, o := range out {
		addrs[i] = (&mail.Address{Name: o.to.Name, Address: o.to.Email}).String()
	}
	if job.DraftRecipients == DraftTo {
		err = msg.To(addrs...)
	} else { // go-mail leaves Bcc out of what it writes; a draft keeps it
		err = msg.To(job.From)
		msg.SetGenHeaderPreformatted(gomail.Header(gomail.HeaderBcc), strings.Join(addrs, ",\r\n "))
	}
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	path := filepath.Join(job.OutDir, strings.TrimSuffix(files[0].Name, filepath.Ext(files[0].Name))+".eml")
	if err := writeDraft(path, msg); err != nil {
		return err
	}
	for _, o := range out {
		res.Deliveries[o.index] = Delivery{Recipient: o.to, Outcome: Written, File: path, Time: time.Now().UTC()}
	}
	return nil
}

// writeDraft writes msg to path as an unsent draft: X-Unsent: 1, which
// makes Outlook open it as a new message, and no Date or Message-ID, which
// would make it look sent. Its MIME boundary comes from its contents, so
// that the same draft is the same bytes.
func writeDraft(path string, msg *gomail.Msg) error {
	msg.SetGenHeader("X-Unsent", "1")
	msg.SetBoundary("planreport-draft")
	data, err := draftBytes(msg)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	msg.SetBoundary("planreport-" + hex.EncodeToString(sum[:12]))
	if data, err = draftBytes(msg); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	return nil
}

// draftBytes is msg as written, less its Date and Message-ID.
func draftBytes(msg *gomail.Msg) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	return dropHeaders(buf.Bytes(), "Date", "Message-ID"), nil
}

// dropHeaders removes the header fields named (with their folded lines)
// from the header of the message data.
func dropHeaders(data []byte, names ...string) []byte {
	head, body, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	var out [][]byte
	dropping := false
	for _, line := range bytes.Split(head, []byte("\r\n")) {
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if !dropping {
				out = append(out, line)
			}
			continue
		}
		name, _, _ := bytes.Cut(line, []byte(":"))
		dropping = false
		for _, n := range names {
			dropping = dropping || strings.EqualFold(string(bytes.TrimSpace(name)), n)
		}
		if !dropping {
			out = append(out, line)
		}
	}
	return append(append(bytes.Join(out, []byte("\r\n")), "\r\n\r\n"...), body...)
}
