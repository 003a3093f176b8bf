package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
)

// targetMonthPattern is the only month format getMonthlyUsage accepts: mm/yyyy.
var targetMonthPattern = regexp.MustCompile(`^(0[1-9]|1[0-2])/[0-9]{4}$`)

// GetLicenseInfo calls licensing.getLicenseInfo; an empty companyID means the API key's own
// company.
func (c *Client) GetLicenseInfo(ctx context.Context, companyID string) (*LicenseInfo, error) {
	var result licenseInfoResult
	if err := c.call(ctx, serviceLicensing, "getLicenseInfo", companyIDParams{CompanyID: companyID}, &result); err != nil {
		return nil, err
	}
	return result.info, nil
}

// licenseInfoResult decodes getLicenseInfo's result. The documentation calls it an array while
// servers answer with an object; both are accepted (an array's first element).
type licenseInfoResult struct {
	info *LicenseInfo
}

func (r *licenseInfoResult) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if isJSONNull(data) {
		return errors.New("the result is null")
	}
	if len(data) > 0 && data[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(data, &list); err != nil {
			return err
		}
		if len(list) == 0 {
			return errors.New("the result is an empty array")
		}
		data = list[0]
	}
	var info LicenseInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	info.reported = make(map[string]bool, len(members))
	for name := range members {
		info.reported[name] = true
	}
	r.info = &info
	return nil
}

// SetMonthlySubscription calls licensing.setMonthlySubscription with the complete desired
// state in params. params.CompanyID is required.
func (c *Client) SetMonthlySubscription(ctx context.Context, params MonthlySubscriptionParams) error {
	if err := requireCompanyID(serviceLicensing+".setMonthlySubscription", params.CompanyID); err != nil {
		return err
	}
	return c.call(ctx, serviceLicensing, "setMonthlySubscription", params, nil)
}

// GetMonthlyUsage calls licensing.getMonthlyUsage. An empty companyID means the API key's own
// company; month is "MM/YYYY" (as the API wants it), empty for the current month.
func (c *Client) GetMonthlyUsage(ctx context.Context, companyID, month string) (*MonthlyUsage, error) {
	if month != "" && !targetMonthPattern.MatchString(month) {
		return nil, fmt.Errorf("licensing.getMonthlyUsage: month %q is not in the form MM/YYYY", month)
	}
	params := struct {
		CompanyID   string `json:"companyId,omitempty"`
		TargetMonth string `json:"targetMonth,omitempty"`
	}{CompanyID: companyID, TargetMonth: month}
	var usage MonthlyUsage
	if err := c.call(ctx, serviceLicensing, "getMonthlyUsage", params, &usage); err != nil {
		return nil, err
	}
	return &usage, nil
}
