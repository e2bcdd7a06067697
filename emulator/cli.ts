#!/usr/bin/env node
// `npm run emulator`: every vendor fake on one local port, until Ctrl-C.
import { type EmulatorServer, type FaultOptions, createEmulatorClock, startEmulatorServer } from "./core";
import { EMULATOR_CREDENTIALS, createAllEmulators, seedDemoData } from "./all";

const USAGE = `usage: euro-hosting-emulator [--port N] [--host H] [--state FILE] [--latency MS] [--faults RATE] [--time-scale X] [--empty] [--quiet]
  --port N       listen port (default 8787, 0 picks a free one)
  --host H       listen address (default 127.0.0.1)
  --state FILE   load vendor state from FILE and save it after every change
  --latency MS   delay every vendor request by MS milliseconds
  --faults RATE  inject 429/5xx/dropped/slow answers into RATE (0..1) of vendor requests
  --time-scale X run vendor jobs (builds, snapshots, provisioning) X times faster than real time
  --empty        start without the demo data (the servers and zone the examples adopt)
  --quiet        do not log each request`;

export interface CliOptions {
  port: number;
  host: string;
  statePath?: string;
  latencyMs: number;
  faults?: FaultOptions;
  timeScale: number;
  empty: boolean;
  quiet: boolean;
}

export function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: 1, empty: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const number = (min: number, max: number): number => {
      const text = value();
      const parsed = Number(text);
      if (text.trim() === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
        throw new UsageError(`${flag} must be a number within ${min}..${max}, got ${JSON.stringify(text)}`);
      }
      return parsed;
    };
    switch (flag) {
      case "--port":
        options.port = number(0, 65535);
        break;
      case "--host":
        options.host = value();
        break;
      case "--state":
        options.statePath = value();
        break;
      case "--latency":
        options.latencyMs = number(0, 600_000);
        break;
      case "--faults":
        options.faults = { rate: number(0, 1) };
        break;
      case "--time-scale":
        options.timeScale = number(0.001, 100_000);
        break;
      case "--empty":
        options.empty = true;
        break;
      case "--quiet":
        options.quiet = true;
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  return options;
}

export class UsageError extends Error {}

/** Starts the emulator and prints where each vendor lives; the caller owns the returned server. */
export async function main(argv: string[], print: (line: string) => void = console.log): Promise<EmulatorServer> {
  const options = parseArguments(argv);
  const all = createAllEmulators({ clock: createEmulatorClock({ scale: options.timeScale }) });
  if (!options.empty) seedDemoData(all);
  const vendors = all.list.map((emulator) => ({ emulator, credentials: EMULATOR_CREDENTIALS[emulator.vendor] ?? [] }));
  const server = await startEmulatorServer(
    vendors.map((v) => v.emulator),
    {
      port: options.port,
      host: options.host,
      latencyMs: options.latencyMs,
      faults: options.faults,
      statePath: options.statePath,
      log: options.quiet ? undefined : print,
    },
  );
  const width = Math.max(...vendors.map((v) => v.emulator.vendor.length)) + 2;
  for (const { emulator, credentials } of vendors) {
    print(`${emulator.vendor.padEnd(width)}${server.urlFor(emulator.vendor)}`);
    for (const [label, secret] of credentials) print(`${"".padEnd(width)}${label.padEnd(10)}${secret}`);
  }
  if (options.statePath) print(`state     ${options.statePath}`);
  if (options.faults) print(`faults    ${options.faults.rate}`);
  print(`admin     ${server.url}/_admin/requests`);
  return server;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (server) => {
      const shutdown = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    },
    (error: unknown) => {
      if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
      else console.error(error);
      process.exit(2);
    },
  );
}
