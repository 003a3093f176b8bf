// Package client is a JSON-RPC client for the Bitdefender GravityZone partner API: companies,
// licensing, and the few network and general methods needed to manage them. It throttles
// itself to the documented per-method rates, retries what is safe to retry, and never logs
// the API key.
package client

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultURL is the Access URL of the global GravityZone cloud console.
const DefaultURL = "https://cloud.gravityzone.bitdefender.com/api"

const (
	// maxIdleConnsPerHost keeps a connection open for every request Terraform runs at once (10 by
	// default, with room for -parallelism): net/http keeps 2, so most concurrent requests opened a
	// new connection, a TLS handshake each against GravityZone, about 120 in a plan of 500 companies.
	maxIdleConnsPerHost = 32
	defaultTimeout      = 60 * time.Second
	defaultUserAgent    = "terraform-provider-gravityzone"
	maxResponseBytes    = 16 << 20

	serviceCompanies = "companies"
	serviceLicensing = "licensing"
	serviceNetwork   = "network"
	serviceGeneral   = "general"
)

// Config configures a Client.
type Config struct {
	// URL is the console's "Access URL", e.g. https://cloud.gravityzone.bitdefender.com/api.
	// Requests go to URL + "/v1.0/jsonrpc/" + service. See CheckURL.
	URL string
	// APIKey is sent as the Basic auth user name with an empty password. Surrounding
	// whitespace (a trailing newline from a file) is ignored.
	APIKey string
	// Timeout bounds each HTTP request; 0 means 60s.
	Timeout time.Duration
	// MaxRetries is how many times a retryable failure is retried; negative is invalid.
	MaxRetries int
	// RateLimitMultiplier scales the documented per-method rates the client allows itself (the
	// bursts stay as documented); 0 turns client-side throttling off.
	RateLimitMultiplier float64
	// TLSCACertificatePEM is an extra trusted CA, added to the system pool.
	TLSCACertificatePEM string
	// TLSInsecureSkipVerify disables server certificate verification.
	TLSInsecureSkipVerify bool
	// UserAgent is sent with every request, e.g. "terraform-provider-gravityzone/1.2.3".
	UserAgent string
	// HTTPClient replaces the HTTP client the Client would build; the TLS settings above are
	// then not applied. Redirects are not followed by the built client.
	HTTPClient *http.Client
	// Logger receives the client's debug records; nil discards them.
	Logger Logger
	// Interrupt, once it ends, ends every call in progress and every later one, as the end of
	// its own context would; nil never ends.
	Interrupt context.Context
}

// Logger receives the client's debug records (one per request, throttle wait and retry) and
// their fields, which never hold the API key or a header. ctx is the caller's, so that an
// adapter can reach a logger the caller's context carries.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}

// Client calls the GravityZone API. It is safe for concurrent use; all callers share its rate
// limits.
type Client struct {
	endpoint      string // URL + "/v1.0/jsonrpc/"; the service name is appended
	apiKey        string // kept only to scrub it from anything the server echoes back
	authorization string
	userAgent     string
	httpClient    *http.Client
	timeout       time.Duration
	maxRetries    int
	limiter       *rateLimiter // nil when throttling is off
	logger        Logger
	interrupt     context.Context

	backoff backoff
	sleep   func(context.Context, time.Duration) error
	now     func() time.Time

	keyCompanyMu sync.Mutex
	keyCompany   *Company // the API key's own company, once read
}

// ErrInvalidCACertificate is returned by New when Config.TLSCACertificatePEM holds no usable certificate.
var ErrInvalidCACertificate = errors.New("the TLS CA certificate holds no PEM certificate: paste the whole \"-----BEGIN CERTIFICATE-----\" block")

// ErrMalformedAPIKey is returned by New when Config.APIKey holds a character that HTTP Basic
// authentication cannot carry.
var ErrMalformedAPIKey = errors.New("the API key contains a colon, a space or a control character, which cannot be sent in HTTP Basic authentication: check that it was copied completely and nothing else")

