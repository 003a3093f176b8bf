package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

const usageAddress = "data.gravityzone_monthly_usage.this"

// setUsage feeds a company's own usage for a month ("MM/YYYY") into the test's simulator.
func (e *testEnv) setUsage(t *testing.T, companyID, month string, counters map[string]float64) {
	t.Helper()
	if err := e.sim.SetUsage(companyID, month, int(counters["endpointMonthlyUsage"]), counters); err != nil {
		t.Fatalf("setting usage of %s for %s: %v", companyID, month, err)
	}
}

// apiCompanyType is the API's number for a company type.
func apiCompanyType(name string) int {
	v, ok := companyTypes.toAPI(name)
	if !ok {
		panic("unknown company type " + name)
	}
	return v
}

// expectUsage checks numeric attributes of a monthly usage data source.
func expectUsage(address string, values map[string]float64) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(values))
	for attribute, want := range values {
		checks = append(checks, acctest.ExpectState(address, attribute, knownvalue.Float64Exact(want)))
	}
	return checks
}

func TestAccMonthlyUsage_keyCompany(t *testing.T) {
	env := newTestEnv(t)
	root := env.sim.RootCompanyID()
	env.setUsage(t, root, "03/2025", map[string]float64{
		"endpointMonthlyUsage": 42, "aLaCarteMonthlyUsage": 40, "mspSecureMonthlyUsage": 2, "edrMonthlyUsage": 7,
		"atsMonthlyUsage": 9, "integrityMonitoring1YearUsage": 3, "xdrCloudSensorsMonthlyUsage": 4, "sveVdiMonthlyUsage": 12.5,
	})
	// Another month's numbers must not leak into March.
	env.setUsage(t, root, "02/2025", map[string]float64{"endpointMonthlyUsage": 1000, "edrMonthlyUsage": 1000})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "gravityzone_monthly_usage" "this" {
  month = "2025-03"
}
`),
			ConfigStateChecks: append(expectUsage(usageAddress, map[string]float64{
				"endpoints": 42, "a_la_carte": 40, "msp_secure": 2, "msp_secure_plus": 0, "edr": 7, "ats": 9,
				"integrity_monitoring_1_year": 3, "xdr_cloud_sensors": 4, "sve_vdi_hours": 12.5, "minimum_endpoint_usage": 0,
			}),
				acctest.ExpectState(usageAddress, "company_id", knownvalue.Null()),
				acctest.ExpectState(usageAddress, "month", knownvalue.StringExact("2025-03")),
				acctest.ExpectState(usageAddress, "counters", knownvalue.MapPartial(map[string]knownvalue.Check{
					"endpointMonthlyUsage":          knownvalue.Float64Exact(42),
					"sveVdiMonthlyUsage":            knownvalue.Float64Exact(12.5),
					"mspSecurePlusMonthlyUsage":     knownvalue.Float64Exact(0),
					minimumUsageCounter:             knownvalue.Float64Exact(0),
					"integrityMonitoring1YearUsage": knownvalue.Float64Exact(3),
				})),
			),
		}},
	})
}

func TestAccMonthlyUsage_childCompany(t *testing.T) {
	env := newTestEnv(t)
	root := env.sim.RootCompanyID()
	child := env.createCompany(t, client.CreateCompanyParams{Name: uniqueName(t, "customer"), Type: apiCompanyType("customer")})
	env.setUsage(t, root, "06/2025", map[string]float64{"endpointMonthlyUsage": 100, "edrMonthlyUsage": 50})
	env.setUsage(t, child, "06/2025", map[string]float64{"endpointMonthlyUsage": 12, "edrMonthlyUsage": 3, "encryptionMonthlyUsage": 2})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
data "gravityzone_monthly_usage" "this" {
  company_id = %q
  month      = "2025-06"
}
`, child)),
			// Only the child's own usage: its parent's is not part of it.
			ConfigStateChecks: append(expectUsage(usageAddress, map[string]float64{"endpoints": 12, "edr": 3, "encryption": 2}),
				acctest.ExpectState(usageAddress, "company_id", knownvalue.StringExact(child)),
			),
		}},
	})
}

