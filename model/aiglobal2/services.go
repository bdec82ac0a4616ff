package aiglobal2

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"mc/model"
)

// ServicesName is the registered name of the per-service model.
const ServicesName = "ai-services"

func init() { model.Register(ServicesName, NewServices) }

// Services is the model "ai-services" (docs/ai-model.md §9): one or several AI
// services, each run through the modules of ai-global v2 (demand, data
// lifecycle, capacity on peak, vintage fleets, power, network, devices,
// regional electricity, impacts) as a provider of its own. A service s of
// kind k ∈ {text, reason, image, video} has its own demand and data factors,
// named s.<factor>; every other factor is shared and keeps its ai-global
// name. Per service and sample, the ai-global factor vector is
//
//	R_k0 = s.R0, e_k0 = s.e0, growth of kind k = s.m0, κ_k = s.k, b (text kB or media MB) = s.b,
//	FLOP_tr24 = s.FLOP_tr24, m_tr0 = s.m_tr0, F_crawl0 = s.F_data0, F_int0 = 0,
//	F_ckpt0 = s.F_ckpt0, R_load0 = s.R_load0, H_lab0 = s.H_lab0,
//	the requests of the other kinds and other-ML inference = 0,
//
// (for an image service, m_text0 = s.m0^{1/0.6}, so that ai-global's image
// growth m_text0^0.6 is s.m0). Each service has its own fleets (it is a
// provider's infrastructure). Outputs: the extensive outputs of ai-global
// (impacts, fleets, stocks, traffic) summed over the services, then per
// service its totals, components and intensities, named s.<output>.
type Services struct {
	names, kinds []string
	kind         []int // service kind index (svText…svVideo)
	years        []int
	pos          []int
	base         *AIGlobal // the ai-global model whose outputs are evaluated per service
	factors      []model.Factor
	shared       []int // for each shared factor, its ai-global index
	outs         []svOut
	pool         sync.Pool
}

// svOut is one output: the sum over services (svc < 0) or service svc of
// the ai-global output src.
type svOut struct {
	model.Output
	svc, src int
}

// Per-service factors: name, unit, description.
var svFactors = []struct{ name, unit, desc string }{
	{"R0", "req/day", "requests (or images, clips) per day, 2024"},
	{"e0", "Wh", "IT energy per request on 2024 hardware, busy server"},
	{"m0", "x/yr", "request growth factor in 2024"},
	{"k", "1", "compute per request, 2050 vs 2024, at constant hardware"},
	{"b", "kB or MB", "bytes stored and delivered per request (kB for text/reason, MB for image/video)"},
	{"FLOP_tr24", "FLOP/yr", "training compute of the service's models, 2024"},
	{"m_tr0", "x/yr", "training demand growth factor in 2024"},
	{"F_data0", "PB/yr", "training data kept per year, 2024"},
	{"F_ckpt0", "PB/yr", "checkpoints and model artefacts written per year, 2024"},
	{"R_load0", "EB/yr", "training-time data reads per year, 2024"},
	{"H_lab0", "Mh/yr", "human annotation hours per year, 2024"},
}

const (
	svR0 = iota
	svE0
	svM0
	svK
	svB
	svFLOP
	svMTr
	svFData
	svFCkpt
	svRLoad
	svHLab
	nSvFactors
)

// serviceOwned are the ai-global factors a service replaces with its own.
var serviceOwned = map[int]bool{
	fFLOPTr24: true, fMTr0: true, fRText0: true, fEText0: true, fMText0: true, fKText: true,
	fRReas0: true, fEReas0: true, fMReas0: true, fKReas: true, fRImg0: true, fEImg0: true,
	fRVid0: true, fEVid0: true, fMVid0: true, fKMedia: true, fEOth0: true, fMOth0: true,
	fFCrawl0: true, fFInt0: true, fFCkpt0: true, fRLoad0: true, fHLab0: true, fBText: true, fBImg: true,
}

