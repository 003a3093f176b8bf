// Package provider implements the GravityZone Terraform provider on terraform-plugin-framework.
// It knows Terraform; everything about the GravityZone API lives in internal/client.
package provider

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// RegistryAddress is the provider's address in the Terraform registry.
const RegistryAddress = "registry.terraform.io/gzcommunity/gravityzone"

// Environment variables read when the matching argument is not set in configuration.
const (
	EnvAPIKey              = "GRAVITYZONE_API_KEY"
	EnvAPIURL              = "GRAVITYZONE_API_URL"
	EnvRateLimitMultiplier = "GRAVITYZONE_RATE_LIMIT_MULTIPLIER"
)

// Defaults of the provider arguments (SPEC §3).
const (
	DefaultAPIURL         = "https://cloud.gravityzone.bitdefender.com/api"
	defaultRequestTimeout = 60 * time.Second
	defaultMaxRetries     = 5
	defaultRateMultiplier = 1.0
)

var (
	_ provider.Provider                  = (*gravityZoneProvider)(nil)
	_ provider.ProviderWithListResources = (*gravityZoneProvider)(nil)
)

type gravityZoneProvider struct {
	version string
}

// New returns a constructor of the provider, as providerserver.Serve and the tests want it.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &gravityZoneProvider{version: version}
	}
}

type providerModel struct {
	APIKey                types.String         `tfsdk:"api_key"`
	APIURL                types.String         `tfsdk:"api_url"`
	RequestTimeout        timetypes.GoDuration `tfsdk:"request_timeout"`
	MaxRetries            types.Int64          `tfsdk:"max_retries"`
	RateLimitMultiplier   types.Float64        `tfsdk:"rate_limit_multiplier"`
	TLSCACertificate      types.String         `tfsdk:"tls_ca_certificate"`
	TLSInsecureSkipVerify types.Bool           `tfsdk:"tls_insecure_skip_verify"`
}

func (p *gravityZoneProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gravityzone"
	resp.Version = p.version
}

func (p *gravityZoneProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage Bitdefender GravityZone partner and customer companies, their monthly " +
			"subscriptions and add-ons, and read licence and monthly usage data through the GravityZone " +
			"partner JSON-RPC API.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "GravityZone API key (Control Center → My Account → API keys) with the " +
					"`Companies`, `Licensing`, `Network` and `General` APIs enabled. Falls back to the `" + EnvAPIKey +
					"` environment variable; one of the two is required (an empty argument counts as unset). The provider " +
					"checks it once per run with `general.getApiKeyDetails`, so a wrong key or `api_url` fails the plan. " +
					"Never logged or stored in state. Prefer the " +
					"environment variable: Terraform itself writes a key given in the configuration, directly or through " +
					"a variable (even a sensitive one), into saved plan files (`terraform plan -out`) and their JSON.",
				Optional:  true,
				Sensitive: true,
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "The console's *Access URL* (Control Center → My Account → Control Center API), " +
					"for example `https://cloudgz.gravityzone.bitdefender.com/api`. Falls back to `" + EnvAPIURL +
					"` (an empty argument counts as unset), then to `" + DefaultAPIURL + "`. Must be `https://`; `http://` is accepted only for " +
					"loopback hosts (the local simulator).",
				Optional: true,
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one HTTP request, as a Go duration such as `30s` or `2m`. Default `60s`.",
				Optional:            true,
				CustomType:          timetypes.GoDurationType{},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a retryable failure (HTTP 429, JSON-RPC -32003, a request "+
					"that could not connect, and for requests that are safe to repeat also HTTP 5xx, timeouts and "+
					"connection resets) is retried, with exponential backoff and jitter; `createCompany` is sent again "+
					"only once a lookup shows that the company was not created. `0` disables retries. Default `%d`.", defaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"rate_limit_multiplier": schema.Float64Attribute{
				MarkdownDescription: "Multiplies the documented per-method API rates (for example 30 " +
					"`setMonthlySubscription` calls a minute) that the provider allows itself; `0` turns client-side " +
					"throttling off. Falls back to `" + EnvRateLimitMultiplier + "`. Default `1`.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0)},
			},
			"tls_ca_certificate": schema.StringAttribute{
				MarkdownDescription: "An extra trusted CA certificate in PEM form, for on-premises consoles whose " +
					"certificate is issued by a private CA. The system's trusted roots stay trusted.",
				Optional: true,
			},
			"tls_insecure_skip_verify": schema.BoolAttribute{
				MarkdownDescription: "Skip verification of the server's TLS certificate. Only for testing: anyone on " +
					"the network path can then read the API key. Emits a warning. Default `false`.",
				Optional: true,
			},
		},
	}
}

