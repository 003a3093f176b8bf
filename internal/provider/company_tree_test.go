package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// companyTree is a tree made directly through the API: partners under the API key's company, each
// with customers on a monthly subscription, and one customer of the key's company on a trial.
type companyTree struct {
	partners []string // ids, in name order
	// customers holds the customers' ids by partner id, in name order.
	customers map[string][]string
	trial     string // the key's company's own customer, on a trial
	// names holds every company's name by id.
	names map[string]string
}

// newCompanyTree names partners "Partner N" and customers "Customer N-MM"; a trial customer
// "Direct customer" sits beside the partners, so that the walk's order mixes both types.
func (e *testEnv) newCompanyTree(t *testing.T, partners, customersEach int) companyTree {
	t.Helper()
	tree := companyTree{customers: map[string][]string{}, names: map[string]string{}}
	create := func(companyType int, name, parentID string, license *client.LicenseSubscription) string {
		id := e.createCompany(t, client.CreateCompanyParams{Type: companyType, Name: name, ParentID: parentID, LicenseSubscription: license})
		tree.names[id] = name
		return id
	}
	monthly, _ := subscriptionTypes.toAPI(subscriptionMonthly)
	for p := 1; p <= partners; p++ {
		partner := create(apiPartner, fmt.Sprintf("Partner %d", p), "", nil)
		tree.partners = append(tree.partners, partner)
		for c := 1; c <= customersEach; c++ {
			customer := create(apiCustomer, fmt.Sprintf("Customer %d-%02d", p, c), partner, &client.LicenseSubscription{Type: monthly})
			tree.customers[partner] = append(tree.customers[partner], customer)
		}
	}
	tree.trial = create(apiCustomer, "Direct customer", "", nil)
	return tree
}

// depthFirst is every company of the tree in the order of a recursive walk: by name at each level,
// each partner followed by its customers.
func (tree companyTree) depthFirst() []string {
	order := []string{tree.trial} // "Direct customer" sorts before "Partner 1"
	for _, partner := range tree.partners {
		order = append(order, partner)
		order = append(order, tree.customers[partner]...)
	}
	return order
}

// protocolServer is the provider served as Terraform sees it, configured for the test's simulator,
// for tests that call its RPCs directly.
func (e *testEnv) protocolServer(t *testing.T) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	server := NewProtocol6Server("test")()
	schemas, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	configured, err := server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
		Config: dynamicValue(t, schemas.Provider, map[string]tftypes.Value{
			"api_url":               tftypes.NewValue(tftypes.String, e.url),
			"api_key":               tftypes.NewValue(tftypes.String, e.sim.APIKey()),
			"rate_limit_multiplier": tftypes.NewValue(tftypes.Number, testRateMultiplier),
		}),
	})
	if err != nil || len(configured.Diagnostics) != 0 {
		t.Fatalf("configuring the provider: %v %v", err, configured.Diagnostics)
	}
	return server, schemas
}

// listed is one result of a ListResource call.
type listed struct {
	displayName string
	identity    map[string]tftypes.Value
	resource    map[string]tftypes.Value // nil unless asked for
}

