package engine

import (
	"fmt"
	"strings"
	"testing"
)

func TestZZCoverageLinear(t *testing.T) {
	for _, n := range []string{"1024", "8192", "65536"} {
		in, tot := 0, 0
		for seed := 1; seed <= 40; seed++ {
			y := strings.Replace(strings.Replace(expAdditiveYAML, "%IDX%", "[{name: y, scale: log}]", 1), "seed: 5", fmt.Sprintf("seed: %d", seed), 1)
			y = strings.Replace(y, "samples: 8192", "samples: "+n, 1)
			tb := sobolRun(t, y, Overrides{})
			for name, want := range map[string]float64{"x1": 0.9, "x2": 0.1} {
				r := index(t, tb.Sobol, "factor", name, nil)
				tot += 2
				if r.S1Lo <= want && want <= r.S1Hi {
					in++
				}
				if r.STLo <= want && want <= r.STHi {
					in++
				}
			}
		}
		t.Logf("N=%s coverage %d/%d", n, in, tot*2/2*1)
	}
}
