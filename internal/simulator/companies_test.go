package simulator

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestCreateAndGetCompany(t *testing.T) {
	h := newTestServer(t)
	var id string
	h.ok("companies", "createCompany", map[string]any{
		"type": 1, "name": "Customer LTD", "address": "Str Example No 1", "phone": "0040740000001",
		"country": "RO", "industry": "3004", "skip2FAPeriod": 7, "enforce2FA": false,
		"accountEmail": "admin@customer.example", "accountFullName": "Customer admin", "accountLanguage": "ro_RO",
		"contactPerson": map[string]any{"fullName": "Ann Doe", "email": "ann@customer.example"},
	}, &id)
	if !companyIDPattern.MatchString(id) {
		t.Fatalf("id %q is not 24 hex characters", id)
	}
	got := h.details(id)
	want := companyDetails{
		ID: id, Name: "Customer LTD", Type: 1, ParentCompanyID: h.sim.RootCompanyID(), Address: "Str Example No 1",
		Phone: "0040740000001", Country: "RO", State: "N/A", Industry: 3004, CanBeManagedByAbove: true,
		Enforce2FA: true, Skip2FAPeriod: 7, CreatedAt: "2026-03-14T09:30:00",
		ContactPerson: &contactPerson{FullName: "Ann Doe", Email: "ann@customer.example"}, CustomFields: map[string]any{},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("getCompanyDetails:\n got %+v\nwant %+v", got, want)
	}

	root := h.details("")
	if root.ID != h.sim.RootCompanyID() || root.ParentCompanyID != "" || root.Type != 0 {
		t.Fatalf("own company: %+v", root)
	}
	var license map[string]any
	h.ok("licensing", "getLicenseInfo", map[string]any{"companyId": id}, &license)
	if license["subscriptionType"] != float64(1) {
		t.Errorf("a company created without licenseSubscription has license %v, want a trial (1)", license["subscriptionType"])
	}
}

func TestCreateCompanyValidation(t *testing.T) {
	h := newTestServer(t)
	customer := h.createCompany("Existing Customer", 1, "")
	h.ok("companies", "createCompany", map[string]any{"type": 1, "name": "Taken Email", "accountEmail": "taken@example.com"}, nil)
	long := strings.Repeat("x", 65)
	for _, tc := range []struct {
		param  string
		params map[string]any
	}{
		{"type", map[string]any{"name": "A"}},
		{"type", map[string]any{"name": "A", "type": 2}},
		{"type", map[string]any{"name": "A", "type": "1"}},
		{"name", map[string]any{"type": 1}},
		{"name", map[string]any{"type": 1, "name": ""}},
		{"name", map[string]any{"type": 1, "name": long}},
		{"name", map[string]any{"type": 1, "name": "<b>bold</b>"}},
		{"name", map[string]any{"type": 1, "name": "EXISTING customer"}},
		{"parentId", map[string]any{"type": 1, "name": "A", "parentId": customer}},
		{"parentId", map[string]any{"type": 1, "name": "A", "parentId": "5493dcd2b1a43df00b7b23c6"}},
		{"parentId", map[string]any{"type": 1, "name": "A", "parentId": "not-an-id"}},
		{"address", map[string]any{"type": 1, "name": "A", "address": strings.Repeat("a", 129)}},
		{"phone", map[string]any{"type": 1, "name": "A", "phone": strings.Repeat("1", 33)}},
		{"country", map[string]any{"type": 1, "name": "A", "country": "Romania"}},
		{"state", map[string]any{"type": 1, "name": "A", "state": "New York"}},
		{"industry", map[string]any{"type": 1, "name": "A", "industry": 35}},
		{"industry", map[string]any{"type": 1, "name": "A", "industry": 3416}},
		{"industry", map[string]any{"type": 1, "name": "A", "industry": "tech"}},
		{"skip2FAPeriod", map[string]any{"type": 1, "name": "A", "skip2FAPeriod": 2}},
		{"canBeManagedByAbove", map[string]any{"type": 1, "name": "A", "canBeManagedByAbove": "no"}},
		{"accountEmail", map[string]any{"type": 1, "name": "A", "canBeManagedByAbove": false, "accountFullName": "Admin"}},
		{"accountFullName", map[string]any{"type": 1, "name": "A", "canBeManagedByAbove": false, "accountEmail": "a@example.com"}},
		{"accountEmail", map[string]any{"type": 1, "name": "A", "accountEmail": "not an email"}},
		{"accountEmail", map[string]any{"type": 1, "name": "A", "accountEmail": "TAKEN@example.com"}},
		{"accountLanguage", map[string]any{"type": 1, "name": "A", "accountLanguage": "english"}},
		{"contactPerson.email", map[string]any{"type": 1, "name": "A", "contactPerson": map[string]any{"fullName": "X"}}},
		{"contactPerson.email", map[string]any{"type": 1, "name": "A", "contactPerson": map[string]any{"email": "x"}}},
		{"contactPerson.age", map[string]any{"type": 1, "name": "A", "contactPerson": map[string]any{"email": "x@example.com", "age": 3}}},
		{"customFields", map[string]any{"type": 1, "name": "A", "customFields": map[string]any{}}},
		{"licenseSubscription.type", map[string]any{"type": 1, "name": "A", "licenseSubscription": map[string]any{"type": 4}}},
	} {
		h.invalidParam("companies", "createCompany", tc.params, tc.param)
	}
	var list []companyListItem
	h.ok("network", "getCompaniesList", nil, &list)
	if len(list) != 2 {
		t.Fatalf("rejected requests created companies: %v", list)
	}
}

