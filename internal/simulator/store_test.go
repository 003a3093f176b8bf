package simulator

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestStateFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	h := newHarness(t, Options{DisableRateLimits: true, StatePath: path})
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the state file was not written at start: %v", err)
	}
	partner := h.createCompany("Partner", 0, "")
	customer := h.createCompany("Customer", 1, partner)
	h.ok("companies", "suspendCompany", map[string]any{"companyId": customer, "recursive": false}, nil)
	h.ok("licensing", "setMonthlySubscription", map[string]any{"companyId": customer, "reservedSlots": 3}, nil)
	if err := h.sim.SetUsage(customer, "03/2026", 2, map[string]float64{"endpointMonthlyUsage": 2}); err != nil {
		t.Fatal(err)
	}
	key, err := h.sim.CreateAPIKey(partner)
	if err != nil {
		t.Fatal(err)
	}
	wantDetails, wantLicense := h.details(customer), h.licenseInfo(customer)

	reloaded := newHarness(t, Options{DisableRateLimits: true, StatePath: path})
	if reloaded.sim.RootCompanyID() != h.sim.RootCompanyID() {
		t.Fatal("the root company changed on reload")
	}
	if got := reloaded.details(customer); !reflect.DeepEqual(got, wantDetails) {
		t.Fatalf("details after reload:\n got %+v\nwant %+v", got, wantDetails)
	}
	if got := reloaded.licenseInfo(customer); !reflect.DeepEqual(got, wantLicense) {
		t.Fatalf("license after reload:\n got %v\nwant %v", got, wantLicense)
	}
	reloaded.key = key
	if reloaded.details("").ID != partner {
		t.Fatal("the extra API key did not survive the reload")
	}
	reloaded.key = reloaded.sim.APIKey()
	next := reloaded.createCompany("After reload", 1, "")
	if next == partner || next == customer {
		t.Fatal("an id was reused after reload")
	}

	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestStateFileSaveFailureChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{DisableRateLimits: true, StatePath: path})
	// A non-empty directory where the file should be makes the rename fail.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(path, "blocker"), 0o755); err != nil {
		t.Fatal(err)
	}
	if d := h.fails("companies", "createCompany", map[string]any{"type": 1, "name": "Unsaved"}, -32000); !strings.Contains(d, "state file") {
		t.Fatalf("details: %q", d)
	}
	if h.companyExists("Unsaved") {
		t.Fatal("a change that could not be saved was kept")
	}
}

func TestInvalidStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	for _, content := range []string{`not json`, `{"version":99}`, `{"version":1,"rootCompanyId":"x","companies":{}}`} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{StatePath: path}); err == nil {
			t.Errorf("New accepted the state file %s", content)
		}
	}
}

func TestIDsAreDeterministic(t *testing.T) {
	ids := func(seed int64) [2]string {
		h := newHarness(t, Options{DisableRateLimits: true, Seed: seed})
		return [2]string{h.sim.RootCompanyID(), h.createCompany("Company", 1, "")}
	}
	first, again, other := ids(3), ids(3), ids(4)
	if first != again || first == other || first[0] == first[1] {
		t.Fatalf("ids: %v %v %v", first, again, other)
	}
}
