package simulator

import (
	"fmt"
	"sync"
	"time"
)

// rateLimit is one row of GravityZone's documented rate-limit table: a sustained rate per API key
// and method, and a burst of requests allowed above it.
type rateLimit struct {
	perSecond float64
	burst     int
}

var (
	defaultRateLimit = rateLimit{perSecond: 10, burst: 10}  // every method not listed below
	fivePerSecond    = rateLimit{perSecond: 5, burst: 5}    // most licensing and company-changing methods
	thirtyPerMinute  = rateLimit{perSecond: 0.5, burst: 10} // setMonthlySubscription and other heavy writes

	methodRateLimits = map[string]rateLimit{
		"getLicenseInfo":                fivePerSecond,
		"setLicenseKey":                 fivePerSecond,
		"addProductKey":                 fivePerSecond,
		"removeProductKey":              fivePerSecond,
		"getMonthlyUsage":               fivePerSecond,
		"getMonthlyUsagePerProductType": fivePerSecond,
		"deleteCompany":                 fivePerSecond,
		"updateCompanyDetails":          fivePerSecond,
		"suspendCompany":                fivePerSecond,
		"activateCompany":               fivePerSecond,
		"createCustomFieldDefinition":   fivePerSecond,
		"updateCustomFieldDefinition":   fivePerSecond,
		"getCustomFieldDefinitions":     fivePerSecond,
		"deleteCustomFieldDefinition":   fivePerSecond,
		"setMonthlySubscription":        thirtyPerMinute,
		"moveCompanyOrCompanyFolder":    thirtyPerMinute,
	}
)

// DocumentedRateLimit is the documented limit of method (its name without the service) before
// Options.RateLimitMultiplier: the sustained rate per second and the burst. Benchmarks use it to
// compute how fast a mix of calls can possibly be answered without a 429.
func DocumentedRateLimit(method string) (perSecond float64, burst int) {
	limit := rateLimitOf(method)
	return limit.perSecond, limit.burst
}

func rateLimitOf(method string) rateLimit {
	if limit, ok := methodRateLimits[method]; ok {
		return limit
	}
	return defaultRateLimit
}

// rateLimiter applies the documented limits per API key and method. Each bucket is a token bucket
// of capacity burst refilled at the (multiplied) rate, kept as the time at which it will be full
// again (GCRA), so decisions are exact with integer durations and a fake clock. GravityZone queues
// burst requests and runs them later; the simulator answers them at once, which only makes clients
// faster, never wrongly successful.
type rateLimiter struct {
	multiplier float64
	now        func() time.Time

	mu      sync.Mutex
	buckets map[bucketKey]time.Time // when each bucket is full again
}

type bucketKey struct{ apiKey, method string }

func newRateLimiter(multiplier float64, now func() time.Time) *rateLimiter {
	return &rateLimiter{multiplier: multiplier, now: now, buckets: map[bucketKey]time.Time{}}
}

// allow takes a token for the request, or returns the -32003 error with the seconds until one is free.
func (l *rateLimiter) allow(apiKey, method string) *rpcError {
	limit := rateLimitOf(method)
	interval := time.Duration(float64(time.Second) / (limit.perSecond * l.multiplier)) // one token
	capacity := time.Duration(limit.burst) * interval
	now := l.now()

	l.mu.Lock()
	defer l.mu.Unlock()
	key := bucketKey{apiKey, method}
	fullAt := l.buckets[key]
	if fullAt.Before(now) {
		fullAt = now
	}
	if wait := fullAt.Add(interval).Sub(now) - capacity; wait > 0 {
		seconds := int((wait + time.Second - 1) / time.Second)
		return errTooManyRequests(fmt.Sprintf("Rate limit exceeded for %s: %s (burst %d) per API key. Retry after %s.",
			method, describeRate(limit.perSecond*l.multiplier), limit.burst, time.Duration(seconds)*time.Second), seconds)
	}
	l.buckets[key] = fullAt.Add(interval)
	return nil
}

func (l *rateLimiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.buckets)
}

func describeRate(perSecond float64) string {
	if perSecond >= 1 {
		return fmt.Sprintf("at most %g requests per second", perSecond)
	}
	return fmt.Sprintf("at most %g requests per minute", perSecond*60)
}
