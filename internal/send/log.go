package send

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/planreport/planreport/internal/atomicfile"
)

// sendLog is the record of every attempt to send a report (see the package
// comment for the format).
type sendLog struct {
	Sends []logEntry `json:"sends"`
}

// logEntry is one attempt to send to one address.
type logEntry struct {
	Email       string       `json:"email"`
	Time        time.Time    `json:"time"`
	Outcome     Outcome      `json:"outcome"`
	Reason      string       `json:"reason,omitempty"`
	Attachments []attachment `json:"attachments"`
}

// readLog reads the send log at path; a missing file (or no path) is an
// empty log.
func readLog(path string) (*sendLog, error) {
	log := &sendLog{}
	if path == "" {
		return log, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return log, nil
	}
	if err != nil {
		return nil, fmt.Errorf("send log: %w", err)
	}
	if err := json.Unmarshal(data, log); err != nil {
		return nil, fmt.Errorf("send log %s: %w", path, err)
	}
	return log, nil
}

// write replaces the log file at path.
func (l *sendLog) write(path string) error {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("send log %s: %w", path, err)
	}
	return atomicfile.WriteBytes(path, append(data, '\n'))
}

// add records a delivery of files.
func (l *sendLog) add(d Delivery, files []attachment) {
	l.Sends = append(l.Sends, logEntry{
		Email: d.Recipient.Email, Time: d.Time, Outcome: d.Outcome, Reason: d.Reason, Attachments: files,
	})
}

// last returns the outcome of the last attempt to send files to email, and
// whether there was one.
func (l *sendLog) last(email string, files []attachment) (Outcome, bool) {
	for _, e := range slices.Backward(l.Sends) {
		if strings.EqualFold(e.Email, email) && sameFiles(e.Attachments, files) {
			return e.Outcome, true
		}
	}
	return "", false
}

// attempted reports whether the log holds any attempt to send files.
func (l *sendLog) attempted(files []attachment) bool {
	return slices.ContainsFunc(l.Sends, func(e logEntry) bool { return sameFiles(e.Attachments, files) })
}

// sameFiles reports whether a and b hold the same contents, in any order.
func sameFiles(a, b []attachment) bool {
	return slices.Equal(hashes(a), hashes(b))
}

// hashes returns the sorted SHA-256 sums of files.
func hashes(files []attachment) []string {
	h := make([]string, len(files))
	for i, f := range files {
		h[i] = f.SHA256
	}
	slices.Sort(h)
	return h
}

// selectRecipients starts the Result and picks the recipients to send to:
// all of them, or with OnlyFailed those whose last attempt to be sent files
// failed. With OnlyFailed, an address whose last attempt failed but which is
// no longer on the list gets a Skipped line of its own, after the list's.
func selectRecipients(job Job, log *sendLog, files []attachment) (Result, []outgoing, error) {
	if job.OnlyFailed && job.LogPath == "" {
		return Result{}, nil, errors.New("nothing to resend from: no send log given")
	}
	if job.OnlyFailed && !log.attempted(files) {
		return Result{}, nil, fmt.Errorf("nothing to resend: the send log %q has no earlier send of %s", job.LogPath, names(files))
	}
	res := Result{Deliveries: make([]Delivery, len(job.Recipients))}
	var out []outgoing
	listed := map[string]bool{}
	for i, r := range job.Recipients {
		listed[strings.ToLower(r.Email)] = true
		res.Deliveries[i] = Delivery{Recipient: r, Outcome: Failed, Reason: "not attempted"}
		if job.OnlyFailed {
			outcome, tried := log.last(r.Email, files)
			switch {
			case !tried:
				res.Deliveries[i].Outcome = Skipped
				res.Deliveries[i].Reason = "never sent this report, so not resent; send without --only-failed to include it"
				continue
			case outcome != Failed:
				res.Deliveries[i].Outcome = Skipped
				res.Deliveries[i].Reason = "already sent"
				continue
			}
		}
		out = append(out, outgoing{index: i, to: r})
	}
	if job.OnlyFailed {
		for _, email := range log.failed(files) {
			if !listed[strings.ToLower(email)] {
				res.Deliveries = append(res.Deliveries, Delivery{Recipient: Recipient{Email: email, Where: "the send log"},
					Outcome: Skipped, Reason: "failed last time, but is no longer on the list, so not resent"})
			}
		}
	}
	return res, out, nil
}

// failed returns the addresses whose last attempt to be sent files failed,
// in the order of their first attempt.
func (l *sendLog) failed(files []attachment) []string {
	var emails []string
	seen := map[string]bool{}
	for _, e := range l.Sends {
		key := strings.ToLower(e.Email)
		if seen[key] || !sameFiles(e.Attachments, files) {
			continue
		}
		seen[key] = true
		if outcome, _ := l.last(e.Email, files); outcome == Failed {
			emails = append(emails, e.Email)
		}
	}
	return emails
}

// names lists the file names of files.
func names(files []attachment) string {
	n := make([]string, len(files))
	for i, f := range files {
		n[i] = f.Name
	}
	return strings.Join(n, ", ")
}
