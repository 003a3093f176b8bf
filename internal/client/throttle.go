package client

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// methodRate is a documented per-key limit: a sustained rate and the burst allowed on top of it.
type methodRate struct {
	perSecond float64
	burst     int
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
	methods map[string]*methodLimiter
}

func newRateLimiter(multiplier float64, now func() time.Time, sleep func(context.Context, time.Duration) error) *rateLimiter {
	if multiplier == 0 {
		return nil
	}
	return &rateLimiter{multiplier: multiplier, now: now, sleep: sleep, methods: map[string]*methodLimiter{}}
}

// wait blocks until method may be called, or ctx ends. On cancellation the reserved token is
// returned so that the abandoned call does not slow down the others.
func (l *rateLimiter) wait(ctx context.Context, method string) (time.Duration, error) {
	if l == nil {
		return 0, nil
	}
	limiter := l.forMethod(method)
	delay, reservation := limiter.reserve(l.now())
	if delay <= 0 {
		return 0, nil
	}
	if err := l.sleep(ctx, delay); err != nil {
		limiter.cancel(reservation, l.now())
		return delay, err
	}
	return delay, nil
}

func (l *rateLimiter) forMethod(method string) *methodLimiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.methods[method]; ok {
		return m
	}
	documented, ok := documentedRates[method]
	if !ok {
		documented = defaultRate
	}
	m := newMethodLimiter(documented, l.multiplier)
	l.methods[method] = m
	return m
}

// methodLimiter is one method's token bucket. Reservations queue callers in arrival order.
type methodLimiter struct {
	mu      sync.Mutex
	limiter *rate.Limiter
	// latest is the latest clock reading handed to limiter. rate.Limiter counts a wait from the
	// time it is given, even one before its last update: a caller that read the clock before
	// another but reserved after it would be sent before its token exists.
	latest time.Time
}

// newMethodLimiter scales the documented rate by multiplier; the burst is the server's queue
// size, which a faster rate does not change. The client keeps one token of that burst in
// reserve, so that network jitter (two requests arriving closer together than they were sent)
// cannot push the server's own bucket over its limit.
func newMethodLimiter(documented methodRate, multiplier float64) *methodLimiter {
	burst := max(1, documented.burst-1)
	return &methodLimiter{limiter: rate.NewLimiter(rate.Limit(documented.perSecond*multiplier), burst)}
}

// reserve takes one token for a caller that read the clock at now, and returns how long that
// caller must wait before using it. rate.Limiter truncates its float arithmetic to the nanosecond
// (8.199999999s for 8.2s); the wait is rounded up to the microsecond so that it never ends before
// the token exists.
func (m *methodLimiter) reserve(now time.Time) (time.Duration, *rate.Reservation) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.latest = maxTime(m.latest, now)
	reservation := m.limiter.ReserveN(m.latest, 1)
	delay := (reservation.DelayFrom(now) + time.Microsecond - 1).Truncate(time.Microsecond)
	return max(0, delay), reservation
}

// cancel gives back a reserved token that will not be used.
func (m *methodLimiter) cancel(reservation *rate.Reservation, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.latest = maxTime(m.latest, now)
	reservation.CancelAt(m.latest)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
