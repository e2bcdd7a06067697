// The plugin's link back to the engine: the provider's log lines go to the
// engine's Log service (pulumi/engine.proto), attached to the resource whose
// operation wrote them, so progress on a long wait shows under that resource
// in the CLI. Where the engine cannot be reached, lines go to stderr, which
// the CLI collects from plugins too.
import { AsyncLocalStorage } from "node:async_hooks";
import { LogSeverity, LogSink, routeLogs, stderrSink } from "../log";
import { engineProto, engineService, grpc } from "./pulumiModules";

const operatingOn = new AsyncLocalStorage<string>();

/** Runs one request's work for the resource `urn`: the lines it logs are that resource's. */
export function forResource<T>(urn: string, work: () => Promise<T>): Promise<T> {
  return operatingOn.run(urn, work);
}

/** The resource whose request the running code serves, if any. */
export function currentResource(): string | undefined {
  return operatingOn.getStore();
}

/** A connection to the engine's Log service at `address` ("127.0.0.1:port"). */
export function engineLogSink(address: string): LogSink & { close(): void } {
  // Connected on the first line: the engine's modules are not loaded before the plugin's port is printed.
  let client: import("@pulumi/pulumi/proto/engine_grpc_pb").EngineClient | undefined;
  const sink = (severity: LogSeverity, line: string) => {
    const { LogRequest, LogSeverity: Severity } = engineProto();
    client ??= new (engineService().EngineClient)(address, grpc().credentials.createInsecure());
    const request = new LogRequest();
    request.setSeverity({ debug: Severity.DEBUG, info: Severity.INFO, warning: Severity.WARNING }[severity]);
    request.setMessage(line);
    request.setUrn(currentResource() ?? "");
    client.log(request, (error) => {
      if (error) stderrSink(severity, line);
    });
  };
  return Object.assign(sink, { close: () => client?.close() });
}

/**
 * Routes the provider's log lines (provider/log.ts) to the engine at
 * `address`; returns what undoes it. Without an address they stay on stderr.
 */
export function routeLogsToEngine(address: string | undefined): () => void {
  if (!address) return () => undefined;
  const sink = engineLogSink(address);
  routeLogs(sink);
  return () => {
    routeLogs(undefined);
    sink.close();
  };
}
