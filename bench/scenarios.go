package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// bench holds what every scenario shares: the working directory, Terraform and the providers.
type bench struct {
	workDir     string
	binDir      string
	tf          *terraformCLI
	log         io.Writer
	gravityzone providerUnderTest
	floor       providerUnderTest
	// providers counts the provider processes started, to name their log files.
	providers int
}

func runBenchmarks(ctx context.Context, cfg settings, log io.Writer) (*report, error) {
	terraformPath, err := findTerraform(cfg.terraform)
	if err != nil {
		return nil, err
	}
	workDir, err := os.MkdirTemp("", "gravityzone-bench-")
	if err != nil {
		return nil, err
	}
	if cfg.keepWork {
		fmt.Fprintf(log, "bench: working directory %s (kept)\n", workDir)
	} else {
		defer os.RemoveAll(workDir)
	}
	binDir := filepath.Join(workDir, "bin")
	b := &bench{
		workDir: workDir, binDir: binDir, log: log,
		gravityzone: providerUnderTest{binary: filepath.Join(binDir, providerBinary)},
		// The same process settings the GravityZone provider gives itself (see its main.go), so that
		// the difference between the two is what the provider's resources do.
		floor: providerUnderTest{binary: filepath.Join(binDir, floorBinary),
			env: []string{"TF_LOG_SDK=OFF", "TF_LOG_PROVIDER_BENCHFLOOR=OFF", "GOGC=400"}},
	}
	if b.tf, err = newTerraformCLI(terraformPath, workDir); err != nil {
		return nil, err
	}
	version, err := b.tf.version(ctx)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "bench: building the provider and the simulator; %s (%s)\n", version, terraformPath)
	if err := buildBinaries(ctx, binDir); err != nil {
		return nil, err
	}

	rep := &report{
		Terraform: version, Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH,
		CPUs: runtime.NumCPU(), Runs: cfg.runs,
	}
	for _, name := range cfg.scenarios {
		var results []scenarioResult
		switch name {
		case "s1":
			results, err = b.subscriptions(ctx, cfg.s1Size, cfg.multiplier, cfg.runs)
		case "s2":
			results, err = b.overhead(ctx, cfg.s2Size, cfg.runs)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rep.Scenarios = append(rep.Scenarios, results...)
	}
	rep.Targets = evaluateTargets(rep)
	return rep, nil
}

// findTerraform resolves the -terraform flag: the given path, else $TF_ACC_TERRAFORM_PATH (as
// the acceptance tests use), else terraform on PATH.
func findTerraform(given string) (string, error) {
	if given == "" {
		given = os.Getenv("TF_ACC_TERRAFORM_PATH")
	}
	if given == "" {
		given = "terraform"
	}
	path, err := exec.LookPath(given)
	if err != nil {
		return "", fmt.Errorf("no terraform binary (%w): pass -terraform, or run `make bench`, which finds or builds one", err)
	}
	return path, nil
}

// providerUnderTest is a provider binary and the environment it is started with.
type providerUnderTest struct {
	binary string
	env    []string
}

// subscriptions is S1: n customers with monthly subscriptions, applied, refreshed and destroyed
// against the documented rate limits times multiplier. With limits on, the same phases run again
// with the limits off, as a reference: what Terraform and the provider take when nothing waits.
func (b *bench) subscriptions(ctx context.Context, n int, multiplier float64, runs int) ([]scenarioResult, error) {
	results := []scenarioResult{}
	throttled, err := b.subscriptionsAt(ctx, "S1 throttled", n, multiplier, runs)
	if err != nil {
		return nil, err
	}
	results = append(results, throttled)
	if multiplier == 0 {
		return results, nil
	}
	reference, err := b.subscriptionsAt(ctx, "S1 reference", n, 0, runs)
	if err != nil {
		return nil, err
	}
	reference.Reference = true
	return append(results, reference), nil
}

