package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// TestRateLimitAnswersOfBothShapes: the client reads a 429 as a rate limit, with the wait the
// server asked for, whether it comes as the documented JSON-RPC -32003 error or as the HTML page
// with "Retry-After: 60, 60" live tenants send. Only the public API is used.
func TestRateLimitAnswersOfBothShapes(t *testing.T) {
	for _, tc := range []struct {
		answer     simulator.RateLimitAnswer
		code       int
		retryAfter time.Duration
	}{
		{simulator.RateLimitJSONRPC, CodeTooManyRequests, time.Second},
		{simulator.RateLimitHTML, 0, time.Minute},
	} {
		t.Run(string(tc.answer), func(t *testing.T) {
			sim, err := simulator.New(simulator.Options{RateLimitAnswer: tc.answer,
				Faults: []simulator.Fault{{Method: "getLicenseInfo", Kind: simulator.FaultHTTP429, Probability: 1}}})
			if err != nil {
				t.Fatal(err)
			}
			server := httptest.NewServer(sim)
			t.Cleanup(server.Close)

			// Without retries the answer itself comes back.
			c, err := New(Config{URL: server.URL + "/api", APIKey: sim.APIKey()})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetLicenseInfo(context.Background(), "")
			var apiErr *APIError
			if !errors.As(err, &apiErr) || !IsRateLimited(err) || IsAmbiguous(err) {
				t.Fatalf("want a rate-limit APIError, got %T %v", err, err)
			}
			if apiErr.HTTPStatus != http.StatusTooManyRequests || apiErr.Code != tc.code || apiErr.RetryAfter != tc.retryAfter {
				t.Errorf("HTTP %d, code %d, Retry-After %v; want 429, %d, %v", apiErr.HTTPStatus, apiErr.Code, apiErr.RetryAfter, tc.code, tc.retryAfter)
			}
			if strings.Contains(err.Error(), "<html") || strings.Contains(err.Error(), sim.APIKey()) {
				t.Errorf("the message carries the HTML page or the key: %v", err)
			}

			// With retries the client waits as long as the server asked before each new try.
			retrying, err := New(Config{URL: server.URL + "/api", APIKey: sim.APIKey(), MaxRetries: 2})
			if err != nil {
				t.Fatal(err)
			}
			sleeps := &sleepRecorder{}
			retrying.sleep = sleeps.sleep
			if _, err = retrying.GetLicenseInfo(t.Context(), ""); !IsRateLimited(err) {
				t.Errorf("after the retries: %v, want the rate limit", err)
			}
			waits := sleeps.recorded()
			if len(waits) != 2 {
				t.Fatalf("waits %v, want one before each of the 2 retries", waits)
			}
			for _, wait := range waits {
				if wait < tc.retryAfter {
					t.Errorf("waited %v before a retry, want at least the Retry-After of %v", wait, tc.retryAfter)
				}
			}
			if got := sim.Stats().Requests["licensing.getLicenseInfo"]; got != 4 {
				t.Errorf("the server received %d requests, want 4 (1 without retries, then 1 and 2 retries)", got)
			}
		})
	}
}
