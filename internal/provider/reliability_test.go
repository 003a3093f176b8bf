package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// The fault tests run Terraform against a simulator that injects faults (simulator.Options.Faults)
// and check what GravityZone ends up holding: every company exactly once, nothing orphaned, and a
// clear error where the provider must not guess.

// faultRequestTimeout is the provider's request_timeout in the fault tests, and faultSlowDuration
// how long a "slow" fault holds a request: just longer, so that every slow request times out.
const (
	faultRequestTimeout = time.Second
	faultSlowDuration   = 1500 * time.Millisecond
	faultMaxRetries     = 4
)

// firstCallFaultSeed and firstCallFaultProbability make a fault fire on the first matching request
// and on none of the next seven: the simulator draws one number per matching request from a
// sequence fixed by the seed, and for seed 4 only the first and the ninth are below 0.1. Every
// case also asserts that a fault was injected, so a change of that sequence cannot pass unnoticed.
const (
	firstCallFaultSeed        = 4
	firstCallFaultProbability = 0.1
)

// withFaults is a simulator option: the faults in the --faults syntax, the seed that decides which
// requests they hit, and a slow fault that outlasts faultRequestTimeout.
func withFaults(t *testing.T, spec string, seed int64) func(*simulator.Options) {
	t.Helper()
	parsed, err := simulator.ParseFaults(spec)
	if err != nil {
		t.Fatalf("parsing faults %q: %v", spec, err)
	}
	return func(o *simulator.Options) {
		o.Faults, o.Seed, o.SlowDuration = parsed, seed, faultSlowDuration
	}
}

