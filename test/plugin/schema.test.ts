// The provider plugin's Pulumi package schema, dist/schema.json (scripts/plugin-schema.js, run by
// `npm run build`), against the kinds' zod schemas and definitions, and against Pulumi's own
// metaschema.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { z } from "zod";
import type { ResourceDefinition } from "../../provider/dynamic";
import { inputKeysOf } from "../../provider/inputs";
import { PACKAGE, typeToken } from "../../provider/plugin/names";
import { SECRET_KEYS, environmentName } from "../../provider/settings";
import { vendorRegistries } from "../../resources/vendors";

const REPO = path.resolve(__dirname, "../..");
const SCHEMA_FILE = path.join(REPO, "dist", "schema.json");
if (!fs.existsSync(SCHEMA_FILE)) throw new Error(`${SCHEMA_FILE} is missing: run npm run build first`);
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
const { importSection } = require("../../scripts/plugin-schema.js") as {
  importSection(token: string, definition: Partial<ResourceDefinition<any, any>>): string;
};

interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
  oneOf?: Property[];
  description?: string;
  secret?: boolean;
  willReplaceOnChanges?: boolean;
}
interface Resource {
  description: string;
  inputProperties: Record<string, Property>;
  requiredInputs?: string[];
  properties: Record<string, Property>;
  required?: string[];
}

const kinds = Object.entries(vendorRegistries).flatMap(([vendor, registry]) =>
  Object.entries(registry().definitions).map(([kind, load]) => ({ vendor, kind, definition: load(), resource: schema.resources[typeToken(kind)] as Resource })),
);

/** zod's own JSON Schema of a kind's inputs or state: an oracle apart from the schema's generator. */
const jsonSchemaOf = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" }) as { properties: Record<string, any>; required?: string[] };
const acceptsNull = (json: any): boolean =>
  json.type === "null" || (Array.isArray(json.type) && json.type.includes("null")) || (json.anyOf ?? []).some(acceptsNull);

test("55 kinds, each a resource keyed euro-hosting:<vendor>:<Resource>, and no other resource", () => {
  expect(kinds).toHaveLength(55);
  expect(Object.keys(schema.resources).sort()).toEqual(kinds.map(({ kind }) => typeToken(kind)).sort());
  for (const { resource } of kinds) expect(resource).toBeDefined();
});

test("name, version and language sections", () => {
  const packageJson = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  expect(schema.name).toBe(PACKAGE);
  expect(schema.version).toBe(packageJson.version);
  expect(schema.language.nodejs.packageName).toBe("@pulumi-euro-hosting/sdk");
  expect(schema.language.python.packageName).toBe("pulumi_euro_hosting");
  expect(schema.language.go).toMatchObject({
    importBasePath: "github.com/pulumi-euro-hosting/pulumi-euro-hosting/sdk/go/eurohosting",
    rootPackageName: "eurohosting",
  });
  expect(schema.language.csharp).toEqual({
    rootNamespace: "Pulumi",
    namespaces: { "euro-hosting": "EuroHosting", gigahost: "Gigahost", terrahost: "Terrahost", zoneid: "ZoneId", gigas: "Gigas", gandi: "Gandi" },
  });
});

test("every input of every kind's zod schema is an input property, and nothing else is", () => {
  for (const { kind, definition, resource } of kinds) {
    expect([kind, Object.keys(resource.inputProperties)]).toEqual([kind, inputKeysOf(definition.inputs)]);
  }
});

test("required inputs are those zod's own JSON Schema of the inputs requires", () => {
  for (const { kind, definition, resource } of kinds) {
    const json = jsonSchemaOf(definition.inputs, "input");
    expect([kind, [...(resource.requiredInputs ?? [])].sort()]).toEqual([kind, [...(json.required ?? [])].sort()]);
  }
  expect(schema.resources["euro-hosting:gigahost:DnsRecord"].requiredInputs).toEqual(["zoneId", "type", "value"]);
});

test("outputs are the inputs and the state; required are the state's non-null properties and the inputs always stored", () => {
  for (const { kind, definition, resource } of kinds) {
    const state = jsonSchemaOf(definition.state, "output");
    const stateKeys = Object.keys(definition.state.shape);
    expect([kind, Object.keys(resource.properties).sort()]).toEqual([kind, [...new Set([...inputKeysOf(definition.inputs), ...stateKeys])].sort()]);
    const requiredState = (state.required ?? []).filter((key) => !acceptsNull(state.properties[key]));
    for (const key of stateKeys) expect([kind, key, resource.required?.includes(key) ?? false]).toEqual([kind, key, requiredState.includes(key)]);
  }
  // A defaulted input is always stored; an optional one may be absent.
  const record = schema.resources["euro-hosting:gigahost:DnsRecord"] as Resource;
  expect(record.required).toEqual(expect.arrayContaining(["adopt", "ttl", "name", "recordId"]));
  expect(record.required).not.toContain("priority");
  expect(record.required).not.toContain("timeouts");
  // Null after a refresh that finds none: not always set.
  expect(schema.resources["euro-hosting:gigahost:DnsZone"].required).not.toContain("recordCount");
});

