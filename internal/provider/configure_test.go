package provider

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// newKeyCheckEnv is a simulator whose key no other test uses: the provider remembers the keys it
// has checked, for the life of the test process.
func newKeyCheckEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnv(t, func(o *simulator.Options) { o.APIKey = uniqueName(t, "key") })
}

// configureWith runs Configure against env with the given arguments besides api_url and api_key.
func configureWith(t *testing.T, env *testEnv, args map[string]tftypes.Value) diag.Diagnostics {
	t.Helper()
	all := map[string]tftypes.Value{"api_url": str(env.url), "api_key": str(env.sim.APIKey())}
	for name, value := range args {
		all[name] = value
	}
	return configure(t, all).Diagnostics
}

// expectNoKeyIn fails when a diagnostic shows the key.
func expectNoKeyIn(t *testing.T, diags diag.Diagnostics, key string) {
	t.Helper()
	for _, d := range diags {
		if strings.Contains(d.Summary()+d.Detail(), key) {
			t.Errorf("a diagnostic shows the API key: %s: %s", d.Summary(), d.Detail())
		}
	}
}

// expectAttributeError returns the error on attribute and checks that it says every phrase.
func expectAttributeError(t *testing.T, diags diag.Diagnostics, attribute, summary string, phrases ...string) {
	t.Helper()
	d := acctest.FindDiagnostic(diags, diag.SeverityError, path.Root(attribute))
	if d == nil {
		t.Fatalf("want an error on %s, got %v", attribute, diags)
	}
	if d.Summary() != summary {
		t.Errorf("summary %q, want %q", d.Summary(), summary)
	}
	for _, phrase := range phrases {
		if !strings.Contains(d.Detail(), phrase) {
			t.Errorf("the error on %s does not say %q:\n%s", attribute, phrase, d.Detail())
		}
	}
}

func TestConfigureRequestTimeout(t *testing.T) {
	env := newKeyCheckEnv(t)
	cases := map[string]bool{"30s": true, "2m": true, "1h30m": true, "60": false, "-5s": false, "0s": false, "soon": false}
	for raw, valid := range cases {
		clearEnv(t)
		diags := configureWith(t, env, map[string]tftypes.Value{"request_timeout": str(raw)})
		if invalid := acctest.FindDiagnostic(diags, diag.SeverityError, path.Root("request_timeout")) != nil; invalid == valid {
			t.Errorf("%q: valid=%v but diagnostics %v", raw, valid, diags)
		}
	}
}

func TestConfigureChecksTheKeyOncePerProcess(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	for range 3 {
		if diags := configureWith(t, env, nil); diags.HasError() {
			t.Fatalf("unexpected diagnostics: %v", diags)
		}
	}
	if n := env.requests("general.getApiKeyDetails"); n != 1 {
		t.Errorf("getApiKeyDetails was sent %d times by three Configure calls, want once", n)
	}
}

func TestConfigureRefusesAWrongKey(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	const wrongKey = "0123456789abcdef-WRONG-KEY"
	diags := configureWith(t, env, map[string]tftypes.Value{"api_key": str(wrongKey)})
	expectAttributeError(t, diags, "api_key", "GravityZone refused the API key",
		env.url, "Invalid API key", "Check api_key (or GRAVITYZONE_API_KEY)", "check that api_url is the Access URL")
	expectNoKeyIn(t, diags, wrongKey)
}

func TestConfigureRefusesAURLWithoutAPI(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	withoutAPI := strings.TrimSuffix(env.url, "/api")
	diags := configureWith(t, env, map[string]tftypes.Value{"api_url": str(withoutAPI)})
	expectAttributeError(t, diags, "api_url", "No GravityZone API at api_url",
		"HTTP 404", "no GravityZone API answers at "+withoutAPI+"/v1.0/jsonrpc/general", "api_url (or GRAVITYZONE_API_URL)", "ends in /api")
	expectNoKeyIn(t, diags, env.sim.APIKey())
}

func TestConfigureRefusesAnUnreachableURL(t *testing.T) {
	clearEnv(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	diags := configure(t, map[string]tftypes.Value{
		"api_url": str(closed.URL + "/api"), "api_key": str("some-key-SECRET"), "max_retries": tftypes.NewValue(tftypes.Number, 0),
	}).Diagnostics
	expectAttributeError(t, diags, "api_url", "Cannot connect to GravityZone at api_url",
		closed.URL+"/api", "could not connect to the API, so nothing was sent", "connection refused",
		"Check that api_url (or GRAVITYZONE_API_URL) is the Access URL")
	expectNoKeyIn(t, diags, "some-key-SECRET")
}

func TestConfigureNamesTheAPIsAKeyLacks(t *testing.T) {
	clearEnv(t)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"1","jsonrpc":"2.0","result":{"enabledApis":["companies","general"],"createdAt":"2026-01-01T00:00:00+00:00"}}`))
	}))
	t.Cleanup(server.Close)
	diags := configure(t, map[string]tftypes.Value{"api_url": str(server.URL + "/api"), "api_key": str("partial-key")}).Diagnostics
	expectAttributeError(t, diags, "api_key", "The GravityZone API key lacks APIs the provider uses",
		"does not let it use the licensing, network API", "gravityzone_monthly_subscription", "enable the Companies, Licensing, Network and General APIs")
	expectNoKeyIn(t, diags, "partial-key")
}

func TestConfigureEmptyArgumentsCountAsUnset(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	t.Setenv(EnvAPIKey, env.sim.APIKey())
	t.Setenv(EnvAPIURL, env.url)
	resp := configure(t, map[string]tftypes.Value{"api_key": str(""), "api_url": str("")})
	if resp.Diagnostics.HasError() {
		t.Fatalf("empty arguments must leave the key and URL to %s and %s, got %v", EnvAPIKey, EnvAPIURL, resp.Diagnostics)
	}
	if n := env.requests("general.getApiKeyDetails"); n != 1 {
		t.Errorf("the key was checked %d times at the URL from %s, want once", n, EnvAPIURL)
	}
}

// TestAccConfigure_wrongKeyFailsThePlan is the plan a misconfigured workspace runs: it must fail
// before anything is planned, naming the argument to fix.
func TestAccConfigure_wrongKeyFailsThePlan(t *testing.T) {
	env := newKeyCheckEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config:   strings.Replace(env.config(customerConfig(uniqueName(t, "company"), "")), env.sim.APIKey(), "wrong-key", 1),
			PlanOnly: true,
			ExpectError: acctest.ErrorText("GravityZone refused the API key", "api_key", "Invalid API key",
				"Check api_key (or GRAVITYZONE_API_KEY)", "api_url"),
		}},
	})
	if n := env.requests("network.getCompaniesList") + env.requests("companies.findCompaniesByName") + env.writes(); n != 0 {
		t.Errorf("the refused key let %d other requests through", n)
	}
}
