package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// The plan tells the whole truth about what a company is billed for: the company's cases. Each
// test shows the case failing before its repair and the plan after the repair being empty.

// TestAccCompany_contactPersonNotManagedWhenLeftOut: a contact person added in the console, or
// present on an imported company, is not managed while the configuration leaves it out.
func TestAccCompany_contactPersonNotManagedWhenLeftOut(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "customer")
	var id string
	config := env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name))
	withContact := uniqueName(t, "with-contact")
	withContactID := env.createCompany(t, client.CreateCompanyParams{Type: apiCustomer, Name: withContact,
		ContactPerson: &client.ContactPerson{FullName: "Ann Example", Email: "ann@example.com"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState(testCompany, "id", acctest.Capture(&id))},
			},
			{
				PreConfig: func() {
					if err := env.api.UpdateCompanyDetails(context.Background(), client.UpdateCompanyParams{ID: id,
						ContactPerson: &client.ContactPerson{FullName: "Bob Example", Email: "bob@example.com"}}); err != nil {
						t.Fatalf("adding a contact person in the console: %v", err)
					}
				},
				Config:   config,
				PlanOnly: true,
			},
			{
				Config: config + fmt.Sprintf(`
import {
  to = gravityzone_company.imported
  id = %q
}

resource "gravityzone_company" "imported" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, withContactID, withContact),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState("gravityzone_company.imported", "contact_person",
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("ann@example.com")}))},
			},
		},
	})
}

// TestAccCompany_recursiveSuspensionNeedsNoReactivation: a partner suspended with
// suspend_recursively suspends its children, and the children, which leave suspended out, are
// not proposed for activation.
func TestAccCompany_recursiveSuspensionNeedsNoReactivation(t *testing.T) {
	env := newTestEnv(t)
	partner, customer := uniqueName(t, "partner"), uniqueName(t, "customer")
	var customerID string
	config := func(partnerSuspended string) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "partner" {
  name                = %q
  type                = "partner"
  suspend_recursively = true
  deletion_protection = false
%s
}

resource "gravityzone_company" "customer" {
  name                = %q
  type                = "customer"
  parent_id           = gravityzone_company.partner.id
  deletion_protection = false
}
`, partner, partnerSuspended, customer))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectPlanned("gravityzone_company.customer", "suspended", knownvalue.Bool(false)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectState("gravityzone_company.customer", "id", acctest.Capture(&customerID))},
			},
			{
				Config: config("  suspended           = true"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ServerCheck(func() error {
					company, err := env.company(customerID)
					if err != nil || company.IsSuspended == nil || !*company.IsSuspended {
						return fmt.Errorf("the customer is %+v (err %w), want it suspended with its partner", company, err)
					}
					return nil
				})},
			},
		},
	})
}

// TestAccCompany_movedToAnotherPartner: a company moved to another partner in the console is
// said to be moved, with what to write; writing it changes nothing in GravityZone.
func TestAccCompany_movedToAnotherPartner(t *testing.T) {
	t.Parallel()
	statePath := filepath.Join(t.TempDir(), "simulator.json")
	keepState := func(o *simulator.Options) { o.StatePath = statePath }
	before := newTestEnv(t, keepState)
	oldPartner := before.newCompany(t, apiPartner, "old-partner", "")
	newPartner := before.newCompany(t, apiPartner, "new-partner", "")
	name := uniqueName(t, "customer")
	config := func(env *testEnv, parentID string) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name      = %q
  type      = "customer"
  parent_id = %q
}
`, name, parentID))
	}
	cli := acctest.NewCLI(t, testProvider, config(before, oldPartner))
	cli.Must(cli.Apply())
	ids, err := before.companiesNamed(name)
	if err != nil || len(ids) != 1 {
		t.Fatalf("finding the created company: %v %v", ids, err)
	}

	// The console moves it: a simulator started from the same state, with the company elsewhere.
	moveInStateFile(t, statePath, ids[0], newPartner)
	after := newTestEnv(t, keepState)
	cli.WriteConfig(config(after, oldPartner))
	_, out, err := cli.Plan()
	t.Logf("plan after the move:\n%s", out)
	if err == nil {
		t.Fatalf("the plan succeeded; want it to say that the company was moved:\n%s", out)
	}
	acctest.ExpectOutput(t, "plan", out, fmt.Sprintf("Company %q was moved to another partner", name),
		fmt.Sprintf("now has it under the partner with id %s", newPartner), fmt.Sprintf("its former partner, %s", oldPartner),
		fmt.Sprintf("write parent_id = %q", newPartner))
	if strings.Contains(out, "-replace") {
		t.Errorf("the advice for a moved company offers -replace, which deletes the tenant:\n%s", out)
	}

	cli.WriteConfig(config(after, newPartner))
	cli.Must(cli.Apply())
	expectEmptyPlan(t, cli)
	if n := after.writes(); n != 0 {
		t.Errorf("accepting the move sent %d write requests, want none", n)
	}
}

// moveInStateFile moves a company to another parent in a stopped simulator's state file.
func moveInStateFile(t *testing.T, path, companyID, parentID string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(data, &state); err != nil {
		t.Fatal(err)
	}
	company, ok := state["companies"].(map[string]any)[companyID].(map[string]any)
	if !ok {
		t.Fatalf("company %s is not in the state file", companyID)
	}
	company["parentId"] = parentID
	if data, err = json.Marshal(state); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAccCompany_nameTakenGivesImportBlock: a company deleted and re-created with the same name in
// the console cannot be created again; the error gives the import block that adopts it.
func TestAccCompany_nameTakenGivesImportBlock(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	name := uniqueName(t, "customer")
	company := fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
}
`, name)
	cli := acctest.NewCLI(t, testProvider, env.config(company))
	cli.Must(cli.Apply())
	ids, err := env.companiesNamed(name)
	if err != nil || len(ids) != 1 {
		t.Fatalf("finding the created company: %v %v", ids, err)
	}
	if err := env.api.DeleteCompany(context.Background(), ids[0]); err != nil {
		t.Fatal(err)
	}
	recreated := env.createCompany(t, client.CreateCompanyParams{Type: apiCustomer, Name: name})

	out, err := cli.Apply()
	t.Logf("apply after the company was re-created in the console:\n%s", out)
	if err == nil {
		t.Fatalf("the apply succeeded; want the name to be taken:\n%s", out)
	}
	acctest.ExpectOutput(t, "apply", out, fmt.Sprintf("Company name %q is taken", name), "import {",
		fmt.Sprintf("id = %q", recreated))

	cli.WriteConfig(env.config(company + fmt.Sprintf(`
import {
  to = gravityzone_company.test
  id = %q
}
`, recreated)))
	cli.Must(cli.Apply())
	expectEmptyPlan(t, cli)
}

