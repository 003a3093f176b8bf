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

// companyTypes: company `type`.
var companyTypes = newEnum(
	enumPair[int, string]{0, "partner"},
	enumPair[int, string]{1, "customer"},
)

// subscriptionTypes: getLicenseInfo `subscriptionType`.
var subscriptionTypes = newEnum(
	enumPair[int, string]{1, "trial"},
	enumPair[int, string]{2, "license"},
	enumPair[int, string]{3, "monthly_subscription"},
	enumPair[int, string]{4, "monthly_license_trial"},
	enumPair[int, string]{5, "monthly_subscription_trial"},
	enumPair[int, string]{6, "frat"},
)

// companyLicenseTypes: the subset of subscriptionTypes that createCompany can start a company on
// (`licenseSubscription.type`); type 4 is for partners only, type 5 for customers only.
var companyLicenseTypes = newEnum(
	enumPair[int, string]{1, "trial"},
	enumPair[int, string]{3, "monthly_subscription"},
	enumPair[int, string]{4, "monthly_license_trial"},
	enumPair[int, string]{5, "monthly_subscription_trial"},
)

// productTypes: `assignedProductType` and `additionalProductTypes`.
var productTypes = newEnum(
	enumPair[int, string]{0, "endpoint_security"},
	enumPair[int, string]{3, "edr"},
)

// protectionModels: `assignedProtectionModel`; the API's own names are kept in Terraform.
var protectionModels = newEnum(
	enumPair[string, string]{"aLaCarte", "aLaCarte"},
	enumPair[string, string]{"mspSecure", "mspSecure"},
	enumPair[string, string]{"mspSecurePlus", "mspSecurePlus"},
	enumPair[string, string]{"mspSecureExtra", "mspSecureExtra"},
)

// integrityMonitoringRetention: `imDataRetention` code ⇄ retention in days.
var integrityMonitoringRetention = newEnum(
	enumPair[int, int64]{0, 7},
	enumPair[int, int64]{1, 90},
	enumPair[int, int64]{2, 180},
	enumPair[int, int64]{3, 365},
)

// mdrOwnUseLevels: `licensedServices.mdrServiceOwnUse`.
var mdrOwnUseLevels = newEnum(
	enumPair[int, string]{0, "disabled"},
	enumPair[int, string]{1, "foundations"},
)

// skip2FAPeriods are the values `skip2FAPeriod` accepts, in days.
var skip2FAPeriods = []int64{0, 1, 3, 7, 14, 30, 90}
