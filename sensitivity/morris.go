package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"mc/sampler"
)

// MorrisConfig describes what a MorrisSums accumulates.
type MorrisConfig struct {
	// Series is the number of model outputs; Sets the number of factor sets
	// (factors or groups) moved along each trajectory.
	Series, Sets int
	// Bootstrap is the number B of Poisson-bootstrap resamples for the
	// interval on μ*; 0 means 200.
	Bootstrap int
	// Seed keys the bootstrap weights.
	Seed uint64
	// CI is the confidence level of the μ* interval, in (0, 1); 0 means 0.95.
	CI float64
}

// morrisStream is the sampler stream of the bootstrap weights.
const morrisStream = 0x4d6f72726973 // "Morris"

// Validate reports whether cfg describes a usable accumulator.
func (cfg MorrisConfig) Validate() error {
	switch {
	case cfg.Series < 1:
		return fmt.Errorf("sensitivity: MorrisConfig.Series = %d, need at least 1", cfg.Series)
	case cfg.Sets < 1:
		return fmt.Errorf("sensitivity: MorrisConfig.Sets = %d, need at least 1", cfg.Sets)
	case cfg.Bootstrap < 0 || cfg.Bootstrap == 1:
		return fmt.Errorf("sensitivity: MorrisConfig.Bootstrap = %d, need at least 2 (0 means 200)", cfg.Bootstrap)
	case cfg.CI != 0 && !(cfg.CI > 0 && cfg.CI < 1):
		return fmt.Errorf("sensitivity: MorrisConfig.CI = %v is not in (0, 1)", cfg.CI)
	}
	return nil
}

// MorrisSums accumulates the elementary effects of Morris (1991,
// Technometrics 33:161–174) with the μ* of Campolongo, Cariboni & Saltelli
// (2007, Environ. Model. Softw. 22:1509–1518). For set u and series c, each
// trajectory gives one effect EE = [f(p+1) − f(p)] / Δ_p, Δ_p the signed step
// in unit-cube (grid) scaling, and
//
//	μ = mean EE,  μ* = mean |EE|,  σ = sd EE (divisor r − 1).
//
// The interval on μ* is a streaming Poisson bootstrap (Hanley & MacGibbon
// 2006; Chamandy, Muralidharan, Najmi, Naidu 2012): trajectory t gets weight
// w_tb = sampler.Poisson1(Seed, stream, t·B + b) in resample b, the state
// keeps Σ_t w_tb |EE_t| and Σ_t w_tb, and the interval is the percentile
// interval of the B resampled μ*_b = Σ w|EE| / Σ w. The weights depend only
// on the trajectory index, so shards agree and Merge is an elementwise sum.
// μ and σ are kept as a mean and a sum of squared deviations (Welford 1962),
// merged by Chan, Golub & LeVeque (1983): the textbook ΣEE² − (ΣEE)²/r loses
// half the digits when σ ≪ |μ| (an additive model gave σ ≈ 1e-8·μ, not 0).
// Merges happen in the engine's fixed order, so the result stays
// bit-identical for any worker count and shard split.
// A MorrisSums is not safe for concurrent use.
type MorrisSums struct {
	cfg  MorrisConfig
	n    uint64    // trajectories
	sums []float64 // [series][set]{mean EE, Σ(EE − mean)², Σ|EE|}
	wabs []float64 // [series][set][b] Σ w|EE|
	w    []float64 // [b] Σ w
	err  error
	wbuf []float64 // scratch weights of one trajectory
}

// NewMorrisSums returns an empty accumulator for cfg. As for NewSobolSums,
// an invalid cfg is reported by Err and the methods that can fail.
func NewMorrisSums(cfg MorrisConfig) *MorrisSums {
	m := &MorrisSums{}
	if err := cfg.Validate(); err != nil {
		m.cfg, m.err = cfg, err
		return m
	}
	if cfg.Bootstrap == 0 {
		cfg.Bootstrap = 200
	}
	if cfg.CI == 0 {
		cfg.CI = 0.95
	}
	m.cfg = cfg
	m.sums = make([]float64, 3*cfg.Series*cfg.Sets)
	m.wabs = make([]float64, cfg.Series*cfg.Sets*cfg.Bootstrap)
	m.w = make([]float64, cfg.Bootstrap)
	return m
}

// Config returns the configuration with defaults filled in.
func (m *MorrisSums) Config() MorrisConfig { return m.cfg }

// Err returns the first error met (invalid configuration or bad input to
// AddTrajectory); once set, AddTrajectory ignores further trajectories.
func (m *MorrisSums) Err() error { return m.err }

