package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// The targets the benchmark checks (README, "Performance").
const (
	maxWallToBound      = 1.15  // S1: wall time over the rate-limit bound, every phase
	maxPlanToBaseline   = 2.0   // S2: plan time over the same plan of terraform_data resources
	maxProviderPeakByte = 100e6 // provider process peak memory (100 MB)
)

// writeMethods are the API methods that change something; every other call is a read.
var writeMethods = map[string]bool{
	"createCompany": true, "updateCompanyDetails": true, "deleteCompany": true,
	"suspendCompany": true, "activateCompany": true, "setMonthlySubscription": true,
}

// keyCheckMethod is the provider's check of the API key, once per Terraform command: neither a
// read nor a write of a resource.
const keyCheckMethod = "getApiKeyDetails"

type report struct {
	Terraform string           `json:"terraform"`
	Go        string           `json:"go"`
	OS        string           `json:"os"`
	CPUs      int              `json:"cpus"`
	Runs      int              `json:"runs"`
	Scenarios []scenarioResult `json:"scenarios"`
	Targets   []targetCheck    `json:"targets"`
}

type scenarioResult struct {
	Name string `json:"name"`
	Size int    `json:"n"`
	// Multiplier of the documented rate limits, on the simulator and in the provider; 0 = off.
	Multiplier float64 `json:"rateLimitMultiplier"`
	Resources  int     `json:"resources"`
	// Subscriptions is how many of the resources are gravityzone_monthly_subscription.
	Subscriptions int `json:"subscriptions"`
	// Reference is set on scenarios that are there for comparison; the targets do not apply to them.
	Reference bool          `json:"reference,omitempty"`
	Phases    []phaseResult `json:"phases"`
}

type phaseResult struct {
	Phase   string           `json:"phase"`
	Command string           `json:"command"`
	Runs    []runMeasurement `json:"runs"`
	Summary phaseSummary     `json:"summary"`
}

// runMeasurement is one Terraform command.
type runMeasurement struct {
	WallSeconds float64 `json:"wallSeconds"`
	// Calls counts the requests the simulator received per service.method, refused ones included.
	Calls       map[string]int `json:"calls"`
	RateLimited int            `json:"rateLimited"`
	// BoundSeconds is the least time in which the server's rate limits let these calls through.
	BoundSeconds float64 `json:"boundSeconds"`
	// OrderedBoundSeconds is the same, when Terraform's order is taken into account: it runs the
	// stages of a phase (all companies, then all subscriptions) one after the other.
	OrderedBoundSeconds  float64 `json:"orderedBoundSeconds,omitempty"`
	ProviderCPUSeconds   float64 `json:"providerCpuSeconds"`
	ProviderPeakRSSBytes int64   `json:"providerPeakRssBytes"`
	TerraformCPUSeconds  float64 `json:"terraformCpuSeconds"`
	// BaselineWallSeconds is the same command on terraform_data resources (S2 only).
	BaselineWallSeconds float64 `json:"baselineWallSeconds,omitempty"`
}

// phaseSummary condenses the runs of a phase: medians of times, the calls of the median run, the
// 429 answers of all runs, and the highest peak memory.
type phaseSummary struct {
	WallSeconds          float64        `json:"wallSeconds"`
	BoundSeconds         float64        `json:"boundSeconds"`
	WallToBound          *float64       `json:"wallToBound,omitempty"` // absent when every call fits in the burst
	OrderedBoundSeconds  float64        `json:"orderedBoundSeconds,omitempty"`
	WallToOrderedBound   *float64       `json:"wallToOrderedBound,omitempty"`
	Calls                map[string]int `json:"calls"`
	Writes               int            `json:"writes"`
	Reads                int            `json:"reads"`
	CallsPerResource     float64        `json:"callsPerResource"`
	RateLimited          int            `json:"rateLimited"`
	ProviderCPUSeconds   float64        `json:"providerCpuSeconds"`
	ProviderPeakRSSBytes int64          `json:"providerPeakRssBytes"`
	TerraformCPUSeconds  float64        `json:"terraformCpuSeconds"`
	BaselineWallSeconds  float64        `json:"baselineWallSeconds,omitempty"`
	WallToBaseline       *float64       `json:"wallToBaseline,omitempty"`
}