func TestAccMonthlyUsage_parentIncludesDescendants(t *testing.T) {
	env := newTestEnv(t)
	root := env.sim.RootCompanyID()
	partner := env.createCompany(t, client.CreateCompanyParams{Name: uniqueName(t, "partner"), Type: apiCompanyType("partner")})
	customer := env.createCompany(t, client.CreateCompanyParams{
		Name: uniqueName(t, "customer"), Type: apiCompanyType("customer"), ParentID: partner,
	})
	env.setUsage(t, root, "01/2025", map[string]float64{"endpointMonthlyUsage": 10, "edrMonthlyUsage": 1})
	env.setUsage(t, partner, "01/2025", map[string]float64{"endpointMonthlyUsage": 5})
	env.setUsage(t, customer, "01/2025", map[string]float64{"endpointMonthlyUsage": 3, "edrMonthlyUsage": 2})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
data "gravityzone_monthly_usage" "root" {
  month = "2025-01"
}

data "gravityzone_monthly_usage" "partner" {
  company_id = %q
  month      = "2025-01"
}

data "gravityzone_monthly_usage" "customer" {
  company_id = %q
  month      = "2025-01"
}
`, partner, customer)),
			ConfigStateChecks: append(append(
				expectUsage("data.gravityzone_monthly_usage.root", map[string]float64{"endpoints": 18, "edr": 3}),
				expectUsage("data.gravityzone_monthly_usage.partner", map[string]float64{"endpoints": 8, "edr": 2})...),
				expectUsage("data.gravityzone_monthly_usage.customer", map[string]float64{"endpoints": 3, "edr": 2})...),
		}},
	})
}

func TestAccMonthlyUsage_monthWithoutDataReadsZeros(t *testing.T) {
	env := newTestEnv(t)
	env.setUsage(t, env.sim.RootCompanyID(), "05/2025", map[string]float64{"endpointMonthlyUsage": 9})

	// Every documented counter is a billable zero, not null.
	zeros := map[string]float64{}
	for _, counter := range usageCounters {
		zeros[counter.attribute] = 0
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "gravityzone_monthly_usage" "this" {
  month = "2019-01"
}
`),
			ConfigStateChecks: append(expectUsage(usageAddress, zeros),
				acctest.ExpectState(usageAddress, "counters", knownvalue.MapPartial(map[string]knownvalue.Check{
					"endpointMonthlyUsage": knownvalue.Float64Exact(0),
				})),
			),
		}},
	})
}

func TestAccMonthlyUsage_unknownCounterInCounters(t *testing.T) {
	env := newTestEnv(t)
	env.setUsage(t, env.sim.RootCompanyID(), "04/2025", map[string]float64{
		"endpointMonthlyUsage": 6, "quantumShieldMonthlyUsage": 7,
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "gravityzone_monthly_usage" "this" {
  month = "2025-04"
}

output "quantum_shield" {
  value = data.gravityzone_monthly_usage.this.counters["quantumShieldMonthlyUsage"]
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectState(usageAddress, "counters", knownvalue.MapPartial(map[string]knownvalue.Check{
					"quantumShieldMonthlyUsage": knownvalue.Float64Exact(7),
					"endpointMonthlyUsage":      knownvalue.Float64Exact(6),
				})),
				statecheck.ExpectKnownOutputValue("quantum_shield", knownvalue.Float64Exact(7)),
			},
		}},
	})
}

