package simulator

import (
	"fmt"
	"testing"
)

func TestGetCompaniesList(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	customer := h.createCompany("Customer", 1, "")
	grandchild := h.createCompany("Grandchild", 1, partner)
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": customer}, nil)
	list := func(params map[string]any) string {
		var items []companyListItem
		h.ok("network", "getCompaniesList", params, &items)
		return fmt.Sprint(items)
	}
	for _, tc := range []struct {
		params map[string]any
		want   []companyListItem
	}{
		{nil, []companyListItem{{partner, "Partner"}, {customer, "Customer"}}},
		{map[string]any{"parentId": partner}, []companyListItem{{grandchild, "Grandchild"}}},
		{map[string]any{"filters": map[string]any{"companyType": 1}}, []companyListItem{{customer, "Customer"}}},
		{map[string]any{"filters": map[string]any{"licenseType": 3}}, []companyListItem{{customer, "Customer"}}},
		{map[string]any{"filters": map[string]any{"licenseType": 1, "companyType": 0}}, []companyListItem{{partner, "Partner"}}},
		{map[string]any{"filters": map[string]any{"licenseType": 2}}, []companyListItem{}},
	} {
		if got := list(tc.params); got != fmt.Sprint(tc.want) {
			t.Errorf("getCompaniesList(%v) = %s, want %v", tc.params, got, tc.want)
		}
	}
	h.invalidParam("network", "getCompaniesList", map[string]any{"parentId": customer}, "parentId")
	h.invalidParam("network", "getCompaniesList", map[string]any{"page": 1, "perPage": 30}, "page")
	h.invalidParam("network", "getCompaniesList", map[string]any{"filters": map[string]any{"companyType": 2}}, "filters.companyType")
	h.invalidParam("network", "getCompaniesList", map[string]any{"filters": map[string]any{"name": "x"}}, "filters.name")
	h.fails("companies", "getCompaniesList", nil, -32601)
}