func (b *bench) subscriptionsAt(ctx context.Context, name string, n int, multiplier float64, runs int) (scenarioResult, error) {
	result := scenarioResult{Name: name, Size: n, Multiplier: multiplier, Resources: 2 * n, Subscriptions: n}
	label := "s1-limits-" + describeMultiplier(multiplier)
	sim, err := startSimulator(ctx, b.binDir, filepath.Join(b.workDir, label+"-simulator.log"), multiplier)
	if err != nil {
		return result, err
	}
	defer sim.stop()
	ws, err := newWorkspace(b.tf, filepath.Join(b.workDir, label), providerBlock(sim)+subscriptionsConfig(n))
	if err != nil {
		return result, err
	}
	if err := b.init(ctx, ws, b.gravityzone); err != nil {
		return result, err
	}
	// Terraform orders a phase by the dependency between the two resource blocks: every company
	// before any subscription, and the other way round to destroy, after refreshing both.
	companies, subscriptions := []string{"createCompany", "getCompanyDetails"}, []string{"setMonthlySubscription", "getLicenseInfo"}
	phases := []phase{
		{name: "apply", args: []string{"apply", "-auto-approve"}, stages: [][]string{companies, subscriptions}},
		{name: "refresh", args: []string{"plan", "-refresh-only"}, stages: [][]string{{"getCompanyDetails"}, {"getLicenseInfo"}}},
		{name: "destroy", args: []string{"destroy", "-auto-approve"},
			stages: [][]string{{"getCompanyDetails"}, {"getLicenseInfo"}, {"setMonthlySubscription"}, {"deleteCompany"}}},
	}
	result.Phases = phaseResults(phases)
	for i := range runs {
		if err := sim.reset(ctx); err != nil {
			return result, err
		}
		if err := ws.removeState(); err != nil {
			return result, err
		}
		for j, p := range phases {
			m, err := b.measure(ctx, sim, ws, p, b.gravityzone)
			if err != nil {
				return result, err
			}
			result.Phases[j].Runs = append(result.Phases[j].Runs, m)
			fmt.Fprintf(b.log, "bench: %s (N=%d, limits %s) run %d/%d: %s %.2f s, %d calls, %d answered 429\n",
				name, n, describeMultiplier(multiplier), i+1, runs, p.name, m.WallSeconds, totalCalls(m.Calls), m.RateLimited)
			waitForFullBuckets(ctx, m.Calls, multiplier)
		}
	}
	result.summarize()
	return result, nil
}

// overhead is S2: n companies with the limits off, applied and planned, each phase timed next to
// the same phase of n terraform_data resources; and, as a reference, the same for n companies of a
// framework provider with the same schema that does nothing (bench/floorprovider).
func (b *bench) overhead(ctx context.Context, n, runs int) ([]scenarioResult, error) {
	companies := scenarioResult{Name: "S2 overhead", Size: n, Resources: n}
	floor := scenarioResult{Name: "S2 reference: do-nothing provider, same schema", Size: n, Resources: n, Reference: true}
	sim, err := startSimulator(ctx, b.binDir, filepath.Join(b.workDir, "s2-simulator.log"), 0)
	if err != nil {
		return nil, err
	}
	defer sim.stop()
	companiesWS, err := newWorkspace(b.tf, filepath.Join(b.workDir, "s2-companies"), providerBlock(sim)+companiesConfig("gravityzone_company", n))
	if err != nil {
		return nil, err
	}
	floorWS, err := newWorkspace(b.tf, filepath.Join(b.workDir, "s2-floor"), floorRequiredProviders+companiesConfig("benchfloor_company", n))
	if err != nil {
		return nil, err
	}
	baselineWS, err := newWorkspace(b.tf, filepath.Join(b.workDir, "s2-terraform-data"), terraformDataConfig(n))
	if err != nil {
		return nil, err
	}
	if err := b.init(ctx, companiesWS, b.gravityzone); err != nil {
		return nil, err
	}
	if err := b.init(ctx, floorWS, b.floor); err != nil {
		return nil, err
	}
	if _, err := baselineWS.run(ctx, "", "init"); err != nil {
		return nil, err
	}
	phases := []phase{
		{name: "apply", args: []string{"apply", "-auto-approve"}},
		{name: "plan", args: []string{"plan"}},
	}
	companies.Phases, floor.Phases = phaseResults(phases), phaseResults(phases)
	for i := range runs {
		if err := sim.reset(ctx); err != nil {
			return nil, err
		}
		for _, ws := range []*workspace{companiesWS, floorWS, baselineWS} {
			if err := ws.removeState(); err != nil {
				return nil, err
			}
		}
		for j, p := range phases {
			// The three run one after the other within the run, so that a busy moment of the machine
			// weighs on all of them alike.
			m, err := b.measure(ctx, sim, companiesWS, p, b.gravityzone)
			if err != nil {
				return nil, err
			}
			f, err := b.measure(ctx, nil, floorWS, p, b.floor)
			if err != nil {
				return nil, err
			}
			base, err := baselineWS.run(ctx, "", p.args...)
			if err == nil {
				err = p.check(base.output)
			}
			if err != nil {
				return nil, err
			}
			m.BaselineWallSeconds, f.BaselineWallSeconds = base.wall.Seconds(), base.wall.Seconds()
			companies.Phases[j].Runs = append(companies.Phases[j].Runs, m)
			floor.Phases[j].Runs = append(floor.Phases[j].Runs, f)
			fmt.Fprintf(b.log, "bench: S2 (N=%d, limits off) run %d/%d: %s %.2f s, do-nothing provider %.2f s, terraform_data %.2f s\n",
				n, i+1, runs, p.name, m.WallSeconds, f.WallSeconds, base.wall.Seconds())
		}
	}
	companies.summarize()
	floor.summarize()
	return []scenarioResult{companies, floor}, nil
}

