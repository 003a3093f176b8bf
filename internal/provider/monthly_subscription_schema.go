package provider

// The schema of gravityzone_monthly_subscription and its documentation.

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type monthlySubscriptionModel struct {
	ID                           types.String `tfsdk:"id"`
	CompanyID                    types.String `tfsdk:"company_id"`
	NewProtectionModelForClients types.String `tfsdk:"new_protection_model_for_clients"`
	subscriptionSettings
}

var monthlySubscriptionDescription = "The monthly subscription of one GravityZone company and its add-ons: " +
	"`licensing.setMonthlySubscription` writes it, `licensing.getLicenseInfo` reads it. Use one per company.\n\n" +
	"**Create** moves the company to a monthly subscription (licence type 3), from a trial or a yearly licence " +
	"alike, and sets its add-ons. Every attribute but `company_id` changes in place; none is create-only. Every " +
	"create and update sends the complete desired state, because GravityZone " +
	"switches off the add-ons a request leaves out. On create, leaving `reserved_slots`, `end_subscription` or " +
	"`minimum_endpoint_usage` unset removes a reservation, end date or committed minimum the company already had, " +
	"so that the result is what the plan shows; the plan warns, naming each value it removes. The API key's own " +
	"company cannot be subscribed (a plan-time error).\n\n" +
	"**Dependencies.** The plan shows what GravityZone does with dependent add-ons (implications D1–D4 below) " +
	"wherever the configuration leaves them unset; a configuration GravityZone would refuse or silently change is " +
	"an error at plan time (D5–D11), before any API call. Rules whose inputs come from other resources are " +
	"checked at apply, still before any API call. The rules read the configuration with its defaults: they do not " +
	"rely on values GravityZone chose (such as a `protection_model` left unset).\n\n" +
	"| rule | |\n|---|---|\n" +
	"| D1 | `own_use.edr = true` plans `own_use.hyper_detect` and `own_use.sandbox_analyzer` true when unset |\n" +
	"| D2 | `resell.edr = true` plans `resell.hyper_detect` and `resell.sandbox_analyzer` true when unset |\n" +
	"| D3 | `mdr.own_use = \"" + mdrFoundations + "\"` plans `own_use.edr` true when unset (and so D1), and for a partner `mdr.resell` true |\n" +
	"| D4 | `protection_model` plans `resell_protection_models` as its default set when unset; with both unset GravityZone keeps the model and the resold models |\n" +
	"| D5 | the target of an implication may not be set to `false` |\n" +
	"| D6 | any `own_use.xdr_*` true requires `own_use.edr` true |\n" +
	"| D7 | `own_use.virtualized_environments_security` or `own_use.container_protection` true requires `protection_model = \"" + modelALaCarte + "\"` |\n" +
	"| D8 | `resell.container_protection` or `resell.virtualized_environments_security` true requires `" + modelALaCarte + "` in `resell_protection_models` |\n" +
	"| D9 | `protection_model` requires `product_type = \"" + productEndpointSecurity + "\"` |\n" +
	"| D10 | `resell_product_types` must contain `product_type`; `resell_protection_models` must contain the default set of `protection_model`, needs `protection_model` (or, with `" + productEDR + "`, `" + productEndpointSecurity + "` among `resell_product_types`, and then at least one model), and must contain `new_protection_model_for_clients` |\n" +
	"| D11 | `integrity_monitoring_retention_days` other than 7 requires `integrity_monitoring = true`; `auto_renew_period` requires `end_subscription` |\n\n" +
	"Reselling (`resell` members or `mdr.resell` set true, `resell_product_types` beyond `product_type`, " +
	"`resell_protection_models` beyond the set `protection_model` brings) is for partner companies: for a customer " +
	"it is refused before any write, at plan when the company exists, otherwise at apply before the request. " +
	"GravityZone checks more against the company's surroundings, and its errors are shown as they come: a " +
	"company can only use or resell what its parent resells, and MDR needs a parent that resells it.\n\n" +
	"**Read** refreshes every setting `getLicenseInfo` reports, so a change made in the console shows as drift in " +
	"the next plan. When the result reports nothing for a setting (leaves it out, or sends null):\n\n" +
	"| attribute | a read of a monthly subscription that reports nothing |\n|---|---|\n" +
	"| `reserved_slots`, `end_subscription`, `auto_renew_period`, `minimum_endpoint_usage` | null: GravityZone reports them only while they are set, so removing one in the console shows as drift (`minimum_endpoint_usage = 0` stays 0) |\n" +
	"| `new_protection_model_for_clients` | keeps its state value: GravityZone never reports it |\n" +
	"| `integrity_monitoring_retention_days` | `7` while `integrity_monitoring` is reported off (GravityZone reports the retention only while it is on); otherwise keeps its state value |\n" +
	"| `protection_model` | null for `product_type = \"" + productEDR + "\"`; otherwise keeps its state value |\n" +
	"| every other attribute | keeps its state value: GravityZone reports it for every monthly subscription, and a result without it says nothing about it |\n\n" +
	"A company that no longer exists, or that is no longer on a monthly subscription, is removed from state with a " +
	"warning, and the next apply subscribes it again.\n\n" +
	"**Delete** cannot end a monthly subscription and does not delete the company: it sends one " +
	"`setMonthlySubscription` that switches every add-on off (own use and reselling), sets MDR to disabled and drops " +
	"the seat reservation and the committed minimum. The company stays on its base monthly subscription, billed for " +
	"its endpoints' usage; its end date and auto-renewal, product type and protection models stay as they are. The " +
	"plan that destroys it warns, listing these values (see the guide *Offboarding a customer*).\n\n" +
	"**Import** by company ID, by exact, case-sensitive company name (`name=Acme`) or by identity (the forms are under " +
	"*Import* below). Importing " +
	"a company that is not on a monthly subscription (a trial, for example) is an error that says so: create the " +
	"resource instead. `new_protection_model_for_clients` is not reported by the API and imports as null."

