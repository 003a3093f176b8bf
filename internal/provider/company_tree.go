package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// The arguments of a walk, as the companies data source and the list resources describe them.
var (
	treeParentIDDescription  = "The partner company whose companies are listed. Default: the API key's company."
	treeRecursiveDescription = "`true`: every company below `parent_id`, at any depth. Default `false`: its direct children only."
	treeTypeDescription      = "Only companies of this type: " + companyTypes.markdown() + ". Default: both."
	treeTypeValidators       = []validator.String{stringvalidator.OneOf(companyTypes.terraformValues()...)}
)

// companyTreeQuery is what the companies data source and the list resources ask of the tree.
type companyTreeQuery struct {
	parentID  string // empty: the API key's company
	recursive bool   // every descendant, not only the direct children
	// companyType is a Terraform company type, or empty for both.
	companyType string
	// monthlyOnly keeps only the companies on a monthly subscription (licence type 3).
	monthlyOnly bool
}

// treeCompany is one company of the tree.
type treeCompany struct {
	client.CompanyRef
	// parentID is empty for the direct children of the API key's company: getCompaniesList does
	// not say which company that is, and asking would cost one more call.
	parentID string
	// companyType is the Terraform company type, empty when the listing did not tell (companies on a
	// monthly subscription listed without recursion).
	companyType string
}

// walkCompanyTree lists the companies under q.parentID that q asks for, depth first, the children
// of each company by name. getCompaniesList reports only ids and names, so the walk asks it, for
// each partner it visits, once for the partners among the children (to know where to go on) and
// once for the other companies it must return: at most 2 calls for each of the P partners visited
// (the parent, and with recursion every partner under it), 2 × P in all.
func walkCompanyTree(ctx context.Context, api gravityZoneAPI, q companyTreeQuery) ([]treeCompany, error) {
	partnerType, _ := companyTypes.toAPI(companyPartner)
	customerType, _ := companyTypes.toAPI(companyCustomer)
	monthly, _ := subscriptionTypes.toAPI(subscriptionMonthly)
	wantsPartners := q.companyType != companyCustomer
	wantsCustomers := q.companyType != companyPartner

	var found []treeCompany
	var visit func(parentID string) error
	visit = func(parentID string) error {
		var partners, others []client.CompanyRef
		var err error
		partnersListed := q.recursive || (wantsPartners && !q.monthlyOnly)
		if partnersListed {
			if partners, err = api.ListCompanies(ctx, parentID, client.CompaniesFilter{CompanyType: &partnerType}); err != nil {
				return err
			}
		}
		switch {
		case q.monthlyOnly:
			filter := client.CompaniesFilter{LicenseType: monthly}
			if q.companyType != "" {
				filter.CompanyType = map[string]*int{companyPartner: &partnerType, companyCustomer: &customerType}[q.companyType]
			}
			others, err = api.ListCompanies(ctx, parentID, filter)
		case wantsCustomers:
			others, err = api.ListCompanies(ctx, parentID, client.CompaniesFilter{CompanyType: &customerType})
		}
		if err != nil {
			return err
		}

		children := map[string]*treeCompany{}
		isPartner, wanted := map[string]bool{}, map[string]bool{}
		for _, c := range partners {
			children[c.ID] = &treeCompany{CompanyRef: c, parentID: parentID, companyType: companyPartner}
			isPartner[c.ID] = true
			wanted[c.ID] = wantsPartners && !q.monthlyOnly
		}
		for _, c := range others {
			if children[c.ID] == nil {
				companyType := q.companyType
				if companyType == "" && partnersListed {
					companyType = companyCustomer // not among the partners
				}
				children[c.ID] = &treeCompany{CompanyRef: c, parentID: parentID, companyType: companyType}
			}
			wanted[c.ID] = true
		}
		for _, c := range sortedByName(children) {
			if wanted[c.ID] {
				found = append(found, *c)
			}
			if q.recursive && isPartner[c.ID] {
				if err := visit(c.ID); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := visit(q.parentID); err != nil {
		return nil, err
	}
	return found, nil
}

// sortedByName orders siblings by name, then by id for names GravityZone would not allow twice.
func sortedByName(companies map[string]*treeCompany) []*treeCompany {
	sorted := make([]*treeCompany, 0, len(companies))
	for _, c := range companies {
		sorted = append(sorted, c)
	}
	slices.SortFunc(sorted, func(a, b *treeCompany) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return sorted
}
