package client

import "context"

// CompaniesFilter narrows network.getCompaniesList; a nil or zero field is not sent.
type CompaniesFilter struct {
	// CompanyType is 0 for partners, 1 for customers.
	CompanyType *int `json:"companyType,omitempty"`
	// LicenseType is 1 (trial), 2 (yearly licence) or 3 (monthly subscription).
	LicenseType int `json:"licenseType,omitempty"`
}

// ListCompanies calls network.getCompaniesList with filters: the direct children (one level) of
// parentID, or of the API key's company when parentID is empty, that pass filter.
func (c *Client) ListCompanies(ctx context.Context, parentID string, filter CompaniesFilter) ([]CompanyRef, error) {
	params := struct {
		ParentID string           `json:"parentId,omitempty"`
		Filters  *CompaniesFilter `json:"filters,omitempty"`
	}{ParentID: parentID}
	if filter != (CompaniesFilter{}) {
		params.Filters = &filter
	}
	var companies []CompanyRef
	if err := c.call(ctx, serviceNetwork, "getCompaniesList", params, &companies); err != nil {
		return nil, err
	}
	return companies, nil
}
