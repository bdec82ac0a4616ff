// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// Everything in this folder, subfolders (measures/) included; only .yaml
// files are scenarios.
//
//go:embed *
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
	if path.Ext(name) != ".yaml" {
		name += ".yaml" // and never this folder's Go source
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
	var m []string
	all, _ := fs.Glob(files, pattern)
	for _, f := range all {
		if path.Ext(f) == ".yaml" {
			m = append(m, f)
		}
	}
	return m
}

// Names lists the embedded scenarios of this folder (not of subfolders).
func Names() []string {
	ents, _ := files.ReadDir(".")
	var n []string
	for _, e := range ents {
		if !e.IsDir() && path.Ext(e.Name()) == ".yaml" {
			n = append(n, e.Name())
		}
	}
	return n
}
