package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"mc/engine"
	"mc/inputs"
	"mc/results"
)

// dataFiles lists the data files a scenario's factors read (empirical
// distributions: `file: data.csv`), as written in the file.
func dataFiles(text []byte) ([]string, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		return nil, err
	}
	var files []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			walk(n.Alias)
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "file" && v.Kind == yaml.ScalarNode {
					files = append(files, v.Value)
					continue
				}
				walk(v)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	if len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "factors" {
				walk(m.Content[i+1])
			}
		}
	}
	return files, nil
}

// copyScenario writes the scenario the shards and the merge read into dir,
// with the data files it reads by a relative path (empirical distributions)
// beside it at the same relative paths: the jobs then read the same values
// wherever they run, and editing the originals later cannot mix two designs
// in one folder. Absolute paths are read where they are (shared storage).
// It checks that the copy plans the same design, and returns its path and
// the data files copied.
func copyScenario(p *engine.Plan, pf *planFlags, dir string) (string, []string, error) {
	files, err := dataFiles(p.Scenario.Text)
	if err != nil {
		return "", nil, err
	}
	var copied []string
	for _, f := range files {
		if filepath.IsAbs(f) {
			continue
		}
		clean := filepath.Clean(f)
		if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			return "", nil, usagef("%s: data file %s is outside the scenario's folder: the Slurm jobs read a copy of the scenario in %s, so give its absolute path, or move it beside the scenario", p.Scenario.File, f, dir)
		}
		src := filepath.Join(filepath.Dir(p.Scenario.File), clean)
		data, err := os.ReadFile(src)
		if err != nil {
			return "", nil, usagef("%s: data file %s: %v", p.Scenario.File, f, err)
		}
		dst := filepath.Join(dir, clean)
		if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
			return "", nil, err
		}
		if err := results.WriteAtomic(dst, data); err != nil {
			return "", nil, err
		}
		copied = append(copied, dst)
	}
	scCopy := filepath.Join(dir, "scenario.yaml")
	if err := results.WriteAtomic(scCopy, p.Scenario.Text); err != nil {
		return "", nil, err
	}
	// The copy must plan exactly the design of the original.
	sc, err := inputs.Load(scCopy)
	if err != nil {
		return "", nil, fmt.Errorf("the copy of the scenario in %s does not read back: %w", dir, err)
	}
	ov, err := pf.overrides()
	if err != nil {
		return "", nil, err
	}
	cp, err := engine.NewPlan(sc, ov)
	if err != nil {
		return "", nil, fmt.Errorf("the copy of the scenario in %s does not read back: %w", dir, err)
	}
	if cp.Hash() != p.Hash() {
		return "", nil, fmt.Errorf("the copy of the scenario in %s plans another design than %s (design hash %s, not %s)", dir, p.Scenario.File, cp.Hash(), p.Hash())
	}
	return scCopy, copied, nil
}
