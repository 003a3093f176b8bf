package provider

import (
	"fmt"
	"strings"
)

// The one place for enumerations: each table pairs the API's value with the value users write in
// Terraform. Validators, documentation and conversions all read these tables.

// enum is a two-way table between API values and Terraform values, in documentation order.
type enum[API comparable, TF comparable] struct {
	pairs []enumPair[API, TF]
}

type enumPair[API comparable, TF comparable] struct {
	api API
	tf  TF
}

func newEnum[API comparable, TF comparable](pairs ...enumPair[API, TF]) enum[API, TF] {
	return enum[API, TF]{pairs: pairs}
}

// toTerraform converts an API value; ok is false for a value the table does not know.
func (e enum[API, TF]) toTerraform(v API) (tf TF, ok bool) {
	for _, p := range e.pairs {
		if p.api == v {
			return p.tf, true
		}
	}
	return tf, false
}

// toAPI converts a Terraform value; ok is false for a value the table does not know.
func (e enum[API, TF]) toAPI(v TF) (api API, ok bool) {
	for _, p := range e.pairs {
		if p.tf == v {
			return p.api, true
		}
	}
	return api, false
}

// terraformValues lists the Terraform values in documentation order, for validators.
func (e enum[API, TF]) terraformValues() []TF {
	values := make([]TF, len(e.pairs))
	for i, p := range e.pairs {
		values[i] = p.tf
	}
	return values
}

// markdown renders the table for a MarkdownDescription, e.g. "`partner` (0), `customer` (1)".
func (e enum[API, TF]) markdown() string {
	parts := make([]string, len(e.pairs))
	for i, p := range e.pairs {
		parts[i] = fmt.Sprintf("`%v` (%v)", p.tf, p.api)
	}
	return strings.Join(parts, ", ")
}

// Terraform values that the provider's rules and messages refer to; the tables below pair them
// with the API's values.
const (
	companyPartner  = "partner"
	companyCustomer = "customer"

	subscriptionTrial               = "trial"
	subscriptionLicense             = "license"
	subscriptionMonthly             = "monthly_subscription"
	subscriptionMonthlyLicenseTrial = "monthly_license_trial"
	subscriptionMonthlyTrial        = "monthly_subscription_trial"
	subscriptionFRAT                = "frat"

	productEndpointSecurity = "endpoint_security"
	productEDR              = "edr"

	modelALaCarte       = "aLaCarte"
	modelMSPSecure      = "mspSecure"
	modelMSPSecurePlus  = "mspSecurePlus"
	modelMSPSecureExtra = "mspSecureExtra"

	mdrDisabled    = "disabled"
	mdrFoundations = "foundations"

	defaultRetentionDays = 7
)

// companyTypes: company `type`.
var companyTypes = newEnum(
	enumPair[int, string]{0, companyPartner},
	enumPair[int, string]{1, companyCustomer},
)

// subscriptionTypes: getLicenseInfo `subscriptionType`.
var subscriptionTypes = newEnum(
	enumPair[int, string]{1, subscriptionTrial},
	enumPair[int, string]{2, subscriptionLicense},
	enumPair[int, string]{3, subscriptionMonthly},
	enumPair[int, string]{4, subscriptionMonthlyLicenseTrial},
	enumPair[int, string]{5, subscriptionMonthlyTrial},
	enumPair[int, string]{6, subscriptionFRAT},
)

// companyLicenseTypes: the subset of subscriptionTypes that createCompany can start a company on
// (`licenseSubscription.type`); type 4 is for partners only, type 5 for customers only.
var companyLicenseTypes = newEnum(
	enumPair[int, string]{1, subscriptionTrial},
	enumPair[int, string]{3, subscriptionMonthly},
	enumPair[int, string]{4, subscriptionMonthlyLicenseTrial},
	enumPair[int, string]{5, subscriptionMonthlyTrial},
)

// productTypes: `assignedProductType` and `additionalProductTypes`.
var productTypes = newEnum(
	enumPair[int, string]{0, productEndpointSecurity},
	enumPair[int, string]{3, productEDR},
)

// protectionModels: `assignedProtectionModel`; the API's own names are kept in Terraform.
var protectionModels = newEnum(
	enumPair[string, string]{modelALaCarte, modelALaCarte},
	enumPair[string, string]{modelMSPSecure, modelMSPSecure},
	enumPair[string, string]{modelMSPSecurePlus, modelMSPSecurePlus},
	enumPair[string, string]{modelMSPSecureExtra, modelMSPSecureExtra},
)

