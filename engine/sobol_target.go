package engine

import "fmt"

// coarsen turns the batches of the sums accumulated so far (the tree's
// nodes and the convergence points) into those of a run of twice as many
// rows: Coarsen merges batch pairs exactly, so the run goes on as if it had
// been planned for 2N from the start.
func (r *runner) coarsen(tree *Tree[*State], out *Outcome) error {
	for _, n := range tree.Nodes() {
		if err := n.State.Sobol.Coarsen(); err != nil {
			return err
		}
	}
	for i, c := range out.Convergence {
		if c.sums == nil {
			return fmt.Errorf("engine: convergence point at N = %d has no sums to rescale", c.N)
		}
		if err := c.sums.Coarsen(); err != nil {
			return err
		}
		idx, err := c.sums.Indices(r.p.Estimators())
		if err != nil {
			return err
		}
		out.Convergence[i].Indices = idx
	}
	return nil
}
