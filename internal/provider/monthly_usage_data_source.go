package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

var (
	_ datasource.DataSource              = (*monthlyUsageDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*monthlyUsageDataSource)(nil)
)

// usageCounter is one documented getMonthlyUsage counter: the attribute that carries it, its name
// in the API's result, and what it counts.
type usageCounter struct {
	attribute string
	apiName   string
	counts    string
}

// minimumUsageCounter is the API name under which the committed minimum (the nested
// minimumUsage.endpointMonthlyUsage) appears among the counters.
const minimumUsageCounter = "minimumUsage.endpointMonthlyUsage"

// usageCounters is the one table from attribute names (SPEC §6) to the API's counters.
var usageCounters = []usageCounter{
	{"endpoints", "endpointMonthlyUsage", "Endpoint Security usage of the month, all protection models together"},
	{"a_la_carte", "aLaCarteMonthlyUsage", "Endpoint usage of the month under the à la carte protection model"},
	{"msp_secure", "mspSecureMonthlyUsage", "Endpoint usage of the month under the MSP Secure protection model"},
	{"msp_secure_plus", "mspSecurePlusMonthlyUsage", "Endpoint usage of the month under the MSP Secure Plus protection model"},
	{"msp_secure_extra", "mspSecureExtraMonthlyUsage", "Endpoint usage of the month under the MSP Secure Extra protection model"},
	{"email_security", "emailSecurityMonthlyUsage", "Email Security usage of the month"},
	{"mobile_security", "mobileSecurityMonthlyUsage", "Mobile Security usage of the month"},
	{"exchange", "exchangeMonthlyUsage", "Security for Exchange usage of the month"},
	{"encryption", "encryptionMonthlyUsage", "Full Disk Encryption usage of the month"},
	{"ats", "atsMonthlyUsage", "Advanced Threat Security (HyperDetect and Sandbox Analyzer) usage of the month"},
	{"edr", "edrMonthlyUsage", "EDR usage of the month"},
	{"mdr_foundations", "mdrFoundationsMonthlyUsage", "MDR Foundations usage of the month"},
	{"patch_management", "patchManagementMonthlyUsage", "Patch Management usage of the month"},
	{"container_protection", "containerProtectionMonthlyUsage", "Container Protection usage of the month"},
	{"integrity_monitoring", "integrityMonitoringUsage", "Integrity Monitoring usage of the month with the default 7-day retention"},
	{"integrity_monitoring_90_days", "integrityMonitoring90DaysUsage", "Integrity Monitoring usage of the month with 90-day retention"},
	{"integrity_monitoring_180_days", "integrityMonitoring180DaysUsage", "Integrity Monitoring usage of the month with 180-day retention"},
	{"integrity_monitoring_1_year", "integrityMonitoring1YearUsage", "Integrity Monitoring usage of the month with 1-year retention"},
	{"xdr_identity_sensors", "xdrIdentitySensorsMonthlyUsage", "XDR identity-provider sensor usage of the month"},
	{"xdr_productivity_sensors", "xdrProductivitySensorsMonthlyUsage", "XDR productivity-application sensor usage of the month"},
	{"xdr_network_sensors", "xdrNetworkSensorsMonthlyUsage", "XDR network sensor usage of the month"},
	{"xdr_cloud_sensors", "xdrCloudSensorsMonthlyUsage", "XDR cloud-workload sensor usage of the month"},
	{"sve_virtual_servers", "sveVsMonthlyUsage", "Security for Virtualized Environments usage of the month by virtual servers"},
	{"sve_vdi_hours", "sveVdiMonthlyUsage", "Security for Virtualized Environments usage of the month by virtual desktops, in hours (may be fractional)"},
	{"minimum_endpoint_usage", minimumUsageCounter, "The committed minimum endpoint usage set in the company's monthly subscription; not usage itself"},
}

// monthLayout is how configuration writes a month; the API wants targetMonthLayout.
const (
	monthLayout       = "2006-01"
	targetMonthLayout = "01/2006"
	exampleMonth      = "2025-03"
)

var (
	monthPattern      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
	apiMonthPattern   = regexp.MustCompile(`^([0-9]{1,2})/([0-9]{4})$`)
	monthFormatAdvice = fmt.Sprintf("Write the month as YYYY-MM (four-digit year, dash, two-digit month), for example %q, "+
		"or leave month out for the current UTC month.", exampleMonth)
)

// targetMonthOf converts a configured month "YYYY-MM" into getMonthlyUsage's targetMonth "MM/YYYY".
// Anything else is an error that shows the expected form; the API's own "MM/YYYY" gets a hint with
// the same month rewritten, since it is the likeliest mistake.
func targetMonthOf(month string) (string, error) {
	if m := apiMonthPattern.FindStringSubmatch(month); m != nil {
		if rewritten, err := time.Parse("1/2006", m[1]+"/"+m[2]); err == nil {
			return "", fmt.Errorf("%q is in the API's MM/YYYY form, but month is written YYYY-MM: write %q",
				month, rewritten.Format(monthLayout))
		}
	}
	if !monthPattern.MatchString(month) {
		return "", fmt.Errorf("%q is not a month in the form YYYY-MM. %s", month, monthFormatAdvice)
	}
	t, err := time.Parse(monthLayout, month)
	if err != nil {
		return "", fmt.Errorf("%q is not a month in the form YYYY-MM: the month must be 01 to 12. %s", month, monthFormatAdvice)
	}
	return t.Format(targetMonthLayout), nil
}

