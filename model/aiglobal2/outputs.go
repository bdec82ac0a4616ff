package aiglobal2

import "mc/model"

// Outputs of docs/ai-model.md §5: impacts per criterion, component and phase
// (§5.1), intensities (§5.2) and diagnostics (§5.3). Every output is an
// annual trajectory; each is defined here with its formula (fill).
const nOutputs = 355

type outDef struct {
	model.Output
	fill func(w *work, d *yr)
}

// outputDefs builds the output table; inTotal are the components summed into
// totals (all but devices unless devices_in_total).
func outputDefs(inTotal []int) []outDef {
	var defs []outDef
	add := func(o model.Output, fill func(w *work, d *yr)) { defs = append(defs, outDef{o, fill}) }
	impact := func(name, unit, desc string, k int, phase, comp string, fill func(w *work, d *yr)) {
		add(model.Output{Name: name, Unit: unit, Description: desc, Kind: "impact", Criterion: critNames[k], Phase: phase, Component: comp}, fill)
	}
	diag := func(name, unit, desc, kind string, fill func(w *work, d *yr)) {
		add(model.Output{Name: name, Unit: unit, Description: desc, Kind: kind}, fill)
	}
	for k := range nCrit {
		k := k
		cn, u, ds := critNames[k], critUnits[k], critDesc[k]
		manuf := k != kFE
		if manuf {
			impact(cn+"_total", u, ds+": use + manufacturing (production year), all components", k, "total", "", func(w *work, d *yr) {
				for j := range d {
					d[j] = w.useT[k][j] + w.manPT[k][j]
				}
			})
			impact(cn+"_total_amort", u, ds+": use + manufacturing (amortised), all components", k, "total_amort", "", func(w *work, d *yr) {
				for j := range d {
					d[j] = w.useT[k][j] + w.manAT[k][j]
				}
			})
		} else {
			impact(cn+"_total", u, ds+", all components (no manufacturing phase)", k, "total", "", func(w *work, d *yr) { *d = w.useT[k] })
		}
		impact(cn+"_use", u, ds+": use phase, all components", k, "use", "", func(w *work, d *yr) { *d = w.useT[k] })
		if manuf {
			impact(cn+"_manuf", u, ds+": manufacturing charged in the purchase year, all components", k, "manuf", "", func(w *work, d *yr) { *d = w.manPT[k] })
			impact(cn+"_manuf_amort", u, ds+": manufacturing amortised over life, all components", k, "manuf_amort", "", func(w *work, d *yr) { *d = w.manAT[k] })
		}
		compTotal := func(w *work, c int, d *yr) {
			if !manuf {
				*d = w.use[k][c]
				return
			}
			for j := range d {
				d[j] = w.use[k][c][j] + w.manP[k][c][j]
			}
		}
		impact(cn+"_train", u, ds+" of training (pretrain + posttrain)", k, "total", "train", func(w *work, d *yr) {
			var a, b yr
			compTotal(w, cPretrain, &a)
			compTotal(w, cPosttrain, &b)
			for j := range d {
				d[j] = a[j] + b[j]
			}
		})
		for c := range nComp {
			c := c
			what := " of " + compNames[c]
			if manuf {
				what += ": use + manufacturing (production year)"
			}
			impact(cn+"_"+compNames[c], u, ds+what, k, "total", compNames[c], func(w *work, d *yr) { compTotal(w, c, d) })
		}
		for c := range nComp {
			c := c
			impact(cn+"_use_"+compNames[c], u, ds+" of "+compNames[c]+": use phase", k, "use", compNames[c], func(w *work, d *yr) { *d = w.use[k][c] })
		}
		if manuf {
			for c := range nComp {
				c := c
				impact(cn+"_manuf_"+compNames[c], u, ds+" of "+compNames[c]+": manufacturing, purchase year", k, "manuf", compNames[c], func(w *work, d *yr) { *d = w.manP[k][c] })
			}
			for c := range nComp {
				c := c
				impact(cn+"_manuf_amort_"+compNames[c], u, ds+" of "+compNames[c]+": manufacturing, amortised", k, "manuf_amort", compNames[c], func(w *work, d *yr) { *d = w.manA[k][c] })
			}
		}
	}
	// Water split and manufacturing by equipment class (§5.1).
	impact("WATER_onsite", "m3", "water consumed on site (cooling), use phase, all components", kWATER, "use", "", func(w *work, d *yr) { *d = w.wonT })
	impact("WATER_offsite", "m3", "water consumed off site (electricity generation), use phase, all components", kWATER, "use", "", func(w *work, d *yr) { *d = w.woffT })
	for e := range nClassEq {
		e := e
		add(model.Output{Name: "GWP_manuf_" + eqNames[e], Unit: "kgCO2e", Kind: "diagnostic", Criterion: "GWP", Phase: "manuf",
			Description: "manufacturing GWP of the " + eqDesc[e] + " fleet, purchase year (New·e)"},
			func(w *work, d *yr) { *d = w.Mprod[e] })
	}
	diag("FE_network_avgalloc", "kWh", "network electricity under average allocation (kWh/GB × traffic), for contrast with the marginal FE_network", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = (w.Tuser[j] + w.Tbb[j]) * 1000 * w.aNet[j]
		}
	})
	// Diagnostics (§5.3).
	diag("dc_electricity", "kWh", "AI data-centre final electricity (pretrain, posttrain, infer, datagen without labelling, dataproc, storage); compare IEA", "diagnostic", func(w *work, d *yr) { *d = w.dcElec })
	diag("H100e_required", "H100e", "compute capacity required: allocated + reserve", "diagnostic", func(w *work, d *yr) { *d = w.capReq })
	diag("H100e_installed", "H100e", "compute capacity installed (vintage fleet, ≥ required); compare Epoch", "diagnostic", func(w *work, d *yr) { *d = w.fc.Inst })
	diag("H100e_purchased", "H100e", "compute capacity purchased in the year", "diagnostic", func(w *work, d *yr) { w.fc.purchases(d) })
	diag("H100e_infer", "H100e", "inference capacity dimensioned on peak (without reserve)", "diagnostic", func(w *work, d *yr) { *d = w.Cap[capIn] })
	diag("H_fleet", "1", "fleet FLOP/J relative to 2024 new hardware, p_full/p̄", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.x[fPFull] / w.pbar[j]
		}
	})
	diag("V_TB", "TB", "logical data stored, all classes", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.V[dcCorpus][j] + w.V[dcCkpt][j] + w.V[dcLogs][j] + w.V[dcUGC][j]
		}
	})
	for c := range nClass {
		c := c
		diag("V_TB_"+classNames[c], "TB", "logical data stored: "+classDesc[c], "diagnostic", func(w *work, d *yr) { *d = w.V[c] })
	}
	diag("S_TB_hot", "TB", "hot storage installed (physical, vintage fleet)", "diagnostic", func(w *work, d *yr) { *d = w.fh.Inst })
	diag("S_TB_cold", "TB", "cold storage installed (physical, vintage fleet)", "diagnostic", func(w *work, d *yr) { *d = w.fcold.Inst })
	diag("S_TB_purchased", "TB", "storage purchased in the year, hot + cold", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.fh.New[nPre+j] + w.fcold.New[nPre+j]
		}
	})
	diag("T_TB_user", "TB/yr", "user traffic delivered (text, reasoning, media)", "diagnostic", func(w *work, d *yr) { *d = w.Tuser })
	diag("T_TB_bulk", "TB/yr", "bulk WAN traffic (ingestion, replication, model distribution)", "diagnostic", func(w *work, d *yr) { *d = w.Tbb })
	diag("MW_dc", "MW", "data-centre IT power capacity installed (building fleet)", "diagnostic", func(w *work, d *yr) { *d = w.fbld.Inst })
	diag("CI_dc", "kgCO2e/kWh", "carbon intensity of AI data-centre electricity, location-based", "factor", func(w *work, d *yr) { *d = w.dcF.gwp })
	diag("CI_mb", "kgCO2e/kWh", "carbon intensity of AI data-centre electricity, market-based", "factor", func(w *work, d *yr) { *d = w.CImb })
	diag("PEF_dc", "MJ/kWh", "primary energy factor of AI data-centre electricity", "factor", func(w *work, d *yr) { *d = w.dcF.pe })
	diag("WUEoff_dc", "L/kWh", "off-site water of AI data-centre electricity", "factor", func(w *work, d *yr) { *d = w.dcF.wat })
	diag("ADPel_dc", "kgSbeq/kWh", "abiotic depletion of AI data-centre electricity", "factor", func(w *work, d *yr) { *d = w.dcF.adp })
	for r := range nRegion {
		r := r
		rn := regionNames[r]
		diag("CI_"+rn, "kgCO2e/kWh", "carbon intensity of delivered electricity, "+rn, "factor", func(w *work, d *yr) { *d = w.reg[r].gwp })
		diag("PEF_"+rn, "MJ/kWh", "primary energy factor of delivered electricity, "+rn, "factor", func(w *work, d *yr) { *d = w.reg[r].pe })
		diag("ADPel_"+rn, "kgSbeq/kWh", "abiotic depletion of delivered electricity, "+rn, "factor", func(w *work, d *yr) { *d = w.reg[r].adp })
		diag("WUEoff_"+rn, "L/kWh", "off-site water of delivered electricity, "+rn, "factor", func(w *work, d *yr) { *d = w.reg[r].wat })
	}
	diag("PUE", "1", "power usage effectiveness of AI data centres", "factor", func(w *work, d *yr) { *d = w.PUE })
	diag("WUE", "L/kWh", "on-site water per IT kWh", "factor", func(w *work, d *yr) { *d = w.WUE })
	diag("embodied_share", "1", "GWP_manuf / GWP_total (production year)", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.manPT[kGWP][j] / (w.useT[kGWP][j] + w.manPT[kGWP][j])
		}
	})
	diag("embodied_share_amort", "1", "GWP_manuf_amort / GWP_total_amort", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.manAT[kGWP][j] / (w.useT[kGWP][j] + w.manAT[kGWP][j])
		}
	})
	diag("storage_share", "1", "FE_storage / dc_electricity", "diagnostic", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.FE[cStorage][j] / w.dcElec[j]
		}
	})
	diag("ADPe_per_GWP", "kgSbeq/kgCO2e", "ADPe_total_amort / GWP_total_amort", "intensity", func(w *work, d *yr) {
		for j := range d {
			d[j] = (w.useT[kADPe][j] + w.manAT[kADPe][j]) / (w.useT[kGWP][j] + w.manAT[kGWP][j])
		}
	})
	// Intensities by service (§5.2).
	share := func(w *work, s, j int) float64 { return w.K[s][j] / max(w.Kin[j], 1e-30) }
	gwpInfer := func(w *work, s, j int) float64 {
		return (w.use[kGWP][cInfer][j] + w.manA[kGWP][cInfer][j]) * share(w, s, j)
	}
	for s := range nSv {
		s := s
		sn := svNames[s]
		add(model.Output{Name: "FE_infer_" + sn, Unit: "kWh", Kind: "impact", Criterion: "FE", Phase: "use", Component: "infer_" + sn,
			Description: "final electricity of inference for " + svDesc[s]}, func(w *work, d *yr) {
			for j := range d {
				d[j] = w.FE[cInfer][j] * share(w, s, j)
			}
		})
		add(model.Output{Name: "GWP_infer_" + sn, Unit: "kgCO2e", Kind: "impact", Criterion: "GWP", Phase: "total_amort", Component: "infer_" + sn,
			Description: "GWP of inference for " + svDesc[s] + ": use + amortised manufacturing"}, func(w *work, d *yr) {
			for j := range d {
				d[j] = gwpInfer(w, s, j)
			}
		})
	}
	for s := range nReqSv {
		s := s
		sn := svNames[s]
		per := func(name, unit, desc, crit string, f func(w *work, j int) float64, scale float64) {
			add(model.Output{Name: name + "_" + sn, Unit: unit, Kind: "intensity", Criterion: crit, Component: "infer_" + sn,
				Description: desc + " per " + svUnit[s]}, func(w *work, d *yr) {
				for j := range d {
					d[j] = f(w, j) * share(w, s, j) / max(w.N[s][j], 1e-30) * scale
				}
			})
		}
		add(model.Output{Name: "requests_" + sn, Unit: "1/yr", Kind: "diagnostic", Component: "infer_" + sn,
			Description: svUnit[s] + "s served per year"}, func(w *work, d *yr) { *d = w.N[s] })
		per("Wh_per_request", "Wh", "inference electricity (idle, reserve and PUE included)", "FE",
			func(w *work, j int) float64 { return w.FE[cInfer][j] }, 1000)
		add(model.Output{Name: "gCO2e_per_request_" + sn, Unit: "gCO2e", Kind: "intensity", Criterion: "GWP", Component: "infer_" + sn,
			Description: "GWP (location-based use + amortised manufacturing) per " + svUnit[s]}, func(w *work, d *yr) {
			for j := range d {
				d[j] = gwpInfer(w, s, j) / max(w.N[s][j], 1e-30) * 1000
			}
		})
		per("gCO2emb_per_request", "gCO2e", "GWP (market-based use + amortised manufacturing)", "GWPmb",
			func(w *work, j int) float64 { return w.use[kGWPmb][cInfer][j] + w.manA[kGWP][cInfer][j] }, 1000)
		per("mL_onsite_per_request", "mL", "on-site water", "WATER",
			func(w *work, j int) float64 { return w.won[cInfer][j] }, 1e6)
		per("mL_per_request", "mL", "water (on-site, off-site, amortised manufacturing)", "WATER",
			func(w *work, j int) float64 { return w.use[kWATER][cInfer][j] + w.manA[kWATER][cInfer][j] }, 1e6)
		per("mLeq_per_request", "mL world-eq", "water scarcity footprint (AWARE)", "WSF",
			func(w *work, j int) float64 { return w.use[kWSF][cInfer][j] + w.manA[kWSF][cInfer][j] }, 1e6)
		per("mgSb_per_request", "mgSbeq", "abiotic depletion (use + amortised manufacturing)", "ADPe",
			func(w *work, j int) float64 { return w.use[kADPe][cInfer][j] + w.manA[kADPe][cInfer][j] }, 1e6)
	}
	for _, s := range [2]int{svText, svReason} {
		sn := svNames[s]
		add(model.Output{Name: "Wh_per_token_" + sn, Unit: "Wh", Kind: "intensity", Criterion: "FE", Component: "infer_" + sn,
			Description: "inference electricity per output-token equivalent, " + sn}, func(w *work, d *yr) {
			for j := range d {
				d[j] = w.FE[cInfer][j] * share(w, s, j) / max(w.N[s][j], 1e-30) * 1000 / tokensPerRequest[s]
			}
		})
	}
	diag("FE_storage_per_TB", "kWh/TB", "storage electricity per logical TB-year stored", "intensity", func(w *work, d *yr) {
		for j := range d {
			v := w.V[dcCorpus][j] + w.V[dcCkpt][j] + w.V[dcLogs][j] + w.V[dcUGC][j]
			d[j] = w.FE[cStorage][j] / max(v, 1e-30)
		}
	})
	diag("FE_dataproc_per_TB", "kWh/TB", "data-processing electricity per TB processed", "intensity", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.EITdp[j] * w.PUE[j] / max(w.Pcur[j]+w.Pload[j], 1e-30)
		}
	})
	diag("FE_network_per_GB", "kWh/GB", "network electricity per GB carried, marginal (VoD) attribution", "intensity", func(w *work, d *yr) {
		for j := range d {
			d[j] = w.FE[cNetwork][j] / max((w.Tuser[j]+w.Tbb[j])*1000, 1e-30)
		}
	})
	diag("FE_network_avgalloc_per_GB", "kWh/GB", "average-allocation network intensity a(t) (diagnostic)", "intensity", func(w *work, d *yr) { *d = w.aNet })
	diag("service", "1", "volume of service at 2024 intensity, 1 in 2024 (lever efficiency counts as service)", "diagnostic", func(w *work, d *yr) { w.service(d) })
	diag("FE_per_service", "kWh", "FE_total per unit of service (the VoD intensity indicator)", "intensity", func(w *work, d *yr) {
		var sv yr
		w.service(&sv)
		for j := range d {
			d[j] = w.useT[kFE][j] / sv[j]
		}
	})
	diag("GWP_per_service", "kgCO2e", "GWP_total per unit of service", "intensity", func(w *work, d *yr) {
		var sv yr
		w.service(&sv)
		for j := range d {
			d[j] = (w.useT[kGWP][j] + w.manPT[kGWP][j]) / sv[j]
		}
	})
	if len(defs) != nOutputs {
		panic("aiglobal2: output table has the wrong length")
	}
	return defs
}

