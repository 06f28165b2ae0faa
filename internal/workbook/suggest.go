package workbook

import (
	"strings"
	"unicode"
)

// nearest returns the candidate most like s, for a "did you mean" hint, or
// "" when none is alike enough. Likeness is the share of words the two have
// in common, a word matching one spelt within a letter or two of it
// ("Practise" and "Practice"); ties go to the closer spelling overall.
func nearest(s string, candidates []string) string {
	if r := []rune(s); len(r) > maxSuggestRunes {
		s = string(r[:maxSuggestRunes])
	}
	best, bestScore, bestDist := "", 0.5, 0
	words := wordsOf(s)
	for _, c := range candidates {
		score := commonWords(words, wordsOf(c))
		dist := editDistance(strings.ToLower(s), strings.ToLower(c))
		if score > bestScore || score == bestScore && best != "" && dist < bestDist {
			best, bestScore, bestDist = c, score, dist
		}
	}
	return best
}

// maxSuggestRunes bounds the text compared, so that a cell at Excel's
// 32,767-character limit costs no more than a name.
const maxSuggestRunes = 200

func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// commonWords is 2·matched / (len(a)+len(b)), each word of b matched at
// most once.
func commonWords(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	used := make([]bool, len(b))
	matched := 0
	for _, w := range a {
		for j, v := range b {
			if !used[j] && similarWord(w, v) {
				used[j] = true
				matched++
				break
			}
		}
	}
	return 2 * float64(matched) / float64(len(a)+len(b))
}

func similarWord(a, b string) bool {
	if a == b {
		return true
	}
	allowed := min(len(a), len(b)) / 4 // a slip per four letters
	return allowed > 0 && editDistance(a, b) <= allowed
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
