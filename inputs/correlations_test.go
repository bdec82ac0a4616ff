package inputs

import (
	"math"
	"strings"
	"testing"
)

// corrHead declares the factors of the correlation tests: lines 1–8.
const corrHead = "model: m\nfactors:\n" +
	"  alpha: {distribution: uniform, min: 0, max: 1}\n" +
	"  beta: {distribution: lognormal, median: 1, gsd: 2}\n" +
	"  gamma: {distribution: normal, mean: 0, sd: 1}\n" +
	"  fixd: {fixed: 3}\n" +
	"  cst: {distribution: constant, value: 2}\n" +
	"  delta: {distribution: uniform, min: 0, max: 1, fixed: median}\n" +
	"correlations:\n"

// Each bad correlations: section gives these errors (whole lines), at the
// value at fault.
func TestCorrelationErrors(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"unknown factor, closest name", "  - {factors: [alpha, betta], rank: 0.5}\n", []string{
			`c.yaml:10:23: correlations[0]: unknown factor "betta" (did you mean "beta"?)`}},
		{"unknown factor, far from all", "  - {factors: [alpha, zzzzzzzz], rank: 0.5}\n", []string{
			`c.yaml:10:23: correlations[0]: unknown factor "zzzzzzzz" (factors: alpha, beta, gamma, fixd, cst, delta)`}},
		{"|rho| > 1", "  - {factors: [alpha, beta], rank: 1.2}\n", []string{
			"c.yaml:10:36: correlations[0].rank: the rank correlation of alpha and beta must be between −1 and 1, got 1.2"}},
		{"rho = -1", "  - {factors: [alpha, beta], rank: -1}\n", []string{
			"c.yaml:10:36: correlations[0].rank: the rank correlation of alpha and beta is -1: that makes one a monotone function of the other; write it as one factor (or use a correlation strictly between −1 and 1)"}},
		{"matrix entry > 1", "  - {factors: [alpha, beta], matrix: [[1, 2], [2, 1]]}\n", []string{
			"c.yaml:10:43: correlations[0].matrix row 1, column 2: the rank correlation of alpha and beta must be between −1 and 1, got 2"}},
		{"diagonal", "  - {factors: [alpha, beta, gamma], matrix: [[1, 0.5, 0.2], [0.5, 0.9, 0.1], [0.2, 0.1, 1]]}\n", []string{
			"c.yaml:10:67: correlations[0].matrix: the diagonal must be 1 (a factor's rank correlation with itself), got 0.9 at row 2 (beta)"}},
		{"asymmetric", "  - {factors: [alpha, beta, gamma], matrix: [[1, 0.5, 0.2], [0.5, 1, 0.1], [0.3, 0.1, 1]]}\n", []string{
			"c.yaml:10:77: correlations[0].matrix is not symmetric: row 3, column 1 (gamma, alpha) is 0.3 but row 1, column 3 is 0.2 (line 10, column 55)"}},
		{"duplicate pair", "  - {factors: [alpha, beta], rank: 0.5}\n  - {factors: [beta, alpha, gamma], matrix: [[1, 0.5, 0.2], [0.5, 1, 0.1], [0.2, 0.1, 1]]}\n", []string{
			"c.yaml:11:50: correlations: the pair beta, alpha is declared twice (first at line 10, column 36); keep one"}},
		{"fixed and constant factors", "  - {factors: [alpha, fixd], rank: 0.5}\n  - {factors: [cst, beta], rank: 0.5}\n  - {factors: [delta, gamma], rank: 0.1}\n", []string{
			"c.yaml:10:23: factor fixd: correlations[0]: a fixed factor (declared at line 6, column 3) takes one value and cannot be correlated: give it a distribution or leave it out of correlations",
			"c.yaml:11:16: factor cst: correlations[1]: a fixed factor (declared at line 7, column 3) takes one value and cannot be correlated: give it a distribution or leave it out of correlations",
			"c.yaml:12:16: factor delta: correlations[2]: a fixed factor (declared at line 8, column 3) takes one value and cannot be correlated: give it a distribution or leave it out of correlations"}},
		{"not positive definite matrix", "  - {factors: [alpha, beta, gamma], matrix: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]}\n", []string{
			"c.yaml:10:5: correlations: the rank correlation matrix of alpha, beta, gamma (declared at line 10) is not positive definite (smallest eigenvalue -0.8): " +
				"no joint distribution of the factors has these correlations; ρ(alpha, gamma) = 0.9 and ρ(gamma, beta) = -0.9 require ρ(alpha, beta) between -1 and -0.631, got 0.9 " +
				"(mc does not repair the matrix: the nearest valid one would change correlations you chose)"}},
		{"not positive definite pairs", "  - {factors: [alpha, beta], rank: 0.9}\n  - {factors: [beta, gamma], rank: 0.9}\n  - {factors: [alpha, gamma], rank: 0.2}\n", []string{
			"c.yaml:10:5: correlations: the rank correlation matrix of alpha, beta, gamma (declared at lines 10, 11, 12) is not positive definite (smallest eigenvalue -0.177): " +
				"no joint distribution of the factors has these correlations; ρ(alpha, gamma) = 0.2 and ρ(gamma, beta) = 0.9 require ρ(alpha, beta) between -0.21 and 0.581, got 0.9 " +
				"(mc does not repair the matrix: the nearest valid one would change correlations you chose)"}},
		{"malformed entries", "  - {factors: [alpha, beta, gamma], rank: 0.5}\n  - {factors: [alpha], rank: 0.5}\n  - {factors: [alpha, beta]}\n" +
			"  - {factors: [alpha, beta], rank: 0.5, matrix: []}\n  - {factors: [alpha, alpha], rank: 0.3}\n  - {factors: [alpha, gamma], rank: 0.3, weight: 2}\n" +
			"  - [alpha, beta]\n  - {rank: 0.3}\n  - 0.5\n  - [alpha, betta, 0.5]\n  - [alpha, gamma, 1.5]\n", []string{
			"c.yaml:10:15: correlations[0]: rank: correlates two factors, got 3 (use matrix: for more)",
			"c.yaml:11:15: correlations[1].factors: expected a list of at least two factor names, got 1",
			"c.yaml:12:5: correlations[2]: give rank: (one rank correlation for two factors) or matrix: (a rank correlation matrix)",
			"c.yaml:13:49: correlations[3]: give either rank: or matrix:, not both",
			"c.yaml:14:23: factor alpha: correlations[4]: listed twice (first at line 14, column 16)",
			`c.yaml:15:42: unknown key "weight" in correlations[5] (allowed: factors, rank, matrix, source, description)`,
			"c.yaml:16:5: correlations[6]: a pair in short form is [factor, factor, rank correlation], got a list of 2",
			"c.yaml:17:5: correlations[7]: missing key factors (the factors to correlate, e.g. factors: [a, b])",
			"c.yaml:18:5: correlations[8]: expected a mapping like {factors: [a, b], rank: 0.6} or {factors: [a, b, c], matrix: [[...]]}, got 0.5",
			`c.yaml:19:13: correlations[9]: unknown factor "betta" (did you mean "beta"?)`,
			"c.yaml:20:20: correlations[10]: the rank correlation of alpha and gamma must be between −1 and 1, got 1.5"}},
		{"matrix shapes", "  - {factors: [alpha, beta, gamma], matrix: [[1, 0.5], [0.5, 1]]}\n  - {factors: [alpha, beta], matrix: [[1, 0.5], [0.5, 1, 3]]}\n" +
			"  - {factors: [alpha, beta], matrix: [[1, x], [0.5, 1]]}\n", []string{
			"c.yaml:10:45: correlations[0].matrix: expected a 3×3 matrix (one row per factor of factors:, as a list of lists), got 2 rows",
			"c.yaml:11:49: correlations[1].matrix row 2 (beta): expected 2 values, got 3 values",
			`c.yaml:12:43: correlations[2].matrix row 1, column 2: expected a number, got "x"`}},
	}
	for _, c := range cases {
		_, err := Parse("c.yaml", []byte(corrHead+c.text))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got: %s\nwant: %s", c.name, strings.Join(got, "\n      "), strings.Join(c.want, "\n      "))
		}
	}
	// Not a list at all.
	if _, err := Parse("c.yaml", []byte("model: m\ncorrelations: {alpha: beta}\n")); err == nil || !strings.HasPrefix(err.Error(), "c.yaml:2:15: correlations: expected a list") {
		t.Errorf("mapping: %v", err)
	}
	// A factor that failed to parse is not also "unknown".
	_, err := Parse("c.yaml", []byte("model: m\nfactors:\n  a: {distribution: uniform, min: 1, max: 0}\n  b: {distribution: uniform, min: 0, max: 1}\ncorrelations:\n  - {factors: [a, b], rank: 0.5}\n"))
	if err == nil || strings.Contains(err.Error(), "unknown factor") || !strings.Contains(err.Error(), "max must be > min") {
		t.Errorf("failed factor: %v", err)
	}
}