// service sets the service index (§5.2): Σ_s N_s·e_s0 + (K_oth·X_in + (K_pre
// + K_post)·X_tr)·8760·p_full·1000, normalised by its 2024 value.
func (w *work) service(d *yr) {
	pf := w.x[fPFull]
	var v yr
	for j := range nY {
		s := 0.0
		for k := range nReqSv {
			s += w.N[k][j] * w.e0[k]
		}
		v[j] = s + w.K[svOther][j]*w.Xin[j]*8760*pf*1000 + (w.Kpre[j]+w.Kpost[j])*w.Xtr[j]*8760*pf*1000
	}
	v24 := max(v[j24], 1e-30)
	for j := range nY {
		d[j] = v[j] / v24
	}
}

var (
	eqDesc    = [nClassEq]string{"compute (accelerators and hosts)", "data-processing CPU server", "hot storage", "cold storage", "network equipment", "data-centre building and M&E"}
	classDesc = [nClass]string{"training corpora", "checkpoints and model artefacts", "logs and telemetry", "user content"}
	svDesc    = [nSv]string{"text/chat", "reasoning/agentic requests", "image generation", "video generation", "other ML (recommendation, ranking, speech)"}
	svUnit    = [nReqSv]string{"text request", "reasoning request", "image", "video clip"}
)
