package model

import (
	"fmt"
	"math"
	"strings"
)

func init() { Register("ai-global-v1", newAIGlobal) }

// AIGlobal is the fleet-level model of the environmental impacts of AI
// ("AI-global v1"), specified in docs/ai-model-v1.md §3 and
// implemented exactly as its numpy oracle ai_model_reference.py run(P, nominal) (a copy is model/testdata/ai_model_reference.py).
//
// Years t = 2020…2050, base year 2024, Δ = t − 2024, ramp f = clamp(Δ/26, 0, 1)
// and policy ramp w = clamp((t − 2025)/5, 0, 1) (§3.1). Capacities are in
// 2024-H100-equivalents (H100e). Per sample and year:
//
//	growth    lnG(Δ) = r∞Δ + (r0 − r∞)τ(1 − e^{−Δ/τ}) (Δ ≥ 0), ln(m_hist)Δ (Δ < 0)
//	hardware  lnH(Δ) = ρ0Δ + (ρ1 − ρ0)Δ²/52 (0 ≤ Δ ≤ 26), ρ0Δ (Δ < 0); H_ref from the medians of h0, h1
//	step 1    Ctr0 = φtr C0 (1 − r24),  Cin0 = (1 − φtr) C0 (1 − r24)
//	step 2    U_x = C_x0 G_x (1 − s_suff w)
//	step 3    K_x = U_x X_x^{−f} [(H/H_ref) X_x^{f}]^{ε}
//	step 4    Cap_tr = K_tr, Cap_in = K_in u24/u, Cap_res = r/(1 − r)(Cap_tr + Cap_in)
//	step 5    EIT_tr = 8760 (p_full/H)[Cap_tr λ(ū_tr) + sh Cap_res λ(0)], EIT_in likewise with λ(u/π),
//	          EIT_dp = k_dp EIT_tr, then all compute scaled by min(1, E_cap / (PUE ΣEIT))
//	step 6    V(t) = V(t−1)(1 − 1/ℓ) + i_rate V24 σ^{ηd},  S = V 1e6 k_rep / CR,
//	          EIT_sto = 8.76 S k_sys [f_ssd w_ssd + (1 − f_ssd) w_hdd] (1 − g_den)^Δ
//	step 7    T = T24 (U_in scale / Cin0) CR24/CR,  E_net = 8.76 · 253.7 T κn w_net (1 − g_net)^Δ
//	step 8    FE = PUE·EIT (network: E_net); GWP = FE·CI, PE = FE·PEF, ADPe = FE·ADP_el,
//	          WATER = (EIT·WUEon + FE·WUEoff)/1000
//	step 9    B_k(t) = B_k(t−1)(1 − 1/L_hw) + New(t) e_k (1 + g_emb)^{−Δ}, M_k = B_k/L_hw;
//	          storage S(1 − g_den)^Δ/L_sto · e_sto; network ρ_net × use
//
// with the fixed constants η_n = 1, ρ_net = 0.3 and the Boavizta PE/ADPe
// ratios of §3.2. The code follows these steps in order (step 9's recursion
// runs in every year, before step 8, whose values only the emitted years
// need); see ai-model-v1.md §3.3 for the reasoning behind each. H_ref uses
// Config.Medians["h0"] and ["h1"], never the sample (§3.5).
//
// Outputs (all trajectories over the selected years, default 2020–2050; every
// impact is annual), for each criterion k ∈ {GWP kgCO2e, PE MJ, ADPe kgSbeq,
// FE kWh, WATER m3} and component c ∈ {train, infer, dataproc, storage,
// network}: k_total, k_use, k_manuf, k_c (use + manuf), k_use_c and
// k_manuf_c; FE and WATER have no manufacturing phase, so no k_manuf*
// outputs (their k_c equal k_use_c and k_total equals k_use). Then the
// diagnostics of §3.4: H100e, V_EB, S_TB, service, T_EB, dc_electricity,
// GWP_manuf_prodyear, embodied_share, storage_share and the intensities
// FE_per_service, GWP_per_service, FE_storage_per_EB, FE_network_per_EB.
//
// Guards of §3.5 keep every output finite and non-negative for any value the
// §3.2 distributions can draw: scale is clamped to [0, 1], shares divide by
// max(Cap, 1e-30), ℓ ≥ 1, L_hw ≥ 1, L_sto ≥ 1 and r < 1; they change nothing
// inside the distributions' ranges. The oracle's ratios (U_in scale/Cin0,
// (U_tr + U_in)/(Ctr0 + Cin0)) are computed in their simplified form
// (G_in·suff·scale), which is equal in exact arithmetic and never divides by 0.
type AIGlobal struct {
	years  []int // selected calendar years
	pos    []int // for each year 2020..2050, its index in years, or −1
	lnHref [aiNYears]float64
}

