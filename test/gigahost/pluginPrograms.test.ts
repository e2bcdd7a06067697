// The provider plugin's fixture programs of Gigahost and Terrahost (test/plugin/programs/), which
// the e2e suite runs through the real Pulumi CLI: consistent with the definitions, and runnable
// against the emulators `seedDemoData` seeds (up in order, then every import id, then destroy),
// here through the bridge in this process.
import { ResourceDefinition } from "../../provider/dynamic";
import { createAllEmulators, emulatorStackConfig, seedDemoData } from "../../emulator/all";
import { definitions as gigahostKinds } from "../../resources/gigahost/definitions";
import { definitions as terrahostKinds } from "../../resources/terrahost/definitions";
import { program as gigahostProgram } from "../plugin/programs/gigahost";
import { program as terrahostProgram } from "../plugin/programs/terrahost";
import type { PluginProgram, ProgramValue } from "../plugin/programs/types";
import { BridgeEmulators, startBridgeEmulators } from "../support/bridgeEmulators";

const programs: [vendor: string, program: PluginProgram, kinds: Record<string, () => ResourceDefinition<any, any>>][] = [
  ["gigahost", gigahostProgram, gigahostKinds],
  ["terrahost", terrahostProgram, terrahostKinds],
];

/** A whole-string reference, `${name.output}` or `${name.output[0].field}`: the resource name and the path after it. */
const REFERENCE = /^\$\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/;

/** Every `${…}` in a value, as written. */
function referencesIn(value: ProgramValue): string[] {
  if (typeof value === "string") return value.match(/\$\{[^}]*\}/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

describe.each(programs)("the %s program", (vendor, program, kinds) => {
  test("is the vendor's and holds every kind of it, with an import id exactly where the kind is importable", () => {
    expect(program.vendor).toBe(vendor);
    expect(program.resources.every((resource) => resource.kind.startsWith(`${vendor}:`))).toBe(true);
    expect([...new Set(program.resources.map((resource) => resource.kind))].sort()).toEqual(Object.keys(kinds).sort());
    for (const resource of program.resources) {
      const definition = kinds[resource.kind]();
      expect([resource.name, typeof resource.importId]).toEqual([resource.name, definition.importId ? "function" : "undefined"]);
      for (const key of resource.writeOnly ?? []) expect([resource.name, Object.keys(resource.properties)]).toEqual([resource.name, expect.arrayContaining([key])]);
    }
  });

  test("names are unique; references and dependsOn name resources declared before", () => {
    const names = program.resources.map((resource) => resource.name);
    expect(new Set(names).size).toBe(names.length);
    program.resources.forEach((resource, index) => {
      const earlier = names.slice(0, index);
      for (const reference of referencesIn(resource.properties)) {
        const match = REFERENCE.exec(reference);
        expect([resource.name, reference, match !== null && earlier.includes(match[1])]).toEqual([resource.name, reference, true]);
      }
      for (const name of resource.dependsOn ?? []) expect([resource.name, name, earlier.includes(name)]).toEqual([resource.name, name, true]);
    });
  });
});

describe("the programs run against seedDemoData: up, import of every importable resource, destroy", () => {
  let fixture: BridgeEmulators;
  beforeAll(async () => {
    fixture = await startBridgeEmulators(
      (clock) => {
        const all = createAllEmulators({ clock });
        seedDemoData(all);
        return all.list;
      },
      (server) => emulatorStackConfig((vendor) => server.urlFor(vendor)),
      { ...gigahostKinds, ...terrahostKinds },
    );
  });
  afterAll(() => fixture.server.close());

  test.each(programs)("%s", async (_vendor, program) => {
    const made = new Map<string, { id: string; outs: Record<string, any> }>();
    const resolve = (value: ProgramValue): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
      const match = typeof value === "string" ? REFERENCE.exec(value) : null;
      if (!match) return value;
      const { id, outs } = made.get(match[1])!;
      const path = match[2].match(/[A-Za-z0-9_]+/g) ?? [];
      return path[0] === "id" ? id : path.reduce<any>((item, key) => item[key], outs);
    };
    const inputs = (properties: Record<string, ProgramValue>) => resolve(properties) as Record<string, unknown>;

    for (const resource of program.resources) made.set(resource.name, await fixture.created(resource.kind, inputs(resource.properties)));
    for (const resource of program.resources) {
      if (!resource.importId) continue;
      const { id, outs } = made.get(resource.name)!;
      await fixture.expectImport(resource.kind, resource.importId(id, outs), id, inputs(resource.properties), resource.writeOnly);
    }
    for (const resource of [...program.resources].reverse()) {
      const { id, outs } = made.get(resource.name)!;
      await fixture.provider(resource.kind).delete(id, outs);
    }
  });
});
