package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A scenario whose model runs a program is never run by the explorer, nor
// offered as a preset.
func TestExternalModelRefused(t *testing.T) {
	path := filepath.Join("..", "scenarios", "examples", "external", "ishigami.yaml")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(path, text); err == nil || !strings.Contains(err.Error(), "runs a program") {
		t.Errorf("Run of an external model: %v, want a refusal", err)
	}
	names := map[string]bool{}
	for _, p := range Presets() {
		names[p.Name] = true
		if strings.Contains(p.Text, "command:") {
			t.Errorf("preset %s runs a program", p.Name)
		}
	}
	if !names["ai-global"] || len(names) < 5 {
		t.Errorf("presets %v: want the shipped scenarios, ai-global among them", names)
	}
}
