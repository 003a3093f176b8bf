package client

import (
	"slices"
	"testing"
)

func TestListCompaniesSendsOnlyTheFiltersSet(t *testing.T) {
	api := newFakeAPI(t)
	api.on("getCompaniesList", result([]any{map[string]any{"id": "a", "name": "Acme"}}))
	c, _ := newTestClient(t, api, nil)
	tests := []struct {
		parentID   string
		filter     CompaniesFilter
		wantParams string
	}{
		{"", CompaniesFilter{}, `{}`},
		{"p1", CompaniesFilter{}, `{"parentId":"p1"}`},
		{"p1", CompaniesFilter{CompanyType: ptr(0)}, `{"parentId":"p1","filters":{"companyType":0}}`},
		{"", CompaniesFilter{CompanyType: ptr(1), LicenseType: 3}, `{"filters":{"companyType":1,"licenseType":3}}`},
	}
	for _, tt := range tests {
		before := len(api.recorded())
		companies, err := c.ListCompanies(t.Context(), tt.parentID, tt.filter)
		if err != nil || !slices.Equal(companies, []CompanyRef{{ID: "a", Name: "Acme"}}) {
			t.Errorf("ListCompanies(%q, %+v) = %+v, %v", tt.parentID, tt.filter, companies, err)
		}
		call := api.recorded()[before]
		if call.Path != "/api/v1.0/jsonrpc/network" || call.Method != "getCompaniesList" {
			t.Errorf("called %s %s", call.Path, call.Method)
		}
		assertJSONEqual(t, call.Params, tt.wantParams)
	}
}
