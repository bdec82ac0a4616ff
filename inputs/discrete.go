package inputs

import (
	"fmt"
	"sort"
)

// Discrete is a distribution on finitely many values v₁ < … < vₙ with
// probabilities proportional to positive weights w₁, …, wₙ. With the
// cumulative weights Wⱼ = (w₁ + … + wⱼ)/(w₁ + … + wₙ),
//
//	Q(p) = min { vⱼ : Wⱼ ≥ p },
//
// the smallest value whose cumulative probability reaches p (the generalised
// inverse of the CDF).
type Discrete struct {
	values  []float64 // ascending, distinct
	weights []float64 // as given, merged for repeated values
	cum     []float64 // normalised cumulative weights, cum[n-1] == 1
}

// NewDiscrete returns the discrete distribution on values. weights may be nil
// for equal weights; otherwise it has one positive weight per value. The
// weights are normalised, so [2, 5, 3] means [0.2, 0.5, 0.3]. Values may come
// in any order; a value listed twice gets the sum of its weights.
func NewDiscrete(values, weights []float64) (*Discrete, error) {
	if len(values) == 0 {
		return nil, badParam("values", "values must not be empty")
	}
	if weights != nil && len(weights) != len(values) {
		return nil, badParam("weights", "weights has %d entries but values has %d", len(weights), len(values))
	}
	type vw struct{ v, w float64 }
	pairs := make([]vw, len(values))
	for i, v := range values {
		if !isFinite(v) {
			return nil, badElem("values", i, "values[%d] must be a finite number, got %s", i, num(v))
		}
		w := 1.0
		if weights != nil {
			w = weights[i]
			if !isFinite(w) || w <= 0 {
				return nil, badElem("weights", i, "weights[%d] must be > 0, got %s", i, num(w))
			}
		}
		pairs[i] = vw{v, w}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].v < pairs[j].v })
	d := &Discrete{}
	for _, p := range pairs {
		if n := len(d.values); n > 0 && d.values[n-1] == p.v {
			d.weights[n-1] += p.w
			continue
		}
		d.values = append(d.values, p.v)
		d.weights = append(d.weights, p.w)
	}
	total := 0.0
	for _, w := range d.weights {
		total += w
	}
	if !isFinite(total) {
		return nil, badParam("weights", "weights sum to %s", num(total))
	}
	d.cum = make([]float64, len(d.weights))
	run := 0.0
	for i, w := range d.weights {
		run += w
		d.cum[i] = run / total
	}
	d.cum[len(d.cum)-1] = 1
	return d, nil
}

// Values returns the distinct values in ascending order.
func (d *Discrete) Values() []float64 { return append([]float64(nil), d.values...) }

// Probabilities returns the normalised probability of each value of Values.
func (d *Discrete) Probabilities() []float64 {
	p := make([]float64, len(d.cum))
	prev := 0.0
	for i, c := range d.cum {
		p[i] = c - prev
		prev = c
	}
	return p
}

// Quantile returns the smallest value whose cumulative probability is ≥ p.
func (d *Discrete) Quantile(p float64) float64 {
	checkProb(p)
	return d.values[sort.SearchFloat64s(d.cum, p)]
}

func (d *Discrete) String() string {
	return fmt.Sprintf("discrete(values=%s, weights=%s)", nums(d.values), nums(d.weights))
}