// listResources calls ListResource as `terraform query` does and runs its stream to the end.
func listResources(t *testing.T, server tfprotov6.ProviderServer, schemas *tfprotov6.GetProviderSchemaResponse, typeName string,
	config map[string]tftypes.Value, includeResource bool) []listed {
	t.Helper()
	ctx := t.Context()
	identities, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	stream, err := server.(tfprotov6.ListResourceServer).ListResource(ctx, &tfprotov6.ListResourceRequest{
		TypeName:        typeName,
		Config:          dynamicValue(t, schemas.ListResourceSchemas[typeName], config),
		IncludeResource: includeResource,
		Limit:           1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	var results []listed
	for result := range stream.Results {
		if len(result.Diagnostics) != 0 {
			t.Fatalf("%s: %s: %s", typeName, result.Diagnostics[0].Summary, result.Diagnostics[0].Detail)
		}
		one := listed{displayName: result.DisplayName}
		one.identity = objectAttributes(t, result.Identity.IdentityData, identities.IdentitySchemas[typeName].ValueType())
		if result.Resource != nil {
			one.resource = objectAttributes(t, result.Resource, schemas.ResourceSchemas[typeName].ValueType())
		}
		results = append(results, one)
	}
	return results
}

func objectAttributes(t *testing.T, value *tfprotov6.DynamicValue, typ tftypes.Type) map[string]tftypes.Value {
	t.Helper()
	decoded, err := value.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	attributes := map[string]tftypes.Value{}
	if err := decoded.As(&attributes); err != nil {
		t.Fatal(err)
	}
	return attributes
}

func stringOf(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestListCompaniesRecursivelyWithTheirResources(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 3)
	server, schemas := env.protocolServer(t)
	before := env.requests("network.getCompaniesList")

	results := listResources(t, server, schemas, "gravityzone_company",
		map[string]tftypes.Value{"recursive": tftypes.NewValue(tftypes.Bool, true)}, true)

	// The key's company and its 2 partners are visited, 2 calls each.
	if calls := env.requests("network.getCompaniesList") - before; calls != 2*3 {
		t.Errorf("listing a tree of 3 partners (the parent included) took %d getCompaniesList calls, want 6", calls)
	}
	var ids []string
	for _, r := range results {
		id := stringOf(t, r.identity["id"])
		ids = append(ids, id)
		if r.displayName != tree.names[id] {
			t.Errorf("company %s is displayed as %q, want its name %q", id, r.displayName, tree.names[id])
		}
		if got := stringOf(t, r.resource["name"]); got != tree.names[id] {
			t.Errorf("the resource of company %s is named %q, want %q", id, got, tree.names[id])
		}
		var protected bool
		if err := r.resource["deletion_protection"].As(&protected); err != nil || !protected {
			t.Errorf("company %s: deletion_protection is %v, want true as after an import", id, r.resource["deletion_protection"])
		}
	}
	if want := tree.depthFirst(); !slices.Equal(ids, want) {
		t.Errorf("listed %v,\nwant depth first by name %v", ids, want)
	}
}

func TestListCompaniesFilteredWithoutResources(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 2)
	server, schemas := env.protocolServer(t)

	results := listResources(t, server, schemas, "gravityzone_company", map[string]tftypes.Value{
		"parent_id":   tftypes.NewValue(tftypes.String, tree.partners[1]),
		"type":        tftypes.NewValue(tftypes.String, companyCustomer),
		"name_prefix": tftypes.NewValue(tftypes.String, "Customer 2-02"),
	}, false)

	if len(results) != 1 || stringOf(t, results[0].identity["id"]) != tree.customers[tree.partners[1]][1] {
		t.Fatalf("listed %+v, want only Customer 2-02", results)
	}
	if results[0].resource != nil && !results[0].resource["id"].IsNull() {
		t.Errorf("the resource was returned though Terraform did not ask for it: %v", results[0].resource)
	}
}

func TestListMonthlySubscriptions(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 2, 2)
	server, schemas := env.protocolServer(t)

	results := listResources(t, server, schemas, "gravityzone_monthly_subscription",
		map[string]tftypes.Value{"recursive": tftypes.NewValue(tftypes.Bool, true)}, true)

	var got []string
	for _, r := range results {
		companyID := stringOf(t, r.identity["company_id"])
		got = append(got, companyID)
		if stringOf(t, r.resource["company_id"]) != companyID || stringOf(t, r.resource["product_type"]) == "" {
			t.Errorf("subscription of %s: resource %v, want its company_id and settings", companyID, r.resource)
		}
	}
	// The partners and the direct customer are on trials: only the partners' customers are listed.
	want := slices.Concat(tree.customers[tree.partners[0]], tree.customers[tree.partners[1]])
	if !slices.Equal(got, want) {
		t.Errorf("listed the subscriptions of %v, want %v", got, want)
	}
}

func TestListResourceConfigIsValidated(t *testing.T) {
	env := newTestEnv(t)
	server, schemas := env.protocolServer(t)
	resp, err := server.(tfprotov6.ListResourceServer).ValidateListResourceConfig(t.Context(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "gravityzone_company",
		Config: dynamicValue(t, schemas.ListResourceSchemas["gravityzone_company"], map[string]tftypes.Value{
			"type": tftypes.NewValue(tftypes.String, "reseller"),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, companyPartner) {
		t.Errorf("an unknown type gave %v, want one error that names the valid types", resp.Diagnostics)
	}
}

// tfplugindocs renders list resources only with Terraform 1.14 or later, so their pages are written
// by hand: this keeps them true to the schemas.
func TestListResourceDocs(t *testing.T) {
	for name, newListResource := range map[string]func() list.ListResource{
		"company": NewCompanyListResource, "monthly_subscription": NewMonthlySubscriptionListResource,
	} {
		page, err := os.ReadFile(filepath.Join("..", "..", "docs", "list-resources", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		var resp list.ListResourceSchemaResponse
		newListResource().ListResourceConfigSchema(t.Context(), list.ListResourceSchemaRequest{}, &resp)
		if !strings.Contains(string(page), resp.Schema.MarkdownDescription) {
			t.Errorf("docs/list-resources/%s.md lacks the description:\n%s", name, resp.Schema.MarkdownDescription)
		}
		for attribute, definition := range resp.Schema.Attributes {
			kind := map[bool]string{true: "Boolean", false: "String"}[definition.GetType() == types.BoolType]
			line := fmt.Sprintf("- `%s` (%s) %s\n", attribute, kind, definition.GetMarkdownDescription())
			if !strings.Contains(string(page), line) {
				t.Errorf("docs/list-resources/%s.md lacks the line\n%s", name, line)
			}
		}
	}
}
