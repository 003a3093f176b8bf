package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*licenseInfoDataSource)(nil)

// NewLicenseInfoDataSource is the constructor of gravityzone_license_info.
func NewLicenseInfoDataSource() datasource.DataSource {
	return &licenseInfoDataSource{}
}

type licenseInfoDataSource struct {
	api gravityZoneAPI
}

type licenseInfoModel struct {
	CompanyID        types.String `tfsdk:"company_id"`
	SubscriptionType types.String `tfsdk:"subscription_type"`
	IsAddon          types.Bool   `tfsdk:"is_addon"`
	ExpiryDate       types.String `tfsdk:"expiry_date"`
	UsedSlots        types.Int64  `tfsdk:"used_slots"`
	TotalSlots       types.Int64  `tfsdk:"total_slots"`
	LicenseKey       types.String `tfsdk:"license_key"`
	subscriptionSettings
}

func (d *licenseInfoDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_license_info"
}

func (d *licenseInfoDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// sameAs points a data source attribute at the resource attribute it mirrors.
func sameAs(attribute, apiField string) string {
	return fmt.Sprintf("As `%s` of `gravityzone_monthly_subscription` (API `%s`). Null when GravityZone does not report it.", attribute, apiField)
}

func dataSourceSwitchAttributes[Info, Param any](switches []nestedSwitch[Info, Param], describe func(addOnFlag) string) map[string]schema.Attribute {
	attributes := make(map[string]schema.Attribute, len(switches))
	for _, sw := range switches {
		attributes[sw.attribute] = schema.BoolAttribute{MarkdownDescription: describe(sw.addOnFlag), Computed: true}
	}
	return attributes
}

func (d *licenseInfoDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"company_id": schema.StringAttribute{
			MarkdownDescription: "ID of the company (API `companyId`). Null: the API key's own company. Must not be empty.",
			Optional:            true,
			Validators:          []validator.String{companyIDValidator{ifOmitted: keyCompanyIfOmitted}},
		},
		"subscription_type": schema.StringAttribute{
			MarkdownDescription: "Licence type (API `subscriptionType`): " + subscriptionTypes.markdown() +
				". A `gravityzone_monthly_subscription` makes it `monthly_subscription`.",
			Computed: true,
		},
		"is_addon": schema.BoolAttribute{
			MarkdownDescription: "Whether the licence is an add-on licence (API `isAddon`).",
			Computed:            true,
		},
		"expiry_date": schema.StringAttribute{
			MarkdownDescription: "When the licence expires, in UTC (API `expiryDate`, e.g. `2029-04-14T00:00:00`); for a " +
				"monthly subscription its end date. Null when it does not expire.",
			Computed: true,
		},
		"used_slots": schema.Int64Attribute{
			MarkdownDescription: "Seats in use (API `usedSlots`), the companies it manages included.",
			Computed:            true,
		},
		"total_slots": schema.Int64Attribute{
			MarkdownDescription: "Seats available (API `totalSlots`): a trial's or licence's seats, or a monthly company's " +
				"reservation. Null when unlimited (seats drawn from the parent's pool without a cap).",
			Computed: true,
		},
		"license_key": schema.StringAttribute{
			MarkdownDescription: "Licence key (API `licenseKey`) of a trial or yearly licence; null for a monthly subscription.",
			Computed:            true,
			Sensitive:           true,
		},
		"reserved_slots": schema.Int64Attribute{
			MarkdownDescription: sameAs("reserved_slots", "reservedSlots") + " Null also means dynamic provisioning.",
			Computed:            true,
		},
		"minimum_endpoint_usage": schema.Int64Attribute{
			MarkdownDescription: sameAs("minimum_endpoint_usage", "minimumUsage.endpointMonthlyUsage"),
			Computed:            true,
		},
		"end_subscription": schema.StringAttribute{
			MarkdownDescription: sameAs("end_subscription", "endSubscription"),
			Computed:            true,
		},
		"auto_renew_period": schema.Int64Attribute{
			MarkdownDescription: sameAs("auto_renew_period", "autoRenewPeriod"),
			Computed:            true,
		},
		"product_type": schema.StringAttribute{
			MarkdownDescription: sameAs("product_type", "assignedProductType") + " Values: " + productTypes.markdown() + ".",
			Computed:            true,
		},
		"resell_product_types": schema.SetAttribute{
			MarkdownDescription: sameAs("resell_product_types", "additionalProductTypes"),
			ElementType:         types.StringType,
			Computed:            true,
		},
		"protection_model": schema.StringAttribute{
			MarkdownDescription: sameAs("protection_model", "assignedProtectionModel"),
			Computed:            true,
		},
		"resell_protection_models": schema.SetAttribute{
			MarkdownDescription: sameAs("resell_protection_models", "additionalProtectionModels"),
			ElementType:         types.StringType,
			Computed:            true,
		},
		"integrity_monitoring_retention_days": schema.Int64Attribute{
			MarkdownDescription: sameAs("integrity_monitoring_retention_days", "imDataRetention") +
				" `7` while Integrity Monitoring is off.",
			Computed: true,
		},
		"own_use": schema.SingleNestedAttribute{
			MarkdownDescription: sameAs("own_use", "ownUse") + " Reported for monthly subscriptions and their trials.",
			Computed:            true,
			Attributes:          dataSourceSwitchAttributes(ownUseSwitches, addOnFlag.ownUseDescription),
		},
		"resell": schema.SingleNestedAttribute{
			MarkdownDescription: sameAs("resell", "resell") + " Reported for monthly subscriptions and their trials.",
			Computed:            true,
			Attributes:          dataSourceSwitchAttributes(resellSwitches, addOnFlag.resellDescription),
		},
		"mdr": schema.SingleNestedAttribute{
			MarkdownDescription: sameAs("mdr", "licensedServices") + " Reported for monthly subscriptions.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				mdrOwnUseMember: schema.StringAttribute{
					MarkdownDescription: "MDR for the company's own use (API `licensedServices.mdrServiceOwnUse`): " +
						mdrOwnUseLevels.markdown() + ".",
					Computed: true,
				},
				mdrResellMember: schema.BoolAttribute{
					MarkdownDescription: "Whether the company may resell MDR (API `licensedServices.mdrServiceResell`).",
					Computed:            true,
				},
			},
		},
	}
	for _, sw := range topLevelSwitches {
		attributes[sw.attribute] = schema.BoolAttribute{MarkdownDescription: sw.topLevelDescription(), Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Licence facts of one company from `licensing.getLicenseInfo`: its licence type, seats, " +
			"expiry and, for monthly subscriptions, the add-ons, products and protection models under the same names as " +
			"`gravityzone_monthly_subscription`. Attributes GravityZone does not report for the company's licence type " +
			"are null.",
		Attributes: attributes,
	}
}

