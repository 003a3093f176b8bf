package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// The one place for conversions between API values and Terraform values, empty ⇄ null included:
// the API answers "" for a text it does not hold, where Terraform users leave the attribute out
// (null). The enumerations' tables are in enums.go; the request builders of the resources call
// these converters.

// stringFromAPI converts a text the API reported into a Terraform value: "" reads as null unless
// the prior value (plan or state) was the empty string itself, so that neither `x = ""` nor an
// unset `x` ever shows a perpetual diff.
func stringFromAPI(apiValue string, prior types.String) types.String {
	if apiValue == "" && !prior.IsUnknown() && !prior.IsNull() && prior.ValueString() == "" {
		return types.StringValue("")
	}
	if apiValue == "" {
		return types.StringNull()
	}
	return types.StringValue(apiValue)
}

// unsetLocation is how getCompanyDetails reports a country or state that was never set.
const unsetLocation = "N/A"

// locationFromAPI is stringFromAPI for a company's country and state, which the API reports as
// "N/A" when unset: that reads as null, like an empty text.
func locationFromAPI(apiValue string, prior types.String) types.String {
	if apiValue == unsetLocation {
		apiValue = ""
	}
	return stringFromAPI(apiValue, prior)
}

// contactPersonFromAPI converts a company's contactPerson. An absent object keeps the prior value
// (some servers report the contact only for partner companies) or reads as null when there is
// none; each member follows stringFromAPI against the prior member.
func contactPersonFromAPI(ctx context.Context, apiValue *client.ContactPerson, prior types.Object) (types.Object, diag.Diagnostics) {
	if apiValue == nil {
		if prior.IsUnknown() {
			return types.ObjectNull(contactPersonAttributeTypes), nil
		}
		return prior, nil
	}
	var before contactPersonModel
	if !prior.IsNull() && !prior.IsUnknown() {
		if diags := prior.As(ctx, &before, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true}); diags.HasError() {
			return prior, diags
		}
	}
	return types.ObjectValueFrom(ctx, contactPersonAttributeTypes, contactPersonModel{
		FullName:    stringFromAPI(apiValue.FullName, before.FullName),
		Email:       stringFromAPI(apiValue.Email, before.Email),
		PhoneNumber: stringFromAPI(apiValue.PhoneNumber, before.PhoneNumber),
		CompanyRole: stringFromAPI(apiValue.CompanyRole, before.CompanyRole),
	})
}

// stringPointerFromAPI is stringFromAPI for a field the API may leave out entirely: an absent field
// keeps the prior value, since the server said nothing about it.
func stringPointerFromAPI(apiValue *string, prior types.String) types.String {
	if apiValue == nil {
		return prior
	}
	return stringFromAPI(*apiValue, prior)
}

// int64PointerFromAPI converts an optional API number; absent keeps the prior value.
func int64PointerFromAPI(apiValue *int, prior types.Int64) types.Int64 {
	if apiValue == nil {
		return prior
	}
	return types.Int64Value(int64(*apiValue))
}

// boolPointerFromAPI converts an optional API flag; absent keeps the prior value.
func boolPointerFromAPI(apiValue *bool, prior types.Bool) types.Bool {
	if apiValue == nil {
		return prior
	}
	return types.BoolValue(*apiValue)
}

// optionalString returns nil for a null or unknown value, else a pointer to it: the form of an
// optional request field that is left out when unset.
func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// optionalInt is optionalString for numbers.
func optionalInt(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

// optionalBool is optionalString for flags.
func optionalBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// countFromAPI converts an optional API count in which 0 means "none" (a seat reservation, a
// committed minimum): absent keeps the prior value, and 0 reads as null unless the prior value was
// 0 itself, so that neither `x = 0` nor an unset `x` shows a perpetual diff.
func countFromAPI(apiValue *int, prior types.Int64) types.Int64 {
	if apiValue == nil {
		return prior
	}
	if *apiValue == 0 && (prior.IsNull() || prior.IsUnknown() || prior.ValueInt64() != 0) {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*apiValue))
}
func nullIfUnknown(v types.String) types.String {
	if v.IsUnknown() {
		return types.StringNull()
	}
	return v
}

