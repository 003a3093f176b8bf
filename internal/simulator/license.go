// Package simulator licenses companies by the vendor's rules, as this section describes.
//
// # Licensing behaviour
//
// Licences are created by companies.createCompany (its licenseSubscription object) and changed by
// licensing.setMonthlySubscription; licensing.getLicenseInfo reports them. Every rejected request is
// answered with JSON-RPC -32602 "Invalid params" and a data.details sentence that names the parameter
// and says what to change. The rules are those of the vendor's setMonthlySubscription and createCompany
// pages (R1–R38 in the project's API notes). Where those pages are silent or contradict themselves, the
// simulator behaves as follows:
//
//  1. A setMonthlySubscription request describes the complete add-on set (the vendor's guide: "include
//     all previous parameters associated with add-ons that are already enabled"). Every top-level
//     manage* flag, every ownUse and resell member (also when the whole object is left out),
//     licensedServices and imDataRetention that the request omits goes back to its default: false,
//     0 or "disabled". To keep an add-on, send it again.
//  2. Everything else is kept when omitted: reservedSlots (as documented), endSubscription,
//     autoRenewPeriod, minimumUsage, assignedProductType, assignedProtectionModel and a partner's
//     additionalProtectionModels. additionalProductTypes is kept too, unless it would no longer contain
//     a newly sent assignedProductType; it then becomes [assignedProductType], its documented default.
//  3. The top-level manageRemoteEnginesScanning, manageContainerProtection, manageEventCorrelator,
//     manageSandboxAnalyzer and manageHyperDetect flags are the older, combined form of their ownUse and
//     resell settings: sent at top level, the value applies to the company's own use and, for a
//     partner, to reselling as well. That is why a request may not carry both forms (R7–R11). The
//     top-level flag that getLicenseInfo reports always equals the ownUse value.
//  4. Implications win over values sent in the same request: manageEventCorrelator sent (true or false)
//     sets manageHyperDetect and manageSandboxAnalyzer to the same value (R1); then
//     licensedServices.mdrServiceOwnUse 1 turns on EDR for own use and, for a partner, MDR reselling
//     (R17); then EDR on turns on HyperDetect and Sandbox Analyzer, for own use (R2) and for reselling
//     (R3). Omitting manageEventCorrelator leaves HyperDetect and Sandbox Analyzer as the rest of the
//     request sets them (see 1).
//  5. resell.manageXDRResell (R6) changes nothing in the partner's own ownUse XDR sensor settings and
//     does not switch sensors on in existing child companies (that would start billable sensors nobody
//     asked for, and children without EDR would break R4). It makes the four XDR sensor settings
//     available to the partner's managed companies (see 8). XDR counts as active while any of the four
//     sensor settings is on (R5); there is no separate switch.
//  6. resell.manageRemoteEnginesScanningResell (R15) is checked like its container twin (R14): the
//     partner's additionalProtectionModels must contain aLaCarte. The vendor's own request example uses
//     assignedProtectionModel mspSecure with aLaCarte among the resold models and resells Security for
//     Virtualized Environments; it is accepted. A partner that cannot give aLaCarte to any client
//     cannot resell that service.
//  7. The aLaCarte conditions (R12–R15) apply to companies that have protection models. A company
//     without any (a type 5 trial, or the Bitdefender EDR standalone product) is not restricted by them.
//  8. Under a parent on monthly subscription a company can only use or resell what that parent resells:
//     its product types must be among the parent's additionalProductTypes, its assignedProtectionModel
//     (and any model it resells beyond that model's defaults) among the parent's
//     additionalProtectionModels, EDR, HyperDetect, Sandbox Analyzer, Security for Virtualized
//     Environments and Container Protection need the parent's matching resell setting, the XDR sensors
//     and XDR reselling need the parent's resell.manageXDRResell, and MDR needs the parent's
//     mdrServiceResell (R18), plus the EDR that MDR brings. Add-ons that have no resell setting (Exchange, encryption, patch
//     management, email and mobile security, integrity monitoring) are not limited this way. The root
//     company resells everything; parents on trial or yearly licences limit nothing. When a parent stops
//     reselling something, its children keep it until their next change, which must drop it; only
//     protection models move at once (see 16).
//  9. Settings meant for partners (resell, mdrServiceResell, additionalProductTypes beyond
//     assignedProductType, additionalProtectionModels beyond the defaults of the assigned model) are
//     rejected for a customer company only when they would grant something. Sent at their neutral
//     value (false, [assignedProductType], the defaults) they are accepted, so a client may always send
//     the full object.
//  10. imDataRetention other than 0 while Integrity Monitoring ends up off is rejected rather than ignored
//     (R30): a longer retention is billed, so silently dropping it would hide a mistake. Turning
//     Integrity Monitoring off resets the retention to 0 (7 days); getLicenseInfo reports
//     imDataRetention only while Integrity Monitoring is on.
//  11. reservedSlots must be at least 1 (R28); 0 is rejected with a pointer to removeReservedSlots, which
//     returns the company to dynamic provisioning. A reservation may not exceed the seats the parent can
//     still reserve (only when the parent has a reservation itself; the root's pool is unlimited) nor
//     drop below what the company's own children have reserved. removeReservedSlots true together with
//     reservedSlots is rejected as contradictory; removeReservedSlots false changes nothing.
//  12. endSubscription takes YYYY-MM-DD or a UTC date-time (2029-04-14T00:00:00 or RFC 3339) and is stored
//     as the date; it may not lie in the past. ” removes the end date and with it autoRenewPeriod.
//     autoRenewPeriod needs an end date (sent in the same request or already set) and is rejected
//     otherwise; it becomes 12 when an end date is set and no period has been. A monthly subscription's
//     expiryDate is its end date at 00:00:00.
//  13. setMonthlySubscription moves a company of any licence type to type 3 (monthly subscription): from a
//     trial (1, 4, 5), a yearly licence (2, whose key is dropped) or FRAT (6).
//  14. createCompany without licenseSubscription (or with null) creates a trial, type 1. With the object,
//     its type is required. Only types 3 and 5 take add-ons, ownUse, resell, product types and
//     reservedSlots; only type 3 takes endSubscription, autoRenewPeriod, minimumUsage, licensedServices
//     and protection models; only type 2 takes licenseKey, and needs it (R29). Type 4 is for partners and
//     type 5 for customers (R38). Trials run 30 days with 50 seats (type 1) or 45 days with 25 seats
//     (types 4 and 5); a type 2 licence expires a year after creation; FRAT has no expiry date.
//  15. A monthly Endpoint Security company for which no protection model is sent or kept gets the first
//     model its parent resells, in the order aLaCarte, mspSecure, mspSecurePlus, mspSecureExtra
//     (aLaCarte under the root or a parent without models). Moving to product type 3 (Bitdefender EDR)
//     removes the company's own model (R21); a partner keeps its resold models only while it still
//     resells Endpoint Security (R23).
//  16. setNewProtectionModelForClients, whenever sent, must name a model the company keeps in
//     additionalProtectionModels, also when the request removes nothing (it then has no effect, as in the
//     vendor's example). A request that withdraws a model some direct child uses needs it (R24); those
//     children move to it, gaining its default models, and lose Security for Virtualized Environments
//     and Container Protection if the new model is not aLaCarte.
//  17. minimumUsage is kept when omitted; {"endpointMonthlyUsage": 0} removes the commitment.
//  18. JSON null for an optional parameter means the parameter is omitted. manageIntegrityMonitoring,
//     documented as an Integer but sent as true in the vendor's example, accepts true/false and 0/1.
//     Other numbers must be integers, unknown parameter names are rejected, repeated entries in
//     additionalProductTypes or additionalProtectionModels count once, and both lists are reported in
//     the documented order.
//  19. getLicenseInfo returns one object. totalSlots is the reservation when there is one, the trial size
//     for trials, and null otherwise (dynamic provisioning). reservedSlots is reported too (null when
//     dynamic). Product types, ownUse and resell are reported for types 3 and 5; protection models,
//     licensedServices, endSubscription, autoRenewPeriod and minimumUsage for type 3 when set.
package simulator

