// Package config is planreport's configuration as a plain struct. The
// command line fills it (from planreport.yaml, PLANREPORT_ environment
// variables and flags) and passes it down; nothing below cmd/ reads files,
// the environment or flags to find its settings.
package config

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// Config is every setting of planreport.
type Config struct {
	Workbook string   // the workbook read when none is named on the command line
	OutDir   string   // where reports are written
	Formats  []string // "pdf", "docx"
	Template string   // a committee's own .docx template; "" for the default
	Strict   bool     // warnings stop generation like errors
	// Language is the report's language as a BCP 47 tag ("en-GB"): the
	// PDF's /Lang, the HTML's lang and Word's proofing language.
	Language string
	Page     Page
	Fonts    Fonts
	// MonthFirst reads text dates such as 03/10/2018 month first (US);
	// the default is day first (UK).
	MonthFirst bool
	RAG        rag.Scale
	// Headers adds header names, by canonical column name, to the ones the
	// reader already knows: {"Strategic Lead": ["Owner"]}.
	Headers  map[string][]string
	Sections report.Sections
	Mail     Mail
}

// Page is the PDF's paper.
type Page struct {
	Size        string // A4, A3, Letter, Legal
	Orientation string // landscape, portrait
}

// Fonts are TrueType files that replace the PDF's embedded Go fonts; each
// blank one keeps the default.
type Fonts struct {
	Regular, Bold, Italic string
}

// Mail is how `planreport send` reaches the committee.
type Mail struct {
	Host         string
	Port         int
	Security     string // starttls, tls, none
	User         string
	PasswordEnv  string // the environment variable holding the password
	PasswordFile string
	From         string
	Subject      string // text/template
	Body         string // text/template
	To           []string
	AttachDOCX   bool
	Timeout      time.Duration
	Auth         string // password, oauth2, none; "": password when User is set, else none
	OAuth2       OAuth2
	// DraftRecipients is how --drafts addresses them: each (one draft per
	// recipient), to or bcc (one draft to all, in To or in Bcc).
	DraftRecipients string
}

// OAuth2 is the Microsoft 365 sign-in of `planreport send` with mail.auth
// oauth2: the council's tenant, the app registration IT made, and the
// identity platform's address.
type OAuth2 struct {
	Tenant, ClientID, Authority string
}

// Formats the renderers can write.
var Formats = []string{"pdf", "docx"}

// PageSizes the PDF can be printed on.
var PageSizes = []string{"A4", "A3", "Letter", "Legal"}

// Default is the configuration used where nothing else is set.
func Default() Config {
	return Config{
		Workbook: "inputs/cpc-improvement-plan.xlsx",
		OutDir:   "outputs",
		Formats:  []string{"pdf", "docx"},
		Language: "en-GB",
		Page:     Page{Size: "A4", Orientation: "landscape"},
		RAG:      rag.Default(),
		Sections: report.Sections{Exceptions: true, Trends: true, Chart: true},
		Mail: Mail{Port: 587, Security: "starttls", PasswordEnv: "PLANREPORT_MAIL_PASSWORD",
			Timeout: 30 * time.Second, OAuth2: OAuth2{Authority: "https://login.microsoftonline.com"},
			DraftRecipients: "each"},
	}
}

// Validate checks every value, and names the key of the first bad one.
func (c *Config) Validate() error {
	if len(c.Formats) == 0 {
		return fmt.Errorf("formats: name at least one of %s", strings.Join(Formats, ", "))
	}
	for i, f := range c.Formats {
		c.Formats[i] = strings.ToLower(strings.TrimSpace(f))
		if !slices.Contains(Formats, c.Formats[i]) {
			return fmt.Errorf("formats: %q is not a format planreport writes (%s)", f, strings.Join(Formats, ", "))
		}
	}
	if _, err := language.Parse(c.Language); err != nil || c.Language == "" {
		return fmt.Errorf("language: %q is not a language tag such as en-GB or gd", c.Language)
	}
	if !slices.ContainsFunc(PageSizes, func(s string) bool { return strings.EqualFold(s, c.Page.Size) }) {
		return fmt.Errorf("page.size: %q is not one of %s", c.Page.Size, strings.Join(PageSizes, ", "))
	}
	if o := strings.ToLower(c.Page.Orientation); o != "landscape" && o != "portrait" {
		return fmt.Errorf("page.orientation: %q is neither landscape nor portrait", c.Page.Orientation)
	}
	if err := c.RAG.Validate(); err != nil {
		return fmt.Errorf("rag: %w", err)
	}
	if s := c.Mail.Security; s != "starttls" && s != "tls" && s != "none" {
		return fmt.Errorf("mail.security: %q is not one of starttls, tls, none", s)
	}
	if c.Mail.Port < 1 || c.Mail.Port > 65535 {
		return fmt.Errorf("mail.port: %d is not a TCP port", c.Mail.Port)
	}
	if a := c.Mail.Auth; a != "" && a != "password" && a != "oauth2" && a != "none" {
		return fmt.Errorf("mail.auth: %q is not one of password, oauth2, none", a)
	}
	if d := c.Mail.DraftRecipients; d != "each" && d != "to" && d != "bcc" {
		return fmt.Errorf("mail.drafts.recipients: %q is not one of each, to, bcc", d)
	}
	return nil
}