// TestAccCompany_industryOutsideTheListRefusedAtPlan: an industry code that is not in GravityZone's
// list is refused at plan.
func TestAccCompany_industryOutsideTheListRefusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name     = %q
  type     = "customer"
  industry = 2813
}
`, uniqueName(t, "customer"))),
			PlanOnly:    true,
			ExpectError: acctest.ErrorText("Unknown industry code", "value 2813 is not one of GravityZone's industry codes", "2812, 2814"),
		}},
	})
}

// TestAccCompany_refusalAdviceDoesNotSuggestRetrying: a refusal that a retry cannot change (a
// partner that still manages a company) says so, rather than "If this persists".
func TestAccCompany_refusalAdviceDoesNotSuggestRetrying(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	name := uniqueName(t, "partner")
	cli := acctest.NewCLI(t, testProvider, env.config(fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "partner"
  deletion_protection = false
}
`, name)))
	cli.Must(cli.Apply())
	ids, err := env.companiesNamed(name)
	if err != nil || len(ids) != 1 {
		t.Fatalf("finding the created partner: %v %v", ids, err)
	}
	child := env.newCompany(t, apiCustomer, "child", ids[0])

	out, err := cli.Destroy()
	t.Logf("destroy of a partner that manages a company:\n%s", out)
	if err == nil {
		t.Fatalf("the destroy succeeded; want GravityZone to refuse it:\n%s", out)
	}
	acctest.ExpectOutput(t, "destroy", out, "still manages 1 companies", "GravityZone refused the request",
		"Sending it again gets the same answer")
	if strings.Contains(out, "If this persists") {
		t.Errorf("the refusal suggests that retrying may help:\n%s", out)
	}

	if err := env.api.DeleteCompany(context.Background(), child); err != nil {
		t.Fatal(err)
	}
	cli.Must(cli.Destroy())
	expectEmptyPlan(t, cli, tfexec.Destroy(true))
}

// TestAccCompany_replaceAdviceNamesNoOtherAddress: the -replace advice points at this resource's
// address as Terraform shows it, not at an example address.
func TestAccCompany_replaceAdviceNamesNoOtherAddress(t *testing.T) {
	env := newTestEnv(t)
	first, second := env.newCompany(t, apiPartner, "first", ""), env.newCompany(t, apiPartner, "second", "")
	name := uniqueName(t, "customer")
	config := func(parentID, protection string) string {
		return env.config(fmt.Sprintf(`
resource "gravityzone_company" "customer" {
  name                = %q
  type                = "customer"
  parent_id           = %q
  deletion_protection = %s
}
`, name, parentID, protection))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(first, "true")},
			{
				Config:   config(second, "true"),
				PlanOnly: true,
				ExpectError: acctest.ErrorText("Cannot change parent_id", "`terraform apply -replace=` followed by this resource's address",
					`(the one Terraform shows above, after "with")`),
			},
			{Config: config(first, "false")},
		},
	})
}
