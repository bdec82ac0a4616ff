package engine

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"mc/inputs"
)

// The example simulator (scenarios/examples/external, Python standard
// library) gives the exact Ishigami indices within 0.02, and the same
// results, bit for bit, with 1 or 2 workers and any batch.
func TestExternalExampleSimulator(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	const file = "../scenarios/examples/external/ishigami.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Debian's python3, whatever python3 comes first on the PATH.
	text := strings.Replace(string(data), "command: [python3, sim.py]", "command: [/usr/bin/python3, sim.py]", 1)
	sc, err := inputs.Parse(file, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, sc, Overrides{Samples: 16384})
	if len(p.Notes) == 0 || !strings.Contains(p.Notes[len(p.Notes)-1], "runs a program: /usr/bin/python3 sim.py") {
		t.Fatalf("notes %q", p.Notes)
	}
	_, one := run(t, p, Options{Workers: 1})
	_, two := run(t, p, Options{Workers: 2, Batch: 100})
	if !reflect.DeepEqual(one, two) {
		t.Fatal("1 and 2 workers differ")
	}
	for _, f := range []string{"x1", "x2", "x3"} {
		r := index(t, one.Sobol, "factor", f, nil)
		near(t, "S1 "+f, r.S1, ishigamiS1[f], 0.02)
		near(t, "ST "+f, r.ST, ishigamiST[f], 0.02)
	}
}
