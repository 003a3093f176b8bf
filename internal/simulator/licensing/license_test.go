package licensing

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// seedExampleParams is the request example of the vendor's setMonthlySubscription page, verbatim.
const seedExampleParams = `{
        "companyId": "64be4c5cb904ea72f3001049",
        "reservedSlots": 120,
        "removeReservedSlots": false,
        "endSubscription": "2029-04-14",
        "autoRenewPeriod": 12,
        "manageExchange": false,
        "manageEncryption": false,
        "managePatchManagement": false,
        "ownUse": {
            "manageXDRIdentityProviders": false,
            "manageXDRProductivityApps": false,
            "manageXDRNetwork": false,
            "manageXDRCloudWorkloads": false,
            "manageRemoteEnginesScanning": false,
            "manageContainerProtection": false,
            "manageHyperDetect": true,
            "manageSandboxAnalyzer": true,
            "manageEventCorrelator": true
        },
        "resell": {
            "manageXDRResell": true,
            "manageRemoteEnginesScanningResell": true,
            "manageContainerProtectionResell": true,
            "manageHyperDetectResell": true,
            "manageSandboxAnalyzerResell": true,
            "manageEventCorrelatorResell": true
        },
        "manageEmailSecurity": false,
        "manageIntegrityMonitoring": true,
        "imDataRetention": 2,
        "licensedServices": {
            "mdrServiceOwnUse": 1,
            "mdrServiceResell": true
        },
        "minimumUsage": {
            "endpointMonthlyUsage": 120
        },
        "assignedProductType": 0,
        "additionalProductTypes": [
            0
        ],
        "assignedProtectionModel": "mspSecure",
        "additionalProtectionModels": [
            "aLaCarte",
            "mspSecure",
            "mspSecurePlus"
        ],
        "setNewProtectionModelForClients": "aLaCarte"
    }`

// The example resells Security for Virtualized Environments with assignedProtectionModel mspSecure,
// which a literal reading of R15 forbids; with R15 checked against the resold models (choice 6) it
// is accepted because aLaCarte is resold.
func TestSeedExample(t *testing.T) {
	ctx := partnerContext()
	ctx.ParentFreeSlots = intPtr(500)
	current := newTrialLicense(MonthlyLicenseTrial, testNow)
	got, err := applyMonthly(ctx, current, json.RawMessage(seedExampleParams))
	if err != nil {
		t.Fatalf("the vendor's example must be accepted: %v", err)
	}
	want := License{
		SubscriptionType: Monthly, ExpiryDate: "2029-04-14T00:00:00",
		ReservedSlots: intPtr(120), EndSubscription: "2029-04-14", AutoRenewPeriod: intPtr(12), MinimumEndpointUsage: intPtr(120),
		ManageEventCorrelator: true, ManageHyperDetect: true, ManageSandboxAnalyzer: true,
		ManageIntegrityMonitoring: true, IMDataRetention: 2,
		AssignedProductType: 0, AdditionalProductTypes: []int{0},
		AssignedProtectionModel: "mspSecure", AdditionalProtectionModels: []string{"aLaCarte", "mspSecure", "mspSecurePlus"},
		MDRServiceOwnUse: 1, MDRServiceResell: true,
		OwnUse: OwnUse{ManageEventCorrelator: true, ManageHyperDetect: true, ManageSandboxAnalyzer: true},
		Resell: Resell{ManageXDRResell: true, ManageRemoteEnginesScanningResell: true, ManageContainerProtectionResell: true,
			ManageEventCorrelatorResell: true, ManageSandboxAnalyzerResell: true, ManageHyperDetectResell: true},
	}
	if !licensesEqual(got, want) {
		gotJSON, _ := json.Marshal(got)
		wantJSON, _ := json.Marshal(want)
		t.Fatalf("\n got %s\nwant %s", gotJSON, wantJSON)
	}

	// Without aLaCarte among the resold models, the example's SVE reselling breaks R15.
	var params map[string]any
	if err := json.Unmarshal([]byte(seedExampleParams), &params); err != nil {
		t.Fatal(err)
	}
	params["additionalProtectionModels"] = []string{"mspSecure", "mspSecurePlus"}
	params["setNewProtectionModelForClients"] = "mspSecure"
	params["resell"].(map[string]any)["manageContainerProtectionResell"] = false
	changed, _ := json.Marshal(params)
	_, err = applyMonthly(ctx, current, changed)
	assertParamError(t, err, "resell.manageRemoteEnginesScanningResell")

	// The example as a customer request: its partner-only settings are refused.
	_, err = applyMonthly(customerContext(), current, json.RawMessage(seedExampleParams))
	assertParamError(t, err, "additionalProtectionModels")
}

