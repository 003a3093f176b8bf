package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCheckURL(t *testing.T) {
	tests := []struct {
		raw     string
		wantErr string // substring; empty means valid
	}{
		{"https://cloud.gravityzone.bitdefender.com/api", ""},
		{"https://cloud.gravityzone.bitdefender.com/api/", ""},
		{"https://10.0.0.5:8443/api", ""},
		{"http://127.0.0.1:8080/api", ""},
		{"http://127.10.20.30/api", ""},
		{"http://localhost:8080/api", ""},
		{"http://LOCALHOST/api", ""},
		{"http://[::1]:8080/api", ""},
		{"HTTPS://cloud.gravityzone.bitdefender.com/api", ""},
		{" https://cloud.gravityzone.bitdefender.com/api", "white space"},
		{"https://cloud.gravityzone.bitdefender.com/api\n", "white space"},
		{"http://example.com/api", "only for loopback hosts"},
		{"http://localhost.example.com/api", "only for loopback hosts"},
		{"http://10.0.0.5/api", "only for loopback hosts"},
		{"ftp://cloud.gravityzone.bitdefender.com/api", `scheme "ftp"`},
		{"", "empty"},
		{"   ", "empty"},
		{"cloud.gravityzone.bitdefender.com/api", "no scheme"},
		{"https://", "no host"},
		{"https:///api", "no host"},
		{"http://:8080/api", "no host"},
		{"https://cloud.gravityzone.bitdefender.com/api?x=1", "query"},
		{"https://cloud.gravityzone.bitdefender.com/api?", "query"},
		{"https://cloud.gravityzone.bitdefender.com/api#top", "fragment"},
		{"https://user:secret@cloud.gravityzone.bitdefender.com/api", "user name or password"},
		{"https://cloud.gravityzone.bitdefender.com:port/api", "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			err := CheckURL(tt.raw)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckURL(%q) = %v, want nil", tt.raw, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckURL(%q) = nil, want an error containing %q", tt.raw, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("CheckURL(%q) = %q, want it to contain %q", tt.raw, err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error repeats URL credentials: %q", err)
			}
		})
	}
}

