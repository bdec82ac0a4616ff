package sensitivity

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// Shard files hold states as: an 8-byte magic (which names the kind and the
// format version), the configuration, then counts and sums, all
// little-endian. Floats are stored by their IEEE-754 bits, so a round trip is
// bit-exact.

var (
	sobolMagic  = [8]byte{'m', 'c', 'S', 'O', 'B', 'O', 'L', 4}
	morrisMagic = [8]byte{'m', 'c', 'M', 'O', 'R', 'R', 'S', 1}
)

// maxStateLen bounds the number of counts and sums a header may announce, so
// a corrupt header cannot ask for an absurd allocation.
const maxStateLen = 1 << 31

type writer struct{ b []byte }

func (w *writer) u64(v uint64)  { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *writer) f64(v float64) { w.u64(math.Float64bits(v)) }

type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("data too short")

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.err = errShort
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) f64() float64 { return math.Float64frombits(r.u64()) }

// maxNameLen bounds the length of a name (an estimator's) in a state.
const maxNameLen = 64

func (w *writer) str(s string) {
	w.u64(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (r *reader) str(what string) string {
	n := r.count(what+" length", maxNameLen)
	if r.err != nil {
		return ""
	}
	if len(r.b) < n {
		r.err = errShort
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// count reads a non-negative size no larger than limit.
func (r *reader) count(what string, limit uint64) int {
	v := r.u64()
	if r.err == nil && v > limit {
		r.err = fmt.Errorf("%s = %d exceeds %d", what, v, limit)
	}
	return int(v)
}

// MarshalBinary encodes the state for a shard file.
func (a *SobolSums) MarshalBinary() ([]byte, error) {
	if a.err != nil {
		return nil, a.err
	}
	w := &writer{b: make([]byte, 0, 8*(8+len(a.cfg.Centres)+len(a.rows)+len(a.sums)))}
	w.b = append(w.b, sobolMagic[:]...)
	w.u64(uint64(a.cfg.Series))
	w.u64(uint64(a.cfg.Sets))
	w.u64(uint64(a.cfg.Replicates))
	w.u64(uint64(a.cfg.BatchRows))
	w.u64(flag(a.cfg.SecondOrder))
	w.u64(flag(a.cfg.DeltaOnly))
	w.u64(flag(a.cfg.AllSums))
	w.str(a.cfg.First)
	w.str(a.cfg.Total)
	for _, m := range a.cfg.Centres {
		w.f64(m)
	}
	for _, n := range a.rows {
		w.u64(n)
	}
	for _, s := range a.sums {
		w.f64(s)
	}
	return w.b, nil
}

func flag(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// UnmarshalBinary replaces a by the state encoded in data.
func (a *SobolSums) UnmarshalBinary(data []byte) error {
	if len(data) < 8 || [8]byte(data[:8]) != sobolMagic {
		return errors.New("sensitivity: SobolSums.UnmarshalBinary: not a Sobol' state (bad magic or version)")
	}
	r := &reader{b: data[8:]}
	var cfg SobolConfig
	cfg.Series = r.count("series", maxStateLen)
	cfg.Sets = r.count("sets", 1<<20)
	cfg.Replicates = r.count("replicates", maxStateLen)
	cfg.BatchRows = r.count("batch rows", 1<<62)
	second := r.u64()
	if r.err == nil && second > 1 {
		r.err = fmt.Errorf("second-order flag = %d", second)
	}
	cfg.SecondOrder = second == 1
	deltaOnly := r.u64()
	if r.err == nil && deltaOnly > 1 {
		r.err = fmt.Errorf("delta-only flag = %d", deltaOnly)
	}
	cfg.DeltaOnly = deltaOnly == 1
	allSums := r.u64()
	if r.err == nil && allSums > 1 {
		r.err = fmt.Errorf("all-sums flag = %d", allSums)
	}
	cfg.AllSums = allSums == 1
	cfg.First = r.str("first-order estimator")
	cfg.Total = r.str("total-order estimator")
	if r.err == nil && uint64(len(r.b)) < 8*uint64(cfg.Series) {
		r.err = errShort
	}
	if r.err == nil {
		cfg.Centres = make([]float64, cfg.Series)
		for c := range cfg.Centres {
			cfg.Centres[c] = r.f64()
		}
	}
	if r.err != nil {
		return fmt.Errorf("sensitivity: SobolSums.UnmarshalBinary: %w", r.err)
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("sensitivity: SobolSums.UnmarshalBinary: %w", err)
	}
	hi1, perRep := bits.Mul64(uint64(cfg.Series), uint64(sobolStride(cfg)))
	hi2, want := bits.Mul64(uint64(cfg.Replicates), perRep+1)
	if hi1 != 0 || hi2 != 0 || want > uint64(len(r.b))/8 || uint64(len(r.b)) != 8*want {
		return fmt.Errorf("sensitivity: SobolSums.UnmarshalBinary: %d bytes of counts and sums do not match %d replicates × %d series × %d sets",
			len(r.b), cfg.Replicates, cfg.Series, cfg.Sets)
	}
	b := NewSobolSums(cfg)
	for i := range b.rows {
		b.rows[i] = r.u64()
	}
	for i := range b.sums {
		b.sums[i] = r.f64()
	}
	*a = *b
	return nil
}
