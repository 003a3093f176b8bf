// Command floorprovider is a terraform-plugin-framework provider that does nothing: one resource,
// benchfloor_company, with exactly the attributes of gravityzone_company (derived from its schema,
// without validators, plan modifiers or defaults), which stores what it is given and calls no API.
// The benchmark runs it beside the GravityZone provider to measure what Terraform and the
// framework cost for a resource of that shape, so that the GravityZone provider's own share can be
// told apart. The benchmark starts it with the process settings the GravityZone provider gives
// itself (SDK logs off when Terraform discards them, GOGC 400).
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	gravityzone "github.com/gzcommunity/terraform-provider-gravityzone/internal/provider"
)

func main() {
	debug := flag.Bool("debug", false, "serve in debug mode and print TF_REATTACH_PROVIDERS")
	flag.Parse()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/gzcommunity/benchfloor", Debug: *debug})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "benchfloor"
}

func (floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{}
}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return company{} }}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// company stores its plan as its state, values known only after apply as null. Read leaves the
// state as it is, which the framework does when Read sets nothing.
type company struct{}

func (company) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_company"
}

func (company) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	var source resource.SchemaResponse
	gravityzone.NewCompanyResource().Schema(ctx, req, &source)
	resp.Diagnostics.Append(source.Diagnostics...)
	resp.Schema = schema.Schema{Attributes: plainAttributes(source.Schema.Attributes)}
}

// plainAttributes copies attributes with their names, types and required/optional/computed/
// sensitive flags, and nothing else.
func plainAttributes(attributes map[string]schema.Attribute) map[string]schema.Attribute {
	plain := make(map[string]schema.Attribute, len(attributes))
	for name, attribute := range attributes {
		switch a := attribute.(type) {
		case schema.StringAttribute:
			plain[name] = schema.StringAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}
		case schema.Int64Attribute:
			plain[name] = schema.Int64Attribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}
		case schema.BoolAttribute:
			plain[name] = schema.BoolAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}
		case schema.SingleNestedAttribute:
			plain[name] = schema.SingleNestedAttribute{Attributes: plainAttributes(a.Attributes),
				Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}
		default:
			log.Fatalf("floorprovider: attribute %s is a %T, which it does not copy yet", name, attribute)
		}
	}
	return plain
}

func (company) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State = storedPlan(req.Plan)
}

func (company) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (company) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State = storedPlan(req.Plan)
}

func (company) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// storedPlan is the plan with every value known only after apply set to null.
func storedPlan(plan tfsdk.Plan) tfsdk.State {
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		log.Fatalf("floorprovider: %v", err)
	}
	return tfsdk.State{Schema: plan.Schema, Raw: raw}
}
