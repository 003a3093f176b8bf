package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

const testCompany = "gravityzone_company.test"

var companyIDRegexp = regexp.MustCompile(`^[0-9a-f]{24}$`)

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

// companiesGone fails while any of the captured ids still exists.
func (e *testEnv) companiesGone(ids ...*string) acctest.ServerCheck {
	return func() error {
		for _, id := range ids {
			if _, err := e.company(*id); !client.IsNotFound(err) {
				return fmt.Errorf("company %s still exists after destroy (reading it: %w)", *id, err)
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
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
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
				acctest.ExpectState(testCompany, "id", knownvalue.StringRegexp(companyIDRegexp)),
				acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
				acctest.ExpectState(testCompany, "name", knownvalue.StringExact(name)),
				acctest.ExpectState(testCompany, "type", knownvalue.StringExact("partner")),
				acctest.ExpectState(testCompany, "parent_id", knownvalue.StringExact(env.sim.RootCompanyID())),
				acctest.ExpectState(testCompany, "address", knownvalue.StringExact("Str. Exemplu 1, Bucharest")),
				acctest.ExpectState(testCompany, "phone", knownvalue.StringExact("+40 740 000 001")),
				acctest.ExpectState(testCompany, "country", knownvalue.StringExact("RO")),
				acctest.ExpectState(testCompany, "state", knownvalue.StringExact("B")),
				acctest.ExpectState(testCompany, "industry", knownvalue.Int64Exact(3004)),
				acctest.ExpectState(testCompany, "skip_2fa_period", knownvalue.Int64Exact(14)),
				acctest.ExpectState(testCompany, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"full_name":    knownvalue.StringExact("Ana Pop"),
					"email":        knownvalue.StringExact("ana.pop@example.com"),
					"phone_number": knownvalue.StringExact("+40 740 000 002"),
					"company_role": knownvalue.StringExact("IT manager"),
				})),
				acctest.ExpectState(testCompany, "can_be_managed_by_above", knownvalue.Bool(false)),
				acctest.ExpectState(testCompany, "account_email", knownvalue.StringExact("admin@partner.example.com")),
				acctest.ExpectState(testCompany, "account_full_name", knownvalue.StringExact("Partner Admin")),
				acctest.ExpectState(testCompany, "account_timezone", knownvalue.StringExact("Europe/Bucharest")),
				acctest.ExpectState(testCompany, "account_language", knownvalue.StringExact("ro_RO")),
				acctest.ExpectState(testCompany, "license_type", knownvalue.StringExact("monthly_license_trial")),
				acctest.ExpectState(testCompany, "suspended", knownvalue.Bool(false)),
				acctest.ExpectState(testCompany, "suspend_recursively", knownvalue.Bool(true)),
				acctest.ExpectState(testCompany, "deletion_protection", knownvalue.Bool(false)),
				acctest.ExpectState(testCompany, "created_at", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`))),
				acctest.ServerCheck(func() error {
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

func TestAccCompany_customerUnderPartnerCreatedSuspended(t *testing.T) {
	env := newTestEnv(t)
	partnerName, customerName := uniqueName(t, "partner"), uniqueName(t, "customer")
	var partnerID, customerID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&customerID, &partnerID).CheckDestroy,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "partner" {
  name                = %q
  type                = "partner"
  deletion_protection = false
}

resource "gravityzone_company" "test" {
  name            = %q
  type            = "customer"
  parent_id       = gravityzone_company.partner.id
  address         = "1 Main Street, Springfield"
  phone           = "+1 555 0100"
  country         = "US"
  state           = "NY"
  industry        = 9
  skip_2fa_period = 90
  contact_person = {
    email = "it@customer.example.com"
  }
  account_email       = "admin@customer.example.com"
  account_full_name   = "Customer Admin"
  license_type        = "monthly_subscription_trial"
  suspended           = true
  deletion_protection = false
}
`, partnerName, customerName)),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectState("gravityzone_company.partner", "id", acctest.Capture(&partnerID)),
				acctest.ExpectState(testCompany, "id", acctest.Capture(&customerID)),
				statecheck.CompareValuePairs(testCompany, tfjsonpath.New("parent_id"),
					"gravityzone_company.partner", tfjsonpath.New("id"), compare.ValuesSame()),
				acctest.ExpectState(testCompany, "name", knownvalue.StringExact(customerName)),
				acctest.ExpectState(testCompany, "type", knownvalue.StringExact("customer")),
				acctest.ExpectState(testCompany, "address", knownvalue.StringExact("1 Main Street, Springfield")),
				acctest.ExpectState(testCompany, "phone", knownvalue.StringExact("+1 555 0100")),
				acctest.ExpectState(testCompany, "country", knownvalue.StringExact("US")),
				acctest.ExpectState(testCompany, "state", knownvalue.StringExact("NY")),
				acctest.ExpectState(testCompany, "industry", knownvalue.Int64Exact(9)),
				acctest.ExpectState(testCompany, "skip_2fa_period", knownvalue.Int64Exact(90)),
				// Members left out read as null, not as the empty strings the API holds.
				acctest.ExpectState(testCompany, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"full_name":    knownvalue.Null(),
					"email":        knownvalue.StringExact("it@customer.example.com"),
					"phone_number": knownvalue.Null(),
					"company_role": knownvalue.Null(),
				})),
				acctest.ExpectState(testCompany, "can_be_managed_by_above", knownvalue.Bool(true)),
				acctest.ExpectState(testCompany, "account_email", knownvalue.StringExact("admin@customer.example.com")),
				acctest.ExpectState(testCompany, "account_full_name", knownvalue.StringExact("Customer Admin")),
				acctest.ExpectState(testCompany, "account_timezone", knownvalue.Null()),
				acctest.ExpectState(testCompany, "account_language", knownvalue.Null()),
				acctest.ExpectState(testCompany, "license_type", knownvalue.StringExact("monthly_subscription_trial")),
				acctest.ExpectState(testCompany, "suspended", knownvalue.Bool(true)),
				acctest.ExpectState(testCompany, "suspend_recursively", knownvalue.Bool(false)),
				acctest.ExpectState(testCompany, "deletion_protection", knownvalue.Bool(false)),
				acctest.ExpectState(testCompany, "created_at", knownvalue.NotNull()),
				// The partner's unset attributes read as null or as their defaults.
				acctest.ExpectState("gravityzone_company.partner", "address", knownvalue.Null()),
				acctest.ExpectState("gravityzone_company.partner", "country", knownvalue.Null()),
				acctest.ExpectState("gravityzone_company.partner", "state", knownvalue.Null()),
				acctest.ExpectState("gravityzone_company.partner", "contact_person", knownvalue.Null()),
				acctest.ExpectState("gravityzone_company.partner", "license_type", knownvalue.Null()),
				acctest.ExpectState("gravityzone_company.partner", "industry", knownvalue.Int64Exact(0)),
				acctest.ExpectState("gravityzone_company.partner", "deletion_protection", knownvalue.Bool(false)),
				acctest.ServerCheck(func() error {
					company, err := env.company(customerID)
					if err != nil {
						return err
					}
					if company.ParentID != partnerID || !*company.IsSuspended || company.Type != 1 {
						return fmt.Errorf("GravityZone holds %+v, want a suspended customer under %s", company, partnerID)
					}
					license, err := env.api.GetLicenseInfo(context.Background(), customerID)
					if err != nil {
						return err
					}
					if *license.SubscriptionType != 5 {
						return fmt.Errorf("subscription type %d, want 5 (monthly subscription trial)", *license.SubscriptionType)
					}
					return nil
				}),
			},
		}},
	})
}

