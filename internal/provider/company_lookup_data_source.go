package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*companyLookupDataSource)(nil)

// companyLookupLimit is the most results findCompaniesByName returns (its maxResults maximum).
const companyLookupLimit = 100

// NewCompanyLookupDataSource returns the gravityzone_company_lookup data source.
func NewCompanyLookupDataSource() datasource.DataSource {
	return &companyLookupDataSource{}
}

type companyLookupDataSource struct {
	api gravityZoneAPI
}

type companyLookupModel struct {
	Name          types.String `tfsdk:"name"`
	ID            types.String `tfsdk:"id"`
	Type          types.String `tfsdk:"type"`
	Address       types.String `tfsdk:"address"`
	Phone         types.String `tfsdk:"phone"`
	Country       types.String `tfsdk:"country"`
	State         types.String `tfsdk:"state"`
	Industry      types.Int64  `tfsdk:"industry"`
	Suspended     types.Bool   `tfsdk:"suspended"`
	CreatedAt     types.String `tfsdk:"created_at"`
	ContactPerson types.Object `tfsdk:"contact_person"`
}

func (d *companyLookupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_company_lookup"
}

func (d *companyLookupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedText := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds one company managed by the API key by its exact name (companies.findCompaniesByName), " +
			"for example to use its `id` as the `parent_id` of a `gravityzone_company` or the `company_id` of a " +
			"`gravityzone_monthly_subscription`.\n\n" +
			"GravityZone searches names by prefix and returns at most " + fmt.Sprint(companyLookupLimit) + " companies; " +
			"the provider keeps only the company whose name is exactly `name`, case included. It is an error when " +
			"no company has that name, when several do (the error lists their ids), and when the name is so common " +
			"a prefix that GravityZone's " + fmt.Sprint(companyLookupLimit) + " results hold no exact match.\n\n" +
			"A name that begins with `*` is searched anywhere in names (GravityZone's wildcard), not as a prefix. " +
			"The exact match still applies, so such a name is found too, but a short one hits the result limit sooner.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The company's exact name (API `name`), compared case-sensitively.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"id":      computedText("The company's id (API `id`)."),
			"type":    computedText("The company type (API `type`): " + companyTypes.markdown() + "."),
			"address": computedText("Postal address (API `address`); null when GravityZone holds none."),
			"phone":   computedText("Phone number (API `phone`); null when GravityZone holds none."),
			"country": computedText("ISO 3166-1 alpha-2 country code (API `country`); null when unset (`N/A` in the API)."),
			"state":   computedText("State or region code (API `state`); null when unset (`N/A` in the API)."),
			"industry": schema.Int64Attribute{
				MarkdownDescription: "Industry code (API `industry`); `0` is undefined.",
				Computed:            true,
			},
			"suspended": schema.BoolAttribute{
				MarkdownDescription: "Whether the company is suspended (API `isSuspended`).",
				Computed:            true,
			},
			"created_at": computedText("When the company was created (API `createdAt`), in UTC."),
			"contact_person": schema.SingleNestedAttribute{
				MarkdownDescription: "The company's contact person (API `contactPerson`); null when GravityZone reports none.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"full_name":    computedText("Full name (API `contactPerson.fullName`)."),
					"email":        computedText("E-mail address (API `contactPerson.email`)."),
					"phone_number": computedText("Phone number (API `contactPerson.phoneNumber`)."),
					"company_role": computedText("Role in the company (API `contactPerson.companyRole`)."),
				},
			},
		},
	}
}

func (d *companyLookupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *companyLookupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data companyLookupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := data.Name.ValueString()
	company, err := findCompanyByExactName(ctx, d.api, name)
	var lookupErr *companyLookupError
	if errors.As(err, &lookupErr) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), lookupErr.summary, lookupErr.detail)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot look up company %q", name), err)
		return
	}

	companyType, diags := companyTypeFromAPI(company)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data.ID = types.StringValue(company.ID)
	data.Type = companyType
	data.Address = stringFromAPI(company.Address, types.StringNull())
	data.Phone = stringFromAPI(company.Phone, types.StringNull())
	data.Country = locationFromAPI(company.Country, types.StringNull())
	data.State = locationFromAPI(company.State, types.StringNull())
	data.Industry = int64PointerFromAPI(company.Industry, types.Int64Null())
	data.Suspended = boolPointerFromAPI(company.IsSuspended, types.BoolNull())
	data.CreatedAt = stringFromAPI(company.CreatedAt, types.StringNull())
	contact, diags := contactPersonFromAPI(ctx, company.ContactPerson, types.ObjectNull(contactPersonAttributeTypes))
	resp.Diagnostics.Append(diags...)
	data.ContactPerson = contact
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// companyLookupError is a name lookup that did not find exactly one company; summary and detail
// are written for a diagnostic.
type companyLookupError struct {
	summary, detail string
}

