// Package config is planreport's configuration as a plain struct. The
// command line fills it (from planreport.yaml, PLANREPORT_ environment
// variables and flags) and passes it down; nothing below cmd/ reads files,
// the environment or flags to find its settings.
package config

import (
	"fmt"
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
	Formats  []string `mapstructure:"formats"`  // "pdf", "docx"
	Template string   `mapstructure:"template"` // a committee's own .docx template; "" for the default
	Strict   bool     `mapstructure:"strict"`   // warnings stop generation like errors
	// Language is the report's language as a BCP 47 tag ("en-GB"): the
	// PDF's /Lang, the HTML's lang and Word's proofing language.
	Language string `mapstructure:"language"`
	Page     Page   `mapstructure:"page"`
	Fonts    Fonts  `mapstructure:"fonts"`
	Dates    Dates  `mapstructure:"dates"`
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

// Fonts are TrueType files that replace the PDF's embedded Go fonts; each
// blank one keeps the default.
type Fonts struct {
	Regular string `mapstructure:"regular"`
	Bold    string `mapstructure:"bold"`
	Italic  string `mapstructure:"italic"`
}

// Dates is how text dates are read.
type Dates struct {
	// MonthFirst reads text dates such as 03/10/2018 month first (US);
	// the default is day first (UK).
	MonthFirst bool `mapstructure:"month_first"`
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
}

// Formats the renderers can write.
var Formats = []string{"pdf", "docx"}

// pageSizes the PDF can be printed on.
var pageSizes = []string{"A4", "A3", "Letter", "Legal"}

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
			Timeout: 30 * time.Second},
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
	if !slices.ContainsFunc(pageSizes, func(s string) bool { return strings.EqualFold(s, c.Page.Size) }) {
		return fmt.Errorf("page.size: %q is not one of %s", c.Page.Size, strings.Join(pageSizes, ", "))
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
