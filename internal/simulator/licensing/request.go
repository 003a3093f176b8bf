package licensing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// Members the two requests accept, in the order they are checked.
var (
	sharedSubscriptionMembers = append(append([]string{"reservedSlots", "endSubscription", "autoRenewPeriod"}, topLevelFlags...),
		"imDataRetention", "licensedServices", "assignedProductType", "additionalProductTypes",
		"assignedProtectionModel", "additionalProtectionModels", "minimumUsage", "ownUse", "resell")
	createCompanyMembers          = append([]string{"type", "licenseKey"}, sharedSubscriptionMembers...)
	setMonthlySubscriptionMembers = append([]string{"companyId", "removeReservedSlots", "setNewProtectionModelForClients"}, sharedSubscriptionMembers...)
)

// membersBySubscriptionType says which license types accept a member at createCompany (choice 14); a
// setMonthlySubscription always yields type 3, which accepts them all.
var membersBySubscriptionType = map[string][]int{
	"licenseKey":                 {Yearly},                // R29
	"reservedSlots":              {Monthly, MonthlyTrial}, // R28
	"endSubscription":            {Monthly},               // R26
	"autoRenewPeriod":            {Monthly},               // R26
	"minimumUsage":               {Monthly},               // R27
	"licensedServices":           {Monthly},               // R17
	"assignedProductType":        {Monthly, MonthlyTrial}, // R19
	"additionalProductTypes":     {Monthly, MonthlyTrial}, // R19
	"assignedProtectionModel":    {Monthly},               // R21
	"additionalProtectionModels": {Monthly},               // R23
	"ownUse":                     {Monthly, MonthlyTrial}, // R16
	"resell":                     {Monthly, MonthlyTrial}, // R16
	"imDataRetention":            {Monthly, MonthlyTrial},
}

func addOnMembers(member func(*licenseAddOn) string) []string {
	var names []string
	for _, a := range licenseAddOns {
		if m := member(a); m != "" {
			names = append(names, m)
		}
	}
	return names
}

var (
	topLevelFlags = addOnMembers(func(a *licenseAddOn) string { return a.topLevel })
	ownUseMembers = addOnMembers(func(a *licenseAddOn) string { return a.ownUse })
	resellMembers = addOnMembers(func(a *licenseAddOn) string { return a.resell })
)

// request is a decoded licenseSubscription (createCompany) or setMonthlySubscription params object.
// Pointers and maps are nil when the member was omitted (or sent as null).
type request struct {
	set      *params.Set // names members in errors the way the caller sent them
	creating bool        // a createCompany licenseSubscription, not a setMonthlySubscription

	subscriptionType int // createCompany: sent type; setMonthlySubscription: always 3
	licenseKey       *string
	reservedSlots    *int
	removeReserved   bool
	endSubscription  *string
	autoRenewPeriod  *int
	minimumUsage     *int
	imDataRetention  *int
	topLevel         map[string]bool
	mdrOwnUse        *int
	mdrResell        *bool

	assignedProductType    *int
	additionalProductTypes []int
	assignedModel          *string
	additionalModels       []string
	newClientModel         *string

	ownUse map[string]bool
	resell map[string]bool
}

