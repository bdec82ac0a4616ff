package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mc/bands"
	"mc/inputs"
	"mc/results"
	"mc/sensitivity"
)

// A shard's state file holds the accumulated state of a contiguous range of
// blocks as the maximal aligned tree nodes of that range (see tree.go), so
// that merging shards rebuilds exactly the tree of a single run. Layout:
//
//	"MCSTATE1" header-length:uint32 header:JSON payload sha256(everything before):32 bytes
//
// The header names the design (its hash, and the scenario text and overrides
// that rebuild the plan), the shard, and the byte sizes of each node's parts
// in the payload. The checksum rejects a truncated or corrupted file.
const stateMagic = "MCSTATE1"

// StateExt is the extension of shard state files.
const StateExt = ".mcstate"

type stateHeader struct {
	Version      int
	Hash         string
	ScenarioFile string
	Scenario     string
	Overrides    Overrides
	Shard, Of    int
	First, End   int // blocks
	Blocks       int
	Exact        bool
	Evals        int64
	BandCentres  []float64
	IndexCentres []float64
	Quantiles    int // byte size of the quantile accumulator, first in the payload
	Nodes        []nodeHeader
	Convergence  []convHeader
}

type nodeHeader struct {
	Level, Index         int
	Bands, Sobol, Morris int // byte sizes in the payload
}

// convHeader is a convergence point; indices are stored as float bits
// because JSON has no infinities (an unavailable CI bound is ±Inf).
type convHeader struct {
	N       int
	Indices [][9]uint64 // Series, Set, N, S1, S1Lo, S1Hi, ST, STLo, STHi
}

func encodeConv(c ConvPoint) convHeader {
	h := convHeader{N: c.N}
	for _, x := range c.Indices {
		h.Indices = append(h.Indices, [9]uint64{uint64(x.Series), uint64(x.Set), uint64(x.N),
			math.Float64bits(x.S1), math.Float64bits(x.S1Lo), math.Float64bits(x.S1Hi),
			math.Float64bits(x.ST), math.Float64bits(x.STLo), math.Float64bits(x.STHi)})
	}
	return h
}

func (h convHeader) decode() ConvPoint {
	c := ConvPoint{N: h.N}
	f := math.Float64frombits
	for _, v := range h.Indices {
		c.Indices = append(c.Indices, sensitivity.Index{Series: int(v[0]), Set: int(v[1]), N: int(v[2]),
			S1: f(v[3]), S1Lo: f(v[4]), S1Hi: f(v[5]), ST: f(v[6]), STLo: f(v[7]), STHi: f(v[8])})
	}
	return c
}

// reflectNil tells whether an interface holds a nil pointer.
func reflectNil(v any) bool {
	switch x := v.(type) {
	case *bands.Accumulator:
		return x == nil
	case *sensitivity.SobolSums:
		return x == nil
	case *sensitivity.MorrisSums:
		return x == nil
	}
	return v == nil
}

// StateFileName is the name of shard i of n.
func StateFileName(i, n int) string { return fmt.Sprintf("state-%05d-of-%05d%s", i, n, StateExt) }

// ShardBlocks is the block range [first, end) of shard i of n: contiguous,
// aligned on blocks, as even as possible.
func ShardBlocks(blocks, i, n int) (first, end int) {
	return i * blocks / n, (i + 1) * blocks / n
}

