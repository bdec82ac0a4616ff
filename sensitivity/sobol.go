package sensitivity

import (
	"errors"
	"fmt"
	"math"
)

// SobolConfig describes what a SobolSums accumulates.
type SobolConfig struct {
	// Series is the number of model outputs (for example one per year).
	Series int
	// Sets is the number of factor sets swapped together: one per factor,
	// or one per group of factors (Campolongo-style groups).
	Sets int
	// Replicates is the number R of batches of base rows whose estimates
	// give the batch-means part of the confidence intervals (0 means 1).
	Replicates int
	// BatchRows says which batch a base row belongs to. 0 or 1: row i
	// belongs to batch i mod R (rows taken in turn from R independent
	// randomisations of the design). Larger: row i belongs to batch
	// ⌊i/BatchRows⌋ mod R, consecutive runs of BatchRows rows (batch means
	// over consecutive blocks of one randomised sequence, BatchRows = N/R).
	BatchRows int
	// SecondOrder asks for the B_A^(u) rows and the second-order sums.
	SecondOrder bool
	// DeltaOnly makes the first and total intervals the delta-method ones
	// alone (rows that are independent draws: Monte Carlo, or Latin
	// hypercube, whose variance is at most that of Monte Carlo). Otherwise
	// (one randomised QMC sequence) the half-width is the larger of the
	// delta-method and batch-means half-widths; see [SobolSums.Indices].
	DeltaOnly bool
	// First and Total name the first- and total-order estimators (see
	// Estimators; "" means the default) whose sums are accumulated:
	// Indices refuses other estimators unless they need no more sums.
	// The defaults need the fewest sums, the others up to 2.6× as many.
	First, Total string
	// AllSums keeps the sums of every estimator, whatever First and Total.
	AllSums bool
	// Centres holds one fixed centre per series (typically a pilot mean),
	// subtracted from every output before it enters a sum. It keeps the
	// sums free of cancellation when the output mean is large compared with
	// its spread: with centres taken from the same pilot, Y and c + sY give
	// the same indices.
	Centres []float64
}

// Validate reports whether cfg describes a usable accumulator.
func (cfg SobolConfig) Validate() error {
	switch {
	case cfg.Series < 1:
		return fmt.Errorf("sensitivity: SobolConfig.Series = %d, need at least 1", cfg.Series)
	case cfg.Sets < 1:
		return fmt.Errorf("sensitivity: SobolConfig.Sets = %d, need at least 1", cfg.Sets)
	case cfg.Replicates < 0:
		return fmt.Errorf("sensitivity: SobolConfig.Replicates = %d, need at least 1 (0 means 1)", cfg.Replicates)
	case cfg.BatchRows < 0:
		return fmt.Errorf("sensitivity: SobolConfig.BatchRows = %d, need at least 0", cfg.BatchRows)
	case len(cfg.Centres) != cfg.Series:
		return fmt.Errorf("sensitivity: SobolConfig has %d centres for %d series", len(cfg.Centres), cfg.Series)
	}
	for c, m := range cfg.Centres {
		if math.IsNaN(m) || math.IsInf(m, 0) {
			return fmt.Errorf("sensitivity: SobolConfig.Centres[%d] = %v is not finite", c, m)
		}
	}
	if _, err := groupsFor(cfg.First, cfg.Total); err != nil {
		return fmt.Errorf("sensitivity: SobolConfig: %w", err)
	}
	return nil
}

