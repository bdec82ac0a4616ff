// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
package scenarios

import (
	"embed"
	"io/fs"
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
	return "embedded:" + DefaultName, data
}

// Lookup returns an embedded scenario by file name (with or without .yaml):
// its path in this folder (e.g. measures/x), else its base name.
func Lookup(name string) ([]byte, bool) {
	name = strings.TrimPrefix(path.Clean(name), "scenarios/")
	if path.Ext(name) == "" {
		name += ".yaml"
	}
	if data, err := files.ReadFile(name); err == nil {
		return data, true
	}
	data, err := files.ReadFile(path.Base(name))
	return data, err == nil
}

// Glob returns the embedded scenarios whose path in this folder (with or
// without .yaml) matches pattern, e.g. "measures/*", sorted.
func Glob(pattern string) []string {
	pattern = strings.TrimPrefix(path.Clean(pattern), "scenarios/")
	if path.Ext(pattern) == "" {
		pattern += ".yaml"
	}
	m, _ := fs.Glob(files, pattern)
	return m
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