// SaveState writes the outcome of shard i of n to dir, atomically: the file
// appears complete or not at all, so a shard killed at any moment leaves a
// complete file or none.
func SaveState(dir string, o *Outcome, i, n int) (string, error) {
	p := o.Plan
	h := stateHeader{Version: 1, Hash: p.Hash(), ScenarioFile: p.Scenario.File, Scenario: string(p.Scenario.Text),
		Overrides: p.Overrides, Shard: i, Of: n, Blocks: p.Blocks(), Exact: o.Exact, Evals: o.Evals,
		BandCentres: o.BandCentres, IndexCentres: o.IndexCentres}
	h.First, h.End = ShardBlocks(p.Blocks(), i, n)
	for _, c := range o.Convergence {
		h.Convergence = append(h.Convergence, encodeConv(c))
	}
	var payload bytes.Buffer
	if o.Quantiles != nil {
		b, err := o.Quantiles.MarshalBinary()
		if err != nil {
			return "", err
		}
		h.Quantiles = len(b)
		payload.Write(b)
	}
	for _, nd := range o.Nodes {
		nh := nodeHeader{Level: nd.Level, Index: nd.Index}
		for _, part := range []struct {
			m    interface{ MarshalBinary() ([]byte, error) }
			size *int
		}{{nd.State.Bands, &nh.Bands}, {nd.State.Sobol, &nh.Sobol}, {nd.State.Morris, &nh.Morris}} {
			if reflectNil(part.m) {
				continue
			}
			b, err := part.m.MarshalBinary()
			if err != nil {
				return "", err
			}
			*part.size = len(b)
			payload.Write(b)
		}
		h.Nodes = append(h.Nodes, nh)
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	buf.WriteString(stateMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(len(hj)))
	buf.Write(hj)
	buf.Write(payload.Bytes())
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	path := filepath.Join(dir, StateFileName(i, n))
	return path, results.WriteAtomic(path, buf.Bytes())
}

type stateFile struct {
	path      string
	header    stateHeader
	quantiles *bands.Accumulator
	nodes     []Node[*State]
}

func readState(path string) (*stateFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bad := func(what string) error { return fmt.Errorf("%s: not a complete mc state file (%s)", path, what) }
	if len(data) < len(stateMagic)+4+32 || string(data[:len(stateMagic)]) != stateMagic {
		return nil, bad("wrong header")
	}
	body, sum := data[:len(data)-32], data[len(data)-32:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil, bad("checksum mismatch: truncated or corrupted")
	}
	hl := int(binary.LittleEndian.Uint32(data[len(stateMagic):]))
	at := len(stateMagic) + 4
	if at+hl > len(body) {
		return nil, bad("header length")
	}
	sf := &stateFile{path: path}
	if err := json.Unmarshal(body[at:at+hl], &sf.header); err != nil {
		return nil, bad(err.Error())
	}
	payload := body[at+hl:]
	if q := sf.header.Quantiles; q > 0 {
		if q > len(payload) {
			return nil, bad("payload")
		}
		sf.quantiles = &bands.Accumulator{}
		if err := sf.quantiles.UnmarshalBinary(payload[:q]); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		payload = payload[q:]
	}
	for _, nh := range sf.header.Nodes {
		st := &State{}
		for _, part := range []struct {
			size int
			make func() encoding.BinaryUnmarshaler
		}{
			{nh.Bands, func() encoding.BinaryUnmarshaler { st.Bands = &bands.Accumulator{}; return st.Bands }},
			{nh.Sobol, func() encoding.BinaryUnmarshaler { st.Sobol = &sensitivity.SobolSums{}; return st.Sobol }},
			{nh.Morris, func() encoding.BinaryUnmarshaler { st.Morris = &sensitivity.MorrisSums{}; return st.Morris }},
		} {
			if part.size == 0 {
				continue
			}
			if part.size > len(payload) {
				return nil, bad("payload")
			}
			if err := part.make().UnmarshalBinary(payload[:part.size]); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			payload = payload[part.size:]
		}
		sf.nodes = append(sf.nodes, Node[*State]{Level: nh.Level, Index: nh.Index, State: st})
	}
	if len(payload) != 0 {
		return nil, bad("payload length")
	}
	return sf, nil
}

// MergeStates reads the shard state files of dir and merges them in the fixed
// tree order into the outcome of a single run. It refuses, listing them,
// missing and duplicated shards, shards of another design, and half-written
// or corrupted files.
func MergeStates(dir string) (*Outcome, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*"+StateExt))
	if err != nil {
		return nil, err
	}
	var problems []string
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".state-*"+StateExt+".tmp-*")); len(tmp) > 0 {
		for _, t := range tmp {
			problems = append(problems, fmt.Sprintf("half-written shard file %s (its shard was killed while writing: rerun that shard, then delete the file)", filepath.Base(t)))
		}
	}
	if len(paths) == 0 {
		problems = append(problems, fmt.Sprintf("no shard state files (*%s) in %s", StateExt, dir))
		return nil, mergeError(problems)
	}
	sort.Strings(paths)
	var files []*stateFile
	for _, p := range paths {
		sf, err := readState(p)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		files = append(files, sf)
	}
	if len(files) == 0 {
		return nil, mergeError(problems)
	}
	// One design: that of the majority of the states; the others are named.
	refFile, tie := majorityDesign(files)
	if tie != "" {
		problems = append(problems, tie)
		return nil, mergeError(problems)
	}
	ref := refFile.header
	var same []*stateFile
	for _, f := range files {
		if f.header.Hash != ref.Hash {
			problems = append(problems, fmt.Sprintf("%s belongs to another design (hash %s, not %s as the majority of the states): not merged",
				filepath.Base(f.path), f.header.Hash, ref.Hash))
			continue
		}
		if f.header.Of != ref.Of {
			problems = append(problems, fmt.Sprintf("%s is shard %d of %d, the others are of %d", filepath.Base(f.path), f.header.Shard, f.header.Of, ref.Of))
			continue
		}
		same = append(same, f)
	}
	byShard := map[int][]string{}
	for _, f := range same {
		byShard[f.header.Shard] = append(byShard[f.header.Shard], filepath.Base(f.path))
	}
	var missing []string
	for i := 0; i < ref.Of; i++ {
		switch n := len(byShard[i]); {
		case n == 0:
			first, end := ShardBlocks(ref.Blocks, i, ref.Of)
			missing = append(missing, fmt.Sprintf("%d (blocks %d–%d)", i, first, end-1))
		case n > 1:
			problems = append(problems, fmt.Sprintf("shard %d is present %d times: %s", i, n, strings.Join(byShard[i], ", ")))
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing shards of %d: %s", ref.Of, strings.Join(missing, ", ")))
	}
	if len(problems) > 0 {
		return nil, mergeError(problems)
	}
	sort.Slice(same, func(i, j int) bool { return same[i].header.Shard < same[j].header.Shard })

	// Rebuild the plan and check that it is the same design.
	sc, err := inputs.Parse(ref.ScenarioFile, []byte(ref.Scenario))
	if err != nil {
		return nil, fmt.Errorf("rebuilding the scenario of %s: %w", refFile.path, err)
	}
	p, err := NewPlan(sc, ref.Overrides)
	if err != nil {
		return nil, fmt.Errorf("rebuilding the plan of %s: %w", refFile.path, err)
	}
	if p.Hash() != ref.Hash {
		return nil, fmt.Errorf("the shards' design hash %s differs from this mc's plan of their scenario (%s): merge with the mc version that ran them", ref.Hash, p.Hash())
	}
	r := &runner{p: p}
	out := &Outcome{Plan: p, Exact: ref.Exact, BandCentres: ref.BandCentres, IndexCentres: ref.IndexCentres}
	var nodes []Node[*State]
	for _, f := range same {
		if f.quantiles != nil {
			if out.Quantiles == nil {
				out.Quantiles = f.quantiles
			} else if err := out.Quantiles.Merge(f.quantiles); err != nil {
				return nil, err
			}
		}
		nodes = append(nodes, f.nodes...)
		out.Evals += f.header.Evals
		for _, c := range f.header.Convergence {
			out.Convergence = append(out.Convergence, c.decode())
		}
	}
	st, err := Combine(nodes, p.Blocks(), func(n Node[*State]) error { return r.addPrefix(out, n) })
	if err != nil {
		return nil, err
	}
	if out.Quantiles != nil {
		out.Quantiles.DropSums()
	}
	out.Nodes = []Node[*State]{{Level: 0, Index: 0, State: st}}
	return out, nil
}

