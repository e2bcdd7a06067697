// The provider plugin (pulumi-resource-euro-hosting) through the real Pulumi CLI, for
// plugin.e2e.ts: the fixture programs of test/plugin/programs rendered into Pulumi YAML projects,
// stack config for the plugin, the import round trip by state surgery and `pulumi import --file`,
// and a vendor-neutral inventory of what the emulators hold (to prove `destroy` left nothing).
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type AllEmulators, EMULATOR_SECRET_KEYS, emulatorStackConfig } from "../../emulator/all";
import { typeToken } from "../../provider/plugin/names";
import type { PluginProgram, ProgramValue } from "../plugin/programs/types";
import { type Emulators, Project, REPO, type Workspace, pulumiCliDirectory, startEmulators } from "./support";

/** The directory of the plugin's executable, `pulumi-resource-euro-hosting` (a bin of this package). */
export const PLUGIN_DIRECTORY = path.join(REPO, "bin");

let yamlDirectory: string | undefined;
/** The directory holding `pulumi-language-yaml` (scripts/pulumi-yaml.sh; built on first use). */
export function yamlHostDirectory(): string {
  yamlDirectory ??= execFileSync("bash", [path.join(REPO, "scripts", "pulumi-yaml.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return yamlDirectory;
}

/** A temp directory whose node_modules links this checkout's dependencies (for TypeScript programs). */
export function createPluginWorkspace(): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "euro-hosting-plugin-e2e-"));
  fs.mkdirSync(path.join(root, "node_modules"));
  const installed = fs.realpathSync(path.join(REPO, "node_modules"));
  for (const entry of fs.readdirSync(installed)) {
    fs.symlinkSync(path.join(installed, entry), path.join(root, "node_modules", entry));
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** For the tests of one describe block: a workspace and the seeded emulators on a clock `timeScale` times faster. */
export function usePluginWorkspace(timeScale: number): { readonly workspace: Workspace; readonly emulators: Emulators } {
  const setup = {} as { workspace: Workspace; emulators: Emulators };
  beforeAll(async () => {
    setup.workspace = createPluginWorkspace();
    setup.emulators = await startEmulators(timeScale);
  });
  afterAll(async () => {
    await setup.emulators?.server.close();
    setup.workspace?.remove();
  });
  return setup;
}

// ---------------------------------------------------------------------------------------------
// Pulumi YAML

/** `value` as YAML at `indent`: strings double-quoted (JSON escapes are YAML's), maps and lists in block style. */
export function toYaml(value: ProgramValue, indent = ""): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return value.map((item) => `\n${indent}- ${toYaml(item, `${indent}  `).replace(/^\n\s*/, "")}`).join("");
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const keyOf = (key: string) => (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key));
  return entries.map(([key, item]) => `\n${indent}${keyOf(key)}: ${toYaml(item, `${indent}  `)}`).join("").replace(/: \n/g, ":\n");
}

export interface YamlRenderOptions {
  /** `plugins.providers[euro-hosting].path` of the project; absent: the engine finds the plugin (PATH, PULUMI_HOME). */
  pluginDirectory?: string;
  /** Extra resource options per resource name (e.g. customTimeouts). */
  resourceOptions?: Record<string, Record<string, ProgramValue>>;
}

/** A Pulumi YAML project (its Pulumi.yaml) declaring `program`'s resources with the plugin's type tokens. */
export function renderYamlProject(name: string, program: PluginProgram, options: YamlRenderOptions = {}): string {
  const project: Record<string, ProgramValue> = { name, runtime: "yaml" };
  if (options.pluginDirectory) project.plugins = { providers: [{ name: "euro-hosting", path: options.pluginDirectory }] };
  const resources: Record<string, ProgramValue> = {};
  for (const resource of program.resources) {
    const resourceOptions: Record<string, ProgramValue> = { ...(options.resourceOptions?.[resource.name] ?? {}) };
    if (resource.dependsOn?.length) resourceOptions.dependsOn = resource.dependsOn.map((other) => `\${${other}}`);
    resources[resource.name] = {
      type: typeToken(resource.kind),
      properties: resource.properties,
      ...(Object.keys(resourceOptions).length ? { options: resourceOptions } : {}),
    };
  }
  project.resources = resources;
  return `${toYaml(project).trimStart()}\n`;
}

export interface PluginProjectOptions extends YamlRenderOptions {
  /** Put PLUGIN_DIRECTORY on PATH (how the engine finds an ambient plugin). */
  pluginOnPath?: boolean;
  /** The emulators' time scale, given to the plugin as EURO_HOSTING_TIME_SCALE. */
  timeScale: number;
  /** PULUMI_HOME (default: the workspace's). */
  pulumiHome?: string;
}

