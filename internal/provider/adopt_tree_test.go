package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// requireTerraform skips a CLI test when the terraform it would run is older than minimum, the
// first version with the feature under test; call it before acctest.NewCLI, whose init would
// already fail on configuration an older version does not know. Each caller names its sibling
// that runs with every version.
func requireTerraform(t *testing.T, minimum string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		return // acctest.NewCLI skips
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	out, err := exec.CommandContext(t.Context(), acctest.Binary(t), "version", "-json").Output()
	if err == nil {
		err = json.Unmarshal(out, &v)
	}
	if err != nil {
		t.Fatalf("reading terraform's version: %v", err)
	}
	if version.Must(version.NewVersion(v.Version)).LessThan(version.Must(version.NewVersion(minimum))) {
		t.Skipf("needs Terraform %s or later; the terraform under test is %s", minimum, v.Version)
	}
}

// adoptionConfig is the guide's first flow: the data source lists the tree, import blocks with
// for_each adopt every company and every customer's monthly subscription.
const adoptionConfig = `
data "gravityzone_companies" "tree" {
  recursive = true
}

locals {
  companies = { for c in data.gravityzone_companies.tree.companies : c.name => c }
  customers = { for c in data.gravityzone_companies.tree.companies : c.name => c if c.type == "customer" && c.parent_id != null }
}

import {
  for_each = local.companies
  to       = gravityzone_company.tree[each.key]
  id       = each.value.id
}

resource "gravityzone_company" "tree" {
  for_each  = local.companies
  name      = each.key
  type      = each.value.type
  parent_id = each.value.parent_id
}

import {
  for_each = local.customers
  to       = gravityzone_monthly_subscription.customer[each.key]
  id       = each.value.id
}

resource "gravityzone_monthly_subscription" "customer" {
  for_each   = local.customers
  company_id = each.value.id
}
`

// With Terraform 1.7 and later. The RPCs of the import run with every Terraform version in
// TestImportByIdentityAndReadIt, the data source in TestAccCompaniesDataSource.
func TestAccAdoptCompanyTreeWithForEach(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 3)
	requireTerraform(t, "1.7.0")
	cli := acctest.NewCLI(t, testProvider, env.config(adoptionConfig))
	importsOnly(t, env, cli, len(tree.names)+2*3) // every company, and the subscriptions of the 6 customers
}

// importsOnly applies the configuration in cli and checks that it imports imports objects and
// does nothing else, neither in Terraform nor in GravityZone, and that the next plan is empty.
func importsOnly(t *testing.T, env *testEnv, cli *acctest.CLI, imports int) {
	t.Helper()
	writesBefore := env.writes()
	out := cli.Must(cli.Apply())
	if want := fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", imports); !strings.Contains(out, want) {
		t.Errorf("the apply did not say %q:\n%s", want, out)
	}
	if writes := env.writes() - writesBefore; writes != 0 {
		t.Errorf("the import made %d writes, want none", writes)
	}
	if changes, out, err := cli.Plan(); err != nil || changes {
		t.Errorf("the plan after the import is not empty (%v):\n%s", err, out)
	}
}