import (
	"encoding/json"
	"slices"
	"time"
)

// OwnUse holds the add-ons a company licenses for its own endpoints (API member "ownUse").
type OwnUse struct {
	ManageXDRIdentityProviders  bool `json:"manageXDRIdentityProviders"`
	ManageXDRProductivityApps   bool `json:"manageXDRProductivityApps"`
	ManageXDRNetwork            bool `json:"manageXDRNetwork"`
	ManageXDRCloudWorkloads     bool `json:"manageXDRCloudWorkloads"`
	ManageRemoteEnginesScanning bool `json:"manageRemoteEnginesScanning"`
	ManageContainerProtection   bool `json:"manageContainerProtection"`
	ManageEventCorrelator       bool `json:"manageEventCorrelator"`
	ManageSandboxAnalyzer       bool `json:"manageSandboxAnalyzer"`
	ManageHyperDetect           bool `json:"manageHyperDetect"`
}

// Resell holds the add-ons a partner may sell to the companies it manages (API member "resell").
type Resell struct {
	ManageXDRResell                   bool `json:"manageXDRResell"`
	ManageRemoteEnginesScanningResell bool `json:"manageRemoteEnginesScanningResell"`
	ManageContainerProtectionResell   bool `json:"manageContainerProtectionResell"`
	ManageEventCorrelatorResell       bool `json:"manageEventCorrelatorResell"`
	ManageSandboxAnalyzerResell       bool `json:"manageSandboxAnalyzerResell"`
	ManageHyperDetectResell           bool `json:"manageHyperDetectResell"`
}

