package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// JSON-RPC error codes the GravityZone API answers with.
const (
	// CodeMethodNotFound means an unknown method, a method on the wrong service, or one not
	// available to the key.
	CodeMethodNotFound = -32601
	// CodeInvalidParams means a parameter is missing or invalid; Details says which.
	CodeInvalidParams = -32602
	// CodeServerError is a generic application error; Details holds the reason.
	CodeServerError = -32000
	// CodeAuthorization means an invalid key, an API not enabled for the key, or missing rights.
	CodeAuthorization = -32001
	// CodeNotFound means the addressed resource does not exist.
	CodeNotFound = -32002
	// CodeTooManyRequests means rate limited (sent with HTTP 429).
	CodeTooManyRequests = -32003
)

// APIError is every failure the server answered: a JSON-RPC error object, an HTTP error status
// without a JSON-RPC body (for example an HTML page from a proxy), or a body that could not be
// decoded.
type APIError struct {
	// Code is the JSON-RPC error code, 0 when the server sent no JSON-RPC error.
	Code int
	// Message is the JSON-RPC error message, or the HTTP status text when there was none.
	Message string
	// Details is the server's human explanation (error.data.details), possibly empty.
	Details string
	// HTTPStatus is the HTTP status code of the response.
	HTTPStatus int
	// Method is the called operation as "service.method", e.g. "companies.createCompany".
	Method string
	// RetryAfter is the wait the server asked for in its Retry-After header, 0 when absent.
	RetryAfter time.Duration
}

// Error reads as "<service.method>: <message> (<codes>): <details>".
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	var codes []string
	if e.Code != 0 {
		codes = append(codes, fmt.Sprintf("JSON-RPC %d", e.Code))
	}
	if e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK && !strings.HasPrefix(e.Message, "HTTP ") {
		codes = append(codes, fmt.Sprintf("HTTP %d", e.HTTPStatus))
	}
	if len(codes) > 0 {
		b.WriteString(" (" + strings.Join(codes, ", ") + ")")
	}
	if e.Details != "" {
		b.WriteString(": ")
		b.WriteString(e.Details)
	}
	return b.String()
}

// transportError is a request whose outcome is unknown: the connection failed, timed out or was
// cancelled after the request may have reached the server.
type transportError struct {
	method string
	err    error
}

func (e *transportError) Error() string {
	if readMethods[unqualified(e.method)] {
		return fmt.Sprintf("%s: no complete answer from the API: %v", e.method, e.err)
	}
	return fmt.Sprintf("%s: no complete answer from the API, the request may or may not have been executed: %v", e.method, e.err)
}

func (e *transportError) Unwrap() error { return e.err }

// notSentError is a request that never reached the server: no connection could be opened (DNS
// failure, connection refused, TLS handshake failure), or the server's certificate failed
// verification.
type notSentError struct {
	method      string
	err         error
	certificate bool
}

func (e *notSentError) Error() string {
	if e.certificate {
		return fmt.Sprintf("%s: the server's TLS certificate was not accepted, so nothing was sent: %v", e.method, e.err)
	}
	return fmt.Sprintf("%s: could not connect to the API, so nothing was sent: %v", e.method, e.err)
}

func (e *notSentError) Unwrap() error { return e.err }

// IsNotSent reports whether the request never reached the server because no connection could be
// opened: the API URL's host is unknown, refuses connections, cannot be reached, or failed the
// TLS handshake. Nothing was executed; the request is retried like a rate-limit refusal.
func IsNotSent(err error) bool {
	var notSent *notSentError
	return errors.As(err, &notSent) && !notSent.certificate
}

// IsCertificateError reports whether the server's TLS certificate could not be verified (unknown
// authority, wrong host name, expired). Nothing was sent, and repeating the request cannot help.
func IsCertificateError(err error) bool {
	var notSent *notSentError
	return errors.As(err, &notSent) && notSent.certificate
}

// IsNoAPIAtURL reports an HTTP 404 without a JSON-RPC body: nothing serves the API at the URL
// the request went to, so the API URL is wrong (typically without its /api suffix).
func IsNoAPIAtURL(err error) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.HTTPStatus == http.StatusNotFound && apiErr.Code == 0
}

// newRPCError turns a JSON-RPC error object into an *APIError.
func newRPCError(method string, status int, rpcErr *rpcError) *APIError {
	return &APIError{
		Code:       rpcErr.Code,
		Message:    rpcErr.Message,
		Details:    errorDetails(rpcErr.Data),
		HTTPStatus: status,
		Method:     method,
	}
}

// errorDetails reads error.data: normally {"details": "..."}, sometimes a bare string.
func errorDetails(data json.RawMessage) string {
	var object struct {
		Details string `json:"details"`
	}
	if err := json.Unmarshal(data, &object); err == nil {
		return object.Details
	}
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		return text
	}
	return ""
}

// newHTTPError describes a response that carried no JSON-RPC error object, such as a proxy's
// HTML error page, a 404 for a wrong path, or a redirect.
func newHTTPError(method string, status int, header http.Header, body []byte) *APIError {
	details := plainTextSnippet(body)
	if location := header.Get("Location"); status >= 300 && status < 400 && location != "" {
		details = "redirected to " + location
	}
	return &APIError{
		Message:    fmt.Sprintf("HTTP %d %s", status, http.StatusText(status)),
		Details:    details,
		HTTPStatus: status,
		Method:     method,
	}
}