func TestAccCompany_updateInPlace(t *testing.T) {
	env := newTestEnv(t)
	name, renamed := uniqueName(t, "before"), uniqueName(t, "after")
	var id string
	var writesBefore int
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
					acctest.ExpectState(testCompany, "address", knownvalue.Null()),
					acctest.ExpectState(testCompany, "phone", knownvalue.Null()),
					acctest.ExpectState(testCompany, "country", knownvalue.Null()),
					acctest.ExpectState(testCompany, "state", knownvalue.Null()),
					acctest.ExpectState(testCompany, "contact_person", knownvalue.Null()),
					acctest.ExpectState(testCompany, "industry", knownvalue.Int64Exact(0)),
					acctest.ExpectState(testCompany, "skip_2fa_period", knownvalue.Int64Exact(0)),
					acctest.ExpectState(testCompany, "can_be_managed_by_above", knownvalue.Bool(true)),
					acctest.ExpectState(testCompany, "account_email", knownvalue.Null()),
					acctest.ExpectState(testCompany, "license_type", knownvalue.Null()),
					acctest.ExpectState(testCompany, "suspended", knownvalue.Bool(false)),
				},
			},
			{
				// Every updatable attribute at once, type included.
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name            = %q
  type            = "partner"
  address         = "2 High Street"
  phone           = "+44 20 7946 0000"
  country         = "GB"
  state           = "LND"
  industry        = 30
  skip_2fa_period = 7
  contact_person = {
    full_name    = "Sam Jones"
    email        = "sam@example.com"
    phone_number = "+44 20 7946 0001"
    company_role = "CTO"
  }
  deletion_protection = false
}
`, renamed)),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Captured(&id)),
					acctest.ExpectState(testCompany, "name", knownvalue.StringExact(renamed)),
					acctest.ExpectState(testCompany, "type", knownvalue.StringExact("partner")),
					acctest.ExpectState(testCompany, "address", knownvalue.StringExact("2 High Street")),
					acctest.ExpectState(testCompany, "phone", knownvalue.StringExact("+44 20 7946 0000")),
					acctest.ExpectState(testCompany, "country", knownvalue.StringExact("GB")),
					acctest.ExpectState(testCompany, "state", knownvalue.StringExact("LND")),
					acctest.ExpectState(testCompany, "industry", knownvalue.Int64Exact(30)),
					acctest.ExpectState(testCompany, "skip_2fa_period", knownvalue.Int64Exact(7)),
					acctest.ExpectState(testCompany, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"full_name":    knownvalue.StringExact("Sam Jones"),
						"email":        knownvalue.StringExact("sam@example.com"),
						"phone_number": knownvalue.StringExact("+44 20 7946 0001"),
						"company_role": knownvalue.StringExact("CTO"),
					})),
					acctest.ServerCheck(func() error {
						company, err := env.company(id)
						if err != nil {
							return err
						}
						if company.Name != renamed || company.Type != 0 || company.State != "LND" || *company.Skip2FAPeriod != 7 ||
							company.ContactPerson == nil || company.ContactPerson.FullName != "Sam Jones" {
							return fmt.Errorf("GravityZone holds %+v", company)
						}
						return nil
					}),
				},
			},
			{
				// One contact member removed, another changed: the whole object is sent again.
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name            = %q
  type            = "partner"
  address         = "2 High Street"
  phone           = "+44 20 7946 0000"
  country         = "GB"
  state           = "LND"
  industry        = 30
  skip_2fa_period = 7
  contact_person = {
    full_name    = "Sam Jones"
    email        = "sam.jones@example.com"
    company_role = "CTO"
  }
  deletion_protection = false
}
`, renamed)),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"full_name":    knownvalue.StringExact("Sam Jones"),
						"email":        knownvalue.StringExact("sam.jones@example.com"),
						"phone_number": knownvalue.Null(),
						"company_role": knownvalue.StringExact("CTO"),
					})),
				},
			},
			{
				// Removing the optional attributes clears them in GravityZone; defaults come back.
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name = %q
  type = "customer"
  contact_person = {
    email = "sam.jones@example.com"
  }
  deletion_protection = false
}
`, renamed)),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "type", knownvalue.StringExact("customer")),
					acctest.ExpectState(testCompany, "address", knownvalue.Null()),
					acctest.ExpectState(testCompany, "phone", knownvalue.Null()),
					acctest.ExpectState(testCompany, "country", knownvalue.Null()),
					acctest.ExpectState(testCompany, "state", knownvalue.Null()),
					acctest.ExpectState(testCompany, "industry", knownvalue.Int64Exact(0)),
					acctest.ExpectState(testCompany, "skip_2fa_period", knownvalue.Int64Exact(0)),
					acctest.ServerCheck(func() error {
						company, err := env.company(id)
						if err != nil {
							return err
						}
						if company.Address != "" || company.Phone != "" || company.Country != "N/A" || company.State != "N/A" ||
							*company.Industry != 0 || company.ContactPerson.FullName != "" {
							return fmt.Errorf("GravityZone holds %+v, want the optional fields cleared", company)
						}
						writesBefore = env.writes()
						return nil
					}),
				},
			},
			{
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, renamed)),
				PlanOnly: true,
				ExpectError: acctest.ErrorText("Cannot remove contact_person", "The GravityZone API has no way to remove a company's contact person",
					`("sam.jones@example.com")`, "Set contact_person in the configuration"),
			},
			{
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after refusing to remove contact_person") },
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name = %q
  type = "customer"
  contact_person = {
    email = "sam.jones@example.com"
  }
  deletion_protection = false
}
`, renamed)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccCompany_suspendAndActivate(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "partner")
	var partnerID, childID string
	var writesBefore int
	config := func(suspended, recursively bool) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "partner"
  suspended           = %t
  suspend_recursively = %t
  deletion_protection = false
}
`, name, suspended, recursively))
	}
	// expectSuspended checks the partner and the child it manages (created outside Terraform).
	expectSuspended := func(partner, child bool) statecheck.StateCheck {
		return acctest.ServerCheck(func() error {
			for id, want := range map[string]bool{partnerID: partner, childID: child} {
				company, err := env.company(id)
				if err != nil {
					return err
				}
				if *company.IsSuspended != want {
					return fmt.Errorf("company %s (%s): isSuspended = %t, want %t", id, company.Name, *company.IsSuspended, want)
				}
			}
			return nil
		})
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&partnerID).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: config(false, false),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Capture(&partnerID)),
					acctest.ServerCheck(func() error {
						var err error
						childID, err = env.api.CreateCompany(context.Background(), client.CreateCompanyParams{
							Type: 1, Name: uniqueName(t, "child"), ParentID: partnerID,
						})
						return err
					}),
				},
			},
			{
				Config:           config(true, false),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "suspended", knownvalue.Bool(true)),
					expectSuspended(true, false),
				},
			},
			{
				Config:           config(false, false),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "suspended", knownvalue.Bool(false)),
					expectSuspended(false, false),
				},
			},
			{
				// suspend_recursively alone only changes how the next suspension works.
				PreConfig:        func() { writesBefore = env.writes() },
				Config:           config(false, true),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "suspend_recursively", knownvalue.Bool(true)),
					acctest.ServerCheck(func() error {
						if got := env.writes(); got != writesBefore {
							return fmt.Errorf("changing suspend_recursively made %d write calls, want none", got-writesBefore)
						}
						return nil
					}),
				},
			},
			{
				Config:            config(true, true),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{expectSuspended(true, true)},
			},
			{
				Config:           config(false, true),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					expectSuspended(false, false),
					// A partner that still manages a company cannot be deleted: remove the child
					// before the final destroy.
					acctest.ServerCheck(func() error { return env.api.DeleteCompany(context.Background(), childID) }),
				},
			},
		},
	})
}

func TestAccCompany_deletionProtection(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "protected")
	var id string
	var writesBefore int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name = %q
  type = "customer"
}
`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
					acctest.ExpectState(testCompany, "deletion_protection", knownvalue.Bool(true)),
					acctest.ServerCheck(func() error {
						writesBefore = env.writes()
						return nil
					}),
				},
			},
			{
				// The resource is gone from the configuration: Terraform plans to destroy it.
				Config:      env.config(""),
				PlanOnly:    true,
				ExpectError: acctest.ErrorText("is protected from deletion", "deletion_protection is true for company", "set deletion_protection = false"),
			},
			{
				Config:      env.config(""),
				ExpectError: acctest.ErrorText("set deletion_protection = false on this resource and run terraform apply, then destroy it"),
			},
			{
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after the refused destroys") },
				Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "deletion_protection", knownvalue.Bool(false)),
					acctest.ServerCheck(func() error {
						if got := env.writes(); got != writesBefore {
							return fmt.Errorf("turning deletion_protection off made %d API write calls, want none", got-writesBefore)
						}
						return nil
					}),
				},
			},
			{
				// Now the destroy goes through; CheckDestroy confirms the company is gone.
				Config: env.config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{env.companiesGone(&id)},
			},
		},
	})
}

