package simulator

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// Limits and formats of company fields (gravityzone-api createCompany / updateCompanyDetails).
const (
	maxNameLength          = 64
	maxAddressLength       = 128
	maxPhoneLength         = 32
	maxFindResults         = 100
	defaultFindResults     = 25
	defaultAccountTimezone = "GMT"
	defaultAccountLanguage = "en_US"
	unsetLocation          = "N/A" // how country and state read back when unset
)

var (
	skip2FAPeriods  = []int{0, 1, 3, 7, 14, 30, 90}
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)               // ISO 3166-1 alpha-2
	statePattern    = regexp.MustCompile(`^[A-Z0-9]{1,3}$`)          // ISO 3166-2 subdivision part, e.g. NY
	languagePattern = regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)      // e.g. en_US
	timezonePattern = regexp.MustCompile(`^[A-Za-z][\w+\-/]{0,63}$`) // e.g. GMT, Europe/Bucharest

	// industrySubCodes gives, for each top-level industry code (1–34), how many sub-codes
	// <top><NN> exist (e.g. 101 AEROSPACE_MANUFACTURING, 3415 WHOLESALE_VEHICLES).
	industrySubCodes = map[int]int{1: 2, 2: 8, 3: 2, 4: 4, 7: 1, 9: 7, 12: 2, 13: 1, 14: 4, 16: 5, 18: 6, 19: 3,
		20: 3, 21: 19, 23: 4, 24: 6, 28: 16, 29: 7, 30: 7, 31: 3, 32: 12, 33: 2, 34: 15}
)

// companyDetails is the getCompanyDetails / findCompaniesByName result object.
type companyDetails struct {
	ID                  string         `json:"id"`
	Name                string         `json:"name"`
	Type                int            `json:"type"`
	ParentCompanyID     string         `json:"parentCompanyId,omitempty"`
	Address             string         `json:"address"`
	Phone               string         `json:"phone"`
	Country             string         `json:"country"`
	State               string         `json:"state"`
	Industry            int            `json:"industry"`
	CanBeManagedByAbove bool           `json:"canBeManagedByAbove"`
	Enforce2FA          bool           `json:"enforce2FA"`
	Skip2FAPeriod       int            `json:"skip2FAPeriod"`
	IsSuspended         bool           `json:"isSuspended"`
	CreatedAt           string         `json:"createdAt"`
	ContactPerson       *contactPerson `json:"contactPerson,omitempty"`
	CustomFields        map[string]any `json:"customFields"`
}

func detailsOf(c *company) companyDetails {
	return companyDetails{
		ID:                  c.ID,
		Name:                c.Name,
		Type:                c.Type,
		ParentCompanyID:     c.ParentID,
		Address:             c.Address,
		Phone:               c.Phone,
		Country:             orUnset(c.Country),
		State:               orUnset(c.State),
		Industry:            c.Industry,
		CanBeManagedByAbove: c.CanBeManagedByAbove,
		Enforce2FA:          c.Enforce2FA,
		Skip2FAPeriod:       c.Skip2FAPeriod,
		IsSuspended:         c.IsSuspended,
		CreatedAt:           c.CreatedAt,
		ContactPerson:       c.ContactPerson,
		CustomFields:        c.CustomFields,
	}
}

func orUnset(v string) string {
	if v == "" {
		return unsetLocation
	}
	return v
}

func createCompany(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("type", "name", "parentId", "address", "country", "state", "phone", "industry",
		"canBeManagedByAbove", "enforce2FA", "skip2FAPeriod", "accountEmail", "accountFullName",
		"accountTimezone", "accountLanguage", "contactPerson", "licenseSubscription"); err != nil {
		return nil, err
	}
	if !p.Has("type") {
		return nil, p.Missing("type")
	}
	if !p.Has("name") {
		return nil, p.Missing("name")
	}
	created := &company{
		Type:                companyTypePartner,
		ParentID:            call.callerID,
		CanBeManagedByAbove: true,
		Enforce2FA:          true,
		CreatedAt:           call.now.Format(createdAtLayout),
		CustomFields:        map[string]any{},
	}
	if err := readCompanyType(p, &created.Type); err != nil {
		return nil, err
	}
	if parentID, sent, err := companyIDParam(p, "parentId"); err != nil {
		return nil, err
	} else if sent {
		created.ParentID = parentID
	}
	if parent := st.Companies[created.ParentID]; parent == nil || !st.manages(call.callerID, parent.ID) || parent.Type != companyTypePartner {
		return nil, p.Invalid("parentId", "%s is not a partner company managed by this API key's company; companies can be created only under partners.", created.ParentID)
	}
	if err := readCompanyDetails(st, p, created); err != nil {
		return nil, err
	}
	if v, ok, err := p.Bool("canBeManagedByAbove"); err != nil {
		return nil, err
	} else if ok {
		created.CanBeManagedByAbove = v
	}
	account, err := readAccount(st, p, created.CanBeManagedByAbove)
	if err != nil {
		return nil, err
	}
	created.Account = account
	ctx := st.subscriptionContext(nil, created.Type, created.CanBeManagedByAbove, created.ParentID, call.now)
	subscription, _, err := p.Object("licenseSubscription")
	if err != nil {
		return nil, err
	}
	if created.License, err = licensing.NewForCreate(ctx, subscription); err != nil {
		return nil, err
	}
	st.add(created, call.seed)
	return created.ID, nil
}

