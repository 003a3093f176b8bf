package provider

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// frameworkServerWithoutScoping is the framework's server as NewProtocol6Server finds it.
func frameworkServerWithoutScoping(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	return server
}

var contextType = reflect.TypeFor[context.Context]()

// rpcMethods are the methods of v's type that answer an RPC: a context and a request in, a response
// and an error out.
func rpcMethods(v any) []reflect.Method {
	typ := reflect.TypeOf(v)
	var rpcs []reflect.Method
	for i := range typ.NumMethod() {
		method := typ.Method(i)
		if method.Type.NumIn() == 3 && method.Type.In(1) == contextType && method.Type.NumOut() == 2 {
			rpcs = append(rpcs, method)
		}
	}
	return rpcs
}

// When terraform-plugin-go gains an RPC and the framework answers it, the wrapper must wrap it, or
// the RPC would reach the framework with a context the framework keeps.
func TestRequestScopedServerWrapsEveryFrameworkRPC(t *testing.T) {
	wrapper := reflect.TypeFor[requestScopedServer]()
	for i := range wrapper.NumField() {
		if wrapper.Field(i).Anonymous {
			t.Fatalf("requestScopedServer embeds %s: an RPC it does not wrap would pass through unnoticed", wrapper.Field(i).Type)
		}
	}
	framework := rpcMethods(frameworkServerWithoutScoping(t))
	if len(framework) != len(rpcMethods(requestScopedServer{})) {
		t.Errorf("the framework's server answers %d RPCs, requestScopedServer %d", len(framework), len(rpcMethods(requestScopedServer{})))
	}
	for _, rpc := range framework {
		wrapped, ok := wrapper.MethodByName(rpc.Name)
		if !ok {
			t.Errorf("the framework's server answers %s, which requestScopedServer does not wrap", rpc.Name)
			continue
		}
		for i := 1; i < rpc.Type.NumIn(); i++ {
			if wrapped.Type.In(i) != rpc.Type.In(i) {
				t.Errorf("%s: requestScopedServer takes %s where the framework takes %s", rpc.Name, wrapped.Type.In(i), rpc.Type.In(i))
			}
		}
	}
}

// requestPayload stands for what a request's context carries: logging fields, the gRPC stream.
type requestPayload [4096]byte

type requestPayloadKey struct{}

// callEveryRPC sends every RPC of server except StopProvider (which makes the framework let go of
// all contexts) requests times, each with a context that carries its own payload and ends once
// the answer is sent, as gRPC's does. It runs the iterators of streamed answers to the end, as
// tf6server does. It returns, for each RPC, weak pointers to its requests' payloads.
func callEveryRPC(t *testing.T, server tfprotov6.ProviderServer, requests int) map[string][]weak.Pointer[requestPayload] {
	t.Helper()
	schemas, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	// The provider's Configure needs a configuration, as Terraform always sends; it checks the key
	// once, at a simulator.
	env := newKeyCheckEnv(t)
	providerConfig := dynamicValue(t, schemas.Provider, map[string]tftypes.Value{
		"api_url": tftypes.NewValue(tftypes.String, env.url),
		"api_key": tftypes.NewValue(tftypes.String, env.sim.APIKey()),
	})
	payloads := map[string][]weak.Pointer[requestPayload]{}
	for _, rpc := range rpcMethods(server) {
		if rpc.Name == "StopProvider" {
			continue
		}
		for range requests {
			payload := new(requestPayload)
			payloads[rpc.Name] = append(payloads[rpc.Name], weak.Make(payload))
			ctx, endStream := context.WithCancel(context.WithValue(t.Context(), requestPayloadKey{}, payload))
			callRPC(t, server, rpc, ctx, providerConfig)
			endStream()
		}
	}
	return payloads
}

// callRPC sends rpc an empty request (the framework takes hold of the context before it looks
// at the request), but for those that cannot be empty.
func callRPC(t *testing.T, server tfprotov6.ProviderServer, rpc reflect.Method, ctx context.Context,
	providerConfig *tfprotov6.DynamicValue) {
	t.Helper()
	request := reflect.New(rpc.Type.In(2).Elem())
	switch req := request.Interface().(type) {
	case *tfprotov6.ConfigureProviderRequest:
		req.Config = providerConfig
	case *tfprotov6.WriteStateBytesStream:
		req.Chunks = func(func(*tfprotov6.WriteStateBytesChunk, []*tfprotov6.Diagnostic) bool) {}
	}
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v", rpc.Name, r)
		}
	}()
	out := rpc.Func.Call([]reflect.Value{reflect.ValueOf(server), reflect.ValueOf(ctx), request})
	if err, _ := out[1].Interface().(error); err != nil {
		t.Fatalf("%s: %v", rpc.Name, err)
	}
	drainIterators(out[0])
}

