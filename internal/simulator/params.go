package simulator

import (
	"regexp"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

var companyIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// companyIDParam reads a company id parameter, which must look like a GravityZone id (24 hex digits).
func companyIDParam(p *params.Set, n string) (string, bool, error) {
	v, ok, err := p.String(n)
	if err != nil || !ok {
		return v, ok, err
	}
	if !companyIDPattern.MatchString(v) {
		return v, true, p.Invalid(n, "%q is not a company ID (24 hexadecimal characters, as returned by createCompany).", v)
	}
	return v, true, nil
}

// targetCompany resolves an optional company id parameter (default: the caller's company) within
// the caller's tree.
func targetCompany(st *state, call *rpcCall, p *params.Set, n string) (*company, error) {
	id, ok, err := companyIDParam(p, n)
	if err != nil {
		return nil, err
	}
	if !ok {
		id = call.callerID
	}
	return st.managed(call.callerID, id)
}

// requiredTargetCompany resolves a required company id parameter within the caller's tree.
func requiredTargetCompany(st *state, call *rpcCall, p *params.Set, n string) (*company, error) {
	if !p.Has(n) {
		return nil, p.Missing(n)
	}
	return targetCompany(st, call, p, n)
}
