package provider

import (
	"context"
	"iter"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the provider as the protocol 6 server Terraform talks to: the
// framework's server, with every request wrapped so that the framework cannot keep its context.
// main.go serves it, and so do the tests' provider factories.
//
// terraform-plugin-framework (v1.19) registers a cancel function for every request's context and
// drops them only when Terraform calls StopProvider, which it does not do at the end of a normal
// command. Each function keeps its context, and with it the request's logging fields and gRPC
// stream, alive for the life of the process: 10–20 kB per request, about 25 MB for a plan of 500
// companies. Here the framework gets a context that forgets the request's own once the request
// has finished, so what it keeps is a few hundred bytes.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		// The error is documented as unused.
		server, _ := providerserver.NewProtocol6WithError(New(version)())()
		// The framework's server answers every RPC of the terraform-plugin-go it is built with;
		// TestRequestScopedServerWrapsEveryFrameworkRPC fails if that stops being so.
		framework, ok := server.(frameworkServer)
		if !ok {
			panic("terraform-plugin-framework's server does not answer every RPC of terraform-plugin-go: align their versions")
		}
		return requestScopedServer{framework}
	}
}

// frameworkServer is every RPC of the protocol: those tfprotov6.ProviderServer requires and those
// of the interfaces tf6server looks for besides (list resources, actions, state stores).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// requestScopedServer hands every request to the framework through a requestContext. It does not
// embed the framework's server, so that no RPC can pass through unwrapped: a method missing here
// is a compile error for the RPCs of frameworkServer, and a test failure for any other RPC the
// framework's server gains.
type requestScopedServer struct {
	framework frameworkServer
}

var _ frameworkServer = requestScopedServer{}

// scoped calls method with a requestContext that ends when method returns.
func scoped[Req, Resp any](ctx context.Context, req Req, method func(context.Context, Req) (Resp, error)) (Resp, error) {
	scopedCtx := newRequestContext(ctx)
	defer scopedCtx.end()
	return method(scopedCtx, req)
}

// scopedStream is scoped for the RPCs that answer with an iterator, which tf6server runs after
// method has returned: the requestContext ends when the iterator that results points at has run.
func scopedStream[Req, Resp, Item any](ctx context.Context, req Req, method func(context.Context, Req) (*Resp, error),
	results func(*Resp) *iter.Seq[Item]) (*Resp, error) {
	scopedCtx := newRequestContext(ctx)
	resp, err := method(scopedCtx, req)
	if resp == nil || *results(resp) == nil {
		scopedCtx.end()
		return resp, err
	}
	seq := results(resp)
	items := *seq
	*seq = func(yield func(Item) bool) {
		defer scopedCtx.end()
		items(yield)
	}
	return resp, err
}

func (s requestScopedServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return scoped(ctx, req, s.framework.GetMetadata)
}

func (s requestScopedServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return scoped(ctx, req, s.framework.GetProviderSchema)
}

func (s requestScopedServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return scoped(ctx, req, s.framework.GetResourceIdentitySchemas)
}

func (s requestScopedServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateProviderConfig)
}

func (s requestScopedServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return scoped(ctx, req, s.framework.ConfigureProvider)
}

func (s requestScopedServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return scoped(ctx, req, s.framework.StopProvider)
}

func (s requestScopedServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateResourceConfig)
}

func (s requestScopedServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return scoped(ctx, req, s.framework.UpgradeResourceState)
}

func (s requestScopedServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return scoped(ctx, req, s.framework.UpgradeResourceIdentity)
}

func (s requestScopedServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return scoped(ctx, req, s.framework.ReadResource)
}

func (s requestScopedServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return scoped(ctx, req, s.framework.PlanResourceChange)
}

func (s requestScopedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return scoped(ctx, req, s.framework.ApplyResourceChange)
}

func (s requestScopedServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return scoped(ctx, req, s.framework.ImportResourceState)
}

func (s requestScopedServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return scoped(ctx, req, s.framework.MoveResourceState)
}

func (s requestScopedServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return scoped(ctx, req, s.framework.GenerateResourceConfig)
}

func (s requestScopedServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateDataResourceConfig)
}

func (s requestScopedServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return scoped(ctx, req, s.framework.ReadDataSource)
}

func (s requestScopedServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return scoped(ctx, req, s.framework.GetFunctions)
}

func (s requestScopedServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return scoped(ctx, req, s.framework.CallFunction)
}

func (s requestScopedServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateEphemeralResourceConfig)
}

func (s requestScopedServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return scoped(ctx, req, s.framework.OpenEphemeralResource)
}

func (s requestScopedServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return scoped(ctx, req, s.framework.RenewEphemeralResource)
}

func (s requestScopedServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return scoped(ctx, req, s.framework.CloseEphemeralResource)
}

func (s requestScopedServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateListResourceConfig)
}

func (s requestScopedServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateActionConfig)
}

func (s requestScopedServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return scoped(ctx, req, s.framework.PlanAction)
}

func (s requestScopedServer) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return scoped(ctx, req, s.framework.ValidateStateStoreConfig)
}

func (s requestScopedServer) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return scoped(ctx, req, s.framework.ConfigureStateStore)
}

func (s requestScopedServer) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return scoped(ctx, req, s.framework.WriteStateBytes)
}

func (s requestScopedServer) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return scoped(ctx, req, s.framework.GetStates)
}

func (s requestScopedServer) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return scoped(ctx, req, s.framework.DeleteState)
}

func (s requestScopedServer) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return scoped(ctx, req, s.framework.LockState)
}

func (s requestScopedServer) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return scoped(ctx, req, s.framework.UnlockState)
}

func (s requestScopedServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return scopedStream(ctx, req, s.framework.ListResource, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
}

func (s requestScopedServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return scopedStream(ctx, req, s.framework.InvokeAction, func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] { return &r.Events })
}

func (s requestScopedServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return scopedStream(ctx, req, s.framework.ReadStateBytes, func(r *tfprotov6.ReadStateBytesStream) *iter.Seq[tfprotov6.ReadStateByteChunk] { return &r.Chunks })
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
