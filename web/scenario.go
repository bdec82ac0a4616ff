// Package web is the explorer of `mc web`: a page that runs the engine,
// compiled to WebAssembly, in a Web Worker. This file holds what the page
// asks of the engine (the factor controls, the scenario of the current
// settings, a run's bands); the same code runs natively in the tests, so that
// a scenario downloaded from the page is checked against `mc run`.
package web

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"mc/inputs"
)

// Control is one factor's control: hold it at a value in its 1–99 % range,
// or keep it uncertain.
type Control struct {
	Name        string    `json:"name"`
	Group       string    `json:"group"`
	Unit        string    `json:"unit"`
	Description string    `json:"description"`
	Dist        string    `json:"dist"`
	P01         float64   `json:"p01"`
	P50         float64   `json:"p50"`
	P99         float64   `json:"p99"`
	Q           []float64 `json:"q"`     // the 1, 2, …, 99 % quantiles: the slider's values
	Fixed       bool      `json:"fixed"` // fixed in the scenario file itself
	Value       float64   `json:"value"` // the fixed value, if so
}

// Controls lists the factors of a scenario, grouped: levers first in file
// order of their first factor, then the factors without a group.
func Controls(name string, text []byte) ([]Control, error) {
	sc, err := inputs.Parse(name, text)
	if err != nil {
		return nil, err
	}
	var cs []Control
	for _, f := range sc.Factors {
		c := Control{Name: f.Name, Group: f.Group, Unit: f.Unit, Description: f.Description, Fixed: f.Fixed, Value: f.Value}
		if f.Dist != nil {
			c.Dist = f.Dist.String()
			c.P01, c.P50, c.P99 = f.Dist.Quantile(0.01), f.Dist.Quantile(0.5), f.Dist.Quantile(0.99)
			for i := 1; i <= 99; i++ {
				c.Q = append(c.Q, f.Dist.Quantile(float64(i)/100))
			}
		} else {
			c.P01, c.P50, c.P99 = f.Value, f.Value, f.Value
		}
		cs = append(cs, c)
	}
	first := map[string]int{}
	for i, c := range cs {
		if _, ok := first[c.Group]; !ok {
			first[c.Group] = i
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		gi, gj := cs[i].Group, cs[j].Group
		if (gi == "") != (gj == "") {
			return gj == ""
		}
		return first[gi] < first[gj]
	})
	return cs, nil
}

// Settings are the page's choices, applied to a scenario's text.
type Settings struct {
	Held    map[string]float64 `json:"held"`    // factor → value it is held at
	Samples int                `json:"samples"` // N
	Bands   []string           `json:"bands"`   // outputs that get bands (names or patterns)
	// Method is mc (bands only; the default) or sobol: indices by group of
	// the Indices outputs, for the lever ranking.
	Method  string   `json:"method"`
	Indices []string `json:"indices"`
}

// Apply returns the scenario text with the settings: method mc, samples N,
// outputs.bands, and `fixed: value` on each held factor. Comments are kept.
// The page runs exactly this text, and "download scenario" saves it, so
// that `mc run` on the file gives the numbers the page shows.
func Apply(name string, text []byte, s Settings) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a scenario (a mapping of keys)", name)
	}
	root := doc.Content[0]
	switch s.Method {
	case "", "mc":
		set(root, "method", scalar("mc"))
	case "sobol":
		set(root, "method", scalar("sobol"))
		set(root, "sobol", &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar("by"), scalar("group")}})
	default:
		return nil, fmt.Errorf("method %q: the explorer runs mc or sobol", s.Method)
	}
	if s.Samples > 0 {
		set(root, "samples", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(s.Samples)})
	}
	if len(s.Bands) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, b := range s.Bands {
			list.Content = append(list.Content, scalar(b))
		}
		outs := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar("bands"), list}}
		if len(s.Indices) > 0 {
			idx := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, o := range s.Indices {
				idx.Content = append(idx.Content, scalar(o))
			}
			outs.Content = append(outs.Content, scalar("indices"), idx)
		}
		set(root, "outputs", outs)
	}
	factors := get(root, "factors")
	held := 0
	if factors != nil && factors.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(factors.Content); i += 2 {
			v, ok := s.Held[factors.Content[i].Value]
			if !ok {
				continue
			}
			f := factors.Content[i+1]
			if f.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s: factor %s: cannot hold a factor written as %q", name, factors.Content[i].Value, f.Value)
			}
			set(f, "fixed", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'g', -1, 64)})
			held++
		}
	}
	if held != len(s.Held) {
		return nil, fmt.Errorf("%s: %d of the %d held factors are not in the scenario", name, len(s.Held)-held, len(s.Held))
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func get(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set replaces the value of key in mapping m, or appends the key.
func set(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}
