package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// The subscription settings that gravityzone_monthly_subscription manages and gravityzone_license_info
// reports, under the same attribute names: the tables of add-on switches, the object types of the
// own_use, resell and mdr attributes (convert.go converts a getLicenseInfo result into them).

// subscriptionSettings are the attributes shared by the resource and the data source.
type subscriptionSettings struct {
	ReservedSlots                    types.Int64  `tfsdk:"reserved_slots"`
	MinimumEndpointUsage             types.Int64  `tfsdk:"minimum_endpoint_usage"`
	EndSubscription                  types.String `tfsdk:"end_subscription"`
	AutoRenewPeriod                  types.Int64  `tfsdk:"auto_renew_period"`
	ProductType                      types.String `tfsdk:"product_type"`
	ResellProductTypes               types.Set    `tfsdk:"resell_product_types"`
	ProtectionModel                  types.String `tfsdk:"protection_model"`
	ResellProtectionModels           types.Set    `tfsdk:"resell_protection_models"`
	ExchangeSecurity                 types.Bool   `tfsdk:"exchange_security"`
	FullDiskEncryption               types.Bool   `tfsdk:"full_disk_encryption"`
	PatchManagement                  types.Bool   `tfsdk:"patch_management"`
	EmailSecurity                    types.Bool   `tfsdk:"email_security"`
	MobileSecurity                   types.Bool   `tfsdk:"mobile_security"`
	IntegrityMonitoring              types.Bool   `tfsdk:"integrity_monitoring"`
	IntegrityMonitoringRetentionDays types.Int64  `tfsdk:"integrity_monitoring_retention_days"`
	OwnUse                           types.Object `tfsdk:"own_use"`
	Resell                           types.Object `tfsdk:"resell"`
	MDR                              types.Object `tfsdk:"mdr"`
}

// nullSubscriptionSettings has every attribute null, with the element and attribute types that
// sets and objects need.
func nullSubscriptionSettings() subscriptionSettings {
	return subscriptionSettings{
		ReservedSlots:                    types.Int64Null(),
		MinimumEndpointUsage:             types.Int64Null(),
		EndSubscription:                  types.StringNull(),
		AutoRenewPeriod:                  types.Int64Null(),
		ProductType:                      types.StringNull(),
		ResellProductTypes:               types.SetNull(types.StringType),
		ProtectionModel:                  types.StringNull(),
		ResellProtectionModels:           types.SetNull(types.StringType),
		ExchangeSecurity:                 types.BoolNull(),
		FullDiskEncryption:               types.BoolNull(),
		PatchManagement:                  types.BoolNull(),
		EmailSecurity:                    types.BoolNull(),
		MobileSecurity:                   types.BoolNull(),
		IntegrityMonitoring:              types.BoolNull(),
		IntegrityMonitoringRetentionDays: types.Int64Null(),
		OwnUse:                           types.ObjectNull(ownUseAttributeTypes()),
		Resell:                           types.ObjectNull(resellAttributeTypes()),
		MDR:                              types.ObjectNull(mdrAttributeTypes()),
	}
}

// addOnFlag is one add-on flag: its attribute name (inside its object for own_use and resell),
// its API member, and what it switches, for documentation.
type addOnFlag struct {
	attribute string
	apiField  string
	what      string
}

// topLevelSwitch is an add-on flag at the top level of the settings.
type topLevelSwitch struct {
	addOnFlag
	setting func(*subscriptionSettings) *types.Bool
	info    func(*client.LicenseInfo) *bool
	param   func(*client.MonthlySubscriptionParams) *bool
}

// nestedSwitch is a flag inside own_use (Info and Param are the client's ownUse types) or resell
// (the resell types).
type nestedSwitch[Info, Param any] struct {
	addOnFlag
	info  func(*Info) *bool
	param func(*Param) *bool
}

