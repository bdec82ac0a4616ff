package web

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"mc/results"
)

// Non-finite band values are written as null (encoding/json refuses NaN);
// finite ones read back to the same float64, in the fields of BandRow.
func TestBandsJSON(t *testing.T) {
	y := int32(2030)
	in := Bands{{Output: "FE_total", Unit: "kWh", Year: &y, N: 64, Mean: math.NaN(), SD: math.Inf(1), Min: 0.1, Q2_5: 1.0 / 3, Q5: 2e-300, Q25: 5e300, Q50: -7, Q75: 1e21, Q95: 123456789.123456789, Q97_5: math.Nextafter(1, 2), Max: math.Inf(-1), Method: "sketch(0.005)", Flag: "f"}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"Mean":null,"SD":null`) || !strings.Contains(string(b), `"Max":null`) {
		t.Errorf("non-finite values not null: %s", b)
	}
	var out []results.BandRow
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	want := in[0]
	want.Mean, want.SD, want.Max = 0, 0, 0
	if len(out) != 1 || !sameBand(out[0], want) {
		t.Errorf("read back %+v, want %+v", out, want)
	}
	// Finite rows read back as encoding/json writes them, strings escaped.
	y2 := int32(2050)
	rows := Bands{in[0], {Output: "a\"b<\u00e9>", Unit: "t \n", Year: nil, N: 3, Mean: 1, SD: 0.5, Min: -1e-310, Max: 4}, {Output: "x", Year: &y2}}
	rows[0].Mean, rows[0].SD, rows[0].Max = 1, 2, 3
	b, err = json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	std, _ := json.Marshal([]results.BandRow(rows))
	var got, ref []results.BandRow
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	json.Unmarshal(std, &ref)
	if len(got) != len(ref) {
		t.Fatalf("%d rows, want %d", len(got), len(ref))
	}
	for i := range got {
		if !sameBand(got[i], ref[i]) {
			t.Errorf("row %d: %+v, encoding/json gives %+v", i, got[i], ref[i])
		}
	}
}
