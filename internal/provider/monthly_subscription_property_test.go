package provider

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// The property: for random valid configurations, the plan that the provider's rules make is what
// the simulator's independent rules do. Terraform fails an apply whose result differs from a known
// planned value, and each step's empty-plan check fails on any difference that shows after a
// refresh; explicit state checks compare every attribute with what the generator expects. Random
// configurations that each break one of D5–D11 must fail at plan time with that rule's message and
// without a write.
//
// The generator below knows the vendor's rules from the documentation, not from the provider's
// code: it builds valid assignments and expected states on its own.

// Size of the property test: every valid step applies a new random subscription to every company.
const (
	propertyCompanies      = 20
	propertyValidSteps     = 15
	propertyBrokenPerStep  = 3
	propertySeedEnv        = "GRAVITYZONE_PROPERTY_SEED"
	propertyDefaultSeed    = 20261123
	propertyPartnerEvery   = 2 // every second company is a partner
	propertyStartingStates = 4 // how companies start: see newPropertyCompany
)

func TestAccMonthlySubscription_rulesAgreeWithSimulator(t *testing.T) {
	// A fixed seed keeps `make test` repeatable; GRAVITYZONE_PROPERTY_SEED=random explores new cases.
	seed := uint64(propertyDefaultSeed)
	switch fromEnv := os.Getenv(propertySeedEnv); fromEnv {
	case "":
	case "random":
		seed = uint64(time.Now().UnixNano())
	default:
		parsed, err := strconv.ParseUint(fromEnv, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q is not a number", propertySeedEnv, fromEnv)
		}
		seed = parsed
	}
	t.Logf("property seed %d (rerun with %s=%d)", seed, propertySeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, seed))

	env := newTestEnv(t)
	companies := make([]*propertyCompany, propertyCompanies)
	for i := range companies {
		companies[i] = newPropertyCompany(t, env, i)
	}

	var steps []resource.TestStep
	var writesBeforeBroken int
	for step := range propertyValidSteps {
		var config strings.Builder
		var checks []statecheck.StateCheck
		rendered := make([]renderedSubscription, len(companies))
		for i, c := range companies {
			r, want := c.next(rng)
			rendered[i] = r
			config.WriteString(r.hcl(c.name, c.id))
			checks = append(checks, want.stateChecks("gravityzone_monthly_subscription."+c.name, c.id)...)
		}
		valid := resource.TestStep{Config: env.config(config.String()), ConfigStateChecks: checks}
		if step > 0 {
			valid.PreConfig = func() {
				if writes := env.writes(); writes != writesBeforeBroken {
					t.Errorf("step %d: the broken configuration before it made %d write requests", step+1, writes-writesBeforeBroken)
				}
			}
		}
		steps = append(steps, valid)
		if step == propertyValidSteps-1 {
			break // the test ends on a valid step
		}

		// The same configuration with some subscriptions broken by one rule.
		rule := brokenRules[step%len(brokenRules)]
		var broken strings.Builder
		for i, victim := range rng.Perm(len(companies)) {
			r := rendered[victim].clone()
			if i < propertyBrokenPerStep {
				rule.breakIt(&r, rng)
			}
			broken.WriteString(r.hcl(companies[victim].name, companies[victim].id))
		}
		steps = append(steps, resource.TestStep{
			PreConfig:   func() { writesBeforeBroken = env.writes() },
			Config:      env.config(broken.String()),
			PlanOnly:    true,
			ExpectError: rule.errors(propertyBrokenPerStep),
		})
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}

// propertyCompany is a company under the root (which resells everything from an unlimited pool)
// and what the simulator holds for it, as far as the generator needs it: what GravityZone keeps
// or chooses when a configuration leaves the protection model out.
type propertyCompany struct {
	name, id string
	partner  bool
	product  string
	model    string // "" when it has none
	models   []string
}

// newPropertyCompany creates company i on one of four starting licences: a trial, a monthly
// subscription with a reservation, end date and minimum, the partner or customer monthly trial,
// and a monthly Bitdefender EDR subscription.
func newPropertyCompany(t *testing.T, env *testEnv, i int) *propertyCompany {
	c := &propertyCompany{name: fmt.Sprintf("c%02d", i), partner: i%propertyPartnerEvery == 0, product: productEndpointSecurity}
	companyType := apiCustomer
	if c.partner {
		companyType = apiPartner
	}
	reserved, minimum, edr := 3, 4, 3
	var license []client.LicenseSubscription
	switch i % propertyStartingStates {
	case 1:
		license = append(license, client.LicenseSubscription{Type: 3, ReservedSlots: &reserved, EndSubscription: "2034-05-06",
			MinimumUsage: &client.MinimumUsage{EndpointMonthlyUsage: minimum}})
		c.model, c.models = modelALaCarte, []string{modelALaCarte} // GravityZone's choice under the root
	case 2:
		trialType := 5
		if c.partner {
			trialType = 4
		}
		license = append(license, client.LicenseSubscription{Type: trialType})
	case 3:
		license = append(license, client.LicenseSubscription{Type: 3, AssignedProductType: &edr})
		c.product = productEDR
	}
	c.id = env.newCompany(t, companyType, c.name, "", license...)
	return c
}

