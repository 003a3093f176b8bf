package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRateLimitBound(t *testing.T) {
	for _, tc := range []struct {
		name       string
		calls      map[string]int
		multiplier float64
		want       float64
	}{
		{
			name:       "the slowest method sets the bound",
			calls:      map[string]int{"licensing.setMonthlySubscription": 50, "licensing.getLicenseInfo": 50},
			multiplier: 10,
			want:       8, // (50 - 10) / (0.5 × 10) against (50 - 5) / (5 × 10)
		},
		{
			name:       "calls within the burst wait for nothing",
			calls:      map[string]int{"companies.getCompanyDetails": 10},
			multiplier: 1,
			want:       0,
		},
		{
			name:       "limits off",
			calls:      map[string]int{"licensing.setMonthlySubscription": 500},
			multiplier: 0,
			want:       0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rateLimitBound(tc.calls, tc.multiplier); math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("rateLimitBound = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestOrderedBound(t *testing.T) {
	calls := map[string]int{
		"companies.createCompany": 50, "companies.getCompanyDetails": 50,
		"licensing.setMonthlySubscription": 50, "licensing.getLicenseInfo": 50,
	}
	stages := [][]string{{"createCompany", "getCompanyDetails"}, {"setMonthlySubscription", "getLicenseInfo"}}
	// Companies: (50 − 10) / 100 = 0.4 s; then subscriptions: (50 − 10) / 5 = 8 s.
	if got := orderedBound(calls, stages, 10); math.Abs(got-8.4) > 1e-9 {
		t.Errorf("orderedBound = %v, want 8.4", got)
	}
	if got := orderedBound(calls, nil, 10); got != rateLimitBound(calls, 10) {
		t.Errorf("without stages, orderedBound = %v, want the plain bound", got)
	}
}

func TestSummarize(t *testing.T) {
	runs := []runMeasurement{
		{WallSeconds: 3, BoundSeconds: 2, Calls: map[string]int{"companies.createCompany": 4, "companies.getCompanyDetails": 4}, ProviderPeakRSSBytes: 10},
		{WallSeconds: 1, BoundSeconds: 2, Calls: map[string]int{"companies.createCompany": 4}, RateLimited: 1, ProviderPeakRSSBytes: 30},
		{WallSeconds: 2, BoundSeconds: 2, Calls: map[string]int{"companies.createCompany": 4, "companies.getCompanyDetails": 5}, RateLimited: 2, ProviderPeakRSSBytes: 20},
	}
	s := summarize(runs, 4)
	if s.WallSeconds != 2 || s.WallToBound == nil || *s.WallToBound != 1 {
		t.Errorf("wall %v s, wall/bound %v; want the median 2 s and 1", s.WallSeconds, s.WallToBound)
	}
	if s.Writes != 4 || s.Reads != 5 || s.CallsPerResource != 2.25 {
		t.Errorf("writes %d, reads %d, calls/resource %v; want those of the median run: 4, 5, 2.25", s.Writes, s.Reads, s.CallsPerResource)
	}
	if s.RateLimited != 3 || s.ProviderPeakRSSBytes != 30 {
		t.Errorf("429s %d, peak %d; want the sum over runs (3) and the highest peak (30)", s.RateLimited, s.ProviderPeakRSSBytes)
	}
	if median([]float64{4, 1, 3, 2}) != 2.5 {
		t.Error("the median of an even count is the mean of the two middle values")
	}
}

// TestSmoke runs both scenarios at N=5 with the limits off and one run, so that the harness keeps
// working; `make bench-smoke` runs it as part of `make test`. Like the acceptance tests it drives
// the real Terraform CLI, so it needs TF_ACC.
func TestSmoke(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run the benchmark harness with the real Terraform CLI (make bench-smoke does)")
	}
	var log bytes.Buffer
	rep, err := runBenchmarks(t.Context(), settings{
		scenarios: []string{"s1", "s2"}, s1Size: 5, s2Size: 5, multiplier: 0, runs: 1,
	}, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}

	names := []string{}
	for _, s := range rep.Scenarios {
		names = append(names, s.Name)
		for _, p := range s.Phases {
			label := s.Name + " " + p.Phase
			sum := p.Summary
			if len(p.Runs) != 1 || sum.WallSeconds <= 0 || sum.ProviderCPUSeconds <= 0 || sum.ProviderPeakRSSBytes <= 0 {
				t.Errorf("%s: incomplete: %d runs, wall %v s, provider CPU %v s, peak %d bytes", label, len(p.Runs), sum.WallSeconds, sum.ProviderCPUSeconds, sum.ProviderPeakRSSBytes)
			}
			if sum.BoundSeconds != 0 || sum.RateLimited != 0 {
				t.Errorf("%s: with the limits off, the bound is %v s and %d requests were answered 429; want 0 and 0", label, sum.BoundSeconds, sum.RateLimited)
			}
			if !s.Reference && len(sum.Calls) == 0 {
				t.Errorf("%s: no API calls counted", label)
			}
			if strings.HasPrefix(s.Name, "S2") && sum.BaselineWallSeconds <= 0 {
				t.Errorf("%s: no terraform_data time", label)
			}
		}
	}
	if strings.Join(names, ", ") != "S1 throttled, S2 overhead, S2 reference: do-nothing provider, same schema" {
		t.Errorf("scenarios %q", names)
	}
	for _, c := range rep.Targets {
		// The plan ratio to terraform_data depends on the machine; everything else must hold at any size.
		if !c.Met && !strings.Contains(c.Target, "terraform_data") {
			t.Errorf("target missed: %s: %s", c.Target, c.Measured)
		}
	}

	var table bytes.Buffer
	writeMarkdown(&table, rep)
	if rows := strings.Count(table.String(), "\n| S"); rows != 3+2+2 {
		t.Errorf("the table has %d phase rows, want 7:\n%s", rows, table.String())
	}
	path := filepath.Join(t.TempDir(), "results.json")
	if err := writeJSON(path, rep); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var decoded report
	if err := json.Unmarshal(data, &decoded); err != nil || len(decoded.Scenarios) != len(rep.Scenarios) {
		t.Errorf("results.json does not hold the scenarios: %v", err)
	}
}
