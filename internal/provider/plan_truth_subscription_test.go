package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// The plan tells the whole truth about what a company is billed for: the monthly subscription's
// cases. Each test shows the case failing before its repair and the plan after the repair being
// empty (the testing framework plans again after every apply).

// billedSettings are subscription settings that GravityZone reports only while they are set.
const billedSettings = `  minimum_endpoint_usage = 10
  end_subscription       = "2031-06-30"
  auto_renew_period      = 6`

// TestAccSubscription_consoleRemovalShowsAsDrift: removing the end date (and with it the
// auto-renewal) and the committed minimum in the console shows in the next plan, which puts them
// back. (A removed reservation, which GravityZone reports as null, already showed.)
func TestAccSubscription_consoleRemovalShowsAsDrift(t *testing.T) {
	for _, shape := range []simulator.LicenseInfoUnset{simulator.LicenseInfoOmit, simulator.LicenseInfoNull} {
		t.Run(string(shape), func(t *testing.T) {
			testConsoleRemovalShowsAsDrift(t, newTestEnv(t, func(o *simulator.Options) { o.LicenseInfoUnset = shape }))
		})
	}
}

// testConsoleRemovalShowsAsDrift is TestAccSubscription_consoleRemovalShowsAsDrift against one
// shape of getLicenseInfo's unset settings.
func testConsoleRemovalShowsAsDrift(t *testing.T, env *testEnv) {
	companyID := env.newCompany(t, apiCustomer, "customer", "")
	removeInConsole := func() {
		none := ""
		if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{
			CompanyID: companyID, EndSubscription: &none, MinimumUsage: &client.MinimumUsage{},
		}); err != nil {
			t.Fatalf("removing the billed settings behind Terraform's back: %v", err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.subscriptionConfig(companyID, billedSettings)},
			{
				PreConfig: removeInConsole,
				Config:    env.subscriptionConfig(companyID, billedSettings),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subscriptionAddress, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(subscriptionAddress, "end_subscription", knownvalue.StringExact("2031-06-30")),
					acctest.ExpectState(subscriptionAddress, "auto_renew_period", knownvalue.Int64Exact(6)),
					acctest.ExpectState(subscriptionAddress, "minimum_endpoint_usage", knownvalue.Int64Exact(10)),
				},
			},
		},
	})
}

// TestAccSubscription_destroyRemovesCommittedMinimum: the committed minimum is billed, so destroying
// the subscription removes it with the add-ons and the reservation.
func TestAccSubscription_destroyRemovesCommittedMinimum(t *testing.T) {
	env := newTestEnv(t)
	companyID := env.newCompany(t, apiCustomer, "customer", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.subscriptionConfig(companyID, billedSettings+"\n  reserved_slots = 5")},
			{
				Config: env.providerConfig(),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ServerCheck(func() error {
					info, err := env.api.GetLicenseInfo(context.Background(), companyID)
					switch {
					case err != nil:
						return err
					case info.MinimumUsage != nil:
						return fmt.Errorf("after destroy the company still commits to %d endpoints a month", info.MinimumUsage.EndpointMonthlyUsage)
					case info.ReservedSlots != nil:
						return fmt.Errorf("after destroy the company still reserves %d seats", *info.ReservedSlots)
					}
					return nil
				})},
			},
		},
	})
}

// TestAccSubscription_plansWarnWhatTheyRemoveAndKeep: the plan that creates a subscription on a
// company that already has a reservation, an end date and a committed minimum names each as
// removed; the plan that destroys it names what stays.
func TestAccSubscription_plansWarnWhatTheyRemoveAndKeep(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	companyID := env.newCompany(t, apiCustomer, "customer", "")
	end, renew, minimum, seats := "2031-06-30", 6, 10, 5
	if err := env.api.SetMonthlySubscription(context.Background(), client.MonthlySubscriptionParams{
		CompanyID: companyID, EndSubscription: &end, AutoRenewPeriod: &renew,
		MinimumUsage: &client.MinimumUsage{EndpointMonthlyUsage: minimum}, ReservedSlots: &seats,
	}); err != nil {
		t.Fatalf("subscribing the company in the console: %v", err)
	}
	cli := acctest.NewCLI(t, testProvider, env.subscriptionConfig(companyID, `  protection_model = "mspSecure"`))

	_, out, err := cli.Plan()
	cli.Must(out, err)
	t.Logf("plan that creates the subscription:\n%s", out)
	acctest.ExpectOutput(t, "plan", out, "Creating this subscription removes settings of company",
		"reserved_slots: its reservation of 5 seats", "end_subscription: its end date 2031-06-30 and its auto-renewal of 6 months",
		"minimum_endpoint_usage: its committed minimum of 10 endpoints a month")
	cli.Must(cli.Apply())
	expectEmptyPlan(t, cli)

	cli.WriteConfig(env.providerConfig())
	_, out, err = cli.Plan()
	cli.Must(out, err)
	t.Logf("plan that destroys the subscription:\n%s", out)
	acctest.ExpectOutput(t, "plan", out, "leaves it on a monthly subscription", "removes the seat reservation and the committed minimum",
		"the monthly subscription itself", "product_type endpoint_security", "protection_model mspSecure",
		"resell_protection_models mspSecure", "To stop billing for the company altogether, delete the company")
	cli.Must(cli.Apply())
	expectEmptyPlan(t, cli)
}

