// `pulumi import` of a plugin fixture program's resources, the way the provider plugin serves it,
// in this process: the program (test/plugin/programs) is created through `bridge(definition)` against
// the emulators `seedDemoData` seeds, then each resource is read back from its import id alone.
import { type AllEmulators, createAllEmulators, seedDemoData } from "../../emulator/all";
import { type EmulatorServer, createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { scaledClock } from "../../provider/clock";
import { type ResourceDefinition, bridge } from "../../provider/dynamic";
import { inputKeysOf } from "../../provider/inputs";
import { memoryLogger } from "../../provider/log";
import type { PluginProgram, ProgramResource, ProgramValue } from "../plugin/programs/types";

export type Provider = ReturnType<typeof bridge>;

export interface ImportHarness {
  all: AllEmulators;
  server: EmulatorServer;
  /** The kind's definition through the bridge, configured for the vendor's emulator. */
  provider(definition: ResourceDefinition<any, any>): Provider;
  stop(): Promise<void>;
}

/**
 * Every emulator, seeded as for the demo, on a clock `scale` times faster than real time (the
 * bridge waits on the same), with `vendor`'s served; `settings` is its stack config for a URL.
 */
export async function startImportHarness(vendor: keyof Omit<AllEmulators, "list">, settings: (url: string) => Record<string, string>, scale: number): Promise<ImportHarness> {
  const all = createAllEmulators({ clock: createEmulatorClock({ scale }) });
  seedDemoData(all);
  const server = await startEmulatorServer([all[vendor]]);
  const config = settings(server.urlFor(vendor));
  const clock = scaledClock(scale);
  return {
    all,
    server,
    provider: (definition) => bridge(definition, { settings: (key) => config[key], clock, logger: memoryLogger() }),
    stop: () => server.close(),
  };
}

/** A resource of the program as created: its id, its outputs, and the inputs `check` made of its properties. */
export interface Created {
  resource: ProgramResource;
  id: string;
  outputs: Record<string, any>;
  /** The properties with every reference resolved: what the engine sends to `check`. */
  properties: Record<string, unknown>;
}

/**
 * Creates the program's resources in order (each refers only to earlier ones), as the engine
 * does: references resolved, `check`, then `create`.
 */
export async function createProgram(program: PluginProgram, providerOf: (kind: string) => Provider): Promise<Map<string, Created>> {
  const created = new Map<string, Created>();
  for (const resource of program.resources) {
    const provider = providerOf(resource.kind);
    const properties = resolveReferences(resource.properties, created) as Record<string, unknown>;
    const { inputs, failures } = await provider.check({}, properties);
    if (failures.length > 0) throw new Error(`${resource.name}: check failed: ${JSON.stringify(failures)}`);
    const { id, outs } = await provider.create(inputs);
    created.set(resource.name, { resource, id, outputs: outs, properties });
  }
  return created;
}

/** `${name.output}` (Pulumi YAML) replaced by the output of the resource created as `name`; `${name.id}` by its id. */
export function resolveReferences(value: ProgramValue, created: Map<string, Created>): unknown {
  if (typeof value === "string") {
    const whole = /^\$\{([^.}]+)\.([^}]+)\}$/.exec(value);
    if (!whole) return value;
    const [, name, output] = whole;
    const target = created.get(name);
    if (!target) throw new Error(`\${${name}.${output}}: no resource ${name} was created before`);
    const resolved = output === "id" ? target.id : target.outputs[output];
    if (resolved === undefined || resolved === null) throw new Error(`\${${name}.${output}}: ${name} has no output ${output}`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, created));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, created)]));
  return value;
}

/**
 * `pulumi import` of a created resource from the import id its fixture gives: the id read back is
 * the one created; the inputs the import gives pass `check` (the CLI validates them); and the
 * program's properties, checked against them as the next preview does, differ from what the
 * import read in the fixture's writeOnly inputs only (no replacement). Returns the read.
 */
