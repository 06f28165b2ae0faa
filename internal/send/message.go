package send

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/wneessen/go-mail"
)

// DefaultSubject is the subject template used when Message.Subject is blank.
const DefaultSubject = `{{.Title}}: {{.ReportName}} @ {{date .Date}}`

// DefaultBody is the body template used when Message.Body is blank.
const DefaultBody = `Dear {{with .Recipient.Name}}{{.}}{{else}}colleague{{end}},

Please find attached the {{.ReportName}} of the {{.Title}}, as at {{date .Date}}.

At this report point the plan has {{.Summary.Total}} actions: {{.Summary.Completed}} completed and {{.Summary.Ongoing}} ongoing{{if .Summary.Added}}, {{.Summary.Added}} of them added since the previous report{{end}}.

Kind regards,
{{.Organisation}}
`

// templateData is what a template sees: the Data and the recipient.
type templateData struct {
	Data
	Recipient Recipient
}

// templateFuncs are the functions the templates may call.
var templateFuncs = template.FuncMap{
	"date": func(d time.Time) string { return d.Format("2 January 2006") },
}

// attachment is a file to attach, read once.
type attachment struct {
	Name   string `json:"file"`
	SHA256 string `json:"sha256"`
	data   []byte
}

// outgoing is the message to one recipient.
type outgoing struct {
	index int // in Job.Recipients and Result.Deliveries
	to    Recipient
	msg   *mail.Msg
}

// readAttachments reads and hashes the files to attach.
func readAttachments(paths []string) ([]attachment, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("nothing to attach: no report file given")
	}
	files := make([]attachment, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot attach: %w", err)
		}
		sum := sha256.Sum256(data)
		files[i] = attachment{Name: filepath.Base(p), SHA256: hex.EncodeToString(sum[:]), data: data}
	}
	return files, nil
}

// contentType is the MIME type of an attached file, from its extension.
func contentType(name string) mail.ContentType {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
		return mail.ContentType(t)
	}
	return mail.TypeAppOctetStream
}

// parseTemplate parses a template source, or def when it is blank.
func parseTemplate(name, src, def string) (*template.Template, error) {
	if strings.TrimSpace(src) == "" {
		src = def
	}
	t, err := template.New(name).Funcs(templateFuncs).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%s template: %w", name, err)
	}
	return t, nil
}

// render executes a template.
func render(t *template.Template, data templateData) (string, error) {
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("%s template: %w", t.Name(), err)
	}
	return b.String(), nil
}

// buildMessages makes the message to each recipient of out.
func buildMessages(m Message, d Data, out []outgoing, files []attachment) ([]outgoing, error) {
	subject, err := parseTemplate("subject", m.Subject, DefaultSubject)
	if err != nil {
		return nil, err
	}
	body, err := parseTemplate("body", m.Body, DefaultBody)
	if err != nil {
		return nil, err
	}
	for i := range out {
		r := out[i].to
		if out[i].msg, err = newMessage(m.From, templateData{Data: d, Recipient: r}, subject, body, files); err != nil {
			return nil, err
		}
		if err := out[i].msg.AddToFormat(r.Name, r.Email); err != nil {
			return nil, fmt.Errorf("%s: %w", r.Where, err)
		}
	}
	return out, nil
}

// newMessage makes a message, with no recipient yet: the text for the
// recipient of data (none for one message to all).
func newMessage(from string, data templateData, subject, body *template.Template, files []attachment) (*mail.Msg, error) {
	subj, err := render(subject, data)
	if err != nil {
		return nil, err
	}
	text, err := render(body, data)
	if err != nil {
		return nil, err
	}
	msg := mail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("sender (From) %q is not an email address", from)
	}
	msg.Subject(strings.Join(strings.Fields(subj), " "))
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, text)
	for _, f := range files {
		msg.AttachReadSeeker(f.Name, bytes.NewReader(f.data), mail.WithFileContentType(contentType(f.Name)))
	}
	return msg, nil
}

// writeMessages writes each message of out to dir as an .eml file.
func writeMessages(res *Result, dir string, out []outgoing) error {
	if dir == "" {
		return errors.New("dry run: no output folder given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("dry run: %w", err)
	}
	for _, o := range out {
		path := filepath.Join(dir, fileName(o.to.Email))
		err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := o.msg.WriteTo(w)
			return err
		})
		if err != nil {
			return fmt.Errorf("dry run: %w", err)
		}
		res.Deliveries[o.index] = Delivery{Recipient: o.to, Outcome: Written, File: path, Time: time.Now().UTC()}
	}
	return nil
}