func TestAccMonthlyUsage_invalidInput(t *testing.T) {
	env := newTestEnv(t)
	step := func(attribute, value string, expect ...string) resource.TestStep {
		return resource.TestStep{
			Config: env.config(fmt.Sprintf(`
data "gravityzone_monthly_usage" "this" {
  %s = %q
}
`, attribute, value)),
			ExpectError: acctest.ErrorText(expect...),
		}
	}
	const advice, example = "Write the month as YYYY-MM", `for example "2025-03"`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			step("month", "05/2024", "Invalid month", `"05/2024" is in the API's MM/YYYY form, but month is written YYYY-MM: write "2024-05"`),
			step("month", "5/2024", "Invalid month", `month is written YYYY-MM: write "2024-05"`),
			step("month", "2024-5", "Invalid month", `"2024-5" is not a month in the form YYYY-MM.`, advice, example),
			step("month", "2024-13", "Invalid month", `the month must be 01 to 12.`, advice, example),
			step("month", "2024-00", "Invalid month", `the month must be 01 to 12.`),
			step("month", "13/2024", "Invalid month", `"13/2024" is not a month in the form YYYY-MM.`),
			step("month", "2024/05", "Invalid month", `"2024/05" is not a month in the form YYYY-MM.`),
			step("month", "2024-05-01", "Invalid month", `"2024-05-01" is not a month`),
			step("month", "May 2024", "Invalid month", advice, example),
			step("month", "", "Invalid month", `"" is not a month`),
			step("company_id", "", "Empty company id", "company_id", `leave the attribute out to use the API key's own company`),
		},
	})
	if n := env.requests("licensing.getMonthlyUsage"); n != 0 || env.writes() != 0 {
		t.Errorf("invalid input reached the API: %d getMonthlyUsage calls, %d writes; want none", n, env.writes())
	}
}

func TestAccMonthlyUsage_companyNotFound(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "gravityzone_monthly_usage" "this" {
  company_id = "0123456789abcdef01234567"
  month      = "2025-03"
}
`),
			ExpectError: acctest.ErrorText(`Cannot read the monthly usage of company "0123456789abcdef01234567" for 2025-03`,
				`company_id = "0123456789abcdef01234567"`, `The company does not exist`),
		}},
	})
}

func TestAccMonthlyUsage_defaultsToCurrentUTCMonth(t *testing.T) {
	env := newTestEnv(t)
	start := time.Now().UTC()
	// The same usage in this month and the next, so that a run across a month boundary still
	// finds it in whichever month the data source resolves.
	usage := map[string]float64{"endpointMonthlyUsage": 31, "patchManagementMonthlyUsage": 4}
	for _, month := range []time.Time{start, firstOfNextMonth(start)} {
		env.setUsage(t, env.sim.RootCompanyID(), month.Format(targetMonthLayout), usage)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "gravityzone_monthly_usage" "this" {}
`),
			ConfigStateChecks: append(expectUsage(usageAddress, map[string]float64{"endpoints": 31, "patch_management": 4}),
				acctest.ExpectState(usageAddress, "month", knownvalue.StringFunc(func(month string) error {
					if month != start.Format(monthLayout) && month != time.Now().UTC().Format(monthLayout) {
						return fmt.Errorf("month %q is not the current UTC month (%s when the test started)", month, start.Format(monthLayout))
					}
					return nil
				})),
			),
		}},
	})
}

func firstOfNextMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

func TestTargetMonthOf(t *testing.T) {
	valid := map[string]string{
		"2025-03": "03/2025", "2024-12": "12/2024", "2024-01": "01/2024", "1999-10": "10/1999",
	}
	for month, want := range valid {
		if got, err := targetMonthOf(month); err != nil || got != want {
			t.Errorf("targetMonthOf(%q) = %q, %v; want %q", month, got, err, want)
		}
	}
	// The API's own form is answered with the same month rewritten.
	for month, want := range map[string]string{"03/2025": "2025-03", "3/2025": "2025-03", "12/2024": "2024-12"} {
		_, err := targetMonthOf(month)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf(`month is written YYYY-MM: write %q`, want)) {
			t.Errorf("targetMonthOf(%q) error = %v; want one that suggests %q", month, err, want)
		}
	}
	// Anything else is answered with the expected form and an example.
	const notAMonth, outOfRange = "not a month in the form YYYY-MM", "the month must be 01 to 12"
	invalid := []struct{ month, want string }{
		{"13/2024", notAMonth}, {"2024-13", outOfRange}, {"2024-00", outOfRange}, {"2024-1", notAMonth},
		{"24-01", notAMonth}, {"2024/01", notAMonth}, {"2024-01-15", notAMonth}, {"\t2024-01", notAMonth},
		{"2024-01\n", notAMonth}, {"２０２４-01", notAMonth}, {"", notAMonth},
	}
	for _, c := range invalid {
		_, err := targetMonthOf(c.month)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `for example "2025-03"`) {
			t.Errorf("targetMonthOf(%q) error = %v; want one containing %q and the example", c.month, err, c.want)
		}
	}
}