// Calendar span of the model (§3.1).
const (
	aiFirstYear = 2020
	aiLastYear  = 2050
	aiBaseYear  = 2024
	aiNYears    = aiLastYear - aiFirstYear + 1
)

// Fixed constants of §3.2.
const (
	rhoNet   = 0.3    // ρ_net, network embodied / use ratio
	ssdPE    = 12.4   // MJ per kgCO2e of SSD embodied (Boavizta 27.3/2.2)
	ssdADP   = 2.9e-5 // kgSbeq per kgCO2e of SSD embodied (6.3e-5/2.2)
	hddPE    = 8.9    // MJ per kgCO2e of HDD embodied (276/31.11)
	hddADP   = 8.0e-6 // kgSbeq per kgCO2e of HDD embodied (2.5e-4/31.11)
	gbpsPerE = 253.7  // average Gbps per EB/yr (8e9 Gb / 3.1536e7 s)
	hours    = 8760.0 // hours per year
	tinyCap  = 1e-30  // floor of denominators, as in the oracle
)

// Factor indices, in the order of the oracle's sample() dict (§3.2 table).
const (
	fC0 = iota
	fPhiTr
	fMTr0
	fMIn0
	fMInf
	fTau
	fMHist
	fEps
	fSSuff
	fECap
	fH0
	fH1
	fXTr
	fXIn
	fPi
	fU24
	fU50
	fUbarTr
	fR24
	fR50
	fSIdle
	fPFull
	fPUE24
	fPUE50
	fKDp
	fV24
	fIRate
	fEtaD
	fLHist
	fLPol
	fCR24
	fCR50
	fKRep
	fFSsd
	fWHdd
	fWSsd
	fKSys
	fGDen
	fEHdd
	fESsd
	fLSto
	fT24
	fKappaN
	fWNet
	fGNet
	fEGwp
	fEAdp
	fEPe
	fGEmb
	fLHw
	fCI24
	fCI50
	fPEF24
	fPEF50
	fADPEl
	fWUEon24
	fWUEonM
	fWUEoff24
	fWUEoffM
	aiNFactors
)

