package main

import (
	"os"
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes the kernel kill the child if the harness dies without cleaning up
// (SIGKILL, a crash), so that no simulator or provider outlives a benchmark.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// peakRSS is the child's maximum resident set size; Linux reports it in KiB.
func peakRSS(state *os.ProcessState) (int64, bool) {
	usage, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return usage.Maxrss * 1024, true
}