func TestCreateCompanyAcceptsNullsAndR31(t *testing.T) {
	h := newTestServer(t)
	h.ok("companies", "createCompany", map[string]any{"type": 0, "name": "Nulls", "address": nil, "contactPerson": nil, "licenseSubscription": nil}, nil)
	var id string
	h.ok("companies", "createCompany", map[string]any{
		"type": 1, "name": "Self managed", "canBeManagedByAbove": false,
		"accountEmail": "owner@self.example", "accountFullName": "Owner",
	}, &id)
	if h.details(id).CanBeManagedByAbove {
		t.Error("canBeManagedByAbove false was not stored")
	}
}

func TestUpdateCompanyDetails(t *testing.T) {
	h := newTestServer(t)
	id := h.createCompany("Before", 1, "")
	h.ok("companies", "updateCompanyDetails", map[string]any{"id": id, "phone": "123", "country": "DE", "state": "BY",
		"customFields": map[string]any{"tier": "gold", "seats": 3}}, nil)
	got := h.details(id)
	if got.Name != "Before" || got.Phone != "123" || got.Country != "DE" || got.State != "BY" || got.CustomFields["tier"] != "gold" {
		t.Fatalf("after a partial update: %+v", got)
	}
	h.ok("companies", "updateCompanyDetails", map[string]any{"id": id, "name": "After", "country": "", "customFields": []any{}}, nil)
	got = h.details(id)
	if got.Name != "After" || got.Phone != "123" || got.Country != "N/A" || len(got.CustomFields) != 0 {
		t.Fatalf("after the second update: %+v", got)
	}
	h.ok("companies", "updateCompanyDetails", map[string]any{"address": "Own street"}, nil)
	if h.details("").Address != "Own street" {
		t.Error("updateCompanyDetails without id did not change the key's own company")
	}

	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": id, "companyId": id}, "companyId")
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": id, "skip2FAPeriod": 5}, "skip2FAPeriod")
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": id, "name": "SIMULATOR partner"}, "name")
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"type": 1}, "type")
	h.fails("companies", "updateCompanyDetails", map[string]any{"id": "5493dcd2b1a43df00b7b23c6"}, -32002)
	// A rejected update changes nothing, even the fields that were valid.
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": id, "phone": "999", "industry": 99}, "industry")
	if h.details(id).Phone != "123" {
		t.Error("a rejected update changed the phone")
	}
}

