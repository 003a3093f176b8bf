package client

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Pointer fields in the response types mean "the server may leave this out": nil is "not
// reported", which a reader must keep apart from false or 0.

// Company is a company as getCompanyDetails and findCompaniesByName return it.
type Company struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Type is 0 for a partner, 1 for a customer.
	Type int `json:"type"`
	// ParentID is the managing company, when the server reports it (as parentId or
	// parentCompanyId; neither is documented).
	ParentID string `json:"parentId,omitempty"`
	Address  string `json:"address"`
	Phone    string `json:"phone"`
	// Country and State are ISO 3166 codes; the API reports "N/A" when unset.
	Country string `json:"country"`
	State   string `json:"state"`
	// Industry is the industry code. Older servers send it as a string; a numeric string is
	// accepted, anything else reads as not reported.
	Industry            *int           `json:"industry,omitempty"`
	CanBeManagedByAbove *bool          `json:"canBeManagedByAbove,omitempty"`
	Enforce2FA          *bool          `json:"enforce2FA,omitempty"`
	Skip2FAPeriod       *int           `json:"skip2FAPeriod,omitempty"`
	IsSuspended         *bool          `json:"isSuspended,omitempty"`
	CreatedAt           string         `json:"createdAt"`
	ContactPerson       *ContactPerson `json:"contactPerson,omitempty"`
}

// UnmarshalJSON accepts industry as a number or a numeric string and parentCompanyId as an
// alias of parentId.
func (c *Company) UnmarshalJSON(data []byte) error {
	type companyFields Company
	aux := struct {
		*companyFields
		Industry        json.RawMessage `json:"industry"`
		ParentCompanyID string          `json:"parentCompanyId"`
	}{companyFields: (*companyFields)(c)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	c.Industry = decodeLenientInt(aux.Industry)
	if c.ParentID == "" {
		c.ParentID = aux.ParentCompanyID
	}
	return nil
}

// decodeLenientInt reads a JSON number or a string holding one; anything else is nil.
func decodeLenientInt(raw json.RawMessage) *int {
	if len(raw) == 0 || isJSONNull(raw) {
		return nil
	}
	var n int
	if err := json.Unmarshal(raw, &n); err == nil {
		return &n
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return &n
		}
	}
	return nil
}

func isJSONNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// ContactPerson is a company's contact. Email is required by the API whenever the object is sent.
type ContactPerson struct {
	FullName    string `json:"fullName"`
	Email       string `json:"email"`
	PhoneNumber string `json:"phoneNumber,omitempty"`
	CompanyRole string `json:"companyRole,omitempty"`
}

// CompanyRef is one entry of network.getCompaniesList.
type CompanyRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CreateCompanyParams are the parameters of companies.createCompany. Zero-valued optional
// fields are not sent, so the server applies its defaults.
type CreateCompanyParams struct {
	// Type is 0 for a partner, 1 for a customer.
	Type int    `json:"type"`
	Name string `json:"name"`
	// ParentID is the managing partner; empty means the API key's own company.
	ParentID            string               `json:"parentId,omitempty"`
	Address             string               `json:"address,omitempty"`
	Phone               string               `json:"phone,omitempty"`
	Country             string               `json:"country,omitempty"`
	State               string               `json:"state,omitempty"`
	Industry            *int                 `json:"industry,omitempty"`
	CanBeManagedByAbove *bool                `json:"canBeManagedByAbove,omitempty"`
	Skip2FAPeriod       *int                 `json:"skip2FAPeriod,omitempty"`
	AccountEmail        string               `json:"accountEmail,omitempty"`
	AccountFullName     string               `json:"accountFullName,omitempty"`
	AccountTimezone     string               `json:"accountTimezone,omitempty"`
	AccountLanguage     string               `json:"accountLanguage,omitempty"`
	ContactPerson       *ContactPerson       `json:"contactPerson,omitempty"`
	LicenseSubscription *LicenseSubscription `json:"licenseSubscription,omitempty"`
}

