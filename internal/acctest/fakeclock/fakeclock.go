// Package fakeclock is the manual clock of the client's and the simulator's tests, for code that
// takes the time from a function: the time stands still until a test advances it or the code
// under test sleeps on it. It imports nothing from Terraform, so that the client's tests do not.
package fakeclock

import (
	"context"
	"sync"
	"time"
)

// Start is where every Clock starts; tests that need a date count from it.
var Start = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// Clock is a manual clock, safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock at Start.
func New() *Clock { return &Clock{now: Start} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Sleep advances the clock by d at once, unless ctx is done already.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}
