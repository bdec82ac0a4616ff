package aiglobal2

import "math"

// Data lifecycle module (docs/ai-model.md §2.2): inflows of four data
// classes, retention and deletion, logical stocks, compression, redundancy and
// tiering → physical capacity required, processing volume and energy,
// transfers.
//
//	G_data = (K_pre/K_pre(2024))^β_d,  G_tr = (K_pre + K_post)/(K_pre + K_post)(2024)
//	raw = (F_crawl0 + F_int0)·1000·G_data/(1 − σ),  F_corpus = raw·(1 − d_dup·w)
//	F_ckpt = F_ckpt0·1000·G_tr^0.5,  F_logs = (N_text·b_text + N_reason·5·b_text)·1e-9
//	F_ugc = (N_image·b_img + N_video·10·b_img)·1e-6                               (TB/yr)
//	ℓ_c(t) = max(1/52, ℓ_c·(1 − d_del·w)),  q = e^{−1/ℓ_c(t)}
//	V_c(2020) = F_c·ℓ_c,  V_c(t) = V_c(t−1)·q + F_c·ℓ_c(t)·(1 − q)               (TB logical)
//	CR = max(1, CR24 + (5 − CR24)·c_lev·w),  CRe_c = 1/(φ_c/CR + 1 − φ_c)
//	h_c(t) = h_c·(1 − ν_tier·w),  k_hot = max(1, k_hot24·(1 − (1 − m_rep)w)),  k_cold likewise from 1.4
//	S_hot = Σ_c V_c·h_c·k_hot/CRe_c,  S_cold = Σ_c V_c·(1 − h_c)·k_cold/CRe_c   (TB physical)
//	P_cur = raw·[1 + (n_pass − 1)(1 − d_dup·w)],  P_load = R_load0·1e6·G_tr^β_d
//	e_dp = e_dp24·1.10^−Δ·[θ_io·CRe_corpus(2024)/CRe_corpus + 1 − θ_io]
//	E_cmp = 0.5·Σ_c φ_c·F_c·max(0, log2(CR/CR24)),  EIT_dp = e_dp·(P_cur + P_load) + E_cmp
//	T_ing = F_crawl0·1000·G_data·r_fetch,  T_dist = F_ckpt
//	T_rep = Σ_c F_c/CRe_c·[h_c(k_hot − 1) + (1 − h_c)(k_cold − 1)]·0.5
//	T_media = F_ugc,  T_user = (N_text + N_reason)·b_text·1e-9 + T_media,  T_bb = T_ing + T_rep + T_dist
const (
	crMax       = 5.0 // CR_max, PPMd on enwik9
	lCkpt       = 2.0 // checkpoint retention, yr
	kCold24     = 1.4 // erasure-coded cold tier
	cmpKWhPerTB = 0.5 // compression CPU, kWh per TB per doubling of CR
	geoShare    = 0.5 // cross-DC share of the redundancy written
)

// Data classes.
const (
	dcCorpus = iota
	dcCkpt
	dcLogs
	dcUGC
	nClass
)

var classNames = [nClass]string{"corpus", "ckpt", "logs", "ugc"}

var (
	compressible = [nClass]float64{0.8, 0.2, 0.9, 0.05} // φ_c
	hotShare     = [nClass]float64{0.3, 0.5, 0.3, 0.4}  // h_c
)

