// The real Pulumi CLI against the bundled emulators, for the end-to-end suites (npm run test:e2e).
//
// Each suite gets a workspace in a temp directory: a node_modules made of this checkout's installed
// packages plus `npm pack` of the built package (so programs import "pulumi-euro-hosting" as users
// do, offline), a local file backend, the passphrase secrets provider, and the emulators in this
// process. Programs use the tsconfig of `pulumi new typescript` (TEMPLATE_TSCONFIG).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type AllEmulators, EMULATOR_SECRET_KEYS, createAllEmulators, emulatorStackConfig, seedDemoData } from "../../emulator/all";
import { type EmulatorServer, createEmulatorClock, startEmulatorServer } from "../../emulator/core";

export const REPO = path.resolve(__dirname, "../..");

/** The tsconfig.json that `pulumi new typescript` writes. */
export const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

let cliDirectory: string | undefined;
/** The directory holding `pulumi` and `pulumi-language-nodejs` (scripts/pulumi-cli.sh; built on first use). */
export function pulumiCliDirectory(): string {
  cliDirectory ??= execFileSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return cliDirectory;
}

export interface Workspace {
  root: string;
  remove(): void;
}

/** A temp directory whose node_modules has this checkout's dependencies and the packed package. */
export function createWorkspace(): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "euro-hosting-e2e-"));
  const modules = path.join(root, "node_modules");
  fs.mkdirSync(modules);
  const installed = fs.realpathSync(path.join(REPO, "node_modules"));
  for (const entry of fs.readdirSync(installed)) {
    if (entry === "pulumi-euro-hosting") continue;
    fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
  }
  const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", root], { cwd: REPO, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop() as string;
  const packageDirectory = path.join(modules, "pulumi-euro-hosting");
  fs.mkdirSync(packageDirectory);
  execFileSync("tar", ["xzf", path.join(root, tarball), "-C", packageDirectory, "--strip-components=1"]);
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export interface Emulators {
  all: AllEmulators;
  server: EmulatorServer;
  /** Stack config pointing every vendor at these emulators. */
  config: Record<string, string>;
  /** The credential values of that config (they must never appear in state). */
  secrets: string[];
}

export async function startEmulators(timeScale: number): Promise<Emulators> {
  const all = createAllEmulators({ clock: createEmulatorClock({ scale: timeScale }) });
  seedDemoData(all);
  const server = await startEmulatorServer(all.list);
  const config = emulatorStackConfig((vendor) => server.urlFor(vendor));
  return { all, server, config, secrets: EMULATOR_SECRET_KEYS.map((key) => config[key]) };
}

/**
 * For the tests of one describe block: a fresh workspace and the emulators on a
 * clock `timeScale` times faster, both started before the tests and removed after them.
 */
export function useWorkspaceAndEmulators(timeScale: number): { readonly workspace: Workspace; readonly emulators: Emulators } {
  const setup = {} as { workspace: Workspace; emulators: Emulators };
  beforeAll(async () => {
    setup.workspace = createWorkspace();
    setup.emulators = await startEmulators(timeScale);
  });
  afterAll(async () => {
    await setup.emulators?.server.close();
    setup.workspace?.remove();
  });
  return setup;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface Running {
  child: ChildProcess;
  done: Promise<RunResult>;
  output(): string;
}

/** A Pulumi project in the workspace, with its own stack on the workspace's file backend. */
export class Project {
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly workspace: Workspace,
    readonly directory: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ) {
    const state = path.join(workspace.root, "state");
    fs.mkdirSync(state, { recursive: true });
    const pulumiHome = path.join(workspace.root, "pulumi-home");
    fs.mkdirSync(pulumiHome, { recursive: true });
    this.env = {
      ...process.env,
      PATH: [pulumiCliDirectory(), path.join(workspace.root, "node_modules", "@pulumi", "pulumi"), process.env.PATH].join(path.delimiter),
      PULUMI_HOME: pulumiHome,
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "1",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ...extraEnv,
    };
  }

  /** Writes a project: Pulumi.yaml, the template's tsconfig.json, and the program. */
  static create(workspace: Workspace, name: string, program: string, extraEnv: NodeJS.ProcessEnv = {}): Project {
    const directory = path.join(workspace.root, name);
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(path.join(directory, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    fs.writeFileSync(path.join(directory, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
    fs.writeFileSync(path.join(directory, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }, null, 2));
    fs.writeFileSync(path.join(directory, "index.ts"), program);
    return new Project(workspace, directory, extraEnv);
  }

  start(args: string[]): Running {
    let output = "";
    const separator = args.includes("--") ? args.indexOf("--") : args.length;
    const argv = [...args.slice(0, separator), "--non-interactive", "--color", "never", ...args.slice(separator)];
    const child = spawn("pulumi", argv, {
      cwd: this.directory,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a test can kill the CLI with everything it started.
      detached: true,
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<RunResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, output }));
    });
    return { child, done, output: () => output };
  }

  /** Runs `pulumi ARGS`; throws with the output unless it exits 0 (or `expectFailure` and it does not). */
  async run(args: string[], options: { expectFailure?: boolean } = {}): Promise<string> {
    const result = await this.start(args).done;
    const failed = result.code !== 0;
    if (failed !== Boolean(options.expectFailure)) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code ?? result.signal}${options.expectFailure ? " (a failure was expected)" : ""}:\n${result.output}`);
    }
    return result.output;
  }

  async initStack(config: Record<string, string>, secretKeys: readonly string[] = EMULATOR_SECRET_KEYS): Promise<void> {
    await this.run(["stack", "init", "e2e"]);
    for (const [key, value] of Object.entries(config)) {
      await this.run(["config", "set", ...(secretKeys.includes(key) ? ["--secret"] : []), key, "--", value]);
    }
  }

  async exportState(): Promise<{ text: string; resources: { type: string; urn: string; outputs?: Record<string, unknown> }[] }> {
    const text = await this.run(["stack", "export"]);
    const deployment = JSON.parse(text) as { deployment: { resources?: { type: string; urn: string; outputs?: Record<string, unknown> }[] } };
    return { text, resources: deployment.deployment.resources ?? [] };
  }
}

/** Resolves once `predicate` holds, checking whenever the emulator answers a request. */
export async function waitFor(predicate: () => boolean, describe: string, child?: ChildProcess): Promise<void> {
  while (!predicate()) {
    if (child && child.exitCode !== null) throw new Error(`the command ended before ${describe}`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
