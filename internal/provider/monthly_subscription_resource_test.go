package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

const subscriptionAddress = "gravityzone_monthly_subscription.test"

// API company types.
const (
	apiPartner  = 0
	apiCustomer = 1
)

// newCompany creates a company under parentID (the root when empty), with no licenceSubscription
// unless given: a trial.
func (e *testEnv) newCompany(t *testing.T, companyType int, suffix, parentID string, license ...client.LicenseSubscription) string {
	t.Helper()
	params := client.CreateCompanyParams{Type: companyType, Name: uniqueName(t, suffix), ParentID: parentID}
	if len(license) > 0 {
		params.LicenseSubscription = &license[0]
	}
	return e.createCompany(t, params)
}

// subscriptionConfig is a configuration holding gravityzone_monthly_subscription.test for the
// company, with the other arguments in body.
func (e *testEnv) subscriptionConfig(companyID, body string) string {
	return e.config(subscriptionBlock("test", companyID, body))
}

func subscriptionBlock(name, companyID, body string) string {
	return fmt.Sprintf("resource \"gravityzone_monthly_subscription\" %q {\n  company_id = %q\n%s\n}\n", name, companyID, body)
}

// checkLicense asserts something about a company's licence as the simulator holds it.
func (e *testEnv) checkLicense(companyID string, check func(*client.LicenseInfo) error) acctest.ServerCheck {
	return func() error {
		info, err := e.api.GetLicenseInfo(context.Background(), companyID)
		if err != nil {
			return fmt.Errorf("reading the licence of %s: %w", companyID, err)
		}
		return check(info)
	}
}

// addOnsSwitchedOn lists every add-on the licence reports as on, by the Terraform attribute path.
func addOnsSwitchedOn(info *client.LicenseInfo) []string {
	var on []string
	for _, sw := range topLevelSwitches {
		if v := sw.info(info); v != nil && *v {
			on = append(on, sw.attribute)
		}
	}
	if info.OwnUse != nil {
		for _, sw := range ownUseSwitches {
			if v := sw.info(info.OwnUse); v != nil && *v {
				on = append(on, "own_use."+sw.attribute)
			}
		}
	}
	if info.Resell != nil {
		for _, sw := range resellSwitches {
			if v := sw.info(info.Resell); v != nil && *v {
				on = append(on, "resell."+sw.attribute)
			}
		}
	}
	if mdr := info.LicensedServices; mdr != nil {
		if mdr.MDRServiceOwnUse != nil && *mdr.MDRServiceOwnUse != 0 {
			on = append(on, "mdr.own_use")
		}
		if mdr.MDRServiceResell != nil && *mdr.MDRServiceResell {
			on = append(on, "mdr.resell")
		}
	}
	return on
}

// subscriptionsReleased is the CheckDestroy of subscriptions: each company stays on its monthly
// subscription with every add-on off, MDR disabled and no seat reservation.
func (e *testEnv) subscriptionsReleased(companyIDs ...string) acctest.ServerCheck {
	return func() error {
		for _, id := range companyIDs {
			info, err := e.api.GetLicenseInfo(context.Background(), id)
			if err != nil {
				return fmt.Errorf("reading the licence of %s after destroy: %w", id, err)
			}
			if info.SubscriptionType == nil || *info.SubscriptionType != 3 {
				return fmt.Errorf("company %s should stay on a monthly subscription (3), has %v", id, ptrValue(info.SubscriptionType))
			}
			if on := addOnsSwitchedOn(info); len(on) > 0 {
				return fmt.Errorf("company %s still has add-ons on after destroy: %v", id, on)
			}
			if info.ReservedSlots != nil {
				return fmt.Errorf("company %s still reserves %d seats after destroy", id, *info.ReservedSlots)
			}
		}
		return nil
	}
}

