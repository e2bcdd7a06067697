#!/usr/bin/env node
// `npm run demo`: the showcase program (examples/showcase) deployed with the real Pulumi CLI
// against the bundled emulators, an out-of-band change made through the emulator's admin
// endpoint, the drift shown by `pulumi preview --refresh`, `pulumi refresh`, an `up` that
// restores it, and everything destroyed. The CLI is `pulumi` on PATH, else the one
// scripts/pulumi-cli.sh builds. The program runs in a temporary project that links this
// checkout as `pulumi-euro-hosting` (one copy of @pulumi/pulumi, no install); state lives in
// .pulumi-state/ inside the repository.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EMULATOR_SECRET_KEYS, createAllEmulators, emulatorStackConfig, seedDemoData } from "./all";
import { createEmulatorClock, startEmulatorServer } from "./core";

const REPO = path.resolve(__dirname, "../..");
const TIME_SCALE = 60;

/** The directory of the Pulumi CLI: scripts/pulumi-cli.sh uses `pulumi` on PATH or builds it. */
function pulumiDirectory(): string | undefined {
  try {
    return execFileSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  } catch {
    return undefined;
  }
}

/** A project directory whose node_modules links this checkout and its dependencies. */
function demoProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "euro-hosting-demo-"));
  const modules = path.join(root, "node_modules");
  fs.mkdirSync(modules);
  const installed = fs.realpathSync(path.join(REPO, "node_modules"));
  for (const entry of fs.readdirSync(installed)) fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
  fs.symlinkSync(REPO, path.join(modules, "pulumi-euro-hosting"));
  const showcase = path.join(REPO, "examples", "showcase");
  for (const file of ["index.ts", "tsconfig.json"]) fs.copyFileSync(path.join(showcase, file), path.join(root, file));
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "euro-hosting-demo", private: true, main: "index.ts" }));
  fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: euro-hosting-demo\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  return root;
}

/** Runs `pulumi ARGS` without blocking this process (the emulators answer from it). */
function run(cwd: string, args: string[], env: NodeJS.ProcessEnv, options: { allowFailure?: boolean } = {}): Promise<number> {
  const shown = args.includes("--secret") ? [...args.slice(0, -1), "[secret]"] : args;
  console.log(`\n$ pulumi ${shown.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => {
      const status = code ?? 1;
      if (status !== 0 && !options.allowFailure) reject(new Error(`pulumi ${args[0]} failed (exit ${status})`));
      else resolve(status);
    });
  });
}

async function main(): Promise<number> {
  const cli = pulumiDirectory();
  if (!cli) {
    console.error("npm run demo needs the Pulumi CLI: there is no `pulumi` on PATH and scripts/pulumi-cli.sh could not build one (it needs Go).");
    return 1;
  }
  const project = demoProject();
  const all = createAllEmulators({ clock: createEmulatorClock({ scale: TIME_SCALE }) });
  seedDemoData(all);
  const server = await startEmulatorServer(all.list);
  console.log(`emulators listening on ${server.url}`);
  const stateDirectory = path.join(REPO, ".pulumi-state");
  fs.mkdirSync(stateDirectory, { recursive: true });
  const env = {
    ...process.env,
    // Dynamic resources run in `pulumi-resource-pulumi-nodejs`, which ships inside @pulumi/pulumi.
    PATH: [cli, path.join(project, "node_modules", "@pulumi", "pulumi"), process.env.PATH].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${stateDirectory}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Vendor jobs (builds, provisioning, snapshots) run 60× faster in the emulator; the provider waits on the same clock.
    EURO_HOSTING_TIME_SCALE: String(TIME_SCALE),
  };
  try {
    await run(project, ["stack", "select", "--create", "demo"], env);
    const config = emulatorStackConfig((vendor) => server.urlFor(vendor));
    for (const [key, value] of Object.entries(config)) {
      const secret = EMULATOR_SECRET_KEYS.includes(key) ? ["--secret"] : [];
      await run(project, ["config", "set", ...secret, key, "--", value], env);
    }
    await run(project, ["up", "--yes", "--skip-preview"], env);

    console.log("\nOut of band: the 'api' A record is pointed elsewhere through the emulator's admin endpoint.");
    const records = (await (await fetch(`${server.url}/_admin/zoneid/zones/example-shop.ee/records`)).json()) as Record<string, unknown>[];
    const api = records.find((record) => record.recordType === "a" && String(record.name).startsWith("api."));
    if (!api) throw new Error("the showcase's api A record is not at the ZoneID emulator");
    await fetch(`${server.url}/_admin/zoneid/zones/example-shop.ee/records/a/${api.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ destination: "198.51.100.99" }),
    });
    console.log("\nThe drift, as CI would see it (this preview fails on purpose):");
    const drift = await run(project, ["preview", "--refresh", "--expect-no-changes", "--diff"], env, { allowFailure: true });
    if (drift === 0) throw new Error("preview --refresh --expect-no-changes did not report the out-of-band change");
    await run(project, ["refresh", "--yes", "--skip-preview"], env);
    await run(project, ["up", "--yes", "--skip-preview"], env);
    await run(project, ["preview", "--refresh", "--expect-no-changes"], env);
    await run(project, ["destroy", "--yes", "--skip-preview"], env);
    await run(project, ["stack", "rm", "--yes", "demo"], env);
    return 0;
  } finally {
    await server.close();
    fs.rmSync(project, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
