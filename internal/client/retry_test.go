package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRetryDecisionsPerMethodAndFailure(t *testing.T) {
	ctx := t.Context()
	tests := []struct {
		name         string
		replies      []responder
		invoke       func(c *Client) error
		wantRequests int
		wantErr      func(error) bool
	}{
		{
			name:         "read retried on 502 until success",
			replies:      []responder{rawReply(502, nginxBadGateway), rawReply(502, nginxBadGateway), result(map[string]any{"id": "c1"})},
			invoke:       func(c *Client) error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			wantRequests: 3,
		},
		{
			name:    "updateCompanyDetails retried on 502",
			replies: []responder{rawReply(502, nginxBadGateway), result(nil)},
			invoke: func(c *Client) error {
				return c.UpdateCompanyDetails(ctx, UpdateCompanyParams{ID: "c1", Name: ptr("x")})
			},
			wantRequests: 2,
		},
		{
			name:    "setMonthlySubscription retried after a reset",
			replies: []responder{resetConnection, result(nil)},
			invoke: func(c *Client) error {
				return c.SetMonthlySubscription(ctx, MonthlySubscriptionParams{CompanyID: "c1"})
			},
			wantRequests: 2,
		},
		{
			name:         "suspendCompany retried on 500",
			replies:      []responder{rpcFailure(500, -32000, "Server error", ""), result(nil)},
			invoke:       func(c *Client) error { return c.SuspendCompany(ctx, "c1", false) },
			wantRequests: 2,
		},
		{
			name:         "read retried on a malformed answer",
			replies:      []responder{rawReply(200, "<html>maintenance</html>"), result(map[string]any{"subscriptionType": 3})},
			invoke:       func(c *Client) error { _, err := c.GetLicenseInfo(ctx, "c1"); return err },
			wantRequests: 2,
		},
		{
			name:         "-32003 retried for any method",
			replies:      []responder{rpcFailure(429, -32003, "Too many requests", "Rate limit exceeded."), result(nil)},
			invoke:       func(c *Client) error { return c.ActivateCompany(ctx, "c1", false) },
			wantRequests: 2,
		},
		{
			name:         "invalid params never retried",
			replies:      []responder{rpcFailure(200, -32602, "Invalid params", "bad")},
			invoke:       func(c *Client) error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			wantRequests: 1,
			wantErr:      IsInvalidParams,
		},
		{
			name:         "invalid key never retried",
			replies:      []responder{rpcFailure(401, -32000, "Server error", "Invalid API key")},
			invoke:       func(c *Client) error { _, err := c.GetAPIKeyDetails(ctx); return err },
			wantRequests: 1,
			wantErr:      IsUnauthorized,
		},
		{
			name:         "API not enabled never retried",
			replies:      []responder{rpcFailure(403, -32000, "Server error", "API Key is not allowed to access the selected API: Licensing")},
			invoke:       func(c *Client) error { _, err := c.GetLicenseInfo(ctx, "c1"); return err },
			wantRequests: 1,
			wantErr:      IsForbidden,
		},
		{
			name:         "method not found never retried",
			replies:      []responder{rpcFailure(200, -32601, "Method not found", "")},
			invoke:       func(c *Client) error { _, err := c.GetCompaniesList(ctx, ""); return err },
			wantRequests: 1,
			wantErr:      IsMethodNotFound,
		},
		{
			name:         "404 never retried",
			replies:      []responder{rawReply(404, "")},
			invoke:       func(c *Client) error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			wantRequests: 1,
			wantErr:      func(err error) bool { apiErr, ok := asAPIError(err); return ok && apiErr.HTTPStatus == 404 },
		},
		{
			name:         "retries bounded by MaxRetries",
			replies:      []responder{rawReply(502, nginxBadGateway)},
			invoke:       func(c *Client) error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			wantRequests: 4, // the first attempt and three retries
			wantErr:      IsAmbiguous,
		},
		{
			name:         "Retry-After beyond the bound is not waited for",
			replies:      []responder{rawReply(429, "", "Retry-After", "3600")},
			invoke:       func(c *Client) error { _, err := c.GetCompanyDetails(ctx, "c1"); return err },
			wantRequests: 1,
			wantErr:      IsRateLimited,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			c, _ := newTestClient(t, api, nil)
			err := tt.invoke(c)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantErr != nil && !tt.wantErr(err) {
				t.Fatalf("error %v is not of the expected class", err)
			}
			if n := len(api.recorded()); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
		})
	}
}

