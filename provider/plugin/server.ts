// The provider plugin's gRPC server: Pulumi's ResourceProvider service
// (pulumi/provider.proto) over the resource kinds of this package. It only
// translates: requests into calls of ResourceOperations (resources.ts, the
// kinds' bridges), answers and errors into responses. Learnt from
// @pulumi/pulumi's provider/server.js, written for this package.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerTypes from "@pulumi/pulumi/proto/provider_pb";
import type { Clock } from "../clock";
import type { ResourceDefinition } from "../dynamic";
import { ResourceInitializationError } from "../errors";
import { redact } from "../redact";
import type { SettingsSource } from "../settings";
import { changedConfigKeys, checkProviderConfig, configFromVariables, providerSettings } from "./config";
import { fromStruct, toStruct } from "./marshal";
import { PACKAGE } from "./names";
import { anyProto, emptyProto, grpc, pluginProto, providerProto, providerService, statusProto } from "./pulumiModules";
import type { ResourceOperations } from "./resources";
import { forResource, routeLogsToEngine } from "./runtime";

export interface ProviderServerOptions {
  /** The engine's address (the plugin's argument): the provider's log lines go to its Log service. */
  engineAddress?: string;
  /** The schema GetSchema returns; default: the package root's dist/schema.json, which `npm run build` writes. */
  schemaPath?: string;
  /** The version GetPluginInfo reports; default: the package's. */
  version?: string;
  /** Tests: the clock operations run on (default: the process clock). */
  clock?: Clock;
  /** Tests: the definition of a kind (default: the vendors' registries). */
  definitionFor?: (kind: string) => ResourceDefinition<any, any> | undefined;
}

/** A request the plugin does not serve by design (functions, methods, components). */
class NotSupportedError extends Error {}

/** The directory of this package: the first one upwards holding its package.json. */
export function packageRoot(from: string = __dirname): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const manifest = path.join(directory, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-euro-hosting") return directory;
    if (path.dirname(directory) === directory) throw new Error(`cannot find the package directory of pulumi-euro-hosting above ${from}`);
  }
}

type Unary<Request, Response> = (call: grpcTypes.ServerUnaryCall<Request, Response>, callback: grpcTypes.sendUnaryData<Response>) => void;

/** The ResourceProvider service's handlers. */
export class ProviderService {
  private settingsSource: SettingsSource = () => undefined;
  private operations: ResourceOperations | undefined;
  private stopLogging: () => void;

  constructor(private readonly options: ProviderServerOptions = {}) {
    this.stopLogging = routeLogsToEngine(options.engineAddress);
  }

  /** Loaded on the first resource request (see resources.ts). */
  private get resources(): ResourceOperations {
    if (!this.operations) {
      const { ResourceOperations } = require("./resources") as typeof import("./resources");
      this.operations = new ResourceOperations({
        settings: (key) => this.settingsSource(key),
        clock: this.options.clock,
        definitionFor: this.options.definitionFor,
      });
    }
    return this.operations;
  }

  /** Stops sending log lines to the engine. */
  close(): void {
    this.stopLogging();
  }