// drainIterators runs to the end every iterator (iter.Seq or iter.Seq2) in the answer.
func drainIterators(answer reflect.Value) {
	if answer.IsNil() {
		return
	}
	answer = answer.Elem()
	for i := range answer.NumField() {
		field := answer.Field(i)
		if field.Kind() != reflect.Func || field.IsNil() || field.Type().NumIn() != 1 {
			continue
		}
		yieldType := field.Type().In(0)
		yield := reflect.MakeFunc(yieldType, func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(true)}
		})
		field.Call([]reflect.Value{yield})
	}
}

// retained counts the payloads that something still references.
func retained(payloads []weak.Pointer[requestPayload]) int {
	runtime.GC()
	n := 0
	for _, p := range payloads {
		if p.Value() != nil {
			n++
		}
	}
	return n
}

func TestFrameworkKeepsNoRequestContext(t *testing.T) {
	const requests = 50
	server := NewProtocol6Server("test")()
	for rpc, payloads := range callEveryRPC(t, server, requests) {
		if n := retained(payloads); n != 0 {
			t.Errorf("%s: %d of %d request contexts are still referenced after the requests ended", rpc, n, requests)
		}
	}
	runtime.KeepAlive(server) // a server that is gone keeps nothing
}

// The same requests sent to the framework's server directly show what the wrapper is for, and
// that the test above can see a kept context.
func TestFrameworkWithoutScopingKeepsEveryRequestContext(t *testing.T) {
	const requests = 5
	server := frameworkServerWithoutScoping(t)
	for rpc, payloads := range callEveryRPC(t, server, requests) {
		if n := retained(payloads); n != requests {
			t.Errorf("%s: the framework keeps %d of %d request contexts; if it keeps none any more, "+
				"requestScopedServer can go", rpc, n, requests)
		}
	}
	runtime.KeepAlive(server)
}

// A request in flight sees its context cancelled when Terraform calls StopProvider (on an
// interrupt), and so does its API call.
func TestStopProviderCancelsARequestInFlight(t *testing.T) {
	var arrived sync.Once
	apiCalled, apiCallCancelled := make(chan struct{}), make(chan struct{})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the request to the end, so that the server notices when the client goes away.
		body, _ := io.ReadAll(r.Body)
		if bytes.Contains(body, []byte(`"getApiKeyDetails"`)) { // Configure's key check
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"1","jsonrpc":"2.0","result":{"enabledApis":["companies","licensing","network","general"]}}`)
			return
		}
		arrived.Do(func() { close(apiCalled) })
		<-r.Context().Done()
		close(apiCallCancelled)
	}))
	t.Cleanup(api.Close)

	server := NewProtocol6Server("test")()
	ctx := t.Context()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: dynamicValue(t, schemas.Provider, map[string]tftypes.Value{
			"api_url":     tftypes.NewValue(tftypes.String, api.URL+"/api"),
			"api_key":     tftypes.NewValue(tftypes.String, "key"),
			"max_retries": tftypes.NewValue(tftypes.Number, 0),
		}),
	})
	if err != nil || len(configured.Diagnostics) != 0 {
		t.Fatalf("configuring the provider: %v %v", err, configured.Diagnostics)
	}

	type answer struct {
		resp *tfprotov6.ReadDataSourceResponse
		err  error
	}
	answered := make(chan answer)
	go func() {
		resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
			TypeName: "gravityzone_license_info",
			Config:   dynamicValue(t, schemas.DataSourceSchemas["gravityzone_license_info"], nil),
		})
		answered <- answer{resp, err}
	}()
	<-apiCalled
	if _, err := server.StopProvider(ctx, &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}
	<-apiCallCancelled
	got := <-answered
	if got.err != nil {
		t.Fatal(got.err)
	}
	if len(got.resp.Diagnostics) == 0 || got.resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("the stopped read answered without an error: %v", got.resp.Diagnostics)
	}
	if ctx.Err() != nil {
		t.Fatal("the test's own context ended: the cancellation did not come from StopProvider")
	}
}

// dynamicValue is an object of schema's type with the given attributes, the others null.
func dynamicValue(t *testing.T, schema *tfprotov6.Schema, attributes map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	objectType, ok := schema.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %s is not an object", schema.ValueType())
	}
	values := map[string]tftypes.Value{}
	for name, typ := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
		if v, set := attributes[name]; set {
			values[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, values))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}
