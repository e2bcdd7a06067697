#!/usr/bin/env node
// `npm run demo`: the showcase program (root Pulumi.yaml) deployed with the real
// Pulumi CLI against the bundled emulators, an out-of-band change made
// through the emulator's admin endpoint, drift shown by `pulumi refresh`, and
// everything destroyed. State lives in .pulumi-state/ inside the repository.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_SECRET_KEYS, createAllEmulators, emulatorStackConfig, seedDemoData } from "./all";
import { createEmulatorClock, startEmulatorServer } from "./core";

const REPO = path.resolve(__dirname, "../..");
const TIME_SCALE = 60;

/** `pulumi` on PATH, else the official npm package through npx; undefined when neither runs. */
function findPulumi(): string[] | undefined {
  for (const candidate of [["pulumi"], ["npx", "--yes", "pulumi"]]) {
    const probe = spawnSync(candidate[0], [...candidate.slice(1), "version"], { encoding: "utf8", timeout: 180_000 });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function run(command: string[], args: string[], env: NodeJS.ProcessEnv, options: { input?: string; allowFailure?: boolean } = {}): number {
  console.log(`\n$ pulumi ${args.join(" ")}`);
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: REPO,
    env,
    input: options.input,
    stdio: [options.input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
  });
  const status = result.status ?? 1;
  if (status !== 0 && !options.allowFailure) throw new Error(`pulumi ${args[0]} failed (exit ${status})`);
  return status;
}

async function main(): Promise<number> {
  const pulumi = findPulumi();
  if (!pulumi) {
    console.error("npm run demo needs the Pulumi CLI: neither `pulumi` on PATH nor `npx pulumi` could run here (install it from pulumi.com, or run where npm can download it).");
    return 1;
  }
  const showcase = path.join(REPO, "examples", "showcase");
  if (!fs.existsSync(path.join(showcase, "node_modules", "pulumi-euro-hosting"))) {
    console.log("installing examples/showcase (links this checkout of pulumi-euro-hosting)…");
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: showcase, stdio: "inherit" });
    if (install.status !== 0) return install.status ?? 1;
  }

  const all = createAllEmulators({ clock: createEmulatorClock({ scale: TIME_SCALE }) });
  seedDemoData(all);
  const server = await startEmulatorServer(all.list);
  console.log(`emulators listening on ${server.url}`);
  const stateDirectory = path.join(REPO, ".pulumi-state");
  fs.mkdirSync(stateDirectory, { recursive: true });
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${stateDirectory}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Vendor jobs (builds, provisioning, snapshots) run 60× faster in the emulator; the provider waits on the same clock.
    EURO_HOSTING_TIME_SCALE: String(TIME_SCALE),
  };
  try {
    run(pulumi, ["stack", "select", "--create", "demo"], env);
    const config = emulatorStackConfig((vendor) => server.urlFor(vendor));
    for (const [key, value] of Object.entries(config)) {
      const secret = EMULATOR_SECRET_KEYS.includes(key) ? ["--secret"] : [];
      run(pulumi, ["config", "set", ...secret, key, "--", value], env);
    }
    run(pulumi, ["up", "--yes", "--skip-preview"], env);

    console.log("\nOut of band: the 'api' A record is pointed elsewhere through the emulator's admin endpoint.");
    const records = (await (await fetch(`${server.url}/_admin/zoneid/zones/example-shop.ee/records`)).json()) as Record<string, unknown>[];
    const api = records.find((record) => record.recordType === "a" && String(record.name).startsWith("api."));
    if (api) {
      await fetch(`${server.url}/_admin/zoneid/zones/example-shop.ee/records/a/${api.id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ destination: "198.51.100.99" }),
      });
    }
    run(pulumi, ["refresh", "--yes"], env);
    run(pulumi, ["preview", "--expect-no-changes"], env, { allowFailure: true });
    run(pulumi, ["destroy", "--yes"], env);
    return 0;
  } finally {
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
