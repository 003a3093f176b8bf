package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestConfigureRequestTimeout(t *testing.T) {
	cases := map[string]bool{"30s": true, "2m": true, "1h30m": true, "60": false, "-5s": false, "0s": false, "soon": false}
	for raw, valid := range cases {
		clearEnv(t)
		resp := configure(t, map[string]tftypes.Value{"api_key": str("k"), "request_timeout": str(raw)})
		if invalid := findDiag(resp.Diagnostics, diag.SeverityError, "request_timeout") != nil; invalid == valid {
			t.Errorf("%q: valid=%v but diagnostics %v", raw, valid, resp.Diagnostics)
		}
	}
}
