package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// retainingServer keeps what terraform-plugin-framework keeps of every request: a cancelable
// context derived from the request's context. run, when set, is called during the request.
type retainingServer struct {
	tfprotov6.ProviderServer
	kept []context.Context
	run  func(ctx context.Context)
}

func (s *retainingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	derived, cancel := context.WithCancel(ctx)
	_ = cancel // kept by the framework until StopProvider; never called here
	s.kept = append(s.kept, derived)
	if s.run != nil {
		s.run(derived)
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

type requestKey struct{}

func TestRequestScopedServerLetsGoOfFinishedRequests(t *testing.T) {
	downstream := &retainingServer{}
	var during struct {
		value any
		err   error
	}
	downstream.run = func(ctx context.Context) {
		during.value, during.err = ctx.Value(requestKey{}), ctx.Err()
	}
	server := requestScopedServer{downstream}
	// gRPC gives each request a cancelable context and cancels it once the answer is sent.
	ctx, endStream := context.WithCancel(context.WithValue(t.Context(), requestKey{}, "large per-request data"))

	if _, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	if during.value != "large per-request data" || during.err != nil {
		t.Fatalf("during the request the framework saw value %v, error %v; want the request's value and no error", during.value, during.err)
	}
	kept := downstream.kept[0]
	if got := kept.Value(requestKey{}); got != nil {
		t.Errorf("after the request, the context the framework kept still reaches the request's values (%v)", got)
	}
	endStream()
	select {
	case <-kept.Done():
	default:
		t.Error("the request's stream has ended, but the context the framework kept is not done")
	}
}

func TestRequestScopedServerPassesCancellationOn(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var errDuring error
	downstream := &retainingServer{run: func(derived context.Context) {
		cancel() // Terraform interrupts the command while the request runs
		<-derived.Done()
		errDuring = derived.Err()
	}}

	if _, err := (requestScopedServer{downstream}).ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(errDuring, context.Canceled) {
		t.Fatalf("the request's context was cancelled, but the framework's context ended with %v", errDuring)
	}
}