// faultConfig prepends a provider block with short timeouts and a few retries, for faults.
func (e *testEnv) faultConfig(hcl string) string {
	return fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  api_key               = %q
  rate_limit_multiplier = %d
  request_timeout       = %q
  max_retries           = %d
}
`, e.url, e.sim.APIKey(), testRateMultiplier, faultRequestTimeout, faultMaxRetries) + hcl
}

// simulatorCompany is a company as the simulator holds it.
type simulatorCompany struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Type        int    `json:"type"`
	ParentID    string `json:"parentId"`
	Phone       string `json:"phone"`
	IsSuspended bool   `json:"isSuspended"`
	License     struct {
		SubscriptionType      int  `json:"subscriptionType"`
		ReservedSlots         *int `json:"reservedSlots"`
		ManagePatchManagement bool `json:"managePatchManagement"`
		OwnUse                struct {
			ManageEventCorrelator bool `json:"manageEventCorrelator"`
		} `json:"ownUse"`
	} `json:"license"`
}

// simulatorCompanies reads every company but the root from the simulator's administrative state
// endpoint, which injects no faults and draws nothing from the fault sequence: checks do not
// change which requests of the test get a fault.
func (e *testEnv) simulatorCompanies() ([]simulatorCompany, error) {
	request := httptest.NewRequest(http.MethodGet, "/_simulator/state", nil)
	request.SetBasicAuth(e.sim.APIKey(), "")
	recorder := httptest.NewRecorder()
	e.sim.ServeHTTP(recorder, request)
	if recorder.Code != http.StatusOK {
		return nil, fmt.Errorf("reading the simulator's state: HTTP %d: %s", recorder.Code, recorder.Body)
	}
	var state struct {
		RootID    string                      `json:"rootCompanyId"`
		Companies map[string]simulatorCompany `json:"companies"`
	}
	if err := json.Unmarshal(recorder.Body.Bytes(), &state); err != nil {
		return nil, fmt.Errorf("decoding the simulator's state: %w", err)
	}
	var companies []simulatorCompany
	for id, c := range state.Companies {
		if id != state.RootID {
			companies = append(companies, c)
		}
	}
	slices.SortFunc(companies, func(a, b simulatorCompany) int { return strings.Compare(a.Name, b.Name) })
	return companies, nil
}

// simulatorCompanyNamed returns the one company with that name, or an error when there is none or
// more than one.
func (e *testEnv) simulatorCompanyNamed(name string) (simulatorCompany, error) {
	companies, err := e.simulatorCompanies()
	if err != nil {
		return simulatorCompany{}, err
	}
	var found []simulatorCompany
	for _, c := range companies {
		if c.Name == name {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return simulatorCompany{}, fmt.Errorf("the simulator holds %d companies named %q, want exactly one", len(found), name)
	}
	return found[0], nil
}

// expectNoCompanyNamed fails when the simulator holds a company of that name.
func (e *testEnv) expectNoCompanyNamed(name string) error {
	companies, err := e.simulatorCompanies()
	for _, c := range companies {
		if c.Name == name {
			return fmt.Errorf("the simulator holds company %q (id %s), want none", name, c.ID)
		}
	}
	return err
}

// simulatorCompanyIDs lists the ids of every company but the root, sorted.
func (e *testEnv) simulatorCompanyIDs(t *testing.T) []string {
	t.Helper()
	companies, err := e.simulatorCompanies()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(companies))
	for i, c := range companies {
		ids[i] = c.ID
	}
	slices.Sort(ids)
	return ids
}

// checkOnlyLeft is a CheckDestroy: after destroy the simulator holds exactly the companies that
// existed before Terraform ran (made by the test's setup), nothing that Terraform created.
func (e *testEnv) checkOnlyLeft(before []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		companies, err := e.simulatorCompanies()
		if err != nil {
			return err
		}
		var left []string
		for _, c := range companies {
			if !slices.Contains(before, c.ID) {
				left = append(left, fmt.Sprintf("%q (id %s)", c.Name, c.ID))
			}
		}
		if len(left) > 0 {
			return fmt.Errorf("after destroy the simulator still holds %s", strings.Join(left, ", "))
		}
		return nil
	}
}

// checkAddOnsOff is a CheckDestroy: every company left has the add-ons and the seat reservation
// that the tests set switched off again.
func (e *testEnv) checkAddOnsOff(*terraform.State) error {
	companies, err := e.simulatorCompanies()
	for _, c := range companies {
		if l := c.License; l.ReservedSlots != nil || l.ManagePatchManagement || l.OwnUse.ManageEventCorrelator {
			return fmt.Errorf("after destroy company %q still has a reservation (%v) or add-ons on (patch management %t, EDR %t)",
				c.Name, ptrValue(l.ReservedSlots), l.ManagePatchManagement, l.OwnUse.ManageEventCorrelator)
		}
	}
	return err
}

// expectFaultInjected fails the test when the simulator injected no fault: the case tested nothing.
func expectFaultInjected(t *testing.T, env *testEnv, atLeast int) {
	t.Helper()
	if got := env.sim.Stats().FaultsInjected; got < atLeast {
		t.Errorf("the simulator injected %d faults, want at least %d: the case did not exercise the fault", got, atLeast)
	}
}

// faultKinds are every kind of fault the simulator injects.
var faultKinds = []simulator.FaultKind{
	simulator.FaultHTTP429, simulator.FaultHTTP500, simulator.FaultHTTP502, simulator.FaultReset,
	simulator.FaultResetAfterCommit, simulator.FaultSlow, simulator.FaultMalformed,
}

// faultScenario drives one API method through Terraform.
type faultScenario struct {
	method string
	// precondition is a fault injected besides the one under test, to reach the method at all.
	precondition string
	// seed replaces firstCallFaultSeed when precondition draws from the fault sequence first.
	seed int64
	// steps exercise the method; name is the company the case creates or reads.
	steps func(t *testing.T, env *testEnv, name string) []resource.TestStep
}

// notCompletedCreate are the faults that stop createCompany from running while its answer is lost:
// the client looks for the company, does not find it, and sends createCompany again.
var notCompletedCreate = []simulator.FaultKind{
	simulator.FaultHTTP500, simulator.FaultHTTP502, simulator.FaultReset, simulator.FaultSlow, simulator.FaultMalformed,
}

func TestAccFaults_eachKindOnEachMethod(t *testing.T) {
	for _, scenario := range faultScenarios() {
		for _, kind := range faultKinds {
			t.Run(scenario.method+"/"+string(kind), func(t *testing.T) {
				seed := cmp.Or(scenario.seed, firstCallFaultSeed)
				spec := fmt.Sprintf("%s:%s:%v", scenario.method, kind, firstCallFaultProbability)
				if scenario.precondition != "" {
					spec = scenario.precondition + "," + spec
				}
				env := newTestEnv(t, withFaults(t, spec, seed))
				name := uniqueName(t, "company")
				steps := scenario.steps(t, env, name)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviderFactories,
					CheckDestroy:             resource.ComposeTestCheckFunc(env.checkOnlyLeft(env.simulatorCompanyIDs(t)), env.checkAddOnsOff),
					Steps:                    steps,
				})
				faults := 1
				if scenario.precondition != "" {
					faults++
				}
				expectFaultInjected(t, env, faults)
			})
		}
	}
}

// TestAccFaults_createCompanyNeverAnswered injects the fault into every createCompany: the provider
// looks for the company after each one, does not find it, sends it again up to max_retries times,
// and then says that nothing was created, naming the company and what to check.
func TestAccFaults_createCompanyNeverAnswered(t *testing.T) {
	for _, kind := range notCompletedCreate {
		t.Run(string(kind), func(t *testing.T) {
			env := newTestEnv(t, withFaults(t, fmt.Sprintf("companies.createCompany:%s:1", kind), firstCallFaultSeed))
			name := uniqueName(t, "company")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.faultConfig(customerConfig(name, "")),
					ExpectError: acctest.ErrorText(fmt.Sprintf("Cannot create company %q", name),
						fmt.Sprintf("afterwards no company named %q was found under the API key's company, so GravityZone has not created it", name),
						"Nothing was created", "Check that api_url is reachable", "import the company instead"),
				}},
			})
			if n := env.requests("companies.createCompany"); n != faultMaxRetries+1 {
				t.Errorf("createCompany was sent %d times, want %d: once, then again after each lookup that did not find it", n, faultMaxRetries+1)
			}
			if n := env.requests("network.getCompaniesList"); n != faultMaxRetries+1 {
				t.Errorf("getCompaniesList was sent %d times, want %d: the provider must look before each resend", n, faultMaxRetries+1)
			}
			if err := env.expectNoCompanyNamed(name); err != nil {
				t.Error(err)
			}
			expectFaultInjected(t, env, faultMaxRetries+1)
		})
	}
}

// customerConfig is a customer company that can be destroyed; extra adds attributes.
func customerConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  deletion_protection = false
%s}
`, name, extra)
}

