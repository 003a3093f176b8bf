package provider

import (
	"fmt"
	"strings"
	"testing"
)

// expectOutput fails the test unless Terraform's output contains every phrase, in order, allowing
// for the line wrapping of diagnostics.
func expectOutput(t *testing.T, command, output string, phrases ...string) {
	t.Helper()
	if !errorText(phrases...).MatchString(output) {
		t.Errorf("terraform %s printed:\n%s\nwant, in order: %q", command, output, phrases)
	}
}

// TestAccCompany_untaintFinishesFailedCreate follows the advice of a create that failed after
// createCompany: the company exists and Terraform holds it tainted; `terraform untaint` and
// `terraform apply` finish the job on that same company. (TestAccCompany_failureAfterCreateKeepsCompany
// shows the other road: without untaint, the next apply plans a replacement, which deletion
// protection refuses.)
func TestAccCompany_untaintFinishesFailedCreate(t *testing.T) {
	t.Parallel()
	// Only the first suspendCompany fails, and max_retries = 0 lets it end the first apply.
	env := newTestEnv(t, withFaults(t, fmt.Sprintf("companies.suspendCompany:http500:%v", firstCallFaultProbability), firstCallFaultSeed))
	name := uniqueName(t, "half-created")
	config := fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  api_key               = %q
  rate_limit_multiplier = %d
  max_retries           = 0
}

resource "gravityzone_company" "test" {
  name                = %q
  type                = "customer"
  suspended           = true
  deletion_protection = false
}
`, env.url, env.sim.APIKey(), testRateMultiplier, name)
	cli := newTerraformCLI(t, config)

	out, err := cli.run("apply", "-auto-approve")
	if err == nil {
		t.Fatalf("the first apply succeeded; want the suspension to fail:\n%s", out)
	}
	expectOutput(t, "apply", out, fmt.Sprintf("Company %q was created, but suspending it (suspended = true) failed", name),
		"The company EXISTS in GravityZone with id", "run `terraform untaint`", "and `terraform apply`")
	created, err := env.simulatorCompanyNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	if created.IsSuspended {
		t.Fatal("the company is suspended although suspendCompany failed")
	}
	out = cli.mustRun("state", "show", testCompany)
	expectOutput(t, "state show", out, testCompany, "(tainted)", fmt.Sprintf(`id = %q`, created.ID))

	cli.mustRun("untaint", testCompany)
	out = cli.mustRun("apply", "-auto-approve")
	// The same company is updated in place: no replacement, no second company.
	expectOutput(t, "apply", out, "gravityzone_company.test will be updated in-place", "~ suspended", "false -> true",
		"Apply complete! Resources: 0 added, 1 changed, 0 destroyed.")
	if strings.Contains(out, "must be replaced") {
		t.Errorf("a replacement was planned:\n%s", out)
	}
	finished, err := env.simulatorCompanyNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	if finished.ID != created.ID || !finished.IsSuspended {
		t.Errorf("after untaint and apply the company is %+v; want %s, suspended", finished, created.ID)
	}
	if out, err := cli.run("plan", "-detailed-exitcode"); exitCode(err) != 0 {
		t.Errorf("the plan after finishing is not empty (exit code %d):\n%s", exitCode(err), out)
	}

	cli.mustRun("destroy", "-auto-approve")
	if err := env.expectNoCompanyNamed(name); err != nil {
		t.Error(err)
	}
	if n := env.requests("companies.createCompany"); n != 1 {
		t.Errorf("createCompany was sent %d times, want once", n)
	}
	expectFaultInjected(t, env, 1)
}
