package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest/fakeclock"
)

// harness is a simulator behind an httptest server.
type harness struct {
	t     *testing.T
	sim   *Server
	http  *httptest.Server
	clock *fakeclock.Clock
	key   string
}

// newHarness starts a simulator; rate limits are off unless the options say otherwise through
// enableRateLimits.
func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	clock := fakeclock.New()
	if opts.Clock == nil {
		opts.Clock = clock.Now
	}
	sim, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &harness{t: t, sim: sim, http: srv, clock: clock, key: sim.APIKey()}
}

// newTestServer is the common case: no rate limits, default key.
func newTestServer(t *testing.T) *harness {
	return newHarness(t, Options{DisableRateLimits: true})
}

// rpcReply is a decoded JSON-RPC answer with its HTTP status and headers.
type rpcReply struct {
	Status int
	Header http.Header
	Body   []byte

	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    struct {
			Details string `json:"details"`
		} `json:"data"`
	} `json:"error"`
}

// post sends a raw body to path with the harness key.
func (h *harness) post(path, body string, header map[string]string) rpcReply {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.http.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(h.key, "")
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	return h.do(req)
}

func (h *harness) do(req *http.Request) rpcReply {
	h.t.Helper()
	resp, err := h.http.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	reply := rpcReply{Status: resp.StatusCode, Header: resp.Header, Body: body}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(body, &reply); err != nil {
			h.t.Fatalf("answer is not JSON: %v: %s", err, body)
		}
	}
	return reply
}

// call sends a JSON-RPC request and returns the answer, whatever it is.
func (h *harness) call(service, method string, params any) rpcReply {
	h.t.Helper()
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": "test-1", "method": method, "params": params})
	if err != nil {
		h.t.Fatal(err)
	}
	return h.post(apiPrefix+service, string(body), nil)
}

// ok calls a method that must succeed and decodes its result into out (when not nil).
func (h *harness) ok(service, method string, params any, out any) {
	h.t.Helper()
	reply := h.call(service, method, params)
	if reply.Status != http.StatusOK || reply.Error != nil {
		h.t.Fatalf("%s.%s(%v): HTTP %d %s", service, method, params, reply.Status, reply.Body)
	}
	if out != nil {
		if err := json.Unmarshal(reply.Result, out); err != nil {
			h.t.Fatalf("%s.%s result %s: %v", service, method, reply.Result, err)
		}
	}
}

// fails calls a method that must fail with code; it returns the details.
func (h *harness) fails(service, method string, params any, code int) string {
	h.t.Helper()
	reply := h.call(service, method, params)
	if reply.Error == nil || reply.Error.Code != code {
		h.t.Fatalf("%s.%s(%v): want error %d, got HTTP %d %s", service, method, params, code, reply.Status, reply.Body)
	}
	if reply.Status != http.StatusOK {
		h.t.Fatalf("%s.%s: JSON-RPC error %d sent with HTTP %d, want 200", service, method, code, reply.Status)
	}
	if reply.Error.Data.Details == "" {
		h.t.Fatalf("%s.%s: error %d without details", service, method, code)
	}
	return reply.Error.Data.Details
}

// invalidParam asserts a -32602 answer whose details name param.
func (h *harness) invalidParam(service, method string, params any, param string) {
	h.t.Helper()
	details := h.fails(service, method, params, -32602)
	if !regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(param) + `($|[^\w.])`).MatchString(details) {
		h.t.Fatalf("%s.%s(%v): details %q do not name '%s'", service, method, params, details, param)
	}
}

// createCompany creates a company under parentID ("" for the caller's) and returns its id.
func (h *harness) createCompany(name string, companyType int, parentID string) string {
	h.t.Helper()
	params := map[string]any{"name": name, "type": companyType}
	if parentID != "" {
		params["parentId"] = parentID
	}
	var id string
	h.ok("companies", "createCompany", params, &id)
	return id
}

// details returns getCompanyDetails of id ("" for the key's own company).
func (h *harness) details(id string) companyDetails {
	h.t.Helper()
	params := map[string]any{}
	if id != "" {
		params["companyId"] = id
	}
	var d companyDetails
	h.ok("companies", "getCompanyDetails", params, &d)
	return d
}

// admin sends a request to an administrative endpoint with the harness key.
func (h *harness) admin(method, endpoint string, body any) (int, []byte) {
	h.t.Helper()
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			h.t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, h.http.URL+adminPrefix+endpoint, reader)
	if err != nil {
		h.t.Fatal(err)
	}
	req.SetBasicAuth(h.key, "")
	resp, err := h.http.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, endpoint, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