// expectCompany checks that the simulator holds exactly one company of that name, as Terraform
// has it in state, and that it passes check.
func expectCompany(env *testEnv, name string, check func(simulatorCompany) error) statecheck.StateCheck {
	var id string
	return statecheckAll{
		acctest.ExpectState(testCompany, "id", acctest.Capture(&id)),
		acctest.ServerCheck(func() error {
			company, err := env.simulatorCompanyNamed(name)
			if err != nil {
				return err
			}
			if company.ID != id {
				return fmt.Errorf("the simulator's company %q has id %s, Terraform's state %s", name, company.ID, id)
			}
			if check != nil {
				return check(company)
			}
			return nil
		}),
	}
}

// statecheckAll runs checks in order, so that a later one can use what an earlier one captured.
type statecheckAll []statecheck.StateCheck

func (checks statecheckAll) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, check := range checks {
		check.CheckState(ctx, req, resp)
		if resp.Error != nil {
			return
		}
	}
}

func faultScenarios() []faultScenario {
	companyStep := func(env *testEnv, name, extra string, check func(simulatorCompany) error) resource.TestStep {
		return resource.TestStep{
			Config:            env.faultConfig(customerConfig(name, extra)),
			ConfigStateChecks: []statecheck.StateCheck{expectCompany(env, name, check)},
		}
	}
	phone := func(want string) func(simulatorCompany) error {
		return func(c simulatorCompany) error {
			if c.Phone != want {
				return fmt.Errorf("phone %q, want %q", c.Phone, want)
			}
			return nil
		}
	}
	suspended := func(want bool) func(simulatorCompany) error {
		return func(c simulatorCompany) error {
			if c.IsSuspended != want {
				return fmt.Errorf("isSuspended %t, want %t", c.IsSuspended, want)
			}
			return nil
		}
	}
	return []faultScenario{
		{
			method: "companies.createCompany",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{companyStep(env, name, "", nil)}
			},
		},
		{
			method: "companies.getCompanyDetails",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{companyStep(env, name, `  phone = "+1 555 0100"`+"\n", phone("+1 555 0100"))}
			},
		},
		{
			method: "companies.updateCompanyDetails",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{
					companyStep(env, name, `  phone = "+1 555 0100"`+"\n", phone("+1 555 0100")),
					companyStep(env, name, `  phone = "+1 555 0199"`+"\n", phone("+1 555 0199")),
				}
			},
		},
		{
			// Every case destroys what it created; CheckDestroy proves the company is gone.
			method: "companies.deleteCompany",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{companyStep(env, name, "", nil)}
			},
		},
		{
			method: "companies.suspendCompany",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{companyStep(env, name, "  suspended = true\n", suspended(true))}
			},
		},
		{
			method: "companies.activateCompany",
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{
					companyStep(env, name, "  suspended = true\n", suspended(true)),
					companyStep(env, name, "  suspended = false\n", suspended(false)),
				}
			},
		},
		{
			method: "companies.findCompaniesByName",
			steps: func(t *testing.T, env *testEnv, name string) []resource.TestStep {
				id := env.createCompany(t, client.CreateCompanyParams{Type: 1, Name: name})
				return []resource.TestStep{{
					Config: env.faultConfig(fmt.Sprintf(`
data "gravityzone_company_lookup" "test" {
  name = %q
}
`, name)),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectState("data.gravityzone_company_lookup.test", "id", knownvalue.StringExact(id)),
					},
				}}
			},
		},
		{
			// The provider calls getCompaniesList only to find a company whose createCompany answer
			// was lost, so every createCompany loses its answer here.
			method:       "network.getCompaniesList",
			precondition: "companies.createCompany:reset-after-commit:1",
			// With seed 7 the createCompany fault takes the first draw, the first getCompaniesList
			// the second (0.085), and its retry the third (0.642): one fault of the kind under test.
			seed: 7,
			steps: func(_ *testing.T, env *testEnv, name string) []resource.TestStep {
				return []resource.TestStep{companyStep(env, name, "", nil)}
			},
		},
		{
			method: "licensing.setMonthlySubscription",
			steps: func(t *testing.T, env *testEnv, _ string) []resource.TestStep {
				customer := env.newCompany(t, apiCustomer, "customer", "")
				return []resource.TestStep{{
					Config: env.faultConfig(subscriptionBlock("test", customer, subscriptionBody)),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectState(subscriptionAddress, "own_use", ownUseValue("edr", "hyper_detect", "sandbox_analyzer")),
						acctest.ServerCheck(func() error { return expectSubscribed(env, customer, 4) }),
					},
				}}
			},
		},
		{
			// Read back after the write, refreshed, and read by the data source.
			method: "licensing.getLicenseInfo",
			steps: func(t *testing.T, env *testEnv, _ string) []resource.TestStep {
				customer := env.newCompany(t, apiCustomer, "customer", "")
				return []resource.TestStep{{
					Config: env.faultConfig(subscriptionBlock("test", customer, subscriptionBody) + `
data "gravityzone_license_info" "test" {
  company_id = gravityzone_monthly_subscription.test.company_id
}
`),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectState(subscriptionAddress, "reserved_slots", knownvalue.Int64Exact(4)),
						acctest.ExpectState(licenseInfoAddress, "subscription_type", knownvalue.StringExact("monthly_subscription")),
						acctest.ExpectState(licenseInfoAddress, "patch_management", knownvalue.Bool(true)),
						acctest.ServerCheck(func() error { return expectSubscribed(env, customer, 4) }),
					},
				}}
			},
		},
		{
			method: "licensing.getMonthlyUsage",
			steps: func(t *testing.T, env *testEnv, _ string) []resource.TestStep {
				env.setUsage(t, env.sim.RootCompanyID(), "03/2025", map[string]float64{"endpointMonthlyUsage": 17})
				return []resource.TestStep{{
					Config: env.faultConfig(`
data "gravityzone_monthly_usage" "test" {
  month = "2025-03"
}
`),
					ConfigStateChecks: expectUsage("data.gravityzone_monthly_usage.test", map[string]float64{"endpoints": 17}),
				}}
			},
		},
	}
}

