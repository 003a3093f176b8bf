package simulator

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Requests and answers of the shapes Bitdefender's own integrations and live-verified clients use.

func TestGetLicenseInfoPagesAdditionalLicenses(t *testing.T) {
	h := newTestServer(t)
	customer := h.createCompany("Keyed", 1, "")
	h.ok("licensing", "setLicenseKey", map[string]any{"companyId": customer, "licenseKey": "BASE-0001"}, nil)
	for _, key := range []string{"ADDON-0001", "ADDON-0002", "ADDON-0003"} {
		h.ok("licensing", "addProductKey", map[string]any{"companyId": customer, "licenseKey": key}, nil)
	}
	page := func(params map[string]any) []string {
		t.Helper()
		params["companyId"], params["returnAllProducts"] = customer, true
		var result struct {
			AdditionalLicenses []struct {
				LicenseKey string `json:"licenseKey"`
			} `json:"additionalLicenses"`
		}
		h.ok("licensing", "getLicenseInfo", params, &result)
		keys := []string{}
		for _, l := range result.AdditionalLicenses {
			keys = append(keys, l.LicenseKey)
		}
		return keys
	}
	for _, tc := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{}, "ADDON-0001 ADDON-0002 ADDON-0003"},
		{map[string]any{"page": 1, "perPage": 2}, "ADDON-0001 ADDON-0002"},
		{map[string]any{"page": 2, "perPage": 2}, "ADDON-0003"},
		{map[string]any{"page": 99999999999, "perPage": 100}, ""},
	} {
		if got := strings.Join(page(tc.params), " "); got != tc.want {
			t.Errorf("getLicenseInfo(%v) additionalLicenses %q, want %q", tc.params, got, tc.want)
		}
	}
	for _, bad := range []map[string]any{{"page": 0}, {"page": json.RawMessage(`1.0`)}, {"perPage": 0}, {"perPage": 101}, {"perPage": "10"}} {
		for name := range bad {
			h.invalidParam("licensing", "getLicenseInfo", bad, name)
		}
	}
}

func TestMonthlyUsageRegistrationDatesWithoutCoverageType(t *testing.T) {
	h := newTestServer(t)
	h.registerInMarchAndApril()
	for _, tc := range []struct {
		params map[string]any
		want   float64
	}{
		{map[string]any{"companyRegistrationStartDate": "2026-04-01"}, 1},
		{map[string]any{"companyRegistrationEndDate": "2026-03-31"}, 1},
		{map[string]any{"companyRegistrationStartDate": "2026-03-01", "companyRegistrationEndDate": "2026-04-30"}, 2},
		{map[string]any{"companyRegistrationStartDate": "2026-05-01"}, 0},
	} {
		tc.params["targetMonth"] = "04/2026"
		var result map[string]any
		h.ok("licensing", "getMonthlyUsage", tc.params, &result)
		if result["endpointMonthlyUsage"] != tc.want {
			t.Errorf("getMonthlyUsage(%v) = %v endpoints, want %v", tc.params, result["endpointMonthlyUsage"], tc.want)
		}
	}
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"companyRegistrationEndDate": "April"}, "companyRegistrationEndDate")
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"companyRegistrationStartDate": "2026-04-02", "companyRegistrationEndDate": "2026-04-01"}, "companyRegistrationEndDate")
}

func TestCompanyPath(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Acme MSP", 0, "")
	customer := h.createCompany("Customer / One", 1, partner)
	if got := h.details(customer).CompanyPath; got != "Simulator Partner > Acme MSP > Customer / One" {
		t.Errorf("companyPath of the customer: %q", got)
	}
	if reply := h.call("companies", "getCompanyDetails", map[string]any{"companyId": customer}); !strings.Contains(string(reply.Body), `"Simulator Partner > Acme MSP > Customer / One"`) {
		t.Errorf("companyPath is not sent as it reads: %s", reply.Body)
	}
	if got := h.details("").CompanyPath; got != "Simulator Partner" {
		t.Errorf("companyPath of the root: %q", got)
	}
	var found []companyDetails
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": "*one"}, &found)
	if len(found) != 1 || found[0].CompanyPath != "Simulator Partner > Acme MSP > Customer / One" {
		t.Errorf("findCompaniesByName: %+v", found)
	}
	h.ok("companies", "updateCompanyDetails", map[string]any{"id": partner, "name": "Renamed MSP"}, nil)
	if got := h.details(customer).CompanyPath; got != "Simulator Partner > Renamed MSP > Customer / One" {
		t.Errorf("companyPath after renaming the partner: %q", got)
	}
}

