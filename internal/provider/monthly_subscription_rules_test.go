package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

// Unit tests of the rules on values Terraform only produces in particular plans: unknown inputs,
// prior states, and the request built from a plan.

// configWith is a configuration of company c1 with every argument unset but those adjust sets.
func configWith(adjust func(*monthlySubscriptionModel)) monthlySubscriptionModel {
	cfg := monthlySubscriptionModel{
		ID:                           types.StringNull(),
		CompanyID:                    types.StringValue("c1"),
		NewProtectionModelForClients: types.StringNull(),
		subscriptionSettings:         nullSubscriptionSettings(),
	}
	if adjust != nil {
		adjust(&cfg)
	}
	return cfg
}

// object builds own_use, resell or mdr with the given members set and the others null.
func object(attributeTypes map[string]attr.Type, set map[string]attr.Value) types.Object {
	members := map[string]attr.Value{}
	for name, t := range attributeTypes {
		members[name] = nullOf(t)
		if v, ok := set[name]; ok {
			members[name] = v
		}
	}
	return types.ObjectValueMust(attributeTypes, members)
}

func noPartnerLookup(t *testing.T) func() types.Bool {
	return func() types.Bool {
		t.Error("the company type was looked up for a plan that does not depend on it")
		return types.BoolUnknown()
	}
}

func TestPreconditionsWaitForUnknownInputs(t *testing.T) {
	edrOff := func(level types.String) monthlySubscriptionModel {
		return configWith(func(c *monthlySubscriptionModel) {
			c.OwnUse = object(ownUseAttributeTypes(), map[string]attr.Value{"edr": types.BoolValue(false)})
			c.MDR = object(mdrAttributeTypes(), map[string]attr.Value{mdrOwnUseMember: level})
		})
	}
	if diags := checkPreconditions(edrOff(types.StringUnknown())); diags.HasError() {
		t.Errorf("with mdr.own_use unknown, D5 must wait for apply; got %v", diags)
	}
	diags := checkPreconditions(edrOff(types.StringValue(mdrFoundations)))
	d := acctest.FindDiagnostic(diags, diag.SeverityError, path.Root("own_use").AtName("edr"))
	if d == nil || !strings.Contains(d.Detail(), "(rule D5)") {
		t.Errorf("with mdr.own_use known, D5 must fail on own_use.edr; got %v", diags)
	}

	retention := configWith(func(c *monthlySubscriptionModel) {
		c.IntegrityMonitoring = types.BoolUnknown()
		c.IntegrityMonitoringRetentionDays = types.Int64Value(90)
	})
	if diags := checkPreconditions(retention); diags.HasError() {
		t.Errorf("with integrity_monitoring unknown, D11 must wait for apply; got %v", diags)
	}
	unknownModel := configWith(func(c *monthlySubscriptionModel) {
		c.ProtectionModel = types.StringUnknown()
		c.OwnUse = object(ownUseAttributeTypes(), map[string]attr.Value{"container_protection": types.BoolValue(true)})
		c.Resell = object(resellAttributeTypes(), map[string]attr.Value{"container_protection": types.BoolValue(true)})
	})
	if diags := checkPreconditions(unknownModel); diags.HasError() {
		t.Errorf("with protection_model unknown, D7 and D8 must wait for apply; got %v", diags)
	}
}

func TestImplicationsOfUnknownTriggersAreUnknown(t *testing.T) {
	cfg := configWith(func(c *monthlySubscriptionModel) {
		c.OwnUse = object(ownUseAttributeTypes(), map[string]attr.Value{"edr": types.BoolUnknown(), "sandbox_analyzer": types.BoolValue(true)})
		c.Resell = types.ObjectUnknown(resellAttributeTypes())
	})
	desired, diags := desiredSubscription(cfg)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if v := boolMember(desired.OwnUse, "hyper_detect"); !v.IsUnknown() {
		t.Errorf("own_use.hyper_detect follows an unknown own_use.edr, so it is unknown; got %s", v)
	}
	if v := boolMember(desired.OwnUse, "sandbox_analyzer"); !isTrue(v) {
		t.Errorf("a configured member keeps its value; got %s", v)
	}
	if v := boolMember(desired.OwnUse, "xdr_network"); !isFalse(v) {
		t.Errorf("a member without implication defaults to false; got %s", v)
	}
	if v := boolMember(desired.Resell, "xdr"); !v.IsUnknown() {
		t.Errorf("the members of an unknown resell are unknown; got %s", v)
	}
}

