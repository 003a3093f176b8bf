package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list resources (Terraform 1.14+, `terraform query`) walk the company tree as the companies
// data source does. Each result carries the identity of the object and, when Terraform asks for it
// (`terraform query -generate-config-out` does), the object as an import followed by a read would
// put it in state, so that the generated configuration imports with an empty plan.

var (
	_ list.ListResourceWithConfigure = (*companyTreeListResource)(nil)
)

// NewCompanyListResource returns the gravityzone_company list resource.
func NewCompanyListResource() list.ListResource {
	return &companyTreeListResource{
		typeSuffix:        "_company",
		identityAttribute: companyIdentityAttribute,
		description: "Lists the companies under a partner company, with their identity and, on request, the " +
			"whole `gravityzone_company`.",
		resource: companyAsImported,
	}
}

// NewMonthlySubscriptionListResource returns the gravityzone_monthly_subscription list resource.
func NewMonthlySubscriptionListResource() list.ListResource {
	return &companyTreeListResource{
		typeSuffix:        "_monthly_subscription",
		identityAttribute: subscriptionIdentityAttribute,
		monthlyOnly:       true,
		description: "Lists the monthly subscriptions of the companies under a partner company (the companies " +
			"on licence type 3), with their identity and, on request, the whole `gravityzone_monthly_subscription`.",
		resource: subscriptionAsImported,
	}
}

// companyTreeListResource is one list resource: which companies it lists and what it returns for each.
type companyTreeListResource struct {
	api               gravityZoneAPI
	typeSuffix        string
	identityAttribute string
	monthlyOnly       bool
	description       string
	// resource fills result.Resource with the object of the listed company.
	resource func(ctx context.Context, api gravityZoneAPI, company treeCompany, result *list.ListResult)
}

type companyTreeListConfig struct {
	ParentID   types.String `tfsdk:"parent_id"`
	Recursive  types.Bool   `tfsdk:"recursive"`
	Type       types.String `tfsdk:"type"`
	NamePrefix types.String `tfsdk:"name_prefix"`
}

func (l *companyTreeListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeSuffix
}

func (l *companyTreeListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *companyTreeListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: l.description + "\n\n" + companyTreeCost,
		Attributes: map[string]listschema.Attribute{
			"parent_id": listschema.StringAttribute{
				MarkdownDescription: treeParentIDDescription,
				Optional:            true,
				Validators:          []validator.String{companyIDValidator{}},
			},
			"recursive": listschema.BoolAttribute{
				MarkdownDescription: treeRecursiveDescription,
				Optional:            true,
			},
			"type": listschema.StringAttribute{
				MarkdownDescription: treeTypeDescription,
				Optional:            true,
				Validators:          treeTypeValidators,
			},
			"name_prefix": listschema.StringAttribute{
				MarkdownDescription: "Only companies whose name begins with this text, case-sensitively (filtered by " +
					"the provider, after listing).",
				Optional: true,
			},
		},
	}
}

func (l *companyTreeListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config companyTreeListConfig
	if diags := req.Config.Get(ctx, &config); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	query := companyTreeQuery{
		parentID:    config.ParentID.ValueString(),
		recursive:   config.Recursive.ValueBool(),
		companyType: config.Type.ValueString(),
		monthlyOnly: l.monthlyOnly,
	}
	stream.Results = func(push func(list.ListResult) bool) {
		companies, err := walkCompanyTree(ctx, l.api, query)
		if err != nil {
			var diags diag.Diagnostics
			addAPIError(&diags, "Cannot list the companies", err)
			push(list.ListResult{Diagnostics: diags})
			return
		}
		var pushed int64
		for _, company := range companies {
			if !strings.HasPrefix(company.Name, config.NamePrefix.ValueString()) {
				continue
			}
			if req.Limit > 0 && pushed == req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = company.Name
			result.Diagnostics.Append(setIdentity(ctx, result.Identity, l.identityAttribute, company.ID)...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				l.resource(ctx, l.api, company, &result)
			}
			if !push(result) {
				return
			}
			pushed++
		}
	}
}

// companyAsImported is the company as `import` and the read after it put it in state.
func companyAsImported(ctx context.Context, api gravityZoneAPI, listed treeCompany, result *list.ListResult) {
	company, err := api.GetCompanyDetails(ctx, listed.ID)
	if err != nil {
		addAPIError(&result.Diagnostics, fmt.Sprintf("Cannot read company %q (id %s)", listed.Name, listed.ID), err)
		return
	}
	model := importedCompany(listed.ID)
	result.Diagnostics.Append(applyCompanyDetails(ctx, company, &model)...)
	result.Diagnostics.Append(result.Resource.Set(ctx, &model)...)
}

// subscriptionAsImported is the monthly subscription as `import` and the read after it put it in state.
func subscriptionAsImported(ctx context.Context, api gravityZoneAPI, listed treeCompany, result *list.ListResult) {
	info, err := api.GetLicenseInfo(ctx, listed.ID)
	if err != nil {
		addAPIError(&result.Diagnostics, fmt.Sprintf("Cannot read the monthly subscription of company %q (id %s)", listed.Name, listed.ID), err)
		return
	}
	settings, diags := settingsFromLicense(info, nullSubscriptionSettings())
	result.Diagnostics.Append(diags...)
	result.Diagnostics.Append(result.Resource.Set(ctx, monthlySubscriptionModel{
		ID:                           types.StringValue(listed.ID),
		CompanyID:                    types.StringValue(listed.ID),
		NewProtectionModelForClients: types.StringNull(),
		subscriptionSettings:         settings,
	})...)
}

// importedCompany is what an import of a company puts in state before the read: its id, and the
// defaults of the attributes GravityZone does not hold.
func importedCompany(id string) companyResourceModel {
	return companyResourceModel{
		ID:                 types.StringValue(id),
		ContactPerson:      types.ObjectNull(contactPersonAttributeTypes),
		SuspendRecursively: types.BoolValue(false),
		DeletionProtection: types.BoolValue(true),
	}
}
