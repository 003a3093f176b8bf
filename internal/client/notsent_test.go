package client

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestNotSentRequestsAreRetriedForEveryMethod covers requests that never reach the server: they
// are not ambiguous, so even createCompany, which is never repeated blindly, is sent again, and
// the final error says that nothing was sent and where the client tried to connect.
func TestNotSentRequestsAreRetriedForEveryMethod(t *testing.T) {
	var plainRequests atomic.Int32
	plain := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { plainRequests.Add(1) }))
	plain.Config.ErrorLog = log.New(io.Discard, "", 0) // the TLS client's hello is expected to fail
	plain.Start()
	t.Cleanup(plain.Close)

	// Closed after plain is listening, so that the port it frees cannot be handed to plain.
	refused := httptest.NewServer(http.NotFoundHandler())
	refused.Close()

	tests := []struct {
		name, url, wantCause string
	}{
		{"connection refused", refused.URL + "/api", "connection refused"},
		{"unknown host", "https://gravityzone.invalid/api", "gravityzone.invalid"},
		{"TLS handshake with a server that does not speak TLS", strings.Replace(plain.URL, "http://", "https://", 1) + "/api", "server gave HTTP response to HTTPS client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{URL: tt.url, APIKey: testAPIKey, MaxRetries: 3})
			if err != nil {
				t.Fatal(err)
			}
			sleeps := &sleepRecorder{}
			c.sleep = sleeps.sleep
			_, err = c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Acme"})
			if !IsNotSent(err) || IsAmbiguous(err) {
				t.Fatalf("err = %v (not sent %t, ambiguous %t); want a request that was not sent, not an ambiguous one", err, IsNotSent(err), IsAmbiguous(err))
			}
			if n := len(sleeps.recorded()); n != 3 {
				t.Errorf("%d retries, want max_retries (3)", n)
			}
			for _, want := range []string{"companies.createCompany: could not connect to the API, so nothing was sent", tt.url, tt.wantCause} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("err = %q, want it to contain %q", err, want)
				}
			}
		})
	}
	if n := plainRequests.Load(); n != 0 {
		t.Errorf("the server that does not speak TLS received %d requests", n)
	}
}

// TestInterruptEndsCallsInProgressAndLater covers Config.Interrupt: a call waiting to retry
// returns once it ends, and a later call returns at once, neither of them sending anything more.
func TestInterruptEndsCallsInProgressAndLater(t *testing.T) {
	api := newFakeAPI(t, rawReply(429, nginxTooManyRequests, "Retry-After", "60"))
	interrupt, interruptNow := context.WithCancel(t.Context())
	c, _ := newTestClient(t, api, func(cfg *Config) { cfg.Interrupt = interrupt })
	c.sleep = func(ctx context.Context, d time.Duration) error {
		interruptNow() // Ctrl-C while waiting for Retry-After
		return sleepContext(ctx, d)
	}
	if _, err := c.GetAPIKeyDetails(t.Context()); !errors.Is(err, context.Canceled) {
		t.Errorf("the call waiting to retry returned %v, want it cancelled", err)
	}
	if _, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Acme"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a later call returned %v, want it cancelled", err)
	}
	if n := len(api.recorded()); n != 1 {
		t.Errorf("%d requests, want only the first", n)
	}
}
