package provider

// Plan-time policy of gravityzone_company: what GravityZone cannot do becomes a plan-time error
// (or, where a replacement must stay possible, a warning), before any API call.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// importedPrivateKey marks, in private state, a company that came in through import: the API does
// not report the account_* attributes or license_type, so their configured values are adopted
// instead of being treated as changes of create-only attributes.
const importedPrivateKey = "imported"

// ValidateConfig enforces R31: a company that the partners above cannot manage needs its own
// first user, so GravityZone requires both account_email and account_full_name.
func (r *companyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// Three attributes matter here: reading just them spares reading the whole configuration into a
	// struct, which Terraform asks for every company of every plan.
	var canBeManagedByAbove types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("can_be_managed_by_above"), &canBeManagedByAbove)...)
	if resp.Diagnostics.HasError() || canBeManagedByAbove.IsUnknown() || canBeManagedByAbove.IsNull() || canBeManagedByAbove.ValueBool() {
		return
	}
	for _, name := range []string{"account_email", "account_full_name"} {
		var value types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &value)...)
		if value.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Missing "+name,
				"account_email and account_full_name are both required when can_be_managed_by_above = false: no partner "+
					"above can manage the company, so GravityZone creates its first administrator from them. Set both, "+
					"or remove can_be_managed_by_above (default true).")
		}
	}
}

// ModifyPlan refuses, at plan time, what concerns the company as a whole: destroying a protected
// company, and a licence type that does not fit the company type. Rules about one attribute are
// that attribute's plan modifiers (createOnlyModifier, contactPersonModifier).
func (r *companyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state companyResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !resp.Diagnostics.HasError() && isDeletionProtected(state) {
			addDeletionProtectedError(&resp.Diagnostics, state)
		}
		return
	}
	if req.Plan.Raw.Equal(req.State.Raw) {
		// Nothing changes, so there is nothing to refuse. This is every company of a plan that
		// finds no drift, and reading plan and state into structs is most of what checking costs.
		return
	}
	var licenseType, companyType types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("license_type"), &licenseType)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &companyType)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		checkLicenseTypeFits(&resp.Diagnostics, licenseType, companyType)
		return
	}
	var priorLicenseType types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("license_type"), &priorLicenseType)...)
	imported := wasImported(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if adoptsConfiguredValue(imported, priorLicenseType, licenseType) {
		checkLicenseTypeFits(&resp.Diagnostics, licenseType, companyType)
	}
}

// createOnlyModifier is the plan modifier of a create-only attribute. On create, an attribute the
// API never reports that the configuration leaves out is planned null rather than "known after
// apply": nothing will fill it, and a plan that MSPs review should say so. Afterwards a different
// value is an error while deletion protection is on, and a warning while it is off, so that
// `terraform apply -replace=...` stays possible (Update then refuses an apply that does not
// replace the company).
type createOnlyModifier struct {
	attribute createOnlyAttribute
}

var (
	_ planmodifier.String = createOnlyModifier{}
	_ planmodifier.Bool   = createOnlyModifier{}
)

// createOnlyPlanModifier returns the modifier of the create-only attribute of that name.
func createOnlyPlanModifier(name string) createOnlyModifier {
	for _, attribute := range createOnlyAttributes {
		if attribute.name == name {
			return createOnlyModifier{attribute}
		}
	}
	panic("not a create-only attribute: " + name)
}

func (createOnlyModifier) Description(context.Context) string {
	return "Create-only: GravityZone cannot change it after creation; a different value is a plan-time error, never " +
		"a silent replacement."
}

func (createOnlyModifier) MarkdownDescription(context.Context) string {
	return "**Create-only**: GravityZone cannot change it after creation; a different value is a plan-time error, " +
		"never a silent replacement."
}

func (m createOnlyModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if m.planNull(req.State, req.ConfigValue) {
		resp.PlanValue = types.StringNull()
		return
	}
	m.check(ctx, req.State, req.Private, req.StateValue, req.PlanValue, &resp.Diagnostics)
}

func (m createOnlyModifier) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	m.check(ctx, req.State, req.Private, req.StateValue, req.PlanValue, &resp.Diagnostics)
}

// planNull tells whether a create leaves this attribute null: the API does not report it, and the
// configuration does not set it.
func (m createOnlyModifier) planNull(state tfsdk.State, configured attr.Value) bool {
	return state.Raw.IsNull() && !m.attribute.reported && configured.IsNull()
}

