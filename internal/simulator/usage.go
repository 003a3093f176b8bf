package simulator

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/params"
)

// usageCounters are the getMonthlyUsage counters GravityZone documents or was seen returning; they
// are always present (zero when there is no data). Counters set through the admin endpoint under
// other names are returned as well.
var usageCounters = []string{
	"endpointMonthlyUsage", "aLaCarteMonthlyUsage", "mspSecureMonthlyUsage", "mspSecurePlusMonthlyUsage",
	"mspSecureExtraMonthlyUsage", "mspSecureEssentialsMonthlyUsage", "emailSecurityMonthlyUsage",
	"mobileSecurityMonthlyUsage", "exchangeMonthlyUsage", "encryptionMonthlyUsage", "atsMonthlyUsage",
	"edrMonthlyUsage", "mdrFoundationsMonthlyUsage", "mdrResponseMonthlyUsage", "patchManagementMonthlyUsage",
	"containerProtectionMonthlyUsage", "integrityMonitoringUsage", "integrityMonitoring90DaysUsage",
	"integrityMonitoring180DaysUsage", "integrityMonitoring1YearUsage", "xdrIdentitySensorsMonthlyUsage",
	"xdrProductivitySensorsMonthlyUsage", "xdrNetworkSensorsMonthlyUsage", "xdrCloudSensorsMonthlyUsage",
	"sveVsMonthlyUsage", "sveVdiMonthlyUsage", "complianceMonthlyUsage", "phasrMonthlyUsage",
}

// minimumUsageField is the getMonthlyUsage object that reports the subscription's committed minimum.
const minimumUsageField = "minimumUsage"

// usageProductPHASR is the PHASR product type, which appears only in usage reports.
const usageProductPHASR = 5

var (
	// usageProductTypes are the product types usage is reported for. Usage set through the admin
	// endpoint counts as Endpoint Security.
	usageProductTypes = []int{licensing.ProductEndpointSecurity, licensing.ProductEDR, usageProductPHASR}
	monthPattern      = regexp.MustCompile(`^(0[1-9]|1[0-2])/([0-9]{4})$`)
)

// parseMonth turns "MM/YYYY" into the state's month key "YYYY-MM".
func parseMonth(v string) (string, bool) {
	m := monthPattern.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	return m[2] + "-" + m[1], true
}

func monthKeyOf(t time.Time) string { return t.Format("2006-01") }

// aggregateUsage sums the usage of c and all its descendants for a month; include, when not nil,
// selects which companies count.
func (st *state) aggregateUsage(c *company, month string, include func(*company) bool) usageRecord {
	total := usageRecord{Counters: map[string]float64{}}
	for _, member := range append([]*company{c}, st.descendants(c.ID)...) {
		if include != nil && !include(member) {
			continue
		}
		own := member.Usage[month]
		total.UsedSlots += own.UsedSlots
		for name, v := range own.Counters {
			total.Counters[name] += v
		}
	}
	return total
}

// countersResult renders counters with every known counter present.
func countersResult(counters map[string]float64) map[string]any {
	result := make(map[string]any, len(usageCounters)+len(counters))
	for _, name := range usageCounters {
		result[name] = 0
	}
	for name, v := range counters {
		result[name] = v
	}
	return result
}

func getMonthlyUsage(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId", "targetMonth", "productType", "usageCoverageType",
		"companyRegistrationStartDate", "companyRegistrationEndDate"); err != nil {
		return nil, err
	}
	target, month, err := usageTarget(st, call, p)
	if err != nil {
		return nil, err
	}
	productType := licensing.ProductEndpointSecurity
	if v, ok, err := p.Int("productType"); err != nil {
		return nil, err
	} else if ok {
		if !slices.Contains(usageProductTypes, v) {
			return nil, p.Invalid("productType", "%d is not a product type; use 0 (Endpoint Security), 3 (EDR) or 5 (PHASR).", v)
		}
		productType = v
	}
	include, err := registrationWindow(p)
	if err != nil {
		return nil, err
	}
	counters := map[string]float64{}
	if productType == licensing.ProductEndpointSecurity {
		counters = st.aggregateUsage(target, month, include).Counters
	}
	result := countersResult(counters)
	minimum := 0
	if target.License.MinimumEndpointUsage != nil {
		minimum = *target.License.MinimumEndpointUsage
	}
	result[minimumUsageField] = map[string]any{"endpointMonthlyUsage": minimum}
	return result, nil
}

