package sensitivity

import "fmt"

// sumGroups says which optional per-set sums a SobolSums accumulates. The
// sums of the default estimators (Saltelli 2010 first order, Jansen 1999
// total) and of their delta-method intervals are always kept: Σe, Σe²,
// Σe s₂, Σe s₁, Σd², Σd⁴, Σd² s₂, Σd² s₁. The other estimators need more,
// and with their interval terms these would more than double the cost of
// the accumulator, so they are kept only for the estimators a run asks for.
type sumGroups uint8

const (
	groupX    sumGroups = 1 << iota // Σx, Σx²: Janon, Martinez, Homma, Sobol' 2007 totals
	groupH                          // Σh², Σh s₂, Σh s₁ with h = a(a − x): Sobol' 2007 total
	groupK                          // Σk², Σk s₂, Σk s₁ with k = ax: Homma–Saltelli total
	groupR                          // Σr², Σw², Σrw, Σr t, Σw t: Janon and Martinez first order
	allGroups = groupX | groupH | groupK | groupR
)

// groupSizes are the sums per set of each optional group, and groupStart
// the logical offset (j…) of its first sum.
var (
	groupSizes = [...]int{2, 3, 3, 5}
	groupStart = [...]int{jSC, jSHH, jSKK, jSRR}
)

// width returns the sums per set kept with groups g.
func (g sumGroups) width() int {
	w := nKept
	for i, n := range groupSizes {
		if g&(1<<i) != 0 {
			w += n
		}
	}
	return w
}

// offset returns where the sums of group one (a single bit, kept in g)
// start in a set block of g: after the default sums and the kept groups
// before it.
func (g sumGroups) offset(one sumGroups) int {
	return (g & (one - 1)).width()
}

// expand returns the logical block (offsets j…) of a set block s stored
// with groups g; the sums of groups not kept are zero.
func (g sumGroups) expand(s []float64) [nSet]float64 {
	var full [nSet]float64
	copy(full[:nKept], s)
	for i, n := range groupSizes {
		one := sumGroups(1 << i)
		if g&one != 0 {
			k := g.offset(one)
			copy(full[groupStart[i]:groupStart[i]+n], s[k:k+n])
		}
	}
	return full
}

// groupsFor returns the optional sums that the estimators first and total
// ("" = the defaults) need, or an error for an unknown name.
func groupsFor(first, total string) (sumGroups, error) {
	e, err := Estimators{First: first, Total: total}.withDefaults()
	if err != nil {
		return 0, err
	}
	var g sumGroups
	switch e.First {
	case FirstJanon, FirstMartinez:
		g |= groupX | groupR
	}
	switch e.Total {
	case TotalSobol2007:
		g |= groupX | groupH
	case TotalHomma1996:
		g |= groupX | groupK
	case TotalJanon, TotalMartinez:
		g |= groupX
	}
	return g, nil
}

// groups returns the optional sums a state of cfg keeps (cfg is valid).
func (cfg SobolConfig) groups() sumGroups {
	if cfg.AllSums {
		return allGroups
	}
	g, _ := groupsFor(cfg.First, cfg.Total)
	return g
}

// keeps returns an error when the sums of a lack what estimators e need.
func (a *SobolSums) keeps(e Estimators) error {
	need, err := groupsFor(e.First, e.Total)
	if err != nil {
		return err
	}
	if need&^a.groups != 0 {
		return fmt.Errorf("sensitivity: the Sobol' sums were accumulated for the estimators %s, which lack the sums of %s/%s: run again with sobol.estimator and sobol.total set to the estimators wanted",
			a.cfg.estimatorNames(), e.First, e.Total)
	}
	return nil
}

// keptFor returns the estimators the sums are kept for, defaults filled in.
func (cfg SobolConfig) keptFor() Estimators {
	e, _ := Estimators{First: cfg.First, Total: cfg.Total}.withDefaults()
	return e
}

// estimatorNames returns "first/total" of the estimators the sums are kept
// for, or "all".
func (cfg SobolConfig) estimatorNames() string {
	if cfg.AllSums {
		return "all"
	}
	e := cfg.keptFor()
	return e.First + "/" + e.Total
}
