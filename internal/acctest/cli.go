package acctest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// registryHosts are the hosts that a configuration's short source address ("namespace/name")
// resolves to: Terraform's registry and OpenTofu's. The provider is reattached under both, so
// that the same test runs under either CLI.
var registryHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// Provider is the provider a CLI serves: its registry address ("host/namespace/name") and its
// protocol 6 server.
type Provider struct {
	Address string
	Server  func() tfprotov6.ProviderServer
}

// source is the provider's address without the host, as configurations write it.
func (p Provider) source() string {
	_, source, _ := strings.Cut(p.Address, "/")
	return source
}

// CLI runs the terraform binary itself (or tofu) in a working directory of its own, for what the
// testing framework cannot do: commands such as untaint, and reading everything a user sees
// (warnings included). For each command the provider is served in this process and the CLI
// attaches to it, as the testing framework does.
type CLI struct {
	t        *testing.T
	provider Provider
	tf       *tfexec.Terraform
	output   *output
}

// output collects what the CLI prints on stdout and stderr, which tfexec copies in two goroutines.
type output struct {
	mu   sync.Mutex
	text bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.text.Write(p)
}

// take returns what was printed since the last take.
func (o *output) take() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	defer o.text.Reset()
	return o.text.String()
}

// NewCLI writes config as main.tf into a new directory and runs init there. Like every
// acceptance test it runs only with TF_ACC set; the binary is TF_ACC_TERRAFORM_PATH or the
// terraform on PATH.
func NewCLI(t *testing.T, provider Provider, config string) *CLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run Terraform")
	}
	tf, err := tfexec.NewTerraform(t.TempDir(), Binary(t))
	if err != nil {
		t.Fatal(err)
	}
	c := &CLI{t: t, provider: provider, tf: tf, output: &output{}}
	tf.SetStdout(c.output)
	tf.SetStderr(c.output)
	c.WriteConfig(config)
	c.Must(c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		return tf.Init(ctx, reattach)
	}))
	return c
}

// Binary is the CLI the acceptance tests run: TF_ACC_TERRAFORM_PATH, else the terraform on PATH.
func Binary(t *testing.T) string {
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

// Dir is the working directory: the configuration, the state and whatever else the CLI writes.
func (c *CLI) Dir() string { return c.tf.WorkingDir() }

// WriteConfig replaces the configuration, with the provider's source declared.
func (c *CLI) WriteConfig(config string) {
	c.t.Helper()
	source := fmt.Sprintf(`
terraform {
  required_providers {
    %s = {
      source = %q
    }
  }
}
`, path.Base(c.provider.Address), c.provider.source())
	if err := os.WriteFile(filepath.Join(c.Dir(), "main.tf"), []byte(source+config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// Must returns the output of a command that must succeed, and fails the test with that output
// when it did not.
func (c *CLI) Must(output string, err error) string {
	c.t.Helper()
	if err != nil {
		c.t.Fatalf("%v\n%s", err, output)
	}
	return output
}

// Apply runs apply (with -auto-approve, or of a saved plan given with tfexec.DirOrPlan).
func (c *CLI) Apply(opts ...tfexec.ApplyOption) (output string, err error) {
	return c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		return c.tf.Apply(ctx, append(opts, reattach)...)
	})
}

// Plan runs plan; changes says whether the plan is not empty.
func (c *CLI) Plan(opts ...tfexec.PlanOption) (changes bool, output string, err error) {
	output, err = c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		changes, err = c.tf.Plan(ctx, append(opts, reattach)...)
		return err
	})
	return changes, output, err
}

// Destroy runs destroy -auto-approve.
func (c *CLI) Destroy() (output string, err error) {
	return c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		return c.tf.Destroy(ctx, reattach)
	})
}

// Import runs import of id to address.
func (c *CLI) Import(address, id string) (output string, err error) {
	return c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		return c.tf.Import(ctx, address, id, reattach)
	})
}