// License is one company's licensing state; it is what getLicenseInfo reports and what the JSON state
// file stores. Field names follow the API's.
type License struct {
	// SubscriptionType is 1 trial, 2 license (yearly key), 3 monthly subscription, 4 monthly licence
	// trial, 5 monthly subscription trial or 6 FRAT.
	SubscriptionType int    `json:"subscriptionType"`
	IsAddon          bool   `json:"isAddon"`
	ExpiryDate       string `json:"expiryDate,omitempty"`
	LicenseKey       string `json:"licenseKey,omitempty"`
	// ReservedSlots is nil under dynamic provisioning (seats drawn from the parent's pool without a cap).
	ReservedSlots   *int   `json:"reservedSlots"`
	EndSubscription string `json:"endSubscription,omitempty"`
	AutoRenewPeriod *int   `json:"autoRenewPeriod,omitempty"`
	// MinimumEndpointUsage is minimumUsage.endpointMonthlyUsage; nil when there is no commitment.
	MinimumEndpointUsage *int `json:"minimumEndpointUsage,omitempty"`

	ManageExchange              bool `json:"manageExchange"`
	ManageEncryption            bool `json:"manageEncryption"`
	ManageRemoteEnginesScanning bool `json:"manageRemoteEnginesScanning"`
	ManageHyperDetect           bool `json:"manageHyperDetect"`
	ManageSandboxAnalyzer       bool `json:"manageSandboxAnalyzer"`
	ManagePatchManagement       bool `json:"managePatchManagement"`
	ManageEventCorrelator       bool `json:"manageEventCorrelator"`
	ManageEmailSecurity         bool `json:"manageEmailSecurity"`
	ManageMobileSecurity        bool `json:"manageMobileSecurity"`
	ManageContainerProtection   bool `json:"manageContainerProtection"`
	ManageIntegrityMonitoring   bool `json:"manageIntegrityMonitoring"`
	// IMDataRetention is 0 (7 days), 1 (90 days), 2 (180 days) or 3 (365 days).
	IMDataRetention int `json:"imDataRetention"`

	// AssignedProductType is 0 (Endpoint Security) or 3 (Bitdefender EDR).
	AssignedProductType        int      `json:"assignedProductType"`
	AdditionalProductTypes     []int    `json:"additionalProductTypes,omitempty"`
	AssignedProtectionModel    string   `json:"assignedProtectionModel,omitempty"`
	AdditionalProtectionModels []string `json:"additionalProtectionModels,omitempty"`

	// MDRServiceOwnUse and MDRServiceResell are the members of licensedServices.
	MDRServiceOwnUse int  `json:"mdrServiceOwnUse"`
	MDRServiceResell bool `json:"mdrServiceResell"`

	OwnUse OwnUse `json:"ownUse"`
	Resell Resell `json:"resell"`
}

