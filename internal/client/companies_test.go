package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateCompanyReturnsTheNewID(t *testing.T) {
	api := newFakeAPI(t, result("5493dcd2b1a43df00b7b23c6"))
	c, _ := newTestClient(t, api, nil)
	id, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Customer LTD"})
	if err != nil || id != "5493dcd2b1a43df00b7b23c6" {
		t.Fatalf("CreateCompany = %q, %v", id, err)
	}
}

func TestCreateCompanyAfterAmbiguousFailure(t *testing.T) {
	siblings := []map[string]string{{"id": "aaa", "name": "Acme Old"}, {"id": "bbb", "name": "acme"}}
	withAcme := append(slices.Clone(siblings), map[string]string{"id": "new-id", "name": "Acme"})

	tests := []struct {
		name          string
		createReply   responder
		children      []map[string]string
		parentID      string
		wantID        string
		wantLookup    string // params of the getCompaniesList lookup; empty: no lookup expected
		wantAmbiguous bool
		wantNotFound  bool // the lookup ran and found no such company after every resend: IsNotCreated
	}{
		{"502 and the company exists under the parent: adopted", rawReply(502, nginxBadGateway), withAcme, "p1", "new-id", `{"parentId":"p1"}`, false, false},
		{"reset and the company exists under the key's company: adopted", resetConnection, withAcme, "", "new-id", `{}`, false, false},
		{"unreadable answer and the company exists: adopted", rawReply(200, "{"), withAcme, "p1", "new-id", `{"parentId":"p1"}`, false, false},
		{"empty id and the company exists: adopted", result(""), withAcme, "p1", "new-id", `{"parentId":"p1"}`, false, false},
		{"502 and no exact name match: not created", rawReply(502, nginxBadGateway), siblings, "p1", "", `{"parentId":"p1"}`, true, true},
		{"invalid params: no lookup", rpcFailure(200, -32602, "Invalid params", "Name already in use"), withAcme, "p1", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t).on("createCompany", tt.createReply).on("getCompaniesList", result(tt.children))
			c, sleeps := newTestClient(t, api, nil)
			id, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Acme", ParentID: tt.parentID})
			if id != tt.wantID {
				t.Errorf("id = %q, want %q (err %v)", id, tt.wantID, err)
			}
			if (err == nil) != (tt.wantID != "") {
				t.Errorf("err = %v", err)
			}
			if err != nil && IsAmbiguous(err) != tt.wantAmbiguous {
				t.Errorf("IsAmbiguous(%v) = %v, want %v", err, !tt.wantAmbiguous, tt.wantAmbiguous)
			}
			if IsNotCreated(err) != tt.wantNotFound {
				t.Errorf("IsNotCreated(%v) = %v, want %v", err, !tt.wantNotFound, tt.wantNotFound)
			}
			if tt.wantNotFound && !strings.Contains(err.Error(), `no company named "Acme" was found under parent company p1`) {
				t.Errorf("err = %q; want it to say that the company was looked for and not found", err)
			}
			calls := api.recorded()
			creates := 0
			var lookups []recordedCall
			for _, call := range calls {
				switch call.Method {
				case "createCompany":
					creates++
				case "getCompaniesList":
					lookups = append(lookups, call)
				}
			}
			// Sent again only after a lookup found nothing, with backoff, max_retries (3) times.
			wantCreates, wantWaits := 1, []time.Duration(nil)
			if tt.wantNotFound {
				wantCreates, wantWaits = 4, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
			}
			if creates != wantCreates || !slices.Equal(sleeps.recorded(), wantWaits) {
				t.Errorf("createCompany sent %d times with backoff waits %v; want %d times after %v", creates, sleeps.recorded(), wantCreates, wantWaits)
			}
			if tt.wantLookup == "" {
				if len(lookups) != 0 {
					t.Errorf("unexpected lookup %v", lookups)
				}
				return
			}
			if len(lookups) != wantCreates {
				t.Fatalf("%d lookups, want one after each createCompany (%d)", len(lookups), wantCreates)
			}
			if lookups[0].Path != "/api/v1.0/jsonrpc/network" {
				t.Errorf("lookup path %q", lookups[0].Path)
			}
			assertJSONEqual(t, lookups[0].Params, tt.wantLookup)
		})
	}
}

