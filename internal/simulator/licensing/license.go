package licensing

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
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
	// SubscriptionType is 1 trial, 2 license (yearly key), 3 monthly subscription, 4 monthly license
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

// Context is what the rules need to know about the company's surroundings.
type Context struct {
	// CompanyType is 0 for a partner and 1 for a customer.
	CompanyType int
	// ManagedByAboveChain is true when canBeManagedByAbove is true for this company and every ancestor
	// up to, but excluding, the root (R18).
	ManagedByAboveChain bool
	// Parent is the parent's license, or nil when the parent is the root partner with its unlimited pool.
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

// NewForCreate builds the license of a company created by createCompany from its licenseSubscription
// object (nil when absent or null: a trial, type 1). Errors are *params.Error naming the member
// below licenseSubscription.
func NewForCreate(ctx Context, licenseSubscription *params.Set) (License, error) {
	if licenseSubscription == nil {
		return newTrialLicense(Trial, ctx.Now), nil
	}
	req, err := decodeRequest(licenseSubscription, createCompanyMembers)
	if err != nil {
		return License{}, err
	}
	req.creating = true
	if err := req.checkCreateType(ctx); err != nil {
		return License{}, err
	}
	blank := newTrialLicense(req.subscriptionType, ctx.Now)
	if req.subscriptionType == Yearly {
		blank.LicenseKey = *req.licenseKey
	}
	return buildLicense(ctx, blank, req)
}

// MonthlySubscription is a decoded setMonthlySubscription request. companyId is the caller's to
// resolve; the rules do not read it.
type MonthlySubscription struct{ req *request }

// DecodeMonthlySubscription checks the members of a setMonthlySubscription params object, their
// types and enumerations. Errors are *params.Error.
func DecodeMonthlySubscription(p *params.Set) (*MonthlySubscription, error) {
	req, err := decodeRequest(p, setMonthlySubscriptionMembers)
	if err != nil {
		return nil, err
	}
	req.subscriptionType = Monthly
	return &MonthlySubscription{req: req}, nil
}

// Apply validates the request against the current license and returns the new license, always of
// type 3. Errors are *params.Error. When the company is a partner, call MoveClient for each direct
// child afterwards.
func (m *MonthlySubscription) Apply(ctx Context, current License) (License, error) {
	return buildLicense(ctx, current.clone(), m.req)
}

// MoveClient adapts a direct child's license after its partner's setMonthlySubscription succeeded and
// left the partner with the license partner (R24): a child whose assignedProtectionModel the partner
// no longer resells moves to setNewProtectionModelForClients and gains that model's default models
// (R22); models the child resells beyond its defaults are kept only while the partner still resells
// them; Security for Virtualized Environments and Container Protection are switched off where the
// child's models no longer allow them (R12–R15).
func (m *MonthlySubscription) MoveClient(partner, child License) License {
	offered := partner.AdditionalProtectionModels
	if child.SubscriptionType != Monthly || child.AssignedProtectionModel == "" || len(offered) == 0 {
		return child
	}
	next := child.clone()
	oldDefaults := defaultResoldModels[child.AssignedProtectionModel]
	if !slices.Contains(offered, child.AssignedProtectionModel) {
		replacement := m.req.newClientModel
		if replacement == nil || !slices.Contains(offered, *replacement) {
			return child
		}
		next.AssignedProtectionModel = *replacement
	}
	resold := slices.Clone(defaultResoldModels[next.AssignedProtectionModel])
	for _, model := range child.AdditionalProtectionModels {
		if !slices.Contains(oldDefaults, model) && slices.Contains(offered, model) {
			resold = append(resold, model)
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
	return next
}

// Root is the root partner's license: a monthly subscription with an unlimited seat pool (no
// reservation), no end date, and every product type, protection model and resellable add-on resold.
// The root's own use starts with no add-ons, and the license does not expire.
func Root() License {
	return License{
		SubscriptionType:           Monthly,
		AssignedProductType:        ProductEndpointSecurity,
		AdditionalProductTypes:     []int{ProductEndpointSecurity, ProductEDR},
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
	if l.SubscriptionType == Monthly || l.SubscriptionType == MonthlyTrial {
		r["assignedProductType"] = l.AssignedProductType
		r["additionalProductTypes"] = slices.Clone(l.AdditionalProductTypes)
		r["ownUse"] = l.OwnUse
		r["resell"] = l.Resell
	}
	if l.SubscriptionType == Monthly {
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

// newTrialLicense is the license a new company of the given type starts from, before its
// licenseSubscription members are applied.
func newTrialLicense(subscriptionType int, now time.Time) License {
	l := License{SubscriptionType: subscriptionType}
	switch subscriptionType {
	case Trial:
		l.ExpiryDate = now.UTC().AddDate(0, 0, trialDays).Format(expiryDateLayout)
	case MonthlyLicenseTrial, MonthlyTrial:
		l.ExpiryDate = now.UTC().AddDate(0, 0, monthlyTrialDays).Format(expiryDateLayout)
	case Yearly:
		l.ExpiryDate = now.UTC().AddDate(1, 0, 0).Format(expiryDateLayout)
	}
	return l
}

// totalSlots is what getLicenseInfo reports as totalSlots; nil means no fixed count.
func (l License) totalSlots() *int {
	switch {
	case l.ReservedSlots != nil:
		return l.ReservedSlots
	case l.SubscriptionType == Trial:
		n := trialSeats
		return &n
	case l.SubscriptionType == MonthlyLicenseTrial || l.SubscriptionType == MonthlyTrial:
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

// licensesEqual compares two licenses by value, pointers by what they point to.
func licensesEqual(a, b License) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