// SubscriptionContext is what the rules need to know about the company's surroundings.
type SubscriptionContext struct {
	// CompanyType is 0 for a partner and 1 for a customer.
	CompanyType int
	// HasChildren tells whether the company manages other companies. The licence rules rely on
	// ChildrenModels and ReservedByChildren instead; it is carried so callers describe the company fully.
	HasChildren bool
	// ManagedByAboveChain is true when canBeManagedByAbove is true for this company and every ancestor
	// up to, but excluding, the root (R18).
	ManagedByAboveChain bool
	// Parent is the parent's licence, or nil when the parent is the root partner with its unlimited pool.
	Parent *License
	// ParentFreeSlots is the largest reservation this company may hold: the parent's reservation minus
	// what the parent's other children reserve (this company's own current reservation counts as free).
	// Nil when the parent draws on an unlimited pool.
	ParentFreeSlots *int
	// ChildrenModels holds the assignedProtectionModel of each direct child on monthly subscription (R24).
	ChildrenModels []string
	// ReservedByChildren is the sum of the reservations of the company's direct children; its own
	// reservation may not drop below it.
	ReservedByChildren int
	// Now is the current time, for trial expiry and the end-date check.
	Now time.Time
}

// ParamError is returned for every rejected request; the server maps it to JSON-RPC -32602
// "Invalid params" with Details as data.details.
type ParamError struct {
	// Param is the rejected parameter's path as sent, e.g. "ownUse.manageXDRNetwork" or
	// "licenseSubscription.type".
	Param string
	// Details is a sentence a person can act on; it names the parameter.
	Details string
}

// Error returns Details.
func (e *ParamError) Error() string { return e.Details }

// NewLicenseForCreate builds the licence of a company created by createCompany from its raw
// licenseSubscription param (nil, absent or JSON null => trial, type 1). Errors are *ParamError whose
// Param starts with "licenseSubscription".
func NewLicenseForCreate(ctx SubscriptionContext, licenseSubscription json.RawMessage) (License, error) {
	req, err := parseSubscriptionRequest(licenseSubscription, createCompanyMembers, "licenseSubscription")
	if err != nil {
		return License{}, err
	}
	if req == nil {
		return newTrialLicense(licTrial, ctx.Now), nil
	}
	if err := req.checkCreateType(ctx); err != nil {
		return License{}, err
	}
	blank := newTrialLicense(req.licenceType, ctx.Now)
	if req.licenceType == licYearly {
		blank.LicenseKey = *req.licenseKey
	}
	return buildLicense(ctx, blank, req)
}

// ApplyMonthlySubscription validates a setMonthlySubscription params object (raw JSON object,
// companyId included) against the current licence and returns the new licence, always of type 3.
// Errors are *ParamError. When the company is a partner, call ReplaceClientProtectionModel for each
// direct child afterwards.
func ApplyMonthlySubscription(ctx SubscriptionContext, current License, params json.RawMessage) (License, error) {
	req, err := parseSubscriptionRequest(params, setMonthlySubscriptionMembers, "")
	if err != nil {
		return License{}, err
	}
	if req == nil || req.companyID == nil {
		return License{}, &ParamError{Param: "companyId", Details: "companyId is required: send the ID of the company whose monthly subscription to set."}
	}
	req.licenceType = licMonthly
	return buildLicense(ctx, current.clone(), req)
}

