package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/viper"

	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/templates"
)

// settingKeys are the keys config.Config defines, sorted.
func settingKeys() []string {
	var keys []string
	for _, s := range config.Settings(config.Default()) {
		keys = append(keys, s.Key)
	}
	slices.Sort(keys)
	return keys
}

// TestExampleListsEveryKey holds the commented example to the struct: it
// sets exactly the keys there are, each to its default.
func TestExampleListsEveryKey(t *testing.T) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(templates.ConfigExample)); err != nil {
		t.Fatal(err)
	}
	want := settingKeys()
	var got []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, val := range m {
			key := prefix + k
			sub, group := val.(map[string]any)
			if group && slices.ContainsFunc(want, func(w string) bool { return strings.HasPrefix(w, key+".") }) {
				walk(key+".", sub)
				continue
			}
			got = append(got, key)
		}
	}
	walk("", v.AllSettings()) // leaves an empty map ("headers: {}") out
	for _, key := range got {
		if !slices.Contains(want, key) {
			t.Errorf("templates/planreport.yaml sets %s, which is no key", key)
		}
	}
	for _, key := range want {
		if !v.InConfig(key) {
			t.Errorf("templates/planreport.yaml does not list %s", key)
		}
	}

	t.Chdir(t.TempDir())
	os.WriteFile("planreport.yaml", templates.ConfigExample, 0o644)
	c, err := loadConfig(newRootCommand(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	// As printed, an empty list or map is the same as none.
	if got, def := fmt.Sprintf("%+v", c), fmt.Sprintf("%+v", config.Default()); got != def {
		t.Errorf("the example's values are\n%s\nthe defaults are\n%s", got, def)
	}
}

// TestReadmeListsEveryKey holds the README's configuration table to the
// struct. A row may name several keys: `fonts.regular`, `.bold` (the
// second with the first one's group).
func TestReadmeListsEveryKey(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(readme), "\n| key | default | meaning |\n")
	table, _, _ = strings.Cut(table, "\n\n")
	var got []string
	for _, row := range strings.Split(table, "\n") {
		cells := strings.Split(row, "|")
		if len(cells) < 2 || strings.HasPrefix(cells[1], "---") {
			continue
		}
		group := ""
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cells[1], -1) {
			key := m[1]
			if strings.HasPrefix(key, ".") {
				key = group + key[1:]
			}
			group = key[:strings.LastIndex(key, ".")+1]
			got = append(got, key)
		}
	}
	slices.Sort(got)
	if want := settingKeys(); !slices.Equal(got, want) {
		t.Errorf("the README's configuration table lists\n%v\nthe configuration has\n%v", got, want)
	}
}

// TestConfigPrecedence: the environment overrides the file, and a flag the
// environment; the formats are read in any case.
func TestConfigPrecedence(t *testing.T) {
	sampleAbs := absSample(t)
	dir := inTempDir(t)
	os.WriteFile("planreport.yaml", []byte("formats: [docx]\noutput: from-file\n"), 0o644)
	tests := []struct {
		name string
		env  string // PLANREPORT_FORMATS
		args []string
		want string // the one file written, in from-file/
	}{
		{"the file", "", nil, sampleBase + ".docx"},
		{"the environment over the file", " PDF, ", nil, sampleBase + ".pdf"},
		{"a flag over the environment", "pdf", []string{"--format", "DOCX"}, sampleBase + ".docx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.RemoveAll(filepath.Join(dir, "from-file"))
			t.Setenv("PLANREPORT_FORMATS", tt.env)
			if r := planreport(t, append([]string{"generate", sampleAbs}, tt.args...)...); r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if got := files(t, filepath.Join(dir, "from-file")); len(got) != 1 || got[0] != tt.want {
				t.Errorf("wrote %v, want %s", got, tt.want)
			}
		})
	}
}

// TestConfigCommand: the example an unknown key's message points to is
// really there.
func TestConfigCommand(t *testing.T) {
	r := planreport(t, "config")
	if r.code != 0 || r.stdout != string(templates.ConfigExample) {
		t.Errorf("exit %d, stdout %d bytes; want 0 and the example's %d", r.code, len(r.stdout), len(templates.ConfigExample))
	}
	path := filepath.Join(inTempDir(t), "unknown.yaml")
	os.WriteFile(path, []byte("page:\n  colour: blue\n"), 0o644)
	r = planreport(t, "validate", absSample(t), "--config", path)
	if r.code != exitUsage || !strings.Contains(r.stderr, "unknown key page.colour (`planreport config` prints every key)") {
		t.Errorf("exit %d, stderr %q; want %d, the key and where every key is", r.code, r.stderr, exitUsage)
	}
}

// TestNoWorkbook checks a command run with no workbook and none configured:
// bad usage, saying how to name one. The example configuration names none,
// since the folder it is shipped in has no inputs/.
func TestNoWorkbook(t *testing.T) {
	inTempDir(t)
	for _, cmd := range []string{"validate", "generate", "send"} {
		r := planreport(t, cmd)
		want := "planreport: no workbook named: give one, as in planreport " + cmd + " PLAN.xlsx, or set workbook in planreport.yaml"
		if r.code != exitUsage || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", cmd, r.code, r.stderr, exitUsage, want)
		}
	}
}