type createCase struct {
	name      string
	ctx       Context
	raw       string // licenseSubscription; "" when absent
	wantParam string
	check     func(t *testing.T, l License)
}

func TestNewLicenseForCreate(t *testing.T) {
	expiry := func(days int) string { return testNow.AddDate(0, 0, days).Format(expiryDateLayout) }
	hasType := func(subscriptionType int, expiryDate string) func(t *testing.T, l License) {
		return func(t *testing.T, l License) {
			t.Helper()
			if l.SubscriptionType != subscriptionType || l.ExpiryDate != expiryDate {
				t.Errorf("type %d expiry %q, want %d %q", l.SubscriptionType, l.ExpiryDate, subscriptionType, expiryDate)
			}
		}
	}
	limited := customerContext()
	limited.ParentFreeSlots = intPtr(10)
	noMDRChain := partnerContext()
	noMDRChain.ManagedByAboveChain = false
	cases := []createCase{
		{name: "absent gives a trial", ctx: customerContext(), check: hasType(Trial, expiry(30))},
		{name: "null gives a trial", ctx: partnerContext(), raw: `null`, check: hasType(Trial, expiry(30))},
		{name: "type 1 for a partner", ctx: partnerContext(), raw: `{"type": 1}`, check: hasType(Trial, expiry(30))},
		{name: "type 1 for a customer", ctx: customerContext(), raw: `{"type": 1}`, check: hasType(Trial, expiry(30))},
		{name: "type 3 for a customer gets the defaults", ctx: customerContext(), raw: `{"type": 3}`,
			check: func(t *testing.T, l License) {
				hasType(Monthly, "")(t, l)
				if l.AssignedProductType != 0 || !slices.Equal(l.AdditionalProductTypes, []int{0}) ||
					l.AssignedProtectionModel != "aLaCarte" || !slices.Equal(l.AdditionalProtectionModels, []string{"aLaCarte"}) || l.ReservedSlots != nil {
					t.Errorf("got %+v", l)
				}
			}},
		{name: "type 3 for a partner with its add-ons", ctx: partnerContext(),
			raw: `{"type": 3, "reservedSlots": 40, "endSubscription": "2030-01-31", "assignedProductType": 0, "additionalProductTypes": [0, 3],
				"assignedProtectionModel": "mspSecurePlus", "additionalProtectionModels": ["aLaCarte", "mspSecure", "mspSecurePlus"],
				"manageExchange": true, "ownUse": {"manageEventCorrelator": true}, "resell": {"manageContainerProtectionResell": true},
				"licensedServices": {"mdrServiceOwnUse": 1}, "minimumUsage": {"endpointMonthlyUsage": 10}}`,
			check: func(t *testing.T, l License) {
				hasType(Monthly, "2030-01-31T00:00:00")(t, l)
				if *l.ReservedSlots != 40 || *l.AutoRenewPeriod != 12 || !l.ManageExchange || !l.OwnUse.ManageHyperDetect ||
					!l.Resell.ManageContainerProtectionResell || !l.MDRServiceResell || *l.MinimumEndpointUsage != 10 ||
					!slices.Equal(l.AdditionalProductTypes, []int{0, 3}) {
					t.Errorf("got %+v", l)
				}
			}},
		{name: "type 3 reservation beyond the parent's free seats", ctx: limited, raw: `{"type": 3, "reservedSlots": 11}`, wantParam: "licenseSubscription.reservedSlots"},
		{name: "type 3 resold product types without the assigned one sent", ctx: partnerContext(), raw: `{"type": 3, "additionalProductTypes": [0, 3]}`,
			check: func(t *testing.T, l License) {
				if l.AssignedProductType != 0 || !slices.Equal(l.AdditionalProductTypes, []int{0, 3}) {
					t.Errorf("assigned %d resold %v", l.AssignedProductType, l.AdditionalProductTypes)
				}
			}},
		{name: "type 3 MDR without canBeManagedByAbove", ctx: noMDRChain, raw: `{"type": 3, "licensedServices": {"mdrServiceResell": true}}`,
			wantParam: "licenseSubscription.licensedServices.mdrServiceResell"},
		{name: "type 3 twin conflict", ctx: partnerContext(), raw: `{"type": 3, "manageEventCorrelator": true, "ownUse": {"manageEventCorrelator": true}}`,
			wantParam: "licenseSubscription.manageEventCorrelator"},
		{name: "type 3 XDR without EDR", ctx: customerContext(), raw: `{"type": 3, "ownUse": {"manageXDRCloudWorkloads": true}}`,
			wantParam: "licenseSubscription.ownUse.manageXDRCloudWorkloads"},
		{name: "type 4 for a partner", ctx: partnerContext(), raw: `{"type": 4}`,
			check: func(t *testing.T, l License) {
				hasType(MonthlyLicenseTrial, expiry(45))(t, l)
				if total := l.totalSlots(); total == nil || *total != 25 {
					t.Errorf("totalSlots %v, want 25", intOrNull(total))
				}
			}},
		{name: "type 4 for a customer", ctx: customerContext(), raw: `{"type": 4}`, wantParam: "licenseSubscription.type"},
		{name: "type 4 with a reservation", ctx: partnerContext(), raw: `{"type": 4, "reservedSlots": 5}`, wantParam: "licenseSubscription.reservedSlots"},
		{name: "type 4 with add-ons", ctx: partnerContext(), raw: `{"type": 4, "manageExchange": true}`, wantParam: "licenseSubscription.manageExchange"},
		{name: "type 5 for a customer", ctx: customerContext(), raw: `{"type": 5}`,
			check: func(t *testing.T, l License) {
				hasType(MonthlyTrial, expiry(45))(t, l)
				if l.AssignedProtectionModel != "" || !slices.Equal(l.AdditionalProductTypes, []int{0}) {
					t.Errorf("got %+v", l)
				}
			}},
		{name: "type 5 for a partner", ctx: partnerContext(), raw: `{"type": 5}`, wantParam: "licenseSubscription.type"},
		{name: "type 5 with own add-ons and a reservation", ctx: customerContext(),
			raw: `{"type": 5, "reservedSlots": 30, "assignedProductType": 3, "ownUse": {"manageEventCorrelator": true}, "resell": {"manageXDRResell": false}}`,
			check: func(t *testing.T, l License) {
				if *l.ReservedSlots != 30 || l.AssignedProductType != 3 || !l.OwnUse.ManageSandboxAnalyzer || !l.ManageEventCorrelator {
					t.Errorf("got %+v", l)
				}
			}},
		{name: "type 5 with a protection model", ctx: customerContext(), raw: `{"type": 5, "assignedProtectionModel": "aLaCarte"}`,
			wantParam: "licenseSubscription.assignedProtectionModel"},
		{name: "type 5 with an end date", ctx: customerContext(), raw: `{"type": 5, "endSubscription": "2030-01-01"}`, wantParam: "licenseSubscription.endSubscription"},
		{name: "type 5 with MDR", ctx: customerContext(), raw: `{"type": 5, "licensedServices": {"mdrServiceOwnUse": 1}}`, wantParam: "licenseSubscription.licensedServices"},
		{name: "type 5 with a minimum usage", ctx: customerContext(), raw: `{"type": 5, "minimumUsage": {"endpointMonthlyUsage": 1}}`, wantParam: "licenseSubscription.minimumUsage"},
		{name: "type 1 with ownUse", ctx: customerContext(), raw: `{"type": 1, "ownUse": {"manageEventCorrelator": true}}`, wantParam: "licenseSubscription.ownUse"},
		{name: "type 1 with a product type", ctx: customerContext(), raw: `{"type": 1, "assignedProductType": 0}`, wantParam: "licenseSubscription.assignedProductType"},
		{name: "type 1 with integrity monitoring retention", ctx: customerContext(), raw: `{"type": 1, "imDataRetention": 0}`, wantParam: "licenseSubscription.imDataRetention"},
		{name: "type 2 needs a key", ctx: customerContext(), raw: `{"type": 2}`, wantParam: "licenseSubscription.licenseKey"},
		{name: "type 2 with an empty key", ctx: customerContext(), raw: `{"type": 2, "licenseKey": " "}`, wantParam: "licenseSubscription.licenseKey"},
		{name: "type 2 with a key", ctx: customerContext(), raw: `{"type": 2, "licenseKey": "KEY-0001"}`,
			check: func(t *testing.T, l License) {
				hasType(Yearly, testNow.AddDate(1, 0, 0).Format(expiryDateLayout))(t, l)
				if l.LicenseKey != "KEY-0001" {
					t.Errorf("key %q", l.LicenseKey)
				}
			}},
		{name: "type 3 with a key", ctx: customerContext(), raw: `{"type": 3, "licenseKey": "KEY-0001"}`, wantParam: "licenseSubscription.licenseKey"},
		{name: "type 6", ctx: customerContext(), raw: `{"type": 6}`, check: hasType(FRAT, "")},
		{name: "type missing", ctx: customerContext(), raw: `{}`, wantParam: "licenseSubscription.type"},
		{name: "type unknown", ctx: customerContext(), raw: `{"type": 7}`, wantParam: "licenseSubscription.type"},
		{name: "type as a string", ctx: customerContext(), raw: `{"type": "3"}`, wantParam: "licenseSubscription.type"},
		{name: "unknown member", ctx: customerContext(), raw: `{"type": 3, "autoRenew": 12}`, wantParam: "licenseSubscription.autoRenew"},
		{name: "setMonthlySubscription-only member", ctx: customerContext(), raw: `{"type": 3, "removeReservedSlots": true}`, wantParam: "licenseSubscription.removeReservedSlots"},
		{name: "not an object", ctx: customerContext(), raw: `3`, wantParam: "licenseSubscription"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var raw json.RawMessage
			if c.raw != "" {
				raw = json.RawMessage(c.raw)
			}
			got, err := newForCreate(c.ctx, raw)
			if c.wantParam != "" {
				assertParamError(t, err, c.wantParam)
				return
			}
			if err != nil {
				t.Fatalf("want the license created, got %v", err)
			}
			if c.check != nil {
				c.check(t, got)
			}
		})
	}
}

