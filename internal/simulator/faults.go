package simulator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// FaultKind is what an injected fault does to a request.
type FaultKind string

// The fault kinds. All but FaultResetAfterCommit and FaultSlow answer instead of running the method,
// so the state does not change.
const (
	// FaultHTTP429 answers HTTP 429 with Retry-After: 1 and a -32003 body.
	FaultHTTP429 FaultKind = "http429"
	// FaultHTTP500 answers HTTP 500 with an HTML body, as a failing backend would.
	FaultHTTP500 FaultKind = "http500"
	// FaultHTTP502 answers HTTP 502 with an HTML body, as a failing gateway would.
	FaultHTTP502 FaultKind = "http502"
	// FaultReset closes the connection before running the method.
	FaultReset FaultKind = "reset"
	// FaultResetAfterCommit runs the method (its change is kept) and closes the connection without answering.
	FaultResetAfterCommit FaultKind = "reset-after-commit"
	// FaultSlow holds the request for Options.SlowDuration, then runs it and answers, unless the
	// client gave up first, in which case the method does not run.
	FaultSlow FaultKind = "slow"
	// FaultMalformed answers HTTP 200 with a truncated, invalid JSON body.
	FaultMalformed FaultKind = "malformed"
)

var faultKinds = []FaultKind{FaultHTTP429, FaultHTTP500, FaultHTTP502, FaultReset, FaultResetAfterCommit, FaultSlow, FaultMalformed}

// Fault injects Kind into requests for Method with the given Probability.
type Fault struct {
	// Method is "*" (every method), a method name ("createCompany") or service.method ("companies.createCompany").
	Method string
	Kind   FaultKind
	// Probability is between 0 and 1.
	Probability float64
}

// ParseFaults parses the --faults syntax: a comma-separated list of METHOD:KIND:PROBABILITY, for
// example "createCompany:reset-after-commit:0.5,*:http429:0.1". An empty spec means no faults.
func ParseFaults(spec string) ([]Fault, error) {
	var faults []Fault
	for item := range strings.SplitSeq(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("fault %q: expected METHOD:KIND:PROBABILITY", item)
		}
		probability, err := strconv.ParseFloat(parts[2], 64)
		if err != nil {
			return nil, fmt.Errorf("fault %q: probability %q is not a number", item, parts[2])
		}
		f := Fault{Method: parts[0], Kind: FaultKind(parts[1]), Probability: probability}
		if err := f.validate(); err != nil {
			return nil, fmt.Errorf("fault %q: %w", item, err)
		}
		faults = append(faults, f)
	}
	return faults, nil
}

// validate rejects unknown kinds, probabilities outside [0, 1] and methods the simulator does not
// serve (a typo would otherwise silently never fire).
func (f Fault) validate() error {
	known := false
	for _, kind := range faultKinds {
		known = known || f.Kind == kind
	}
	if !known {
		return fmt.Errorf("unknown fault kind %q (kinds: %s)", f.Kind, strings.Trim(fmt.Sprint(faultKinds), "[]"))
	}
	if !(f.Probability >= 0 && f.Probability <= 1) {
		return fmt.Errorf("probability %v is outside 0–1", f.Probability)
	}
	if f.Method == "*" {
		return nil
	}
	service, name, qualified := strings.Cut(f.Method, ".")
	if !qualified {
		name = service
	}
	spec, ok := methods[name]
	if !ok || (qualified && spec.service != service) {
		return fmt.Errorf("unknown method %q (use *, a method name such as createCompany, or service.method)", f.Method)
	}
	return nil
}

func (f Fault) matches(service, method string) bool {
	return f.Method == "*" || f.Method == method || f.Method == service+"."+method
}

// faultInjector draws fault decisions from a random sequence seeded by Options.Seed, so the same
// requests in the same order get the same faults.
type faultInjector struct {
	faults []Fault
	seed   int64

	mu  sync.Mutex
	rng *rand.Rand
}

func newFaultInjector(faults []Fault, seed int64) *faultInjector {
	f := &faultInjector{faults: faults, seed: seed}
	f.reset()
	return f
}

func (f *faultInjector) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rng = rand.New(rand.NewPCG(uint64(f.seed), 0x6661756c7473)) // second word: a fixed stream for faults
}

// pick returns the fault to inject into a request, or "" for none: the first matching fault whose
// draw succeeds.
func (f *faultInjector) pick(service, method string) FaultKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, fault := range f.faults {
		if fault.matches(service, method) && f.rng.Float64() < fault.Probability {
			return fault.Kind
		}
	}
	return ""
}

// applyFaultBeforeActing performs the part of a fault that happens before the method runs. It
// reports whether the request is finished (the method must not run).
func (s *Server) applyFaultBeforeActing(w http.ResponseWriter, r *http.Request, kind FaultKind, id json.RawMessage) bool {
	switch kind {
	case FaultHTTP429:
		s.countRateLimited()
		s.writeError(w, id, errTooManyRequests("Simulated fault: too many requests. Retry after 1s.", 1))
	case FaultHTTP500:
		writeHTML(w, http.StatusInternalServerError)
	case FaultHTTP502:
		writeHTML(w, http.StatusBadGateway)
	case FaultReset:
		abortConnection(w)
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = fmt.Fprintf(w, `{"id":%s,"jsonrpc":"2.0","result":{"`, id)
	case FaultSlow:
		return !sleep(r.Context(), s.slowDuration)
	default: // FaultResetAfterCommit acts after the method
		return false
	}
	return true
}

// abortConnection drops the client's connection without an answer: on HTTP/1 it hijacks the
// connection and closes it with a TCP reset; on HTTP/2, where hijacking is impossible, it resets the stream.
func abortConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tlsConn, ok := conn.(interface{ NetConn() net.Conn }); ok {
		conn = tlsConn.NetConn()
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0) // close with RST rather than FIN
	}
	_ = conn.Close()
}
