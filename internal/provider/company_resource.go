package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*companyResource)(nil)
	_ resource.ResourceWithImportState    = (*companyResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*companyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*companyResource)(nil)
)

// NewCompanyResource returns the gravityzone_company resource.
func NewCompanyResource() resource.Resource {
	return &companyResource{}
}

type companyResource struct {
	api gravityZoneAPI
}

func (r *companyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_company"
}

func (r *companyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *companyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan companyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	params, diags := createParams(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	id, err := r.api.CreateCompany(ctx, params)
	if err != nil {
		if existing := r.companyNamed(ctx, name, err); existing != nil {
			addNameTakenError(&resp.Diagnostics, existing, err)
			return
		}
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot create company %q", name), err)
		return
	}

	// From here on the company exists: every later failure leaves it in state, as the server has it,
	// so that Terraform keeps managing it.
	created := plan
	created.ID = types.StringValue(id)
	created.Suspended = types.BoolValue(false)
	created.ParentID = nullIfUnknown(created.ParentID)
	created.CreatedAt = nullIfUnknown(created.CreatedAt)
	for _, account := range []*types.String{&created.AccountEmail, &created.AccountFullName, &created.AccountTimezone, &created.AccountLanguage, &created.LicenseType} {
		*account = nullIfUnknown(*account)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &created)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, companyIdentityAttribute, id)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if plan.Suspended.ValueBool() {
		if err := r.api.SuspendCompany(ctx, id, plan.SuspendRecursively.ValueBool()); err != nil {
			addPartialCreateError(&resp.Diagnostics, name, id, "suspending it (suspended = true)", err)
			return
		}
		created.Suspended = types.BoolValue(true)
		resp.Diagnostics.Append(resp.State.Set(ctx, &created)...)
	}

	company, err := r.api.GetCompanyDetails(ctx, id)
	if err != nil {
		addPartialCreateError(&resp.Diagnostics, name, id, "reading it back", err)
		return
	}
	resp.Diagnostics.Append(applyCompanyDetails(ctx, company, &created)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &created)...)
}

// createParams builds createCompany's parameters from the plan; unset optional attributes are
// left out, so GravityZone applies its own defaults.
func createParams(ctx context.Context, plan *companyResourceModel) (client.CreateCompanyParams, diag.Diagnostics) {
	var diags diag.Diagnostics
	companyType, _ := companyTypes.toAPI(plan.Type.ValueString()) // the schema validator allows known values only
	params := client.CreateCompanyParams{
		Type:                companyType,
		Name:                plan.Name.ValueString(),
		ParentID:            plan.ParentID.ValueString(), // unknown reads as "": the API key's company
		Address:             plan.Address.ValueString(),
		Phone:               plan.Phone.ValueString(),
		Country:             plan.Country.ValueString(),
		State:               plan.State.ValueString(),
		Industry:            optionalInt(plan.Industry),
		CanBeManagedByAbove: optionalBool(plan.CanBeManagedByAbove),
		Skip2FAPeriod:       optionalInt(plan.Skip2FAPeriod),
		AccountEmail:        plan.AccountEmail.ValueString(),
		AccountFullName:     plan.AccountFullName.ValueString(),
		AccountTimezone:     plan.AccountTimezone.ValueString(),
		AccountLanguage:     plan.AccountLanguage.ValueString(),
	}
	params.ContactPerson, diags = contactPersonToAPI(ctx, plan.ContactPerson)
	if licenseType, ok := companyLicenseTypes.toAPI(plan.LicenseType.ValueString()); ok {
		params.LicenseSubscription = &client.LicenseSubscription{Type: licenseType}
	}
	return params, diags
}

