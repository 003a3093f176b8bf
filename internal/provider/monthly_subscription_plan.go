package provider

// Plan-time policy of gravityzone_monthly_subscription: validation, the planned values of what the
// configuration leaves unset, and the refusals and warnings that need the company's facts. The
// rules themselves (D1–D11) are in monthly_subscription_rules.go.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

func (r *monthlySubscriptionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg monthlySubscriptionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(checkPreconditions(cfg)...)
}

// ModifyPlan plans every attribute the configuration leaves unset (planSubscription), so that the
// plan shows the add-ons GravityZone will turn on and the defaults it will apply. It refuses what
// GravityZone would refuse once the company is known (reselling by a customer, the API key's own
// company, an end date in the past), and warns of what a create removes and a destroy leaves billed.
func (r *monthlySubscriptionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state monthlySubscriptionModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !resp.Diagnostics.HasError() {
			warnWhatDestroyKeeps(&resp.Diagnostics, state)
		}
		return
	}
	var cfg monthlySubscriptionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	var prior *monthlySubscriptionModel
	if !req.State.Raw.IsNull() {
		var state monthlySubscriptionModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if state.CompanyID.Equal(cfg.CompanyID) {
			prior = &state // otherwise the subscription is replaced: plan it as a new one
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	company := &companyFacts{api: r.api, id: cfg.CompanyID}
	plan, diags := planSubscription(cfg, prior, func() types.Bool {
		return company.isPartner(ctx, &resp.Diagnostics)
	})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() || (prior != nil && resp.Plan.Raw.Equal(req.State.Raw)) {
		return // a plan that writes nothing has nothing to refuse
	}
	if prior == nil {
		r.checkNewSubscription(ctx, cfg, &resp.Diagnostics)
	}
	if names := resellingSettings(cfg); len(names) > 0 && isFalse(company.isPartner(ctx, &resp.Diagnostics)) {
		addResellingByCustomerError(&resp.Diagnostics, cfg.CompanyID.ValueString(), names)
	}
	checkEndDateNotPast(&resp.Diagnostics, plan.EndSubscription)
}

// companyFacts looks up, at most once per plan, what the plan needs to know of the company.
type companyFacts struct {
	api     gravityZoneAPI
	id      types.String
	details *client.Company
	failed  bool
}

// isPartner is the company's type: unknown while the company id is, or when it cannot be read.
func (f *companyFacts) isPartner(ctx context.Context, diags *diag.Diagnostics) types.Bool {
	company := f.read(ctx, diags)
	if company == nil {
		return types.BoolUnknown()
	}
	companyType, _ := companyTypes.toTerraform(company.Type)
	return types.BoolValue(companyType == companyPartner)
}

func (f *companyFacts) read(ctx context.Context, diags *diag.Diagnostics) *client.Company {
	if f.details != nil || f.failed || f.id.IsUnknown() || f.id.IsNull() || f.api == nil {
		return f.details
	}
	company, err := f.api.GetCompanyDetails(ctx, f.id.ValueString())
	if err != nil {
		f.failed = true
		if !client.IsNotFound(err) { // a company that is gone is planned as such, and the apply says so
			addAPIError(diags, fmt.Sprintf("Cannot read company %q to plan its subscription", f.id.ValueString()), err)
		}
		return nil
	}
	f.details = company
	return company
}

// checkNewSubscription refuses the API key's own company, whose subscription GravityZone does not
// let the key set, and warns of the settings the company holds that the create removes.
func (r *monthlySubscriptionResource) checkNewSubscription(ctx context.Context, cfg monthlySubscriptionModel, diags *diag.Diagnostics) {
	if cfg.CompanyID.IsUnknown() || cfg.CompanyID.IsNull() || r.api == nil {
		return
	}
	companyID := cfg.CompanyID.ValueString()
	own, err := r.api.KeyCompany(ctx)
	if err != nil {
		addAPIError(diags, "Cannot read the API key's own company", err)
		return
	}
	if own.ID == companyID {
		diags.AddAttributeError(path.Root("company_id"), "The API key's own company cannot be subscribed",
			fmt.Sprintf("company_id %s is the API key's own company (%q). GravityZone lets an API key set the monthly "+
				"subscriptions of the companies below its own company, never of its own. Use the id of a company that "+
				"%q manages, or an API key of a partner above this company.", companyID, own.Name, own.Name))
		return
	}
	info, err := r.api.GetLicenseInfo(ctx, companyID)
	if client.IsNotFound(err) {
		return // a company that is gone is planned as such, and the apply says so
	}
	if err != nil {
		addCompanyAPIError(diags, path.Root("company_id"), fmt.Sprintf("Cannot read the licence of company %q", companyID), err)
		return
	}
	var removed []string
	if cfg.ReservedSlots.IsNull() && info.ReservedSlots != nil && *info.ReservedSlots > 0 {
		removed = append(removed, fmt.Sprintf("reserved_slots: its reservation of %d seats (seats then come from the "+
			"parent's pool without a cap, billed on usage)", *info.ReservedSlots))
	}
	if cfg.EndSubscription.IsNull() && info.EndSubscription != nil && *info.EndSubscription != "" {
		ending := "its end date " + *dateFromAPI(info.EndSubscription)
		if info.AutoRenewPeriod != nil {
			ending += fmt.Sprintf(" and its auto-renewal of %d months", *info.AutoRenewPeriod)
		}
		removed = append(removed, "end_subscription: "+ending)
	}
	if cfg.MinimumEndpointUsage.IsNull() && info.MinimumUsage != nil && info.MinimumUsage.EndpointMonthlyUsage > 0 {
		removed = append(removed, fmt.Sprintf("minimum_endpoint_usage: its committed minimum of %d endpoints a month",
			info.MinimumUsage.EndpointMonthlyUsage))
	}
	if len(removed) > 0 {
		diags.AddAttributeWarning(path.Root("company_id"), fmt.Sprintf("Creating this subscription removes settings of company %q", companyID),
			fmt.Sprintf("Company %s already has settings that this configuration leaves unset. A create sends the complete "+
				"subscription, so GravityZone removes them:\n  - %s\n\nTo keep one, set it in the configuration.",
				companyID, strings.Join(removed, "\n  - ")))
	}
}

// warnWhatDestroyKeeps says, in the plan that destroys a subscription, what stays on the company
// and billed: GravityZone has no way to end a monthly subscription.
func warnWhatDestroyKeeps(diags *diag.Diagnostics, state monthlySubscriptionModel) {
	kept := []string{"the monthly subscription itself: the company stays on it and its endpoints' usage goes on " +
		"being billed at the price of its product and protection model"}
	if !state.EndSubscription.IsNull() {
		ending := "end_subscription " + state.EndSubscription.ValueString()
		if !state.AutoRenewPeriod.IsNull() {
			ending += fmt.Sprintf(" with auto_renew_period %d", state.AutoRenewPeriod.ValueInt64())
		}
		kept = append(kept, ending)
	}
	if !state.ProductType.IsNull() {
		kept = append(kept, "product_type "+state.ProductType.ValueString())
	}
	if !state.ProtectionModel.IsNull() {
		kept = append(kept, "protection_model "+state.ProtectionModel.ValueString())
	}
	if models := setStrings(state.ResellProtectionModels); len(models) > 0 {
		kept = append(kept, "resell_protection_models "+strings.Join(models, ", "))
	}
	diags.AddWarning(fmt.Sprintf("Destroying the subscription of company %q leaves it on a monthly subscription", state.CompanyID.ValueString()),
		"Destroying gravityzone_monthly_subscription switches off every add-on (own use and reselling) and MDR, and "+
			"removes the seat reservation and the committed minimum. GravityZone has no way to end a monthly "+
			"subscription, so these stay on the company:\n  - "+strings.Join(kept, "\n  - ")+"\n\nTo stop billing for "+
			"the company altogether, delete the company (gravityzone_company).")
}

// resellingSettings names the reselling settings a configuration asks for: resell members and
// mdr.resell set true, resold product types beyond product_type, and resold protection models
// beyond those protection_model brings. Only partner companies resell.
func resellingSettings(cfg monthlySubscriptionModel) []string {
	var names []string
	for _, sw := range resellSwitches {
		if isTrue(boolMember(cfg.Resell, sw.attribute)) {
			names = append(names, "resell."+sw.attribute)
		}
	}
	if isTrue(boolMember(cfg.MDR, mdrResellMember)) {
		names = append(names, "mdr."+mdrResellMember)
	}
	product := stringOr(cfg.ProductType, productEndpointSecurity)
	for _, name := range setStrings(cfg.ResellProductTypes) {
		if !product.IsUnknown() && name != product.ValueString() {
			names = append(names, "resell_product_types")
			break
		}
	}
	if !cfg.ProtectionModel.IsUnknown() {
		brought := defaultResoldModels[cfg.ProtectionModel.ValueString()]
		for _, model := range setStrings(cfg.ResellProtectionModels) {
			if !slices.Contains(brought, model) {
				names = append(names, "resell_protection_models")
				break
			}
		}
	}
	return names
}

// addResellingByCustomerError refuses reselling settings for a customer company, before any write.
func addResellingByCustomerError(diags *diag.Diagnostics, companyID string, names []string) {
	diags.AddAttributeError(path.Root("company_id"), "A customer company cannot resell",
		fmt.Sprintf("Company %s is a customer, and only partner companies resell to companies below them, so GravityZone "+
			"refuses %s for it. Remove %s from the configuration (or set them to false), or make the company a partner "+
			"(type = %q on its gravityzone_company). Nothing was sent to GravityZone.",
			companyID, strings.Join(names, ", "), strings.Join(names, ", "), companyPartner))
}

// checkEndDateNotPast refuses, in a plan that writes the subscription, an end date GravityZone
// refuses: one before today, UTC.
func checkEndDateNotPast(diags *diag.Diagnostics, endSubscription types.String) {
	if endSubscription.IsNull() || endSubscription.IsUnknown() {
		return
	}
	if today := time.Now().UTC().Format(time.DateOnly); endSubscription.ValueString() < today {
		diags.AddAttributeError(path.Root("end_subscription"), "End date in the past",
			fmt.Sprintf("end_subscription %s is in the past, and GravityZone refuses to set an end date before today "+
				"(%s, UTC). Write a date from today on, or remove end_subscription for a subscription without an end date.",
				endSubscription.ValueString(), today))
	}
}