// Notes on own_use and resell members beyond their description.
var (
	ownUseNotes = map[string]string{
		edrMember:                           " Planned `true` when `mdr.own_use = \"" + mdrFoundations + "\"` (D3).",
		"hyper_detect":                      ` Planned ` + "`true`" + ` when ` + "`own_use.edr`" + ` is true (D1).`,
		"sandbox_analyzer":                  ` Planned ` + "`true`" + ` when ` + "`own_use.edr`" + ` is true (D1).`,
		"virtualized_environments_security": " Requires `protection_model = \"" + modelALaCarte + "\"` (D7).",
		"container_protection":              " Requires `protection_model = \"" + modelALaCarte + "\"` (D7).",
		"xdr_identity_providers":            ` Requires ` + "`own_use.edr`" + ` (D6).`,
		"xdr_productivity_apps":             ` Requires ` + "`own_use.edr`" + ` (D6).`,
		"xdr_network":                       ` Requires ` + "`own_use.edr`" + ` (D6).`,
		"xdr_cloud_workloads":               ` Requires ` + "`own_use.edr`" + ` (D6).`,
	}
	resellNotes = map[string]string{
		"hyper_detect":                      ` Planned ` + "`true`" + ` when ` + "`resell.edr`" + ` is true (D2).`,
		"sandbox_analyzer":                  ` Planned ` + "`true`" + ` when ` + "`resell.edr`" + ` is true (D2).`,
		"virtualized_environments_security": " Requires `" + modelALaCarte + "` in `resell_protection_models` (D8).",
		"container_protection":              " Requires `" + modelALaCarte + "` in `resell_protection_models` (D8).",
		"xdr":                               ` Lets managed companies use the XDR sensors.`,
	}
)

