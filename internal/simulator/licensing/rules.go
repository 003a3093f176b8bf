package licensing

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// Subscription types as the API numbers them (getLicenseInfo subscriptionType, createCompany
// licenseSubscription.type).
const (
	Trial               = 1
	Yearly              = 2
	Monthly             = 3
	MonthlyLicenseTrial = 4
	MonthlyTrial        = 5
	FRAT                = 6
)

var subscriptionTypeNames = map[int]string{
	Trial:               "1 (trial)",
	Yearly:              "2 (license)",
	Monthly:             "3 (monthly subscription)",
	MonthlyLicenseTrial: "4 (monthly license trial)",
	MonthlyTrial:        "5 (monthly subscription trial)",
	FRAT:                "6 (FRAT)",
}

// Product types as the API numbers them.
const (
	ProductEndpointSecurity = 0
	ProductEDR              = 3
)

var productTypeNames = map[int]string{
	ProductEndpointSecurity: "0 (Endpoint Security)",
	ProductEDR:              "3 (Bitdefender EDR)",
}

const modelALaCarte = "aLaCarte"

// protectionModels lists the protection models in the documented order; reported lists keep it.
var protectionModels = []string{modelALaCarte, "mspSecure", "mspSecurePlus", "mspSecureExtra"}

// defaultResoldModels is R22's table: the models an assigned model puts in additionalProtectionModels,
// which cannot be revoked while that model is assigned.
var defaultResoldModels = map[string][]string{
	modelALaCarte:    {modelALaCarte},
	"mspSecure":      {"mspSecure"},
	"mspSecurePlus":  {"mspSecure", "mspSecurePlus"},
	"mspSecureExtra": {"mspSecure", "mspSecurePlus", "mspSecureExtra"},
}

var imRetentionNames = map[int]string{0: "0 (7 days)", 1: "1 (90 days)", 2: "2 (180 days)", 3: "3 (365 days)"}

// licenseAddOn describes one add-on: the parameters that switch it and where the license keeps it.
type licenseAddOn struct {
	label    string // how messages name the add-on
	topLevel string // top-level manage* parameter; "" when there is none
	ownUse   string // ownUse member; "" when there is none
	resell   string // resell member; "" when there is none
	// own points at the stored own-use value; nil for an add-on that can only be resold.
	own func(*License) *bool
	// resold points at the stored reselling value; nil when the add-on has no resell setting.
	resold func(*License) *bool
	// mirror points at the top-level field that reports the ownUse value (choice 3); nil when none.
	mirror func(*License) *bool
	// parentResells tells whether a parent resells the add-on to its children (choice 8); nil when the
	// add-on is not limited by the parent.
	parentResells func(*License) bool
}

