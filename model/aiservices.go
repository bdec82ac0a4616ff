package model

import (
	"fmt"
	"math"
	"sync"
)

func init() { Register("ai-services-v1", newAIServices) }

// AIServices is the impact model of one or several AI services (a chat
// assistant, an image generator, a recommender…): the single-service variant
// of ai-global (docs/ai-model-v1.md §3.8; registered as ai-services-v1), with the VoD logic of
// §1.4 applied to each service: its inference fleet is dimensioned on peak
// requests, each unit draws static (idle) plus dynamic power, the efficiency
// of new hardware improves, and absolute totals are reported beside the
// energy per request (the intensity indicator).
//
// The scenario lists the services as the model parameter services (e.g.
// `parameters: {services: [chat, image]}`, names [a-z][a-z0-9_]*). Each service
// s has its own 27 factors, named s.<factor> (svPerFactors); site, grid,
// hardware and storage-technology factors are shared, with the names and
// meanings of ai-global (svShared). Years t = 2020…2050, base year
// 2024, Δ = t − 2024, ramps f = clamp(Δ/26, 0, 1) and w = clamp((t − 2025)/5,
// 0, 1) as in ai-model-v1.md §3.1; hardware efficiency H(Δ) is ai-global's
// (h0, h1). Capacities are in 2024-H100-equivalents (H100e), whose power
// p(t) = p_full/H(t) falls with H. Per sample, service and year:
//
//	demand     N = 365·requests0·A(t)·(1 − s_suff·w)    requests/yr, with the logistic adoption
//	           A = 1 + (sat − 1)(1 − e^{−kΔ})/(1 + e^{−k(t − t_mid)})  (Δ ≥ 0),
//	           A = (1 + e^{−k(2024 − t_mid)})/(1 + e^{−k(t − t_mid)})  (Δ < 0, the logistic's tail)
//	inference  e(t) = E_req·c50^f/H  kWh per request at full load;  u = u24 + (u50 − u24)f
//	           Cap_in = π·N·(E_req·c50^f/p_full)/(8760·u)                 (peak rate ÷ target utilisation)
//	           EIT_in = 8760·p·Cap_in·λ(u/π),  λ(ℓ) = s_idle + (1 − s_idle)ℓ
//	                  = N·e·[s_idle·π/u + (1 − s_idle)]                   (static + dynamic)
//	training   G = exp(ln m_tr·τ(1 − e^{−Δ/τ})) (Δ ≥ 0), m_tr^Δ (Δ < 0)
//	           EIT_tr = runs·flop_run·G/(FJ24·H)/3.6e6,  Cap_tr = EIT_tr/(8760·p·λ(ū_tr))
//	           EIT_dp = k_dp·EIT_tr
//	storage    D = (corpus_TB + 16 B·params·n_ckpt)·√G  (data and model size ∝ compute^½)
//	           logs: inflow I = N·log_kB·1e-9 TB/yr, retention ℓ = l_log + (l_pol − l_log)w,
//	           V(2020) = I·ℓ,  V(t) = V(t−1)e^{−1/ℓ} + I·ℓ(1 − e^{−1/ℓ})
//	           S = (D + V)·k_rep/CR,  CR = CR24 + (CR50 − CR24)f,  EIT_sto = 8.76·S·w_sto·(1 − g_den)^Δ
//	network    T = N·kB_req·1e-15 EB/yr,  E_net = 8.76·253.7·T·κn·w_net·(1 − g_net)^Δ
//	use        FE = PUE·EIT (network: E_net), GWP = FE·CI, PE = FE·PEF, ADPe = FE·ADP_el,
//	           WATER = (EIT·WUEon + FE·WUEoff)/1000
//	manuf      New(t) = max(0, Cap(t) − Σ_{a≥1} New(t − a)·s(a)),  Cap = Cap_tr + Cap_in,
//	           s(a) = clamp(L_hw − a, 0, 1);  M_k = Σ_{a≥0} New(t − a)·e_k(t − a)·s(a)/L_hw,
//	           e_k(t) = e_k,2024 (1 + g_emb)^{−Δ}: fixed-life straight-line vintages (see vintages),
//	           split by capacity share, dataproc = k_dp × train; storage S(1 − g_den)^Δ/L_sto·e_sto
//	           (plain stock/lifetime, as ai-global); network ρ_net × use
//
// Why these forms:
//   - E_req is the IT energy of one request on a busy server (accelerators and
//     host, no idle fleet, no PUE): what benchmarks measure (Luccioni et al.
//     2024: ≈2.9 Wh per image on A100; Gemini's accelerator-only 0.10 Wh,
//     ≈0.14 Wh with its host share). The fleet's idle power and the PUE come
//     on top, so Wh_per_request is Google's comprehensive boundary (0.24 Wh
//     per Gemini text prompt; Epoch: 0.3 Wh per GPT-4o query).
//   - One 2024-H100e delivers E_req·c50^f/p_full hours per request whatever
//     H: capacity counts compute, so H lowers power, not Cap (ai-model-v1.md §3.1).
//   - There is no separate reserve (ai-global's r): target utilisation u covers
//     it, and no rebound: a service's demand is given by its adoption curve.
//     Sufficiency (s_suff) avoids requests; training is the provider's.
//   - Hardware lifetime has no use-phase effect: power per unit of compute
//     follows H for the whole fleet, as in ai-global.
//   - Training FLOP/J is the IT figure at training load, FJ24 ≈ 3e11 in 2024
//     (Llama 3.1: 3.8e25 FLOP on 39.3 M H100-h, ai-model-v1.md §2.3, §3.6); its
//     growth G decays from m_tr with time constant τ (training compute cannot
//     grow 2.5×/yr for 26 years). Corpus and checkpoints scale as √G
//     (compute-optimal data and parameters ∝ compute^½, Hoffmann et al. 2022);
//     checkpoints take 16 bytes per parameter (bf16 weights + fp32 Adam
//     states, ai-model-v1.md §3.8).
//   - Logs are a stock with exponential retention of mean ℓ, exact for an
//     inflow constant within each year, so ℓ may be days (30-day deletion).
//   - Network is not omitted: capacity-based marginal attribution with
//     ai-global's κn, w_net, g_net (§3.3 step 7), i.e. a per-GB factor of
//     8.76·253.7·κn·w_net·1e-9 kWh/GB (≈3e-5 at the medians), far below
//     average intensities (0.002–0.006 kWh/GB), on purpose (ai-model-v1.md §2.7).
//
// Outputs (trajectories over the selected years) for each criterion k ∈ {GWP
// kgCO2e, PE MJ, ADPe kgSbeq, FE kWh, WATER m3}: k_total, k_use, k_manuf (GWP,
// PE, ADPe only) and k_c (use + manuf) for c ∈ {train, infer, dataproc,
// storage, network}, summed over the services, then H100e and S_TB; then,
// per service s, the same impact outputs named s.k_total etc., and the
// diagnostics s.requests, s.Wh_per_request (inference FE per request: the
// intensity), s.Wh_per_request_total (all FE per request), s.gCO2e_per_request,
// s.H100e and s.S_TB.
//
// Guards keep every output finite and non-negative for any value the
// scenario's distributions can draw (and beyond): k_adopt ≥ 0, sat ≥ 0,
// s_suff ≤ 1, π ≥ 1, 0 < u ≤ 1, ℓ > 0, τ > 0, m_tr ≥ 0.01, 1 ≤ L_hw ≤ 50,
// L_sto ≥ 1, CR > 0, h and g_emb ≥ −0.99, g_den and g_net ≤ 0.99, logs of
// non-positive factors floored; they change nothing inside the ranges of
// scenarios/ai-services-v1.yaml.
type AIServices struct {
	names []string // services, in parameter order
	years []int    // selected calendar years
	pos   []int    // for each year 2020..2050, its index in years, or −1
	nOut  int      // outputs
	pool  sync.Pool
}

