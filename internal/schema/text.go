package schema

import (
	"strings"
	"unicode"
)

// Fold reduces a name to its lower-case letters and digits, so that headers,
// sheet names and leads match whatever their case, spacing and punctuation.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// Collapse trims s and turns each run of white space within it into one
// space.
func Collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// SplitLeads splits a Strategic Lead cell into its leads: one to a line, or
// separated by semicolons.
func SplitLeads(s string) []string {
	var leads []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if lead := Collapse(part); lead != "" {
			leads = append(leads, lead)
		}
	}
	return leads
}

// CleanText trims a free-text cell and normalises its line ends to "\n".
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}
