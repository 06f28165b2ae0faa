// Package config is planreport's configuration as a plain struct. The
// command line fills it (from planreport.yaml, PLANREPORT_ environment
// variables and flags) and passes it down; nothing below cmd/ reads files,
// the environment or flags to find its settings.
package config

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// Config is every setting of planreport, and the one definition of its
// keys: each field's mapstructure tag is its key in planreport.yaml (a
// field without one is its name in lower case), a struct field is a group
// of keys ("page.size"), and Default holds every default. Settings walks it
// for the command line, which sets viper's defaults and environment
// variables from it, and for the tests that hold the example file and the
// README to it. A new setting is a field here (with its default in Default
// and its check in Validate), a line in templates/planreport.yaml and a row
// in the README.
type Config struct {
	Workbook string   `mapstructure:"workbook"` // the workbook read when none is named on the command line
	OutDir   string   `mapstructure:"output"`   // where reports are written
	Formats  []string `mapstructure:"formats"`  // "pdf", "docx", "html"
	Template string   `mapstructure:"template"` // a committee's own .docx template; "" for the default
	Strict   bool     `mapstructure:"strict"`   // warnings stop generation like errors
	// Language is the report's language as a BCP 47 tag ("en-GB"): the
	// PDF's /Lang, the HTML's lang and Word's proofing language.
	Language string `mapstructure:"language"`
	Page     Page   `mapstructure:"page"`
	Fonts    Fonts  `mapstructure:"fonts"`
	Dates    Dates  `mapstructure:"dates"`
	Points   Points `mapstructure:"points"`
	// RAG is set whole, as a list (see wholeTypes).
	RAG rag.Scale `mapstructure:"rag"`
	// Headers adds header names, by canonical column name, to the ones the
	// reader already knows: {"Strategic Lead": ["Owner"]}.
	Headers  map[string][]string `mapstructure:"headers"`
	Sections report.Sections     `mapstructure:"sections"` // keys: the fields' names in lower case
	Mail     Mail                `mapstructure:"mail"`
}

// Page is the PDF's paper.
type Page struct {
	Size        string `mapstructure:"size"`        // A4, A3, Letter, Legal
	Orientation string `mapstructure:"orientation"` // landscape, portrait
}

// Fonts are TrueType files for the PDF: the body font's faces, each blank
// one keeping the built-in Liberation Sans, and fallback fonts for the
// characters neither the body font nor the built-in DejaVu Sans has.
type Fonts struct {
	Regular  string   `mapstructure:"regular"`
	Bold     string   `mapstructure:"bold"`
	Italic   string   `mapstructure:"italic"`
	Fallback []string `mapstructure:"fallback"`
}

// Dates is how text dates are read.
type Dates struct {
	// MonthFirst reads text dates such as 03/10/2018 month first (US);
	// the default is day first (UK).
	MonthFirst bool `mapstructure:"month_first"`
}

// Points is how an update's text becomes the report's points.
type Points struct {
	// Semicolons splits an update written on one line at each ";"; an
	// update of several lines is split only at its line breaks either way.
	Semicolons bool `mapstructure:"semicolons"`
}

// Mail is how `planreport send` reaches the committee.
type Mail struct {
	Host         string        `mapstructure:"host"`
	Port         int           `mapstructure:"port"`
	Security     string        `mapstructure:"security"` // starttls, tls, none
	User         string        `mapstructure:"user"`
	PasswordEnv  string        `mapstructure:"password_env"` // the environment variable holding the password
	PasswordFile string        `mapstructure:"password_file"`
	From         string        `mapstructure:"from"`
	Subject      string        `mapstructure:"subject"` // text/template
	Body         string        `mapstructure:"body"`    // text/template
	To           []string      `mapstructure:"to"`
	AttachDOCX   bool          `mapstructure:"attach_docx"`
	Timeout      time.Duration `mapstructure:"timeout"`
	Auth         string        `mapstructure:"auth"` // password, oauth2, none; "": password when User is set, else none
	OAuth2       OAuth2        `mapstructure:"oauth2"`
	Drafts       Drafts        `mapstructure:"drafts"`
}

// OAuth2 is the Microsoft 365 sign-in of `planreport send` with mail.auth
// oauth2: the council's tenant, the app registration IT made, and the
// identity platform's address.
type OAuth2 struct {
	Tenant    string `mapstructure:"tenant"`
	ClientID  string `mapstructure:"client_id"`
	Authority string `mapstructure:"authority"`
}