func contactPersonToAPI(ctx context.Context, v types.Object) (*client.ContactPerson, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var person contactPersonModel
	diags := v.As(ctx, &person, basetypes.ObjectAsOptions{})
	return &client.ContactPerson{
		FullName:    person.FullName.ValueString(),
		Email:       person.Email.ValueString(),
		PhoneNumber: person.PhoneNumber.ValueString(),
		CompanyRole: person.CompanyRole.ValueString(),
	}, diags
}

// applyCompanyDetails copies what getCompanyDetails reported into m. Attributes the API does not
// report (account_*, license_type, suspend_recursively, deletion_protection) keep their values.
func applyCompanyDetails(ctx context.Context, company *client.Company, m *companyResourceModel) diag.Diagnostics {
	companyType, diags := companyTypeFromAPI(company)
	if diags.HasError() {
		return diags
	}
	m.ID = types.StringValue(company.ID)
	m.Name = types.StringValue(company.Name)
	m.Type = companyType
	if company.ParentID != "" {
		m.ParentID = types.StringValue(company.ParentID)
	} else {
		m.ParentID = nullIfUnknown(m.ParentID) // not reported: keep what is known
	}
	m.Address = stringFromAPI(company.Address, m.Address)
	m.Phone = stringFromAPI(company.Phone, m.Phone)
	m.Country = locationFromAPI(company.Country, m.Country)
	m.State = locationFromAPI(company.State, m.State)
	m.Industry = int64PointerFromAPI(company.Industry, m.Industry)
	m.Skip2FAPeriod = int64PointerFromAPI(company.Skip2FAPeriod, m.Skip2FAPeriod)
	m.CanBeManagedByAbove = boolPointerFromAPI(company.CanBeManagedByAbove, m.CanBeManagedByAbove)
	m.Suspended = boolPointerFromAPI(company.IsSuspended, m.Suspended)
	m.CreatedAt = stringFromAPI(company.CreatedAt, m.CreatedAt)
	var contactDiags diag.Diagnostics
	m.ContactPerson, contactDiags = contactPersonFromAPI(ctx, company.ContactPerson, m.ContactPerson)
	diags.Append(contactDiags...)
	return diags
}

// companyTypeFromAPI converts a company's type; a type the provider does not know is an error
// rather than a guess.
func companyTypeFromAPI(company *client.Company) (types.String, diag.Diagnostics) {
	var diags diag.Diagnostics
	companyType, ok := companyTypes.toTerraform(company.Type)
	if !ok {
		diags.AddError("Unknown company type",
			fmt.Sprintf("GravityZone reports type %d for company %q (id %s), which this provider does not know "+
				"(it knows %s). Please report this to the provider's maintainers.", company.Type, company.Name,
				company.ID, companyTypes.markdown()))
		return types.StringNull(), diags
	}
	return types.StringValue(companyType), diags
}

