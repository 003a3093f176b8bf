package provider

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// terraformCLI runs the terraform binary itself in a working directory of its own, for what the
// testing framework cannot do: commands such as `terraform untaint`, and reading everything a
// user sees (warnings included). For each command the provider is served in this process and
// Terraform attaches to it, as the testing framework does.
type terraformCLI struct {
	t      *testing.T
	binary string
	dir    string
	// env is added to the environment of every command, e.g. TF_VAR_ values.
	env []string
}

// newTerraformCLI writes config as main.tf into a new directory and runs terraform init there.
// Like every acceptance test it runs only with TF_ACC set; the terraform binary is
// TF_ACC_TERRAFORM_PATH or the one on PATH.
func newTerraformCLI(t *testing.T, config string) *terraformCLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run Terraform")
	}
	cli := &terraformCLI{t: t, binary: terraformBinary(t), dir: t.TempDir()}
	cli.writeConfig(config)
	cli.mustRun("init")
	return cli
}

// terraformBinary is TF_ACC_TERRAFORM_PATH, else the terraform on PATH.
func terraformBinary(t *testing.T) string {
	t.Helper()
	binary := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if binary == "" {
		var err error
		if binary, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("no terraform binary: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (%v)", err)
		}
	}
	return binary
}

// writeConfig replaces the configuration, with the provider's source declared.
func (c *terraformCLI) writeConfig(config string) {
	c.t.Helper()
	source := `
terraform {
  required_providers {
    gravityzone = {
      source = "gzcommunity/gravityzone"
    }
  }
}
`
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(source+config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// run runs one terraform command and returns what it printed (stdout and stderr) and how it ended.
func (c *terraformCLI) run(args ...string) (output string, err error) {
	c.t.Helper()
	reattach, stop := c.serveProvider()
	defer stop()
	cmd := exec.CommandContext(c.t.Context(), c.binary, append(args, "-no-color")...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	cmd.Env = append(cmd.Env, c.env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// mustRun is run for commands that must succeed.
func (c *terraformCLI) mustRun(args ...string) string {
	c.t.Helper()
	out, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// exitCode is the exit status of a finished command: 0 for success.
func exitCode(err error) int {
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// serveProvider starts the provider in debug mode and returns the TF_REATTACH_PROVIDERS value that
// points Terraform at it, and a function that stops it.
func (c *terraformCLI) serveProvider() (reattach string, stop func()) {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	serveErr := make(chan error, 1)
	go func() {
		serveErr <- tf6server.Serve(RegistryAddress, NewProtocol6Server("test"),
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			// Provider logs follow TF_LOG and TF_ACC_LOG_PATH, as in the testing framework.
			tf6server.WithLoggingSink(c.t))
	}()
	var config *plugin.ReattachConfig
	select {
	case config = <-configCh:
	case err := <-serveErr:
		cancel()
		c.t.Fatalf("serving the provider: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		c.t.Fatal("the provider did not start serving within 30s")
	}
	type address struct{ Network, String string }
	encoded, err := json.Marshal(map[string]any{RegistryAddress: map[string]any{
		"Protocol": config.Protocol, "ProtocolVersion": config.ProtocolVersion, "Pid": config.Pid, "Test": true,
		"Addr": address{config.Addr.Network(), config.Addr.String()},
	}})
	if err != nil {
		cancel()
		c.t.Fatal(err)
	}
	return string(encoded), func() {
		cancel()
		<-closeCh
	}
}
