// Command bench measures the provider against the simulator with the real Terraform CLI, run by
// `make bench`:
//
//   - S1 throttled: N customer companies, each with a monthly subscription, against a simulator
//     that enforces the documented rate limits times M, with the provider throttling itself to the
//     same multiplied rates. Phases: apply, refresh-only plan, destroy. The question is whether the
//     provider reaches the ceiling the rate limits set without ever being refused (HTTP 429).
//   - S2 overhead: N companies with the rate limits off, planned and applied, next to the same
//     number of terraform_data resources in the same run. The question is what the provider adds to
//     Terraform's own cost.
//
// Every Terraform command gets a fresh provider process started in debug mode (Terraform attaches
// to it through TF_REATTACH_PROVIDERS), so the process's own CPU time and peak memory can be read
// when it exits. Request counts come from the simulator's /_simulator/stats. The report is a
// Markdown table on stdout and a JSON file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// settings are the command line.
type settings struct {
	scenarios  []string
	s1Size     int
	s2Size     int
	multiplier float64
	runs       int
	terraform  string
	outPath    string
	keepWork   bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseSettings(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	report, err := runBenchmarks(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	writeMarkdown(stdout, report)
	if cfg.outPath != "" {
		if err := writeJSON(cfg.outPath, report); err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "bench: results written to %s\n", cfg.outPath)
	}
	return 0
}

func parseSettings(args []string, stderr io.Writer) (settings, error) {
	cfg := settings{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scenarios := fs.String("scenarios", "s1,s2", "comma list of the scenarios to run: s1 (throttled), s2 (overhead)")
	fs.IntVar(&cfg.s1Size, "s1-n", 50, "S1: number of customer companies, each with a monthly subscription")
	fs.IntVar(&cfg.s2Size, "s2-n", 500, "S2: number of companies (and of terraform_data resources)")
	fs.Float64Var(&cfg.multiplier, "m", 10, "S1: multiplier of the documented rate limits, applied to the simulator and the provider alike; 0 turns the limits off")
	fs.IntVar(&cfg.runs, "runs", 3, "runs of every phase; the report gives medians")
	fs.StringVar(&cfg.terraform, "terraform", "", "terraform binary; default $TF_ACC_TERRAFORM_PATH, else terraform on PATH")
	fs.StringVar(&cfg.outPath, "out", "bench/results.json", "where to write the JSON results; empty for none")
	fs.BoolVar(&cfg.keepWork, "keep", false, "keep the working directory (configurations, state, logs) and print its path")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	cfg.scenarios = strings.Split(*scenarios, ",")
	problem := ""
	switch {
	case fs.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q; all settings are flags (see -h)", fs.Arg(0))
	case slices.ContainsFunc(cfg.scenarios, func(s string) bool { return s != "s1" && s != "s2" }):
		problem = fmt.Sprintf("-scenarios: %q names something other than s1 and s2", *scenarios)
	case cfg.s1Size < 1 || cfg.s2Size < 1:
		problem = "-s1-n and -s2-n: must be at least 1"
	case cfg.multiplier < 0:
		problem = "-m: must be 0 (limits off) or more"
	case cfg.runs < 1:
		problem = "-runs: must be at least 1"
	}
	if problem != "" {
		fmt.Fprintf(stderr, "bench: %s\n", problem)
		return cfg, errors.New(problem)
	}
	return cfg, nil
}
