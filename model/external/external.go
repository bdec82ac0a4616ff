// Package external runs a simulator written in any language as a model:
// a pool of worker processes, each reading blocks of factor rows on its
// standard input and writing the output rows on its standard output, in
// CSV with a header (docs/external-models.md describes the protocol).
package external

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"mc/model"
	"mc/model/formula"
)

// DefaultTimeout is the time limit per block when the scenario sets none.
const DefaultTimeout = 5 * time.Minute

// Model is an external simulator; it implements model.Model. Evaluate
// cannot return an error: after a failure it writes NaN, which stops the
// run, and Failure reports what went wrong (the engine returns it).
type Model struct {
	argv    []string
	dir     string
	timeout time.Duration
	factors []model.Factor
	outputs []model.Output
	header  []byte         // the factor header line of every block
	columns map[string]int // output column → series (−1: a year not selected)
	nseries int

	mu      sync.Mutex
	idle    []*proc
	all     map[*proc]bool
	failure error
}

// New builds an external model from the scenario's model mapping: every
// factor of the scenario (file order) is a column of the input; the outputs
// are scalars, or, when the model has years, trajectories whose columns are
// name[year] for every year of the model.
func New(sp *formula.Spec, factors []string, cfg model.Config) (*Model, error) {
	if len(cfg.Params) > 0 {
		for name := range cfg.Params {
			return nil, &model.ParamError{Param: name, Msg: "an external model takes no parameters (give the simulator its settings itself)"}
		}
	}
	dir, err := filepath.Abs(sp.Dir)
	if err != nil {
		return nil, err
	}
	if err := findProgram(sp.Command[0], dir); err != nil {
		return nil, &formula.Error{Pos: sp.Pos, Msg: err.Error()}
	}
	m := &Model{argv: sp.Command, dir: dir, timeout: sp.Timeout, columns: map[string]int{}, all: map[*proc]bool{}}
	if m.timeout == 0 {
		m.timeout = DefaultTimeout
	}
	var hb strings.Builder
	for i, f := range factors {
		if strings.ContainsAny(f, ",\"\n\r") {
			return nil, fmt.Errorf("factor %q: an external model's factor names must not contain commas, quotes or line breaks", f)
		}
		if i > 0 {
			hb.WriteByte(',')
		}
		hb.WriteString(f)
		m.factors = append(m.factors, model.Factor{Name: f})
	}
	hb.WriteByte('\n')
	m.header = []byte(hb.String())
	selected := sp.Years
	if cfg.Years != nil {
		if sp.Years == nil {
			return nil, &model.ParamError{Param: "years", Msg: "this external model has only scalar outputs (give years: in the model for trajectories)"}
		}
		have := map[int]bool{}
		for _, y := range sp.Years {
			have[y] = true
		}
		for _, y := range cfg.Years {
			if !have[y] {
				return nil, &model.ParamError{Param: "years", Msg: fmt.Sprintf("%d is not a year of the external model", y)}
			}
		}
		selected = cfg.Years
	}
	pos := map[int]int{}
	for k, y := range selected {
		pos[y] = k
	}
	for _, name := range sp.Outputs {
		if strings.ContainsAny(name, ",\"\n\r[]") {
			return nil, fmt.Errorf("output %q: an external model's output names must not contain commas, quotes, brackets or line breaks", name)
		}
		o := model.Output{Name: name}
		if sp.Years == nil {
			m.columns[name] = m.nseries
			m.nseries++
		} else {
			o.Years = append([]int(nil), selected...)
			for _, y := range sp.Years {
				c := -1
				if k, ok := pos[y]; ok {
					c = m.nseries + k
				}
				m.columns[fmt.Sprintf("%s[%d]", name, y)] = c
			}
			m.nseries += len(selected)
		}
		m.outputs = append(m.outputs, o)
	}
	return m, nil
}

// findProgram checks that the command's program exists: on the PATH, or,
// for a path, relative to the folder the command runs in.
func findProgram(prog, dir string) error {
	if !strings.Contains(prog, "/") {
		if _, err := exec.LookPath(prog); err != nil {
			return fmt.Errorf("command: program %s not found on the PATH", prog)
		}
		return nil
	}
	path := prog
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	st, err := os.Stat(path)
	if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return fmt.Errorf("command: %s is not an executable file (the command runs in %s)", path, dir)
	}
	return nil
}