func TestCheckURLErrorsSayWhatToDo(t *testing.T) {
	for _, raw := range []string{"", "ftp://x/api", "https://x/api?q", "cloud.example/api"} {
		if err := CheckURL(raw); err == nil || !strings.Contains(err.Error(), DefaultURL) {
			t.Errorf("CheckURL(%q) = %v, want it to show the expected form %s", raw, err, DefaultURL)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	valid := Config{URL: DefaultURL, APIKey: testAPIKey}
	tests := []struct {
		name    string
		adjust  func(*Config)
		wantErr string
	}{
		{"valid", func(*Config) {}, ""},
		{"bad URL", func(c *Config) { c.URL = "http://example.com/api" }, "loopback"},
		{"empty key", func(c *Config) { c.APIKey = "" }, "API key is empty"},
		{"blank key", func(c *Config) { c.APIKey = " \n" }, "API key is empty"},
		{"key with a colon", func(c *Config) { c.APIKey = testAPIKey + ":x" }, "colon"},
		{"key with inner space", func(c *Config) { c.APIKey = "abc def" }, "space"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "timeout"},
		{"negative retries", func(c *Config) { c.MaxRetries = -1 }, "max retries"},
		{"negative multiplier", func(c *Config) { c.RateLimitMultiplier = -0.5 }, "multiplier"},
		{"NaN multiplier", func(c *Config) { c.RateLimitMultiplier = math.NaN() }, "multiplier"},
		{"infinite multiplier", func(c *Config) { c.RateLimitMultiplier = math.Inf(1) }, "multiplier"},
		{"CA that is not PEM", func(c *Config) { c.TLSCACertificatePEM = "not a certificate" }, "no PEM certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := valid
			tt.adjust(&cfg)
			c, err := New(cfg)
			if tt.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("New = %v, %v; want a client", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New error = %v, want it to contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testAPIKey) {
				t.Errorf("error text contains the API key: %q", err)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{URL: "http://127.0.0.1:1/api/", APIKey: testAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	if c.timeout != 60*time.Second {
		t.Errorf("timeout = %s, want 60s", c.timeout)
	}
	if c.userAgent != defaultUserAgent {
		t.Errorf("user agent = %q", c.userAgent)
	}
	if c.limiter != nil {
		t.Error("multiplier 0 should turn throttling off")
	}
	if c.endpoint != "http://127.0.0.1:1/api/v1.0/jsonrpc/" {
		t.Errorf("endpoint = %q (trailing slash of the URL not handled)", c.endpoint)
	}
}

func TestRequestShape(t *testing.T) {
	api := newFakeAPI(t)
	api.on("createCompany", result("5493dcd2b1a43df00b7b23c6")).
		on("getCompanyDetails", result(map[string]any{"id": "c1", "name": "A", "type": 1})).
		on("findCompaniesByName", result([]any{})).
		on("getCompaniesList", result([]any{})).
		on("getLicenseInfo", result(map[string]any{})).
		on("getMonthlyUsage", result(map[string]any{})).
		on("getApiKeyDetails", result(map[string]any{"enabledApis": []string{"companies"}}))
	c, _ := newTestClient(t, api, nil)
	ctx := t.Context()

	tests := []struct {
		name       string
		invoke     func() error
		wantPath   string
		wantMethod string
		wantParams string
	}{
		{"createCompany", func() error {
			_, err := c.CreateCompany(ctx, CreateCompanyParams{Type: 1, Name: "Customer LTD", ParentID: "p1", LicenseSubscription: &LicenseSubscription{Type: 3}})
			return err
		}, "/api/v1.0/jsonrpc/companies", "createCompany", `{"type":1,"name":"Customer LTD","parentId":"p1","licenseSubscription":{"type":3}}`},
		{"getCompanyDetails with id", func() error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			"/api/v1.0/jsonrpc/companies", "getCompanyDetails", `{"companyId":"c1"}`},
		{"getCompanyDetails of the key's company", func() error { _, err := c.GetCompanyDetails(ctx, ""); return err },
			"/api/v1.0/jsonrpc/companies", "getCompanyDetails", `{}`},
		{"updateCompanyDetails sends id and only set fields", func() error {
			return c.UpdateCompanyDetails(ctx, UpdateCompanyParams{ID: "c1", Name: ptr("New"), Phone: ptr(""), Industry: ptr(0)})
		}, "/api/v1.0/jsonrpc/companies", "updateCompanyDetails", `{"id":"c1","name":"New","phone":"","industry":0}`},
		{"deleteCompany", func() error { return c.DeleteCompany(ctx, "c1") },
			"/api/v1.0/jsonrpc/companies", "deleteCompany", `{"companyId":"c1"}`},
		{"suspendCompany", func() error { return c.SuspendCompany(ctx, "c1", true) },
			"/api/v1.0/jsonrpc/companies", "suspendCompany", `{"companyId":"c1","recursive":true}`},
		{"activateCompany", func() error { return c.ActivateCompany(ctx, "c1", false) },
			"/api/v1.0/jsonrpc/companies", "activateCompany", `{"companyId":"c1","recursive":false}`},
		{"findCompaniesByName", func() error { _, err := c.FindCompaniesByName(ctx, "Acme", 100); return err },
			"/api/v1.0/jsonrpc/companies", "findCompaniesByName", `{"nameFilter":"Acme","maxResults":100}`},
		{"findCompaniesByName with the server's default", func() error { _, err := c.FindCompaniesByName(ctx, "Acme", 0); return err },
			"/api/v1.0/jsonrpc/companies", "findCompaniesByName", `{"nameFilter":"Acme"}`},
		{"getCompaniesList", func() error { _, err := c.GetCompaniesList(ctx, "p1"); return err },
			"/api/v1.0/jsonrpc/network", "getCompaniesList", `{"parentId":"p1"}`},
		{"getCompaniesList of the key's company", func() error { _, err := c.GetCompaniesList(ctx, ""); return err },
			"/api/v1.0/jsonrpc/network", "getCompaniesList", `{}`},
		{"getLicenseInfo", func() error { _, err := c.GetLicenseInfo(ctx, "c1"); return err },
			"/api/v1.0/jsonrpc/licensing", "getLicenseInfo", `{"companyId":"c1"}`},
		{"setMonthlySubscription", func() error { return c.SetMonthlySubscription(ctx, MonthlySubscriptionParams{CompanyID: "c1"}) },
			"/api/v1.0/jsonrpc/licensing", "setMonthlySubscription",
			`{"companyId":"c1","manageExchange":false,"manageEncryption":false,"managePatchManagement":false,"manageEmailSecurity":false,"manageMobileSecurity":false,"manageIntegrityMonitoring":false}`},
		{"getMonthlyUsage", func() error { _, err := c.GetMonthlyUsage(ctx, "c1", "05/2024"); return err },
			"/api/v1.0/jsonrpc/licensing", "getMonthlyUsage", `{"companyId":"c1","targetMonth":"05/2024"}`},
		{"getMonthlyUsage of the current month", func() error { _, err := c.GetMonthlyUsage(ctx, "", ""); return err },
			"/api/v1.0/jsonrpc/licensing", "getMonthlyUsage", `{}`},
		{"getApiKeyDetails", func() error { _, err := c.GetAPIKeyDetails(ctx); return err },
			"/api/v1.0/jsonrpc/general", "getApiKeyDetails", `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(api.recorded())
			if err := tt.invoke(); err != nil {
				t.Fatalf("call failed: %v", err)
			}
			calls := api.recorded()[before:]
			if len(calls) != 1 {
				t.Fatalf("%d requests, want 1", len(calls))
			}
			call := calls[0]
			if call.Path != tt.wantPath {
				t.Errorf("path = %q, want %q", call.Path, tt.wantPath)
			}
			if call.Method != tt.wantMethod || call.JSONRPC != "2.0" {
				t.Errorf("method = %q, jsonrpc = %q", call.Method, call.JSONRPC)
			}
			assertJSONEqual(t, call.Params, tt.wantParams)
		})
	}
}

func TestRequestHeadersAndUniqueIDs(t *testing.T) {
	api := newFakeAPI(t, result(map[string]any{"enabledApis": []string{}}))
	c, _ := newTestClient(t, api, func(cfg *Config) { cfg.APIKey = "  " + testAPIKey + "\n" })
	for range 20 {
		if _, err := c.GetAPIKeyDetails(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testAPIKey+":"))
	ids := map[string]bool{}
	for _, call := range api.recorded() {
		if call.HTTPMethod != http.MethodPost {
			t.Errorf("HTTP method %q, want POST", call.HTTPMethod)
		}
		if got := call.Header.Get("Authorization"); got != wantAuth {
			t.Errorf("Authorization = %q, want Basic with the trimmed key and an empty password", got)
		}
		if got := call.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("Content-Type = %q", got)
		}
		if got := call.Header.Get("User-Agent"); got != "terraform-provider-gravityzone/test" {
			t.Errorf("User-Agent = %q", got)
		}
		if call.ID == "" || ids[call.ID] {
			t.Errorf("request id %q is empty or repeated", call.ID)
		}
		ids[call.ID] = true
	}
	if len(ids) != 20 {
		t.Errorf("%d distinct ids over 20 requests", len(ids))
	}
}

func TestErrorClassesEndToEnd(t *testing.T) {
	type check func(t *testing.T, err error)
	apiError := func(code, status int, details string) check {
		return func(t *testing.T, err error) {
			apiErr := mustAPIError(t, err)
			if apiErr.Code != code || apiErr.HTTPStatus != status || apiErr.Details != details {
				t.Errorf("got code %d, HTTP %d, details %q; want %d, %d, %q", apiErr.Code, apiErr.HTTPStatus, apiErr.Details, code, status, details)
			}
			if apiErr.Method != "companies.getCompanyDetails" {
				t.Errorf("Method = %q", apiErr.Method)
			}
		}
	}
	predicate := func(name string, is func(error) bool) check {
		return func(t *testing.T, err error) {
			if !is(err) {
				t.Errorf("%s(%v) = false", name, err)
			}
		}
	}
	not := func(name string, is func(error) bool) check {
		return func(t *testing.T, err error) {
			if is(err) {
				t.Errorf("%s(%v) = true", name, err)
			}
		}
	}

	tests := []struct {
		name   string
		reply  responder
		checks []check
	}{
		{"401 with JSON body", rpcFailure(401, -32000, "Server error", "Invalid API key. Please generate an API key in Control Center."),
			[]check{apiError(-32000, 401, "Invalid API key. Please generate an API key in Control Center."), predicate("IsUnauthorized", IsUnauthorized), not("IsAmbiguous", IsAmbiguous)}},
		{"403 API not enabled", rpcFailure(403, -32000, "Server error", "API Key is not allowed to access the selected API: Companies"),
			[]check{apiError(-32000, 403, "API Key is not allowed to access the selected API: Companies"), predicate("IsForbidden", IsForbidden), not("IsUnauthorized", IsUnauthorized)}},
		{"404 without body", rawReply(404, "404 page not found"),
			[]check{not("IsNotFound", IsNotFound), not("IsAmbiguous", IsAmbiguous), predicate("IsNoAPIAtURL", IsNoAPIAtURL), func(t *testing.T, err error) {
				// The URL tried, and what the API URL should look like.
				if apiErr := mustAPIError(t, err); apiErr.HTTPStatus != 404 || !strings.Contains(apiErr.Details, "/api/v1.0/jsonrpc/companies;") ||
					!strings.Contains(apiErr.Details, "ends in /api") {
					t.Errorf("got HTTP %d, details %q; want the URL tried and the advice on /api", apiErr.HTTPStatus, apiErr.Details)
				}
			}}},
		{"405 method not allowed", rawReply(405, "", "Allow", "POST"),
			[]check{apiError(0, 405, "")}},
		{"-32601 method not found", rpcFailure(200, -32601, "Method not found", "The selected API is not available."),
			[]check{apiError(-32601, 200, "The selected API is not available."), predicate("IsMethodNotFound", IsMethodNotFound)}},
		{"-32602 with details", rpcFailure(200, -32602, "Invalid params", "Invalid value for 'companyId'"),
			[]check{apiError(-32602, 200, "Invalid value for 'companyId'"), predicate("IsInvalidParams", IsInvalidParams), not("IsNotFound", IsNotFound)}},
		{"-32002 resource not found", rpcFailure(200, -32002, "Resource not found", "The company does not exist"),
			[]check{apiError(-32002, 200, "The company does not exist"), predicate("IsNotFound", IsNotFound)}},
		{"429 with an HTML body", rawReply(429, nginxTooManyRequests, "Content-Type", "text/html", "Retry-After", "60"),
			[]check{apiError(0, 429, ""), predicate("IsRateLimited", IsRateLimited), func(t *testing.T, err error) {
				if got := mustAPIError(t, err).RetryAfter; got != time.Minute {
					t.Errorf("RetryAfter = %s, want 1m", got)
				}
			}}},
		{"429 with -32003 JSON", rpcFailure(429, -32003, "Too many requests", "Rate limit exceeded. Maximum 3 requests per 60 seconds allowed."),
			[]check{apiError(-32003, 429, "Rate limit exceeded. Maximum 3 requests per 60 seconds allowed."), predicate("IsRateLimited", IsRateLimited)}},
		{"500 with JSON", rpcFailure(500, -32000, "Server error", "Internal error"),
			[]check{apiError(-32000, 500, "Internal error"), predicate("IsAmbiguous", IsAmbiguous)}},
		{"502 with HTML", rawReply(502, nginxBadGateway, "Content-Type", "text/html"),
			[]check{apiError(0, 502, ""), predicate("IsAmbiguous", IsAmbiguous)}},
		{"malformed JSON", rawReply(200, `{"id":"1","jsonrpc":"2.0","result":{`, "Content-Type", "application/json"),
			[]check{predicate("IsAmbiguous", IsAmbiguous), func(t *testing.T, err error) {
				if apiErr := mustAPIError(t, err); apiErr.Message != "malformed response" || apiErr.HTTPStatus != 200 {
					t.Errorf("got %+v", apiErr)
				}
			}}},
		{"envelope without result or error", rawReply(200, `{"id":"1","jsonrpc":"2.0"}`),
			[]check{predicate("IsAmbiguous", IsAmbiguous), func(t *testing.T, err error) {
				if !strings.Contains(err.Error(), "neither result nor error") {
					t.Errorf("error %q does not say what is wrong", err)
				}
			}}},
		{"result of the wrong type", result("not an object"),
			[]check{predicate("IsAmbiguous", IsAmbiguous), func(t *testing.T, err error) {
				if !strings.Contains(err.Error(), "decoding the result") {
					t.Errorf("error %q does not say what is wrong", err)
				}
			}}},
		{"connection reset", resetConnection,
			[]check{predicate("IsAmbiguous", IsAmbiguous), func(t *testing.T, err error) {
				if _, ok := asAPIError(err); ok {
					t.Errorf("a reset is not an answer from the API: %v", err)
				}
				if !strings.Contains(err.Error(), "companies.getCompanyDetails") {
					t.Errorf("error %q does not name the operation", err)
				}
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.reply)
			c, _ := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 0 })
			company, err := c.GetCompanyDetails(t.Context(), "c1")
			if err == nil {
				t.Fatalf("want an error, got %+v", company)
			}
			for _, check := range tt.checks {
				check(t, err)
			}
		})
	}
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	api := newFakeAPI(t, rawReply(http.StatusMovedPermanently, "", "Location", "https://cloudgz.gravityzone.bitdefender.com/api/v1.0/jsonrpc/companies"))
	c, _ := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 0 })
	_, err := c.GetCompanyDetails(t.Context(), "")
	apiErr := mustAPIError(t, err)
	if apiErr.HTTPStatus != 301 || !strings.Contains(apiErr.Details, "redirected to https://cloudgz.") {
		t.Errorf("got %+v", apiErr)
	}
	if n := len(api.recorded()); n != 1 {
		t.Errorf("%d requests, want 1 (redirect must not be followed)", n)
	}
}

func TestRequestTimeoutIsAmbiguousAndRetriedForReads(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ recordedCall) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c, sleeps := newTestClient(t, api, func(cfg *Config) { cfg.Timeout = 20 * time.Millisecond; cfg.MaxRetries = 1 })
	_, err := c.GetCompanyDetails(t.Context(), "c1")
	if !IsAmbiguous(err) || !strings.Contains(err.Error(), "request timeout of 20ms") {
		t.Fatalf("err = %v, want an ambiguous timeout", err)
	}
	if n := len(api.recorded()); n != 2 {
		t.Errorf("%d requests, want 2 (one retry)", n)
	}
	if len(sleeps.recorded()) != 1 {
		t.Errorf("backoff sleeps = %v, want one", sleeps.recorded())
	}
}

func TestCallerCancellationDuringRequestIsNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ recordedCall) {
		cancel()
		<-r.Context().Done()
	})
	c, sleeps := newTestClient(t, api, nil)
	_, err := c.GetCompanyDetails(ctx, "c1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled in the chain", err)
	}
	if n := len(api.recorded()); n != 1 || len(sleeps.recorded()) != 0 {
		t.Errorf("%d requests, %d sleeps; want 1 and 0", n, len(sleeps.recorded()))
	}
}

func TestTLSSettings(t *testing.T) {
	server := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": "1", "jsonrpc": "2.0", "result": map[string]any{"enabledApis": []string{"companies"}}})
	}))
	server.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	server.StartTLS()
	t.Cleanup(server.Close)
	caPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}))

	tests := []struct {
		name    string
		adjust  func(*Config)
		wantErr bool
	}{
		{"unknown CA is refused", func(*Config) {}, true},
		{"extra CA is trusted", func(c *Config) { c.TLSCACertificatePEM = caPEM }, false},
		{"verification can be skipped", func(c *Config) { c.TLSInsecureSkipVerify = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{URL: server.URL + "/api", APIKey: testAPIKey, MaxRetries: 3}
			tt.adjust(&cfg)
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			sleeps := &sleepRecorder{}
			c.sleep = sleeps.sleep
			_, err = c.GetAPIKeyDetails(t.Context())
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr {
				return
			}
			// The request was never sent: neither ambiguous nor worth a retry.
			if !IsCertificateError(err) || IsAmbiguous(err) || len(sleeps.recorded()) != 0 {
				t.Errorf("err = %v (certificate error %t, ambiguous %t, %d retries); want a certificate error, not retried",
					err, IsCertificateError(err), IsAmbiguous(err), len(sleeps.recorded()))
			}
			if !strings.Contains(err.Error(), "certificate signed by unknown authority") {
				t.Errorf("err = %v, want it to name the certificate problem", err)
			}
		})
	}
}

func TestLogsNeverContainTheAPIKey(t *testing.T) {
	var logs bytes.Buffer
	ctx := t.Context()

	api := newFakeAPI(t)
	api.on("getApiKeyDetails", rpcFailure(401, -32000, "Server error", "Invalid API key. Please generate an API key in Control Center.")).
		on("getCompanyDetails", rawReply(502, nginxBadGateway), result(map[string]any{"id": "c1", "name": "A"})).
		on("createCompany", resetConnection).
		on("getCompaniesList", result([]map[string]string{{"id": "c9", "name": "Acme"}})).
		on("getLicenseInfo", rawReply(429, nginxTooManyRequests, "Retry-After", "1"), result(map[string]any{"subscriptionType": 3}))
	c, _ := newTestClient(t, api, func(cfg *Config) {
		cfg.RateLimitMultiplier = 1000
		cfg.Logger = &jsonLinesLogger{out: &logs}
	})

	if _, err := c.GetAPIKeyDetails(ctx); !IsUnauthorized(err) {
		t.Fatalf("getApiKeyDetails: %v", err)
	}
	if _, err := c.GetCompanyDetails(ctx, "c1"); err != nil {
		t.Fatalf("getCompanyDetails: %v", err)
	}
	if id, err := c.CreateCompany(ctx, CreateCompanyParams{Name: "Acme", Type: 1}); err != nil || id != "c9" {
		t.Fatalf("createCompany: %q, %v", id, err)
	}
	if _, err := c.GetLicenseInfo(ctx, "c1"); err != nil {
		t.Fatalf("getLicenseInfo: %v", err)
	}

	text := logs.String()
	var entries []map[string]any
	for decoder := json.NewDecoder(strings.NewReader(text)); decoder.More(); {
		var entry map[string]any
		if err := decoder.Decode(&entry); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, entry)
	}
	if len(entries) < 8 {
		t.Fatalf("only %d log entries; logging is not happening", len(entries))
	}
	outcomes := map[string]bool{}
	for _, entry := range entries {
		if entry["@message"] == "GravityZone API call" {
			outcomes[entry["outcome"].(string)] = true
			for _, field := range []string{"service", "method", "attempt", "duration_ms"} {
				if _, ok := entry[field]; !ok {
					t.Errorf("log entry lacks %q: %v", field, entry)
				}
			}
		}
	}
	for _, want := range []string{"success", "error", "ambiguous", "rate_limited"} {
		if !outcomes[want] {
			t.Errorf("no log entry with outcome %q (have %v)", want, outcomes)
		}
	}

	for _, secret := range []string{
		testAPIKey,
		base64.StdEncoding.EncodeToString([]byte(testAPIKey + ":")),
		base64.StdEncoding.EncodeToString([]byte(testAPIKey)),
		"Basic ",
		"Authorization",
	} {
		if strings.Contains(text, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
}

func TestServerEchoOfTheKeyIsScrubbed(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte(testAPIKey + ":"))
	tests := []struct {
		name  string
		reply responder
	}{
		{"JSON-RPC details", rpcFailure(401, -32000, "Server error", "Invalid API key "+testAPIKey+" for this host")},
		{"JSON-RPC message", rpcFailure(200, -32602, "Invalid params: "+testAPIKey, "")},
		{"plain-text body", rawReply(400, "bad header: Authorization: Basic "+basic)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.reply)
			c, _ := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 0 })
			_, err := c.GetAPIKeyDetails(t.Context())
			if err == nil || !strings.Contains(err.Error(), "[redacted]") {
				t.Fatalf("err = %v, want the echoed key replaced", err)
			}
			if strings.Contains(err.Error(), testAPIKey) || strings.Contains(err.Error(), basic) {
				t.Errorf("error text contains the key: %q", err)
			}
		})
	}
}

func TestKeepsAConnectionPerConcurrentRequest(t *testing.T) {
	c, err := New(Config{URL: "https://cloud.gravityzone.bitdefender.com/api", APIKey: testAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	transport, ok := c.httpClient.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport is %T", c.httpClient.Transport)
	}
	// Terraform runs 10 operations at once by default; each needs its connection kept, or it
	// opens a new one (and does a TLS handshake) for its next request.
	if transport.MaxIdleConnsPerHost < 10 {
		t.Errorf("MaxIdleConnsPerHost = %d, want at least Terraform's default parallelism of 10", transport.MaxIdleConnsPerHost)
	}
}
