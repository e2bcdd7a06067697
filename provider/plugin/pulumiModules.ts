// The gRPC and protobuf code the plugin speaks Pulumi's protocol with: the
// generated modules inside @pulumi/pulumi (our peer dependency) and the
// libraries they load, @grpc/grpc-js and google-protobuf. Those two are
// @pulumi/pulumi's dependencies, not ours, so they are resolved from its
// directory: the copies its generated code uses, wherever npm put them.
// Each loads on first use; none loads @pulumi/pulumi's runtime (its index).
//
// Every path is resolved to its real path: a module loaded once through a
// symlinked node_modules (a git worktree's, pnpm's) and once through its real
// path is two modules, and grpc-js then refuses its own credentials ("Channel
// credentials must be a ChannelCredentials object") when the provider first
// logs to the engine. Under the Pulumi CLI, require.resolve was seen to
// answer the symlinked path while @pulumi/pulumi's own requires got the real one.
import * as fs from "node:fs";
import * as path from "node:path";

let pulumiDirectory: string | undefined;

function fromPulumi<T>(id: string): T {
  pulumiDirectory ??= fs.realpathSync(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
  return require(fs.realpathSync(require.resolve(id, { paths: [pulumiDirectory] })));
}

export const grpc = () => fromPulumi<typeof import("@grpc/grpc-js")>("@grpc/grpc-js");
export const structProto = () => fromPulumi<typeof import("google-protobuf/google/protobuf/struct_pb")>("google-protobuf/google/protobuf/struct_pb");
export const emptyProto = () => fromPulumi<typeof import("google-protobuf/google/protobuf/empty_pb")>("google-protobuf/google/protobuf/empty_pb");
export const anyProto = () => fromPulumi<typeof import("google-protobuf/google/protobuf/any_pb")>("google-protobuf/google/protobuf/any_pb");
export const providerProto = () => fromPulumi<typeof import("@pulumi/pulumi/proto/provider_pb")>("@pulumi/pulumi/proto/provider_pb");
export const providerService = () => fromPulumi<typeof import("@pulumi/pulumi/proto/provider_grpc_pb")>("@pulumi/pulumi/proto/provider_grpc_pb");
export const pluginProto = () => fromPulumi<typeof import("@pulumi/pulumi/proto/plugin_pb")>("@pulumi/pulumi/proto/plugin_pb");
export const statusProto = () => fromPulumi<typeof import("@pulumi/pulumi/proto/status_pb")>("@pulumi/pulumi/proto/status_pb");
export const engineProto = () => fromPulumi<typeof import("@pulumi/pulumi/proto/engine_pb")>("@pulumi/pulumi/proto/engine_pb");
export const engineService = () => fromPulumi<typeof import("@pulumi/pulumi/proto/engine_grpc_pb")>("@pulumi/pulumi/proto/engine_grpc_pb");
