package licensing

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

var testNow = time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)

// monthlyParams wraps members of a setMonthlySubscription request in a params object with a companyId.
func monthlyParams(members string) json.RawMessage {
	if members == "" {
		return json.RawMessage(`{"companyId":"64be4c5cb904ea72f3001049"}`)
	}
	return json.RawMessage(`{"companyId":"64be4c5cb904ea72f3001049",` + members + `}`)
}

// applyMonthly decodes a setMonthlySubscription params object and applies it, as the simulator does.
func applyMonthly(ctx Context, current License, raw json.RawMessage) (License, error) {
	p, err := params.Decode("setMonthlySubscription", raw)
	if err != nil {
		return License{}, err
	}
	subscription, err := DecodeMonthlySubscription(p)
	if err != nil {
		return License{}, err
	}
	return subscription.Apply(ctx, current)
}

// newForCreate builds the license createCompany creates from a licenseSubscription object ("" or
// nil: absent).
func newForCreate(ctx Context, licenseSubscription json.RawMessage) (License, error) {
	raw := json.RawMessage(`{}`)
	if licenseSubscription != nil {
		raw = json.RawMessage(`{"licenseSubscription": ` + string(licenseSubscription) + `}`)
	}
	p, err := params.Decode("createCompany", raw)
	if err != nil {
		return License{}, err
	}
	subscription, _, err := p.Object("licenseSubscription")
	if err != nil {
		return License{}, err
	}
	return NewForCreate(ctx, subscription)
}

func partnerContext() Context {
	return Context{CompanyType: 0, ManagedByAboveChain: true, Now: testNow}
}

func customerContext() Context {
	return Context{CompanyType: 1, ManagedByAboveChain: true, Now: testNow}
}

func withParent(ctx Context, parent License) Context {
	ctx.Parent = &parent
	return ctx
}

func intPtr(n int) *int { return &n }

// monthlyLicense is the license a company on trial gets from one setMonthlySubscription with members.
func monthlyLicense(t *testing.T, ctx Context, members string) License {
	t.Helper()
	l, err := applyMonthly(ctx, newTrialLicense(Trial, testNow), monthlyParams(members))
	if err != nil {
		t.Fatalf("setting up the current license: %v", err)
	}
	return l
}

// assertParamError checks that err is a *params.Error for param whose details name that parameter.
func assertParamError(t *testing.T, err error, param string) {
	t.Helper()
	var pe *params.Error
	if !errors.As(err, &pe) {
		t.Fatalf("want a *params.Error for %s, got %v", param, err)
	}
	if pe.Param != param {
		t.Fatalf("want the error to name %s, got %s: %s", param, pe.Param, pe.Details)
	}
	if !strings.Contains(pe.Details, param) {
		t.Fatalf("details do not name %s: %s", param, pe.Details)
	}
	if pe.Error() != pe.Details {
		t.Fatalf("Error() = %q, want the details", pe.Error())
	}
}

type monthlyCase struct {
	name      string
	ctx       Context
	current   *License // nil: a trial license
	members   string
	wantParam string                          // "" when the request must be accepted
	check     func(t *testing.T, got License) // for accepted requests
}

func runMonthlyCases(t *testing.T, cases []monthlyCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			current := newTrialLicense(Trial, testNow)
			if c.current != nil {
				current = c.current.clone()
			}
			before := current.clone()
			got, err := applyMonthly(c.ctx, current, monthlyParams(c.members))
			if !licensesEqual(before, current) {
				t.Fatalf("the current license was modified")
			}
			if c.wantParam != "" {
				assertParamError(t, err, c.wantParam)
				return
			}
			if err != nil {
				t.Fatalf("want the request accepted, got %v", err)
			}
			if got.SubscriptionType != Monthly {
				t.Fatalf("subscriptionType = %d, want 3", got.SubscriptionType)
			}
			if c.check != nil {
				c.check(t, got)
			}
		})
	}
}

