package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// badInput is a configuration that must fail at plan time, before any API write, with a message
// that names the attribute to fix and says how.
type badInput struct {
	name string
	// provider holds provider arguments that replace the test defaults (api_url, api_key, …).
	provider string
	// config is the rest of the configuration; without one, a data source that needs the provider.
	config string
	expect []string
}

// fakeCompanyID is a well-formed company id that no simulator holds: enough for configurations
// that fail before any read.
const fakeCompanyID = "0123456789abcdef01234567"

// companyWith is a customer company with extra attributes.
func companyWith(attributes string) string {
	return "resource \"gravityzone_company\" \"test\" {\n  name = \"Bad Input Ltd\"\n  type = \"customer\"\n" + attributes + "\n}\n"
}

// subscriptionWith is a monthly subscription with extra attributes.
func subscriptionWith(attributes string) string {
	return subscriptionBlock("test", fakeCompanyID, attributes)
}

// badInputs is the overview of what the provider refuses at plan time: every provider argument,
// and for each resource and data source every enumeration, range, format, length and dependency
// rule (D5–D11). The resources' own tests hold further variants.
var badInputs = []badInput{
	// Provider arguments.
	{name: "api_url scheme", provider: `api_url = "ftp://cloud.gravityzone.bitdefender.com/api"`,
		expect: []string{"Invalid GravityZone API URL", `api_url = "ftp://`, `has scheme "ftp": only https:// is supported`}},
	{name: "api_url http to a remote host", provider: `api_url = "http://cloudgz.gravityzone.bitdefender.com/api"`,
		expect: []string{"Invalid GravityZone API URL", "api_url", "http:// is accepted only for loopback hosts", "use https://"}},
	{name: "api_url with credentials", provider: `api_url = "https://admin:secret@cloud.gravityzone.bitdefender.com/api"`,
		expect: []string{"Invalid GravityZone API URL", "api_url", "must not contain a user name or password: give the API key separately"}},
	{name: "api_url with a query", provider: `api_url = "https://cloud.gravityzone.bitdefender.com/api?region=eu"`,
		expect: []string{"Invalid GravityZone API URL", "api_url", "must not contain a query"}},
	{name: "api_url without host", provider: `api_url = "https:///api"`,
		expect: []string{"Invalid GravityZone API URL", "api_url", "has no host"}},
	{name: "api_key empty", provider: `api_key = ""`,
		expect: []string{"Missing GravityZone API key", "api_key", "Set the api_key argument of the gravityzone provider or the GRAVITYZONE_API_KEY environment variable"}},
	{name: "api_key with a space", provider: `api_key = "abc def"`,
		expect: []string{"Invalid GravityZone API key", "api_key", "contains a colon, a space or a control character"}},
	{name: "api_key unknown", provider: `api_key = terraform_data.key.output`, config: "resource \"terraform_data\" \"key\" {\n  input = \"k\"\n}\n",
		expect: []string{"Unknown provider argument api_key", "only known after apply"}},
	{name: "request_timeout without unit", provider: `request_timeout = "30"`,
		expect: []string{"Invalid Time Duration String Value", "request_timeout", "not a valid Go Time Duration", `such as "300ms"`, "Given Value: 30", "missing unit"}},
	{name: "request_timeout negative", provider: `request_timeout = "-5s"`,
		expect: []string{"Invalid duration", "request_timeout", `"-5s" is not a positive Go duration`}},
	{name: "max_retries negative", provider: `max_retries = -1`,
		expect: []string{"Attribute max_retries value must be at least 0, got: -1"}},
	{name: "rate_limit_multiplier negative", provider: `rate_limit_multiplier = -0.5`,
		expect: []string{"Attribute rate_limit_multiplier value must be at least 0"}},
	{name: "tls_ca_certificate not PEM", provider: `tls_ca_certificate = "MIIBszCCAVmgAwIBAgIQ"`,
		expect: []string{"Invalid CA certificate", "tls_ca_certificate", "paste the whole"}},

	// gravityzone_company.
	{name: "company name too long", config: strings.Replace(companyWith(""), "Bad Input Ltd", strings.Repeat("Long", 17), 1),
		expect: []string{"Attribute name string length must be between 1 and 64, got: 68"}},
	{name: "company name with a tag", config: strings.Replace(companyWith(""), "Bad Input Ltd", "Acme <script>", 1),
		expect: []string{"Attribute name must not contain < or >", "remove those characters"}},
	{name: "company name of tabs", config: strings.Replace(companyWith(""), "Bad Input Ltd", `\t\t`, 1),
		expect: []string{"Attribute name must contain a character other than white space"}},
	{name: "company type", config: strings.Replace(companyWith(""), `"customer"`, `"Customer"`, 1),
		expect: []string{"Attribute type value must be one of", `"partner"`, `"customer"`, `got: "Customer"`}},
	{name: "company parent_id empty", config: companyWith(`  parent_id = ""`),
		expect: []string{"Attribute parent_id string length must be at least 1"}},
	{name: "company address with a tag", config: companyWith(`  address = "<b>1 Main St</b>"`),
		expect: []string{"Attribute address must not contain < or >"}},
	{name: "company phone too long", config: companyWith(`  phone = "+40 (0) 21 000 0000 extension 12345"`),
		expect: []string{"Attribute phone string length must be at most 32"}},
	{name: "company country name", config: companyWith(`  country = "Romania"`),
		expect: []string{"Attribute country must be an ISO 3166-1 alpha-2 country code in capitals, such as RO or US"}},
	{name: "company state empty", config: companyWith(`  state = ""`),
		expect: []string{"Attribute state string length must be at least 1"}},
	{name: "company industry negative", config: companyWith(`  industry = -5`),
		expect: []string{"Attribute industry value must be at least 0, got: -5"}},
	{name: "company skip_2fa_period", config: companyWith(`  skip_2fa_period = 60`),
		expect: []string{"Attribute skip_2fa_period value must be one of", "got: 60"}},
	{name: "company contact email", config: companyWith(`  contact_person = { email = "it at example.com" }`),
		expect: []string{"Invalid e-mail address", `Attribute contact_person.email value "it at example.com" is not an e-mail address`}},
	{name: "company contact phone too long", config: companyWith(`  contact_person = { email = "it@example.com", phone_number = "+40 (0) 21 000 0000 extension 12345" }`),
		expect: []string{"Attribute contact_person.phone_number string length must be at most 32"}},
	{name: "company contact name with a tag", config: companyWith(`  contact_person = { email = "it@example.com", full_name = "<i>Ann</i>" }`),
		expect: []string{"Attribute contact_person.full_name must not contain < or >"}},
	{name: "company contact role with a tag", config: companyWith(`  contact_person = { email = "it@example.com", company_role = "<CEO>" }`),
		expect: []string{"Attribute contact_person.company_role must not contain < or >"}},
	{name: "company account_email with a name", config: companyWith(`  account_email = "Ann <ann@example.com>"`),
		expect: []string{"Invalid e-mail address", "Attribute account_email", "without a display name or angle brackets"}},
	{name: "company account_full_name blank", config: companyWith(`  account_full_name = "   "`),
		expect: []string{"Attribute account_full_name must contain a character other than white space"}},
	{name: "company account_timezone empty", config: companyWith(`  account_timezone = ""`),
		expect: []string{"Attribute account_timezone string length must be at least 1"}},
	{name: "company account_language empty", config: companyWith(`  account_language = ""`),
		expect: []string{"Attribute account_language string length must be at least 1"}},
	{name: "company license_type", config: companyWith(`  license_type = "frat"`),
		expect: []string{"Attribute license_type value must be one of", `"monthly_subscription"`, `got: "frat"`}},
	{name: "company license_type for the other type", config: companyWith(`  license_type = "monthly_license_trial"`),
		expect: []string{"license_type does not fit type", `license_type = "monthly_license_trial"`, `only for companies of type "partner"`}},
	{name: "company not manageable without account_email", config: companyWith(`  can_be_managed_by_above = false
  account_full_name       = "Ann Admin"`),
		expect: []string{"Missing account_email", "account_email and account_full_name are both required when can_be_managed_by_above = false"}},

	// gravityzone_company_lookup.
	{name: "lookup name empty", config: "data \"gravityzone_company_lookup\" \"test\" {\n  name = \"\"\n}\n",
		expect: []string{"Attribute name string length must be at least 1"}},

	// gravityzone_monthly_usage.
	{name: "usage month of two digits", config: "data \"gravityzone_monthly_usage\" \"test\" {\n  month = \"25-03\"\n}\n",
		expect: []string{"Invalid month", "month", `"25-03" is not a month in the form YYYY-MM`}},
	{name: "usage month in the API's form", config: "data \"gravityzone_monthly_usage\" \"test\" {\n  month = \"11/2025\"\n}\n",
		expect: []string{"Invalid month", `month = "11/2025"`, `write "2025-11"`}},
	{name: "usage company_id empty", config: "data \"gravityzone_monthly_usage\" \"test\" {\n  company_id = \"\"\n}\n",
		expect: []string{"Empty company id", `company_id = ""`, "leave the attribute out to use the API key's own company"}},

	// gravityzone_license_info.
	{name: "license info company_id empty", config: "data \"gravityzone_license_info\" \"test\" {\n  company_id = \"\"\n}\n",
		expect: []string{"Empty company id", `company_id = ""`, "leave the attribute out to use the API key's own company"}},

	// gravityzone_monthly_subscription: formats and ranges.
	{name: "subscription company_id empty", config: subscriptionBlock("test", "", ""),
		expect: []string{"Attribute company_id string length must be at least 1"}},
	{name: "subscription reserved_slots zero", config: subscriptionWith(`  reserved_slots = 0`),
		expect: []string{"Attribute reserved_slots value must be at least 1, got: 0"}},
	{name: "subscription minimum_endpoint_usage negative", config: subscriptionWith(`  minimum_endpoint_usage = -10`),
		expect: []string{"Attribute minimum_endpoint_usage value must be at least 0, got: -10"}},
	{name: "subscription end date that does not exist", config: subscriptionWith(`  end_subscription = "2030-02-30"`),
		expect: []string{"Invalid date", "end_subscription", `"2030-02-30" is not a date written YYYY-MM-DD`}},
	{name: "subscription end date in another format", config: subscriptionWith(`  end_subscription = "31.12.2030"`),
		expect: []string{"Invalid date", "end_subscription", `Write it like "2030-12-31"`}},
	{name: "subscription auto_renew_period negative", config: subscriptionWith(`  end_subscription = "2030-12-31"
  auto_renew_period = -1`),
		expect: []string{"Attribute auto_renew_period value must be at least 0, got: -1"}},
	{name: "subscription product_type", config: subscriptionWith(`  product_type = "xdr"`),
		expect: []string{"Attribute product_type value must be one of", `"endpoint_security"`, `got: "xdr"`}},
	{name: "subscription resell_product_types member", config: subscriptionWith(`  resell_product_types = ["endpoint_security", "mdr"]`),
		expect: []string{"Attribute resell_product_types", "value must be one of", `got: "mdr"`}},
	{name: "subscription protection_model case", config: subscriptionWith(`  protection_model = "alacarte"`),
		expect: []string{"Attribute protection_model value must be one of", `"aLaCarte"`, `got: "alacarte"`}},
	{name: "subscription resell_protection_models member", config: subscriptionWith(`  protection_model = "mspSecure"
  resell_protection_models = ["mspSecure", "mspSecureUltra"]`),
		expect: []string{"Attribute resell_protection_models", "value must be one of", `got: "mspSecureUltra"`}},
	{name: "subscription new_protection_model_for_clients", config: subscriptionWith(`  new_protection_model_for_clients = "none"`),
		expect: []string{"Attribute new_protection_model_for_clients value must be one of", `got: "none"`}},
	{name: "subscription retention days", config: subscriptionWith(`  integrity_monitoring = true
  integrity_monitoring_retention_days = 30`),
		expect: []string{"Attribute integrity_monitoring_retention_days value must be one of", "got: 30"}},
	{name: "subscription mdr level", config: subscriptionWith(`  mdr = { own_use = "full" }`),
		expect: []string{"Attribute mdr.own_use value must be one of", `"foundations"`, `got: "full"`}},

	// gravityzone_monthly_subscription: dependency rules.
	{name: "D5 implied add-on set false", config: subscriptionWith(`  own_use = { edr = true, sandbox_analyzer = false }`),
		expect: []string{"own_use.sandbox_analyzer = false conflicts with own_use.edr = true", "Remove own_use.sandbox_analyzer", "(rule D5)"}},
	{name: "D6 XDR sensor without EDR", config: subscriptionWith(`  own_use = { xdr_cloud_workloads = true }`),
		expect: []string{"XDR sensors need EDR", "own_use.xdr_cloud_workloads = true requires own_use.edr = true", "(rule D6)"}},
	{name: "D7 SVE without aLaCarte", config: subscriptionWith(`  protection_model = "mspSecurePlus"
  own_use = { virtualized_environments_security = true }`),
		expect: []string{"Add-on needs the aLaCarte protection model", `own_use.virtualized_environments_security = true requires protection_model = "aLaCarte"`, "(rule D7)"}},
	{name: "D8 resold SVE without aLaCarte", config: subscriptionWith(`  protection_model = "mspSecureExtra"
  resell = { virtualized_environments_security = true }`),
		expect: []string{"Reselling needs aLaCarte among the resold protection models", "resell.virtualized_environments_security = true requires", "(rule D8)"}},
	{name: "D9 protection model with EDR", config: subscriptionWith(`  product_type = "edr"
  protection_model = "mspSecure"`),
		expect: []string{"Protection model needs Endpoint Security", `protection_model requires product_type = "endpoint_security"`, "(rule D9)"}},
	{name: "D10 resold products without the product", config: subscriptionWith(`  resell_product_types = ["edr"]`),
		expect: []string{"Incomplete resold product types or protection models", `resell_product_types must contain product_type ("endpoint_security")`, "(rule D10)"}},
	{name: "D11 retention without integrity monitoring", config: subscriptionWith(`  integrity_monitoring_retention_days = 365`),
		expect: []string{"integrity_monitoring_retention_days = 365 requires integrity_monitoring = true", "(rule D11)"}},
	{name: "D11 auto-renewal without end date", config: subscriptionWith(`  auto_renew_period = 0`),
		expect: []string{"Auto-renewal needs an end date", "auto_renew_period requires end_subscription", "(rule D11)"}},
}

