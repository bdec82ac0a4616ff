package aiglobal2

import "math"

// fleet is one equipment fleet tracked by vintage (docs/ai-model.md §2.4):
// the one routine behind the compute, CPU-server, hot- and cold-storage,
// network and building fleets.
//
// Given the capacity required R(t), t = 2020…2050 (floored at 0), a lifetime
// L ≥ 1 (fractional) and a backcast growth m ≥ 1 + 1e-9:
//
//	survival   s(a) = clamp(L − a, 0, 1)                  (a = age in years)
//	backcast   New(2020 − a) = N0·m^−a, a = 0…12,  N0 = R(2020)/Σ_{a≤12} m^−a·s(a),  Inst(2020) = R(2020)
//	purchases  Surv(t) = Σ_{a≥1} New(t − a)·s(a),  New(t) = max(0, R(t) − Surv(t)),  Inst(t) = Surv(t) + New(t)
//	vintage    X(t) = Σ_{a≥0} New(t − a)·s(a)·x(t − a)     (any per-vintage intensity x)
//	embodied   M(t) = New(t)·e(t) (production year),  M_am(t) = X(t)[x = e]/L (amortised)
//
// Units are never "un-manufactured": when R falls, purchases stop and the
// surplus retires at the end of its life. Age sums follow numpy's pairwise
// order (pairwiseSum) so that New = R − Surv, which cancels when purchases are
// small, matches the reference to the last bits.
type fleet struct {
	s    vint // survival by age
	L    float64
	live int  // ages 0…live−1 have s > 0 (live = ⌈L⌉)
	New  vint // purchases by vintage (2008…2050)
	Inst yr   // installed capacity, 2020…2050
}

// backcastPowers sets mpow[a] = m^−a, a = 0…12, with m ← max(m, 1 + 1e-9):
// the backcast weights, the same for every fleet of a sample.
func backcastPowers(mpow *[nPre + 1]float64, m float64) {
	m = max(m, 1+1e-9)
	for a := range mpow {
		mpow[a] = math.Pow(m, -float64(a))
	}
}

// build runs the fleet recursion for required capacity R, lifetime L and
// backcast weights mpow (backcastPowers).
func (f *fleet) build(R *yr, L float64, mpow *[nPre + 1]float64) {
	L = max(L, 1)
	f.L = L
	f.live = 0
	for a := range nV {
		f.s[a] = min(max(L-float64(a), 0), 1)
		if f.s[a] > 0 {
			f.live = a + 1
		}
	}
	var terms [nPre + 1]float64
	for a := range nPre + 1 {
		terms[a] = mpow[a] * f.s[a]
	}
	r0 := max(R[0], 0)
	n0 := r0 / pairwiseSum(terms[:])
	for a := range nPre + 1 {
		f.New[nPre-a] = n0 * mpow[a]
	}
	f.Inst[0] = r0
	for j := 1; j < nY; j++ {
		i := nPre + j
		// Surv = Σ_{a=1..i} New(i−a)·s(a): term k = a − 1 of an i-term pairwise sum.
		n := i
		blk := n - n%8
		var r [8]float64
		k := 0
		for ; k < min(f.live-1, blk); k++ {
			r[k&7] += f.New[i-k-1] * f.s[k+1]
		}
		surv := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for k = blk; k < min(f.live-1, n); k++ {
			surv += f.New[i-k-1] * f.s[k+1]
		}
		f.New[i] = max(0, max(R[j], 0)-surv)
		f.Inst[j] = surv + f.New[i]
	}
}

// vsum sets out(t) = Σ_a New(t − a)·s(a)·x(t − a) over the vintages alive in t.
//
// The sums are numpy's pairwise sums over ages 0…t−2008 (pairwiseSum) with
// the terms of dead ages (s = 0) skipped: they are +0 and adding +0 changes
// no partial sum, so the result is the same to the bit, at ⌈L⌉ terms instead
// of up to 43.
func (f *fleet) vsum(x *vint, out *yr) {
	for j := range nY {
		i := nPre + j
		n := i + 1 // always ≥ 13: the block branch of pairwiseSum
		blk := n - n%8
		var r [8]float64
		a := 0
		for ; a < min(f.live, blk); a++ {
			r[a&7] += f.New[i-a] * f.s[a] * x[i-a]
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for a = blk; a < min(f.live, n); a++ {
			res += f.New[i-a] * f.s[a] * x[i-a]
		}
		out[j] = res
	}
}

// prod sets out(t) = New(t)·e(t): manufacturing charged in the purchase year.
func (f *fleet) prod(e *vint, out *yr) {
	for j := range nY {
		out[j] = f.New[nPre+j] * e[nPre+j]
	}
}

// amort sets out(t) = Σ_a New(t − a)·s(a)·e(t − a)/L: manufacturing spread
// over each unit's survival.
func (f *fleet) amort(e *vint, out *yr) {
	f.vsum(e, out)
	for j := range out {
		out[j] /= f.L
	}
}

// purchases returns New(t) for t = 2020…2050.
func (f *fleet) purchases(out *yr) {
	copy(out[:], f.New[nPre:])
}

// pairwiseSum adds x in numpy's order for n ≤ 128 (its float64 add.reduce):
// sequentially below 8 terms; else eight interleaved partial sums over the
// first n − n mod 8 terms, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
// then the remainder one by one.
func pairwiseSum(x []float64) float64 {
	n := len(x)
	if n < 8 {
		res := 0.0
		for _, v := range x {
			res += v
		}
		return res
	}
	var r [8]float64
	copy(r[:], x[:8])
	i := 8
	for ; i < n-n%8; i += 8 {
		r[0] += x[i]
		r[1] += x[i+1]
		r[2] += x[i+2]
		r[3] += x[i+3]
		r[4] += x[i+4]
		r[5] += x[i+5]
		r[6] += x[i+6]
		r[7] += x[i+7]
	}
	res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
	for ; i < n; i++ {
		res += x[i]
	}
	return res
}
