package simulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultAPIKey is the key of the root partner company when Options.APIKey is empty.
const DefaultAPIKey = "simulator-key"

// DefaultSlowDuration is how long a "slow" fault holds a request when Options.SlowDuration is zero:
// longer than the provider's default request timeout of 60 seconds.
const DefaultSlowDuration = 2 * time.Minute

const (
	apiPrefix    = "/api/v1.0/jsonrpc/"
	maxBodyBytes = 1 << 20
)

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

// ServeHTTP serves the JSON-RPC API under /api/v1.0/jsonrpc/{service} and the administrative
// endpoints under /_simulator/. Trailing slashes are accepted.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	if endpoint, ok := strings.CutPrefix(path, adminPrefix); ok {
		s.serveAdmin(w, r, endpoint)
		return
	}
	service, ok := strings.CutPrefix(path, apiPrefix)
	if !ok || !slices.Contains(documentedServices, service) {
		http.NotFound(w, r) // the real service answers wrong paths with a bare 404
		return
	}
	s.serveRPC(w, r, service)
}

// documentedServices are the API paths GravityZone serves; those without simulated methods
// answer every method with -32601.
var documentedServices = []string{
	"companies", "licensing", "network", "general", "accounts", "packages", "policies", "reports",
	"integrations", "push", "incidents", "quarantine/computers", "quarantine/exchange",
}

func (s *Server) serveRPC(w http.ResponseWriter, r *http.Request, service string) {
	started := time.Now()
	name, outcome := s.handleRPC(w, r, service)
	s.logger.Printf("%s: %s (%s)", name, outcome, time.Since(started).Round(time.Microsecond))
}

// handleRPC runs one API request through authentication, the envelope checks, rate limiting, fault
// injection and the method itself. It returns service.method (or the service alone when the method
// is unknown) and a short outcome for the log.
func (s *Server) handleRPC(w http.ResponseWriter, r *http.Request, service string) (name, outcome string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return service, s.writeError(w, nil, errHTTPMethod(r.Method))
	}
	if !sleep(r.Context(), s.latency) {
		return service, "abandoned by the client during latency"
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return service, s.writeError(w, nil, errInvalidRequest(fmt.Sprintf("The request body could not be read (at most %d bytes are accepted): %v.", maxBodyBytes, err)))
	}
	key, callerID, rpcErr := s.authenticate(r)
	if rpcErr != nil {
		return service, s.writeError(w, requestID(body), rpcErr)
	}
	req, rpcErr := parseRequest(r.Header.Get("Content-Type"), body)
	if rpcErr != nil {
		return service, s.writeError(w, req.ID, rpcErr)
	}
	name = service + "." + req.Method
	s.countRequest(name)
	if s.logParams {
		s.logger.Printf("%s params: %s", name, compactJSON(req.Params))
	}
	if s.limiter != nil {
		if rpcErr := s.limiter.allow(key, req.Method); rpcErr != nil {
			s.countRateLimited()
			return name, s.writeError(w, req.ID, rpcErr)
		}
	}
	fault := s.faults.pick(service, req.Method)
	if fault != "" {
		s.countFault()
		if done := s.applyFaultBeforeActing(w, r, fault, req.ID); done {
			return name, "fault " + string(fault)
		}
	}
	result, rpcErr := s.dispatch(service, &call{
		method:   req.Method,
		apiKey:   key,
		callerID: callerID,
		params:   req.Params,
		now:      s.now(),
		seed:     s.seed,
	})
	if fault == FaultResetAfterCommit {
		abortConnection(w)
		return name, "fault " + string(fault)
	}
	if rpcErr != nil {
		return name, s.writeError(w, req.ID, rpcErr)
	}
	writeJSON(w, http.StatusOK, successResponse{ID: req.ID, JSONRPC: "2.0", Result: result})
	return name, "ok"
}