func (d *licenseInfoDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config licenseInfoModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	companyID := config.CompanyID.ValueString()
	info, err := d.api.GetLicenseInfo(ctx, companyID)
	if err != nil {
		whose := fmt.Sprintf("company %q", companyID)
		if companyID == "" {
			whose = "the API key's company"
		}
		addAPIError(&resp.Diagnostics, "Cannot read the licence of "+whose, err)
		return
	}
	settings, diags := settingsFromLicense(info, nullSubscriptionSettings())
	resp.Diagnostics.Append(diags...)
	state := licenseInfoModel{
		CompanyID:            config.CompanyID,
		SubscriptionType:     types.StringNull(),
		IsAddon:              boolPointerFromAPI(info.IsAddon, types.BoolNull()),
		ExpiryDate:           stringPointerFromAPI(info.ExpiryDate, types.StringNull()),
		UsedSlots:            int64PointerFromAPI(info.UsedSlots, types.Int64Null()),
		TotalSlots:           int64PointerFromAPI(info.TotalSlots, types.Int64Null()),
		LicenseKey:           stringPointerFromAPI(info.LicenseKey, types.StringNull()),
		subscriptionSettings: settings,
	}
	if info.SubscriptionType != nil {
		if name, ok := subscriptionTypes.toTerraform(*info.SubscriptionType); ok {
			state.SubscriptionType = types.StringValue(name)
		} else {
			resp.Diagnostics.AddWarning("Unknown licence type",
				fmt.Sprintf("GravityZone reports subscriptionType %d, which this provider version does not know; "+
					"subscription_type is null. Upgrading the provider may add it.", *info.SubscriptionType))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
