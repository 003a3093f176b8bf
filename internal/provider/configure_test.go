package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

func TestConfigureRequestTimeout(t *testing.T) {
	cases := map[string]bool{"30s": true, "2m": true, "1h30m": true, "60": false, "-5s": false, "0s": false, "soon": false}
	for raw, valid := range cases {
		clearEnv(t)
		resp := configure(t, map[string]tftypes.Value{"api_key": str("k"), "request_timeout": str(raw)})
		if invalid := acctest.FindDiagnostic(resp.Diagnostics, diag.SeverityError, path.Root("request_timeout")) != nil; invalid == valid {
			t.Errorf("%q: valid=%v but diagnostics %v", raw, valid, resp.Diagnostics)
		}
	}
}
