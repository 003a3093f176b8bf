package provider

// The schema of gravityzone_company, its model, and the table of its create-only attributes.

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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

func (r *companyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// createOnly appends what a create-only attribute's plan modifier says of itself.
	createOnly := func(name string) string {
		return " " + createOnlyPlanModifier(name).MarkdownDescription(ctx)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A GravityZone partner or customer company (companies.createCompany, getCompanyDetails, " +
			"updateCompanyDetails, suspendCompany, activateCompany, deleteCompany).\n\n" +
			"**Read** refreshes every attribute that getCompanyDetails reports. When it reports nothing for one:\n\n" +
			"| attribute | a read that reports nothing |\n|---|---|\n" +
			"| `address`, `phone`, `created_at` | an empty text reads as null (`\"\"` stays `\"\"` when configured so) |\n" +
			"| `country`, `state` | `N/A` or an empty text reads as null |\n" +
			"| `parent_id`, `industry`, `skip_2fa_period`, `can_be_managed_by_above`, `suspended`, `contact_person` | left out: keeps its state value |\n" +
			"| `account_*`, `license_type`, `suspend_recursively`, `deletion_protection` | never reported: keeps its state value |\n\n" +
			"A company " +
			"that no longer exists is removed from state with a warning, and the next plan creates it again. A company " +
			"moved to another partner in the console refreshes `parent_id`; a configuration that still names the former " +
			"partner is a plan-time error that says so and what to write (see the guide *Moving a customer to another " +
			"partner*).\n\n" +
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
			"**Create** writes the new company's id to state at once. When the name is taken (company names are unique " +
			"in GravityZone, for example after a company was deleted and re-created in the console), the error gives " +
			"the `import {}` block, with the existing company's id, that adopts it instead. If a later step fails (for example the " +
			"suspension asked by `suspended = true`), the error says that the company exists and how to finish: " +
			"`terraform untaint <address>`, then `terraform apply`. A create whose answer was lost (network error, " +
			"timeout) is never repeated blindly: the provider looks for a company of that name under the parent and " +
			"adopts it.\n\n" +
			"**Import** by id, by exact, case-sensitive name (`name=Acme`) or by identity (the forms are under *Import* " +
			"below). The API does not report `account_*` and `license_type`, so after an " +
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
					"API key's own company. Read back from getCompanyDetails, so it is known after an import." + createOnly("parent_id"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{companyIDValidator{ifOmitted: keyCompanyIfOmitted}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("parent_id")},
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
					"`1`–`34` (for example `30`, technology) or one of GravityZone's sub-codes `<top><NN>` (for example " +
					"`3004`, IT services). A code that is not in GravityZone's list is a plan-time error. When " +
					"GravityZone does not report it, a read keeps the state value.",
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0), industryValidator{}},
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
					"whole object. The API cannot remove a contact person: removing it from the configuration stops " +
					"managing it. " + unmanagedContactPerson.MarkdownDescription(ctx) + " When GravityZone reports no " +
					"contact person (some servers report it only for partner companies), a read keeps the state value.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Object{unmanagedContactPerson},
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
					"imported company's value must be written in the configuration as it is." + createOnly("can_be_managed_by_above"),
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(true),
				PlanModifiers: []planmodifier.Bool{createOnlyPlanModifier("can_be_managed_by_above")},
			},
			"account_email": schema.StringAttribute{
				MarkdownDescription: "E-mail (and login) of the company's first user account, which GravityZone " +
					"creates and sends a welcome e-mail to (API `accountEmail`). Required when " +
					"`can_be_managed_by_above = false`. Not reported by the API: after an import, a configured value " +
					"is adopted without any API call; removing it from the configuration keeps the state value." + createOnly("account_email"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{emailAddressValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("account_email")},
			},
			"account_full_name": schema.StringAttribute{
				MarkdownDescription: "Full name of the company's first user account (API `accountFullName`), without " +
					"`<` or `>`. Required when `can_be_managed_by_above = false`. Not reported by the API; after an " +
					"import a configured value is adopted, and removing it keeps the state value." + createOnly("account_full_name"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{notBlank(), withoutAngleBrackets()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("account_full_name")},
			},
			"account_timezone": schema.StringAttribute{
				MarkdownDescription: "Time zone of the first user account (API `accountTimezone`), a zone name such as " +
					"`Europe/Bucharest`. GravityZone's default is `GMT`. Not reported by the API; after an import a " +
					"configured value is adopted, and removing it keeps the state value." + createOnly("account_timezone"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("account_timezone")},
			},
			"account_language": schema.StringAttribute{
				MarkdownDescription: "Language of the first user account (API `accountLanguage`), a locale such as " +
					"`es_ES`. GravityZone's default is `en_US`. Not reported by the API; after an import a configured " +
					"value is adopted, and removing it keeps the state value." + createOnly("account_language"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("account_language")},
			},
			"license_type": schema.StringAttribute{
				MarkdownDescription: "The licence the company starts with (API `licenseSubscription.type`): " +
					companyLicenseTypes.markdown() + ". `monthly_license_trial` is for partners only, " +
					"`monthly_subscription_trial` for customers only. Null: GravityZone's default, a trial. Switching " +
					"to a paid monthly subscription later is the job of `gravityzone_monthly_subscription`, so this " +
					"attribute is not refreshed (read the current licence with `gravityzone_license_info`). After an " +
					"import a configured value is adopted, and removing it keeps the state value." + createOnly("license_type"),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.OneOf(companyLicenseTypes.terraformValues()...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnlyPlanModifier("license_type")},
			},
			"suspended": schema.BoolAttribute{
				MarkdownDescription: "Whether the company is suspended (API `isSuspended`). No default: " +
					unmanagedSuspension.MarkdownDescription(ctx) + " So a partner's recursive suspension (see " +
					"`suspend_recursively`) does not make the plans of the companies below it propose to activate them " +
					"again. (Earlier versions of this provider read a left-out `suspended` as `false`.) Set to `true`, it " +
					"calls suspendCompany (the company's users can no longer log in, and agents installed from its own " +
					"kits expire); to `false`, activateCompany. A company created with `true` is created, then suspended; " +
					"a company created without it is planned `false`, as GravityZone creates it. When GravityZone does " +
					"not report `isSuspended`, a read keeps the state value.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{unmanagedSuspension},
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
