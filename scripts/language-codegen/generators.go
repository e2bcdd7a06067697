//go:build !dotnet

package main

import (
	"fmt"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generate runs the code generator of this binary's language (Node.js, Python or Go, at the CLI's version).
func generate(
	pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader,
) (map[string][]byte, error) {
	tool := "pulumi-language-" + language
	switch language {
	case "nodejs":
		return nodejsgen.GeneratePackage(tool, pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	case "python":
		return pythongen.GeneratePackage(tool, pkg, req.GetExtraFiles(), loader)
	case "go":
		files, err := gogen.GeneratePackage(tool, pkg, req.GetLocalDependencies())
		if err != nil {
			return nil, err
		}
		for name, content := range req.GetExtraFiles() {
			files[name] = content
		}
		return files, nil
	default:
		return nil, fmt.Errorf("no code generator for %q in this build", language)
	}
}