func TestEnvelopeErrors(t *testing.T) {
	h := newTestServer(t)
	companies := apiPrefix + "companies"
	for _, tc := range []struct {
		name    string
		body    string
		code    int
		wantID  string
		details string
	}{
		{"not JSON", `{"jsonrpc":"2.0",`, -32700, "null", "not valid JSON"},
		{"batch", `[{"jsonrpc":"2.0","id":1,"method":"getCompanyDetails"}]`, -32600, "null", "Batch"},
		{"not an object", `"hello"`, -32600, "null", "request object"},
		{"wrong version", `{"jsonrpc":"1.0","id":7,"method":"getCompanyDetails"}`, -32600, "7", `"jsonrpc": "2.0"`},
		{"notification", `{"jsonrpc":"2.0","method":"getCompanyDetails"}`, -32600, "null", "notifications"},
		{"no method", `{"jsonrpc":"2.0","id":"a"}`, -32600, `"a"`, `"method"`},
		{"unknown method", `{"jsonrpc":"2.0","id":"b","method":"fooBar"}`, -32601, `"b"`, "fooBar"},
		{"params not an object", `{"jsonrpc":"2.0","id":3,"method":"getCompanyDetails","params":"x"}`, -32602, "3", "JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reply := h.post(companies, tc.body, nil)
			if reply.Status != http.StatusOK || reply.Error == nil || reply.Error.Code != tc.code {
				t.Fatalf("got HTTP %d %s, want error %d", reply.Status, reply.Body, tc.code)
			}
			if string(reply.ID) != tc.wantID {
				t.Errorf("id = %s, want %s", reply.ID, tc.wantID)
			}
			if !strings.Contains(reply.Error.Data.Details, tc.details) {
				t.Errorf("details %q do not contain %q", reply.Error.Data.Details, tc.details)
			}
		})
	}

	t.Run("wrong content type", func(t *testing.T) {
		reply := h.post(companies, `{"jsonrpc":"2.0","id":4,"method":"getCompanyDetails"}`, map[string]string{"Content-Type": "text/plain"})
		if reply.Error == nil || reply.Error.Code != -32600 || string(reply.ID) != "4" {
			t.Fatalf("got %s", reply.Body)
		}
	})
	t.Run("id echoed and empty params array accepted", func(t *testing.T) {
		reply := h.post(companies+"/", `{"jsonrpc":"2.0","id":12345,"method":"getCompanyDetails","params":[]}`, nil)
		if reply.Error != nil || string(reply.ID) != "12345" {
			t.Fatalf("got %s", reply.Body)
		}
		if reply.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("Content-Type = %q", reply.Header.Get("Content-Type"))
		}
	})
	t.Run("method on the wrong service", func(t *testing.T) {
		details := h.fails("companies", "setMonthlySubscription", map[string]any{"companyId": h.sim.RootCompanyID()}, -32601)
		if !strings.Contains(details, apiPrefix+"licensing") {
			t.Errorf("details %q do not point to the licensing API", details)
		}
		h.fails("network", "getCompanyDetails", nil, -32601)
	})
	t.Run("documented but not simulated API", func(t *testing.T) {
		h.fails("accounts", "getAccountsList", nil, -32601)
	})
}

func TestHTTPLevelErrors(t *testing.T) {
	h := newTestServer(t)
	body := `{"jsonrpc":"2.0","id":"x9","method":"getCompanyDetails"}`

	t.Run("405 for GET", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, h.http.URL+apiPrefix+"companies", nil)
		req.SetBasicAuth(h.key, "")
		reply := h.do(req)
		if reply.Status != http.StatusMethodNotAllowed || reply.Error == nil || reply.Header.Get("Allow") != "POST" {
			t.Fatalf("got HTTP %d %s", reply.Status, reply.Body)
		}
	})
	t.Run("404 for unknown paths", func(t *testing.T) {
		for _, path := range []string{"/api/v1.0/jsonrpc/quarantine", "/api/v1.0/jsonrpc/nope", "/api/v1.1/jsonrpc/companies", "/", "/api"} {
			reply := h.post(path, body, nil)
			if reply.Status != http.StatusNotFound || reply.Error != nil {
				t.Errorf("%s: got HTTP %d %s, want a bare 404", path, reply.Status, reply.Body)
			}
		}
	})
	t.Run("401 without credentials", func(t *testing.T) {
		reply := h.post(apiPrefix+"companies", body, map[string]string{"Authorization": ""})
		if reply.Status != http.StatusUnauthorized || reply.Error == nil || reply.Error.Code != -32000 {
			t.Fatalf("got HTTP %d %s", reply.Status, reply.Body)
		}
		if reply.Error.Data.Details != "Authorization header not passed, HTTP Basic Authentication should be used." || string(reply.ID) != `"x9"` {
			t.Errorf("got %s", reply.Body)
		}
	})
	t.Run("401 with a wrong key", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, h.http.URL+apiPrefix+"companies", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.SetBasicAuth("wrong-key", "")
		reply := h.do(req)
		if reply.Status != http.StatusUnauthorized || reply.Error == nil ||
			reply.Error.Data.Details != "Invalid API key. Please generate an API key in Control Center." {
			t.Fatalf("got HTTP %d %s", reply.Status, reply.Body)
		}
	})
	if got := h.sim.Stats().Requests["companies.getCompanyDetails"]; got != 0 {
		t.Errorf("unauthenticated requests were counted: %d", got)
	}
}