// Shared factors, named as in ai-global (aiFactors gives their unit and
// description).
const (
	shH0 = iota
	shH1
	shPFull
	shSIdle
	shUbarTr
	shPUE24
	shPUE50
	shCI24
	shCI50
	shPEF24
	shPEF50
	shADPEl
	shWUEon24
	shWUEonM
	shWUEoff24
	shWUEoffM
	shEGwp
	shEAdp
	shEPe
	shGEmb
	shFSsd
	shWHdd
	shWSsd
	shKSys
	shGDen
	shEHdd
	shESsd
	shLSto
	shKappaN
	shWNet
	shGNet
	svNShared
)

// svShared maps each shared factor to its ai-global factor.
var svShared = [svNShared]int{
	shH0: fH0, shH1: fH1, shPFull: fPFull, shSIdle: fSIdle, shUbarTr: fUbarTr,
	shPUE24: fPUE24, shPUE50: fPUE50, shCI24: fCI24, shCI50: fCI50,
	shPEF24: fPEF24, shPEF50: fPEF50, shADPEl: fADPEl,
	shWUEon24: fWUEon24, shWUEonM: fWUEonM, shWUEoff24: fWUEoff24, shWUEoffM: fWUEoffM,
	shEGwp: fEGwp, shEAdp: fEAdp, shEPe: fEPe, shGEmb: fGEmb,
	shFSsd: fFSsd, shWHdd: fWHdd, shWSsd: fWSsd, shKSys: fKSys, shGDen: fGDen,
	shEHdd: fEHdd, shESsd: fESsd, shLSto: fLSto,
	shKappaN: fKappaN, shWNet: fWNet, shGNet: fGNet,
}