// newMalformedResponseError describes a successful HTTP answer whose body is not the expected
// JSON-RPC result. The server may well have executed the request.
func newMalformedResponseError(method string, status int, cause error) *APIError {
	return &APIError{
		Message:    "malformed response",
		Details:    cause.Error(),
		HTTPStatus: status,
		Method:     method,
	}
}

// plainTextSnippet keeps a short non-HTML body, on one line, as details; HTML error pages are
// noise.
func plainTextSnippet(body []byte) string {
	const maxLen = 200
	text := strings.Join(strings.Fields(string(body)), " ")
	if strings.HasPrefix(text, "<") || len(text) > maxLen {
		return ""
	}
	return text
}

// asAPIError finds an *APIError anywhere in err's chain.
func asAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

// detailsContain reports whether the error's details or message contain any of the phrases,
// ignoring case.
func (e *APIError) detailsContain(phrases ...string) bool {
	text := strings.ToLower(e.Details + " " + e.Message)
	for _, p := range phrases {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// IsNotFound reports whether the API said the addressed object does not exist: JSON-RPC -32002,
// or -32602/-32000 whose text says the company (or target) does not exist or is not a managed
// company ("does not exist", "not found", "id of a managed company is expected"). An HTTP 404
// is NOT a not-found: it means the URL is wrong, and treating it as "gone" would make Terraform
// forget every object.
func IsNotFound(err error) bool {
	apiErr, ok := asAPIError(err)
	if !ok {
		return false
	}
	switch apiErr.Code {
	case CodeNotFound:
		return true
	case CodeInvalidParams, CodeServerError:
		return apiErr.detailsContain("does not exist", "not found", "id of a managed company is expected")
	}
	return false
}

// IsUnauthorized reports whether the API rejected the key itself: HTTP 401, or an error text
// saying the key is invalid or missing (a valid key sent to another region's URL reads the same).
func IsUnauthorized(err error) bool {
	apiErr, ok := asAPIError(err)
	if !ok {
		return false
	}
	return apiErr.HTTPStatus == http.StatusUnauthorized ||
		apiErr.detailsContain("invalid api key", "authorization header not passed")
}

// IsForbidden reports whether the key is valid but not allowed to do this: HTTP 403 (API not
// enabled for the key), or JSON-RPC -32001 that is not an invalid key (missing rights, licence
// restriction).
func IsForbidden(err error) bool {
	apiErr, ok := asAPIError(err)
	if !ok || IsUnauthorized(err) {
		return false
	}
	return apiErr.HTTPStatus == http.StatusForbidden || apiErr.Code == CodeAuthorization ||
		apiErr.detailsContain("not allowed to access the selected api")
}

// IsRateLimited reports whether the API refused the request for exceeding its rate limit (HTTP
// 429 or JSON-RPC -32003). Such a request was not executed.
func IsRateLimited(err error) bool {
	apiErr, ok := asAPIError(err)
	return ok && (apiErr.HTTPStatus == http.StatusTooManyRequests || apiErr.Code == CodeTooManyRequests)
}

// IsInvalidParams reports a JSON-RPC -32602: the server rejected the parameters; Details says why.
func IsInvalidParams(err error) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.Code == CodeInvalidParams
}

// IsMethodNotFound reports a JSON-RPC -32601: the method does not exist on that service, or is
// not available to this key (for example a partner-only method called with a customer's key).
func IsMethodNotFound(err error) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.Code == CodeMethodNotFound
}

// IsFailedRead reports whether the failed request was one that only reads (getCompanyDetails,
// getLicenseInfo, …): whatever became of it, even without an answer, it changed nothing.
// When err joins several failures, the first call it names decides.
func IsFailedRead(err error) bool {
	var call failedCall
	return errors.As(err, &call) && readMethods[unqualified(call.calledMethod())]
}

// failedCall is a failure that knows which "service.method" it came from.
type failedCall interface {
	error
	calledMethod() string
}

func (e *APIError) calledMethod() string       { return e.Method }
func (e *transportError) calledMethod() string { return e.method }

// unqualified is "getLicenseInfo" for "licensing.getLicenseInfo".
func unqualified(qualified string) string {
	_, method, _ := strings.Cut(qualified, ".")
	return method
}

// IsAmbiguous reports whether the outcome of the request is unknown, so the server may have
// executed it: connection errors, timeouts, HTTP 5xx answers without a definite JSON-RPC
// rejection, and successful HTTP answers whose body could not be decoded. Repeating such a
// request is safe only for idempotent methods.
func IsAmbiguous(err error) bool {
	var tErr *transportError
	if errors.As(err, &tErr) {
		return true
	}
	apiErr, ok := asAPIError(err)
	if !ok {
		return false
	}
	switch {
	case apiErr.HTTPStatus >= 500:
		return apiErr.Code == 0 || apiErr.Code == CodeServerError
	case apiErr.HTTPStatus >= 200 && apiErr.HTTPStatus < 300:
		return apiErr.Code == 0 // the body could not be decoded
	}
	return false
}
