package inputs

// Constant is the degenerate distribution at Value: Q(p) = Value for every p.
// A factor with a constant distribution is fixed.
type Constant struct {
	Value float64
}

// NewConstant returns the constant distribution at a finite value.
func NewConstant(value float64) (Constant, error) {
	if err := checkFinite("value", value); err != nil {
		return Constant{}, err
	}
	return Constant{Value: value}, nil
}

// Quantile returns Value.
func (c Constant) Quantile(p float64) float64 { return c.Value }

func (c Constant) String() string { return "constant(value=" + num(c.Value) + ")" }