var (
	addOnExchange = &licenseAddOn{label: "Security for Exchange", topLevel: "manageExchange",
		own: func(l *License) *bool { return &l.ManageExchange }}
	addOnEncryption = &licenseAddOn{label: "Full Disk Encryption", topLevel: "manageEncryption",
		own: func(l *License) *bool { return &l.ManageEncryption }}
	addOnPatchManagement = &licenseAddOn{label: "Patch Management", topLevel: "managePatchManagement",
		own: func(l *License) *bool { return &l.ManagePatchManagement }}
	addOnEmailSecurity = &licenseAddOn{label: "Email Security", topLevel: "manageEmailSecurity",
		own: func(l *License) *bool { return &l.ManageEmailSecurity }}
	addOnMobileSecurity = &licenseAddOn{label: "Mobile Security", topLevel: "manageMobileSecurity",
		own: func(l *License) *bool { return &l.ManageMobileSecurity }}
	addOnIntegrityMonitoring = &licenseAddOn{label: "Integrity Monitoring", topLevel: "manageIntegrityMonitoring",
		own: func(l *License) *bool { return &l.ManageIntegrityMonitoring }}
	addOnRemoteEngines = &licenseAddOn{label: "Security for Virtualized Environments",
		topLevel: "manageRemoteEnginesScanning", ownUse: "manageRemoteEnginesScanning", resell: "manageRemoteEnginesScanningResell",
		own:           func(l *License) *bool { return &l.OwnUse.ManageRemoteEnginesScanning },
		resold:        func(l *License) *bool { return &l.Resell.ManageRemoteEnginesScanningResell },
		mirror:        func(l *License) *bool { return &l.ManageRemoteEnginesScanning },
		parentResells: func(l *License) bool { return l.Resell.ManageRemoteEnginesScanningResell }}
	addOnContainerProtection = &licenseAddOn{label: "Container Protection",
		topLevel: "manageContainerProtection", ownUse: "manageContainerProtection", resell: "manageContainerProtectionResell",
		own:           func(l *License) *bool { return &l.OwnUse.ManageContainerProtection },
		resold:        func(l *License) *bool { return &l.Resell.ManageContainerProtectionResell },
		mirror:        func(l *License) *bool { return &l.ManageContainerProtection },
		parentResells: func(l *License) bool { return l.Resell.ManageContainerProtectionResell }}
	addOnEDR = &licenseAddOn{label: "EDR",
		topLevel: "manageEventCorrelator", ownUse: "manageEventCorrelator", resell: "manageEventCorrelatorResell",
		own:           func(l *License) *bool { return &l.OwnUse.ManageEventCorrelator },
		resold:        func(l *License) *bool { return &l.Resell.ManageEventCorrelatorResell },
		mirror:        func(l *License) *bool { return &l.ManageEventCorrelator },
		parentResells: func(l *License) bool { return l.Resell.ManageEventCorrelatorResell }}
	addOnSandboxAnalyzer = &licenseAddOn{label: "Sandbox Analyzer",
		topLevel: "manageSandboxAnalyzer", ownUse: "manageSandboxAnalyzer", resell: "manageSandboxAnalyzerResell",
		own:           func(l *License) *bool { return &l.OwnUse.ManageSandboxAnalyzer },
		resold:        func(l *License) *bool { return &l.Resell.ManageSandboxAnalyzerResell },
		mirror:        func(l *License) *bool { return &l.ManageSandboxAnalyzer },
		parentResells: func(l *License) bool { return l.Resell.ManageSandboxAnalyzerResell }}
	addOnHyperDetect = &licenseAddOn{label: "HyperDetect",
		topLevel: "manageHyperDetect", ownUse: "manageHyperDetect", resell: "manageHyperDetectResell",
		own:           func(l *License) *bool { return &l.OwnUse.ManageHyperDetect },
		resold:        func(l *License) *bool { return &l.Resell.ManageHyperDetectResell },
		mirror:        func(l *License) *bool { return &l.ManageHyperDetect },
		parentResells: func(l *License) bool { return l.Resell.ManageHyperDetectResell }}
	addOnXDRIdentityProviders = &licenseAddOn{label: "XDR identity-provider sensors", ownUse: "manageXDRIdentityProviders",
		own:           func(l *License) *bool { return &l.OwnUse.ManageXDRIdentityProviders },
		parentResells: func(l *License) bool { return l.Resell.ManageXDRResell }}
	addOnXDRProductivityApps = &licenseAddOn{label: "XDR productivity-app sensors", ownUse: "manageXDRProductivityApps",
		own:           func(l *License) *bool { return &l.OwnUse.ManageXDRProductivityApps },
		parentResells: func(l *License) bool { return l.Resell.ManageXDRResell }}
	addOnXDRNetwork = &licenseAddOn{label: "XDR network sensors", ownUse: "manageXDRNetwork",
		own:           func(l *License) *bool { return &l.OwnUse.ManageXDRNetwork },
		parentResells: func(l *License) bool { return l.Resell.ManageXDRResell }}
	addOnXDRCloudWorkloads = &licenseAddOn{label: "XDR cloud-workload sensors", ownUse: "manageXDRCloudWorkloads",
		own:           func(l *License) *bool { return &l.OwnUse.ManageXDRCloudWorkloads },
		parentResells: func(l *License) bool { return l.Resell.ManageXDRResell }}
	addOnXDRResell = &licenseAddOn{label: "XDR", resell: "manageXDRResell",
		resold:        func(l *License) *bool { return &l.Resell.ManageXDRResell },
		parentResells: func(l *License) bool { return l.Resell.ManageXDRResell }}
)

