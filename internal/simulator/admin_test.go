package simulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestAdminEndpoints(t *testing.T) {
	h := newTestServer(t)
	root := h.sim.RootCompanyID()
	customer := h.createCompany("Customer", 1, "")
	h.call("companies", "noSuchMethod", nil)
	h.call("licensing", "getCompanyDetails", nil)

	status, body := h.admin(http.MethodGet, "stats", nil)
	var stats Stats
	if status != http.StatusOK || json.Unmarshal(body, &stats) != nil {
		t.Fatalf("stats: HTTP %d %s", status, body)
	}
	want := map[string]int{"companies.createCompany": 1, "companies.noSuchMethod": 1, "licensing.getCompanyDetails": 1}
	if len(stats.Requests) != len(want) || stats.Requests["companies.createCompany"] != 1 || stats.Requests["licensing.getCompanyDetails"] != 1 {
		t.Fatalf("stats: %s", body)
	}
	if !strings.Contains(string(body), `"rateLimited":0`) || !strings.Contains(string(body), `"faultsInjected":0`) {
		t.Fatalf("stats body lacks the documented fields: %s", body)
	}

	status, body = h.admin(http.MethodPost, "usage", map[string]any{"companyId": customer, "month": "03/2026", "usedSlots": 12,
		"counters": map[string]any{"endpointMonthlyUsage": 12, "edrMonthlyUsage": 3, "brandNewMonthlyUsage": 1}})
	if status != http.StatusOK {
		t.Fatalf("usage: HTTP %d %s", status, body)
	}
	var usage map[string]any
	h.ok("licensing", "getMonthlyUsage", map[string]any{"targetMonth": "03/2026"}, &usage)
	if usage["endpointMonthlyUsage"] != float64(12) || usage["brandNewMonthlyUsage"] != float64(1) {
		t.Fatalf("root usage after POST usage: %v", usage)
	}
	for _, bad := range []map[string]any{
		{"companyId": customer, "month": "2026-03"},
		{"companyId": "5493dcd2b1a43df00b7b23c6", "month": "03/2026"},
		{"companyId": customer, "month": "03/2026", "typo": 1},
	} {
		if status, body := h.admin(http.MethodPost, "usage", bad); status != http.StatusBadRequest || !strings.Contains(string(body), `"error"`) {
			t.Errorf("usage %v: HTTP %d %s", bad, status, body)
		}
	}

	status, body = h.admin(http.MethodGet, "state", nil)
	if status != http.StatusOK || !strings.Contains(string(body), customer) || !strings.Contains(string(body), `"rootCompanyId"`) {
		t.Fatalf("state: HTTP %d %s", status, body)
	}

	status, body = h.admin(http.MethodPost, "apikeys", map[string]any{"companyId": root})
	var created struct{ APIKey string }
	if status != http.StatusOK || json.Unmarshal(body, &created) != nil || created.APIKey == "" {
		t.Fatalf("apikeys: HTTP %d %s", status, body)
	}

	status, body = h.admin(http.MethodPost, "reset", nil)
	if status != http.StatusOK || !strings.Contains(string(body), root) {
		t.Fatalf("reset: HTTP %d %s", status, body)
	}
	var list []companyListItem
	h.ok("network", "getCompaniesList", nil, &list)
	if len(list) != 0 || h.sim.RootCompanyID() != root {
		t.Fatalf("after reset: root %s, companies %v", h.sim.RootCompanyID(), list)
	}
	if stats := h.sim.Stats(); len(stats.Requests) != 1 {
		t.Fatalf("stats after reset: %+v", stats)
	}
	h.key = created.APIKey
	if reply := h.call("companies", "getCompanyDetails", nil); reply.Status != http.StatusUnauthorized {
		t.Fatalf("an API key survived the reset: HTTP %d", reply.Status)
	}
}

func TestAdminAuthAndRouting(t *testing.T) {
	h := newTestServer(t)
	if status, _ := h.admin(http.MethodPost, "stats", nil); status != http.StatusMethodNotAllowed {
		t.Errorf("POST stats: HTTP %d", status)
	}
	if status, _ := h.admin(http.MethodGet, "nothing", nil); status != http.StatusNotFound {
		t.Errorf("unknown endpoint: HTTP %d", status)
	}
	key, err := h.sim.CreateAPIKey(h.sim.RootCompanyID())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"wrong", key} {
		h.key = k
		if status, body := h.admin(http.MethodGet, "stats", nil); status != http.StatusUnauthorized {
			t.Errorf("key %q: HTTP %d %s", k, status, body)
		}
	}
}
