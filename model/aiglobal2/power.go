package aiglobal2

// Power module (docs/ai-model.md §2.5): static + dynamic IT power of each
// compute use, storage power by vintage, facility overhead and water.
//
//	λ(ℓ) = s_idle + (1 − s_idle)·ℓ,  p̄ = p_full·Σ_a New·s/H(v) / max(Inst, 1e-30)
//	EIT_c = 8760·p̄·Cap_c·[a_tr·λ(l_tr) + (1 − a_tr)·s_idle]          c ∈ {pretrain, posttrain, datagen}
//	EIT_in = 8760·p̄·[Cap_in·s_idle + (1 − s_idle)·K_in]
//	EIT_res = 8760·p̄·Cap_res·s_idle, shared by capacity shares sh_c
//	EIT_sto = 8.76·k_sys·[X_hot + X_cold],  X_tier = Σ_a New·s·w_tier(v),  w_tier(v) = w_tier24·(1 − g_den)^{v−2024}
//	w_hot24 = f_ssd·w_ssd + (1 − f_ssd)·w_hdd,  w_cold24 = 0.7·0.5·w_hdd + 0.3·0.02
//	χ = χ_dry·w,  PUE = PUE24 − (PUE24 − 1.05)·p_lev·f + 0.06·χ,  WUE = WUE24·(1 − 0.9·χ)
//	FE_c = EIT_c·PUE (DC components),  FE_datagen += E_lab
func (w *work) power() {
	x := &w.x
	var h, invH vint
	hardware(&h, x[fH0], x[fH1])
	backcastPowers(&w.mpow, x[fMHist])
	for i := range h {
		invH[i] = 1.0 / h[i]
	}
	w.fc.build(&w.capReq, x[fLHw], &w.mpow)
	pf := x[fPFull]
	sIdle := x[fSIdle]
	w.fc.vsum(&invH, &w.pbar)
	lamTr := sIdle + (1-sIdle)*x[fLTr]
	for j := range nY {
		w.pbar[j] = pf * w.pbar[j] / max(w.fc.Inst[j], 1e-30)
		pb := w.pbar[j]
		aTr := w.aTr[j]
		for _, c := range [3]int{capPre, capPost, capSyn} {
			w.EIT[capComp[c]][j] = 8760 * pb * w.Cap[c][j] * (aTr*lamTr + (1-aTr)*sIdle)
		}
		w.EIT[cInfer][j] = 8760 * pb * (w.Cap[capIn][j]*sIdle + (1-sIdle)*w.Kin[j])
		res := 8760 * pb * w.capRes[j] * sIdle
		for c := range nCap {
			w.EIT[capComp[c]][j] += res * w.shareC[c][j]
		}
	}
	// Storage fleets.
	var gden, wHot, wCold vint
	trendPowers(&gden, 1-x[fGDen]) // (1 − g_den)^{v−2024}
	wh := x[fFSsd]*x[fWSsd] + (1-x[fFSsd])*x[fWHdd]
	wc := 0.7*0.5*x[fWHdd] + 0.3*0.02
	for i := range nV {
		wHot[i] = wh * gden[i]
		wCold[i] = wc * gden[i]
	}
	w.gden = gden
	w.fh.build(&w.Shot, x[fLSto], &w.mpow)
	w.fcold.build(&w.Scold, x[fLSto], &w.mpow)
	var xh, xc yr
	w.fh.vsum(&wHot, &xh)
	w.fcold.vsum(&wCold, &xc)
	for j := range nY {
		w.EIT[cStorage][j] = 8.76 * x[fKSys] * (xh[j] + xc[j])
		w.EIT[cDataproc][j] = w.EITdp[j]
		w.cpuReq[j] = w.EITdp[j] / (8760 * cpuUtil)
	}
	w.fcpu.build(&w.cpuReq, 5.0, &w.mpow)
	for j := range nY {
		w.MWreq[j] = (w.pbar[j]*w.capReq[j] + w.EIT[cStorage][j]/8760 + w.EITdp[j]/(8760*cpuUtil)) / 1000 / uPower
	}
	w.fbld.build(&w.MWreq, x[fLDc], &w.mpow)
	for j := range nY {
		chi := x[fChiDry] * wRamp[j]
		w.PUE[j] = x[fPUE24] - (x[fPUE24]-1.05)*x[fPLev]*fRamp[j] + 0.06*chi
		w.WUE[j] = x[fWUE24] * (1 - 0.9*chi)
		for c := range nDC {
			w.FE[c][j] = w.EIT[c][j] * w.PUE[j]
		}
		w.FE[cDatagen][j] += w.Elab[j]
	}
}
