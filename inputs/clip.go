package inputs

import (
	"fmt"
	"unicode/utf8"
)

// Limits on what a message quotes from the file: a 50 MB line pasted as a
// value (or a binary given as the scenario) must not be echoed in full.
const (
	maxQuoted = 80   // runes of a quoted value
	maxMsg    = 2000 // bytes of a whole message
)

// clip shortens s to maxQuoted runes, saying how long it was.
func clip(s string) string { return clipTo(s, maxQuoted) }

func clipTo(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n {
			break
		}
		k++
	}
	return fmt.Sprintf("%s… (%d bytes in all)", s[:i], len(s))
}
