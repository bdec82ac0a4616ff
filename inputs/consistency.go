package inputs

import (
	"fmt"
	"io"
	"os"
)

// maxLevels bounds morris.levels.
const maxLevels = 1000

// MorrisTrajectories is the number of Morris trajectories r a scenario asks
// for without -n: morris.trajectories when given, else samples (the file's
// number of samples, as -n is on the command line), else
// DefaultTrajectories. A file of method morris that gives both with
// different values is refused by Parse.
func (s *Scenario) MorrisTrajectories() int {
	if _, ok := s.Keys["morris.trajectories"]; ok {
		return s.Morris.Trajectories
	}
	if _, ok := s.Keys["samples"]; ok && s.Samples > 0 {
		return s.Samples
	}
	return DefaultTrajectories
}

// consistency checks the keys that constrain one another.
func (ps *parser) consistency(sc *Scenario) {
	samplesPos, hasSamples := sc.Keys["samples"]
	trajPos, hasTraj := sc.Keys["morris.trajectories"]
	if sc.Method == "morris" && hasSamples && hasTraj && sc.Samples > 0 && sc.Samples != sc.Morris.Trajectories {
		ps.errs = append(ps.errs, &Error{Pos: trajPos, Msg: fmt.Sprintf(
			"morris.trajectories = %d but samples = %d (%s): with method morris both are the number of trajectories; keep one",
			sc.Morris.Trajectories, sc.Samples, samplesPos.at())})
	}
	if r := sc.MorrisTrajectories(); sc.Morris.Pool > 0 && sc.Morris.Pool < r && ps.poolNode != nil {
		ps.errorf(ps.poolNode, "", "morris.pool must be ≥ the number of trajectories (%d) to choose them from, got %d", r, sc.Morris.Pool)
	}
	if maxPos, ok := sc.Keys["sobol.max_samples"]; ok && hasSamples && sc.Method == "sobol" && sc.Sobol.MaxSamples > 0 && sc.Samples > sc.Sobol.MaxSamples {
		ps.errs = append(ps.errs, &Error{Pos: maxPos, Msg: fmt.Sprintf(
			"sobol.max_samples = %d is below samples = %d (%s): the bound of --target-ci-width must be at least the starting N",
			sc.Sobol.MaxSamples, sc.Samples, samplesPos.at())})
	}
}

// at writes a position in the same file: "line 3, column 10".
func (p Pos) at() string {
	return fmt.Sprintf("line %d, column %d", p.Line, p.Column)
}

// readLimited reads a file of at most limit bytes: a huge file given by
// mistake (a data dump, a binary) is refused before it is read or echoed.
func readLimited(file string, limit int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("is a folder, not a file")
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("more than %d MB: not a scenario file", limit>>20)
	}
	return data, nil
}
