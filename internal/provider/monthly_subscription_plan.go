package provider

// Plan-time policy of gravityzone_monthly_subscription: validation and the planned values of what the
// configuration leaves unset. The rules themselves (D1–D11) are in monthly_subscription_rules.go.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
// plan shows the add-ons GravityZone will turn on and the defaults it will apply.
func (r *monthlySubscriptionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
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
	plan, diags := planSubscription(cfg, prior, func() types.Bool {
		return r.companyIsPartner(ctx, cfg.CompanyID, &resp.Diagnostics)
	})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// companyIsPartner looks the company's type up; unknown while the company ID is.
func (r *monthlySubscriptionResource) companyIsPartner(ctx context.Context, companyID types.String, diags *diag.Diagnostics) types.Bool {
	if companyID.IsUnknown() || r.api == nil {
		return types.BoolUnknown()
	}
	company, err := r.api.GetCompanyDetails(ctx, companyID.ValueString())
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot read company %q to plan its MDR reselling", companyID.ValueString()), err)
		return types.BoolUnknown()
	}
	companyType, _ := companyTypes.toTerraform(company.Type)
	return types.BoolValue(companyType == companyPartner)
}
