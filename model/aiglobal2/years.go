package aiglobal2

import "math"

// Calendar of the model (docs/ai-model.md §2.0): years 2020…2050, base year
// 2024, vintages 2008…2050 (twelve backcast vintages before 2020).
const (
	firstYear = 2020
	lastYear  = 2050
	baseYear  = 2024
	nY        = lastYear - firstYear + 1 // 31 years
	j24       = baseYear - firstYear     // index of 2024
	nPre      = 12                       // backcast vintages 2008…2019
	nV        = nY + nPre                // 43 vintages
)

// yr is a year series (index j = t − 2020); vint a vintage series (index
// i = v − 2008; year t is vintage index j + 12).
type (
	yr   [nY]float64
	vint [nV]float64
)

// Year tables: Δ = t − 2024, the trend ramp f = clamp(Δ/26, 0, 1) and the
// policy ramp w = clamp((t − 2025)/5, 0, 1) (docs/ai-model.md §2.0).
var delta, fRamp, wRamp yr

// vDelta is v − 2024 for each vintage.
var vDelta vint

// Sample-independent trends, computed once: 1.10^−Δ (CPU efficiency),
// 0.5^{Δ/4} (average-allocation network intensity) and 0.95^{v−2024} (CPU
// server embodied).
var cpuEff, netAvgHalving yr
var cpuEmbTrend vint

func init() {
	for j := range nY {
		t := firstYear + j
		d := float64(t - baseYear)
		delta[j] = d
		fRamp[j] = min(max(d/26, 0), 1)
		wRamp[j] = min(max(float64(t-2025)/5, 0), 1)
	}
	for i := range nV {
		vDelta[i] = float64(firstYear - nPre + i - baseYear)
		cpuEmbTrend[i] = math.Pow(0.95, vDelta[i])
	}
	for j := range nY {
		cpuEff[j] = math.Pow(1.10, -delta[j])
		netAvgHalving[j] = math.Pow(0.5, delta[j]/4.0)
	}
}

// clamp returns x limited to [lo, hi].
func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// growth sets g(t) = G_a(Δ), the bounded-boom demand growth of §2.0:
// ln G = r∞Δ + (r0 − r∞)τ(1 − e^{−Δ/τ}) for Δ ≥ 0 and ln(m_hist)Δ before,
// with r0 = ln m0, r∞ = ln m∞ and τ = max(0.5, ln(max(Γ, 1 + 1e-9))/max(r0 − r∞, 1e-6)).
func growth(g *yr, m0, mInf, gamma, mHist float64) {
	r0, ri := math.Log(m0), math.Log(mInf)
	tau := max(math.Log(max(gamma, 1+1e-9))/max(r0-ri, 1e-6), 0.5)
	lh := math.Log(mHist)
	// e^{−Δ/τ} as a running product of e^{−1/τ} from 2024 (26 steps: within
	// 1e-14 of Exp; it saves an Exp per year).
	step, decay := math.Exp(-1/tau), 1.0
	for j, d := range delta {
		if d >= 0 {
			if d > 0 {
				decay *= step
			}
			g[j] = math.Exp(ri*d + (r0-ri)*tau*(1-decay))
		} else {
			g[j] = math.Exp(lh * d)
		}
	}
}

// hardware sets H(v), the FLOP/J of new hardware of vintage v relative to
// 2024 (§2.0): ln H = ρ0δ + (ρ1 − ρ0)δ²/52 for 0 ≤ δ ≤ 26, ρ0δ for δ < 0, with
// δ = v − 2024, ρ0 = ln(1 + h0), ρ1 = ln(1 + h1).
func hardware(h *vint, h0, h1 float64) {
	r0, r1 := math.Log1p(h0), math.Log1p(h1)
	for i, d := range vDelta {
		if d >= 0 {
			dp := min(d, 26)
			h[i] = math.Exp(r0*dp + (r1-r0)*(dp*dp)/52)
		} else {
			h[i] = math.Exp(r0 * d)
		}
	}
}

// trendPowers sets p[i] = b^{v−2024} for every vintage by running products
// from 2024 in both directions (42 multiplications instead of 43 Pow calls;
// within 30 ulp of Pow).
func trendPowers(p *vint, b float64) {
	i0 := baseYear - (firstYear - nPre)
	p[i0] = 1
	for i := i0 + 1; i < nV; i++ {
		p[i] = p[i-1] * b
	}
	inv := 1 / b
	for i := i0 - 1; i >= 0; i-- {
		p[i] = p[i+1] * inv
	}
}
