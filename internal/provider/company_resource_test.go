package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

const testCompany = "gravityzone_company.test"

var companyIDRegexp = regexp.MustCompile(`^[0-9a-f]{24}$`)

// attribute checks one top-level attribute of a resource in state.
func attribute(address, name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(name), check)
}

// capture is a check that stores a string value for later steps (ids, mostly).
func capture(target *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		*target = v
		return nil
	})
}

// checkServer is a state check that asserts what the simulator itself holds after an apply.
type checkServer func() error

func (f checkServer) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// errorText turns words into a regexp that matches them in Terraform's output, where a
// diagnostic's text is wrapped across lines (each prefixed with │) wherever a space was.
func errorText(words string) *regexp.Regexp {
	parts := strings.Fields(words)
	for i, part := range parts {
		parts[i] = regexp.QuoteMeta(part)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `[\s│]+`))
}

// company reads a company straight from the simulator.
func (e *testEnv) company(id string) (*client.Company, error) {
	return e.api.GetCompanyDetails(context.Background(), id)
}

// companiesNamed returns the ids of the companies whose name is exactly name.
func (e *testEnv) companiesNamed(name string) ([]string, error) {
	found, err := e.api.FindCompaniesByName(context.Background(), name, 100)
	var ids []string
	for _, c := range found {
		if c.Name == name {
			ids = append(ids, c.ID)
		}
	}
	return ids, err
}

// checkCompaniesGone is a CheckDestroy that fails while any of the captured ids still exists.
func (e *testEnv) checkCompaniesGone(ids ...*string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range ids {
			if _, err := e.company(*id); !client.IsNotFound(err) {
				return fmt.Errorf("company %s still exists after destroy (err: %v)", *id, err)
			}
		}
		return nil
	}
}

// expectWrites is a PreConfig/Check helper: it fails the test when the simulator's count of write
// calls is not what an earlier point recorded.
func expectWrites(t *testing.T, env *testEnv, want *int, when string) {
	t.Helper()
	if got := env.writes(); got != *want {
		t.Errorf("%s: %d write calls reached the API, want %d", when, got, *want)
	}
}

func TestAccCompany_partnerWithEveryAttribute(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "partner")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.checkCompaniesGone(&id),
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name            = %q
  type            = "partner"
  address         = "Str. Exemplu 1, Bucharest"
  phone           = "+40 740 000 001"
  country         = "RO"
  state           = "B"
  industry        = 3004
  skip_2fa_period = 14
  contact_person = {
    full_name    = "Ana Pop"
    email        = "ana.pop@example.com"
    phone_number = "+40 740 000 002"
    company_role = "IT manager"
  }
  can_be_managed_by_above = false
  account_email           = "admin@partner.example.com"
  account_full_name       = "Partner Admin"
  account_timezone        = "Europe/Bucharest"
  account_language        = "ro_RO"
  license_type            = "monthly_license_trial"
  suspended               = false
  suspend_recursively     = true
  deletion_protection     = false
}
`, name)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				attribute(testCompany, "id", knownvalue.StringRegexp(companyIDRegexp)),
				attribute(testCompany, "id", capture(&id)),
				attribute(testCompany, "name", knownvalue.StringExact(name)),
				attribute(testCompany, "type", knownvalue.StringExact("partner")),
				attribute(testCompany, "parent_id", knownvalue.StringExact(env.sim.RootCompanyID())),
				attribute(testCompany, "address", knownvalue.StringExact("Str. Exemplu 1, Bucharest")),
				attribute(testCompany, "phone", knownvalue.StringExact("+40 740 000 001")),
				attribute(testCompany, "country", knownvalue.StringExact("RO")),
				attribute(testCompany, "state", knownvalue.StringExact("B")),
				attribute(testCompany, "industry", knownvalue.Int64Exact(3004)),
				attribute(testCompany, "skip_2fa_period", knownvalue.Int64Exact(14)),
				attribute(testCompany, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"full_name":    knownvalue.StringExact("Ana Pop"),
					"email":        knownvalue.StringExact("ana.pop@example.com"),
					"phone_number": knownvalue.StringExact("+40 740 000 002"),
					"company_role": knownvalue.StringExact("IT manager"),
				})),
				attribute(testCompany, "can_be_managed_by_above", knownvalue.Bool(false)),
				attribute(testCompany, "account_email", knownvalue.StringExact("admin@partner.example.com")),
				attribute(testCompany, "account_full_name", knownvalue.StringExact("Partner Admin")),
				attribute(testCompany, "account_timezone", knownvalue.StringExact("Europe/Bucharest")),
				attribute(testCompany, "account_language", knownvalue.StringExact("ro_RO")),
				attribute(testCompany, "license_type", knownvalue.StringExact("monthly_license_trial")),
				attribute(testCompany, "suspended", knownvalue.Bool(false)),
				attribute(testCompany, "suspend_recursively", knownvalue.Bool(true)),
				attribute(testCompany, "deletion_protection", knownvalue.Bool(false)),
				attribute(testCompany, "created_at", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`))),
				checkServer(func() error {
					company, err := env.company(id)
					if err != nil {
						return err
					}
					if company.Type != 0 || company.Country != "RO" || *company.Industry != 3004 || *company.CanBeManagedByAbove ||
						company.ContactPerson == nil || company.ContactPerson.CompanyRole != "IT manager" {
						return fmt.Errorf("GravityZone holds %+v", company)
					}
					license, err := env.api.GetLicenseInfo(context.Background(), id)
					if err != nil {
						return err
					}
					if *license.SubscriptionType != 4 {
						return fmt.Errorf("subscription type %d, want 4 (monthly licence trial)", *license.SubscriptionType)
					}
					return nil
				}),
			},
		}},
	})
}