func TestRootLicense(t *testing.T) {
	root := Root()
	if root.SubscriptionType != Monthly || root.ReservedSlots != nil || root.EndSubscription != "" {
		t.Errorf("root %+v", root)
	}
	if !slices.Equal(root.AdditionalProductTypes, []int{0, 3}) || !slices.Equal(root.AdditionalProtectionModels, protectionModels) {
		t.Errorf("root resells %v %v", root.AdditionalProductTypes, root.AdditionalProtectionModels)
	}
	allResold := Resell{ManageXDRResell: true, ManageRemoteEnginesScanningResell: true, ManageContainerProtectionResell: true,
		ManageEventCorrelatorResell: true, ManageSandboxAnalyzerResell: true, ManageHyperDetectResell: true}
	if root.Resell != allResold || !root.MDRServiceResell {
		t.Errorf("root resell %+v MDR %v", root.Resell, root.MDRServiceResell)
	}
	root.AdditionalProtectionModels[0] = "changed"
	if protectionModels[0] != "aLaCarte" {
		t.Fatal("Root shares its model list with the package")
	}

	// A customer directly under the root may take everything the root resells.
	_, err := applyMonthly(withParent(customerContext(), Root()), newTrialLicense(Trial, testNow),
		monthlyParams(`"assignedProtectionModel": "mspSecureExtra", "licensedServices": {"mdrServiceOwnUse": 1}, "ownUse": {"manageXDRNetwork": true}`))
	if err != nil {
		t.Errorf("a customer under the root license: %v", err)
	}
}

