package sensitivity

import (
	"fmt"
	"math"
)

// Names of the first-order estimators. In the formulas below N is the number
// of base rows, f_A, f_B and f_ABu the (centred) outputs at A, B and A_B^(u)
// (A with the columns of set u taken from B), and
// V = var([f_A; f_B]) the variance of both halves pooled (divisor 2N − 1).
const (
	// FirstSaltelli2010 (default): V_u = (1/N) Σ f_B (f_ABu − f_A), S_u = V_u/V.
	// Saltelli, Annoni, Azzini, Campolongo, Ratto, Tarantola (2010), Comput.
	// Phys. Commun. 181:259–270, Table 2 (b).
	FirstSaltelli2010 = "saltelli2010"
	// FirstSobol2007 is the Sobol', Tarantola, Gatelli, Kucherenko, Mauntz
	// (2007) first-order estimator (RESS 92:957–960; "Mauntz–Kucherenko" in
	// OpenTURNS and R sensitivity::sobol2007). On this design it is the same
	// sum as FirstSaltelli2010, which adopted it; it is accepted so that the
	// name can be used for both orders.
	FirstSobol2007 = "sobol2007"
	// FirstJanon: with Y = f_B and Y' = f_ABu (which share the set u),
	// m = (1/2N) Σ (Y + Y'),
	// S_u = [(1/N) Σ Y Y' − m²] / [(1/2N) Σ (Y² + Y'²) − m²].
	// Janon, Klein, Lagnoux, Nodet, Prieur (2014), ESAIM: P&S 18:342–364;
	// asymptotically efficient, the UQLab default.
	FirstJanon = "janon"
	// FirstMartinez: S_u = corr(f_B, f_ABu), the Pearson correlation.
	// Martinez (2011), "Analyse de sensibilité globale par décomposition de la
	// variance", GdR Ondes & MASCOT-NUM, IHP Paris (R sensitivity::sobolmartinez).
	FirstMartinez = "martinez"
)

// Names of the total-order estimators (same notation as the first order).
const (
	// TotalJansen1999 (default): V_Tu = (1/2N) Σ (f_A − f_ABu)², ST_u = V_Tu/V.
	// Jansen (1999), Comput. Phys. Commun. 117:35–43.
	TotalJansen1999 = "jansen1999"
	// TotalHomma1996: V_Tu = V − (1/N) Σ f_A f_ABu + f0², with f0 the pooled
	// mean of [f_A; f_B]. Homma & Saltelli (1996), RESS 52:1–17.
	TotalHomma1996 = "homma1996"
	// TotalSobol2007: V_Tu = (1/N) Σ f_A (f_A − f_ABu). Sobol' et al. (2007),
	// RESS 92:957–960 (Mauntz–Kucherenko).
	TotalSobol2007 = "sobol2007"
	// TotalJanon: ST_u = 1 − S_~u with S_~u the Janon first-order formula
	// applied to Y = f_A, Y' = f_ABu (which share every factor outside u);
	// equivalently (1/2N) Σ (f_A − f_ABu)² / [(1/2N) Σ (f_A² + f_ABu²) − m²].
	TotalJanon = "janon"
	// TotalMartinez: ST_u = 1 − corr(f_A, f_ABu). Martinez (2011).
	TotalMartinez = "martinez"
)

// Estimators chooses the estimators and the confidence level.
type Estimators struct {
	// First is a First* name; "" means FirstSaltelli2010.
	First string
	// Total is a Total* name; "" means TotalJansen1999.
	Total string
	// CI is the confidence level of the intervals, in (0, 1); 0 means 0.95.
	CI float64
}