// Documented values, from the vendor's pages.
var (
	propertyModels        = []string{"aLaCarte", "mspSecure", "mspSecurePlus", "mspSecureExtra"}
	propertyModelDefaults = map[string][]string{
		"aLaCarte":       {"aLaCarte"},
		"mspSecure":      {"mspSecure"},
		"mspSecurePlus":  {"mspSecure", "mspSecurePlus"},
		"mspSecureExtra": {"mspSecure", "mspSecurePlus", "mspSecureExtra"},
	}
	propertyFlags     = []string{"exchange_security", "full_disk_encryption", "patch_management", "email_security", "mobile_security", "integrity_monitoring"}
	propertyOwnUse    = []string{"edr", "hyper_detect", "sandbox_analyzer", "virtualized_environments_security", "container_protection", "xdr_identity_providers", "xdr_productivity_apps", "xdr_network", "xdr_cloud_workloads"}
	propertyXDR       = []string{"xdr_identity_providers", "xdr_productivity_apps", "xdr_network", "xdr_cloud_workloads"}
	propertyResell    = []string{"edr", "hyper_detect", "sandbox_analyzer", "virtualized_environments_security", "container_protection", "xdr"}
	propertyRetention = []int64{7, 90, 180, 365}
)

// expectedSubscription is the state a valid assignment must end in.
type expectedSubscription struct {
	reservedSlots, minimumUsage, autoRenewPeriod *int64
	endSubscription, protectionModel             *string
	productType                                  string
	resellProductTypes                           []string
	resellProtectionModels                       []string // nil: null
	flags, ownUse, resell                        map[string]bool
	retentionDays                                int64
	mdrLevel                                     string
	mdrResell                                    bool
}

// renderedSubscription is a configuration: top-level arguments and the members of own_use, resell
// and mdr, each as an HCL expression. A nil object is left out.
type renderedSubscription struct {
	top    map[string]string
	nested map[string]map[string]string
}

func (r renderedSubscription) clone() renderedSubscription {
	c := renderedSubscription{top: maps.Clone(r.top), nested: map[string]map[string]string{}}
	for name, members := range r.nested {
		c.nested[name] = maps.Clone(members)
	}
	return c
}

// set sets a member, creating its object.
func (r renderedSubscription) set(object, member, expression string) {
	if r.nested[object] == nil {
		r.nested[object] = map[string]string{}
	}
	r.nested[object][member] = expression
}

func (r renderedSubscription) hcl(name, companyID string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"gravityzone_monthly_subscription\" %q {\n  company_id = %q\n", name, companyID)
	for _, key := range slices.Sorted(maps.Keys(r.top)) {
		fmt.Fprintf(&b, "  %s = %s\n", key, r.top[key])
	}
	for _, object := range slices.Sorted(maps.Keys(r.nested)) {
		var members []string
		for _, member := range slices.Sorted(maps.Keys(r.nested[object])) {
			members = append(members, member+" = "+r.nested[object][member])
		}
		fmt.Fprintf(&b, "  %s = { %s }\n", object, strings.Join(members, ", "))
	}
	b.WriteString("}\n")
	return b.String()
}

func hclString(s string) string { return strconv.Quote(s) }

func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// inOrder keeps the values of all that are among some, in the order of all.
func inOrder(all, some []string) []string {
	var out []string
	for _, v := range all {
		if slices.Contains(some, v) {
			out = append(out, v)
		}
	}
	return out
}

