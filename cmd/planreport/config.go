package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/rag"
)

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
	for _, s := range config.Settings(config.Default()) {
		v.SetDefault(s.Key, s.Value)
		if err := v.BindEnv(s.Key, config.EnvName(s.Key)); err != nil {
			return config.Config{}, err
		}
	}
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
	var c config.Config
	if err := v.UnmarshalExact(&c, viper.DecodeHook(decodeHooks)); err != nil {
		return config.Config{}, fmt.Errorf("configuration: %s", tidyDecodeError(err))
	}
	normalise(&c)
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
	if _, err := os.Stat(defaultConfigFile); err == nil || !errors.Is(err, fs.ErrNotExist) {
		v.SetConfigFile(defaultConfigFile)
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("configuration file %s: %w", defaultConfigFile, err)
		}
		return nil
	}
	if cmd.HasParent() {
		return nil
	}
	return readConfigBesideProgram(v)
}

// defaultConfigFile is read from the working folder when no other is named.
const defaultConfigFile = "planreport.yaml"

// executable is the program's own path; tests put another in its place.
var executable = os.Executable

// pathKeys are the settings that name a file or folder.
var pathKeys = []string{"workbook", "output", "template", "fonts.regular", "fonts.bold", "fonts.italic", "fonts.fallback", "mail.password_file"}

// readConfigBesideProgram reads the planreport.yaml beside the program, if
// there is one, for workbooks dropped on it: Explorer starts it in another
// folder than its own, where the clerk keeps its configuration. A relative
// path in it is taken from that folder.
func readConfigBesideProgram(v *viper.Viper) error {
	exe, err := executable()
	if err != nil {
		return nil
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	dir := filepath.Dir(exe)
	path := filepath.Join(dir, defaultConfigFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	file := viper.New()
	file.SetConfigFile(path)
	if err := file.ReadInConfig(); err != nil {
		return fmt.Errorf("configuration file %s: %w", path, err)
	}
	for _, key := range pathKeys {
		if !file.InConfig(key) {
			continue
		}
		switch val := file.Get(key).(type) {
		case string:
			file.Set(key, fromFolder(dir, val))
		case []any:
			paths := make([]any, len(val))
			for i, p := range val {
				if s, ok := p.(string); ok {
					paths[i] = fromFolder(dir, s)
				} else {
					paths[i] = p
				}
			}
			file.Set(key, paths)
		}
	}
	return v.MergeConfigMap(file.AllSettings())
}

// fromFolder is path taken from folder dir, unless it is empty or absolute.
func fromFolder(dir, path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// decodeHooks turn what the file, the environment and flags hold into
// the configuration's types: a duration ("30s"), a comma-separated list
// ("pdf,docx"), a colour ("#C00000"), the RAG scale (a list of values).
var decodeHooks = mapstructure.ComposeDecodeHookFunc(
	mapstructure.StringToTimeDurationHookFunc(),
	func(from, to reflect.Type, data any) (any, error) {
		if from.Kind() != reflect.String || to != reflect.TypeFor[[]string]() {
			return data, nil
		}
		var out []string
		for _, s := range strings.Split(data.(string), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	},
	func(from, to reflect.Type, data any) (any, error) {
		if from.Kind() != reflect.String || to != reflect.TypeFor[rag.Colour]() {
			return data, nil
		}
		return rag.ParseColour(data.(string))
	},
	func(from, to reflect.Type, data any) (any, error) {
		if from.Kind() != reflect.Slice || to != reflect.TypeFor[rag.Scale]() {
			return data, nil
		}
		return map[string]any{"values": data}, nil
	},
)

// normalise puts the values compared as keywords in lower case.
func normalise(c *config.Config) {
	for i, f := range c.Formats {
		c.Formats[i] = strings.ToLower(strings.TrimSpace(f))
	}
	c.Mail.Security = strings.ToLower(strings.TrimSpace(c.Mail.Security))
}

// invalidKeys finds mapstructure's report of keys the configuration does
// not have: "'page' has invalid keys: colour, size2".
var invalidKeys = regexp.MustCompile(`'([^']*)' has invalid keys: ([^\n]*)`)

// quotedKey is the key that starts one of mapstructure's lines: "'page.size' …".
var quotedKey = regexp.MustCompile(`^'([^']*)'`)

// tidyDecodeError turns mapstructure's report into one line that names the
// bad keys in full ("page.colour").
func tidyDecodeError(err error) string {
	// The RAG scale is written as the list of its values.
	msg := strings.ReplaceAll(err.Error(), "rag.values[", "rag[")
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
		return "unknown key " + strings.Join(keys, ", ") + " (`planreport config` prints every key)"
	}
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "*"))
		if l != "" && !strings.HasSuffix(l, "error(s) decoding:") && !strings.HasPrefix(l, "decoding failed due to") {
			lines = append(lines, quotedKey.ReplaceAllString(l, "$1:"))
		}
	}
	return strings.Join(lines, "; ")
}
