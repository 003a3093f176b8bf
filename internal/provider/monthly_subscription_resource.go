package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*monthlySubscriptionResource)(nil)
	_ resource.ResourceWithImportState    = (*monthlySubscriptionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*monthlySubscriptionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*monthlySubscriptionResource)(nil)
)

// NewMonthlySubscriptionResource is the constructor of gravityzone_monthly_subscription.
func NewMonthlySubscriptionResource() resource.Resource {
	return &monthlySubscriptionResource{}
}

type monthlySubscriptionResource struct {
	api gravityZoneAPI
}

func (r *monthlySubscriptionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_monthly_subscription"
}

func (r *monthlySubscriptionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *monthlySubscriptionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg monthlySubscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, ok := r.write(ctx, cfg, plan, nil, &resp.Diagnostics)
	if ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, subscriptionIdentityAttribute, state.CompanyID.ValueString())...)
	}
}

func (r *monthlySubscriptionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, cfg, prior monthlySubscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, subscriptionIdentityAttribute, prior.CompanyID.ValueString())...)
	state, ok := r.write(ctx, cfg, plan, &prior, &resp.Diagnostics)
	if ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// write checks the preconditions again (inputs unknown at plan time are known now), sends the
// planned subscription and reads back what GravityZone made of it. prior is nil on create.
func (r *monthlySubscriptionResource) write(ctx context.Context, cfg, plan monthlySubscriptionModel, prior *monthlySubscriptionModel, diags *diag.Diagnostics) (monthlySubscriptionModel, bool) {
	diags.Append(checkPreconditions(cfg)...)
	if diags.HasError() {
		return plan, false
	}
	companyID := plan.CompanyID.ValueString()
	if names := resellingSettings(cfg); len(names) > 0 {
		// The plan could not check this when the company id was unknown then.
		company := &companyFacts{api: r.api, id: plan.CompanyID}
		if isFalse(company.isPartner(ctx, diags)) {
			addResellingByCustomerError(diags, companyID, names)
		}
		if diags.HasError() {
			return plan, false
		}
	}
	if err := r.api.SetMonthlySubscription(ctx, subscriptionParams(plan, prior)); err != nil {
		addNotAppliedError(diags, fmt.Sprintf("Cannot set the monthly subscription of company %q", companyID), subscriptionChanges(ctx, prior, plan), err)
		return plan, false
	}
	info, err := r.api.GetLicenseInfo(ctx, companyID)
	if err != nil {
		// The state is left as it was rather than guessed: the next apply sends the same complete
		// request again, which is safe to repeat.
		addAPIError(diags, fmt.Sprintf("The monthly subscription of company %q was set, but reading it back failed", companyID), err)
		return plan, false
	}
	settings, d := settingsFromLicense(info, plan.subscriptionSettings)
	diags.Append(d...)
	plan.subscriptionSettings = settings
	plan.ID = plan.CompanyID
	return plan, !diags.HasError()
}

func (r *monthlySubscriptionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state monthlySubscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	companyID := state.CompanyID.ValueString()
	// Set first: the framework wants an identity even when the subscription is gone from state.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, subscriptionIdentityAttribute, companyID)...)
	info, err := r.api.GetLicenseInfo(ctx, companyID)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Company no longer exists",
			fmt.Sprintf("Company %q was not found, so its monthly subscription is removed from the Terraform state. "+
				"The next plan subscribes it again; remove the resource from the configuration if the company is gone for good.", companyID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the monthly subscription of company %q", companyID), err)
		return
	}
	if info.SubscriptionType != nil && !isMonthlySubscription(info) {
		resp.Diagnostics.AddWarning("Company is no longer on a monthly subscription",
			fmt.Sprintf("Company %q now has a %s, so its monthly subscription is removed from the Terraform "+
				"state. The next plan subscribes it again.", companyID, licenseTypeName(info)))
		resp.State.RemoveResource(ctx)
		return
	}
	settings, diags := settingsFromLicense(info, state.subscriptionSettings)
	resp.Diagnostics.Append(diags...)
	state.subscriptionSettings = settings
	state.ID = state.CompanyID
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Delete switches every add-on off, disables MDR and drops the reservation in one request; the API
// has no way to end a monthly subscription.
func (r *monthlySubscriptionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state monthlySubscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	disabled, _ := mdrOwnUseLevels.toAPI(mdrDisabled)
	defaultRetention, _ := integrityMonitoringRetention.toAPI(defaultRetentionDays)
	params := client.MonthlySubscriptionParams{
		CompanyID:           state.CompanyID.ValueString(),
		RemoveReservedSlots: true,
		MinimumUsage:        &client.MinimumUsage{},
		IMDataRetention:     &defaultRetention,
		LicensedServices:    &client.LicensedServices{MDRServiceOwnUse: disabled},
		OwnUse:              &client.OwnUse{},
		Resell:              &client.Resell{},
	}
	err := r.api.SetMonthlySubscription(ctx, params)
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot switch off the add-ons of company %q", params.CompanyID), err)
	}
}