// R returns the number of trajectories accumulated.
func (m *MorrisSums) R() int { return int(m.n) }

// AddTrajectory adds trajectory t: f[p][c] is series c at point p
// (p = 0 … Sets), moved[p] the set moved between points p and p+1 (each set
// exactly once) and delta[p] the signed step, in unit-cube grid scaling.
// Bad input is recorded as the state's error (see Err) and ignored.
func (m *MorrisSums) AddTrajectory(t uint64, f [][]float64, moved []int, delta []float64) {
	if m.err != nil {
		return
	}
	if err := m.check(f, moved, delta); err != nil {
		m.err = err
		return
	}
	B, S := m.cfg.Bootstrap, m.cfg.Sets
	if m.wbuf == nil {
		m.wbuf = make([]float64, B)
	}
	w := m.wbuf
	for b := range w {
		w[b] = float64(sampler.Poisson1(m.cfg.Seed, morrisStream, t*uint64(B)+uint64(b)))
		m.w[b] += w[b]
	}
	k := float64(m.n + 1)
	for p, u := range moved {
		for c := 0; c < m.cfg.Series; c++ {
			ee := (f[p+1][c] - f[p][c]) / delta[p]
			o := m.sums[3*(c*S+u):][:3]
			d := ee - o[0]
			o[0] += d / k
			o[1] += d * (ee - o[0])
			abs := math.Abs(ee)
			o[2] += abs
			wa := m.wabs[(c*S+u)*B:][:B]
			for b, wb := range w {
				wa[b] += wb * abs
			}
		}
	}
	m.n++
}

func (m *MorrisSums) check(f [][]float64, moved []int, delta []float64) error {
	S := m.cfg.Sets
	if len(f) != S+1 || len(moved) != S || len(delta) != S {
		return fmt.Errorf("sensitivity: MorrisSums.AddTrajectory: %d points, %d moves and %d steps, want %d, %d and %d",
			len(f), len(moved), len(delta), S+1, S, S)
	}
	for p := range f {
		if len(f[p]) != m.cfg.Series {
			return fmt.Errorf("sensitivity: MorrisSums.AddTrajectory: point %d has %d series, want %d", p, len(f[p]), m.cfg.Series)
		}
	}
	seen := make([]bool, S)
	for p, u := range moved {
		if u < 0 || u >= S || seen[u] {
			return fmt.Errorf("sensitivity: MorrisSums.AddTrajectory: moved = %v does not move each of the %d sets exactly once", moved, S)
		}
		seen[u] = true
		if d := delta[p]; d == 0 || math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("sensitivity: MorrisSums.AddTrajectory: step %d is %v", p, d)
		}
	}
	return nil
}

// Merge adds the sums of o to m (elementwise). It refuses states of different
// configurations, including different seeds.
func (m *MorrisSums) Merge(o *MorrisSums) error {
	if m.err != nil {
		return m.err
	}
	if o.err != nil {
		return o.err
	}
	if m.cfg != o.cfg {
		return fmt.Errorf("sensitivity: cannot merge Morris sums of different configurations (%+v and %+v)", m.cfg, o.cfg)
	}
	na, nb := float64(m.n), float64(o.n)
	m.n += o.n
	if nb > 0 {
		n := na + nb
		for i := 0; i < len(o.sums); i += 3 {
			a, b := m.sums[i:i+3], o.sums[i:i+3]
			d := b[0] - a[0]
			a[0] += d * (nb / n)
			a[1] += b[1] + d*d*(na*nb/n)
			a[2] += b[2]
		}
	}
	for i, v := range o.wabs {
		m.wabs[i] += v
	}
	for i, v := range o.w {
		m.w[i] += v
	}
	return nil
}

// MorrisIndex holds the Morris measures of one set for one series.
type MorrisIndex struct {
	Series, Set int
	// Mu is the mean elementary effect, MuStar the mean absolute effect with
	// its bootstrap interval [MuStarLo, MuStarHi], Sigma the standard
	// deviation of the effects. For a group, whose factors may move in
	// opposite directions, only MuStar is meaningful (Campolongo 2007).
	Mu, MuStar, MuStarLo, MuStarHi, Sigma float64
	// R is the number of trajectories.
	R int
}

