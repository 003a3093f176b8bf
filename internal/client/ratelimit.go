package client

import (
	"context"
	"math"
	"sync"
	"time"
)

// methodRate is a documented per-key limit: a sustained rate and the burst allowed on top of it.
type methodRate struct {
	perSecond float64
	burst     float64
}

// defaultRate applies to every method the vendor's rate-limit table does not list.
var defaultRate = methodRate{perSecond: 10, burst: 10}

// documentedRates is the vendor's table for the methods that are slower than the default.
var documentedRates = map[string]methodRate{
	"getLicenseInfo":                {perSecond: 5, burst: 5},
	"getMonthlyUsage":               {perSecond: 5, burst: 5},
	"getMonthlyUsagePerProductType": {perSecond: 5, burst: 5},
	"setLicenseKey":                 {perSecond: 5, burst: 5},
	"addProductKey":                 {perSecond: 5, burst: 5},
	"removeProductKey":              {perSecond: 5, burst: 5},
	"deleteCompany":                 {perSecond: 5, burst: 5},
	"updateCompanyDetails":          {perSecond: 5, burst: 5},
	"suspendCompany":                {perSecond: 5, burst: 5},
	"activateCompany":               {perSecond: 5, burst: 5},
	"setMonthlySubscription":        {perSecond: 30.0 / 60, burst: 10},
}

// rateLimiter throttles calls per method so that one Client, however many goroutines share it,
// stays within the server's limits. The zero multiplier is represented by a nil *rateLimiter.
type rateLimiter struct {
	multiplier float64
	now        func() time.Time
	sleep      func(context.Context, time.Duration) error

	mu      sync.Mutex
	buckets map[string]*tokenBucket
}

func newRateLimiter(multiplier float64, now func() time.Time, sleep func(context.Context, time.Duration) error) *rateLimiter {
	if multiplier == 0 {
		return nil
	}
	return &rateLimiter{multiplier: multiplier, now: now, sleep: sleep, buckets: map[string]*tokenBucket{}}
}

// wait blocks until method may be called, or ctx ends. On cancellation the reserved token is
// returned so that the abandoned call does not slow down the others.
func (l *rateLimiter) wait(ctx context.Context, method string) (time.Duration, error) {
	if l == nil {
		return 0, nil
	}
	bucket := l.bucket(method)
	delay := bucket.reserve(l.now())
	if delay <= 0 {
		return 0, nil
	}
	if err := l.sleep(ctx, delay); err != nil {
		bucket.release()
		return delay, err
	}
	return delay, nil
}

func (l *rateLimiter) bucket(method string) *tokenBucket {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.buckets[method]; ok {
		return b
	}
	rate, ok := documentedRates[method]
	if !ok {
		rate = defaultRate
	}
	b := newTokenBucket(rate, l.multiplier, l.now())
	l.buckets[method] = b
	return b
}

// tokenBucket hands out reservations: a caller takes a token now and is told how long to wait
// until that token exists. Reservations queue callers in arrival order.
type tokenBucket struct {
	mu       sync.Mutex
	perSec   float64
	capacity float64
	tokens   float64 // negative while callers wait for tokens not yet refilled
	updated  time.Time
}

// newTokenBucket scales the documented rate by multiplier; the burst is the server's queue size,
// which a faster rate does not change. The client keeps one token of that burst in reserve, so
// that network jitter (two requests arriving closer together than they were sent) cannot push the
// server's own bucket over its limit.
func newTokenBucket(rate methodRate, multiplier float64, now time.Time) *tokenBucket {
	capacity := math.Max(1, rate.burst-1)
	return &tokenBucket{perSec: rate.perSecond * multiplier, capacity: capacity, tokens: capacity, updated: now}
}

// reserve takes one token and returns how long the caller, who read the clock at now, must wait
// before using it.
func (b *tokenBucket) reserve(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if elapsed := now.Sub(b.updated); elapsed > 0 {
		b.tokens = math.Min(b.capacity, b.tokens+elapsed.Seconds()*b.perSec)
		b.updated = now
	}
	b.tokens--
	// The token exists once the bucket, as counted at b.updated, has refilled to it. b.updated is
	// later than now when another caller read the clock after this one but took the lock first:
	// counting the wait from now would then send this request early.
	ready := b.updated.Add(time.Duration(math.Ceil(-b.tokens / b.perSec * float64(time.Second))))
	return max(0, ready.Sub(now))
}

// release gives back a reserved token that will not be used.
func (b *tokenBucket) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens = math.Min(b.capacity, b.tokens+1)
}
