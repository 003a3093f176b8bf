package simulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"sync"
	"time"
)

// DefaultAPIKey is the key of the root partner company when Options.APIKey is empty.
const DefaultAPIKey = "simulator-key"

// DefaultSlowDuration is how long a "slow" fault holds a request when Options.SlowDuration is zero:
// longer than the provider's default request timeout of 60 seconds.
const DefaultSlowDuration = 2 * time.Minute

// Options configures a Server. The zero value is a usable simulator with the documented rate limits.
type Options struct {
	// APIKey is the key of the root partner company; empty means DefaultAPIKey.
	APIKey string
	// DisableRateLimits turns the documented per-method rate limits off.
	DisableRateLimits bool
	// RateLimitMultiplier multiplies the documented rates (not the bursts); 0 means 1.
	RateLimitMultiplier float64
	// Latency is added to every API request.
	Latency time.Duration
	// Faults are injected into matching API requests; see ParseFaults.
	Faults []Fault
	// Seed makes company ids, generated API keys and fault decisions repeatable.
	Seed int64
	// StatePath, when set, names a JSON file that New loads (when it exists) and that is rewritten,
	// atomically, after every change.
	StatePath string
	// SlowDuration is how long a "slow" fault holds a request; 0 means DefaultSlowDuration.
	SlowDuration time.Duration
	// Clock returns the current time; nil means time.Now.
	Clock func() time.Time
	// Logger receives one line per API request; nil discards them. API keys are never logged.
	Logger *log.Logger
	// LogParams adds each request's params object to the log, to show exactly what a client sent.
	LogParams bool
}

// Server is the simulated GravityZone API. It is an http.Handler and safe for concurrent use.
type Server struct {
	apiKey       string
	seed         int64
	statePath    string
	latency      time.Duration
	slowDuration time.Duration
	now          func() time.Time
	logger       *log.Logger
	logParams    bool
	limiter      *rateLimiter // nil when rate limits are off
	faults       *faultInjector

	mu    sync.Mutex // guards st and saved
	st    *state
	saved []byte // the state file as last written; restored when a save fails

	statsMu sync.Mutex
	stats   Stats
}

// Stats counts what the server received; it is also served at GET /_simulator/stats.
type Stats struct {
	// Requests counts API requests per "service.method" as received, rate-limited and faulted ones included.
	Requests map[string]int `json:"requests"`
	// RateLimited counts HTTP 429 answers sent (injected http429 faults included).
	RateLimited int `json:"rateLimited"`
	// FaultsInjected counts requests that received an injected fault.
	FaultsInjected int `json:"faultsInjected"`
}

// New returns a simulator configured by opts. With a StatePath whose file exists, the state is loaded
// from it; otherwise the server starts with the root partner company alone.
func New(opts Options) (*Server, error) {
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	if opts.RateLimitMultiplier == 0 {
		opts.RateLimitMultiplier = 1
	}
	if opts.RateLimitMultiplier < 0 || math.IsInf(opts.RateLimitMultiplier, 0) || math.IsNaN(opts.RateLimitMultiplier) {
		return nil, fmt.Errorf("rate limit multiplier must be a positive number, got %v", opts.RateLimitMultiplier)
	}
	if opts.Latency < 0 || opts.SlowDuration < 0 {
		return nil, errors.New("latency and slow duration must not be negative")
	}
	if opts.SlowDuration == 0 {
		opts.SlowDuration = DefaultSlowDuration
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = log.New(io.Discard, "", 0)
	}
	for _, f := range opts.Faults {
		if err := f.validate(); err != nil {
			return nil, err
		}
	}
	s := &Server{
		apiKey:       opts.APIKey,
		seed:         opts.Seed,
		statePath:    opts.StatePath,
		latency:      opts.Latency,
		slowDuration: opts.SlowDuration,
		now:          func() time.Time { return opts.Clock().UTC() },
		logger:       opts.Logger,
		logParams:    opts.LogParams,
		faults:       newFaultInjector(opts.Faults, opts.Seed),
		stats:        Stats{Requests: map[string]int{}},
	}
	if !opts.DisableRateLimits {
		s.limiter = newRateLimiter(opts.RateLimitMultiplier, s.now)
	}
	if s.statePath != "" {
		st, data, err := loadState(s.statePath)
		if err != nil {
			return nil, err
		}
		if st != nil {
			s.st, s.saved = st, data
			return s, nil
		}
	}
	s.st = newState(s.seed, s.now())
	if err := s.persistLocked(); err != nil {
		return nil, err
	}
	return s, nil
}

// APIKey returns the key of the root partner company.
func (s *Server) APIKey() string { return s.apiKey }

// RootCompanyID returns the id of the root partner company, the one the API key belongs to.
func (s *Server) RootCompanyID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.RootID
}

// Stats returns a copy of the request counters.
func (s *Server) Stats() Stats {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	out := s.stats
	out.Requests = maps.Clone(s.stats.Requests)
	return out
}

// Reset returns the server to its just-started state: the root partner company alone (its id
// depends only on the seed), no extra API keys, zeroed stats, full rate-limit buckets and the fault sequence restarted.
func (s *Server) Reset() error {
	s.mu.Lock()
	s.st = newState(s.seed, s.now())
	err := s.persistLocked()
	s.mu.Unlock()
	if err != nil {
		return err // the state is back to what it was; keep the rest consistent with it
	}

	s.statsMu.Lock()
	s.stats = Stats{Requests: map[string]int{}}
	s.statsMu.Unlock()
	if s.limiter != nil {
		s.limiter.reset()
	}
	s.faults.reset()
	return nil
}

func (s *Server) countRequest(name string) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.stats.Requests[name]++
}

func (s *Server) countRateLimited() {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.stats.RateLimited++
}

func (s *Server) countFault() {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.stats.FaultsInjected++
}

// sleep waits for d or until ctx ends; it reports whether the full duration passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