func expectBool(t *testing.T, name string, got, want bool) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestImplications(t *testing.T) {
	runMonthlyCases(t, []monthlyCase{
		{name: "R1 manageEventCorrelator true sets HyperDetect and Sandbox Analyzer", ctx: customerContext(),
			members: `"manageEventCorrelator": true`,
			check: func(t *testing.T, l License) {
				expectBool(t, "manageEventCorrelator", l.ManageEventCorrelator, true)
				expectBool(t, "manageHyperDetect", l.ManageHyperDetect, true)
				expectBool(t, "manageSandboxAnalyzer", l.ManageSandboxAnalyzer, true)
				expectBool(t, "ownUse.manageEventCorrelator", l.OwnUse.ManageEventCorrelator, true)
				expectBool(t, "ownUse.manageHyperDetect", l.OwnUse.ManageHyperDetect, true)
			}},
		{name: "R1 manageEventCorrelator false overrides HyperDetect sent true", ctx: customerContext(),
			members: `"manageEventCorrelator": false, "manageHyperDetect": true, "manageSandboxAnalyzer": true`,
			check: func(t *testing.T, l License) {
				expectBool(t, "manageHyperDetect", l.ManageHyperDetect, false)
				expectBool(t, "manageSandboxAnalyzer", l.ManageSandboxAnalyzer, false)
			}},
		{name: "R1 manageEventCorrelator omitted leaves HyperDetect as sent", ctx: customerContext(),
			members: `"manageHyperDetect": true`,
			check: func(t *testing.T, l License) {
				expectBool(t, "manageHyperDetect", l.ManageHyperDetect, true)
				expectBool(t, "manageSandboxAnalyzer", l.ManageSandboxAnalyzer, false)
				expectBool(t, "manageEventCorrelator", l.ManageEventCorrelator, false)
			}},
		{name: "R1 top-level form covers a partner's reselling", ctx: partnerContext(),
			members: `"manageEventCorrelator": true`,
			check: func(t *testing.T, l License) {
				expectBool(t, "resell.manageEventCorrelatorResell", l.Resell.ManageEventCorrelatorResell, true)
				expectBool(t, "resell.manageHyperDetectResell", l.Resell.ManageHyperDetectResell, true)
				expectBool(t, "resell.manageSandboxAnalyzerResell", l.Resell.ManageSandboxAnalyzerResell, true)
			}},
		{name: "top-level form does not resell for a customer", ctx: customerContext(),
			members: `"manageContainerProtection": true`,
			check: func(t *testing.T, l License) {
				expectBool(t, "ownUse.manageContainerProtection", l.OwnUse.ManageContainerProtection, true)
				expectBool(t, "resell.manageContainerProtectionResell", l.Resell.ManageContainerProtectionResell, false)
			}},
		{name: "R2 ownUse EDR turns on own HyperDetect and Sandbox Analyzer even when sent false", ctx: customerContext(),
			members: `"ownUse": {"manageEventCorrelator": true, "manageHyperDetect": false}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "ownUse.manageHyperDetect", l.OwnUse.ManageHyperDetect, true)
				expectBool(t, "ownUse.manageSandboxAnalyzer", l.OwnUse.ManageSandboxAnalyzer, true)
				expectBool(t, "manageEventCorrelator (reported)", l.ManageEventCorrelator, true)
				expectBool(t, "manageHyperDetect (reported)", l.ManageHyperDetect, true)
			}},
		{name: "R3 resold EDR turns on resold HyperDetect and Sandbox Analyzer only", ctx: partnerContext(),
			members: `"resell": {"manageEventCorrelatorResell": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "resell.manageHyperDetectResell", l.Resell.ManageHyperDetectResell, true)
				expectBool(t, "resell.manageSandboxAnalyzerResell", l.Resell.ManageSandboxAnalyzerResell, true)
				expectBool(t, "ownUse.manageEventCorrelator", l.OwnUse.ManageEventCorrelator, false)
				expectBool(t, "ownUse.manageHyperDetect", l.OwnUse.ManageHyperDetect, false)
			}},
		{name: "R6 manageXDRResell leaves the partner's own sensors alone", ctx: partnerContext(),
			members: `"resell": {"manageXDRResell": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "resell.manageXDRResell", l.Resell.ManageXDRResell, true)
				if l.OwnUse != (OwnUse{}) {
					t.Errorf("ownUse = %+v, want all false", l.OwnUse)
				}
			}},
		{name: "R17 MDR for own use enables EDR for a customer", ctx: customerContext(),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}`,
			check: func(t *testing.T, l License) {
				if l.MDRServiceOwnUse != 1 {
					t.Errorf("mdrServiceOwnUse = %d, want 1", l.MDRServiceOwnUse)
				}
				expectBool(t, "ownUse.manageEventCorrelator", l.OwnUse.ManageEventCorrelator, true)
				expectBool(t, "ownUse.manageHyperDetect", l.OwnUse.ManageHyperDetect, true)
				expectBool(t, "mdrServiceResell", l.MDRServiceResell, false)
			}},
		{name: "R17 MDR for own use enables MDR reselling for a partner", ctx: partnerContext(),
			members: `"licensedServices": {"mdrServiceOwnUse": 1, "mdrServiceResell": false}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "mdrServiceResell", l.MDRServiceResell, true)
				expectBool(t, "manageEventCorrelator", l.ManageEventCorrelator, true)
			}},
		{name: "R17 MDR overrides EDR sent false", ctx: customerContext(),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}, "ownUse": {"manageEventCorrelator": false}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "ownUse.manageEventCorrelator", l.OwnUse.ManageEventCorrelator, true)
			}},
	})
}

func TestProtectionModelDefaults(t *testing.T) { // R22
	want := map[string][]string{
		"aLaCarte":       {"aLaCarte"},
		"mspSecure":      {"mspSecure"},
		"mspSecurePlus":  {"mspSecure", "mspSecurePlus"},
		"mspSecureExtra": {"mspSecure", "mspSecurePlus", "mspSecureExtra"},
	}
	for model, defaults := range want {
		t.Run(model, func(t *testing.T) {
			l, err := applyMonthly(customerContext(), newTrialLicense(Trial, testNow),
				monthlyParams(`"assignedProtectionModel": "`+model+`"`))
			if err != nil {
				t.Fatal(err)
			}
			if l.AssignedProtectionModel != model || !slices.Equal(l.AdditionalProtectionModels, defaults) {
				t.Errorf("model %s, resold %v; want %s, %v", l.AssignedProtectionModel, l.AdditionalProtectionModels, model, defaults)
			}
		})
	}
}

func TestProtectionModels(t *testing.T) {
	partnerWithExtras := monthlyLicense(t, partnerContext(), `"assignedProductType": 0, "additionalProductTypes": [0],
		"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": ["aLaCarte", "mspSecure"]`)
	edrPartner := monthlyLicense(t, partnerContext(), `"assignedProductType": 3, "additionalProductTypes": [0, 3]`)
	childUsesMSPSecure := partnerContext()
	childUsesMSPSecure.ChildrenModels = []string{"aLaCarte", "mspSecure"}
	dropMSPSecure := `"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": ["aLaCarte"]`
	runMonthlyCases(t, []monthlyCase{
		{name: "default model under the root is aLaCarte", ctx: customerContext(),
			check: func(t *testing.T, l License) {
				if l.AssignedProtectionModel != "aLaCarte" || !slices.Equal(l.AdditionalProtectionModels, []string{"aLaCarte"}) {
					t.Errorf("got %s %v", l.AssignedProtectionModel, l.AdditionalProtectionModels)
				}
			}},
		{name: "model kept when omitted", ctx: partnerContext(), current: &partnerWithExtras, members: `"manageExchange": true`,
			check: func(t *testing.T, l License) {
				if l.AssignedProtectionModel != "aLaCarte" || !slices.Equal(l.AdditionalProtectionModels, []string{"aLaCarte", "mspSecure"}) {
					t.Errorf("got %s %v", l.AssignedProtectionModel, l.AdditionalProtectionModels)
				}
			}},
		{name: "partner changing model keeps its extras and gains the new defaults", ctx: partnerContext(), current: &partnerWithExtras,
			members: `"assignedProtectionModel": "mspSecurePlus"`,
			check: func(t *testing.T, l License) {
				if want := []string{"aLaCarte", "mspSecure", "mspSecurePlus"}; !slices.Equal(l.AdditionalProtectionModels, want) {
					t.Errorf("resold %v, want %v", l.AdditionalProtectionModels, want)
				}
			}},
		{name: "R21 model with product type EDR rejected", ctx: customerContext(),
			members: `"assignedProductType": 3, "assignedProtectionModel": "aLaCarte"`, wantParam: "assignedProtectionModel"},
		{name: "R21 moving to product type EDR removes the model", ctx: customerContext(),
			members: `"assignedProductType": 3`,
			check: func(t *testing.T, l License) {
				if l.AssignedProtectionModel != "" || l.AdditionalProtectionModels != nil {
					t.Errorf("got %q %v, want no models", l.AssignedProtectionModel, l.AdditionalProtectionModels)
				}
			}},
		{name: "R22 defaults cannot be revoked", ctx: partnerContext(),
			members:   `"assignedProtectionModel": "mspSecureExtra", "additionalProtectionModels": ["mspSecure", "mspSecureExtra"]`,
			wantParam: "additionalProtectionModels"},
		{name: "R23 resold models need the assigned model in the same request", ctx: partnerContext(), current: &partnerWithExtras,
			members: `"additionalProtectionModels": ["aLaCarte"]`, wantParam: "additionalProtectionModels"},
		{name: "R23 resold models with the assigned model accepted", ctx: partnerContext(),
			members: `"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["mspSecureExtra", "mspSecure", "mspSecure"]`,
			check: func(t *testing.T, l License) {
				if want := []string{"mspSecure", "mspSecureExtra"}; !slices.Equal(l.AdditionalProtectionModels, want) {
					t.Errorf("resold %v, want %v (repeats once, documented order)", l.AdditionalProtectionModels, want)
				}
			}},
		{name: "R23 EDR partner reselling Endpoint Security may resell models", ctx: partnerContext(), current: &edrPartner,
			members: `"assignedProductType": 3, "additionalProductTypes": [3, 0], "additionalProtectionModels": ["mspSecure"]`,
			check: func(t *testing.T, l License) {
				if l.AssignedProtectionModel != "" || !slices.Equal(l.AdditionalProtectionModels, []string{"mspSecure"}) {
					t.Errorf("got %q %v", l.AssignedProtectionModel, l.AdditionalProtectionModels)
				}
			}},
		{name: "R23 EDR partner not reselling Endpoint Security may not resell models", ctx: partnerContext(),
			members: `"assignedProductType": 3, "additionalProductTypes": [3], "additionalProtectionModels": ["mspSecure"]`, wantParam: "additionalProtectionModels"},
		{name: "R16 customer may not resell extra models", ctx: customerContext(),
			members: `"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": ["aLaCarte", "mspSecure"]`, wantParam: "additionalProtectionModels"},
		{name: "R16 customer may send exactly the defaults", ctx: customerContext(),
			members: `"assignedProtectionModel": "mspSecurePlus", "additionalProtectionModels": ["mspSecure", "mspSecurePlus"]`},
		{name: "R24 withdrawing a model a child uses needs setNewProtectionModelForClients", ctx: childUsesMSPSecure, current: &partnerWithExtras,
			members: dropMSPSecure, wantParam: "setNewProtectionModelForClients"},
		{name: "R24 withdrawing with a replacement that stays accepted", ctx: childUsesMSPSecure, current: &partnerWithExtras,
			members: dropMSPSecure + `, "setNewProtectionModelForClients": "aLaCarte"`,
			check: func(t *testing.T, l License) {
				if !slices.Equal(l.AdditionalProtectionModels, []string{"aLaCarte"}) {
					t.Errorf("resold %v", l.AdditionalProtectionModels)
				}
			}},
		{name: "R24 replacement must be a model that stays", ctx: childUsesMSPSecure, current: &partnerWithExtras,
			members: dropMSPSecure + `, "setNewProtectionModelForClients": "mspSecure"`, wantParam: "setNewProtectionModelForClients"},
		{name: "R24 withdrawing a model no child uses needs no replacement", ctx: partnerContext(), current: &partnerWithExtras,
			members: dropMSPSecure},
		{name: "R24 replacement sent when nothing is withdrawn is checked but harmless", ctx: partnerContext(), current: &partnerWithExtras,
			members: `"assignedProtectionModel": "aLaCarte", "setNewProtectionModelForClients": "mspSecure"`,
			check: func(t *testing.T, l License) {
				if !slices.Equal(l.AdditionalProtectionModels, []string{"aLaCarte", "mspSecure"}) {
					t.Errorf("resold %v", l.AdditionalProtectionModels)
				}
			}},
		{name: "R24 dropping Endpoint Security while children use models is impossible", ctx: childUsesMSPSecure, current: &partnerWithExtras,
			members:   `"assignedProductType": 3, "additionalProductTypes": [3], "setNewProtectionModelForClients": "aLaCarte"`,
			wantParam: "setNewProtectionModelForClients"},
	})
}

