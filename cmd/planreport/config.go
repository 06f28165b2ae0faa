package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/rag"
	"github.com/planreport/planreport/internal/report"
)

// fileConfig is the configuration as planreport.yaml spells it.
type fileConfig struct {
	Workbook string   `mapstructure:"workbook"`
	Output   string   `mapstructure:"output"`
	Formats  []string `mapstructure:"formats"`
	Template string   `mapstructure:"template"`
	Strict   bool     `mapstructure:"strict"`
	Language string   `mapstructure:"language"`
	Page     struct {
		Size        string `mapstructure:"size"`
		Orientation string `mapstructure:"orientation"`
	} `mapstructure:"page"`
	Fonts struct {
		Regular string `mapstructure:"regular"`
		Bold    string `mapstructure:"bold"`
		Italic  string `mapstructure:"italic"`
	} `mapstructure:"fonts"`
	Dates struct {
		MonthFirst bool `mapstructure:"month_first"`
	} `mapstructure:"dates"`
	RAG      []ragValue          `mapstructure:"rag"`
	Headers  map[string][]string `mapstructure:"headers"`
	Sections struct {
		Exceptions bool `mapstructure:"exceptions"`
		Trends     bool `mapstructure:"trends"`
		Chart      bool `mapstructure:"chart"`
	} `mapstructure:"sections"`
	Mail struct {
		Host         string        `mapstructure:"host"`
		Port         int           `mapstructure:"port"`
		Security     string        `mapstructure:"security"`
		User         string        `mapstructure:"user"`
		PasswordEnv  string        `mapstructure:"password_env"`
		PasswordFile string        `mapstructure:"password_file"`
		From         string        `mapstructure:"from"`
		Subject      string        `mapstructure:"subject"`
		Body         string        `mapstructure:"body"`
		To           []string      `mapstructure:"to"`
		AttachDOCX   bool          `mapstructure:"attach_docx"`
		Timeout      time.Duration `mapstructure:"timeout"`
		Auth         string        `mapstructure:"auth"`
		OAuth2       struct {
			Tenant    string `mapstructure:"tenant"`
			ClientID  string `mapstructure:"client_id"`
			Authority string `mapstructure:"authority"`
		} `mapstructure:"oauth2"`
		Drafts struct {
			Recipients string `mapstructure:"recipients"`
		} `mapstructure:"drafts"`
	} `mapstructure:"mail"`
}

type ragValue struct {
	Code       string `mapstructure:"code"`
	Name       string `mapstructure:"name"`
	Colour     string `mapstructure:"colour"`
	Definition string `mapstructure:"definition"`
	Complete   bool   `mapstructure:"complete"`
	Attention  bool   `mapstructure:"attention"`
}

// flagKeys maps each configuration key that a flag can set to the flag.
var flagKeys = map[string]string{
	"formats":  "format",
	"output":   "out",
	"template": "template",
	"strict":   "strict",
}

// loadConfig reads the configuration: defaults, then the file, then
// PLANREPORT_* environment variables, then the command's flags.
func loadConfig(cmd *cobra.Command) (config.Config, error) {
	v := viper.New()
	setDefaults(v, config.Default())
	v.SetEnvPrefix("PLANREPORT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if err := readConfigFile(v, cmd); err != nil {
		return config.Config{}, err
	}
	for key, name := range flagKeys {
		if f := cmd.Flags().Lookup(name); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return config.Config{}, err
			}
		}
	}
	var fc fileConfig
	if err := v.UnmarshalExact(&fc); err != nil {
		return config.Config{}, fmt.Errorf("configuration: %s", tidyDecodeError(err))
	}
	c, err := fc.config()
	if err != nil {
		return config.Config{}, fmt.Errorf("configuration: %w", err)
	}
	if err := c.Validate(); err != nil {
		return config.Config{}, fmt.Errorf("configuration: %w", err)
	}
	return c, nil
}

func readConfigFile(v *viper.Viper, cmd *cobra.Command) error {
	path, _ := cmd.Flags().GetString("config")
	if path == "" {
		path = os.Getenv("PLANREPORT_CONFIG")
	}
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("configuration file %s: %w", path, err)
		}
		return nil
	}
	// Only planreport.yaml itself: viper's own search would also take a
	// file named plain "planreport", such as the binary.
	if _, err := os.Stat(defaultConfigFile); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	v.SetConfigFile(defaultConfigFile)
	if err := v.ReadInConfig(); err != nil {
		return fmt.Errorf("configuration file %s: %w", defaultConfigFile, err)
	}
	return nil
}

// defaultConfigFile is read from the working folder when no other is named.
const defaultConfigFile = "planreport.yaml"

