package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestAPIErrorMessageReadsWell(t *testing.T) {
	tests := []struct {
		name string
		err  *APIError
		want string
	}{
		{
			name: "JSON-RPC error over HTTP 200",
			err:  &APIError{Code: -32602, Message: "Invalid params", Details: "Invalid value for 'parentId'", HTTPStatus: 200, Method: "network.getCompaniesList"},
			want: "network.getCompaniesList: Invalid params (JSON-RPC -32602): Invalid value for 'parentId'",
		},
		{
			name: "JSON-RPC error over HTTP 401",
			err:  &APIError{Code: -32000, Message: "Server error", Details: "Invalid API key. Please generate an API key in Control Center.", HTTPStatus: 401, Method: "general.getApiKeyDetails"},
			want: "general.getApiKeyDetails: Server error (JSON-RPC -32000, HTTP 401): Invalid API key. Please generate an API key in Control Center.",
		},
		{
			name: "bare HTTP error",
			err:  newHTTPError("companies.createCompany", 502, http.Header{}, []byte(nginxBadGateway)),
			want: "companies.createCompany: HTTP 502 Bad Gateway",
		},
		{
			name: "HTTP error with a short text body",
			err:  newHTTPError("companies.createCompany", 404, http.Header{}, []byte("404 page\r\nnot found\n")),
			want: "companies.createCompany: HTTP 404 Not Found: 404 page not found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}

func TestErrorPredicates(t *testing.T) {
	type verdicts struct{ notFound, unauthorized, forbidden, rateLimited, invalidParams, methodNotFound, ambiguous bool }
	tests := []struct {
		name string
		err  error
		want verdicts
	}{
		{"-32002 resource not found", &APIError{Code: -32002, Message: "Resource not found", Details: "The company does not exist", HTTPStatus: 200}, verdicts{notFound: true}},
		{"-32602 company does not exist", &APIError{Code: -32602, Message: "Invalid params", Details: "The company does not exist", HTTPStatus: 200}, verdicts{notFound: true, invalidParams: true}},
		{"-32602 endpoint does not exists", &APIError{Code: -32602, Message: "Invalid params", Details: "Invalid params: the endpoint does not exists or the user has not enough rights to access it", HTTPStatus: 200}, verdicts{notFound: true, invalidParams: true}},
		{"-32000 not a managed company", &APIError{Code: -32000, Message: "Server error", Details: "Id of a managed company is expected", HTTPStatus: 200}, verdicts{notFound: true}},
		{"-32602 other validation", &APIError{Code: -32602, Message: "Invalid params", Details: "Invalid value for 'parentId'", HTTPStatus: 200}, verdicts{invalidParams: true}},
		{"HTTP 404 without body is a wrong URL, not a missing object", newHTTPError("m", 404, http.Header{}, nil), verdicts{}},
		{"HTTP 401 with -32000", &APIError{Code: -32000, Message: "Server error", Details: "Invalid API key. Please generate an API key in Control Center.", HTTPStatus: 401}, verdicts{unauthorized: true}},
		{"-32001 invalid key over 200", &APIError{Code: -32001, Message: "Authorization error", Details: "Invalid API key", HTTPStatus: 200}, verdicts{unauthorized: true}},
		{"HTTP 401 without JSON", newHTTPError("m", 401, http.Header{}, nil), verdicts{unauthorized: true}},
		{"HTTP 403 API not enabled", &APIError{Code: -32000, Message: "Server error", Details: "API Key is not allowed to access the selected API: Licensing", HTTPStatus: 403}, verdicts{forbidden: true}},
		{"-32001 licence restriction", &APIError{Code: -32001, Message: "Authorization error", Details: "The company does not have a valid license for this operation", HTTPStatus: 200}, verdicts{forbidden: true}},
		{"HTTP 429 HTML", newHTTPError("m", 429, http.Header{}, []byte(nginxTooManyRequests)), verdicts{rateLimited: true}},
		{"-32003 too many requests", &APIError{Code: -32003, Message: "Too many requests", HTTPStatus: 429}, verdicts{rateLimited: true}},
		{"-32601 method not found", &APIError{Code: -32601, Message: "Method not found", HTTPStatus: 200}, verdicts{methodNotFound: true}},
		{"HTTP 502 HTML", newHTTPError("m", 502, http.Header{}, []byte(nginxBadGateway)), verdicts{ambiguous: true}},
		{"HTTP 500 with -32000", &APIError{Code: -32000, Message: "Server error", HTTPStatus: 500}, verdicts{ambiguous: true}},
		{"HTTP 500 with a definite -32602 rejection", &APIError{Code: -32602, Message: "Invalid params", HTTPStatus: 500}, verdicts{invalidParams: true}},
		{"malformed 200 answer", newMalformedResponseError("m", 200, errors.New("bad")), verdicts{ambiguous: true}},
		{"transport failure", &transportError{method: "m", err: errors.New("connection reset by peer")}, verdicts{ambiguous: true}},
		{"wrapped not-found", fmt.Errorf("reading company: %w", &APIError{Code: -32002}), verdicts{notFound: true}},
		{"wrapped rate limit", fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", &APIError{HTTPStatus: 429})), verdicts{rateLimited: true}},
		{"plain error", errors.New("boom"), verdicts{}},
		{"context cancelled", context.Canceled, verdicts{}},
		{"nil", nil, verdicts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := verdicts{
				notFound:       IsNotFound(tt.err),
				unauthorized:   IsUnauthorized(tt.err),
				forbidden:      IsForbidden(tt.err),
				rateLimited:    IsRateLimited(tt.err),
				invalidParams:  IsInvalidParams(tt.err),
				methodNotFound: IsMethodNotFound(tt.err),
				ambiguous:      IsAmbiguous(tt.err),
			}
			if got != tt.want {
				t.Errorf("verdicts = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTransportErrorSaysOutcomeIsUnknownAndUnwraps(t *testing.T) {
	cause := errors.New("connection reset by peer")
	err := error(&transportError{method: "companies.createCompany", err: cause})
	if !errors.Is(err, cause) {
		t.Error("errors.Is does not reach the cause")
	}
	for _, want := range []string{"companies.createCompany", "may or may not have been executed", "connection reset by peer"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %q", err.Error(), want)
		}
	}
}

// A read that got no answer changed nothing, and says so by not speaking of execution.
func TestFailedReadsAreToldApartFromWrites(t *testing.T) {
	cause := errors.New("connection reset by peer")
	tests := []struct {
		err      error
		read     bool
		wordings []string
	}{
		{&transportError{method: "licensing.getLicenseInfo", err: cause}, true, []string{"licensing.getLicenseInfo: no complete answer from the API: connection reset by peer"}},
		{&transportError{method: "licensing.setMonthlySubscription", err: cause}, false, []string{"may or may not have been executed"}},
		{fmt.Errorf("reading: %w", &APIError{Method: "companies.getCompanyDetails", HTTPStatus: 502, Message: "Bad Gateway"}), true, nil},
		{&APIError{Method: "companies.deleteCompany", HTTPStatus: 502, Message: "Bad Gateway"}, false, nil},
		{&APIError{Method: "companies.createCompany", HTTPStatus: 500, Message: "Internal Server Error"}, false, nil},
		{errors.New("no API call"), false, nil},
		// CreateCompany's error when the lookup after a lost answer fails too: the createCompany
		// it first names may have created the company, whatever the lookup was.
		{fmt.Errorf("%w; looking for the company afterwards failed too: %w",
			&transportError{method: "companies.createCompany", err: cause},
			&APIError{Method: "network.getCompaniesList", HTTPStatus: 502, Message: "Bad Gateway"}), false, nil},
	}
	for _, tt := range tests {
		if got := IsFailedRead(tt.err); got != tt.read {
			t.Errorf("IsFailedRead(%v) = %t, want %t", tt.err, got, tt.read)
		}
		for _, want := range tt.wordings {
			if !strings.Contains(tt.err.Error(), want) {
				t.Errorf("%q does not say %q", tt.err, want)
			}
		}
		if tt.read && strings.Contains(tt.err.Error(), "executed") {
			t.Errorf("the failed read %q speaks of execution", tt.err)
		}
	}
}

func TestErrorDetailsForms(t *testing.T) {
	tests := []struct {
		data string
		want string
	}{
		{`{"details": "The company does not exist"}`, "The company does not exist"},
		{`"bare text"`, "bare text"},
		{`{"other": 1}`, ""},
		{`null`, ""},
		{``, ""},
		{`[1, 2]`, ""},
	}
	for _, tt := range tests {
		if got := errorDetails(json.RawMessage(tt.data)); got != tt.want {
			t.Errorf("errorDetails(%s) = %q, want %q", tt.data, got, tt.want)
		}
	}
}