// LicenseSubscription is createCompany's licenseSubscription object. Without it the company
// gets a trial (type 1).
type LicenseSubscription struct {
	// Type is 1 trial, 2 licence key, 3 monthly subscription, 4 monthly licence trial
	// (partners), 5 monthly subscription trial (customers).
	Type int `json:"type"`
	// LicenseKey is required for type 2.
	LicenseKey                 string        `json:"licenseKey,omitempty"`
	ReservedSlots              *int          `json:"reservedSlots,omitempty"`
	EndSubscription            string        `json:"endSubscription,omitempty"`
	AutoRenewPeriod            *int          `json:"autoRenewPeriod,omitempty"`
	MinimumUsage               *MinimumUsage `json:"minimumUsage,omitempty"`
	AssignedProductType        *int          `json:"assignedProductType,omitempty"`
	AdditionalProductTypes     []int         `json:"additionalProductTypes,omitempty"`
	AssignedProtectionModel    string        `json:"assignedProtectionModel,omitempty"`
	AdditionalProtectionModels []string      `json:"additionalProtectionModels,omitempty"`
}

// UpdateCompanyParams are the parameters of companies.updateCompanyDetails. Only non-nil fields
// are sent; a pointer to "" clears a text field.
type UpdateCompanyParams struct {
	// ID is the company to change (the API names it "id", not "companyId"). Required here, so
	// that a missing id can never silently change the API key's own company.
	ID            string         `json:"id"`
	Type          *int           `json:"type,omitempty"`
	Name          *string        `json:"name,omitempty"`
	Address       *string        `json:"address,omitempty"`
	Phone         *string        `json:"phone,omitempty"`
	Country       *string        `json:"country,omitempty"`
	State         *string        `json:"state,omitempty"`
	Industry      *int           `json:"industry,omitempty"`
	Skip2FAPeriod *int           `json:"skip2FAPeriod,omitempty"`
	ContactPerson *ContactPerson `json:"contactPerson,omitempty"`
}

// MinimumUsage is the committed monthly minimum (minimumUsage).
type MinimumUsage struct {
	EndpointMonthlyUsage int `json:"endpointMonthlyUsage"`
}

// LicenseInfo is the result of licensing.getLicenseInfo. Only the first part of it is
// documented; the rest is inferred from setMonthlySubscription, so every field may be missing.
type LicenseInfo struct {
	// SubscriptionType is 1 trial, 2 licensed, 3 monthly subscription, 4 monthly licence trial,
	// 5 monthly subscription trial, 6 FRAT.
	SubscriptionType *int    `json:"subscriptionType"`
	IsAddon          *bool   `json:"isAddon"`
	ExpiryDate       *string `json:"expiryDate"`
	UsedSlots        *int    `json:"usedSlots"`
	// TotalSlots is nil when the seat count is unlimited (or not reported).
	TotalSlots      *int          `json:"totalSlots"`
	LicenseKey      *string       `json:"licenseKey"`
	EndSubscription *string       `json:"endSubscription"`
	AutoRenewPeriod *int          `json:"autoRenewPeriod"`
	ReservedSlots   *int          `json:"reservedSlots"`
	MinimumUsage    *MinimumUsage `json:"minimumUsage"`

	ManageExchange              *bool `json:"manageExchange"`
	ManageEncryption            *bool `json:"manageEncryption"`
	ManageRemoteEnginesScanning *bool `json:"manageRemoteEnginesScanning"`
	ManageHyperDetect           *bool `json:"manageHyperDetect"`
	ManageSandboxAnalyzer       *bool `json:"manageSandboxAnalyzer"`
	ManagePatchManagement       *bool `json:"managePatchManagement"`
	ManageEventCorrelator       *bool `json:"manageEventCorrelator"`
	ManageEmailSecurity         *bool `json:"manageEmailSecurity"`
	ManageMobileSecurity        *bool `json:"manageMobileSecurity"`
	ManageContainerProtection   *bool `json:"manageContainerProtection"`
	ManageIntegrityMonitoring   *bool `json:"manageIntegrityMonitoring"`
	// IMDataRetention is 0 (7 days), 1 (90), 2 (180) or 3 (365).
	IMDataRetention *int `json:"imDataRetention"`

	AssignedProductType *int `json:"assignedProductType"`
	// AdditionalProductTypes is nil when not reported.
	AdditionalProductTypes     []int    `json:"additionalProductTypes"`
	AssignedProtectionModel    *string  `json:"assignedProtectionModel"`
	AdditionalProtectionModels []string `json:"additionalProtectionModels"`

	LicensedServices *LicensedServicesInfo `json:"licensedServices"`
	OwnUse           *OwnUseInfo           `json:"ownUse"`
	Resell           *ResellInfo           `json:"resell"`

	// reported holds the names of the members the server sent, null ones included.
	reported map[string]bool
}

