package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*companyResource)(nil)
	_ resource.ResourceWithImportState    = (*companyResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*companyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*companyResource)(nil)
)

// importedPrivateKey marks, in private state, a company that came in through import: the API does
// not report the account_* attributes or license_type, so their configured values are adopted
// instead of being treated as changes of create-only attributes.
const importedPrivateKey = "imported"

// importByNamePrefix introduces the import ID form that names a company instead of giving its id.
const importByNamePrefix = "name="

// companyIDPattern is the form of GravityZone company ids (24 hexadecimal characters).
var companyIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)

// NewCompanyResource returns the gravityzone_company resource.
func NewCompanyResource() resource.Resource {
	return &companyResource{}
}

type companyResource struct {
	api gravityZoneAPI
}

type companyResourceModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Type                types.String `tfsdk:"type"`
	ParentID            types.String `tfsdk:"parent_id"`
	Address             types.String `tfsdk:"address"`
	Phone               types.String `tfsdk:"phone"`
	Country             types.String `tfsdk:"country"`
	State               types.String `tfsdk:"state"`
	Industry            types.Int64  `tfsdk:"industry"`
	Skip2FAPeriod       types.Int64  `tfsdk:"skip_2fa_period"`
	ContactPerson       types.Object `tfsdk:"contact_person"`
	CanBeManagedByAbove types.Bool   `tfsdk:"can_be_managed_by_above"`
	AccountEmail        types.String `tfsdk:"account_email"`
	AccountFullName     types.String `tfsdk:"account_full_name"`
	AccountTimezone     types.String `tfsdk:"account_timezone"`
	AccountLanguage     types.String `tfsdk:"account_language"`
	LicenseType         types.String `tfsdk:"license_type"`
	Suspended           types.Bool   `tfsdk:"suspended"`
	SuspendRecursively  types.Bool   `tfsdk:"suspend_recursively"`
	DeletionProtection  types.Bool   `tfsdk:"deletion_protection"`
	CreatedAt           types.String `tfsdk:"created_at"`
}

// contactPersonModel is contact_person, in the resource and in the lookup data source.
type contactPersonModel struct {
	FullName    types.String `tfsdk:"full_name"`
	Email       types.String `tfsdk:"email"`
	PhoneNumber types.String `tfsdk:"phone_number"`
	CompanyRole types.String `tfsdk:"company_role"`
}

var contactPersonAttributeTypes = map[string]attr.Type{
	"full_name":    types.StringType,
	"email":        types.StringType,
	"phone_number": types.StringType,
	"company_role": types.StringType,
}

// createOnlyAttribute is an attribute that createCompany sets and no API method changes later.
type createOnlyAttribute struct {
	name string
	// reported is true when getCompanyDetails reports the value, so that an import reads it. The
	// others cannot be known after an import, and their configured values are adopted.
	reported bool
	value    func(*companyResourceModel) attr.Value
}

var createOnlyAttributes = []createOnlyAttribute{
	{"parent_id", true, func(m *companyResourceModel) attr.Value { return m.ParentID }},
	{"can_be_managed_by_above", true, func(m *companyResourceModel) attr.Value { return m.CanBeManagedByAbove }},
	{"account_email", false, func(m *companyResourceModel) attr.Value { return m.AccountEmail }},
	{"account_full_name", false, func(m *companyResourceModel) attr.Value { return m.AccountFullName }},
	{"account_timezone", false, func(m *companyResourceModel) attr.Value { return m.AccountTimezone }},
	{"account_language", false, func(m *companyResourceModel) attr.Value { return m.AccountLanguage }},
	{"license_type", false, func(m *companyResourceModel) attr.Value { return m.LicenseType }},
}

func (r *companyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_company"
}