var serviceName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// NewServices builds the model. Parameters: services (list of names) and
// kinds (list of text, reason, image or video, one per service).
func NewServices(cfg model.Config) (model.Model, error) {
	m := &Services{}
	var err error
	for k, v := range cfg.Params {
		switch k {
		case "services":
			m.names, err = stringList(k, v)
		case "kinds":
			m.kinds, err = stringList(k, v)
		default:
			err = &model.ParamError{Param: k, Msg: "model ai-services has no such parameter (it takes services, kinds)"}
		}
		if err != nil {
			return nil, err
		}
	}
	if len(m.names) == 0 {
		return nil, &model.ParamError{Param: "services", Msg: "give the list of services, e.g. services: [chat, image]"}
	}
	if len(m.kinds) != len(m.names) {
		return nil, &model.ParamError{Param: "kinds", Msg: fmt.Sprintf("give one kind (text, reason, image or video) per service: %d services, %d kinds", len(m.names), len(m.kinds))}
	}
	seen := map[string]bool{}
	for i, n := range m.names {
		if !serviceName.MatchString(n) || seen[n] {
			return nil, &model.ParamError{Param: "services", Msg: fmt.Sprintf("service name %q: want distinct names matching [a-z][a-z0-9_]*", n)}
		}
		seen[n] = true
		k := -1
		for j := range nReqSv {
			if m.kinds[i] == svNames[j] {
				k = j
			}
		}
		if k < 0 {
			return nil, &model.ParamError{Param: "kinds", Msg: fmt.Sprintf("kind %q of service %s: want text, reason, image or video", m.kinds[i], n)}
		}
		m.kind = append(m.kind, k)
	}
	if m.years, m.pos, err = selectYears(cfg.Years); err != nil {
		return nil, err
	}
	b, err := New(model.Config{})
	if err != nil {
		return nil, err
	}
	m.base = b.(*AIGlobal)
	for j := range nFactors {
		if !serviceOwned[j] {
			m.shared = append(m.shared, j)
			m.factors = append(m.factors, factorTable[j])
		}
	}
	for _, n := range m.names {
		for _, f := range svFactors {
			m.factors = append(m.factors, model.Factor{Name: n + "." + f.name, Unit: f.unit, Description: f.desc + " (service " + n + ")"})
		}
	}
	m.outs = m.outputs()
	return m, nil
}

func stringList(param string, v any) ([]string, error) {
	l, ok := v.([]any)
	if !ok {
		if s, ok := v.([]string); ok {
			return s, nil
		}
		return nil, &model.ParamError{Param: param, Msg: fmt.Sprintf("want a list of names, got %v (%T)", v, v)}
	}
	var out []string
	for i, e := range l {
		s, ok := e.(string)
		if !ok {
			return nil, &model.ParamError{Param: param, Msg: fmt.Sprintf("element %d is %v (%T); want a name", i, e, e)}
		}
		out = append(out, s)
	}
	return out, nil
}

// summed reports whether an ai-global output is extensive (adds up over
// services): impacts, fleets, stocks, traffic and manufacturing by class.
func summed(o model.Output) bool {
	if o.Kind == "impact" {
		return true
	}
	switch {
	case strings.HasPrefix(o.Name, "GWP_manuf_"), strings.HasPrefix(o.Name, "H100e_"), strings.HasPrefix(o.Name, "V_TB"),
		strings.HasPrefix(o.Name, "S_TB_"), strings.HasPrefix(o.Name, "T_TB_"):
		return true
	}
	switch o.Name {
	case "dc_electricity", "MW_dc", "FE_network_avgalloc", "requests_text", "requests_reason", "requests_image", "requests_video":
		return true
	}
	return false
}

// perService lists the ai-global outputs reported per service; the
// per-request intensities are those of the service's kind.
func perService(o model.Output, kind string) bool {
	n := o.Name
	if o.Kind == "impact" && o.Component == "" && (o.Phase == "total" || o.Phase == "total_amort") {
		return true
	}
	if strings.HasPrefix(n, "FE_") && o.Kind == "impact" && o.Phase == "total" && !strings.HasPrefix(o.Component, "infer_") {
		return true
	}
	for _, p := range []string{"requests_", "Wh_per_request_", "gCO2e_per_request_", "gCO2emb_per_request_", "mL_per_request_", "mLeq_per_request_", "mgSb_per_request_"} {
		if n == p+kind {
			return true
		}
	}
	switch n {
	case "dc_electricity", "H100e_installed", "V_TB", "embodied_share", "FE_per_service":
		return true
	}
	return false
}

