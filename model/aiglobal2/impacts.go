package aiglobal2

// Impacts module (docs/ai-model.md §2.8, use phase and manufacturing).
//
// Use phase of component c, with FE_c = FE_dc,c + FE_user,c (labelling, network
// and devices are user-side; the others in data centres):
//
//	GWP = FE_dc·CI + FE_user·CI_u,  GWPmb = FE_dc·CI_mb + FE_user·CI_u,  PE, ADPe alike
//	WATER_onsite = EIT_c·WUE/1000,  WATER_offsite = (FE_dc·WUEoff + FE_user·WUEoff_u)/1000  (m³)
//	WSF = WATER_onsite·AWARE_site + (FE_dc·WSF_el + FE_user·WSF_u)/1000
//
// Manufacturing, on purchases (production year, M = New·e) or amortised
// (M_am = Σ New·s·e/L), of the six fleets: electronics g_c = M_compute·sh_c
// (compute components), M_cpu → dataproc, M_hot + M_cold → storage,
// M_net → network, T_dev·e_dev_h → devices, H_lab·e_dev_h → datagen; building
// gb_c = M_bld·EIT_c/ΣEIT_DC. Then GWP = g + gb, PE = r_pe·g + 8·gb,
// ADPe = r_adp·g + 1e-5·gb, WATER = (r_wm·g + 2·gb)/1000,
// WSF = (30·r_wm·g + 20·2·gb)/1000; GWPmb_manuf = GWP_manuf.
const (
	bldPE    = 8.0  // MJ per kgCO2e of building
	bldADP   = 1e-5 // kgSbeq per kgCO2e of building
	bldWater = 2.0  // L per kgCO2e of building
	awareFab = 30.0 // AWARE at electronics fabs
	awareBld = 20.0 // AWARE of building materials
	cpuEmb24 = 5000.0
	cpuLife  = 5.0
)

// Equipment classes of manufacturing (GWP_manuf_<class>).
const (
	clCompute = iota
	clCPU
	clStoHot
	clStoCold
	clNet
	clBld
	nClassEq
)

var eqNames = [nClassEq]string{"compute", "cpu", "sto_hot", "sto_cold", "net", "bld"}

// tapeEmb and tapeW are the tape terms of the cold tier (kgCO2e/TB, W/TB),
// variables so that 0.3·0.3 and 0.3·0.02 round as at run time.
var tapeShare, tapeEmb = 0.3, 0.3

func (w *work) useImpacts() {
	dc, us := &w.dcF, &w.userF
	for c := range nComp {
		for j := range nY {
			fe := w.FE[c][j]
			var feDC, feUs, won float64
			var gwpDC, mbDC, peDC, adpDC, watDC, wsfDC float64
			switch {
			case c < nDC:
				won = w.EIT[c][j] * w.WUE[j] / 1000
				feDC, feUs = fe, 0
				if c == cDatagen {
					feDC, feUs = fe-w.Elab[j], w.Elab[j]
				}
				gwpDC, mbDC, peDC, adpDC, watDC, wsfDC = dc.gwp[j], w.CImb[j], dc.pe[j], dc.adp[j], dc.wat[j], dc.wsf[j]
			default:
				feDC, feUs = 0, fe
				gwpDC, mbDC, peDC, adpDC, watDC, wsfDC = us.gwp[j], us.gwp[j], us.pe[j], us.adp[j], us.wat[j], us.wsf[j]
			}
			woff := (feDC*watDC + feUs*us.wat[j]) / 1000
			w.won[c][j], w.woff[c][j] = won, woff
			w.use[kFE][c][j] = fe
			w.use[kPE][c][j] = feDC*peDC + feUs*us.pe[j]
			w.use[kGWP][c][j] = feDC*gwpDC + feUs*us.gwp[j]
			w.use[kGWPmb][c][j] = feDC*mbDC + feUs*us.gwp[j]
			w.use[kADPe][c][j] = feDC*adpDC + feUs*us.adp[j]
			w.use[kWATER][c][j] = won + woff
			w.use[kWSF][c][j] = won*w.awareSite[j] + (feDC*wsfDC+feUs*us.wsf[j])/1000
		}
	}
}

func (w *work) manufacturing() {
	x := &w.x
	var eComp, eHot, eCold, eCPU, eNet, eBld vint
	ehot := x[fFSsd]*x[fESsd] + (1-x[fFSsd])*x[fEHdd]
	ecold := 0.7*x[fEHdd] + tapeShare*tapeEmb
	var emb vint
	trendPowers(&emb, 1/(1+x[fGEmb])) // (1 + g_emb)^{−(v−2024)}
	for i := range vDelta {
		eComp[i] = (x[fEAcc] + x[fEHost]) * emb[i]
		eHot[i] = ehot * w.gden[i] * 1.5
		eCold[i] = ecold * w.gden[i] * 1.5
		eCPU[i] = cpuEmb24 * cpuEmbTrend[i]
		eNet[i] = x[fENg] * w.netTrend[i]
		eBld[i] = x[fEDc] * 1000
	}
	fleets := [nClassEq]*fleet{&w.fc, &w.fcpu, &w.fh, &w.fcold, &w.fnet, &w.fbld}
	embs := [nClassEq]*vint{&eComp, &eCPU, &eHot, &eCold, &eNet, &eBld}
	for k := range nClassEq {
		fleets[k].prod(embs[k], &w.Mprod[k])
		fleets[k].amort(embs[k], &w.Mam[k])
	}
	for j := range nY {
		eit := 0.0
		for c := range nDC {
			eit += w.EIT[c][j]
		}
		w.eitDC[j] = max(eit, 1e-30)
	}
	for mode := range 2 {
		M := &w.Mprod
		out := &w.manP
		if mode == 1 {
			M, out = &w.Mam, &w.manA
		}
		for j := range nY {
			var g, gb [nComp]float64
			for c := range nCap {
				g[capComp[c]] = M[clCompute][j] * w.shareC[c][j]
			}
			g[cDataproc] = M[clCPU][j]
			g[cStorage] = M[clStoHot][j] + M[clStoCold][j]
			g[cNetwork] = M[clNet][j]
			g[cDevices] = w.Tdev[j] * x[fEDevH]
			g[cDatagen] += w.Hlab[j] * x[fEDevH]
			for c := range nDC {
				gb[c] = M[clBld][j] * (w.EIT[c][j] / w.eitDC[j])
			}
			for c := range nComp {
				out[kGWP][c][j] = g[c] + gb[c]
				out[kGWPmb][c][j] = g[c] + gb[c]
				out[kPE][c][j] = g[c]*x[fRPe] + gb[c]*bldPE
				out[kADPe][c][j] = g[c]*x[fRAdp] + gb[c]*bldADP
				wm := g[c] * x[fRWm] / 1000
				wb := gb[c] * bldWater / 1000
				out[kWATER][c][j] = wm + wb
				out[kWSF][c][j] = wm*awareFab + wb*awareBld
			}
		}
	}
}
