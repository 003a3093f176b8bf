package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// Every JSON-RPC error answer is built here.

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

// toRPCError maps a handler error: *rpcError as is, *params.Error to -32602, anything else to -32000.
func toRPCError(err error) *rpcError {
	var rpcErr *rpcError
	if errors.As(err, &rpcErr) {
		return rpcErr
	}
	var paramErr *params.Error
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
