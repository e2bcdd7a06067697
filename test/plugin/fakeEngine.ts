// The engine's side of the plugin's log lines: a gRPC server with Pulumi's
// Engine service (pulumi/engine.proto) that keeps every Log request.
import type * as grpcTypes from "@grpc/grpc-js";

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc: typeof grpcTypes = require("@grpc/grpc-js");
const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

export interface LogLine {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

export interface FakeEngine {
  /** "127.0.0.1:port", what the engine passes a plugin as its argument. */
  address: string;
  lines: LogLine[];
  /** The first line, logged already or to come, that matches. */
  lineMatching(matches: (line: LogLine) => boolean): Promise<LogLine>;
  close(): Promise<void>;
}

const severities: LogLine["severity"][] = ["debug", "info", "warning", "error"];

export async function startFakeEngine(): Promise<FakeEngine> {
  const lines: LogLine[] = [];
  const waiting: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const server = new grpc.Server();
  server.addService(enginerpc.EngineService, {
    log(call: any, callback: any) {
      const line: LogLine = { severity: severities[call.request.getSeverity()], message: call.request.getMessage(), urn: call.request.getUrn() };
      lines.push(line);
      for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(line);
      }
      callback(null, new emptyproto.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    lines,
    lineMatching(matches) {
      const found = lines.find(matches);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ matches, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
