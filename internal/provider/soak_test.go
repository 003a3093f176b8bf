//go:build soak

package provider

import (
	"crypto/rand"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// soakCustomers and soakRateMultiplier are the size of the soak and the speed of both rate limits
// (the simulator's and the provider's): the documented rates × 20.
const (
	soakCustomers      = 500
	soakRateMultiplier = 20
	// soakAttempts is how often the soak runs a failed command before counting it as failed for good.
	soakAttempts = 3
)

// TestSoak applies 500 customers with monthly subscriptions, changes them all, refreshes and
// destroys them through the terraform binary, under reportedFaults and the documented rate limits
// × 20, with the provider's default retries. It reports the companies created twice, those left
// behind, the 429 answers, the commands that failed (a failed command is run again, as a user
// would, up to soakAttempts times) and every place the API key appeared; it fails on duplicates,
// orphans, a key leak or a command that failed every attempt. `make soak` runs it; it is not part of
// `make test`.
func TestSoak(t *testing.T) {
	key := "gz-soak-" + rand.Text()
	env := newTestEnv(t, withFaults(t, reportedFaults, 1), func(o *simulator.Options) {
		o.APIKey, o.RateLimitMultiplier = key, soakRateMultiplier
	})
	logs := t.TempDir()
	providerLog, terraformLog := filepath.Join(logs, "provider.log"), filepath.Join(logs, "terraform.log")
	t.Setenv("TF_ACC_LOG_PATH", providerLog)
	t.Setenv("TF_LOG", "DEBUG")
	t.Setenv("TF_LOG_PATH", terraformLog)
	t.Setenv(EnvAPIKey, key) // as the documentation advises: the configuration does not hold it

	prefix := "soak-" + rand.Text()[:6]
	config := func(phone string, extraSlots int) string {
		return fmt.Sprintf(`
provider "gravityzone" {
  api_url               = %q
  rate_limit_multiplier = %d
}

resource "gravityzone_company" "customer" {
  count               = %d
  name                = format("%%s-%%03d", %q, count.index)
  type                = "customer"
  phone               = %q
  deletion_protection = false
}

resource "gravityzone_monthly_subscription" "customer" {
  count            = %[3]d
  company_id       = gravityzone_company.customer[count.index].id
  reserved_slots   = count.index %% 10 + %[6]d
  patch_management = count.index %% 2 == 0
  own_use          = { edr = count.index %% 3 == 0 }
}
`, env.url, soakRateMultiplier, soakCustomers, prefix, phone, extraSlots)
	}

	cli := acctest.NewCLI(t, testProvider, config("+1 555 0100", 1))
	var outputs strings.Builder
	failedCommands := 0
	run := func(command string, runCommand func() (string, error)) {
		for attempt := 1; attempt <= soakAttempts; attempt++ {
			started := time.Now()
			out, err := runCommand()
			outputs.WriteString(out)
			t.Logf("terraform %s (attempt %d): %s, error %v", command, attempt, time.Since(started).Round(time.Second), err)
			if err == nil {
				return
			}
			failedCommands++
			t.Logf("terraform %s failed:\n%s", command, lastLines(out, 40))
		}
		t.Errorf("terraform %s failed %d times", command, soakAttempts)
	}
	companies := func(when string, want int) {
		held, err := env.simulatorCompanies()
		if err != nil {
			t.Fatal(err)
		}
		expected := map[string]bool{}
		for i := range want {
			expected[fmt.Sprintf("%s-%03d", prefix, i)] = true
		}
		names := map[string]int{}
		duplicates, orphans, missing := 0, 0, 0
		for _, c := range held {
			if names[c.Name]++; names[c.Name] > 1 {
				duplicates++
			}
			if !expected[c.Name] {
				orphans++
			}
		}
		for name := range expected {
			if names[name] == 0 {
				missing++
			}
		}
		t.Logf("after %s: %d companies; %d duplicates, %d orphans, %d missing", when, len(held), duplicates, orphans, missing)
		if duplicates+orphans+missing != 0 {
			t.Errorf("after %s the simulator holds %d companies, want exactly the %d of the configuration", when, len(held), want)
		}
	}

	apply := func(opts ...tfexec.ApplyOption) func() (string, error) {
		return func() (string, error) { return cli.Apply(opts...) }
	}
	run("apply", apply())
	companies("the apply", soakCustomers)
	cli.WriteConfig(config("+1 555 0199", 2))
	run("apply", apply())
	companies("the change", soakCustomers)
	run("apply -refresh-only", apply(tfexec.RefreshOnly(true)))
	// A plan that fails under the faults is run again like any other command; one that succeeds
	// must find nothing to do.
	run("plan", func() (string, error) {
		changes, planned, err := cli.Plan()
		if err == nil && changes {
			t.Errorf("the plan after the refresh is not empty:\n%s", lastLines(planned, 40))
		}
		return planned, err
	})
	run("destroy", cli.Destroy)
	companies("the destroy", 0)

	leaks := countSecrets("Terraform's output", outputs.String(), secretForms(key))
	_ = filepath.WalkDir(logs, func(path string, entry fs.DirEntry, err error) error {
		if err == nil && !entry.IsDir() {
			content, _ := os.ReadFile(path)
			leaks += countSecrets(entry.Name(), string(content), secretForms(key))
		}
		return nil
	})
	_ = filepath.WalkDir(cli.Dir(), func(path string, entry fs.DirEntry, err error) error {
		if err == nil && !entry.IsDir() && !strings.Contains(path, ".terraform"+string(filepath.Separator)) {
			content, _ := os.ReadFile(path)
			leaks += countSecrets(path, string(content), secretForms(key))
		}
		return nil
	})
	stats := env.sim.Stats()
	requests := 0
	for _, n := range stats.Requests {
		requests += n
	}
	t.Logf("soak: %d customers; %d requests, %d faults injected, %d answered 429 (injected or rate-limited); %d failed commands; %d key leaks",
		soakCustomers, requests, stats.FaultsInjected, stats.RateLimited, failedCommands, leaks)
	if leaks != 0 {
		t.Errorf("the API key appeared %d times", leaks)
	}
}

// countSecrets counts the places where text holds one of the secrets, and logs each.
func countSecrets(where, text string, secrets []string) int {
	n := 0
	for _, secret := range secrets {
		if c := strings.Count(text, secret); c > 0 {
			fmt.Fprintf(os.Stderr, "%s holds a form of the API key %d times\n", where, c)
			n += c
		}
	}
	return n
}

// lastLines is the end of a command's output.
func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