func (e Estimators) withDefaults() (Estimators, error) {
	if e.First == "" {
		e.First = FirstSaltelli2010
	}
	if e.Total == "" {
		e.Total = TotalJansen1999
	}
	if e.CI == 0 {
		e.CI = 0.95
	}
	switch e.First {
	case FirstSaltelli2010, FirstSobol2007, FirstJanon, FirstMartinez:
	default:
		return e, fmt.Errorf("sensitivity: unknown first-order estimator %q (want %s, %s, %s or %s)",
			e.First, FirstSaltelli2010, FirstSobol2007, FirstJanon, FirstMartinez)
	}
	switch e.Total {
	case TotalJansen1999, TotalHomma1996, TotalSobol2007, TotalJanon, TotalMartinez:
	default:
		return e, fmt.Errorf("sensitivity: unknown total-order estimator %q (want %s, %s, %s, %s or %s)",
			e.Total, TotalJansen1999, TotalHomma1996, TotalSobol2007, TotalJanon, TotalMartinez)
	}
	if !(e.CI > 0 && e.CI < 1) {
		return e, fmt.Errorf("sensitivity: confidence level %v is not in (0, 1)", e.CI)
	}
	return e, nil
}

// ratio is an index written as num/den, so that several series can be
// aggregated as Σ num / Σ den (Gamboa et al. 2014).
type ratio struct{ num, den float64 }

// moments gives named access to the sums of one (replicate or pool, series).
type moments struct {
	n      float64
	sets   int
	groups sumGroups // optional sums stored in acc
	acc    []float64
}

func (m moments) mean(i int) float64 { return m.acc[i] / m.n }

// variance is V = var([f_A; f_B]), divisor 2N − 1.
func (m moments) variance() float64 {
	s := m.acc[iSA] + m.acc[iSB]
	return (m.acc[iSAA] + m.acc[iSBB] - s*s/(2*m.n)) / (2*m.n - 1)
}

// meanSquare is the mean of the squared centred outputs of [f_A; f_B]: the
// scale against which V is compared to decide that it is rounding noise.
func (m moments) meanSquare() float64 { return (m.acc[iSAA] + m.acc[iSBB]) / (2 * m.n) }

// degenerate reports a variance that is zero or indistinguishable from the
// rounding noise of the sums: below 1e-10 of the mean square of the centred
// outputs (the centres are pilot means, so a genuine variance is of the
// order of the mean square).
func (m moments) degenerate() bool {
	v := m.variance()
	return !(v > 1e-10*m.meanSquare())
}

// set returns the sums of set u at their logical offsets (j…).
func (m moments) set(u int) [nSet]float64 {
	w := m.groups.width()
	return m.groups.expand(m.acc[nBase+w*u:][:w])
}

// pair returns the second-order sums of pair p.
func (m moments) pair(p int) []float64 {
	return m.acc[nBase+m.groups.width()*m.sets+nPair*p:][:nPair]
}

// sbc returns Σ f_B f_ABu and sac returns Σ f_A f_ABu, derived exactly
// from the difference-form sums.
func (m moments) sbc(u int) float64 { return m.set(u)[jSE] + m.acc[iSAB] }
func (m moments) sac(u int) float64 {
	s := m.set(u)
	return (m.acc[iSAA] + s[jSCC] - s[jSD2]) / 2
}

func (m moments) first(name string, u int) ratio {
	s := m.set(u)
	switch name {
	case FirstJanon:
		mu := (m.acc[iSB] + s[jSC]) / (2 * m.n)
		return ratio{m.sbc(u)/m.n - mu*mu, (m.acc[iSBB]+s[jSCC])/(2*m.n) - mu*mu}
	case FirstMartinez:
		mb, mc := m.mean(iSB), s[jSC]/m.n
		cov := m.sbc(u)/m.n - mb*mc
		vb := m.acc[iSBB]/m.n - mb*mb
		vc := s[jSCC]/m.n - mc*mc
		return ratio{cov, math.Sqrt(math.Max(vb, 0) * math.Max(vc, 0))}
	default: // FirstSaltelli2010, FirstSobol2007
		return ratio{s[jSE] / m.n, m.variance()}
	}
}

