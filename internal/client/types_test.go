package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestCompanyIndustryAcceptsNumberOrString(t *testing.T) {
	tests := []struct {
		json string
		want *int
	}{
		{`{"industry": 12}`, ptr(12)},
		{`{"industry": "2801"}`, ptr(2801)},
		{`{"industry": " 7 "}`, ptr(7)},
		{`{"industry": "AEROSPACE"}`, nil},
		{`{"industry": null}`, nil},
		{`{}`, nil},
	}
	for _, tt := range tests {
		var company Company
		if err := json.Unmarshal([]byte(tt.json), &company); err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		if !reflect.DeepEqual(company.Industry, tt.want) {
			t.Errorf("%s: industry = %v, want %v", tt.json, company.Industry, tt.want)
		}
	}
}

func TestCompanyParentIDAliases(t *testing.T) {
	for input, want := range map[string]string{
		`{"parentId": "p1"}`:                             "p1",
		`{"parentCompanyId": "p2"}`:                      "p2",
		`{"parentId": "p1", "parentCompanyId": "p2"}`:    "p1",
		`{"name": "no parent reported", "type": 0}`:      "",
		`{"id": "x", "parentCompanyId": null, "type":1}`: "",
	} {
		var company Company
		if err := json.Unmarshal([]byte(input), &company); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
		if company.ParentID != want {
			t.Errorf("%s: parent = %q, want %q", input, company.ParentID, want)
		}
	}
}

func TestCompanyOmittedFieldsStayNil(t *testing.T) {
	var company Company
	if err := json.Unmarshal([]byte(`{"id":"a","name":"A","type":0}`), &company); err != nil {
		t.Fatal(err)
	}
	if company.CanBeManagedByAbove != nil || company.IsSuspended != nil || company.Skip2FAPeriod != nil || company.Enforce2FA != nil || company.ContactPerson != nil {
		t.Errorf("unreported fields read as values: %+v", company)
	}
}

func TestCreateCompanyParamsOmitUnsetFields(t *testing.T) {
	params := CreateCompanyParams{Type: 0, Name: "Partner", CanBeManagedByAbove: ptr(false), AccountEmail: "a@example.com",
		AccountFullName: "A", ContactPerson: &ContactPerson{FullName: "C", Email: "c@example.com"},
		LicenseSubscription: &LicenseSubscription{Type: 4}}
	got, err := json.Marshal(params)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, `{"type":0,"name":"Partner","canBeManagedByAbove":false,"accountEmail":"a@example.com",
		"accountFullName":"A","contactPerson":{"fullName":"C","email":"c@example.com"},"licenseSubscription":{"type":4}}`)
}

func TestMonthlyUsageNullAndOddMembers(t *testing.T) {
	var usage MonthlyUsage
	if err := json.Unmarshal([]byte(`{"minimumUsage": null, "endpointMonthlyUsage": 3, "nested": {"x": 1}}`), &usage); err != nil {
		t.Fatal(err)
	}
	if usage.MinimumUsage != nil || !reflect.DeepEqual(usage.Counters, map[string]float64{"endpointMonthlyUsage": 3}) {
		t.Errorf("usage = %+v", usage)
	}
}

func TestLicenseInfoReportsTellsNullFromAbsent(t *testing.T) {
	for _, body := range []string{`{"subscriptionType":3,"reservedSlots":null}`, `[{"subscriptionType":3,"reservedSlots":null}]`} {
		var result licenseInfoResult
		if err := json.Unmarshal([]byte(body), &result); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if result.info.ReservedSlots != nil || !result.info.Reports("reservedSlots") {
			t.Errorf("%s: an explicit null must read as a reported nil", body)
		}
		if result.info.Reports("minimumUsage") {
			t.Errorf("%s: a member the server left out must not read as reported", body)
		}
	}
}
