package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
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
