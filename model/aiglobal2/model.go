// Package aiglobal2 is the model "ai-global" (v2) of the environmental
// impacts of AI worldwide, 2020–2050, described in docs/ai-model.md: demand
// drives compute, the data lifecycle drives storage, processing and
// transfers, capacity is dimensioned on peak demand, fleets are tracked by
// vintage, the network tier is VoD-style, electricity comes from coherent
// regional mixes, and manufacturing is charged on purchases.
//
// One file per module of docs/ai-model.md §2: demand.go (§2.1), data.go
// (§2.2), capacity.go (§2.3), fleet.go (§2.4), power.go (§2.5), network.go
// (§2.6), devices.go (§2.7), electricity.go and impacts.go (§2.8),
// outputs.go (§5). The order of evaluation is that of §2.9 (work.eval).
package aiglobal2

import (
	"fmt"
	"sync"

	"mc/model"
)

// Name is the registered name of the model.
const Name = "ai-global"

func init() { model.Register(Name, New) }

// Components, in the order of docs/ai-model.md §2.0; the first nDC are in
// data centres.
const (
	cPretrain = iota
	cPosttrain
	cInfer
	cDatagen
	cDataproc
	cStorage
	cNetwork
	cDevices
	nComp
	nDC = cNetwork
)

var compNames = [nComp]string{"pretrain", "posttrain", "infer", "datagen", "dataproc", "storage", "network", "devices"}

// Criteria (§2.0): FE has no manufacturing phase.
const (
	kFE = iota
	kPE
	kGWP
	kGWPmb
	kWATER
	kWSF
	kADPe
	nCrit
)

var (
	critNames = [nCrit]string{"FE", "PE", "GWP", "GWPmb", "WATER", "WSF", "ADPe"}
	critUnits = [nCrit]string{"kWh", "MJ", "kgCO2e", "kgCO2e", "m3", "m3 world-eq", "kgSbeq"}
	critDesc  = [nCrit]string{"final electricity", "primary energy", "global warming potential (location-based)",
		"global warming potential (market-based)", "water consumed", "water scarcity footprint (AWARE)",
		"abiotic depletion potential (elements)"}
)

// AIGlobal evaluates ai-global v2 on blocks of samples.
type AIGlobal struct {
	years    []int // selected calendar years
	pos      []int // for each year 2020…2050, its index in years, or −1
	inTotal  []int // components summed into totals
	outs     []outDef
	active   []int // the outputs Evaluate writes (all, unless WithOutputs)
	pool     sync.Pool
	devTotal bool
}

// New builds the model. Parameters: devices_in_total (bool, default false):
// count end-user devices in the totals (docs/ai-model.md §2.7).
func New(cfg model.Config) (model.Model, error) {
	m := &AIGlobal{}
	for k, v := range cfg.Params {
		switch k {
		case "devices_in_total":
			b, ok := v.(bool)
			if !ok {
				return nil, &model.ParamError{Param: k, Msg: fmt.Sprintf("want true or false, got %v (%T)", v, v)}
			}
			m.devTotal = b
		default:
			return nil, &model.ParamError{Param: k, Msg: "model ai-global has no such parameter (it takes devices_in_total)"}
		}
	}
	years, pos, err := selectYears(cfg.Years)
	if err != nil {
		return nil, err
	}
	m.years, m.pos = years, pos
	for c := range nComp {
		if c != cDevices || m.devTotal {
			m.inTotal = append(m.inTotal, c)
		}
	}
	m.outs = outputDefs(m.inTotal)
	for o := range m.outs {
		m.active = append(m.active, o)
	}
	return m, nil
}

// WithOutputs returns the model writing only the outputs o with need[o]
// (model.OutputSubsetter): the modules still run for every sample, but of
// the 355 outputs only those asked for are filled and transposed.
func (m *AIGlobal) WithOutputs(need []bool) model.Model {
	if len(need) != len(m.outs) {
		return m
	}
	s := &AIGlobal{years: m.years, pos: m.pos, inTotal: m.inTotal, outs: m.outs, devTotal: m.devTotal}
	for o := range m.outs {
		if need[o] {
			s.active = append(s.active, o)
		}
	}
	return s
}

// selectYears checks a strictly increasing selection of 2020…2050 (nil: all)
// and returns it with each year's position in it (−1 if not selected).
func selectYears(years []int) ([]int, []int, error) {
	if years == nil {
		for t := firstYear; t <= lastYear; t++ {
			years = append(years, t)
		}
	} else {
		years = append([]int(nil), years...)
	}
	if len(years) == 0 {
		return nil, nil, &model.ParamError{Param: "years", Msg: "empty selection"}
	}
	pos := make([]int, nY)
	for i := range pos {
		pos[i] = -1
	}
	for i, y := range years {
		if y < firstYear || y > lastYear {
			return nil, nil, &model.ParamError{Param: "years", Msg: fmt.Sprintf("%d is outside %d–%d", y, firstYear, lastYear)}
		}
		if i > 0 && y <= years[i-1] {
			return nil, nil, &model.ParamError{Param: "years", Msg: fmt.Sprintf("want strictly increasing years, got %d after %d", y, years[i-1])}
		}
		pos[y-firstYear] = i
	}
	return years, pos, nil
}

// Factors lists the 109 factors of docs/ai-model.md §4.1.
func (m *AIGlobal) Factors() []model.Factor { return append([]model.Factor(nil), factorTable[:]...) }

// Outputs lists the 355 outputs of docs/ai-model.md §5, each a trajectory
// over the selected years.
func (m *AIGlobal) Outputs() []model.Output {
	outs := make([]model.Output, len(m.outs))
	for i, o := range m.outs {
		outs[i] = o.Output
		outs[i].Years = append([]int(nil), m.years...)
	}
	return outs
}