export async function expectImportMatchesProgram(provider: Provider, made: Created) {
  const importId = made.resource.importId!(made.id, made.outputs);
  const imported = await provider.read(importId, {});
  expect(imported.id).toBe(made.id);
  expect((await provider.check({}, imported.inputs!)).failures).toEqual([]);

  const { inputs: news, failures } = await provider.check(imported.inputs!, made.properties);
  expect(failures).toEqual([]);
  const writeOnly = made.resource.writeOnly ?? [];
  expect(await provider.diff(imported.id, imported.props, news)).toMatchObject({ changes: writeOnly.length > 0, replaces: [] });
  // With the writeOnly inputs set (as the first `up` after the import does), nothing else differs.
  const setByUp = Object.fromEntries(writeOnly.map((key) => [key, news[key]]));
  expect(await provider.diff(imported.id, { ...imported.props, ...setByUp }, news)).toMatchObject({ changes: false });
  return imported;
}

/** A malformed import id fails, naming the kind's format and example. */
export async function expectMalformedImportIdRefused(provider: Provider, definition: ResourceDefinition<any, any>, importId: string): Promise<void> {
  const error = await provider.read(importId, {}).then(
    () => undefined,
    (thrown: Error) => thrown,
  );
  expect(error?.message).toContain(`"${importId}" is not an import id of this kind`);
  expect(error?.message).toContain(`write it as ${definition.importId!.format}, e.g. ${definition.importId!.example}`);
}

/** The import id of an object that does not exist: gone (an empty id), as a refresh of a deleted one. */
export async function expectImportOfMissingIsGone(provider: Provider, importId: string): Promise<void> {
  expect(await provider.read(importId, {})).toEqual({ id: "", props: {} });
}

/** Every `${name.property}` in a value, as [name, property]. */
export function references(value: ProgramValue): [string, string][] {
  if (typeof value === "string") return [...value.matchAll(/\$\{([^.}]+)\.([^}]+)\}/g)].map((match) => [match[1], match[2]]);
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === "object") return Object.values(value).flatMap(references);
  return [];
}

/**
 * The tests that a fixture program is one the e2e suite can render and import: it is `vendor`'s and
 * has exactly `kinds`; names are unique; an import id exactly where the kind is importable;
 * properties and writeOnly name inputs of the kind (a writeOnly input the program sets); every
 * reference and dependsOn names an earlier resource, and a property that resource's kind has.
 */
export function describeProgramConsistency(program: PluginProgram, vendor: string, kinds: string[], definitionOf: (kind: string) => ResourceDefinition<any, any>): void {
  test("the program is the vendor's and has every kind of the set, and only those", () => {
    expect(program.vendor).toBe(vendor);
    expect([...new Set(program.resources.map((resource) => resource.kind))].sort()).toEqual([...kinds].sort());
  });

  test("resource names are unique", () => {
    const names = program.resources.map((resource) => resource.name);
    expect(new Set(names).size).toBe(names.length);
  });

  const each = program.resources.map((resource, index) => [resource.name, resource, index] as const);

  test.each(each)("%s: an import id exactly where its kind is importable", (_name, resource) => {
    const definition = definitionOf(resource.kind);
    if (definition.importId) {
      expect(resource.importId).toBeInstanceOf(Function);
    } else {
      expect(definition.notImportable).toEqual(expect.any(String));
      expect(resource.importId).toBeUndefined();
      expect(resource.writeOnly).toBeUndefined();
    }
  });

  test.each(each)("%s: properties and writeOnly name inputs of its kind", (_name, resource) => {
    const inputs = inputKeysOf(definitionOf(resource.kind).inputs);
    expect(Object.keys(resource.properties).filter((key) => !inputs.includes(key))).toEqual([]);
    for (const key of resource.writeOnly ?? []) {
      expect(inputs).toContain(key);
      // A write-only input the program does not set would never show as changed after an import.
      expect(resource.properties).toHaveProperty(key);
    }
  });

  test.each(each)("%s: references and dependsOn name earlier resources and properties they have", (_name, resource, index) => {
    const earlier = program.resources.slice(0, index);
    for (const [name, property] of references(resource.properties)) {
      const target = earlier.find((candidate) => candidate.name === name);
      expect(target).toBeDefined();
      const definition = definitionOf(target!.kind);
      expect(["id", ...inputKeysOf(definition.inputs), ...Object.keys(definition.state.shape)]).toContain(property);
    }
    for (const name of resource.dependsOn ?? []) expect(earlier.map((candidate) => candidate.name)).toContain(name);
  });
}