// Indices returns the Morris measures of every set for every series,
// ordered by series then set. It needs at least 2 trajectories; non-finite
// outputs are an error.
func (m *MorrisSums) Indices() ([]MorrisIndex, error) {
	if m.err != nil {
		return nil, m.err
	}
	if m.sums == nil {
		return nil, errors.New("sensitivity: MorrisSums was not made by NewMorrisSums or UnmarshalBinary")
	}
	if m.n < 2 {
		return nil, fmt.Errorf("sensitivity: Morris measures need at least 2 trajectories, have %d", m.n)
	}
	B, S := m.cfg.Bootstrap, m.cfg.Sets
	r := float64(m.n)
	out := make([]MorrisIndex, 0, m.cfg.Series*S)
	boot := make([]float64, 0, B)
	for c := 0; c < m.cfg.Series; c++ {
		for u := 0; u < S; u++ {
			o := m.sums[3*(c*S+u):][:3]
			for _, v := range o {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("sensitivity: Morris sums of series %d, set %d are not finite (the model produced NaN or ±Inf)", c, u)
				}
			}
			mu := o[0]
			v := math.Max(0, o[1]/(r-1))
			idx := MorrisIndex{Series: c, Set: u, Mu: mu, MuStar: o[2] / r, Sigma: math.Sqrt(v), R: int(m.n)}
			boot = boot[:0]
			for b, wa := range m.wabs[(c*S+u)*B:][:B] {
				if m.w[b] > 0 {
					boot = append(boot, wa/m.w[b])
				}
			}
			idx.MuStarLo, idx.MuStarHi = math.Inf(-1), math.Inf(1)
			if len(boot) >= 2 {
				slices.Sort(boot)
				idx.MuStarLo = quantile(boot, (1-m.cfg.CI)/2)
				idx.MuStarHi = quantile(boot, (1+m.cfg.CI)/2)
			}
			out = append(out, idx)
		}
	}
	return out, nil
}

// quantile interpolates linearly between the order statistics of sorted x
// at position q(n − 1) (Hyndman & Fan 1996, type 7).
func quantile(x []float64, q float64) float64 {
	h := q * float64(len(x)-1)
	i := int(h)
	if i >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[i] + (h-float64(i))*(x[i+1]-x[i])
}

// MarshalBinary encodes the state for a shard file.
func (m *MorrisSums) MarshalBinary() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	w := &writer{}
	w.b = append(w.b, morrisMagic[:]...)
	w.u64(uint64(m.cfg.Series))
	w.u64(uint64(m.cfg.Sets))
	w.u64(uint64(m.cfg.Bootstrap))
	w.u64(m.cfg.Seed)
	w.f64(m.cfg.CI)
	w.u64(m.n)
	for _, s := range [][]float64{m.sums, m.wabs, m.w} {
		for _, v := range s {
			w.f64(v)
		}
	}
	return w.b, nil
}

// UnmarshalBinary replaces m by the state encoded in data.
func (m *MorrisSums) UnmarshalBinary(data []byte) error {
	if len(data) < 8 || [8]byte(data[:8]) != morrisMagic {
		return errors.New("sensitivity: MorrisSums.UnmarshalBinary: not a Morris state (bad magic or version)")
	}
	r := &reader{b: data[8:]}
	var cfg MorrisConfig
	cfg.Series = r.count("series", maxStateLen)
	cfg.Sets = r.count("sets", maxStateLen)
	cfg.Bootstrap = r.count("bootstrap", maxStateLen)
	cfg.Seed = r.u64()
	cfg.CI = r.f64()
	n := r.u64()
	if r.err != nil {
		return fmt.Errorf("sensitivity: MorrisSums.UnmarshalBinary: %w", r.err)
	}
	if err := cfg.Validate(); err != nil || cfg.Bootstrap == 0 || cfg.CI == 0 {
		return fmt.Errorf("sensitivity: MorrisSums.UnmarshalBinary: invalid configuration %+v", cfg)
	}
	// Sizes: 3·S + S·B + B floats with S = series × sets; checked against
	// the data before multiplying so that a corrupt header cannot overflow.
	avail := uint64(len(r.b)) / 8
	hi, S := bits.Mul64(uint64(cfg.Series), uint64(cfg.Sets))
	B := uint64(cfg.Bootstrap)
	if hi != 0 || S > avail || B > avail || (S > 0 && B > avail/S) || 3*S+S*B+B != avail || uint64(len(r.b))%8 != 0 {
		return fmt.Errorf("sensitivity: MorrisSums.UnmarshalBinary: %d bytes of sums do not match %d series × %d sets × %d resamples",
			len(r.b), cfg.Series, cfg.Sets, cfg.Bootstrap)
	}
	o := NewMorrisSums(cfg)
	o.n = n
	for _, s := range [][]float64{o.sums, o.wabs, o.w} {
		for i := range s {
			s[i] = r.f64()
		}
	}
	*m = *o
	return nil
}