func (r *companyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	createOnly := " **Create-only**: GravityZone cannot change it after creation; a different value is a " +
		"plan-time error, never a silent replacement."
	resp.Schema = schema.Schema{
		MarkdownDescription: "A GravityZone partner or customer company (companies.createCompany, getCompanyDetails, " +
			"updateCompanyDetails, suspendCompany, activateCompany, deleteCompany).\n\n" +
			"**Read** refreshes every attribute that getCompanyDetails reports. A company that no longer exists is " +
			"removed from state with a warning, and the next plan creates it again.\n\n" +
			"**Update** sends only the attributes that changed, in place (a change of `type` included). " +
			"**Create-only** attributes (`parent_id`, `can_be_managed_by_above`, `account_*`, `license_type`) are never " +
			"a reason to replace the company, since replacing a company deletes a customer's tenant: changing one is a " +
			"plan-time error that says how to proceed. To really delete the company and create a new one with another " +
			"value, first apply `deletion_protection = false` with the old value, then change the value and run " +
			"`terraform apply -replace=<address>`. (While protection is off, such a change only warns at plan time, " +
			"so that `-replace` can work; an apply without `-replace` fails without changing anything.)\n\n" +
			"**Delete** calls deleteCompany, which also deletes the company's users and licence; a company that is " +
			"already gone counts as deleted. While `deletion_protection` is `true` (the default), destroying the " +
			"company fails at plan time with no API call: set `deletion_protection = false` and apply first. A " +
			"partner that still manages companies cannot be deleted; Terraform deletes the companies it manages " +
			"under it first when they reference its `id` in `parent_id`.\n\n" +
			"**Create** writes the new company's id to state at once. If a later step fails (for example the " +
			"suspension asked by `suspended = true`), the error says that the company exists and how to finish: " +
			"`terraform untaint <address>`, then `terraform apply`. A create whose answer was lost (network error, " +
			"timeout) is never repeated blindly: the provider looks for a company of that name under the parent and " +
			"adopts it.\n\n" +
			"**Import** by id (`terraform import gravityzone_company.example 5493dcd2b1a43df00b7b23c6`) or by exact, " +
			"case-sensitive name (`terraform import gravityzone_company.example name=Acme`); both forms also work as " +
			"the `id` of an `import {}` block. The API does not report `account_*` and `license_type`, so after an " +
			"import their configured values are adopted into state without any API call. `deletion_protection` " +
			"is `true` and `suspend_recursively` `false` after an import, until the configuration says otherwise.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The company's id (API `id`, 24 hexadecimal characters). Stable for the company's lifetime.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The company's name (API `name`): 1–64 characters, without `<` or `>`. GravityZone " +
					"requires names to be unique. Updatable in place.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 64), notBlank(), withoutAngleBrackets(),
				},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The company type (API `type`): " + companyTypes.markdown() + ". Updatable in place; " +
					"GravityZone turns a partner into a customer only when it manages no companies.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(companyTypes.terraformValues()...)},
			},
			"parent_id": schema.StringAttribute{
				MarkdownDescription: "The id of the partner company that manages this one (API `parentId`). Default: the " +
					"API key's own company. Read back from getCompanyDetails, so it is known after an import." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"address": schema.StringAttribute{
				MarkdownDescription: "Postal address (API `address`): at most 128 characters, without `<` or `>`. " +
					"Removing it clears the address in GravityZone.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtMost(128), withoutAngleBrackets()},
			},
			"phone": schema.StringAttribute{
				MarkdownDescription: "Phone number (API `phone`): at most 32 characters, without `<` or `>`. Removing it " +
					"clears the phone number in GravityZone.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtMost(32), withoutAngleBrackets()},
			},
			"country": schema.StringAttribute{
				MarkdownDescription: "Country (API `country`): an ISO 3166-1 alpha-2 code in capitals, such as `RO` or " +
					"`US`. The API reports an unset country as `N/A`, which reads as null. Removing it clears the country.",
				Optional: true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Z]{2}$`),
					"must be an ISO 3166-1 alpha-2 country code in capitals, such as RO or US")},
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "State or region (API `state`): the ISO 3166-2 subdivision code, such as `NY`. The " +
					"API reports an unset state as `N/A`, which reads as null. Removing it clears the state.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"industry": schema.Int64Attribute{
				MarkdownDescription: "Industry code (API `industry`): `0` (undefined, the default), a top-level code " +
					"`1`–`34` (for example `30`, technology) or a sub-code `<top><NN>` (for example `3004`).",
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"skip_2fa_period": schema.Int64Attribute{
				MarkdownDescription: "How many days a user may postpone setting up two-factor authentication (API " +
					"`skip2FAPeriod`): one of `0`, `1`, `3`, `7`, `14`, `30`, `90`. Default `0`.",
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.OneOf(skip2FAPeriods...)},
			},
			"contact_person": schema.SingleNestedAttribute{
				MarkdownDescription: "The company's contact person (API `contactPerson`). Changing any member sends the " +
					"whole object. The API cannot remove a contact person, so once set, the object cannot be " +
					"removed from the configuration (a plan-time error); change its members instead.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"full_name": schema.StringAttribute{
						MarkdownDescription: "Full name (API `contactPerson.fullName`), without `<` or `>`.",
						Optional:            true,
						Validators:          []validator.String{withoutAngleBrackets()},
					},
					"email": schema.StringAttribute{
						MarkdownDescription: "E-mail address (API `contactPerson.email`), required whenever " +
							"`contact_person` is set; a bare address such as `it@example.com`.",
						Required:   true,
						Validators: []validator.String{emailAddressValidator{}},
					},
					"phone_number": schema.StringAttribute{
						MarkdownDescription: "Phone number (API `contactPerson.phoneNumber`): at most 32 characters, " +
							"without `<` or `>`.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.LengthAtMost(32), withoutAngleBrackets()},
					},
					"company_role": schema.StringAttribute{
						MarkdownDescription: "Role in the company (API `contactPerson.companyRole`), without `<` or `>`.",
						Optional:            true,
						Validators:          []validator.String{withoutAngleBrackets()},
					},
				},
			},
			"can_be_managed_by_above": schema.BoolAttribute{
				MarkdownDescription: "Whether the partners above may manage this company (API `canBeManagedByAbove`). " +
					"Default `true`; MDR needs `true` here and on every partner above. When `false`, " +
					"`account_email` and `account_full_name` are required. Read back from getCompanyDetails, so an " +
					"imported company's value must be written in the configuration as it is." + createOnly,
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"account_email": schema.StringAttribute{
				MarkdownDescription: "E-mail (and login) of the company's first user account, which GravityZone " +
					"creates and sends a welcome e-mail to (API `accountEmail`). Required when " +
					"`can_be_managed_by_above = false`. Not reported by the API: after an import, a configured value " +
					"is adopted without any API call; removing it from the configuration keeps the state value." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{emailAddressValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_full_name": schema.StringAttribute{
				MarkdownDescription: "Full name of the company's first user account (API `accountFullName`), without " +
					"`<` or `>`. Required when `can_be_managed_by_above = false`. Not reported by the API; after an " +
					"import a configured value is adopted, and removing it keeps the state value." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{notBlank(), withoutAngleBrackets()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_timezone": schema.StringAttribute{
				MarkdownDescription: "Time zone of the first user account (API `accountTimezone`), a zone name such as " +
					"`Europe/Bucharest`. GravityZone's default is `GMT`. Not reported by the API; after an import a " +
					"configured value is adopted, and removing it keeps the state value." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_language": schema.StringAttribute{
				MarkdownDescription: "Language of the first user account (API `accountLanguage`), a locale such as " +
					"`es_ES`. GravityZone's default is `en_US`. Not reported by the API; after an import a configured " +
					"value is adopted, and removing it keeps the state value." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"license_type": schema.StringAttribute{
				MarkdownDescription: "The licence the company starts with (API `licenseSubscription.type`): " +
					companyLicenseTypes.markdown() + ". `monthly_license_trial` is for partners only, " +
					"`monthly_subscription_trial` for customers only. Null: GravityZone's default, a trial. Switching " +
					"to a paid monthly subscription later is the job of `gravityzone_monthly_subscription`, so this " +
					"attribute is not refreshed (read the current licence with `gravityzone_license_info`). After an " +
					"import a configured value is adopted, and removing it keeps the state value." + createOnly,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.OneOf(companyLicenseTypes.terraformValues()...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"suspended": schema.BoolAttribute{
				MarkdownDescription: "Whether the company is suspended (API `isSuspended`). Default `false`. Changing it " +
					"to `true` calls suspendCompany (the company's users can no longer log in, and agents installed " +
					"from its own kits expire); to `false`, activateCompany. A company created with `true` is created, " +
					"then suspended.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"suspend_recursively": schema.BoolAttribute{
				MarkdownDescription: "Whether suspending or activating this company also suspends or activates every " +
					"company below it (API `recursive` of suspendCompany and activateCompany). Default `false`. It takes " +
					"effect when `suspended` changes; changing it alone makes no API call. Companies below that are " +
					"managed in the same configuration should then set `suspended` alike, or their next plan " +
					"reverts the change.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"deletion_protection": schema.BoolAttribute{
				MarkdownDescription: "While `true`, Terraform refuses to delete the company: a plan that destroys it " +
					"fails with no API call. Set it to `false` and apply before destroying or replacing the company. " +
					"Default `true`. Terraform-only; nothing is sent to GravityZone.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the company was created (API `createdAt`), in UTC, as GravityZone reports it " +
					"(for example `2024-05-02T09:15:00`).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *companyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

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

// ModifyPlan turns what GravityZone cannot do into plan-time errors: destroying a protected
// company, changing a create-only attribute, removing the contact person, a licence type that does
// not fit the company type.
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
	var plan companyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		checkLicenseTypeFits(&resp.Diagnostics, plan.LicenseType, plan.Type)
		planUnsetUnreportedAsNull(ctx, req, resp)
		return
	}

	var state companyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	imported := wasImported(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if adoptsConfiguredValue(imported, state.LicenseType, plan.LicenseType) {
		checkLicenseTypeFits(&resp.Diagnostics, plan.LicenseType, plan.Type)
	}
	for _, attribute := range refusedCreateOnlyChanges(&plan, &state, imported) {
		if isDeletionProtected(state) {
			resp.Diagnostics.AddAttributeError(path.Root(attribute.name), "Cannot change "+attribute.name,
				createOnlyChangeDetail(attribute, &plan, &state)+fmt.Sprintf(" If you really mean to delete this "+
					"company and create a new one with the new value: first apply deletion_protection = false with "+
					"%s still at its current value, then set the new value and run `terraform apply -replace=` with "+
					"this resource's address (for example `terraform apply -replace=gravityzone_company.example`).",
					attribute.name))
			continue
		}
		// With protection off the first plan of `terraform apply -replace=...` arrives here too, and
		// an error would make that replacement impossible: warn, and refuse at apply (Update).
		resp.Diagnostics.AddAttributeWarning(path.Root(attribute.name), attribute.name+" cannot change in place",
			createOnlyChangeDetail(attribute, &plan, &state)+" This plan fails at apply unless it replaces the "+
				"company: run `terraform apply -replace=` with this resource's address to delete this company and "+
				"create a new one.")
	}
	if plan.ContactPerson.IsNull() && !state.ContactPerson.IsNull() {
		// Also reached when a contact was added outside Terraform to a company configured without one.
		resp.Diagnostics.AddAttributeError(path.Root("contact_person"), "Cannot remove contact_person",
			fmt.Sprintf("The GravityZone API has no way to remove a company's contact person, and company %q has "+
				"one (%s). Set contact_person in the configuration, to the current contact or to another one.",
				state.Name.ValueString(), state.ContactPerson.Attributes()["email"]))
	}
}

// planUnsetUnreportedAsNull plans the create-only attributes the API never reports, and that the
// configuration leaves out, as null rather than "known after apply": nothing will fill them, and a
// plan that MSPs review should say so.
func planUnsetUnreportedAsNull(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	for _, attribute := range createOnlyAttributes {
		if attribute.reported {
			continue
		}
		var configured types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attribute.name), &configured)...)
		if configured.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(attribute.name), types.StringNull())...)
		}
	}
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

func createOnlyChangeDetail(attribute createOnlyAttribute, plan, state *companyResourceModel) string {
	prior := attribute.value(state)
	keep := fmt.Sprintf("set %s back to %s", attribute.name, prior)
	if prior.IsNull() {
		keep = "remove " + attribute.name
	}
	return fmt.Sprintf("%s is set when a company is created, and GravityZone cannot change it afterwards "+
		"(company %q, id %s: state %s, configuration %s). To keep this company, %s in the configuration.",
		attribute.name, state.Name.ValueString(), state.ID.ValueString(), prior, attribute.value(plan), keep)
}

// checkLicenseTypeFits enforces R38 where a licence type is being set: the monthly licence trial is
// for partners, the monthly subscription trial for customers.
func checkLicenseTypeFits(diags *diag.Diagnostics, licenseType, companyType types.String) {
	if licenseType.IsNull() || licenseType.IsUnknown() || companyType.IsUnknown() {
		return
	}
	var fits, fix string
	switch licenseType.ValueString() {
	case "monthly_license_trial":
		fits, fix = "partner", "a customer's trial is \"monthly_subscription_trial\""
	case "monthly_subscription_trial":
		fits, fix = "customer", "a partner's trial is \"monthly_license_trial\""
	default:
		return
	}
	if companyType.ValueString() != fits {
		diags.AddAttributeError(path.Root("license_type"), "license_type does not fit type",
			fmt.Sprintf("license_type %q is only for companies of type %q, and this one is %q: %s (or use \"trial\" "+
				"or \"monthly_subscription\").", licenseType.ValueString(), fits, companyType.ValueString(), fix))
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

func nullIfUnknown(v types.String) types.String {
	if v.IsUnknown() {
		return types.StringNull()
	}
	return v
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

func (r *companyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state companyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
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
	resp.Diagnostics.Append(applyCompanyDetails(ctx, company, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
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

func (r *companyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state companyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	imported := wasImported(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id, name := state.ID.ValueString(), state.Name.ValueString()

	// The plan can carry such a change when the value was unknown at plan time, or when deletion
	// protection was off (ModifyPlan then only warns); replacing is the only way to apply it.
	if refused := refusedCreateOnlyChanges(&plan, &state, imported); len(refused) > 0 {
		for _, attribute := range refused {
			resp.Diagnostics.AddAttributeError(path.Root(attribute.name), "Cannot change "+attribute.name,
				createOnlyChangeDetail(attribute, &plan, &state)+" Nothing was changed. To delete this company and "+
					"create a new one instead, run `terraform apply -replace=` with this resource's address (with "+
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

// ImportState accepts a company id or name=<exact name>. The API does not report some attributes,
// so the imported object is marked for ModifyPlan to adopt their configured values.
func (r *companyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if name, byName := strings.CutPrefix(req.ID, importByNamePrefix); byName {
		company, err := findCompanyByExactName(ctx, r.api, name)
		var lookupErr *companyLookupError
		if errors.As(err, &lookupErr) {
			resp.Diagnostics.AddError(lookupErr.summary, lookupErr.detail)
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot look up company %q", name), err)
			return
		}
		id = company.ID
	} else if !companyIDPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a GravityZone company id (24 hexadecimal characters, such as "+
				"5493dcd2b1a43df00b7b23c6). To import by name, write %s%s.", req.ID, importByNamePrefix, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_protection"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("suspend_recursively"), false)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedPrivateKey, []byte("true"))...)
}
