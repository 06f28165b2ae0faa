package docxreport

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestRuns(t *testing.T) {
	tests := []struct {
		name, text, rPr, want string
	}{
		{"empty", "", "", ""},
		{"plain", "Plan", "", `<w:r><w:t xml:space="preserve">Plan</w:t></w:r>`},
		{"run properties", "Plan", rPrBold, `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Plan</w:t></w:r>`},
		{"special characters", `a & b < c > d "e" 'f'`, "",
			`<w:r><w:t xml:space="preserve">a &amp; b &lt; c &gt; d &#34;e&#34; &#39;f&#39;</w:t></w:r>`},
		{"line breaks", "one\ntwo\r\nthree\rfour", "",
			`<w:r><w:t xml:space="preserve">one</w:t><w:br/><w:t xml:space="preserve">two</w:t><w:br/><w:t xml:space="preserve">three</w:t><w:br/><w:t xml:space="preserve">four</w:t></w:r>`},
		{"tabs", "\tin\t\t", "", `<w:r><w:tab/><w:t xml:space="preserve">in</w:t><w:tab/><w:tab/></w:r>`},
		{"spaces kept", "  two  ", "", `<w:r><w:t xml:space="preserve">  two  </w:t></w:r>`},
		{"control characters replaced", "a\x00b\x01c\x1bd\x7fe", "", "<w:r><w:t xml:space=\"preserve\">a\uFFFDb\uFFFDc\uFFFDd\x7fe</w:t></w:r>"},
		{"non-characters replaced", "a\uFFFEb\uFFFFc", "", "<w:r><w:t xml:space=\"preserve\">a\uFFFDb\uFFFDc</w:t></w:r>"},
		{"invalid UTF-8 replaced", "a\xffb", "", "<w:r><w:t xml:space=\"preserve\">a\uFFFDb</w:t></w:r>"},
		{"beyond the BMP and right to left", "😀 שלום e\u0301", "", "<w:r><w:t xml:space=\"preserve\">😀 שלום e\u0301</w:t></w:r>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			writeRun(&b, tt.rPr, tt.text)
			if got := b.String(); got != tt.want {
				t.Errorf("writeRun(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

// xmlChars is the Char production of XML 1.0.
var xmlChars = &unicode.RangeTable{
	R16: []unicode.Range16{{0x9, 0xA, 1}, {0xD, 0xD, 1}, {0x20, 0xD7FF, 1}, {0xE000, 0xFFFD, 1}},
	R32: []unicode.Range32{{0x10000, 0x10FFFF, 1}},
}

// wordText is what Word shows for s: line ends as "\n", invalid UTF-8 and
// characters XML forbids as U+FFFD.
func wordText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s { // ranging yields U+FFFD for each invalid byte
		switch {
		case r == '\r':
			b.WriteRune('\n')
		case unicode.Is(xmlChars, r):
			b.WriteRune(r)
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}

// runElements matches the names of the elements of runs.
var runElements = regexp.MustCompile(`</?([^ >/]+)`)

// runText reads back the text of runs: w:t, w:br and w:tab.
func runText(t *testing.T, runs string) string {
	for _, m := range runElements.FindAllStringSubmatch(runs, -1) {
		switch m[1] {
		case "w:r", "w:rPr", "w:b", "w:t", "w:br", "w:tab":
		default:
			t.Fatalf("unexpected element %s in %s", m[1], runs)
		}
	}
	return documentText(t, []byte(`<w:body xmlns:w="`+wNS+`">`+runs+`</w:body>`))
}

func FuzzRuns(f *testing.F) {
	for _, s := range []string{"", "plain", hostile, "a\r\nb\rc\nd\te", "]]>", "<w:p/>", "&#x1;", "\xed\xa0\x80", "😀\u200b\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		writeRun(&b, rPrBold, s)
		if got, want := runText(t, b.String()), wordText(s); got != want {
			t.Errorf("round trip of %q: got %q, want %q", s, got, want)
		}
	})
}