function pluginEnvironment(options: PluginProjectOptions): NodeJS.ProcessEnv {
  const pathEntries = [yamlHostDirectory(), pulumiCliDirectory(), ...(options.pluginOnPath ? [PLUGIN_DIRECTORY] : []), process.env.PATH];
  return {
    PATH: pathEntries.join(path.delimiter),
    EURO_HOSTING_TIME_SCALE: String(options.timeScale),
    ...(options.pulumiHome ? { PULUMI_HOME: options.pulumiHome } : {}),
  };
}

/** Writes `program` as a Pulumi YAML project in the workspace. */
export function createYamlProject(workspace: Workspace, name: string, program: PluginProgram, options: PluginProjectOptions): Project {
  const directory = path.join(workspace.root, name);
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, "Pulumi.yaml"), renderYamlProject(name, program, options));
  return new Project(workspace, directory, pluginEnvironment(options));
}

/** Writes a TypeScript project (the `pulumi new typescript` layout) whose program is `source`. */
export function createTypeScriptProject(workspace: Workspace, name: string, source: string, options: PluginProjectOptions): Project {
  const project = Project.create(workspace, name, source);
  return new Project(workspace, project.directory, pluginEnvironment(options));
}

/**
 * `pulumi stack init` and the plugin's config for `vendors`: one object per vendor,
 * `euro-hosting:<vendor>`, holding its API URL (the emulator) and credentials (secret).
 */
export async function initPluginStack(project: Project, emulators: Emulators, vendors: readonly string[]): Promise<void> {
  await project.run(["stack", "init", "e2e"]);
  const config = emulatorStackConfig((vendor) => emulators.server.urlFor(vendor));
  const args = ["config", "set-all", "--path"];
  for (const [key, value] of Object.entries(config)) {
    const [vendor, setting] = key.split(":");
    if (!vendors.includes(vendor)) continue;
    args.push(EMULATOR_SECRET_KEYS.includes(key) ? "--secret" : "--plaintext", `euro-hosting:${vendor}.${setting}=${value}`);
  }
  await project.run(args);
}

/** The literal values `program` gives the inputs the plugin's schema (dist/schema.json) marks secret. */
export function secretInputValues(program: PluginProgram): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, "dist", "schema.json"), "utf8")) as {
    resources: Record<string, { inputProperties?: Record<string, { secret?: boolean }> }>;
  };
  return program.resources.flatMap((resource) => {
    const inputs = schema.resources[typeToken(resource.kind)]?.inputProperties ?? {};
    return Object.entries(resource.properties)
      .filter(([key, value]) => inputs[key]?.secret && typeof value === "string" && !value.includes("${"))
      .map(([, value]) => value as string);
  });
}

// ---------------------------------------------------------------------------------------------
// State

export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  protect?: boolean;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  deletedWith?: string;
  [other: string]: unknown;
}

interface Deployment {
  version: number;
  deployment: { resources?: StateResource[]; pending_operations?: unknown[]; [other: string]: unknown };
}

/** The stack's deployment (`pulumi stack export`; secrets stay encrypted). */
export async function exportDeployment(project: Project): Promise<{ text: string; deployment: Deployment }> {
  const text = await project.run(["stack", "export"]);
  return { text, deployment: JSON.parse(text) as Deployment };
}

/** The logical name in a URN (`urn:pulumi:stack::project::type::name`). */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The program's resources in the stack's state, by name. */
export async function programResources(project: Project, program: PluginProgram): Promise<Map<string, StateResource>> {
  const { deployment } = await exportDeployment(project);
  const tokens = new Set(program.resources.map((resource) => typeToken(resource.kind)));
  const found = new Map<string, StateResource>();
  for (const resource of deployment.deployment.resources ?? []) {
    if (tokens.has(resource.type)) found.set(nameOfUrn(resource.urn), resource);
  }
  return found;
}

/** A state value without the engine's secret envelope (`{"4dabf18193072939515e22adb298388d": "1b47…", plaintext}`). */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270") {
    return "plaintext" in record ? unwrapSecrets(JSON.parse(record.plaintext as string)) : "[secret]";
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, unwrapSecrets(item)]));
}

/**
 * Forgets the resources named `names` as `pulumi state delete` would, but keeps the resources
 * that depend on them (state delete refuses, or with --target-dependents takes them along):
 * the state is exported, the resources dropped with every reference to them, and imported back.
 * The next `up` records the dependencies again.
 */
