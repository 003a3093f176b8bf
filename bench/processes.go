package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	providerBinary  = "terraform-provider-gravityzone"
	floorBinary     = "terraform-provider-benchfloor"
	simulatorBinary = "gravityzone-simulator"
	// startTimeout bounds how long a child process may take to print its address.
	startTimeout = 30 * time.Second
	// stopTimeout is how long a child may take to exit after being asked to, before it is killed.
	stopTimeout = 10 * time.Second
)

// buildBinaries builds the provider, the do-nothing provider and the simulator from the
// module around the working directory into dir, as a release would (trimmed paths, no symbol
// table).
func buildBinaries(ctx context.Context, dir string) error {
	root, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return fmt.Errorf("finding the module root with go list: %w", err)
	}
	for pkg, binary := range map[string]string{
		".": providerBinary, "./bench/floorprovider": floorBinary, "./cmd/gravityzone-simulator": simulatorBinary,
	} {
		build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=bench",
			"-o", filepath.Join(dir, binary), pkg)
		build.Dir = strings.TrimSpace(string(root))
		if out, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %w\n%s", binary, err, out)
		}
	}
	return nil
}

// childEnvironment is the harness's environment without Terraform's logging variables, so that a
// TF_LOG left in a shell does not turn the measurement into one of logging.
func childEnvironment(extra ...string) []string {
	env := slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "TF_LOG") })
	return append(env, extra...)
}

// startChild starts cmd with its stdout piped, and returns the lines it prints until a line
// satisfies done. The child is killed if it exits or takes longer than startTimeout first.
func startChild(cmd *exec.Cmd, done func(line string) bool) ([]string, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	setParentDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	type result struct {
		lines []string
		err   error
	}
	found := make(chan result, 1)
	go func() {
		var lines []string
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines = append(lines, scanner.Text())
			if done(scanner.Text()) {
				found <- result{lines: lines}
				_, _ = io.Copy(io.Discard, stdout) // keep the pipe drained while the child runs
				return
			}
		}
		found <- result{lines: lines, err: fmt.Errorf("%s exited before it was ready: %s", filepath.Base(cmd.Path), strings.Join(lines, "; "))}
	}()
	select {
	case r := <-found:
		if r.err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		return r.lines, r.err
	case <-time.After(startTimeout):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s did not get ready within %s", filepath.Base(cmd.Path), startTimeout)
	}
}

// stopChild asks a child to exit with sig, kills it after stopTimeout, and reaps it.
func stopChild(cmd *exec.Cmd, sig os.Signal) *os.ProcessState {
	if cmd.ProcessState != nil {
		return cmd.ProcessState
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	_ = cmd.Process.Signal(sig)
	select {
	case <-exited:
	case <-time.After(stopTimeout):
		_ = cmd.Process.Kill()
		<-exited
	}
	return cmd.ProcessState
}

// simulatorProcess is a gravityzone-simulator serving on a free loopback port.
type simulatorProcess struct {
	cmd    *exec.Cmd
	apiURL string
	apiKey string
	// multiplier of the documented rate limits; 0 when they are off.
	multiplier float64
}

// startSimulator starts the simulator with the documented rate limits times multiplier, or with no
// limits when multiplier is 0. Its log goes to logPath.
func startSimulator(ctx context.Context, binDir, logPath string, multiplier float64) (*simulatorProcess, error) {
	args := []string{"--listen", "127.0.0.1:0", "--seed", "1"}
	if multiplier == 0 {
		args = append(args, "--rate-limits", "off")
	} else {
		args = append(args, "--rate-limits", "documented", "--rate-limit-multiplier", strconv.FormatFloat(multiplier, 'g', -1, 64))
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, simulatorBinary), args...)
	cmd.Stderr = logFile
	cmd.Env = childEnvironment()
	lines, err := startChild(cmd, func(line string) bool { return strings.HasPrefix(line, "GRAVITYZONE_ROOT_COMPANY_ID=") })
	if err != nil {
		return nil, fmt.Errorf("starting the simulator: %w", err)
	}
	sim := &simulatorProcess{cmd: cmd, multiplier: multiplier}
	for _, line := range lines {
		name, value, _ := strings.Cut(line, "=")
		switch name {
		case "GRAVITYZONE_API_URL":
			sim.apiURL = value
		case "GRAVITYZONE_API_KEY":
			sim.apiKey = value
		}
	}
	if sim.apiURL == "" || sim.apiKey == "" {
		sim.stop()
		return nil, fmt.Errorf("the simulator did not print its URL and key: %q", lines)
	}
	return sim, nil
}

