package sensitivity

import (
	"math"
	"testing"
)

// addRowsReference is the row-by-row definition of the sums that addRows
// computes faster (it was addRows before it kept per-chunk arrays): rows
// s = lo, lo+step, … < hi of the block, added to replicate rep.
func (a *SobolSums) addRowsReference(rep int, fA, fB [][]float64, fAB, fBA [][][]float64, lo, hi, step int) {
	S := a.cfg.Sets
	a.rows[rep] += uint64((hi - lo + step - 1) / step)
	for c := 0; c < a.cfg.Series; c++ {
		acc := a.sums[(rep*a.cfg.Series+c)*a.stride:][:a.stride]
		m := a.cfg.Centres[c]
		ya, yb := fA[c][:hi], fB[c][:hi]
		var sA, sB, sAA, sBB, sAB, sQQ, sQP float64
		for s := lo; s < hi; s += step {
			x, y := ya[s]-m, yb[s]-m
			q := x*x + y*y
			sA += x
			sB += y
			sAA += x * x
			sBB += y * y
			sAB += x * y
			sQQ += q * q
			sQP += q * (x + y)
		}
		acc[iSA] += sA
		acc[iSB] += sB
		acc[iSAA] += sAA
		acc[iSBB] += sBB
		acc[iSAB] += sAB
		acc[iSQQ] += sQQ
		acc[iSQP] += sQP
		for u := 0; u < S; u++ {
			yc := fAB[u][c][:hi]
			// Two passes over the rows keep the accumulators in registers.
			var sC, sCC, sD2, sE, sEE, sD4 float64
			for s := lo; s < hi; s += step {
				x, y, z := ya[s]-m, yb[s]-m, yc[s]-m
				d := x - z
				e := -y * d
				d2 := d * d
				sC += z
				sCC += z * z
				sD2 += d2
				sE += e
				sEE += e * e
				sD4 += d2 * d2
			}
			var sEQ, sEP, sD2Q, sD2P float64
			for s := lo; s < hi; s += step {
				x, y, z := ya[s]-m, yb[s]-m, yc[s]-m
				d := x - z
				e := -y * d
				d2 := d * d
				q, p := x*x+y*y, x+y
				sEQ += e * q
				sEP += e * p
				sD2Q += d2 * q
				sD2P += d2 * p
			}
			o := acc[nBase+nSet*u:][:nSet]
			o[jSC] += sC
			o[jSCC] += sCC
			o[jSD2] += sD2
			o[jSE] += sE
			o[jSEE] += sEE
			o[jSEQ] += sEQ
			o[jSEP] += sEP
			o[jSD4] += sD4
			o[jSD2Q] += sD2Q
			o[jSD2P] += sD2P
			// Terms of the Sobol' 2007 (h = a(a − x)) and Homma–Saltelli
			// (k = ax) totals.
			var sHH, sHQ, sHP, sKK, sKQ, sKP float64
			for s := lo; s < hi; s += step {
				x, y, z := ya[s]-m, yb[s]-m, yc[s]-m
				h, k := x*(x-z), x*z
				q, p := x*x+y*y, x+y
				sHH += h * h
				sHQ += h * q
				sHP += h * p
				sKK += k * k
				sKQ += k * q
				sKP += k * p
			}
			o[jSHH] += sHH
			o[jSHQ] += sHQ
			o[jSHP] += sHP
			o[jSKK] += sKK
			o[jSKQ] += sKQ
			o[jSKP] += sKP
			// Terms of the Janon first-order estimator.
			var sRR, sWW, sRW, sRM, sWM float64
			for s := lo; s < hi; s += step {
				y, z := yb[s]-m, yc[s]-m
				r, w, t := y*z, y*y+z*z, y+z
				sRR += r * r
				sWW += w * w
				sRW += r * w
				sRM += r * t
				sWM += w * t
			}
			o[jSRR] += sRR
			o[jSWW] += sWW
			o[jSRW] += sRW
			o[jSRM] += sRM
			o[jSWM] += sWM
		}
		if !a.cfg.SecondOrder {
			continue
		}
		p := nBase + nSet*S
		for u := 0; u < S; u++ {
			yu, xu := fBA[u][c][:hi], fAB[u][c][:hi]
			for v := u + 1; v < S; v++ {
				yv, xv := fBA[v][c][:hi], fAB[v][c][:hi]
				var sP, sCC, sCQ, sCP float64
				for s := lo; s < hi; s += step {
					pr := (yu[s]-m)*(xv[s]-m) + (yv[s]-m)*(xu[s]-m)
					sP += pr
					// Per-row term of the closed index, for its delta method.
					x, y := ya[s]-m, yb[s]-m
					cl, q := pr/2-x*y, x*x+y*y
					sCC += cl * cl
					sCQ += cl * q
					sCP += cl * (x + y)
				}
				o := acc[p:][:nPair]
				o[0] += sP
				o[1] += sCC
				o[2] += sCQ
				o[3] += sCP
				p += nPair
			}
		}
	}
}

