package workbook

import (
	"strconv"
	"strings"
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