// Reports tells whether the server's answer carried the member name (by its API name), even as
// null. A nil field that was reported means "none" (for example no seat reservation); one that was
// not reported means the server said nothing about it.
func (l *LicenseInfo) Reports(name string) bool {
	return l.reported[name]
}

// LicensedServicesInfo is the reported MDR state (licensedServices).
type LicensedServicesInfo struct {
	// MDRServiceOwnUse is 0 disabled, 1 Foundations.
	MDRServiceOwnUse *int  `json:"mdrServiceOwnUse"`
	MDRServiceResell *bool `json:"mdrServiceResell"`
}

// OwnUseInfo is the reported ownUse object.
type OwnUseInfo struct {
	ManageXDRIdentityProviders  *bool `json:"manageXDRIdentityProviders"`
	ManageXDRProductivityApps   *bool `json:"manageXDRProductivityApps"`
	ManageXDRNetwork            *bool `json:"manageXDRNetwork"`
	ManageXDRCloudWorkloads     *bool `json:"manageXDRCloudWorkloads"`
	ManageRemoteEnginesScanning *bool `json:"manageRemoteEnginesScanning"`
	ManageContainerProtection   *bool `json:"manageContainerProtection"`
	ManageEventCorrelator       *bool `json:"manageEventCorrelator"`
	ManageSandboxAnalyzer       *bool `json:"manageSandboxAnalyzer"`
	ManageHyperDetect           *bool `json:"manageHyperDetect"`
}

// ResellInfo is the reported resell object.
type ResellInfo struct {
	ManageXDRResell                   *bool `json:"manageXDRResell"`
	ManageRemoteEnginesScanningResell *bool `json:"manageRemoteEnginesScanningResell"`
	ManageContainerProtectionResell   *bool `json:"manageContainerProtectionResell"`
	ManageEventCorrelatorResell       *bool `json:"manageEventCorrelatorResell"`
	ManageSandboxAnalyzerResell       *bool `json:"manageSandboxAnalyzerResell"`
	ManageHyperDetectResell           *bool `json:"manageHyperDetectResell"`
}

