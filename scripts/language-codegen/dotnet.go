//go:build dotnet

package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generate runs Pulumi's .NET code generator. It left pkg/v3 for the pulumi-dotnet repository,
// which the module proxy does not serve here, so this build takes it from an older pkg/v3 that
// still carries it (scripts/pulumi-codegen.sh, DOTNET_CODEGEN_VERSION).
func generate(
	pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader,
) (map[string][]byte, error) {
	if language != "dotnet" {
		return nil, fmt.Errorf("no code generator for %q in this build", language)
	}
	http.DefaultTransport = logoOrEmpty{http.DefaultTransport}
	return dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, req.GetExtraFiles(), req.GetLocalDependencies())
}

// logoOrEmpty answers a failed download with an empty body. The generator's one download is the
// SDK's logo.png (the schema's logoUrl, else Pulumi's logo from raw.githubusercontent.com), which
// fails the whole generation where that host is unreachable; the SDK then gets an empty logo.png.
type logoOrEmpty struct{ next http.RoundTripper }

func (t logoOrEmpty) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		return resp, nil
	}
	fmt.Fprintf(os.Stderr, "pulumi-language-dotnet: could not download %s (%v); logo.png is empty\n", req.URL, err)
	return &http.Response{
		StatusCode: http.StatusOK,
		Body:       io.NopCloser(strings.NewReader("")),
		Request:    req,
	}, nil
}