// New validates cfg and returns a Client. Errors name the offending setting and never contain
// the API key.
func New(cfg Config) (*Client, error) {
	if err := CheckURL(cfg.URL); err != nil {
		return nil, err
	}
	apiKey := strings.TrimSpace(cfg.APIKey)
	if apiKey == "" {
		return nil, errors.New("the API key is empty: create one in the GravityZone console under My Account > API keys")
	}
	if strings.ContainsFunc(apiKey, func(r rune) bool { return r == ':' || r <= ' ' || r == 0x7f }) {
		return nil, ErrMalformedAPIKey
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("the request timeout must not be negative, got %s", cfg.Timeout)
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be 0 or more, got %d", cfg.MaxRetries)
	}
	if cfg.RateLimitMultiplier < 0 || math.IsNaN(cfg.RateLimitMultiplier) || math.IsInf(cfg.RateLimitMultiplier, 0) {
		return nil, fmt.Errorf("the rate limit multiplier must be a finite number >= 0 (0 turns throttling off), got %v", cfg.RateLimitMultiplier)
	}

	httpClient := cfg.HTTPClient
	if httpClient == nil {
		var err error
		if httpClient, err = newHTTPClient(cfg.TLSCACertificatePEM, cfg.TLSInsecureSkipVerify); err != nil {
			return nil, err
		}
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = defaultTimeout
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}
	var logger Logger = discardLogger{}
	if cfg.Logger != nil {
		logger = cfg.Logger
	}

	c := &Client{
		endpoint:      strings.TrimRight(cfg.URL, "/") + "/v1.0/jsonrpc/",
		apiKey:        apiKey,
		authorization: "Basic " + base64.StdEncoding.EncodeToString([]byte(apiKey+":")),
		userAgent:     userAgent,
		httpClient:    httpClient,
		timeout:       timeout,
		maxRetries:    cfg.MaxRetries,
		logger:        logger,
		interrupt:     cmp.Or(cfg.Interrupt, context.Background()),
		backoff:       defaultBackoff(),
		sleep:         sleepContext,
		now:           time.Now,
	}
	c.limiter = newRateLimiter(cfg.RateLimitMultiplier, c.now, c.sleep)
	return c, nil
}

