package main

import (
	"regexp"
	"strings"
	"testing"
)

// The default run (ai-global v2, Sobol' by group) ranks the `lever:` groups
// in their own table, apart from the exogenous uncertainties, for every index
// output, on log scale.
func TestDefaultRunSeparatesLevers(t *testing.T) {
	code, out, stderr := runMain("run", "-n", "64", "--no-report", "-o", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	row := regexp.MustCompile(`^\d+\s+(\S+)`)
	for _, o := range []string{"FE_total", "GWP_total", "WATER_total", "ADPe_total", "FE_per_service"} {
		for _, kind := range []string{"LEVERS", "EXOGENOUS uncertainties"} {
			title := kind + " — Sobol' indices of log " + o + " by groups"
			i := strings.Index(out, title)
			if i < 0 {
				t.Errorf("no table %q", title)
				continue
			}
			rows := 0
			for _, l := range strings.Split(out[i:], "\n")[2:] {
				m := row.FindStringSubmatch(l)
				if m == nil {
					break
				}
				rows++
				if lever := strings.HasPrefix(m[1], "lever:"); lever != (kind == "LEVERS") {
					t.Errorf("%s: group %s in the %s table", o, m[1], kind)
				}
			}
			if rows == 0 {
				t.Errorf("%s: empty table", title)
			}
		}
	}
}