// Per-service factors, named <service>.<name>.
const (
	pReq0 = iota
	pSat
	pTMid
	pKAdopt
	pSSuff
	pEReq
	pC50
	pPi
	pU24
	pU50
	pRuns
	pFlopRun
	pMTr
	pTauTr
	pFJ24
	pKDp
	pCorpusTB
	pParamsB
	pNCkpt
	pLogKB
	pLLog
	pLPol
	pCR24
	pCR50
	pKRep
	pKBReq
	pLHw
	svNPer
)

var svPerFactors = [svNPer]Factor{
	pReq0:     {"requests0", "1/day", "requests per day, 2024"},
	pSat:      {"sat", "1", "saturation multiple of requests: level reached ÷ 2024 level (logistic adoption)"},
	pTMid:     {"t_mid", "yr", "midpoint year of the logistic adoption curve"},
	pKAdopt:   {"k_adopt", "1/yr", "steepness of the logistic adoption curve"},
	pSSuff:    {"s_suff", "1", "share of requests avoided by sufficiency (ramped 2026–2030)"},
	pEReq:     {"E_req", "Wh", "IT energy per request on a busy server, 2024 (accelerators + host; no idle fleet, no PUE)"},
	pC50:      {"c50", "1", "compute per request in 2050 ÷ 2024 at constant hardware (model size, output length vs distillation, batching), geometric ramp"},
	pPi:       {"pi", "1", "peak/average request rate"},
	pU24:      {"u24", "1", "target utilisation of the inference fleet at peak, 2024"},
	pU50:      {"u50", "1", "target utilisation of the inference fleet at peak, 2050"},
	pRuns:     {"runs", "1/yr", "full-size-equivalent training runs per year, 2024 (final runs, fine-tunes, experiments)"},
	pFlopRun:  {"flop_run", "FLOP", "compute per training run, 2024"},
	pMTr:      {"m_tr", "1/yr", "growth factor of training compute per year, 2024"},
	pTauTr:    {"tau_tr", "yr", "decay time of the growth of training compute"},
	pFJ24:     {"FJ24", "FLOP/J", "training FLOP per joule of IT energy at training load, 2024 hardware"},
	pKDp:      {"k_dp", "1", "data processing/ingestion IT energy ÷ training IT energy"},
	pCorpusTB: {"corpus_TB", "TB", "training data at rest (logical), 2024"},
	pParamsB:  {"params_B", "1e9", "model parameters, 2024, in billions"},
	pNCkpt:    {"n_ckpt", "1", "checkpoints kept, 16 bytes per parameter each"},
	pLogKB:    {"log_kB", "kB", "data stored per request (prompt, response, generated media)"},
	pLLog:     {"l_log", "yr", "mean retention of stored requests before policy"},
	pLPol:     {"l_pol", "yr", "mean retention of stored requests after policy (ramped 2026–2030)"},
	pCR24:     {"CR24", "1", "effective compression of stored data, 2024"},
	pCR50:     {"CR50", "1", "effective compression of stored data, 2050"},
	pKRep:     {"k_rep", "1", "replicas + redundancy + free space"},
	pKBReq:    {"kB_req", "kB", "network payload per request (prompt + response delivered)"},
	pLHw:      {"L_hw", "yr", "compute hardware lifetime"},
}

// Outputs: the impact block (svNImpact outputs, ordered as ai-global's k_total,
// k_use, k_manuf, k_c) totalled over services, then svNTotalDiag diagnostics;
// then per service its impact block and svNSvcDiag diagnostics.
const (
	svNImpact    = nCrit*(2+nComp) + nManufCrit
	svNTotalDiag = 2
	svNSvcDiag   = 6
	svPerService = svNImpact + svNSvcDiag
)

// Offsets of the diagnostics in a service's output block.
const (
	dsRequests = svNImpact + iota
	dsWhPerReq
	dsWhPerReqTotal
	dsGPerReq
	dsH100e
	dsSTB
)

var svSvcDiag = [svNSvcDiag]struct{ name, unit, desc string }{
	{"requests", "1/yr", "requests served per year N"},
	{"Wh_per_request", "Wh", "inference final electricity per request (accelerators, host, idle fleet, PUE: the intensity indicator, Gemini's comprehensive boundary)"},
	{"Wh_per_request_total", "Wh", "final electricity of all components per request (training, data, storage and network included)"},
	{"gCO2e_per_request", "gCO2e", "GWP of all components and phases per request"},
	{"H100e", "H100e", "installed compute Cap_tr + Cap_in, 2024-H100-equivalents"},
	{"S_TB", "TB", "physical storage capacity S"},
}