// subscriptionBody is a monthly subscription with a reservation and add-ons, implied ones included.
const subscriptionBody = `  reserved_slots   = 4
  patch_management = true
  own_use          = { edr = true }`

// expectSubscribed checks that the simulator holds the company on a monthly subscription with the
// reservation and the add-ons of a subscription like subscriptionBody.
func expectSubscribed(env *testEnv, companyID string, reservedSlots int) error {
	companies, err := env.simulatorCompanies()
	if err != nil {
		return err
	}
	for _, c := range companies {
		if c.ID != companyID {
			continue
		}
		if l := c.License; l.SubscriptionType != 3 || ptrValue(l.ReservedSlots) != reservedSlots || !l.ManagePatchManagement || !l.OwnUse.ManageEventCorrelator {
			return fmt.Errorf("company %q holds licence type %d, reservation %v, patch management %t, EDR %t; want a monthly "+
				"subscription (3) reserving %d with both on", c.Name, l.SubscriptionType, ptrValue(l.ReservedSlots),
				l.ManagePatchManagement, l.OwnUse.ManageEventCorrelator, reservedSlots)
		}
		return nil
	}
	return fmt.Errorf("the simulator holds no company %s", companyID)
}

// providerMethods are every API method the provider calls, as service.method.
var providerMethods = []string{
	"companies.createCompany", "companies.getCompanyDetails", "companies.updateCompanyDetails",
	"companies.deleteCompany", "companies.suspendCompany", "companies.activateCompany",
	"companies.findCompaniesByName", "network.getCompaniesList", "licensing.getLicenseInfo",
	"licensing.setMonthlySubscription", "licensing.getMonthlyUsage",
}

