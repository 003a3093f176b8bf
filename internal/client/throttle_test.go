package client

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest/fakeclock"
)

func reserveN(m *methodLimiter, now time.Time, n int) []time.Duration {
	waits := make([]time.Duration, n)
	for i := range waits {
		waits[i], _ = m.reserve(now)
	}
	return waits
}

// serverBucket models the server's token bucket at the documented rate and burst, apart from
// the client's own limiter.
type serverBucket struct {
	perSecond, tokens float64
	burst             int
	updated           time.Time
}

// admit reports whether a request arriving at the given time finds a token.
func (b *serverBucket) admit(at time.Time) bool {
	b.tokens = min(float64(b.burst), b.tokens+at.Sub(b.updated).Seconds()*b.perSecond)
	b.updated = at
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func ms(values ...int) []time.Duration {
	out := make([]time.Duration, len(values))
	for i, v := range values {
		out[i] = time.Duration(v) * time.Millisecond
	}
	return out
}

func TestLimiterDecisionsPerMethodClass(t *testing.T) {
	tests := []struct {
		method     string
		multiplier float64
		want       []time.Duration // waits of consecutive calls at one instant
	}{
		// 10/s, burst 10, one token held back: 9 immediate, then one per 100ms.
		{"createCompany", 1, ms(0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200)},
		// 5/s, burst 5: 4 immediate, then one per 200ms.
		{"getLicenseInfo", 1, ms(0, 0, 0, 0, 200, 400)},
		{"updateCompanyDetails", 1, ms(0, 0, 0, 0, 200, 400)},
		{"deleteCompany", 1, ms(0, 0, 0, 0, 200, 400)},
		// 30/min, burst 10: 9 immediate, then one per 2s.
		{"setMonthlySubscription", 1, ms(0, 0, 0, 0, 0, 0, 0, 0, 0, 2000, 4000)},
		// The multiplier scales the rate; the burst (the server's queue) stays as documented.
		{"getLicenseInfo", 2, ms(0, 0, 0, 0, 100, 200, 300)},
		{"getLicenseInfo", 0.5, ms(0, 0, 0, 0, 400, 800)},
		{"setMonthlySubscription", 10, ms(0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 400)},
		{"setMonthlySubscription", 0.1, ms(0, 0, 0, 0, 0, 0, 0, 0, 0, 20000)},
	}
	for _, tt := range tests {
		clock := fakeclock.New()
		limiter := newRateLimiter(tt.multiplier, clock.Now, clock.Sleep)
		got := reserveN(limiter.forMethod(tt.method), clock.Now(), len(tt.want))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s ×%v: waits %v, want %v", tt.method, tt.multiplier, got, tt.want)
		}
	}
}

func TestLimiterRefillsOverTime(t *testing.T) {
	clock := fakeclock.New()
	bucket := newRateLimiter(1, clock.Now, clock.Sleep).forMethod("getLicenseInfo")
	reserveN(bucket, clock.Now(), 6) // 4 tokens used, two callers queued: -2 tokens
	clock.Advance(time.Second)       // +5 tokens: 3 available
	if got := reserveN(bucket, clock.Now(), 4); !slices.Equal(got, ms(0, 0, 0, 200)) {
		t.Errorf("after 1s: waits %v, want [0 0 0 200ms]", got)
	}
	clock.Advance(time.Hour) // refill stops at the capacity (4)
	if got := reserveN(bucket, clock.Now(), 5); !slices.Equal(got, ms(0, 0, 0, 0, 200)) {
		t.Errorf("after an idle hour: waits %v, want [0 0 0 0 200ms]", got)
	}
}

// TestLimiterCountsFromTheLatestUpdate covers a caller that read the clock before another caller
// but took the bucket's lock after it: its wait must count from the bucket's last update, or it
// is sent before its token exists and the server refuses it.
func TestLimiterCountsFromTheLatestUpdate(t *testing.T) {
	clock := fakeclock.New()
	bucket := newRateLimiter(1, clock.Now, clock.Sleep).forMethod("getLicenseInfo") // 5/s, 4 tokens
	readEarly := clock.Now()
	reserveN(bucket, readEarly, 4)
	clock.Advance(100 * time.Millisecond) // half a token
	if wait, _ := bucket.reserve(clock.Now()); wait != 100*time.Millisecond {
		t.Fatalf("the fifth call waits %s, want 100ms", wait)
	}
	// The sixth token exists 200 ms after the fifth, 400 ms after readEarly.
	if wait, _ := bucket.reserve(readEarly); wait != 400*time.Millisecond {
		t.Errorf("a caller that read the clock 100ms earlier waits %s from then, want 400ms", wait)
	}
}

func TestLimiterBucketsAreIndependentPerMethod(t *testing.T) {
	clock := fakeclock.New()
	limiter := newRateLimiter(1, clock.Now, clock.Sleep)
	reserveN(limiter.forMethod("getLicenseInfo"), clock.Now(), 20)
	if wait, _ := limiter.forMethod("getCompanyDetails").reserve(clock.Now()); wait != 0 {
		t.Errorf("getCompanyDetails waits %s because getLicenseInfo is exhausted", wait)
	}
	if first, again := limiter.forMethod("getLicenseInfo"), limiter.forMethod("getLicenseInfo"); first != again {
		t.Error("a method's bucket is not shared between calls")
	}
}