// Factors lists the scenario's factors, in its order.
func (m *Model) Factors() []model.Factor { return append([]model.Factor(nil), m.factors...) }

// Outputs lists the declared outputs.
func (m *Model) Outputs() []model.Output { return model.CloneOutputs(m.outputs) }

// Note says what the model runs and where, for mc validate and the first
// lines of a run: a scenario that runs a program says so before it runs.
func (m *Model) Note() string {
	return fmt.Sprintf("this scenario runs a program: %s in the folder %s (one process per worker, up to %d; time limit %s per block)",
		quoteArgs(m.argv), m.dir, runtime.GOMAXPROCS(0), m.timeout)
}

func quoteArgs(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		if a == "" || strings.ContainsAny(a, " \t\"'\\$") {
			q[i] = fmt.Sprintf("%q", a)
		} else {
			q[i] = a
		}
	}
	return strings.Join(q, " ")
}

// Source identifies the model for the design hash: its command and
// outputs (not the program's own files, which mc cannot know).
func (m *Model) Source() string {
	var names []string
	for _, o := range m.outputs {
		names = append(names, fmt.Sprintf("%s%v", o.Name, o.Years))
	}
	return fmt.Sprintf("command %q outputs %v", m.argv, names)
}

// Failure is the first error of the run, or nil.
func (m *Model) Failure() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.failure
}

func (m *Model) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failure == nil {
		m.failure = err
	}
}

// Close stops every worker process (the next Evaluate starts new ones) and
// clears the failure.
func (m *Model) Close() error {
	m.mu.Lock()
	procs := m.all
	m.all, m.idle, m.failure = map[*proc]bool{}, nil, nil
	m.mu.Unlock()
	for p := range procs {
		p.stop()
	}
	return nil
}

func (m *Model) get() (*proc, error) {
	m.mu.Lock()
	if n := len(m.idle); n > 0 {
		p := m.idle[n-1]
		m.idle = m.idle[:n-1]
		m.mu.Unlock()
		return p, nil
	}
	m.mu.Unlock()
	p, err := start(m.argv, m.dir)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.all[p] = true
	m.mu.Unlock()
	return p, nil
}

func (m *Model) put(p *proc) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.all[p] {
		m.idle = append(m.idle, p)
	}
}

func (m *Model) drop(p *proc) {
	m.mu.Lock()
	delete(m.all, p)
	m.mu.Unlock()
	p.stop()
}

// Evaluate sends the block to a worker process and reads its outputs. A
// process that dies or hangs is replaced and the block retried once.
func (m *Model) Evaluate(in, out [][]float64) {
	if m.Failure() != nil {
		fillNaN(out)
		return
	}
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var p *proc
		if p, err = m.get(); err != nil {
			err = fmt.Errorf("cannot start %s in %s: %w", quoteArgs(m.argv), m.dir, err)
			break
		}
		err = m.block(p, in, out)
		if err == nil {
			m.put(p)
			return
		}
		m.drop(p)
		var died *diedError
		if !errors.As(err, &died) {
			break // a wrong answer, not a dead process: retrying would not help
		}
		if attempt == 1 {
			err = fmt.Errorf("%w (the block was retried once in a new process, which failed too)", err)
		}
	}
	m.fail(m.describe(in, err))
	fillNaN(out)
}

// describe prefixes err with the command and the block's first row.
func (m *Model) describe(in [][]float64, err error) error {
	n := 0
	if len(in) > 0 {
		n = len(in[0])
	}
	var first []string
	for j, f := range m.factors {
		if n > 0 {
			first = append(first, fmt.Sprintf("%s=%g", f.Name, in[j][0]))
		}
	}
	return fmt.Errorf("external model %s (in %s): block of %d rows starting with %s: %v",
		quoteArgs(m.argv), m.dir, n, strings.Join(first, ", "), err)
}

func fillNaN(out [][]float64) {
	for _, c := range out {
		for i := range c {
			c[i] = math.NaN()
		}
	}
}