const (
	svMaxLife   = 50.0                    // cap on L_hw, beyond the span of the model
	svChunk     = 64                      // samples evaluated together, as aiChunk
	bytesPerPar = 16.0                    // checkpoint bytes per parameter (bf16 weights + fp32 Adam states)
	jPerKWh     = 3.6e6                   // J per kWh
	maxExpArg   = 700.0                   // keeps e^x finite in the adoption curve
	tbPerKB     = 1e-9                    // TB per kB
	ebPerKB     = 1e-15                   // EB per kB
	daysPerYear = 365.0                   // requests0 is per day
	wattYearKWh = hours / 1000            // kWh per W over a year (8.76)
	gbpsYearKWh = gbpsPerE * hours / 1000 // kWh per (EB/yr × W/Gbps): 8.76 × 253.7
)

func newAIServices(cfg Config) (Model, error) {
	p := newParams("ai-services-v1", cfg.Params)
	names, err := serviceNames(p)
	if err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	years, pos, err := selectYears(cfg.Years, aiFirstYear, aiLastYear)
	if err != nil {
		return nil, err
	}
	m := &AIServices{names: names, years: years, pos: pos}
	m.nOut = svNImpact + svNTotalDiag + len(names)*svPerService
	ns := len(names)
	m.pool.New = func() any {
		return &svScratch{
			sh:  make([]svSharedState, svChunk),
			sv:  make([]svState, svChunk*ns),
			buf: make([]float64, m.nOut*svChunk),
		}
	}
	return m, nil
}

// serviceNames reads the parameter services: a non-empty list of distinct
// names matching [a-z][a-z0-9_]*.
func serviceNames(p *params) ([]string, error) {
	const name = "services"
	p.known = append(p.known, name)
	v, ok := p.m[name]
	if !ok {
		return nil, &ParamError{Param: name, Msg: "missing: list the AI services to model, e.g. services: [chat, image]"}
	}
	var l []any
	switch x := v.(type) {
	case []any:
		l = x
	case []string: // from Go callers; scenario files give []any
		for _, e := range x {
			l = append(l, e)
		}
	default:
		return nil, &ParamError{Param: name, Msg: fmt.Sprintf("want a list of service names, got %v (%T)", v, v)}
	}
	if len(l) == 0 {
		return nil, &ParamError{Param: name, Msg: "empty list: name at least one service"}
	}
	names := make([]string, len(l))
	for i, e := range l {
		s, ok := e.(string)
		if !ok {
			return nil, &ParamError{Param: name, Msg: fmt.Sprintf("element %d is %v (%T); want a name", i, e, e)}
		}
		if !validServiceName(s) {
			return nil, &ParamError{Param: name, Msg: fmt.Sprintf("element %d: %q is not a valid name (want [a-z][a-z0-9_]*)", i, s)}
		}
		for _, prev := range names[:i] {
			if prev == s {
				return nil, &ParamError{Param: name, Msg: fmt.Sprintf("service %q is listed twice", s)}
			}
		}
		names[i] = s
	}
	return names, nil
}

func validServiceName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Services lists the services, in parameter order.
func (m *AIServices) Services() []string { return append([]string(nil), m.names...) }

// Factors lists the shared factors, then each service's factors.
func (m *AIServices) Factors() []Factor {
	fs := make([]Factor, 0, svNShared+len(m.names)*svNPer)
	for _, j := range svShared {
		fs = append(fs, aiFactors[j])
	}
	for _, s := range m.names {
		for _, f := range svPerFactors {
			fs = append(fs, Factor{Name: s + "." + f.Name, Unit: f.Unit, Description: s + ": " + f.Description})
		}
	}
	return fs
}

