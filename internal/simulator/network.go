package simulator

import "slices"

// licenseTypeFilter maps getCompaniesList's filters.licenseType (1 trial, 2 yearly, 3 monthly) to
// subscription types: every trial (1, 4, 5 and FRAT, 6) counts as a trial.
var licenseTypeFilter = map[int][]int{
	1: {licTrial, licMonthlyLicenseTrial, licMonthlyTrial, licFRAT},
	2: {licYearly},
	3: {licMonthly},
}

// enabledAPIs is what getApiKeyDetails reports: the simulated APIs.
var enabledAPIs = []string{"companies", "licensing", "network", "general"}

type companyListItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// getCompaniesList lists the direct children of a partner (one level, not paginated).
func getCompaniesList(st *state, c *call, p *paramSet) (any, error) {
	if err := p.allow("parentId", "filters"); err != nil {
		return nil, err
	}
	parentID, sent, err := p.companyID("parentId")
	if err != nil {
		return nil, err
	}
	if !sent {
		parentID = c.callerID
	}
	if parent := st.Companies[parentID]; parent == nil || !st.manages(c.callerID, parentID) || parent.Type != companyTypePartner {
		return nil, p.invalid("parentId", "%s is not a partner company managed by this API key's company.", parentID)
	}
	companyType, licenseTypes := -1, []int(nil)
	filters, sent, err := p.object("filters")
	if err != nil {
		return nil, err
	}
	if sent {
		if err := filters.allow("companyType", "licenseType"); err != nil {
			return nil, err
		}
		if v, ok, err := filters.integer("companyType"); err != nil {
			return nil, err
		} else if ok {
			if v != companyTypePartner && v != companyTypeCustomer {
				return nil, filters.invalid("companyType", "%d is not a company type; use 0 (partner) or 1 (customer).", v)
			}
			companyType = v
		}
		if v, ok, err := filters.integer("licenseType"); err != nil {
			return nil, err
		} else if ok {
			if licenseTypes = licenseTypeFilter[v]; licenseTypes == nil {
				return nil, filters.invalid("licenseType", "%d is not a licence type; use 1 (trial), 2 (yearly) or 3 (monthly).", v)
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

func getAPIKeyDetails(st *state, c *call, p *paramSet) (any, error) {
	if err := p.allow(); err != nil {
		return nil, err
	}
	createdAt := st.RootKeyCreatedAt
	if record, ok := st.APIKeys[c.apiKey]; ok {
		createdAt = record.CreatedAt
	}
	return map[string]any{"enabledApis": enabledAPIs, "createdAt": createdAt}, nil
}
