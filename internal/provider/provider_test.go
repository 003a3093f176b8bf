package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// configure runs the provider's Configure with the given argument values; arguments not named are null.
func configure(t *testing.T, args map[string]tftypes.Value) provider.ConfigureResponse {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	objectType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("provider schema is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, typ := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
		if v, set := args[name]; set {
			values[name] = v
		}
	}
	req := provider.ConfigureRequest{Config: tfsdk.Config{
		Schema: schemaResp.Schema,
		Raw:    tftypes.NewValue(objectType, values),
	}}
	var resp provider.ConfigureResponse
	p.Configure(ctx, req, &resp)
	return resp
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// clearEnv makes a test independent of the developer's environment.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, name := range []string{EnvAPIKey, EnvAPIURL, EnvRateLimitMultiplier} {
		t.Setenv(name, "")
	}
}

func TestConfigureFromEnvironment(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	t.Setenv(EnvAPIKey, env.sim.APIKey())
	t.Setenv(EnvAPIURL, env.url)
	t.Setenv(EnvRateLimitMultiplier, "2.5")

	resp := configure(t, nil)
	if resp.Diagnostics.HasError() {
		t.Fatalf("unexpected diagnostics: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*providerData)
	if !ok || data.client == nil {
		t.Fatalf("Configure did not hand a client to resources: %#v", resp.ResourceData)
	}
	if resp.DataSourceData != resp.ResourceData {
		t.Errorf("data sources and resources must share one client (one throttle per key)")
	}
}

func TestConfigureArgumentsWinOverEnvironment(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	t.Setenv(EnvAPIURL, "http://example.com/api") // would be refused if used
	t.Setenv(EnvAPIKey, "env-key")                // would be refused by the key check if used

	resp := configure(t, map[string]tftypes.Value{
		"api_key": str(env.sim.APIKey()),
		"api_url": str(env.url),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("unexpected diagnostics: %v", resp.Diagnostics)
	}
}

func TestConfigureMissingKeyNamesArgumentAndVariable(t *testing.T) {
	clearEnv(t)
	resp := configure(t, nil)
	d := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("api_key"))
	if d == nil {
		t.Fatalf("expected an error on api_key, got %v", resp.Diagnostics)
	}
	if !strings.Contains(d.Detail(), "api_key") || !strings.Contains(d.Detail(), EnvAPIKey) {
		t.Errorf("the error must name the argument and %s: %q", EnvAPIKey, d.Detail())
	}
	if resp.ResourceData != nil {
		t.Errorf("no client may be configured after an error")
	}
}

func TestConfigureRejectsPlainHTTPToRemoteHost(t *testing.T) {
	clearEnv(t)
	for _, url := range []string{"http://example.com/api", "ftp://127.0.0.1/api", "not a url"} {
		resp := configure(t, map[string]tftypes.Value{"api_key": str("k"), "api_url": str(url)})
		d := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("api_url"))
		if d == nil {
			t.Errorf("%s: expected an error on api_url, got %v", url, resp.Diagnostics)
			continue
		}
		if !strings.Contains(d.Detail(), url) {
			t.Errorf("%s: the error should quote the offending value: %q", url, d.Detail())
		}
	}
	// Nothing listens there: the URL is accepted, and connecting fails.
	for _, url := range []string{"http://127.0.0.1:1/api", "http://localhost:1/api", "http://[::1]:1/api"} {
		resp := configure(t, map[string]tftypes.Value{"api_key": str("k"), "api_url": str(url), "max_retries": tftypes.NewValue(tftypes.Number, 0)})
		if d := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("api_url")); d == nil || d.Summary() != "Cannot connect to GravityZone at api_url" {
			t.Errorf("%s: loopback http must be accepted, got %v", url, resp.Diagnostics)
		}
	}
}

func TestConfigureUnknownArgumentsAreAttributeErrors(t *testing.T) {
	clearEnv(t)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	resp := configure(t, map[string]tftypes.Value{"api_key": unknown, "api_url": unknown})
	for _, name := range []string{"api_key", "api_url"} {
		d := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root(name))
		if d == nil || !strings.Contains(d.Summary(), name) {
			t.Errorf("expected an unknown-value error naming %s, got %v", name, resp.Diagnostics)
		}
	}
}

func TestConfigureInsecureSkipVerifyWarns(t *testing.T) {
	clearEnv(t)
	env := newKeyCheckEnv(t)
	resp := configure(t, map[string]tftypes.Value{
		"api_key":                  str(env.sim.APIKey()),
		"api_url":                  str(env.url),
		"tls_insecure_skip_verify": tftypes.NewValue(tftypes.Bool, true),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("unexpected errors: %v", resp.Diagnostics)
	}
	if acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityWarning, path.Root("tls_insecure_skip_verify")) == nil {
		t.Errorf("expected a warning on tls_insecure_skip_verify, got %v", resp.Diagnostics)
	}
}

func TestConfigureBadRateMultiplierFromEnvironment(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvRateLimitMultiplier, "fast")
	resp := configure(t, map[string]tftypes.Value{"api_key": str("k")})
	d := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("rate_limit_multiplier"))
	if d == nil || !strings.Contains(d.Detail(), EnvRateLimitMultiplier) {
		t.Fatalf("expected an error naming %s, got %v", EnvRateLimitMultiplier, resp.Diagnostics)
	}
}

func TestConfigureBadCACertificate(t *testing.T) {
	clearEnv(t)
	resp := configure(t, map[string]tftypes.Value{
		"api_key":            str("k"),
		"tls_ca_certificate": str("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"),
	})
	if acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("tls_ca_certificate")) == nil {
		t.Fatalf("a CA certificate that does not parse must be an error on tls_ca_certificate, got %v", resp.Diagnostics)
	}
}
