package main

import (
	"runtime"
	"runtime/debug"

	"mc/engine"
)

func version() string {
	v := engine.Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}

func numCPU() int { return runtime.NumCPU() }