// Outputs lists the totals over services, then each service's outputs.
func (m *AIServices) Outputs() []Output {
	outs := make([]Output, 0, m.nOut)
	add := func(name, unit, desc string) {
		outs = append(outs, Output{Name: name, Unit: unit, Description: desc, Years: append([]int(nil), m.years...)})
	}
	impacts := func(prefix, what string) {
		for k := range nCrit {
			name, unit, desc := prefix+critNames[k], critUnits[k], critDesc[k]
			add(name+"_total", unit, desc+", all components and phases, "+what+", per year")
			add(name+"_use", unit, desc+", use phase, all components, "+what+", per year")
			if k < nManufCrit {
				add(name+"_manuf", unit, desc+", manufacturing (embodied, amortised), all components, "+what+", per year")
			}
			for _, c := range compNames {
				add(name+"_"+c, unit, desc+" of "+c+", use + manufacturing, "+what+", per year")
			}
		}
	}
	impacts("", "all services")
	add("H100e", "H100e", "installed compute of all services, 2024-H100-equivalents")
	add("S_TB", "TB", "physical storage capacity of all services")
	for _, s := range m.names {
		impacts(s+".", "service "+s)
		for _, d := range svSvcDiag {
			add(s+"."+d.name, d.unit, s+": "+d.desc)
		}
	}
	return outs
}

// DefaultIndexOutputs names the outputs that get sensitivity indices unless
// the scenario chooses: the totals of the five criteria over all services.
func (m *AIServices) DefaultIndexOutputs() []string {
	return []string{"GWP_total", "PE_total", "ADPe_total", "FE_total", "WATER_total"}
}

// svScratch is the per-call working memory, pooled so that Evaluate does
// not allocate in steady state.
type svScratch struct {
	sh  []svSharedState
	sv  []svState // sample i, service s at i*len(names) + s
	buf []float64 // output o, sample i at o*svChunk + i
}

// Evaluate runs the model on chunks of samples, year by year; each year's
// outputs are staged in a buffer and copied as contiguous runs (see aiChunk).
func (m *AIServices) Evaluate(in, out [][]float64) {
	n := len(in[0])
	ny := len(m.years)
	ns := len(m.names)
	sc := m.pool.Get().(*svScratch)
	defer m.pool.Put(sc)
	for s0 := 0; s0 < n; s0 += svChunk {
		cn := min(svChunk, n-s0)
		for i := range cn {
			sc.sh[i].init(in, s0+i)
			for s := range ns {
				sc.sv[i*ns+s].init(in, svNShared+s*svNPer, s0+i)
			}
		}
		for j := range aiNYears {
			col := m.pos[j]
			for i := range cn {
				m.step(sc, j, col >= 0, i)
			}
			if col < 0 {
				continue
			}
			for o := range m.nOut {
				copy(out[o*ny+col][s0:s0+cn], sc.buf[o*svChunk:o*svChunk+cn])
			}
		}
	}
}

// svSharedState is one sample's shared factors and the constants derived
// from them.
type svSharedState struct {
	x                   [svNShared]float64
	rho0, rho1          float64 // ln(1 + h0), ln(1 + h1)
	lamTr               float64 // λ(ū_tr)
	lnCI, lnWon, lnWoff float64 // ln(CI50/CI24), ln WUEon_m, ln WUEoff_m
	lnDen, lnNet, lnEmb float64 // ln(1 − g_den), ln(1 − g_net), ln(1 + g_emb)
	stepEmb             float64 // 1 + g_emb
	invLsto             float64
	wSto                float64 // k_sys [f_ssd w_ssd + (1 − f_ssd) w_hdd], W/TB
	stoK                [nManufCrit]float64
	netW                float64 // kWh per EB/yr of traffic at 2024 w_net
	pFull               float64 // guarded p_full > 0

	// Per-year powers kept as running products, advanced one year at a
	// time by advance (as in aiState: one multiplication instead of an exp).
	dens, netDecl, decl       float64 // (1 − g_den)^Δ, (1 − g_net)^Δ, (1 + g_emb)^{−Δ}
	ciF, wonF, woffF          float64 // (CI50/CI24)^f, WUEon_m^f, WUEoff_m^f
	stepDen, stepNet          float64 // 1 − g_den, 1 − g_net
	stepCI, stepWon, stepWoff float64 // one year of f: (·)^{1/26}
}