// monthValidator reports, at plan time and before any API call, a month targetMonthOf refuses.
type monthValidator struct{}

var _ validator.String = monthValidator{}

func (monthValidator) Description(context.Context) string {
	return "value must be a month in the form YYYY-MM, for example " + exampleMonth
}

func (v monthValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (monthValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := targetMonthOf(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid month", err.Error())
	}
}

// NewMonthlyUsageDataSource is the gravityzone_monthly_usage data source.
func NewMonthlyUsageDataSource() datasource.DataSource {
	return &monthlyUsageDataSource{}
}

type monthlyUsageDataSource struct {
	api gravityZoneAPI
}

func (d *monthlyUsageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_monthly_usage"
}

func (d *monthlyUsageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"company_id": schema.StringAttribute{
			MarkdownDescription: "API field `companyId`: the company whose usage to read. Default: the API key's own " +
				"company (the attribute then stays null). Must not be empty.",
			Optional:   true,
			Validators: []validator.String{companyIDValidator{ifOmitted: keyCompanyIfOmitted}},
		},
		"month": schema.StringAttribute{
			MarkdownDescription: "The month to read, as `YYYY-MM` (for example `" + exampleMonth + "`); sent as the API " +
				"field `targetMonth` in its `MM/YYYY` form. Default: the current month in UTC at the time of the read, " +
				"which is also what this attribute then reads as. Any other form, `MM/YYYY` included, is an error " +
				"before any API call.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{monthValidator{}},
		},
		"counters": schema.MapAttribute{
			MarkdownDescription: "Every counter the API returned, under its API name (for example " +
				"`endpointMonthlyUsage`), including counters this provider does not know yet, such as ones the " +
				"vendor adds later; the committed minimum appears as `" + minimumUsageCounter + "`. Values are " +
				"numbers ≥ 0.",
			ElementType: types.Float64Type,
			Computed:    true,
		},
	}
	for _, counter := range usageCounters {
		attributes[counter.attribute] = schema.Float64Attribute{
			MarkdownDescription: fmt.Sprintf("%s. API counter `%s`. A number ≥ 0: `0` when there is none, null "+
				"only when the API's answer did not contain the counter.", counter.counts, counter.apiName),
			Computed: true,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a company's monthly usage for one month from `licensing.getMonthlyUsage`: the " +
			"numbers GravityZone bills from.\n\n" +
			"The usage of a partner includes the usage of every company below it. The counters are those of the " +
			"Endpoint Security product type, which is what this API method reports: usage of the standalone EDR " +
			"product is not in them.\n\n" +
			"The usage of the current month grows until the month ends (GravityZone starts a new month at 00:00 " +
			"UTC on the 1st). The data source is read again on every plan, so it always shows the latest numbers.\n\n" +
			"A documented counter reads as `0` when there is no usage and as null only when the API's answer did " +
			"not contain that counter, so a null never stands for a billable zero. `counters` holds every counter " +
			"the API returned, including ones this provider has no attribute for.",
		Attributes: attributes,
	}
}

func (d *monthlyUsageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *monthlyUsageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var companyID, month types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("company_id"), &companyID)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("month"), &month)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if month.IsNull() {
		month = types.StringValue(time.Now().UTC().Format(monthLayout))
	}
	targetMonth, err := targetMonthOf(month.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("month"), "Invalid month", err.Error())
		return
	}

	usage, err := d.api.GetMonthlyUsage(ctx, companyID.ValueString(), targetMonth)
	if err != nil {
		company := "the API key's company"
		if !companyID.IsNull() {
			company = fmt.Sprintf("company %q", companyID.ValueString())
		}
		addCompanyAPIError(&resp.Diagnostics, path.Root("company_id"),
			fmt.Sprintf("Cannot read the monthly usage of %s for %s", company, month.ValueString()), err)
		return
	}

	returned := countersFromAPI(usage)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("month"), month)...)
	for _, counter := range usageCounters {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(counter.attribute), counterValue(returned, counter.apiName))...)
	}
	counters, diags := types.MapValueFrom(ctx, types.Float64Type, returned)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("counters"), counters)...)
}

// countersFromAPI flattens getMonthlyUsage's result into counters by API name, the nested minimum
// included.
func countersFromAPI(usage *client.MonthlyUsage) map[string]float64 {
	returned := make(map[string]float64, len(usage.Counters)+1)
	maps.Copy(returned, usage.Counters)
	if usage.MinimumUsage != nil {
		returned[minimumUsageCounter] = float64(usage.MinimumUsage.EndpointMonthlyUsage)
	}
	return returned
}

// counterValue is a counter the API returned, or null when it did not return it: an absent
// counter is unknown to the server's answer, not zero usage.
func counterValue(returned map[string]float64, apiName string) types.Float64 {
	value, ok := returned[apiName]
	if !ok {
		return types.Float64Null()
	}
	return types.Float64Value(value)
}