func (w *work) data() {
	x := &w.x
	kpre24 := max(w.Kpre[j24], 1e-30)
	ktot24 := max(w.Kpre[j24]+w.Kpost[j24], 1e-30)
	ell0 := [nClass]float64{x[fLCorpus], lCkpt, x[fLLog], x[fLUgc]}
	for j := range nY {
		wr := wRamp[j]
		gdata := powPos(w.Kpre[j]/kpre24, x[fBetaD])
		gtr := (w.Kpre[j] + w.Kpost[j]) / ktot24
		w.Gdata[j], w.Gtr[j] = gdata, gtr
		dup := x[fDDup] * wr
		raw := (x[fFCrawl0] + x[fFInt0]) * 1e3 * gdata / (1 - w.sig[j])
		w.raw[j] = raw
		w.F[dcCorpus][j] = raw * (1 - dup)
		w.F[dcCkpt][j] = x[fFCkpt0] * 1e3 * math.Sqrt(gtr)
		w.F[dcLogs][j] = (w.N[svText][j]*x[fBText] + w.N[svReason][j]*5*x[fBText]) * 1e-9
		w.F[dcUGC][j] = (w.N[svImage][j]*x[fBImg] + w.N[svVideo][j]*10*x[fBImg]) * 1e-6
		w.Pcur[j] = raw * (1 + (x[fNPass]-1)*(1-dup))
		w.Pload[j] = x[fRLoad0] * 1e6 * powPos(gtr, x[fBetaD])
	}
	for c := range nClass {
		v := &w.V[c]
		prevEll, q := -1.0, 0.0
		for j := range nY {
			ell := max(ell0[c]*(1-x[fDDel]*wRamp[j]), 1.0/52)
			if ell != prevEll { // ℓ changes only with the policy ramp
				prevEll, q = ell, math.Exp(-1/ell)
			}
			if j == 0 {
				v[0] = w.F[c][0] * ell
			} else {
				v[j] = v[j-1]*q + w.F[c][j]*ell*(1-q)
			}
		}
	}
	cr24 := x[fCR24]
	var creCorpus24 float64
	{
		cr := max(1.0, cr24+(crMax-cr24)*x[fCLev]*wRamp[j24])
		creCorpus24 = 1 / (compressible[dcCorpus]/cr + 1 - compressible[dcCorpus])
	}
	for j := range nY {
		wr := wRamp[j]
		cr := max(1.0, cr24+(crMax-cr24)*x[fCLev]*wr)
		kHot := max(1.0, x[fKHot24]*(1-(1-x[fMRep])*wr))
		kCold := max(1.0, kCold24*(1-(1-x[fMRep])*wr))
		var sHot, sCold, tRep, cmp float64
		for c := range nClass {
			phi := compressible[c]
			cre := 1 / (phi/cr + 1 - phi)
			if c == dcCorpus {
				w.CReCorpus[j] = cre
			}
			h := hotShare[c] * (1 - x[fNuTier]*wr)
			w.hot[c][j] = h
			sHot += w.V[c][j] * h * kHot / cre
			sCold += w.V[c][j] * (1 - h) * kCold / cre
			tRep += w.F[c][j] / cre * (h*(kHot-1) + (1-h)*(kCold-1)) * geoShare
			cmp += phi * w.F[c][j]
		}
		w.Shot[j], w.Scold[j] = sHot, sCold
		edp := x[fEDp24] * cpuEff[j] * (x[fThetaIo]*creCorpus24/w.CReCorpus[j] + 1 - x[fThetaIo])
		// log2 through Log: Go's Log2 loses relative accuracy near 1 (CR ≈ CR24).
		ecmp := cmpKWhPerTB * cmp * max(0.0, math.Log(cr/cr24)*math.Log2E)
		w.EITdp[j] = edp*(w.Pcur[j]+w.Pload[j]) + ecmp
		tIng := x[fFCrawl0] * 1e3 * w.Gdata[j] * x[fRFetch]
		tDist := w.F[dcCkpt][j] * 1.0
		w.Tmedia[j] = (w.N[svImage][j]*x[fBImg] + w.N[svVideo][j]*10*x[fBImg]) * 1e-6
		w.Tuser[j] = (w.N[svText][j]+w.N[svReason][j])*x[fBText]*1e-9 + w.Tmedia[j]
		w.Tbb[j] = tIng + tRep + tDist
	}
}

// powPos is x^y for x ≥ 0: e^{y·ln x} for x > 0 (within a few 1e-15 of Pow
// for |y·ln x| ≤ 40, and cheaper), Pow's limits at 0.
func powPos(x, y float64) float64 {
	if x > 0 {
		return math.Exp(y * math.Log(x))
	}
	return math.Pow(x, y)
}
