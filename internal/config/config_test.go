package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planreport/planreport/internal/rag"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string // the key the error names; "" for none
	}{
		{"the defaults", func(*Config) {}, ""},
		{"formats not yet in lower case", func(c *Config) { c.Formats = []string{"PDF"} }, "formats"},
		{"no format", func(c *Config) { c.Formats = nil }, "formats"},
		{"an unknown format", func(c *Config) { c.Formats = []string{"odt"} }, "formats"},
		{"a page size in any case", func(c *Config) { c.Page.Size = "letter" }, ""},
		{"an unknown page size", func(c *Config) { c.Page.Size = "B5" }, "page.size"},
		{"an unknown orientation", func(c *Config) { c.Page.Orientation = "sideways" }, "page.orientation"},
		{"an empty RAG scale", func(c *Config) { c.RAG.Values = nil }, "rag"},
		{"an unknown mail security", func(c *Config) { c.Mail.Security = "ssl" }, "mail.security"},
		{"a port out of range", func(c *Config) { c.Mail.Port = 70000 }, "mail.port"},
		{"an unknown mail auth", func(c *Config) { c.Mail.Auth = "basic" }, "mail.auth"},
		{"an unknown drafts mode", func(c *Config) { c.Mail.Drafts.Recipients = "cc" }, "mail.drafts.recipients"},
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

func TestSettings(t *testing.T) {
	byKey := map[string]any{}
	for _, s := range Settings(Default()) {
		if _, twice := byKey[s.Key]; twice {
			t.Errorf("key %s twice", s.Key)
		}
		byKey[s.Key] = s.Value
	}
	for key, want := range map[string]any{
		"output":            "outputs",
		"page.size":         "A4",
		"dates.month_first": false,
		"points.semicolons": true,
		"sections.trends":   true,
		"sections.history":  true,
		"mail.password_env": "PLANREPORT_MAIL_PASSWORD",
		"mail.port":         587,
	} {
		if got, ok := byKey[key]; !ok || got != want {
			t.Errorf("%s = %v (listed %v), want %v", key, got, ok, want)
		}
	}
	if _, ok := byKey["rag"].(rag.Scale); !ok {
		t.Errorf("rag is %T, want the whole scale", byKey["rag"])
	}
	if got := EnvName("mail.password_env"); got != "PLANREPORT_MAIL_PASSWORD_ENV" {
		t.Errorf("EnvName = %s", got)
	}
}

// TestValidateChangesNothing: Validate reports and leaves the values as
// they are, even those it refuses.
func TestValidateChangesNothing(t *testing.T) {
	c := Default()
	c.Formats = []string{" PDF ", "docx"}
	c.Page.Size = "letter"
	before := fmt.Sprintf("%+v", c)
	if err := c.Validate(); err == nil {
		t.Error("Validate accepted \" PDF \"")
	}
	if after := fmt.Sprintf("%+v", c); after != before {
		t.Errorf("Validate changed the configuration:\n%s\nto\n%s", before, after)
	}
}

func TestPageDimensions(t *testing.T) {
	tests := []struct {
		page          Page
		width, height float64
		ok            bool
	}{
		{Page{Size: "A4", Orientation: "landscape"}, 297, 210, true},
		{Page{Size: "a3", Orientation: "Portrait"}, 297, 420, true},
		{Page{Size: " Letter ", Orientation: "landscape"}, 279.4, 215.9, true},
		{Page{Size: "Legal", Orientation: "portrait"}, 215.9, 355.6, true},
		{Page{Size: "A5", Orientation: "portrait"}, 0, 0, false},
		{Page{Size: "A4", Orientation: "sideways"}, 0, 0, false},
	}
	for _, tt := range tests {
		w, h, ok := tt.page.Dimensions()
		if w != tt.width || h != tt.height || ok != tt.ok {
			t.Errorf("%+v: %g × %g, %v; want %g × %g, %v", tt.page, w, h, ok, tt.width, tt.height, tt.ok)
		}
	}
}