func (m moments) total(name string, u int) ratio {
	s := m.set(u)
	switch name {
	case TotalHomma1996:
		v := m.variance()
		f0 := (m.acc[iSA] + m.acc[iSB]) / (2 * m.n)
		return ratio{v - m.sac(u)/m.n + f0*f0, v}
	case TotalSobol2007:
		return ratio{(m.acc[iSAA] - s[jSCC] + s[jSD2]) / (2 * m.n), m.variance()}
	case TotalJanon:
		mu := (m.acc[iSA] + s[jSC]) / (2 * m.n)
		return ratio{s[jSD2] / (2 * m.n), (m.acc[iSAA]+s[jSCC])/(2*m.n) - mu*mu}
	case TotalMartinez:
		ma, mc := m.mean(iSA), s[jSC]/m.n
		cov := m.sac(u)/m.n - ma*mc
		va := m.acc[iSAA]/m.n - ma*ma
		vc := s[jSCC]/m.n - mc*mc
		den := math.Sqrt(math.Max(va, 0) * math.Max(vc, 0))
		return ratio{den - cov, den}
	default: // TotalJansen1999
		return ratio{s[jSD2] / (2 * m.n), m.variance()}
	}
}

// closed returns V_uv^c / V for the pair p of sets u < v (Saltelli 2002):
// V_uv^c = (1/N) Σ f(B_A^(u)) f(A_B^(v)) − (1/N) Σ f_A f_B, with the product
// averaged over its two symmetric forms f(B_A^(u)) f(A_B^(v)) and
// f(B_A^(v)) f(A_B^(u)), which estimate the same quantity.
func (m moments) closed(p int) ratio {
	sp := m.pair(p)[0]
	return ratio{sp/(2*m.n) - m.acc[iSAB]/m.n, m.variance()}
}

// deltaVar returns the variance, per row, of the linearised error of a
// ratio S = (Ḡ + c₀P̄ + …)/V, V = Q̄ − P̄², where g is the per-row numerator
// term and q = (a² + b²)/2, p = (a + b)/2 the per-row terms of V
// (Σq/N − (Σp/N)² is V up to the divisor 2N − 1). By the delta method (Owen
// 2013, Monte Carlo theory, methods and examples, §2.7; Janon et al. 2014
// for pick-freeze estimators), √N(Ŝ − S) → N(0, var(w)/V²) for independent
// rows, with
//
//	w = g − S q + c p,
//
// c = 2 S P̄ when the numerator is Ḡ alone. g1, g2, gq, gp are Σg, Σg², Σg q
// and Σg p over the rows.
func (m moments) deltaVar(g1, g2, gq, gp, S, c float64) float64 {
	n := m.n
	q1, q2, qp := (m.acc[iSAA]+m.acc[iSBB])/2, m.acc[iSQQ]/4, m.acc[iSQP]/4
	p1, p2 := (m.acc[iSA]+m.acc[iSB])/2, (m.acc[iSAA]+m.acc[iSBB]+2*m.acc[iSAB])/4
	cov := func(sxy, sx, sy float64) float64 { return sxy/n - (sx/n)*(sy/n) }
	v := cov(g2, g1, g1) + S*S*cov(q2, q1, q1) + c*c*cov(p2, p1, p1) -
		2*S*cov(gq, g1, q1) + 2*c*cov(gp, g1, p1) - 2*S*c*cov(qp, q1, p1)
	return math.Max(v, 0)
}

// pbar is P̄, the mean of p = (a + b)/2: the offset of the pooled mean from
// the centre.
func (m moments) pbar() float64 { return (m.acc[iSA] + m.acc[iSB]) / (2 * m.n) }

