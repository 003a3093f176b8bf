package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// listedCompanies is the check of a `companies` list: these ids in this order.
func listedCompanies(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
	}
	return knownvalue.ListExact(checks)
}

func TestAccCompaniesDataSource(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 2)
	partner2 := tree.partners[1]
	customersOf2 := tree.customers[partner2]
	var callsBefore int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { callsBefore = env.requests("network.getCompaniesList") },
			Config: env.config(fmt.Sprintf(`
data "gravityzone_companies" "tree" {
  recursive = true
}

data "gravityzone_companies" "children" {}

data "gravityzone_companies" "customers_of_partner_2" {
  parent_id = %q
  type      = "customer"
}
`, partner2)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gravityzone_companies.tree", tfjsonpath.New("companies"), listedCompanies(tree.depthFirst()...)),
				statecheck.ExpectKnownValue("data.gravityzone_companies.tree", tfjsonpath.New("companies").AtSliceIndex(2),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(tree.customers[tree.partners[0]][0]), "name": knownvalue.StringExact("Customer 1-01"),
						"parent_id": knownvalue.StringExact(tree.partners[0]), "type": knownvalue.StringExact("customer"),
					})),
				statecheck.ExpectKnownValue("data.gravityzone_companies.tree", tfjsonpath.New("companies").AtSliceIndex(1),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(tree.partners[0]), "name": knownvalue.StringExact("Partner 1"),
						"parent_id": knownvalue.Null(), "type": knownvalue.StringExact("partner"),
					})),
				statecheck.ExpectKnownValue("data.gravityzone_companies.tree", tfjsonpath.New("ids_by_name").AtMapKey("Customer 2-02"),
					knownvalue.StringExact(customersOf2[1])),
				statecheck.ExpectKnownValue("data.gravityzone_companies.children", tfjsonpath.New("companies"),
					listedCompanies(tree.trial, tree.partners[0], tree.partners[1])),
				statecheck.ExpectKnownValue("data.gravityzone_companies.customers_of_partner_2", tfjsonpath.New("companies"),
					listedCompanies(customersOf2...)),
				statecheck.ExpectKnownValue("data.gravityzone_companies.customers_of_partner_2", tfjsonpath.New("ids_by_name"),
					knownvalue.MapExact(map[string]knownvalue.Check{
						"Customer 2-01": knownvalue.StringExact(customersOf2[0]), "Customer 2-02": knownvalue.StringExact(customersOf2[1]),
					})),
				acctest.ServerCheck(func() error {
					// The recursive walk of 3 partners (the key's company included) costs 2 × 3 calls, the
					// direct children 2, one type of children 1.
					if calls := env.requests("network.getCompaniesList") - callsBefore; calls != 6+2+1 {
						return fmt.Errorf("%d getCompaniesList calls, want %d", calls, 6+2+1)
					}
					return nil
				}),
			},
		}},
	})
}
