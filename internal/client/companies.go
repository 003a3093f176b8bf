package client

import (
	"context"
	"errors"
	"fmt"
)

type companyIDParams struct {
	CompanyID string `json:"companyId,omitempty"`
}

type companyStateParams struct {
	CompanyID string `json:"companyId"`
	Recursive bool   `json:"recursive"`
}

// requireCompanyID refuses an empty id for methods where the API would otherwise act on the API
// key's own company, or fail with a less helpful message.
func requireCompanyID(method, companyID string) error {
	if companyID == "" {
		return fmt.Errorf("%s: a company id is required", method)
	}
	return nil
}

// CreateCompany calls companies.createCompany and returns the new company's id.
//
// createCompany is never repeated after an ambiguous failure (timeout, reset, 5xx, unreadable
// answer), since that could create a second company. Instead the company's name is looked up
// among the children of params.ParentID (the key's company when empty) with
// network.getCompaniesList: if a child has exactly that name, the request evidently went
// through and its id is returned. Names are unique, so a company that already had the name
// would have made the create fail; only a proxy hiding that failure could mislead the lookup.
// When the lookup finds no such child, the original error is returned wrapped so that
// IsNotCreated reports it (IsAmbiguous stays true for it). A rate-limit refusal was not executed
// and is retried like any other call.
func (c *Client) CreateCompany(ctx context.Context, params CreateCompanyParams) (string, error) {
	const method = serviceCompanies + ".createCompany"
	var id string
	err := c.call(ctx, serviceCompanies, "createCompany", params, &id)
	if err == nil && id != "" {
		return id, nil
	}
	if err == nil {
		err = newMalformedResponseError(method, 200, errors.New("the result is an empty company id"))
	}
	if !IsAmbiguous(err) || ctx.Err() != nil {
		return "", err
	}

	children, lookupErr := c.GetCompaniesList(ctx, params.ParentID)
	if lookupErr != nil {
		return "", fmt.Errorf("%w; looking for the company afterwards failed too: %w", err, lookupErr)
	}
	for _, child := range children {
		if child.Name == params.Name {
			c.logger.Debug(ctx, "adopted the company created by an ambiguous createCompany", map[string]any{
				"company_id": child.ID, "error": err.Error(),
			})
			return child.ID, nil
		}
	}
	return "", &notCreatedError{err: err, name: params.Name, parentID: params.ParentID}
}

// notCreatedError is an ambiguous createCompany failure after which the company was looked for
// under its parent and not found.
type notCreatedError struct {
	err            error
	name, parentID string
}

func (e *notCreatedError) Error() string {
	parent := "the API key's company"
	if e.parentID != "" {
		parent = "parent company " + e.parentID
	}
	return fmt.Sprintf("%v; afterwards no company named %q was found under %s, so GravityZone has not created it", e.err, e.name, parent)
}

func (e *notCreatedError) Unwrap() error { return e.err }

// IsNotCreated reports whether CreateCompany failed without an answer and the company it asked
// for was then looked for and not found: nothing was created, and sending createCompany again
// is the way to create it. (A server still working on the lost request could create it later.)
func IsNotCreated(err error) bool {
	var notCreated *notCreatedError
	return errors.As(err, &notCreated)
}

// GetCompanyDetails calls companies.getCompanyDetails; an empty companyID means the API key's
// own company.
func (c *Client) GetCompanyDetails(ctx context.Context, companyID string) (*Company, error) {
	var company Company
	if err := c.call(ctx, serviceCompanies, "getCompanyDetails", companyIDParams{CompanyID: companyID}, &company); err != nil {
		return nil, err
	}
	return &company, nil
}

// UpdateCompanyDetails calls companies.updateCompanyDetails, sending only the fields set in
// params. params.ID is required.
func (c *Client) UpdateCompanyDetails(ctx context.Context, params UpdateCompanyParams) error {
	if err := requireCompanyID(serviceCompanies+".updateCompanyDetails", params.ID); err != nil {
		return err
	}
	return c.call(ctx, serviceCompanies, "updateCompanyDetails", params, nil)
}

// DeleteCompany calls companies.deleteCompany. A company that does not exist (IsNotFound) counts
// as deleted, which also makes a retry after an ambiguous failure come out right.
func (c *Client) DeleteCompany(ctx context.Context, companyID string) error {
	if err := requireCompanyID(serviceCompanies+".deleteCompany", companyID); err != nil {
		return err
	}
	err := c.call(ctx, serviceCompanies, "deleteCompany", companyIDParams{CompanyID: companyID}, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// SuspendCompany calls companies.suspendCompany; recursive also suspends every descendant.
func (c *Client) SuspendCompany(ctx context.Context, companyID string, recursive bool) error {
	if err := requireCompanyID(serviceCompanies+".suspendCompany", companyID); err != nil {
		return err
	}
	return c.call(ctx, serviceCompanies, "suspendCompany", companyStateParams{CompanyID: companyID, Recursive: recursive}, nil)
}

// ActivateCompany calls companies.activateCompany; recursive also activates every descendant.
func (c *Client) ActivateCompany(ctx context.Context, companyID string, recursive bool) error {
	if err := requireCompanyID(serviceCompanies+".activateCompany", companyID); err != nil {
		return err
	}
	return c.call(ctx, serviceCompanies, "activateCompany", companyStateParams{CompanyID: companyID, Recursive: recursive}, nil)
}

// FindCompaniesByName calls companies.findCompaniesByName. The server matches nameFilter as a
// prefix (a leading "*" matches anywhere); callers wanting an exact name filter the result.
// maxResults 0 leaves the server's default (25); the server accepts 1–100.
func (c *Client) FindCompaniesByName(ctx context.Context, nameFilter string, maxResults int) ([]Company, error) {
	params := struct {
		NameFilter string `json:"nameFilter"`
		MaxResults int    `json:"maxResults,omitempty"`
	}{NameFilter: nameFilter, MaxResults: maxResults}
	var companies []Company
	if err := c.call(ctx, serviceCompanies, "findCompaniesByName", params, &companies); err != nil {
		return nil, err
	}
	return companies, nil
}

// GetCompaniesList calls network.getCompaniesList: the direct children (one level) of parentID,
// or of the API key's company when parentID is empty.
func (c *Client) GetCompaniesList(ctx context.Context, parentID string) ([]CompanyRef, error) {
	return c.ListCompanies(ctx, parentID, CompaniesFilter{})
}