func newHTTPClient(caPEM string, insecureSkipVerify bool) (*http.Client, error) {
	tlsConfig := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: insecureSkipVerify, //nolint:gosec // explicit opt-in; the provider warns about it
	}
	if strings.TrimSpace(caPEM) != "" {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM([]byte(caPEM)) {
			return nil, ErrInvalidCACertificate
		}
		tlsConfig.RootCAs = pool
	}
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok { // replaced by someone else; keep at least the proxy settings
		base = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	transport := base.Clone()
	transport.TLSClientConfig = tlsConfig
	transport.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return &http.Client{
		Transport: transport,
		// A redirected POST would turn into a GET; report the redirect instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}

// CheckURL validates an API URL: https, or http only for a loopback host (127.0.0.0/8, ::1,
// localhost); a host is required; no query, fragment or credentials.
func CheckURL(raw string) error {
	const hint = "use the console's Access URL, e.g. " + DefaultURL
	if strings.TrimSpace(raw) == "" {
		return errors.New("the API URL is empty: " + hint)
	}
	if strings.TrimSpace(raw) != raw {
		return errors.New("the API URL starts or ends with white space: remove it")
	}
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // the full error repeats the URL, which could hold credentials
		}
		return fmt.Errorf("the API URL is not a valid URL (%w): %s", err, hint)
	}
	switch u.Scheme {
	case "https", "http":
	case "":
		return errors.New("the API URL has no scheme: " + hint)
	default:
		return fmt.Errorf("the API URL has scheme %q: only https:// is supported; %s", u.Scheme, hint)
	}
	if u.Hostname() == "" {
		return errors.New("the API URL has no host: " + hint)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("the API URL uses http:// for host %q: http:// is accepted only for loopback hosts (127.0.0.1, ::1, localhost), such as a local simulator; use https://", u.Hostname())
	}
	if u.User != nil {
		return errors.New("the API URL must not contain a user name or password: give the API key separately")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return errors.New("the API URL must not contain a query (?...) or fragment (#...): " + hint)
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// GetAPIKeyDetails calls general.getApiKeyDetails; it is the cheapest way to check the URL and
// the key.
func (c *Client) GetAPIKeyDetails(ctx context.Context) (*APIKeyDetails, error) {
	var details APIKeyDetails
	if err := c.call(ctx, serviceGeneral, "getApiKeyDetails", nil, &details); err != nil {
		return nil, err
	}
	return &details, nil
}

type rpcRequest struct {
	ID      string          `json:"id"`
	JSONRPC string          `json:"jsonrpc"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"` // nil when absent, "null" for void methods
	Error  *rpcError       `json:"error"`
}

type rpcError struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// call sends one JSON-RPC method, throttled and retried, and decodes its result into out (which
// may be nil). params nil is sent as {}.
func (c *Client) call(ctx context.Context, service, method string, params, out any) error {
	ctx, stop := c.untilInterrupted(ctx)
	defer stop()
	qualified := service + "." + method
	encodedParams := json.RawMessage("{}")
	if params != nil {
		var err error
		if encodedParams, err = json.Marshal(params); err != nil {
			return fmt.Errorf("%s: encoding parameters: %w", qualified, err)
		}
	}
	for retries := 0; ; retries++ {
		waited, err := c.limiter.wait(ctx, method)
		if err != nil {
			return fmt.Errorf("%s: stopped while waiting for the client-side rate limit: %w", qualified, err)
		}
		if waited > 0 {
			c.logger.Debug(ctx, "GravityZone API call throttled by the client-side rate limit", map[string]any{
				"service": service, "method": method, "wait_ms": waited.Milliseconds(),
			})
		}

		start := time.Now()
		err = c.attempt(ctx, service, method, encodedParams, out)
		c.logAttempt(ctx, service, method, retries+1, time.Since(start), err)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		delay, retry := c.retryDelay(method, err, retries)
		if !retry {
			return err
		}
		c.logger.Debug(ctx, "retrying GravityZone API call", map[string]any{
			"service": service, "method": method, "retry": retries + 1, "delay_ms": delay.Milliseconds(),
		})
		if sleepErr := c.sleep(ctx, delay); sleepErr != nil {
			return fmt.Errorf("%w (stopped before retrying: %w)", err, sleepErr)
		}
	}
}

// untilInterrupted is ctx, ended early when the client's Interrupt ends; stop releases it.
func (c *Client) untilInterrupted(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	if c.interrupt.Err() != nil {
		// AfterFunc would end ctx from its own goroutine, too late to stop a request sent now.
		cancel(context.Cause(c.interrupt))
		return ctx, func() {}
	}
	stopWatching := context.AfterFunc(c.interrupt, func() { cancel(context.Cause(c.interrupt)) })
	return ctx, func() {
		stopWatching()
		cancel(nil)
	}
}

// attempt is one HTTP request: a fresh id, the per-request timeout, and the response decoded.
func (c *Client) attempt(ctx context.Context, service, method string, params json.RawMessage, out any) error {
	qualified := service + "." + method
	body, err := json.Marshal(rpcRequest{ID: rand.Text(), JSONRPC: "2.0", Method: method, Params: params})
	if err != nil {
		return fmt.Errorf("%s: encoding request: %w", qualified, err)
	}
	requestCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	// Nothing of the request is written before the transport has a connection: a failure while
	// getting one (DNS, connect, TLS handshake) leaves the server untouched. A transport that
	// reports neither event leaves the failure ambiguous.
	var connecting, connected atomic.Bool
	requestCtx = httptrace.WithClientTrace(requestCtx, &httptrace.ClientTrace{
		GetConn: func(string) { connecting.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { connected.Store(true) },
	})
	endpoint := c.endpoint + service
	req, err := http.NewRequestWithContext(requestCtx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: building request: %w", qualified, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Authorization", c.authorization)

	resp, err := c.httpClient.Do(req)
	if err != nil {
		return c.transportFailure(ctx, qualified, err, connecting.Load() && !connected.Load())
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return c.transportFailure(ctx, qualified, err, false)
	}
	if len(raw) > maxResponseBytes {
		return newMalformedResponseError(qualified, resp.StatusCode, errors.New("the response is larger than 16 MiB"))
	}

	result, err := c.decodeEnvelope(qualified, endpoint, resp, raw)
	if err != nil {
		return err
	}
	if out != nil {
		if err := json.Unmarshal(result, out); err != nil {
			return newMalformedResponseError(qualified, resp.StatusCode, fmt.Errorf("decoding the result: %w", err))
		}
	}
	return nil
}

// transportFailure wraps a failure to get a complete answer, naming a per-request timeout as such.
// A server certificate that fails verification is not a transport failure: the request was never
// sent, and sending it again meets the same certificate. Nor is a failure to connect (notSent):
// the server cannot have seen the request.
func (c *Client) transportFailure(ctx context.Context, qualified string, err error, notSent bool) error {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return &notSentError{method: qualified, err: err, certificate: true}
	}
	if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("no answer within the request timeout of %s: %w", c.timeout, err)
	}
	if notSent {
		return &notSentError{method: qualified, err: err}
	}
	return &transportError{method: qualified, err: err}
}

// decodeEnvelope returns the JSON-RPC result, or the error the response stands for.
func (c *Client) decodeEnvelope(qualified, endpoint string, resp *http.Response, raw []byte) (json.RawMessage, error) {
	var envelope rpcResponse
	decodeErr := json.Unmarshal(raw, &envelope)
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	var apiErr *APIError
	switch {
	case decodeErr == nil && envelope.Error != nil:
		apiErr = newRPCError(qualified, resp.StatusCode, envelope.Error)
	case resp.StatusCode == http.StatusNotFound:
		apiErr = newHTTPError(qualified, resp.StatusCode, resp.Header, nil)
		apiErr.Details = fmt.Sprintf("no GravityZone API answers at %s; the API URL must be the console's Access URL, which ends in /api", endpoint)
	case !success:
		apiErr = newHTTPError(qualified, resp.StatusCode, resp.Header, raw)
	case decodeErr != nil:
		return nil, newMalformedResponseError(qualified, resp.StatusCode, fmt.Errorf("the body is not a JSON-RPC response: %w", decodeErr))
	case envelope.Result == nil:
		return nil, newMalformedResponseError(qualified, resp.StatusCode, errors.New("the JSON-RPC response has neither result nor error"))
	default:
		return envelope.Result, nil
	}
	apiErr.RetryAfter = parseRetryAfter(resp.Header, c.now())
	apiErr.Message = c.scrubKey(apiErr.Message)
	apiErr.Details = c.scrubKey(apiErr.Details)
	return nil, apiErr
}

// scrubKey removes the API key, plain or in its Basic form, from text the server sent back:
// error texts end up in logs and in Terraform's output.
func (c *Client) scrubKey(text string) string {
	for _, secret := range []string{c.apiKey, strings.TrimPrefix(c.authorization, "Basic ")} {
		text = strings.ReplaceAll(text, secret, "[redacted]")
	}
	return text
}

// logAttempt records one request at DEBUG: what was called, how long it took and how it ended.
// Parameters and headers are never logged.
func (c *Client) logAttempt(ctx context.Context, service, method string, attempt int, duration time.Duration, err error) {
	fields := map[string]any{
		"service":     service,
		"method":      method,
		"attempt":     attempt,
		"duration_ms": duration.Milliseconds(),
		"outcome":     "success",
	}
	if err != nil {
		fields["outcome"] = "error"
		fields["error"] = err.Error()
		switch {
		case IsRateLimited(err):
			fields["outcome"] = "rate_limited"
		case IsAmbiguous(err):
			fields["outcome"] = "ambiguous"
		}
		if apiErr, ok := asAPIError(err); ok {
			fields["error_code"] = apiErr.Code
			fields["http_status"] = apiErr.HTTPStatus
		}
	}
	c.logger.Debug(ctx, "GravityZone API call", fields)
}