var topLevelSwitches = []topLevelSwitch{
	{addOnFlag{"exchange_security", "manageExchange", "Security for Exchange"},
		func(s *subscriptionSettings) *types.Bool { return &s.ExchangeSecurity },
		func(i *client.LicenseInfo) *bool { return i.ManageExchange },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManageExchange }},
	{addOnFlag{"full_disk_encryption", "manageEncryption", "Full Disk Encryption"},
		func(s *subscriptionSettings) *types.Bool { return &s.FullDiskEncryption },
		func(i *client.LicenseInfo) *bool { return i.ManageEncryption },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManageEncryption }},
	{addOnFlag{"patch_management", "managePatchManagement", "Patch Management"},
		func(s *subscriptionSettings) *types.Bool { return &s.PatchManagement },
		func(i *client.LicenseInfo) *bool { return i.ManagePatchManagement },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManagePatchManagement }},
	{addOnFlag{"email_security", "manageEmailSecurity", "Email Security"},
		func(s *subscriptionSettings) *types.Bool { return &s.EmailSecurity },
		func(i *client.LicenseInfo) *bool { return i.ManageEmailSecurity },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManageEmailSecurity }},
	{addOnFlag{"mobile_security", "manageMobileSecurity", "Mobile Security"},
		func(s *subscriptionSettings) *types.Bool { return &s.MobileSecurity },
		func(i *client.LicenseInfo) *bool { return i.ManageMobileSecurity },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManageMobileSecurity }},
	{addOnFlag{"integrity_monitoring", "manageIntegrityMonitoring", "Integrity Monitoring"},
		func(s *subscriptionSettings) *types.Bool { return &s.IntegrityMonitoring },
		func(i *client.LicenseInfo) *bool { return i.ManageIntegrityMonitoring },
		func(p *client.MonthlySubscriptionParams) *bool { return &p.ManageIntegrityMonitoring }},
}

var ownUseSwitches = []nestedSwitch[client.OwnUseInfo, client.OwnUse]{
	{addOnFlag{edrMember, "manageEventCorrelator", "EDR (Endpoint Detection and Response)"},
		func(i *client.OwnUseInfo) *bool { return i.ManageEventCorrelator },
		func(p *client.OwnUse) *bool { return &p.ManageEventCorrelator }},
	{addOnFlag{"hyper_detect", "manageHyperDetect", "HyperDetect"},
		func(i *client.OwnUseInfo) *bool { return i.ManageHyperDetect },
		func(p *client.OwnUse) *bool { return &p.ManageHyperDetect }},
	{addOnFlag{"sandbox_analyzer", "manageSandboxAnalyzer", "Sandbox Analyzer"},
		func(i *client.OwnUseInfo) *bool { return i.ManageSandboxAnalyzer },
		func(p *client.OwnUse) *bool { return &p.ManageSandboxAnalyzer }},
	{addOnFlag{"virtualized_environments_security", "manageRemoteEnginesScanning", "Security for Virtualized Environments"},
		func(i *client.OwnUseInfo) *bool { return i.ManageRemoteEnginesScanning },
		func(p *client.OwnUse) *bool { return &p.ManageRemoteEnginesScanning }},
	{addOnFlag{"container_protection", "manageContainerProtection", "Container Protection"},
		func(i *client.OwnUseInfo) *bool { return i.ManageContainerProtection },
		func(p *client.OwnUse) *bool { return &p.ManageContainerProtection }},
	{addOnFlag{"xdr_identity_providers", "manageXDRIdentityProviders", "XDR sensors for identity providers (Azure AD, Active Directory)"},
		func(i *client.OwnUseInfo) *bool { return i.ManageXDRIdentityProviders },
		func(p *client.OwnUse) *bool { return &p.ManageXDRIdentityProviders }},
	{addOnFlag{"xdr_productivity_apps", "manageXDRProductivityApps", "XDR sensors for productivity apps (Office 365, Google Workspace, Intune)"},
		func(i *client.OwnUseInfo) *bool { return i.ManageXDRProductivityApps },
		func(p *client.OwnUse) *bool { return &p.ManageXDRProductivityApps }},
	{addOnFlag{"xdr_network", "manageXDRNetwork", "XDR network sensors"},
		func(i *client.OwnUseInfo) *bool { return i.ManageXDRNetwork },
		func(p *client.OwnUse) *bool { return &p.ManageXDRNetwork }},
	{addOnFlag{"xdr_cloud_workloads", "manageXDRCloudWorkloads", "XDR sensors for cloud workloads (AWS, Azure)"},
		func(i *client.OwnUseInfo) *bool { return i.ManageXDRCloudWorkloads },
		func(p *client.OwnUse) *bool { return &p.ManageXDRCloudWorkloads }},
}

