package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/acctest"
)

func TestIdentitySchemas(t *testing.T) {
	env := newTestEnv(t)
	server, _ := env.protocolServer(t)
	resp, err := server.GetResourceIdentitySchemas(t.Context(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(resp.Diagnostics) != 0 {
		t.Fatalf("%v %v", err, resp.Diagnostics)
	}
	for typeName, attribute := range map[string]string{"gravityzone_company": "id", "gravityzone_monthly_subscription": "company_id"} {
		schema := resp.IdentitySchemas[typeName]
		if schema == nil || len(schema.IdentityAttributes) != 1 || schema.IdentityAttributes[0].Name != attribute ||
			!schema.IdentityAttributes[0].RequiredForImport {
			t.Errorf("%s: identity schema %+v, want the one attribute %s, required for import", typeName, schema, attribute)
		}
	}
}

// Terraform 1.12+ imports by identity and reads it back: the RPCs as Terraform sends them, so that
// the test runs with every CLI.
func TestImportByIdentityAndReadIt(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 1, 1)
	customer := tree.customers[tree.partners[0]][0]
	server, schemas := env.protocolServer(t)
	identities, err := server.GetResourceIdentitySchemas(t.Context(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}

	for typeName, attribute := range map[string]string{"gravityzone_company": "id", "gravityzone_monthly_subscription": "company_id"} {
		identityType := identities.IdentitySchemas[typeName].ValueType()
		identity, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
			attribute: tftypes.NewValue(tftypes.String, customer),
		}))
		if err != nil {
			t.Fatal(err)
		}
		imported, err := server.ImportResourceState(t.Context(), &tfprotov6.ImportResourceStateRequest{
			TypeName: typeName,
			Identity: &tfprotov6.ResourceIdentityData{IdentityData: &identity},
		})
		if err != nil || len(imported.Diagnostics) != 0 || len(imported.ImportedResources) != 1 {
			t.Fatalf("%s: importing by identity: %v %v", typeName, err, imported.Diagnostics)
		}
		object := imported.ImportedResources[0]
		resourceType := schemas.ResourceSchemas[typeName].ValueType()
		if got := stringOf(t, objectAttributes(t, object.State, resourceType)[attribute]); got != customer {
			t.Errorf("%s: imported %s = %q, want %q", typeName, attribute, got, customer)
		}

		read, err := server.ReadResource(t.Context(), &tfprotov6.ReadResourceRequest{
			TypeName:        typeName,
			CurrentState:    object.State,
			CurrentIdentity: object.Identity,
			Private:         object.Private,
		})
		if err != nil || len(read.Diagnostics) != 0 {
			t.Fatalf("%s: reading the imported object: %v %v", typeName, err, read.Diagnostics)
		}
		if got := stringOf(t, objectAttributes(t, read.NewIdentity.IdentityData, identityType)[attribute]); got != customer {
			t.Errorf("%s: read identity %s = %q, want %q", typeName, attribute, got, customer)
		}
	}
}

// Reading an object that Terraform before 1.12 stored without an identity gives it one.
func TestReadGivesAnIdentityToOlderState(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 1, 0)
	server, schemas := env.protocolServer(t)
	read, err := server.ReadResource(t.Context(), &tfprotov6.ReadResourceRequest{
		TypeName: "gravityzone_company",
		CurrentState: dynamicValue(t, schemas.ResourceSchemas["gravityzone_company"], map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, tree.partners[0]),
		}),
	})
	if err != nil || len(read.Diagnostics) != 0 || read.NewIdentity == nil {
		t.Fatalf("%v %v %v", err, read.Diagnostics, read.NewIdentity)
	}
	identities, _ := server.GetResourceIdentitySchemas(t.Context(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	identityType := identities.IdentitySchemas["gravityzone_company"].ValueType()
	if got := stringOf(t, objectAttributes(t, read.NewIdentity.IdentityData, identityType)["id"]); got != tree.partners[0] {
		t.Errorf("identity id = %q, want %q", got, tree.partners[0])
	}
}

// With Terraform 1.12 and later: import {} blocks with identity import with an empty plan, and
// created and imported objects have their identity in state. TestImportByIdentityAndReadIt covers
// the same RPCs with every Terraform version.
func TestAccImportByIdentity(t *testing.T) {
	env := newTestEnv(t)
	tree := env.newCompanyTree(t, 1, 1)
	partner := tree.partners[0]
	customer := tree.customers[partner][0]
	imports := fmt.Sprintf(`
import {
  to       = gravityzone_company.customer
  identity = { id = %[1]q }
}

resource "gravityzone_company" "customer" {
  name      = "Customer 1-01"
  type      = "customer"
  parent_id = %[2]q
}

import {
  to       = gravityzone_monthly_subscription.customer
  identity = { company_id = %[1]q }
}

resource "gravityzone_monthly_subscription" "customer" {
  company_id = %[1]q
}
`, customer, partner)
	requireTerraform(t, "1.12.0")
	cli := acctest.NewCLI(t, testProvider, env.config(imports))
	importsOnly(t, env, cli, 2)

	cli.WriteConfig(env.config(imports + `
resource "gravityzone_company" "created" {
  name = "Created with an identity"
  type = "customer"
}
`))
	cli.Must(cli.Apply())
	var state struct {
		Resources []struct {
			Type      string
			Name      string
			Instances []struct {
				Attributes map[string]any
				Identity   map[string]string
			}
		}
	}
	stateJSON, err := os.ReadFile(filepath.Join(cli.Dir(), "terraform.tfstate"))
	if err == nil {
		err = json.Unmarshal(stateJSON, &state)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		attribute := map[string]string{"gravityzone_company": "id", "gravityzone_monthly_subscription": "company_id"}[r.Type]
		for _, instance := range r.Instances {
			if want := instance.Attributes[attribute]; instance.Identity[attribute] != want || want == nil {
				t.Errorf("%s.%s: identity %v, want %s = %v", r.Type, r.Name, instance.Identity, attribute, want)
			}
		}
	}
	if len(state.Resources) != 3 {
		t.Errorf("%d resources in state, want 3", len(state.Resources))
	}
}