// decodeRequest checks member names, JSON types and enumerations, in the order of members.
func decodeRequest(set *params.Set, members []string) (*request, error) {
	if err := set.Allow(members...); err != nil {
		return nil, err
	}
	r := &request{set: set, topLevel: map[string]bool{}}
	for _, member := range members {
		if !set.Has(member) {
			continue
		}
		if err := r.decodeMember(member); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *request) errorf(path, format string, args ...any) *params.Error {
	return r.set.Errorf(path, format, args...)
}

func (r *request) name(path string) string { return r.set.Name(path) }

func (r *request) decodeMember(member string) error {
	p := r.set
	switch member {
	case "type":
		t, _, err := p.Int(member)
		if err != nil {
			return err
		}
		if _, known := subscriptionTypeNames[t]; !known {
			return r.errorf(member, "%s must be one of 1 (trial), 2 (license), 3 (monthly subscription), 4 (monthly license trial), 5 (monthly subscription trial) or 6 (FRAT); got %d.", p.Name(member), t)
		}
		r.subscriptionType = t
	case "licenseKey":
		return decodeInto(p.String, member, &r.licenseKey)
	case "companyId": // the caller resolves the company
	case "reservedSlots":
		return decodeInto(p.Int, member, &r.reservedSlots)
	case "removeReservedSlots":
		on, _, err := p.Bool(member)
		r.removeReserved = on
		return err
	case "endSubscription":
		return decodeInto(p.String, member, &r.endSubscription)
	case "autoRenewPeriod":
		if err := decodeInto(p.Int, member, &r.autoRenewPeriod); err != nil {
			return err
		}
		if *r.autoRenewPeriod < 0 {
			return r.errorf(member, "%s must be a number of months, 0 or more (0 turns auto-renewal off); got %d.", p.Name(member), *r.autoRenewPeriod)
		}
	case "imDataRetention":
		if err := decodeInto(p.Int, member, &r.imDataRetention); err != nil {
			return err
		}
		if _, known := imRetentionNames[*r.imDataRetention]; !known {
			return r.errorf(member, "%s must be 0 (7 days), 1 (90 days), 2 (180 days) or 3 (365 days); got %d.", p.Name(member), *r.imDataRetention)
		}
	case "manageIntegrityMonitoring":
		// Documented as Integer, sent as a boolean in the vendor's example: accept both (choice 18).
		on, _, err := p.BoolOrBit(member)
		r.topLevel[member] = on
		return err
	case "licensedServices":
		return r.decodeLicensedServices()
	case "assignedProductType":
		return decodeChecked(p.Int, member, &r.assignedProductType, r.checkProductType)
	case "additionalProductTypes":
		return r.decodeProductTypes()
	case "assignedProtectionModel":
		return decodeChecked(p.String, member, &r.assignedModel, r.checkModel)
	case "additionalProtectionModels":
		return r.decodeModels()
	case "setNewProtectionModelForClients":
		return decodeChecked(p.String, member, &r.newClientModel, r.checkModel)
	case "minimumUsage":
		return r.decodeMinimumUsage()
	case "ownUse":
		return r.decodeAddOnFlags(member, ownUseMembers, &r.ownUse)
	case "resell":
		return r.decodeAddOnFlags(member, resellMembers, &r.resell)
	default: // a top-level manage* flag
		on, _, err := p.Bool(member)
		r.topLevel[member] = on
		return err
	}
	return nil
}

// decodeInto reads member n with read and stores it in *target.
func decodeInto[T any](read func(string) (T, bool, error), n string, target **T) error {
	v, _, err := read(n)
	if err == nil {
		*target = &v
	}
	return err
}

// decodeChecked is decodeInto followed by check of the value.
func decodeChecked[T any](read func(string) (T, bool, error), n string, target **T, check func(path string, v T) error) error {
	if err := decodeInto(read, n, target); err != nil {
		return err
	}
	return check(n, **target)
}

// decodeCheckedList reads the array n with read and checks each element, named n[i].
func decodeCheckedList[T any](read func(string) ([]T, bool, error), n string, check func(path string, v T) error) ([]T, error) {
	items, _, err := read(n)
	if err != nil {
		return nil, err
	}
	for i, item := range items {
		if err := check(fmt.Sprintf("%s[%d]", n, i), item); err != nil {
			return nil, err
		}
	}
	return items, nil
}

func (r *request) decodeLicensedServices() error {
	services, _, err := r.set.Object("licensedServices")
	if err != nil {
		return err
	}
	if err := services.Allow("mdrServiceOwnUse", "mdrServiceResell"); err != nil {
		return err
	}
	if services.Has("mdrServiceOwnUse") {
		if err := decodeInto(services.Int, "mdrServiceOwnUse", &r.mdrOwnUse); err != nil {
			return err
		}
		if *r.mdrOwnUse != 0 && *r.mdrOwnUse != 1 {
			return services.Errorf("mdrServiceOwnUse", "%s must be 0 (disabled) or 1 (MDR Foundations); got %d.", services.Name("mdrServiceOwnUse"), *r.mdrOwnUse)
		}
	}
	if services.Has("mdrServiceResell") {
		return decodeInto(services.Bool, "mdrServiceResell", &r.mdrResell)
	}
	return nil
}

func (r *request) decodeMinimumUsage() error {
	usage, _, err := r.set.Object("minimumUsage")
	if err != nil {
		return err
	}
	if err := usage.Allow("endpointMonthlyUsage"); err != nil {
		return err
	}
	if !usage.Has("endpointMonthlyUsage") {
		return usage.Errorf("endpointMonthlyUsage", "%s is required inside minimumUsage; send 0 to remove the commitment.", usage.Name("endpointMonthlyUsage"))
	}
	if err := decodeInto(usage.Int, "endpointMonthlyUsage", &r.minimumUsage); err != nil {
		return err
	}
	if *r.minimumUsage < 0 {
		return usage.Errorf("endpointMonthlyUsage", "%s must be 0 or more; got %d.", usage.Name("endpointMonthlyUsage"), *r.minimumUsage)
	}
	return nil
}

// decodeAddOnFlags reads the ownUse or resell object: add-on members and their true/false values.
func (r *request) decodeAddOnFlags(object string, members []string, target *map[string]bool) error {
	flags, _, err := r.set.Object(object)
	if err != nil {
		return err
	}
	if err := flags.Allow(members...); err != nil {
		return err
	}
	*target = map[string]bool{}
	for _, name := range flags.Names() {
		if (*target)[name], _, err = flags.Bool(name); err != nil {
			return err
		}
	}
	return nil
}

func (r *request) decodeProductTypes() error {
	types, err := decodeCheckedList(r.set.IntList, "additionalProductTypes", r.checkProductType)
	r.additionalProductTypes = orderedProductTypes(types)
	return err
}

func (r *request) decodeModels() error {
	models, err := decodeCheckedList(r.set.StringList, "additionalProtectionModels", r.checkModel)
	r.additionalModels = orderedModels(models)
	return err
}

func (r *request) checkProductType(path string, t int) error {
	if _, known := productTypeNames[t]; !known {
		return r.errorf(path, "%s must be 0 (Endpoint Security) or 3 (Bitdefender EDR); got %d.", r.name(path), t)
	}
	return nil
}

func (r *request) checkModel(path, model string) error {
	if !slices.Contains(protectionModels, model) {
		return r.errorf(path, "%s must be one of %s (case-sensitive); got %q.", r.name(path), strings.Join(protectionModels, ", "), model)
	}
	return nil
}

// checkCreateType checks the createCompany license type against the company and the members sent.
func (r *request) checkCreateType(ctx Context) error {
	if !r.set.Has("type") {
		return r.errorf("type", "%s is required when licenseSubscription is sent: 1 (trial), 2 (license), 3 (monthly subscription), 4 (monthly license trial, partners) or 5 (monthly subscription trial, customers).", r.name("type"))
	}
	partner := ctx.CompanyType == 0
	switch { // R38
	case r.subscriptionType == MonthlyLicenseTrial && !partner:
		return r.errorf("type", "%s 4 (monthly license trial) is for partner companies; create a customer trial with type 5 (monthly subscription trial).", r.name("type"))
	case r.subscriptionType == MonthlyTrial && partner:
		return r.errorf("type", "%s 5 (monthly subscription trial) is for customer companies; create a partner trial with type 4 (monthly license trial).", r.name("type"))
	}
	for _, member := range createCompanyMembers {
		if !r.set.Has(member) {
			continue
		}
		types, limited := membersBySubscriptionType[member]
		if !limited && slices.Contains(topLevelFlags, member) {
			types, limited = []int{Monthly, MonthlyTrial}, true
		}
		if limited && !slices.Contains(types, r.subscriptionType) {
			allowed := make([]string, len(types))
			for i, t := range types {
				allowed[i] = subscriptionTypeNames[t]
			}
			return r.errorf(member, "%s applies only to license type %s; this request creates type %s.", r.name(member), strings.Join(allowed, " or "), subscriptionTypeNames[r.subscriptionType])
		}
	}
	if r.subscriptionType == Yearly && (r.licenseKey == nil || strings.TrimSpace(*r.licenseKey) == "") { // R29
		return r.errorf("licenseKey", "%s is required when %s is 2 (license): send the yearly license key.", r.name("licenseKey"), r.name("type"))
	}
	return nil
}
