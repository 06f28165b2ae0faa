package config

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string // the key the error names; "" for none
	}{
		{"the defaults", func(*Config) {}, ""},
		{"formats in any case", func(c *Config) { c.Formats = []string{" PDF", "Docx"} }, ""},
		{"no format", func(c *Config) { c.Formats = nil }, "formats"},
		{"an unknown format", func(c *Config) { c.Formats = []string{"odt"} }, "formats"},
		{"a page size in any case", func(c *Config) { c.Page.Size = "letter" }, ""},
		{"an unknown page size", func(c *Config) { c.Page.Size = "B5" }, "page.size"},
		{"an unknown orientation", func(c *Config) { c.Page.Orientation = "sideways" }, "page.orientation"},
		{"an empty RAG scale", func(c *Config) { c.RAG.Values = nil }, "rag"},
		{"an unknown mail security", func(c *Config) { c.Mail.Security = "ssl" }, "mail.security"},
		{"a port out of range", func(c *Config) { c.Mail.Port = 70000 }, "mail.port"},
		{"an unknown mail auth", func(c *Config) { c.Mail.Auth = "basic" }, "mail.auth"},
		{"an unknown drafts mode", func(c *Config) { c.Mail.DraftRecipients = "cc" }, "mail.drafts.recipients"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			err := c.Validate()
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.HasPrefix(err.Error(), tt.wantErr+":") {
				t.Errorf("Validate() = %v, want an error naming %q", err, tt.wantErr)
			}
		})
	}
}
