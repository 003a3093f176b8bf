package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// TestSettingsFromLicense_unsetInBothShapes: a monthly subscription's result that reports no
// reservation, end date, auto-renewal or committed minimum reads them as unset, whether it leaves
// the fields out or sends them as null; a configured minimum of 0 stays 0.
func TestSettingsFromLicense_unsetInBothShapes(t *testing.T) {
	shapes := map[string]string{
		"left out": `{"subscriptionType": 3}`,
		"null": `{"subscriptionType": 3, "reservedSlots": null, "endSubscription": null, "autoRenewPeriod": null,
			"minimumUsage": null}`,
	}
	for shape, result := range shapes {
		var info client.LicenseInfo
		if err := json.Unmarshal([]byte(result), &info); err != nil {
			t.Fatal(err)
		}
		prior := nullSubscriptionSettings()
		prior.ReservedSlots = types.Int64Value(5)
		prior.EndSubscription = types.StringValue("2031-06-30")
		prior.AutoRenewPeriod = types.Int64Value(6)
		prior.MinimumEndpointUsage = types.Int64Value(10)
		read, diags := settingsFromLicense(&info, prior)
		if diags.HasError() {
			t.Fatalf("%s: %v", shape, diags)
		}
		for name, value := range map[string]interface{ IsNull() bool }{
			"reserved_slots": read.ReservedSlots, "end_subscription": read.EndSubscription,
			"auto_renew_period": read.AutoRenewPeriod, "minimum_endpoint_usage": read.MinimumEndpointUsage,
		} {
			if !value.IsNull() {
				t.Errorf("%s: %s reads as %v, want null", shape, name, value)
			}
		}

		prior.MinimumEndpointUsage = types.Int64Value(0)
		if read, _ := settingsFromLicense(&info, prior); !read.MinimumEndpointUsage.Equal(types.Int64Value(0)) {
			t.Errorf("%s: a configured minimum_endpoint_usage of 0 reads as %v, want 0", shape, read.MinimumEndpointUsage)
		}
	}
}
