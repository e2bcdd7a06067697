// The start of pulumi-resource-euro-hosting (bin/pulumi-resource-euro-hosting),
// as the engine runs a provider plugin: `pulumi-resource-euro-hosting
// [--logtostderr] [-v=N] [--tracing <endpoint>] <engine address>`. It serves
// on 127.0.0.1 at a free port and prints the port on stdout, the handshake
// the engine waits for; it stops on SIGINT (the engine's way of closing a
// plugin) or SIGTERM, and when the engine goes away. Nothing slow loads
// before the port is printed: the resource kinds load on the first request.
import * as fs from "node:fs";
import { redact } from "../redact";
import { RunningServer, serve } from "./server";

/** The engine's address among the arguments the engine passes (the flags it may add are skipped). */
export function engineAddressOf(args: readonly string[]): string | undefined {
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "--logtostderr" || arg.startsWith("-v=") || arg.startsWith("--v=")) continue;
    if (arg === "--tracing") {
      index++;
      continue;
    }
    rest.push(arg);
  }
  return rest[0];
}

export async function main(args: readonly string[]): Promise<void> {
  let running: RunningServer | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    (running?.shutdown() ?? Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the port is printed: the engine may close the plugin as soon as it has read it.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  whenEngineGone(stop);
  // A stray rejection in resource code must not end the plugin while other operations run.
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(`[euro-hosting] unhandled rejection: ${redact(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason))}\n`);
  });
  running = await serve({ engineAddress: engineAddressOf(args) });
  process.stdout.write(`${running.port}\n`);
}

/**
 * The engine starts a plugin with a pipe as its stdin and never writes to it
 * or closes it: the pipe ends when the engine's process does, however it
 * ends (killed, crashed). Then the plugin stops too instead of lingering. A
 * plugin started by hand (a terminal, /dev/null) is left alone.
 */
function whenEngineGone(stop: () => void): void {
  let stdin: fs.Stats;
  try {
    stdin = fs.fstatSync(0);
  } catch {
    return;
  }
  if (!stdin.isFIFO() && !stdin.isSocket()) return;
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}