// defaultResoldModels is the API's table of the protection models that an assigned model makes
// resellable (R22). GravityZone does not let a company stop reselling them while the model is
// assigned.
var defaultResoldModels = map[string][]string{
	modelALaCarte:       {modelALaCarte},
	modelMSPSecure:      {modelMSPSecure},
	modelMSPSecurePlus:  {modelMSPSecure, modelMSPSecurePlus},
	modelMSPSecureExtra: {modelMSPSecure, modelMSPSecurePlus, modelMSPSecureExtra},
}

// defaultResoldModelsMarkdown renders defaultResoldModels in documentation order, e.g.
// "`mspSecurePlus` → [`mspSecure`, `mspSecurePlus`]".
func defaultResoldModelsMarkdown() string {
	entries := make([]string, 0, len(defaultResoldModels))
	for _, model := range protectionModels.terraformValues() {
		resold := make([]string, len(defaultResoldModels[model]))
		for i, m := range defaultResoldModels[model] {
			resold[i] = "`" + m + "`"
		}
		entries = append(entries, fmt.Sprintf("`%s` → [%s]", model, strings.Join(resold, ", ")))
	}
	return strings.Join(entries, "; ")
}

// integrityMonitoringRetention: `imDataRetention` code ⇄ retention in days.
var integrityMonitoringRetention = newEnum(
	enumPair[int, int64]{0, defaultRetentionDays},
	enumPair[int, int64]{1, 90},
	enumPair[int, int64]{2, 180},
	enumPair[int, int64]{3, 365},
)

// mdrOwnUseLevels: `licensedServices.mdrServiceOwnUse`.
var mdrOwnUseLevels = newEnum(
	enumPair[int, string]{0, mdrDisabled},
	enumPair[int, string]{1, mdrFoundations},
)

// skip2FAPeriods are the values `skip2FAPeriod` accepts, in days.
var skip2FAPeriods = []int64{0, 1, 3, 7, 14, 30, 90}

// industryCodes are the values `industry` accepts, GravityZone's list: 0 (undefined), the top-level
// codes 1–34 and their sub-codes <top><NN>. Each entry is a top-level code and its sub-codes; the
// vendor's list has gaps (there is no 2813).
var industryCodes = [][]int64{
	{0},
	{1, 101, 102},
	{2, 201, 202, 203, 204, 205, 206, 207, 208},
	{3, 301, 302},
	{4, 401, 402, 403, 404},
	{5}, {6},
	{7, 701},
	{8},
	{9, 901, 902, 903, 904, 905, 906, 907},
	{10}, {11},
	{12, 1201, 1202},
	{13, 1301},
	{14, 1401, 1402, 1403, 1404},
	{15},
	{16, 1601, 1602, 1603, 1604, 1605},
	{17},
	{18, 1801, 1802, 1803, 1804, 1805, 1806},
	{19, 1901, 1902, 1903},
	{20, 2001, 2002, 2003},
	{21, 2101, 2102, 2103, 2104, 2105, 2106, 2107, 2108, 2109, 2110, 2111, 2112, 2113, 2114, 2115, 2116, 2117, 2118, 2119},
	{22},
	{23, 2301, 2302, 2303, 2304},
	{24, 2401, 2402, 2403, 2404, 2405, 2406},
	{25}, {26}, {27},
	{28, 2801, 2802, 2803, 2804, 2805, 2806, 2807, 2808, 2809, 2810, 2811, 2812, 2814, 2815, 2816},
	{29, 2901, 2902, 2903, 2904, 2905, 2906, 2907},
	{30, 3001, 3002, 3003, 3004, 3005, 3006, 3007},
	{31, 3101, 3102, 3103},
	{32, 3201, 3202, 3203, 3204, 3205, 3206, 3207, 3208, 3209, 3210, 3211, 3212},
	{33, 3301, 3302},
	{34, 3401, 3402, 3403, 3404, 3405, 3406, 3407, 3408, 3409, 3410, 3411, 3412, 3413, 3414, 3415},
}

// industryFamily returns the entry of industryCodes that a code belongs to, by its top-level code
// (the code itself, or the code divided by 100); nil when there is none.
func industryFamily(code int64) []int64 {
	top := code
	if code > 99 {
		top = code / 100
	}
	for _, family := range industryCodes {
		if family[0] == top {
			return family
		}
	}
	return nil
}