var aiFactors = [aiNFactors]Factor{
	fC0:       {"C0", "H100e", "A1 installed AI compute, 2024 mean"},
	fPhiTr:    {"phi_tr", "1", "A2 share of allocated 2024 capacity for training and experiments"},
	fMTr0:     {"m_tr0", "×/yr", "A3 training demand growth factor in 2024"},
	fMIn0:     {"m_in0", "×/yr", "A4 inference demand growth factor in 2024"},
	fMInf:     {"m_inf", "×/yr", "A5 asymptotic demand growth factor (2050+)"},
	fTau:      {"tau", "yr", "A6 decay time of the demand boom"},
	fMHist:    {"m_hist", "×/yr", "A7 backcast demand growth factor 2020–2024"},
	fEps:      {"eps", "1", "A8 rebound elasticity"},
	fSSuff:    {"s_suff", "1", "A9 share of demand avoided by sufficiency (ramped 2026–2030)"},
	fECap:     {"E_cap", "TWh/yr", "A10 cap on AI compute electricity"},
	fH0:       {"h0", "1/yr", "B1 fleet FLOP/J gain in 2024"},
	fH1:       {"h1", "1/yr", "B2 fleet FLOP/J gain in 2050"},
	fXTr:      {"X_tr", "1", "B3 training algorithmic efficiency vs reference trend, cumulative by 2050"},
	fXIn:      {"X_in", "1", "B4 inference algorithmic/serving efficiency vs reference trend, by 2050"},
	fPi:       {"pi", "1", "C1 inference peak/average ratio"},
	fU24:      {"u24", "1", "C2 maximum utilisation at peak, 2024"},
	fU50:      {"u50", "1", "C3 maximum utilisation at peak, 2050"},
	fUbarTr:   {"ubar_tr", "1", "C4 mean power load of the training fleet"},
	fR24:      {"r24", "1", "C5 reserve (installed, unallocated) share, 2024"},
	fR50:      {"r50", "1", "C6 reserve share, 2050"},
	fSIdle:    {"s_idle", "1", "C7 idle power / full power"},
	fPFull:    {"p_full", "kW", "D1 IT power per 2024-H100e at full load, host and fabric included"},
	fPUE24:    {"PUE24", "1", "D2 power usage effectiveness, 2024"},
	fPUE50:    {"PUE50", "1", "D3 power usage effectiveness, 2050"},
	fKDp:      {"k_dp", "1", "D4 data processing/ingestion IT energy ÷ training IT energy"},
	fV24:      {"V24", "EB", "E1 logical AI data at rest, 2024"},
	fIRate:    {"i_rate", "1/yr", "E2 2024 data inflow ÷ stock"},
	fEtaD:     {"eta_d", "1", "E3 elasticity of data inflow to AI service demand"},
	fLHist:    {"l_hist", "yr", "E4 mean retention before policy"},
	fLPol:     {"l_pol", "yr", "E5 mean retention after policy (ramped 2026–2030)"},
	fCR24:     {"CR24", "1", "E6 effective compression of stored AI data, 2024"},
	fCR50:     {"CR50", "1", "E7 effective compression, 2050"},
	fKRep:     {"k_rep", "1", "E8 replicas + redundancy + free space"},
	fFSsd:     {"f_ssd", "1", "E9 flash share of physical capacity"},
	fWHdd:     {"w_hdd", "W/TB", "E10 HDD drive power per TB, 2024"},
	fWSsd:     {"w_ssd", "W/TB", "E11 SSD drive power per TB, 2024"},
	fKSys:     {"k_sys", "1", "E12 storage-system power overhead"},
	fGDen:     {"g_den", "1/yr", "E13 yearly decline of storage W/TB and kg/TB"},
	fEHdd:     {"e_hdd", "kgCO2e/TB", "E14 HDD embodied GWP per TB, 2024"},
	fESsd:     {"e_ssd", "kgCO2e/TB", "E15 SSD embodied GWP per TB, 2024"},
	fLSto:     {"L_sto", "yr", "E16 storage media lifetime"},
	fT24:      {"T24", "EB/yr", "F1 AI-attributable network traffic, 2024"},
	fKappaN:   {"kappa_n", "1", "F2 network provisioning factor (peak/average ÷ upgrade threshold)"},
	fWNet:     {"w_net", "W/Gbps", "F3 marginal network power per Gbps provisioned, 2024"},
	fGNet:     {"g_net", "1/yr", "F4 yearly decline of network W/Gbps"},
	fEGwp:     {"e_gwp", "kgCO2e", "G1 embodied GWP per 2024-H100e (card + host share + fabric)"},
	fEAdp:     {"e_adp", "kgSbeq", "G2 embodied ADPe per 2024-H100e"},
	fEPe:      {"e_pe", "MJ", "G3 embodied primary energy per 2024-H100e"},
	fGEmb:     {"g_emb", "1/yr", "G4 yearly decline of embodied impacts per unit of compute"},
	fLHw:      {"L_hw", "yr", "G5 compute hardware lifetime"},
	fCI24:     {"CI24", "kgCO2e/kWh", "H1 grid carbon intensity (DC-weighted, location-based), 2024"},
	fCI50:     {"CI50", "kgCO2e/kWh", "H2 grid carbon intensity, 2050"},
	fPEF24:    {"PEF24", "MJ/kWh", "H3 primary energy factor of electricity, 2024"},
	fPEF50:    {"PEF50", "MJ/kWh", "H4 primary energy factor of electricity, 2050"},
	fADPEl:    {"ADP_el", "kgSbeq/kWh", "H5 abiotic depletion of electricity"},
	fWUEon24:  {"WUEon24", "L/kWh", "H6 on-site water per IT kWh, 2024"},
	fWUEonM:   {"WUEon_m", "1", "H7 on-site WUE multiplier reached in 2050"},
	fWUEoff24: {"WUEoff24", "L/kWh", "H8 off-site water per kWh generated, 2024"},
	fWUEoffM:  {"WUEoff_m", "1", "H9 off-site WUE multiplier reached in 2050"},
}

// Criteria (§3.1) and components; the first three criteria have a
// manufacturing phase (FE and WATER have none: §3.3 step 9).
const (
	critGWP = iota
	critPE
	critADPe
	critFE
	critWATER
	nCrit
	nManufCrit = critADPe + 1
)