// ReplaceClientProtectionModel adapts a direct child's licence after its partner's setMonthlySubscription
// (params) succeeded and left the partner with the licence partner (R24): a child whose
// assignedProtectionModel the partner no longer resells moves to setNewProtectionModelForClients and
// gains that model's default models (R22); models the child resells beyond its defaults are kept only
// while the partner still resells them; Security for Virtualized Environments and Container Protection
// are switched off where the child's models no longer allow them (R12–R15). It reports whether the child
// changed.
func ReplaceClientProtectionModel(partner License, params json.RawMessage, child License) (License, bool) {
	offered := partner.AdditionalProtectionModels
	if child.SubscriptionType != licMonthly || child.AssignedProtectionModel == "" || len(offered) == 0 {
		return child, false
	}
	next := child.clone()
	oldDefaults := defaultResoldModels[child.AssignedProtectionModel]
	if !slices.Contains(offered, child.AssignedProtectionModel) {
		var p struct {
			SetNewProtectionModelForClients string `json:"setNewProtectionModelForClients"`
		}
		if json.Unmarshal(params, &p) != nil || !slices.Contains(offered, p.SetNewProtectionModelForClients) {
			return child, false
		}
		next.AssignedProtectionModel = p.SetNewProtectionModelForClients
	}
	resold := slices.Clone(defaultResoldModels[next.AssignedProtectionModel])
	for _, m := range child.AdditionalProtectionModels {
		if !slices.Contains(oldDefaults, m) && slices.Contains(offered, m) {
			resold = append(resold, m)
		}
	}
	next.AdditionalProtectionModels = orderedModels(resold)
	if next.AssignedProtectionModel != modelALaCarte {
		next.OwnUse.ManageRemoteEnginesScanning, next.ManageRemoteEnginesScanning = false, false
		next.OwnUse.ManageContainerProtection, next.ManageContainerProtection = false, false
	}
	if !slices.Contains(next.AdditionalProtectionModels, modelALaCarte) {
		next.Resell.ManageRemoteEnginesScanningResell = false
		next.Resell.ManageContainerProtectionResell = false
	}
	return next, !licensesEqual(child, next)
}

// RootLicense is the root partner's licence: a monthly subscription with an unlimited seat pool (no
// reservation), no end date, and every product type, protection model and resellable add-on resold.
// The root's own use starts with no add-ons. The time is not used: the root's licence does not expire.
func RootLicense(_ time.Time) License {
	return License{
		SubscriptionType:           licMonthly,
		AssignedProductType:        licProductEndpointSecurity,
		AdditionalProductTypes:     []int{licProductEndpointSecurity, licProductEDR},
		AssignedProtectionModel:    modelALaCarte,
		AdditionalProtectionModels: slices.Clone(protectionModels),
		MDRServiceResell:           true,
		Resell: Resell{
			ManageXDRResell:                   true,
			ManageRemoteEnginesScanningResell: true,
			ManageContainerProtectionResell:   true,
			ManageEventCorrelatorResell:       true,
			ManageSandboxAnalyzerResell:       true,
			ManageHyperDetectResell:           true,
		},
	}
}

