package simulator

import (
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

func getLicenseInfo(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId", "returnAllProducts"); err != nil {
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
	used := st.aggregateUsage(target, monthKeyOf(call.now), nil)
	result := target.License.InfoResult(used.UsedSlots)
	if returnAllProducts {
		result["additionalLicenses"] = []any{} // the simulator holds no yearly keys
	}
	return result, nil
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
	// R24: clients using a protection model the partner no longer resells move to setNewProtectionModelForClients.
	for _, child := range st.children(target.ID) {
		child.License = subscription.MoveClient(updated, child.License)
	}
	return nil, nil
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
