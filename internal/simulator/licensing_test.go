package simulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// licenseInfo returns getLicenseInfo of id.
func (h *harness) licenseInfo(id string) map[string]any {
	h.t.Helper()
	var info map[string]any
	h.ok("licensing", "getLicenseInfo", map[string]any{"companyId": id}, &info)
	return info
}

func (h *harness) stateSnapshot() []byte {
	h.t.Helper()
	status, body := h.admin(http.MethodGet, "state", nil)
	if status != http.StatusOK {
		h.t.Fatalf("GET state: HTTP %d %s", status, body)
	}
	return body
}

func TestSetMonthlySubscription(t *testing.T) {
	h := newTestServer(t)
	customer := h.createCompany("Customer LTD", 1, "")

	// The request example of the vendor's setMonthlySubscription page.
	h.ok("licensing", "setMonthlySubscription", map[string]any{
		"companyId": customer, "removeReservedSlots": true, "assignedProductType": 0,
		"assignedProtectionModel": "aLaCarte", "manageEncryption": true,
		"ownUse": map[string]any{"manageEventCorrelator": true, "manageHyperDetect": true, "manageSandboxAnalyzer": true},
	}, nil)
	info := h.licenseInfo(customer)
	if info["subscriptionType"] != float64(3) || info["manageEncryption"] != true || info["assignedProtectionModel"] != "aLaCarte" {
		t.Fatalf("getLicenseInfo after setMonthlySubscription: %v", info)
	}

	// A rejected request (R9: top-level and ownUse EDR together) changes nothing at all.
	before := h.stateSnapshot()
	h.invalidParam("licensing", "setMonthlySubscription", map[string]any{
		"companyId": customer, "manageExchange": true, "manageEventCorrelator": true,
		"ownUse": map[string]any{"manageEventCorrelator": true},
	}, "manageEventCorrelator")
	if after := h.stateSnapshot(); !bytes.Equal(before, after) {
		t.Fatalf("a rejected setMonthlySubscription changed the state:\n%s\n%s", before, after)
	}

	h.invalidParam("licensing", "setMonthlySubscription", map[string]any{}, "companyId")
	h.fails("licensing", "setMonthlySubscription", map[string]any{"companyId": "5493dcd2b1a43df00b7b23c6"}, -32002)
	h.fails("licensing", "setMonthlySubscription", map[string]any{"companyId": h.sim.RootCompanyID()}, -32000)
}

// TestSetMonthlySubscriptionNeedsCompanyID: the simulator, not the licensing rules, reads companyId.
func TestSetMonthlySubscriptionNeedsCompanyID(t *testing.T) {
	h := newTestServer(t)
	for _, params := range []any{map[string]any{"manageExchange": true}, nil, json.RawMessage(`[]`)} {
		h.invalidParam("licensing", "setMonthlySubscription", params, "companyId")
	}
	h.invalidParam("licensing", "setMonthlySubscription", map[string]any{"companyId": 5}, "companyId")
	h.invalidParam("licensing", "setMonthlySubscription", "x", "params")
}

func TestSetMonthlySubscriptionUsesTheTree(t *testing.T) {
	h := newTestServer(t)
	partner := h.createCompany("Partner", 0, "")
	first := h.createCompany("First", 1, partner)
	second := h.createCompany("Second", 1, partner)
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": partner, "reservedSlots": 10, "assignedProductType": 0,
		"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": []string{"aLaCarte", "mspSecure"}}, nil)
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": first, "reservedSlots": 6, "assignedProductType": 0,
		"assignedProtectionModel": "mspSecure"}, nil)

	// The parent's free seats: 10 reserved, 6 given to its other child.
	h.invalidParam("licensing", "setMonthlySubscription", map[string]any{"companyId": second, "reservedSlots": 5}, "reservedSlots")
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": second, "reservedSlots": 4, "assignedProtectionModel": "aLaCarte"}, nil)
	// The partner's reservation may not drop below what its children reserve.
	h.invalidParam("licensing", "setMonthlySubscription", map[string]any{"companyId": partner, "reservedSlots": 9}, "reservedSlots")

	// R24: withdrawing a model a client uses needs setNewProtectionModelForClients, which then applies to it.
	withdraw := map[string]any{"companyId": partner, "assignedProductType": 0, "assignedProtectionModel": "aLaCarte",
		"additionalProtectionModels": []string{"aLaCarte"}}
	h.invalidParam("licensing", "setMonthlySubscription", withdraw, "setNewProtectionModelForClients")
	withdraw["setNewProtectionModelForClients"] = "aLaCarte"
	h.ok("licensing", "setMonthlySubscription", withdraw, nil)
	if got := h.licenseInfo(first)["assignedProtectionModel"]; got != "aLaCarte" {
		t.Fatalf("the client's model after R24: %v", got)
	}
}

func TestGetLicenseInfo(t *testing.T) {
	h := newTestServer(t)
	root := h.licenseInfo(h.sim.RootCompanyID())
	if root["subscriptionType"] != float64(3) || root["totalSlots"] != nil {
		t.Fatalf("root license: %v", root)
	}
	var own map[string]any
	h.ok("licensing", "getLicenseInfo", map[string]any{"returnAllProducts": true}, &own)
	if _, ok := own["additionalLicenses"]; !ok {
		t.Errorf("returnAllProducts did not add additionalLicenses: %v", own)
	}
	h.invalidParam("licensing", "getLicenseInfo", map[string]any{"page": 1}, "page")
	h.invalidParam("licensing", "getLicenseInfo", map[string]any{"companyId": 5}, "companyId")
}

