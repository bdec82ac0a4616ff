package engine

import (
	"mc/bands"
	"mc/sensitivity"
)

// State is what a range of blocks accumulates: bands of the selected outputs,
// and the sums of the sensitivity method. Its size does not depend on the
// number of samples (except exact quantiles, which the plan allows only while
// they fit the memory budget).
type State struct {
	Bands  *bands.Accumulator
	Sobol  *sensitivity.SobolSums
	Morris *sensitivity.MorrisSums
}

// Merge adds the state of the blocks that follow s.
func (s *State) Merge(next *State) error {
	if s.Bands != nil {
		if err := s.Bands.Merge(next.Bands); err != nil {
			return err
		}
	}
	if s.Sobol != nil {
		if err := s.Sobol.Merge(next.Sobol); err != nil {
			return err
		}
	}
	if s.Morris != nil {
		if err := s.Morris.Merge(next.Morris); err != nil {
			return err
		}
	}
	return nil
}