func TestUpdateCompanyTypeR35(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	child := h.createCompany("Child", 1, partner)
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": partner, "type": 1}, "type")
	h.ok("companies", "deleteCompany", map[string]any{"companyId": child}, nil)
	h.ok("companies", "updateCompanyDetails", map[string]any{"id": partner, "type": 1}, nil)
	h.ok("companies", "updateCompanyDetails", map[string]any{"id": partner, "type": 0}, nil)
	if h.details(partner).Type != 0 {
		t.Error("customer → partner did not apply")
	}
}

func TestDeleteCompany(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	child := h.createCompany("Child", 1, partner)
	if d := h.fails("companies", "deleteCompany", map[string]any{"companyId": partner}, -32000); !strings.Contains(d, "manages 1 companies") {
		t.Errorf("details: %q", d)
	}
	h.fails("companies", "deleteCompany", map[string]any{"companyId": h.sim.RootCompanyID()}, -32000)
	h.invalidParam("companies", "deleteCompany", map[string]any{}, "companyId")
	h.ok("companies", "deleteCompany", map[string]any{"companyId": child}, nil)
	h.ok("companies", "deleteCompany", map[string]any{"companyId": partner}, nil)
	h.fails("companies", "deleteCompany", map[string]any{"companyId": partner}, -32002)
	h.fails("companies", "getCompanyDetails", map[string]any{"companyId": child}, -32002)
	// The name is free again.
	h.createCompany("Partner", 0, "")
}

func TestSuspendAndActivate(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	child := h.createCompany("Child", 0, partner)
	grandchild := h.createCompany("Grandchild", 1, child)
	suspended := func() [3]bool {
		return [3]bool{h.details(partner).IsSuspended, h.details(child).IsSuspended, h.details(grandchild).IsSuspended}
	}

	h.invalidParam("companies", "suspendCompany", map[string]any{"companyId": partner}, "recursive")
	h.ok("companies", "suspendCompany", map[string]any{"companyId": partner, "recursive": false}, nil)
	if got := suspended(); got != [3]bool{true, false, false} {
		t.Fatalf("non-recursive suspend: %v", got)
	}
	h.ok("companies", "suspendCompany", map[string]any{"companyId": partner, "recursive": true}, nil)
	if got := suspended(); got != [3]bool{true, true, true} {
		t.Fatalf("recursive suspend: %v", got)
	}
	h.ok("companies", "activateCompany", map[string]any{"companyId": partner}, nil)
	if got := suspended(); got != [3]bool{false, true, true} {
		t.Fatalf("activate without recursive: %v", got)
	}
	h.ok("companies", "activateCompany", map[string]any{"companyId": partner, "recursive": true}, nil)
	h.ok("companies", "activateCompany", map[string]any{"companyId": partner, "recursive": true}, nil) // idempotent
	if got := suspended(); got != [3]bool{} {
		t.Fatalf("recursive activate: %v", got)
	}
	h.fails("companies", "suspendCompany", map[string]any{"companyId": h.sim.RootCompanyID(), "recursive": false}, -32000)
}

func TestFindCompaniesByName(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Acme Partner", 0, "")
	h.createCompany("Acme Customer", 1, partner)
	h.createCompany("Other acme", 1, "")
	h.createCompany("acmeLower", 1, "")
	names := func(params map[string]any) []string {
		var found []companyDetails
		h.ok("companies", "findCompaniesByName", params, &found)
		out := []string{}
		for _, c := range found {
			out = append(out, c.Name)
		}
		return out
	}
	for _, tc := range []struct {
		params map[string]any
		want   []string
	}{
		{map[string]any{"nameFilter": "Acme"}, []string{"Acme Partner", "Acme Customer", "acmeLower"}},
		{map[string]any{"nameFilter": "*acme"}, []string{"Acme Partner", "Acme Customer", "Other acme", "acmeLower"}},
		{map[string]any{"nameFilter": "*ACME", "maxResults": 2}, []string{"Acme Partner", "Acme Customer"}},
		{map[string]any{"nameFilter": "Simulator"}, []string{}}, // the key's own company is not searched
		{map[string]any{"nameFilter": "zzz"}, []string{}},
	} {
		if got := names(tc.params); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("findCompaniesByName(%v) = %q, want %q", tc.params, got, tc.want)
		}
	}
	h.invalidParam("companies", "findCompaniesByName", map[string]any{}, "nameFilter")
	h.invalidParam("companies", "findCompaniesByName", map[string]any{"nameFilter": ""}, "nameFilter")
	h.invalidParam("companies", "findCompaniesByName", map[string]any{"nameFilter": "A", "maxResults": 0}, "maxResults")
	h.invalidParam("companies", "findCompaniesByName", map[string]any{"nameFilter": "A", "maxResults": 101}, "maxResults")

	var full []companyDetails
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": "Acme Customer"}, &full)
	if len(full) != 1 || full[0].ParentCompanyID != partner || full[0].Country != "N/A" {
		t.Fatalf("result objects: %+v", full)
	}
}