func TestMaxRetriesZeroMeansOneAttempt(t *testing.T) {
	api := newFakeAPI(t, rawReply(429, nginxTooManyRequests))
	c, sleeps := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 0 })
	if _, err := c.GetCompanyDetails(t.Context(), "c1"); !IsRateLimited(err) {
		t.Fatalf("err = %v", err)
	}
	if len(api.recorded()) != 1 || len(sleeps.recorded()) != 0 {
		t.Errorf("%d requests and %d sleeps, want 1 and 0", len(api.recorded()), len(sleeps.recorded()))
	}
}

func TestBackoffDelaysGrowAndAreCapped(t *testing.T) {
	api := newFakeAPI(t, rawReply(503, ""))
	c, sleeps := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 7 })
	_, _ = c.GetCompanyDetails(t.Context(), "c1")
	// With no jitter each delay is half of base*2^n, capped at half of 30s.
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Second, 15 * time.Second}
	if got := sleeps.recorded(); !reflect.DeepEqual(got, want) {
		t.Errorf("delays = %v, want %v", got, want)
	}
}

func TestBackoffJitterStaysWithinBounds(t *testing.T) {
	b := backoff{base: time.Second, max: 30 * time.Second}
	for retry, full := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second} {
		b.jitter = func(n time.Duration) time.Duration { return 0 }
		if got := b.delay(retry); got != full/2 {
			t.Errorf("retry %d lowest delay = %s, want %s", retry, got, full/2)
		}
		b.jitter = func(n time.Duration) time.Duration { return n - 1 }
		if got := b.delay(retry); got != full-1 {
			t.Errorf("retry %d highest delay = %s, want %s", retry, got, full-1)
		}
	}
	b.jitter = randomDuration
	for retry := range 100 { // large retry numbers must not overflow the shift
		if d := b.delay(retry); d < 0 || d > 30*time.Second {
			t.Fatalf("retry %d: delay %s out of [0, 30s]", retry, d)
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"duplicated seconds", "60, 60", time.Minute},
		{"HTTP date", "Mon, 23 Nov 2026 10:00:30 GMT", 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, rawReply(429, nginxTooManyRequests, "Retry-After", tt.value), result(map[string]any{"id": "c1"}))
			c, sleeps := newTestClient(t, api, nil)
			c.now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
			if _, err := c.GetCompanyDetails(t.Context(), "c1"); err != nil {
				t.Fatal(err)
			}
			if got := sleeps.recorded(); len(got) != 1 || got[0] != tt.want {
				t.Errorf("waited %v, want [%s]", got, tt.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"60, 60", time.Minute},
		{"60,60", time.Minute},
		{"-3", 0},
		{"soon", 0},
		{"Mon, 23 Nov 2026 10:01:00 GMT", time.Minute},
		{"Mon, 23 Nov 2026 10:01:00 GMT, Mon, 23 Nov 2026 10:01:00 GMT", time.Minute},
		{"Mon, 23 Nov 2026 09:00:00 GMT", 0}, // already past
	}
	for _, tt := range tests {
		header := http.Header{}
		if tt.value != "" {
			header.Set("Retry-After", tt.value)
		}
		if got := parseRetryAfter(header, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", tt.value, got, tt.want)
		}
	}
}

func TestCancellationDuringBackoff(t *testing.T) {
	api := newFakeAPI(t, rawReply(502, nginxBadGateway))
	c, _ := newTestClient(t, api, nil)
	ctx, cancel := context.WithCancel(t.Context())
	var waited []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		cancel() // the user interrupts while the client waits to retry
		return sleepContext(ctx, d)
	}
	_, err := c.GetCompanyDetails(ctx, "c1")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled in the chain", err)
	}
	if apiErr := mustAPIError(t, err); apiErr.HTTPStatus != 502 {
		t.Errorf("the last API error is lost: %+v", apiErr)
	}
	if !strings.Contains(err.Error(), "stopped before retrying") {
		t.Errorf("err = %q, want it to say the retry was abandoned", err)
	}
	if len(api.recorded()) != 1 || len(waited) != 1 {
		t.Errorf("%d requests, %d waits; want 1 and 1", len(api.recorded()), len(waited))
	}
}

func TestSleepContextReturnsEarlyOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("sleepContext ignored the cancelled context")
	}
	if err := sleepContext(t.Context(), time.Millisecond); err != nil {
		t.Errorf("err = %v", err)
	}
}
