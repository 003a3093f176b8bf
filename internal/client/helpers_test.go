package client

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

const testAPIKey = "0123456789abcdef-SECRET-KEY-4242"

// recordedCall is one request the fake API received.
type recordedCall struct {
	HTTPMethod string
	Path       string
	Header     http.Header
	ID         string
	JSONRPC    string
	Method     string
	Params     json.RawMessage
}

// responder answers one request of the fake API.
type responder func(w http.ResponseWriter, r *http.Request, call recordedCall)

// fakeAPI is a JSON-RPC server that records requests and answers them from a script: the n-th
// request gets responses[n], the last response repeats.
type fakeAPI struct {
	server    *httptest.Server
	mu        sync.Mutex
	calls     []recordedCall
	responses []responder
	byMethod  map[string][]responder
}

func newFakeAPI(t *testing.T, responses ...responder) *fakeAPI {
	t.Helper()
	api := &fakeAPI{responses: responses, byMethod: map[string][]responder{}}
	api.server = httptest.NewServer(http.HandlerFunc(api.serve))
	t.Cleanup(api.server.Close)
	return api
}

// on scripts the answers for one method; it takes precedence over the global script.
func (a *fakeAPI) on(method string, responses ...responder) *fakeAPI {
	a.byMethod[method] = responses
	return a
}

func (a *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var envelope struct {
		ID      string          `json:"id"`
		JSONRPC string          `json:"jsonrpc"`
		Method  string          `json:"method"`
		Params  json.RawMessage `json:"params"`
	}
	_ = json.Unmarshal(body, &envelope)
	call := recordedCall{HTTPMethod: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), ID: envelope.ID, JSONRPC: envelope.JSONRPC, Method: envelope.Method, Params: envelope.Params}

	a.mu.Lock()
	methodIndex := 0
	for _, c := range a.calls {
		if c.Method == call.Method {
			methodIndex++
		}
	}
	index := len(a.calls)
	a.calls = append(a.calls, call)
	script := a.responses
	if scripted, ok := a.byMethod[call.Method]; ok {
		script, index = scripted, methodIndex
	}
	a.mu.Unlock()

	if len(script) == 0 {
		writeJSON(w, http.StatusOK, map[string]any{"id": call.ID, "jsonrpc": "2.0", "result": nil})
		return
	}
	script[min(index, len(script)-1)](w, r, call)
}

func (a *fakeAPI) recorded() []recordedCall {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]recordedCall(nil), a.calls...)
}

func (a *fakeAPI) methods() []string {
	var names []string
	for _, c := range a.recorded() {
		names = append(names, c.Method)
	}
	return names
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// result answers with a JSON-RPC success carrying v.
func result(v any) responder {
	return func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		writeJSON(w, http.StatusOK, map[string]any{"id": call.ID, "jsonrpc": "2.0", "result": v})
	}
}

// rpcFailure answers with a JSON-RPC error object under the given HTTP status.
func rpcFailure(status, code int, message, details string, headers ...string) responder {
	return func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Add(headers[i], headers[i+1])
		}
		writeJSON(w, status, map[string]any{"id": call.ID, "jsonrpc": "2.0",
			"error": map[string]any{"code": code, "message": message, "data": map[string]any{"details": details}}})
	}
}

// rawReply answers with an arbitrary status, body and headers (name, value pairs).
func rawReply(status int, body string, headers ...string) responder {
	return func(w http.ResponseWriter, _ *http.Request, _ recordedCall) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Add(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

const nginxTooManyRequests = "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

const nginxBadGateway = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"

// resetConnection closes the TCP connection with an RST before answering.
func resetConnection(w http.ResponseWriter, _ *http.Request, _ recordedCall) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// sleepRecorder replaces real waiting: it records each requested delay and returns at once
// (or with the context's error when the context is already done).
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// newTestClient builds a client for api with no throttling, three retries and recorded,
// jitter-free backoff; adjust tweaks the configuration first.
func newTestClient(t *testing.T, api *fakeAPI, adjust func(*Config)) (*Client, *sleepRecorder) {
	t.Helper()
	cfg := Config{URL: api.server.URL + "/api", APIKey: testAPIKey, MaxRetries: 3, UserAgent: "terraform-provider-gravityzone/test"}
	if adjust != nil {
		adjust(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	sleeps := &sleepRecorder{}
	c.sleep = sleeps.sleep
	c.backoff.jitter = func(time.Duration) time.Duration { return 0 }
	return c, sleeps
}

// assertJSONEqual compares two JSON documents semantically.
func assertJSONEqual(t *testing.T, got json.RawMessage, want string) {
	t.Helper()
	var gotValue, wantValue any
	if err := json.Unmarshal(got, &gotValue); err != nil {
		t.Fatalf("got invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &wantValue); err != nil {
		t.Fatalf("want invalid JSON %s: %v", want, err)
	}
	if !reflect.DeepEqual(gotValue, wantValue) {
		t.Errorf("JSON mismatch\n got: %s\nwant: %s", got, want)
	}
}

// jsonLinesLogger writes each debug record as a JSON object on a line of its own, the message
// under "@message", as Terraform's logger does.
type jsonLinesLogger struct {
	mu  sync.Mutex
	out io.Writer
}

func (l *jsonLinesLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	entry := map[string]any{"@message": msg}
	maps.Copy(entry, fields)
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = json.NewEncoder(l.out).Encode(entry)
}

func ptr[T any](v T) *T { return &v }

func mustAPIError(t *testing.T, err error) *APIError {
	t.Helper()
	apiErr, ok := asAPIError(err)
	if !ok {
		t.Fatalf("want an *APIError, got %T: %v", err, err)
	}
	return apiErr
}
