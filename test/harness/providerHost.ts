import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc = require("@grpc/grpc-js");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

const REPO = path.resolve(__dirname, "../..");
const HOST_ENTRY = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

/** How Pulumi marks a secret value on the wire. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const secretValue = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

export type Props = Record<string, unknown>;

export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** An error the provider returned, with the init-failure details the engine would keep. */
export class ProviderCallError extends Error {
  constructor(
    message: string,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }
}

/**
 * `@pulumi/pulumi`'s own dynamic-provider host, started as the Pulumi engine
 * starts it during `pulumi up`, `refresh` and `destroy`, and called over gRPC
 * with the same requests.
 */
export class ProviderHost {
  private stderrText = "";
  private stdoutText = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
  ) {
    child.stderr!.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
  }

  /** Everything the provider process wrote to stderr (where progress and warnings go). */
  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  static async start(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProviderHost> {
    const child = spawn(process.execPath, [HOST_ENTRY, "127.0.0.1:1"], {
      cwd: options.cwd ?? REPO,
      env: options.env ?? { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      child.on("exit", (code) => reject(new Error(`provider host exited (${code}): ${stderr}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new ProviderHost(child, client);
    child.stdout!.on("data", (chunk: Buffer) => (host.stdoutText += chunk.toString()));
    return host;
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        this.child.once("exit", () => resolve());
        this.child.kill();
      });
    }
  }

  /** SIGKILL, as a cancelled CI job or a closed laptop ends `pulumi up`: nothing in flight finishes. */
  killNow(): void {
    this.child.kill("SIGKILL");
  }

  private call<T>(method: string, request: unknown, unpack: (response: any) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](request, (error: any, response: any) => {
        if (error) reject(toProviderError(error));
        else resolve(unpack(response));
      });
    });
  }

  /** The engine's Configure: the stack config, secrets included (wrapped or plain). */
  configure(config: Props): Promise<void> {
    const request = new provproto.ConfigureRequest();
    request.setArgs(structproto.Struct.fromJavaScript(config));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    return this.call("configure", request, () => undefined);
  }

  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const request = new provproto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(structproto.Struct.fromJavaScript(olds));
    request.setNews(structproto.Struct.fromJavaScript(news));
    return this.call("check", request, (response) => ({
      inputs: response.getInputs().toJavaScript(),
      failures: response.getFailuresList().map((failure: any) => ({
        property: failure.getProperty(),
        reason: failure.getReason(),
      })),
    }));
  }

  diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }> {
    const request = new provproto.DiffRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(structproto.Struct.fromJavaScript(olds));
    request.setNews(structproto.Struct.fromJavaScript(news));
    const names: Record<number, "none" | "some" | "unknown"> = { 0: "unknown", 1: "none", 2: "some" };
    return this.call("diff", request, (response) => ({
      changes: names[response.getChanges()],
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    }));
  }

  create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new provproto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(structproto.Struct.fromJavaScript(properties));
    return this.call("create", request, (response) => ({
      id: response.getId(),
      properties: response.getProperties().toJavaScript(),
    }));
  }

  read(id: string, urn: string, properties: Props, inputs: Props): Promise<{ id: string; properties: Props; inputs: Props | undefined }> {
    const request = new provproto.ReadRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(structproto.Struct.fromJavaScript(properties));
    request.setInputs(structproto.Struct.fromJavaScript(inputs));
    return this.call("read", request, (response) => ({
      id: response.getId(),
      properties: response.getProperties()?.toJavaScript() ?? {},
      inputs: response.getInputs()?.toJavaScript(),
    }));
  }

  update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }> {
    const request = new provproto.UpdateRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(structproto.Struct.fromJavaScript(olds));
    request.setNews(structproto.Struct.fromJavaScript(news));
    return this.call("update", request, (response) => ({ properties: response.getProperties().toJavaScript() }));
  }

  delete(id: string, urn: string, properties: Props): Promise<void> {
    const request = new provproto.DeleteRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(structproto.Struct.fromJavaScript(properties));
    return this.call("delete", request, () => undefined);
  }
}

/** Unpacks an "initialization failed" error the way the engine does. */
function toProviderError(error: any): ProviderCallError {
  const details = error.metadata?.get?.("grpc-status-details-bin")?.[0];
  if (details) {
    const status = statusproto.Status.deserializeBinary(details);
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue());
        return new ProviderCallError(error.details ?? error.message, {
          id: detail.getId(),
          properties: detail.getProperties()?.toJavaScript() ?? {},
          reasons: detail.getReasonsList(),
        });
      }
    }
  }
  return new ProviderCallError(error.details ?? error.message);
}