type targetCheck struct {
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// rateLimitBound is the least time in which a server with the documented limits times multiplier
// answers calls without refusing any: each method's bucket starts full (its burst) and refills at
// its rate, so the slowest method sets the bound. 0 when the limits are off.
func rateLimitBound(calls map[string]int, multiplier float64) float64 {
	if multiplier == 0 {
		return 0
	}
	bound := 0.0
	for qualified, count := range calls {
		perSecond, burst := simulator.DocumentedRateLimit(methodName(qualified))
		bound = max(bound, float64(count-burst)/(perSecond*multiplier))
	}
	return bound
}

// orderedBound is the rate-limit bound of calls made in stages, each stage starting when the one
// before it has finished: the sum of the stages' bounds. Each stage lists methods by name (without
// the service); calls of methods outside the stages count in the plain bound only.
func orderedBound(calls map[string]int, stages [][]string, multiplier float64) float64 {
	total := 0.0
	for _, stage := range stages {
		stageCalls := map[string]int{}
		for qualified, count := range calls {
			if slices.Contains(stage, methodName(qualified)) {
				stageCalls[qualified] = count
			}
		}
		total += rateLimitBound(stageCalls, multiplier)
	}
	return max(total, rateLimitBound(calls, multiplier))
}

// methodName strips the service from "service.method".
func methodName(qualified string) string {
	_, method, found := strings.Cut(qualified, ".")
	if !found {
		return qualified
	}
	return method
}

func totalCalls(calls map[string]int) int {
	total := 0
	for _, count := range calls {
		total += count
	}
	return total
}

func (s *scenarioResult) summarize() {
	for i := range s.Phases {
		s.Phases[i].Summary = summarize(s.Phases[i].Runs, s.Resources)
	}
}

func summarize(runs []runMeasurement, resources int) phaseSummary {
	medianOf := func(value func(runMeasurement) float64) float64 {
		values := make([]float64, len(runs))
		for i, r := range runs {
			values[i] = value(r)
		}
		return median(values)
	}
	// The run whose wall time is the median (the lower one of an even count) gives the call mix.
	byWall := slices.Clone(runs)
	slices.SortFunc(byWall, func(a, b runMeasurement) int { return compareFloat(a.WallSeconds, b.WallSeconds) })
	middle := byWall[(len(byWall)-1)/2]

	s := phaseSummary{
		WallSeconds:         medianOf(func(r runMeasurement) float64 { return r.WallSeconds }),
		BoundSeconds:        medianOf(func(r runMeasurement) float64 { return r.BoundSeconds }),
		OrderedBoundSeconds: medianOf(func(r runMeasurement) float64 { return r.OrderedBoundSeconds }),
		Calls:               middle.Calls,
		ProviderCPUSeconds:  medianOf(func(r runMeasurement) float64 { return r.ProviderCPUSeconds }),
		TerraformCPUSeconds: medianOf(func(r runMeasurement) float64 { return r.TerraformCPUSeconds }),
		BaselineWallSeconds: medianOf(func(r runMeasurement) float64 { return r.BaselineWallSeconds }),
	}
	for method, count := range s.Calls {
		switch {
		case methodName(method) == keyCheckMethod:
		case writeMethods[methodName(method)]:
			s.Writes += count
		default:
			s.Reads += count
		}
	}
	s.CallsPerResource = float64(s.Writes+s.Reads) / float64(resources)
	for _, r := range runs {
		s.RateLimited += r.RateLimited
		s.ProviderPeakRSSBytes = max(s.ProviderPeakRSSBytes, r.ProviderPeakRSSBytes)
	}
	if s.BoundSeconds > 0 {
		s.WallToBound = ptr(s.WallSeconds / s.BoundSeconds)
	}
	if s.OrderedBoundSeconds > 0 {
		s.WallToOrderedBound = ptr(s.WallSeconds / s.OrderedBoundSeconds)
	}
	if s.BaselineWallSeconds > 0 {
		s.WallToBaseline = ptr(s.WallSeconds / s.BaselineWallSeconds)
	}
	return s
}

func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	middle := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[middle]
	}
	return (sorted[middle-1] + sorted[middle]) / 2
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func ptr(v float64) *float64 { return &v }