func (e *companyLookupError) Error() string { return e.summary + ": " + e.detail }

// findCompanyByExactName is the one name lookup of the provider (lookup data source and import by
// name): findCompaniesByName matches a prefix, ignoring case on some servers, so the exact,
// case-sensitive match happens here. It returns a *companyLookupError unless exactly one company
// has the name, or the API's error.
func findCompanyByExactName(ctx context.Context, api gravityZoneAPI, name string) (*client.Company, error) {
	found, err := api.FindCompaniesByName(ctx, name, companyLookupLimit)
	if err != nil {
		return nil, err
	}
	var exact []client.Company
	var otherCase []string
	for _, company := range found {
		switch {
		case company.Name == name:
			exact = append(exact, company)
		case strings.EqualFold(company.Name, name):
			otherCase = append(otherCase, fmt.Sprintf("%q (id %s)", company.Name, company.ID))
		}
	}
	switch {
	case len(exact) == 1:
		return &exact[0], nil
	case len(exact) > 1:
		ids := make([]string, len(exact))
		for i, company := range exact {
			ids[i] = company.ID
		}
		return nil, &companyLookupError{
			summary: fmt.Sprintf("Several companies are named %q", name),
			detail: fmt.Sprintf("%d companies managed by this API key are named %q: ids %s. A name cannot tell them "+
				"apart; use the id of the one you mean (for example import it by id), or rename the others in "+
				"GravityZone.", len(exact), name, strings.Join(ids, ", ")),
		}
	case len(found) >= companyLookupLimit:
		return nil, &companyLookupError{
			summary: fmt.Sprintf("Company name %q is too common to search by prefix", name),
			detail: fmt.Sprintf("GravityZone returned its maximum of %d companies whose names begin with %q, and "+
				"none of them is named exactly %q. A company of that name may exist beyond the limit. Use the "+
				"company's id instead, or give it a more distinctive name.", companyLookupLimit, name, name),
		}
	default:
		detail := fmt.Sprintf("No company named %q is managed by this API key. Check the spelling (names are "+
			"compared exactly, case included) and that the key belongs to a partner above the company.", name)
		if len(otherCase) > 0 {
			detail += " Companies whose names differ only in case: " + strings.Join(otherCase, ", ") + "."
		}
		return nil, &companyLookupError{summary: fmt.Sprintf("No company named %q", name), detail: detail}
	}
}

// importByNamePrefix introduces the import ID form that names a company instead of giving its id.
const importByNamePrefix = "name="

// importedCompanyID resolves the ID of an import, of a company or of its subscription: a company
// id, or name=<exact name>. ok is false when diags explain why there is none.
func importedCompanyID(ctx context.Context, api gravityZoneAPI, importID string, diags *diag.Diagnostics) (id string, ok bool) {
	name, byName := strings.CutPrefix(importID, importByNamePrefix)
	if !byName {
		if !companyIDPattern.MatchString(importID) {
			diags.AddError("Invalid import ID",
				fmt.Sprintf("%q is not a GravityZone company id (24 hexadecimal characters, such as "+
					"5493dcd2b1a43df00b7b23c6). To import by name, write %s%s.", importID, importByNamePrefix, importID))
			return "", false
		}
		return importID, true
	}
	company, err := findCompanyByExactName(ctx, api, name)
	var lookupErr *companyLookupError
	if errors.As(err, &lookupErr) {
		diags.AddError(lookupErr.summary, lookupErr.detail)
		return "", false
	}
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot look up company %q", name), err)
		return "", false
	}
	return company.ID, true
}
