package bands

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// encoder appends little-endian fixed-width floats and varints.
type encoder struct{ b []byte }

func (e *encoder) byte(v byte)      { e.b = append(e.b, v) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) float(v float64)  { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) bytes(v []byte)   { e.b = append(e.b, v...) }
func (e *encoder) floats(v []float64) {
	for _, x := range v {
		e.float(x)
	}
}

// decoder reads what encoder wrote, remembering the first error.
type decoder struct {
	b   []byte
	off int
	err error
}

var errTruncated = errors.New("data ends early")

func (d *decoder) fail(format string, a ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("byte %d: %s", d.off, fmt.Sprintf(format, a...))
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.b) {
		d.fail("%v", errTruncated)
		return 0
	}
	v := d.b[d.off]
	d.off++
	return v
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.fail("%v", errTruncated)
		return nil
	}
	v := d.b[d.off : d.off+n]
	d.off += n
	return v
}

// uvarint reads a uvarint in its shortest form: a longer one (a last byte
// of zero) would let two byte strings decode to the same state.
func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad or truncated varint")
		return 0
	}
	if n > 1 && d.b[d.off+n-1] == 0 {
		d.fail("varint not in its shortest form")
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	u := d.uvarint() // zig-zag, as binary.Varint
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *decoder) float() float64 {
	b := d.bytes(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

// count reads a uvarint that must be at most limit.
func (d *decoder) count(what string, limit uint64) uint64 {
	v := d.uvarint()
	if d.err == nil && v > limit {
		d.fail("%s %d, want at most %d", what, v, limit)
		return 0
	}
	return v
}

// remaining is the number of unread bytes.
func (d *decoder) remaining() int { return len(d.b) - d.off }
