package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// The one place for empty ⇄ null conversion between API values and Terraform values. The API
// answers "" for a text it does not hold; Terraform users leave such an attribute out (null).

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
