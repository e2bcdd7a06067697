// A gRPC client of the provider plugin (pulumi-resource-euro-hosting), sending
// the requests the Pulumi engine sends, with the fields the engine sets:
// old inputs, the operation's timeout (customTimeouts), the preview flag.
import type * as grpcTypes from "@grpc/grpc-js";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/marshal";

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc: typeof grpcTypes = require("@grpc/grpc-js");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const pluginproto = require("@pulumi/pulumi/proto/plugin_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

export type Props = Record<string, unknown>;
export const secretValue = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

/** A failed call: the gRPC status and, for an initialization failure, what the engine keeps. */
export class PluginCallError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailure?: { id: string; properties: Props; reasons: string[] },
  ) {
    super(message);
  }
}

const struct = (values: Props) => structproto.Struct.fromJavaScript(values);
const changesNames: Record<number, "unknown" | "none" | "some"> = { 0: "unknown", 1: "none", 2: "some" };
const kindNames: Record<number, string> = { 0: "add", 1: "add-replace", 2: "delete", 3: "delete-replace", 4: "update", 5: "update-replace" };

export class PluginClient {
  private readonly client: any;

  constructor(readonly port: number) {
    this.client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  close(): void {
    this.client.close();
  }

  private call<T>(method: string, request: unknown, unpack: (response: any) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](request, (error: any, response: any) => (error ? reject(toCallError(error)) : resolve(unpack(response))));
    });
  }

  getPluginInfo(): Promise<string> {
    return this.call("getPluginInfo", new emptyproto.Empty(), (response) => response.getVersion());
  }

  getSchema(version = 0): Promise<string> {
    return this.call("getSchema", new provproto.GetSchemaRequest().setVersion(version), (response) => response.getSchema());
  }

  checkConfig(news: Props, olds: Props = {}): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const request = new provproto.CheckRequest().setUrn("urn:pulumi:dev::proj::pulumi:providers:euro-hosting::default").setOlds(struct(olds)).setNews(struct(news));
    return this.call("checkConfig", request, unpackCheck);
  }

  diffConfig(olds: Props, news: Props): Promise<{ changes: string; diffs: string[]; replaces: string[] }> {
    const request = new provproto.DiffRequest()
      .setUrn("urn:pulumi:dev::proj::pulumi:providers:euro-hosting::default")
      .setOldInputs(struct(olds))
      .setOlds(struct(olds))
      .setNews(struct(news));
    return this.call("diffConfig", request, (response) => ({
      changes: changesNames[response.getChanges()],
      diffs: response.getDiffsList(),
      replaces: response.getReplacesList(),
    }));
  }

  /** The engine's Configure: `args` with secrets kept, as an engine that was told acceptSecrets sends them. */
  configure(args: Props): Promise<{ acceptSecrets: boolean; supportsPreview: boolean; acceptResources: boolean }> {
    const request = new provproto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true).setAcceptresources(true);
    return this.call("configure", request, (response) => ({
      acceptSecrets: response.getAcceptsecrets(),
      supportsPreview: response.getSupportspreview(),
      acceptResources: response.getAcceptresources(),
    }));
  }

  /** Configure as an older engine sends it: the deprecated `variables` map only (`euro-hosting:config:<key>` → text). */
  configureWithVariables(variables: Record<string, string>): Promise<void> {
    const request = new provproto.ConfigureRequest();
    for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
    return this.call("configure", request, () => undefined);
  }

  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    return this.call("check", new provproto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news)), unpackCheck);
  }

  diff(
    urn: string,
    id: string,
    olds: { outputs: Props; inputs: Props },
    news: Props,
  ): Promise<{ changes: string; diffs: string[]; replaces: string[]; deleteBeforeReplace: boolean; detailedDiff: Record<string, { kind: string; inputDiff: boolean }> }> {
    const request = new provproto.DiffRequest().setUrn(urn).setId(id).setOlds(struct(olds.outputs)).setOldInputs(struct(olds.inputs)).setNews(struct(news));
    return this.call("diff", request, (response) => ({
      changes: changesNames[response.getChanges()],
      diffs: response.getDiffsList(),
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
      detailedDiff: Object.fromEntries(
        response
          .getDetaileddiffMap()
          .toArray()
          .map(([key, diff]: [string, any[]]) => [key, { kind: kindNames[diff[0] ?? 0], inputDiff: diff[1] ?? false }]),
      ),
    }));
  }

  create(urn: string, properties: Props, options: { timeout?: number; preview?: boolean } = {}): Promise<{ id: string; properties: Props }> {
    const request = new provproto.CreateRequest()
      .setUrn(urn)
      .setProperties(struct(properties))
      .setTimeout(options.timeout ?? 0)
      .setPreview(options.preview ?? false);
    return this.call("create", request, (response) => ({ id: response.getId(), properties: response.getProperties()?.toJavaScript() ?? {} }));
  }

  read(urn: string, id: string, properties: Props = {}, inputs: Props = {}): Promise<{ id: string; properties: Props; inputs: Props | undefined }> {
    const request = new provproto.ReadRequest().setUrn(urn).setId(id).setProperties(struct(properties)).setInputs(struct(inputs));
    return this.call("read", request, (response) => ({
      id: response.getId(),
      properties: response.getProperties()?.toJavaScript() ?? {},
      inputs: response.getInputs()?.toJavaScript(),
    }));
  }

  update(
    urn: string,
    id: string,
    olds: { outputs: Props; inputs: Props },
    news: Props,
    options: { timeout?: number; preview?: boolean } = {},
  ): Promise<{ properties: Props }> {
    const request = new provproto.UpdateRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(struct(olds.outputs))
      .setOldInputs(struct(olds.inputs))
      .setNews(struct(news))
      .setTimeout(options.timeout ?? 0)
      .setPreview(options.preview ?? false);
    return this.call("update", request, (response) => ({ properties: response.getProperties()?.toJavaScript() ?? {} }));
  }

  delete(urn: string, id: string, olds: { outputs: Props; inputs: Props }, options: { timeout?: number } = {}): Promise<void> {
    const request = new provproto.DeleteRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(struct(olds.outputs))
      .setOldInputs(struct(olds.inputs))
      .setTimeout(options.timeout ?? 0);
    return this.call("delete", request, () => undefined);
  }

  invoke(token: string): Promise<void> {
    return this.call("invoke", new provproto.InvokeRequest().setTok(token).setArgs(struct({})), () => undefined);
  }

  cancel(): Promise<void> {
    return this.call("cancel", new emptyproto.Empty(), () => undefined);
  }

  attach(address: string): Promise<void> {
    return this.call("attach", new pluginproto.PluginAttach().setAddress(address), () => undefined);
  }

  getMappings(key: string): Promise<string[]> {
    return this.call("getMappings", new provproto.GetMappingsRequest().setKey(key), (response) => response.getProvidersList());
  }
}

function unpackCheck(response: any) {
  return {
    inputs: response.getInputs()?.toJavaScript() ?? {},
    failures: response.getFailuresList().map((failure: any) => ({ property: failure.getProperty(), reason: failure.getReason() })),
  };
}

/** Unpacks an error as the engine does, including an initialization failure's details. */
function toCallError(error: any): PluginCallError {
  const message = error.details ?? error.message;
  const details = error.metadata?.get?.("grpc-status-details-bin")?.[0];
  if (details) {
    for (const any of statusproto.Status.deserializeBinary(details).getDetailsList()) {
      if (any.getTypeUrl() === "type.googleapis.com/pulumirpc.ErrorResourceInitFailed") {
        const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue());
        return new PluginCallError(message, error.code, {
          id: detail.getId(),
          properties: detail.getProperties()?.toJavaScript() ?? {},
          reasons: detail.getReasonsList(),
        });
      }
    }
  }
  return new PluginCallError(message, error.code);
}