// check refuses a planned change of an existing company's value.
func (m createOnlyModifier) check(ctx context.Context, state tfsdk.State, private privateStateReader, prior, planned attr.Value, diags *diag.Diagnostics) {
	if state.Raw.IsNull() || planned.IsUnknown() || planned.Equal(prior) {
		return // unknown planned values are left for Update
	}
	if !m.attribute.reported && adoptsConfiguredValue(wasImported(ctx, private, diags), prior, planned) {
		return
	}
	var company companyResourceModel
	diags.Append(state.Get(ctx, &company)...)
	if diags.HasError() {
		return
	}
	name := m.attribute.name
	if name == "parent_id" {
		if movedFrom := movedFromParent(ctx, private, diags); movedFrom != "" && planned.Equal(types.StringValue(movedFrom)) {
			addMovedCompanyError(diags, company, movedFrom)
			return
		}
	}
	detail := createOnlyChangeDetail(name, company, prior, planned)
	if isDeletionProtected(company) {
		diags.AddAttributeError(path.Root(name), "Cannot change "+name,
			detail+fmt.Sprintf(" If you really mean to delete this company and create a new one with the new value: "+
				"first apply deletion_protection = false with %s still at its current value, then set the new value "+
				"and run `terraform apply -replace=` followed by %s.", name, thisAddress))
		return
	}
	diags.AddAttributeWarning(path.Root(name), name+" cannot change in place",
		detail+" This plan fails at apply unless it replaces the company: run `terraform apply -replace=` followed by "+
			thisAddress+" to delete this company and create a new one.")
}

// thisAddress names the resource's address in advice. A provider is never told the address of the
// resource it plans, but Terraform prints it above every diagnostic of that resource.
const thisAddress = `this resource's address (the one Terraform shows above, after "with")`

// movedFromPrivateKey marks, in private state, a company that a refresh found under another partner
// than the state said: its value is the id of the partner it was moved away from. Read sets it and
// clears it, so it only lives while the state has not caught up with the move.
const movedFromPrivateKey = "moved_from_parent"

// privateStateWriter is the write side of a resource's private state, as Read gets it.
type privateStateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// setMovedFromParent sets or, with "", clears the mark of a moved company.
func setMovedFromParent(ctx context.Context, private privateStateWriter, movedFrom string) diag.Diagnostics {
	var mark []byte
	if movedFrom != "" {
		mark, _ = json.Marshal(movedFrom) // a string always encodes
	}
	return private.SetKey(ctx, movedFromPrivateKey, mark)
}

// movedFromParent is the partner a company was moved away from, or "" when it was not moved.
func movedFromParent(ctx context.Context, private privateStateReader, diags *diag.Diagnostics) string {
	mark, getDiags := private.GetKey(ctx, movedFromPrivateKey)
	diags.Append(getDiags...)
	var movedFrom string
	if len(mark) > 0 && json.Unmarshal(mark, &movedFrom) != nil {
		return ""
	}
	return movedFrom
}

// addMovedCompanyError explains a configuration that still names the partner a company was moved
// away from, outside Terraform. The move is not a change Terraform could make or undo, and
// replacing the company would delete a customer's tenant, so the way on is to accept the move.
func addMovedCompanyError(diags *diag.Diagnostics, company companyResourceModel, movedFrom string) {
	diags.AddAttributeError(path.Root("parent_id"), fmt.Sprintf("Company %q was moved to another partner", company.Name.ValueString()),
		fmt.Sprintf("Company %q (id %s) was moved outside Terraform: GravityZone now has it under the partner with id %s, "+
			"and the configuration still names its former partner, %s, in parent_id. Terraform does not move companies "+
			"between partners, and nothing was changed. To keep the company where it is now, write parent_id = %q (or a "+
			"reference to the gravityzone_company of that partner, such as gravityzone_company.<name>.id) and apply: "+
			"that only updates the Terraform state. To move the company back, move it in the GravityZone console.",
			company.Name.ValueString(), company.ID.ValueString(), company.ParentID.ValueString(), movedFrom,
			company.ParentID.ValueString()))
}

// The plan modifiers of contact_person and suspended; a new company has neither a contact person
// nor a suspension.
var (
	unmanagedContactPerson = unmanagedWhenOmitted{created: types.ObjectNull(contactPersonAttributeTypes)}
	unmanagedSuspension    = unmanagedWhenOmitted{created: types.BoolValue(false)}
)

// unmanagedWhenOmitted is the plan modifier of an attribute that is managed only while the
// configuration sets it (contact_person, suspended): left out, the plan keeps what the state holds,
// as the last refresh read it from GravityZone, so a change made outside Terraform never shows as
// a diff. A new company is planned with created, what GravityZone gives a company created without it.
type unmanagedWhenOmitted struct {
	created attr.Value
}

var (
	_ planmodifier.Bool   = unmanagedWhenOmitted{}
	_ planmodifier.Object = unmanagedWhenOmitted{}
)

func (unmanagedWhenOmitted) Description(context.Context) string {
	return "Left out of the configuration, it is not managed: the state keeps what GravityZone reports, with no " +
		"diff and no API call."
}