func TestInfoResult(t *testing.T) {
	monthly := monthlyLicense(t, customerContext(), `"reservedSlots": 15, "endSubscription": "2029-04-14", "autoRenewPeriod": 0,
		"minimumUsage": {"endpointMonthlyUsage": 5}, "manageIntegrityMonitoring": true, "imDataRetention": 1,
		"licensedServices": {"mdrServiceOwnUse": 1}`)
	got := monthly.InfoResult(7)
	wantMonthly := map[string]any{
		"subscriptionType": 3, "isAddon": false, "usedSlots": 7, "totalSlots": 15, "reservedSlots": 15,
		"expiryDate": "2029-04-14T00:00:00", "endSubscription": "2029-04-14", "autoRenewPeriod": 0,
		"manageIntegrityMonitoring": true, "imDataRetention": 1, "manageEventCorrelator": true, "manageHyperDetect": true,
		"assignedProductType": 0, "assignedProtectionModel": "aLaCarte",
	}
	for key, want := range wantMonthly {
		if got[key] != want {
			t.Errorf("%s = %#v, want %#v", key, got[key], want)
		}
	}
	encoded, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		OwnUse           map[string]bool `json:"ownUse"`
		Resell           map[string]bool `json:"resell"`
		LicensedServices struct {
			MDRServiceOwnUse int `json:"mdrServiceOwnUse"`
		} `json:"licensedServices"`
		MinimumUsage struct {
			EndpointMonthlyUsage int `json:"endpointMonthlyUsage"`
		} `json:"minimumUsage"`
		AdditionalProductTypes     []int    `json:"additionalProductTypes"`
		AdditionalProtectionModels []string `json:"additionalProtectionModels"`
	}
	if err := json.Unmarshal(encoded, &decoded); err != nil {
		t.Fatal(err)
	}
	if len(decoded.OwnUse) != 9 || !decoded.OwnUse["manageEventCorrelator"] || len(decoded.Resell) != 6 ||
		decoded.LicensedServices.MDRServiceOwnUse != 1 || decoded.MinimumUsage.EndpointMonthlyUsage != 5 ||
		!slices.Equal(decoded.AdditionalProductTypes, []int{0}) || !slices.Equal(decoded.AdditionalProtectionModels, []string{"aLaCarte"}) {
		t.Errorf("encoded result %s", encoded)
	}

	dynamic := monthlyLicense(t, customerContext(), ``).InfoResult(3)
	if v, ok := dynamic["totalSlots"]; !ok || v != nil {
		t.Errorf("dynamic totalSlots = %#v, want null", v)
	}
	if _, ok := dynamic["imDataRetention"]; ok {
		t.Error("imDataRetention reported while Integrity Monitoring is off")
	}

	trial := newTrialLicense(Trial, testNow).InfoResult(0)
	if trial["totalSlots"] != 50 || trial["expiryDate"] != testNow.AddDate(0, 0, 30).Format(expiryDateLayout) {
		t.Errorf("trial %#v", trial)
	}
	for _, monthlyOnly := range []string{"ownUse", "resell", "licensedServices", "assignedProtectionModel", "endSubscription"} {
		if _, ok := trial[monthlyOnly]; ok {
			t.Errorf("trial reports %s", monthlyOnly)
		}
	}
}

