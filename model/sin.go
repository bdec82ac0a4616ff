package model

import "math"

// sinSlice sets dst[i] = math.Sin(x[i]), bit for bit, in one loop without
// branches that depend on x[i] when 0 < |x[i]| < 2^29.
//
// math.Sin (Cephes, S. L. Moshier) picks the sign and the sine or cosine
// polynomial of the reduced argument with branches; on independent random
// arguments the processor mispredicts them half the time, so a model
// evaluated on Monte Carlo samples paid twice as much per sine as on the
// well-ordered points of a Sobol' sequence (measured on Ishigami). Here the
// polynomial's coefficients and the terms around it are picked with bit
// masks, and the operations are those of math.Sin in the same order (Go
// compiles them without fused multiply–adds on amd64 and WebAssembly), so
// the results are the same; ±0, NaN, ±Inf and |x| ≥ 2^29 are passed to
// math.Sin.
func sinSlice(dst, x []float64) {
	const (
		pi4a = 7.85398125648498535156e-1 // π/4 split into three parts
		pi4b = 3.77489470793079817668e-8
		pi4c = 2.69515142907905952645e-15
	)
	dst = dst[:len(x)]
	for i, v := range x {
		b := math.Float64bits(v)
		ax := math.Float64frombits(b &^ (1 << 63))
		if !(ax < 1<<29) || v == 0 {
			dst[i] = math.Sin(v)
			continue
		}
		// Octant j of |x|, rounded up to even to map zeros to the origin.
		j := uint64(int64(ax * (4 / math.Pi)))
		j += j & 1
		y := float64(j)
		z := ((ax - y*pi4a) - y*pi4b) - y*pi4c
		zz := z * z
		// j mod 8 is 0, 2, 4 or 6: 4 and 6 reflect in the x axis, 2 and 6
		// take the cosine polynomial, 1 − zz/2 + zz²·P_c(zz), the others the
		// sine's, z + z·zz·P_s(zz): one polynomial, its coefficients and
		// the two terms around it picked by masks.
		k := j >> 1 & 1
		c := &sinCoef[k]
		p := (((((c[0]*zz)+c[1])*zz+c[2])*zz+c[3])*zz+c[4])*zz + c[5]
		useCos := -k
		a := math.Float64bits(1.0-0.5*zz)&useCos | math.Float64bits(z)&^useCos
		m := math.Float64bits(zz*zz)&useCos | math.Float64bits(z*zz)&^useCos
		r := math.Float64bits(math.Float64frombits(a) + math.Float64frombits(m)*p)
		dst[i] = math.Float64frombits(r ^ (b>>63^j>>2&1)<<63)
	}
}

// Coefficients of the sine (0) and cosine (1) polynomials of math.Sin
// (Cephes).
var sinCoef = [2][6]float64{
	{
		1.58962301576546568060e-10,
		-2.50507477628578072866e-8,
		2.75573136213857245213e-6,
		-1.98412698295895385996e-4,
		8.33333333332211858878e-3,
		-1.66666666666666307295e-1,
	},
	{
		-1.13585365213876817300e-11,
		2.08757008419747316778e-9,
		-2.75573141792967388112e-7,
		2.48015872888517045348e-5,
		-1.38888888888730564116e-3,
		4.16666666666665929218e-2,
	},
}
