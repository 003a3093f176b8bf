package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// forbiddenTopLevelFlags may not be sent together with ownUse/resell (vendor rules R7–R11).
var forbiddenTopLevelFlags = []string{"manageEventCorrelator", "manageHyperDetect", "manageSandboxAnalyzer", "manageRemoteEnginesScanning", "manageContainerProtection"}

func TestMonthlySubscriptionParamsHaveNoForbiddenTopLevelFields(t *testing.T) {
	typ := reflect.TypeFor[MonthlySubscriptionParams]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		for _, forbidden := range forbiddenTopLevelFlags {
			if name == forbidden {
				t.Errorf("field %s is sent as top-level %q, which the API forbids alongside ownUse/resell", typ.Field(i).Name, name)
			}
		}
	}
}

func TestSetMonthlySubscriptionSendsTheCompleteState(t *testing.T) {
	api := newFakeAPI(t)
	c, _ := newTestClient(t, api, nil)
	params := MonthlySubscriptionParams{
		CompanyID:                       "64be4c5cb904ea72f3001049",
		ReservedSlots:                   ptr(120),
		EndSubscription:                 ptr("2029-04-14"),
		AutoRenewPeriod:                 ptr(12),
		MinimumUsage:                    &MinimumUsage{EndpointMonthlyUsage: 120},
		ManageEncryption:                true,
		ManageIntegrityMonitoring:       true,
		IMDataRetention:                 ptr(2),
		LicensedServices:                &LicensedServices{MDRServiceOwnUse: 1, MDRServiceResell: true},
		AssignedProductType:             ptr(0),
		AdditionalProductTypes:          []int{0},
		AssignedProtectionModel:         "mspSecure",
		AdditionalProtectionModels:      []string{"aLaCarte", "mspSecure", "mspSecurePlus"},
		SetNewProtectionModelForClients: "aLaCarte",
		OwnUse:                          &OwnUse{ManageEventCorrelator: true, ManageHyperDetect: true, ManageSandboxAnalyzer: true},
		Resell:                          &Resell{ManageXDRResell: true, ManageHyperDetectResell: true},
	}
	if err := c.SetMonthlySubscription(t.Context(), params); err != nil {
		t.Fatal(err)
	}
	call := api.recorded()[0]
	if call.Path != "/api/v1.0/jsonrpc/licensing" || call.Method != "setMonthlySubscription" {
		t.Errorf("sent %s to %s", call.Method, call.Path)
	}
	assertJSONEqual(t, call.Params, `{
		"companyId": "64be4c5cb904ea72f3001049",
		"reservedSlots": 120,
		"endSubscription": "2029-04-14",
		"autoRenewPeriod": 12,
		"minimumUsage": {"endpointMonthlyUsage": 120},
		"manageExchange": false,
		"manageEncryption": true,
		"managePatchManagement": false,
		"manageEmailSecurity": false,
		"manageMobileSecurity": false,
		"manageIntegrityMonitoring": true,
		"imDataRetention": 2,
		"licensedServices": {"mdrServiceOwnUse": 1, "mdrServiceResell": true},
		"assignedProductType": 0,
		"additionalProductTypes": [0],
		"assignedProtectionModel": "mspSecure",
		"additionalProtectionModels": ["aLaCarte", "mspSecure", "mspSecurePlus"],
		"setNewProtectionModelForClients": "aLaCarte",
		"ownUse": {
			"manageXDRIdentityProviders": false, "manageXDRProductivityApps": false, "manageXDRNetwork": false,
			"manageXDRCloudWorkloads": false, "manageRemoteEnginesScanning": false, "manageContainerProtection": false,
			"manageEventCorrelator": true, "manageSandboxAnalyzer": true, "manageHyperDetect": true
		},
		"resell": {
			"manageXDRResell": true, "manageRemoteEnginesScanningResell": false, "manageContainerProtectionResell": false,
			"manageEventCorrelatorResell": false, "manageSandboxAnalyzerResell": false, "manageHyperDetectResell": true
		}
	}`)
	var sent map[string]json.RawMessage
	if err := json.Unmarshal(call.Params, &sent); err != nil {
		t.Fatal(err)
	}
	for _, forbidden := range forbiddenTopLevelFlags {
		if _, ok := sent[forbidden]; ok {
			t.Errorf("top-level %q sent together with ownUse/resell", forbidden)
		}
	}
}

func TestSetMonthlySubscriptionClearingForms(t *testing.T) {
	api := newFakeAPI(t)
	c, _ := newTestClient(t, api, nil)
	err := c.SetMonthlySubscription(t.Context(), MonthlySubscriptionParams{
		CompanyID:           "c1",
		RemoveReservedSlots: true,
		EndSubscription:     ptr(""), // clears the end date
		OwnUse:              &OwnUse{},
	})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, api.recorded()[0].Params, `{
		"companyId": "c1", "removeReservedSlots": true, "endSubscription": "",
		"manageExchange": false, "manageEncryption": false, "managePatchManagement": false,
		"manageEmailSecurity": false, "manageMobileSecurity": false, "manageIntegrityMonitoring": false,
		"ownUse": {
			"manageXDRIdentityProviders": false, "manageXDRProductivityApps": false, "manageXDRNetwork": false,
			"manageXDRCloudWorkloads": false, "manageRemoteEnginesScanning": false, "manageContainerProtection": false,
			"manageEventCorrelator": false, "manageSandboxAnalyzer": false, "manageHyperDetect": false
		}
	}`)
}