// SobolSums holds, for every replicate and series, the sums over base rows
// from which all first, total and second-order estimators of this package
// are computed. Its size is O(Replicates × Series × Sets) (plus Sets² with
// second order), independent of the number of rows.
//
// Layout of the sums of one (replicate, series), with a = f_A − m,
// b = f_B − m, x = f(A_B^(u)) − m, y = f(B_A^(u)) − m for the series centre m,
// s₁ = a + b, s₂ = a² + b², e = b(x − a), d = a − x:
//
//	Σa, Σb, Σa², Σb², Σab, Σs₂², Σs₂s₁,
//	for each set u: Σd², Σe, Σe², Σe s₂, Σe s₁, Σd⁴, Σd² s₂, Σd² s₁,
//	  then, only for the estimators that need them (sumGroups):
//	  Σx, Σx²; Σh², Σh s₂, Σh s₁ with h = ad; Σk², Σk s₂, Σk s₁ with k = ax;
//	  Σr², Σw², Σrw, Σr t, Σw t with r = bx, w = b² + x², t = b + x,
//	for each pair u < v (second order): Σ[y_u x_v + y_v x_u], Σc², Σc s₂, Σc s₁
//	  with c = (y_u x_v + y_v x_u)/2 − ab.
//
// The second moments of the per-row terms (Σe², Σd⁴ and their cross sums
// with the terms of V) give the delta-method intervals.
//
// The two sums Σ(a − x)² and Σb(x − a) are the numerators of the default
// estimators (Jansen 1999, Saltelli 2010), kept in difference form so that
// small indices do not lose precision; every other cross product is derived
// from them exactly (for example Σax = (Σa² + Σx² − Σ(a − x)²)/2).
//
// A SobolSums is not safe for concurrent use: give each worker its own and
// merge them.
type SobolSums struct {
	cfg    SobolConfig
	stride int       // sums per (replicate, series)
	rows   []uint64  // base rows per replicate
	sums   []float64 // [replicate][series][stride]
	groups sumGroups // optional sums kept, from cfg.First and cfg.Total
	err    error     // first error met by Add, or of the configuration
	terms  rowTerms  // scratch for addRows
}

const (
	iSA = iota
	iSB
	iSAA
	iSBB
	iSAB
	iSQQ  // Σ(a² + b²)²
	iSQP  // Σ(a² + b²)(a + b)
	nBase // sums before the per-set block
)

// per-set offsets inside a set block: the sums of the default estimators
// first (always kept), then the optional groups in the order of sumGroups
// (a state stores only the groups it keeps, in this order; see
// sumGroups.offset)
const (
	jSD2  = iota     // Σ(a − x)²
	jSE              // Σb(x − a)
	jSEE             // Σ[b(x − a)]²
	jSEQ             // Σb(x − a)(a² + b²)
	jSEP             // Σb(x − a)(a + b)
	jSD4             // Σ(a − x)⁴
	jSD2Q            // Σ(a − x)²(a² + b²)
	jSD2P            // Σ(a − x)²(a + b)
	nKept            // sums kept for every estimator
	jSC   = iota - 1 // Σx
	jSCC             // Σx²
	jSHH             // Σ[a(a − x)]²
	jSHQ             // Σa(a − x)(a² + b²)
	jSHP             // Σa(a − x)(a + b)
	jSKK             // Σ(ax)²
	jSKQ             // Σax(a² + b²)
	jSKP             // Σax(a + b)
	jSRR             // Σ(bx)²
	jSWW             // Σ(b² + x²)²
	jSRW             // Σbx(b² + x²)
	jSRM             // Σbx(b + x)
	jSWM             // Σ(b² + x²)(b + x)
	nSet             // sums of a set with every group
)

// sums per pair of sets (second order): Σ[y_u x_v + y_v x_u], Σc², Σc s₂,
// Σc s₁ (see SobolSums)
const nPair = 4

// NewSobolSums returns an empty accumulator for cfg. An invalid cfg is not a
// panic: the returned state ignores rows and every method that can fail
// returns the validation error (see also [SobolConfig.Validate] and [SobolSums.Err]).
func NewSobolSums(cfg SobolConfig) *SobolSums {
	a := &SobolSums{}
	if err := cfg.Validate(); err != nil {
		a.cfg = cfg
		a.err = err
		return a
	}
	if cfg.Replicates == 0 {
		cfg.Replicates = 1
	}
	cfg.Centres = append([]float64(nil), cfg.Centres...)
	a.cfg = cfg
	a.stride = sobolStride(cfg)
	a.groups = cfg.groups()
	a.rows = make([]uint64, cfg.Replicates)
	a.sums = make([]float64, cfg.Replicates*cfg.Series*a.stride)
	return a
}

