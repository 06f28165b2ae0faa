package pdfreport

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/planreport/planreport/internal/report"
)

// FontWarnings checks, without drawing anything, that the fonts have every
// character of the texts report r prints, and returns what Render would
// tell Options.Warn: one line for each place (a workbook's cell, or what
// the text is where its cell is not known) whose text has characters no
// font has, in the order they are printed.
func FontWarnings(r *report.Report, fonts FontFiles) ([]string, error) {
	if r == nil {
		return nil, nil
	}
	m, err := metricsFor(fonts)
	if err != nil {
		return nil, err
	}
	g, err := geometryFor(Options{})
	if err != nil {
		return nil, err
	}
	var out []string
	cov := newCoverage(m)
	newContent(m, g, r, cov)
	cov.report(func(s string) { out = append(out, s) })
	return out, nil
}

// coverage gathers, place by place, the characters no font has in the
// texts set, to be told once a place when the layout is done.
type coverage struct {
	m      *metrics
	places []*placeMissing
	at     map[string]*placeMissing
}

// placeMissing is what one place's texts have that no font has.
type placeMissing struct {
	where   string
	seen    map[string]bool // the texts checked, each once: a text can be set twice (exceptions, actions)
	count   int             // characters, a character being a base and the marks that follow it
	runs    []string        // the runs of such characters, as they appear, each once
	scripts []string        // their scripts' names, in order of first appearance
}

func newCoverage(m *metrics) *coverage {
	return &coverage{m: m, at: map[string]*placeMissing{}}
}

// check notes the characters of text s, from place where, that no font
// has. A nil coverage checks nothing.
func (c *coverage) check(where, s string) {
	if c == nil || c.m.allCovered(s) {
		return
	}
	p := c.at[where]
	if p != nil && p.seen[s] {
		return
	}
	if p == nil {
		p = &placeMissing{where: where, seen: map[string]bool{}}
	}
	p.seen[s] = true
	var run []rune
	endRun := func() {
		if len(run) > 0 && !slices.Contains(p.runs, string(run)) {
			p.runs = append(p.runs, string(run))
		}
		run = run[:0]
	}
	for _, r := range c.m.printable(s) {
		if c.m.covered(r) {
			endRun()
			continue
		}
		if !unicode.Is(unicode.M, r) || len(run) == 0 {
			p.count++
		}
		run = append(run, r)
		if name := scriptName(r); name != "" && !slices.Contains(p.scripts, name) {
			p.scripts = append(p.scripts, name)
		}
	}
	endRun()
	if p.count > 0 && c.at[where] == nil {
		c.at[where] = p
		c.places = append(c.places, p)
	}
}

// report tells warn of each place, in the form validate prints a problem:
//
//	Updates!C13: warning: 4 characters (ગુજરાતી, Gujarati) are in no font planreport has; they print as � (fonts.fallback adds one)
func (c *coverage) report(warn func(string)) {
	if c == nil || warn == nil {
		return
	}
	for _, p := range c.places {
		verb, pronoun, noun := "are", "they print", "characters"
		if p.count == 1 {
			verb, pronoun, noun = "is", "it prints", "character"
		}
		scripts := ""
		if len(p.scripts) > 0 {
			scripts = ", " + andList(p.scripts)
		}
		warn(fmt.Sprintf("%s: warning: %d %s (%s%s) %s in no font planreport has; %s as %c (fonts.fallback adds one)",
			p.where, p.count, noun, quoted(p.runs), scripts, verb, pronoun, replacement))
	}
}

// sampleLength is the most characters a warning quotes.
const sampleLength = 24

// quoted is the runs, each once, separated by spaces, shortened with "…"
// to sampleLength characters.
func quoted(runs []string) string {
	s := []rune(strings.Join(runs, " "))
	if len(s) > sampleLength {
		return string(s[:sampleLength-1]) + "…"
	}
	return string(s)
}

// scriptName is the name of r's script in Unicode's tables (unicode.Scripts):
// "Gujarati", "Arabic"; "private use" for a private-use character,
// "symbol" for one common to every script (an emoji), and "" for a mark
// that takes the script of the character it is on.
func scriptName(r rune) string {
	if unicode.Is(unicode.Co, r) {
		return "private use"
	}
	for _, name := range scriptNames {
		if unicode.Is(unicode.Scripts[name], r) {
			switch name {
			case "Inherited":
				return ""
			case "Common":
				return "symbol"
			}
			return name
		}
	}
	return "unassigned"
}

// scriptNames are the names of unicode.Scripts, sorted: a character is in
// one script only, so the order only makes the search the same each time.
var scriptNames = func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}()

// andList joins names as English does: "A", "A and B", "A, B and C".
func andList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