func (a *svSharedState) init(in [][]float64, s int) {
	x := &a.x
	for j := range x {
		x[j] = in[j][s]
	}
	a.rho0, a.rho1 = math.Log1p(max(x[shH0], -0.99)), math.Log1p(max(x[shH1], -0.99))
	a.lamTr = max(x[shSIdle]+(1-x[shSIdle])*x[shUbarTr], 1e-9)
	a.lnCI = math.Log(max(x[shCI50], 1e-300) / max(x[shCI24], 1e-300))
	a.lnWon, a.lnWoff = math.Log(max(x[shWUEonM], 1e-300)), math.Log(max(x[shWUEoffM], 1e-300))
	a.lnDen = math.Log(max(1-x[shGDen], 0.01))
	a.lnNet = math.Log(max(1-x[shGNet], 0.01))
	a.lnEmb = math.Log1p(max(x[shGEmb], -0.99))
	a.stepEmb = math.Exp(a.lnEmb)
	a.invLsto = 1 / max(x[shLSto], 1)
	fssd := x[shFSsd]
	a.wSto = x[shKSys] * (fssd*x[shWSsd] + (1-fssd)*x[shWHdd])
	eSsd, eHdd := fssd*x[shESsd], (1-fssd)*x[shEHdd]
	a.stoK = [nManufCrit]float64{critGWP: eSsd + eHdd, critPE: eSsd*ssdPE + eHdd*hddPE, critADPe: eSsd*ssdADP + eHdd*hddADP}
	a.netW = gbpsYearKWh * x[shKappaN] * x[shWNet]
	a.pFull = max(x[shPFull], 1e-9)

	d0 := yearTables.d[0]
	a.dens, a.stepDen = math.Exp(d0*a.lnDen), math.Exp(a.lnDen)
	a.netDecl, a.stepNet = math.Exp(d0*a.lnNet), math.Exp(a.lnNet)
	a.decl = math.Exp(-d0 * a.lnEmb)
	a.ciF, a.stepCI = 1, math.Exp(a.lnCI/26)
	a.wonF, a.stepWon = 1, math.Exp(a.lnWon/26)
	a.woffF, a.stepWoff = 1, math.Exp(a.lnWoff/26)
}

// advance moves the running powers from year index j − 1 to j.
func (a *svSharedState) advance(j int) {
	a.dens *= a.stepDen
	a.netDecl *= a.stepNet
	a.decl /= a.stepEmb
	if yearTables.d[j] > 0 {
		a.ciF *= a.stepCI
		a.wonF *= a.stepWon
		a.woffF *= a.stepWoff
	}
}

// unit is the 2024 embodied impact of criterion k per H100e (ai-global G1–G3).
func (a *svSharedState) unit(k int) float64 {
	switch k {
	case critGWP:
		return a.x[shEGwp]
	case critPE:
		return a.x[shEPe]
	}
	return a.x[shEAdp]
}

// svState is one sample's factors of one service, constants derived from
// them, and the state of its recursions (stored logs, hardware vintages).
type svState struct {
	x          [svNPer]float64
	n24        float64 // requests per year, 2024
	k, sat     float64 // guarded k_adopt ≥ 0, sat ≥ 0
	b24        float64 // e^{−k(2024 − t_mid)}
	lnC50      float64
	pi         float64 // ≥ 1
	eReq       float64 // E_req in kWh
	tc24       float64 // training FLOP per year, 2024
	fj         float64 // guarded FJ24 > 0
	lnMTr, tau float64
	ckptTB     float64 // checkpoints, TB, 2024
	life       float64 // L_hw, guarded to [1, svMaxLife]

	// Running products, advanced by advance.
	a        float64 // e^{−k(t − t_mid)} (Δ ≥ 0)
	ekd      float64 // e^{−kΔ} (Δ ≥ 0)
	cF       float64 // c50^f
	decayTau float64 // e^{−Δ/τ} (Δ ≥ 0)
	stepA    float64 // e^{−k}
	stepC    float64 // c50^{1/26}
	stepTau  float64 // e^{−1/τ}

	logs    float64           // TB of stored requests at the end of the previous year
	ell     float64           // retention ℓ of the previous year (0 before the first)
	gone    float64           // 1 − e^{−1/ℓ}, the share of the stock deleted in a year
	v20     float64           // size of each pre-2020 vintage, Cap(2020)/L_hw
	decl20  float64           // (1 + g_emb)^4, the 2020 embodied in 2024 units
	bought  [aiNYears]float64 // New(t), H100e bought in year index j
	boughtE [aiNYears]float64 // New(t)·(1 + g_emb)^{−Δ}: their embodied in 2024 units
}

func (v *svState) init(in [][]float64, off, s int) {
	x := &v.x
	for j := range x {
		x[j] = in[off+j][s]
	}
	v.n24 = daysPerYear * x[pReq0]
	v.k, v.sat = max(x[pKAdopt], 0), max(x[pSat], 0)
	v.b24 = math.Exp(min(-v.k*(aiBaseYear-x[pTMid]), maxExpArg))
	v.lnC50 = math.Log(max(x[pC50], 1e-300))
	v.pi = max(x[pPi], 1)
	v.eReq = x[pEReq] / 1000
	v.tc24 = x[pRuns] * x[pFlopRun]
	v.fj = max(x[pFJ24], 1e-300)
	v.lnMTr = math.Log(max(x[pMTr], 0.01))
	v.tau = max(x[pTauTr], 1e-9)
	v.ckptTB = bytesPerPar * x[pParamsB] * 1e9 * x[pNCkpt] / 1e12
	v.life = min(max(x[pLHw], 1), svMaxLife)
	v.a, v.stepA = v.b24, math.Exp(-v.k)
	v.ekd, v.decayTau, v.stepTau = 1, 1, math.Exp(-1/v.tau)
	v.cF, v.stepC = 1, math.Exp(v.lnC50/26)
	v.logs, v.v20, v.ell = 0, 0, 0
}