// mixedFaults injects every fault kind into every method, each with the given probability.
func mixedFaults(probability float64) string {
	var faults []string
	for _, method := range providerMethods {
		for _, kind := range faultKinds {
			faults = append(faults, fmt.Sprintf("%s:%s:%v", method, kind, probability))
		}
	}
	return strings.Join(faults, ",")
}

// expectCompaniesAsInState checks that the simulator holds exactly the companies of the given
// resource in Terraform's state: the same ids and names, each once, and nothing else.
func expectCompaniesAsInState(env *testEnv, resourceAddress string, count int) statecheck.StateCheck {
	return stateFunc(func(state *tfjson.State) error {
		inState := map[string]string{} // id → name
		for _, r := range state.Values.RootModule.Resources {
			if r.Mode == tfjson.ManagedResourceMode && r.Type+"."+r.Name == resourceAddress {
				id, _ := r.AttributeValues["id"].(string)
				name, _ := r.AttributeValues["name"].(string)
				inState[id] = name
			}
		}
		if len(inState) != count {
			return fmt.Errorf("Terraform's state holds %d distinct %s, want %d", len(inState), resourceAddress, count)
		}
		companies, err := env.simulatorCompanies()
		if err != nil {
			return err
		}
		if len(companies) != count {
			return fmt.Errorf("the simulator holds %d companies, want exactly the %d in Terraform's state", len(companies), count)
		}
		for _, c := range companies {
			if name, ok := inState[c.ID]; !ok || name != c.Name {
				return fmt.Errorf("the simulator's company %q (id %s) is not in Terraform's state as such", c.Name, c.ID)
			}
		}
		return nil
	})
}

// stateFunc is a state check written as a function of the whole state.
type stateFunc func(*tfjson.State) error

func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = errors.New("the state is empty")
		return
	}
	resp.Error = f(req.State)
}

func TestAccFaults_twentyCustomersUnderMixedFaults(t *testing.T) {
	// 2.5% per kind and method: 1 − 0.975⁷ ≈ 16% of the requests of every method fail.
	env := newTestEnv(t, withFaults(t, mixedFaults(0.025), 1))
	const customers = 20
	prefix := uniqueName(t, "customer")
	config := env.faultConfig(fmt.Sprintf(`
resource "gravityzone_company" "customer" {
  count               = %d
  name                = format("%%s-%%02d", %q, count.index)
  type                = "customer"
  deletion_protection = false
}

resource "gravityzone_monthly_subscription" "customer" {
  count            = %[1]d
  company_id       = gravityzone_company.customer[count.index].id
  reserved_slots   = count.index + 1
  patch_management = count.index %% 2 == 0
  own_use          = { edr = count.index %% 3 == 0 }
}
`, customers, prefix))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(env.checkOnlyLeft(nil), env.checkAddOnsOff),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				expectCompaniesAsInState(env, "gravityzone_company.customer", customers),
				acctest.ServerCheck(func() error { return expectTwentySubscriptions(env, prefix) }),
			},
		}},
	})
	// About 190 requests, of which about 28 are expected to fail: fewer than 10 would mean that the
	// test no longer tests faults.
	expectFaultInjected(t, env, 10)
}

// expectTwentySubscriptions checks the subscription of each customer "<prefix>-NN" of
// TestAccFaults_twentyCustomersUnderMixedFaults: monthly, reserving NN+1 seats, patch management
// for even NN, EDR for NN divisible by 3.
func expectTwentySubscriptions(env *testEnv, prefix string) error {
	companies, err := env.simulatorCompanies()
	if err != nil {
		return err
	}
	for _, c := range companies {
		var index int
		if _, err := fmt.Sscanf(strings.TrimPrefix(c.Name, prefix+"-"), "%02d", &index); err != nil {
			return fmt.Errorf("unexpected company %q", c.Name)
		}
		l := c.License
		if l.SubscriptionType != 3 || ptrValue(l.ReservedSlots) != index+1 ||
			l.ManagePatchManagement != (index%2 == 0) || l.OwnUse.ManageEventCorrelator != (index%3 == 0) {
			return fmt.Errorf("company %q holds licence type %d, reservation %v, patch management %t, EDR %t", c.Name,
				l.SubscriptionType, ptrValue(l.ReservedSlots), l.ManagePatchManagement, l.OwnUse.ManageEventCorrelator)
		}
	}
	return nil
}
