// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
package scenarios

import (
	"embed"
	"path"
	"strings"
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
	return Label(DefaultName), data
}

// Label is how results and messages name an embedded scenario:
// "embedded:ai-global".
func Label(name string) string {
	return "embedded:" + strings.TrimSuffix(name, ".yaml")
}

// Lookup returns an embedded scenario by its bare name, with or without
// .yaml ("ai-global", "ai-global.yaml"). A name with a path separator is
// never an embedded scenario: "stdy/ai-global.yaml" names a file.
func Lookup(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	if path.Ext(name) == "" {
		name += ".yaml"
	}
	data, err := files.ReadFile(name)
	return data, err == nil
}

// Names lists the embedded scenarios by bare name.
func Names() []string {
	ents, _ := files.ReadDir(".")
	var n []string
	for _, e := range ents {
		n = append(n, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return n
}