// step advances sample i to year index j (years must come in order from
// 2020) and, if emit, writes its outputs to sc.buf[··svChunk + i].
func (m *AIServices) step(sc *svScratch, j int, emit bool, i int) {
	sh := &sc.sh[i]
	x := &sh.x
	d, f, w := yearTables.d[j], yearTables.f[j], yearTables.w[j]

	// Shared, per year: hardware efficiency, unit power, facility and grid.
	h := math.Exp(lnHardware(d, sh.rho0, sh.rho1))
	pkw := sh.pFull / h // kW per 2024-H100e at full load
	sIdle := x[shSIdle]
	pue := x[shPUE24] + (x[shPUE50]-x[shPUE24])*f
	if j > 0 {
		sh.advance(j)
	}
	dens, netDecl, decl := sh.dens, sh.netDecl, sh.decl
	site := siteFactors{pue: pue, ci: x[shCI24] * sh.ciF, pef: x[shPEF24] + (x[shPEF50]-x[shPEF24])*f,
		adpEl: x[shADPEl], wueOn: x[shWUEon24] * sh.wonF, wueOff: x[shWUEoff24] * sh.woffF}

	ns := len(m.names)
	var tot [svNImpact]float64
	var totCap, totS float64
	for s := range ns {
		v := &sc.sv[i*ns+s]
		y := &v.x

		if j > 0 {
			v.advance(j)
		}

		// Demand: logistic adoption from the 2024 level towards sat × it.
		var adopt float64
		if d >= 0 {
			adopt = 1 + (v.sat-1)*(1-v.ekd)/(1+v.a)
		} else { // exact, so that both exponents are clamped alike
			adopt = (1 + v.b24) / (1 + math.Exp(min(-v.k*(d+aiBaseYear-y[pTMid]), maxExpArg)))
		}
		nReq := v.n24 * adopt * max(1-y[pSSuff]*w, 0)

		// Inference: capacity dimensioned on the peak request rate, static
		// power on all of it, dynamic power on its mean load u/π.
		c := v.cF
		u := min(max(y[pU24]+(y[pU50]-y[pU24])*f, 1e-9), 1)
		capIn := v.pi * nReq * (v.eReq * c / sh.pFull) / (hours * u)
		eitIn := hours * pkw * capIn * (sIdle + (1-sIdle)*(u/v.pi))

		// Training and data processing.
		var lnG float64
		if d >= 0 {
			lnG = v.lnMTr * v.tau * (1 - v.decayTau)
		} else {
			lnG = v.lnMTr * d
		}
		g := math.Exp(lnG)
		eitTr := v.tc24 * g / (v.fj * h) / jPerKWh
		capTr := eitTr / (hours * pkw * sh.lamTr)
		eitDp := y[pKDp] * eitTr

		// Storage: corpus and checkpoints ∝ √G, logs a stock with
		// exponential retention of mean ℓ.
		ell := max(y[pLLog]+(y[pLPol]-y[pLLog])*w, 1e-6)
		inflow := nReq * y[pLogKB] * tbPerKB
		if j == 0 {
			v.logs = inflow * ell
		} else {
			if ell != v.ell { // ℓ changes only while the policy ramps in
				v.ell, v.gone = ell, -math.Expm1(-1/ell)
			}
			v.logs = v.logs*(1-v.gone) + inflow*ell*v.gone
		}
		cr := max(y[pCR24]+(y[pCR50]-y[pCR24])*f, 1e-9)
		sTB := ((y[pCorpusTB]+v.ckptTB)*math.Sqrt(g) + v.logs) * y[pKRep] / cr
		eitSto := sTB * sh.wSto * dens * wattYearKWh

		// Network: capacity-based marginal energy of the traffic.
		eNet := nReq * y[pKBReq] * ebPerKB * sh.netW * netDecl

		// Manufacturing, the vintages (every year, emitted or not).
		capAll := capTr + capIn
		charge := v.vintages(j, capAll, decl, sh.stepEmb)
		if !emit {
			continue
		}

		// Use phase.
		eit := [nComp]float64{eitTr, eitIn, eitDp, eitSto, 0}
		var fe [nComp]float64
		var use [nCrit][nComp]float64
		useImpacts(&fe, &use, &eit, eNet, &site)

		// Manufacturing, the split.
		shareTr := 0.5
		if capAll > 0 {
			shareTr = capTr / capAll
		}
		gSto := sTB * dens * sh.invLsto
		var annual [nManufCrit]float64
		for k := range nManufCrit {
			annual[k] = charge * sh.unit(k)
		}
		var man [nManufCrit][nComp]float64
		splitManuf(&man, &annual, shareTr, y[pKDp], gSto, &sh.stoK, &use)

		o0 := svNImpact + svNTotalDiag + s*svPerService
		totals := putImpacts(sc.buf, o0, i, &use, &man, &tot)
		put := func(o int, val float64) { sc.buf[(o0+o)*svChunk+i] = val }
		put(dsRequests, nReq)
		put(dsWhPerReq, 1000*ratio(fe[compInfer], nReq))
		put(dsWhPerReqTotal, 1000*ratio(totals[critFE], nReq))
		put(dsGPerReq, 1000*ratio(totals[critGWP], nReq))
		put(dsH100e, capAll)
		put(dsSTB, sTB)
		totCap += capAll
		totS += sTB
	}
	if !emit {
		return
	}
	for o, val := range tot {
		sc.buf[o*svChunk+i] = val
	}
	sc.buf[svNImpact*svChunk+i] = totCap
	sc.buf[(svNImpact+1)*svChunk+i] = totS
}