// unreportedAttributes are what getCompanyDetails does not report, so an import cannot know them.
var unreportedAttributes = []string{"account_email", "account_full_name", "account_timezone", "account_language", "license_type"}

func TestAccCompany_import(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "imported")
	var id string
	config := func(deletionProtection bool) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name            = %q
  type            = "customer"
  address         = "3 Import Road"
  country         = "DE"
  industry        = 12
  skip_2fa_period = 3
  contact_person = {
    full_name = "Import Contact"
    email     = "contact@import.example.com"
  }
  account_email       = "admin@import.example.com"
  account_full_name   = "Import Admin"
  license_type        = "monthly_subscription"
  suspended           = true
  deletion_protection = %t
}
`, name, deletionProtection))
	}
	// An import block plans the adoption of the values the API does not report: an update that
	// makes no API call (TestAccCompany_importAdoptsUnreportedValues applies one).
	adoption := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
		acctest.ExpectPlanned(testCompany, "account_email", knownvalue.StringExact("admin@import.example.com")),
		acctest.ExpectPlanned(testCompany, "license_type", knownvalue.StringExact("monthly_subscription")),
		acctest.ExpectPlanned(testCompany, "deletion_protection", knownvalue.Bool(true)),
		acctest.ExpectPlanned(testCompany, "suspended", knownvalue.Bool(true)),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{
			{
				// Protected, as an imported company is until the configuration says otherwise.
				Config:            config(true),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(testCompany, "id", acctest.Capture(&id))},
			},
			{
				ResourceName:            testCompany,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: unreportedAttributes,
			},
			{
				ResourceName:            testCompany,
				ImportState:             true,
				ImportStateId:           "name=" + name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: unreportedAttributes,
			},
			{
				ResourceName:       testCompany,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   adoption,
			},
			{
				ResourceName:       testCompany,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateId:      "name=" + name,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   adoption,
			},
			{
				ResourceName:  testCompany,
				ImportState:   true,
				ImportStateId: "name=" + strings.ToUpper(name),
				ExpectError:   acctest.ErrorText("No company named", "Companies whose names differ only in case", name),
			},
			{
				ResourceName:  testCompany,
				ImportState:   true,
				ImportStateId: name,
				ExpectError:   acctest.ErrorText("is not a GravityZone company id", "To import by name, write name="+name),
			},
			{
				Config: config(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

func TestAccCompany_importAdoptsUnreportedValues(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "adopted")
	managed := false
	id := env.createCompany(t, client.CreateCompanyParams{
		Type: 0, Name: name, CanBeManagedByAbove: &managed,
		AccountEmail: "owner@adopted.example.com", AccountFullName: "Adopted Owner", AccountLanguage: "fr_FR",
		LicenseSubscription: &client.LicenseSubscription{Type: 4},
	})
	writesBefore := env.writes()
	resourceBlock := func(accountEmail string, deletionProtection bool) string {
		return fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                    = %q
  type                    = "partner"
  can_be_managed_by_above = false
  account_email           = %q
  account_full_name       = "Adopted Owner"
  account_language        = "fr_FR"
  license_type            = "monthly_license_trial"
  deletion_protection     = %t
}
`, name, accountEmail, deletionProtection)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.config(fmt.Sprintf(`
import {
  to = gravityzone_company.test
  id = %q
}
`, id) + resourceBlock("owner@adopted.example.com", true)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", knownvalue.StringExact(id)),
					acctest.ExpectState(testCompany, "parent_id", knownvalue.StringExact(env.sim.RootCompanyID())),
					acctest.ExpectState(testCompany, "can_be_managed_by_above", knownvalue.Bool(false)),
					acctest.ExpectState(testCompany, "account_email", knownvalue.StringExact("owner@adopted.example.com")),
					acctest.ExpectState(testCompany, "account_full_name", knownvalue.StringExact("Adopted Owner")),
					acctest.ExpectState(testCompany, "account_timezone", knownvalue.Null()),
					acctest.ExpectState(testCompany, "account_language", knownvalue.StringExact("fr_FR")),
					acctest.ExpectState(testCompany, "license_type", knownvalue.StringExact("monthly_license_trial")),
					acctest.ExpectState(testCompany, "deletion_protection", knownvalue.Bool(true)),
					acctest.ServerCheck(func() error {
						if got := env.writes(); got != writesBefore {
							return fmt.Errorf("the import and adoption made %d API write calls, want none", got-writesBefore)
						}
						return nil
					}),
				},
			},
			{
				// Once adopted, the value is known, and changing it is a create-only change again.
				Config:      env.config(resourceBlock("someone.else@adopted.example.com", true)),
				PlanOnly:    true,
				ExpectError: acctest.ErrorText("Cannot change account_email", `set account_email back to "owner@adopted.example.com"`),
			},
			{
				Config: env.config(resourceBlock("owner@adopted.example.com", false)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
	if got := env.writes(); got != writesBefore+1 {
		t.Errorf("%d API write calls in all, want exactly one (the final delete)", got-writesBefore)
	}
}

func TestAccCompany_createOnlyChanges(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "customer")
	var id string
	var writesBefore int
	type createOnly struct {
		parent, canBeManaged, email, fullName, timezone, language, license string
		deletionProtection                                                 bool
	}
	created := createOnly{
		parent: "gravityzone_company.first.id", canBeManaged: "false", email: `"admin@create-only.example.com"`,
		fullName: `"Create Only"`, timezone: "null", language: `"de_DE"`, license: `"trial"`, deletionProtection: true,
	}
	config := func(c createOnly) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "first" {
  name                = %[1]q
  type                = "partner"
  deletion_protection = false
}

resource "gravityzone_company" "second" {
  name                = %[2]q
  type                = "partner"
  deletion_protection = false
}

resource "gravityzone_company" "test" {
  name                    = %[3]q
  type                    = "customer"
  parent_id               = %[4]s
  can_be_managed_by_above = %[5]s
  account_email           = %[6]s
  account_full_name       = %[7]s
  account_timezone        = %[8]s
  account_language        = %[9]s
  license_type            = %[10]s
  deletion_protection     = %[11]t

  # A failed apply records the dependencies of its configuration (here on "second" only): keep
  # both partners after this company in the final destroy.
  depends_on = [gravityzone_company.first, gravityzone_company.second]
}
`, uniqueName(t, "first"), uniqueName(t, "second"), name, c.parent, c.canBeManaged, c.email, c.fullName,
			c.timezone, c.language, c.license, c.deletionProtection))
	}
	changed := func(change func(*createOnly)) string {
		c := created
		change(&c)
		return config(c)
	}
	// refused is a plan-only step whose change of a create-only attribute must fail at plan time.
	refused := func(attributeName, fix string, change func(*createOnly)) resource.TestStep {
		return resource.TestStep{
			Config:   changed(change),
			PlanOnly: true,
			ExpectError: acctest.ErrorText("Cannot change "+attributeName, fix,
				"first apply deletion_protection = false with "+attributeName+" still at its current value",
				"terraform apply -replace="),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: config(created),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
					acctest.ServerCheck(func() error {
						writesBefore = env.writes()
						return nil
					}),
				},
			},
			refused("parent_id", "set parent_id back to", func(c *createOnly) { c.parent = "gravityzone_company.second.id" }),
			refused("can_be_managed_by_above", "set can_be_managed_by_above back to false", func(c *createOnly) { c.canBeManaged = "true" }),
			refused("account_email", `set account_email back to "admin@create-only.example.com"`, func(c *createOnly) { c.email = `"other@create-only.example.com"` }),
			refused("account_full_name", `set account_full_name back to "Create Only"`, func(c *createOnly) { c.fullName = `"Someone Else"` }),
			refused("account_timezone", "remove account_timezone", func(c *createOnly) { c.timezone = `"Europe/Berlin"` }),
			refused("account_language", `set account_language back to "de_DE"`, func(c *createOnly) { c.language = `"en_US"` }),
			refused("license_type", `set license_type back to "trial"`, func(c *createOnly) { c.license = `"monthly_subscription"` }),
			{
				// Leaving out what cannot change anyway keeps the state value: no plan at all.
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after the refused plans") },
				Config:    changed(func(c *createOnly) { c.language, c.license = "null", "null" }),
				PlanOnly:  true,
			},
			{
				Config: changed(func(c *createOnly) { c.deletionProtection = false }),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
			},
			{
				// Without protection the plan only warns, so that `terraform apply -replace` can
				// work, and an apply without -replace is refused before any API call.
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after turning deletion protection off") },
				Config: changed(func(c *createOnly) {
					c.deletionProtection = false
					c.parent = "gravityzone_company.second.id"
				}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
				}},
				ExpectError: acctest.ErrorText("Cannot change parent_id", "Nothing was changed", "terraform apply -replace="),
			},
			{
				PreConfig: func() { expectWrites(t, env, &writesBefore, "after the refused update") },
				Config:    changed(func(c *createOnly) { c.deletionProtection = false }),
				PlanOnly:  true,
			},
		},
	})
}

func TestAccCompany_validation(t *testing.T) {
	env := newTestEnv(t)
	invalid := func(attributes string, expect ...string) resource.TestStep {
		return resource.TestStep{
			Config:      env.config("resource \"gravityzone_company\" \"test\" {\n" + attributes + "\n}\n"),
			PlanOnly:    true,
			ExpectError: acctest.ErrorText(expect...),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			invalid(`name = ""
type = "customer"`, `Attribute name string length must be between 1 and 64`),
			invalid(`name = "`+strings.Repeat("n", 65)+`"
type = "customer"`, `Attribute name string length must be between 1 and 64, got: 65`),
			invalid(`name = "   "
type = "customer"`, `Attribute name must contain a character other than white space`),
			invalid(`name = "<b>Acme</b>"
type = "customer"`, `Attribute name must not contain < or >`, `remove those characters`),
			invalid(`name = "Acme"
type = "reseller"`, `Attribute type value must be one of`, `"partner"`, `"customer"`),
			invalid(`name = "Acme"
type = "customer"
address = "`+strings.Repeat("a", 129)+`"`, `Attribute address string length must be at most 128`),
			invalid(`name = "Acme"
type = "customer"
phone = "`+strings.Repeat("1", 33)+`"`, `Attribute phone string length must be at most 32`),
			invalid(`name = "Acme"
type = "customer"
country = "ro"`, `Attribute country must be an ISO 3166-1 alpha-2 country code in capitals, such as RO or US`),
			invalid(`name = "Acme"
type = "customer"
country = "ROU"`, `Attribute country must be an ISO 3166-1 alpha-2 country code`),
			invalid(`name = "Acme"
type = "customer"
industry = -1`, `Attribute industry value must be at least 0`),
			invalid(`name = "Acme"
type = "customer"
skip_2fa_period = 2`, `Attribute skip_2fa_period value must be one of`, `90`),
			invalid(`name = "Acme"
type = "customer"
contact_person = { full_name = "No Mail" }`, `contact_person`, `attribute "email" is required`),
			invalid(`name = "Acme"
type = "customer"
contact_person = { email = "Ann <ann@example.com>" }`, `Invalid e-mail address`, `contact_person.email`, `Write the bare address`),
			invalid(`name = "Acme"
type = "customer"
account_email = "not-an-address"`, `Invalid e-mail address`, `Attribute account_email value "not-an-address" is not an e-mail address`),
			invalid(`name = "Acme"
type = "customer"
can_be_managed_by_above = false`, `Missing account_email`, `account_email and account_full_name are both required when can_be_managed_by_above = false`),
			invalid(`name = "Acme"
type = "customer"
can_be_managed_by_above = false
account_email = "admin@example.com"`, `Missing account_full_name`, `Set both`),
			invalid(`name = "Acme"
type = "customer"
license_type = "yearly"`, `Attribute license_type value must be one of`, `"monthly_subscription_trial"`),
			invalid(`name = "Acme"
type = "customer"
license_type = "monthly_license_trial"`, `license_type does not fit type`, `only for companies of type "partner"`, `"monthly_subscription_trial"`),
			invalid(`name = "Acme"
type = "partner"
license_type = "monthly_subscription_trial"`, `license_type does not fit type`, `only for companies of type "customer"`, `"monthly_license_trial"`),
		},
	})
	if got := env.writes(); got != 0 {
		t.Errorf("invalid configurations made %d API write calls, want none", got)
	}
}

func TestAccCompany_drift(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "drift")
	var id, recreatedID string
	config := env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  phone               = "+1 555 0100"
  deletion_protection = false
}
`, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id, &recreatedID).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(testCompany, "id", acctest.Capture(&id))},
			},
			{
				PreConfig: func() {
					drifted := "+1 555 9999"
					if err := env.api.UpdateCompanyDetails(context.Background(), client.UpdateCompanyParams{ID: id, Phone: &drifted}); err != nil {
						t.Fatalf("changing the phone behind Terraform's back: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionUpdate),
					acctest.ExpectPriorState(testCompany, "phone", knownvalue.StringExact("+1 555 9999")),
					acctest.ExpectPlanned(testCompany, "phone", knownvalue.StringExact("+1 555 0100")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.ServerCheck(func() error {
					company, err := env.company(id)
					if err == nil && company.Phone != "+1 555 0100" {
						err = fmt.Errorf("phone %q, want it restored to +1 555 0100", company.Phone)
					}
					return err
				})},
			},
			{
				// Deleted behind Terraform's back: Read removes it (with a warning) and the plan creates it again.
				PreConfig: func() {
					if err := env.api.DeleteCompany(context.Background(), id); err != nil {
						t.Fatalf("deleting the company behind Terraform's back: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(testCompany, "id", acctest.Capture(&recreatedID)),
					acctest.ServerCheck(func() error {
						ids, err := env.companiesNamed(name)
						if err == nil && (len(ids) != 1 || ids[0] != recreatedID || recreatedID == id) {
							err = fmt.Errorf("companies named %q: %v; want only the recreated %s (the deleted one was %s)", name, ids, recreatedID, id)
						}
						return err
					}),
				},
			},
		},
	})
}

func TestAccCompany_createAdoptsCompanyAfterLostAnswer(t *testing.T) {
	// Every createCompany is carried out, then its connection is reset before the answer.
	env := newTestEnv(t, withFaults(t, "createCompany:reset-after-commit:1", 1))
	name := uniqueName(t, "lost-answer")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&id).CheckDestroy,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
				acctest.ExpectState(testCompany, "name", knownvalue.StringExact(name)),
				acctest.ServerCheck(func() error {
					if n := env.requests("companies.createCompany"); n != 1 {
						return fmt.Errorf("createCompany was sent %d times, want once", n)
					}
					ids, err := env.companiesNamed(name)
					if err == nil && (len(ids) != 1 || ids[0] != id) {
						err = fmt.Errorf("companies named %q: %v, want exactly the adopted %s", name, ids, id)
					}
					return err
				}),
			},
		}},
	})
}

