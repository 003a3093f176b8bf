package simulator

import (
	"slices"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// licenseTypeFilter maps getCompaniesList's filters.licenseType (1 trial, 2 yearly, 3 monthly) to
// subscription types: every trial (1, 4, 5 and FRAT, 6) counts as a trial.
var licenseTypeFilter = map[int][]int{
	1: {licensing.Trial, licensing.MonthlyLicenseTrial, licensing.MonthlyTrial, licensing.FRAT},
	2: {licensing.Yearly},
	3: {licensing.Monthly},
}

// enabledAPIs is what getApiKeyDetails reports: the simulated APIs.
var enabledAPIs = []string{"companies", "licensing", "network", "general"}

type companyListItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// getCompaniesList lists the direct children of a partner (one level, not paginated).
func getCompaniesList(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("parentId", "filters"); err != nil {
		return nil, err
	}
	parentID, sent, err := companyIDParam(p, "parentId")
	if err != nil {
		return nil, err
	}
	if !sent {
		parentID = call.callerID
	}
	if parent := st.Companies[parentID]; parent == nil || !st.manages(call.callerID, parentID) || parent.Type != companyTypePartner {
		return nil, p.Invalid("parentId", "%s is not a partner company managed by this API key's company.", parentID)
	}
	companyType, licenseTypes := -1, []int(nil)
	filters, sent, err := p.Object("filters")
	if err != nil {
		return nil, err
	}
	if sent {
		if err := filters.Allow("companyType", "licenseType"); err != nil {
			return nil, err
		}
		if v, ok, err := filters.Int("companyType"); err != nil {
			return nil, err
		} else if ok {
			if v != companyTypePartner && v != companyTypeCustomer {
				return nil, filters.Invalid("companyType", "%d is not a company type; use 0 (partner) or 1 (customer).", v)
			}
			companyType = v
		}
		if v, ok, err := filters.Int("licenseType"); err != nil {
			return nil, err
		} else if ok {
			if licenseTypes = licenseTypeFilter[v]; licenseTypes == nil {
				return nil, filters.Invalid("licenseType", "%d is not a license type; use 1 (trial), 2 (yearly) or 3 (monthly).", v)
			}
		}
	}
	items := []companyListItem{}
	for _, child := range st.children(parentID) {
		if (companyType < 0 || child.Type == companyType) &&
			(licenseTypes == nil || slices.Contains(licenseTypes, child.License.SubscriptionType)) {
			items = append(items, companyListItem{ID: child.ID, Name: child.Name})
		}
	}
	return items, nil
}

func getAPIKeyDetails(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow(); err != nil {
		return nil, err
	}
	createdAt := st.RootKeyCreatedAt
	if record, ok := st.APIKeys[call.apiKey]; ok {
		createdAt = record.CreatedAt
	}
	return map[string]any{"enabledApis": enabledAPIs, "createdAt": createdAt}, nil
}