// With Terraform 1.14 and later: terraform query lists the tree, -generate-config-out writes the
// configuration with its import blocks, and that configuration imports with an empty plan. The
// same RPCs run with every Terraform version in TestListCompaniesRecursivelyWithTheirResources
// and TestListMonthlySubscriptions.
func TestAccQueryCompanyTree(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 3)
	requireTerraform(t, "1.14.0")
	cli := acctest.NewCLI(t, testProvider, env.providerConfig())
	query := `
list "gravityzone_company" "tree" {
  provider         = gravityzone
  include_resource = true
  config {
    recursive = true
  }
}

list "gravityzone_monthly_subscription" "tree" {
  provider         = gravityzone
  include_resource = true
  config {
    recursive = true
  }
}
`
	if err := os.WriteFile(filepath.Join(cli.Dir(), "tree.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}

	found, out, err := cli.Query()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	listed := map[string][]string{}
	for _, result := range found {
		listed[result.ResourceType] = append(listed[result.ResourceType], result.DisplayName)
		t.Logf("%s  %v  %s", result.Address, result.Identity, result.DisplayName)
	}
	if got := len(listed["gravityzone_company"]); got != len(tree.names) {
		t.Errorf("terraform query listed %d companies, want %d: %v", got, len(tree.names), listed)
	}
	if got := len(listed["gravityzone_monthly_subscription"]); got != 2*3 {
		t.Errorf("terraform query listed %d subscriptions, want 6: %v", got, listed)
	}

	if _, out, err := cli.Query(tfexec.GenerateConfigOut("generated.tf")); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	generated, err := os.ReadFile(filepath.Join(cli.Dir(), "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated.tf (%d bytes), first lines:\n%s", len(generated), firstLines(string(generated), 40))
	importsOnly(t, env, cli, len(tree.names)+2*3)
}

func firstLines(text string, n int) string {
	lines := strings.SplitN(text, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// The billing example, as a user runs it: last month's usage of every customer of a partner, and
// the totals, against what the simulator was fed.
func TestAccBillingExample(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 1, 3)
	partner := tree.partners[0]
	now := time.Now().UTC()
	lastMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	fed := []map[string]float64{
		{"endpointMonthlyUsage": 40, "mspSecureMonthlyUsage": 40, "edrMonthlyUsage": 12},
		{"endpointMonthlyUsage": 7, "patchManagementMonthlyUsage": 7},
		{"endpointMonthlyUsage": 105, "edrMonthlyUsage": 100, "emailSecurityMonthlyUsage": 30},
	}
	for i, customer := range tree.customers[partner] {
		if err := env.sim.SetUsage(customer, lastMonth.Format("01/2006"), 0, fed[i]); err != nil {
			t.Fatal(err)
		}
		// This month's usage must not be counted.
		if err := env.sim.SetUsage(customer, now.Format("01/2006"), 0, map[string]float64{"endpointMonthlyUsage": 1000}); err != nil {
			t.Fatal(err)
		}
	}

	cli := acctest.NewCLI(t, testProvider, "")
	for _, file := range []string{"main.tf", "outputs.tf"} {
		example, err := os.ReadFile(filepath.Join("..", "..", "examples", "billing", file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cli.Dir(), file), example, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The provider is served from this process, so it reads this process's environment.
	t.Setenv(EnvAPIURL, env.url)
	t.Setenv(EnvAPIKey, env.sim.APIKey())
	t.Setenv(EnvRateLimitMultiplier, fmt.Sprint(testRateMultiplier))
	out := cli.Must(cli.Apply(tfexec.Var("partner_id=" + partner)))

	var state struct {
		Outputs struct {
			Month  struct{ Value string }             `json:"month"`
			Totals struct{ Value map[string]float64 } `json:"totals"`
		} `json:"outputs"`
	}
	stateJSON, err := os.ReadFile(filepath.Join(cli.Dir(), "terraform.tfstate"))
	if err == nil {
		err = json.Unmarshal(stateJSON, &state)
	}
	if err != nil {
		t.Fatal(err)
	}
	outputs := state.Outputs
	if outputs.Month.Value != lastMonth.Format("2006-01") {
		t.Errorf("billed month %q, want last month %s", outputs.Month.Value, lastMonth.Format("2006-01"))
	}
	want := map[string]float64{"endpoints": 152, "msp_secure": 40, "edr": 112, "patch_management": 7, "email_security": 30}
	if !maps.Equal(outputs.Totals.Value, want) {
		t.Errorf("totals %v, want %v (what the simulator was fed)", outputs.Totals.Value, want)
	}
	for _, customer := range tree.customers[partner] {
		if !strings.Contains(out, tree.names[customer]) {
			t.Errorf("the table has no line for %s", tree.names[customer])
		}
	}
}
