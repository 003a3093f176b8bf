package provider

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// secretForms are the ways an API key could leak: as itself and in its HTTP Basic form.
func secretForms(key string) []string {
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":"))
	return []string{key, basic, strings.TrimRight(basic, "=")}
}

// expectNoSecret fails the test when text holds any of the secrets; where says what text it is.
func expectNoSecret(t *testing.T, where, text string, secrets []string) {
	t.Helper()
	for _, secret := range secrets {
		if i := strings.Index(text, secret); i >= 0 {
			t.Errorf("%s contains a secret (%q…) at offset %d: …%s…", where, secret[:6], i,
				text[max(0, i-80):min(len(text), i+len(secret)+40)])
		}
	}
}

// echoCredentials answers findCompaniesByName for nameFilter with an error that repeats the
// request's API key and Authorization header, as a careless server or proxy might; every other
// request goes to next.
func echoCredentials(next http.Handler, nameFilter string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var request struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params struct {
				NameFilter string `json:"nameFilter"`
			} `json:"params"`
		}
		if decodeJSONRPC(r, &request) != nil || request.Method != "findCompaniesByName" || request.Params.NameFilter != nameFilter {
			next.ServeHTTP(w, r)
			return
		}
		key, _, _ := r.BasicAuth()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": request.ID, "jsonrpc": "2.0", "error": map[string]any{
			"code": -32602, "message": "Invalid params for " + key,
			"data": map[string]string{"details": fmt.Sprintf("Request of key %s refused (Authorization: %s)", key, r.Header.Get("Authorization"))},
		}})
	})
}

// TestAccSecrets_keyNeverLeaks runs Terraform at TRACE log level through apply, plan, import,
// destroy, a failing call whose server answer repeats the credentials, and a wrong key, and then
// looks for both keys in every output, both logs (Terraform's and the provider's), the state, the
// plan JSON and every file Terraform wrote. A sensitive licence key, which the state must hold,
// may appear in no output and no log. The test sets the provider's log environment, so it does
// not run in parallel.
func TestAccSecrets_keyNeverLeaks(t *testing.T) {
	key, wrongKey := "gz-valid-"+rand.Text(), "gz-wrong-"+rand.Text()
	secrets := append(secretForms(key), secretForms(wrongKey)...)
	env := newTestEnv(t, func(o *simulator.Options) { o.APIKey = key })
	const echoingName = "echo-the-credentials"
	env.serveBehind(t, func(simulator http.Handler) http.Handler { return echoCredentials(simulator, echoingName) })

	logs := t.TempDir()
	providerLog, terraformLog := filepath.Join(logs, "provider.log"), filepath.Join(logs, "terraform.log")
	t.Setenv("TF_ACC_LOG_PATH", providerLog) // the provider's logs, at TRACE
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", terraformLog) // Terraform's own logs

	name := uniqueName(t, "secret-keeper")
	byID := env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: uniqueName(t, "import-by-id")})
	byName := uniqueName(t, "import-by-name")
	env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: byName})
	// A yearly licence's key is sensitive too: Terraform must never print it.
	licenseKey := "LICENSE-" + rand.Text()
	licensed := env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: uniqueName(t, "licensed"),
		LicenseSubscription: &client.LicenseSubscription{Type: 2, LicenseKey: licenseKey}})

	base := fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  rate_limit_multiplier = %d
}

resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  phone               = "+1 555 0100"
  deletion_protection = false
}

data "gravityzone_company_lookup" "test" {
  name = gravityzone_company.test.name
}

data "gravityzone_monthly_usage" "test" {
  company_id = gravityzone_company.test.id
  month      = "2025-03"
}

data "gravityzone_license_info" "licensed" {
  company_id = %q
}

output "license_key" {
  value     = data.gravityzone_license_info.licensed.license_key
  sensitive = true
}
`, env.url, testRateMultiplier, name, licensed)
	imported := `
