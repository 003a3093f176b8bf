package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// clientLogger hands the API client's debug records to tflog, which writes them to Terraform's
// log under the context of the request that made them.
type clientLogger struct{}

var _ client.Logger = clientLogger{}

func (clientLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}