// authenticate checks HTTP Basic authentication with the API key as user name (the password is
// ignored, as clients send an empty one). It returns the key and the id of the company owning it.
func (s *Server) authenticate(r *http.Request) (key, companyID string, _ *rpcError) {
	header := r.Header.Get("Authorization")
	scheme, encoded, _ := strings.Cut(header, " ")
	if header == "" || !strings.EqualFold(scheme, "Basic") {
		return "", "", errUnauthorized("Authorization header not passed, HTTP Basic Authentication should be used.")
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
	if err != nil {
		return "", "", errUnauthorized("Authorization header not passed, HTTP Basic Authentication should be used.")
	}
	key, _, _ = strings.Cut(string(decoded), ":")
	if companyID, ok := s.companyOfKey(key); ok {
		return key, companyID, nil
	}
	return "", "", errUnauthorized("Invalid API key. Please generate an API key in Control Center.")
}

func (s *Server) companyOfKey(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if key == s.apiKey {
		return s.st.RootID, true
	}
	record, ok := s.st.APIKeys[key]
	return record.CompanyID, ok
}

// rpcRequest is a JSON-RPC 2.0 request object.
type rpcRequest struct {
	ID     json.RawMessage
	Method string
	Params json.RawMessage
}

// parseRequest checks the envelope. On error the returned request carries whatever id could be read.
func parseRequest(contentType string, body []byte) (rpcRequest, *rpcError) {
	var req rpcRequest
	if !json.Valid(body) {
		return req, errParse("The request body is not valid JSON.")
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return req, errInvalidRequest("Batch requests are not supported; send one JSON-RPC request object per HTTP request.")
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		return req, errInvalidRequest("The request body must be a JSON-RPC 2.0 request object.")
	}
	if id, ok := members["id"]; ok && isStringOrNumber(id) {
		req.ID = id
	}
	if mediaType, _, _ := mime.ParseMediaType(contentType); mediaType != "application/json" {
		return req, errInvalidRequest("The Content-Type header must be application/json.")
	}
	if string(members["jsonrpc"]) != `"2.0"` {
		return req, errInvalidRequest(`The request must contain "jsonrpc": "2.0".`)
	}
	if req.ID == nil {
		return req, errInvalidRequest(`The request must contain an "id" (string or number); notifications are not supported.`)
	}
	if err := json.Unmarshal(members["method"], &req.Method); err != nil || req.Method == "" {
		return req, errInvalidRequest(`The request must contain a "method" string.`)
	}
	req.Params = members["params"]
	return req, nil
}

func isStringOrNumber(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	switch v.(type) {
	case string, float64:
		return true
	}
	return false
}

// requestID extracts the id of a request that failed before its envelope was checked (for 401 answers).
func requestID(body []byte) json.RawMessage {
	var envelope struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &envelope) != nil || !isStringOrNumber(envelope.ID) {
		return nil
	}
	return envelope.ID
}

// call is one method invocation as the handlers see it.
type call struct {
	method   string
	apiKey   string
	callerID string // the company owning the API key
	params   json.RawMessage
	now      time.Time
	seed     int64
}

// methodSpec describes one simulated method.
type methodSpec struct {
	service string
	handle  func(st *state, c *call, p *paramSet) (any, error)
	writes  bool // persist the state after success
}

// methods are the simulated methods by name.
var methods = map[string]methodSpec{
	"createCompany":                 {service: "companies", handle: createCompany, writes: true},
	"getCompanyDetails":             {service: "companies", handle: getCompanyDetails},
	"updateCompanyDetails":          {service: "companies", handle: updateCompanyDetails, writes: true},
	"deleteCompany":                 {service: "companies", handle: deleteCompany, writes: true},
	"suspendCompany":                {service: "companies", handle: suspendCompany, writes: true},
	"activateCompany":               {service: "companies", handle: activateCompany, writes: true},
	"findCompaniesByName":           {service: "companies", handle: findCompaniesByName},
	"getLicenseInfo":                {service: "licensing", handle: getLicenseInfo},
	"setMonthlySubscription":        {service: "licensing", handle: setMonthlySubscription, writes: true},
	"getMonthlyUsage":               {service: "licensing", handle: getMonthlyUsage},
	"getMonthlyUsagePerProductType": {service: "licensing", handle: getMonthlyUsagePerProductType},
	"getCompaniesList":              {service: "network", handle: getCompaniesList},
	"getApiKeyDetails":              {service: "general", handle: getAPIKeyDetails},
}

