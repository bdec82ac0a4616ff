package formula

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Names: the functions a formula can call, and suggestions for a name that
// is not known.

// funcNames lists every function, for suggestions.
func funcNames() []string {
	names := []string{"if", "prev", "median", "clamp"}
	for n := range unaryFuncs {
		names = append(names, n)
	}
	for n := range binaryFuncs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func isFunc(name string) bool {
	_, u := unaryFuncs[name]
	_, b := binaryFuncs[name]
	return u || b || name == "if" || name == "prev" || name == "median" || name == "clamp"
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (nm *names) all() []string {
	all := append(keys(nm.eqs), keys(nm.factors)...)
	all = append(all, keys(nm.params)...)
	if nm.years {
		all = append(all, "t")
	}
	return all
}

// suggest returns ` (did you mean X?)` for the known name closest to name in
// edit distance, if it is close enough to be a likely typo.
func suggest(name string, known []string) string {
	best, bestD := "", math.MaxInt
	for _, k := range known {
		if k == name {
			continue
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(k)); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best == "" || bestD == 0 || bestD > (len(name)+1)/3 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
