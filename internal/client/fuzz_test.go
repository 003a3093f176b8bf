package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The fuzz targets hold the decoding and error-mapping code to its promises for any answer a
// server (or a proxy in front of it) could send: never panic, and always classify.

func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(200, []byte(`{"id":"1","jsonrpc":"2.0","result":"5493dcd2b1a43df00b7b23c6"}`), "")
	f.Add(200, []byte(`{"id":"1","jsonrpc":"2.0","result":null}`), "")
	f.Add(200, []byte(`{"id":"1","jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params","data":{"details":"Invalid value for 'parentId'"}}}`), "")
	f.Add(401, []byte(`{"id":"1","jsonrpc":"2.0","error":{"code":-32000,"message":"Server error","data":{"details":"Invalid API key."}}}`), "")
	f.Add(429, []byte(`<html><body>429 Too Many Requests</body></html>`), "60, 60")
	f.Add(429, []byte(`{"error":{"code":-32003,"message":"Too many requests","data":"slow down"}}`), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add(502, []byte{}, "")
	f.Add(200, []byte(`{"jsonrpc":"2.0"}`), "")

	c := &Client{now: time.Now, backoff: defaultBackoff()}
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		if status < 100 || status > 599 {
			return
		}
		header := http.Header{}
		header.Set("Retry-After", retryAfter)
		result, err := c.decodeEnvelope("companies.createCompany", "https://cloud.gravityzone.bitdefender.com/api/v1.0/jsonrpc/companies", &http.Response{StatusCode: status, Header: header}, body)
		if err == nil {
			if result == nil || status < 200 || status > 299 {
				t.Fatalf("success without a result or with HTTP %d: %q", status, result)
			}
			return
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("not an *APIError: %T %v", err, err)
		}
		if apiErr.HTTPStatus != status || apiErr.Method != "companies.createCompany" {
			t.Fatalf("status/method not kept: %+v", apiErr)
		}
		if apiErr.Error() == "" || apiErr.RetryAfter < 0 {
			t.Fatalf("unusable error: %+v", apiErr)
		}
		if (status == http.StatusTooManyRequests || apiErr.Code == CodeTooManyRequests) && !IsRateLimited(err) {
			t.Fatalf("a rate-limit answer is not classified as such: %+v", apiErr)
		}
		if status == http.StatusUnauthorized && !IsUnauthorized(err) {
			t.Fatalf("HTTP 401 is not classified as unauthorized: %+v", apiErr)
		}
		if status == http.StatusNotFound && apiErr.Code == 0 && IsNotFound(err) {
			t.Fatalf("a 404 without a JSON-RPC error (wrong URL) must never read as a vanished company")
		}
		if IsRateLimited(err) && IsAmbiguous(err) {
			t.Fatalf("a rate-limited request was not executed, so it cannot be ambiguous: %+v", apiErr)
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{"", "0", "60", "60, 60", " 7 ", "-3", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT, Wed, 21 Oct 2015 07:28:00 GMT"} {
		f.Add(seed)
	}
	now := time.Date(2015, 10, 21, 7, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		header := http.Header{}
		header.Set("Retry-After", value)
		got := parseRetryAfter(header, now)
		if got < 0 {
			t.Fatalf("negative wait %v for %q", got, value)
		}
		first, _, _ := strings.Cut(strings.TrimSpace(value), ",")
		if seconds, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && seconds >= 0 && seconds < 1<<20 {
			if got != time.Duration(seconds)*time.Second {
				t.Fatalf("%q: want %ds, got %v", value, seconds, got)
			}
		}
	})
}

func FuzzMonthlyUsageDecode(f *testing.F) {
	f.Add([]byte(`{"endpointMonthlyUsage":4,"edrMonthlyUsage":0,"minimumUsage":{"endpointMonthlyUsage":2},"futureCounter":9}`))
	f.Add([]byte(`{"endpointMonthlyUsage":null,"minimumUsage":7}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var usage MonthlyUsage
		if err := json.Unmarshal(data, &usage); err != nil {
			return
		}
		var members map[string]any
		if json.Unmarshal(data, &members) != nil {
			return
		}
		for name, v := range members {
			if number, ok := v.(float64); ok && name != "minimumUsage" && usage.Counters[name] != number {
				t.Fatalf("counter %q = %v was not kept (got %v)", name, number, usage.Counters[name])
			}
		}
	})
}

func FuzzCompanyDecode(f *testing.F) {
	f.Add([]byte(`{"id":"54aeab40b1a43dc0467b23e9","name":"Customer LTD","type":1,"industry":"12","country":"N/A"}`))
	f.Add([]byte(`{"industry":3415,"parentCompanyId":"x","isSuspended":true}`))
	f.Add([]byte(`{"industry":{"a":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var company Company
		if err := json.Unmarshal(data, &company); err != nil {
			return
		}
		if company.Industry != nil && *company.Industry < 0 && !strings.Contains(string(data), "-") {
			t.Fatalf("a negative industry appeared from nowhere: %d", *company.Industry)
		}
	})
}