// evaluateTargets checks the measured figures against the targets.
func evaluateTargets(rep *report) []targetCheck {
	var checks []targetCheck
	add := func(met bool, target, measured string, args ...any) {
		checks = append(checks, targetCheck{Target: target, Measured: fmt.Sprintf(measured, args...), Met: met})
	}
	for _, s := range rep.Scenarios {
		if s.Reference {
			continue
		}
		label := fmt.Sprintf("%s (N=%d)", s.Name, s.Size)
		rateLimited := 0
		var peak int64
		for _, p := range s.Phases {
			sum := p.Summary
			rateLimited += sum.RateLimited
			peak = max(peak, sum.ProviderPeakRSSBytes)
			if sum.WallToBound != nil {
				add(*sum.WallToBound <= maxWallToBound, fmt.Sprintf("%s %s: wall / rate-limit bound ≤ %.2f", label, p.Phase, maxWallToBound),
					"%.2f (%.2f s / %.2f s)", *sum.WallToBound, sum.WallSeconds, sum.BoundSeconds)
			}
			if sum.WallToOrderedBound != nil {
				add(*sum.WallToOrderedBound <= maxWallToBound, fmt.Sprintf("%s %s: wall / bound in Terraform's order ≤ %.2f", label, p.Phase, maxWallToBound),
					"%.2f (%.2f s / %.2f s)", *sum.WallToOrderedBound, sum.WallSeconds, sum.OrderedBoundSeconds)
			}
			switch p.Phase {
			case "apply":
				add(sum.Writes == s.Resources && sum.Reads == createReads(s),
					fmt.Sprintf("%s apply: one write and one read per resource created, and the plan's reads of each new subscription's company", label),
					"%d writes, %d reads for %d resources (want %d reads)", sum.Writes, sum.Reads, s.Resources, createReads(s))
			case "refresh", "plan":
				add(sum.Writes == 0 && sum.Reads == s.Resources, fmt.Sprintf("%s %s: one read per resource", label, p.Phase),
					"%d reads, %d writes for %d resources", sum.Reads, sum.Writes, s.Resources)
			}
			if p.Phase == "plan" && sum.WallToBaseline != nil {
				add(*sum.WallToBaseline <= maxPlanToBaseline, fmt.Sprintf("%s plan: time / terraform_data's ≤ %.1f", label, maxPlanToBaseline),
					"%.2f (%.2f s / %.2f s)", *sum.WallToBaseline, sum.WallSeconds, sum.BaselineWallSeconds)
			}
		}
		add(rateLimited == 0, label+": no request answered 429", "%d", rateLimited)
		add(float64(peak) <= maxProviderPeakByte, fmt.Sprintf("%s: provider peak memory ≤ %.0f MB", label, maxProviderPeakByte/1e6),
			"%.1f MB", float64(peak)/1e6)
	}
	return checks
}

// createReads is what an apply that creates every resource of s should read: each resource once
// after its write; and for each new subscription, in its plan, the licence that tells which of
// the company's settings the create removes, plus the API key's own company once per process.
func createReads(s scenarioResult) int {
	return s.Resources + s.Subscriptions + min(1, s.Subscriptions)
}

func writeJSON(path string, rep *report) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// writeMarkdown prints the report as Markdown: the setting, one table row per phase, the targets.
func writeMarkdown(w io.Writer, rep *report) {
	fmt.Fprintf(w, "%s, %s, %s, %d CPUs; median of %d run(s) per phase\n\n", rep.Terraform, rep.Go, rep.OS, rep.CPUs, rep.Runs)
	fmt.Fprintln(w, "| scenario | phase | resources | wall | rate-limit bound | wall / bound | bound in Terraform's order | wall / that bound | API calls | calls / resource | 429 (all runs) | provider CPU | provider peak RSS | terraform_data wall | wall / terraform_data |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|")
	for _, s := range rep.Scenarios {
		name := fmt.Sprintf("%s, N=%d, limits %s", s.Name, s.Size, describeMultiplier(s.Multiplier))
		for _, p := range s.Phases {
			sum := p.Summary
			fmt.Fprintf(w, "| %s | %s | %d | %.2f s | %s | %s | %s | %s | %s | %.2f | %d | %.2f s | %.1f MB | %s | %s |\n",
				name, p.Phase, s.Resources, sum.WallSeconds, seconds(sum.BoundSeconds, s.Multiplier), ratio(sum.WallToBound),
				seconds(sum.OrderedBoundSeconds, sum.OrderedBoundSeconds), ratio(sum.WallToOrderedBound), describeCalls(sum.Calls), sum.CallsPerResource, sum.RateLimited, sum.ProviderCPUSeconds,
				float64(sum.ProviderPeakRSSBytes)/1e6, seconds(sum.BaselineWallSeconds, sum.BaselineWallSeconds), ratio(sum.WallToBaseline))
		}
	}
	fmt.Fprintln(w)
	for _, c := range rep.Targets {
		verdict := "met"
		if !c.Met {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "- %s: %s — %s\n", c.Target, c.Measured, verdict)
	}
}

// seconds formats a duration, or a dash when it does not apply (applies is 0).
func seconds(value, applies float64) string {
	if applies == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f s", value)
}

func ratio(value *float64) string {
	if value == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *value)
}

// describeCalls lists the calls per method, in alphabetical order of the method.
func describeCalls(calls map[string]int) string {
	if len(calls) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(calls))
	for _, method := range slices.SortedFunc(maps.Keys(calls), func(a, b string) int { return strings.Compare(methodName(a), methodName(b)) }) {
		parts = append(parts, fmt.Sprintf("%s %d", methodName(method), calls[method]))
	}
	return strings.Join(parts, ", ")
}
