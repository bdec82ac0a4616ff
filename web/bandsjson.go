package web

import (
	"encoding/json"
	"math"
	"strconv"

	"mc/results"
)

// Bands are band rows as the page reads them: JSON cannot hold NaN or ±Inf
// (a band of values all left out, a mean without moments: see bands.Band),
// which encoding/json refuses; they are written as null, every finite value
// with the digits that read back to the same float64.
type Bands []results.BandRow

type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// bandJSON is results.BandRow with its fields' names, its values as num.
type bandJSON struct {
	Output                                                  string
	Unit                                                    string
	Year                                                    *int32
	N                                                       int64
	Mean, SD, Min, Q2_5, Q5, Q25, Q50, Q75, Q95, Q97_5, Max num
	Method, Flag                                            string
}

func (b Bands) MarshalJSON() ([]byte, error) {
	rows := make([]bandJSON, len(b))
	for i, r := range b {
		rows[i] = bandJSON{r.Output, r.Unit, r.Year, r.N, num(r.Mean), num(r.SD), num(r.Min), num(r.Q2_5), num(r.Q5), num(r.Q25), num(r.Q50), num(r.Q75), num(r.Q95), num(r.Q97_5), num(r.Max), r.Method, r.Flag}
	}
	return json.Marshal(rows)
}
