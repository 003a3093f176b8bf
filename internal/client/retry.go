package client

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	defaultBackoffBase = time.Second
	defaultBackoffMax  = 30 * time.Second
	// maxRetryAfter bounds how long the client will wait on a server's Retry-After: beyond it,
	// failing with the server's answer is more useful than an apparently hung apply.
	maxRetryAfter = 5 * time.Minute
)

// readMethods only read: whatever became of one, GravityZone changed nothing.
var readMethods = map[string]bool{
	"getCompanyDetails":   true,
	"findCompaniesByName": true,
	"getCompaniesList":    true,
	"getLicenseInfo":      true,
	"getMonthlyUsage":     true,
	"getApiKeyDetails":    true,
}

// idempotentWrites have the same effect done twice as done once.
var idempotentWrites = map[string]bool{
	"setMonthlySubscription": true,
	"updateCompanyDetails":   true,
	"suspendCompany":         true,
	"activateCompany":        true,
	"deleteCompany":          true,
}

// repeatSafe tells whether method may be sent again after an ambiguous failure (timeout, reset,
// 5xx). createCompany is not: a blind repeat could create a second company; CreateCompany
// resolves its ambiguity by looking the name up first.
func repeatSafe(method string) bool {
	return readMethods[method] || idempotentWrites[method]
}

// backoff computes exponential delays with "equal jitter": half the delay is fixed, the other
// half random, so concurrent callers spread out but never retry immediately.
type backoff struct {
	base, max time.Duration
	// jitter returns a random duration in [0, n); replaced in tests.
	jitter func(n time.Duration) time.Duration
}

func defaultBackoff() backoff {
	return backoff{base: defaultBackoffBase, max: defaultBackoffMax, jitter: randomDuration}
}

func randomDuration(n time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	return rand.N(n)
}

// delay is the wait before retry number retry (0 for the first retry).
func (b backoff) delay(retry int) time.Duration {
	d := b.max
	if retry < 30 { // beyond that the shift overflows; the cap applies long before
		d = min(b.max, b.base<<retry)
	}
	half := d / 2
	return half + b.jitter(d-half)
}

// retryDelay decides whether a failed call of method is tried again after retriesDone retries,
// and after how long. Rate-limit refusals and requests that never reached the server were not
// executed, so they are always retried; ambiguous failures only for repeat-safe methods;
// everything else (invalid params, auth, not found) never.
func (c *Client) retryDelay(method string, err error, retriesDone int) (time.Duration, bool) {
	if retriesDone >= c.maxRetries {
		return 0, false
	}
	retryable := IsRateLimited(err) || IsNotSent(err) || (repeatSafe(method) && IsAmbiguous(err))
	if !retryable {
		return 0, false
	}
	if apiErr, ok := asAPIError(err); ok && apiErr.RetryAfter > 0 {
		if apiErr.RetryAfter > maxRetryAfter {
			return 0, false
		}
		return apiErr.RetryAfter, true
	}
	return c.backoff.delay(retriesDone), true
}

// parseRetryAfter reads a Retry-After header: delay-seconds ("120"), an HTTP-date, or the
// duplicated form some proxies send ("60, 60"). It returns 0 when the header is absent or
// unreadable.
func parseRetryAfter(header http.Header, now time.Time) time.Duration {
	value := strings.TrimSpace(header.Get("Retry-After"))
	if value == "" {
		return 0
	}
	first, _, _ := strings.Cut(value, ",")
	if seconds, err := strconv.Atoi(strings.TrimSpace(first)); err == nil {
		return max(0, time.Duration(seconds)*time.Second)
	}
	// An HTTP-date contains a comma itself ("Wed, 21 Oct 2015 07:28:00 GMT"); a duplicated one
	// is two such dates, of which the first 29 characters are one.
	const httpDateLen = len("Mon, 02 Jan 2006 15:04:05 GMT")
	candidates := []string{value}
	if len(value) > httpDateLen {
		candidates = append(candidates, value[:httpDateLen])
	}
	for _, candidate := range candidates {
		if at, err := http.ParseTime(candidate); err == nil {
			return max(0, at.Sub(now))
		}
	}
	return 0
}

// sleepContext waits for d or until ctx ends, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
