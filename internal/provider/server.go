package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the provider as the protocol 6 server Terraform talks to: the
// framework's server, with the requests that Terraform makes once per resource instance wrapped
// so that the framework cannot keep their contexts.
//
// terraform-plugin-framework (v1.19) registers a cancel function for every request's context and
// drops them only when Terraform calls StopProvider, which it does not do at the end of a normal
// command. Each function keeps its context, and with it the request's logging fields and gRPC
// stream, alive for the life of the process: 10–20 kB per request, about 25 MB for a plan of 500
// companies. Here the framework gets a context that forgets the request's own once the request
// has returned, so what it keeps is a few hundred bytes.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		// The error is documented as unused.
		server, _ := providerserver.NewProtocol6WithError(New(version)())()
		return requestScopedServer{server}
	}
}

// requestScopedServer hands each per-resource request to the framework through a requestContext.
// The other methods run once per Terraform command and pass through unchanged.
type requestScopedServer struct {
	tfprotov6.ProviderServer
}

// scoped calls method with a requestContext that ends when method returns.
func scoped[Req, Resp any](ctx context.Context, req Req, method func(context.Context, Req) (Resp, error)) (Resp, error) {
	scopedCtx := newRequestContext(ctx)
	defer scopedCtx.end()
	return method(scopedCtx, req)
}

func (s requestScopedServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s requestScopedServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return scoped(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s requestScopedServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ReadResource)
}

func (s requestScopedServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return scoped(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s requestScopedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s requestScopedServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s requestScopedServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s requestScopedServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return scoped(ctx, req, s.ProviderServer.ReadDataSource)
}

// requestContext is a request's context while the request runs. Once it has ended, it holds no
// reference to that context any more, and behaves as a cancelled context with no values: a
// context derived from it and kept by someone keeps only this small shell alive.
type requestContext struct {
	request atomic.Pointer[context.Context] // nil once the request has ended
}

// closedDone is the Done channel of an ended request.
var closedDone = func() chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}()

func newRequestContext(ctx context.Context) *requestContext {
	c := &requestContext{}
	c.request.Store(&ctx)
	return c
}

func (c *requestContext) end() { c.request.Store(nil) }

func (c *requestContext) Deadline() (time.Time, bool) {
	if ctx := c.request.Load(); ctx != nil {
		return (*ctx).Deadline()
	}
	return time.Time{}, false
}

func (c *requestContext) Done() <-chan struct{} {
	if ctx := c.request.Load(); ctx != nil {
		return (*ctx).Done()
	}
	return closedDone
}

func (c *requestContext) Err() error {
	if ctx := c.request.Load(); ctx != nil {
		return (*ctx).Err()
	}
	return context.Canceled
}

func (c *requestContext) Value(key any) any {
	if ctx := c.request.Load(); ctx != nil {
		return (*ctx).Value(key)
	}
	return nil
}