// setDefaults gives every key its default, so that environment variables
// reach every key.
func setDefaults(v *viper.Viper, c config.Config) {
	v.SetDefault("workbook", c.Workbook)
	v.SetDefault("output", c.OutDir)
	v.SetDefault("formats", c.Formats)
	v.SetDefault("template", c.Template)
	v.SetDefault("strict", c.Strict)
	v.SetDefault("language", c.Language)
	v.SetDefault("page.size", c.Page.Size)
	v.SetDefault("page.orientation", c.Page.Orientation)
	v.SetDefault("fonts.regular", "")
	v.SetDefault("fonts.bold", "")
	v.SetDefault("fonts.italic", "")
	v.SetDefault("dates.month_first", c.MonthFirst)
	rags := make([]map[string]any, len(c.RAG.Values))
	for i, r := range c.RAG.Values {
		rags[i] = map[string]any{"code": r.Code, "name": r.Name, "colour": "#" + r.Colour.Hex(),
			"definition": r.Definition, "complete": r.Complete, "attention": r.Attention}
	}
	v.SetDefault("rag", rags)
	v.SetDefault("headers", map[string][]string{})
	v.SetDefault("sections.exceptions", c.Sections.Exceptions)
	v.SetDefault("sections.trends", c.Sections.Trends)
	v.SetDefault("sections.chart", c.Sections.Chart)
	m := c.Mail
	for key, value := range map[string]any{"host": m.Host, "port": m.Port, "security": m.Security,
		"user": m.User, "password_env": m.PasswordEnv, "password_file": m.PasswordFile, "from": m.From,
		"subject": m.Subject, "body": m.Body, "to": m.To, "attach_docx": m.AttachDOCX, "timeout": m.Timeout,
		"auth": m.Auth, "oauth2.tenant": m.OAuth2.Tenant, "oauth2.client_id": m.OAuth2.ClientID,
		"oauth2.authority": m.OAuth2.Authority, "drafts.recipients": m.DraftRecipients} {
		v.SetDefault("mail."+key, value)
	}
}

// config turns the decoded file into the plain configuration.
func (fc fileConfig) config() (config.Config, error) {
	c := config.Config{
		Workbook:   fc.Workbook,
		OutDir:     fc.Output,
		Formats:    splitList(fc.Formats),
		Template:   fc.Template,
		Strict:     fc.Strict,
		Language:   fc.Language,
		Page:       config.Page{Size: fc.Page.Size, Orientation: fc.Page.Orientation},
		Fonts:      config.Fonts{Regular: fc.Fonts.Regular, Bold: fc.Fonts.Bold, Italic: fc.Fonts.Italic},
		MonthFirst: fc.Dates.MonthFirst,
		Headers:    fc.Headers,
		Sections:   report.Sections{Exceptions: fc.Sections.Exceptions, Trends: fc.Sections.Trends, Chart: fc.Sections.Chart},
		Mail: config.Mail{Host: fc.Mail.Host, Port: fc.Mail.Port, Security: strings.ToLower(fc.Mail.Security),
			User: fc.Mail.User, PasswordEnv: fc.Mail.PasswordEnv, PasswordFile: fc.Mail.PasswordFile,
			From: fc.Mail.From, Subject: fc.Mail.Subject, Body: fc.Mail.Body, To: splitList(fc.Mail.To),
			AttachDOCX: fc.Mail.AttachDOCX, Timeout: fc.Mail.Timeout, Auth: strings.ToLower(fc.Mail.Auth),
			OAuth2: config.OAuth2{Tenant: fc.Mail.OAuth2.Tenant, ClientID: fc.Mail.OAuth2.ClientID,
				Authority: fc.Mail.OAuth2.Authority},
			DraftRecipients: strings.ToLower(fc.Mail.Drafts.Recipients)},
	}
	for i, r := range fc.RAG {
		colour, err := rag.ParseColour(r.Colour)
		if err != nil {
			return c, fmt.Errorf("rag[%d].colour: %w", i, err)
		}
		c.RAG.Values = append(c.RAG.Values, rag.Value{Code: r.Code, Name: r.Name, Colour: colour,
			Definition: r.Definition, Complete: r.Complete, Attention: r.Attention})
	}
	return c, nil
}

// splitList accepts both a YAML list and a comma-separated string.
func splitList(items []string) []string {
	var out []string
	for _, item := range items {
		for _, s := range strings.Split(item, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// invalidKeys finds mapstructure's report of keys the configuration does
// not have: "'page' has invalid keys: colour, size2".
var invalidKeys = regexp.MustCompile(`'([^']*)' has invalid keys: ([^\n]*)`)

// tidyDecodeError turns mapstructure's report into one line that names the
// bad keys in full ("page.colour").
func tidyDecodeError(err error) string {
	msg := err.Error()
	var keys []string
	for _, m := range invalidKeys.FindAllStringSubmatch(msg, -1) {
		for _, k := range strings.Split(m[2], ",") {
			k = strings.TrimSpace(k)
			if m[1] != "" {
				k = m[1] + "." + k
			}
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		return "unknown key " + strings.Join(keys, ", ") + " (see templates/planreport.yaml for every key)"
	}
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "*"))
		if l != "" && !strings.HasSuffix(l, "error(s) decoding:") && !strings.HasPrefix(l, "decoding failed due to") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}