// MonthlySubscriptionParams is the complete desired state sent to
// licensing.setMonthlySubscription; the server resets add-ons a request leaves out, so the
// add-on flags are always sent. EDR, HyperDetect, Sandbox Analyzer, Security for Virtualized
// Environments and Container Protection exist only inside OwnUse and Resell: the API forbids
// sending their top-level duplicates together with those objects.
type MonthlySubscriptionParams struct {
	CompanyID     string `json:"companyId"`
	ReservedSlots *int   `json:"reservedSlots,omitempty"`
	// RemoveReservedSlots returns the company to dynamic seat provisioning.
	RemoveReservedSlots bool `json:"removeReservedSlots,omitempty"`
	// EndSubscription is a UTC date (YYYY-MM-DD); nil omits it, a pointer to "" clears it.
	EndSubscription *string       `json:"endSubscription,omitempty"`
	AutoRenewPeriod *int          `json:"autoRenewPeriod,omitempty"`
	MinimumUsage    *MinimumUsage `json:"minimumUsage,omitempty"`

	ManageExchange            bool `json:"manageExchange"`
	ManageEncryption          bool `json:"manageEncryption"`
	ManagePatchManagement     bool `json:"managePatchManagement"`
	ManageEmailSecurity       bool `json:"manageEmailSecurity"`
	ManageMobileSecurity      bool `json:"manageMobileSecurity"`
	ManageIntegrityMonitoring bool `json:"manageIntegrityMonitoring"`
	// IMDataRetention is 0 (7 days), 1 (90), 2 (180) or 3 (365).
	IMDataRetention *int `json:"imDataRetention,omitempty"`

	LicensedServices *LicensedServices `json:"licensedServices,omitempty"`

	AssignedProductType *int `json:"assignedProductType,omitempty"`
	// AdditionalProductTypes is accepted for partner companies only; leave it nil for customers.
	AdditionalProductTypes     []int    `json:"additionalProductTypes,omitempty"`
	AssignedProtectionModel    string   `json:"assignedProtectionModel,omitempty"`
	AdditionalProtectionModels []string `json:"additionalProtectionModels,omitempty"`
	// SetNewProtectionModelForClients is needed only when a partner stops reselling a model
	// some of its clients use.
	SetNewProtectionModelForClients string `json:"setNewProtectionModelForClients,omitempty"`

	OwnUse *OwnUse `json:"ownUse,omitempty"`
	// Resell is meaningful for partner companies only.
	Resell *Resell `json:"resell,omitempty"`
}

// LicensedServices is the MDR setting sent to setMonthlySubscription.
type LicensedServices struct {
	// MDRServiceOwnUse is 0 disabled, 1 Foundations.
	MDRServiceOwnUse int  `json:"mdrServiceOwnUse"`
	MDRServiceResell bool `json:"mdrServiceResell"`
}

// OwnUse is the complete ownUse object sent to setMonthlySubscription.
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

// Resell is the complete resell object sent to setMonthlySubscription.
type Resell struct {
	ManageXDRResell                   bool `json:"manageXDRResell"`
	ManageRemoteEnginesScanningResell bool `json:"manageRemoteEnginesScanningResell"`
	ManageContainerProtectionResell   bool `json:"manageContainerProtectionResell"`
	ManageEventCorrelatorResell       bool `json:"manageEventCorrelatorResell"`
	ManageSandboxAnalyzerResell       bool `json:"manageSandboxAnalyzerResell"`
	ManageHyperDetectResell           bool `json:"manageHyperDetectResell"`
}

// MonthlyUsage is the result of licensing.getMonthlyUsage. The vendor adds counters over time,
// so every numeric member is kept in Counters under its API name (e.g. "endpointMonthlyUsage",
// "edrMonthlyUsage"), including ones this client does not know.
type MonthlyUsage struct {
	Counters map[string]float64
	// MinimumUsage is the committed minimum, nil when not reported.
	MinimumUsage *MinimumUsage
}

// UnmarshalJSON collects every numeric member into Counters and the minimumUsage object into
// MinimumUsage; other members (nulls, strings, unknown objects) are ignored.
func (u *MonthlyUsage) UnmarshalJSON(data []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	u.Counters = make(map[string]float64, len(members))
	u.MinimumUsage = nil
	for name, raw := range members {
		if isJSONNull(raw) {
			continue
		}
		if name == "minimumUsage" {
			var minimum MinimumUsage
			if err := json.Unmarshal(raw, &minimum); err == nil {
				u.MinimumUsage = &minimum
				continue
			}
		}
		var value float64
		if err := json.Unmarshal(raw, &value); err == nil {
			u.Counters[name] = value
		}
	}
	return nil
}

// APIKeyDetails is the result of general.getApiKeyDetails.
type APIKeyDetails struct {
	EnabledAPIs []string `json:"enabledApis"`
	CreatedAt   string   `json:"createdAt"`
}