// expectEmptyPlan fails the test unless a plan of the CLI's configuration (or, with
// tfexec.Destroy(true), a plan to destroy it) proposes nothing.
func expectEmptyPlan(t *testing.T, cli *acctest.CLI, opts ...tfexec.PlanOption) {
	t.Helper()
	if changes, out, err := cli.Plan(opts...); changes || err != nil {
		t.Errorf("the plan after the repair is not empty (error: %v):\n%s", err, out)
	}
}

// TestAccSubscription_customerCannotResell: reselling settings on a customer are refused before
// any write, naming the Terraform attributes: at plan when the company exists, at apply (before
// the request) when it is created in the same run.
func TestAccSubscription_customerCannotResell(t *testing.T) {
	env := newTestEnv(t)
	customerID := env.newCompany(t, apiCustomer, "customer", "")
	name := uniqueName(t, "new-customer")
	reselling := `  resell = { edr = true }
  mdr    = { resell = true }`
	customerBlock := fmt.Sprintf(`
resource "gravityzone_company" "customer" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)
	newCustomer := customerBlock + strings.Replace(subscriptionBlock("test", "PLACEHOLDER", reselling),
		`"PLACEHOLDER"`, "gravityzone_company.customer.id", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.subscriptionConfig(customerID, reselling),
				PlanOnly:    true,
				ExpectError: acctest.ErrorText("A customer company cannot resell", "refuses resell.edr, mdr.resell for it", "Nothing was sent"),
			},
			{
				Config: env.config(newCustomer),
				ExpectError: acctest.ErrorText("A customer company cannot resell", "refuses resell.edr, mdr.resell for it",
					"Nothing was sent"),
			},
			{
				Config: env.config(customerBlock),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ServerCheck(func() error {
					if n := env.requests("licensing.setMonthlySubscription"); n != 0 {
						return fmt.Errorf("%d setMonthlySubscription requests reached GravityZone, want none", n)
					}
					return nil
				})},
			},
		},
	})
}

// TestAccSubscription_importByIDAndName: a subscription imports by company id and by
// name=<exact name>; a company still on a trial says it has no monthly subscription.
func TestAccSubscription_importByIDAndName(t *testing.T) {
	env := newTestEnv(t)
	subscribed := uniqueName(t, "subscribed")
	subscribedID := env.createCompany(t, client.CreateCompanyParams{Type: apiCustomer, Name: subscribed})
	trialID := env.newCompany(t, apiCustomer, "trial", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.subscriptionConfig(subscribedID, "")},
			{
				ResourceName: subscriptionAddress, ImportState: true, ImportStateVerify: true,
				ImportStateId: subscribedID,
			},
			{
				ResourceName: subscriptionAddress, ImportState: true, ImportStateVerify: true,
				ImportStateId: "name=" + subscribed,
			},
			{
				Config:       env.subscriptionConfig(trialID, ""),
				ResourceName: subscriptionAddress, ImportState: true, ImportStateId: trialID,
				ExpectError: acctest.ErrorText("The company has no monthly subscription",
					fmt.Sprintf("Company %s is on a trial licence, not on a monthly subscription", trialID)),
			},
		},
	})
}

// TestAccSubscription_refusedAtPlan: an end date in the past and the API key's own company are
// refused at plan, before any write.
func TestAccSubscription_refusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	companyID := env.newCompany(t, apiCustomer, "customer", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.subscriptionConfig(companyID, `  end_subscription = "2020-01-31"`),
				PlanOnly:    true,
				ExpectError: acctest.ErrorText("End date in the past", "end_subscription 2020-01-31 is in the past"),
			},
			{
				Config:   env.subscriptionConfig(env.sim.RootCompanyID(), ""),
				PlanOnly: true,
				ExpectError: acctest.ErrorText("The API key's own company cannot be subscribed",
					fmt.Sprintf("company_id %s is the API key's own company", env.sim.RootCompanyID())),
			},
		},
	})
}