// TestCreateCompanyResentUntilCreatedOnce follows createCompany after a lost answer: sent again
// when the lookup does not find the company, and the company adopted when a resend is refused
// because a late first request has taken the name meanwhile.
func TestCreateCompanyResentUntilCreatedOnce(t *testing.T) {
	siblings := []map[string]string{{"id": "aaa", "name": "Acme Old"}}
	withAcme := append(slices.Clone(siblings), map[string]string{"id": "late-id", "name": "Acme"})
	nameTaken := rpcFailure(200, -32602, "Invalid params", `a company named "Acme" already exists`)
	tests := []struct {
		name          string
		creates       []responder
		lookups       []responder
		wantID        string
		wantErr       string
		wantCreates   int
		wantLookups   int
		wantNotCreate bool
	}{
		{"resent after a 500, created", []responder{rawReply(500, ""), result("new-id")}, []responder{result(siblings)},
			"new-id", "", 2, 1, false},
		{"resent after a reset and a 502, created", []responder{resetConnection, rawReply(502, nginxBadGateway), result("new-id")},
			[]responder{result(siblings)}, "new-id", "", 3, 2, false},
		{"resend refused as the name now exists: adopted", []responder{rawReply(502, nginxBadGateway), nameTaken},
			[]responder{result(siblings), result(withAcme)}, "late-id", "", 2, 2, false},
		{"resend refused for another reason: that error", []responder{rawReply(502, nginxBadGateway), rpcFailure(200, -32602, "Invalid params", "Invalid value for 'name'")},
			[]responder{result(siblings)}, "", "Invalid value for 'name'", 2, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t).on("createCompany", tt.creates...).on("getCompaniesList", tt.lookups...)
			c, _ := newTestClient(t, api, nil)
			id, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Acme"})
			if id != tt.wantID || (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("CreateCompany = %q, %v; want %q, error %q", id, err, tt.wantID, tt.wantErr)
			}
			if IsNotCreated(err) {
				t.Errorf("IsNotCreated(%v): the last resend was answered", err)
			}
			methods := api.methods()
			if creates, lookups := countOf(methods, "createCompany"), countOf(methods, "getCompaniesList"); creates != tt.wantCreates || lookups != tt.wantLookups {
				t.Errorf("calls %v: want %d createCompany and %d lookups", methods, tt.wantCreates, tt.wantLookups)
			}
		})
	}
}

func TestCreateCompanyStopsResendingWhenCancelled(t *testing.T) {
	api := newFakeAPI(t).on("createCompany", rawReply(502, nginxBadGateway)).on("getCompaniesList", result([]map[string]string{}))
	c, _ := newTestClient(t, api, nil)
	ctx, cancel := context.WithCancel(t.Context())
	c.sleep = func(context.Context, time.Duration) error { cancel(); return ctx.Err() }
	_, err := c.CreateCompany(ctx, CreateCompanyParams{Type: 1, Name: "Acme"})
	if !errors.Is(err, context.Canceled) || !IsNotCreated(err) {
		t.Errorf("err = %v; want the cancellation, and that the company was not created", err)
	}
	if n := countOf(api.methods(), "createCompany"); n != 1 {
		t.Errorf("createCompany sent %d times after the cancellation, want once before it", n)
	}
}

func countOf(names []string, name string) int {
	n := 0
	for _, candidate := range names {
		if candidate == name {
			n++
		}
	}
	return n
}

func TestCreateCompanyLookupFailureKeepsBothErrors(t *testing.T) {
	api := newFakeAPI(t).
		on("createCompany", rawReply(504, "")).
		on("getCompaniesList", rpcFailure(403, -32000, "Server error", "API Key is not allowed to access the selected API: Network"))
	c, _ := newTestClient(t, api, nil)
	_, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 1, Name: "Acme"})
	// The error is classified by the create, which is what the caller must act on.
	if !IsAmbiguous(err) || IsForbidden(err) || IsNotCreated(err) {
		t.Errorf("err = %v; want it classified as the ambiguous create, whose outcome is unknown", err)
	}
	if !strings.Contains(err.Error(), "HTTP 504") || !strings.Contains(err.Error(), "Network") {
		t.Errorf("err = %q", err)
	}
}

func TestCreateCompanyRetriedWhenRateLimited(t *testing.T) {
	tests := []struct {
		name  string
		reply responder
	}{
		{"HTTP 429 with HTML", rawReply(429, nginxTooManyRequests, "Retry-After", "2")},
		{"-32003", rpcFailure(429, -32003, "Too many requests", "Rate limit exceeded.", "Retry-After", "2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t).on("createCompany", tt.reply, result("new-id"))
			c, sleeps := newTestClient(t, api, nil)
			id, err := c.CreateCompany(t.Context(), CreateCompanyParams{Type: 0, Name: "Acme"})
			if err != nil || id != "new-id" {
				t.Fatalf("CreateCompany = %q, %v", id, err)
			}
			if got := api.methods(); !slices.Equal(got, []string{"createCompany", "createCompany"}) {
				t.Errorf("requests %v, want createCompany twice", got)
			}
			if got := sleeps.recorded(); !slices.Equal(got, []time.Duration{2 * time.Second}) {
				t.Errorf("waits %v, want the Retry-After of 2s", got)
			}
		})
	}
}

