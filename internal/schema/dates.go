package schema

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/planreport/planreport/internal/plan"
)

// Excel counts days from an epoch: in the 1900 date system serial 1 is
// 1 January 1900, and serial 60 is 29 February 1900, a day that never was
// (kept from Lotus 1-2-3), so serials from 61 on count from 30 December 1899.
// In the 1904 date system serial 0 is 1 January 1904.
var (
	epoch1900 = plan.Date(1899, time.December, 30)
	epoch1904 = plan.Date(1904, time.January, 1)
)

// The years a date serial may fall in. A number outside them in a date
// column is far more likely a slip (a year typed alone: 2019 is 11 July
// 1905) than a date the plan means.
const (
	firstSerialYear = 1950
	lastSerialYear  = 2199
)

// serialDate turns an Excel date serial into a day; the time of day, if
// any, is dropped.
func serialDate(v float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(v) || v < 0 || v >= 2958466 { // 2958465 is 31 December 9999
		return time.Time{}, false
	}
	days := int(math.Floor(v))
	if date1904 {
		return epoch1904.AddDate(0, 0, days), true
	}
	switch {
	case days == 0 || days == 60: // "0 January 1900", "29 February 1900"
		return time.Time{}, false
	case days < 60:
		days++
	}
	return epoch1900.AddDate(0, 0, days), true
}

// DateSerial is the day's serial number in the 1900 date system or, with
// date1904, the 1904 one: serialDate's inverse.
func DateSerial(d time.Time, date1904 bool) int {
	if date1904 {
		return int(d.Sub(epoch1904).Hours() / 24)
	}
	days := int((d.Unix() - epoch1900.Unix()) / (24 * 60 * 60))
	if days <= 60 {
		days--
	}
	return days
}

// CellDate reads a date cell's raw value: a serial (from a date cell, or a
// number typed into a text cell), an ISO 8601 date-time (a cell of type
// "d"), or text in one of the forms ParseDate reads. shown is the cell as
// Excel shows it, which a message quotes: TRUE, not its value 1.
func CellDate(raw, shown string, date1904, monthFirst bool) (time.Time, error) {
	s := strings.TrimSpace(raw)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		d, ok := serialDate(v, date1904)
		switch {
		case ok && d.Year() >= firstSerialYear && d.Year() <= lastSerialYear:
		case shown != s:
			return time.Time{}, fmt.Errorf("%s is not a date; write the date as %s", shown, DateHint(monthFirst))
		default:
			return time.Time{}, fmt.Errorf("%s is a number, not a date; write the date as %s", s, DateHint(monthFirst))
		}
		return d, nil
	}
	return ParseDate(s, monthFirst)
}

// DateHint is how a date is written, as messages ask for it.
func DateHint(monthFirst bool) string {
	if monthFirst {
		return "MM/DD/YYYY"
	}
	return "DD/MM/YYYY"
}

// trailingTime matches a time of day after a date: "T00:00:00Z",
// " 00:00", " 12:00:00.000", " 9:30 am".
var trailingTime = regexp.MustCompile(`(?i)(t|\s+)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(z|am|pm|[+-]\d{2}:?\d{2})?$`)

// ParseDate reads a date written as text: DD/MM/YYYY (or MM/DD/YYYY when
// monthFirst), with "/", "-" or "." between the numbers and a two-digit year
// allowed (00–29 are 2000–2029, 30–99 are 1930–1999); YYYY-MM-DD; and with
// the month's name or its abbreviation, "3 October 2018", "3rd Oct 2018",
// "October 3, 2018", "Wednesday 3 October 2018". A time of day after the
// date is ignored. A date that does not exist (31/02/2022) is an error, as
// is anything else; the error's text says what is wrong in a sentence.
func ParseDate(s string, monthFirst bool) (time.Time, error) {
	text := strings.TrimSpace(s)
	toks := dateTokens(trailingTime.ReplaceAllString(text, ""))
	if len(toks) == 0 {
		return time.Time{}, fmt.Errorf("the date is blank")
	}
	d, n, err := matchDate(toks, monthFirst, false)
	if n == len(toks) {
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a real date: %v", text, err)
		}
		return d, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write it as %s", text, DateHint(monthFirst))
}

// FindDate finds the first date written in a text, as the due date is
// found in a Timescale: 31 March 2019 in "By 31 March 2019 Ongoing 2019 /
// 2020". A month and year alone ("By March 2020") mean the last day of that month. ok is false when
// the text holds no date.
func FindDate(s string, monthFirst bool) (d time.Time, ok bool) {
	toks := dateTokens(s)
	for i := 0; i < len(toks); i++ {
		d, n, err := matchDate(toks[i:], monthFirst, true)
		switch {
		case n > 0 && err == nil:
			return d, true
		case n > 0: // a date that does not exist: skip all of it
			i += n - 1
		}
	}
	return time.Time{}, false
}

