package simulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

const (
	apiPrefix    = "/api/v1.0/jsonrpc/"
	maxBodyBytes = 1 << 20
)

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
	result, rpcErr := s.dispatch(service, &rpcCall{
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

// rpcCall is one method invocation as the handlers see it.
type rpcCall struct {
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
	handle  func(st *state, call *rpcCall, p *params.Set) (any, error)
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
func (s *Server) dispatch(service string, call *rpcCall) (any, *rpcError) {
	spec, ok := methods[call.method]
	if !ok {
		return nil, errMethodNotFound(fmt.Sprintf("The method '%s' is not available on the '%s' API of this simulator.", call.method, service))
	}
	if spec.service != service {
		return nil, errMethodNotFound(fmt.Sprintf("The method '%s' is not available on the '%s' API; call it at %s%s.", call.method, service, apiPrefix, spec.service))
	}
	p, err := params.Decode(call.method, call.params)
	if err != nil {
		return nil, toRPCError(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	result, err := spec.handle(s.st, call, p)
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

// compactJSON renders raw JSON on one line for the log.
func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