func ptrValue[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// switchesValue is the expected value of own_use or resell: every member false but those named.
func switchesValue[Info, Param any](switches []nestedSwitch[Info, Param], on ...string) knownvalue.Check {
	members := map[string]knownvalue.Check{}
	for _, sw := range switches {
		members[sw.attribute] = knownvalue.Bool(slices.Contains(on, sw.attribute))
	}
	return knownvalue.ObjectExact(members)
}

func ownUseValue(on ...string) knownvalue.Check { return switchesValue(ownUseSwitches, on...) }

func resellValue(on ...string) knownvalue.Check { return switchesValue(resellSwitches, on...) }

func mdrValue(level string, resell bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"own_use": knownvalue.StringExact(level),
		"resell":  knownvalue.Bool(resell),
	})
}

func allOwnUse() []string {
	var names []string
	for _, sw := range ownUseSwitches {
		names = append(names, sw.attribute)
	}
	return names
}

func allResell() []string {
	var names []string
	for _, sw := range resellSwitches {
		names = append(names, sw.attribute)
	}
	return names
}

func stringSetValue(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

func TestAccMonthlySubscription_addOnsOnAndOff(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	everythingOn := `
  protection_model                    = "aLaCarte"
  exchange_security                   = true
  full_disk_encryption                = true
  patch_management                    = true
  email_security                      = true
  mobile_security                     = true
  integrity_monitoring                = true
  integrity_monitoring_retention_days = 365
  own_use = {
    edr = true, hyper_detect = true, sandbox_analyzer = true, virtualized_environments_security = true,
    container_protection = true, xdr_identity_providers = true, xdr_productivity_apps = true,
    xdr_network = true, xdr_cloud_workloads = true
  }
  resell = {
    edr = true, hyper_detect = true, sandbox_analyzer = true, virtualized_environments_security = true,
    container_protection = true, xdr = true
  }
  mdr = { own_use = "foundations", resell = true }`
	allOn := []statecheck.StateCheck{acctest.ExpectState(subscriptionAddress, "integrity_monitoring_retention_days", knownvalue.Int64Exact(365)),
		acctest.ExpectState(subscriptionAddress, "own_use", ownUseValue(allOwnUse()...)),
		acctest.ExpectState(subscriptionAddress, "resell", resellValue(allResell()...)),
		acctest.ExpectState(subscriptionAddress, "mdr", mdrValue("foundations", true))}
	allOff := []statecheck.StateCheck{acctest.ExpectState(subscriptionAddress, "integrity_monitoring_retention_days", knownvalue.Int64Exact(7)),
		acctest.ExpectState(subscriptionAddress, "own_use", ownUseValue()),
		acctest.ExpectState(subscriptionAddress, "resell", resellValue()),
		acctest.ExpectState(subscriptionAddress, "mdr", mdrValue("disabled", false))}
	for _, sw := range topLevelSwitches {
		allOn = append(allOn, acctest.ExpectState(subscriptionAddress, sw.attribute, knownvalue.Bool(true)))
		allOff = append(allOff, acctest.ExpectState(subscriptionAddress, sw.attribute, knownvalue.Bool(false)))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(partner).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.subscriptionConfig(partner, everythingOn),
				ConfigStateChecks: append(allOn, env.checkLicense(partner, func(info *client.LicenseInfo) error {
					on := addOnsSwitchedOn(info)
					want := []string{"mdr.own_use", "mdr.resell"}
					for _, sw := range topLevelSwitches {
						want = append(want, sw.attribute)
					}
					for _, name := range allOwnUse() {
						want = append(want, "own_use."+name)
					}
					for _, name := range allResell() {
						want = append(want, "resell."+name)
					}
					for _, name := range want {
						if !slices.Contains(on, name) {
							return fmt.Errorf("%s is off on the server; on: %v", name, on)
						}
					}
					if info.IMDataRetention == nil || *info.IMDataRetention != 3 {
						return fmt.Errorf("imDataRetention = %v, want 3 (365 days)", ptrValue(info.IMDataRetention))
					}
					return nil
				})),
			},
			{
				ResourceName:      subscriptionAddress,
				ImportState:       true,
				ImportStateId:     partner,
				ImportStateVerify: true,
			},
			{
				// Every add-on left out of the configuration is switched off, and the plan says so.
				Config: env.subscriptionConfig(partner, `  protection_model = "aLaCarte"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
					acctest.ExpectPlanned(subscriptionAddress, "own_use", ownUseValue()),
					acctest.ExpectPlanned(subscriptionAddress, "resell", resellValue()),
					acctest.ExpectPlanned(subscriptionAddress, "mdr", mdrValue("disabled", false)),
					acctest.ExpectPlanned(subscriptionAddress, "exchange_security", knownvalue.Bool(false)),
				}},
				ConfigStateChecks: append(allOff, env.checkLicense(partner, func(info *client.LicenseInfo) error {
					if on := addOnsSwitchedOn(info); len(on) > 0 {
						return fmt.Errorf("add-ons still on on the server: %v", on)
					}
					return nil
				})),
			},
		},
	})
}

func TestAccMonthlySubscription_implicationsShowInPlan(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	customer := env.newCompany(t, apiCustomer, "customer", "")
	const partnerAddress = "gravityzone_monthly_subscription.partner"
	const customerAddress = "gravityzone_monthly_subscription.customer"
	customerOnMDR := subscriptionBlock("customer", customer, `  mdr = { own_use = "foundations" }`)

	step1 := []struct {
		address, attribute string
		value              knownvalue.Check
	}{
		{partnerAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")},                   // D1
		{partnerAddress, "resell", resellValue("edr", "hyper_detect", "sandbox_analyzer")},                    // D2
		{partnerAddress, "resell_protection_models", stringSetValue("mspSecure", "mspSecurePlus")},            // D4
		{partnerAddress, "resell_product_types", stringSetValue("endpoint_security")},                         // default
		{customerAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")},                  // D3, then D1
		{customerAddress, "mdr", mdrValue("foundations", false)},                                              // a customer does not resell
		{customerAddress, "product_type", knownvalue.StringExact("endpoint_security")},                        // default
		{customerAddress, "integrity_monitoring_retention_days", knownvalue.Int64Exact(defaultRetentionDays)}, // default
	}
	step2 := []struct {
		address, attribute string
		value              knownvalue.Check
	}{
		{partnerAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")},                          // D3, then D1
		{partnerAddress, "mdr", mdrValue("foundations", true)},                                                       // GravityZone's partner MDR reselling
		{partnerAddress, "resell", resellValue()},                                                                    // implied values go when their trigger does
		{partnerAddress, "resell_protection_models", stringSetValue("mspSecure", "mspSecurePlus", "mspSecureExtra")}, // D4
	}
	var plan1, plan2 []plancheck.PlanCheck
	var state1, state2 []statecheck.StateCheck
	for _, c := range step1 {
		plan1 = append(plan1, acctest.ExpectPlanned(c.address, c.attribute, c.value))
		state1 = append(state1, acctest.ExpectState(c.address, c.attribute, c.value))
	}
	for _, c := range step2 {
		plan2 = append(plan2, acctest.ExpectPlanned(c.address, c.attribute, c.value))
		state2 = append(state2, acctest.ExpectState(c.address, c.attribute, c.value))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(partner, customer).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.config(subscriptionBlock("partner", partner, `
  protection_model = "mspSecurePlus"
  own_use          = { edr = true }
  resell           = { edr = true }`) + customerOnMDR),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: plan1},
				ConfigStateChecks: state1,
			},
			{
				Config: env.config(subscriptionBlock("partner", partner, `
  protection_model = "mspSecureExtra"
  mdr              = { own_use = "foundations" }`) + customerOnMDR),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: plan2},
				ConfigStateChecks: state2,
			},
		},
	})
}

func TestAccMonthlySubscription_preconditionsFailAtPlanTime(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	writesBefore := env.writes()
	cases := []struct {
		body    string
		message *regexp.Regexp
	}{
		{`  own_use = { edr = true, hyper_detect = false }`, acctest.ErrorText(
			"Add-on setting conflicts with an implied add-on", "own_use.hyper_detect = false conflicts with own_use.edr = true",
			"Remove own_use.hyper_detect from the configuration", "(rule D5)")},
		{`  resell = { edr = true, sandbox_analyzer = false }`, acctest.ErrorText(
			"resell.sandbox_analyzer = false conflicts with resell.edr = true", "(rule D2)", "Remove resell.sandbox_analyzer", "(rule D5)")},
		{`  mdr = { own_use = "foundations" }
  own_use = { edr = false }`, acctest.ErrorText(
			`own_use.edr = false conflicts with mdr.own_use = "foundations"`, "(rule D3)", "Remove own_use.edr", "(rule D5)")},
		{`  mdr = { own_use = "foundations" }
  own_use = { sandbox_analyzer = false }`, acctest.ErrorText(
			`own_use.sandbox_analyzer = false conflicts with own_use.edr = true (which mdr.own_use = "foundations" turns on)`, "(rule D5)")},
		{`  mdr = { own_use = "foundations", resell = false }`, acctest.ErrorText(
			`mdr.resell = false conflicts with mdr.own_use = "foundations"`, "partner company", "Remove mdr.resell", "(rule D3)")},
		{`  own_use = { xdr_network = true }`, acctest.ErrorText(
			"XDR sensors need EDR", "own_use.xdr_network = true requires own_use.edr = true", "Set own_use.edr = true", "(rule D6)")},
		{`  protection_model = "mspSecure"
  own_use = { container_protection = true }`, acctest.ErrorText(
			"Add-on needs the aLaCarte protection model",
			`own_use.container_protection = true requires protection_model = "aLaCarte" (it is "mspSecure")`,
			`Set protection_model = "aLaCarte"`, "(rule D7)")},
		{`  own_use = { virtualized_environments_security = true }`, acctest.ErrorText(
			`own_use.virtualized_environments_security = true requires protection_model = "aLaCarte" (it is not set`, "(rule D7)")},
		{`  protection_model = "mspSecure"
  resell = { container_protection = true }`, acctest.ErrorText(
			"Reselling needs aLaCarte among the resold protection models",
			`resell.container_protection = true requires "aLaCarte" in resell_protection_models (it is ["mspSecure"])`,
			`Add "aLaCarte" to resell_protection_models`, "(rule D8)")},
		{`  product_type = "edr"
  protection_model = "aLaCarte"`, acctest.ErrorText(
			"Protection model needs Endpoint Security", `protection_model requires product_type = "endpoint_security"`,
			`product_type is "edr"`, "Remove protection_model", "(rule D9)")},
		{`  product_type = "edr"
  resell_product_types = ["endpoint_security"]`, acctest.ErrorText(
			"Incomplete resold product types or protection models", `resell_product_types must contain product_type ("edr")`,
			`Add "edr" to resell_product_types`, "(rule D10)")},
		{`  protection_model = "mspSecureExtra"
  resell_protection_models = ["mspSecure", "mspSecurePlus"]`, acctest.ErrorText(
			`resell_protection_models must contain "mspSecureExtra": protection_model = "mspSecureExtra"`,
			"Add them to resell_protection_models", "(rule D10)")},
		{`  resell_protection_models = ["aLaCarte"]`, acctest.ErrorText(
			"Resold protection models need a protection model", "resell_protection_models requires protection_model",
			"Set protection_model", "(rule D10)")},
		{`  product_type = "edr"
  resell_protection_models = ["mspSecure"]`, acctest.ErrorText(
			`resell_protection_models requires "endpoint_security" in resell_product_types when product_type = "edr"`, "(rule D10)")},
		{`  product_type = "edr"
  resell_product_types = ["edr", "endpoint_security"]
  resell_protection_models = []`, acctest.ErrorText(
			`resell_protection_models must name at least one model while resell_product_types includes "endpoint_security"`, "(rule D10)")},
		{`  protection_model = "aLaCarte"
  new_protection_model_for_clients = "mspSecure"`, acctest.ErrorText(
			"Clients can only move to a resold protection model",
			`new_protection_model_for_clients = "mspSecure" must be one of resell_protection_models, which is ["aLaCarte"]`, "(rule D10)")},
		{`  integrity_monitoring_retention_days = 90`, acctest.ErrorText(
			"Integrity monitoring retention needs integrity monitoring",
			"integrity_monitoring_retention_days = 90 requires integrity_monitoring = true", "Set integrity_monitoring = true", "(rule D11)")},
		{`  auto_renew_period = 6`, acctest.ErrorText(
			"Auto-renewal needs an end date", "auto_renew_period requires end_subscription", "Set end_subscription", "(rule D11)")},
	}
	steps := make([]resource.TestStep, len(cases))
	for i, c := range cases {
		steps[i] = resource.TestStep{Config: env.subscriptionConfig(partner, c.body), PlanOnly: true, ExpectError: c.message}
	}

	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})

	if writes := env.writes(); writes != writesBefore {
		t.Errorf("plan-time errors must not write: %d write requests before, %d after", writesBefore, writes)
	}
}

// An input that is unknown at plan time is checked at apply, before any write.
func TestAccMonthlySubscription_unknownInputsCheckedAtApply(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "terraform_data" "level" {
  input = "foundations"
}
`) + subscriptionBlock("test", partner, `
  own_use = { edr = false }
  mdr     = { own_use = terraform_data.level.output }`),
			ExpectError: acctest.ErrorText(`own_use.edr = false conflicts with mdr.own_use = "foundations"`, "(rule D5)"),
		}},
	})
	if n := env.requests("licensing.setMonthlySubscription"); n != 0 {
		t.Errorf("a configuration that breaks a rule must not be sent; setMonthlySubscription was called %d times", n)
	}
}

