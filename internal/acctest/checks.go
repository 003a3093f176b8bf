// Package acctest holds what the test files of several packages share: checks of what the
// simulator holds, a matcher of diagnostics as Terraform prints them, and a runner of the
// Terraform CLI for what the testing framework cannot do.
package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// ServerCheck asserts what the server (in tests, the simulator) holds, as opposed to what
// Terraform's state says: a state check after an apply, and, through CheckDestroy, the check of
// a test case's final destroy.
type ServerCheck func() error

// CheckState makes a ServerCheck a statecheck.StateCheck for ConfigStateChecks.
func (f ServerCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// CheckDestroy is the check as a resource.TestCase's CheckDestroy.
func (f ServerCheck) CheckDestroy(*terraform.State) error {
	return f()
}

// ExpectState checks one top-level attribute of a resource or data source in state.
func ExpectState(address, attribute string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attribute), check)
}

// ExpectPlanned checks one top-level attribute of a resource in the plan.
func ExpectPlanned(address, attribute string, check knownvalue.Check) plancheck.PlanCheck {
	return plancheck.ExpectKnownValue(address, tfjsonpath.New(attribute), check)
}

// Capture is a check that stores a string value for later steps (ids, mostly).
func Capture(target *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		*target = v
		return nil
	})
}

// Captured is a check that the value equals what an earlier Capture stored in target, read when
// the check runs.
func Captured(target *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if v != *target {
			return fmt.Errorf("%q, want %q as before", v, *target)
		}
		return nil
	})
}

// ExpectPriorState is a plan check of one top-level attribute in the state the plan starts from
// (the refreshed state), to show what the provider read.
func ExpectPriorState(address, attribute string, check knownvalue.Check) plancheck.PlanCheck {
	return priorStateCheck{address: address, attribute: attribute, check: check}
}

type priorStateCheck struct {
	address, attribute string
	check              knownvalue.Check
}

func (c priorStateCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = errors.New("the plan has no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		value, err := withJSONNumbers(r.AttributeValues[c.attribute])
		if err == nil {
			err = c.check.CheckValue(value)
		}
		if err != nil {
			resp.Error = fmt.Errorf("%s.%s in the prior state: %w", c.address, c.attribute, err)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the prior state", c.address)
}

// withJSONNumbers re-decodes a value of the prior state, whose numbers are float64, with the
// json.Number that knownvalue checks expect.
func withJSONNumbers(value any) (any, error) {
	encoded, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	decoder := json.NewDecoder(bytes.NewReader(encoded))
	decoder.UseNumber()
	var decoded any
	err = decoder.Decode(&decoded)
	return decoded, err
}
