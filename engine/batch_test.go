package engine

import (
	"reflect"
	"testing"
)

// A batch shorter than the pilot's 64 rows runs (it panicked) and gives
// the results of the default batch.
func TestSmallBatch(t *testing.T) {
	p := plan(t, scenario(t, ishigamiYAML, "%N%", "1000", "%DESIGN%", "mc", "%METHOD%", "mc"), Overrides{})
	_, a := run(t, p, Options{Batch: 10, Workers: 2})
	_, b := run(t, p, Options{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("batch 10 and the default batch differ")
	}
}