// ImportState accepts a company id or name=<exact name>, and refuses a company that is not on a
// monthly subscription: there is no subscription to import.
func (r *monthlySubscriptionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importedID, diags := importID(ctx, req, subscriptionIdentityAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	companyID, ok := importedCompanyID(ctx, r.api, importedID, &resp.Diagnostics)
	if !ok {
		return
	}
	info, err := r.api.GetLicenseInfo(ctx, companyID)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the licence of company %q to import its subscription", companyID), err)
		return
	}
	if !isMonthlySubscription(info) {
		resp.Diagnostics.AddError("The company has no monthly subscription",
			fmt.Sprintf("Company %s is on a %s, not on a monthly subscription, so there is no subscription to import. "+
				"Remove the import (the import {} block, or the terraform import command) and run terraform apply: "+
				"creating gravityzone_monthly_subscription moves the company to a monthly subscription.",
				companyID, licenseTypeName(info)))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("company_id"), companyID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), companyID)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, subscriptionIdentityAttribute, companyID)...)
}

// subscriptionParams is the setMonthlySubscription request that makes the subscription what plan
// says. It carries the complete desired state, since GravityZone switches off the add-ons a request
// leaves out. Fields that GravityZone keeps when left out (reservation, end date, minimum) are sent
// to clear them when they leave the configuration, and on create, where the company may have had
// them before. prior is the state before the change, nil on create.
func subscriptionParams(plan monthlySubscriptionModel, prior *monthlySubscriptionModel) client.MonthlySubscriptionParams {
	before := nullSubscriptionSettings()
	if prior != nil {
		before = prior.subscriptionSettings
	}
	clearing := func(priorValue interface{ IsNull() bool }) bool { return prior == nil || !priorValue.IsNull() }

	params := client.MonthlySubscriptionParams{
		CompanyID:       plan.CompanyID.ValueString(),
		ReservedSlots:   optionalInt(plan.ReservedSlots),
		EndSubscription: optionalString(plan.EndSubscription),
		AutoRenewPeriod: optionalInt(plan.AutoRenewPeriod),
		OwnUse:          &client.OwnUse{},
		Resell:          &client.Resell{},
	}
	if params.ReservedSlots == nil && clearing(before.ReservedSlots) {
		params.RemoveReservedSlots = true
	}
	if params.EndSubscription == nil && clearing(before.EndSubscription) {
		params.EndSubscription = new(string)
	}
	if minimum := optionalInt(plan.MinimumEndpointUsage); minimum != nil {
		params.MinimumUsage = &client.MinimumUsage{EndpointMonthlyUsage: *minimum}
	} else if clearing(before.MinimumEndpointUsage) {
		params.MinimumUsage = &client.MinimumUsage{}
	}

	for _, sw := range topLevelSwitches {
		*sw.param(&params) = sw.setting(&plan.subscriptionSettings).ValueBool()
	}
	retention, _ := integrityMonitoringRetention.toAPI(plan.IntegrityMonitoringRetentionDays.ValueInt64())
	params.IMDataRetention = &retention
	for _, sw := range ownUseSwitches {
		*sw.param(params.OwnUse) = boolMember(plan.OwnUse, sw.attribute).ValueBool()
	}
	for _, sw := range resellSwitches {
		*sw.param(params.Resell) = boolMember(plan.Resell, sw.attribute).ValueBool()
	}
	mdrLevel, _ := mdrOwnUseLevels.toAPI(mdrOwnUseLevel(plan.MDR).ValueString())
	params.LicensedServices = &client.LicensedServices{
		MDRServiceOwnUse: mdrLevel,
		MDRServiceResell: boolMember(plan.MDR, mdrResellMember).ValueBool(),
	}

	product, _ := productTypes.toAPI(plan.ProductType.ValueString())
	params.AssignedProductType = &product
	params.AdditionalProductTypes = productTypesToAPI(setStrings(plan.ResellProductTypes))

	if !plan.ProtectionModel.IsUnknown() {
		params.AssignedProtectionModel = plan.ProtectionModel.ValueString()
	}
	// The resold models can be sent with the company's own model, or by an EDR company that resells
	// Endpoint Security (R23); otherwise GravityZone derives them.
	models := protectionModelsToAPI(setStrings(plan.ResellProtectionModels))
	if len(models) > 0 && (params.AssignedProtectionModel != "" || isTrue(setContains(plan.ResellProductTypes, productEndpointSecurity))) {
		params.AdditionalProtectionModels = models
	}
	if prior != nil && losesModel(before.ResellProtectionModels, plan.ResellProtectionModels) {
		params.SetNewProtectionModelForClients = plan.NewProtectionModelForClients.ValueString()
	}
	return params
}

// losesModel tells whether a planned set of resold models drops one of the current ones.
func losesModel(current, planned types.Set) bool {
	if planned.IsUnknown() {
		return false
	}
	for _, m := range setStrings(current) {
		if !isTrue(setContains(planned, m)) {
			return true
		}
	}
	return false
}
