package simulator

import (
	"slices"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

func getLicenseInfo(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId", "returnAllProducts", "page", "perPage"); err != nil {
		return nil, err
	}
	target, err := targetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, err
	}
	returnAllProducts, _, err := p.Bool("returnAllProducts")
	if err != nil {
		return nil, err
	}
	page, err := readPage(p)
	if err != nil {
		return nil, err
	}
	used := st.currentUsage(target, monthKeyOf(call.now))
	result := target.License.InfoResult(used.UsedSlots, call.licenseInfoUnset == LicenseInfoNull)
	if returnAllProducts {
		licenses := make([]map[string]any, 0, len(target.License.ProductKeys))
		for _, key := range target.License.ProductKeys {
			licenses = append(licenses, map[string]any{"licenseKey": key, "subscriptionType": licensing.Yearly, "expiryDate": target.License.ExpiryDate})
		}
		result["additionalLicenses"] = page.of(licenses)
	}
	return result, nil
}

// pageSelection is what page and perPage select (choice 3).
type pageSelection struct{ page, perPage int }

const (
	defaultPerPage = 50
	maxPerPage     = 100
)

// readPage reads page (1 or more, default 1) and perPage (1–100, default 50).
func readPage(p *params.Set) (pageSelection, error) {
	selection := pageSelection{page: 1, perPage: defaultPerPage}
	if v, sent, err := p.Int("page"); err != nil {
		return selection, err
	} else if sent {
		if v < 1 {
			return selection, p.Invalid("page", "%d is not a page number; pages count from 1.", v)
		}
		selection.page = v
	}
	if v, sent, err := p.Int("perPage"); err != nil {
		return selection, err
	} else if sent {
		if v < 1 || v > maxPerPage {
			return selection, p.Invalid("perPage", "%d is outside 1–%d.", v, maxPerPage)
		}
		selection.perPage = v
	}
	return selection, nil
}

// of returns the selected page of items; a page past the end is empty.
func (s pageSelection) of(items []map[string]any) []map[string]any {
	skipped := s.page - 1
	if skipped > len(items)/s.perPage {
		return items[:0]
	}
	first := skipped * s.perPage
	return items[first:min(len(items), first+s.perPage)]
}

// setMonthlySubscription validates the whole request with the licensing rules before changing
// anything, so a rejected request leaves the state as it was.
func setMonthlySubscription(st *state, call *rpcCall, p *params.Set) (any, error) {
	target, err := requiredTargetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, err
	}
	if target.ID == call.callerID {
		return nil, errNotManaged("setMonthlySubscription", target.ID)
	}
	subscription, err := licensing.DecodeMonthlySubscription(p)
	if err != nil {
		return nil, err
	}
	ctx := st.subscriptionContext(target, target.Type, target.CanBeManagedByAbove, target.ParentID, call.now)
	updated, err := subscription.Apply(ctx, target.License)
	if err != nil {
		return nil, err
	}
	target.License = updated
	target.noteMinimumUsage(call.now)
	// R24: clients using a protection model the partner no longer resells move to setNewProtectionModelForClients.
	for _, child := range st.children(target.ID) {
		child.License = subscription.MoveClient(updated, child.License)
	}
	return nil, nil
}

// setLicenseKey licenses a company by one key (licensing choice 21).
func setLicenseKey(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("licenseKey", "companyId", "mdrContactInformation"); err != nil {
		return nil, err
	}
	target, key, err := keyRequest(st, call, p)
	if err != nil {
		return nil, err
	}
	if err := checkKeyFree(st, p, key, target); err != nil {
		return nil, err
	}
	target.License = licensing.WithKey(key, call.now)
	target.noteMinimumUsage(call.now)
	return nil, nil
}