// dateToken is a run of digits or of letters in a date, with the characters
// that separate it from the token before.
type dateToken struct {
	text string
	num  bool
	sep  string
}

// dateTokens splits text into runs of digits and of letters. Ordinal
// suffixes ("3rd"), weekday names and the word "of" are dropped.
func dateTokens(s string) []dateToken {
	var toks []dateToken
	sep := 0 // where the separator before the next token starts
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			next, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsDigit(next) != unicode.IsDigit(r) || !unicode.IsLetter(next) && !unicode.IsDigit(next) {
				break
			}
			j += size
		}
		t := dateToken{text: s[i:j], num: unicode.IsDigit(r), sep: s[sep:i]}
		sep, i = j, j
		if droppedWord(t, toks) {
			continue
		}
		toks = append(toks, t)
	}
	return toks
}

func droppedWord(t dateToken, before []dateToken) bool {
	if t.num {
		return false
	}
	w := strings.ToLower(t.text)
	if t.sep == "" && len(before) > 0 && before[len(before)-1].num {
		switch w {
		case "st", "nd", "rd", "th":
			return true
		}
	}
	return w == "of" || weekdays[w]
}

// month is the month a word names, in full or abbreviated, in any case.
func month(word string) (time.Month, bool) {
	m, ok := months[strings.ToLower(word)]
	return m, ok
}

var weekdays = map[string]bool{}

var months = map[string]time.Month{"sept": time.September}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		months[name], months[name[:3]] = m, m
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		weekdays[name], weekdays[name[:3]] = true, true
	}
}

// matchDate reads a date at the start of toks and returns how many tokens
// it took (0 when none of the forms fits). err is set when the tokens have
// a date's form but name a day that does not exist. loose allows a month
// and year alone, and insists on four-digit years except in DD/MM/YY.
func matchDate(toks []dateToken, monthFirst, loose bool) (time.Time, int, error) {
	at := func(i int) dateToken {
		if i < len(toks) {
			return toks[i]
		}
		return dateToken{}
	}
	a, b, c := at(0), at(1), at(2)
	ma, aIsMonth := month(a.text)
	mb, bIsMonth := month(b.text)
	switch {
	case a.num && b.num && c.num && numericSeps(b.sep, c.sep, loose):
		if len(a.text) == 4 {
			return civil(a.text, b.text, c.text, 3)
		}
		day, month := a.text, b.text
		if monthFirst {
			day, month = month, day
		}
		return civil(c.text, month, day, 3)
	case a.num && len(a.text) <= 2 && bIsMonth && yearToken(c, loose):
		return civil(c.text, strconv.Itoa(int(mb)), a.text, 3)
	case aIsMonth && b.num && len(b.text) <= 2 && yearToken(c, loose):
		return civil(c.text, strconv.Itoa(int(ma)), b.text, 3)
	case loose && aIsMonth && yearToken(b, true):
		d, n, err := civil(b.text, strconv.Itoa(int(ma)), "1", 2)
		return d.AddDate(0, 1, -1), n, err
	}
	return time.Time{}, 0, nil
}

// numericSeps reports whether the separators within DD/MM/YYYY are a pair
// of "/", "-" or "."; loosely written dates may not use spaces instead.
func numericSeps(s1, s2 string, loose bool) bool {
	t1, t2 := strings.TrimSpace(s1), strings.TrimSpace(s2)
	if t1 != t2 {
		return false
	}
	switch t1 {
	case "/", "-", ".":
		return !loose || (s1 == t1 && s2 == t2)
	case "":
		return !loose && s1 != ""
	}
	return false
}

func yearToken(t dateToken, loose bool) bool {
	return t.num && (len(t.text) == 4 || !loose && len(t.text) == 2)
}

// civil builds the date from its year, month and day numbers, checking
// that it exists; n is passed through as the number of tokens used.
func civil(year, month, day string, n int) (time.Time, int, error) {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	switch len(year) {
	case 2:
		y += 1900
		if y < 1930 {
			y += 100
		}
	case 4:
	default:
		return time.Time{}, n, fmt.Errorf("the year %s does not have four digits", year)
	}
	if y < 1900 {
		return time.Time{}, n, fmt.Errorf("the year %d is before 1900", y)
	}
	if m < 1 || m > 12 || len(month) > 2 {
		return time.Time{}, n, fmt.Errorf("there is no month %s", month)
	}
	last := plan.Date(y, time.Month(m)+1, 0).Day()
	if d < 1 || d > last || len(day) > 2 {
		return time.Time{}, n, fmt.Errorf("%s %d has %d days", time.Month(m), y, last)
	}
	return plan.Date(y, time.Month(m), d), n, nil
}

// FormatDate writes a day as DD/MM/YYYY, the way messages show dates.
func FormatDate(d time.Time) string { return d.Format("02/01/2006") }
