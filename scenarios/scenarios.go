// Package scenarios embeds the scenario files shipped with mc, so that
// `mc run` works with no file and the examples are readable in this folder.
package scenarios

import (
	"embed"
	"path"
	"strings"
)

//go:embed *.yaml measures/*.yaml
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

// Lookup returns an embedded scenario by file name (with or without .yaml),
// e.g. "ai-global" or "measures/compression"; leading directories that are
// not embedded ("scenarios/", "./") are ignored, so the path of a file of
// this folder finds its embedded copy.
func Lookup(name string) ([]byte, bool) {
	name = path.Clean(strings.ReplaceAll(name, "\\", "/"))
	if path.Ext(name) == "" {
		name += ".yaml"
	}
	for {
		if data, err := files.ReadFile(name); err == nil {
			return data, true
		}
		i := strings.IndexByte(name, '/')
		if i < 0 {
			return nil, false
		}
		name = name[i+1:]
	}
}

// Names lists the embedded scenarios, those of measures/ as "measures/<name>.yaml".
func Names() []string {
	var n []string
	for _, dir := range []string{".", "measures"} {
		ents, _ := files.ReadDir(dir)
		for _, e := range ents {
			if e.IsDir() {
				continue
			}
			n = append(n, path.Join(dir, e.Name()))
		}
	}
	return n
}