var resellSwitches = []nestedSwitch[client.ResellInfo, client.Resell]{
	{addOnFlag{edrMember, "manageEventCorrelatorResell", "EDR (Endpoint Detection and Response)"},
		func(i *client.ResellInfo) *bool { return i.ManageEventCorrelatorResell },
		func(p *client.Resell) *bool { return &p.ManageEventCorrelatorResell }},
	{addOnFlag{"hyper_detect", "manageHyperDetectResell", "HyperDetect"},
		func(i *client.ResellInfo) *bool { return i.ManageHyperDetectResell },
		func(p *client.Resell) *bool { return &p.ManageHyperDetectResell }},
	{addOnFlag{"sandbox_analyzer", "manageSandboxAnalyzerResell", "Sandbox Analyzer"},
		func(i *client.ResellInfo) *bool { return i.ManageSandboxAnalyzerResell },
		func(p *client.Resell) *bool { return &p.ManageSandboxAnalyzerResell }},
	{addOnFlag{"virtualized_environments_security", "manageRemoteEnginesScanningResell", "Security for Virtualized Environments"},
		func(i *client.ResellInfo) *bool { return i.ManageRemoteEnginesScanningResell },
		func(p *client.Resell) *bool { return &p.ManageRemoteEnginesScanningResell }},
	{addOnFlag{"container_protection", "manageContainerProtectionResell", "Container Protection"},
		func(i *client.ResellInfo) *bool { return i.ManageContainerProtectionResell },
		func(p *client.Resell) *bool { return &p.ManageContainerProtectionResell }},
	{addOnFlag{"xdr", "manageXDRResell", "XDR (eXtended Detection and Response)"},
		func(i *client.ResellInfo) *bool { return i.ManageXDRResell },
		func(p *client.Resell) *bool { return &p.ManageXDRResell }},
}

// Members that the rules refer to: EDR in own_use and resell, and the two members of mdr.
const (
	edrMember       = "edr"
	mdrOwnUseMember = "own_use"
	mdrResellMember = "resell"
)

func switchAttributeTypes[Info, Param any](switches []nestedSwitch[Info, Param]) map[string]attr.Type {
	attributeTypes := make(map[string]attr.Type, len(switches))
	for _, sw := range switches {
		attributeTypes[sw.attribute] = types.BoolType
	}
	return attributeTypes
}

func ownUseAttributeTypes() map[string]attr.Type { return switchAttributeTypes(ownUseSwitches) }

func resellAttributeTypes() map[string]attr.Type { return switchAttributeTypes(resellSwitches) }

func mdrAttributeTypes() map[string]attr.Type {
	return map[string]attr.Type{mdrOwnUseMember: types.StringType, mdrResellMember: types.BoolType}
}

// object returns own_use, resell or mdr by name.
func (s subscriptionSettings) object(name string) types.Object {
	switch name {
	case "own_use":
		return s.OwnUse
	case "resell":
		return s.Resell
	default:
		return s.MDR
	}
}

// objectOf builds an own_use, resell or mdr value from its members.
func objectOf(attributeTypes map[string]attr.Type, members map[string]attr.Value, diags *diag.Diagnostics) types.Object {
	object, d := types.ObjectValue(attributeTypes, members)
	diags.Append(d...)
	return object
}