func getCompanyDetails(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId"); err != nil {
		return nil, err
	}
	target, err := targetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, err
	}
	return detailsOf(target), nil
}

func updateCompanyDetails(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("id", "type", "name", "address", "phone", "industry", "country", "state", "contactPerson",
		"enforce2FA", "skip2FAPeriod", "customFields", "mdrContactInformation", "duplicateClosedIncidentsOnUpdate"); err != nil {
		return nil, err
	}
	target, err := targetCompany(st, call, p, "id")
	if err != nil {
		return nil, err
	}
	updated := *target // validate everything on a copy, then apply at once
	if err := readCompanyType(p, &updated.Type); err != nil {
		return nil, err
	}
	if updated.Type != target.Type {
		if target.ID == call.callerID {
			return nil, p.Invalid("type", "the type of this API key's own company cannot be changed.")
		}
		if n := len(st.children(target.ID)); updated.Type == companyTypeCustomer && n > 0 {
			return nil, p.Invalid("type", "company %s manages %d companies; a partner can become a customer only when it manages none. Delete or move its companies first.", target.ID, n)
		}
	}
	if err := readCompanyDetails(st, p, &updated); err != nil {
		return nil, err
	}
	if err := readCustomFields(p, &updated); err != nil {
		return nil, err
	}
	// Accepted for compatibility with GravityZone; the simulator has no MDR or incident data to apply them to.
	if _, _, err := p.Object("mdrContactInformation"); err != nil {
		return nil, err
	}
	if _, _, err := p.Bool("duplicateClosedIncidentsOnUpdate"); err != nil {
		return nil, err
	}
	*target = updated
	return nil, nil
}

func deleteCompany(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId"); err != nil {
		return nil, err
	}
	target, err := requiredTargetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, err
	}
	if target.ID == call.callerID {
		return nil, errNotManaged("deleteCompany", target.ID)
	}
	if n := len(st.children(target.ID)); n > 0 {
		return nil, errServer(fmt.Sprintf("The partner company %s still manages %d companies and cannot be deleted. Delete or move its companies first.", target.ID, n))
	}
	delete(st.Companies, target.ID)
	for key, record := range st.APIKeys {
		if record.CompanyID == target.ID {
			delete(st.APIKeys, key)
		}
	}
	return nil, nil
}

func suspendCompany(st *state, call *rpcCall, p *params.Set) (any, error) {
	return setSuspended(st, call, p, true)
}

func activateCompany(st *state, call *rpcCall, p *params.Set) (any, error) {
	return setSuspended(st, call, p, false)
}

// setSuspended implements suspendCompany (recursive required) and activateCompany (recursive
// optional, default false). Both are idempotent.
func setSuspended(st *state, call *rpcCall, p *params.Set, suspended bool) (any, error) {
	if err := p.Allow("companyId", "recursive"); err != nil {
		return nil, err
	}
	target, err := requiredTargetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, err
	}
	recursive, sent, err := p.Bool("recursive")
	if err != nil {
		return nil, err
	}
	if suspended && !sent {
		return nil, p.Missing("recursive")
	}
	if target.ID == call.callerID {
		return nil, errNotManaged(call.method, target.ID)
	}
	target.IsSuspended = suspended
	if recursive {
		for _, d := range st.descendants(target.ID) {
			d.IsSuspended = suspended
		}
	}
	return nil, nil
}