// Configure resolves every argument (configuration first, then environment, then default) and builds
// the API client that all resources and data sources of this provider instance share, so that one
// throttle governs every request Terraform makes with the key.
func (p *gravityZoneProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	reportUnknown(&resp.Diagnostics, config)
	if resp.Diagnostics.HasError() {
		return
	}

	cfg := client.Config{
		APIKey:                stringOrEnv(config.APIKey, EnvAPIKey, ""),
		URL:                   stringOrEnv(config.APIURL, EnvAPIURL, DefaultAPIURL),
		Timeout:               defaultRequestTimeout,
		MaxRetries:            defaultMaxRetries,
		RateLimitMultiplier:   defaultRateMultiplier,
		TLSCACertificatePEM:   config.TLSCACertificate.ValueString(),
		TLSInsecureSkipVerify: config.TLSInsecureSkipVerify.ValueBool(),
		UserAgent:             "terraform-provider-gravityzone/" + p.version,
		Logger:                clientLogger{},
		Interrupt:             interrupted(),
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, cfg.APIKey)

	if cfg.APIKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing GravityZone API key",
			"Set the api_key argument of the gravityzone provider or the "+EnvAPIKey+" environment variable. "+
				"Create a key in GravityZone Control Center under My Account → API keys.")
	}
	if err := client.CheckURL(cfg.URL); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("api_url"), "Invalid GravityZone API URL",
			fmt.Sprintf("The URL %q, from %s, cannot be used: %s", cfg.URL, sourceOf(config.APIURL, EnvAPIURL), err))
	}
	if !config.RequestTimeout.IsNull() {
		// The type has checked the form when the configuration was read.
		timeout, diags := config.RequestTimeout.ValueGoDuration()
		resp.Diagnostics.Append(diags...)
		if !diags.HasError() && timeout <= 0 {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid duration",
				fmt.Sprintf("%q is not a positive Go duration. Use a number with a unit, for example \"30s\", \"90s\" or \"2m\".",
					config.RequestTimeout.ValueString()))
		}
		cfg.Timeout = timeout
	}
	if !config.MaxRetries.IsNull() {
		cfg.MaxRetries = int(config.MaxRetries.ValueInt64())
	}
	if multiplier, ok := rateMultiplier(config.RateLimitMultiplier, &resp.Diagnostics); ok {
		cfg.RateLimitMultiplier = multiplier
	}
	if cfg.TLSInsecureSkipVerify {
		resp.Diagnostics.AddAttributeWarning(path.Root("tls_insecure_skip_verify"), "TLS certificate verification is off",
			"The provider will accept any certificate from the GravityZone server, so anyone on the network "+
				"path can read the API key. Use tls_ca_certificate for a private CA instead.")
	}
	if resp.Diagnostics.HasError() {
		return
	}

	api, err := client.New(cfg)
	if errors.Is(err, client.ErrInvalidCACertificate) {
		resp.Diagnostics.AddAttributeError(path.Root("tls_ca_certificate"), "Invalid CA certificate", err.Error())
		return
	}
	if errors.Is(err, client.ErrMalformedAPIKey) {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Invalid GravityZone API key",
			err.Error()+". The key is read from the api_key argument, else from "+EnvAPIKey+".")
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the GravityZone API client", err.Error())
		return
	}
	tflog.Debug(ctx, "configured GravityZone client", map[string]any{
		"api_url": cfg.URL, "request_timeout": cfg.Timeout.String(), "max_retries": cfg.MaxRetries,
		"rate_limit_multiplier": cfg.RateLimitMultiplier,
	})
	if checkAPIKey(ctx, api, cfg, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	data := &providerData{client: api}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// reportUnknown turns every argument that is unknown at configure time (typically computed from another
// resource) into an error on that argument: the provider cannot connect with a value it does not know.
func reportUnknown(diags interface {
	AddAttributeError(path.Path, string, string)
}, config providerModel) {
	unknown := map[string]bool{
		"api_key":                  config.APIKey.IsUnknown(),
		"api_url":                  config.APIURL.IsUnknown(),
		"request_timeout":          config.RequestTimeout.IsUnknown(),
		"max_retries":              config.MaxRetries.IsUnknown(),
		"rate_limit_multiplier":    config.RateLimitMultiplier.IsUnknown(),
		"tls_ca_certificate":       config.TLSCACertificate.IsUnknown(),
		"tls_insecure_skip_verify": config.TLSInsecureSkipVerify.IsUnknown(),
	}
	for _, name := range slices.Sorted(maps.Keys(unknown)) {
		if unknown[name] {
			diags.AddAttributeError(path.Root(name), "Unknown provider argument "+name,
				"The gravityzone provider needs "+name+" before it can connect, but the value is only known after "+
					"apply. Set it to a literal, a variable or an environment variable, or apply the resource it "+
					"comes from first with -target.")
		}
	}
}

// stringOrEnv is the argument's value, else the environment variable's, else fallback. An empty
// argument counts as unset, as an empty variable does: `api_key = var.key` with an empty variable
// leaves the key to GRAVITYZONE_API_KEY.
func stringOrEnv(v types.String, env, fallback string) string {
	if v.ValueString() != "" {
		return v.ValueString()
	}
	if fromEnv := os.Getenv(env); fromEnv != "" {
		return fromEnv
	}
	return fallback
}

func sourceOf(v types.String, env string) string {
	if v.ValueString() != "" {
		return "the api_url argument"
	}
	if os.Getenv(env) != "" {
		return "the " + env + " environment variable"
	}
	return "the default"
}

func rateMultiplier(v types.Float64, diags interface {
	AddAttributeError(path.Path, string, string)
}) (float64, bool) {
	if !v.IsNull() {
		return v.ValueFloat64(), true
	}
	raw := os.Getenv(EnvRateLimitMultiplier)
	if raw == "" {
		return 0, false
	}
	multiplier, err := strconv.ParseFloat(raw, 64)
	if err != nil || multiplier < 0 {
		diags.AddAttributeError(path.Root("rate_limit_multiplier"), "Invalid "+EnvRateLimitMultiplier,
			fmt.Sprintf("%s=%q is not a number ≥ 0. Use for example 1 (the documented rates), 10, or 0 to turn "+
				"client-side throttling off.", EnvRateLimitMultiplier, raw))
		return 0, false
	}
	return multiplier, true
}

// interrupted ends when this process receives an interrupt. A terminal sends Ctrl-C to Terraform
// and its providers alike, and Terraform asks a provider to stop only while it applies changes,
// not while it plans those of an apply or destroy: then only this ends the provider's waiting for
// the API. After the first interrupt, the process handles the signal as before.
var interrupted = sync.OnceValue(func() context.Context {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	context.AfterFunc(ctx, stop)
	return ctx
})

// requiredAPIs are the APIs of the key that the provider calls, and what for.
var requiredAPIs = []struct{ name, usedFor string }{
	{"companies", "gravityzone_company and gravityzone_company_lookup"},
	{"licensing", "gravityzone_monthly_subscription, gravityzone_license_info and gravityzone_monthly_usage"},
	{"network", "gravityzone_companies, the list resources and finding a company whose creation was not answered"},
}

// checkedKeys holds a digest of each API URL and key that checkAPIKey has accepted in this
// process: Terraform configures the provider for every command (and every alias), and a key
// found good stays good for the life of the process.
var checkedKeys sync.Map

// checkAPIKey asks GravityZone, with general.getApiKeyDetails, whether it accepts the key at the
// URL and which APIs the key may use, so that a wrong key, a wrong URL or a key without an API
// the provider needs fails the plan before anything is planned. No diagnostic holds the key: the
// client removes it from whatever the server sends back.
func checkAPIKey(ctx context.Context, api *client.Client, cfg client.Config, diags *diag.Diagnostics) {
	digest := sha256.Sum256([]byte(cfg.URL + "\x00" + cfg.APIKey))
	if _, checked := checkedKeys.Load(digest); checked {
		return
	}
	details, err := api.GetAPIKeyDetails(ctx)
	if err != nil {
		addKeyCheckError(ctx, diags, cfg.URL, err)
		return
	}
	var missing, unusable []string
	for _, required := range requiredAPIs {
		if !slices.ContainsFunc(details.EnabledAPIs, func(enabled string) bool { return strings.EqualFold(enabled, required.name) }) {
			missing = append(missing, required.name)
			unusable = append(unusable, required.usedFor)
		}
	}
	if len(missing) > 0 {
		diags.AddAttributeError(path.Root("api_key"), "The GravityZone API key lacks APIs the provider uses",
			fmt.Sprintf("GravityZone accepts the key, but does not let it use the %s API, needed for %s. In Control "+
				"Center → My Account → API keys, enable the Companies, Licensing, Network and General APIs for the "+
				"key, or create a new key with them, and set it in api_key or %s.",
				strings.Join(missing, ", "), strings.Join(unusable, "; "), EnvAPIKey))
		return
	}
	checkedKeys.Store(digest, struct{}{})
}

// addKeyCheckError reports a failed key check on the argument to fix: api_key when GravityZone
// refused the key, api_url when nothing answered as the API there.
func addKeyCheckError(ctx context.Context, diags *diag.Diagnostics, apiURL string, err error) {
	detail := fmt.Sprintf("Checking the API key at %s with general.getApiKeyDetails failed: %s", apiURL, apiErrorDetail(err))
	switch {
	case ctx.Err() != nil || interrupted().Err() != nil:
		diags.AddError("Stopped while checking the GravityZone API key", "Terraform was interrupted: "+err.Error())
	case client.IsUnauthorized(err), client.IsForbidden(err):
		diags.AddAttributeError(path.Root("api_key"), "GravityZone refused the API key", detail)
	case client.IsNoAPIAtURL(err):
		diags.AddAttributeError(path.Root("api_url"), "No GravityZone API at api_url", detail)
	case client.IsNotSent(err), client.IsCertificateError(err):
		diags.AddAttributeError(path.Root("api_url"), "Cannot connect to GravityZone at api_url", detail)
	default:
		diags.AddError("Cannot check the GravityZone API key", detail)
	}
}

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client gravityZoneAPI
}

