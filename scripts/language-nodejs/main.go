// pulumi-language-nodejs: a minimal Node.js language host for the Pulumi CLI.
//
// The Go module of Pulumi's own Node language host is not served by the module proxy this
// project can reach, so scripts/pulumi-cli.sh builds this one instead. It implements what
// `pulumi up/preview/refresh/destroy/import` need from a language host: start
// `@pulumi/pulumi/cmd/run` (resolved from the program's directory) with the engine's arguments,
// and report no plugins to install (our resources are dynamic: their provider,
// `pulumi-resource-pulumi-nodejs`, ships inside the `@pulumi/pulumi` npm package and must be on
// PATH). Everything else (`pulumi new`, `pulumi install`, `pulumi about`, policy packs, code
// generation) answers Unimplemented, which the engine handles.
//
// Runtime options read from Pulumi.yaml (`runtime.options`): `typescript` (default true) and
// `nodeargs`.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set by the build (-X main.version=...).
var version = "3.0.0"

// exitAfterReportedError is the exit code of @pulumi/pulumi/cmd/run when the program failed
// and the error was already shown to the user (so the engine should not print another one).
const exitAfterReportedError = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	// The engine passes its own address as the last argument; flags before it (tracing,
	// logging) are not used here.
	args := os.Args[1:]
	engineAddress := ""
	if len(args) > 0 && !strings.HasPrefix(args[len(args)-1], "-") {
		engineAddress = args[len(args)-1]
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not listen: %v\n", err)
		os.Exit(1)
	}
	server := grpc.NewServer(grpc.MaxRecvMsgSize(400 * 1024 * 1024))
	pulumirpc.RegisterLanguageRuntimeServer(server, &host{engineAddress: engineAddress})
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)
	if err := server.Serve(listener); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := req.GetPwd()
	entryPoint := req.GetProgram()
	options := map[string]any{}
	if info := req.GetInfo(); info != nil {
		if info.GetProgramDirectory() != "" {
			programDir = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entryPoint = info.GetEntryPoint()
		}
		if info.GetOptions() != nil {
			options = info.GetOptions().AsMap()
		}
	}
	if entryPoint == "" {
		entryPoint = "."
	}
	program := entryPoint
	if !filepath.IsAbs(program) {
		program = filepath.Join(programDir, entryPoint)
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on PATH"}, nil
	}
	runPath, err := resolveRunScript(nodeBin, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	var args []string
	if nodeArgs, ok := options["nodeargs"].(string); ok && nodeArgs != "" {
		args = append(args, strings.Fields(nodeArgs)...)
	}
	args = append(args, runPath)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("pwd", req.GetPwd())
	if info := req.GetInfo(); info != nil {
		flag("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flag("parallel", fmt.Sprint(req.GetParallel()))
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	typescript := true
	if value, ok := options["typescript"].(bool); ok {
		typescript = value
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
		fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", typescript),
	)
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterReportedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveRunScript finds @pulumi/pulumi/cmd/run the way the program will: Node's resolution from
// the program's directory.
func resolveRunScript(nodeBin, dir string) (string, error) {
	cmd := exec.Command(nodeBin, "-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run'))")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		return "", fmt.Errorf("could not find @pulumi/pulumi/cmd/run from %s: "+
			"has `npm install` been run in the project?", dir)
	}
	return string(out), nil
}