test("primitive types agree with zod's JSON Schema", () => {
  const pulumiType = (json: any): string | undefined => {
    const types = (Array.isArray(json.type) ? json.type : [json.type]).filter((type: string) => type !== "null");
    return types.length === 1 && ["string", "boolean", "number", "integer", "array"].includes(types[0]) ? types[0] : undefined;
  };
  let compared = 0;
  for (const { kind, definition, resource } of kinds) {
    const json = jsonSchemaOf(definition.inputs, "input");
    for (const [key, property] of Object.entries(resource.inputProperties)) {
      const expected = pulumiType(json.properties[key] ?? {});
      if (expected === undefined) continue;
      expect([kind, key, property.type]).toEqual([kind, key, expected]);
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThan(250);
});

test("secret properties are marked secret, as inputs and as outputs, and no other property is", () => {
  for (const { kind, definition, resource } of kinds) {
    const secrets = definition.secretProperties ?? [];
    for (const properties of [resource.inputProperties, resource.properties]) {
      const marked = Object.keys(properties).filter((key) => properties[key].secret);
      expect([kind, marked.sort()]).toEqual([kind, secrets.filter((key) => key in properties).sort()]);
    }
    for (const key of secrets) expect([kind, key, resource.properties[key]?.secret]).toEqual([kind, key, true]);
  }
  expect(schema.resources["euro-hosting:zoneid:MailAccount"].inputProperties.password.secret).toBe(true);
  expect(schema.resources["euro-hosting:gigahost:Server"].properties.rootPassword.secret).toBe(true);
});

test("inputs whose change replaces the object say so (willReplaceOnChanges)", () => {
  for (const { kind, definition, resource } of kinds) {
    const marked = Object.keys(resource.inputProperties).filter((key) => resource.inputProperties[key].willReplaceOnChanges);
    expect([kind, marked.sort()]).toEqual([kind, [...definition.replaceOnChanges].sort()]);
  }
});

test("every resource, input and output has a description, from the doc comments TypeScript users see", () => {
  const missing: string[] = [];
  for (const { kind, resource } of kinds) {
    if (!resource.description?.trim()) missing.push(kind);
    for (const side of ["inputProperties", "properties"] as const) {
      for (const [key, property] of Object.entries(resource[side])) if (!property.description?.trim()) missing.push(`${kind} ${side}.${key}`);
    }
  }
  expect(missing).toEqual([]);
  const record = schema.resources["euro-hosting:gigahost:DnsRecord"] as Resource;
  expect(record.description).toMatch(/^One DNS record in a Gigahost zone\./);
  expect(record.inputProperties.zoneId.description).toMatch(/^The zone the record belongs in: a `DnsZone`'s/);
  expect(record.properties.recordId.description).toMatch(/^The vendor's current record id\./);
  // The zone's records as a derived input no args interface declares: zod's description.
  expect(schema.resources["euro-hosting:gigahost:DnsZoneRecords"].inputProperties.recordSets.description).toMatch(/^Set by the provider from `records`/);
  // Object types named after the interface TypeScript users see, with its doc comment.
  expect(schema.types["euro-hosting:gigahost:Timeouts"].description).toMatch(/^Deadlines, each for one whole operation/);
  expect(schema.types["euro-hosting:gigahost:Timeouts"].properties.create.description).toBe("The whole create, e.g. `\"30m\"`.");
});

test("each description ends with how to import the kind, when its definition says", () => {
  for (const { kind, definition, resource } of kinds) {
    const section = importSection(typeToken(kind), definition);
    if (section === "") expect([kind, resource.description]).not.toEqual([kind, expect.stringContaining("## Import")]);
    else expect([kind, resource.description.endsWith(`\n\n${section}`)]).toEqual([kind, true]);
  }
  expect(importSection("euro-hosting:zoneid:DnsRecord", { importId: { format: "zone/recordId", example: "example.com/123", parse: () => ({ id: "", state: {} }) } })).toBe(
    "## Import\n\nAn existing object is imported with its import id, `zone/recordId`:\n\n```sh\n$ pulumi import euro-hosting:zoneid:DnsRecord example example.com/123\n```\n",
  );
  expect(importSection("euro-hosting:gigas:BackupRestore", { notImportable: "it restores a backup once." })).toBe(
    "## Import\n\nThis resource cannot be imported: it restores a backup once.\n",
  );
  expect(importSection("euro-hosting:gigas:Disk", {})).toBe("");
});

test("every type a property refers to exists, and every type is referred to", () => {
  const references = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "$ref" && typeof inner === "string") references.add(inner);
        else visit(inner);
      }
    }
  };
  visit({ resources: schema.resources, provider: schema.provider, config: schema.config, types: schema.types });
  const local = [...references].filter((ref) => ref.startsWith("#/types/")).map((ref) => ref.slice("#/types/".length));
  expect(local.filter((token) => !(token in schema.types))).toEqual([]);
  expect(Object.keys(schema.types).filter((token) => !local.includes(token))).toEqual([]);
  expect([...references].filter((ref) => !ref.startsWith("#/types/"))).toEqual(["pulumi.json#/Any"]);
  for (const token of Object.keys(schema.types)) expect(token).toMatch(/^euro-hosting:(gigahost|terrahost|zoneid|gigas|gandi):[A-Z][A-Za-z0-9]*$/);
});