// licenseAddOns lists every add-on; the order is the order in which problems are reported.
var licenseAddOns = []*licenseAddOn{
	addOnExchange, addOnEncryption, addOnRemoteEngines, addOnEDR, addOnHyperDetect, addOnSandboxAnalyzer,
	addOnPatchManagement, addOnEmailSecurity, addOnMobileSecurity, addOnContainerProtection,
	addOnIntegrityMonitoring,
	addOnXDRIdentityProviders, addOnXDRProductivityApps, addOnXDRNetwork, addOnXDRCloudWorkloads, addOnXDRResell,
}

var xdrSensorAddOns = []*licenseAddOn{addOnXDRIdentityProviders, addOnXDRProductivityApps, addOnXDRNetwork, addOnXDRCloudWorkloads}

// licenseBuilder applies one decoded request to a license.
type licenseBuilder struct {
	ctx  Context
	req  *request
	prev License // the license before the request
	next License // the license being built
}

// buildLicense applies req to prev: the current license for setMonthlySubscription, or the blank
// license of the requested type for createCompany.
func buildLicense(ctx Context, prev License, req *request) (License, error) {
	b := &licenseBuilder{ctx: ctx, req: req, prev: prev, next: prev.clone()}
	b.next.SubscriptionType = req.subscriptionType
	b.next.IsAddon = false
	if req.subscriptionType == Monthly {
		b.next.LicenseKey = "" // a yearly key no longer applies once the company is monthly (choice 13)
	}
	steps := []func() error{
		b.checkTwinConflicts,
		b.applyReservation,
		b.applyDates,
		b.applyProductTypes,
		b.applyProtectionModels,
		b.applyAddOns,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return License{}, err
		}
	}
	if b.next.SubscriptionType == Monthly {
		b.next.ExpiryDate = ""
		if b.next.EndSubscription != "" {
			b.next.ExpiryDate = b.next.EndSubscription + "T00:00:00"
		}
	}
	return b.next, nil
}

func (b *licenseBuilder) partner() bool { return b.ctx.CompanyType == 0 }

// offeringParent is the parent whose reselling limits this company (choice 8), or nil.
func (b *licenseBuilder) offeringParent() *License {
	if p := b.ctx.Parent; p != nil && p.SubscriptionType == Monthly {
		return p
	}
	return nil
}

// checkTwinConflicts implements R7–R11: a top-level flag may not come with its ownUse or resell twin.
func (b *licenseBuilder) checkTwinConflicts() error {
	r := b.req
	for _, a := range licenseAddOns {
		if _, sent := r.topLevel[a.topLevel]; !sent {
			continue
		}
		for _, twin := range []struct {
			object, member string
			sent           map[string]bool
		}{{"ownUse", a.ownUse, r.ownUse}, {"resell", a.resell, r.resell}} {
			if _, clash := twin.sent[twin.member]; clash {
				return r.errorf(a.topLevel, "%s cannot be sent together with %s: both set %s. Send it either at top level or inside ownUse/resell, not both.",
					r.name(a.topLevel), r.name(twin.object+"."+twin.member), a.label)
			}
		}
	}
	return nil
}

// applyReservation implements R28.
func (b *licenseBuilder) applyReservation() error {
	r := b.req
	if r.removeReserved {
		if r.reservedSlots != nil {
			return r.errorf("removeReservedSlots", "removeReservedSlots true cannot be combined with reservedSlots: send reservedSlots to reserve seats, or removeReservedSlots true to return to dynamic provisioning.")
		}
		b.next.ReservedSlots = nil
		return nil
	}
	if r.reservedSlots == nil {
		return nil
	}
	n := *r.reservedSlots
	switch {
	case n < 1:
		return r.errorf("reservedSlots", "%s must be at least 1; got %d. To stop reserving seats, send removeReservedSlots true instead.", r.name("reservedSlots"), n)
	case b.ctx.ParentFreeSlots != nil && n > *b.ctx.ParentFreeSlots:
		return r.errorf("reservedSlots", "%s %d exceeds the %d seats the parent company can still reserve; reserve fewer seats or raise the parent's reservation first.", r.name("reservedSlots"), n, *b.ctx.ParentFreeSlots)
	case n < b.ctx.ReservedByChildren:
		return r.errorf("reservedSlots", "%s %d is less than the %d seats this company's child companies have reserved; lower their reservations first.", r.name("reservedSlots"), n, b.ctx.ReservedByChildren)
	}
	b.next.ReservedSlots = &n
	return nil
}