func phaseResults(phases []phase) []phaseResult {
	results := make([]phaseResult, len(phases))
	for i, p := range phases {
		results[i] = phaseResult{Phase: p.name, Command: "terraform " + strings.Join(p.args, " ")}
	}
	return results
}

// init runs terraform init, which needs the provider attached but is not measured.
func (b *bench) init(ctx context.Context, ws *workspace, under providerUnderTest) error {
	provider, err := b.startProvider(ctx, under)
	if err != nil {
		return err
	}
	_, runErr := ws.run(ctx, provider.reattach, "init")
	_, stopErr := provider.stop()
	if runErr != nil {
		return runErr
	}
	return stopErr
}

func (b *bench) startProvider(ctx context.Context, under providerUnderTest) (*providerProcess, error) {
	b.providers++
	logPath := filepath.Join(b.workDir, fmt.Sprintf("provider-%03d.log", b.providers))
	return startProvider(ctx, under.binary, logPath, under.env...)
}

// phase is one Terraform command of a scenario.
type phase struct {
	name string
	args []string
	// stages are the groups of methods Terraform calls one group after the other.
	stages [][]string
}

// check fails a plan that is not empty: right after an apply, any change planned would be a bug
// of the provider, and its time would not be the time of a plan with nothing to do.
func (p phase) check(output string) error {
	if p.args[0] == "plan" && !strings.Contains(output, "No changes.") {
		return fmt.Errorf("terraform %s right after the apply planned changes:\n%s", strings.Join(p.args, " "), lastLines(output, 40))
	}
	return nil
}

// measure runs one phase in ws with a fresh process of the provider under test, and returns its
// wall time, the API calls the simulator received meanwhile (none without a simulator), and what
// the provider process used.
func (b *bench) measure(ctx context.Context, sim *simulatorProcess, ws *workspace, p phase, under providerUnderTest) (runMeasurement, error) {
	var before simulatorStats
	if sim != nil {
		var err error
		if before, err = sim.stats(ctx); err != nil {
			return runMeasurement{}, err
		}
	}
	provider, err := b.startProvider(ctx, under)
	if err != nil {
		return runMeasurement{}, err
	}
	tfRun, runErr := ws.run(ctx, provider.reattach, p.args...)
	if runErr == nil {
		runErr = p.check(tfRun.output)
	}
	usage, stopErr := provider.stop()
	switch {
	case runErr != nil:
		return runMeasurement{}, runErr
	case stopErr != nil:
		return runMeasurement{}, fmt.Errorf("measuring the provider process: %w", stopErr)
	}
	m := runMeasurement{
		WallSeconds:          tfRun.wall.Seconds(),
		Calls:                map[string]int{},
		ProviderCPUSeconds:   usage.cpuSeconds,
		ProviderPeakRSSBytes: usage.peakRSSByte,
		TerraformCPUSeconds:  tfRun.usage.cpuSeconds,
	}
	if sim == nil {
		return m, nil
	}
	after, err := sim.stats(ctx)
	if err != nil {
		return runMeasurement{}, err
	}
	for method, count := range after.Requests {
		if calls := count - before.Requests[method]; calls > 0 {
			m.Calls[method] = calls
		}
	}
	m.RateLimited = after.RateLimited - before.RateLimited
	m.BoundSeconds = rateLimitBound(m.Calls, sim.multiplier)
	if len(p.stages) > 0 {
		m.OrderedBoundSeconds = orderedBound(m.Calls, p.stages, sim.multiplier)
	}
	return m, nil
}

