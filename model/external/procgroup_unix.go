//go:build unix

package external

import (
	"os"
	"os/exec"
	"syscall"
)

// newProcessGroup starts cmd in its own process group, so that a hung
// simulator and its children are killed together.
func newProcessGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the process group of p.
func killGroup(p *os.Process) { syscall.Kill(-p.Pid, syscall.SIGKILL) }