// addProductKey adds a key to a company's keys (licensing choice 21).
func addProductKey(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("licenseKey", "companyId", "replaceIncompatibleKeys", "mdrContactInformation"); err != nil {
		return nil, err
	}
	target, key, err := keyRequest(st, call, p)
	if err != nil {
		return nil, err
	}
	if _, _, err := p.Bool("replaceIncompatibleKeys"); err != nil {
		return nil, err
	}
	if slices.Contains(target.License.Keys(), key) {
		return nil, p.Invalid("licenseKey", "%s is already one of this company's keys.", key)
	}
	if err := checkKeyFree(st, p, key, target); err != nil {
		return nil, err
	}
	target.License = target.License.WithProductKey(key, call.now)
	target.noteMinimumUsage(call.now)
	return nil, nil
}

// removeProductKey removes one of a company's keys (licensing choice 21).
func removeProductKey(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("licenseKey", "companyId"); err != nil {
		return nil, err
	}
	target, key, err := keyRequest(st, call, p)
	if err != nil {
		return nil, err
	}
	keys := target.License.Keys()
	switch {
	case !slices.Contains(keys, key):
		return nil, p.Invalid("licenseKey", "%s is not one of this company's license keys.", key)
	case len(keys) == 1:
		return nil, p.Invalid("licenseKey", "%s is the company's only key; add another first, or move the company to a monthly subscription with setMonthlySubscription.", key)
	}
	target.License = target.License.WithoutProductKey(key)
	return nil, nil
}

// keyRequest reads what the key methods share: the company (default: the caller's), the key, and an
// optional mdrContactInformation object, which the simulator has no MDR data to apply to.
func keyRequest(st *state, call *rpcCall, p *params.Set) (*company, string, error) {
	target, err := targetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, "", err
	}
	key, err := p.RequiredString("licenseKey")
	if err != nil {
		return nil, "", err
	}
	if !licensing.ValidKey(key) {
		return nil, "", p.Invalid("licenseKey", "%q is not a license key (6–64 letters, digits and inner dashes).", key)
	}
	if _, _, err := p.Object("mdrContactInformation"); err != nil {
		return nil, "", err
	}
	return target, key, nil
}

// checkKeyFree refuses a key that a company other than owner holds: a key belongs to one company.
func checkKeyFree(st *state, p *params.Set, key string, owner *company) error {
	for _, other := range st.Companies {
		if other != owner && slices.Contains(other.License.Keys(), key) {
			return p.Invalid("licenseKey", "%s is already in use by another company.", key)
		}
	}
	return nil
}

// subscriptionContext describes what the licensing rules need to know about a company's
// surroundings: self is the company, or nil for one about to be created under parentID.
func (st *state) subscriptionContext(self *company, companyType int, canBeManagedByAbove bool, parentID string, now time.Time) licensing.Context {
	ctx := licensing.Context{CompanyType: companyType, ManagedByAboveChain: canBeManagedByAbove, Now: now}
	for ancestor := st.Companies[parentID]; ancestor != nil && ancestor.ID != st.RootID; ancestor = st.Companies[ancestor.ParentID] {
		ctx.ManagedByAboveChain = ctx.ManagedByAboveChain && ancestor.CanBeManagedByAbove
	}
	if parent := st.Companies[parentID]; parent != nil && parent.ID != st.RootID {
		license := parent.License
		ctx.Parent = &license
		ctx.ParentFreeSlots = st.freeSlots(parent, self)
	}
	if self != nil {
		for _, child := range st.children(self.ID) {
			if child.License.SubscriptionType == licensing.Monthly {
				ctx.ChildrenModels = append(ctx.ChildrenModels, child.License.AssignedProtectionModel)
			}
			if child.License.ReservedSlots != nil {
				ctx.ReservedByChildren += *child.License.ReservedSlots
			}
		}
	}
	return ctx
}

// freeSlots is how many seats parent can still reserve for self: its own reservation minus the
// reservations of its other children; nil when parent has no reservation (it draws on an
// unlimited pool).
func (st *state) freeSlots(parent, self *company) *int {
	if parent.License.ReservedSlots == nil {
		return nil
	}
	free := *parent.License.ReservedSlots
	for _, sibling := range st.children(parent.ID) {
		if (self == nil || sibling.ID != self.ID) && sibling.License.ReservedSlots != nil {
			free -= *sibling.License.ReservedSlots
		}
	}
	free = max(free, 0)
	return &free
}