func TestAccCompany_failureAfterCreateKeepsCompany(t *testing.T) {
	env := newTestEnv(t, withFaults(t, "suspendCompany:http500:1", 1))
	name := uniqueName(t, "half-created")
	var id, recreatedID string
	var writesBefore int
	config := env.configWithoutRetries(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name      = %q
  type      = "customer"
  suspended = true
}
`, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.companiesGone(&recreatedID).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: acctest.ErrorText(fmt.Sprintf("Company %q was created, but suspending it (suspended = true) failed", name),
					"The company EXISTS in GravityZone with id", "HTTP 500",
					"run `terraform untaint` with this resource's address", "and `terraform apply`"),
			},
			{
				// The company exists once, unsuspended, and Terraform holds it (tainted): the
				// replacement it now plans is refused by deletion protection, without an API call.
				PreConfig: func() {
					ids, err := env.companiesNamed(name)
					if err != nil || len(ids) != 1 {
						t.Fatalf("companies named %q: %v (err: %v), want exactly one", name, ids, err)
					}
					id = ids[0]
					company, err := env.company(id)
					if err != nil || *company.IsSuspended {
						t.Fatalf("company %s: %+v (err: %v), want it to exist unsuspended", id, company, err)
					}
					writesBefore = env.writes()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionDestroyBeforeCreate),
					acctest.ExpectPriorState(testCompany, "id", acctest.Captured(&id)),
					acctest.ExpectPriorState(testCompany, "suspended", knownvalue.Bool(false)),
				}},
				ExpectError: acctest.ErrorText("is protected from deletion", "run `terraform untaint`"),
			},
			{
				// Clean up: once the company is gone, Read drops the tainted object from state and
				// the plan creates a new, unprotected company, which the final destroy deletes.
				PreConfig: func() {
					expectWrites(t, env, &writesBefore, "after the refused replacement")
					if err := env.api.DeleteCompany(context.Background(), id); err != nil {
						t.Fatalf("deleting %s: %v", id, err)
					}
				},
				Config: env.configWithoutRetries(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCompany, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(testCompany, "id", acctest.Capture(&recreatedID))},
			},
		},
	})
}

func TestUpdateParamsSendOnlyChanges(t *testing.T) {
	ctx := context.Background()
	contact := func(email string) types.Object {
		return types.ObjectValueMust(contactPersonAttributeTypes, map[string]attr.Value{
			"full_name": types.StringNull(), "email": types.StringValue(email),
			"phone_number": types.StringNull(), "company_role": types.StringNull(),
		})
	}
	state := companyResourceModel{
		ID: types.StringValue("000000000000000000000001"), Name: types.StringValue("Acme"),
		Type: types.StringValue("customer"), Address: types.StringValue("1 Road"), Phone: types.StringValue("+1 555"),
		Country: types.StringValue("US"), State: types.StringNull(), Industry: types.Int64Value(0),
		Skip2FAPeriod: types.Int64Value(0), ContactPerson: contact("a@example.com"),
	}

	unchanged := state
	if params, changed, _ := updateParams(ctx, &unchanged, &state); changed {
		t.Errorf("no change: got %+v, want nothing to send", params)
	}

	plan := state
	plan.Phone = types.StringValue("+1 556")
	plan.Address = types.StringNull() // removed: sent as "" to clear it
	plan.Industry = types.Int64Value(30)
	plan.ContactPerson = contact("b@example.com")
	params, changed, diags := updateParams(ctx, &plan, &state)
	if diags.HasError() || !changed {
		t.Fatalf("changed = %t, diagnostics %v", changed, diags)
	}
	if params.ID != "000000000000000000000001" || *params.Phone != "+1 556" || *params.Address != "" ||
		*params.Industry != 30 || params.ContactPerson.Email != "b@example.com" {
		t.Errorf("got %+v", params)
	}
	if params.Name != nil || params.Type != nil || params.Country != nil || params.State != nil || params.Skip2FAPeriod != nil {
		t.Errorf("unchanged attributes were sent: %+v", params)
	}
}