func findCompaniesByName(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("nameFilter", "maxResults"); err != nil {
		return nil, err
	}
	filter, err := p.RequiredString("nameFilter")
	if err != nil {
		return nil, err
	}
	if filter == "" {
		return nil, p.Invalid("nameFilter", "must not be empty; start it with * to match anywhere in the name.")
	}
	limit, sent, err := p.Int("maxResults")
	if err != nil {
		return nil, err
	}
	if !sent {
		limit = defaultFindResults
	}
	if limit < 1 || limit > maxFindResults {
		return nil, p.Invalid("maxResults", "%d is outside 1–%d.", limit, maxFindResults)
	}
	needle, anywhere := strings.CutPrefix(filter, "*")
	needle = strings.ToLower(needle)
	results := []companyDetails{}
	for _, candidate := range st.descendants(call.callerID) {
		name := strings.ToLower(candidate.Name)
		if (anywhere && strings.Contains(name, needle)) || (!anywhere && strings.HasPrefix(name, needle)) {
			results = append(results, detailsOf(candidate))
			if len(results) == limit {
				break
			}
		}
	}
	return results, nil
}

// readCompanyType reads the optional "type" parameter into *typ.
func readCompanyType(p *params.Set, typ *int) error {
	v, ok, err := p.Int("type")
	if err != nil || !ok {
		return err
	}
	if v != companyTypePartner && v != companyTypeCustomer {
		return p.Invalid("type", "%d is not a company type; use 0 (partner) or 1 (customer).", v)
	}
	*typ = v
	return nil
}

// readCompanyDetails reads the fields createCompany and updateCompanyDetails share; only the
// parameters that were sent change c.
func readCompanyDetails(st *state, p *params.Set, c *company) error {
	if name, ok, err := p.String("name"); err != nil {
		return err
	} else if ok {
		if err := checkName(st, p, name, c.ID); err != nil {
			return err
		}
		c.Name = name
	}
	for _, field := range []struct {
		param  string
		max    int
		target *string
	}{{"address", maxAddressLength, &c.Address}, {"phone", maxPhoneLength, &c.Phone}} {
		v, ok, err := p.String(field.param)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if utf8.RuneCountInString(v) > field.max {
			return p.Invalid(field.param, "longer than %d characters.", field.max)
		}
		if strings.ContainsAny(v, "<>") {
			return p.Invalid(field.param, "the characters < and > are not allowed.")
		}
		*field.target = v
	}
	if v, ok, err := p.String("country"); err != nil {
		return err
	} else if ok {
		if v != "" && !countryPattern.MatchString(v) {
			return p.Invalid("country", "%q is not an ISO 3166-1 alpha-2 code such as RO or US (send \"\" to clear it).", v)
		}
		c.Country = v
	}
	if v, ok, err := p.String("state"); err != nil {
		return err
	} else if ok {
		if v != "" && !statePattern.MatchString(v) {
			return p.Invalid("state", "%q is not an ISO 3166-2 subdivision code such as NY (send \"\" to clear it).", v)
		}
		c.State = v
	}
	if err := readIndustry(p, &c.Industry); err != nil {
		return err
	}
	if v, ok, err := p.Int("skip2FAPeriod"); err != nil {
		return err
	} else if ok {
		if !slices.Contains(skip2FAPeriods, v) {
			return p.Invalid("skip2FAPeriod", "%d is not one of 0, 1, 3, 7, 14, 30, 90.", v)
		}
		c.Skip2FAPeriod = v
	}
	// GravityZone documents enforce2FA as "always true": the value is checked and ignored.
	if _, _, err := p.Bool("enforce2FA"); err != nil {
		return err
	}
	return readContactPerson(p, c)
}

// checkName enforces the name rules; names are unique across the whole simulator, compared
// without regard to case, and selfID (the company being renamed) may keep its own name.
func checkName(st *state, p *params.Set, name, selfID string) error {
	switch n := utf8.RuneCountInString(name); {
	case strings.TrimSpace(name) == "":
		return p.Invalid("name", "must not be empty.")
	case n > maxNameLength:
		return p.Invalid("name", "%d characters; at most %d are allowed.", n, maxNameLength)
	case strings.ContainsAny(name, "<>"):
		return p.Invalid("name", "the characters < and > are not allowed.")
	}
	for _, other := range st.Companies {
		if other.ID != selfID && strings.EqualFold(other.Name, name) {
			return p.Invalid("name", "a company named %q already exists (company names are unique, whatever their case); choose another name.", other.Name)
		}
	}
	return nil
}

// readIndustry accepts an integer or a string of digits (older documentation typed it as a string).
func readIndustry(p *params.Set, industry *int) error {
	if !p.Has("industry") {
		return nil
	}
	code, _, err := p.Int("industry")
	if err != nil {
		text, _, strErr := p.String("industry")
		parsed, convErr := strconv.Atoi(text)
		if strErr != nil || convErr != nil {
			return p.Invalid("industry", "expected an industry code such as 0 (undefined), 30 (technology) or 3004 (IT services).")
		}
		code = parsed
	}
	top, sub := code, 0
	if code > 99 {
		top, sub = code/100, code%100
	}
	if code < 0 || top > 34 || (sub > 0 && sub > industrySubCodes[top]) || (code > 99 && sub == 0) {
		return p.Invalid("industry", "%d is not a GravityZone industry code (0–34, or a sub-code such as 3004).", code)
	}
	*industry = code
	return nil
}

