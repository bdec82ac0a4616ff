package sampler

import (
	"strings"
	"testing"
)

// Dimension 2 has the primitive polynomial x + 1 and m_1 = 1, so its m_k are
// the rows of Pascal's triangle mod 2 read in binary (OEIS A001317), and the
// 32nd is 2^32 − 1.
func TestDirectionNumbersDimension2(t *testing.T) {
	a001317 := []uint32{1, 3, 5, 15, 17, 51, 85, 255, 257, 771, 1285, 3855, 4369, 13107, 21845, 65535}
	v, err := directionNumbers(2)
	if err != nil {
		t.Fatal(err)
	}
	for k, m := range a001317 {
		if got := v[1][k] >> (31 - k); got != m {
			t.Errorf("dimension 2: m_%d = %d, want %d", k+1, got, m)
		}
	}
	if v[1][31] != 0xFFFFFFFF {
		t.Errorf("dimension 2: m_32 = %#x, want 2^32 − 1", v[1][31])
	}
	for k := range v[0] {
		if v[0][k] != 1<<(31-k) {
			t.Errorf("dimension 1 (van der Corput): v_%d = %#x, want 2^%d", k+1, v[0][k], 31-k)
		}
	}
}

// The direction numbers satisfy the recurrence of Bratley & Fox (1988) in
// its integer form, checked on every embedded dimension:
//
//	m_k = 2a_1 m_{k−1} ⊕ 2²a_2 m_{k−2} ⊕ … ⊕ 2^{s−1}a_{s−1} m_{k−s+1} ⊕ 2^s m_{k−s} ⊕ m_{k−s},
//
// with v_k = m_k·2^(32−k); the initial m_k are those of the file.
func TestDirectionNumbersRecurrence(t *testing.T) {
	dim := SobolMaxDim
	if testing.Short() {
		dim = 2000
	}
	v, err := directionNumbers(dim)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(joeKuo, "\n")[1:]
	for j := 1; j < dim; j++ {
		s, a, init, err := parseJoeKuoLine(lines[j-1], j+1)
		if err != nil {
			t.Fatal(err)
		}
		m := make([]uint64, 33) // 1-based, up to m_32 < 2^32
		for k := 1; k <= 32; k++ {
			if k <= s {
				m[k] = uint64(init[k-1])
			} else {
				x := m[k-s]<<s ^ m[k-s]
				for i := 1; i < s; i++ {
					if a>>(s-1-i)&1 == 1 {
						x ^= m[k-i] << i
					}
				}
				m[k] = x
			}
			if got := uint64(v[j][k-1]) >> (32 - k); got != m[k] || uint64(v[j][k-1])<<k&0xFFFFFFFF != 0 {
				t.Fatalf("dimension %d: v_%d = %#x, want m_%d·2^%d = %#x·2^%d", j+1, k, v[j][k-1], k, 32-k, m[k], 32-k)
			}
		}
	}
}

func TestParseJoeKuoLineErrors(t *testing.T) {
	for _, line := range []string{
		"",
		"2 1 0",        // no m
		"3 1 0 1",      // wrong dimension
		"2 2 0 1",      // degree 2, one m
		"2 1 0 2",      // m_1 even
		"2 2 1 1 5",    // m_2 ≥ 4
		"2 x 0 1",      // not a number
		"2 1 0 1 3 5",  // too many m
		"2 40 0 1 1 1", // degree beyond 32 bits
	} {
		if _, _, _, err := parseJoeKuoLine(line, 2); err == nil {
			t.Errorf("parseJoeKuoLine(%q): no error", line)
		}
	}
}
