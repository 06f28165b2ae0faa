package workbook

import (
	"strconv"
	"strings"
	"unicode"
)

// significantDigits is how many digits a number typed into a cell keeps
// when it is read back as an action or outcome number: enough for any real
// numbering, few enough to drop binary floating-point artefacts, so that a
// cell holding 1.1000000000000001 is action "1.1".
const significantDigits = 12

// actionNumber tidies an action, outcome or task number as read from a
// cell: spaces trimmed and, for a number stored with floating-point
// artefacts or in exponent form, its shortest decimal form. Numbers typed
// as text are kept as written ("1.10" stays "1.10"; typed as a number, 1.10
// is 1.1, which Excel itself stores).
func actionNumber(s string) string {
	s = strings.TrimSpace(s)
	if !plainNumber(s) {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	short := strconv.FormatFloat(v, 'g', significantDigits, 64)
	if strings.ContainsAny(short, "eE") {
		return s
	}
	return short
}

// plainNumber reports whether s looks like a number Excel stored with more
// digits than a person types, or in exponent form.
func plainNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".eE+-", r):
		default:
			return false
		}
	}
	return digits > significantDigits || strings.ContainsAny(s, "eE")
}

// outcomeNumber reads an outcome reference: an outcome number, optionally
// written "Outcome 3" or "Outcome 3:".
func outcomeNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > len("outcome") && strings.EqualFold(s[:len("outcome")], "outcome") {
		s = s[len("outcome"):]
	}
	return actionNumber(strings.TrimSuffix(strings.TrimSpace(s), ":"))
}

// outcomeOf is the outcome an action belongs to by its number: the part of
// "1.2" before the first dot.
func outcomeOf(no string) string {
	before, _, _ := strings.Cut(no, ".")
	return before
}

// fold reduces a name to its lower-case letters and digits, so that headers,
// sheet names and leads match whatever their case, spacing and punctuation.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// collapse trims s and turns each run of white space within it into one
// space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// splitLeads splits a Strategic Lead cell into its leads: one to a line, or
// separated by semicolons.
func splitLeads(s string) []string {
	var leads []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if lead := collapse(part); lead != "" {
			leads = append(leads, lead)
		}
	}
	return leads
}

// cleanText trims a free-text cell and normalises its line ends to "\n".
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}