// settingsFromLicense converts a getLicenseInfo result. Every field the result carries replaces the
// prior value. The settings GravityZone reports only while they are set (reservedSlots,
// minimumUsage, endSubscription, autoRenewPeriod) read as unset when a monthly subscription's
// result leaves them out or sends null, so that removing one in the console shows as drift. Any
// other field the result leaves out keeps the prior value, so a server that reports less never
// shows false drift. An unknown prior value (planned "known after apply") that the result does not
// settle becomes null. prior is nullSubscriptionSettings() when there is nothing to keep.
func settingsFromLicense(info *client.LicenseInfo, prior subscriptionSettings) (subscriptionSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	prior = prior.withUnknownsAsNull(&diags)
	s := prior

	reservedSlots, endSubscription, autoRenewPeriod := info.ReservedSlots, dateFromAPI(info.EndSubscription), info.AutoRenewPeriod
	var minimumUsage *int
	if info.MinimumUsage != nil {
		minimumUsage = &info.MinimumUsage.EndpointMonthlyUsage
	}
	if isMonthlySubscription(info) {
		none, noText := 0, ""
		reservedSlots = cmp.Or(reservedSlots, &none)
		minimumUsage = cmp.Or(minimumUsage, &none)
		endSubscription = cmp.Or(endSubscription, &noText)
		if autoRenewPeriod == nil {
			s.AutoRenewPeriod = types.Int64Null()
		}
	} else if info.ReservedSlots == nil && info.Reports("reservedSlots") {
		s.ReservedSlots = types.Int64Null() // reported as null: no reservation (any more)
	}
	s.ReservedSlots = countFromAPI(reservedSlots, s.ReservedSlots)
	s.MinimumEndpointUsage = countFromAPI(minimumUsage, s.MinimumEndpointUsage)
	s.EndSubscription = stringPointerFromAPI(endSubscription, s.EndSubscription)
	s.AutoRenewPeriod = int64PointerFromAPI(autoRenewPeriod, s.AutoRenewPeriod)

	if info.AssignedProductType != nil {
		if name, ok := productTypes.toTerraform(*info.AssignedProductType); ok {
			s.ProductType = types.StringValue(name)
		} else {
			warnUnknownProductType(&diags, "assignedProductType", *info.AssignedProductType, "product_type keeps its previous value")
		}
	}
	if info.AdditionalProductTypes != nil {
		names := make([]string, 0, len(info.AdditionalProductTypes))
		for _, code := range info.AdditionalProductTypes {
			if name, ok := productTypes.toTerraform(code); ok {
				names = append(names, name)
			} else {
				warnUnknownProductType(&diags, "additionalProductTypes", code, "resell_product_types leaves it out")
			}
		}
		s.ResellProductTypes = stringSet(names)
	}
	s.ProtectionModel = stringPointerFromAPI(info.AssignedProtectionModel, prior.ProtectionModel)
	if s.ProductType.ValueString() == productEDR {
		// Protection models do not exist for the Bitdefender EDR product (R21).
		s.ProtectionModel = types.StringNull()
	}
	if info.AdditionalProtectionModels != nil {
		s.ResellProtectionModels = stringSet(info.AdditionalProtectionModels)
	}

	for _, sw := range topLevelSwitches {
		*sw.setting(&s) = boolPointerFromAPI(sw.info(info), *sw.setting(&prior))
	}
	s.IntegrityMonitoringRetentionDays = retentionFromAPI(info, prior.IntegrityMonitoringRetentionDays, &diags)

	if info.OwnUse != nil {
		s.OwnUse = switchesFromAPI(ownUseSwitches, info.OwnUse, prior.OwnUse, &diags)
	}
	if info.Resell != nil {
		s.Resell = switchesFromAPI(resellSwitches, info.Resell, prior.Resell, &diags)
	}
	if info.LicensedServices != nil {
		s.MDR = mdrFromAPI(info.LicensedServices, prior.MDR, &diags)
	}
	return s, diags
}

func warnUnknownProductType(diags *diag.Diagnostics, field string, code int, consequence string) {
	diags.AddWarning("Unknown product type",
		fmt.Sprintf("GravityZone reports product type %d in %s, which this provider version does not know; %s. "+
			"Upgrading the provider may add it.", code, field, consequence))
}