// boolMember reads one flag of a nested object: unknown when the whole object is unknown, null
// when it is null.
func boolMember(object types.Object, name string) types.Bool {
	if object.IsUnknown() {
		return types.BoolUnknown()
	}
	if v, ok := object.Attributes()[name].(types.Bool); ok && !object.IsNull() {
		return v
	}
	return types.BoolNull()
}

// mdrOwnUseLevel reads mdr.own_use, as boolMember reads a flag.
func mdrOwnUseLevel(mdr types.Object) types.String {
	if mdr.IsUnknown() {
		return types.StringUnknown()
	}
	if v, ok := mdr.Attributes()[mdrOwnUseMember].(types.String); ok && !mdr.IsNull() {
		return v
	}
	return types.StringNull()
}

// Descriptions shared by the resource's and the data source's schemas.

func (s addOnFlag) ownUseDescription() string {
	return fmt.Sprintf("%s for the company's own endpoints (API `ownUse.%s`).", s.what, s.apiField)
}

func (s addOnFlag) resellDescription() string {
	return fmt.Sprintf("Whether the company may resell %s to the companies it manages (API `resell.%s`; partners only).", s.what, s.apiField)
}

func (s addOnFlag) topLevelDescription() string {
	return fmt.Sprintf("%s (API `%s`).", s.what, s.apiField)
}

// quotedList renders values for messages: "aLaCarte", "mspSecure".
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}

// stringSet builds a known set of strings.
func stringSet(values []string) types.Set {
	elements := make([]attr.Value, len(values))
	for i, v := range values {
		elements[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elements)
}

// setStrings lists a known set's strings; nil for a null or unknown set.
func setStrings(set types.Set) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	values := make([]string, 0, len(set.Elements()))
	for _, element := range set.Elements() {
		if s, ok := element.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			values = append(values, s.ValueString())
		}
	}
	return values
}

// withUnknownsAsNull replaces every unknown value, and every unknown member of own_use, resell and
// mdr, by null.
func (s subscriptionSettings) withUnknownsAsNull(diags *diag.Diagnostics) subscriptionSettings {
	for _, v := range []*types.Int64{&s.ReservedSlots, &s.MinimumEndpointUsage, &s.AutoRenewPeriod, &s.IntegrityMonitoringRetentionDays} {
		if v.IsUnknown() {
			*v = types.Int64Null()
		}
	}
	for _, v := range []*types.String{&s.EndSubscription, &s.ProductType, &s.ProtectionModel} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	for _, v := range []*types.Set{&s.ResellProductTypes, &s.ResellProtectionModels} {
		if v.IsUnknown() {
			*v = types.SetNull(types.StringType)
		}
	}
	for _, sw := range topLevelSwitches {
		if v := sw.setting(&s); v.IsUnknown() {
			*v = types.BoolNull()
		}
	}
	s.OwnUse = objectWithUnknownsAsNull(s.OwnUse, ownUseAttributeTypes(), diags)
	s.Resell = objectWithUnknownsAsNull(s.Resell, resellAttributeTypes(), diags)
	s.MDR = objectWithUnknownsAsNull(s.MDR, mdrAttributeTypes(), diags)
	return s
}

func objectWithUnknownsAsNull(object types.Object, attributeTypes map[string]attr.Type, diags *diag.Diagnostics) types.Object {
	if object.IsUnknown() {
		return types.ObjectNull(attributeTypes)
	}
	if object.IsNull() {
		return object
	}
	members := object.Attributes()
	for name, v := range members {
		if v.IsUnknown() {
			members[name] = nullOf(attributeTypes[name])
		}
	}
	return objectOf(attributeTypes, members, diags)
}

// nullOf is the null value of a member type of own_use, resell or mdr.
func nullOf(t attr.Type) attr.Value {
	if t.Equal(types.StringType) {
		return types.StringNull()
	}
	return types.BoolNull()
}