func (s *simulatorProcess) stop() { stopChild(s.cmd, syscall.SIGTERM) }

// simulatorStats is the answer of GET /_simulator/stats.
type simulatorStats struct {
	Requests    map[string]int `json:"requests"`
	RateLimited int            `json:"rateLimited"`
}

func (s *simulatorProcess) stats(ctx context.Context) (simulatorStats, error) {
	var stats simulatorStats
	err := s.admin(ctx, http.MethodGet, "stats", &stats)
	return stats, err
}

// reset empties the simulator: the root company alone, zeroed stats, full rate-limit buckets.
func (s *simulatorProcess) reset(ctx context.Context) error {
	return s.admin(ctx, http.MethodPost, "reset", nil)
}

// admin calls one of the administrative endpoints, which live beside /api.
func (s *simulatorProcess) admin(ctx context.Context, method, endpoint string, out any) error {
	url := strings.TrimSuffix(s.apiURL, "/api") + "/_simulator/" + endpoint
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	req.SetBasicAuth(s.apiKey, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: HTTP %d: %s", method, url, resp.StatusCode, body)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}

// providerProcess is a provider serving in debug mode, for one Terraform command.
type providerProcess struct {
	cmd *exec.Cmd
	// reattach is the value of TF_REATTACH_PROVIDERS that makes Terraform use this process.
	reattach string
}

// startProvider starts a provider binary with -debug and the extra environment variables; it
// prints the TF_REATTACH_PROVIDERS value that Terraform needs and serves until interrupted. Its log
// goes to logPath.
func startProvider(ctx context.Context, binary, logPath string, env ...string) (*providerProcess, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, binary, "-debug")
	cmd.Stderr = logFile
	cmd.Env = childEnvironment(env...)
	const prefix = "TF_REATTACH_PROVIDERS='"
	lines, err := startChild(cmd, func(line string) bool { return strings.Contains(line, prefix) })
	if err != nil {
		return nil, fmt.Errorf("starting the provider in debug mode: %w", err)
	}
	_, value, _ := strings.Cut(lines[len(lines)-1], prefix)
	value = strings.TrimSuffix(value, "'")
	if !json.Valid([]byte(value)) {
		stopChild(cmd, os.Interrupt)
		return nil, fmt.Errorf("the provider printed a TF_REATTACH_PROVIDERS that is not JSON: %s", value)
	}
	return &providerProcess{cmd: cmd, reattach: value}, nil
}

// processUsage is what one process cost.
type processUsage struct {
	cpuSeconds  float64
	peakRSSByte int64
}

// stop interrupts the provider (how its debug mode is meant to end) and returns what it used over
// its whole life.
func (p *providerProcess) stop() (processUsage, error) {
	state := stopChild(p.cmd, os.Interrupt)
	return usageOf(state)
}

func usageOf(state *os.ProcessState) (processUsage, error) {
	if state == nil {
		return processUsage{}, errors.New("the process was not reaped")
	}
	cpu := state.UserTime() + state.SystemTime()
	peak, ok := peakRSS(state)
	if !ok {
		return processUsage{}, errors.New("this system does not report the peak memory of a child process")
	}
	return processUsage{cpuSeconds: cpu.Seconds(), peakRSSByte: peak}, nil
}
