package provider

import "testing"

func TestEnumRoundTrip(t *testing.T) {
	for _, v := range subscriptionTypes.terraformValues() {
		api, ok := subscriptionTypes.toAPI(v)
		if !ok {
			t.Fatalf("%q has no API value", v)
		}
		if back, _ := subscriptionTypes.toTerraform(api); back != v {
			t.Errorf("%q → %d → %q", v, api, back)
		}
	}
	if _, ok := companyTypes.toTerraform(7); ok {
		t.Errorf("an unknown API value must be reported, not converted")
	}
	if _, ok := productTypes.toAPI("EDR"); ok {
		t.Errorf("Terraform values are case-sensitive")
	}
	if days, _ := integrityMonitoringRetention.toTerraform(2); days != 180 {
		t.Errorf("imDataRetention 2 is 180 days, got %d", days)
	}
	if got, want := companyTypes.markdown(), "`partner` (0), `customer` (1)"; got != want {
		t.Errorf("markdown() = %q, want %q", got, want)
	}
}
