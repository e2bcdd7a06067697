// The fixture program of the ZoneID service kinds (test/plugin/programs/zoneid-b.ts) is one the
// e2e suite can render and import: every kind of the set appears, import ids exactly where the
// kind is importable, writeOnly only naming inputs, and every reference names an earlier resource
// and a property that resource has.
import { ResourceDefinition } from "../../provider/dynamic";
import { inputKeysOf } from "../../provider/inputs";
import { definitions } from "../../resources/zoneid/definitions";
import { program } from "../plugin/programs/zoneid-b";
import type { ProgramValue } from "../plugin/programs/types";

const KINDS = [
  "zoneid:Dkim",
  "zoneid:SslCertificate",
  "zoneid:FtpUser",
  "zoneid:FtpAllowlistEntry",
  "zoneid:CloudServer",
  "zoneid:DomainNameserver",
  "zoneid:DomainContact",
  "zoneid:DomainSettings",
  "zoneid:Pm2Process",
  "zoneid:PortForward",
  "zoneid:DedicatedIp",
  "zoneid:Redis",
  "zoneid:AdditionalPackage",
  "zoneid:DomainRenewal",
];

const definitionOf = (kind: string): ResourceDefinition<any, any> => definitions[kind]();

/** Every `${name.property}` in a value, as [name, property]. */
function references(value: ProgramValue): [string, string][] {
  if (typeof value === "string") return [...value.matchAll(/\$\{([^.}]+)\.([^}]+)\}/g)].map((match) => [match[1], match[2]]);
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === "object") return Object.values(value).flatMap(references);
  return [];
}

test("the program is ZoneID's and has every kind of the set, and only those", () => {
  expect(program.vendor).toBe("zoneid");
  expect([...new Set(program.resources.map((resource) => resource.kind))].sort()).toEqual([...KINDS].sort());
});

test("resource names are unique", () => {
  const names = program.resources.map((resource) => resource.name);
  expect(new Set(names).size).toBe(names.length);
});

test.each(program.resources.map((resource) => [resource.name, resource] as const))("%s: an import id exactly where its kind is importable", (_name, resource) => {
  const definition = definitionOf(resource.kind);
  if (definition.importId) {
    expect(resource.importId).toBeInstanceOf(Function);
  } else {
    expect(definition.notImportable).toEqual(expect.any(String));
    expect(resource.importId).toBeUndefined();
    expect(resource.writeOnly).toBeUndefined();
  }
});

test.each(program.resources.map((resource) => [resource.name, resource] as const))("%s: properties and writeOnly name inputs of its kind", (_name, resource) => {
  const inputs = inputKeysOf(definitionOf(resource.kind).inputs);
  expect(Object.keys(resource.properties).filter((key) => !inputs.includes(key))).toEqual([]);
  for (const key of resource.writeOnly ?? []) {
    expect(inputs).toContain(key);
    // A write-only input the program does not set would never show as changed after an import.
    expect(resource.properties).toHaveProperty(key);
  }
});

test.each(program.resources.map((resource, index) => [resource.name, resource, index] as const))(
  "%s: references and dependsOn name earlier resources and properties they have",
  (_name, resource, index) => {
    const earlier = program.resources.slice(0, index);
    for (const [name, property] of references(resource.properties)) {
      const target = earlier.find((candidate) => candidate.name === name);
      expect(target).toBeDefined();
      const definition = definitionOf(target!.kind);
      const properties = ["id", ...inputKeysOf(definition.inputs), ...Object.keys(definition.state.shape)];
      expect(properties).toContain(property);
    }
    for (const name of resource.dependsOn ?? []) expect(earlier.map((candidate) => candidate.name)).toContain(name);
  },
);

test("the program references another resource at least once (the check above is not vacuous)", () => {
  expect(program.resources.flatMap((resource) => references(resource.properties))).toContainEqual(["dedicatedIp", "ipv4"]);
});