// dispatch runs a method under the state lock and persists the state after a successful write.
func (s *Server) dispatch(service string, c *call) (any, *rpcError) {
	spec, ok := methods[c.method]
	if !ok {
		return nil, errMethodNotFound(fmt.Sprintf("The method '%s' is not available on the '%s' API of this simulator.", c.method, service))
	}
	if spec.service != service {
		return nil, errMethodNotFound(fmt.Sprintf("The method '%s' is not available on the '%s' API; call it at %s%s.", c.method, service, apiPrefix, spec.service))
	}
	p, err := newParamSet(c.method, "", c.params)
	if err != nil {
		return nil, toRPCError(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	result, err := spec.handle(s.st, c, p)
	if err != nil {
		return nil, toRPCError(err)
	}
	if spec.writes {
		if err := s.persistLocked(); err != nil {
			return nil, errServer(fmt.Sprintf("The change was not applied because the simulator could not save its state file: %v.", err))
		}
	}
	return result, nil
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

// ---- Responses and errors: every JSON-RPC error is built here. ----

type successResponse struct {
	ID      json.RawMessage `json:"id"`
	JSONRPC string          `json:"jsonrpc"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	ID      json.RawMessage `json:"id"`
	JSONRPC string          `json:"jsonrpc"`
	Error   *rpcError       `json:"error"`
}

// rpcError is a JSON-RPC error object plus the HTTP status it is sent with.
type rpcError struct {
	Code    int          `json:"code"`
	Message string       `json:"message"`
	Data    rpcErrorData `json:"data"`

	status     int
	retryAfter int // seconds; set for 429 answers
}

type rpcErrorData struct {
	Details string `json:"details"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%d %s: %s", e.Code, e.Message, e.Data.Details) }

func newRPCError(status, code int, message, details string) *rpcError {
	return &rpcError{Code: code, Message: message, Data: rpcErrorData{Details: details}, status: status}
}

func errParse(details string) *rpcError {
	return newRPCError(http.StatusOK, -32700, "Parse error", details)
}

func errInvalidRequest(details string) *rpcError {
	return newRPCError(http.StatusOK, -32600, "Invalid Request", details)
}

func errHTTPMethod(method string) *rpcError {
	return newRPCError(http.StatusMethodNotAllowed, -32600, "Invalid Request",
		fmt.Sprintf("HTTP method %s is not allowed; the API accepts only POST.", method))
}

func errMethodNotFound(details string) *rpcError {
	return newRPCError(http.StatusOK, -32601, "Method not found", details)
}

func errInvalidParams(details string) *rpcError {
	return newRPCError(http.StatusOK, -32602, "Invalid params", details)
}

func errServer(details string) *rpcError {
	return newRPCError(http.StatusOK, -32000, "Server error", details)
}

func errUnauthorized(details string) *rpcError {
	return newRPCError(http.StatusUnauthorized, -32000, "Server error", details)
}

func errNotFound(details string) *rpcError {
	return newRPCError(http.StatusOK, -32002, "Resource not found", details)
}

func errTooManyRequests(details string, retryAfterSeconds int) *rpcError {
	e := newRPCError(http.StatusTooManyRequests, -32003, "Too many requests", details)
	e.retryAfter = max(retryAfterSeconds, 1)
	return e
}

// errCompanyNotFound is the answer for a company that does not exist or is outside the caller's tree:
// the two cases are indistinguishable on purpose.
func errCompanyNotFound(id string) *rpcError {
	return errNotFound(fmt.Sprintf("The company %s does not exist or is not managed by this API key's company.", id))
}

// errNotManaged refuses operations on the API key's own company.
func errNotManaged(method, id string) *rpcError {
	return errServer(fmt.Sprintf("Id of a managed company is expected: %s is this API key's own company, which %s cannot target.", id, method))
}

// toRPCError maps a handler error: *rpcError as is, *ParamError to -32602, anything else to -32000.
func toRPCError(err error) *rpcError {
	var rpcErr *rpcError
	if errors.As(err, &rpcErr) {
		return rpcErr
	}
	var paramErr *ParamError
	if errors.As(err, &paramErr) {
		return errInvalidParams(paramErr.Details)
	}
	return errServer(err.Error())
}

// writeError sends a JSON-RPC error answer and returns a short outcome for the log.
func (s *Server) writeError(w http.ResponseWriter, id json.RawMessage, e *rpcError) string {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(e.retryAfter))
	}
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="GravityZone API"`)
	}
	writeJSON(w, e.status, errorResponse{ID: id, JSONRPC: "2.0", Error: e})
	return fmt.Sprintf("error %d (HTTP %d)", e.Code, e.status)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// ---- Parameters ----

// paramSet holds a method's params object (or a nested object such as contactPerson) and turns
// wrong types and values into *ParamError naming the parameter. JSON null counts as omitted.
type paramSet struct {
	method string
	prefix string // "contactPerson." for nested objects
	values map[string]json.RawMessage
}

// newParamSet decodes params: absent, null and [] mean no parameters; anything but an object is refused.
func newParamSet(method, prefix string, raw json.RawMessage) (*paramSet, error) {
	p := &paramSet{method: method, prefix: prefix, values: map[string]json.RawMessage{}}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return p, nil
	}
	if trimmed[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(trimmed, &list) == nil && len(list) == 0 {
			return p, nil
		}
	}
	var values map[string]json.RawMessage
	if trimmed[0] != '{' || json.Unmarshal(trimmed, &values) != nil {
		name := strings.TrimSuffix(prefix, ".")
		if name == "" {
			return nil, &ParamError{Param: "params", Details: fmt.Sprintf("The params of %s must be a JSON object.", method)}
		}
		return nil, &ParamError{Param: name, Details: fmt.Sprintf("Invalid value for '%s': expected a JSON object.", name)}
	}
	for name, value := range values {
		if string(value) != "null" {
			p.values[name] = value
		}
	}
	return p, nil
}

func (p *paramSet) name(n string) string { return p.prefix + n }

func (p *paramSet) invalid(n, format string, args ...any) error {
	return &ParamError{Param: p.name(n), Details: fmt.Sprintf("Invalid value for '%s': ", p.name(n)) + fmt.Sprintf(format, args...)}
}

// allow refuses any parameter not in accepted, naming it and listing the accepted ones.
func (p *paramSet) allow(accepted ...string) error {
	var unknown []string
	for n := range p.values {
		if !slices.Contains(accepted, n) {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	where := p.method
	if p.prefix != "" {
		where = strings.TrimSuffix(p.prefix, ".")
	}
	return &ParamError{Param: p.name(unknown[0]), Details: fmt.Sprintf("Unknown parameter '%s': %s accepts only %s.",
		p.name(unknown[0]), where, strings.Join(accepted, ", "))}
}

func (p *paramSet) has(n string) bool {
	_, ok := p.values[n]
	return ok
}

func (p *paramSet) missing(n string) error {
	return &ParamError{Param: p.name(n), Details: fmt.Sprintf("Missing required parameter '%s' for %s.", p.name(n), p.method)}
}

func (p *paramSet) raw(n string) json.RawMessage { return p.values[n] }

// object returns a nested parameter object as a paramSet.
func (p *paramSet) object(n string) (*paramSet, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return nil, false, nil
	}
	nested, err := newParamSet(p.method, p.name(n)+".", raw)
	return nested, true, err
}

func (p *paramSet) str(n string) (string, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return "", false, nil
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", true, p.invalid(n, "expected a string.")
	}
	return v, true, nil
}

func (p *paramSet) requiredStr(n string) (string, error) {
	v, ok, err := p.str(n)
	if err == nil && !ok {
		err = p.missing(n)
	}
	return v, err
}

func (p *paramSet) boolean(n string) (bool, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return false, false, nil
	}
	var v bool
	if err := json.Unmarshal(raw, &v); err != nil {
		return false, true, p.invalid(n, "expected true or false.")
	}
	return v, true, nil
}

func (p *paramSet) integer(n string) (int, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return 0, false, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, true, p.invalid(n, "expected an integer.")
	}
	return int(f), true, nil
}

var companyIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// companyID reads a company id parameter, which must look like a GravityZone id (24 hex digits).
func (p *paramSet) companyID(n string) (string, bool, error) {
	v, ok, err := p.str(n)
	if err != nil || !ok {
		return v, ok, err
	}
	if !companyIDPattern.MatchString(v) {
		return v, true, p.invalid(n, "%q is not a company ID (24 hexadecimal characters, as returned by createCompany).", v)
	}
	return v, true, nil
}

// targetCompany resolves an optional company id parameter (default: the caller's company) within the caller's tree.
func (p *paramSet) targetCompany(st *state, c *call, n string) (*company, error) {
	id, ok, err := p.companyID(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		id = c.callerID
	}
	return st.managed(c.callerID, id)
}

// requiredTargetCompany resolves a required company id parameter within the caller's tree.
func (p *paramSet) requiredTargetCompany(st *state, c *call, n string) (*company, error) {
	if !p.has(n) {
		return nil, p.missing(n)
	}
	return p.targetCompany(st, c, n)
}

// encoded returns the (null-free) parameters as a JSON object, for the licensing rules.
func (p *paramSet) encoded() json.RawMessage {
	data, _ := json.Marshal(p.values) // values are valid JSON, so this cannot fail
	return data
}

// compactJSON renders raw JSON on one line for the log.
func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