test("provider config: one object per vendor with its settings keys, credentials secret", () => {
  const vendors = Object.keys(vendorRegistries);
  expect(Object.keys(schema.config.variables)).toEqual(vendors);
  expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  for (const vendor of vendors) {
    const variable = schema.config.variables[vendor];
    expect(variable.secret).toBe(true);
    const type = schema.types[variable.$ref.slice("#/types/".length)];
    const keys = vendorRegistries[vendor]().settingsKeys;
    expect(Object.keys(type.properties)).toEqual([...keys]);
    for (const key of keys) {
      expect([vendor, key, type.properties[key].secret ?? false]).toEqual([vendor, key, SECRET_KEYS.includes(key)]);
      expect(type.properties[key].description).toContain(environmentName(vendor, key));
    }
  }
  expect(schema.types["euro-hosting:gigas:Settings"].properties.totpSecret.secret).toBe(true);
  expect(schema.types["euro-hosting:gandi:Settings"].properties.personalAccessToken.secret).toBe(true);
  expect(schema.types["euro-hosting:zoneid:Settings"].properties.username.secret).toBeUndefined();
});

test("SECRET_KEYS holds every settings key named like a credential", () => {
  const keys = new Set(Object.values(vendorRegistries).flatMap((registry) => registry().settingsKeys));
  expect(keys.size).toBeGreaterThan(5);
  for (const key of keys) expect([key, SECRET_KEYS.includes(key)]).toEqual([key, /password|key|token|secret|totp/i.test(key)]);
});

/**
 * Pulumi's metaschema of package schemas, from the Go module of the CLI the end-to-end tests build
 * (scripts/pulumi-cli.sh): found in the module cache, or downloaded there from the module proxy.
 */
function pulumiMetaschema(): object {
  const version = process.env.PULUMI_CLI_VERSION ?? /version="\$\{PULUMI_CLI_VERSION:-(v[\d.]+)\}"/.exec(fs.readFileSync(path.join(REPO, "scripts", "pulumi-cli.sh"), "utf8"))?.[1];
  if (!version) throw new Error("no Pulumi CLI version in scripts/pulumi-cli.sh");
  const module = `github.com/pulumi/pulumi/pkg/v3@${version}`;
  let directory: string;
  try {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "metaschema-"));
    const download = execFileSync("go", ["mod", "download", "-json", module], { cwd: empty, encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } });
    fs.rmSync(empty, { recursive: true, force: true });
    directory = JSON.parse(download).Dir;
  } catch (error) {
    throw new Error(`Pulumi's metaschema comes from the Go module ${module} (go mod download): ${(error as Error).message}`);
  }
  return JSON.parse(fs.readFileSync(path.join(directory, "codegen", "schema", "pulumi.json"), "utf8"));
}

test("Pulumi's own metaschema accepts the schema, and refuses a broken one", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(pulumiMetaschema());
  expect([validate(schema), validate.errors]).toEqual([true, null]);
  const broken = structuredClone(schema);
  broken.resources["euro-hosting:gigahost:DnsRecord"].inputProperties.ttl = { type: "duration" };
  expect(validate(broken)).toBe(false);
});