// badInputConfig is the configuration of one bad input against env: the provider block with the
// case's arguments in place of the defaults, and a data source when the case has no configuration.
func badInputConfig(env *testEnv, c badInput) string {
	arguments := map[string]string{
		"api_url": fmt.Sprintf("%q", env.url), "api_key": fmt.Sprintf("%q", env.sim.APIKey()),
		"rate_limit_multiplier": fmt.Sprint(testRateMultiplier),
	}
	if name, value, ok := strings.Cut(c.provider, "="); ok {
		arguments[strings.TrimSpace(name)] = strings.TrimSpace(value)
	}
	var provider strings.Builder
	provider.WriteString("provider \"gravityzone\" {\n")
	for _, name := range []string{"api_url", "api_key", "rate_limit_multiplier", "request_timeout", "max_retries", "tls_ca_certificate"} {
		if value, ok := arguments[name]; ok {
			fmt.Fprintf(&provider, "  %s = %s\n", name, value)
		}
	}
	provider.WriteString("}\n\n")
	config := c.config
	if c.config == "" || c.provider != "" {
		config += "data \"gravityzone_monthly_usage\" \"needs_the_provider\" {\n  month = \"2025-03\"\n}\n"
	}
	return provider.String() + config
}

func TestAccBadInput_failsAtPlanTimeNamingTheAttribute(t *testing.T) {
	if len(badInputs) < 40 {
		t.Fatalf("the overview holds %d bad inputs; keep it at 40 or more", len(badInputs))
	}
	for _, c := range badInputs {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			env := newTestEnv(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{{
					Config:      badInputConfig(env, c),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText(c.expect...),
				}},
			})
			if writes := env.writes(); writes != 0 {
				t.Errorf("the refused configuration made %d write calls, want none", writes)
			}
		})
	}
}