func TestAddOnPreconditions(t *testing.T) {
	mspSecureCustomer := monthlyLicense(t, customerContext(), `"assignedProtectionModel": "mspSecure"`)
	mspSecurePartner := monthlyLicense(t, partnerContext(), `"assignedProtectionModel": "mspSecure"`)
	noMDRChain := customerContext()
	noMDRChain.ManagedByAboveChain = false
	mdrParent := monthlyLicense(t, partnerContext(), `"licensedServices": {"mdrServiceResell": true}, "resell": {"manageEventCorrelatorResell": true}`)
	plainParent := monthlyLicense(t, partnerContext(), ``)
	runMonthlyCases(t, []monthlyCase{
		{name: "R4 XDR sensor without EDR rejected", ctx: customerContext(),
			members: `"ownUse": {"manageXDRNetwork": true}`, wantParam: "ownUse.manageXDRNetwork"},
		{name: "R4 XDR sensor with ownUse EDR accepted", ctx: customerContext(),
			members: `"ownUse": {"manageXDRNetwork": true, "manageXDRCloudWorkloads": true, "manageEventCorrelator": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "ownUse.manageXDRNetwork", l.OwnUse.ManageXDRNetwork, true)
				expectBool(t, "ownUse.manageXDRCloudWorkloads", l.OwnUse.ManageXDRCloudWorkloads, true)
			}},
		{name: "R4 XDR sensor with top-level EDR accepted", ctx: customerContext(),
			members: `"manageEventCorrelator": true, "ownUse": {"manageXDRIdentityProviders": true}`},
		{name: "R4 XDR sensor with MDR (which brings EDR) accepted", ctx: customerContext(),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}, "ownUse": {"manageXDRProductivityApps": true}`},
		{name: "R12 SVE top-level needs aLaCarte", ctx: customerContext(), current: &mspSecureCustomer,
			members: `"manageRemoteEnginesScanning": true`, wantParam: "manageRemoteEnginesScanning"},
		{name: "R12 SVE ownUse needs aLaCarte", ctx: customerContext(), current: &mspSecureCustomer,
			members: `"ownUse": {"manageRemoteEnginesScanning": true}`, wantParam: "ownUse.manageRemoteEnginesScanning"},
		{name: "R12 SVE with aLaCarte in the same request accepted", ctx: customerContext(), current: &mspSecureCustomer,
			members: `"assignedProtectionModel": "aLaCarte", "ownUse": {"manageRemoteEnginesScanning": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "manageRemoteEnginesScanning (reported)", l.ManageRemoteEnginesScanning, true)
			}},
		{name: "R13 container protection needs aLaCarte", ctx: customerContext(), current: &mspSecureCustomer,
			members: `"ownUse": {"manageContainerProtection": true}`, wantParam: "ownUse.manageContainerProtection"},
		{name: "R13 container protection top-level needs aLaCarte", ctx: customerContext(), current: &mspSecureCustomer,
			members: `"manageContainerProtection": true`, wantParam: "manageContainerProtection"},
		{name: "R13 container protection with aLaCarte accepted", ctx: customerContext(),
			members: `"assignedProtectionModel": "aLaCarte", "manageContainerProtection": true`},
		{name: "R12 and R13 do not apply without protection models", ctx: customerContext(),
			members: `"assignedProductType": 3, "ownUse": {"manageContainerProtection": true, "manageRemoteEnginesScanning": true}`},
		{name: "R14 reselling container protection needs aLaCarte resold", ctx: partnerContext(), current: &mspSecurePartner,
			members: `"resell": {"manageContainerProtectionResell": true}`, wantParam: "resell.manageContainerProtectionResell"},
		{name: "R14 reselling container protection with aLaCarte resold accepted", ctx: partnerContext(), current: &mspSecurePartner,
			members: `"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["aLaCarte", "mspSecure"], "resell": {"manageContainerProtectionResell": true}`},
		{name: "R15 reselling SVE needs aLaCarte resold", ctx: partnerContext(), current: &mspSecurePartner,
			members: `"resell": {"manageRemoteEnginesScanningResell": true}`, wantParam: "resell.manageRemoteEnginesScanningResell"},
		{name: "R15 reselling SVE with own model mspSecure and aLaCarte resold accepted", ctx: partnerContext(), current: &mspSecurePartner,
			members: `"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["aLaCarte", "mspSecure"], "resell": {"manageRemoteEnginesScanningResell": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "resell.manageRemoteEnginesScanningResell", l.Resell.ManageRemoteEnginesScanningResell, true)
			}},
		{name: "R16 customer may not resell", ctx: customerContext(),
			members: `"resell": {"manageEventCorrelatorResell": true}`, wantParam: "resell.manageEventCorrelatorResell"},
		{name: "R16 customer may send resell all false", ctx: customerContext(),
			members: `"resell": {"manageXDRResell": false, "manageEventCorrelatorResell": false}`},
		{name: "R17 customer may not resell MDR", ctx: customerContext(),
			members: `"licensedServices": {"mdrServiceResell": true}`, wantParam: "licensedServices.mdrServiceResell"},
		{name: "R17 partner may resell MDR", ctx: partnerContext(),
			members: `"licensedServices": {"mdrServiceResell": true}`,
			check: func(t *testing.T, l License) {
				expectBool(t, "mdrServiceResell", l.MDRServiceResell, true)
				expectBool(t, "manageEventCorrelator", l.ManageEventCorrelator, false)
			}},
		{name: "R17 unknown MDR service type rejected", ctx: customerContext(),
			members: `"licensedServices": {"mdrServiceOwnUse": 2}`, wantParam: "licensedServices.mdrServiceOwnUse"},
		{name: "R18 MDR needs canBeManagedByAbove up the chain", ctx: noMDRChain,
			members: `"licensedServices": {"mdrServiceOwnUse": 1}`, wantParam: "licensedServices.mdrServiceOwnUse"},
		{name: "R18 MDR needs a parent that resells MDR", ctx: withParent(customerContext(), plainParent),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}`, wantParam: "licensedServices.mdrServiceOwnUse"},
		{name: "R18 partner reselling MDR needs an MDR-reselling parent too", ctx: withParent(partnerContext(), plainParent),
			members: `"licensedServices": {"mdrServiceResell": true}`, wantParam: "licensedServices.mdrServiceResell"},
		{name: "R18 MDR under an MDR-reselling parent accepted", ctx: withParent(customerContext(), mdrParent),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}`},
		{name: "MDR needs the parent to resell the EDR it brings", ctx: withParent(customerContext(), monthlyLicense(t, partnerContext(), `"licensedServices": {"mdrServiceResell": true}`)),
			members: `"licensedServices": {"mdrServiceOwnUse": 1}`, wantParam: "licensedServices.mdrServiceOwnUse"},
		{name: "R18 MDR turned off needs nothing", ctx: noMDRChain,
			members: `"licensedServices": {"mdrServiceOwnUse": 0, "mdrServiceResell": false}`},
		{name: "R30 retention without integrity monitoring rejected", ctx: customerContext(),
			members: `"imDataRetention": 2`, wantParam: "imDataRetention"},
		{name: "R30 retention 0 without integrity monitoring accepted", ctx: customerContext(),
			members: `"imDataRetention": 0`},
		{name: "R30 retention with integrity monitoring accepted", ctx: customerContext(),
			members: `"manageIntegrityMonitoring": true, "imDataRetention": 3`,
			check: func(t *testing.T, l License) {
				if !l.ManageIntegrityMonitoring || l.IMDataRetention != 3 {
					t.Errorf("integrity monitoring %v retention %d", l.ManageIntegrityMonitoring, l.IMDataRetention)
				}
			}},
		{name: "integrity monitoring accepts 1 as documented Integer", ctx: customerContext(),
			members: `"manageIntegrityMonitoring": 1, "imDataRetention": 1`,
			check: func(t *testing.T, l License) {
				expectBool(t, "manageIntegrityMonitoring", l.ManageIntegrityMonitoring, true)
			}},
	})
}

func TestTwinConflicts(t *testing.T) { // R7–R11
	cases := []monthlyCase{}
	for _, twin := range []struct{ topLevel, ownUse, resell string }{
		{"manageRemoteEnginesScanning", "manageRemoteEnginesScanning", "manageRemoteEnginesScanningResell"}, // R7
		{"manageContainerProtection", "manageContainerProtection", "manageContainerProtectionResell"},       // R8
		{"manageEventCorrelator", "manageEventCorrelator", "manageEventCorrelatorResell"},                   // R9
		{"manageSandboxAnalyzer", "manageSandboxAnalyzer", "manageSandboxAnalyzerResell"},                   // R10
		{"manageHyperDetect", "manageHyperDetect", "manageHyperDetectResell"},                               // R11
	} {
		cases = append(cases,
			monthlyCase{name: twin.topLevel + " with its ownUse twin", ctx: partnerContext(),
				members: `"` + twin.topLevel + `": false, "ownUse": {"` + twin.ownUse + `": false}`, wantParam: twin.topLevel},
			monthlyCase{name: twin.topLevel + " with its resell twin", ctx: partnerContext(),
				members: `"` + twin.topLevel + `": false, "resell": {"` + twin.resell + `": false}`, wantParam: twin.topLevel},
			monthlyCase{name: twin.topLevel + " alone", ctx: partnerContext(),
				members: `"` + twin.topLevel + `": false, "ownUse": {}, "resell": {}`},
		)
	}
	runMonthlyCases(t, cases)
}

func TestParentOffer(t *testing.T) {
	esOnlyParent := monthlyLicense(t, partnerContext(), `"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["mspSecure", "mspSecurePlus"]`)
	edrParent := monthlyLicense(t, partnerContext(), `"assignedProductType": 0, "additionalProductTypes": [0, 3], "resell": {"manageEventCorrelatorResell": true, "manageXDRResell": true}`)
	edrWithoutXDRParent := monthlyLicense(t, partnerContext(), `"resell": {"manageEventCorrelatorResell": true}`)
	trialParent := newTrialLicense(MonthlyLicenseTrial, testNow)
	runMonthlyCases(t, []monthlyCase{
		{name: "default model is the parent's first resold model", ctx: withParent(customerContext(), esOnlyParent),
			check: func(t *testing.T, l License) {
				if l.AssignedProtectionModel != "mspSecure" {
					t.Errorf("model %s, want mspSecure", l.AssignedProtectionModel)
				}
			}},
		{name: "model the parent does not resell rejected", ctx: withParent(customerContext(), esOnlyParent),
			members: `"assignedProtectionModel": "aLaCarte"`, wantParam: "assignedProtectionModel"},
		{name: "extra model the parent does not resell rejected", ctx: withParent(partnerContext(), esOnlyParent),
			members: `"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["mspSecure", "mspSecureExtra"]`, wantParam: "additionalProtectionModels"},
		{name: "product type the parent does not resell rejected", ctx: withParent(customerContext(), esOnlyParent),
			members: `"assignedProductType": 3`, wantParam: "assignedProductType"},
		{name: "resold product type the parent does not resell rejected", ctx: withParent(partnerContext(), esOnlyParent),
			members: `"assignedProductType": 0, "additionalProductTypes": [0, 3]`, wantParam: "additionalProductTypes"},
		{name: "product type the parent resells accepted", ctx: withParent(customerContext(), edrParent),
			members: `"assignedProductType": 3`},
		{name: "EDR the parent does not resell rejected", ctx: withParent(customerContext(), esOnlyParent),
			members: `"ownUse": {"manageEventCorrelator": true}`, wantParam: "ownUse.manageEventCorrelator"},
		{name: "EDR the parent resells accepted", ctx: withParent(customerContext(), edrParent),
			members: `"ownUse": {"manageEventCorrelator": true, "manageXDRNetwork": true}`},
		{name: "reselling what the parent does not resell rejected", ctx: withParent(partnerContext(), edrParent),
			members: `"resell": {"manageContainerProtectionResell": true}`, wantParam: "resell.manageContainerProtectionResell"},
		{name: "XDR sensors need the parent's XDR reselling", ctx: withParent(customerContext(), edrWithoutXDRParent),
			members: `"manageEventCorrelator": true, "ownUse": {"manageXDRNetwork": true}`, wantParam: "ownUse.manageXDRNetwork"},
		{name: "implied HyperDetect is reported as EDR", ctx: withParent(customerContext(), esOnlyParent),
			members: `"manageEventCorrelator": true`, wantParam: "manageEventCorrelator"},
		{name: "add-ons without a resell setting are not limited", ctx: withParent(customerContext(), esOnlyParent),
			members: `"manageExchange": true, "manageEncryption": true, "managePatchManagement": true`},
		{name: "a parent on trial limits nothing", ctx: withParent(customerContext(), trialParent),
			members: `"assignedProductType": 3, "ownUse": {"manageEventCorrelator": true}`},
	})
}

func TestReservation(t *testing.T) { // R28
	reserved := monthlyLicense(t, customerContext(), `"reservedSlots": 10`)
	limited := customerContext()
	limited.ParentFreeSlots = intPtr(25)
	withReservingChildren := partnerContext()
	withReservingChildren.ReservedByChildren = 8
	slots := func(want *int) func(t *testing.T, l License) {
		return func(t *testing.T, l License) {
			if (want == nil) != (l.ReservedSlots == nil) || (want != nil && *want != *l.ReservedSlots) {
				t.Errorf("reservedSlots = %v, want %v", intOrNull(l.ReservedSlots), intOrNull(want))
			}
		}
	}
	runMonthlyCases(t, []monthlyCase{
		{name: "set", ctx: customerContext(), members: `"reservedSlots": 10`, check: slots(intPtr(10))},
		{name: "kept when omitted", ctx: customerContext(), current: &reserved, members: `"manageExchange": true`, check: slots(intPtr(10))},
		{name: "changed", ctx: customerContext(), current: &reserved, members: `"reservedSlots": 20`, check: slots(intPtr(20))},
		{name: "removed", ctx: customerContext(), current: &reserved, members: `"removeReservedSlots": true`, check: slots(nil)},
		{name: "removeReservedSlots false changes nothing", ctx: customerContext(), current: &reserved, members: `"removeReservedSlots": false`, check: slots(intPtr(10))},
		{name: "zero rejected", ctx: customerContext(), members: `"reservedSlots": 0`, wantParam: "reservedSlots"},
		{name: "removal with a reservation rejected", ctx: customerContext(), current: &reserved,
			members: `"removeReservedSlots": true, "reservedSlots": 5`, wantParam: "removeReservedSlots"},
		{name: "up to the parent's free seats accepted", ctx: limited, members: `"reservedSlots": 25`, check: slots(intPtr(25))},
		{name: "beyond the parent's free seats rejected", ctx: limited, members: `"reservedSlots": 26`, wantParam: "reservedSlots"},
		{name: "below the children's reservations rejected", ctx: withReservingChildren, members: `"reservedSlots": 7`, wantParam: "reservedSlots"},
		{name: "covering the children's reservations accepted", ctx: withReservingChildren, members: `"reservedSlots": 8`, check: slots(intPtr(8))},
	})
}

func TestSubscriptionDates(t *testing.T) { // R26, R27
	ending := monthlyLicense(t, customerContext(), `"endSubscription": "2029-04-14", "autoRenewPeriod": 6, "minimumUsage": {"endpointMonthlyUsage": 40}`)
	runMonthlyCases(t, []monthlyCase{
		{name: "endSubscription set with the default renewal", ctx: customerContext(), members: `"endSubscription": "2029-04-14"`,
			check: func(t *testing.T, l License) {
				if l.EndSubscription != "2029-04-14" || l.AutoRenewPeriod == nil || *l.AutoRenewPeriod != 12 || l.ExpiryDate != "2029-04-14T00:00:00" {
					t.Errorf("end %q renew %v expiry %q", l.EndSubscription, intOrNull(l.AutoRenewPeriod), l.ExpiryDate)
				}
			}},
		{name: "endSubscription as a UTC date-time is stored as its date", ctx: customerContext(), members: `"endSubscription": "2029-04-14T22:00:00-03:00"`,
			check: func(t *testing.T, l License) {
				if l.EndSubscription != "2029-04-15" {
					t.Errorf("end %q, want 2029-04-15", l.EndSubscription)
				}
			}},
		{name: "endSubscription today accepted", ctx: customerContext(), members: `"endSubscription": "2026-03-15"`},
		{name: "endSubscription in the past rejected", ctx: customerContext(), members: `"endSubscription": "2026-03-14"`, wantParam: "endSubscription"},
		{name: "endSubscription not a date rejected", ctx: customerContext(), members: `"endSubscription": "14/04/2029"`, wantParam: "endSubscription"},
		{name: "endSubscription impossible date rejected", ctx: customerContext(), members: `"endSubscription": "2029-02-30"`, wantParam: "endSubscription"},
		{name: "end date and renewal kept when omitted", ctx: customerContext(), current: &ending, members: `"manageExchange": true`,
			check: func(t *testing.T, l License) {
				if l.EndSubscription != "2029-04-14" || *l.AutoRenewPeriod != 6 || *l.MinimumEndpointUsage != 40 {
					t.Errorf("end %q renew %d minimum %v", l.EndSubscription, *l.AutoRenewPeriod, intOrNull(l.MinimumEndpointUsage))
				}
			}},
		{name: "endSubscription cleared with '' drops the renewal", ctx: customerContext(), current: &ending, members: `"endSubscription": ""`,
			check: func(t *testing.T, l License) {
				if l.EndSubscription != "" || l.AutoRenewPeriod != nil || l.ExpiryDate != "" {
					t.Errorf("end %q renew %v expiry %q", l.EndSubscription, intOrNull(l.AutoRenewPeriod), l.ExpiryDate)
				}
			}},
		{name: "autoRenewPeriod changed on its own", ctx: customerContext(), current: &ending, members: `"autoRenewPeriod": 0`,
			check: func(t *testing.T, l License) {
				if *l.AutoRenewPeriod != 0 {
					t.Errorf("renew %d, want 0", *l.AutoRenewPeriod)
				}
			}},
		{name: "autoRenewPeriod without an end date rejected", ctx: customerContext(), members: `"autoRenewPeriod": 12`, wantParam: "autoRenewPeriod"},
		{name: "autoRenewPeriod while clearing the end date rejected", ctx: customerContext(), current: &ending,
			members: `"endSubscription": "", "autoRenewPeriod": 12`, wantParam: "autoRenewPeriod"},
		{name: "negative autoRenewPeriod rejected", ctx: customerContext(), current: &ending, members: `"autoRenewPeriod": -1`, wantParam: "autoRenewPeriod"},
		{name: "minimumUsage 0 removes the commitment", ctx: customerContext(), current: &ending, members: `"minimumUsage": {"endpointMonthlyUsage": 0}`,
			check: func(t *testing.T, l License) {
				if l.MinimumEndpointUsage != nil {
					t.Errorf("minimum %d, want none", *l.MinimumEndpointUsage)
				}
			}},
		{name: "minimumUsage without its member rejected", ctx: customerContext(), members: `"minimumUsage": {}`, wantParam: "minimumUsage.endpointMonthlyUsage"},
		{name: "minimumUsage negative rejected", ctx: customerContext(), members: `"minimumUsage": {"endpointMonthlyUsage": -5}`, wantParam: "minimumUsage.endpointMonthlyUsage"},
		{name: "minimumUsage unknown member rejected", ctx: customerContext(), members: `"minimumUsage": {"endpoints": 5}`, wantParam: "minimumUsage.endpoints"},
	})
}

func TestProductTypes(t *testing.T) { // R19, R20
	reseller := monthlyLicense(t, partnerContext(), `"assignedProductType": 0, "additionalProductTypes": [0, 3]`)
	runMonthlyCases(t, []monthlyCase{
		{name: "default resold product type is the assigned one", ctx: customerContext(), members: `"assignedProductType": 3`,
			check: func(t *testing.T, l License) {
				if l.AssignedProductType != 3 || !slices.Equal(l.AdditionalProductTypes, []int{3}) {
					t.Errorf("assigned %d resold %v", l.AssignedProductType, l.AdditionalProductTypes)
				}
			}},
		{name: "partner resells both", ctx: partnerContext(), members: `"assignedProductType": 3, "additionalProductTypes": [3, 0, 3]`,
			check: func(t *testing.T, l License) {
				if !slices.Equal(l.AdditionalProductTypes, []int{0, 3}) {
					t.Errorf("resold %v", l.AdditionalProductTypes)
				}
			}},
		{name: "resold product types kept when they still contain the assigned one", ctx: partnerContext(), current: &reseller, members: `"assignedProductType": 3`,
			check: func(t *testing.T, l License) {
				if !slices.Equal(l.AdditionalProductTypes, []int{0, 3}) {
					t.Errorf("resold %v", l.AdditionalProductTypes)
				}
			}},
		{name: "additionalProductTypes needs assignedProductType in the request", ctx: partnerContext(), members: `"additionalProductTypes": [0, 3]`, wantParam: "additionalProductTypes"},
		{name: "additionalProductTypes must contain the assigned type", ctx: partnerContext(), members: `"assignedProductType": 3, "additionalProductTypes": [0]`, wantParam: "additionalProductTypes"},
		{name: "customer may not resell product types", ctx: customerContext(), members: `"assignedProductType": 0, "additionalProductTypes": [0, 3]`, wantParam: "additionalProductTypes"},
		{name: "customer may send its own product type", ctx: customerContext(), members: `"assignedProductType": 0, "additionalProductTypes": [0]`},
	})
}

func TestOmittedSettingsReset(t *testing.T) { // R34, choices 1 and 2
	ctx := partnerContext()
	current := monthlyLicense(t, ctx, `"reservedSlots": 50, "endSubscription": "2029-04-14",
		"assignedProtectionModel": "mspSecure", "additionalProtectionModels": ["aLaCarte", "mspSecure"],
		"manageExchange": true, "managePatchManagement": true, "manageIntegrityMonitoring": true, "imDataRetention": 1,
		"ownUse": {"manageEventCorrelator": true, "manageXDRNetwork": true},
		"resell": {"manageXDRResell": true, "manageEventCorrelatorResell": true},
		"licensedServices": {"mdrServiceOwnUse": 1}`)
	got, err := applyMonthly(ctx, current, monthlyParams(`"manageEncryption": true`))
	if err != nil {
		t.Fatal(err)
	}
	want := current.clone()
	want.ManageExchange, want.ManagePatchManagement, want.ManageIntegrityMonitoring, want.IMDataRetention = false, false, false, 0
	want.ManageEventCorrelator, want.ManageHyperDetect, want.ManageSandboxAnalyzer = false, false, false
	want.ManageEncryption = true
	want.OwnUse, want.Resell = OwnUse{}, Resell{}
	want.MDRServiceOwnUse, want.MDRServiceResell = 0, false
	if !licensesEqual(got, want) {
		gotJSON, _ := json.Marshal(got)
		wantJSON, _ := json.Marshal(want)
		t.Fatalf("after a request with only manageEncryption:\n got %s\nwant %s", gotJSON, wantJSON)
	}
	if l, err := applyMonthly(ctx, current, monthlyParams(`"manageExchange": null, "ownUse": null`)); err != nil || l.ManageExchange || l.OwnUse.ManageEventCorrelator {
		t.Errorf("null members must count as omitted: err %v, exchange %v, EDR %v", err, l.ManageExchange, l.OwnUse.ManageEventCorrelator)
	}
}

func TestLicenseTypeSwitch(t *testing.T) { // choice 13
	yearly := newTrialLicense(Yearly, testNow)
	yearly.LicenseKey = "ABCD-1234"
	for _, current := range []License{newTrialLicense(Trial, testNow), yearly, newTrialLicense(MonthlyLicenseTrial, testNow),
		newTrialLicense(MonthlyTrial, testNow), newTrialLicense(FRAT, testNow)} {
		got, err := applyMonthly(partnerContext(), current, monthlyParams(""))
		if err != nil {
			t.Fatalf("from type %d: %v", current.SubscriptionType, err)
		}
		if got.SubscriptionType != Monthly || got.LicenseKey != "" || got.ExpiryDate != "" {
			t.Errorf("from type %d: type %d key %q expiry %q", current.SubscriptionType, got.SubscriptionType, got.LicenseKey, got.ExpiryDate)
		}
	}
}

func TestRequestShape(t *testing.T) {
	runMonthlyCases(t, []monthlyCase{
		{name: "unknown parameter", ctx: customerContext(), members: `"manageEdr": true`, wantParam: "manageEdr"},
		{name: "createCompany-only parameter", ctx: customerContext(), members: `"type": 3`, wantParam: "type"},
		{name: "unknown ownUse member", ctx: customerContext(), members: `"ownUse": {"manageXDR": true}`, wantParam: "ownUse.manageXDR"},
		{name: "unknown resell member", ctx: partnerContext(), members: `"resell": {"manageEventCorrelator": true}`, wantParam: "resell.manageEventCorrelator"},
		{name: "unknown licensedServices member", ctx: customerContext(), members: `"licensedServices": {"mdr": 1}`, wantParam: "licensedServices.mdr"},
		{name: "flag as a string", ctx: customerContext(), members: `"manageExchange": "true"`, wantParam: "manageExchange"},
		{name: "flag as a number", ctx: customerContext(), members: `"manageEncryption": 1`, wantParam: "manageEncryption"},
		{name: "ownUse member as a string", ctx: customerContext(), members: `"ownUse": {"manageHyperDetect": "yes"}`, wantParam: "ownUse.manageHyperDetect"},
		{name: "ownUse as an array", ctx: customerContext(), members: `"ownUse": []`, wantParam: "ownUse"},
		{name: "reservedSlots as a fraction", ctx: customerContext(), members: `"reservedSlots": 1.5`, wantParam: "reservedSlots"},
		{name: "reservedSlots as a string", ctx: customerContext(), members: `"reservedSlots": "10"`, wantParam: "reservedSlots"},
		{name: "removeReservedSlots as a string", ctx: customerContext(), members: `"removeReservedSlots": "true"`, wantParam: "removeReservedSlots"},
		{name: "endSubscription as a number", ctx: customerContext(), members: `"endSubscription": 20290414`, wantParam: "endSubscription"},
		{name: "unknown product type", ctx: customerContext(), members: `"assignedProductType": 5`, wantParam: "assignedProductType"},
		{name: "unknown resold product type", ctx: partnerContext(), members: `"assignedProductType": 0, "additionalProductTypes": [0, 1]`, wantParam: "additionalProductTypes[1]"},
		{name: "resold product type as a string", ctx: partnerContext(), members: `"assignedProductType": 0, "additionalProductTypes": ["0"]`, wantParam: "additionalProductTypes[0]"},
		{name: "additionalProductTypes not an array", ctx: partnerContext(), members: `"assignedProductType": 0, "additionalProductTypes": 0`, wantParam: "additionalProductTypes"},
		{name: "unknown protection model", ctx: customerContext(), members: `"assignedProtectionModel": "mspsecure"`, wantParam: "assignedProtectionModel"},
		{name: "unknown resold protection model", ctx: partnerContext(), members: `"assignedProtectionModel": "aLaCarte", "additionalProtectionModels": ["aLaCarte", "mspSecureEssentials"]`, wantParam: "additionalProtectionModels[1]"},
		{name: "unknown replacement model", ctx: partnerContext(), members: `"setNewProtectionModelForClients": "none"`, wantParam: "setNewProtectionModelForClients"},
		{name: "unknown retention", ctx: customerContext(), members: `"manageIntegrityMonitoring": true, "imDataRetention": 4`, wantParam: "imDataRetention"},
		{name: "integrity monitoring as 2", ctx: customerContext(), members: `"manageIntegrityMonitoring": 2`, wantParam: "manageIntegrityMonitoring"},
	})
}
