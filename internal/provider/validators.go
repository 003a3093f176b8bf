package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// durationValidator accepts a positive Go duration such as "30s" or "2m".
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "value must be a positive Go duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q is not a positive Go duration. Use a number with a unit, for example \"30s\", \"90s\" or \"2m\".", raw))
	}
}

// nonEmptyCompanyID refuses an empty company id, which the API would silently read as the API
// key's own company.
type nonEmptyCompanyID struct{}

var _ validator.String = nonEmptyCompanyID{}

func (nonEmptyCompanyID) Description(context.Context) string {
	return "value must be a company id, not empty"
}

func (v nonEmptyCompanyID) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (nonEmptyCompanyID) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty company id",
		"The company id is empty. Set it to a company id (for example gravityzone_company.example.id), or leave "+
			"the attribute out to use the API key's own company.")
}
