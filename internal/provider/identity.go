package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+): the attribute that names an object for good, which `import`
// blocks may give as `identity` instead of `id` and `terraform query` reports for each result.
// Both resources are identified by one company id.

var (
	_ resource.ResourceWithIdentity = (*companyResource)(nil)
	_ resource.ResourceWithIdentity = (*monthlySubscriptionResource)(nil)
)

// The identity attribute of each resource.
const (
	companyIdentityAttribute      = "id"
	subscriptionIdentityAttribute = "company_id"
)

func (r *companyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = companyIDIdentitySchema(companyIdentityAttribute, "The company's id.")
}

func (r *monthlySubscriptionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = companyIDIdentitySchema(subscriptionIdentityAttribute, "The id of the company whose subscription it is.")
}

func companyIDIdentitySchema(attribute, description string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		attribute: identityschema.StringAttribute{RequiredForImport: true, Description: description},
	}}
}

// setIdentity records the company id that identifies an object. Terraform before 1.12 sends no
// identity, and then there is none to set.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attribute, companyID string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.SetAttribute(ctx, path.Root(attribute), types.StringValue(companyID))
}

// importID is what an import names: the import id, or with an `identity` in the `import` block
// (and no id) the company id of the identity.
func importID(ctx context.Context, req resource.ImportStateRequest, attribute string) (string, diag.Diagnostics) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, nil
	}
	var id types.String
	diags := req.Identity.GetAttribute(ctx, path.Root(attribute), &id)
	return id.ValueString(), diags
}