// waitForFullBuckets waits until the simulator's rate-limit buckets of the methods just called are
// full again. The bound of the next phase assumes a full burst, and a new provider process starts
// with a full client-side bucket, as a Terraform command run minutes later would.
func waitForFullBuckets(ctx context.Context, calls map[string]int, multiplier float64) {
	if multiplier == 0 {
		return
	}
	var refill time.Duration
	for qualified := range calls {
		perSecond, burst := simulator.DocumentedRateLimit(methodName(qualified))
		refill = max(refill, time.Duration(float64(burst)/(perSecond*multiplier)*float64(time.Second)))
	}
	select {
	case <-ctx.Done():
	case <-time.After(refill + 100*time.Millisecond):
	}
}

func describeMultiplier(multiplier float64) string {
	if multiplier == 0 {
		return "off"
	}
	return "×" + strconv.FormatFloat(multiplier, 'g', -1, 64)
}

// providerBlock configures the provider for the simulator, throttling itself to the same
// multiplied rates the simulator enforces (0: no throttling, as the simulator has no limits).
func providerBlock(sim *simulatorProcess) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    gravityzone = {
      source = "gzcommunity/gravityzone"
    }
  }
}

provider "gravityzone" {
  api_url               = %q
  api_key               = %q
  rate_limit_multiplier = %s
}
`, sim.apiURL, sim.apiKey, strconv.FormatFloat(sim.multiplier, 'g', -1, 64))
}

// subscriptionsConfig is S1's configuration: what an MSP onboarding n customers writes.
func subscriptionsConfig(n int) string {
	return fmt.Sprintf(`
resource "gravityzone_company" "customer" {
  count               = %d
  name                = format("bench-customer-%%04d", count.index)
  type                = "customer"
  deletion_protection = false
}

resource "gravityzone_monthly_subscription" "customer" {
  count                = %d
  company_id           = gravityzone_company.customer[count.index].id
  protection_model     = "aLaCarte"
  full_disk_encryption = true
  patch_management     = true
  own_use = {
    edr = true
  }
}
`, n, n)
}

// companiesConfig is S2's configuration: n companies with a few details each, of resourceType.
func companiesConfig(resourceType string, n int) string {
	return fmt.Sprintf(`
resource %q "customer" {
  count   = %d
  name    = format("bench-customer-%%04d", count.index)
  type    = "customer"
  address = format("%%d Benchmark Street", count.index)
  country = "DE"
}
`, resourceType, n)
}

// floorRequiredProviders declares the do-nothing provider of S2's reference.
const floorRequiredProviders = `terraform {
  required_providers {
    benchfloor = {
      source = "gzcommunity/benchfloor"
    }
  }
}
`

// terraformDataConfig is S2's baseline: the same number of resources, with the same values, of a
// type built into Terraform that calls nothing.
func terraformDataConfig(n int) string {
	return fmt.Sprintf(`
resource "terraform_data" "customer" {
  count = %d
  input = {
    name    = format("bench-customer-%%04d", count.index)
    type    = "customer"
    address = format("%%d Benchmark Street", count.index)
    country = "DE"
  }
}
`, n)
}
