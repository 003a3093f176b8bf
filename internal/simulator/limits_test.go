package simulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest/fakeclock"
)

func TestRateLimiterDecisions(t *testing.T) {
	clock := fakeclock.New()
	limiter := newRateLimiter(1, clock.Now)
	allowed := func(method string, n int) int {
		count := 0
		for range n {
			if limiter.allow("key", method) == nil {
				count++
			}
		}
		return count
	}
	if got := allowed("getLicenseInfo", 8); got != 5 {
		t.Fatalf("getLicenseInfo burst: %d allowed, want 5", got)
	}
	if got := allowed("getCompanyDetails", 12); got != 10 {
		t.Fatalf("getCompanyDetails burst: %d allowed, want 10", got)
	}
	clock.Advance(200 * time.Millisecond) // one token at 5 per second
	if got := allowed("getLicenseInfo", 2); got != 1 {
		t.Fatalf("after 200ms: %d allowed, want 1", got)
	}
	if limiter.allow("another-key", "getLicenseInfo") != nil {
		t.Fatal("buckets are not per API key")
	}

	if got := allowed("setMonthlySubscription", 11); got != 10 {
		t.Fatalf("setMonthlySubscription burst: %d allowed, want 10", got)
	}
	err := limiter.allow("key", "setMonthlySubscription")
	if err == nil || err.Code != -32003 || err.status != http.StatusTooManyRequests || err.retryAfter != 2 {
		t.Fatalf("setMonthlySubscription over its burst: %+v", err)
	}
	clock.Advance(2 * time.Second) // 30 per minute: one token every 2 s
	if got := allowed("setMonthlySubscription", 2); got != 1 {
		t.Fatalf("after 2s: %d allowed, want 1", got)
	}

	doubled := newRateLimiter(2, clock.Now)
	for i := range 5 {
		if err := doubled.allow("key", "getLicenseInfo"); err != nil {
			t.Fatalf("request %d of the doubled burst was refused: %v", i+1, err)
		}
	}
	clock.Advance(100 * time.Millisecond) // one token at 10 per second
	if doubled.allow("key", "getLicenseInfo") != nil {
		t.Fatal("the multiplier does not raise the rate")
	}
}

// TestRateLimiterReset: a reset fills every bucket again, without the clock moving.
func TestRateLimiterReset(t *testing.T) {
	limiter := newRateLimiter(1, fakeclock.New().Now)
	for range 5 {
		if err := limiter.allow("key", "getLicenseInfo"); err != nil {
			t.Fatalf("within the burst: %v", err)
		}
	}
	if limiter.allow("key", "getLicenseInfo") == nil {
		t.Fatal("the sixth request of the burst was allowed")
	}
	limiter.reset()
	for i := range 5 {
		if err := limiter.allow("key", "getLicenseInfo"); err != nil {
			t.Fatalf("request %d after the reset was refused: %v", i+1, err)
		}
	}
}

// TestServerResetFillsTheBuckets: POST /_simulator/reset resets the limiter too.
func TestServerResetFillsTheBuckets(t *testing.T) {
	h := newHarness(t, Options{})
	for range 5 {
		h.ok("licensing", "getLicenseInfo", nil, nil)
	}
	if reply := h.call("licensing", "getLicenseInfo", nil); reply.Status != http.StatusTooManyRequests {
		t.Fatalf("over the burst: HTTP %d %s", reply.Status, reply.Body)
	}
	if status, body := h.admin(http.MethodPost, "reset", nil); status != http.StatusOK {
		t.Fatalf("reset: HTTP %d %s", status, body)
	}
	h.ok("licensing", "getLicenseInfo", nil, nil)
}

func TestRateLimitedAnswer(t *testing.T) {
	h := newHarness(t, Options{})
	for range 5 {
		h.ok("licensing", "getLicenseInfo", nil, nil)
	}
	reply := h.call("licensing", "getLicenseInfo", nil)
	if reply.Status != http.StatusTooManyRequests || reply.Header.Get("Retry-After") != "1" ||
		reply.Error == nil || reply.Error.Code != -32003 || reply.Error.Message != "Too many requests" || string(reply.ID) != `"test-1"` {
		t.Fatalf("got HTTP %d Retry-After %q %s", reply.Status, reply.Header.Get("Retry-After"), reply.Body)
	}
	h.clock.Advance(time.Second)
	h.ok("licensing", "getLicenseInfo", nil, nil)
	stats := h.sim.Stats()
	if stats.RateLimited != 1 || stats.Requests["licensing.getLicenseInfo"] != 7 {
		t.Fatalf("stats: %+v", stats)
	}
}

func TestDocumentedRateLimit(t *testing.T) {
	for method, want := range map[string]rateLimit{
		"setMonthlySubscription": {perSecond: 0.5, burst: 10},
		"getLicenseInfo":         {perSecond: 5, burst: 5},
		"getCompanyDetails":      {perSecond: 10, burst: 10},
	} {
		perSecond, burst := DocumentedRateLimit(method)
		if perSecond != want.perSecond || burst != want.burst {
			t.Errorf("DocumentedRateLimit(%q) = %v/s burst %d, want %v/s burst %d", method, perSecond, burst, want.perSecond, want.burst)
		}
	}
}