// putImpacts writes one impact block (k_total, k_use, k_manuf, k_c for each
// criterion k) from output o0 on, adds it to tot, and returns the k_total.
func putImpacts(buf []float64, o0, i int, use *[nCrit][nComp]float64, man *[nManufCrit][nComp]float64, tot *[svNImpact]float64) (totals [nCrit]float64) {
	o := 0
	put := func(val float64) {
		buf[(o0+o)*svChunk+i] = val
		tot[o] += val
		o++
	}
	for k := range nCrit {
		var su, sm float64
		for c := range nComp {
			su += use[k][c]
		}
		if k < nManufCrit {
			for c := range nComp {
				sm += man[k][c]
			}
		}
		totals[k] = su + sm
		put(su + sm)
		put(su)
		if k < nManufCrit {
			put(sm)
		}
		for c := range nComp {
			if k < nManufCrit {
				put(use[k][c] + man[k][c])
			} else {
				put(use[k][c])
			}
		}
	}
	return totals
}

// advance moves the running products from year index j − 1 to j.
func (v *svState) advance(j int) {
	if yearTables.d[j] > 0 {
		v.a *= v.stepA
		v.ekd *= v.stepA
		v.decayTau *= v.stepTau
		v.cF *= v.stepC
	}
}

// vintages records the compute bought in year index j and returns the
// year's straight-line charge of all vintages, in H100e at 2024 embodied
// intensity (× e_k gives the annual manufacturing impact).
//
// A vintage of New units bought at Δ is charged New·(1 + g_emb)^{−Δ}/L per
// year during its life of L = L_hw years, the last year pro rata, then
// retired: at age a it survives and is charged in proportion
// s(a) = clamp(L − a, 0, 1), and Σ_a s(a) = L charges its embodied impact
// exactly once. Purchases fill the gap to the capacity needed:
// New(t) = max(0, Cap(t) − Σ_{a≥1} New(t − a)·s(a)). The 2020 stock is a
// steady state: vintages of Cap(2020)/L bought in each of the L years before.
// Unlike ai-global's geometric survival (1 − 1/L)^a, a unit is never charged
// after its life, so old vintages made at a higher embodied intensity do not
// linger when (1 + g_emb)(1 − 1/L) ≥ 1.
func (v *svState) vintages(j int, capAll, decl, stepEmb float64) float64 {
	life := v.life
	if j == 0 {
		v.v20, v.decl20 = capAll/life, decl
	}
	surv := v.v20 * max(life-1-float64(j), 0) // pre-2020 vintages still in use
	for a := 1; a <= j && float64(a) < life; a++ {
		surv += v.bought[j-a] * min(life-float64(a), 1)
	}
	nw := max(0, capAll-surv)
	v.bought[j], v.boughtE[j] = nw, nw*decl
	var charge float64
	for a := 0; a <= j && float64(a) < life; a++ {
		charge += v.boughtE[j-a] * min(life-float64(a), 1)
	}
	// Pre-2020 vintage 2020 − b, embodied (1 + g_emb)^{4 + b}, at age j + b.
	e := v.decl20 * stepEmb
	for b := 1; float64(j+b) < life; b++ {
		charge += v.v20 * e * min(life-float64(j+b), 1)
		e *= stepEmb
	}
	return charge / life
}