// TestContactPersonOfCustomers: stored and returned for customers as for partners (choice 16).
func TestContactPersonOfCustomers(t *testing.T) {
	h := newTestServer(t)
	person := map[string]any{"fullName": "Ann Doe", "email": "ann@customer.example", "phoneNumber": "+40 1", "companyRole": "IT"}
	var id string
	h.ok("companies", "createCompany", map[string]any{"type": 1, "name": "With Contact", "contactPerson": person}, &id)
	if got := h.details(id).ContactPerson; got == nil || *got != (contactPerson{"Ann Doe", "ann@customer.example", "+40 1", "IT"}) {
		t.Fatalf("contactPerson of a customer: %+v", got)
	}
	if got := h.details(h.createCompany("Without Contact", 1, "")).ContactPerson; got != nil {
		t.Errorf("a customer created without one reports %+v", got)
	}
}

func TestCustomerAndLimitedKeys(t *testing.T) {
	h := newTestServer(t)
	customer := h.createCompany("Customer", 1, "")
	other := h.createCompany("Other", 1, "")
	status, body := h.admin(http.MethodPost, "apikeys", map[string]any{"companyId": customer})
	if status != http.StatusOK {
		t.Fatalf("creating a customer's key: HTTP %d %s", status, body)
	}
	var created struct {
		APIKey      string   `json:"apiKey"`
		EnabledAPIs []string `json:"enabledApis"`
	}
	if err := json.Unmarshal(body, &created); err != nil || created.APIKey == "" {
		t.Fatalf("%s: %v", body, err)
	}
	mainKey := h.key
	h.key = created.APIKey

	// R33: what only a partner's key may send.
	h.ok("licensing", "getLicenseInfo", nil, nil)
	h.ok("companies", "updateCompanyDetails", map[string]any{"phone": "123"}, nil)
	for method, params := range map[string]map[string]any{
		"getLicenseInfo": {"companyId": customer}, "getMonthlyUsage": {"companyId": customer},
		"getMonthlyUsagePerProductType": {"companyId": customer}, "setLicenseKey": {"companyId": customer, "licenseKey": "KEY-00001"},
	} {
		h.invalidParam("licensing", method, params, "companyId")
	}
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": customer}, "id")
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"type": 0}, "type")
	h.invalidParam("companies", "updateCompanyDetails", map[string]any{"customFields": map[string]any{"a": "b"}}, "customFields")
	h.fails("network", "getCompaniesList", nil, -32601)
	h.fails("companies", "getCompanyDetails", map[string]any{"companyId": other}, -32002)

	// A key limited to some APIs: the others answer 403.
	h.key = mainKey
	status, body = h.admin(http.MethodPost, "apikeys", map[string]any{"companyId": customer, "enabledApis": []string{"licensing", "general", "licensing"}})
	if status != http.StatusOK || json.Unmarshal(body, &created) != nil || strings.Join(created.EnabledAPIs, ",") != "general,licensing" {
		t.Fatalf("creating a limited key: HTTP %d %s", status, body)
	}
	h.key = created.APIKey
	reply := h.call("companies", "getCompanyDetails", nil)
	if reply.Status != http.StatusForbidden || reply.Error == nil || reply.Error.Code != -32000 ||
		reply.Error.Data.Details != "API Key is not allowed to access the selected API: companies." || string(reply.ID) != `"test-1"` {
		t.Fatalf("a call outside the key's APIs: HTTP %d %s", reply.Status, reply.Body)
	}
	if reply := h.call("accounts", "getAccountsList", nil); reply.Status != http.StatusForbidden {
		t.Errorf("an API the simulator does not serve, outside the key's APIs: HTTP %d %s", reply.Status, reply.Body)
	}
	var details struct {
		EnabledAPIs []string `json:"enabledApis"`
	}
	h.ok("general", "getApiKeyDetails", nil, &details)
	if strings.Join(details.EnabledAPIs, ",") != "general,licensing" {
		t.Errorf("getApiKeyDetails of a limited key: %v", details.EnabledAPIs)
	}
	h.ok("licensing", "getLicenseInfo", nil, nil)

	h.key = mainKey
	for _, bad := range []map[string]any{{"companyId": customer, "enabledApis": []string{"billing"}}, {"companyId": customer, "enabledApis": []string{}}} {
		if status, body := h.admin(http.MethodPost, "apikeys", bad); status != http.StatusBadRequest || !strings.Contains(string(body), "enabledApis") {
			t.Errorf("apikeys %v: HTTP %d %s", bad, status, body)
		}
	}
}

