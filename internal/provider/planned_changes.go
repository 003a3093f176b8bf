package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// plannedChanges lists what a plan changes in a resource, one "attribute: before → after" per
// changed attribute, members of nested objects as "object.member", sorted by name, for messages
// about writes that failed. objectType is the resource schema's type; prior and planned are
// models of that schema.
func plannedChanges(ctx context.Context, objectType attr.Type, prior, planned any) []string {
	schemaType, ok := objectType.(basetypes.ObjectType)
	if !ok {
		return []string{fmt.Sprintf("(the changes cannot be listed: the schema type is %T)", objectType)}
	}
	before, diags := types.ObjectValueFrom(ctx, schemaType.AttrTypes, prior)
	after, moreDiags := types.ObjectValueFrom(ctx, schemaType.AttrTypes, planned)
	if diags.HasError() || moreDiags.HasError() {
		return []string{"(the changes cannot be listed: " + fmt.Sprint(append(diags, moreDiags...)) + ")"}
	}
	var changes []string
	appendObjectChanges(&changes, "", before, after)
	return changes
}

func appendObjectChanges(changes *[]string, prefix string, before, after types.Object) {
	beforeMembers, afterMembers := before.Attributes(), after.Attributes()
	for _, name := range slices.Sorted(maps.Keys(afterMembers)) {
		was, will := beforeMembers[name], afterMembers[name]
		if will.Equal(was) {
			continue
		}
		wasObject, nestedBefore := was.(types.Object)
		willObject, nestedAfter := will.(types.Object)
		if nestedBefore && nestedAfter && !wasObject.IsNull() && !willObject.IsNull() && !willObject.IsUnknown() {
			appendObjectChanges(changes, prefix+name+".", wasObject, willObject)
			continue
		}
		*changes = append(*changes, fmt.Sprintf("%s%s: %s → %s", prefix, name, describeValue(was), describeValue(will)))
	}
}

// describeValue writes a value as a plan shows it.
func describeValue(v attr.Value) string {
	switch {
	case v == nil || v.IsNull():
		return "null"
	case v.IsUnknown():
		return "(known after apply)"
	}
	return v.String()
}

// subscriptionChanges is plannedChanges for gravityzone_monthly_subscription; none on create
// (prior nil).
func subscriptionChanges(ctx context.Context, prior *monthlySubscriptionModel, planned monthlySubscriptionModel) []string {
	if prior == nil {
		return nil
	}
	var schema resource.SchemaResponse
	(&monthlySubscriptionResource{}).Schema(ctx, resource.SchemaRequest{}, &schema)
	return plannedChanges(ctx, schema.Schema.Type(), *prior, planned)
}
