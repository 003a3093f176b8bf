package provider

import (
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The dependency rules of gravityzone_monthly_subscription (D1–D11), written from the vendor's
// documentation independently of the simulator's implementation of the same rules.
//
// Implications (D1–D4) fill what a configuration leaves unset, so that the plan shows what
// GravityZone will do. Preconditions (D5–D11) reject, before any API call, a configuration that
// GravityZone would refuse or silently change. Both read the configuration with its defaults and
// implications filled in (desiredSubscription). A precondition whose inputs are unknown is skipped;
// it runs again at apply, when they are known.

// Defaults the rules apply.
const defaultAutoRenewMonths = 12

// memberPath names a member of own_use, resell or mdr, as users write it: own_use.edr.
type memberPath struct{ object, member string }

func (p memberPath) String() string { return p.object + "." + p.member }

func (p memberPath) attributePath() path.Path { return path.Root(p.object).AtName(p.member) }

// nestedMembers holds the members of own_use, resell and mdr while a plan is computed.
type nestedMembers map[string]map[string]attr.Value

func nestedMembersOf(s subscriptionSettings) nestedMembers {
	return nestedMembers{
		"own_use": s.OwnUse.Attributes(),
		"resell":  s.Resell.Attributes(),
		"mdr":     s.MDR.Attributes(),
	}
}

func (m nestedMembers) at(p memberPath) attr.Value { return m[p.object][p.member] }

// implication: while the trigger member has the value when, GravityZone turns every target on.
type implication struct {
	rule    string
	trigger memberPath
	when    attr.Value
	targets []memberPath
	// why explains GravityZone's behaviour in error messages.
	why string
}

// implications apply in this order, so that the EDR that D3 brings brings D1's companions.
var implications = []implication{
	{
		rule: "D3", trigger: memberPath{"mdr", mdrOwnUseMember}, when: types.StringValue(mdrFoundations),
		targets: []memberPath{{"own_use", edrMember}},
		why:     "MDR Foundations works through EDR, so GravityZone turns EDR on with it",
	},
	{
		rule: "D1", trigger: memberPath{"own_use", edrMember}, when: types.BoolValue(true),
		targets: []memberPath{{"own_use", "hyper_detect"}, {"own_use", "sandbox_analyzer"}},
		why:     "EDR needs HyperDetect and Sandbox Analyzer, so GravityZone turns them on with it",
	},
	{
		rule: "D2", trigger: memberPath{"resell", edrMember}, when: types.BoolValue(true),
		targets: []memberPath{{"resell", "hyper_detect"}, {"resell", "sandbox_analyzer"}},
		why:     "reselling EDR needs reselling HyperDetect and Sandbox Analyzer, so GravityZone turns them on with it",
	},
}

// holds tells whether the trigger has its value: true, false, or unknown while the trigger is.
func (i implication) holds(m nestedMembers) types.Bool {
	value := m.at(i.trigger)
	if value == nil || value.IsUnknown() {
		return types.BoolUnknown()
	}
	return types.BoolValue(value.Equal(i.when))
}

func (i implication) condition() string { return i.trigger.String() + " = " + i.when.String() }

// desiredSubscription is the configuration with every unset attribute filled in: defaults,
// implications (D1–D4), and the defaults that depend on other attributes. It depends on the
// configuration alone. An unset protection_model stays null here, since GravityZone chooses the
// model then (planSubscription plans its choice).
func desiredSubscription(cfg monthlySubscriptionModel) (monthlySubscriptionModel, diag.Diagnostics) {
	d := cfg
	d.ProductType = stringOr(cfg.ProductType, productEndpointSecurity)
	if cfg.ResellProductTypes.IsNull() {
		d.ResellProductTypes = setOfOne(d.ProductType)
	}
	if cfg.ResellProtectionModels.IsNull() { // D4
		d.ResellProtectionModels = defaultResoldModelSet(d.ProtectionModel)
	}
	if cfg.AutoRenewPeriod.IsNull() && !cfg.EndSubscription.IsNull() {
		d.AutoRenewPeriod = types.Int64Value(defaultAutoRenewMonths)
		if cfg.EndSubscription.IsUnknown() {
			d.AutoRenewPeriod = types.Int64Unknown()
		}
	}
	for _, sw := range topLevelSwitches {
		*sw.setting(&d.subscriptionSettings) = boolOr(*sw.setting(&cfg.subscriptionSettings), false)
	}
	if cfg.IntegrityMonitoringRetentionDays.IsNull() {
		d.IntegrityMonitoringRetentionDays = types.Int64Value(defaultRetentionDays)
	}

	members := nestedMembers{
		"own_use": switchesOrFalse(ownUseSwitches, cfg.OwnUse),
		"resell":  switchesOrFalse(resellSwitches, cfg.Resell),
		"mdr": {
			mdrOwnUseMember: stringOr(mdrOwnUseLevel(cfg.MDR), mdrDisabled),
			mdrResellMember: boolOr(boolMember(cfg.MDR, mdrResellMember), false),
		},
	}
	configured := nestedMembersOf(cfg.subscriptionSettings)
	for _, imp := range implications {
		holds := imp.holds(members)
		for _, target := range imp.targets {
			if !memberUnset(cfg.subscriptionSettings, configured, target) {
				continue // an implication fills only what the configuration leaves unset
			}
			switch {
			case isTrue(holds):
				members[target.object][target.member] = types.BoolValue(true)
			case holds.IsUnknown():
				members[target.object][target.member] = types.BoolUnknown()
			}
		}
	}
	var diags diag.Diagnostics
	d.OwnUse = objectOf(ownUseAttributeTypes(), members["own_use"], &diags)
	d.Resell = objectOf(resellAttributeTypes(), members["resell"], &diags)
	d.MDR = objectOf(mdrAttributeTypes(), members["mdr"], &diags)
	return d, diags
}

// memberUnset tells whether the configuration leaves a member null (an unknown object counts as
// set: its members are unknown, not unset).
func memberUnset(cfg subscriptionSettings, configured nestedMembers, p memberPath) bool {
	object := cfg.object(p.object)
	if object.IsNull() {
		return true
	}
	if object.IsUnknown() {
		return false
	}
	value := configured.at(p)
	return value == nil || value.IsNull()
}

// planSubscription is the plan for a configuration: desiredSubscription, plus what GravityZone
// decides where the configuration leaves it open. prior is the current state, nil when the
// subscription is being created. companyIsPartner is asked only when the plan depends on it.
func planSubscription(cfg monthlySubscriptionModel, prior *monthlySubscriptionModel, companyIsPartner func() types.Bool) (monthlySubscriptionModel, diag.Diagnostics) {
	plan, diags := desiredSubscription(cfg)
	plan.ID = cfg.CompanyID
	if cfg.ProtectionModel.IsNull() {
		plan.ProtectionModel = serverProtectionModel(plan.ProductType, prior)
	}
	if cfg.ResellProtectionModels.IsNull() {
		plan.ResellProtectionModels = serverResoldModels(cfg, plan, prior)
	}
	planPartnerMDRResell(cfg, &plan, companyIsPartner, &diags)
	return plan, diags
}

// serverProtectionModel is the model of an Endpoint Security company whose configuration names
// none: GravityZone keeps the current one, or picks one (from what the parent resells) for a company
// that has none yet, which is known only after apply. The Bitdefender EDR product has no models (R21).
func serverProtectionModel(productType types.String, prior *monthlySubscriptionModel) types.String {
	switch {
	case productType.IsUnknown():
		return types.StringUnknown()
	case productType.ValueString() != productEndpointSecurity:
		return types.StringNull()
	case prior != nil && prior.ProductType.ValueString() == productEndpointSecurity && !prior.ProtectionModel.IsNull():
		return prior.ProtectionModel
	default:
		return types.StringUnknown()
	}
}

// serverResoldModels is resell_protection_models when the configuration leaves it unset. With a
// configured protection_model it is that model's default set (D4). Without one GravityZone keeps
// the resold models along with the model (both are sent back unchanged), or, for a company that gets
// a model only now, derives them (known after apply). The Bitdefender EDR product has no model: a
// company that resells Endpoint Security keeps the models it resells (a request cannot carry an
// empty list), any other has none.
func serverResoldModels(cfg, plan monthlySubscriptionModel, prior *monthlySubscriptionModel) types.Set {
	resellsEndpointSecurity := setContains(plan.ResellProductTypes, productEndpointSecurity)
	modelKept := prior != nil && !plan.ProtectionModel.IsNull() && !plan.ProtectionModel.IsUnknown()
	switch {
	case !cfg.ProtectionModel.IsNull():
		return defaultResoldModelSet(cfg.ProtectionModel)
	case plan.ProductType.IsUnknown():
		return types.SetUnknown(types.StringType)
	case plan.ProductType.ValueString() == productEndpointSecurity && modelKept:
		return prior.ResellProtectionModels
	case plan.ProductType.ValueString() == productEndpointSecurity:
		return types.SetUnknown(types.StringType)
	case resellsEndpointSecurity.IsUnknown():
		return types.SetUnknown(types.StringType)
	case !resellsEndpointSecurity.ValueBool():
		return types.SetNull(types.StringType)
	case prior != nil:
		return prior.ResellProtectionModels
	default:
		return types.SetUnknown(types.StringType)
	}
}

// planPartnerMDRResell plans mdr.resell where MDR Foundations may be in use: GravityZone lets a
// partner that uses MDR resell it too, and turns that on (part of D3); a customer never resells.
// Configuring false for such a partner is a conflict, as in D5.
func planPartnerMDRResell(cfg monthlySubscriptionModel, plan *monthlySubscriptionModel, companyIsPartner func() types.Bool, diags *diag.Diagnostics) {
	foundations := stringEquals(mdrOwnUseLevel(plan.MDR), mdrFoundations)
	configured := boolMember(cfg.MDR, mdrResellMember)
	if isFalse(foundations) || configured.IsUnknown() || isTrue(configured) {
		return // the plan does not depend on the company type
	}
	partner := companyIsPartner()
	if isFalse(configured) {
		if isTrue(foundations) && isTrue(partner) {
			addRuleError(diags, "D3", memberPath{"mdr", mdrResellMember}.attributePath(), conflictSummary,
				fmt.Sprintf("mdr.resell = false conflicts with mdr.own_use = %q: GravityZone lets a partner company "+
					"that uses MDR Foundations resell it too, and turns mdr.resell on. Remove mdr.resell from the "+
					"configuration (it is then planned true) or set it to true; or set mdr.own_use = %q.",
					mdrFoundations, mdrDisabled))
		}
		return
	}
	implied := types.BoolUnknown()
	switch {
	case isFalse(partner):
		implied = types.BoolValue(false)
	case isTrue(partner) && isTrue(foundations):
		implied = types.BoolValue(true)
	}
	members := plan.MDR.Attributes()
	members[mdrResellMember] = implied
	plan.MDR = objectOf(mdrAttributeTypes(), members, diags)
}

// checkPreconditions runs D5–D11 on a configuration. It runs at validation, skipping what is still
// unknown, and again before every write.
func checkPreconditions(cfg monthlySubscriptionModel) diag.Diagnostics {
	desired, diags := desiredSubscription(cfg)
	if diags.HasError() {
		return diags
	}
	for _, check := range preconditions {
		check(cfg, desired, &diags)
	}
	return diags
}

// preconditions are D5–D11, one function each.
var preconditions = []func(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics){
	forbidDisablingImpliedAddOns,         // D5
	requireEDRForXDRSensors,              // D6
	requireALaCarteForOwnUse,             // D7
	requireALaCarteForReselling,          // D8
	requireEndpointSecurityForModel,      // D9
	requireCompleteResoldSets,            // D10
	requireIntegrityMonitoringAndEndDate, // D11
}

// Summaries of the precondition errors.
const (
	conflictSummary           = "Add-on setting conflicts with an implied add-on"
	xdrSummary                = "XDR sensors need EDR"
	ownALaCarteSummary        = "Add-on needs the aLaCarte protection model"
	resellALaCarteSummary     = "Reselling needs aLaCarte among the resold protection models"
	modelProductSummary       = "Protection model needs Endpoint Security"
	resoldSetSummary          = "Incomplete resold product types or protection models"
	retentionSummary          = "Integrity monitoring retention needs integrity monitoring"
	autoRenewSummary          = "Auto-renewal needs an end date"
	clientModelSummary        = "Clients can only move to a resold protection model"
	modelsWithoutModelSummary = "Resold protection models need a protection model"
)

func addRuleError(diags *diag.Diagnostics, rule string, at path.Path, summary, detail string) {
	diags.AddAttributeError(at, summary, detail+" (rule "+rule+")")
}

// forbidDisablingImpliedAddOns is D5: a target of an implication that holds may not be configured false.
func forbidDisablingImpliedAddOns(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	members := nestedMembersOf(desired.subscriptionSettings)
	configured := nestedMembersOf(cfg.subscriptionSettings)
	for _, imp := range implications {
		if !isTrue(imp.holds(members)) {
			continue
		}
		trigger := imp.condition()
		if memberUnset(cfg.subscriptionSettings, configured, imp.trigger) {
			trigger += fmt.Sprintf(" (which %s turns on)", impliedBy(imp.trigger, members))
		}
		for _, target := range imp.targets {
			if value, ok := configured.at(target).(types.Bool); ok && isFalse(value) {
				addRuleError(diags, "D5", target.attributePath(), conflictSummary,
					fmt.Sprintf("%s = false conflicts with %s: %s (rule %s). Remove %s from the configuration (it is "+
						"then planned true) or set it to true; or turn %s off.",
						target, trigger, imp.why, imp.rule, target, imp.trigger))
			}
		}
	}
}

// impliedBy names the condition that turned an unset member on.
func impliedBy(target memberPath, members nestedMembers) string {
	for _, imp := range implications {
		if slices.Contains(imp.targets, target) && isTrue(imp.holds(members)) {
			return imp.condition()
		}
	}
	return "another setting"
}

// xdrSensors are the own_use members that need EDR (D6).
var xdrSensors = []string{"xdr_identity_providers", "xdr_productivity_apps", "xdr_network", "xdr_cloud_workloads"}

// requireEDRForXDRSensors is D6.
func requireEDRForXDRSensors(_, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	if !isFalse(boolMember(desired.OwnUse, edrMember)) {
		return
	}
	for _, sensor := range xdrSensors {
		if isTrue(boolMember(desired.OwnUse, sensor)) {
			p := memberPath{"own_use", sensor}
			addRuleError(diags, "D6", p.attributePath(), xdrSummary,
				fmt.Sprintf("%s = true requires own_use.edr = true: XDR sensors feed EDR. Set own_use.edr = true (or "+
					"mdr.own_use = %q, which turns it on), or set %s to false.", p, mdrFoundations, p))
		}
	}
}

// requireALaCarteForOwnUse is D7: Security for Virtualized Environments and Container Protection
// for own use come only with the aLaCarte model, which the configuration must name.
func requireALaCarteForOwnUse(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	model := cfg.ProtectionModel
	if model.IsUnknown() || model.ValueString() == modelALaCarte {
		return
	}
	current := "it is not set, so GravityZone would choose it"
	if !model.IsNull() {
		current = fmt.Sprintf("it is %q", model.ValueString())
	}
	for _, member := range []string{"virtualized_environments_security", "container_protection"} {
		if isTrue(boolMember(desired.OwnUse, member)) {
			p := memberPath{"own_use", member}
			addRuleError(diags, "D7", p.attributePath(), ownALaCarteSummary,
				fmt.Sprintf("%s = true requires protection_model = %q (%s): GravityZone offers it for own use "+
					"only with the à la carte model. Set protection_model = %q, or set %s to false.",
					p, modelALaCarte, current, modelALaCarte, p))
		}
	}
}

// requireALaCarteForReselling is D8: a partner resells Container Protection (and, by R15, Security
// for Virtualized Environments) only if it can give its clients the aLaCarte model.
func requireALaCarteForReselling(_, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	models := desired.ResellProtectionModels
	if models.IsUnknown() || isTrue(setContains(models, modelALaCarte)) {
		return
	}
	current := "it is not set and protection_model gives it no default"
	if !models.IsNull() {
		current = "it is [" + quotedList(setStrings(models)) + "]"
	}
	for _, member := range []string{"container_protection", "virtualized_environments_security"} {
		if isTrue(boolMember(desired.Resell, member)) {
			p := memberPath{"resell", member}
			addRuleError(diags, "D8", p.attributePath(), resellALaCarteSummary,
				fmt.Sprintf("%s = true requires %q in resell_protection_models (%s): clients get this add-on only "+
					"with the à la carte model. Add %q to resell_protection_models (or set protection_model = "+
					"%q), or set %s to false.", p, modelALaCarte, current, modelALaCarte, modelALaCarte, p))
		}
	}
}

// requireEndpointSecurityForModel is D9.
func requireEndpointSecurityForModel(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	if cfg.ProtectionModel.IsNull() || cfg.ProtectionModel.IsUnknown() || desired.ProductType.IsUnknown() || desired.ProductType.ValueString() == productEndpointSecurity {
		return
	}
	addRuleError(diags, "D9", path.Root("protection_model"), modelProductSummary,
		fmt.Sprintf("protection_model requires product_type = %q: protection models exist only for "+
			"Endpoint Security, and product_type is %q. Remove protection_model, or set product_type = %q.",
			productEndpointSecurity, desired.ProductType.ValueString(), productEndpointSecurity))
}

// requireCompleteResoldSets is D10: what a company uses, it may resell; the models its own model
// brings cannot be dropped; and the resold models must be sendable and name the clients' new model.
func requireCompleteResoldSets(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	product := desired.ProductType
	if !product.IsUnknown() && isFalse(setContains(desired.ResellProductTypes, product.ValueString())) {
		addRuleError(diags, "D10", path.Root("resell_product_types"), resoldSetSummary,
			fmt.Sprintf("resell_product_types must contain product_type (%q): a company may always resell the product "+
				"it uses. Add %q to resell_product_types, or remove resell_product_types to resell product_type only.",
				product.ValueString(), product.ValueString()))
	}

	configuredModels := cfg.ResellProtectionModels
	model := cfg.ProtectionModel
	if !model.IsNull() && !model.IsUnknown() && !configuredModels.IsNull() && !configuredModels.IsUnknown() {
		var missing []string
		for _, m := range defaultResoldModels[model.ValueString()] {
			if !isTrue(setContains(configuredModels, m)) {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			addRuleError(diags, "D10", path.Root("resell_protection_models"), resoldSetSummary,
				fmt.Sprintf("resell_protection_models must contain %s: protection_model = %q makes them resellable and "+
					"GravityZone does not let them go while it is assigned. Add them to resell_protection_models, or "+
					"remove resell_protection_models to resell exactly those.",
					quotedList(missing), model.ValueString()))
		}
	}

	if !configuredModels.IsNull() && !configuredModels.IsUnknown() && model.IsNull() && !product.IsUnknown() {
		switch {
		case product.ValueString() == productEndpointSecurity:
			addRuleError(diags, "D10", path.Root("resell_protection_models"), modelsWithoutModelSummary,
				"resell_protection_models requires protection_model: GravityZone accepts the resold protection models only "+
					"together with the company's own model. Set protection_model, or remove resell_protection_models.")
		case len(configuredModels.Elements()) > 0 && isFalse(setContains(desired.ResellProductTypes, productEndpointSecurity)):
			addRuleError(diags, "D10", path.Root("resell_protection_models"), modelsWithoutModelSummary,
				fmt.Sprintf("resell_protection_models requires %q in resell_product_types when product_type = %q: "+
					"protection models belong to Endpoint Security. Add %q to resell_product_types, or "+
					"remove resell_protection_models.", productEndpointSecurity, productEDR, productEndpointSecurity))
		case len(configuredModels.Elements()) == 0 && isTrue(setContains(desired.ResellProductTypes, productEndpointSecurity)):
			addRuleError(diags, "D10", path.Root("resell_protection_models"), resoldSetSummary,
				fmt.Sprintf("resell_protection_models must name at least one model while resell_product_types includes "+
					"%q: clients of Endpoint Security need a protection model. Add one, or remove "+
					"resell_protection_models to keep the current ones.", productEndpointSecurity))
		}
	}

	newModel := cfg.NewProtectionModelForClients
	if !newModel.IsNull() && !newModel.IsUnknown() && isFalse(setContains(desired.ResellProtectionModels, newModel.ValueString())) {
		current := "is not set"
		if !desired.ResellProtectionModels.IsNull() {
			current = "is [" + quotedList(setStrings(desired.ResellProtectionModels)) + "]"
		}
		addRuleError(diags, "D10", path.Root("new_protection_model_for_clients"), clientModelSummary,
			fmt.Sprintf("new_protection_model_for_clients = %q must be one of resell_protection_models, which %s: "+
				"clients can only be moved to a model the company still resells. Choose one of resell_protection_models, "+
				"or add %q to it.", newModel.ValueString(), current, newModel.ValueString()))
	}
}

// requireIntegrityMonitoringAndEndDate is D11.
func requireIntegrityMonitoringAndEndDate(cfg, desired monthlySubscriptionModel, diags *diag.Diagnostics) {
	retention := desired.IntegrityMonitoringRetentionDays
	if !retention.IsUnknown() && retention.ValueInt64() != defaultRetentionDays && isFalse(desired.IntegrityMonitoring) {
		addRuleError(diags, "D11", path.Root("integrity_monitoring_retention_days"), retentionSummary,
			fmt.Sprintf("integrity_monitoring_retention_days = %d requires integrity_monitoring = true: the retention is "+
				"a setting of Integrity Monitoring. Set integrity_monitoring = true, or remove "+
				"integrity_monitoring_retention_days (default %d).", retention.ValueInt64(), defaultRetentionDays))
	}
	if !cfg.AutoRenewPeriod.IsNull() && !cfg.AutoRenewPeriod.IsUnknown() && cfg.EndSubscription.IsNull() {
		addRuleError(diags, "D11", path.Root("auto_renew_period"), autoRenewSummary,
			"auto_renew_period requires end_subscription: a subscription renews at its end date. Set end_subscription, "+
				"or remove auto_renew_period.")
	}
}

// Three-valued helpers: a types.Bool is true, false, or unknown (null counts as neither).

func isTrue(v types.Bool) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueBool() }

func isFalse(v types.Bool) bool { return !v.IsNull() && !v.IsUnknown() && !v.ValueBool() }

func boolOr(v types.Bool, fallback bool) types.Bool {
	if v.IsNull() {
		return types.BoolValue(fallback)
	}
	return v
}

func stringOr(v types.String, fallback string) types.String {
	if v.IsNull() {
		return types.StringValue(fallback)
	}
	return v
}

// stringEquals compares a value with a constant: unknown while the value is.
func stringEquals(v types.String, want string) types.Bool {
	if v.IsUnknown() {
		return types.BoolUnknown()
	}
	return types.BoolValue(!v.IsNull() && v.ValueString() == want)
}

// setContains tells whether a set holds a string: unknown while the set or an element is unknown,
// false for a null set.
func setContains(set types.Set, want string) types.Bool {
	if set.IsUnknown() {
		return types.BoolUnknown()
	}
	unknownElement := false
	for _, element := range set.Elements() {
		if element.IsUnknown() {
			unknownElement = true
		} else if element.Equal(types.StringValue(want)) {
			return types.BoolValue(true)
		}
	}
	if unknownElement {
		return types.BoolUnknown()
	}
	return types.BoolValue(false)
}

// setOfOne is the set holding one string, unknown while the string is.
func setOfOne(v types.String) types.Set {
	if v.IsUnknown() {
		return types.SetUnknown(types.StringType)
	}
	return stringSet([]string{v.ValueString()})
}

// defaultResoldModelSet is D4's default of resell_protection_models for a model: null without a
// model, unknown while the model is.
func defaultResoldModelSet(model types.String) types.Set {
	switch {
	case model.IsUnknown():
		return types.SetUnknown(types.StringType)
	case model.IsNull():
		return types.SetNull(types.StringType)
	}
	return stringSet(defaultResoldModels[model.ValueString()])
}

// switchesOrFalse is the members of own_use or resell with every unset member false; an unknown
// object has unknown members.
func switchesOrFalse[Info, Param any](switches []nestedSwitch[Info, Param], object types.Object) map[string]attr.Value {
	members := make(map[string]attr.Value, len(switches))
	for _, sw := range switches {
		members[sw.attribute] = boolOr(boolMember(object, sw.attribute), false)
	}
	return members
}
