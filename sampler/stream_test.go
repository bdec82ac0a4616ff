package sampler

import (
	"hash/fnv"
	"math"
	"testing"
)

// Uint64 is words 0 and 1 of the Philox block with counter (index, stream)
// and key seed, so the Random123 known answers apply.
func TestUint64KnownAnswers(t *testing.T) {
	for _, tc := range []struct {
		seed, stream, index, want uint64
	}{
		{0, 0, 0, 0xe169c58d6627e8d5},
		{math.MaxUint64, math.MaxUint64, math.MaxUint64, 0x41c83b0e408f276d},
		{0x299f31d0a4093822, 0x0370734413198a2e, 0x85a308d3243f6a88, 0x94fdccebd16cfe09},
	} {
		if got := Uint64(tc.seed, tc.stream, tc.index); got != tc.want {
			t.Errorf("Uint64(%#x, %#x, %#x) = %#x, want %#x", tc.seed, tc.stream, tc.index, got, tc.want)
		}
	}
}

func TestOpen53Extremes(t *testing.T) {
	for _, tc := range []struct {
		x    uint64
		want float64
	}{
		{0, 0x1p-53},
		{math.MaxUint64, 1 - 0x1p-53},
		{1 << 63, 0.5 + 0x1p-53},
		{1<<63 - 1, 0.5 - 0x1p-53},
	} {
		if got := open53(tc.x); got != tc.want {
			t.Errorf("open53(%#x) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

func TestUniformMoments(t *testing.T) {
	const n = 200000
	var sum, sum2 float64
	for i := uint64(0); i < n; i++ {
		u := Uniform(42, 7, i)
		if !(u > 0 && u < 1) {
			t.Fatalf("Uniform(42, 7, %d) = %v, outside (0, 1)", i, u)
		}
		if m := u * 0x1p53; m != math.Trunc(m) || math.Mod(m, 2) != 1 {
			t.Fatalf("Uniform(42, 7, %d) = %v is not an odd multiple of 2^-53", i, u)
		}
		sum += u
		sum2 += (u - 0.5) * (u - 0.5)
	}
	// Mean has sd sqrt(1/12n); the variance estimate has sd sqrt(1/180n).
	if mean := sum / n; math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) {
		t.Errorf("mean of %d uniforms = %v, want 0.5", n, mean)
	}
	if v := sum2 / n; math.Abs(v-1.0/12) > 5*math.Sqrt(1.0/180/n) {
		t.Errorf("variance of %d uniforms = %v, want 1/12", n, v)
	}
}

func TestPoisson1CDF(t *testing.T) {
	e := math.Exp(-1)
	// P(X ≤ k) = e^-1 Σ_{i≤k} 1/i!.
	for k, want := range []float64{e, 2 * e, 2.5 * e, 8.0 / 3 * e, 65.0 / 24 * e, 163.0 / 60 * e} {
		if got := poisson1CDF[k]; math.Abs(got-want) > 1e-15 {
			t.Errorf("P(X ≤ %d) = %.17g, want %.17g", k, got, want)
		}
	}
	// Inversion: k is the smallest value with u < P(X ≤ k).
	for k := 0; k < 5; k++ {
		c := poisson1CDF[k]
		if got := poisson1Inv(math.Nextafter(c, 0)); got != k {
			t.Errorf("poisson1Inv(just below P(X ≤ %d)) = %d, want %d", k, got, k)
		}
		if got := poisson1Inv(c); got != k+1 {
			t.Errorf("poisson1Inv(P(X ≤ %d)) = %d, want %d", k, got, k+1)
		}
	}
	if got := poisson1Inv(1 - 0x1p-53); got < 15 || got >= len(poisson1CDF) {
		t.Errorf("poisson1Inv(1 − 2^-53) = %d, want a far tail value below %d", got, len(poisson1CDF))
	}
}

func TestPoisson1Frequencies(t *testing.T) {
	const n = 100000
	var counts [8]int
	var sum, sum2 float64
	for i := uint64(0); i < n; i++ {
		k := Poisson1(3, 1, i)
		if k < 0 {
			t.Fatalf("Poisson1(3, 1, %d) = %d", i, k)
		}
		counts[min(k, len(counts)-1)]++
		sum += float64(k)
		sum2 += float64(k) * float64(k)
	}
	mean := sum / n
	if math.Abs(mean-1) > 5/math.Sqrt(n) {
		t.Errorf("mean of %d Poisson(1) draws = %v, want 1", n, mean)
	}
	// Var of the sample variance of Poisson(1) is about (μ4 − σ^4)/n = 3/n.
	if v := sum2/n - mean*mean; math.Abs(v-1) > 5*math.Sqrt(3.0/n) {
		t.Errorf("variance of %d Poisson(1) draws = %v, want 1", n, v)
	}
	// Chi-square over k = 0…6 and ≥ 7 (7 degrees of freedom): 99.99th
	// percentile is 29.9.
	p, fact := math.Exp(-1), 1.0
	chi2, tail := 0.0, 1.0
	for k := 0; k < len(counts); k++ {
		pk := p / fact
		if k == len(counts)-1 {
			pk = tail
		}
		tail -= pk
		fact *= float64(k + 1)
		d := float64(counts[k]) - n*pk
		chi2 += d * d / (n * pk)
	}
	if chi2 > 29.9 {
		t.Errorf("Poisson1 counts %v: chi-square %v over 7 df", counts, chi2)
	}
}

func TestDerive(t *testing.T) {
	seen := map[uint64]string{}
	for _, label := range []string{"", "a", "sobol-replicate", "morris-bootstrap"} {
		for i := uint64(0); i < 100; i++ {
			d := Derive(1, label, i)
			if d == Derive(2, label, i) {
				t.Errorf("Derive(1, %q, %d) = Derive(2, %q, %d)", label, i, label, i)
			}
			if prev, ok := seen[d]; ok {
				t.Errorf("Derive(1, %q, %d) = %#x repeats %s", label, i, d, prev)
			}
			seen[d] = label
		}
	}
	// Derive and Uint64 share the counter but read disjoint output words.
	h := fnv1a64("x")
	if Derive(5, "x", 3) == Uint64(5, h, 3) {
		t.Error("Derive(5, \"x\", 3) equals Uint64 of the same counter")
	}
}

func TestFNV1a64(t *testing.T) {
	for _, s := range []string{"", "a", "sampler.MC", "sobol-replicate"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := fnv1a64(s), h.Sum64(); got != want {
			t.Errorf("fnv1a64(%q) = %#x, want %#x (hash/fnv)", s, got, want)
		}
	}
}

func BenchmarkUniform(b *testing.B) {
	var acc float64
	for i := uint64(0); b.Loop(); i++ {
		acc += Uniform(1, 2, i)
	}
	sinkF = acc
}

func BenchmarkPoisson1(b *testing.B) {
	acc := 0
	for i := uint64(0); b.Loop(); i++ {
		acc += Poisson1(1, 2, i)
	}
	sinkF = float64(acc)
}

var sinkF float64
