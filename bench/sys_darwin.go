package main

import (
	"os"
	"os/exec"
	"syscall"
)

// setParentDeathSignal does nothing: macOS has no parent-death signal, so only the harness's own
// cleanup stops the children.
func setParentDeathSignal(*exec.Cmd) {}

// peakRSS is the child's maximum resident set size; macOS reports it in bytes.
func peakRSS(state *os.ProcessState) (int64, bool) {
	usage, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return usage.Maxrss, true
}