func sobolStride(cfg SobolConfig) int {
	s := nBase + cfg.groups().width()*cfg.Sets
	if cfg.SecondOrder {
		s += nPair * cfg.Sets * (cfg.Sets - 1) / 2
	}
	return s
}

// Config returns the configuration (with Replicates 0 replaced by 1).
func (a *SobolSums) Config() SobolConfig {
	c := a.cfg
	c.Centres = append([]float64(nil), c.Centres...)
	return c
}

// Err returns the first error met: an invalid configuration or a call of Add
// with inputs of the wrong shape. Once set, Add ignores further rows.
func (a *SobolSums) Err() error { return a.err }

// N returns the number of base rows accumulated, all replicates together.
func (a *SobolSums) N() int {
	var n uint64
	for _, r := range a.rows {
		n += r
	}
	return int(n)
}

// Add accumulates the base rows first, first+1, …, first+n−1, where
// fA[c][s] and fB[c][s] are the outputs of series c at A and B for row
// first+s, fAB[u][c][s] the output at A_B^(u) for set u, and fBA[u][c][s] the
// output at B_A^(u) (second order only; nil otherwise). Row first+s belongs
// to the batch given by SobolConfig.BatchRows.
//
// Inputs of the wrong shape are recorded as the state's error (see Err) and
// the call is ignored; Add does not check the values (a NaN or ±Inf output
// makes Indices fail with an error).
func (a *SobolSums) Add(first uint64, fA, fB [][]float64, fAB, fBA [][][]float64) {
	if a.err != nil {
		return
	}
	n, err := a.checkShapes(fA, fB, fAB, fBA)
	if err != nil {
		a.err = err
		return
	}
	R := a.cfg.Replicates
	if br := uint64(a.cfg.BatchRows); br > 1 {
		// Consecutive batches: split the rows where the batch changes.
		for s := 0; s < n; {
			i := first + uint64(s)
			end := min(n, s+int(br-i%br))
			a.addRows(int(i/br%uint64(R)), fA, fB, fAB, fBA, s, end, 1)
			s = end
		}
		return
	}
	for s0 := 0; s0 < R && s0 < n; s0++ {
		a.addRows(int((first+uint64(s0))%uint64(R)), fA, fB, fAB, fBA, s0, n, R)
	}
}

