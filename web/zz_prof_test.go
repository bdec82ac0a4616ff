package web

import (
	"testing"

	"mc/scenarios"
)

func BenchmarkZZRefresh(b *testing.B) {
	text, _ := scenarios.Lookup("ai-global")
	c, err := ChartOf("ai-global", text)
	if err != nil {
		b.Fatal(err)
	}
	sub, err := Apply("ai-global", text, Settings{Samples: 1024, Bands: c.Criteria[0].Outputs, Held: map[string]float64{"s_suff": 0.4}})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s", sub[:min(len(sub), 400)])
	for b.Loop() {
		if _, err := Run("ai-global", sub); err != nil {
			b.Fatal(err)
		}
	}
}