func readContactPerson(p *params.Set, c *company) error {
	cp, ok, err := p.Object("contactPerson")
	if err != nil || !ok {
		return err
	}
	if err := cp.Allow("fullName", "email", "phoneNumber", "companyRole"); err != nil {
		return err
	}
	var person contactPerson
	if !cp.Has("email") {
		return &params.Error{Param: "contactPerson.email", Details: "Missing required parameter 'contactPerson.email': it is mandatory whenever contactPerson is sent."}
	}
	for _, field := range []struct {
		param  string
		target *string
	}{{"fullName", &person.FullName}, {"email", &person.Email}, {"phoneNumber", &person.PhoneNumber}, {"companyRole", &person.CompanyRole}} {
		v, _, err := cp.String(field.param)
		if err != nil {
			return err
		}
		if strings.ContainsAny(v, "<>") {
			return cp.Invalid(field.param, "the characters < and > are not allowed.")
		}
		*field.target = v
	}
	if !isEmailAddress(person.Email) {
		return cp.Invalid("email", "%q is not an e-mail address.", person.Email)
	}
	if utf8.RuneCountInString(person.PhoneNumber) > maxPhoneLength {
		return cp.Invalid("phoneNumber", "longer than %d characters.", maxPhoneLength)
	}
	c.ContactPerson = &person
	return nil
}

// readAccount reads the first user account of a new company. R31: accountEmail and accountFullName
// are required when canBeManagedByAbove is false. User e-mails are logins, unique across the simulator.
func readAccount(st *state, p *params.Set, canBeManagedByAbove bool) (*userAccount, error) {
	account := userAccount{Timezone: defaultAccountTimezone, Language: defaultAccountLanguage}
	for _, field := range []struct {
		param   string
		target  *string
		isValid func(string) bool
		format  string
	}{
		{"accountEmail", &account.Email, isEmailAddress, "an e-mail address"},
		{"accountFullName", &account.FullName, func(v string) bool { return strings.TrimSpace(v) != "" && !strings.ContainsAny(v, "<>") }, "a non-empty name without < or >"},
		{"accountTimezone", &account.Timezone, timezonePattern.MatchString, "a time zone name such as GMT or Europe/Bucharest"},
		{"accountLanguage", &account.Language, languagePattern.MatchString, "a locale such as en_US"},
	} {
		v, ok, err := p.String(field.param)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if !field.isValid(v) {
			return nil, p.Invalid(field.param, "%q is not %s.", v, field.format)
		}
		*field.target = v
	}
	if !canBeManagedByAbove {
		for _, required := range []string{"accountEmail", "accountFullName"} {
			if !p.Has(required) {
				return nil, &params.Error{Param: required, Details: fmt.Sprintf("Missing parameter '%s': accountEmail and accountFullName are required when canBeManagedByAbove is false.", required)}
			}
		}
	}
	if account.Email == "" {
		return nil, nil // no first user is created
	}
	for _, other := range st.Companies {
		if other.Account != nil && strings.EqualFold(other.Account.Email, account.Email) {
			return nil, p.Invalid("accountEmail", "a user with the e-mail %s already exists; user e-mails are logins and must be unique.", account.Email)
		}
	}
	return &account, nil
}

// readCustomFields replaces the custom fields: an object of scalar values keyed by field name, or
// an empty array to delete them all.
func readCustomFields(p *params.Set, c *company) error {
	if p.IsEmptyArray("customFields") {
		c.CustomFields = map[string]any{}
		return nil
	}
	fields, sent, err := p.Object("customFields")
	if err != nil || !sent {
		return err
	}
	values := map[string]any{}
	for _, name := range fields.Names() {
		if v, _, err := fields.String(name); err == nil {
			values[name] = v
		} else if v, _, err := fields.Int(name); err == nil {
			values[name] = v
		} else if v, _, err := fields.Bool(name); err == nil {
			values[name] = v
		} else {
			return fields.Invalid(name, "custom field values must be strings, integers or booleans.")
		}
	}
	c.CustomFields = values
	return nil
}

func isEmailAddress(v string) bool {
	addr, err := mail.ParseAddress(v)
	return err == nil && addr.Address == v
}