// applyDates implements R26 and R27 (endSubscription, autoRenewPeriod, minimumUsage).
func (b *licenseBuilder) applyDates() error {
	r := b.req
	if r.endSubscription != nil {
		if *r.endSubscription == "" {
			b.next.EndSubscription, b.next.AutoRenewPeriod = "", nil
		} else {
			end, ok := parseEndDate(*r.endSubscription)
			if !ok {
				return r.errorf("endSubscription", "%s must be a date such as 2029-04-14 (or a UTC date-time such as 2029-04-14T00:00:00), or '' to remove the end date; got %q.", r.name("endSubscription"), *r.endSubscription)
			}
			today := b.ctx.Now.UTC().Format(time.DateOnly)
			if end < today {
				return r.errorf("endSubscription", "%s %s is in the past; send a date from %s on, or '' to remove the end date.", r.name("endSubscription"), end, today)
			}
			b.next.EndSubscription = end
		}
	}
	switch {
	case r.autoRenewPeriod != nil && b.next.EndSubscription == "":
		return r.errorf("autoRenewPeriod", "%s applies only to a subscription with an end date; send endSubscription too, or leave autoRenewPeriod out.", r.name("autoRenewPeriod"))
	case r.autoRenewPeriod != nil:
		b.next.AutoRenewPeriod = cloneInt(r.autoRenewPeriod)
	case b.next.EndSubscription != "" && b.next.AutoRenewPeriod == nil:
		months := defaultAutoRenewMonths
		b.next.AutoRenewPeriod = &months
	}
	if r.minimumUsage != nil {
		b.next.MinimumEndpointUsage = nil
		if *r.minimumUsage > 0 {
			b.next.MinimumEndpointUsage = cloneInt(r.minimumUsage)
		}
	}
	return nil
}

// parseEndDate accepts a date or a date-time and returns the UTC date as YYYY-MM-DD.
func parseEndDate(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, expiryDateLayout, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.DateOnly), true
		}
	}
	return "", false
}

// applyProductTypes implements R19 and R20, and the parent's offer (choice 8).
func (b *licenseBuilder) applyProductTypes() error {
	r := b.req
	if t := b.next.SubscriptionType; t != Monthly && t != MonthlyTrial {
		b.next.AssignedProductType, b.next.AdditionalProductTypes = ProductEndpointSecurity, nil
		return nil
	}
	assigned := b.prev.AssignedProductType
	if r.assignedProductType != nil {
		assigned = *r.assignedProductType
	}
	var resold []int
	switch {
	case r.additionalProductTypes != nil:
		if !r.creating && r.assignedProductType == nil {
			return r.errorf("additionalProductTypes", "additionalProductTypes needs assignedProductType in the same request; send both.")
		}
		if !slices.Contains(r.additionalProductTypes, assigned) {
			return r.errorf("additionalProductTypes", "%s must contain the assignedProductType, %s.", r.name("additionalProductTypes"), productTypeNames[assigned])
		}
		resold = r.additionalProductTypes
	case b.partner() && slices.Contains(b.prev.AdditionalProductTypes, assigned):
		resold = slices.Clone(b.prev.AdditionalProductTypes)
	default:
		resold = []int{assigned}
	}
	if !b.partner() && !slices.Equal(resold, []int{assigned}) { // R20: reselling product types is for partners
		return r.errorf("additionalProductTypes", "%s lists product types to resell, which only partner companies do; for a customer company send [%d] (its assignedProductType) or leave it out.", r.name("additionalProductTypes"), assigned)
	}
	if p := b.offeringParent(); p != nil && len(p.AdditionalProductTypes) > 0 {
		if !slices.Contains(p.AdditionalProductTypes, assigned) {
			return r.errorf("assignedProductType", "%s %s is not among the product types the parent company resells (%s); choose one of those or let the parent resell it first.", r.name("assignedProductType"), productTypeNames[assigned], productTypeList(p.AdditionalProductTypes))
		}
		for _, t := range resold {
			if !slices.Contains(p.AdditionalProductTypes, t) {
				return r.errorf("additionalProductTypes", "%s contains %s, which the parent company does not resell (it resells %s).", r.name("additionalProductTypes"), productTypeNames[t], productTypeList(p.AdditionalProductTypes))
			}
		}
	}
	b.next.AssignedProductType, b.next.AdditionalProductTypes = assigned, resold
	return nil
}