var critNames = [nCrit]string{"GWP", "PE", "ADPe", "FE", "WATER"}
var critUnits = [nCrit]string{"kgCO2e", "MJ", "kgSbeq", "kWh", "m3"}
var critDesc = [nCrit]string{"global warming potential", "primary energy", "abiotic depletion (elements)", "final electricity", "water consumed"}

const (
	compTrain = iota
	compInfer
	compDataproc
	compStorage
	compNetwork
	nComp
)

var compNames = [nComp]string{"train", "infer", "dataproc", "storage", "network"}

// Outputs, per criterion k: k_total, k_use, k_manuf (GWP, PE, ADPe only),
// k_{c} (use + manuf) for each component c, k_use_{c}, then k_manuf_{c}
// (GWP, PE, ADPe only); then the diagnostics.
const (
	perCrit      = 2 + 2*nComp
	perManufCrit = 1 + nComp
	nImpactOut   = nCrit*perCrit + nManufCrit*perManufCrit
)

// Diagnostics, after the impact outputs.
const (
	dH100e = nImpactOut + iota
	dVEB
	dSTB
	dService
	dTEB
	dDCElec
	dGWPProdYear
	dEmbodiedShare
	dStorageShare
	dFEPerService
	dGWPPerService
	dFEStoragePerEB
	dFENetworkPerEB
	aiNOutputs
)

var aiDiag = [aiNOutputs - nImpactOut]struct{ name, unit, desc string }{
	{"H100e", "H100e", "installed compute Cap = Cap_tr + Cap_in + Cap_res (§3.3 step 4; compare Epoch's stock)"},
	{"V_EB", "EB", "logical AI data at rest V (§3.3 step 6)"},
	{"S_TB", "TB", "physical storage capacity S (§3.3 step 6)"},
	{"service", "1", "AI service index σ = (U_tr + U_in)/(Ctr0 + Cin0)·scale; 1 in 2024 unless capped (§3.3 step 6)"},
	{"T_EB", "EB/yr", "AI-attributable network traffic T (§3.3 step 7)"},
	{"dc_electricity", "kWh", "AI data-centre final electricity: FE of train + infer + dataproc + storage (compare IEA)"},
	{"GWP_manuf_prodyear", "kgCO2e", "GWP_manuf with compute hardware counted in its production year, New(t)·e_gwp(t) in place of B(t)/L_hw (§3.3 step 9 variant; New(2020) = Cap(2020)/L_hw)"},
	{"embodied_share", "1", "GWP_manuf / GWP_total"},
	{"storage_share", "1", "FE_storage / dc_electricity"},
	{"FE_per_service", "kWh", "FE_total / σ: final electricity per unit of service (intensity indicator, §3.4)"},
	{"GWP_per_service", "kgCO2e", "GWP_total / σ (intensity indicator)"},
	{"FE_storage_per_EB", "kWh/EB", "FE_storage / V_EB: storage electricity per EB stored"},
	{"FE_network_per_EB", "kWh/EB", "FE_network / T_EB: network electricity per EB transferred (the VoD paper's intensity)"},
}

