package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

const licenseInfoAddress = "data.gravityzone_license_info.test"

func licenseInfoBlock(companyID string) string {
	return fmt.Sprintf("data \"gravityzone_license_info\" \"test\" {\n  company_id = %q\n}\n", companyID)
}

func TestAccLicenseInfo_trialThenMonthlySubscription(t *testing.T) {
	env := newTestEnv(t)
	customer := env.newCompany(t, apiCustomer, "customer", "")
	// The data source reads after the subscription is applied: it depends on it.
	afterSubscription := func(body string) string {
		return env.config(subscriptionBlock("test", customer, body) + `
data "gravityzone_license_info" "test" {
  company_id = gravityzone_monthly_subscription.test.company_id
  depends_on = [gravityzone_monthly_subscription.test]
}
`)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(licenseInfoBlock(customer)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(licenseInfoAddress, "subscription_type", knownvalue.StringExact("trial")),
					acctest.ExpectState(licenseInfoAddress, "total_slots", knownvalue.Int64Exact(50)),
					acctest.ExpectState(licenseInfoAddress, "expiry_date", knownvalue.NotNull()),
					acctest.ExpectState(licenseInfoAddress, "used_slots", knownvalue.Int64Exact(0)),
					acctest.ExpectState(licenseInfoAddress, "is_addon", knownvalue.Bool(false)),
					// A trial reports no products, protection models or add-on objects.
					acctest.ExpectState(licenseInfoAddress, "product_type", knownvalue.Null()),
					acctest.ExpectState(licenseInfoAddress, "protection_model", knownvalue.Null()),
					acctest.ExpectState(licenseInfoAddress, "own_use", knownvalue.Null()),
					acctest.ExpectState(licenseInfoAddress, "mdr", knownvalue.Null()),
					acctest.ExpectState(licenseInfoAddress, "exchange_security", knownvalue.Bool(false)),
				},
			},
			{
				Config: afterSubscription(`  own_use = { edr = true }`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(licenseInfoAddress, "subscription_type", knownvalue.StringExact("monthly_subscription")),
					acctest.ExpectState(licenseInfoAddress, "total_slots", knownvalue.Null()), // unlimited: dynamic provisioning
					acctest.ExpectState(licenseInfoAddress, "reserved_slots", knownvalue.Null()),
					acctest.ExpectState(licenseInfoAddress, "product_type", knownvalue.StringExact("endpoint_security")),
					acctest.ExpectState(licenseInfoAddress, "resell_product_types", stringSetValue("endpoint_security")),
					acctest.ExpectState(licenseInfoAddress, "protection_model", knownvalue.StringExact("aLaCarte")),
					acctest.ExpectState(licenseInfoAddress, "resell_protection_models", stringSetValue("aLaCarte")),
					acctest.ExpectState(licenseInfoAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")),
					acctest.ExpectState(licenseInfoAddress, "resell", resellValue()),
					acctest.ExpectState(licenseInfoAddress, "mdr", mdrValue("disabled", false)),
					acctest.ExpectState(licenseInfoAddress, "integrity_monitoring_retention_days", knownvalue.Int64Exact(7)),
					acctest.ExpectState(licenseInfoAddress, "license_key", knownvalue.Null()),
				},
			},
			{
				Config: afterSubscription(`
  reserved_slots   = 5
  end_subscription = "2031-03-31"`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(licenseInfoAddress, "total_slots", knownvalue.Int64Exact(5)),
					acctest.ExpectState(licenseInfoAddress, "reserved_slots", knownvalue.Int64Exact(5)),
					acctest.ExpectState(licenseInfoAddress, "end_subscription", knownvalue.StringExact("2031-03-31")),
					acctest.ExpectState(licenseInfoAddress, "auto_renew_period", knownvalue.Int64Exact(12)),
					acctest.ExpectState(licenseInfoAddress, "expiry_date", knownvalue.StringExact("2031-03-31T00:00:00")),
				},
			},
		},
	})
}

func TestAccLicenseInfo_licenseKeyIsSensitive(t *testing.T) {
	env := newTestEnv(t)
	const key = "YEARLY-KEY-0123456789"
	licensed := env.newCompany(t, apiCustomer, "licensed", "", client.LicenseSubscription{Type: 2, LicenseKey: key})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(licenseInfoBlock(licensed)),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectState(licenseInfoAddress, "subscription_type", knownvalue.StringExact("license")),
				acctest.ExpectState(licenseInfoAddress, "license_key", knownvalue.StringExact(key)),
				statecheck.ExpectSensitiveValue(licenseInfoAddress, tfjsonpath.New("license_key")),
			},
		}},
	})
}

// Without company_id the data source reads the API key's own company: the root partner, which
// resells everything from an unlimited pool.
func TestAccLicenseInfo_apiKeysCompany(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`data "gravityzone_license_info" "test" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectState(licenseInfoAddress, "company_id", knownvalue.Null()),
				acctest.ExpectState(licenseInfoAddress, "subscription_type", knownvalue.StringExact("monthly_subscription")),
				acctest.ExpectState(licenseInfoAddress, "total_slots", knownvalue.Null()),
				acctest.ExpectState(licenseInfoAddress, "resell_product_types", stringSetValue("edr", "endpoint_security")),
				acctest.ExpectState(licenseInfoAddress, "resell_protection_models", stringSetValue("aLaCarte", "mspSecure", "mspSecurePlus", "mspSecureExtra")),
				acctest.ExpectState(licenseInfoAddress, "resell", resellValue(allResell()...)),
				acctest.ExpectState(licenseInfoAddress, "mdr", mdrValue("disabled", true)),
			},
		}},
	})
}
