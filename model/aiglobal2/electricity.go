package aiglobal2

// Electricity module (docs/ai-model.md §2.8): coherent regional mixes. One
// pathway factor θ_r per region blends a STEPS-like and an NZE-like mix; the
// GWP, primary energy, water and ADPe of a kWh all come from the same mix ×
// technology life-cycle factors.
//
//	m_r(t) = (1 − θ_r)·STEPS_r(t) + θ_r·NZE_r(t)  (rows ÷ 100, linear between 2024, 2030, 2040, 2050)
//	x_r(t) = Σ_k m_r,k·x_k/(1 − 0.07)  for x ∈ {gwp, pe, wat, adp} (hydro water = w_hydro; adp × k_adp_el)
//	s'_r = s_r·(1 − ζ),  s'_clean = ζ = ζ_site·w  (s_RoW = 1 − s_US − s_CN − s_EU, renormalised if < 0.02)
//	CI = Σ_r s'_r·gwp_r,  PEF, WUEoff, ADP_el likewise,  WSF_el = Σ_r s'_r·wat_r·AWARE_r,  AWARE_site = Σ_r s'_r·AWARE_r
//	user side: fixed weights US 0.07, CN 0.20, EU 0.08, RoW 0.65, no siting
//	φ = φ24 + (1 − φ24)·σ_src·w,  CI_mb = CI·(1 − φ) + 0.02·φ
const nTech = 7 // coal, gas, nuclear, hydro, wind, solar, other

// Regions of electricity supply.
const (
	rgUS = iota
	rgCN
	rgEU
	rgRoW
	rgClean
	nRegion
	nGridRegion = rgClean
)

var regionNames = [nRegion]string{"US", "CN", "EU", "RoW", "clean"}

// Life-cycle factors per kWh generated (§4.3). Hydro water is the factor w_hydro.
var (
	techGWP = [nTech]float64{1.00, 0.49, 0.012, 0.024, 0.011, 0.045, 0.20} // kgCO2e/kWh
	techPE  = [nTech]float64{10.5, 7.5, 11.5, 3.8, 3.9, 4.2, 11.0}         // MJ/kWh
	techWat = [nTech]float64{1.9, 0.7, 2.3, 0, 0.01, 0.08, 1.5}            // L/kWh
	techADP = [nTech]float64{5e-8, 2e-8, 3e-8, 1.5e-8, 2.5e-7, 4e-7, 5e-8} // kgSbeq/kWh
	aware   = [nRegion]float64{17.0, 30.0, 15.0, 25.0, 3.0}                // AWARE, m³ world-eq/m³
	userW   = [nGridRegion]float64{0.07, 0.20, 0.08, 0.65}                 // user-side weights
)

// Variables, not constants, so that 1 − 0.07 rounds as it does at run time.
var (
	tdLoss   = 0.07 // T&D losses
	ciCFE    = 0.02 // kgCO2e/kWh of contracted carbon-free electricity
	hydroIdx = 3
)

// Mix tables (% of generation) at 2024, 2030, 2040, 2050 (§4.3).
var mixSteps = [nGridRegion][4][nTech]float64{
	{{16, 43, 18, 6, 10, 5, 2}, {8, 40, 17, 6, 15, 12, 2}, {3, 33, 15, 5, 20, 22, 2}, {1, 28, 14, 5, 24, 26, 2}},
	{{58, 3, 5, 13, 10, 8, 3}, {45, 4, 6, 12, 15, 15, 3}, {28, 4, 8, 11, 21, 25, 3}, {18, 4, 9, 10, 24, 32, 3}},
	{{10, 16, 23, 13, 17, 11, 10}, {4, 13, 20, 12, 26, 17, 8}, {1, 8, 17, 11, 35, 21, 7}, {0, 5, 15, 11, 40, 23, 6}},
	{{30, 27, 6, 17, 6, 6, 8}, {26, 27, 6, 16, 8, 10, 7}, {20, 25, 7, 15, 12, 15, 6}, {14, 23, 8, 15, 15, 19, 6}},
}

var mixNZE = [nGridRegion][4][nTech]float64{
	{{16, 43, 18, 6, 10, 5, 2}, {2, 25, 17, 6, 25, 22, 3}, {0, 3, 17, 6, 37, 34, 3}, {0, 1, 16, 6, 39, 35, 3}},
	{{58, 3, 5, 13, 10, 8, 3}, {33, 3, 7, 12, 20, 22, 3}, {5, 2, 12, 11, 30, 36, 4}, {1, 1, 13, 10, 33, 38, 4}},
	{{10, 16, 23, 13, 17, 11, 10}, {1, 6, 20, 12, 34, 20, 7}, {0, 1, 16, 11, 44, 23, 5}, {0, 0, 15, 11, 46, 23, 5}},
	{{30, 27, 6, 17, 6, 6, 8}, {15, 22, 7, 16, 14, 18, 8}, {2, 8, 10, 16, 26, 31, 7}, {0, 2, 10, 16, 32, 34, 6}},
}

var cleanMix = [nTech]float64{0, 0, 25, 50, 20, 5, 0}

// Interpolated shares by year: mixS[r][j][k], mixN[r][j][k]; cleanShare[k].
var (
	mixS, mixN [nGridRegion][nY][nTech]float64
	cleanShare [nTech]float64
)

