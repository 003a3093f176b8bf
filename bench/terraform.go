package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// terraformCLI runs one terraform binary with a neutral environment: an empty CLI configuration
// (a user's plugin cache or dev_overrides must not change what is measured), no checkpoint calls,
// no prompts, no logging.
type terraformCLI struct {
	path    string
	cliConf string
}

func newTerraformCLI(path, workDir string) (*terraformCLI, error) {
	cliConf := filepath.Join(workDir, "terraform.rc")
	if err := os.WriteFile(cliConf, nil, 0o600); err != nil {
		return nil, err
	}
	return &terraformCLI{path: path, cliConf: cliConf}, nil
}

// version is the first line of `terraform version`.
func (tf *terraformCLI) version(ctx context.Context) (string, error) {
	out, err := tf.command(ctx, "", "").Output()
	if err != nil {
		return "", fmt.Errorf("running %s version: %w", tf.path, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

func (tf *terraformCLI) command(ctx context.Context, dir, reattach string, args ...string) *exec.Cmd {
	if len(args) == 0 {
		args = []string{"version"}
	}
	cmd := exec.CommandContext(ctx, tf.path, args...)
	cmd.Dir = dir
	extra := []string{"TF_CLI_CONFIG_FILE=" + tf.cliConf, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0"}
	if reattach != "" {
		extra = append(extra, "TF_REATTACH_PROVIDERS="+reattach)
	}
	cmd.Env = childEnvironment(extra...)
	setParentDeathSignal(cmd)
	return cmd
}

// workspace is one Terraform root module with its state, in its own directory.
type workspace struct {
	dir string
	tf  *terraformCLI
	// commands counts the commands run, to name their log files.
	commands int
}

func newWorkspace(tf *terraformCLI, dir, config string) (*workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		return nil, err
	}
	return &workspace{dir: dir, tf: tf}, nil
}

// removeState forgets everything applied, so that the next run starts from nothing.
func (w *workspace) removeState() error {
	for _, name := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if err := os.Remove(filepath.Join(w.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// terraformRun is one finished Terraform command.
type terraformRun struct {
	wall   time.Duration
	usage  processUsage
	output string
}

// run runs terraform with args in the workspace, attached to the provider process given by
// reattach (empty when the configuration uses built-in resources only). Its output goes to a log
// file in the workspace; a failure quotes the end of it.
func (w *workspace) run(ctx context.Context, reattach string, args ...string) (terraformRun, error) {
	w.commands++
	logPath := filepath.Join(w.dir, fmt.Sprintf("%02d-%s.log", w.commands, args[0]))
	var output bytes.Buffer
	cmd := w.tf.command(ctx, w.dir, reattach, append(args, "-no-color", "-input=false")...)
	cmd.Stdout = &output
	cmd.Stderr = &output
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if writeErr := os.WriteFile(logPath, output.Bytes(), 0o600); writeErr != nil && err == nil {
		err = writeErr
	}
	if err != nil {
		return terraformRun{}, fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), w.dir, err, lastLines(output.String(), 30))
	}
	usage, err := usageOf(cmd.ProcessState)
	return terraformRun{wall: wall, usage: usage, output: output.String()}, err
}

func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