// applyProtectionModels implements R21–R24, and the parent's offer (choice 8).
func (b *licenseBuilder) applyProtectionModels() error {
	r := b.req
	monthly := b.next.SubscriptionType == Monthly
	endpointSecurity := b.next.AssignedProductType == ProductEndpointSecurity
	resellsEndpointSecurity := slices.Contains(b.next.AdditionalProductTypes, ProductEndpointSecurity)
	if r.assignedModel != nil && (!monthly || !endpointSecurity) { // R21
		return r.errorf("assignedProtectionModel", "%s applies only to a monthly subscription (type 3) with assignedProductType 0 (Endpoint Security); this company's product type is %s, which has no protection models.", r.name("assignedProtectionModel"), productTypeNames[b.next.AssignedProductType])
	}
	if r.additionalModels != nil { // R23
		edrReseller := monthly && !endpointSecurity && resellsEndpointSecurity
		withModel := monthly && endpointSecurity && r.assignedModel != nil
		if !edrReseller && !withModel {
			return r.errorf("additionalProtectionModels", "%s can be sent only together with assignedProtectionModel (for assignedProductType 0), or with assignedProductType 3 when additionalProductTypes includes 0; send assignedProtectionModel in the same request.", r.name("additionalProtectionModels"))
		}
	}
	if !monthly {
		b.next.AssignedProtectionModel, b.next.AdditionalProtectionModels = "", nil
		return nil
	}
	model := ""
	if endpointSecurity {
		switch {
		case r.assignedModel != nil:
			model = *r.assignedModel
		case b.prev.AssignedProtectionModel != "":
			model = b.prev.AssignedProtectionModel
		default:
			model = b.defaultModel()
		}
	}
	defaults := defaultResoldModels[model]
	var resold []string
	switch {
	case r.additionalModels != nil:
		for _, m := range defaults { // R22: the assigned model's defaults cannot be revoked
			if !slices.Contains(r.additionalModels, m) {
				return r.errorf("additionalProtectionModels", "%s must include %s: they come with assignedProtectionModel %s and cannot be removed while it is assigned.", r.name("additionalProtectionModels"), strings.Join(defaults, ", "), model)
			}
		}
		resold = r.additionalModels
	case !b.partner():
		resold = slices.Clone(defaults)
	case endpointSecurity || resellsEndpointSecurity:
		resold = orderedModels(append(slices.Clone(b.prev.AdditionalProtectionModels), defaults...))
	}
	if !b.partner() && !slices.Equal(resold, defaults) { // R16: extra resold models are for partners
		return r.errorf("additionalProtectionModels", "%s beyond the defaults of the assigned model is for partner companies; for this customer company send [%s] or leave it out.", r.name("additionalProtectionModels"), strings.Join(defaults, ", "))
	}
	if p := b.offeringParent(); p != nil && len(p.AdditionalProtectionModels) > 0 {
		if model != "" && !slices.Contains(p.AdditionalProtectionModels, model) {
			return r.errorf("assignedProtectionModel", "%s %s is not among the protection models the parent company resells (%s); choose one of those.", r.name("assignedProtectionModel"), model, strings.Join(p.AdditionalProtectionModels, ", "))
		}
		for _, m := range resold {
			if !slices.Contains(defaults, m) && !slices.Contains(p.AdditionalProtectionModels, m) {
				return r.errorf("additionalProtectionModels", "%s contains %s, which the parent company does not resell (it resells %s).", r.name("additionalProtectionModels"), m, strings.Join(p.AdditionalProtectionModels, ", "))
			}
		}
	}
	if err := b.checkClientModelReplacement(resold); err != nil {
		return err
	}
	b.next.AssignedProtectionModel, b.next.AdditionalProtectionModels = model, resold
	return nil
}

// checkClientModelReplacement implements R24 for the models the request stops reselling.
func (b *licenseBuilder) checkClientModelReplacement(resold []string) error {
	r := b.req
	if r.newClientModel != nil && !slices.Contains(resold, *r.newClientModel) {
		return r.errorf("setNewProtectionModelForClients", "setNewProtectionModelForClients must be a model the company keeps reselling (%s); %s would not be in additionalProtectionModels.", modelList(resold), *r.newClientModel)
	}
	var withdrawnInUse []string
	for _, m := range b.prev.AdditionalProtectionModels {
		if !slices.Contains(resold, m) && slices.Contains(b.ctx.ChildrenModels, m) {
			withdrawnInUse = append(withdrawnInUse, m)
		}
	}
	if len(withdrawnInUse) > 0 && r.newClientModel == nil {
		return r.errorf("setNewProtectionModelForClients", "this request stops reselling %s, which child companies use; send setNewProtectionModelForClients with the model they should move to (one of: %s).", strings.Join(withdrawnInUse, ", "), modelList(resold))
	}
	return nil
}

