package simulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	faults, err := ParseFaults(" createCompany:reset-after-commit:0.5, *:http429:1 ,licensing.getLicenseInfo:slow:0")
	if err != nil {
		t.Fatal(err)
	}
	want := []Fault{{"createCompany", FaultResetAfterCommit, 0.5}, {"*", FaultHTTP429, 1}, {"licensing.getLicenseInfo", FaultSlow, 0}}
	if len(faults) != len(want) {
		t.Fatalf("got %v", faults)
	}
	for i := range want {
		if faults[i] != want[i] {
			t.Errorf("fault %d = %+v, want %+v", i, faults[i], want[i])
		}
	}
	if faults, err := ParseFaults(""); err != nil || faults != nil {
		t.Errorf("empty spec: %v %v", faults, err)
	}
	for _, spec := range []string{
		"createCompany:explode:0.5", "createCompany:reset:1.5", "createCompany:reset:x", "createCompany:reset",
		"createCompnay:reset:1", "companies.getLicenseInfo:reset:1",
	} {
		if _, err := ParseFaults(spec); err == nil {
			t.Errorf("ParseFaults(%q) accepted", spec)
		}
	}
}

// faultHarness starts a simulator injecting kind into every createCompany request.
func faultHarness(t *testing.T, kind FaultKind, slow time.Duration) *harness {
	return newHarness(t, Options{DisableRateLimits: true, SlowDuration: slow,
		Faults: []Fault{{Method: "companies.createCompany", Kind: kind, Probability: 1}}})
}

// companyExists reports whether a company with this exact name exists.
func (h *harness) companyExists(name string) bool {
	h.t.Helper()
	var found []companyDetails
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": name}, &found)
	return len(found) == 1
}

func createBody(name string) string {
	return `{"jsonrpc":"2.0","id":"f1","method":"createCompany","params":{"type":1,"name":"` + name + `"}}`
}

func TestFaultHTTPStatuses(t *testing.T) {
	for _, tc := range []struct {
		kind   FaultKind
		status int
	}{{FaultHTTP429, 429}, {FaultHTTP500, 500}, {FaultHTTP502, 502}} {
		t.Run(string(tc.kind), func(t *testing.T) {
			h := faultHarness(t, tc.kind, 0)
			reply := h.post(apiPrefix+"companies", createBody("Faulted"), nil)
			if reply.Status != tc.status {
				t.Fatalf("HTTP %d, want %d", reply.Status, tc.status)
			}
			if tc.kind == FaultHTTP429 && (reply.Header.Get("Retry-After") != "1" || reply.Error == nil || reply.Error.Code != -32003) {
				t.Fatalf("429 fault: Retry-After %q %s", reply.Header.Get("Retry-After"), reply.Body)
			}
			if h.companyExists("Faulted") {
				t.Fatal("the method ran despite the fault")
			}
			stats := h.sim.Stats()
			wantLimited := 0
			if tc.kind == FaultHTTP429 {
				wantLimited = 1
			}
			if stats.FaultsInjected != 1 || stats.RateLimited != wantLimited || stats.Requests["companies.createCompany"] != 1 {
				t.Fatalf("stats: %+v", stats)
			}
		})
	}
}

func TestFaultMalformed(t *testing.T) {
	h := faultHarness(t, FaultMalformed, 0)
	req, _ := http.NewRequest(http.MethodPost, h.http.URL+apiPrefix+"companies", strings.NewReader(createBody("Malformed")))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(h.key, "")
	resp, err := h.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v any
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&v) == nil {
		t.Fatalf("HTTP %d with a decodable body", resp.StatusCode)
	}
	if h.companyExists("Malformed") {
		t.Fatal("the method ran despite the fault")
	}
}

// postExpectingFailure sends a request that must fail at the transport level.
func (h *harness) postExpectingFailure(client *http.Client, body string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.http.URL+apiPrefix+"companies", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(h.key, "")
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
		h.t.Fatalf("got HTTP %d, want a transport error", resp.StatusCode)
	}
}

func TestFaultResets(t *testing.T) {
	t.Run("reset does not act", func(t *testing.T) {
		h := faultHarness(t, FaultReset, 0)
		h.postExpectingFailure(h.http.Client(), createBody("Reset"))
		if h.companyExists("Reset") {
			t.Fatal("reset ran the method")
		}
	})
	t.Run("reset-after-commit commits", func(t *testing.T) {
		h := faultHarness(t, FaultResetAfterCommit, 0)
		h.postExpectingFailure(h.http.Client(), createBody("Committed"))
		if !h.companyExists("Committed") {
			t.Fatal("reset-after-commit did not keep the change")
		}
	})
}

func TestFaultSlow(t *testing.T) {
	t.Run("answers after the delay", func(t *testing.T) {
		h := faultHarness(t, FaultSlow, 20*time.Millisecond)
		started := time.Now()
		h.ok("companies", "createCompany", map[string]any{"type": 1, "name": "Slow"}, nil)
		if elapsed := time.Since(started); elapsed < 20*time.Millisecond {
			t.Fatalf("answered after %v", elapsed)
		}
	})
	t.Run("a client that gives up leaves no change", func(t *testing.T) {
		h := faultHarness(t, FaultSlow, time.Minute)
		client := h.http.Client()
		client.Timeout = 50 * time.Millisecond
		h.postExpectingFailure(client, createBody("Abandoned"))
		if h.companyExists("Abandoned") {
			t.Fatal("the abandoned request ran")
		}
	})
}

func TestFaultsAreRepeatable(t *testing.T) {
	pattern := func(seed int64) string {
		h := newHarness(t, Options{DisableRateLimits: true, Seed: seed,
			Faults: []Fault{{Method: "getCompanyDetails", Kind: FaultHTTP500, Probability: 0.5}}})
		var b strings.Builder
		for range 32 {
			if h.call("companies", "getCompanyDetails", nil).Status == http.StatusOK {
				b.WriteByte('.')
			} else {
				b.WriteByte('X')
			}
			h.ok("licensing", "getLicenseInfo", nil, nil) // not matched: draws nothing
		}
		return b.String()
	}
	first, again, other := pattern(7), pattern(7), pattern(8)
	if first != again {
		t.Fatalf("same seed, different faults:\n%s\n%s", first, again)
	}
	if first == other || !strings.Contains(first, "X") || !strings.Contains(first, ".") {
		t.Fatalf("faults do not depend on the seed or the probability: %s / %s", first, other)
	}
}