// moveClient applies MoveClient of the setMonthlySubscription request to child and reports whether
// the child changed.
func moveClient(t *testing.T, partner License, request json.RawMessage, child License) (License, bool) {
	t.Helper()
	p, err := params.Decode("setMonthlySubscription", request)
	if err != nil {
		t.Fatal(err)
	}
	subscription, err := DecodeMonthlySubscription(p)
	if err != nil {
		t.Fatal(err)
	}
	got := subscription.MoveClient(partner, child)
	return got, !licensesEqual(got, child)
}

func TestMoveClient(t *testing.T) {
	partner := monthlyLicense(t, partnerContext(), `"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": ["aLaCarte", "mspSecure", "mspSecurePlus"],
		"resell": {"manageContainerProtectionResell": true}`)
	request := monthlyParams(`"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["mspSecure"], "setNewProtectionModelForClients": "mspSecure",
		"resell": {"manageContainerProtectionResell": false}`)
	ctx := partnerContext()
	ctx.ChildrenModels = []string{"aLaCarte", "mspSecurePlus"}
	after, err := applyMonthly(ctx, partner, request)
	if err != nil {
		t.Fatal(err)
	}

	aLaCarteChild := monthlyLicense(t, withParent(customerContext(), partner), `"assignedProtectionModel": "aLaCarte", "ownUse": {"manageContainerProtection": true}`)
	got, changed := moveClient(t, after, request, aLaCarteChild)
	if !changed || got.AssignedProtectionModel != "mspSecure" || !slices.Equal(got.AdditionalProtectionModels, []string{"mspSecure"}) ||
		got.OwnUse.ManageContainerProtection || got.ManageContainerProtection {
		t.Errorf("aLaCarte child became %+v (changed %v)", got, changed)
	}
	if !aLaCarteChild.OwnUse.ManageContainerProtection {
		t.Error("the child's original license was modified")
	}

	resellerChild := monthlyLicense(t, withParent(partnerContext(), partner),
		`"assignedProtectionModel": "mspSecurePlus", "additionalProtectionModels": ["aLaCarte", "mspSecure", "mspSecurePlus"], "resell": {"manageContainerProtectionResell": true}`)
	got, changed = moveClient(t, after, request, resellerChild)
	if !changed || got.AssignedProtectionModel != "mspSecure" || !slices.Equal(got.AdditionalProtectionModels, []string{"mspSecure"}) ||
		got.Resell.ManageContainerProtectionResell {
		t.Errorf("reselling child became %+v (changed %v)", got, changed)
	}

	kept := monthlyLicense(t, withParent(customerContext(), partner), `"assignedProtectionModel": "mspSecure"`)
	if got, changed := moveClient(t, after, request, kept); changed || !licensesEqual(got, kept) {
		t.Errorf("a child on a model still resold changed to %+v", got)
	}
	trial := newTrialLicense(MonthlyTrial, testNow)
	if _, changed := moveClient(t, after, request, trial); changed {
		t.Error("a trial child changed")
	}
}