func TestLimiterOffWhenMultiplierIsZero(t *testing.T) {
	limiter := newRateLimiter(0, time.Now, func(context.Context, time.Duration) error {
		t.Fatal("throttling is off but the limiter sleeps")
		return nil
	})
	for range 1000 {
		if wait, err := limiter.wait(t.Context(), "setMonthlySubscription"); wait != 0 || err != nil {
			t.Fatalf("wait = %s, %v", wait, err)
		}
	}
}

// TestLimiterReachesButNeverExceedsTheServerLimit replays the client's send times into a model
// of the server's token bucket at the documented rate and burst, with the network delaying
// every other request by up to 90% of the interval between requests (so requests arrive
// bunched). The server must never refuse, and the client must still run at the full rate.
func TestLimiterReachesButNeverExceedsTheServerLimit(t *testing.T) {
	for _, method := range []string{"createCompany", "getLicenseInfo", "setMonthlySubscription"} {
		t.Run(method, func(t *testing.T) {
			documented, ok := documentedRates[method]
			if !ok {
				documented = defaultRate
			}
			clock := fakeclock.New()
			limiter := newRateLimiter(1, clock.Now, clock.Sleep)
			start := clock.Now()
			const calls = 300
			arrivals := make([]time.Time, calls)
			interval := time.Duration(float64(time.Second) / documented.perSecond)
			for i := range arrivals {
				if _, err := limiter.wait(t.Context(), method); err != nil {
					t.Fatal(err)
				}
				latency := time.Duration(0)
				if i%2 == 0 {
					latency = interval * 9 / 10
				}
				arrivals[i] = clock.Now().Add(latency)
			}
			slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })

			server := &serverBucket{perSecond: documented.perSecond, burst: documented.burst, tokens: float64(documented.burst), updated: start}
			for i, at := range arrivals {
				if !server.admit(at) {
					t.Fatalf("request %d would be refused by the server", i)
				}
			}

			elapsed := clock.Now().Sub(start).Seconds()
			ideal := float64(calls-documented.burst+1) / documented.perSecond
			if math.Abs(elapsed-ideal)/ideal > 0.01 {
				t.Errorf("%d calls took %.1fs, want about %.1fs (the documented rate)", calls, elapsed, ideal)
			}
		})
	}
}

func TestLimiterQueuesConcurrentCallersInOrder(t *testing.T) {
	clock := fakeclock.New()
	bucket := newRateLimiter(1, clock.Now, clock.Sleep).forMethod("getMonthlyUsage")
	now := clock.Now()
	const callers = 50
	waits := make([]time.Duration, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() { waits[i], _ = bucket.reserve(now) })
	}
	wg.Wait()
	slices.Sort(waits)
	// Four immediate, then exactly one caller per 200ms slot: no slot given twice.
	for i, wait := range waits {
		want := time.Duration(max(0, i-3)) * 200 * time.Millisecond
		if wait != want {
			t.Fatalf("sorted waits[%d] = %s, want %s (all: %v)", i, wait, want, waits)
		}
	}
}

func TestLimiterWaitHonoursCancellation(t *testing.T) {
	clock := fakeclock.New()
	limiter := newRateLimiter(1, clock.Now, sleepContext) // real sleep: must return on cancel
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for range 9 {
		if wait, err := limiter.wait(ctx, "setMonthlySubscription"); wait != 0 || err != nil {
			t.Fatalf("burst call: wait %s, err %v", wait, err)
		}
	}
	startedAt := time.Now()
	wait, err := limiter.wait(ctx, "setMonthlySubscription")
	if !errors.Is(err, context.Canceled) || wait != 2*time.Second {
		t.Fatalf("wait = %s, err = %v; want 2s and context.Canceled", wait, err)
	}
	if time.Since(startedAt) > time.Second {
		t.Error("the cancelled wait still slept")
	}
	// The abandoned reservation was returned: the next caller waits 2s, not 4s.
	if next, _ := limiter.forMethod("setMonthlySubscription").reserve(clock.Now()); next != 2*time.Second {
		t.Errorf("next caller waits %s, want 2s", next)
	}
}

func TestClientThrottlesThroughTheLimiter(t *testing.T) {
	api := newFakeAPI(t)
	c, _ := newTestClient(t, api, nil)
	clock := fakeclock.New()
	var slept []time.Duration
	c.limiter = newRateLimiter(1, clock.Now, func(ctx context.Context, d time.Duration) error {
		slept = append(slept, d)
		return clock.Sleep(ctx, d)
	})
	for range 11 {
		if err := c.SetMonthlySubscription(t.Context(), MonthlySubscriptionParams{CompanyID: "c1"}); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(slept, ms(2000, 2000)) {
		t.Errorf("throttle waits %v, want [2s 2s] after a burst of 9", slept)
	}
	if n := len(api.recorded()); n != 11 {
		t.Errorf("%d requests, want 11", n)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := c.SetMonthlySubscription(ctx, MonthlySubscriptionParams{CompanyID: "c1"})
	if !errors.Is(err, context.Canceled) || IsAmbiguous(err) {
		t.Errorf("err = %v; want a cancellation that is not ambiguous (nothing was sent)", err)
	}
	if n := len(api.recorded()); n != 11 {
		t.Errorf("a request was sent after cancellation during the throttle wait")
	}
}
