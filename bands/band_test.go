package bands

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func newAcc(t testing.TB, nSeries int, centres []float64, exact bool) *Accumulator {
	t.Helper()
	a, err := NewAccumulator(nSeries, centres, exact, 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// table returns cols[c][s] for 3 series of n rows: lognormal, normal with
// negatives, uniform with zeros.
func table(n int, seed uint64) [][]float64 {
	return [][]float64{samples("lognormal", n, seed), samples("normal", n, seed+1), samples("uniform+zeros", n, seed+2)}
}

var tableCentres = []float64{1e3, 0.5, 0.4}

// rows returns rows [a, b) of cols.
func rows(cols [][]float64, a, b int) [][]float64 {
	out := make([][]float64, len(cols))
	for c := range cols {
		out[c] = cols[c][a:b]
	}
	return out
}

func TestAccumulatorBands(t *testing.T) {
	const n = 20000
	cols := table(n, 10)
	for _, exact := range []bool{true, false} {
		a := newAcc(t, len(cols), tableCentres, exact)
		for s := 0; s < n; s += 1000 {
			if err := a.Add(rows(cols, s, s+1000)); err != nil {
				t.Fatal(err)
			}
		}
		bands, err := a.Bands()
		if err != nil {
			t.Fatal(err)
		}
		for c, b := range bands {
			sorted := slices.Clone(cols[c])
			slices.Sort(sorted)
			// Two-pass mean and SD, written independently of Moments.
			var sum, ss float64
			for _, y := range sorted {
				sum += y
			}
			mean := sum / n
			for _, y := range sorted {
				ss += (y - mean) * (y - mean)
			}
			sd := math.Sqrt(ss / (n - 1))
			if b.N != n || b.NonFinite != 0 || b.Min != sorted[0] || b.Max != sorted[n-1] {
				t.Errorf("exact %v, series %d: n %d, non-finite %d, min %v, max %v", exact, c, b.N, b.NonFinite, b.Min, b.Max)
			}
			if math.Abs(b.Mean-mean) > 1e-12*sd || relErr(b.SD, sd) > 1e-12 {
				t.Errorf("exact %v, series %d: mean %v, SD %v, want %v, %v", exact, c, b.Mean, b.SD, mean, sd)
			}
			for i, p := range Probs {
				want := type7Ref(sorted, p)
				tol := 1e-15 * math.Abs(want)
				if !exact { // see Sketch: α times the larger of the two neighbours
					k := int(float64(n-1) * p)
					tol = DefaultAlpha*max(math.Abs(sorted[k]), math.Abs(sorted[k+1])) + 1e-15*math.Abs(want)
				}
				if got := b.Quantiles()[i]; math.Abs(got-want) > tol {
					t.Errorf("exact %v, series %d: Q(%v) = %v, want %v ± %.2g", exact, c, p, got, want, tol)
				}
			}
		}
		if exact && a.Method() != "exact" || !exact && a.Method() != "sketch(0.005)" {
			t.Errorf("method %q", a.Method())
		}
	}
}

// blockStates accumulates cols in blocks of blockRows rows.
func blockStates(t *testing.T, cols [][]float64, blockRows int, exact bool) []*Accumulator {
	t.Helper()
	var out []*Accumulator
	for s := 0; s < len(cols[0]); s += blockRows {
		a := newAcc(t, len(cols), tableCentres, exact)
		if err := a.Add(rows(cols, s, min(s+blockRows, len(cols[0])))); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// mergeTree merges states pairwise, left to right, level by level.
func mergeTree(t *testing.T, states []*Accumulator) *Accumulator {
	t.Helper()
	for len(states) > 1 {
		var next []*Accumulator
		for i := 0; i < len(states); i += 2 {
			if i+1 < len(states) {
				if err := states[i].Merge(states[i+1]); err != nil {
					t.Fatal(err)
				}
			}
			next = append(next, states[i])
		}
		states = next
	}
	return states[0]
}

func bandsOf(t *testing.T, a *Accumulator) []Band {
	t.Helper()
	b, err := a.Bands()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAccumulatorMergeBlocks(t *testing.T) {
	cols := table(30000, 20)
	for _, exact := range []bool{true, false} {
		whole := newAcc(t, len(cols), tableCentres, exact)
		if err := whole.Add(cols); err != nil {
			t.Fatal(err)
		}
		want := bandsOf(t, whole)
		for _, k := range []int{1, 2, 3, 8} {
			got := bandsOf(t, mergeTree(t, blockStates(t, cols, (30000+k-1)/k, exact)))
			for c := range got {
				g, w := got[c], want[c]
				// Counts, extremes and quantiles are exact; sums only
				// differ by the order of the additions.
				if g.N != w.N || g.Min != w.Min || g.Max != w.Max || !slices.Equal(g.Quantiles(), w.Quantiles()) {
					t.Errorf("exact %v, %d blocks, series %d: %+v, want %+v", exact, k, c, g, w)
				}
				if math.Abs(g.Mean-w.Mean) > 1e-13*w.SD || relErr(g.SD, w.SD) > 1e-12 {
					t.Errorf("exact %v, %d blocks, series %d: mean %v, SD %v, want %v, %v", exact, k, c, g.Mean, g.SD, w.Mean, w.SD)
				}
			}
		}
	}
}

func TestAccumulatorBinary(t *testing.T) {
	cols := table(40000, 30)
	for _, exact := range []bool{true, false} {
		states := blockStates(t, cols, 10000, exact)
		// A shard holding blocks 0–1 and one holding 2–3, written to files
		// and read back, must merge into the same bits as the run in memory.
		var shards [][]byte
		for _, i := range []int{0, 2} {
			s := newAcc(t, len(cols), tableCentres, exact)
			for _, b := range states[i : i+2] {
				st, _ := b.MarshalBinary()
				var c Accumulator
				if err := c.UnmarshalBinary(st); err != nil {
					t.Fatal(err)
				}
				if err := s.Merge(&c); err != nil {
					t.Fatal(err)
				}
			}
			data, err := s.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			shards = append(shards, data)
		}
		want := bandsOf(t, mergeTree(t, states))
		var a, b Accumulator
		if err := a.UnmarshalBinary(shards[0]); err != nil {
			t.Fatal(err)
		}
		if err := b.UnmarshalBinary(shards[1]); err != nil {
			t.Fatal(err)
		}
		again, _ := a.MarshalBinary()
		if !bytes.Equal(again, shards[0]) {
			t.Errorf("exact %v: encoding the decoded state gives other bytes", exact)
		}
		if err := a.Merge(&b); err != nil {
			t.Fatal(err)
		}
		got := bandsOf(t, &a)
		for c := range got {
			if !bitsEqual(got[c], want[c]) {
				t.Errorf("exact %v, series %d: from files %+v, in memory %+v", exact, c, got[c], want[c])
			}
		}
		if a.Exact() != exact || a.Series() != len(cols) || !slices.Equal(a.Centres(), tableCentres) {
			t.Errorf("decoded settings: exact %v, %d series, centres %v", a.Exact(), a.Series(), a.Centres())
		}
	}
}

func bitsEqual(a, b Band) bool {
	fa := []float64{a.Mean, a.SD, a.Min, a.Max, a.Q025, a.Q05, a.Q25, a.Q50, a.Q75, a.Q95, a.Q975}
	fb := []float64{b.Mean, b.SD, b.Min, b.Max, b.Q025, b.Q05, b.Q25, b.Q50, b.Q75, b.Q95, b.Q975}
	for i := range fa {
		if math.Float64bits(fa[i]) != math.Float64bits(fb[i]) {
			return false
		}
	}
	return a.N == b.N && a.NonFinite == b.NonFinite
}

func TestAccumulatorStateSize(t *testing.T) {
	// A sketch state does not grow with the samples: a lognormal of σ = 1.5
	// spans about 4 decades at 2^16 samples, about 930 buckets at α = 0.005,
	// 1 to 3 bytes each.
	const nSeries = 100
	r := rand.New(rand.NewPCG(40, 40))
	a := newAcc(t, nSeries, nil, false)
	var size []int
	for _, n := range []int{1 << 12, 1 << 16} {
		cols := make([][]float64, nSeries)
		for c := range cols {
			cols[c] = make([]float64, n)
			for s := range cols[c] {
				cols[c][s] = math.Exp(1.5 * r.NormFloat64())
			}
		}
		if err := a.Add(cols); err != nil {
			t.Fatal(err)
		}
		data, _ := a.MarshalBinary()
		size = append(size, len(data)/nSeries)
	}
	if size[1] > 3*1000+100 || size[1] > 2*size[0] {
		t.Errorf("bytes per series: %d at 2^12 samples, %d at 2^16", size[0], size[1])
	}
	t.Logf("bytes per series: %v", size)
}

func TestAccumulatorNonFinite(t *testing.T) {
	a := newAcc(t, 3, nil, false)
	cols := [][]float64{{1, 2, 3, 4}, {1, math.NaN(), 3, math.Inf(1)}, {5, 5, 5, 5}}
	if err := a.Add(cols); err != nil {
		t.Fatal(err)
	}
	bands, err := a.Bands()
	if err != nil {
		t.Fatal(err)
	}
	if b := bands[1]; b.N != 2 || b.NonFinite != 2 || b.Mean != 2 || b.Max != 3 ||
		b.Flag != "2 of 4 values NaN or ±Inf, left out of every statistic" {
		t.Errorf("series 1: %+v, want the band of {1, 3}, flagged", b)
	}
	if b := bands[2]; b.SD != 0 || b.Q50 != 5 || b.Flag != "" {
		t.Errorf("constant series: %+v", b)
	}
	if b := bands[0]; b.Flag != "" {
		t.Errorf("series 0 flagged: %q", b.Flag)
	}
	empty := newAcc(t, 2, nil, true)
	eb, err := empty.Bands()
	if err != nil || eb[0].Flag != "no finite value" || !math.IsNaN(eb[0].Q50) {
		t.Errorf("bands of no values: %+v, %v", eb, err)
	}
	one := newAcc(t, 1, nil, false)
	one.Add([][]float64{{7}})
	ob, err := one.Bands()
	if err != nil || ob[0].Flag != "one value: no sd" || ob[0].Q50 != 7 || !math.IsNaN(ob[0].SD) {
		t.Errorf("bands of one value: %+v, %v", ob, err)
	}
}

func TestAccumulatorErrors(t *testing.T) {
	if _, err := NewAccumulator(2, []float64{1}, false, 0); err == nil {
		t.Error("1 centre for 2 series: no error")
	}
	if _, err := NewAccumulator(1, []float64{math.NaN()}, false, 0); err == nil {
		t.Error("NaN centre: no error")
	}
	if _, err := NewAccumulator(1, nil, false, 2); err == nil {
		t.Error("α = 2: no error")
	}
	if _, err := NewAccumulator(-1, nil, false, 0); err == nil {
		t.Error("-1 series: no error")
	}
	a := newAcc(t, 2, nil, false)
	if err := a.Add([][]float64{{1}}); err == nil {
		t.Error("1 column for 2 series: no error")
	}
	if err := a.Add([][]float64{{1, 2}, {1}}); err == nil {
		t.Error("ragged columns: no error")
	}
	for _, b := range []*Accumulator{nil, newAcc(t, 3, nil, false), newAcc(t, 2, nil, true), newAcc(t, 2, []float64{0, 1}, false)} {
		if err := a.Merge(b); err == nil {
			t.Errorf("merging a mismatched accumulator: no error")
		}
	}
	if b, err := NewAccumulator(2, nil, false, 0.01); err != nil || a.Merge(b) == nil {
		t.Errorf("merging an accumulator of another α: no error")
	}
}

func TestAccumulatorNewEmptyAndReset(t *testing.T) {
	cols := table(5000, 50)
	for _, exact := range []bool{true, false} {
		a := newAcc(t, len(cols), tableCentres, exact)
		if err := a.Add(cols); err != nil {
			t.Fatal(err)
		}
		want := bandsOf(t, a)
		b := a.NewEmpty()
		if err := b.Add(cols); err != nil {
			t.Fatal(err)
		}
		a.Reset()
		if err := a.Add(cols); err != nil {
			t.Fatal(err)
		}
		for c, w := range want {
			if g := bandsOf(t, b)[c]; !bitsEqual(g, w) {
				t.Errorf("exact %v: NewEmpty then Add: %+v, want %+v", exact, g, w)
			}
			if g := bandsOf(t, a)[c]; !bitsEqual(g, w) {
				t.Errorf("exact %v: Reset then Add: %+v, want %+v", exact, g, w)
			}
		}
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	for _, exact := range []bool{true, false} {
		a := newAcc(t, 2, []float64{1, -1}, exact)
		if err := a.Add([][]float64{{1, 2, 3, 0}, {-1, -2, 1e-310, 7}}); err != nil {
			t.Fatal(err)
		}
		data, _ := a.MarshalBinary()
		for i := range data {
			var b Accumulator
			if err := b.UnmarshalBinary(data[:i]); err == nil {
				t.Errorf("exact %v: %d of %d bytes decoded without error", exact, i, len(data))
			}
		}
		var b Accumulator
		if err := b.UnmarshalBinary(append(slices.Clone(data), 0)); err == nil {
			t.Errorf("exact %v: trailing byte decoded without error", exact)
		}
		bad := slices.Clone(data)
		bad[len(magic)] = 99
		if err := b.UnmarshalBinary(bad); err == nil || !strings.Contains(err.Error(), "version 99") {
			t.Errorf("exact %v: version 99: %v", exact, err)
		}
	}
}

// FuzzUnmarshal: whatever decodes is usable, is in canonical form (encoding
// it gives back the same bytes) and decodes again to the same state. The
// seed corpus (testdata/fuzz/FuzzUnmarshal) holds the input that found the
// 42-byte series of issue 8 item 7.
func FuzzUnmarshal(f *testing.F) {
	for _, exact := range []bool{true, false} {
		a, _ := NewAccumulator(2, []float64{1, -1}, exact, 0)
		_ = a.Add([][]float64{{1, 2, 3, 0}, {-1, -2, 1e-310, 7}})
		data, _ := a.MarshalBinary()
		f.Add(data)
	}
	m, _ := NewMomentsAccumulator(2, []float64{1, -1})
	q, _ := NewQuantiles(2, false, 0)
	for _, a := range []*Accumulator{m, q} {
		_ = a.Add([][]float64{{1, 2, 3, 0}, {-1, -2, 1e-310, 7}})
		data, _ := a.MarshalBinary()
		f.Add(data)
	}
	f.Add(issue8Item7)
	f.Fuzz(roundTrip)
}

// issue8Item7 is what issue 8 item 7 found, in format version 2: a
// merge-tree node of fewer than 128 rows (here 100) of two series, moments
// only, which takes the fewest bytes a series can (43 now with the scale
// byte; version 1 took 42 and its decoder demanded 43).
var issue8Item7 = func() []byte {
	m, _ := NewMomentsAccumulator(2, []float64{0.5, 2})
	col := make([]float64, 100)
	for s := range col {
		col[s] = float64(s)
	}
	_ = m.Add([][]float64{col, col})
	data, _ := m.MarshalBinary()
	return data
}()

// roundTrip is the property of FuzzUnmarshal.
func roundTrip(t *testing.T, data []byte) {
	var a Accumulator
	if err := a.UnmarshalBinary(data); err != nil {
		return
	}
	again, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Fatalf("decode then encode changed the bytes:\n%q\n%q", data, again)
	}
	var c Accumulator
	if err := c.UnmarshalBinary(again); err != nil {
		t.Fatalf("re-encoded state does not decode: %v", err)
	}
	if third, _ := c.MarshalBinary(); !bytes.Equal(third, data) {
		t.Fatalf("decode, encode, decode: another state")
	}
	// Whatever decodes must be usable without panicking.
	_, _ = a.Bands()
	if err := a.Merge(a.NewEmpty()); err != nil {
		t.Fatal(err)
	}
}

// TestRoundTripSmallStates is the regression of issue 8 item 7: a merge-tree
// node of fewer than 128 rows has one-byte counts, and its moments-only
// state is the shortest a series can take; every mode and size must decode
// and round-trip.
func TestRoundTripSmallStates(t *testing.T) {
	for _, mode := range []string{"moments", "sketch", "exact", "sketch only", "exact only"} {
		for _, series := range []int{1, 2, 3, 40} {
			for _, rows := range []int{0, 1, 2, 5, 127, 128, 300} {
				var a *Accumulator
				centres := make([]float64, series)
				switch mode {
				case "moments":
					a, _ = NewMomentsAccumulator(series, centres)
				case "sketch", "exact":
					a, _ = NewAccumulator(series, centres, mode == "exact", 0)
				default:
					a, _ = NewQuantiles(series, mode == "exact only", 0)
				}
				cols := make([][]float64, series)
				for c := range cols {
					cols[c] = make([]float64, rows)
					for s := range cols[c] {
						cols[c][s] = float64(s*c) - 3
					}
				}
				if err := a.Add(cols); err != nil {
					t.Fatal(err)
				}
				data, _ := a.MarshalBinary()
				var b Accumulator
				if err := b.UnmarshalBinary(data); err != nil {
					t.Errorf("%s, %d series, %d rows (%d bytes): %v", mode, series, rows, len(data), err)
					continue
				}
				roundTrip(t, data)
				if rows == 0 {
					per := minMomentsBytes
					switch mode {
					case "sketch":
						per += minSketchBytes
					case "exact":
						per += minExactBytes
					case "sketch only":
						per = minSketchBytes
					case "exact only":
						per = minExactBytes
					}
					head := len(magic) + 2 + 1
					if mode == "sketch" || mode == "sketch only" {
						head += 8 + 4 // alpha, maxBuckets (2^24 takes 4 bytes)
					}
					if len(data) != head+series*per {
						t.Errorf("%s, %d empty series: %d bytes, want %d + %d×%d", mode, series, len(data), head, series, per)
					}
				}
			}
		}
	}
	// The original input (format version 1) is refused by its version now,
	// and its version-2 form round-trips.
	orig, err := os.ReadFile("testdata/fuzz/FuzzUnmarshal/875f83139c18aef7")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSpace(string(orig))
	quoted, ok := strings.CutPrefix(text, "go test fuzz v1\n[]byte(")
	raw, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
	if !ok || err != nil || !strings.HasPrefix(raw, "MCBANDS\x01\x02\x02") {
		t.Fatalf("seed corpus file %q: %v", orig, err)
	}
	var a Accumulator
	if err := a.UnmarshalBinary([]byte(raw)); err == nil || !strings.Contains(err.Error(), "version 1") {
		t.Errorf("version-1 input: %v", err)
	}
	if len(issue8Item7) != len(magic)+3+2*minMomentsBytes {
		t.Errorf("two series of 100 rows: %d bytes, want %d", len(issue8Item7), len(magic)+3+2*minMomentsBytes)
	}
	if err := a.UnmarshalBinary(issue8Item7); err != nil {
		t.Fatalf("issue 8 item 7 input: %v", err)
	}
	roundTrip(t, issue8Item7)
	// Non-canonical forms are refused: n = 100 as a two-byte varint, and
	// an empty series whose range is not (+Inf, -Inf).
	at := len(magic) + 3 + 8
	if issue8Item7[at] != 100 {
		t.Fatalf("byte %d is %d, want n = 100", at, issue8Item7[at])
	}
	long := slices.Concat(issue8Item7[:at], []byte{100 | 0x80, 0x00}, issue8Item7[at+1:])
	if err := a.UnmarshalBinary(long); err == nil || !strings.Contains(err.Error(), "shortest") {
		t.Errorf("two-byte varint: %v", err)
	}
	e, _ := NewMomentsAccumulator(1, nil)
	empty, _ := e.MarshalBinary()
	bad := slices.Clone(empty)
	copy(bad[len(bad)-16:], make([]byte, 16)) // min = max = 0
	if err := a.UnmarshalBinary(bad); err == nil || !strings.Contains(err.Error(), "of no values") {
		t.Errorf("empty series with a range: %v", err)
	}
}

func TestExactBytes(t *testing.T) {
	for _, tc := range []struct {
		rows    int64
		nSeries int
		want    int64
	}{
		{1 << 20, 4, 1 << 26}, // 4 Mi values of 8 bytes, twice
		{0, 10, 0},
		{-5, 10, 0},
		{1 << 40, 1 << 30, math.MaxInt64},
	} {
		if got := ExactBytes(tc.rows, tc.nSeries); got != tc.want {
			t.Errorf("ExactBytes(%d, %d) = %d, want %d", tc.rows, tc.nSeries, got, tc.want)
		}
	}
}

func TestProbs(t *testing.T) {
	if !slices.Equal(Probs, probs[:]) {
		t.Errorf("Probs %v and the quantiles of Band %v differ", Probs, probs)
	}
	b := Band{Q025: 1, Q05: 2, Q25: 3, Q50: 4, Q75: 5, Q95: 6, Q975: 7}
	if !slices.Equal(b.Quantiles(), []float64{1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("Quantiles() = %v", b.Quantiles())
	}
}