func TestGetLicenseInfo(t *testing.T) {
	documentedExample := map[string]any{
		"subscriptionType": 3, "isAddon": false, "expiryDate": "2029-04-14T00:00:00", "usedSlots": 12, "totalSlots": nil,
		"endSubscription": "2029-04-14", "autoRenewPeriod": 12, "manageExchange": false, "manageEncryption": false,
		"manageRemoteEnginesScanning": false, "manageHyperDetect": true, "manageSandboxAnalyzer": true,
		"managePatchManagement": false, "manageEventCorrelator": true, "manageEmailSecurity": false,
		"assignedProtectionModel": "aLaCarte", "additionalProductTypes": []int{0},
	}
	tests := []struct {
		name  string
		reply responder
		check func(t *testing.T, info *LicenseInfo)
	}{
		{"object as servers send it", result(documentedExample), func(t *testing.T, info *LicenseInfo) {
			if *info.SubscriptionType != 3 || *info.UsedSlots != 12 || *info.EndSubscription != "2029-04-14" || *info.AutoRenewPeriod != 12 {
				t.Errorf("scalars not decoded: %+v", info)
			}
			if info.TotalSlots != nil {
				t.Errorf("totalSlots null (unlimited) decoded as %d", *info.TotalSlots)
			}
			if info.ManageExchange == nil || *info.ManageExchange || info.ManageHyperDetect == nil || !*info.ManageHyperDetect {
				t.Error("reported booleans not decoded")
			}
			if info.ManageMobileSecurity != nil || info.OwnUse != nil || info.ReservedSlots != nil || info.AdditionalProtectionModels != nil {
				t.Error("fields the server did not report must stay nil, not read as false/0")
			}
			if *info.AssignedProtectionModel != "aLaCarte" || !reflect.DeepEqual(info.AdditionalProductTypes, []int{0}) {
				t.Errorf("product fields: %+v", info)
			}
		}},
		{"array as the documentation describes it", result([]any{map[string]any{"subscriptionType": 1, "totalSlots": 50}}), func(t *testing.T, info *LicenseInfo) {
			if *info.SubscriptionType != 1 || *info.TotalSlots != 50 {
				t.Errorf("first element not used: %+v", info)
			}
		}},
		{"nested objects with partial members", result(map[string]any{
			"ownUse":           map[string]any{"manageEventCorrelator": true},
			"resell":           map[string]any{"manageXDRResell": false},
			"licensedServices": map[string]any{"mdrServiceOwnUse": 1},
			"minimumUsage":     map[string]any{"endpointMonthlyUsage": 7},
			"reservedSlots":    3,
		}), func(t *testing.T, info *LicenseInfo) {
			if !*info.OwnUse.ManageEventCorrelator || info.OwnUse.ManageHyperDetect != nil {
				t.Errorf("ownUse = %+v", info.OwnUse)
			}
			if *info.Resell.ManageXDRResell || info.Resell.ManageHyperDetectResell != nil {
				t.Errorf("resell = %+v", info.Resell)
			}
			if *info.LicensedServices.MDRServiceOwnUse != 1 || info.LicensedServices.MDRServiceResell != nil {
				t.Errorf("licensedServices = %+v", info.LicensedServices)
			}
			if info.MinimumUsage.EndpointMonthlyUsage != 7 || *info.ReservedSlots != 3 {
				t.Errorf("minimumUsage/reservedSlots = %+v %v", info.MinimumUsage, info.ReservedSlots)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.reply)
			c, _ := newTestClient(t, api, nil)
			info, err := c.GetLicenseInfo(t.Context(), "c1")
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, info)
		})
	}
}

func TestGetLicenseInfoRejectsEmptyResults(t *testing.T) {
	for _, body := range []any{nil, []any{}} {
		api := newFakeAPI(t, result(body))
		c, _ := newTestClient(t, api, func(cfg *Config) { cfg.MaxRetries = 0 })
		if info, err := c.GetLicenseInfo(t.Context(), "c1"); err == nil || !IsAmbiguous(err) {
			t.Errorf("result %v: info %+v, err %v; want a malformed-response error", body, info, err)
		}
	}
}

func TestGetMonthlyUsageKeepsEveryCounter(t *testing.T) {
	api := newFakeAPI(t, result(map[string]any{
		"endpointMonthlyUsage": 4, "aLaCarteMonthlyUsage": 1, "mspSecureExtraMonthlyUsage": 2, "sveVdiMonthlyUsage": 12.5,
		"phasrMonthlyUsage": 0, "brandNewVendorCounter": 9,
		"minimumUsage": map[string]any{"endpointMonthlyUsage": 3},
		"someNull":     nil, "someText": "x",
	}))
	c, _ := newTestClient(t, api, nil)
	usage, err := c.GetMonthlyUsage(t.Context(), "c1", "11/2026")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"endpointMonthlyUsage": 4, "aLaCarteMonthlyUsage": 1, "mspSecureExtraMonthlyUsage": 2, "sveVdiMonthlyUsage": 12.5,
		"phasrMonthlyUsage": 0, "brandNewVendorCounter": 9,
	}
	if !reflect.DeepEqual(usage.Counters, want) {
		t.Errorf("counters = %v, want %v", usage.Counters, want)
	}
	if usage.MinimumUsage == nil || usage.MinimumUsage.EndpointMonthlyUsage != 3 {
		t.Errorf("minimumUsage = %+v", usage.MinimumUsage)
	}
}

func TestGetMonthlyUsageRefusesOtherMonthFormats(t *testing.T) {
	api := newFakeAPI(t)
	c, _ := newTestClient(t, api, nil)
	for _, month := range []string{"2026-11", "11/26", "13/2026", "1/2026", "11-2026"} {
		if _, err := c.GetMonthlyUsage(t.Context(), "", month); err == nil || !strings.Contains(err.Error(), "MM/YYYY") {
			t.Errorf("month %q: err = %v", month, err)
		}
	}
	if n := len(api.recorded()); n != 0 {
		t.Errorf("%d requests sent with invalid months", n)
	}
}