func TestGetCompanyDetailsByUser(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	var id string
	h.ok("companies", "createCompany", map[string]any{"type": 1, "name": "Staffed", "parentId": partner,
		"accountEmail": "admin@staffed.example", "accountFullName": "Admin"}, &id)
	var got companyDetails
	h.ok("companies", "getCompanyDetailsByUser", map[string]any{"username": "ADMIN@staffed.example"}, &got)
	if got.ID != id || got.CompanyPath != "Simulator Partner > Partner > Staffed" {
		t.Fatalf("getCompanyDetailsByUser: %+v", got)
	}
	h.ok("companies", "getCompanyDetailsByUser", map[string]any{"username": "admin@staffed.example", "password": "secret"}, &got)
	h.fails("companies", "getCompanyDetailsByUser", map[string]any{"username": "nobody@example.com"}, -32002)
	h.invalidParam("companies", "getCompanyDetailsByUser", map[string]any{}, "username")
	h.invalidParam("companies", "getCompanyDetailsByUser", map[string]any{"username": "admin@staffed.example", "password": 5}, "password")

	key, err := h.sim.CreateAPIKey(h.createCompany("Elsewhere", 0, ""))
	if err != nil {
		t.Fatal(err)
	}
	h.key = key
	h.fails("companies", "getCompanyDetailsByUser", map[string]any{"username": "admin@staffed.example", "password": "secret"}, -32002)
}

func TestLicenseKeys(t *testing.T) {
	h := newTestServer(t)
	customer := h.createCompany("Keyed", 1, "")
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": customer, "manageExchange": true}, nil)
	h.ok("licensing", "setLicenseKey", map[string]any{"companyId": customer, "licenseKey": "BASE-0001",
		"mdrContactInformation": map[string]any{"fullName": "Ann"}}, nil)
	info := h.licenseInfo(customer)
	if info["subscriptionType"] != float64(2) || info["licenseKey"] != "BASE-0001" || info["manageExchange"] != false ||
		info["expiryDate"] != "2027-03-14T09:30:00" {
		t.Fatalf("after setLicenseKey: %v", info)
	}
	h.ok("licensing", "addProductKey", map[string]any{"companyId": customer, "licenseKey": "ADDON-0001", "replaceIncompatibleKeys": false}, nil)
	h.invalidParam("licensing", "addProductKey", map[string]any{"companyId": customer, "licenseKey": "ADDON-0001"}, "licenseKey")
	other := h.createCompany("Other", 1, "")
	h.invalidParam("licensing", "setLicenseKey", map[string]any{"companyId": other, "licenseKey": "ADDON-0001"}, "licenseKey")
	h.invalidParam("licensing", "addProductKey", map[string]any{"companyId": other, "licenseKey": "BASE-0001"}, "licenseKey")
	h.invalidParam("companies", "createCompany", map[string]any{"type": 1, "name": "Copy", "licenseSubscription": map[string]any{"type": 2, "licenseKey": "BASE-0001"}}, "licenseSubscription.licenseKey")

	h.ok("licensing", "removeProductKey", map[string]any{"companyId": customer, "licenseKey": "BASE-0001"}, nil)
	if info := h.licenseInfo(customer); info["licenseKey"] != "ADDON-0001" {
		t.Errorf("the remaining key did not become the base key: %v", info)
	}
	h.invalidParam("licensing", "removeProductKey", map[string]any{"companyId": customer, "licenseKey": "ADDON-0001"}, "licenseKey")
	h.invalidParam("licensing", "removeProductKey", map[string]any{"companyId": customer, "licenseKey": "BASE-0001"}, "licenseKey")
	h.ok("licensing", "setLicenseKey", map[string]any{"companyId": other, "licenseKey": "BASE-0001"}, nil) // free again

	// addProductKey licenses a company that is not licensed yet.
	h.ok("licensing", "addProductKey", map[string]any{"companyId": h.createCompany("Trial", 1, ""), "licenseKey": "FIRST-0001"}, nil)
	for _, bad := range []any{"short", "has space 1", "-LEADING1", 7} {
		h.invalidParam("licensing", "setLicenseKey", map[string]any{"companyId": customer, "licenseKey": bad}, "licenseKey")
	}
	h.invalidParam("licensing", "setLicenseKey", map[string]any{"companyId": customer}, "licenseKey")
	h.invalidParam("licensing", "addProductKey", map[string]any{"companyId": customer, "licenseKey": "ADDON-0002", "replaceIncompatibleKeys": "no"}, "replaceIncompatibleKeys")

	// setMonthlySubscription moves a licensed company off its keys.
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": customer}, nil)
	if info := h.licenseInfo(customer); info["subscriptionType"] != float64(3) || info["licenseKey"] != nil {
		t.Errorf("after setMonthlySubscription: %v", info)
	}
	h.ok("licensing", "setLicenseKey", map[string]any{"companyId": other, "licenseKey": "ADDON-0001"}, nil)
}

