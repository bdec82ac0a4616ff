// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
//
// An embedded scenario is named by its bare name ("ai-global") or, for any
// scenario including those of subfolders, by "embedded:" and its path in this
// folder ("embedded:measures/compression"). A name with a path separator and
// no "embedded:" prefix is never an embedded scenario: it names a file.
package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// The scenarios of this folder and the measure variants of measures/; not
// examples/, whose scenarios read files or run programs beside them.
//
//go:embed *.yaml measures/*.yaml
var files embed.FS

// Prefix marks an explicit embedded scenario name.
const Prefix = "embedded:"

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
// "embedded:ai-global", "embedded:measures/compression".
func Label(name string) string {
	return Prefix + strings.TrimSuffix(strings.TrimPrefix(name, Prefix), ".yaml")
}

// Lookup returns an embedded scenario: a bare name with or without .yaml
// ("ai-global", "ai-global.yaml"), or "embedded:" and its path in this
// folder ("embedded:measures/compression").
func Lookup(name string) ([]byte, bool) {
	rel, ok := strings.CutPrefix(name, Prefix)
	if !ok && strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	if rel == "" || strings.Contains(rel, `\`) {
		return nil, false
	}
	rel = path.Clean(rel)
	if path.Ext(rel) != ".yaml" {
		rel += ".yaml" // and never this folder's Go source
	}
	if !fs.ValidPath(rel) {
		return nil, false
	}
	data, err := files.ReadFile(rel)
	return data, err == nil
}

// Glob returns the labels of the embedded scenarios whose path in this
// folder matches pattern: a bare pattern ("ai-global*") matches this folder's
// scenarios, "embedded:PATTERN" any ("embedded:measures/*"). Sorted.
func Glob(pattern string) []string {
	rel, ok := strings.CutPrefix(pattern, Prefix)
	if !ok && strings.ContainsAny(pattern, `/\`) {
		return nil
	}
	if path.Ext(rel) != ".yaml" {
		rel += ".yaml"
	}
	var m []string
	all, _ := fs.Glob(files, path.Clean(rel))
	for _, f := range all {
		m = append(m, Label(f))
	}
	return m
}

// Names lists the embedded scenarios: bare names for this folder's, then
// "embedded:" names for those of subfolders.
func Names() []string {
	var top, sub []string
	fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return nil
		}
		if strings.Contains(p, "/") {
			sub = append(sub, Label(p))
		} else {
			top = append(top, strings.TrimSuffix(p, ".yaml"))
		}
		return nil
	})
	return append(top, sub...)
}
