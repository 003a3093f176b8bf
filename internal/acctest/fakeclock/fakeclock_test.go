package fakeclock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSleepAdvancesUnlessCancelled(t *testing.T) {
	clock := New()
	if err := clock.Sleep(t.Context(), time.Minute); err != nil || !clock.Now().Equal(Start.Add(time.Minute)) {
		t.Fatalf("after sleeping a minute: %v, err %v; want %v", clock.Now(), err, Start.Add(time.Minute))
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := clock.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || !clock.Now().Equal(Start.Add(time.Minute)) {
		t.Errorf("sleeping on a cancelled context: %v, err %v; want the time unchanged and context.Canceled", clock.Now(), err)
	}
}