func TestFindCompaniesByNameDefaultLimit(t *testing.T) {
	h := newTestServer(t)
	for i := range 30 {
		h.createCompany(fmt.Sprintf("Bulk %02d", i), 1, "")
	}
	var found []companyDetails
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": "Bulk"}, &found)
	if len(found) != defaultFindResults || found[0].Name != "Bulk 00" {
		t.Fatalf("got %d results starting with %q", len(found), found[0].Name)
	}
}

func TestTreeScopingWithSubPartnerKey(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Sub Partner", 0, "")
	inside := h.createCompany("Inside", 1, partner)
	outside := h.createCompany("Outside", 1, "")
	key, err := h.sim.CreateAPIKey(partner)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.sim.CreateAPIKey(inside); err == nil {
		t.Error("CreateAPIKey accepted a customer company")
	}
	h.key = key

	if got := h.details(""); got.ID != partner {
		t.Fatalf("own company of the sub-partner key: %+v", got)
	}
	h.details(inside)
	notFound := h.fails("companies", "getCompanyDetails", map[string]any{"companyId": outside}, -32002)
	unknown := h.fails("companies", "getCompanyDetails", map[string]any{"companyId": "5493dcd2b1a43df00b7b23c6"}, -32002)
	if strings.Replace(notFound, outside, "", 1) != strings.Replace(unknown, "5493dcd2b1a43df00b7b23c6", "", 1) {
		t.Errorf("out-of-tree and unknown companies answer differently: %q vs %q", notFound, unknown)
	}
	h.fails("companies", "getCompanyDetails", map[string]any{"companyId": h.sim.RootCompanyID()}, -32002)
	h.fails("companies", "deleteCompany", map[string]any{"companyId": outside}, -32002)
	h.fails("licensing", "getLicenseInfo", map[string]any{"companyId": outside}, -32002)
	h.invalidParam("companies", "createCompany", map[string]any{"type": 1, "name": "X", "parentId": h.sim.RootCompanyID()}, "parentId")
	h.invalidParam("network", "getCompaniesList", map[string]any{"parentId": h.sim.RootCompanyID()}, "parentId")

	var found []companyDetails
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": "*side"}, &found)
	if len(found) != 1 || found[0].ID != inside {
		t.Fatalf("find with the sub-partner key: %+v", found)
	}
	h.fails("companies", "deleteCompany", map[string]any{"companyId": partner}, -32000) // its own company
	var created string
	h.ok("companies", "createCompany", map[string]any{"type": 1, "name": "Created by sub key"}, &created)
	if h.details(created).ParentCompanyID != partner {
		t.Error("the default parent is not the key's company")
	}

	// Deleting the company deletes its keys.
	h.key = h.sim.APIKey()
	h.ok("companies", "deleteCompany", map[string]any{"companyId": inside}, nil)
	h.ok("companies", "deleteCompany", map[string]any{"companyId": created}, nil)
	h.ok("companies", "deleteCompany", map[string]any{"companyId": partner}, nil)
	h.key = key
	if reply := h.call("companies", "getCompanyDetails", nil); reply.Status != 401 {
		t.Fatalf("the deleted company's key still works: HTTP %d", reply.Status)
	}
}