// Untaint runs untaint of address.
func (c *CLI) Untaint(address string) (output string, err error) {
	return c.run(func(ctx context.Context, _ *tfexec.ReattachOption) error {
		return c.tf.Untaint(ctx, address)
	})
}

// Query runs query -json (Terraform 1.14+) and returns the results it listed.
func (c *CLI) Query(opts ...tfexec.QueryOption) (found []tfjson.ListResourceFoundData, output string, err error) {
	// QueryJSON takes the CLI's stdout for its messages, and keeps it.
	defer c.tf.SetStdout(c.output)
	output, err = c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		messages, err := c.tf.QueryJSON(ctx, append(opts, reattach)...)
		if err != nil {
			return err
		}
		for message := range messages {
			if message.Err != nil {
				return message.Err
			}
			if result, ok := message.Msg.(tfjson.ListResourceFoundMessage); ok {
				found = append(found, result.ListResourceFound)
			}
		}
		return nil
	})
	return found, output, err
}

// Show reads the state; output is the JSON the CLI printed.
func (c *CLI) Show() (state *tfjson.State, output string, err error) {
	output, err = c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		state, err = c.tf.Show(ctx, reattach)
		return err
	})
	return state, output, err
}

// ShowPlanFile reads a saved plan; output is the JSON the CLI printed.
func (c *CLI) ShowPlanFile(planFile string) (plan *tfjson.Plan, output string, err error) {
	output, err = c.run(func(ctx context.Context, reattach *tfexec.ReattachOption) error {
		plan, err = c.tf.ShowPlanFile(ctx, planFile, reattach)
		return err
	})
	return plan, output, err
}

// Binary is the path of the CLI under test.
func (c *CLI) Binary() string { return c.tf.ExecPath() }

// run runs one command with the provider served, and returns what the CLI printed, stdout and
// stderr together.
func (c *CLI) run(command func(context.Context, *tfexec.ReattachOption) error) (string, error) {
	c.t.Helper()
	// The environment as it is now (tests set variables between commands), without the version
	// check's network call, and without the variables tfexec sets itself: a test that sets
	// TF_LOG_PATH gets the CLI's log through tfexec's own settings.
	env := map[string]string{"CHECKPOINT_DISABLE": "1"}
	for _, variable := range os.Environ() {
		name, value, _ := strings.Cut(variable, "=")
		env[name] = value
	}
	if err := c.tf.SetEnv(tfexec.CleanEnv(env)); err != nil {
		c.t.Fatal(err)
	}
	if logPath := os.Getenv("TF_LOG_PATH"); logPath != "" {
		if err := c.tf.SetLog(os.Getenv("TF_LOG")); err != nil {
			c.t.Fatal(err)
		}
		if err := c.tf.SetLogPath(logPath); err != nil {
			c.t.Fatal(err)
		}
	}
	reattach, stop := c.serveProvider()
	defer stop()
	err := command(c.t.Context(), tfexec.Reattach(reattach))
	return c.output.take(), err
}

// serveProvider starts the provider in debug mode and returns where the CLI finds it, and a
// function that stops it.
func (c *CLI) serveProvider() (tfexec.ReattachInfo, func()) {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	serveErr := make(chan error, 1)
	go func() {
		serveErr <- tf6server.Serve(c.provider.Address, c.provider.Server,
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
	attach := tfexec.ReattachConfig{
		Protocol: string(config.Protocol), ProtocolVersion: config.ProtocolVersion, Pid: config.Pid, Test: true,
		Addr: tfexec.ReattachConfigAddr{Network: config.Addr.Network(), String: config.Addr.String()},
	}
	info := tfexec.ReattachInfo{}
	for _, host := range registryHosts {
		info[host+"/"+c.provider.source()] = attach
	}
	return info, func() {
		cancel()
		<-closeCh
	}
}

// Resource is the resource at address in a state the CLI showed, or nil.
func Resource(state *tfjson.State, address string) *tfjson.StateResource {
	if state == nil || state.Values == nil {
		return nil
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			return r
		}
	}
	return nil
}
