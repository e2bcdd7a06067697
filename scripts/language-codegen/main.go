// A language host that only generates SDKs (`pulumi package gen-sdk`), for Node.js, Python, Go
// and .NET.
//
// The CLI asks the language host of each language to generate its SDK. Pulumi's own language
// hosts are not served by the module proxy this project can reach, and the Node host that
// scripts/language-nodejs builds runs programs only; so scripts/pulumi-codegen.sh builds this
// program and installs it as pulumi-language-nodejs, pulumi-language-python and
// pulumi-language-go (generators.go) and as pulumi-language-dotnet (dotnet.go, another build), in
// a directory of its own that goes on PATH before the CLI's (the CLI prefers a language host on
// PATH to the one beside it). Each generates with Pulumi's own code generator of its language
// (pkg/v3/codegen), as Pulumi's hosts do; none runs programs.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set by the build (-X main.version=...).
var version = "3.0.0"

// language is the language this binary generates, which its name says: pulumi-language-python.
var language = strings.TrimSuffix(strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-"), ".exe")

// codegenHost answers GeneratePackage only (the engine handles Unimplemented for the rest).
type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func main() {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: could not listen: %v\n", language, err)
		os.Exit(1)
	}
	server := grpc.NewServer(grpc.MaxRecvMsgSize(400 * 1024 * 1024))
	pulumirpc.RegisterLanguageRuntimeServer(server, codegenHost{})
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)
	if err := server.Serve(listener); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: %v\n", language, err)
		os.Exit(1)
	}
}

func (codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (codegenHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return generatePackage(ctx, req)
}

// generatePackage binds the request's schema (references to other packages through the CLI's
// loader) and writes the SDK of this binary's language to the request's directory.
func generatePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("the schema is not a package schema: %w", err)
	}
	cached := schema.NewCachedLoader(loader)
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}

	files, err := generate(pkg, req, cached)
	if err != nil {
		return nil, err
	}
	for name, content := range files {
		target := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return nil, err
		}
	}
	return response, nil
}
