package engine

// A comparison runs the models of both scenarios: it reports their
// failures (an external simulator's) and stops their processes like a
// plain run does (see finishRun).

// Failure is the first failure of the base's or a variant's model.
func (m *compareModel) Failure() error {
	for _, p := range append([]*Plan{m.base}, m.variants...) {
		if f, ok := p.Model.(interface{ Failure() error }); ok {
			if err := f.Failure(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Close stops the processes of all the models, if they run any.
func (m *compareModel) Close() error {
	for _, p := range append([]*Plan{m.base}, m.variants...) {
		if c, ok := p.Model.(interface{ Close() error }); ok {
			c.Close()
		}
	}
	return nil
}