func TestDeleteCompany(t *testing.T) {
	tests := []struct {
		name         string
		replies      []responder
		wantErr      bool
		wantRequests int
	}{
		{"deleted", []responder{result(nil)}, false, 1},
		{"already gone (-32002)", []responder{rpcFailure(200, -32002, "Resource not found", "The company does not exist")}, false, 1},
		{"already gone (-32602 text)", []responder{rpcFailure(200, -32602, "Invalid params", "The company does not exist")}, false, 1},
		{"deleted by the attempt whose answer was lost", []responder{resetConnection, rpcFailure(200, -32002, "Resource not found", "")}, false, 2},
		{"partner with children", []responder{rpcFailure(200, -32602, "Invalid params", "A partner company with child companies cannot be deleted")}, true, 1},
		{"wrong URL is not 'gone'", []responder{rawReply(http.StatusNotFound, "")}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			c, _ := newTestClient(t, api, nil)
			err := c.DeleteCompany(t.Context(), "c1")
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if n := len(api.recorded()); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
		})
	}
}

func TestCompanyIDRequiredWhereOmittingItWouldTargetTheKeysCompany(t *testing.T) {
	api := newFakeAPI(t)
	c, _ := newTestClient(t, api, nil)
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"UpdateCompanyDetails":   func() error { return c.UpdateCompanyDetails(ctx, UpdateCompanyParams{Name: ptr("x")}) },
		"DeleteCompany":          func() error { return c.DeleteCompany(ctx, "") },
		"SuspendCompany":         func() error { return c.SuspendCompany(ctx, "", true) },
		"ActivateCompany":        func() error { return c.ActivateCompany(ctx, "", true) },
		"SetMonthlySubscription": func() error { return c.SetMonthlySubscription(ctx, MonthlySubscriptionParams{}) },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "company id is required") {
			t.Errorf("%s with an empty id: err = %v", name, err)
		}
	}
	if n := len(api.recorded()); n != 0 {
		t.Errorf("%d requests sent for calls without a company id", n)
	}
}

func TestCompanyReadsDecode(t *testing.T) {
	api := newFakeAPI(t).
		on("getCompanyDetails", result(map[string]any{
			"id": "54aeab40b1a43dc0467b23e9", "name": "Customer LTD", "type": 1, "address": "Str Example No 1",
			"phone": "0040740000001", "canBeManagedByAbove": true, "enforce2FA": true, "skip2FAPeriod": 0,
			"isSuspended": false, "createdAt": "2024-05-02T09:15:00", "country": "RO", "state": "N/A", "industry": 0,
			"customFields": map[string]any{}, "parentId": "p1",
			"contactPerson": map[string]any{"fullName": "Jane", "email": "jane@example.com", "phoneNumber": "+40", "companyRole": "CTO"},
		})).
		on("findCompaniesByName", result([]map[string]any{{"id": "a", "name": "Acme", "type": 0}, {"id": "b", "name": "Acme 2", "type": 1}})).
		on("getCompaniesList", result([]map[string]any{{"id": "a", "name": "Acme"}}))
	c, _ := newTestClient(t, api, nil)
	ctx := t.Context()

	company, err := c.GetCompanyDetails(ctx, "54aeab40b1a43dc0467b23e9")
	if err != nil {
		t.Fatal(err)
	}
	want := Company{
		ID: "54aeab40b1a43dc0467b23e9", Name: "Customer LTD", Type: 1, ParentID: "p1", Address: "Str Example No 1",
		Phone: "0040740000001", Country: "RO", State: "N/A", Industry: ptr(0), CanBeManagedByAbove: ptr(true),
		Enforce2FA: ptr(true), Skip2FAPeriod: ptr(0), IsSuspended: ptr(false), CreatedAt: "2024-05-02T09:15:00",
		ContactPerson: &ContactPerson{FullName: "Jane", Email: "jane@example.com", PhoneNumber: "+40", CompanyRole: "CTO"},
	}
	if !reflect.DeepEqual(*company, want) {
		gotJSON, _ := json.Marshal(company)
		wantJSON, _ := json.Marshal(want)
		t.Errorf("company =\n %s\nwant\n %s", gotJSON, wantJSON)
	}

	found, err := c.FindCompaniesByName(ctx, "Acme", 100)
	if err != nil || len(found) != 2 || found[1].Name != "Acme 2" || found[1].Type != 1 {
		t.Errorf("FindCompaniesByName = %+v, %v", found, err)
	}
	children, err := c.GetCompaniesList(ctx, "p1")
	if err != nil || !slices.Equal(children, []CompanyRef{{ID: "a", Name: "Acme"}}) {
		t.Errorf("GetCompaniesList = %+v, %v", children, err)
	}
}