resource "gravityzone_company" "by_id" {
  name                = "` + uniqueName(t, "import-by-id") + `"
  type                = "customer"
  deletion_protection = false
}

resource "gravityzone_company" "by_name" {
  name                = "` + byName + `"
  type                = "customer"
  deletion_protection = false
}
`
	failing := fmt.Sprintf(`
data "gravityzone_company_lookup" "echo" {
  name = %q
}
`, echoingName)

	cli := acctest.NewCLI(t, testProvider, base)
	var outputs strings.Builder
	record := func(command string, out string) { fmt.Fprintf(&outputs, "$ terraform %s\n%s\n", command, out) }
	// The key comes from the environment, as the documentation recommends: Terraform writes the
	// values of variables, sensitive ones included, into saved plans, beyond the provider's reach.
	t.Setenv(EnvAPIKey, key)
	record("apply", cli.Must(cli.Apply()))
	_, out, err := cli.Plan(tfexec.Out("tfplan"))
	record("plan", cli.Must(out, err))
	_, planJSON, err := cli.ShowPlanFile("tfplan")
	cli.Must(planJSON, err)
	record("apply tfplan", cli.Must(cli.Apply(tfexec.DirOrPlan("tfplan"))))

	cli.WriteConfig(base + imported)
	record("import by id", cli.Must(cli.Import("gravityzone_company.by_id", byID)))
	record("import by name", cli.Must(cli.Import("gravityzone_company.by_name", "name="+byName)))
	record("apply after import", cli.Must(cli.Apply()))
	_, stateJSON, err := cli.Show()
	cli.Must(stateJSON, err)

	cli.WriteConfig(base + imported + failing)
	_, out, err = cli.Plan()
	record("plan with the echoing server", out)
	if err == nil {
		t.Fatalf("the plan with the echoing lookup succeeded:\n%s", out)
	}
	// The server's answer reached the diagnostic with both credentials replaced.
	acctest.ExpectOutput(t, "plan", out, fmt.Sprintf("Cannot look up company %q", echoingName),
		"Invalid params for [redacted]", "Request of key [redacted] refused (Authorization: Basic [redacted])")

	t.Setenv(EnvAPIKey, wrongKey)
	_, out, err = cli.Plan()
	record("plan with a wrong key", out)
	if err == nil {
		t.Fatalf("the plan with a wrong key succeeded:\n%s", out)
	}
	acctest.ExpectOutput(t, "plan", out, "Invalid API key", "GravityZone did not accept the API key. Check api_key")

	cli.WriteConfig(base + imported)
	t.Setenv(EnvAPIKey, key)
	record("destroy", cli.Must(cli.Destroy()))

	expectNoSecret(t, "Terraform's output", outputs.String(), append(secrets, licenseKey))
	if !strings.Contains(stateJSON, licenseKey) {
		t.Errorf("the state lacks the licence key: the test did not read it")
	}
	expectNoSecret(t, "the plan JSON", planJSON, secrets)
	expectNoSecret(t, "the state JSON", stateJSON, secrets)
	// Each log must hold what the test looks through: API calls, and the diagnostics of the
	// refused answer (with its details in the provider's log).
	for log, wants := range map[string][]string{
		providerLog:  {"GravityZone API call", "Request of key [redacted] refused"},
		terraformLog: {"ConfigureProvider", fmt.Sprintf("Cannot look up company %q", echoingName)},
	} {
		content, err := os.ReadFile(log)
		for _, want := range wants {
			if err != nil || !strings.Contains(string(content), want) {
				t.Fatalf("log %s lacks %q (err %v): the test would prove nothing", log, want, err)
			}
		}
		expectNoSecret(t, filepath.Base(log), string(content), append(secrets, licenseKey))
	}
	// Every file Terraform wrote: state, state backups, plan file, lock file.
	err = filepath.WalkDir(cli.Dir(), func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		content, err := os.ReadFile(path)
		if err == nil {
			expectNoSecret(t, path, string(content), secrets)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
