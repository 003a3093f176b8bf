package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*companiesDataSource)(nil)

// NewCompaniesDataSource returns the gravityzone_companies data source.
func NewCompaniesDataSource() datasource.DataSource {
	return &companiesDataSource{}
}

type companiesDataSource struct {
	api gravityZoneAPI
}

type companiesModel struct {
	ParentID  types.String `tfsdk:"parent_id"`
	Recursive types.Bool   `tfsdk:"recursive"`
	Type      types.String `tfsdk:"type"`
	Companies types.List   `tfsdk:"companies"`
	IDsByName types.Map    `tfsdk:"ids_by_name"`
}

type listedCompanyModel struct {
	ID       types.String `tfsdk:"id"`
	Name     types.String `tfsdk:"name"`
	ParentID types.String `tfsdk:"parent_id"`
	Type     types.String `tfsdk:"type"`
}

var listedCompanyAttributeTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "parent_id": types.StringType, "type": types.StringType,
}

// companyTreeCost says what a walk of the tree costs; the data source and the list resources say it.
const companyTreeCost = "GravityZone's `network.getCompaniesList` reports only ids and names, one level at a time, " +
	"so the provider asks it twice for each partner company it visits: once for the partners among the children " +
	"(to know where to go on) and once for the others. A tree with P partner companies, the parent included, " +
	"costs at most 2 × P calls (fewer with a `type` filter or without recursion), throttled like every other call."

func (d *companiesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_companies"
}

func (d *companiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedText := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The companies under a partner company (`network.getCompaniesList`): its direct children, " +
			"or with `recursive` every company below it, optionally only partners or only customers. It is what " +
			"`import` blocks with `for_each` and billing configurations iterate over (see the guide *Adopting an " +
			"existing company tree*).\n\n" + companyTreeCost,
		Attributes: map[string]schema.Attribute{
			"parent_id": schema.StringAttribute{
				MarkdownDescription: treeParentIDDescription,
				Optional:            true,
				Validators:          []validator.String{companyIDValidator{}},
			},
			"recursive": schema.BoolAttribute{
				MarkdownDescription: treeRecursiveDescription,
				Optional:            true,
			},
			"type": schema.StringAttribute{
				MarkdownDescription: treeTypeDescription,
				Optional:            true,
				Validators:          treeTypeValidators,
			},
			"companies": schema.ListNestedAttribute{
				MarkdownDescription: "The companies, depth first: each partner is followed by the companies below it " +
					"(with `recursive`), and the children of a company are ordered by name.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   computedText("The company's id."),
					"name": computedText("The company's name."),
					"parent_id": computedText("The id of the company's parent; null for the direct children of the API " +
						"key's company when `parent_id` is not set, as for `parent_id` of `gravityzone_company`."),
					"type": computedText("The company type: " + companyTypes.markdown() + "."),
				}},
			},
			"ids_by_name": schema.MapAttribute{
				MarkdownDescription: "The id of each company in `companies`, by name (GravityZone keeps names unique).",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *companiesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *companiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config companiesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	companies, err := walkCompanyTree(ctx, d.api, companyTreeQuery{
		parentID:    config.ParentID.ValueString(),
		recursive:   config.Recursive.ValueBool(),
		companyType: config.Type.ValueString(),
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the companies", err)
		return
	}
	listed := make([]listedCompanyModel, len(companies))
	idsByName := make(map[string]string, len(companies))
	for i, c := range companies {
		listed[i] = listedCompanyModel{
			ID:       types.StringValue(c.ID),
			Name:     types.StringValue(c.Name),
			ParentID: stringFromAPI(c.parentID, types.StringNull()),
			Type:     types.StringValue(c.companyType),
		}
		if other, taken := idsByName[c.Name]; taken {
			resp.Diagnostics.AddError("Two companies with one name",
				fmt.Sprintf("Companies %s and %s are both named %q, which GravityZone should not allow, so ids_by_name "+
					"cannot hold both. Rename one of them in GravityZone.", other, c.ID, c.Name))
			return
		}
		idsByName[c.Name] = c.ID
	}
	var diags diag.Diagnostics
	config.Companies, diags = types.ListValueFrom(ctx, types.ObjectType{AttrTypes: listedCompanyAttributeTypes}, listed)
	resp.Diagnostics.Append(diags...)
	config.IDsByName, diags = types.MapValueFrom(ctx, types.StringType, idsByName)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