// addRows adds rows s = lo, lo+step, … < hi of the block to replicate rep.
//
// Each sum gets its rows in increasing order into a local variable that
// starts at zero, and is added to the state once per call: the additions of
// a row-by-row loop, in the same order, so the sums are bit-identical to
// that definition (see TestAddRowsMatchesReference). For speed, the terms
// that every set shares (a, b, −b, b², s₂ = a² + b², s₁ = a + b, ab) are
// computed once per series into contiguous arrays (rowTerms), and so is
// x = f(A_B^(u)) − m once per set.
func (a *SobolSums) addRows(rep int, fA, fB [][]float64, fAB, fBA [][][]float64, lo, hi, step int) {
	S := a.cfg.Sets
	w := a.groups.width()
	n := (hi - lo + step - 1) / step
	a.rows[rep] += uint64(n)
	t := a.terms.resize(n)
	for c := 0; c < a.cfg.Series; c++ {
		acc := a.sums[(rep*a.cfg.Series+c)*a.stride:][:a.stride]
		m := a.cfg.Centres[c]
		t.centre(fA[c], fB[c], m, lo, step)
		var sA, sB, sAA, sBB, sAB, sQQ, sQP float64
		bs, bb, qs, ps, ab := t.b[:n], t.bb[:n], t.q[:n], t.p[:n], t.ab[:n]
		for i, x := range t.a {
			q := qs[i]
			sA += x
			sB += bs[i]
			sAA += x * x
			sBB += bb[i]
			sAB += ab[i]
			sQQ += q * q
			sQP += q * ps[i]
		}
		acc[iSA] += sA
		acc[iSB] += sB
		acc[iSAA] += sAA
		acc[iSBB] += sBB
		acc[iSAB] += sAB
		acc[iSQQ] += sQQ
		acc[iSQP] += sQP
		for u := 0; u < S; u++ {
			o := setSums(acc[nBase+w*u:][:w])
			o.addSet(t, fAB[u][c], m, lo, step, a.groups)
		}
		if !a.cfg.SecondOrder {
			continue
		}
		p := nBase + w*S
		for u := 0; u < S; u++ {
			yu, xu := fBA[u][c][:hi], fAB[u][c][:hi]
			for v := u + 1; v < S; v++ {
				yv, xv := fBA[v][c][:hi], fAB[v][c][:hi]
				var sP, sCC, sCQ, sCP float64
				for i, s := 0, lo; i < n; i, s = i+1, s+step {
					pr := (yu[s]-m)*(xv[s]-m) + (yv[s]-m)*(xu[s]-m)
					sP += pr
					// Per-row term of the closed index, for its delta method.
					cl := pr/2 - ab[i]
					sCC += cl * cl
					sCQ += cl * qs[i]
					sCP += cl * ps[i]
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

// setSums is the block of sums of one set (offsets j…).
type setSums []float64

// addSet adds rows lo, lo+step, … of one set to its sums: fx holds
// f(A_B^(u)) of the set, m is the centre, t the shared terms of the rows, g
// the optional sums to keep. The first pass computes the eight sums of the
// default estimators and their intervals and keeps x = f(A_B^(u)) − m in
// t.z for the optional passes.
func (o setSums) addSet(t *rowTerms, fx []float64, m float64, lo, step int, g sumGroups) {
	xs := t.a
	n := len(xs)
	ys, nb, bb, qs, ps, zs := t.b[:n], t.nb[:n], t.bb[:n], t.q[:n], t.p[:n], t.z[:n]
	if step == 1 {
		fx = fx[lo:][:n]
	} else {
		for i, s := 0, lo; i < n; i, s = i+1, s+step {
			zs[i] = fx[s] - m
		}
		fx = zs
		m = 0
	}
	var sD2, sE, sEE, sD4, sEQ, sEP, sD2Q, sD2P float64
	for i, x := range xs {
		z := fx[i] - m
		zs[i] = z
		d := x - z
		e := nb[i] * d // b(x − a)
		d2 := d * d
		q, p := qs[i], ps[i]
		sD2 += d2
		sE += e
		sEE += e * e
		sD4 += d2 * d2
		sEQ += e * q
		sEP += e * p
		sD2Q += d2 * q
		sD2P += d2 * p
	}
	o[jSD2] += sD2
	o[jSE] += sE
	o[jSEE] += sEE
	o[jSD4] += sD4
	o[jSEQ] += sEQ
	o[jSEP] += sEP
	o[jSD2Q] += sD2Q
	o[jSD2P] += sD2P
	if g&groupX != 0 {
		var sC, sCC float64
		for _, z := range zs {
			sC += z
			sCC += z * z
		}
		k := g.offset(groupX)
		o[k] += sC
		o[k+1] += sCC
	}
	if g&groupH != 0 {
		// Terms of the Sobol' 2007 total (h = a(a − x)).
		o.addTermSums(g.offset(groupH), xs, zs, qs, ps, func(x, z float64) float64 { return x * (x - z) })
	}
	if g&groupK != 0 {
		// Terms of the Homma–Saltelli total (k = ax).
		o.addTermSums(g.offset(groupK), xs, zs, qs, ps, func(x, z float64) float64 { return x * z })
	}
	if g&groupR != 0 {
		// Terms of the Janon first-order estimator: r = bx, w = b² + x², t = b + x.
		var sRR, sWW, sRW, sRM, sWM float64
		for i, y := range ys {
			z := zs[i]
			r, w, tt := y*z, bb[i]+z*z, y+z
			sRR += r * r
			sWW += w * w
			sRW += r * w
			sRM += r * tt
			sWM += w * tt
		}
		k := g.offset(groupR)
		o[k] += sRR
		o[k+1] += sWW
		o[k+2] += sRW
		o[k+3] += sRM
		o[k+4] += sWM
	}
}

// addTermSums adds Σt², Σt s₂ and Σt s₁ of the per-row term t = term(a, x)
// at o[k:k+3] (optional estimators: a call per row is fine there).
func (o setSums) addTermSums(k int, xs, zs, qs, ps []float64, term func(x, z float64) float64) {
	var s2, sq, sp float64
	for i, x := range xs {
		t := term(x, zs[i])
		s2 += t * t
		sq += t * qs[i]
		sp += t * ps[i]
	}
	o[k] += s2
	o[k+1] += sq
	o[k+2] += sp
}

// rowTerms is scratch memory of addRows (not part of the state): for the
// rows of one call and one series, the centred outputs a = f_A − m,
// b = f_B − m and the terms every set shares, −b, b², s₂ = a² + b²,
// s₁ = a + b, ab; z holds x = f(A_B^(u)) − m of the set at hand.
type rowTerms struct {
	a, b, nb, bb, q, p, ab, z []float64
}

// resize makes every array n long, reusing the memory when it can.
func (t *rowTerms) resize(n int) *rowTerms {
	arrays := [...]*[]float64{&t.a, &t.b, &t.nb, &t.bb, &t.q, &t.p, &t.ab, &t.z}
	if cap(t.a) < n {
		buf := make([]float64, len(arrays)*n)
		for i, f := range arrays {
			*f = buf[i*n : (i+1)*n : (i+1)*n]
		}
	}
	for _, f := range arrays {
		*f = (*f)[:n]
	}
	return t
}

// centre fills the shared terms from rows lo, lo+step, … of fA and fB with
// centre m, each computed as in the row-by-row definition of the sums.
func (t *rowTerms) centre(fA, fB []float64, m float64, lo, step int) {
	for i, s := 0, lo; i < len(t.a); i, s = i+1, s+step {
		x, y := fA[s]-m, fB[s]-m
		yy := y * y
		t.a[i], t.b[i] = x, y
		t.nb[i], t.bb[i] = -y, yy
		t.q[i], t.p[i] = x*x+yy, x+y
		t.ab[i] = x * y
	}
}

// checkShapes returns the number of rows in a block, or what is wrong with it.
func (a *SobolSums) checkShapes(fA, fB [][]float64, fAB, fBA [][][]float64) (int, error) {
	C, S := a.cfg.Series, a.cfg.Sets
	if len(fA) != C || len(fB) != C {
		return 0, fmt.Errorf("sensitivity: SobolSums.Add: fA has %d series and fB %d, want %d", len(fA), len(fB), C)
	}
	n := len(fA[0])
	for c := 0; c < C; c++ {
		if len(fA[c]) != n || len(fB[c]) != n {
			return 0, fmt.Errorf("sensitivity: SobolSums.Add: series %d has %d rows in fA and %d in fB, want %d", c, len(fA[c]), len(fB[c]), n)
		}
	}
	check := func(name string, f [][][]float64) error {
		if len(f) != S {
			return fmt.Errorf("sensitivity: SobolSums.Add: %s has %d sets, want %d", name, len(f), S)
		}
		for u := range f {
			if len(f[u]) != C {
				return fmt.Errorf("sensitivity: SobolSums.Add: %s[%d] has %d series, want %d", name, u, len(f[u]), C)
			}
			for c := range f[u] {
				if len(f[u][c]) != n {
					return fmt.Errorf("sensitivity: SobolSums.Add: %s[%d][%d] has %d rows, want %d", name, u, c, len(f[u][c]), n)
				}
			}
		}
		return nil
	}
	if err := check("fAB", fAB); err != nil {
		return 0, err
	}
	switch {
	case a.cfg.SecondOrder:
		if err := check("fBA", fBA); err != nil {
			return 0, err
		}
	case fBA != nil:
		return 0, errors.New("sensitivity: SobolSums.Add: fBA given but SecondOrder is off")
	}
	return n, nil
}

// Merge adds the sums of b to a. It is an elementwise addition, so merging
// the same states in the same order always gives bit-identical sums. It
// refuses states of different configurations (including different centres).
func (a *SobolSums) Merge(b *SobolSums) error {
	if a.err != nil {
		return a.err
	}
	if b.err != nil {
		return b.err
	}
	if err := sameSobolConfig(a.cfg, b.cfg); err != nil {
		return err
	}
	for i, v := range b.rows {
		a.rows[i] += v
	}
	for i, v := range b.sums {
		a.sums[i] += v
	}
	return nil
}

func sameSobolConfig(x, y SobolConfig) error {
	if x.AllSums != y.AllSums || x.keptFor() != y.keptFor() {
		return fmt.Errorf("sensitivity: cannot merge Sobol' sums kept for different estimators (%s and %s)", x.estimatorNames(), y.estimatorNames())
	}
	if x.Series != y.Series || x.Sets != y.Sets || x.Replicates != y.Replicates || x.SecondOrder != y.SecondOrder || batchRows(x) != batchRows(y) || x.DeltaOnly != y.DeltaOnly {
		return fmt.Errorf("sensitivity: cannot merge Sobol' sums of different configurations (series %d/%d, sets %d/%d, replicates %d/%d, batch rows %d/%d, second order %v/%v, delta-only intervals %v/%v)",
			x.Series, y.Series, x.Sets, y.Sets, x.Replicates, y.Replicates, batchRows(x), batchRows(y), x.SecondOrder, y.SecondOrder, x.DeltaOnly, y.DeltaOnly)
	}
	for c := range x.Centres {
		if math.Float64bits(x.Centres[c]) != math.Float64bits(y.Centres[c]) {
			return fmt.Errorf("sensitivity: cannot merge Sobol' sums with different centres for series %d (%v and %v)", c, x.Centres[c], y.Centres[c])
		}
	}
	return nil
}

// batchRows is cfg.BatchRows with 0 taken as 1 (the same assignment).
func batchRows(cfg SobolConfig) int { return max(cfg.BatchRows, 1) }

// Coarsen merges batches 2b and 2b+1 into batch b and doubles BatchRows: the
// sums of consecutive batches for a run of twice as many rows, so that a run
// can be extended (a target CI width) and still equal, bit for bit, a run
// made at the final size. Each row lies in one batch, so in every merged pair
// one of the two sums of a block is zero and the additions are exact. It
// needs consecutive batches (BatchRows > 1) and an even number of them.
func (a *SobolSums) Coarsen() error {
	if a.err != nil {
		return a.err
	}
	R := a.cfg.Replicates
	if a.cfg.BatchRows < 2 || R%2 != 0 {
		return fmt.Errorf("sensitivity: Coarsen needs consecutive batches (BatchRows %d > 1) and an even number of them (%d)", a.cfg.BatchRows, R)
	}
	per := a.cfg.Series * a.stride
	for b := 0; b < R/2; b++ {
		dst, x, y := a.sums[b*per:][:per], a.sums[2*b*per:][:per], a.sums[(2*b+1)*per:][:per]
		for i := range dst {
			dst[i] = x[i] + y[i]
		}
		a.rows[b] = a.rows[2*b] + a.rows[2*b+1]
	}
	clear(a.sums[R/2*per:])
	clear(a.rows[R/2:])
	a.cfg.BatchRows *= 2
	return nil
}

// Reset empties the sums, keeping the configuration and the memory, so that
// a state can be reused for another block.
func (a *SobolSums) Reset() {
	clear(a.rows)
	clear(a.sums)
	if a.err != nil && a.cfg.Validate() == nil {
		a.err = nil
	}
}
