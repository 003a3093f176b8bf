//go:build unix

package provider

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// stallingAPI serves the simulator until stall is set; from then on it never answers a JSON-RPC
// request, and reports each one on arrived.
type stallingAPI struct {
	next     http.Handler
	stall    atomic.Bool
	arrived  chan string
	released chan struct{} // closed at the end of the test
}

func (a *stallingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	// Each provider process checks the key first: that request is answered.
	if !a.stall.Load() || strings.HasPrefix(r.URL.Path, "/_simulator/") || bytes.Contains(body, []byte(`"getApiKeyDetails"`)) {
		a.next.ServeHTTP(w, r)
		return
	}
	select {
	case a.arrived <- string(body):
	default:
	}
	select { // until the client gives up
	case <-r.Context().Done():
	case <-a.released:
	}
}

// refusingListener accepts TCP connections and closes each at once, so that no TLS handshake
// completes: a request to it never reaches a server. It reports each connection on arrived.
func refusingListener(t *testing.T, arrived chan string) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = listener.Close() })
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			_ = conn.Close()
			select {
			case arrived <- "connection":
			default:
			}
		}
	}()
	return "https://" + listener.Addr().String() + "/api"
}

// interruptTerraform runs terraform in dir in a process group of its own and sends the group an
// interrupt once a request has arrived, as a terminal does on Ctrl-C: Terraform and the provider
// processes it started get it.
func interruptTerraform(t *testing.T, binary, dir string, arrived <-chan string, env []string, args ...string) (string, time.Duration, error) {
	t.Helper()
	for len(arrived) > 0 { // left from an earlier command
		<-arrived
	}
	var output strings.Builder
	cmd := exec.CommandContext(t.Context(), binary, append(args, "-no-color")...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &output, &output
	cmd.Env = append(append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("terraform %s sent no request within 2 minutes:\n%s", strings.Join(args, " "), output.String())
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	interruptedAt := time.Now()
	err := cmd.Wait()
	return output.String(), time.Since(interruptedAt), err
}

// expectInterrupted checks that a command ended with a failure that the interrupt explains.
func expectInterrupted(t *testing.T, command, out string, took time.Duration, err error, phrases ...string) {
	t.Helper()
	t.Logf("terraform %s returned %s after the interrupt", command, took.Round(time.Millisecond))
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() == 0 {
		t.Errorf("terraform %s ended with %v after the interrupt, want a failure:\n%s", command, err, out)
		return
	}
	for _, phrase := range phrases {
		acctest.ExpectOutput(t, command, out, phrase)
	}
}

// TestAccCancellation_stopsWaitingForAServerThatNeverAnswers interrupts plan, apply and destroy,
// as Ctrl-C in a terminal does, while the provider waits for a server that never answers, and
// apply and destroy while it retries a server that cannot be reached, which happens while
// Terraform plans their changes and does not ask the provider to stop. Each command must end with
// the provider's cancellation error; how long each took is logged (the tests assert no timing).
func TestAccCancellation_stopsWaitingForAServerThatNeverAnswers(t *testing.T) {
	env := newTestEnv(t)
	stalling := &stallingAPI{next: env.sim, arrived: make(chan string, 1), released: make(chan struct{})}
	server := httptest.NewServer(stalling)
	t.Cleanup(server.Close)
	t.Cleanup(func() { close(stalling.released) })
	name := uniqueName(t, "company")
	config := func(apiURL, phone string) string {
		return fmt.Sprintf(`
provider "gravityzone" {
  api_url         = %q
  api_key         = %q
  request_timeout = "10m"
  max_retries     = 10
}
`, apiURL, env.sim.APIKey()) + customerConfig(name, fmt.Sprintf("  phone = %q\n", phone))
	}
	cli := acctest.NewCLI(t, testProvider, config(server.URL+"/api", "+1 555 0100"))
	cli.Must(cli.Apply())

	// The provider as Terraform starts it, in Terraform's process group.
	binary := filepath.Join(t.TempDir(), "terraform-provider-gravityzone")
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", binary, "github.com/gzcommunity/terraform-provider-gravityzone").CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	cliConfig := filepath.Join(t.TempDir(), "dev.tfrc")
	// Under the address each CLI resolves the configuration's source to.
	source := strings.TrimPrefix(RegistryAddress, "registry.terraform.io/")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/"+source, filepath.Dir(binary), "registry.opentofu.org/"+source, filepath.Dir(binary))
	if err := os.WriteFile(cliConfig, []byte(overrides), 0o600); err != nil {
		t.Fatal(err)
	}
	stalling.stall.Store(true)

	unreachable := make(chan string, 1)
	steps := []struct {
		command   []string
		config    string
		arrived   chan string
		wantError string
	}{
		{[]string{"plan"}, config(server.URL+"/api", "+1 555 0100"), stalling.arrived, "Cannot read company"},
		{[]string{"apply", "-auto-approve", "-refresh=false"}, config(server.URL+"/api", "+1 555 0199"), stalling.arrived, "Cannot update company"},
		{[]string{"destroy", "-auto-approve", "-refresh=false"}, config(server.URL+"/api", "+1 555 0100"), stalling.arrived, "Cannot delete company"},
		{[]string{"apply", "-auto-approve"}, config(refusingListener(t, unreachable), "+1 555 0199"), unreachable, "Stopped while checking the GravityZone API key"},
		{[]string{"destroy", "-auto-approve"}, config(refusingListener(t, unreachable), "+1 555 0100"), unreachable, "Stopped while checking the GravityZone API key"},
	}
	for _, step := range steps {
		cli.WriteConfig(step.config)
		out, took, err := interruptTerraform(t, cli.Binary(), cli.Dir(), step.arrived, []string{"TF_CLI_CONFIG_FILE=" + cliConfig}, step.command...)
		expectInterrupted(t, strings.Join(step.command, " "), out, took, err, step.wantError)
	}
	if _, err := env.simulatorCompanyNamed(name); err != nil {
		t.Errorf("the interrupted commands changed the company: %v", err)
	}
}
