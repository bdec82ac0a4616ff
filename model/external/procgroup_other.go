//go:build !unix

package external

import (
	"os"
	"os/exec"
)

// Without Unix process groups (WebAssembly, which runs no program anyway,
// and Windows) only the simulator itself is killed.
func newProcessGroup(*exec.Cmd) {}

func killGroup(p *os.Process) { p.Kill() }
