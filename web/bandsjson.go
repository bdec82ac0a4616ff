package web

import (
	"encoding/json"
	"math"
	"strconv"

	"mc/results"
)

// Bands are band rows as the page reads them, with the field names of
// results.BandRow. JSON cannot hold NaN or ±Inf (a band of values all left
// out, a mean without moments: see bands.Band), which encoding/json refuses:
// they are written as null, every finite value with the digits that read
// back to the same float64. Written directly: a json.Marshaler per value
// cost the page's engine 15 ms per run.
type Bands []results.BandRow

func (b Bands) MarshalJSON() ([]byte, error) {
	quoted := map[string][]byte{} // few distinct strings: outputs, units, methods, flags
	str := func(buf []byte, s string) ([]byte, error) {
		q, ok := quoted[s]
		if !ok {
			var err error
			if q, err = json.Marshal(s); err != nil {
				return nil, err
			}
			quoted[s] = q
		}
		return append(buf, q...), nil
	}
	buf := make([]byte, 0, 320*len(b)+2)
	buf = append(buf, '[')
	var err error
	for i, r := range b {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"Output":`...)
		if buf, err = str(buf, r.Output); err != nil {
			return nil, err
		}
		buf = append(buf, `,"Unit":`...)
		if buf, err = str(buf, r.Unit); err != nil {
			return nil, err
		}
		buf = append(buf, `,"Year":`...)
		if r.Year == nil {
			buf = append(buf, "null"...)
		} else {
			buf = strconv.AppendInt(buf, int64(*r.Year), 10)
		}
		buf = append(buf, `,"N":`...)
		buf = strconv.AppendInt(buf, r.N, 10)
		for _, f := range []struct {
			name string
			v    float64
		}{{"Mean", r.Mean}, {"SD", r.SD}, {"Min", r.Min}, {"Q2_5", r.Q2_5}, {"Q5", r.Q5}, {"Q25", r.Q25}, {"Q50", r.Q50}, {"Q75", r.Q75}, {"Q95", r.Q95}, {"Q97_5", r.Q97_5}, {"Max", r.Max}} {
			buf = append(buf, ',', '"')
			buf = append(buf, f.name...)
			buf = append(buf, '"', ':')
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				buf = append(buf, "null"...)
			} else {
				buf = strconv.AppendFloat(buf, f.v, 'g', -1, 64)
			}
		}
		buf = append(buf, `,"Method":`...)
		if buf, err = str(buf, r.Method); err != nil {
			return nil, err
		}
		buf = append(buf, `,"Flag":`...)
		if buf, err = str(buf, r.Flag); err != nil {
			return nil, err
		}
		buf = append(buf, '}')
	}
	return append(buf, ']'), nil
}
