package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The fuzz targets of the provider's converters: dates and enumerations between what users write
// and what the API sends, and the empty ⇄ null rule. `make fuzz` runs each of them; `go test` runs
// their seeds.

// FuzzEndSubscriptionDate checks the two halves of end_subscription: what the validator lets
// through is exactly a canonical YYYY-MM-DD date (the form sent to the API), and what the API
// echoes back, as that date or as a date-time, reads as the same date, so the plan stays empty.
func FuzzEndSubscriptionDate(f *testing.F) {
	for _, seed := range []string{"2030-12-31", "2029-04-14T00:00:00", "2030-02-30", "2030-2-3", "31.12.2030", "", "T",
		"2030-12-31T", "2030-12-31 00:00:00", "+2030-12-31", "0000-01-01", "2030-12-31Z", "２０３０-12-31"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		var resp validator.StringResponse
		dateValidator{}.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("end_subscription"), ConfigValue: types.StringValue(input),
		}, &resp)
		parsed, err := time.Parse(time.DateOnly, input)
		accepted := !resp.Diagnostics.HasError()
		if accepted != (err == nil) {
			t.Fatalf("validator accepted %q: %t, but parsing it as a date gives %v", input, accepted, err)
		}
		if !accepted {
			if detail := resp.Diagnostics[0].Detail(); !strings.Contains(detail, "YYYY-MM-DD") {
				t.Fatalf("the error for %q does not show the expected form: %q", input, detail)
			}
			return
		}
		if canonical := parsed.Format(time.DateOnly); canonical != input {
			t.Fatalf("validator accepted %q, which GravityZone would receive in a form other than %q", input, canonical)
		}
		// GravityZone answers with the date, or with the date at midnight: both read as the input.
		for _, echoed := range []string{input, input + "T00:00:00", input + "T23:59:59+00:00"} {
			if read := dateFromAPI(&echoed); read == nil || *read != input {
				t.Fatalf("the API's %q reads as %v, want %q", echoed, read, input)
			}
		}
	})
}

// FuzzDateFromAPI checks that reading any endSubscription the API sends keeps it or cuts a
// date-time to its date, never anything else, and that reading twice changes nothing more.
func FuzzDateFromAPI(f *testing.F) {
	if dateFromAPI(nil) != nil {
		f.Fatal("an absent endSubscription must stay absent")
	}
	for _, seed := range []string{"2029-04-14", "2029-04-14T00:00:00", "2029-04-14T", "2029-04-14 00:00", "", "T", "garbageTtext"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		read := dateFromAPI(&value)
		if read == nil {
			t.Fatalf("dateFromAPI(%q) = nil", value)
		}
		if *read != value && (len(value) <= len(time.DateOnly) || value[len(time.DateOnly)] != 'T' || *read != value[:len(time.DateOnly)]) {
			t.Fatalf("dateFromAPI(%q) = %q: only a date-time may be cut, to its date", value, *read)
		}
		if again := dateFromAPI(read); *again != *read {
			t.Fatalf("dateFromAPI is not stable: %q → %q → %q", value, *read, *again)
		}
	})
}

// checkEnum checks one enumeration table on an API value and a Terraform value: whatever converts
// converts back to itself and is among the values the validators and documentation list.
func checkEnum[API, TF comparable](t *testing.T, name string, table enum[API, TF], apiValue API, tfValue TF) {
	t.Helper()
	if tf, ok := table.toTerraform(apiValue); ok {
		if back, ok := table.toAPI(tf); !ok || back != apiValue {
			t.Fatalf("%s: API %v → %v → API %v (ok %t)", name, apiValue, tf, back, ok)
		}
		if !slices.Contains(table.terraformValues(), tf) || !strings.Contains(table.markdown(), fmt.Sprintf("`%v`", tf)) {
			t.Fatalf("%s: %v converts but is not listed for validators and documentation", name, tf)
		}
	}
	if api, ok := table.toAPI(tfValue); ok {
		if back, ok := table.toTerraform(api); !ok || back != tfValue {
			t.Fatalf("%s: %v → API %v → %v (ok %t)", name, tfValue, api, back, ok)
		}
	} else if slices.Contains(table.terraformValues(), tfValue) {
		t.Fatalf("%s: %v is listed as valid but does not convert", name, tfValue)
	}
}

// FuzzEnumTables checks every enumeration table on any API number or string and any Terraform
// value: conversions round-trip, unknown values are refused rather than guessed, and what converts
// is what validators accept.
func FuzzEnumTables(f *testing.F) {
	f.Add(0, "partner", "aLaCarte", int64(7))
	f.Add(3, "monthly_subscription", "mspSecureExtra", int64(365))
	f.Add(-1, "Partner", "alacarte", int64(30))
	f.Add(6, "", "", int64(0))
	f.Fuzz(func(t *testing.T, code int, word, model string, days int64) {
		checkEnum(t, "company type", companyTypes, code, word)
		checkEnum(t, "subscription type", subscriptionTypes, code, word)
		checkEnum(t, "company licence type", companyLicenseTypes, code, word)
		checkEnum(t, "product type", productTypes, code, word)
		checkEnum(t, "MDR level", mdrOwnUseLevels, code, word)
		checkEnum(t, "protection model", protectionModels, model, model)
		checkEnum(t, "retention", integrityMonitoringRetention, code, days)
		if _, ok := companyLicenseTypes.toAPI(word); ok {
			if _, ok := subscriptionTypes.toAPI(word); !ok {
				t.Fatalf("licence type %q for new companies is not a subscription type that reads back", word)
			}
		}
	})
}

// FuzzStringFromAPI checks the empty ⇄ null rule for any text the API sends and any prior value:
// a value echoed as sent reads as it was (no perpetual diff), "" reads as null unless "" was the
// prior value, and nothing else changes.
func FuzzStringFromAPI(f *testing.F) {
	f.Add("", "", false)
	f.Add("RO", "RO", false)
	f.Add("", "x", true)
	f.Add("N/A", "", true)
	f.Fuzz(func(t *testing.T, apiValue, prior string, priorNull bool) {
		priorValue := types.StringValue(prior)
		if priorNull {
			priorValue = types.StringNull()
		}
		read := stringFromAPI(apiValue, priorValue)
		switch {
		case apiValue != "":
			if !read.Equal(types.StringValue(apiValue)) {
				t.Fatalf("stringFromAPI(%q, %v) = %v, want the API's value", apiValue, priorValue, read)
			}
		case !priorNull && prior == "": // configured as ""
			if !read.Equal(types.StringValue("")) {
				t.Fatalf("an empty text configured as \"\" must read as \"\", got %v", read)
			}
		default:
			if !read.IsNull() {
				t.Fatalf("stringFromAPI(\"\", %v) = %v, want null", priorValue, read)
			}
		}
		if echoed := stringFromAPI(prior, priorValue); !priorNull && !echoed.Equal(priorValue) {
			t.Fatalf("%q echoed by the API reads as %v: a perpetual diff", prior, echoed)
		}
		configuredEmpty := !priorNull && prior == ""
		if location := locationFromAPI(unsetLocation, priorValue); !location.IsNull() && !configuredEmpty {
			t.Fatalf("an unset location (%q) reads as %v, want null", unsetLocation, location)
		}
	})
}