func newAIGlobal(cfg Config) (Model, error) {
	p := newParams("ai-global-v1", cfg.Params)
	if err := p.done(); err != nil {
		return nil, err
	}
	years, pos, err := selectYears(cfg.Years, aiFirstYear, aiLastYear)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, k := range []string{"h0", "h1"} {
		if _, ok := cfg.Medians[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("model ai-global-v1 needs the medians of factors h0 and h1 for its reference efficiency trend H_ref (ai-model-v1.md §3.2), but Config.Medians lacks %s", strings.Join(missing, " and "))
	}
	h0, h1 := cfg.Medians["h0"], cfg.Medians["h1"]
	if !(h0 > -1) || !(h1 > -1) || math.IsInf(h0, 0) || math.IsInf(h1, 0) {
		return nil, fmt.Errorf("model ai-global-v1: the medians of h0 (%v) and h1 (%v) must be finite and > −1 (H_ref uses ln(1 + h))", h0, h1)
	}
	m := &AIGlobal{years: years, pos: pos}
	rho0, rho1 := math.Log1p(h0), math.Log1p(h1)
	for j := range m.lnHref {
		m.lnHref[j] = lnHardware(float64(aiFirstYear+j-aiBaseYear), rho0, rho1)
	}
	return m, nil
}

// lnHardware is ln H(Δ) of §3.3: ρ0Δ + (ρ1 − ρ0)Δ²/52 for 0 ≤ Δ (Δ capped at
// 26), ρ0Δ before 2024.
func lnHardware(d, rho0, rho1 float64) float64 {
	if d < 0 {
		return rho0 * d
	}
	dp := min(d, 26)
	return rho0*dp + (rho1-rho0)*dp*dp/52
}

// Factors lists the 59 factors of §3.2, named as in the oracle.
func (m *AIGlobal) Factors() []Factor { return append([]Factor(nil), aiFactors[:]...) }

// Outputs lists the impact outputs then the diagnostics, all trajectories
// over the selected years.
func (m *AIGlobal) Outputs() []Output {
	outs := make([]Output, 0, aiNOutputs)
	add := func(name, unit, desc string) {
		outs = append(outs, Output{Name: name, Unit: unit, Description: desc, Years: append([]int(nil), m.years...)})
	}
	for k := range nCrit {
		name, unit, desc := critNames[k], critUnits[k], critDesc[k]
		add(name+"_total", unit, desc+", all components and phases, per year")
		add(name+"_use", unit, desc+", use phase, all components, per year")
		if k < nManufCrit {
			add(name+"_manuf", unit, desc+", manufacturing (embodied, amortised), all components, per year")
		}
		for _, c := range compNames {
			add(name+"_"+c, unit, desc+" of "+c+", use + manufacturing, per year")
		}
		for _, c := range compNames {
			add(name+"_use_"+c, unit, desc+" of "+c+", use phase, per year (§3.3 step 8)")
		}
		if k < nManufCrit {
			for _, c := range compNames {
				add(name+"_manuf_"+c, unit, desc+" of "+c+", manufacturing, per year (§3.3 step 9)")
			}
		}
	}
	for _, d := range aiDiag {
		add(d.name, d.unit, d.desc)
	}
	return outs
}

// DefaultIndexOutputs names the outputs that get sensitivity indices unless
// the scenario chooses: the totals of the five criteria and storage
// electricity (the lever study of §3.7).
func (m *AIGlobal) DefaultIndexOutputs() []string {
	return []string{"GWP_total", "PE_total", "ADPe_total", "FE_total", "WATER_total", "FE_storage"}
}

// aiChunk is the number of samples evaluated together. Within a chunk the
// years are the outer loop and each year's outputs are staged in a small
// buffer, so that each output series is written as one contiguous run of
// aiChunk samples: writing one value at a time across ~2,800 slices thrashed
// the TLB and was 5× slower. 64 is where the gain levels off; the chunk's
// state and buffer take ~100 kB of stack.
const aiChunk = 64

// Evaluate runs the model on chunks of samples, year by year; every
// intermediate lives on the stack.
func (m *AIGlobal) Evaluate(in, out [][]float64) {
	n := len(in[0])
	ny := len(m.years)
	var (
		st  [aiChunk]aiState
		buf [aiNOutputs][aiChunk]float64
	)
	for s0 := 0; s0 < n; s0 += aiChunk {
		cn := min(aiChunk, n-s0)
		for i := range cn {
			st[i].init(in, s0+i)
		}
		for j := range aiNYears {
			col := m.pos[j]
			for i := range cn {
				st[i].step(j, m.lnHref[j], col >= 0, &buf, i)
			}
			if col < 0 {
				continue
			}
			for o := range buf {
				copy(out[o*ny+col][s0:s0+cn], buf[o][:cn])
			}
		}
	}
}

// yearTables holds the per-year constants of §3.1.
var yearTables = func() (t struct{ d, f, w [aiNYears]float64 }) {
	for j := range aiNYears {
		y := aiFirstYear + j
		d := float64(y - aiBaseYear)
		t.d[j] = d
		t.f[j] = min(max(d/26, 0), 1)
		t.w[j] = min(max(float64(y-2025)/5, 0), 1)
	}
	return t
}()

// powPos is x^y for x ≥ 0 through exp(y ln x), with the limits of math.Pow at 0.
func powPos(x, y float64) float64 {
	if x > 0 {
		return math.Exp(y * math.Log(x))
	}
	return math.Pow(x, y)
}

// aiState is one sample: its factor values, the constants derived from them
// (logs, so that per-year powers are exp(Δ·ln X)), and the state of the two
// recursions (storage stock, embodied burden).
type aiState struct {
	x [aiNFactors]float64

	r0tr, r0in, rinf, lnHist, tau float64 // ln m_tr0, ln m_in0, ln m_inf, ln m_hist, τ
	rho0, rho1, lnXtr, lnXin      float64 // ln(1 + h0), ln(1 + h1), ln X_tr, ln X_in
	ctr0, cin0                    float64 // step 1
	lamTr, eCap                   float64 // λ(ū_tr); E_cap in kWh
	lnCI, lnWon, lnWoff           float64 // ln(CI50/CI24), ln WUEon_m, ln WUEoff_m
	lnDen, lnNet, lnEmb           float64 // ln(1 − g_den), ln(1 − g_net), ln(1 + g_emb)
	keepHw, invLhw, invLsto       float64 // 1 − 1/L_hw, 1/L_hw, 1/L_sto
	wSto                          float64 // k_sys [f_ssd w_ssd + (1 − f_ssd) w_hdd]
	stoK                          [nManufCrit]float64
	netW                          float64 // 8.76 · 253.7 κn w_net

	capPrev, vPrev float64
	burden         [nManufCrit]float64

	// Per-year powers kept as running products, advanced by one year's
	// factor in step: geometric in Δ (or in f = Δ/26 from 2024 on), they cost
	// one multiplication instead of an exp each, for a relative rounding
	// error below 1e-14 over 31 years.
	decayTau                  float64 // e^{−Δ/τ} (Δ ≥ 0)
	dens, netDecl, decl       float64 // (1 − g_den)^Δ, (1 − g_net)^Δ, (1 + g_emb)^{−Δ}
	ciF, wonF, woffF          float64 // (CI50/CI24)^f, WUEon_m^f, WUEoff_m^f
	stepTau                   float64 // e^{−1/τ}
	stepDen, stepNet          float64 // 1 − g_den, 1 − g_net
	stepEmb                   float64 // 1/(1 + g_emb)
	stepCI, stepWon, stepWoff float64 // one year of f: (·)^{1/26}
}

func (a *aiState) init(in [][]float64, s int) {
	x := &a.x
	for j := range x {
		x[j] = in[j][s]
	}
	a.r0tr, a.r0in, a.rinf = math.Log(x[fMTr0]), math.Log(x[fMIn0]), math.Log(x[fMInf])
	a.lnHist = math.Log(x[fMHist])
	a.tau = max(x[fTau], 1e-9)
	a.rho0, a.rho1 = math.Log1p(x[fH0]), math.Log1p(x[fH1])
	a.lnXtr, a.lnXin = math.Log(x[fXTr]), math.Log(x[fXIn])
	// Step 1: base-year allocation of the installed stock (2024-H100e); the
	// reserve r24·C0 is idle.
	a.ctr0 = x[fPhiTr] * x[fC0] * (1 - x[fR24])
	a.cin0 = (1 - x[fPhiTr]) * x[fC0] * (1 - x[fR24])
	a.lamTr = x[fSIdle] + (1-x[fSIdle])*x[fUbarTr]
	a.eCap = x[fECap] * 1e9 // TWh → kWh
	a.lnCI = math.Log(x[fCI50] / x[fCI24])
	a.lnWon, a.lnWoff = math.Log(x[fWUEonM]), math.Log(x[fWUEoffM])
	a.lnDen = math.Log(max(1-x[fGDen], 1e-300))
	a.lnNet = math.Log(max(1-x[fGNet], 1e-300))
	a.lnEmb = math.Log1p(x[fGEmb])
	lhw := max(x[fLHw], 1)
	a.keepHw, a.invLhw = 1-1/lhw, 1/lhw
	a.invLsto = 1 / max(x[fLSto], 1)
	fssd := x[fFSsd]
	a.wSto = x[fKSys] * (fssd*x[fWSsd] + (1-fssd)*x[fWHdd])
	eSsd, eHdd := fssd*x[fESsd], (1-fssd)*x[fEHdd]
	a.stoK = [nManufCrit]float64{critGWP: eSsd + eHdd, critPE: eSsd*ssdPE + eHdd*hddPE, critADPe: eSsd*ssdADP + eHdd*hddADP}
	a.netW = gbpsPerE * x[fKappaN] * x[fWNet] * hours / 1000
	a.capPrev, a.vPrev = 0, 0
	a.burden = [nManufCrit]float64{}

	d0 := yearTables.d[0]
	a.decayTau, a.stepTau = 1, math.Exp(-1/a.tau)
	a.dens, a.stepDen = math.Exp(d0*a.lnDen), math.Exp(a.lnDen)
	a.netDecl, a.stepNet = math.Exp(d0*a.lnNet), math.Exp(a.lnNet)
	a.decl, a.stepEmb = math.Exp(-d0*a.lnEmb), math.Exp(-a.lnEmb)
	a.ciF, a.stepCI = 1, math.Exp(a.lnCI/26)
	a.wonF, a.stepWon = 1, math.Exp(a.lnWon/26)
	a.woffF, a.stepWoff = 1, math.Exp(a.lnWoff/26)
}

// advance moves the running powers from year index j − 1 to j.
func (a *aiState) advance(j int) {
	a.dens *= a.stepDen
	a.netDecl *= a.stepNet
	a.decl *= a.stepEmb
	if yearTables.d[j] > 0 {
		a.decayTau *= a.stepTau
		a.ciF *= a.stepCI
		a.wonF *= a.stepWon
		a.woffF *= a.stepWoff
	}
}

// step advances the sample to year index j (years must come in order from
// 2020) and, if emit, writes its outputs to buf[·][i].
func (a *aiState) step(j int, lnHref float64, emit bool, buf *[aiNOutputs][aiChunk]float64, i int) {
	x := &a.x
	d, f, w := yearTables.d[j], yearTables.f[j], yearTables.w[j]
	if j > 0 {
		a.advance(j)
	}

	// Demand growth G and hardware efficiency H (§3.3 helpers).
	var lnGtr, lnGin float64
	if d >= 0 {
		decay := a.tau * (1 - a.decayTau)
		lnGtr = a.rinf*d + (a.r0tr-a.rinf)*decay
		lnGin = a.rinf*d + (a.r0in-a.rinf)*decay
	} else {
		lnGtr, lnGin = a.lnHist*d, a.lnHist*d
	}
	gtr, gin := math.Exp(lnGtr), math.Exp(lnGin)
	lnH := lnHardware(d, a.rho0, a.rho1)
	h := math.Exp(lnH)

	// Step 2: service demand at reference efficiency (2024-capacity units).
	suff := 1 - x[fSSuff]*w
	utr, uin := a.ctr0*gtr*suff, a.cin0*gin*suff

	// Step 3: K_x = U_x X_x^{−f} Dev_x^ε with Dev_x = (H/H_ref) X_x^f.
	dev, eps := lnH-lnHref, x[fEps]
	ktr := utr * math.Exp(-f*a.lnXtr+eps*(dev+f*a.lnXtr))
	kin := uin * math.Exp(-f*a.lnXin+eps*(dev+f*a.lnXin))

	// Step 4: dimensioning: inference on peak ÷ target utilisation, reserve on top.
	u := max(x[fU24]+(x[fU50]-x[fU24])*f, 1e-9)
	r := min(x[fR24]+(x[fR50]-x[fR24])*f, 1-1e-9)
	capTr := ktr
	capIn := kin * x[fU24] / u
	capRes := r / (1 - r) * (capTr + capIn)

	// Step 5: power and electricity of compute (kWh), then the growth cap.
	sIdle := x[fSIdle]
	pkw := x[fPFull] / h
	pue := x[fPUE24] + (x[fPUE50]-x[fPUE24])*f
	sh := capTr / max(capTr+capIn, tinyCap)
	lamIn := sIdle + (1-sIdle)*(u/x[fPi])
	eitTr := pkw * (capTr*a.lamTr + sh*capRes*sIdle) * hours
	eitIn := pkw * (capIn*lamIn + (1-sh)*capRes*sIdle) * hours
	eitDp := x[fKDp] * eitTr
	scale := 1.0
	if ecomp := (eitTr + eitIn + eitDp) * pue; ecomp > a.eCap {
		scale = max(a.eCap/ecomp, 0)
	}
	eitTr, eitIn, eitDp = eitTr*scale, eitIn*scale, eitDp*scale
	capTr, capIn, capRes = capTr*scale, capIn*scale, capRes*scale

	// Step 6: storage stock V (EB logical), physical capacity S (TB), electricity.
	serv := (x[fPhiTr]*gtr + (1-x[fPhiTr])*gin) * suff * scale
	var vol float64
	if j <= aiBaseYear-aiFirstYear {
		vol = x[fV24] * math.Exp(a.lnHist*x[fEtaD]*d)
	} else {
		ell := x[fLHist]
		if aiFirstYear+j > 2025 {
			ell += (x[fLPol] - x[fLHist]) * w
		}
		ell = max(ell, 1)
		vol = a.vPrev*(1-1/ell) + x[fIRate]*x[fV24]*powPos(serv, x[fEtaD])
	}
	a.vPrev = vol
	cr := max(x[fCR24]+(x[fCR50]-x[fCR24])*f, 1e-9)
	sTB := vol * 1e6 * x[fKRep] / cr
	dens := a.dens
	eitSto := sTB * a.wSto * dens * hours / 1000

	// Step 7: network, capacity-based marginal attribution (η_n = 1).
	traffic := x[fT24] * (gin * suff * scale) / (cr / x[fCR24])
	eNet := traffic * a.netW * a.netDecl

	// Step 9, the recursion (kept up to date in every year, emitted or not):
	// compute hardware, vintage-aware straight-line amortisation.
	capAll := capTr + capIn + capRes
	decl := a.decl
	var newCap float64
	if j == 0 {
		newCap = capAll * a.invLhw // steady state; used by the production-year variant only
		for k := range nManufCrit {
			a.burden[k] = capAll * (a.unit(k) * decl)
		}
	} else {
		newCap = max(0, capAll-a.capPrev*a.keepHw)
		for k := range nManufCrit {
			a.burden[k] = a.burden[k]*a.keepHw + newCap*(a.unit(k)*decl)
		}
	}
	a.capPrev = capAll
	if !emit {
		return
	}

	// Step 8: use-phase impacts.
	eit := [nComp]float64{eitTr, eitIn, eitDp, eitSto, 0}
	site := siteFactors{pue: pue, ci: x[fCI24] * a.ciF, pef: x[fPEF24] + (x[fPEF50]-x[fPEF24])*f,
		adpEl: x[fADPEl], wueOn: x[fWUEon24] * a.wonF, wueOff: x[fWUEoff24] * a.woffF}
	var fe [nComp]float64
	var use [nCrit][nComp]float64
	useImpacts(&fe, &use, &eit, eNet, &site)

	// Step 9, the split: train share of the fleet, dataproc = k_dp × train;
	// storage straight-line on installed capacity; network ρ_net × use.
	shareTr := 0.5
	if capAll > 0 {
		shareTr = (capTr + sh*capRes) / max(capAll, tinyCap)
	}
	gSto := sTB * dens * a.invLsto
	var annual [nManufCrit]float64
	for k := range nManufCrit {
		annual[k] = a.burden[k] * a.invLhw
	}
	var man [nManufCrit][nComp]float64
	splitManuf(&man, &annual, shareTr, x[fKDp], gSto, &a.stoK, &use)

	// Outputs, in the order of Outputs.
	o := 0
	put := func(v float64) { buf[o][i] = v; o++ }
	var totals, manufs [nCrit]float64
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
		totals[k], manufs[k] = su+sm, sm
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
		for c := range nComp {
			put(use[k][c])
		}
		if k < nManufCrit {
			for c := range nComp {
				put(man[k][c])
			}
		}
	}
	dc := fe[compTrain] + fe[compInfer] + fe[compDataproc] + fe[compStorage]
	buf[dH100e][i] = capAll
	buf[dVEB][i] = vol
	buf[dSTB][i] = sTB
	buf[dService][i] = serv
	buf[dTEB][i] = traffic
	buf[dDCElec][i] = dc
	buf[dGWPProdYear][i] = newCap*(x[fEGwp]*decl)*(1+x[fKDp]*shareTr) + man[critGWP][compStorage] + man[critGWP][compNetwork]
	buf[dEmbodiedShare][i] = ratio(manufs[critGWP], totals[critGWP])
	buf[dStorageShare][i] = ratio(fe[compStorage], dc)
	buf[dFEPerService][i] = ratio(totals[critFE], serv)
	buf[dGWPPerService][i] = ratio(totals[critGWP], serv)
	buf[dFEStoragePerEB][i] = ratio(fe[compStorage], vol)
	buf[dFENetworkPerEB][i] = ratio(fe[compNetwork], traffic)
}

// unit is the 2024 embodied impact of criterion k per H100e (G1–G3).
func (a *aiState) unit(k int) float64 {
	switch k {
	case critGWP:
		return a.x[fEGwp]
	case critPE:
		return a.x[fEPe]
	}
	return a.x[fEAdp]
}

// ratio is a/b, or 0 when b is not positive (an intensity of nothing).
func ratio(a, b float64) float64 {
	if b > 0 {
		return a / b
	}
	return 0
}
