package sampler

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readSobolReference reads testdata/sobol-unscrambled-1024x64.csv: the first
// 1024 points of the unscrambled Sobol' sequence in 64 dimensions with the
// Joe–Kuo 6.21201 numbers, from SciPy 1.10 qmc.Sobol(scramble=False).
func readSobolReference(t *testing.T) [][]float64 {
	t.Helper()
	f, err := os.Open("testdata/sobol-unscrambled-1024x64.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		var row []float64
		for _, field := range strings.Split(line, ",") {
			x, err := strconv.ParseFloat(field, 64)
			if err != nil {
				t.Fatalf("reference line %d: %v", len(rows)+1, err)
			}
			row = append(row, x)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1024 || len(rows[0]) != 64 {
		t.Fatalf("reference has %d rows of %d values, want 1024 of 64", len(rows), len(rows[0]))
	}
	return rows
}

// All 1024 × 64 reference values, bit for bit, filled from several starts to
// check random access too.
func TestSobolMatchesReference(t *testing.T) {
	ref := readSobolReference(t)
	q, err := NewSobol(64)
	if err != nil {
		t.Fatal(err)
	}
	for _, start := range []int{0, 1, 3, 500, 1000, 1023} {
		u := sentinelColumns(64, 1024-start)
		q.Fill(uint64(start), u)
		for j := range u {
			for s, x := range u[j] {
				if want := ref[start+s][j]; x != want {
					t.Fatalf("Fill(%d): point %d, dimension %d = %v, want %v", start, start+s, j+1, x, want)
				}
			}
		}
	}
}

// Each run of 2^m points starting at a multiple of 2^m puts exactly one point
// in each interval [k/2^m, (k+1)/2^m) of every coordinate: Sobol' sequences
// are (t, s)-sequences in base 2 and every 1-D projection is a (0, 1)-sequence.
// Matoušek's scrambling keeps that.
func TestScrambledSobolStratified(t *testing.T) {
	dims := []int{1, 2, 3, 10, 64, 1111, SobolMaxDim}
	for _, seed := range []uint64{0, 1, 987654321} {
		q, err := NewScrambledSobol(SobolMaxDim, seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []int{0, 1, 4, 7, 10} {
			size := 1 << m
			for _, block := range []int{0, 3} {
				u := make([][]float64, q.Dim())
				for _, j := range dims {
					u[j-1] = make([]float64, size)
				}
				q.Fill(uint64(block*size), u)
				for _, j := range dims {
					seen := make([]bool, size)
					for s, x := range u[j-1] {
						if !(x > 0 && x < 1) {
							t.Fatalf("seed %d: point %d, dimension %d = %v, outside (0, 1)", seed, block*size+s, j, x)
						}
						k := int(x * float64(size))
						if seen[k] {
							t.Fatalf("seed %d, points [%d, %d), dimension %d: two points in [%d/2^%d, %d/2^%d)",
								seed, block*size, (block+1)*size, j, k, m, k+1, m)
						}
						seen[k] = true
					}
				}
			}
		}
	}
}

// The first two coordinates of Sobol' form a (0, 2)-sequence: 2^m points put
// exactly one point in every elementary box [a/2^i, (a+1)/2^i) ×
// [b/2^(m−i), (b+1)/2^(m−i)). A scrambling that is not lower triangular
// would break this.
func TestScrambledSobolTwoDimensionalNet(t *testing.T) {
	const m = 10
	for _, seed := range []uint64{2, 3} {
		q, err := NewScrambledSobol(2, seed)
		if err != nil {
			t.Fatal(err)
		}
		u := sentinelColumns(2, 1<<m)
		q.Fill(0, u)
		for i := 0; i <= m; i++ {
			seen := make([]bool, 1<<m)
			for s := range u[0] {
				a := int(u[0][s] * float64(int(1)<<i))
				b := int(u[1][s] * float64(int(1)<<(m-i)))
				box := a<<(m-i) | b
				if seen[box] {
					t.Fatalf("seed %d: two points in box %d of the 2^-%d × 2^-%d grid", seed, box, i, m-i)
				}
				seen[box] = true
			}
		}
	}
}

func TestScrambledSobolSeedsDiffer(t *testing.T) {
	a, _ := NewScrambledSobol(8, 1)
	b, _ := NewScrambledSobol(8, 2)
	plain, _ := NewSobol(8)
	ua, ub, up := sentinelColumns(8, 64), sentinelColumns(8, 64), sentinelColumns(8, 64)
	a.Fill(0, ua)
	b.Fill(0, ub)
	plain.Fill(0, up)
	sameAB, samePlain := 0, 0
	for j := range ua {
		for s := range ua[j] {
			if ua[j][s] == ub[j][s] {
				sameAB++
			}
			if ua[j][s] == up[j][s]+0x1p-33 {
				samePlain++
			}
		}
	}
	// Two independent scrambles share a 32-bit coordinate with
	// probability about 2^-32 each.
	if sameAB > 0 {
		t.Errorf("seeds 1 and 2 share %d of %d coordinates", sameAB, 8*64)
	}
	if samePlain > 8 {
		t.Errorf("scrambled and unscrambled share %d of %d coordinates", samePlain, 8*64)
	}
}

// A scrambled point is uniform on the cube: over seeds, the mean of a
// coordinate of a fixed point is 1/2 and it is uncorrelated with the same
// coordinate of the unscrambled point.
func TestScrambledSobolPointIsUniform(t *testing.T) {
	const seeds = 4000
	var sum, sum2 float64
	for seed := uint64(0); seed < seeds; seed++ {
		q, err := NewScrambledSobol(3, seed)
		if err != nil {
			t.Fatal(err)
		}
		u := sentinelColumns(3, 1)
		q.Fill(5, u)
		x := u[2][0]
		sum += x
		sum2 += (x - 0.5) * (x - 0.5)
	}
	if mean := sum / seeds; math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/seeds) {
		t.Errorf("mean over %d seeds = %v, want 0.5", seeds, mean)
	}
	if v := sum2 / seeds; math.Abs(v-1.0/12) > 5*math.Sqrt(1.0/180/seeds) {
		t.Errorf("variance over %d seeds = %v, want 1/12", seeds, v)
	}
}

func TestSobolErrors(t *testing.T) {
	for _, dim := range []int{-1, 0, SobolMaxDim + 1} {
		if _, err := NewSobol(dim); err == nil {
			t.Errorf("NewSobol(%d): no error", dim)
		}
		if _, err := NewScrambledSobol(dim, 1); err == nil {
			t.Errorf("NewScrambledSobol(%d, 1): no error", dim)
		}
	}
	q, err := NewSobol(SobolMaxDim)
	if err != nil {
		t.Fatalf("NewSobol(%d): %v", SobolMaxDim, err)
	}
	if err := CheckRange(q, 0, SobolLen); err != nil {
		t.Errorf("CheckRange(all 2^32 points): %v", err)
	}
	if err := CheckRange(q, SobolLen-1, 2); err == nil {
		t.Error("CheckRange(points 2^32−1 and 2^32): no error")
	}
	if err := CheckRange(q, math.MaxUint64, 2); err == nil {
		t.Error("CheckRange with an overflowing range: no error")
	}
	// Beyond 2^32 points Fill writes NaN. The Gray code of the last point,
	// 2^32−1, is 2^31: the point is the last direction number alone, 2^-32
	// in dimension 1 (van der Corput).
	u := sentinelColumns(2, 3)
	q.Fill(SobolLen-1, u)
	if u[0][0] != 0x1p-32 {
		t.Errorf("point 2^32−1, dimension 1 = %v, want 2^-32", u[0][0])
	}
	for j := range u {
		for s := 1; s < 3; s++ {
			if !math.IsNaN(u[j][s]) {
				t.Errorf("point 2^32−1+%d, dimension %d = %v, want NaN", s, j+1, u[j][s])
			}
		}
	}
}

func BenchmarkScrambledSobolFill(b *testing.B) {
	q, err := NewScrambledSobol(16, 1)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkFill(b, q)
}

// BenchmarkScrambledSobolFillChunk fills the 16 columns of the engine's
// Sobol' chunk (256 base rows of an 8-factor A and B).
func BenchmarkScrambledSobolFillChunk(b *testing.B) {
	q, err := NewScrambledSobol(16, 1)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkFillBatch(b, q, 256)
}

func BenchmarkNewScrambledSobol(b *testing.B) {
	for b.Loop() {
		if _, err := NewScrambledSobol(200, 1); err != nil {
			b.Fatal(err)
		}
	}
}