// majorityDesign returns the first state (in name order) of the design and
// shard count most states belong to; when two have as many states, it names
// them all instead, as nothing tells which is the odd one out.
func majorityDesign(files []*stateFile) (*stateFile, string) {
	count := map[string]int{}
	byHash := map[string][]string{}
	var order []string
	key := func(f *stateFile) string {
		return fmt.Sprintf("%s (a split into %d shards)", f.header.Hash, f.header.Of)
	}
	for _, f := range files {
		h := key(f)
		if count[h] == 0 {
			order = append(order, h)
		}
		count[h]++
		byHash[h] = append(byHash[h], filepath.Base(f.path))
	}
	best := order[0]
	for _, h := range order[1:] {
		if count[h] > count[best] {
			best = h
		}
	}
	var tied []string
	for _, h := range order {
		if count[h] == count[best] {
			tied = append(tied, fmt.Sprintf("design %s: %s", h, strings.Join(byHash[h], ", ")))
		}
	}
	if len(tied) > 1 {
		return nil, fmt.Sprintf("the states belong to %d designs with %d states each, so none is the majority: keep the shards of one run only\n    %s",
			len(tied), count[best], strings.Join(tied, "\n    "))
	}
	for _, f := range files {
		if key(f) == best {
			return f, ""
		}
	}
	return nil, ""
}

func mergeError(problems []string) error {
	return errors.New("cannot merge:\n  " + strings.Join(problems, "\n  "))
}

// MissingShards lists the shards of n whose state file in dir is absent or
// unreadable (a shard killed before it finished leaves no file).
func MissingShards(dir string, n int) []int {
	var missing []int
	for i := 0; i < n; i++ {
		if _, err := readState(filepath.Join(dir, StateFileName(i, n))); err != nil {
			missing = append(missing, i)
		}
	}
	return missing
}