// next draws a new valid subscription for the company, renders it with a random choice of the
// arguments that may be left to their defaults, and records what the simulator will then hold.
func (c *propertyCompany) next(rng *rand.Rand) (renderedSubscription, expectedSubscription) {
	r := renderedSubscription{top: map[string]string{}, nested: map[string]map[string]string{}}
	want := expectedSubscription{flags: map[string]bool{}, ownUse: map[string]bool{}, resell: map[string]bool{}}
	chance := func(n int) bool { return rng.IntN(n) == 0 }
	// render writes an argument, always when it differs from what leaving it out gives, else at random.
	render := func(differs bool, set func()) {
		if differs || chance(2) {
			set()
		}
	}

	want.productType = productEndpointSecurity
	if chance(4) {
		want.productType = productEDR
	}
	render(want.productType != productEndpointSecurity, func() { r.top["product_type"] = hclString(want.productType) })
	want.resellProductTypes = []string{want.productType}
	if c.partner && chance(2) {
		want.resellProductTypes = []string{productEDR, productEndpointSecurity}
	}
	render(len(want.resellProductTypes) > 1, func() { r.top["resell_product_types"] = hclList(want.resellProductTypes) })

	// Protection models: the company's, and those it resells.
	modelNamed := false
	switch {
	case want.productType == productEDR:
		if c.partner && slices.Contains(want.resellProductTypes, productEndpointSecurity) {
			if chance(3) {
				want.resellProtectionModels = c.models // kept
			} else {
				want.resellProtectionModels = inOrder(propertyModels, randomSubset(rng, propertyModels, 1))
				r.top["resell_protection_models"] = hclList(want.resellProtectionModels)
			}
		}
	case chance(4):
		// Left to GravityZone: it keeps the company's model and resold models, or gives a company
		// without a model the first its parent resells (the root: aLaCarte) and that model's defaults.
		model, models := c.model, c.models
		if c.product != productEndpointSecurity || c.model == "" {
			model, models = modelALaCarte, propertyModelDefaults[modelALaCarte]
			if c.partner {
				models = inOrder(propertyModels, append(slices.Clone(c.models), modelALaCarte))
			}
		}
		want.protectionModel, want.resellProtectionModels = &model, models
	default:
		model := propertyModels[rng.IntN(len(propertyModels))]
		want.protectionModel, modelNamed = &model, true
		r.top["protection_model"] = hclString(model)
		defaults := propertyModelDefaults[model]
		want.resellProtectionModels = defaults
		if c.partner && chance(2) {
			want.resellProtectionModels = inOrder(propertyModels, append(randomSubset(rng, propertyModels, 0), defaults...))
		}
		render(!slices.Equal(want.resellProtectionModels, defaults), func() {
			r.top["resell_protection_models"] = hclList(want.resellProtectionModels)
		})
	}
	aLaCarteOwnUse := modelNamed && *want.protectionModel == modelALaCarte
	_, modelsNamed := r.top["resell_protection_models"]
	aLaCarteResold := (modelNamed || modelsNamed) && slices.Contains(want.resellProtectionModels, modelALaCarte)

	for _, flag := range propertyFlags {
		want.flags[flag] = chance(3)
		render(want.flags[flag], func() { r.top[flag] = strconv.FormatBool(want.flags[flag]) })
	}
	want.retentionDays = 7
	if want.flags["integrity_monitoring"] {
		want.retentionDays = propertyRetention[rng.IntN(len(propertyRetention))]
	}
	render(want.retentionDays != 7, func() {
		r.top["integrity_monitoring_retention_days"] = strconv.FormatInt(want.retentionDays, 10)
	})

	// MDR, then own use: MDR Foundations brings EDR, EDR brings HyperDetect and Sandbox Analyzer.
	want.mdrLevel = mdrDisabled
	if chance(4) {
		want.mdrLevel = mdrFoundations
	}
	implied := map[string]bool{}
	for _, member := range propertyOwnUse {
		want.ownUse[member] = chance(3)
	}
	if want.mdrLevel == mdrFoundations {
		implied["edr"] = true
	}
	want.ownUse["edr"] = want.ownUse["edr"] || implied["edr"]
	if want.ownUse["edr"] {
		implied["hyper_detect"], implied["sandbox_analyzer"] = true, true
	}
	for member := range implied {
		want.ownUse[member] = true
	}
	want.ownUse["virtualized_environments_security"] = want.ownUse["virtualized_environments_security"] && aLaCarteOwnUse
	want.ownUse["container_protection"] = want.ownUse["container_protection"] && aLaCarteOwnUse
	for _, sensor := range propertyXDR {
		want.ownUse[sensor] = want.ownUse[sensor] && want.ownUse["edr"]
	}
	renderObject(&r, "own_use", propertyOwnUse, want.ownUse, implied, render, chance)

	// Reselling is for partners; reselling EDR brings HyperDetect and Sandbox Analyzer.
	impliedResold := map[string]bool{}
	for _, member := range propertyResell {
		want.resell[member] = c.partner && chance(3)
	}
	if want.resell["edr"] {
		impliedResold["hyper_detect"], impliedResold["sandbox_analyzer"] = true, true
		want.resell["hyper_detect"], want.resell["sandbox_analyzer"] = true, true
	}
	want.resell["virtualized_environments_security"] = want.resell["virtualized_environments_security"] && aLaCarteResold
	want.resell["container_protection"] = want.resell["container_protection"] && aLaCarteResold
	renderObject(&r, "resell", propertyResell, want.resell, impliedResold, render, chance)

	// A partner using MDR Foundations resells MDR too.
	want.mdrResell = c.partner && (want.mdrLevel == mdrFoundations || chance(3))
	mdrResellDefault := c.partner && want.mdrLevel == mdrFoundations
	render(want.mdrLevel != mdrDisabled, func() { r.set("mdr", "own_use", hclString(want.mdrLevel)) })
	render(want.mdrResell != mdrResellDefault, func() { r.set("mdr", "resell", strconv.FormatBool(want.mdrResell)) })

	if chance(2) {
		slots := int64(1 + rng.IntN(100))
		want.reservedSlots = &slots
		r.top["reserved_slots"] = strconv.FormatInt(slots, 10)
	}
	if chance(2) {
		minimum := int64(rng.IntN(50))
		want.minimumUsage = &minimum
		r.top["minimum_endpoint_usage"] = strconv.FormatInt(minimum, 10)
	}
	if chance(2) {
		end := fmt.Sprintf("20%d-%02d-%02d", 31+rng.IntN(9), 1+rng.IntN(12), 1+rng.IntN(28))
		renew := int64(12)
		if chance(2) {
			renew = int64(rng.IntN(37))
		}
		want.endSubscription, want.autoRenewPeriod = &end, &renew
		r.top["end_subscription"] = hclString(end)
		render(renew != 12, func() { r.top["auto_renew_period"] = strconv.FormatInt(renew, 10) })
	}

	c.product, c.models = want.productType, want.resellProtectionModels
	c.model = ""
	if want.protectionModel != nil {
		c.model = *want.protectionModel
	}
	return r, want
}