func (m *Services) outputs() []svOut {
	var outs []svOut
	base := m.base.Outputs()
	for i, o := range base {
		if summed(o) {
			o.Years = nil
			o.Description += ", summed over the services"
			outs = append(outs, svOut{o, -1, i})
		}
	}
	for s, n := range m.names {
		for i, o := range base {
			if perService(o, m.kinds[s]) {
				o.Years = nil
				o.Name = n + "." + o.Name
				o.Description += " (service " + n + ")"
				outs = append(outs, svOut{o, s, i})
			}
		}
	}
	return outs
}

// Factors lists the shared factors (ai-global names) then each service's own.
func (m *Services) Factors() []model.Factor { return append([]model.Factor(nil), m.factors...) }

// Outputs lists the summed outputs then each service's, over the selected years.
func (m *Services) Outputs() []model.Output {
	outs := make([]model.Output, len(m.outs))
	for i, o := range m.outs {
		outs[i] = o.Output
		outs[i].Years = append([]int(nil), m.years...)
	}
	return outs
}

// PreferredBatch: as ai-global, thousands of output series (see AIGlobal.PreferredBatch).
func (m *Services) PreferredBatch() int { return 32 }

// DefaultIndexOutputs are the summed totals.
func (m *Services) DefaultIndexOutputs() []string {
	return []string{"FE_total", "GWP_total", "WATER_total", "ADPe_total", "PE_total"}
}

// svScratch is one Evaluate call's reusable state.
type svScratch struct {
	w   work
	one [nOutputs]yr // one service's outputs
	res [][chunk]yr  // staged outputs of a chunk: [output][sample]
}

// Evaluate runs each sample through ai-global's modules once per service.
func (m *Services) Evaluate(in, out [][]float64) {
	n := len(in[0])
	ny := len(m.years)
	sc, _ := m.pool.Get().(*svScratch)
	if sc == nil {
		sc = &svScratch{res: make([][chunk]yr, len(m.outs))}
	}
	defer m.pool.Put(sc)
	w := &sc.w
	nShared := len(m.shared)
	for s0 := 0; s0 < n; s0 += chunk {
		cn := min(chunk, n-s0)
		for i := range cn {
			for o := range m.outs {
				if m.outs[o].svc < 0 {
					sc.res[o][i] = yr{}
				}
			}
			for s := range m.names {
				m.setFactors(&w.x, in, s0+i, nShared+s*nSvFactors, s)
				w.compute(m.base.inTotal)
				for o := range m.outs {
					so := &m.outs[o]
					if so.svc >= 0 && so.svc != s {
						continue
					}
					m.base.outs[so.src].fill(w, &sc.one[so.src])
					d := &sc.res[o][i]
					if so.svc == s {
						*d = sc.one[so.src]
						continue
					}
					for j := range d {
						d[j] += sc.one[so.src][j]
					}
				}
			}
		}
		for o := range m.outs {
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

// setFactors builds the ai-global factor vector of service s for sample i;
// the service's own factors start at column off.
func (m *Services) setFactors(x *[nFactors]float64, in [][]float64, i, off, s int) {
	for c, j := range m.shared {
		x[j] = in[c][i]
	}
	v := func(f int) float64 { return in[off+f][i] }
	for j := range serviceOwned {
		x[j] = 0
	}
	m0 := v(svM0)
	// Growth factors of every kind set to the service's (kinds without
	// requests have N = 0; their growth only needs to be positive).
	x[fMText0], x[fMReas0], x[fMVid0], x[fMOth0] = m0, m0, m0, m0
	x[fKText], x[fKReas], x[fKMedia] = v(svK), v(svK), v(svK)
	x[fFLOPTr24], x[fMTr0] = v(svFLOP), v(svMTr)
	x[fFCrawl0], x[fFCkpt0], x[fRLoad0], x[fHLab0] = v(svFData), v(svFCkpt), v(svRLoad), v(svHLab)
	switch m.kind[s] {
	case svText:
		x[fRText0], x[fEText0], x[fBText] = v(svR0), v(svE0), v(svB)
	case svReason:
		x[fRReas0], x[fEReas0], x[fBText] = v(svR0), v(svE0), v(svB)
	case svImage:
		x[fRImg0], x[fEImg0], x[fBImg] = v(svR0), v(svE0), v(svB)
		x[fMText0] = powPos(m0, 1/0.6) // image growth is m_text0^0.6 (§2.1)
	case svVideo:
		x[fRVid0], x[fEVid0], x[fBImg] = v(svR0), v(svE0), v(svB)
	}
}
