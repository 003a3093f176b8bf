package provider

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// companyIDPattern is the form of GravityZone company ids (24 hexadecimal characters).
var companyIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)

// companyIDValidator is the one validator of an attribute that holds a company id. It refuses an
// empty id, which the API would silently read as the API key's own company. ifOmitted says what
// leaving the attribute out does instead, for optional attributes ("" for required ones).
type companyIDValidator struct {
	ifOmitted string
}

var _ validator.String = companyIDValidator{}

// keyCompanyIfOmitted is ifOmitted of the attributes that default to the API key's own company.
const keyCompanyIfOmitted = "leave the attribute out to use the API key's own company"

func (companyIDValidator) Description(context.Context) string {
	return "value must be a company id, not empty"
}

func (v companyIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v companyIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	fix := "Set it to a company id (for example gravityzone_company.example.id)"
	if v.ifOmitted != "" {
		fix += ", or " + v.ifOmitted
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty company id",
		fmt.Sprintf("Attribute %s string length must be at least 1: the company id is empty. %s.", req.Path, fix))
}

// emailAddressValidator accepts a bare e-mail address such as admin@example.com, the form
// GravityZone expects for logins and contacts (no display name, no angle brackets).
type emailAddressValidator struct{}

var _ validator.String = emailAddressValidator{}

func (emailAddressValidator) Description(context.Context) string {
	return "value must be a bare e-mail address such as admin@example.com"
}

func (v emailAddressValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (emailAddressValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	if address, err := mail.ParseAddress(raw); err != nil || address.Address != raw {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid e-mail address",
			fmt.Sprintf("Attribute %s value %q is not an e-mail address. Write the bare address, for example "+
				"\"admin@example.com\", without a display name or angle brackets.", req.Path, raw))
	}
}

// withoutAngleBrackets refuses < and >: GravityZone rejects text that could hold HTML tags.
func withoutAngleBrackets() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^[^<>]*$`),
		"must not contain < or > (GravityZone rejects them); remove those characters")
}

// notBlank refuses a text made only of white space, which GravityZone treats as empty.
func notBlank() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must contain a character other than white space")
}

// dateValidator accepts a calendar date written YYYY-MM-DD.
type dateValidator struct{}

var _ validator.String = dateValidator{}

func (dateValidator) Description(context.Context) string {
	return "value must be a date written YYYY-MM-DD"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	if _, err := time.Parse(time.DateOnly, raw); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date",
			fmt.Sprintf("%q is not a date written YYYY-MM-DD. Write it like \"2030-12-31\".", raw))
	}
}

// industryValidator accepts the industry codes in GravityZone's list (industryCodes). Negative
// values are left to the range validator.
type industryValidator struct{}

var _ validator.Int64 = industryValidator{}

func (industryValidator) Description(context.Context) string {
	return "value must be one of GravityZone's industry codes"
}

func (v industryValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (industryValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueInt64() < 0 {
		return
	}
	code := req.ConfigValue.ValueInt64()
	family := industryFamily(code)
	if slices.Contains(family, code) {
		return
	}
	hint := "The top-level codes are 0 (undefined) to 34."
	if len(family) > 0 {
		codes := make([]string, len(family))
		for i, c := range family {
			codes[i] = strconv.FormatInt(c, 10)
		}
		hint = fmt.Sprintf("The codes of its family are %s.", strings.Join(codes, ", "))
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown industry code",
		fmt.Sprintf("Attribute %s value %d is not one of GravityZone's industry codes, which GravityZone refuses. %s",
			req.Path, code, hint))
}
