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
// createCompany is not safe to repeat, yet the company is created exactly once. After an ambiguous failure (timeout, reset, 5xx, unreadable answer) it looks the name up among
// the children of params.ParentID: a child of that name means the request went through, and its
// id is adopted. No such child means it did not, and createCompany is sent again after a backoff,
// up to max_retries times. Names are unique, so a lost request that the server completes late
// makes a resend fail rather than create a second company; after any failed resend the name is
// looked up again and the company adopted when it is there. When every resend failed without an
// answer and the company is still missing, the error satisfies IsNotCreated.
func (c *Client) CreateCompany(ctx context.Context, params CreateCompanyParams) (string, error) {
	ctx, stop := c.untilInterrupted(ctx)
	defer stop()
	for resends := 0; ; resends++ {
		id, err := c.sendCreateCompany(ctx, params)
		if err == nil {
			return id, nil
		}
		if ctx.Err() != nil || (resends == 0 && !IsAmbiguous(err)) {
			return "", err
		}
		id, lookupErr := c.findChildNamed(ctx, params.ParentID, params.Name)
		switch {
		case lookupErr != nil:
			return "", fmt.Errorf("%w; looking for the company afterwards failed too: %w", err, lookupErr)
		case id != "":
			c.logger.Debug(ctx, "adopted the company created by an unanswered createCompany", map[string]any{
				"company_id": id, "resends": resends, "error": err.Error(),
			})
			return id, nil
		case !IsAmbiguous(err):
			return "", err
		case resends >= c.maxRetries:
			return "", &notCreatedError{err: err, name: params.Name, parentID: params.ParentID}
		}
		delay := c.backoff.delay(resends)
		c.logger.Debug(ctx, "sending createCompany again: the company was not created", map[string]any{
			"resend": resends + 1, "delay_ms": delay.Milliseconds(), "error": err.Error(),
		})
		if sleepErr := c.sleep(ctx, delay); sleepErr != nil {
			return "", fmt.Errorf("%w (stopped before sending it again: %w)", &notCreatedError{err: err, name: params.Name, parentID: params.ParentID}, sleepErr)
		}
	}
}

// sendCreateCompany is one createCompany call, throttled and retried as call does (rate-limit
// refusals and requests that never reached the server only).
func (c *Client) sendCreateCompany(ctx context.Context, params CreateCompanyParams) (string, error) {
	var id string
	err := c.call(ctx, serviceCompanies, "createCompany", params, &id)
	if err == nil && id == "" {
		err = newMalformedResponseError(serviceCompanies+".createCompany", 200, errors.New("the result is an empty company id"))
	}
	return id, err
}

// findChildNamed looks for a direct child of parentID (the key's company when empty) with exactly
// that name, with network.getCompaniesList; "" when there is none.
func (c *Client) findChildNamed(ctx context.Context, parentID, name string) (string, error) {
	children, err := c.GetCompaniesList(ctx, parentID)
	if err != nil {
		return "", err
	}
	for _, child := range children {
		if child.Name == name {
			return child.ID, nil
		}
	}
	return "", nil
}

// notCreatedError is an ambiguous createCompany failure after which the company was looked for
// under its parent and not found, with no resend left.
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

// IsNotCreated reports whether CreateCompany failed without an answer every time it sent
// createCompany, and the company it asked for was then looked for and not found: nothing was
// created, and sending createCompany again is the way to create it. (A server still working on a
// lost request could create it later.)
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

// KeyCompany is the API key's own company: getCompanyDetails without a company id. A key belongs
// to one company for its whole life, so the answer is read once per Client and kept.
func (c *Client) KeyCompany(ctx context.Context) (*Company, error) {
	c.keyCompanyMu.Lock()
	defer c.keyCompanyMu.Unlock()
	if c.keyCompany == nil {
		company, err := c.GetCompanyDetails(ctx, "")
		if err != nil {
			return nil, err
		}
		c.keyCompany = company
	}
	return c.keyCompany, nil
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