// FuzzMonthToTargetMonth checks targetMonthOf on any input: it accepts exactly the YYYY-MM months,
// and what it sends is the same month in the API's form, which reads back to the input.
func FuzzMonthToTargetMonth(f *testing.F) {
	for _, seed := range []string{"2025-03", "03/2025", "2024-13", "2024-00", "0000-01", "9999-12", "", "2024-1", "1/2024"} {
		f.Add(seed)
	}
	strictMonth := regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
	apiForm := regexp.MustCompile(`^(0[1-9]|1[0-2])/[0-9]{4}$`)
	f.Fuzz(func(t *testing.T, month string) {
		target, err := targetMonthOf(month)
		if strictMonth.MatchString(month) != (err == nil) {
			t.Fatalf("targetMonthOf(%q) = %q, %v: accepted must mean YYYY-MM with month 01–12", month, target, err)
		}
		if err != nil {
			if !strings.Contains(err.Error(), "YYYY-MM") {
				t.Fatalf("targetMonthOf(%q) error %q does not show the expected form", month, err)
			}
			return
		}
		if !apiForm.MatchString(target) {
			t.Fatalf("targetMonthOf(%q) = %q, not in the API's MM/YYYY form", month, target)
		}
		if back := target[3:] + "-" + target[:2]; back != month {
			t.Fatalf("targetMonthOf(%q) = %q, which is the month %q", month, target, back)
		}
	})
}

func TestCountersFromAPI(t *testing.T) {
	usage := &client.MonthlyUsage{
		Counters:     map[string]float64{"endpointMonthlyUsage": 4, "edrMonthlyUsage": 0, "brandNewMonthlyUsage": 2},
		MinimumUsage: &client.MinimumUsage{EndpointMonthlyUsage: 10},
	}
	returned := countersFromAPI(usage)
	want := map[string]types.Float64{
		"endpoints":              types.Float64Value(4),
		"edr":                    types.Float64Value(0),
		"minimum_endpoint_usage": types.Float64Value(10),
		// Not in the answer: null, not a zero the server never said.
		"a_la_carte": types.Float64Null(),
	}
	for _, counter := range usageCounters {
		expected, ok := want[counter.attribute]
		if !ok {
			continue
		}
		if got := counterValue(returned, counter.apiName); !got.Equal(expected) {
			t.Errorf("%s = %v, want %v", counter.attribute, got, expected)
		}
	}
	if returned["brandNewMonthlyUsage"] != 2 || returned[minimumUsageCounter] != 10 || len(returned) != 4 {
		t.Errorf("counters = %v; want the three API counters and the minimum", returned)
	}
	if got := countersFromAPI(&client.MonthlyUsage{}); len(got) != 0 {
		t.Errorf("counters of an answer without counters = %v; want none", got)
	}
}

func TestUsageCounterTableIsConsistent(t *testing.T) {
	attributes, apiNames := map[string]bool{}, map[string]bool{}
	for _, counter := range usageCounters {
		if attributes[counter.attribute] || apiNames[counter.apiName] {
			t.Errorf("%s (%s) appears twice in the counter table", counter.attribute, counter.apiName)
		}
		attributes[counter.attribute], apiNames[counter.apiName] = true, true
	}
	if len(usageCounters) != 25 {
		t.Errorf("the table has %d counters; SPEC §6 documents 25", len(usageCounters))
	}
}