func (r *companyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state companyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity even when the company is gone from state.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, companyIdentityAttribute, state.ID.ValueString())...)
	company, err := r.api.GetCompanyDetails(ctx, state.ID.ValueString())
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning(fmt.Sprintf("Company %q no longer exists", state.Name.ValueString()),
			fmt.Sprintf("GravityZone has no company with id %s (or the API key no longer manages it), so it was "+
				"removed from the Terraform state and the next plan creates it again. If it was deleted on "+
				"purpose, remove the resource from the configuration.", state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read company %q (id %s)", state.Name.ValueString(), state.ID.ValueString()), err)
		return
	}
	movedFrom := ""
	if company.ParentID != "" && !state.ParentID.IsNull() && state.ParentID.ValueString() != company.ParentID {
		movedFrom = state.ParentID.ValueString()
	}
	resp.Diagnostics.Append(applyCompanyDetails(ctx, company, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setMovedFromParent(ctx, resp.Private, movedFrom)...)
}

// companyNamed finds the company that a create refused as invalid was named after: GravityZone
// refuses a name that another company has. nil when there is none (or it cannot be read).
func (r *companyResource) companyNamed(ctx context.Context, name string, createErr error) *client.Company {
	if !client.IsInvalidParams(createErr) {
		return nil
	}
	existing, err := findCompanyByExactName(ctx, r.api, name)
	if err != nil {
		return nil
	}
	return existing
}

// addNameTakenError explains a create refused because the name is taken, and gives the import {}
// block that adopts the existing company instead (for example one deleted and re-created in the
// console).
func addNameTakenError(diags *diag.Diagnostics, existing *client.Company, err error) {
	diags.AddError(fmt.Sprintf("Company name %q is taken", existing.Name),
		fmt.Sprintf("GravityZone already has a company named %q (id %s, under the partner with id %s), and company "+
			"names are unique, so it refused to create another one. Nothing was created.\n\n"+
			"If that company is the one this resource should manage (for example, it was deleted and re-created in "+
			"the console), adopt it: add this block to the configuration, with %s after \"to =\", and run terraform "+
			"apply:\n\nimport {\n  to = <this resource's address>\n  id = %q\n}\n\n"+
			"Otherwise give this resource another name.\n\nGravityZone's answer: %s",
			existing.Name, existing.ID, existing.ParentID, thisAddress, existing.ID, err))
}

func (r *companyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state companyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	imported := wasImported(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id, name := state.ID.ValueString(), state.Name.ValueString()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, companyIdentityAttribute, id)...)

	// The plan can carry such a change when the value was unknown at plan time, or when deletion
	// protection was off (ModifyPlan then only warns); replacing is the only way to apply it.
	if refused := refusedCreateOnlyChanges(&plan, &state, imported); len(refused) > 0 {
		for _, attribute := range refused {
			resp.Diagnostics.AddAttributeError(path.Root(attribute.name), "Cannot change "+attribute.name,
				createOnlyChangeDetail(attribute.name, state, attribute.value(&state), attribute.value(&plan))+" Nothing was changed. To delete this company and "+
					"create a new one instead, run `terraform apply -replace=` followed by "+thisAddress+" (with "+
					"deletion_protection = false).")
		}
		return
	}

	params, changed, diags := updateParams(ctx, &plan, &state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if changed {
		if err := r.api.UpdateCompanyDetails(ctx, params); err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot update company %q (id %s)", name, id), err)
			return
		}
	}
	if !plan.Suspended.Equal(state.Suspended) {
		recursive := plan.SuspendRecursively.ValueBool()
		var err error
		if plan.Suspended.ValueBool() {
			err = r.api.SuspendCompany(ctx, id, recursive)
		} else {
			err = r.api.ActivateCompany(ctx, id, recursive)
		}
		if err != nil {
			verb := map[bool]string{true: "suspend", false: "activate"}[plan.Suspended.ValueBool()]
			// The state keeps its prior values; the next refresh shows what the details update did.
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot %s company %q (id %s)", verb, name, id), err)
			return
		}
	}

	company, err := r.api.GetCompanyDetails(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Company %q (id %s) was updated, but reading it back failed", name, id), err)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	resp.Diagnostics.Append(applyCompanyDetails(ctx, company, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// updateParams builds updateCompanyDetails' parameters from the attributes whose planned value
// differs from the state; changed is false when there is nothing to send. A text attribute that
// became null is sent as "", which clears it.
func updateParams(ctx context.Context, plan, state *companyResourceModel) (params client.UpdateCompanyParams, changed bool, diags diag.Diagnostics) {
	params.ID = state.ID.ValueString()
	text := func(planned, prior types.String) *string {
		if planned.Equal(prior) {
			return nil
		}
		changed = true
		v := planned.ValueString()
		return &v
	}
	number := func(planned, prior types.Int64) *int {
		if planned.Equal(prior) {
			return nil
		}
		changed = true
		return optionalInt(planned)
	}
	params.Name = text(plan.Name, state.Name)
	if !plan.Type.Equal(state.Type) {
		companyType, _ := companyTypes.toAPI(plan.Type.ValueString())
		params.Type = &companyType
		changed = true
	}
	params.Address = text(plan.Address, state.Address)
	params.Phone = text(plan.Phone, state.Phone)
	params.Country = text(plan.Country, state.Country)
	params.State = text(plan.State, state.State)
	params.Industry = number(plan.Industry, state.Industry)
	params.Skip2FAPeriod = number(plan.Skip2FAPeriod, state.Skip2FAPeriod)
	if !plan.ContactPerson.Equal(state.ContactPerson) && !plan.ContactPerson.IsNull() {
		params.ContactPerson, diags = contactPersonToAPI(ctx, plan.ContactPerson)
		changed = true
	}
	return params, changed, diags
}

func (r *companyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state companyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// ModifyPlan refuses a planned destroy; this also covers the replacement of a tainted company,
	// which Terraform plans as a create.
	if isDeletionProtected(state) {
		addDeletionProtectedError(&resp.Diagnostics, state)
		return
	}
	if err := r.api.DeleteCompany(ctx, state.ID.ValueString()); err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete company %q (id %s)", state.Name.ValueString(), state.ID.ValueString()), err)
	}
}

// ImportState accepts a company id or name=<exact name>, or an identity. The API does not report
// some attributes, so the imported object is marked for ModifyPlan to adopt their configured values.
func (r *companyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importedID, diags := importID(ctx, req, companyIdentityAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := importedCompanyID(ctx, r.api, importedID, &resp.Diagnostics)
	if !ok {
		return
	}
	imported := importedCompany(id)
	resp.Diagnostics.Append(resp.State.Set(ctx, &imported)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, companyIdentityAttribute, id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedPrivateKey, []byte("true"))...)
}