// renderObject writes the members of own_use or resell that differ from what leaving them out
// gives (false, or true when implied), and others at random.
func renderObject(r *renderedSubscription, object string, members []string, values, implied map[string]bool, render func(bool, func()), chance func(int) bool) {
	for _, member := range members {
		render(values[member] != implied[member], func() { r.set(object, member, strconv.FormatBool(values[member])) })
	}
	if r.nested[object] == nil && chance(3) {
		r.nested[object] = map[string]string{} // `object = {}` is the same as leaving it out
	}
}

// randomSubset draws at least atLeast values.
func randomSubset(rng *rand.Rand, values []string, atLeast int) []string {
	for {
		var subset []string
		for _, v := range values {
			if rng.IntN(2) == 0 {
				subset = append(subset, v)
			}
		}
		if len(subset) >= atLeast {
			return subset
		}
	}
}

func (want expectedSubscription) stateChecks(address, companyID string) []statecheck.StateCheck {
	optionalInt := func(v *int64) knownvalue.Check {
		if v == nil {
			return knownvalue.Null()
		}
		return knownvalue.Int64Exact(*v)
	}
	optionalString := func(v *string) knownvalue.Check {
		if v == nil {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(*v)
	}
	switches := func(names []string, values map[string]bool) knownvalue.Check {
		members := map[string]knownvalue.Check{}
		for _, name := range names {
			members[name] = knownvalue.Bool(values[name])
		}
		return knownvalue.ObjectExact(members)
	}
	var models knownvalue.Check = knownvalue.Null()
	if want.resellProtectionModels != nil {
		models = stringSetValue(want.resellProtectionModels...)
	}
	checks := []statecheck.StateCheck{
		acctest.ExpectState(address, "id", knownvalue.StringExact(companyID)),
		acctest.ExpectState(address, "reserved_slots", optionalInt(want.reservedSlots)),
		acctest.ExpectState(address, "minimum_endpoint_usage", optionalInt(want.minimumUsage)),
		acctest.ExpectState(address, "end_subscription", optionalString(want.endSubscription)),
		acctest.ExpectState(address, "auto_renew_period", optionalInt(want.autoRenewPeriod)),
		acctest.ExpectState(address, "product_type", knownvalue.StringExact(want.productType)),
		acctest.ExpectState(address, "resell_product_types", stringSetValue(want.resellProductTypes...)),
		acctest.ExpectState(address, "protection_model", optionalString(want.protectionModel)),
		acctest.ExpectState(address, "resell_protection_models", models),
		acctest.ExpectState(address, "integrity_monitoring_retention_days", knownvalue.Int64Exact(want.retentionDays)),
		acctest.ExpectState(address, "own_use", switches(propertyOwnUse, want.ownUse)),
		acctest.ExpectState(address, "resell", switches(propertyResell, want.resell)),
		acctest.ExpectState(address, "mdr", mdrValue(want.mdrLevel, want.mdrResell)),
		acctest.ExpectState(address, "new_protection_model_for_clients", knownvalue.Null()),
	}
	for _, flag := range propertyFlags {
		checks = append(checks, acctest.ExpectState(address, flag, knownvalue.Bool(want.flags[flag])))
	}
	return checks
}

// brokenRule breaks one of D5–D11 in a configuration; summaries are the errors it must cause.
type brokenRule struct {
	summaries []string
	breakIt   func(*renderedSubscription, *rand.Rand)
}

// errors matches n errors of the rule.
func (b brokenRule) errors(n int) *regexp.Regexp {
	alternatives := make([]string, len(b.summaries))
	for i, s := range b.summaries {
		alternatives[i] = acctest.Phrase(s)
	}
	return regexp.MustCompile(fmt.Sprintf(`(?s)(Error:\s+(%s).*){%d}`, strings.Join(alternatives, "|"), n))
}

func pick[T any](rng *rand.Rand, values ...T) T { return values[rng.IntN(len(values))] }

var brokenRules = []brokenRule{
	{[]string{"Add-on setting conflicts with an implied add-on"}, func(r *renderedSubscription, rng *rand.Rand) { // D5
		switch rng.IntN(3) {
		case 0:
			r.set("own_use", "edr", "true")
			r.set("own_use", pick(rng, "hyper_detect", "sandbox_analyzer"), "false")
		case 1:
			r.set("resell", "edr", "true")
			r.set("resell", pick(rng, "hyper_detect", "sandbox_analyzer"), "false")
		default:
			r.set("mdr", "own_use", hclString(mdrFoundations))
			r.set("own_use", "edr", "false")
		}
	}},
	{[]string{"XDR sensors need EDR"}, func(r *renderedSubscription, rng *rand.Rand) { // D6
		r.set("own_use", "edr", "false")
		r.set("mdr", "own_use", hclString(mdrDisabled))
		r.set("own_use", pick(rng, propertyXDR...), "true")
	}},
	{[]string{"Add-on needs the aLaCarte protection model"}, func(r *renderedSubscription, rng *rand.Rand) { // D7
		if model := pick(rng, "", "mspSecure", "mspSecurePlus", "mspSecureExtra"); model == "" {
			delete(r.top, "protection_model")
		} else {
			r.top["protection_model"] = hclString(model)
		}
		r.set("own_use", pick(rng, "virtualized_environments_security", "container_protection"), "true")
	}},
	{[]string{"Reselling needs aLaCarte among the resold protection models"}, func(r *renderedSubscription, rng *rand.Rand) { // D8
		model := pick(rng, "mspSecure", "mspSecurePlus", "mspSecureExtra")
		r.top["product_type"] = hclString(productEndpointSecurity)
		r.top["protection_model"] = hclString(model)
		r.top["resell_protection_models"] = hclList(propertyModelDefaults[model])
		r.set("resell", pick(rng, "virtualized_environments_security", "container_protection"), "true")
	}},
	{[]string{"Protection model needs Endpoint Security"}, func(r *renderedSubscription, rng *rand.Rand) { // D9
		r.top["product_type"] = hclString(productEDR)
		r.top["protection_model"] = hclString(pick(rng, propertyModels...))
	}},
	{[]string{"Incomplete resold product types or protection models"}, func(r *renderedSubscription, rng *rand.Rand) { // D10
		r.top["product_type"] = hclString(productEndpointSecurity)
		if rng.IntN(2) == 0 {
			r.top["resell_product_types"] = hclList([]string{productEDR})
			return
		}
		r.top["protection_model"] = hclString("mspSecureExtra")
		r.top["resell_protection_models"] = hclList(randomSubset(rng, []string{"aLaCarte", "mspSecure", "mspSecurePlus"}, 0))
	}},
	{[]string{"Integrity monitoring retention needs integrity monitoring", "Auto-renewal needs an end date"}, func(r *renderedSubscription, rng *rand.Rand) { // D11
		if rng.IntN(2) == 0 {
			r.top["integrity_monitoring"] = "false"
			r.top["integrity_monitoring_retention_days"] = strconv.FormatInt(pick(rng, propertyRetention[1:]...), 10)
			return
		}
		delete(r.top, "end_subscription")
		r.top["auto_renew_period"] = strconv.Itoa(rng.IntN(37))
	}},
}
