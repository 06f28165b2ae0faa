package schema

import (
	"strings"
	"testing"
)

func TestTextLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"exactly 10", 10, 1},
		{"one two three", 10, 2},
		{"one\ntwo", 70, 2},
		{"a\n\nb", 70, 3},
		{strings.Repeat("x", 25), 10, 3}, // a word longer than a line
		{strings.Repeat("word ", 60), 70, 5},
	}
	for _, tt := range tests {
		if got := TextLines(tt.text, tt.width); got != tt.want {
			t.Errorf("TextLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestRowHeight(t *testing.T) {
	for _, tt := range []struct {
		lines int
		want  float64
	}{{0, 15}, {1, 15}, {2, 30}, {27, 405}, {28, 409}, {2000, 409}} {
		if got := RowHeight(tt.lines); got != tt.want {
			t.Errorf("RowHeight(%d) = %v, want %v", tt.lines, got, tt.want)
		}
	}
}
