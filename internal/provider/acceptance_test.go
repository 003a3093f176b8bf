package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// The acceptance tests drive the real Terraform CLI (resource.Test) against a simulator served
// over real HTTP in the test process: one simulator per test, so tests can run in parallel.

// testRateMultiplier speeds up the documented rate limits on both sides alike, so that the
// client's throttle and the simulator's limiter are both exercised without slowing the suite.
const testRateMultiplier = 100

// testProviderFactories serve the provider as the released binary does.
var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"gravityzone": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

// testProvider is the same provider for tests that run the CLI themselves (acctest.NewCLI).
var testProvider = acctest.Provider{Address: RegistryAddress, Server: NewProtocol6Server("test")}

// testEnv is one simulator and what a test needs to reach it.
type testEnv struct {
	sim *simulator.Server
	url string
	// api calls the simulator directly: setup that is not under test, and drift made behind
	// Terraform's back.
	api *client.Client
}

// newTestEnv starts a simulator for the test; options may adjust it (faults, limits, …).
func newTestEnv(t *testing.T, adjust ...func(*simulator.Options)) *testEnv {
	t.Helper()
	opts := simulator.Options{
		APIKey:              "acceptance-test-key",
		RateLimitMultiplier: testRateMultiplier,
		Seed:                1,
	}
	for _, f := range adjust {
		f(&opts)
	}
	sim, err := simulator.New(opts)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	server := httptest.NewServer(sim)
	t.Cleanup(server.Close)

	env := &testEnv{sim: sim, url: server.URL + "/api"}
	// Throttled and retrying like the provider's own client, so that setup of many companies keeps
	// to the simulator's limits.
	env.api, err = client.New(client.Config{URL: env.url, APIKey: sim.APIKey(), UserAgent: "acceptance-test",
		RateLimitMultiplier: testRateMultiplier, MaxRetries: 3})
	if err != nil {
		t.Fatalf("creating the test client: %v", err)
	}
	return env
}

// providerConfig is the provider block that points Terraform at this test's simulator, with
// any further arguments given.
func (e *testEnv) providerConfig(arguments ...string) string {
	return fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  api_key               = %q
  rate_limit_multiplier = %d
%s}
`, e.url, e.sim.APIKey(), testRateMultiplier, strings.Join(append(arguments, ""), "\n"))
}

// config prepends the provider block to a test configuration.
func (e *testEnv) config(hcl string) string {
	return e.providerConfig() + hcl
}

// configWithoutRetries is config with max_retries = 0, so that the first failing request (an
// injected fault) ends the apply.
func (e *testEnv) configWithoutRetries(hcl string) string {
	return e.providerConfig("  max_retries           = 0") + hcl
}

// serveBehind puts a handler built around the simulator in front of it for Terraform: the
// provider blocks of this env reach the simulator through it from now on, while setup and
// checks (api) still reach it directly.
func (e *testEnv) serveBehind(t *testing.T, wrap func(simulator http.Handler) http.Handler) {
	t.Helper()
	server := httptest.NewServer(wrap(e.sim))
	t.Cleanup(server.Close)
	e.url = server.URL + "/api"
}

// decodeJSONRPC decodes a JSON-RPC request into request, a struct of the members a handler needs
// (its method is "getCompanyDetails", without the service), and leaves the body for the next
// handler to read.
func decodeJSONRPC(r *http.Request, request any) error {
	body, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return json.Unmarshal(body, request)
}

// requests is how many requests the simulator received for one "service.method".
func (e *testEnv) requests(method string) int {
	return e.sim.Stats().Requests[method]
}

// writeMethods are every API method that changes state.
var writeMethods = []string{
	"companies.createCompany", "companies.updateCompanyDetails", "companies.deleteCompany",
	"companies.suspendCompany", "companies.activateCompany", "licensing.setMonthlySubscription",
}

// writes is how many write requests the simulator has received so far.
func (e *testEnv) writes() int {
	total := 0
	for _, m := range writeMethods {
		total += e.requests(m)
	}
	return total
}

// createCompany makes a company directly through the API, for tests whose subject is not the
// company resource itself.
func (e *testEnv) createCompany(t *testing.T, params client.CreateCompanyParams) string {
	t.Helper()
	id, err := e.api.CreateCompany(context.Background(), params)
	if err != nil {
		t.Fatalf("creating company %q directly: %v", params.Name, err)
	}
	return id
}

// uniqueName gives each test its own company names, readable in failure output.
func uniqueName(t *testing.T, suffix string) string {
	name := strings.NewReplacer("/", "-", "_", "-").Replace(t.Name())
	if len(name) > 50 {
		name = name[len(name)-50:]
	}
	return name + "-" + suffix
}
