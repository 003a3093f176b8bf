package provider

import (
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// newTLSTestEnv serves the test's simulator over HTTPS with a certificate of its own CA, as an
// on-premises console with a private CA would; caPEM is that CA's certificate.
func newTLSTestEnv(t *testing.T) (env *testEnv, caPEM string) {
	t.Helper()
	env = newTestEnv(t)
	server := httptest.NewUnstartedServer(env.sim)
	server.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are what some tests expect
	server.StartTLS()
	t.Cleanup(server.Close)
	caPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}))

	env.url = server.URL + "/api"
	var err error
	env.api, err = client.New(client.Config{URL: env.url, APIKey: env.sim.APIKey(), TLSCACertificatePEM: caPEM,
		UserAgent: "acceptance-test", RateLimitMultiplier: testRateMultiplier, MaxRetries: 3})
	if err != nil {
		t.Fatalf("creating the test client: %v", err)
	}
	return env, caPEM
}

// transportConfig is a provider block for env at apiURL with the given extra arguments, and a
// data source whose read makes one API call.
func transportConfig(env *testEnv, apiURL, arguments string) string {
	at := *env
	at.url = apiURL
	return at.providerConfig(arguments) + `
data "gravityzone_monthly_usage" "test" {
  month = "2025-03"
}
`
}

func TestAccTransport_plainHTTPOnlyForLoopbackHosts(t *testing.T) {
	env := newTestEnv(t)
	byName, err := url.Parse(env.url)
	if err != nil {
		t.Fatal(err)
	}
	byName.Host = "localhost:" + byName.Port()
	refused := func(host string) resource.TestStep {
		return resource.TestStep{
			Config: transportConfig(env, "http://"+host+"/api", ""),
			ExpectError: acctest.ErrorText("Invalid GravityZone API URL", "api_url", "from the api_url argument, cannot be used",
				fmt.Sprintf("uses http:// for host %q", strings.Trim(strings.Split(host, ":")[0], "[]")),
				"http:// is accepted only for loopback hosts", "use https://"),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			refused("cloud.gravityzone.bitdefender.com"),
			refused("10.0.0.8:8080"),
			refused("localhost.example.com"),
			refused("127.0.0.1.nip.io"),
			{
				// A loopback host by name: the local simulator.
				PreConfig: func() {
					if n := env.requests("licensing.getMonthlyUsage"); n != 0 {
						t.Errorf("the refused URLs let %d requests reach the simulator", n)
					}
				},
				Config: transportConfig(env, byName.String(), ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState("data.gravityzone_monthly_usage.test", "endpoints", knownvalue.Float64Exact(0)),
				},
			},
		},
	})
}

func TestAccTransport_privateCA(t *testing.T) {
	env, caPEM := newTLSTestEnv(t)
	withCA := fmt.Sprintf("  tls_ca_certificate    = %q\n", caPEM)
	byName, err := url.Parse(env.url)
	if err != nil {
		t.Fatal(err)
	}
	byName.Host = "localhost:" + byName.Port() // the certificate names 127.0.0.1, ::1 and example.com only
	name := uniqueName(t, "over-tls")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.checkOnlyLeft(nil),
		Steps: []resource.TestStep{
			{
				Config: transportConfig(env, env.url, ""),
				ExpectError: acctest.ErrorText("Cannot connect to GravityZone at api_url",
					"the server's TLS certificate was not accepted, so nothing was sent",
					"certificate signed by unknown authority",
					"set tls_ca_certificate to the PEM certificate of the CA that issued it"),
			},
			{
				Config:      transportConfig(env, byName.String(), withCA),
				ExpectError: acctest.ErrorText("certificate is valid for", "not localhost", "use one of those names in api_url"),
			},
			{
				PreConfig: func() {
					if n := env.requests("licensing.getMonthlyUsage"); n != 0 {
						t.Errorf("%d requests reached the simulator through a refused certificate", n)
					}
				},
				Config: transportConfig(env, env.url, withCA) + customerConfig(name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState("data.gravityzone_monthly_usage.test", "endpoints", knownvalue.Float64Exact(0)),
					expectCompany(env, name, nil),
				},
			},
		},
	})
}

func TestAccTransport_insecureSkipVerifyWarnsAndWorks(t *testing.T) {
	t.Parallel()
	env, _ := newTLSTestEnv(t)
	name := uniqueName(t, "unverified")
	// The terraform binary itself shows what a user sees: the warning beside a successful apply.
	cli := acctest.NewCLI(t, testProvider, transportConfig(env, env.url, "  tls_insecure_skip_verify = true\n")+customerConfig(name, ""))
	out := cli.Must(cli.Apply())
	acctest.ExpectOutput(t, "apply", out, "Warning: TLS certificate verification is off", "tls_insecure_skip_verify",
		"anyone on the network path can read the API key", "Use tls_ca_certificate for a private CA instead",
		"Apply complete! Resources: 1 added, 0 changed, 0 destroyed.")
	if _, err := env.simulatorCompanyNamed(name); err != nil {
		t.Error(err)
	}
	cli.Must(cli.Destroy())
	if err := env.expectNoCompanyNamed(name); err != nil {
		t.Error(err)
	}
}