// gravityZoneAPI is the part of the client that resources and data sources use: they call typed
// methods and never build requests, and a test can substitute the interface.
type gravityZoneAPI interface {
	CreateCompany(ctx context.Context, params client.CreateCompanyParams) (string, error)
	GetCompanyDetails(ctx context.Context, companyID string) (*client.Company, error)
	KeyCompany(ctx context.Context) (*client.Company, error)
	UpdateCompanyDetails(ctx context.Context, params client.UpdateCompanyParams) error
	DeleteCompany(ctx context.Context, companyID string) error
	SuspendCompany(ctx context.Context, companyID string, recursive bool) error
	ActivateCompany(ctx context.Context, companyID string, recursive bool) error
	FindCompaniesByName(ctx context.Context, nameFilter string, maxResults int) ([]client.Company, error)
	ListCompanies(ctx context.Context, parentID string, filter client.CompaniesFilter) ([]client.CompanyRef, error)
	GetLicenseInfo(ctx context.Context, companyID string) (*client.LicenseInfo, error)
	SetMonthlySubscription(ctx context.Context, params client.MonthlySubscriptionParams) error
	GetMonthlyUsage(ctx context.Context, companyID, month string) (*client.MonthlyUsage, error)
}

var _ gravityZoneAPI = (*client.Client)(nil)

// apiFromProviderData is the Configure step shared by every resource and data source: it takes
// the client out of the provider's data. Data is nil while Terraform validates configuration
// before the provider is configured; the caller then has no client yet and must not need one.
func apiFromProviderData(data any, diags interface{ AddError(string, string) }) gravityZoneAPI {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd.client
}

func (p *gravityZoneProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCompanyResource,
		NewMonthlySubscriptionResource,
	}
}

func (p *gravityZoneProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewMonthlyUsageDataSource,
		NewCompanyLookupDataSource,
		NewLicenseInfoDataSource,
		NewCompaniesDataSource,
	}
}

func (p *gravityZoneProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewCompanyListResource,
		NewMonthlySubscriptionListResource,
	}
}