func (unmanagedWhenOmitted) MarkdownDescription(context.Context) string {
	return "Left out of the configuration, it is **not managed**: the state keeps what GravityZone reports, with no " +
		"diff and no API call."
}

func (m unmanagedWhenOmitted) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if req.ConfigValue.IsNull() {
		resp.PlanValue = kept(m, req.State, req.StateValue)
	}
}

func (m unmanagedWhenOmitted) PlanModifyObject(_ context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if req.ConfigValue.IsNull() {
		resp.PlanValue = kept(m, req.State, req.StateValue)
	}
}

// kept is the planned value of an omitted attribute: what GravityZone gives a new company, or
// what the state holds.
func kept[T attr.Value](m unmanagedWhenOmitted, state tfsdk.State, prior T) T {
	if created, ok := m.created.(T); ok && state.Raw.IsNull() {
		return created
	}
	return prior
}

// refusedCreateOnlyChanges lists the create-only attributes whose planned value differs from the
// state, except values adopted after an import. Unknown planned values are left for Update.
func refusedCreateOnlyChanges(plan, state *companyResourceModel, imported bool) []createOnlyAttribute {
	var refused []createOnlyAttribute
	for _, attribute := range createOnlyAttributes {
		planned, prior := attribute.value(plan), attribute.value(state)
		if planned.IsUnknown() || planned.Equal(prior) {
			continue
		}
		if !attribute.reported && adoptsConfiguredValue(imported, prior, planned) {
			continue
		}
		refused = append(refused, attribute)
	}
	return refused
}

// adoptsConfiguredValue reports whether a value the API does not report is being learnt from the
// configuration after an import.
func adoptsConfiguredValue(imported bool, prior, planned attr.Value) bool {
	return imported && prior.IsNull() && !planned.IsNull() && !planned.IsUnknown()
}

func createOnlyChangeDetail(name string, company companyResourceModel, prior, planned attr.Value) string {
	keep := fmt.Sprintf("set %s back to %s", name, prior)
	if prior.IsNull() {
		keep = "remove " + name
	}
	return fmt.Sprintf("%s is set when a company is created, and GravityZone cannot change it afterwards "+
		"(company %q, id %s: state %s, configuration %s). To keep this company, %s in the configuration.",
		name, company.Name.ValueString(), company.ID.ValueString(), prior, planned, keep)
}

// checkLicenseTypeFits enforces R38 where a licence type is being set: the monthly licence trial is
// for partners, the monthly subscription trial for customers.
func checkLicenseTypeFits(diags *diag.Diagnostics, licenseType, companyType types.String) {
	if licenseType.IsNull() || licenseType.IsUnknown() || companyType.IsUnknown() {
		return
	}
	var fits, fix string
	switch licenseType.ValueString() {
	case subscriptionMonthlyLicenseTrial:
		fits, fix = companyPartner, fmt.Sprintf("a customer's trial is %q", subscriptionMonthlyTrial)
	case subscriptionMonthlyTrial:
		fits, fix = companyCustomer, fmt.Sprintf("a partner's trial is %q", subscriptionMonthlyLicenseTrial)
	default:
		return
	}
	if companyType.ValueString() != fits {
		diags.AddAttributeError(path.Root("license_type"), "license_type does not fit type",
			fmt.Sprintf("license_type %q is only for companies of type %q, and this one is %q: %s (or use %q "+
				"or %q).", licenseType.ValueString(), fits, companyType.ValueString(), fix, subscriptionTrial,
				subscriptionMonthly))
	}
}

func isDeletionProtected(state companyResourceModel) bool {
	// A null value cannot come from this provider; refusing is the safe reading.
	return state.DeletionProtection.IsNull() || state.DeletionProtection.ValueBool()
}

func addDeletionProtectedError(diags *diag.Diagnostics, state companyResourceModel) {
	diags.AddAttributeError(path.Root("deletion_protection"), fmt.Sprintf("Company %q is protected from deletion", state.Name.ValueString()),
		fmt.Sprintf("deletion_protection is true for company %q (id %s), so Terraform will not delete it, and no API "+
			"call was made. Deleting a company in GravityZone also deletes its users and its licence. To delete it, "+
			"set deletion_protection = false on this resource and run terraform apply, then destroy it (or remove it "+
			"from the configuration) again. If Terraform is replacing the company because it is tainted after a "+
			"failed create, run `terraform untaint` with this resource's address instead to keep it.",
			state.Name.ValueString(), state.ID.ValueString()))
}

// privateStateReader is the read side of a resource's private state, as ModifyPlan and Update get it.
type privateStateReader interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// wasImported reports whether the company carries the mark ImportState leaves.
func wasImported(ctx context.Context, private privateStateReader, diags *diag.Diagnostics) bool {
	mark, getDiags := private.GetKey(ctx, importedPrivateKey)
	diags.Append(getDiags...)
	return len(mark) > 0
}
