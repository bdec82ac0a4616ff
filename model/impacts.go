package model

// Steps 8 and 9 of ai-model-v1.md §3.3, shared by ai-global and ai-services:
// from IT electricity to the five criteria of the use phase, and the split
// of annual manufacturing impacts between components.

// siteFactors are a year's electricity and water factors (§3.3 step 8).
type siteFactors struct {
	pue    float64 // PUE(t)
	ci     float64 // CI(t), kgCO2e/kWh
	pef    float64 // PEF(t), MJ/kWh
	adpEl  float64 // ADP_el, kgSbeq/kWh
	wueOn  float64 // WUEon(t), L per IT kWh
	wueOff float64 // WUEoff(t), L per kWh generated
}

// useImpacts is step 8: FE_c = EIT_c·PUE for data-centre components and
// FE_net = E_net (telecom overhead is inside w_net); GWP = FE·CI, PE = FE·PEF,
// ADPe = FE·ADP_el, WATER = (EIT·WUEon + FE·WUEoff)/1000 m³ (EcoLogits, Li et
// al.; EIT_net = 0). eit[compNetwork] is ignored. It writes into fe and use
// (returning the arrays by value cost 14 % of ai-global's throughput).
func useImpacts(fe *[nComp]float64, use *[nCrit][nComp]float64, eit *[nComp]float64, eNet float64, s *siteFactors) {
	eit[compNetwork] = 0
	for c := range compNetwork {
		fe[c] = eit[c] * s.pue
	}
	fe[compNetwork] = eNet
	for c := range nComp {
		use[critFE][c] = fe[c]
		use[critPE][c] = fe[c] * s.pef
		use[critGWP][c] = fe[c] * s.ci
		use[critADPe][c] = fe[c] * s.adpEl
		use[critWATER][c] = (eit[c]*s.wueOn + fe[c]*s.wueOff) / 1000
	}
}

// splitManuf is step 9's split: annual[k], the year's amortised compute
// embodied impact of criterion k, goes to training (shareTr of the fleet),
// inference (the rest) and data processing (k_dp × the training share);
// storage is gSto (installed TB·δ/L_sto) times its embodied factor stoK[k],
// and the network ρ_net times its use-phase impact. It writes into man.
func splitManuf(man *[nManufCrit][nComp]float64, annual *[nManufCrit]float64, shareTr, kDp, gSto float64, stoK *[nManufCrit]float64, use *[nCrit][nComp]float64) {
	for k := range nManufCrit {
		man[k][compTrain] = annual[k] * shareTr
		man[k][compInfer] = annual[k] * (1 - shareTr)
		man[k][compDataproc] = annual[k] * (kDp * shareTr)
		man[k][compStorage] = gSto * stoK[k]
		man[k][compNetwork] = rhoNet * use[k][compNetwork]
	}
}