// defaultModel is the protection model a monthly Endpoint Security company gets when none is sent
// or kept (choice 15).
func (b *licenseBuilder) defaultModel() string {
	if p := b.ctx.Parent; p != nil {
		for _, m := range protectionModels {
			if slices.Contains(p.AdditionalProtectionModels, m) {
				return m
			}
		}
	}
	return modelALaCarte
}

// resolvedSetting is one add-on setting as the request resolves it, and the parameter that turned
// it on, for messages.
type resolvedSetting struct {
	on    bool
	setBy string
}

func (s *resolvedSetting) set(on bool, param string) {
	s.on, s.setBy = on, ""
	if on {
		s.setBy = param
	}
}

// addOnSettings are an add-on's resolved own-use and reselling settings.
type addOnSettings struct{ own, resold resolvedSetting }

// applyAddOns resolves every add-on from the request (R34: omitted means off), applies the
// implications R1, R17, R2, R3 in that order, then checks R4, R12–R18, R30 and the parent's offer.
func (b *licenseBuilder) applyAddOns() error {
	r := b.req
	partner := b.partner()
	settings := map[*licenseAddOn]*addOnSettings{}
	for _, a := range licenseAddOns {
		s := &addOnSettings{}
		settings[a] = s
		if on, sent := r.topLevel[a.topLevel]; sent {
			s.own.set(on, r.name(a.topLevel))
			if partner && a.resold != nil { // choice 3: the top-level form covers reselling too
				s.resold.set(on, r.name(a.topLevel))
			}
			continue
		}
		if on, sent := r.ownUse[a.ownUse]; sent {
			s.own.set(on, r.name("ownUse."+a.ownUse))
		}
		if on, sent := r.resell[a.resell]; sent {
			if on && !partner { // R16: reselling is for partners
				return r.errorf("resell."+a.resell, "%s is for partner companies, which resell to the companies they manage; for a customer company send false or leave resell out.", r.name("resell."+a.resell))
			}
			s.resold.set(on, r.name("resell."+a.resell))
		}
	}
	edr := settings[addOnEDR]
	if on, sent := r.topLevel["manageEventCorrelator"]; sent { // R1
		for _, a := range []*licenseAddOn{addOnHyperDetect, addOnSandboxAnalyzer} {
			settings[a].own.set(on, r.name("manageEventCorrelator"))
			if partner {
				settings[a].resold.set(on, r.name("manageEventCorrelator"))
			}
		}
	}
	mdrOwnUse, mdrResell := 0, false
	mdrParam := r.name("licensedServices.mdrServiceResell")
	if r.mdrResell != nil {
		if *r.mdrResell && !partner { // R17: MDR reselling is for partners
			return r.errorf("licensedServices.mdrServiceResell", "%s is for partner companies; for a customer company send false or leave it out.", mdrParam)
		}
		mdrResell = *r.mdrResell
	}
	if r.mdrOwnUse != nil && *r.mdrOwnUse != 0 { // R17: MDR brings EDR and, for a partner, MDR reselling
		mdrOwnUse, mdrParam = *r.mdrOwnUse, r.name("licensedServices.mdrServiceOwnUse")
		if !edr.own.on {
			edr.own.set(true, mdrParam)
		}
		mdrResell = mdrResell || partner
	}
	for _, side := range []func(*addOnSettings) *resolvedSetting{
		func(s *addOnSettings) *resolvedSetting { return &s.own },    // R2
		func(s *addOnSettings) *resolvedSetting { return &s.resold }, // R3
	} {
		if e := side(edr); e.on {
			for _, a := range []*licenseAddOn{addOnHyperDetect, addOnSandboxAnalyzer} {
				if !side(settings[a]).on {
					side(settings[a]).set(true, e.setBy)
				}
			}
		}
	}

	for _, a := range xdrSensorAddOns { // R4
		if s := settings[a].own; s.on && !edr.own.on {
			return &params.Error{Param: s.setBy, Details: fmt.Sprintf("%s can be true only when EDR is enabled for the company's own use (manageEventCorrelator or ownUse.manageEventCorrelator true); enable EDR in the same request.", s.setBy)}
		}
	}
	if model := b.next.AssignedProtectionModel; model != "" && model != modelALaCarte { // R12, R13
		for _, a := range []*licenseAddOn{addOnRemoteEngines, addOnContainerProtection} {
			if s := settings[a].own; s.on {
				return &params.Error{Param: s.setBy, Details: fmt.Sprintf("%s (%s) can be true only when assignedProtectionModel is aLaCarte; this company's model is %s. Send assignedProtectionModel aLaCarte, or turn %s off.", s.setBy, a.label, model, a.label)}
			}
		}
	}
	if models := b.next.AdditionalProtectionModels; len(models) > 0 && !slices.Contains(models, modelALaCarte) { // R14, R15 (choice 6)
		for _, a := range []*licenseAddOn{addOnContainerProtection, addOnRemoteEngines} {
			if s := settings[a].resold; s.on {
				return &params.Error{Param: s.setBy, Details: fmt.Sprintf("reselling %s (%s) needs aLaCarte among additionalProtectionModels, so clients can be given a model that includes it; the company resells %s.", a.label, s.setBy, strings.Join(models, ", "))}
			}
		}
	}
	if p := b.offeringParent(); p != nil { // choice 8
		for _, a := range licenseAddOns {
			if a.parentResells == nil || a.parentResells(p) {
				continue
			}
			for _, s := range []resolvedSetting{settings[a].own, settings[a].resold} {
				if s.on {
					return &params.Error{Param: s.setBy, Details: fmt.Sprintf("%s needs %s, which the parent company does not resell; let the parent resell it first, or turn it off here.", s.setBy, a.label)}
				}
			}
		}
	}
	if mdrOwnUse != 0 || mdrResell { // R18
		if !b.ctx.ManagedByAboveChain {
			return &params.Error{Param: mdrParam, Details: fmt.Sprintf("%s: MDR requires canBeManagedByAbove to be true for this company and every company above it; MDR cannot be enabled here.", mdrParam)}
		}
		if p := b.ctx.Parent; p != nil && (p.SubscriptionType != Monthly || !p.MDRServiceResell) {
			return &params.Error{Param: mdrParam, Details: fmt.Sprintf("%s: MDR needs a parent company on monthly subscription that resells MDR (licensedServices.mdrServiceResell true); enable that on the parent first.", mdrParam)}
		}
	}
	integrity := settings[addOnIntegrityMonitoring].own.on
	retention := 0
	if r.imDataRetention != nil { // R30 (choice 10)
		if *r.imDataRetention != 0 && !integrity {
			return r.errorf("imDataRetention", "%s %s applies only while Integrity Monitoring is on; send manageIntegrityMonitoring true in the same request, or imDataRetention 0.", r.name("imDataRetention"), imRetentionNames[*r.imDataRetention])
		}
		retention = *r.imDataRetention
	}

	for _, a := range licenseAddOns {
		s := settings[a]
		if a.own != nil {
			*a.own(&b.next) = s.own.on
		}
		if a.resold != nil {
			*a.resold(&b.next) = s.resold.on
		}
		if a.mirror != nil {
			*a.mirror(&b.next) = s.own.on
		}
	}
	b.next.IMDataRetention = retention
	b.next.MDRServiceOwnUse, b.next.MDRServiceResell = mdrOwnUse, mdrResell
	return nil
}

// orderedModels removes repeats and puts models in the documented order.
func orderedModels(models []string) []string {
	var out []string
	for _, m := range protectionModels {
		if slices.Contains(models, m) {
			out = append(out, m)
		}
	}
	return out
}

// orderedProductTypes removes repeats and sorts.
func orderedProductTypes(types []int) []int {
	out := slices.Clone(types)
	slices.Sort(out)
	return slices.Compact(out)
}

func productTypeList(types []int) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = productTypeNames[t]
	}
	return strings.Join(names, ", ")
}

func modelList(models []string) string {
	if len(models) == 0 {
		return "none: the company would resell no protection model"
	}
	return strings.Join(models, ", ")
}