// DefaultIndexOutputs names the outputs that get sensitivity indices unless
// the scenario chooses (docs/ai-model.md §5.3).
func (m *AIGlobal) DefaultIndexOutputs() []string {
	return []string{"FE_total", "GWP_total", "WATER_total", "WSF_total", "ADPe_total", "PE_total",
		"FE_storage", "FE_dataproc", "GWP_manuf"}
}

// PreferredBatch is the engine's block size for this model: with 11,005
// output series, blocks of 32 samples (2.8 MB of outputs) stay in cache
// between the model and the accumulators; 256 (22 MB) went to memory and cost
// ≈ 30 % more CPU in a Sobol' run (docs/ai-model.md §7).
func (m *AIGlobal) PreferredBatch() int { return 32 }

// chunk is the number of samples whose outputs are staged together, so that
// each output series is written as one contiguous run (one value at a time
// across 11,005 slices thrashes the caches and the TLB).
const chunk = 16

// Evaluate reads in[j][s] and writes out[c][s]. The outputs of a chunk of
// samples are staged output by output (res[o][i], so that both the writes of
// one sample and the reads of one output are contiguous) and transposed once
// per chunk into runs of out[c]; the scratch comes from a pool: nothing is allocated per
// sample.
func (m *AIGlobal) Evaluate(in, out [][]float64) {
	n := len(in[0])
	ny := len(m.years)
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer m.pool.Put(sc)
	w := &sc.w
	for s0 := 0; s0 < n; s0 += chunk {
		cn := min(chunk, n-s0)
		for i := range cn {
			for j := range nFactors {
				w.x[j] = in[j][s0+i]
			}
			w.eval(m, &sc.res, i)
		}
		for _, o := range m.active {
			for j, col := range m.pos {
				if col < 0 {
					continue
				}
				dst := out[o*ny+col][s0 : s0+cn]
				for i := range dst {
					dst[i] = sc.res[o][i][j]
				}
			}
		}
	}
}

// scratch is what one Evaluate call reuses: one sample's state and the
// outputs of a chunk of samples.
type scratch struct {
	w   work
	res [nOutputs][chunk]yr // output, sample of the chunk, year
}

// eval runs one sample and writes its outputs to res[·][i].
func (w *work) eval(m *AIGlobal, res *[nOutputs][chunk]yr, i int) {
	w.compute(m.inTotal)
	for _, o := range m.active {
		m.outs[o].fill(w, &res[o][i])
	}
}

// compute runs one sample (factor values in w.x) through the modules in the
// order of §2.9; inTotal are the components summed into totals.
func (w *work) compute(inTotal []int) {
	w.demand()
	w.data()
	w.capacity()
	w.power()
	w.network()
	w.devices()
	w.electricity()
	w.useImpacts()
	w.manufacturing()
	w.totals(inTotal)
}

// work is the state of one sample: factor values, every intermediate series
// of §2, and the output series.
type work struct {
	x [nFactors]float64

	// demand (§2.1)
	S, Xtr, Xin, Xsyn, Kpre, Kpost, Ksyn, Kin, Hlab, Elab, sig yr
	N                                                          [nReqSv]yr
	K                                                          [nSv]yr
	e0                                                         [nReqSv]float64
	tmp                                                        [2]yr
	// data (§2.2)
	Gdata, Gtr, raw, Pcur, Pload, CReCorpus, Shot, Scold, EITdp, Tuser, Tmedia, Tbb yr
	F, V, hot                                                                       [nClass]yr
	// capacity (§2.3)
	aTr, capRes, capReq yr
	Cap, shareC         [nCap]yr
	// fleets (§2.4) and power (§2.5)
	fc, fh, fcold, fcpu, fnet, fbld fleet
	pbar, cpuReq, MWreq, PUE, WUE   yr
	gden, netTrend                  vint
	mpow                            [nPre + 1]float64
	EIT                             [nDC]yr
	FE                              [nComp]yr
	// network (§2.6), devices (§2.7)
	Cnet, aNet, Tdev yr
	// electricity (§2.8)
	reg          [nRegion]elecFactors
	dcF, userF   elecFactors
	CImb         yr
	awareSite    yr
	use          [nCrit][nComp]yr
	won, woff    [nComp]yr
	Mprod, Mam   [nClassEq]yr
	manP, manA   [nCrit][nComp]yr
	eitDC        yr
	useT         [nCrit]yr // sums over in-total components
	manPT, manAT [nCrit]yr
	wonT, woffT  yr
	dcElec       yr
}

// totals sums the in-total components (docs/ai-model.md §5.1).
func (w *work) totals(inTotal []int) {
	for k := range nCrit {
		for j := range nY {
			var u, mp, ma float64
			for _, c := range inTotal {
				u += w.use[k][c][j]
				mp += w.manP[k][c][j]
				ma += w.manA[k][c][j]
			}
			w.useT[k][j], w.manPT[k][j], w.manAT[k][j] = u, mp, ma
		}
	}
	for j := range nY {
		var on, off, dc float64
		for _, c := range inTotal {
			on += w.won[c][j]
			off += w.woff[c][j]
		}
		for c := range nDC {
			dc += w.FE[c][j]
		}
		w.wonT[j], w.woffT[j] = on, off
		w.dcElec[j] = dc - w.Elab[j]
	}
}

var (
	_ model.BatchHinter = (*AIGlobal)(nil)
	_ model.BatchHinter = (*Services)(nil)
)