func getMonthlyUsagePerProductType(st *state, call *rpcCall, p *params.Set) (any, error) {
	if err := p.Allow("companyId", "targetMonth"); err != nil {
		return nil, err
	}
	target, month, err := usageTarget(st, call, p)
	if err != nil {
		return nil, err
	}
	usages := make([]map[string]any, 0, len(usageProductTypes))
	for _, productType := range usageProductTypes {
		counters := map[string]float64{}
		if productType == licensing.ProductEndpointSecurity {
			counters = st.aggregateUsage(target, month, nil).Counters
		}
		entry := countersResult(counters)
		entry["productType"] = productType
		usages = append(usages, entry)
	}
	return map[string]any{"usages": usages}, nil
}

// usageTarget reads companyId (default: the caller's company) and targetMonth (mm/yyyy, default:
// the current month).
func usageTarget(st *state, call *rpcCall, p *params.Set) (*company, string, error) {
	target, err := targetCompany(st, call, p, "companyId")
	if err != nil {
		return nil, "", err
	}
	month := monthKeyOf(call.now)
	if v, ok, err := p.String("targetMonth"); err != nil {
		return nil, "", err
	} else if ok {
		if month, ok = parseMonth(v); !ok {
			return nil, "", p.Invalid("targetMonth", "%q is not a month in the format mm/yyyy, e.g. %s.", v, call.now.Format("01/2006"))
		}
	}
	return target, month, nil
}

// registrationWindow implements usageCoverageType 3: only companies created between the two
// registration dates count. R37: the type requires both dates.
func registrationWindow(p *params.Set) (func(*company) bool, error) {
	coverage, sent, err := p.Int("usageCoverageType")
	if err != nil {
		return nil, err
	}
	if !sent {
		for _, n := range []string{"companyRegistrationStartDate", "companyRegistrationEndDate"} {
			if p.Has(n) {
				return nil, p.Invalid(n, "registration dates apply only with usageCoverageType 3.")
			}
		}
		return nil, nil
	}
	if coverage != 3 {
		return nil, p.Invalid("usageCoverageType", "%d is not supported; the only coverage type is 3 (companies registered in a period).", coverage)
	}
	var bounds [2]time.Time
	for i, n := range []string{"companyRegistrationStartDate", "companyRegistrationEndDate"} {
		v, ok, err := p.String(n)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &params.Error{Param: n, Details: fmt.Sprintf("Missing parameter '%s': usageCoverageType 3 requires both companyRegistrationStartDate and companyRegistrationEndDate.", n)}
		}
		if bounds[i], ok = parseUTCDate(v, i == 1); !ok {
			return nil, p.Invalid(n, "%q is not a UTC date such as 2024-05-01 or 2024-05-01T00:00:00.", v)
		}
	}
	if bounds[1].Before(bounds[0]) {
		return nil, p.Invalid("companyRegistrationEndDate", "it is before companyRegistrationStartDate.")
	}
	return func(c *company) bool {
		created, err := time.Parse(createdAtLayout, c.CreatedAt)
		return err == nil && !created.Before(bounds[0]) && !created.After(bounds[1])
	}, nil
}

// parseUTCDate accepts a date or a date-time; a bare end date covers its whole day.
func parseUTCDate(v string, endOfDay bool) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		if endOfDay {
			t = t.Add(24*time.Hour - time.Second)
		}
		return t, true
	}
	for _, layout := range []string{createdAtLayout, time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// SetUsage sets a company's own usage for a month ("MM/YYYY"), replacing what was set before. Any
// counter name is accepted; getMonthlyUsage of the company and of each of its ancestors includes it,
// and getLicenseInfo reports usedSlots of the current month the same way.
func (s *Server) SetUsage(companyID, month string, usedSlots int, counters map[string]float64) error {
	key, ok := parseMonth(month)
	if !ok {
		return fmt.Errorf("month %q is not in the format MM/YYYY", month)
	}
	if usedSlots < 0 {
		return errors.New("usedSlots must not be negative")
	}
	record := usageRecord{UsedSlots: usedSlots, Counters: make(map[string]float64, len(counters))}
	for name, v := range counters {
		switch {
		case name == "":
			return errors.New("counter names must not be empty")
		case name == minimumUsageField:
			return errors.New("minimumUsage is not a counter: it comes from the subscription's minimumUsage.endpointMonthlyUsage")
		case v < 0 || math.IsNaN(v) || math.IsInf(v, 0):
			return fmt.Errorf("counter %s must be a finite number ≥ 0", name)
		}
		record.Counters[name] = v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.Companies[companyID]
	if c == nil {
		return fmt.Errorf("company %s does not exist", companyID)
	}
	if c.Usage == nil {
		c.Usage = map[string]usageRecord{}
	}
	c.Usage[key] = record
	return s.persistLocked()
}