// TestAccBadInput_changesGravityZoneCannotMake refuses, at plan time and without a write, the
// changes to an existing company that GravityZone cannot make in place or that would delete it.
func TestAccBadInput_changesGravityZoneCannotMake(t *testing.T) {
	env := newTestEnv(t)
	var writesBefore int
	type company struct{ parent, language, contact, protection string }
	created := company{parent: "first", language: `"de_DE"`, contact: `{ email = "it@example.com" }`, protection: "true"}
	config := func(c company, keep bool) string {
		hcl := fmt.Sprintf(`
resource "gravityzone_company" "first" {
  name                = %q
  type                = "partner"
  deletion_protection = false
}

resource "gravityzone_company" "second" {
  name                = %q
  type                = "partner"
  deletion_protection = false
}
`, uniqueName(t, "first"), uniqueName(t, "second"))
		if keep {
			hcl += fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  parent_id           = gravityzone_company.%s.id
  account_language    = %s
  contact_person      = %s
  deletion_protection = %s
  depends_on          = [gravityzone_company.first, gravityzone_company.second]
}
`, uniqueName(t, "customer"), c.parent, c.language, c.contact, c.protection)
		}
		return env.config(hcl)
	}
	refused := func(c company, keep bool, expect ...string) resource.TestStep {
		return resource.TestStep{Config: config(c, keep), PlanOnly: true, ExpectError: acctest.ErrorText(expect...)}
	}
	with := func(change func(*company)) company {
		c := created
		change(&c)
		return c
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.checkOnlyLeft(nil),
		Steps: []resource.TestStep{
			{
				Config: config(created, true),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ServerCheck(func() error {
					writesBefore = env.writes()
					return nil
				})},
			},
			refused(with(func(c *company) { c.parent = "second" }), true, "Cannot change parent_id",
				"set parent_id back to", "terraform apply -replace="),
			refused(with(func(c *company) { c.language = `"en_US"` }), true, "Cannot change account_language",
				`set account_language back to "de_DE"`),
			refused(with(func(c *company) { c.contact = "null" }), true, "Cannot remove contact_person",
				"Set contact_person in the configuration"),
			refused(created, false, "is protected from deletion", "deletion_protection is true",
				"set deletion_protection = false on this resource and run terraform apply"),
			{
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after the refused plans") },
				Config:    config(with(func(c *company) { c.protection = "false" }), true),
			},
		},
	})
}
