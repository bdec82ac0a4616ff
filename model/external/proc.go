package external

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// proc is one worker process.
type proc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *bufio.Reader
	stdout *os.File
	errs   *tail
	done   chan struct{} // closed when the process has exited
	werr   error         // its exit status, once done
	once   sync.Once
}

// start starts argv in dir, in its own process group (so that a hung
// process and its children can be killed together).
func start(argv []string, dir string) (*proc, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	newProcessGroup(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// Our own pipe for stdout: Wait does not close it, so output written
	// just before the process exits is still read.
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = w
	p := &proc{cmd: cmd, stdin: stdin, stdout: r, out: bufio.NewReaderSize(r, 1<<16), errs: &tail{}, done: make(chan struct{})}
	cmd.Stderr = p.errs
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	w.Close()
	go func() {
		p.werr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// kill stops the process group at once.
func (p *proc) kill() {
	if p.cmd.Process != nil {
		killGroup(p.cmd.Process)
	}
}

// stop closes stdin (a well-behaved simulator exits at end of input),
// waits a little, then kills.
func (p *proc) stop() {
	p.once.Do(func() {
		p.stdin.Close()
		select {
		case <-p.done:
		case <-time.After(2 * time.Second):
			p.kill()
			<-p.done
		}
		p.stdout.Close()
	})
}

// diedError is a process that exited or hung during a block.
type diedError struct{ msg string }

func (e *diedError) Error() string { return e.msg }

// exitStatus describes how the process ended (after it did).
func (p *proc) exitStatus(hung bool, timeout time.Duration) string {
	if hung {
		return fmt.Sprintf("no complete answer within %s (the time limit per block; set timeout: in the model): the process was killed", timeout)
	}
	select {
	case <-p.done:
	case <-time.After(2 * time.Second):
		return "the process closed its output but did not exit"
	}
	if p.werr == nil {
		return "the process exited (status 0) before answering the whole block"
	}
	return "the process died: " + p.werr.Error()
}

// block sends one block and reads the answer into out.
func (m *Model) block(p *proc, in, out [][]float64) error {
	n := 0
	if len(in) > 0 {
		n = len(in[0])
	} else if len(out) > 0 {
		n = len(out[0])
	}
	var req bytes.Buffer
	req.Write(m.header)
	var num []byte
	for s := range n {
		for j := range in {
			if j > 0 {
				req.WriteByte(',')
			}
			num = strconv.AppendFloat(num[:0], in[j][s], 'g', -1, 64)
			req.Write(num)
		}
		req.WriteByte('\n')
	}
	req.WriteByte('\n')
	hung := false
	var hmu sync.Mutex
	timer := time.AfterFunc(m.timeout, func() {
		hmu.Lock()
		hung = true
		hmu.Unlock()
		p.kill()
	})
	defer timer.Stop()
	werr := make(chan error, 1)
	go func() {
		_, err := p.stdin.Write(req.Bytes())
		werr <- err
	}()
	err := m.read(p, n, out)
	timer.Stop()
	hmu.Lock()
	h := hung
	hmu.Unlock()
	var died *diedError
	if errors.As(err, &died) || h {
		msg := p.exitStatus(h, m.timeout)
		if died != nil && !h {
			msg = died.msg + ": " + msg
		}
		return &diedError{msg + p.errs.describe()}
	}
	if err != nil {
		return fmt.Errorf("%v%s", err, p.errs.describe())
	}
	if e := <-werr; e != nil {
		return &diedError{"cannot write to the process: " + e.Error() + p.errs.describe()}
	}
	return nil
}

// read reads the header, n rows and the empty line that ends an answer.
func (m *Model) read(p *proc, n int, out [][]float64) error {
	line := func() (string, error) {
		s, err := p.out.ReadString('\n')
		if err != nil {
			if err == io.EOF || errors.Is(err, os.ErrClosed) {
				return "", &diedError{"its output ended"}
			}
			return "", &diedError{err.Error()}
		}
		return strings.TrimRight(s, "\r\n"), nil
	}
	head, err := line()
	if err != nil {
		return &diedError{"no answer (" + err.Error() + ")"}
	}
	names := strings.Split(head, ",")
	cols := make([]int, len(names))
	got := make([]bool, m.nseries)
	for i, name := range names {
		name = strings.TrimSpace(name)
		c, ok := m.columns[name]
		if !ok {
			return fmt.Errorf("the answer's header %q has the column %q, which is not an output (outputs: %s)", head, name, m.expected())
		}
		cols[i] = c
		if c >= 0 {
			if got[c] {
				return fmt.Errorf("the answer's header has the column %q twice", name)
			}
			got[c] = true
		}
	}
	for _, ok := range got {
		if !ok {
			return fmt.Errorf("the answer's header %q lacks output columns (want %s)", head, m.expected())
		}
	}
	for s := range n {
		row, err := line()
		if err != nil {
			return &diedError{fmt.Sprintf("after %d of %d rows, %v", s, n, err)}
		}
		if row == "" {
			return fmt.Errorf("too few rows: %d for the %d rows of input (an empty line ends an answer)", s, n)
		}
		fields := strings.Split(row, ",")
		if len(fields) != len(names) {
			return fmt.Errorf("row %d of the answer has %d fields, the header %d", s+1, len(fields), len(names))
		}
		for i, f := range fields {
			c := cols[i]
			if c < 0 {
				continue
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				return fmt.Errorf("row %d of the answer, column %s: %q is not a number", s+1, names[i], f)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("row %d of the answer, column %s: %v is not a finite number", s+1, names[i], v)
			}
			out[c][s] = v
		}
	}
	end, err := line()
	if err != nil {
		return &diedError{fmt.Sprintf("after all %d rows, %v", n, err)}
	}
	if end != "" {
		return fmt.Errorf("too many rows: more than the %d rows of input (an empty line must end the answer)", n)
	}
	return nil
}

func (m *Model) expected() string {
	names := make([]string, 0, len(m.columns))
	for _, o := range m.outputs {
		if o.Years == nil {
			names = append(names, o.Name)
		} else {
			names = append(names, o.Name+"[year]")
		}
	}
	return strings.Join(names, ", ")
}

// tail keeps the end of a process's standard error.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

const tailBytes = 2048

func (t *tail) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > 4*tailBytes {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailBytes:]...)
	}
	return len(b), nil
}

// describe returns "; its standard error ends with: …", or "" if empty.
func (t *tail) describe() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := bytes.TrimSpace(t.buf)
	if len(b) == 0 {
		return ""
	}
	if len(b) > tailBytes {
		b = b[len(b)-tailBytes:]
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) > 10 {
		lines = lines[len(lines)-10:]
	}
	return "; its standard error ends with:\n    " + strings.Join(lines, "\n    ")
}