func resourceSwitchAttributes[Info, Param any](switches []nestedSwitch[Info, Param], describe func(addOnFlag) string, notes map[string]string) map[string]schema.Attribute {
	attributes := make(map[string]schema.Attribute, len(switches))
	for _, sw := range switches {
		attributes[sw.attribute] = schema.BoolAttribute{
			MarkdownDescription: describe(sw.addOnFlag) + " Default `false`." + notes[sw.attribute],
			Optional:            true,
			Computed:            true,
		}
	}
	return attributes
}

func (r *monthlySubscriptionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	modelValues := protectionModels.terraformValues()
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Equals `company_id`.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"company_id": schema.StringAttribute{
			MarkdownDescription: "ID of the company (API `companyId`); the API key's own company cannot be subscribed. " +
				"Changing it replaces this resource: the old company's add-ons are switched off and the new company is " +
				"subscribed. The companies themselves are never replaced.",
			Required:      true,
			Validators:    []validator.String{companyIDValidator{}},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"reserved_slots": schema.Int64Attribute{
			MarkdownDescription: "Seats reserved for the company from its parent's pool (API `reservedSlots`), at least 1. " +
				"Null means dynamic provisioning: seats come from the parent's pool without a cap and are billed on usage. " +
				"Going from a value to null sends `removeReservedSlots: true`, and so does creating this resource without it. " +
				"A reservation cannot exceed what the parent can still reserve when the parent has a reservation itself. " +
				"A reservation removed outside Terraform shows as drift in the next plan.",
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		},
		"minimum_endpoint_usage": schema.Int64Attribute{
			MarkdownDescription: "Endpoints the company commits to pay for every month (API `minimumUsage.endpointMonthlyUsage`), " +
				"0 or more. Null means no commitment: removing it (or creating this resource without it) sends 0, which " +
				"removes a commitment.",
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(0)},
		},
		"end_subscription": schema.StringAttribute{
			MarkdownDescription: "End date of the subscription, `YYYY-MM-DD` in UTC (API `endSubscription`); GravityZone " +
				"refuses a date in the past, so a plan that writes the subscription with one is an error (a plan that " +
				"changes nothing is not). Null means no end date: removing it (or creating this resource without it) " +
				"sends `''`, which removes an end date and its auto-renewal.",
			Optional:   true,
			Validators: []validator.String{dateValidator{}},
		},
		"auto_renew_period": schema.Int64Attribute{
			MarkdownDescription: "Months the subscription renews for at its end date (API `autoRenewPeriod`), 0 or more; `0` " +
				"turns auto-renewal off. Only with `end_subscription` (D11); default `12` when `end_subscription` is set, " +
				"null otherwise.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.Int64{int64validator.AtLeast(0)},
		},
		"product_type": schema.StringAttribute{
			MarkdownDescription: "Product the company uses (API `assignedProductType`): " + productTypes.markdown() +
				", the Bitdefender EDR standalone product. Default `" + productEndpointSecurity + "`.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOf(productTypes.terraformValues()...)},
		},
		"resell_product_types": schema.SetAttribute{
			MarkdownDescription: "Products the company may assign to the companies it manages (API `additionalProductTypes`), " +
				"values as in `product_type`. Must contain `product_type` (D10); default `[product_type]`. More than that " +
				"is for partner companies.",
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Validators: []validator.Set{setvalidator.ValueStringsAre(
				stringvalidator.OneOf(productTypes.terraformValues()...))},
		},
		"protection_model": schema.StringAttribute{
			MarkdownDescription: "The company's protection model (API `assignedProtectionModel`): " + protectionModels.markdown() +
				". Only with `product_type = \"" + productEndpointSecurity + "\"` (D9). When unset, GravityZone keeps the current model, " +
				"or picks one for a company that has none (the first its parent resells; known after apply); with " +
				"`product_type = \"" + productEDR + "\"` it is null.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOf(modelValues...)},
		},
		"resell_protection_models": schema.SetAttribute{
			MarkdownDescription: "Protection models the company may assign to its clients (API `additionalProtectionModels`). " +
				"It must contain, and by default is, the set that `protection_model` brings (D4, D10): " +
				defaultResoldModelsMarkdown() + ". More than that is for partner companies. Setting it requires " +
				"`protection_model`, or with `product_type = \"" + productEDR + "\"` `" + productEndpointSecurity + "` " +
				"among `resell_product_types` (D10). When both are unset GravityZone keeps the current set (or derives it " +
				"for a company that gets a model only now); with `" + productEDR + "` and no Endpoint Security to resell it is null.",
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Validators:  []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(modelValues...))},
		},
		"new_protection_model_for_clients": schema.StringAttribute{
			MarkdownDescription: "Protection model that client companies move to when an update removes a model they use " +
				"from `resell_protection_models` (API `setNewProtectionModelForClients`); GravityZone refuses that update " +
				"without it. Sent only when `resell_protection_models` loses a model; must be one of them (D10). " +
				"Values as in `protection_model`. Not reported by the API: kept as configured, null after import.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOf(modelValues...)},
		},
		"integrity_monitoring_retention_days": schema.Int64Attribute{
			MarkdownDescription: "Days Integrity Monitoring keeps its events (API `imDataRetention`): " +
				integrityMonitoringRetention.markdown() + ". Default `7`; other values require " +
				"`integrity_monitoring = true` (D11).",
			Optional:   true,
			Computed:   true,
			Validators: []validator.Int64{int64validator.OneOf(integrityMonitoringRetention.terraformValues()...)},
		},
		"own_use": schema.SingleNestedAttribute{
			MarkdownDescription: "Add-ons for the company's own endpoints (API `ownUse`, always sent in full). Unset " +
				"members are `false` unless an implication plans them `true` (D1, D3).",
			Optional:   true,
			Computed:   true,
			Attributes: resourceSwitchAttributes(ownUseSwitches, addOnFlag.ownUseDescription, ownUseNotes),
		},
		"resell": schema.SingleNestedAttribute{
			MarkdownDescription: "Add-ons the company may resell to the companies it manages (API `resell`, always sent in " +
				"full). For partner companies: a customer's members must stay `false`. Unset members are `false` unless " +
				"an implication plans them `true` (D2).",
			Optional:   true,
			Computed:   true,
			Attributes: resourceSwitchAttributes(resellSwitches, addOnFlag.resellDescription, resellNotes),
		},
		"mdr": schema.SingleNestedAttribute{
			MarkdownDescription: "Managed Detection and Response (API `licensedServices`, always sent). MDR needs a parent " +
				"that resells it, and `can_be_managed_by_above` on the company and every company above it.",
			Optional: true,
			Computed: true,
			Attributes: map[string]schema.Attribute{
				mdrOwnUseMember: schema.StringAttribute{
					MarkdownDescription: "MDR for the company's own use (API `licensedServices.mdrServiceOwnUse`): " +
						mdrOwnUseLevels.markdown() + ". Default `" + mdrDisabled + "`. `" + mdrFoundations + "` plans `own_use.edr` true (D3) " +
						"and, for a partner, `mdr.resell` true.",
					Optional:   true,
					Computed:   true,
					Validators: []validator.String{stringvalidator.OneOf(mdrOwnUseLevels.terraformValues()...)},
				},
				mdrResellMember: schema.BoolAttribute{
					MarkdownDescription: "Whether the company may resell MDR to the companies it manages (API " +
						"`licensedServices.mdrServiceResell`; partners only). Default `false`; planned `true` for a partner " +
						"with `own_use = \"" + mdrFoundations + "\"`, which GravityZone lets resell MDR (D3).",
					Optional: true,
					Computed: true,
				},
			},
		},
	}
	for _, sw := range topLevelSwitches {
		attributes[sw.attribute] = schema.BoolAttribute{
			MarkdownDescription: sw.topLevelDescription() + " Default `false`.",
			Optional:            true,
			Computed:            true,
		}
	}
	resp.Schema = schema.Schema{MarkdownDescription: monthlySubscriptionDescription, Attributes: attributes}
}
