package sampler

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// joeKuo holds the Sobol' direction numbers "new-joe-kuo-6.21201" of Joe and
// Kuo (2008), dimensions 2 to 21201, one line per dimension: "d s a m_1 … m_s"
// with s the degree of the primitive polynomial, a its inner coefficients as
// bits and m_k the initial direction numbers. Dimension 1, the van der Corput
// sequence, has no line.
//
// Copyright (c) 2008, Frances Y. Kuo and Stephen Joe. All rights reserved.
// Redistributed under the BSD-style licence reproduced in JOE-KUO-NOTICE.txt.
//
//go:embed joe-kuo-6.21201.txt
var joeKuo string

// SobolMaxDim is the largest dimension the embedded direction numbers cover.
const SobolMaxDim = 21201

// sobolBits is the number of bits of a point coordinate: 2^32 points.
const sobolBits = 32

// directionNumbers returns the 32-bit direction numbers v[j][k] of
// dimensions j+1 = 1, …, dim (Bratley & Fox 1988; Joe & Kuo 2008, §2):
// v_k = m_k·2^(32−k) for k ≤ s, then
//
//	v_k = v_{k−s} ⊕ (v_{k−s} >> s) ⊕ a_1 v_{k−1} ⊕ … ⊕ a_{s−1} v_{k−s+1}.
//
// Indices k are 1-based above and 0-based in v.
func directionNumbers(dim int) ([][sobolBits]uint32, error) {
	if dim < 1 || dim > SobolMaxDim {
		return nil, fmt.Errorf("sampler: Sobol' dimension %d outside [1, %d] covered by the Joe–Kuo direction numbers", dim, SobolMaxDim)
	}
	v := make([][sobolBits]uint32, dim)
	for k := range v[0] {
		v[0][k] = 1 << (sobolBits - 1 - k) // van der Corput: all m_k = 1
	}
	text := joeKuo
	_, text, _ = strings.Cut(text, "\n") // header "d s a m_i"
	for j := 1; j < dim; j++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		s, a, m, err := parseJoeKuoLine(line, j+1)
		if err != nil {
			return nil, err
		}
		for k := range v[j] {
			if k < s {
				v[j][k] = m[k] << (sobolBits - 1 - k)
				continue
			}
			x := v[j][k-s] ^ v[j][k-s]>>s
			for l := 1; l < s; l++ {
				if a>>(s-1-l)&1 == 1 {
					x ^= v[j][k-l]
				}
			}
			v[j][k] = x
		}
	}
	return v, nil
}

// parseJoeKuoLine parses the line of dimension d and checks it: m_k must be
// odd and below 2^k.
func parseJoeKuoLine(line string, d int) (s int, a uint32, m []uint32, err error) {
	bad := func(why string) error {
		return fmt.Errorf("sampler: Joe–Kuo direction numbers, line of dimension %d %q: %s", d, line, why)
	}
	f := strings.Fields(line)
	if len(f) < 4 {
		return 0, 0, nil, bad("fewer than 4 fields")
	}
	var w [3]uint64
	for i := range w {
		if w[i], err = strconv.ParseUint(f[i], 10, 32); err != nil {
			return 0, 0, nil, bad(err.Error())
		}
	}
	if w[0] != uint64(d) {
		return 0, 0, nil, bad("wrong dimension")
	}
	s, a = int(w[1]), uint32(w[2])
	if s < 1 || s >= sobolBits || len(f) != 3+s {
		return 0, 0, nil, bad("degree does not match the number of m_k")
	}
	m = make([]uint32, s)
	for k := range m {
		x, err := strconv.ParseUint(f[3+k], 10, 32)
		if err != nil {
			return 0, 0, nil, bad(err.Error())
		}
		if x&1 == 0 || x >= 1<<(k+1) {
			return 0, 0, nil, bad(fmt.Sprintf("m_%d = %d is not odd and below 2^%d", k+1, x, k+1))
		}
		m[k] = uint32(x)
	}
	return s, a, m, nil
}