func TestGetAPIKeyDetails(t *testing.T) {
	h := newTestServer(t)
	var result struct {
		EnabledAPIs []string `json:"enabledApis"`
		CreatedAt   string   `json:"createdAt"`
	}
	h.ok("general", "getApiKeyDetails", nil, &result)
	if len(result.EnabledAPIs) == 0 || result.CreatedAt != "2026-03-14T09:30:00+00:00" {
		t.Fatalf("got %+v", result)
	}
	h.invalidParam("general", "getApiKeyDetails", map[string]any{"x": 1}, "x")
}

func TestOptionsValidation(t *testing.T) {
	for _, opts := range []Options{
		{RateLimitMultiplier: -1},
		{Latency: -time.Second},
		{Faults: []Fault{{Method: "*", Kind: "explode", Probability: 1}}},
	} {
		if _, err := New(opts); err == nil {
			t.Errorf("New(%+v) accepted", opts)
		}
	}
}

func TestLoggerNeverLogsTheKey(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	h := newHarness(t, Options{DisableRateLimits: true, Logger: log.New(&logWriter{buf: &buf, mu: &mu}, "", 0)})
	h.ok("companies", "getCompanyDetails", nil, nil)
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(buf.String(), "companies.getCompanyDetails: ok") || strings.Contains(buf.String(), h.key) {
		t.Fatalf("log: %q", buf.String())
	}
}

// logWriter is an io.Writer usable by a *log.Logger under the race detector.
type logWriter struct {
	buf *bytes.Buffer
	mu  *sync.Mutex
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func TestLatency(t *testing.T) {
	h := newHarness(t, Options{DisableRateLimits: true, Latency: 15 * time.Millisecond})
	started := time.Now()
	h.ok("companies", "getCompanyDetails", nil, nil)
	if elapsed := time.Since(started); elapsed < 15*time.Millisecond {
		t.Fatalf("answered after %v", elapsed)
	}
}

func TestConcurrentRequests(t *testing.T) {
	h := newTestServer(t)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			body := fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"createCompany","params":{"type":1,"name":"Parallel %d"}}`, i, i)
			req, _ := http.NewRequest(http.MethodPost, h.http.URL+apiPrefix+"companies", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.SetBasicAuth(h.key, "")
			resp, err := h.http.Client().Do(req) // not h.post: t.Fatal must not run outside the test goroutine
			if err != nil {
				t.Errorf("request %d: %v", i, err)
				return
			}
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(answer), `"result"`) {
				t.Errorf("request %d: %s", i, answer)
			}
		})
	}
	wg.Wait()
	var list []companyListItem
	h.ok("network", "getCompaniesList", nil, &list)
	if len(list) != 20 {
		t.Fatalf("%d companies after 20 parallel creations", len(list))
	}
}

func TestLogParamsShowsWhatTheClientSentButNeverTheKey(t *testing.T) {
	var logged bytes.Buffer
	h := newHarness(t, Options{DisableRateLimits: true, Logger: log.New(&logged, "", 0), LogParams: true})
	h.ok("companies", "findCompaniesByName", map[string]any{"nameFilter": "Acme", "maxResults": 5}, nil)

	if !strings.Contains(logged.String(), `companies.findCompaniesByName params: {"maxResults":5,"nameFilter":"Acme"}`) {
		t.Errorf("the params are not logged on one line:\n%s", logged.String())
	}
	if strings.Contains(logged.String(), h.key) {
		t.Errorf("the API key appears in the log:\n%s", logged.String())
	}
}