// firstDeltaVar is deltaVar for the Saltelli (2010) first-order term
// g = b(x − a) of set u; for Janon (and Martinez, which it approximates)
// the linearisation of S = (R̄ − M̄²)/(W̄ − M̄²) with per-row r = bx,
// w = (b² + x²)/2, m = (b + x)/2: ω = r − S w + (2S − 2)M̄ m, var(ω)/D²
// with D = W̄ − M̄² its denominator.
func (m moments) firstDeltaVar(name string, u int, S float64) float64 {
	s := m.set(u)
	if name != FirstJanon && name != FirstMartinez {
		return m.deltaVar(s[jSE], s[jSEE], s[jSEQ]/2, s[jSEP]/2, S, 2*S*m.pbar())
	}
	n := m.n
	cov := func(sxy, sx, sy float64) float64 { return sxy/n - (sx/n)*(sy/n) }
	r1, w1, m1 := m.sbc(u), (m.acc[iSBB]+s[jSCC])/2, (m.acc[iSB]+s[jSC])/2
	r2, w2, mm := s[jSRR], s[jSWW]/4, (m.acc[iSBB]+s[jSCC]+2*m.sbc(u))/4
	rw, rm, wm := s[jSRW]/2, s[jSRM]/2, s[jSWM]/4
	c := (2*S - 2) * m1 / n
	v := cov(r2, r1, r1) + S*S*cov(w2, w1, w1) + c*c*cov(mm, m1, m1) -
		2*S*cov(rw, r1, w1) + 2*c*cov(rm, r1, m1) - 2*S*c*cov(wm, w1, m1)
	d := w1/n - (m1/n)*(m1/n)
	// deltaSE divides by V; rescale so that it divides by D instead.
	return math.Max(v, 0) * (m.variance() / d) * (m.variance() / d)
}

// totalDeltaVar is deltaVar for the total estimator name of set u: the
// Jansen (1999) term g = (a − x)²/2 (also for Janon and Martinez), the
// Sobol' (2007) term g = a(a − x), or for Homma–Saltelli (1996), ST = 1 − S'
// with S' = (mean(ax) − P̄²)/V, g = ax, S' in place of S and
// c = 2S'P̄ − 2P̄.
func (m moments) totalDeltaVar(name string, u int, S float64) float64 {
	s := m.set(u)
	switch name {
	case TotalSobol2007:
		return m.deltaVar((m.acc[iSAA]-s[jSCC]+s[jSD2])/2, s[jSHH], s[jSHQ]/2, s[jSHP]/2, S, 2*S*m.pbar())
	case TotalHomma1996:
		sp, pb := 1-S, m.pbar()
		return m.deltaVar(m.sac(u), s[jSKK], s[jSKQ]/2, s[jSKP]/2, sp, 2*sp*pb-2*pb)
	default:
		return m.deltaVar(s[jSD2]/2, s[jSD4]/4, s[jSD2Q]/4, s[jSD2P]/4, S, 2*S*m.pbar())
	}
}

// deltaSE returns the delta-method standard error of an index S = Σ_c G_c /
// Σ_c V_c over the series ms, given the per-row variance of each series'
// linearised error (vars(m) = firstDeltaVar or totalDeltaVar at the
// aggregate S). The errors of the series are summed as standard deviations
// (the triangle inequality), an upper bound that needs no cross-series sums
// and is exact for one series.
func deltaSE(ms []moments, vars func(m moments) float64) float64 {
	var sd, den float64
	for _, m := range ms {
		sd += math.Sqrt(vars(m) / m.n)
		den += m.variance()
	}
	return sd / den
}

// closedDeltaVar is deltaVar for the closed second-order term of pair p,
// c = [f(B_A^(u)) f(A_B^(v)) + f(B_A^(v)) f(A_B^(u))]/2 − f_A f_B, at S = its
// ratio to V.
func (m moments) closedDeltaVar(p int, S float64) float64 {
	o := m.pair(p)
	return m.deltaVar(o[0]/2-m.acc[iSAB], o[1], o[2]/2, o[3]/2, S, 2*S*m.pbar())
}
