// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
package scenarios

import (
	"embed"
	"path"
)

//go:embed *.yaml
var files embed.FS

// DefaultName is the scenario `mc run` runs when given none.
const DefaultName = "ai-global.yaml"

// Default returns the default scenario's name and text.
func Default() (string, []byte) {
	data, err := files.ReadFile(DefaultName)
	if err != nil {
		panic("scenarios: default scenario not embedded: " + err.Error())
	}
	return "embedded:" + DefaultName, data
}

// Lookup returns an embedded scenario by file name (with or without .yaml).
func Lookup(name string) ([]byte, bool) {
	name = path.Base(name)
	if path.Ext(name) == "" {
		name += ".yaml"
	}
	data, err := files.ReadFile(name)
	return data, err == nil
}

// Names lists the embedded scenarios.
func Names() []string {
	ents, _ := files.ReadDir(".")
	var n []string
	for _, e := range ents {
		n = append(n, e.Name())
	}
	return n
}