// InfoResult renders the getLicenseInfo result object for a company that uses usedSlots seats.
func (l License) InfoResult(usedSlots int) map[string]any {
	r := map[string]any{
		"subscriptionType":            l.SubscriptionType,
		"isAddon":                     l.IsAddon,
		"usedSlots":                   usedSlots,
		"totalSlots":                  intOrNull(l.totalSlots()),
		"reservedSlots":               intOrNull(l.ReservedSlots),
		"manageExchange":              l.ManageExchange,
		"manageEncryption":            l.ManageEncryption,
		"manageRemoteEnginesScanning": l.ManageRemoteEnginesScanning,
		"manageHyperDetect":           l.ManageHyperDetect,
		"manageSandboxAnalyzer":       l.ManageSandboxAnalyzer,
		"managePatchManagement":       l.ManagePatchManagement,
		"manageEventCorrelator":       l.ManageEventCorrelator,
		"manageEmailSecurity":         l.ManageEmailSecurity,
		"manageMobileSecurity":        l.ManageMobileSecurity,
		"manageContainerProtection":   l.ManageContainerProtection,
		"manageIntegrityMonitoring":   l.ManageIntegrityMonitoring,
	}
	if l.ExpiryDate != "" {
		r["expiryDate"] = l.ExpiryDate
	}
	if l.LicenseKey != "" {
		r["licenseKey"] = l.LicenseKey
	}
	if l.ManageIntegrityMonitoring {
		r["imDataRetention"] = l.IMDataRetention
	}
	if l.SubscriptionType == licMonthly || l.SubscriptionType == licMonthlyTrial {
		r["assignedProductType"] = l.AssignedProductType
		r["additionalProductTypes"] = slices.Clone(l.AdditionalProductTypes)
		r["ownUse"] = l.OwnUse
		r["resell"] = l.Resell
	}
	if l.SubscriptionType == licMonthly {
		r["licensedServices"] = map[string]any{"mdrServiceOwnUse": l.MDRServiceOwnUse, "mdrServiceResell": l.MDRServiceResell}
		if l.AssignedProtectionModel != "" {
			r["assignedProtectionModel"] = l.AssignedProtectionModel
		}
		if len(l.AdditionalProtectionModels) > 0 {
			r["additionalProtectionModels"] = slices.Clone(l.AdditionalProtectionModels)
		}
		if l.EndSubscription != "" {
			r["endSubscription"] = l.EndSubscription
		}
		if l.AutoRenewPeriod != nil {
			r["autoRenewPeriod"] = *l.AutoRenewPeriod
		}
		if l.MinimumEndpointUsage != nil {
			r["minimumUsage"] = map[string]any{"endpointMonthlyUsage": *l.MinimumEndpointUsage}
		}
	}
	return r
}

// Trial lengths and sizes (choice 14).
const (
	trialDays              = 30
	trialSeats             = 50
	monthlyTrialDays       = 45
	monthlyTrialSeats      = 25
	expiryDateLayout       = "2006-01-02T15:04:05"
	defaultAutoRenewMonths = 12
)

// newTrialLicense is the licence a new company of the given type starts from, before its
// licenseSubscription members are applied.
func newTrialLicense(licenceType int, now time.Time) License {
	l := License{SubscriptionType: licenceType}
	switch licenceType {
	case licTrial:
		l.ExpiryDate = now.UTC().AddDate(0, 0, trialDays).Format(expiryDateLayout)
	case licMonthlyLicenseTrial, licMonthlyTrial:
		l.ExpiryDate = now.UTC().AddDate(0, 0, monthlyTrialDays).Format(expiryDateLayout)
	case licYearly:
		l.ExpiryDate = now.UTC().AddDate(1, 0, 0).Format(expiryDateLayout)
	}
	return l
}

// totalSlots is what getLicenseInfo reports as totalSlots; nil means no fixed count.
func (l License) totalSlots() *int {
	switch {
	case l.ReservedSlots != nil:
		return l.ReservedSlots
	case l.SubscriptionType == licTrial:
		n := trialSeats
		return &n
	case l.SubscriptionType == licMonthlyLicenseTrial || l.SubscriptionType == licMonthlyTrial:
		n := monthlyTrialSeats
		return &n
	}
	return nil
}

// intOrNull renders an optional count as a JSON number or null.
func intOrNull(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// clone returns a copy that shares no slices or pointers with l, so rules can change it freely.
func (l License) clone() License {
	c := l
	c.AdditionalProductTypes = slices.Clone(l.AdditionalProductTypes)
	c.AdditionalProtectionModels = slices.Clone(l.AdditionalProtectionModels)
	c.ReservedSlots = cloneInt(l.ReservedSlots)
	c.AutoRenewPeriod = cloneInt(l.AutoRenewPeriod)
	c.MinimumEndpointUsage = cloneInt(l.MinimumEndpointUsage)
	return c
}

func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	n := *p
	return &n
}

// licensesEqual compares two licences by value, pointers by what they point to.
func licensesEqual(a, b License) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