  /** The handlers, by the service's method names; methods left out answer UNIMPLEMENTED. */
  handlers(): grpcTypes.UntypedServiceImplementation {
    const proto = providerProto();
    const empty = () => new (emptyProto().Empty)();
    return {
      getPluginInfo: this.unary(async () => new (pluginProto().PluginInfo)().setVersion(this.version())),

      getSchema: this.unary(async (request: providerTypes.GetSchemaRequest) => {
        if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
        return new proto.GetSchemaResponse().setSchema(this.schema());
      }),

      checkConfig: this.unary(async (request: providerTypes.CheckRequest) => {
        const failures = checkProviderConfig(fromStruct(request.getNews()));
        const response = new proto.CheckResponse().setInputs(request.getNews());
        return response.setFailuresList(failures.map(({ property, reason }) => new proto.CheckFailure().setProperty(property).setReason(reason)));
      }),

      diffConfig: this.unary(async (request: providerTypes.DiffRequest) => {
        const olds = fromStruct(request.hasOldInputs() ? request.getOldInputs() : request.getOlds());
        const changed = changedConfigKeys(olds, fromStruct(request.getNews()));
        return new proto.DiffResponse()
          .setChanges(changed.length > 0 ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE)
          .setDiffsList(changed);
      }),

      configure: this.unary(async (request: providerTypes.ConfigureRequest) => {
        const config = request.hasArgs() ? fromStruct(request.getArgs()) : configFromVariables(request.getVariablesMap().toArray());
        this.settingsSource = providerSettings(config);
        return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(true);
      }),

      check: this.unary(async (request: providerTypes.CheckRequest) =>
        forResource(request.getUrn(), async () => {
          const { inputs, failures } = await this.resources.check(request.getUrn(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
          return new proto.CheckResponse()
            .setInputs(toStruct(inputs))
            .setFailuresList(failures.map(({ property, reason }) => new proto.CheckFailure().setProperty(property).setReason(reason)));
        }),
      ),

      diff: this.unary(async (request: providerTypes.DiffRequest) =>
        forResource(request.getUrn(), async () => {
          const result = await this.resources.diff(
            request.getUrn(),
            request.getId(),
            fromStruct(request.getOlds()),
            fromStruct(request.getOldInputs()),
            fromStruct(request.getNews()),
          );
          const response = new proto.DiffResponse()
            .setChanges(result.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE)
            .setDiffsList(result.diffs)
            .setReplacesList(result.replaces)
            .setDeletebeforereplace(result.deleteBeforeReplace)
            .setHasdetaileddiff(true);
          const kinds = proto.PropertyDiff.Kind;
          const kindOf = { add: kinds.ADD, "add-replace": kinds.ADD_REPLACE, delete: kinds.DELETE, "delete-replace": kinds.DELETE_REPLACE, update: kinds.UPDATE, "update-replace": kinds.UPDATE_REPLACE };
          for (const [property, diff] of Object.entries(result.detailedDiff)) {
            response.getDetaileddiffMap().set(property, new proto.PropertyDiff().setKind(kindOf[diff.kind]).setInputdiff(diff.inputDiff));
          }
          return response;
        }),
      ),

      create: this.unary(async (request: providerTypes.CreateRequest) =>
        forResource(request.getUrn(), async () => {
          const { id, properties } = await this.resources.create(request.getUrn(), fromStruct(request.getProperties()), request.getTimeout(), request.getPreview());
          return new proto.CreateResponse().setId(id).setProperties(toStruct(properties));
        }),
      ),

      read: this.unary(async (request: providerTypes.ReadRequest) =>
        forResource(request.getUrn(), async () => {
          const result = await this.resources.read(request.getUrn(), request.getId(), fromStruct(request.getProperties()), fromStruct(request.getInputs()));
          const response = new proto.ReadResponse().setId(result.id);
          // A gone object: an id and nothing else, so that the engine drops it from state.
          return result.id === "" ? response : response.setProperties(toStruct(result.properties)).setInputs(toStruct(result.inputs));
        }),
      ),

      update: this.unary(async (request: providerTypes.UpdateRequest) =>
        forResource(request.getUrn(), async () => {
          const { properties } = await this.resources.update(
            request.getUrn(),
            request.getId(),
            fromStruct(request.getOlds()),
            fromStruct(request.getOldInputs()),
            fromStruct(request.getNews()),
            request.getTimeout(),
            request.getPreview(),
          );
          return new proto.UpdateResponse().setProperties(toStruct(properties));
        }),
      ),

      delete: this.unary(async (request: providerTypes.DeleteRequest) =>
        forResource(request.getUrn(), async () => {
          await this.resources.delete(request.getUrn(), request.getId(), fromStruct(request.getProperties()), fromStruct(request.getOldInputs()), request.getTimeout());
          return empty();
        }),
      ),

      // Operations run to their end or their deadline: nothing is interrupted halfway.
      cancel: this.unary(async () => empty()),

      // The engine's address when it attaches to a plugin it did not start (PULUMI_DEBUG_PROVIDERS).
      attach: this.unary(async (request: import("@pulumi/pulumi/proto/plugin_pb").PluginAttach) => {
        this.stopLogging();
        this.stopLogging = routeLogsToEngine(request.getAddress());
        return empty();
      }),

      // No mappings to other providers (what `pulumi convert` asks for).
      getMapping: this.unary(async () => new proto.GetMappingResponse()),
      getMappings: this.unary(async () => new proto.GetMappingsResponse()),

      invoke: this.unary(async (request: providerTypes.InvokeRequest) => {
        throw new NotSupportedError(
          `${PACKAGE} has no functions (${request.getTok()}): lookups such as getServers are part of the TypeScript package pulumi-euro-hosting only`,
        );
      }),
      call: this.unary(async (request: providerTypes.CallRequest) => {
        throw new NotSupportedError(`${PACKAGE} resources have no methods (${request.getTok()})`);
      }),
      construct: this.unary(async (request: providerTypes.ConstructRequest) => {
        throw new NotSupportedError(`${PACKAGE} has no component resources (${request.getType()})`);
      }),
      parameterize: this.unary(async () => {
        throw new NotSupportedError(`${PACKAGE} takes no parameters`);
      }),
    };
  }

  private version(): string {
    return this.options.version ?? JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version;
  }

  private schema(): string {
    const schemaPath = this.options.schemaPath ?? path.join(packageRoot(), "dist", "schema.json");
    try {
      return fs.readFileSync(schemaPath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      throw new Error(`${PACKAGE}'s schema ${schemaPath} is missing: run \`npm run build\` in the package, which generates it`);
    }
  }

  private unary<Request, Response>(handle: (request: Request) => Promise<Response>): Unary<Request, Response> {
    return (call, callback) => {
      handle(call.request).then(
        (response) => callback(null, response),
        (error) => callback(serviceError(error)),
      );
    };
  }
}

/**
 * An error as the engine reads it. An initialization failure carries the
 * object's id, partial state and reasons (ErrorResourceInitFailed, in the
 * status details), so that the engine keeps the half-made object in state
 * and the next `up` continues from it. Every message is redacted once more:
 * nothing sent back may carry a credential or a secret input.
 */
function serviceError(error: unknown): Partial<grpcTypes.ServiceError> {
  const { status, Metadata } = grpc();
  const message = redact(error instanceof Error ? error.message : String(error));
  if (error instanceof NotSupportedError) return { code: status.UNIMPLEMENTED, details: message, message };
  const metadata = new Metadata();
  if (error instanceof ResourceInitializationError) {
    const proto = providerProto();
    const detail = new proto.ErrorResourceInitFailed()
      .setId(error.id)
      .setProperties(toStruct(error.properties))
      .setReasonsList(error.reasons.map(redact));
    const packed = new (anyProto().Any)();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const details = new (statusProto().Status)().setCode(status.UNKNOWN).setMessage(message);
    details.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(details.serializeBinary()));
  }
  return { code: status.UNKNOWN, details: message, message, metadata };
}

export interface RunningServer {
  port: number;
  service: ProviderService;
  /** Stops taking requests; lets running ones finish for up to `graceMs`, then ends them. */
  shutdown(graceMs?: number): Promise<void>;
}

/** Serves the provider on 127.0.0.1 at a free port. */
export async function serve(options: ProviderServerOptions = {}): Promise<RunningServer> {
  const { Server, ServerCredentials } = grpc();
  // The engine's own message limit (Pulumi's maxRPCMessageSize): a state or a schema can be large.
  const server = new Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const service = new ProviderService(options);
  server.addService(providerService().ResourceProviderService as unknown as grpcTypes.ServiceDefinition, service.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    service,
    async shutdown(graceMs = 3000) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      service.close();
    },
  };
}

