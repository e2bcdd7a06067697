#!/usr/bin/env node
// `npm run emulator`: every vendor fake on one local port, until Ctrl-C.
import { type EmulatorServer, type FaultOptions, createEmulatorClock, startEmulatorServer } from "./core";
import { EMULATOR_CREDENTIALS, createAllEmulators, emulatorStackConfig, seedDemoData } from "./all";
import { environmentName } from "../provider/settings";

/** Vendor jobs (a 3-minute snapshot, a 10-minute VM build) take seconds when trying examples. */
export const DEFAULT_TIME_SCALE = 60;

export const USAGE = `usage: euro-hosting-emulator [options]
  --port N       listen port (default 8787, 0 picks a free one)
  --host H       listen address (default 127.0.0.1)
  --state FILE   load vendor state from FILE and save it after every change
  --latency MS   delay every vendor request by MS milliseconds
  --faults RATE  inject 429/5xx/dropped/slow answers into RATE (0..1) of vendor requests
  --time-scale X run vendor jobs (builds, snapshots, provisioning) X times faster than real time
                 (default ${DEFAULT_TIME_SCALE}: a 3-minute snapshot takes 3 s)
  --real-time    vendor jobs take as long as the vendor quotes (--time-scale 1)
  --empty        start without the demo data (the servers and zone the examples adopt)
  --quiet        do not log each request
  --help         print this and exit`;

export interface CliOptions {
  port: number;
  host: string;
  statePath?: string;
  latencyMs: number;
  faults?: FaultOptions;
  timeScale: number;
  empty: boolean;
  quiet: boolean;
  help: boolean;
}

export function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: DEFAULT_TIME_SCALE, empty: false, quiet: false, help: false };
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
      case "--real-time":
        options.timeScale = 1;
        break;
      case "--help":
      case "-h":
        options.help = true;
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

/**
 * `export GIGAHOST_API_URL=… GIGAHOST_API_KEY=…`, one line per vendor, from
 * the same stack config the tests use. The provider's clock is sped up alike,
 * so its timeouts and progress lines agree with the emulator's jobs; never
 * keep that variable set against a real vendor.
 */
export function exportLines(stackConfig: Record<string, string>, timeScale: number): string[] {
  const byVendor = new Map<string, string[]>();
  for (const [qualifiedKey, value] of Object.entries(stackConfig)) {
    const [vendor, key] = qualifiedKey.split(":");
    byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), `${environmentName(vendor, key)}=${shellWord(value)}`]);
  }
  const lines = [...byVendor.values()].map((assignments) => `export ${assignments.join(" ")}`);
  if (timeScale !== 1) lines.push(`export EURO_HOSTING_TIME_SCALE=${timeScale}   # only while using the emulator`);
  return lines;
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Starts the emulator and prints where each vendor lives and the `export`
 * lines that point the provider at it; the caller owns the returned server.
 * With --help it prints the usage and starts nothing.
 */
export async function main(argv: string[], print: (line: string) => void = console.log): Promise<EmulatorServer | undefined> {
  const options = parseArguments(argv);
  if (options.help) {
    print(USAGE);
    return undefined;
  }
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
  print(`speed     ${options.timeScale === 1 ? "real time" : `vendor jobs run ${options.timeScale}× faster (--real-time for the vendors' own pace)`}`);
  print("");
  print("# Point the provider at this emulator (paste into the shell that runs pulumi):");
  for (const line of exportLines(emulatorStackConfig((vendor) => server.urlFor(vendor)), options.timeScale)) print(line);
  return server;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (server) => {
      if (!server) return;
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