// Pairs and matrices, written before factors:, give the sets of
// correlated factors with their rank and copula matrices; zero entries link
// nothing.
func TestCorrelatedSets(t *testing.T) {
	text := "model: m\ncorrelations:\n  - {factors: [b, a], rank: 0.5, source: expert judgement}\n" +
		"  - {factors: [c, d, e], matrix: [[1, 0, -0.3], [0, 1, 0], [-0.3, 0, 1]]}\n" +
		"  - [e, f, 0.2]\nfactors:\n"
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		text += "  " + n + ": {distribution: uniform, min: 0, max: 1}\n"
	}
	sc, err := Parse("c.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Correlations) != 5 { // a–b, c–d, c–e, d–e, e–f
		t.Fatalf("%d pairs: %+v", len(sc.Correlations), sc.Correlations)
	}
	sets := sc.CorrelatedSets()
	if len(sets) != 2 {
		t.Fatalf("%d sets: %+v", len(sets), sets)
	}
	if got := strings.Join(sets[0].Factors, ","); got != "a,b" {
		t.Errorf("set 0: %s", got)
	}
	if got := strings.Join(sets[1].Factors, ","); got != "c,e,f" {
		t.Errorf("set 1: %s (d is correlated with nothing)", got)
	}
	s := sets[1]
	want := [][]float64{{1, -0.3, 0}, {-0.3, 1, 0.2}, {0, 0.2, 1}}
	for i := range want {
		for j := range want[i] {
			if s.Rank[i][j] != want[i][j] {
				t.Errorf("rank[%d][%d] = %v, want %v", i, j, s.Rank[i][j], want[i][j])
			}
			if r := 2 * math.Sin(math.Pi*want[i][j]/6); math.Abs(s.Normal[i][j]-r) > 1e-15 {
				t.Errorf("normal[%d][%d] = %v, want %v", i, j, s.Normal[i][j], r)
			}
		}
	}
	if len(s.Entries) != 2 || s.Entries[0].Line != 4 || s.Entries[1].Line != 5 {
		t.Errorf("entries %v", s.Entries)
	}
}

// NormalCorrelation and RankOfNormal are inverse, fix 0 and ±1, and match
// published values: ρ_S = 0.5 ↔ r = 2 sin(π/12) = 0.5176380902.
func TestNormalCorrelation(t *testing.T) {
	for _, c := range []struct{ rank, r float64 }{{0, 0}, {1, 1}, {-1, -1}, {0.5, 0.5176380902050415}} {
		if got := NormalCorrelation(c.rank); math.Abs(got-c.r) > 1e-15 {
			t.Errorf("NormalCorrelation(%v) = %v, want %v", c.rank, got, c.r)
		}
	}
	for rho := -0.99; rho < 1; rho += 0.01 {
		if back := RankOfNormal(NormalCorrelation(rho)); math.Abs(back-rho) > 1e-14 {
			t.Errorf("round trip %v → %v", rho, back)
		}
	}
}