func init() {
	anchors := [4]float64{2024, 2030, 2040, 2050}
	interp := func(tab *[4][nTech]float64, out *[nY][nTech]float64) {
		var a [4][nTech]float64
		for i := range tab {
			sum := 0.0
			for _, v := range tab[i] {
				sum += v
			}
			for k := range tab[i] {
				a[i][k] = tab[i][k] / sum
			}
		}
		for j := range nY {
			t := float64(firstYear + j)
			for k := range nTech {
				out[j][k] = interpLinear(t, &anchors, a[0][k], a[1][k], a[2][k], a[3][k])
			}
		}
	}
	for r := range nGridRegion {
		interp(&mixSteps[r], &mixS[r])
		interp(&mixNZE[r], &mixN[r])
	}
	for k := range nTech {
		cleanShare[k] = cleanMix[k] / 100.0
	}
}

// techSums are the factors of one mix: Σ_k m_k·x_k for GWP, PE, ADPe and
// water without hydro, and the hydro share (its water is the factor w_hydro).
type techSums struct{ gwp, pe, adp, wat, hydro float64 }

// mixSums[p][r][j]: the sums of pathway p (0 STEPS-like, 1 NZE-like), region r, year j.
var (
	mixSums   [2][nGridRegion][nY]techSums
	cleanSums techSums
)

func sumsOf(m *[nTech]float64) techSums {
	var t techSums
	for k := range nTech {
		t.gwp += m[k] * techGWP[k]
		t.pe += m[k] * techPE[k]
		t.adp += m[k] * techADP[k]
		if k == hydroIdx {
			t.hydro = m[k]
		} else {
			t.wat += m[k] * techWat[k]
		}
	}
	return t
}

func init() {
	for r := range nGridRegion {
		for j := range nY {
			mixSums[0][r][j] = sumsOf(&mixS[r][j])
			mixSums[1][r][j] = sumsOf(&mixN[r][j])
		}
	}
	cleanSums = sumsOf(&cleanShare)
}

// interpLinear is numpy.interp at t over four anchors: the end values
// outside, slope·(t − x_i) + y_i inside.
func interpLinear(t float64, xp *[4]float64, y0, y1, y2, y3 float64) float64 {
	y := [4]float64{y0, y1, y2, y3}
	if t <= xp[0] {
		return y[0]
	}
	if t >= xp[3] {
		return y[3]
	}
	i := 0
	for t >= xp[i+1] {
		i++
	}
	if t == xp[i] {
		return y[i]
	}
	slope := (y[i+1] - y[i]) / (xp[i+1] - xp[i])
	return slope*(t-xp[i]) + y[i]
}

// elecFactors are the per-kWh factors of one supply (a region, the DC mix or the user mix).
type elecFactors struct{ gwp, pe, wat, adp, wsf yr }

func (w *work) electricity() {
	x := &w.x
	var tw [nTech]float64
	tw = techWat
	tw[hydroIdx] = x[fWHydro]
	div := 1 - tdLoss
	theta := [nGridRegion]float64{x[fThetaUS], x[fThetaCN], x[fThetaEU], x[fThetaRoW]}
	wh, kadp := x[fWHydro], x[fKAdpEl]
	for r := range nRegion {
		f := &w.reg[r]
		for j := range nY {
			// The factors are linear in the mix, so the pathway blend is the
			// blend of the two pathways' factors (mixSums, summed once).
			var a, b *techSums
			th := 0.0
			if r == rgClean {
				a, b = &cleanSums, &cleanSums
			} else {
				a, b, th = &mixSums[0][r][j], &mixSums[1][r][j], theta[r]
			}
			g := (1-th)*a.gwp + th*b.gwp
			p := (1-th)*a.pe + th*b.pe
			wa := (1-th)*(a.wat+a.hydro*wh) + th*(b.wat+b.hydro*wh)
			ad := (1-th)*a.adp + th*b.adp
			f.gwp[j] = g / div
			f.pe[j] = p / div
			f.wat[j] = wa / div
			f.adp[j] = ad * kadp / div
		}
	}
	sUS, sCN, sEU := x[fSUS], x[fSCN], x[fSEU]
	sRoW := 1 - sUS - sCN - sEU
	var sh [nGridRegion]float64
	if sRoW < 0.02 {
		scale := 0.98 / (sUS + sCN + sEU)
		sh = [nGridRegion]float64{sUS * scale, sCN * scale, sEU * scale, 0.02}
	} else {
		sh = [nGridRegion]float64{sUS, sCN, sEU, sRoW}
	}
	dc, us := &w.dcF, &w.userF
	for j := range nY {
		zeta := x[fZetaSite] * wRamp[j]
		var shp [nRegion]float64
		for r := range nGridRegion {
			shp[r] = sh[r] * (1 - zeta)
		}
		shp[rgClean] = zeta
		var g, p, wa, ad, ws, as float64
		for r := range nRegion {
			f := &w.reg[r]
			g += shp[r] * f.gwp[j]
			p += shp[r] * f.pe[j]
			wa += shp[r] * f.wat[j]
			ad += shp[r] * f.adp[j]
			ws += shp[r] * f.wat[j] * aware[r]
			as += shp[r] * aware[r]
		}
		dc.gwp[j], dc.pe[j], dc.wat[j], dc.adp[j], dc.wsf[j] = g, p, wa, ad, ws
		w.awareSite[j] = as
		g, p, wa, ad, ws = 0, 0, 0, 0, 0
		for r := range nGridRegion {
			f := &w.reg[r]
			g += userW[r] * f.gwp[j]
			p += userW[r] * f.pe[j]
			wa += userW[r] * f.wat[j]
			ad += userW[r] * f.adp[j]
			ws += userW[r] * f.wat[j] * aware[r]
		}
		us.gwp[j], us.pe[j], us.wat[j], us.adp[j], us.wsf[j] = g, p, wa, ad, ws
		phi := x[fPhi24] + (1-x[fPhi24])*x[fSigmaSrc]*wRamp[j]
		w.CImb[j] = dc.gwp[j]*(1-phi) + ciCFE*phi
	}
}