// Drafts is how `planreport send --drafts` addresses its drafts.
type Drafts struct {
	// Recipients is each (one draft per recipient), to or bcc (one draft
	// to all, in To or in Bcc).
	Recipients string `mapstructure:"recipients"`
}

// Formats the renderers can write.
var Formats = []string{"pdf", "docx", "html"}

// PageSizes are the paper sizes the PDF can be printed on: portrait width
// and height in millimetres.
var PageSizes = map[string][2]float64{
	"A4": {210, 297}, "A3": {297, 420}, "Letter": {215.9, 279.4}, "Legal": {215.9, 355.6},
}

// Dimensions are the page's width and height in millimetres, as it is
// turned; ok is false for a size or orientation planreport does not know.
func (p Page) Dimensions() (width, height float64, ok bool) {
	for name, d := range PageSizes {
		if strings.EqualFold(name, strings.TrimSpace(p.Size)) {
			switch strings.ToLower(strings.TrimSpace(p.Orientation)) {
			case "portrait":
				return d[0], d[1], true
			case "landscape":
				return d[1], d[0], true
			}
		}
	}
	return 0, 0, false
}

// Default is the configuration used where nothing else is set.
func Default() Config {
	return Config{
		OutDir:   "outputs",
		Formats:  []string{"pdf", "docx", "html"},
		Language: "en-GB",
		Page:     Page{Size: "A4", Orientation: "landscape"},
		Points:   Points{Semicolons: true},
		RAG:      rag.Default(),
		Sections: report.Sections{Exceptions: true, Trends: true, Chart: true, History: true},
		Mail: Mail{Port: 587, Security: "starttls", PasswordEnv: "PLANREPORT_MAIL_PASSWORD",
			Timeout: 30 * time.Second, OAuth2: OAuth2{Authority: "https://login.microsoftonline.com"},
			Drafts: Drafts{Recipients: "each"}},
	}
}

// Validate checks every value, and names the key of the first bad one. It
// changes nothing: the command line has already put formats and
// mail.security in lower case.
func (c Config) Validate() error {
	if len(c.Formats) == 0 {
		return fmt.Errorf("formats: name at least one of %s", strings.Join(Formats, ", "))
	}
	for _, f := range c.Formats {
		if !slices.Contains(Formats, f) {
			return fmt.Errorf("formats: %q is not a format planreport writes (%s)", f, strings.Join(Formats, ", "))
		}
	}
	if _, err := language.Parse(c.Language); err != nil || c.Language == "" {
		return fmt.Errorf("language: %q is not a language tag such as en-GB or gd", c.Language)
	}
	if _, ok := PageSizes[canonicalSize(c.Page.Size)]; !ok {
		return fmt.Errorf("page.size: %q is not one of %s", c.Page.Size, strings.Join(slices.Sorted(maps.Keys(PageSizes)), ", "))
	}
	if o := c.Page.Orientation; !strings.EqualFold(o, "landscape") && !strings.EqualFold(o, "portrait") {
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
	if d := c.Mail.Drafts.Recipients; d != "each" && d != "to" && d != "bcc" {
		return fmt.Errorf("mail.drafts.recipients: %q is not one of each, to, bcc", d)
	}
	return nil
}

// Setting is one key of the configuration and its value.
type Setting struct {
	Key   string // "page.size"
	Value any
}

// wholeTypes are struct types set as one value, not as a group of keys:
// the RAG scale is a list.
var wholeTypes = map[reflect.Type]bool{reflect.TypeFor[rag.Scale](): true}

// Settings lists every key of c with its value, in the order of the struct.
func Settings(c Config) []Setting {
	return appendSettings(nil, "", reflect.ValueOf(c))
}

func appendSettings(out []Setting, prefix string, v reflect.Value) []Setting {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
		if key == "" {
			key = strings.ToLower(f.Name)
		}
		if f.Type.Kind() == reflect.Struct && !wholeTypes[f.Type] {
			out = appendSettings(out, prefix+key+".", v.Field(i))
			continue
		}
		out = append(out, Setting{Key: prefix + key, Value: v.Field(i).Interface()})
	}
	return out
}

// EnvName is the environment variable that sets key: PLANREPORT_ and the
// key in capitals, "." as "_" (PLANREPORT_PAGE_SIZE).
func EnvName(key string) string {
	return "PLANREPORT_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// canonicalSize is the name of PageSizes that size is, whatever its case;
// size itself when it is none.
func canonicalSize(size string) string {
	for name := range PageSizes {
		if strings.EqualFold(name, strings.TrimSpace(size)) {
			return name
		}
	}
	return size
}