export async function forgetResources(project: Project, names: ReadonlySet<string>): Promise<void> {
  const { deployment } = await exportDeployment(project);
  const resources = deployment.deployment.resources ?? [];
  const dropped = new Set(resources.filter((resource) => names.has(nameOfUrn(resource.urn)) && resource.custom).map((resource) => resource.urn));
  if (dropped.size !== names.size) throw new Error(`state holds ${dropped.size} of the ${names.size} resources to forget`);
  const kept = (urns: string[] | undefined) => urns?.filter((urn) => !dropped.has(urn));
  deployment.deployment.resources = resources
    .filter((resource) => !dropped.has(resource.urn))
    .map((resource) => ({
      ...resource,
      dependencies: kept(resource.dependencies),
      propertyDependencies: resource.propertyDependencies
        ? Object.fromEntries(Object.entries(resource.propertyDependencies).map(([key, urns]) => [key, kept(urns) ?? []]))
        : undefined,
      deletedWith: resource.deletedWith && dropped.has(resource.deletedWith) ? undefined : resource.deletedWith,
    }));
  const file = path.join(project.directory, "forgotten-state.json");
  fs.writeFileSync(file, JSON.stringify(deployment));
  await project.run(["stack", "import", "--file", file]);
  fs.rmSync(file);
}

export interface ImportEntry {
  type: string;
  name: string;
  id: string;
}

/** `pulumi import --file` of `entries`: unprotected, no generated code, no preview. */
export async function importResources(project: Project, entries: ImportEntry[]): Promise<string> {
  const file = path.join(project.directory, "import.json");
  fs.writeFileSync(file, JSON.stringify({ resources: entries }, null, 2));
  const output = await project.run(["import", "--file", file, "--protect=false", "--generate-code=false", "--skip-preview", "--yes"]);
  fs.rmSync(file);
  return output;
}

export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
}

/** `pulumi preview --json`: the steps the engine would take. */
export async function previewSteps(project: Project): Promise<PreviewStep[]> {
  const { code, stdout, stderr } = await runSeparated(project, ["preview", "--json", "--non-interactive"]);
  if (code !== 0) throw new Error(`pulumi preview --json exited ${code}:\n${stdout}\n${stderr}`);
  return ((JSON.parse(stdout) as { steps?: PreviewStep[] }).steps ?? []).filter((step) => step.op !== "same");
}

function runSeparated(project: Project, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, { cwd: project.directory, env: project.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// ---------------------------------------------------------------------------------------------
// What the emulators hold

/** Fields that name an object in the emulators' snapshots, most specific first. */
const IDENTITY_FIELDS = ["id", "identificator", "token", "uuid"];

function identityOf(item: unknown, index: number): string {
  if (item === null || typeof item !== "object") return JSON.stringify(item);
  const record = item as Record<string, unknown>;
  for (const field of IDENTITY_FIELDS) {
    if (typeof record[field] === "string" || typeof record[field] === "number") return `${field}=${record[field]}`;
  }
  const idField = Object.keys(record).find((key) => /(_id|Id)$/.test(key) && (typeof record[key] === "string" || typeof record[key] === "number"));
  if (idField) return `${idField}=${record[idField]}`;
  if (typeof record.name === "string") return `name=${record.name}`;
  return `#${index}:${JSON.stringify(item)}`;
}

/**
 * Every object the emulators hold, by a path of identities
 * (`gigahost/dns/zones[zone_id=1]/records[id=…]`), with a short description. Vendor-neutral: it
 * walks each emulator's snapshot, so an object of any kind a program made shows up.
 */
export function emulatorInventory(all: AllEmulators): Map<string, string> {
  const inventory = new Map<string, string>();
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemPath = `${at}[${identityOf(item, index)}]`;
        inventory.set(itemPath, JSON.stringify(item).slice(0, 400));
        walk(item, itemPath);
      });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (item === null || typeof item !== "object") continue;
        if (!Array.isArray(item)) inventory.set(`${at}/${key}`, JSON.stringify(item).slice(0, 400));
        walk(item, `${at}/${key}`);
      }
    }
  };
  for (const vendor of all.list) walk(vendor.snapshot(), vendor.vendor);
  return inventory;
}

/** Paths in `after` that `before` lacks. */
export function madeBetween(before: Map<string, string>, after: Map<string, string>): Map<string, string> {
  return new Map([...after].filter(([key]) => !before.has(key)));
}

/** An object the emulators may keep after `destroy`, and why: `pattern` matches its line, `path: description`. */
export interface Survivor {
  pattern: RegExp;
  reason: string;
}

/** Of the objects `made`, those the emulators still hold that no `survivors` entry explains, as `path: description`. */
export function leftAfterDestroy(made: Map<string, string>, now: Map<string, string>, survivors: readonly Survivor[]): string[] {
  return [...made.keys()]
    .filter((key) => now.has(key))
    .map((key) => `${key}: ${now.get(key)}`)
    .filter((line) => !survivors.some((survivor) => survivor.pattern.test(line)));
}

/** `text` with every regular-expression metacharacter escaped. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
