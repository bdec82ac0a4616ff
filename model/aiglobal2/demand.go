package aiglobal2

import "math"

// Demand module (docs/ai-model.md §2.1): training compute from FLOP,
// inference from requests × energy per request, synthetic-data generation
// and human labelling. Compute demand K is in busy H100e-years at 2024-vintage
// energy.
//
//	S(t) = max(0, 1 − s_suff·w),  X(t) = X^w for X ∈ {X_tr, X_in, X_syn},  ε ∈ [0, 1]
//	K_tr0 = FLOP_tr24/(F_H·MFU·Y),  ψ(t) = clamp(ψ24 + (ψ50 − ψ24)f, 0, 0.9)
//	K_pre = (1 − ψ24)·K_tr0·G_train·S·X_tr^{ε−1},  K_post = K_pre·ψ/(1 − ψ)
//	N_s = 365·R_s0·G_s·S·X_in^ε,  c_s = e_s0·κ_s^f/X_in,  K_s = N_s·c_s/(1000·8760·p_full)
//	K_oth = E_oth0·1e9/(8760·p_full)·G_other·S·X_in^{ε−1},  K_in = Σ_s K_s + K_oth
//	σ(t) = clamp(σ24 + (σ50 − σ24)f, 0, 0.95),  K_syn = σ·r_gen/X_syn·K_pre
//	H_lab = H_lab0·1e6·(max(K_post, 0)/max(K_post(2024), 1e-30))^0.5,  E_lab = 0.1·H_lab
const (
	secondsPerYear = 3.156e7 // Y, s/yr (FLOP side)
	flopH100       = 9.89e14 // F_H, dense BF16 FLOP/s of one H100e
	mfuTrain       = 0.35    // MFU of training runs
	labKWhPerHour  = 0.1     // kWh per annotation hour (device, office, network share)
)

// Services of inference with requests (the fifth, "other", has none).
const (
	svText = iota
	svReason
	svImage
	svVideo
	svOther
	nSv
	nReqSv = svOther
)

var svNames = [nSv]string{"text", "reason", "image", "video", "other"}

// Saturation multiples Γ_a of the demand boom (§4.2), per activity.
const (
	gammaTrain  = 300.0
	gammaText   = 300.0
	gammaReason = 3e4
	gammaImage  = 30.0
	gammaVideo  = 1e3
	gammaOther  = 100.0
)

// tokensPerRequest are output-token equivalents per request (intensities only).
var tokensPerRequest = [2]float64{svText: 400, svReason: 4000}

func (w *work) demand() {
	x := &w.x
	eps := clamp(x[fEps], 0, 1)
	for j := range nY {
		wr := wRamp[j]
		w.S[j] = max(1-x[fSSuff]*wr, 0)
	}
	rampPow(&w.Xtr, x[fXTr])
	rampPow(&w.Xin, x[fXIn])
	rampPow(&w.Xsyn, x[fXSyn])
	var xtrRe, xinEps, xinRe yr // X_tr^{ε−1}, X_in^ε, X_in^{ε−1}
	powYears(&xtrRe, &w.Xtr, eps-1)
	powYears(&xinEps, &w.Xin, eps)
	powYears(&xinRe, &w.Xin, eps-1)
	g := &w.tmp[0]
	mInf, gs, mh := x[fMInf], x[fGSat], x[fMHist]
	growth(g, x[fMTr0], mInf, gammaTrain*gs, mh)
	ktr0 := x[fFLOPTr24] / (flopH100 * mfuTrain * secondsPerYear)
	for j := range nY {
		f := fRamp[j]
		psi := clamp(x[fPsi24]+(x[fPsi50]-x[fPsi24])*f, 0, 0.9)
		w.Kpre[j] = (1 - x[fPsi24]) * ktr0 * g[j] * w.S[j] * xtrRe[j]
		w.Kpost[j] = w.Kpre[j] * psi / (1 - psi)
		sig := clamp(x[fSig24]+(x[fSig50]-x[fSig24])*f, 0, 0.95)
		w.sig[j] = sig
		w.Ksyn[j] = sig * x[fRGen] / w.Xsyn[j] * w.Kpre[j]
	}
	pf := x[fPFull]
	m0 := [nReqSv]float64{x[fMText0], x[fMReas0], math.Pow(x[fMText0], 0.6), x[fMVid0]}
	gam := [nReqSv]float64{gammaText, gammaReason, gammaImage, gammaVideo}
	r0 := [nReqSv]float64{x[fRText0], x[fRReas0], x[fRImg0], x[fRVid0]}
	w.e0 = [nReqSv]float64{x[fEText0], x[fEReas0], x[fEImg0], x[fEVid0]}
	kap := [nReqSv]float64{x[fKText], x[fKReas], x[fKMedia], x[fKMedia]}
	var kapF yr // κ_s^f as a running product of κ^{1/26} (within 30 ulp of Pow)
	for s := range nReqSv {
		growth(g, m0[s], mInf, gam[s]*gs, mh)
		step := math.Exp(math.Log(kap[s]) / 26) // κ^{1/26}, one year of f
		kapF[0] = 1
		for j := 1; j < nY; j++ {
			if delta[j] > 0 {
				kapF[j] = kapF[j-1] * step
			} else {
				kapF[j] = 1
			}
		}
		for j := range nY {
			n := 365 * r0[s] * g[j] * w.S[j] * xinEps[j]
			c := w.e0[s] * kapF[j] / w.Xin[j]
			w.N[s][j] = n
			w.K[s][j] = n * c / (1000 * 8760 * pf)
		}
	}
	growth(g, x[fMOth0], mInf, gammaOther*gs, mh)
	for j := range nY {
		w.K[svOther][j] = x[fEOth0] * 1e9 / (8760 * pf) * g[j] * w.S[j] * xinRe[j]
		w.Kin[j] = w.K[svText][j] + w.K[svReason][j] + w.K[svImage][j] + w.K[svVideo][j] + w.K[svOther][j]
	}
	kpost24 := max(w.Kpost[j24], 1e-30)
	for j := range nY {
		w.Hlab[j] = x[fHLab0] * 1e6 * math.Sqrt(max(w.Kpost[j], 0)/kpost24)
		w.Elab[j] = labKWhPerHour * w.Hlab[j]
	}
}

// rampPow sets d(t) = X^{w(t)}. The policy ramp w takes six values (0 before
// 2026, 1 from 2030), so the powers are computed once per value; Pow(X, 0) = 1
// and Pow(X, 1) = X exactly, as in the reference.
func rampPow(d *yr, x float64) {
	prevW, prev := -1.0, 0.0
	for j, wr := range wRamp {
		if wr != prevW {
			prevW, prev = wr, math.Pow(x, wr)
		}
		d[j] = prev
	}
}

// powYears sets d(t) = b(t)^y, calling Pow once per run of equal bases (the
// ramped levers are constant outside 2026–2029).
func powYears(d, b *yr, y float64) {
	prevB, prev := math.NaN(), 0.0
	for j, v := range b {
		if v != prevB {
			prevB, prev = v, math.Pow(v, y)
		}
		d[j] = prev
	}
}
