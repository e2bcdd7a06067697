import * as fs from "node:fs";
import * as path from "node:path";
import type { Props } from "../harness/providerHost";

/** The repository, whether this file runs from its source (jest) or compiled into build/ (the recorder). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}build${path.sep}`) ? "../../.." : "../..");
const COMPAT_DIR = path.join(REPO_ROOT, "test/compat");

/** Bumped only if the fixture file's own layout changes (never for a new package version). */
export const FIXTURE_FORMAT = 1;

/**
 * One resource as a stack written by `packageVersion` holds it, with the
 * vendor state it describes. `inputs` and `outputs` are exactly what the
 * provider host answered to check and create: they include the serialized
 * provider (`__provider`) and the creation tag input.
 */
export interface CompatFixture {
  format: number;
  kind: string;
  packageVersion: string;
  /** The commit the fixture was recorded from. */
  recordedFrom: string;
  /** The resource type token in state, e.g. "pulumi-nodejs:dynamic/gigahost:DnsRecord". */
  type: string;
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** The emulator clock when the snapshot was taken (vendor time moved on at least this far). */
  emulatorClockMs: number;
  /** `{ [vendor]: snapshot() }` of every mounted emulator: the format of the emulator's `statePath` file. */
  emulatorState: Record<string, unknown>;
}

/** test/compat/state-<version>/<vendor>/<Kind>.json */
export function fixturePath(version: string, kind: string): string {
  const [vendor, name] = kind.split(":");
  return path.join(COMPAT_DIR, `state-${version}`, vendor, `${name}.json`);
}

/** The versions with recorded fixtures (directories state-<version>). */
export function recordedVersions(): string[] {
  return fs
    .readdirSync(COMPAT_DIR)
    .filter((entry) => entry.startsWith("state-") && fs.statSync(path.join(COMPAT_DIR, entry)).isDirectory())
    .map((entry) => entry.slice("state-".length))
    .sort();
}

/** Every fixture file of one version, found by listing its directory. */
export function fixtureFiles(version: string): string[] {
  const root = path.join(COMPAT_DIR, `state-${version}`);
  return fs
    .readdirSync(root)
    .flatMap((vendor) => fs.readdirSync(path.join(root, vendor)).filter((file) => file.endsWith(".json")).map((file) => path.join(root, vendor, file)))
    .sort();
}

export function readFixture(file: string): CompatFixture {
  return JSON.parse(fs.readFileSync(file, "utf8")) as CompatFixture;
}

/**
 * Every resource kind the vendor registries under `root`/resources declare
 * (the repository for sources, dist/ for the built package): each vendor
 * directory with a definitions file is one registry.
 */
export function registeredKinds(root: string): string[] {
  const resources = path.join(root, "resources");
  return fs
    .readdirSync(resources)
    .filter((vendor) => ["definitions.ts", "definitions.js"].some((file) => fs.existsSync(path.join(resources, vendor, file))))
    .flatMap((vendor) => Object.keys(require(path.join(resources, vendor, "definitions")).definitions as Record<string, unknown>))
    .sort();
}
