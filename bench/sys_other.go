//go:build !linux && !darwin

package main

import (
	"os"
	"os/exec"
)

// setParentDeathSignal does nothing here: only the harness's own cleanup stops the children.
func setParentDeathSignal(*exec.Cmd) {}

// peakRSS is not available on this system; the harness reports that and stops.
func peakRSS(*os.ProcessState) (int64, bool) { return 0, false }