func TestMonthlyUsageAggregation(t *testing.T) {
	h := newTestServer(t)
	root := h.sim.RootCompanyID()
	partner := h.createCompany("Partner", 0, "")
	child := h.createCompany("Child", 1, partner)
	for _, u := range []struct {
		id       string
		slots    int
		counters map[string]float64
	}{
		{root, 1, map[string]float64{"endpointMonthlyUsage": 1}},
		{partner, 2, map[string]float64{"endpointMonthlyUsage": 2, "edrMonthlyUsage": 1}},
		{child, 5, map[string]float64{"endpointMonthlyUsage": 5, "futureCounterMonthlyUsage": 7}},
	} {
		if err := h.sim.SetUsage(u.id, "03/2026", u.slots, u.counters); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.sim.SetUsage(child, "02/2026", 9, map[string]float64{"endpointMonthlyUsage": 9}); err != nil {
		t.Fatal(err)
	}
	usage := func(params map[string]any) map[string]any {
		var result map[string]any
		h.ok("licensing", "getMonthlyUsage", params, &result)
		return result
	}
	for _, tc := range []struct {
		params            map[string]any
		endpoints, edr    float64
		futureCounterSeen bool
	}{
		{map[string]any{"companyId": child, "targetMonth": "03/2026"}, 5, 0, true},
		{map[string]any{"companyId": partner, "targetMonth": "03/2026"}, 7, 1, true},
		{map[string]any{"targetMonth": "03/2026"}, 8, 1, true},
		{map[string]any{}, 8, 1, true}, // the current month by default
		{map[string]any{"companyId": partner, "targetMonth": "02/2026"}, 9, 0, false},
		{map[string]any{"companyId": partner, "targetMonth": "01/2026"}, 0, 0, false},
		{map[string]any{"companyId": partner, "targetMonth": "03/2026", "productType": 3}, 0, 0, false},
	} {
		got := usage(tc.params)
		_, future := got["futureCounterMonthlyUsage"]
		if got["endpointMonthlyUsage"] != tc.endpoints || got["edrMonthlyUsage"] != tc.edr || future != tc.futureCounterSeen {
			t.Errorf("getMonthlyUsage(%v) = %v", tc.params, got)
		}
		if got["sveVdiMonthlyUsage"] != float64(0) || got["minimumUsage"] == nil {
			t.Errorf("getMonthlyUsage(%v) lacks the documented counters: %v", tc.params, got)
		}
	}
	if got := h.licenseInfo(partner)["usedSlots"]; got != float64(7) {
		t.Errorf("getLicenseInfo usedSlots of the partner = %v, want 7 (own + child)", got)
	}

	for _, month := range []string{"2026-03", "3/2026", "13/2026", "03/26", "March 2026"} {
		h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"targetMonth": month}, "targetMonth")
		h.invalidParam("licensing", "getMonthlyUsagePerProductType", map[string]any{"targetMonth": month}, "targetMonth")
	}
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"productType": 1}, "productType")

	var perType struct {
		Usages []map[string]any `json:"usages"`
	}
	h.ok("licensing", "getMonthlyUsagePerProductType", map[string]any{"companyId": partner, "targetMonth": "03/2026"}, &perType)
	if len(perType.Usages) != 3 || perType.Usages[0]["productType"] != float64(0) || perType.Usages[0]["endpointMonthlyUsage"] != float64(7) ||
		perType.Usages[1]["endpointMonthlyUsage"] != float64(0) {
		t.Fatalf("getMonthlyUsagePerProductType: %v", perType)
	}
}

func TestMonthlyUsageRegistrationWindowR37(t *testing.T) {
	h := newTestServer(t)
	early := h.createCompany("Early", 1, "")
	h.clock.Advance(40 * 24 * time.Hour) // 2026-04-23
	late := h.createCompany("Late", 1, "")
	for _, id := range []string{early, late} {
		if err := h.sim.SetUsage(id, "04/2026", 1, map[string]float64{"endpointMonthlyUsage": 1}); err != nil {
			t.Fatal(err)
		}
	}
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"usageCoverageType": 3, "companyRegistrationStartDate": "2026-04-01"}, "companyRegistrationEndDate")
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"companyRegistrationStartDate": "2026-04-01"}, "companyRegistrationStartDate")
	h.invalidParam("licensing", "getMonthlyUsage", map[string]any{"usageCoverageType": 2}, "usageCoverageType")
	var result map[string]any
	h.ok("licensing", "getMonthlyUsage", map[string]any{"targetMonth": "04/2026", "usageCoverageType": 3,
		"companyRegistrationStartDate": "2026-04-01", "companyRegistrationEndDate": "2026-04-23"}, &result)
	if result["endpointMonthlyUsage"] != float64(1) {
		t.Fatalf("usage of companies registered in April: %v", result["endpointMonthlyUsage"])
	}
}

func TestSetUsageValidation(t *testing.T) {
	h := newTestServer(t)
	root := h.sim.RootCompanyID()
	for _, tc := range []struct {
		id, month string
		slots     int
		counters  map[string]float64
	}{
		{"5493dcd2b1a43df00b7b23c6", "03/2026", 0, nil},
		{root, "2026-03", 0, nil},
		{root, "03/2026", -1, nil},
		{root, "03/2026", 0, map[string]float64{"x": -1}},
		{root, "03/2026", 0, map[string]float64{"minimumUsage": 1}},
	} {
		if err := h.sim.SetUsage(tc.id, tc.month, tc.slots, tc.counters); err == nil {
			t.Errorf("SetUsage(%q, %q, %d, %v) accepted", tc.id, tc.month, tc.slots, tc.counters)
		}
	}
}