// TestAddRowsMatchesReference checks that addRows gives the same sums, bit
// for bit, as the row-by-row definition, for interleaved and consecutive
// batches, several series and sets, with and without second order, on
// blocks of various lengths (outputs of very different scales, so that a
// changed order of additions or a changed per-row term would show). With
// the sums of some estimators only, those kept must match and the others
// stay zero.
func TestAddRowsMatchesReference(t *testing.T) {
	type estimators struct {
		first, total string
		all          bool
	}
	for _, c := range []struct {
		series, sets, reps, batchRows int
		second                        bool
		est                           estimators
	}{
		{1, 1, 1, 0, false, estimators{all: true}}, {1, 3, 4, 0, false, estimators{all: true}}, {2, 8, 16, 64, false, estimators{all: true}},
		{3, 4, 3, 0, true, estimators{all: true}}, {2, 5, 16, 100, true, estimators{all: true}},
		{1, 3, 4, 0, false, estimators{}}, {2, 5, 16, 100, true, estimators{}},
		{2, 3, 4, 0, false, estimators{first: FirstJanon}}, {2, 3, 4, 64, false, estimators{total: TotalHomma1996}},
		{1, 3, 4, 0, false, estimators{first: FirstMartinez, total: TotalSobol2007}}, {1, 3, 2, 0, true, estimators{total: TotalJanon}},
	} {
		centres := make([]float64, c.series)
		for i := range centres {
			centres[i] = 0.37 * float64(i+1)
		}
		cfg := SobolConfig{Series: c.series, Sets: c.sets, Replicates: c.reps, BatchRows: c.batchRows, SecondOrder: c.second, Centres: centres,
			First: c.est.first, Total: c.est.total, AllSums: c.est.all}
		fast := NewSobolSums(cfg)
		cfg.AllSums = true
		ref := NewSobolSums(cfg)
		var first uint64
		for b, n := range []int{1, 2, 17, 256, 1000, 3} {
			fA, fB, fAB, fBA := randomBlock(c.series, c.sets, n, c.second)
			for _, f := range append([][][]float64{fA, fB}, append(fAB, fBA...)...) {
				for s := range f {
					for i := range f[s] {
						f[s][i] = f[s][i]*math.Exp2(float64(i%40-20)) + float64(b)
					}
				}
			}
			fast.Add(first, fA, fB, fAB, fBA)
			// The reference, split into batches as Add splits them.
			R := ref.cfg.Replicates
			if br := uint64(ref.cfg.BatchRows); br > 1 {
				for s := 0; s < n; {
					i := first + uint64(s)
					end := min(n, s+int(br-i%br))
					ref.addRowsReference(int(i/br%uint64(R)), fA, fB, fAB, fBA, s, end, 1)
					s = end
				}
			} else {
				for s0 := 0; s0 < R && s0 < n; s0++ {
					ref.addRowsReference(int((first+uint64(s0))%uint64(R)), fA, fB, fAB, fBA, s0, n, R)
				}
			}
			first += uint64(n)
		}
		if fast.Err() != nil {
			t.Fatal(fast.Err())
		}
		got := logicalSums(fast)
		kept := 0
		for i := range ref.sums {
			want := ref.sums[i]
			if !keptSum(fast, i) {
				want = 0
			} else {
				kept++
			}
			if math.Float64bits(got[i]) != math.Float64bits(want) {
				t.Errorf("%+v: sum %d = %v, want %v", c, i, got[i], want)
			}
		}
		if !c.est.all && (kept == len(ref.sums) || len(fast.sums) != kept) {
			t.Errorf("%+v: %d sums stored, %d of %d kept", c, len(fast.sums), kept, len(ref.sums))
		}
		for i := range ref.rows {
			if fast.rows[i] != ref.rows[i] {
				t.Errorf("%+v: rows[%d] = %d, reference %d", c, i, fast.rows[i], ref.rows[i])
			}
		}
	}
}

// keptSum reports whether sum i of the full layout (every group) is
// accumulated for the state's estimators.
func keptSum(a *SobolSums, i int) bool {
	j := i % sobolStride(SobolConfig{Sets: a.cfg.Sets, SecondOrder: a.cfg.SecondOrder, AllSums: true})
	if j < nBase || j >= nBase+nSet*a.cfg.Sets {
		return true
	}
	switch (j - nBase) % nSet {
	case jSC, jSCC:
		return a.groups&groupX != 0
	case jSHH, jSHQ, jSHP:
		return a.groups&groupH != 0
	case jSKK, jSKQ, jSKP:
		return a.groups&groupK != 0
	case jSRR, jSWW, jSRW, jSRM, jSWM:
		return a.groups&groupR != 0
	}
	return true
}

// logicalSums returns the sums of a in the full layout (every group, those
// not kept zero).
func logicalSums(a *SobolSums) []float64 {
	S, w := a.cfg.Sets, a.groups.width()
	var out []float64
	for b := 0; b < a.cfg.Replicates*a.cfg.Series; b++ {
		blk := a.sums[b*a.stride:][:a.stride]
		out = append(out, blk[:nBase]...)
		for u := 0; u < S; u++ {
			full := a.groups.expand(blk[nBase+w*u:][:w])
			out = append(out, full[:]...)
		}
		out = append(out, blk[nBase+w*S:]...)
	}
	return out
}