func TestIndustryCodesAreTheVendorsList(t *testing.T) {
	h := newTestServer(t)
	id := h.createCompany("Shop", 1, "")
	for _, code := range []int{0, 34, 102, 2812, 2814, 2816, 3415} {
		h.ok("companies", "updateCompanyDetails", map[string]any{"id": id, "industry": code}, nil)
	}
	for _, code := range []int{2813, 2817, 35, 500, 3416, 100, -1} {
		h.invalidParam("companies", "updateCompanyDetails", map[string]any{"id": id, "industry": code}, "industry")
	}
}

func TestUsagePerProductTypeAndPerMonth(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{DisableRateLimits: true, StatePath: statePath})
	partner := h.createCompany("EDR Reseller", 0, "")
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": partner, "assignedProductType": 0,
		"additionalProductTypes": []int{0, 3}, "minimumUsage": map[string]any{"endpointMonthlyUsage": 10}}, nil)
	customer := h.createCompany("Gone Soon", 1, partner)
	if err := h.sim.SetUsage(customer, "03/2026", 4, map[string]float64{"endpointMonthlyUsage": 4}); err != nil {
		t.Fatal(err)
	}
	var perType struct {
		Usages []map[string]any `json:"usages"`
	}
	h.ok("licensing", "getMonthlyUsagePerProductType", map[string]any{"companyId": partner}, &perType)
	if len(perType.Usages) != 2 || perType.Usages[0]["productType"] != float64(0) || perType.Usages[1]["productType"] != float64(3) ||
		perType.Usages[0]["endpointMonthlyUsage"] != float64(4) {
		t.Fatalf("getMonthlyUsagePerProductType of a partner holding 0 and 3: %v", perType.Usages)
	}

	h.clock.Advance(31 * 24 * time.Hour) // April
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": partner, "assignedProductType": 0,
		"additionalProductTypes": []int{0, 3}, "minimumUsage": map[string]any{"endpointMonthlyUsage": 25}}, nil)
	h.ok("companies", "deleteCompany", map[string]any{"companyId": customer}, nil)
	march := func(h *harness) map[string]any {
		var result map[string]any
		h.ok("licensing", "getMonthlyUsage", map[string]any{"companyId": partner, "targetMonth": "03/2026"}, &result)
		return result
	}
	got := march(h)
	if got["endpointMonthlyUsage"] != float64(4) {
		t.Errorf("March of the parent after deleting its customer: %v endpoints, want 4", got["endpointMonthlyUsage"])
	}
	if minimum := got["minimumUsage"].(map[string]any)["endpointMonthlyUsage"]; minimum != float64(10) {
		t.Errorf("March reports minimum %v, want the 10 in force then", minimum)
	}
	var april map[string]any
	h.ok("licensing", "getMonthlyUsage", map[string]any{"companyId": partner}, &april)
	if minimum := april["minimumUsage"].(map[string]any)["endpointMonthlyUsage"]; minimum != float64(25) {
		t.Errorf("April reports minimum %v, want 25", minimum)
	}
	var february map[string]any
	h.ok("licensing", "getMonthlyUsage", map[string]any{"companyId": partner, "targetMonth": "02/2026"}, &february)
	if minimum := february["minimumUsage"].(map[string]any)["endpointMonthlyUsage"]; minimum != float64(0) {
		t.Errorf("February, before the partner existed, reports minimum %v", minimum)
	}
	if used := h.licenseInfo(partner)["usedSlots"]; used != float64(0) {
		t.Errorf("usedSlots counts a deleted customer: %v", used)
	}

	// The state file keeps both.
	reloaded := newHarness(t, Options{DisableRateLimits: true, StatePath: statePath, Clock: h.clock.Now})
	if got := march(reloaded); got["endpointMonthlyUsage"] != float64(4) || got["minimumUsage"].(map[string]any)["endpointMonthlyUsage"] != float64(10) {
		t.Errorf("March after reloading the state: %v", got)
	}
}