// retentionFromAPI converts imDataRetention. GravityZone reports it only while Integrity Monitoring
// is on; when the result says Integrity Monitoring is off, the retention is its default, 7 days.
func retentionFromAPI(info *client.LicenseInfo, prior types.Int64, diags *diag.Diagnostics) types.Int64 {
	if info.IMDataRetention == nil {
		if info.ManageIntegrityMonitoring != nil && !*info.ManageIntegrityMonitoring {
			return types.Int64Value(defaultRetentionDays)
		}
		return prior
	}
	days, ok := integrityMonitoringRetention.toTerraform(*info.IMDataRetention)
	if !ok {
		diags.AddWarning("Unknown integrity monitoring retention",
			fmt.Sprintf("GravityZone reports imDataRetention %d, which this provider version does not know; "+
				"integrity_monitoring_retention_days keeps its previous value.", *info.IMDataRetention))
		return prior
	}
	return types.Int64Value(days)
}

// switchesFromAPI converts a reported ownUse or resell object: reported members replace the prior
// ones, members left out keep them.
func switchesFromAPI[Info, Param any](switches []nestedSwitch[Info, Param], info *Info, prior types.Object, diags *diag.Diagnostics) types.Object {
	values := make(map[string]attr.Value, len(switches))
	for _, sw := range switches {
		values[sw.attribute] = boolPointerFromAPI(sw.info(info), boolMember(prior, sw.attribute))
	}
	return objectOf(switchAttributeTypes(switches), values, diags)
}

// mdrFromAPI converts the reported licensedServices object.
func mdrFromAPI(info *client.LicensedServicesInfo, prior types.Object, diags *diag.Diagnostics) types.Object {
	ownUse := mdrOwnUseLevel(prior)
	if info.MDRServiceOwnUse != nil {
		if level, ok := mdrOwnUseLevels.toTerraform(*info.MDRServiceOwnUse); ok {
			ownUse = types.StringValue(level)
		} else {
			diags.AddWarning("Unknown MDR service level",
				fmt.Sprintf("GravityZone reports licensedServices.mdrServiceOwnUse %d, which this provider version "+
					"does not know; mdr.own_use keeps its previous value.", *info.MDRServiceOwnUse))
		}
	}
	return objectOf(mdrAttributeTypes(), map[string]attr.Value{
		mdrOwnUseMember: ownUse,
		mdrResellMember: boolPointerFromAPI(info.MDRServiceResell, boolMember(prior, mdrResellMember)),
	}, diags)
}

// dateFromAPI reads endSubscription as the date users write: a date-time such as
// 2029-04-14T00:00:00 reads as 2029-04-14.
func dateFromAPI(value *string) *string {
	if value == nil || len(*value) <= len("2006-01-02") || (*value)[len("2006-01-02")] != 'T' {
		return value
	}
	date := (*value)[:len("2006-01-02")]
	return &date
}

// protectionModelsToAPI converts protection models, in the documented order for stable requests.
func protectionModelsToAPI(models []string) []string {
	var ordered []string
	for _, m := range protectionModels.terraformValues() {
		if slices.Contains(models, m) {
			api, _ := protectionModels.toAPI(m)
			ordered = append(ordered, api)
		}
	}
	return ordered
}

// productTypesToAPI converts product types, in ascending order for stable requests.
func productTypesToAPI(names []string) []int {
	var codes []int
	for _, name := range names {
		if code, ok := productTypes.toAPI(name); ok {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes
}

// isMonthlySubscription tells whether a licence is a monthly subscription (type 3).
func isMonthlySubscription(info *client.LicenseInfo) bool {
	monthly, _ := subscriptionTypes.toAPI(subscriptionMonthly)
	return info.SubscriptionType != nil && *info.SubscriptionType == monthly
}

// licenseTypeName names a licence's type for messages, as subscription_type writes it.
func licenseTypeName(info *client.LicenseInfo) string {
	if info.SubscriptionType == nil {
		return "licence of an unreported type"
	}
	if name, ok := subscriptionTypes.toTerraform(*info.SubscriptionType); ok {
		return name + " licence"
	}
	return fmt.Sprintf("type %d licence", *info.SubscriptionType)
}