func TestAccMonthlySubscription_reservationSetChangedRemoved(t *testing.T) {
	env := newTestEnv(t)
	five, seven := 5, 7
	// The company had a reservation, an end date and a minimum before Terraform managed it.
	customer := env.newCompany(t, apiCustomer, "customer", "", client.LicenseSubscription{
		Type: 3, ReservedSlots: &five, EndSubscription: "2033-01-01", MinimumUsage: &client.MinimumUsage{EndpointMonthlyUsage: seven},
	})
	reservation := func(want *int) acctest.ServerCheck {
		return env.checkLicense(customer, func(info *client.LicenseInfo) error {
			if fmt.Sprint(ptrValue(info.ReservedSlots)) != fmt.Sprint(ptrValue(want)) {
				return fmt.Errorf("reservedSlots = %v on the server, want %v", ptrValue(info.ReservedSlots), ptrValue(want))
			}
			return nil
		})
	}
	ten, twentyFive, forty := 10, 25, 40

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(customer).CheckDestroy,
		Steps: []resource.TestStep{
			{
				// Creating without them removes what the company had, so that the result is what the plan shows.
				Config: env.subscriptionConfig(customer, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(subscriptionAddress, "reserved_slots", knownvalue.Null()),
					acctest.ExpectState(subscriptionAddress, "end_subscription", knownvalue.Null()),
					acctest.ExpectState(subscriptionAddress, "minimum_endpoint_usage", knownvalue.Null()),
					reservation(nil),
					env.checkLicense(customer, func(info *client.LicenseInfo) error {
						if info.EndSubscription != nil || info.MinimumUsage != nil {
							return fmt.Errorf("end date %v and minimum %v should be gone", ptrValue(info.EndSubscription), ptrValue(info.MinimumUsage))
						}
						return nil
					}),
				},
			},
			{
				Config:            env.subscriptionConfig(customer, "  reserved_slots = 10"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(subscriptionAddress, "reserved_slots", knownvalue.Int64Exact(10)), reservation(&ten)},
			},
			{
				Config: env.subscriptionConfig(customer, "  reserved_slots = 25"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
					acctest.ExpectPlanned(subscriptionAddress, "reserved_slots", knownvalue.Int64Exact(25)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{reservation(&twentyFive)},
			},
			{
				Config: env.subscriptionConfig(customer, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectPlanned(subscriptionAddress, "reserved_slots", knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(subscriptionAddress, "reserved_slots", knownvalue.Null()), reservation(nil)},
			},
			{
				// A reservation made outside Terraform shows in the plan and is removed again.
				PreConfig: func() {
					if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{CompanyID: customer, ReservedSlots: &forty}); err != nil {
						t.Fatalf("drifting the reservation: %v", err)
					}
				},
				Config: env.subscriptionConfig(customer, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
					acctest.ExpectPlanned(subscriptionAddress, "reserved_slots", knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{reservation(nil)},
			},
			{
				Config:            env.subscriptionConfig(customer, `  reserved_slots = 10`),
				ConfigStateChecks: []statecheck.StateCheck{reservation(&ten)},
			},
			{
				// A reservation dropped outside Terraform (reported as null) shows in the plan and is restored.
				PreConfig: func() {
					if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{CompanyID: customer, RemoveReservedSlots: true}); err != nil {
						t.Fatalf("dropping the reservation: %v", err)
					}
				},
				Config: env.subscriptionConfig(customer, `  reserved_slots = 10`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
					acctest.ExpectPlanned(subscriptionAddress, "reserved_slots", knownvalue.Int64Exact(10)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{reservation(&ten)},
			},
		},
	})
}

func TestAccMonthlySubscription_endDateSetThenCleared(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	endDate := func(want string, renew int) acctest.ServerCheck {
		return env.checkLicense(partner, func(info *client.LicenseInfo) error {
			if fmt.Sprint(ptrValue(info.EndSubscription)) != want || (want != "<nil>" && fmt.Sprint(ptrValue(info.AutoRenewPeriod)) != fmt.Sprint(renew)) {
				return fmt.Errorf("endSubscription %v, autoRenewPeriod %v on the server; want %s, %d",
					ptrValue(info.EndSubscription), ptrValue(info.AutoRenewPeriod), want, renew)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(partner).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: env.subscriptionConfig(partner, `  end_subscription = "2032-06-30"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectPlanned(subscriptionAddress, "auto_renew_period", knownvalue.Int64Exact(defaultAutoRenewMonths)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(subscriptionAddress, "end_subscription", knownvalue.StringExact("2032-06-30")),
					acctest.ExpectState(subscriptionAddress, "auto_renew_period", knownvalue.Int64Exact(defaultAutoRenewMonths)),
					endDate("2032-06-30", defaultAutoRenewMonths),
				},
			},
			{
				Config: env.subscriptionConfig(partner, `
  end_subscription       = "2032-06-30"
  auto_renew_period      = 0
  minimum_endpoint_usage = 20`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(subscriptionAddress, "auto_renew_period", knownvalue.Int64Exact(0)),
					acctest.ExpectState(subscriptionAddress, "minimum_endpoint_usage", knownvalue.Int64Exact(20)),
					endDate("2032-06-30", 0),
				},
			},
			{
				// Destroy must drop this reservation (CheckDestroy).
				Config: env.subscriptionConfig(partner, "  reserved_slots = 3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectPlanned(subscriptionAddress, "end_subscription", knownvalue.Null()),
					acctest.ExpectPlanned(subscriptionAddress, "auto_renew_period", knownvalue.Null()),
					acctest.ExpectPlanned(subscriptionAddress, "minimum_endpoint_usage", knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{endDate("<nil>", 0), env.checkLicense(partner, func(info *client.LicenseInfo) error {
					if info.MinimumUsage != nil {
						return fmt.Errorf("the committed minimum should be gone, is %+v", *info.MinimumUsage)
					}
					return nil
				})},
			},
		},
	})
}

func TestAccMonthlySubscription_protectionModelChangeMovesClients(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	client1 := env.newCompany(t, apiCustomer, "client", partner)
	resold := func(models string, extra string) string {
		return fmt.Sprintf("  protection_model = \"aLaCarte\"\n  resell_protection_models = [%s]\n%s", models, extra)
	}
	clientModel := func(want string) acctest.ServerCheck {
		return env.checkLicense(client1, func(info *client.LicenseInfo) error {
			if got := ptrValue(info.AssignedProtectionModel); got != want {
				return fmt.Errorf("the client's protection model is %v, want %s", got, want)
			}
			return nil
		})
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(partner).CheckDestroy,
		Steps: []resource.TestStep{
			{Config: env.subscriptionConfig(partner, resold(`"aLaCarte", "mspSecure", "mspSecurePlus"`, ""))},
			{
				// The client starts using mspSecure; dropping mspSecurePlus, which nobody uses, needs no replacement.
				PreConfig: func() {
					es := 0
					if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{
						CompanyID: client1, AssignedProductType: &es, AssignedProtectionModel: "mspSecure",
					}); err != nil {
						t.Fatalf("putting the client on mspSecure: %v", err)
					}
				},
				Config:            env.subscriptionConfig(partner, resold(`"aLaCarte", "mspSecure"`, "")),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(subscriptionAddress, "resell_protection_models", stringSetValue("aLaCarte", "mspSecure")), clientModel("mspSecure")},
			},
			{
				// Dropping the model the client uses needs a model to move it to: GravityZone says so.
				Config:      env.subscriptionConfig(partner, resold(`"aLaCarte"`, "")),
				ExpectError: acctest.ErrorText(fmt.Sprintf("Cannot set the monthly subscription of company %q", partner), "setNewProtectionModelForClients"),
			},
			{
				Config: env.subscriptionConfig(partner, resold(`"aLaCarte"`, `  new_protection_model_for_clients = "aLaCarte"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(subscriptionAddress, "resell_protection_models", stringSetValue("aLaCarte")),
					acctest.ExpectState(subscriptionAddress, "new_protection_model_for_clients", knownvalue.StringExact("aLaCarte")),
					clientModel("aLaCarte"),
				},
			},
		},
	})
}

// A partner's reselling, with the Bitdefender EDR product for itself and Endpoint Security models
// for its clients, and a client using what the partner resells.
func TestAccMonthlySubscription_partnerResellSettings(t *testing.T) {
	env := newTestEnv(t)
	partner := env.newCompany(t, apiPartner, "partner", "")
	customer := env.newCompany(t, apiCustomer, "client", partner)
	const partnerAddress = "gravityzone_monthly_subscription.partner"
	config := env.config(subscriptionBlock("partner", partner, `
  product_type             = "edr"
  resell_product_types     = ["edr", "endpoint_security"]
  resell_protection_models = ["aLaCarte", "mspSecure"]
  resell                   = { edr = true, xdr = true, container_protection = true }
  mdr                      = { resell = true }`) + subscriptionBlock("client", customer, `
  protection_model = "mspSecure"
  own_use          = { edr = true, xdr_identity_providers = true }
  depends_on       = [gravityzone_monthly_subscription.partner]`))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(partner, customer).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(partnerAddress, "protection_model", knownvalue.Null()),
					acctest.ExpectState(partnerAddress, "resell_product_types", stringSetValue("edr", "endpoint_security")),
					acctest.ExpectState(partnerAddress, "resell_protection_models", stringSetValue("aLaCarte", "mspSecure")),
					acctest.ExpectState(partnerAddress, "resell", resellValue("edr", "hyper_detect", "sandbox_analyzer", "xdr", "container_protection")),
					acctest.ExpectState(partnerAddress, "mdr", mdrValue("disabled", true)),
					acctest.ExpectState("gravityzone_monthly_subscription.client", "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer", "xdr_identity_providers")),
					env.checkLicense(partner, func(info *client.LicenseInfo) error {
						if ptrValue(info.AssignedProductType) != 3 || fmt.Sprint(info.AdditionalProductTypes) != "[0 3]" ||
							fmt.Sprint(info.AdditionalProtectionModels) != "[aLaCarte mspSecure]" {
							return fmt.Errorf("server has product %v, resold products %v, resold models %v",
								ptrValue(info.AssignedProductType), info.AdditionalProductTypes, info.AdditionalProtectionModels)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      partnerAddress,
				ImportState:       true,
				ImportStateId:     partner,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccMonthlySubscription_driftShowsInPlan(t *testing.T) {
	env := newTestEnv(t)
	customer := env.newCompany(t, apiCustomer, "customer", "")
	config := env.subscriptionConfig(customer, `
  exchange_security = true
  own_use           = { edr = true }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             env.subscriptionsReleased(customer).CheckDestroy,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// Someone swaps add-ons in the console; the unchanged configuration now plans them back.
				PreConfig: func() {
					if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{
						CompanyID: customer, ManageEncryption: true, OwnUse: &client.OwnUse{ManageXDRNetwork: false},
					}); err != nil {
						t.Fatalf("drifting the add-ons: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
					acctest.ExpectPlanned(subscriptionAddress, "full_disk_encryption", knownvalue.Bool(false)),
					acctest.ExpectPlanned(subscriptionAddress, "exchange_security", knownvalue.Bool(true)),
					acctest.ExpectPlanned(subscriptionAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{env.checkLicense(customer, func(info *client.LicenseInfo) error {
					if on := fmt.Sprint(addOnsSwitchedOn(info)); on != "[exchange_security own_use.edr own_use.hyper_detect own_use.sandbox_analyzer]" {
						return fmt.Errorf("after apply the server has %s on", on)
					}
					return nil
				})},
			},
		},
	})
}

func TestAccMonthlySubscription_companyGoneIsRemovedFromState(t *testing.T) {
	env := newTestEnv(t)
	customer := env.newCompany(t, apiCustomer, "customer", "")
	config := env.subscriptionConfig(customer, "  patch_management = true")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := env.api.DeleteCompany(context.Background(), customer); err != nil {
						t.Fatalf("deleting the company behind Terraform's back: %v", err)
					}
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// reportSubscriptionType answers getLicenseInfo as the simulator does but with the subscriptionType
// that reported holds, when it is not zero: a licence changed in the console, which the API
// cannot do.
func reportSubscriptionType(simulator http.Handler, reported *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var call struct {
			Method string `json:"method"`
		}
		if decodeJSONRPC(r, &call) != nil || call.Method != "getLicenseInfo" || reported.Load() == 0 {
			simulator.ServeHTTP(w, r)
			return
		}
		answer := httptest.NewRecorder()
		simulator.ServeHTTP(answer, r)
		var envelope map[string]any
		if err := json.Unmarshal(answer.Body.Bytes(), &envelope); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if result, ok := envelope["result"].(map[string]any); ok {
			result["subscriptionType"] = reported.Load()
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(envelope)
	})
}

// TestAccMonthlySubscription_companyOffMonthlySubscriptionIsRemovedFromState reads a company that
// is on another licence now: the subscription leaves the state with a warning naming the licence,
// and the plan subscribes the company again.
func TestAccMonthlySubscription_companyOffMonthlySubscriptionIsRemovedFromState(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	customer := env.newCompany(t, apiCustomer, "customer", "")
	var reported atomic.Int64
	env.serveBehind(t, func(simulator http.Handler) http.Handler { return reportSubscriptionType(simulator, &reported) })
	cli := acctest.NewCLI(t, testProvider, env.subscriptionConfig(customer, "  patch_management = true"))
	cli.Must(cli.Apply())

	for _, licence := range []struct {
		apiType int64
		named   string
	}{{2, "a license licence"}, {99, "a type 99 licence"}} {
		reported.Store(licence.apiType)
		changes, out, err := cli.Plan()
		if err != nil || !changes {
			t.Errorf("subscription type %d: the plan changes nothing (error: %v):\n%s", licence.apiType, err, out)
		}
		acctest.ExpectOutput(t, "plan", out, "Company is no longer on a monthly subscription",
			fmt.Sprintf("Company %q now has %s, so its monthly subscription is removed from the Terraform state", customer, licence.named))
		acctest.ExpectOutput(t, "plan", out, subscriptionAddress+" will be created")
	}

	reported.Store(0)
	cli.Must(cli.Destroy())
	if err := env.subscriptionsReleased(customer)(); err != nil {
		t.Error(err)
	}
}
