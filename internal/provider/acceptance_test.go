package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// The acceptance tests drive the real Terraform CLI (resource.Test) against a simulator served
// over real HTTP in the test process: one simulator per test, so tests can run in parallel.

// testRateMultiplier speeds up the documented rate limits on both sides alike, so that the
// client's throttle and the simulator's limiter are both exercised without slowing the suite.
const testRateMultiplier = 100

var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"gravityzone": providerserver.NewProtocol6WithError(New("test")()),
}

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

// providerConfig is the provider block that points Terraform at this test's simulator.
func (e *testEnv) providerConfig() string {
	return fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  api_key               = %q
  rate_limit_multiplier = %d
}
`, e.url, e.sim.APIKey(), testRateMultiplier)
}

// config prepends the provider block to a test configuration.
func (e *testEnv) config(hcl string) string {
	return e.providerConfig() + hcl
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
