import { createAllEmulators, seedDemoData } from "../../emulator/all";
import { createEmulatorClock } from "../../emulator/core";
import { startEmulatorServer } from "../../emulator/server";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME } from "../../emulator/zoneid";
import { scaledClock } from "../../provider/clock";
import { ResourceDefinition, bridge } from "../../provider/dynamic";
import { CREATION_TAG_INPUT, creationTagOf } from "../../provider/identity";
import { inputKeysOf } from "../../provider/inputs";
import { memoryLogger } from "../../provider/log";
import { definitions } from "../../resources/zoneid/definitions";
import { program } from "../plugin/programs/zoneid-a";
import { ProgramValue } from "../plugin/programs/types";

/**
 * The fixture program test/plugin/programs/zoneid-a.ts, which the plugin's
 * e2e suite renders into Pulumi YAML: it covers its kinds, its references
 * name resources and outputs that exist, its import ids are declared where
 * the kinds are importable, and its objects can be made in the emulator
 * seeded by `seedDemoData`, imported back from those import ids, and
 * destroyed.
 */

const KINDS = [
  "zoneid:DnsZone",
  "zoneid:DnsRecord",
  "zoneid:DnsZoneRecords",
  "zoneid:MailAccount",
  "zoneid:MailForwarder",
  "zoneid:MailAutoreply",
  "zoneid:MailPremium",
  "zoneid:MysqlDatabase",
  "zoneid:MysqlUser",
  "zoneid:Crontab",
  "zoneid:SshKey",
  "zoneid:SshAllowlistEntry",
  "zoneid:SshSettings",
];

const REFERENCE = /\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}/g;

const definitionOf = (kind: string): ResourceDefinition<any, any, any> => definitions[kind]();

function referencesIn(value: ProgramValue): { name: string; output: string }[] {
  if (typeof value === "string") return [...value.matchAll(REFERENCE)].map(([, name, output]) => ({ name, output }));
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

/** The value with each `${name.output}` replaced from the outputs of the resources made before. */
function resolved(value: ProgramValue, made: Map<string, { id: string; outs: Record<string, any> }>): unknown {
  if (typeof value === "string") {
    const whole = /^\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/.exec(value);
    const valueOf = (name: string, output: string) => (output === "id" ? made.get(name)!.id : made.get(name)!.outs[output]);
    if (whole) return valueOf(whole[1], whole[2]);
    return value.replace(REFERENCE, (_text, name: string, output: string) => String(valueOf(name, output)));
  }
  if (Array.isArray(value)) return value.map((item) => resolved(item, made));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolved(item, made)]));
  return value;
}

describe("the zoneid-a fixture program", () => {
  test("covers every kind of its set, each declared once by name, as the vendor's", () => {
    expect(program.vendor).toBe("zoneid");
    expect([...new Set(program.resources.map((resource) => resource.kind))].sort()).toEqual([...KINDS].sort());
    const names = program.resources.map((resource) => resource.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test("references and dependsOn name resources declared before, and outputs their kinds have", () => {
    const before = new Set<string>();
    for (const resource of program.resources) {
      for (const { name, output } of referencesIn(resource.properties)) {
        expect({ in: resource.name, references: name, declared: before.has(name) }).toEqual({ in: resource.name, references: name, declared: true });
        const target = program.resources.find((candidate) => candidate.name === name)!;
        const definition = definitionOf(target.kind);
        const outputs = ["id", ...Object.keys(definition.state.shape), ...inputKeysOf(definition.inputs)];
        expect({ in: resource.name, output: `${name}.${output}`, known: outputs.includes(output) }).toEqual({ in: resource.name, output: `${name}.${output}`, known: true });
      }
      for (const name of resource.dependsOn ?? []) expect({ in: resource.name, dependsOn: name, declared: before.has(name) }).toEqual({ in: resource.name, dependsOn: name, declared: true });
      before.add(resource.name);
    }
  });

  test("import ids exactly where the kind is importable; writeOnly only secret inputs the program sets", () => {
    for (const resource of program.resources) {
      const definition = definitionOf(resource.kind);
      expect({ name: resource.name, hasImportId: typeof resource.importId === "function" }).toEqual({ name: resource.name, hasImportId: definition.importId !== undefined });
      expect(definition.importId === undefined).toBe(definition.notImportable !== undefined);
      for (const input of resource.writeOnly ?? []) {
        expect({ name: resource.name, input, secret: (definition.secretProperties ?? []).includes(input), set: input in resource.properties }).toEqual({
          name: resource.name,
          input,
          secret: true,
          set: true,
        });
      }
    }
    // Every secret input the program sets is write-only at ZoneID (the API never answers passwords).
    for (const resource of program.resources) {
      const secrets = (definitionOf(resource.kind).secretProperties ?? []).filter((key) => key in resource.properties);
      expect({ name: resource.name, writeOnly: resource.writeOnly ?? [] }).toEqual({ name: resource.name, writeOnly: secrets });
    }
  });

  test("its objects are made in the seeded emulator, imported back from their import ids, and destroyed", async () => {
    const scale = 60;
    const all = createAllEmulators({ clock: createEmulatorClock({ scale }) });
    seedDemoData(all);
    const server = await startEmulatorServer([all.zoneid]);
    try {
      const config: Record<string, string> = { "zoneid:apiUrl": server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY };
      const options = { settings: (key: string) => config[key], clock: scaledClock(scale), logger: memoryLogger() };
      const made = new Map<string, { id: string; outs: Record<string, any> }>();
      for (const resource of program.resources) {
        const provider = bridge(definitionOf(resource.kind), options);
        const { inputs, failures } = await provider.check({}, resolved(resource.properties, made) as Record<string, unknown>);
        expect({ name: resource.name, failures }).toEqual({ name: resource.name, failures: [] });
        const { id, outs } = await provider.create({ ...inputs, [CREATION_TAG_INPUT]: creationTagOf("plugin-e2e", "zoneid-a", resource.kind, resource.name) });
        made.set(resource.name, { id, outs });

        const imported = await provider.read(resource.importId!(id, outs), {});
        expect({ name: resource.name, id: imported.id }).toEqual({ name: resource.name, id });
        const writeOnly = resource.writeOnly ?? [];
        const olds = { ...imported.props, ...imported.inputs };
        expect({ name: resource.name, diff: await provider.diff(id, olds, inputs) }).toMatchObject({ name: resource.name, diff: { changes: writeOnly.length > 0, replaces: [] } });
        const withWriteOnly = { ...olds, ...Object.fromEntries(writeOnly.map((input) => [input, inputs[input]])) };
        expect({ name: resource.name, diff: await provider.diff(id, withWriteOnly, inputs) }).toMatchObject({ name: resource.name, diff: { changes: false } });
      }

      for (const resource of [...program.resources].reverse()) {
        const { id, outs } = made.get(resource.name)!;
        await bridge(definitionOf(resource.kind), options).delete(id, outs);
      }
      // Only ZoneID's system records are left in the zones, and nothing in the hosting collections.
      expect(all.zoneid.records("example-shop.ee").filter((record) => record.delete)).toEqual([]);
      expect(all.zoneid.records("example-shop.eu").filter((record) => record.delete)).toEqual([]);
      for (const collection of ["mail/account", "mail/forwarder", "database/mysql", "database/mysql/account", "crontab", "ssh/publickey", "ssh/whitelist"]) {
        expect({ collection, items: all.zoneid.hostingItems("example-shop.ee", collection) }).toEqual({ collection, items: [] });
      }
    } finally {
      await server.close();
    }
  });
});