func TestLicenseInfoUnsetShapes(t *testing.T) {
	for _, tc := range []struct {
		unset LicenseInfoUnset
		sent  bool
	}{{"", false}, {LicenseInfoOmit, false}, {LicenseInfoNull, true}} {
		h := newHarness(t, Options{DisableRateLimits: true, LicenseInfoUnset: tc.unset})
		id := h.createCompany("Trial", 1, "")
		var raw map[string]json.RawMessage
		h.ok("licensing", "getLicenseInfo", map[string]any{"companyId": id}, &raw)
		for _, field := range []string{"endSubscription", "assignedProtectionModel", "minimumUsage", "ownUse", "licenseKey"} {
			value, sent := raw[field]
			if sent != tc.sent || (sent && string(value) != "null") {
				t.Errorf("%q: %s of a trial sent %v as %s", tc.unset, field, sent, value)
			}
		}
		if string(raw["expiryDate"]) == "null" || string(raw["totalSlots"]) != "50" {
			t.Errorf("%q: set fields changed: %s %s", tc.unset, raw["expiryDate"], raw["totalSlots"])
		}
	}
	if _, err := New(Options{LicenseInfoUnset: "empty"}); err == nil {
		t.Error("New accepted an unknown getLicenseInfo shape")
	}
}

func TestRateLimitAnswerAsSeenLive(t *testing.T) {
	check := func(t *testing.T, reply rpcReply) {
		t.Helper()
		if reply.Status != http.StatusTooManyRequests || reply.Header.Get("Retry-After") != "60, 60" ||
			!strings.HasPrefix(reply.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(reply.Body), "429 Too Many Requests") {
			t.Fatalf("HTTP %d Retry-After %q %s", reply.Status, reply.Header.Get("Retry-After"), reply.Body)
		}
	}
	h := newHarness(t, Options{RateLimitAnswer: RateLimitHTML})
	for range 5 {
		h.ok("licensing", "getLicenseInfo", nil, nil)
	}
	check(t, h.call("licensing", "getLicenseInfo", nil))

	faulty := newHarness(t, Options{DisableRateLimits: true, RateLimitAnswer: RateLimitHTML, Faults: []Fault{{Method: "*", Kind: FaultHTTP429, Probability: 1}}})
	check(t, faulty.call("companies", "getCompanyDetails", nil))
	if stats := faulty.sim.Stats(); stats.RateLimited != 1 {
		t.Errorf("stats: %+v", stats)
	}
	if _, err := New(Options{RateLimitAnswer: "xml"}); err == nil {
		t.Error("New accepted an unknown 429 shape")
	}
}
