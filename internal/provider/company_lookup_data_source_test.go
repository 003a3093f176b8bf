package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

func TestAccCompanyLookup(t *testing.T) {
	env := newTestEnv(t)
	name := uniqueName(t, "Acme")
	ctx := context.Background()
	id := env.createCompany(t, client.CreateCompanyParams{
		Type: 0, Name: name, Address: "4 Lookup Lane", Phone: "+40 21 000 0000", Country: "RO",
		ContactPerson: &client.ContactPerson{FullName: "Lia Ionescu", Email: "lia@acme.example.com"},
	})
	// Names that begin with the looked-up one, found by the prefix search and filtered out.
	env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: name + " Holdings"})
	env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: name + "-2", ParentID: id})
	if err := env.api.SuspendCompany(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	// A leading * is GravityZone's "anywhere in the name" search; the exact match still applies.
	starName := "*" + uniqueName(t, "star")
	starID := env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: starName})
	writesBefore := env.writes()

	const lookup = "data.gravityzone_company_lookup.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(fmt.Sprintf(`
data "gravityzone_company_lookup" "test" {
  name = %q
}

data "gravityzone_company_lookup" "star" {
  name = %q
}
`, name, starName)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectState(lookup, "id", knownvalue.StringExact(id)),
					acctest.ExpectState(lookup, "name", knownvalue.StringExact(name)),
					acctest.ExpectState(lookup, "type", knownvalue.StringExact("partner")),
					acctest.ExpectState(lookup, "address", knownvalue.StringExact("4 Lookup Lane")),
					acctest.ExpectState(lookup, "phone", knownvalue.StringExact("+40 21 000 0000")),
					acctest.ExpectState(lookup, "country", knownvalue.StringExact("RO")),
					acctest.ExpectState(lookup, "state", knownvalue.Null()), // "N/A" in the API
					acctest.ExpectState(lookup, "industry", knownvalue.Int64Exact(0)),
					acctest.ExpectState(lookup, "suspended", knownvalue.Bool(true)),
					acctest.ExpectState(lookup, "created_at", knownvalue.NotNull()),
					acctest.ExpectState(lookup, "contact_person", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"full_name":    knownvalue.StringExact("Lia Ionescu"),
						"email":        knownvalue.StringExact("lia@acme.example.com"),
						"phone_number": knownvalue.Null(),
						"company_role": knownvalue.Null(),
					})),
					acctest.ExpectState("data.gravityzone_company_lookup.star", "id", knownvalue.StringExact(starID)),
					acctest.ExpectState("data.gravityzone_company_lookup.star", "contact_person", knownvalue.Null()),
				},
			},
			{
				Config: env.config(`
data "gravityzone_company_lookup" "test" {
  name = "Nobody Here Ltd"
}
`),
				ExpectError: acctest.ErrorText(`No company named "Nobody Here Ltd"`, "No company named", "is managed by this API key"),
			},
			{
				// The simulator, like some servers, searches without regard to case; the provider does not.
				Config: env.config(fmt.Sprintf(`
data "gravityzone_company_lookup" "test" {
  name = %q
}
`, strings.ToLower(name))),
				ExpectError: acctest.ErrorText("No company named", "Companies whose names differ only in case:", fmt.Sprintf("%q (id %s)", name, id)),
			},
		},
	})
	if got := env.writes(); got != writesBefore {
		t.Errorf("the lookups made %d API write calls, want none", got-writesBefore)
	}
}

func TestAccCompanyLookup_nameTooCommon(t *testing.T) {
	env := newTestEnv(t, func(o *simulator.Options) { o.DisableRateLimits = true })
	prefix := uniqueName(t, "Branch")
	for i := range companyLookupLimit + 1 {
		env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: fmt.Sprintf("%s %03d", prefix, i)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
data "gravityzone_company_lookup" "test" {
  name = %q
}
`, prefix)),
			ExpectError: acctest.ErrorText(fmt.Sprintf("Company name %q is too common to search by prefix", prefix),
				"returned its maximum of 100 companies", "Use the company's id instead"),
		}},
	})
}

// companiesFound is a gravityZoneAPI whose findCompaniesByName answers with fixed companies: the
// simulator keeps names unique, so duplicates need a stand-in server.
type companiesFound struct {
	gravityZoneAPI
	companies []client.Company
	err       error
}

func (f companiesFound) FindCompaniesByName(_ context.Context, _ string, maxResults int) ([]client.Company, error) {
	if maxResults != companyLookupLimit {
		return nil, fmt.Errorf("maxResults %d, want %d", maxResults, companyLookupLimit)
	}
	return f.companies, f.err
}

func TestFindCompanyByExactName(t *testing.T) {
	acme := client.Company{ID: "000000000000000000000001", Name: "Acme"}
	prefixed := client.Company{ID: "000000000000000000000002", Name: "Acme Holdings"}
	otherCase := client.Company{ID: "000000000000000000000003", Name: "ACME"}
	twin := client.Company{ID: "000000000000000000000004", Name: "Acme"}
	many := make([]client.Company, companyLookupLimit)
	for i := range many {
		many[i] = client.Company{ID: fmt.Sprintf("%024d", i+10), Name: fmt.Sprintf("Acme %d", i)}
	}
	apiErr := errors.New("connection refused")

	tests := []struct {
		name      string
		found     companiesFound
		wantID    string
		wantError []string
	}{
		{name: "exact among prefixes", found: companiesFound{companies: []client.Company{prefixed, acme, otherCase}}, wantID: acme.ID},
		{name: "none", found: companiesFound{companies: []client.Company{prefixed}},
			wantError: []string{`No company named "Acme"`, "is managed by this API key"}},
		{name: "only another case", found: companiesFound{companies: []client.Company{otherCase}},
			wantError: []string{`No company named "Acme"`, `"ACME" (id 000000000000000000000003)`}},
		{name: "several", found: companiesFound{companies: []client.Company{acme, prefixed, twin}},
			wantError: []string{`Several companies are named "Acme"`, "ids 000000000000000000000001, 000000000000000000000004"}},
		{name: "too common", found: companiesFound{companies: many},
			wantError: []string{`Company name "Acme" is too common to search by prefix`, "maximum of 100 companies"}},
		{name: "exact within a full page", found: companiesFound{companies: append(many[:99:99], acme)}, wantID: acme.ID},
		{name: "API error", found: companiesFound{err: apiErr}, wantError: []string{"connection refused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			company, err := findCompanyByExactName(context.Background(), tt.found, "Acme")
			if tt.wantID != "" {
				if err != nil || company.ID != tt.wantID {
					t.Fatalf("got %+v, %v; want company %s", company, err, tt.wantID)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %+v, want an error", company)
			}
			var lookupErr *companyLookupError
			if errors.Is(err, apiErr) == errors.As(err, &lookupErr) {
				t.Errorf("error %v: an API error must pass through unchanged, anything else be a *companyLookupError", err)
			}
			for _, want := range tt.wantError {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}