func TestPlanOfValuesGravityZoneChooses(t *testing.T) {
	prior := configWith(func(c *monthlySubscriptionModel) {
		c.ProductType = types.StringValue(productEndpointSecurity)
		c.ProtectionModel = types.StringValue("mspSecure")
		c.ResellProtectionModels = stringSet([]string{"aLaCarte", "mspSecure"})
	})
	plan, diags := planSubscription(configWith(nil), &prior, noPartnerLookup(t))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if plan.ProtectionModel.ValueString() != "mspSecure" || !plan.ResellProtectionModels.Equal(prior.ResellProtectionModels) {
		t.Errorf("without protection_model the current model and resold models are kept; planned %s, %s",
			plan.ProtectionModel, plan.ResellProtectionModels)
	}
	plan, _ = planSubscription(configWith(nil), nil, noPartnerLookup(t))
	if !plan.ProtectionModel.IsUnknown() || !plan.ResellProtectionModels.IsUnknown() {
		t.Errorf("a new subscription without protection_model gets GravityZone's choice, known after apply; planned %s, %s",
			plan.ProtectionModel, plan.ResellProtectionModels)
	}
	edr := configWith(func(c *monthlySubscriptionModel) { c.ProductType = types.StringValue(productEDR) })
	plan, _ = planSubscription(edr, &prior, noPartnerLookup(t))
	if !plan.ProtectionModel.IsNull() || !plan.ResellProtectionModels.IsNull() {
		t.Errorf("the EDR product has no protection models; planned %s, %s", plan.ProtectionModel, plan.ResellProtectionModels)
	}
	if !plan.AutoRenewPeriod.IsNull() || plan.IntegrityMonitoringRetentionDays.ValueInt64() != defaultRetentionDays {
		t.Errorf("defaults: auto_renew_period null without an end date, retention 7 days; planned %s, %s",
			plan.AutoRenewPeriod, plan.IntegrityMonitoringRetentionDays)
	}
}

func TestPartnerMDRResellIsPlannedFromTheCompanyType(t *testing.T) {
	foundations := configWith(func(c *monthlySubscriptionModel) {
		c.MDR = object(mdrAttributeTypes(), map[string]attr.Value{mdrOwnUseMember: types.StringValue(mdrFoundations)})
	})
	for _, c := range []struct {
		partner types.Bool
		want    types.Bool
	}{
		{types.BoolValue(true), types.BoolValue(true)},
		{types.BoolValue(false), types.BoolValue(false)},
		{types.BoolUnknown(), types.BoolUnknown()},
	} {
		plan, diags := planSubscription(foundations, nil, func() types.Bool { return c.partner })
		if diags.HasError() {
			t.Fatal(diags)
		}
		if got := boolMember(plan.MDR, mdrResellMember); !got.Equal(c.want) {
			t.Errorf("partner %s: mdr.resell planned %s, want %s", c.partner, got, c.want)
		}
	}
}

func TestSubscriptionParamsCarryTheCompleteState(t *testing.T) {
	plan, diags := planSubscription(configWith(func(c *monthlySubscriptionModel) {
		c.ProtectionModel = types.StringValue("aLaCarte")
		c.OwnUse = object(ownUseAttributeTypes(), map[string]attr.Value{"edr": types.BoolValue(true)})
	}), nil, noPartnerLookup(t))
	if diags.HasError() {
		t.Fatal(diags)
	}

	created := subscriptionParams(plan, nil)
	if !created.RemoveReservedSlots || created.EndSubscription == nil || *created.EndSubscription != "" ||
		created.MinimumUsage == nil || created.MinimumUsage.EndpointMonthlyUsage != 0 {
		t.Errorf("create without a reservation, end date or minimum clears them; got remove=%v end=%v minimum=%v",
			created.RemoveReservedSlots, ptrValue(created.EndSubscription), ptrValue(created.MinimumUsage))
	}
	if created.OwnUse == nil || !created.OwnUse.ManageEventCorrelator || !created.OwnUse.ManageHyperDetect ||
		created.Resell == nil || created.LicensedServices == nil || created.IMDataRetention == nil {
		t.Errorf("ownUse, resell, licensedServices and imDataRetention are always sent in full; got %+v", created)
	}
	if created.AssignedProtectionModel != "aLaCarte" || len(created.AdditionalProtectionModels) != 1 ||
		created.AssignedProductType == nil || len(created.AdditionalProductTypes) != 1 {
		t.Errorf("product and protection models are always sent; got %+v", created)
	}

	unchanged := subscriptionParams(plan, &plan)
	if unchanged.RemoveReservedSlots || unchanged.EndSubscription != nil || unchanged.MinimumUsage != nil {
		t.Errorf("an update that leaves them unset, as they were, sends nothing to clear")
	}

	prior := plan
	prior.ReservedSlots = types.Int64Value(10)
	prior.EndSubscription = types.StringValue("2031-01-01")
	prior.ResellProtectionModels = stringSet([]string{"aLaCarte", "mspSecure"})
	plan.NewProtectionModelForClients = types.StringValue("aLaCarte")
	cleared := subscriptionParams(plan, &prior)
	if !cleared.RemoveReservedSlots || cleared.ReservedSlots != nil || cleared.EndSubscription == nil || *cleared.EndSubscription != "" {
		t.Errorf("a reservation and an end date removed from the configuration are cleared; got remove=%v end=%v",
			cleared.RemoveReservedSlots, ptrValue(cleared.EndSubscription))
	}
	if cleared.SetNewProtectionModelForClients != "aLaCarte" {
		t.Errorf("losing a resold model sends the clients' new model; got %q", cleared.SetNewProtectionModelForClients)
	}
	if kept := subscriptionParams(plan, &plan); kept.SetNewProtectionModelForClients != "" {
		t.Errorf("the clients' new model is sent only when a resold model is lost; got %q", kept.SetNewProtectionModelForClients)
	}
}
