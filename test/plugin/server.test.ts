// The provider plugin's gRPC server, in this process, called by a real gRPC
// client with the requests the engine sends, against the emulators.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { DEFAULT_GIGAS_API_KEY, GigasEmulator } from "../../emulator/gigas";
import { definitionFor } from "../../provider/dispatch";
import { ResourceDefinition, importByResourceId } from "../../provider/dynamic";
import { creationTagOf } from "../../provider/identity";
import { UNKNOWN } from "../../provider/inputs";
import { RunningServer, serve } from "../../provider/plugin/server";
import { fakeClock } from "../support/fakeClock";
import { FakeEngine, startFakeEngine } from "./fakeEngine";
import { PluginCallError, PluginClient, Props, secretValue } from "./pluginClient";

const PROJECT = "plugin-test";
const STACK = "dev";
const urnOf = (type: string, name: string, parentTypes = "") => `urn:pulumi:${STACK}::${PROJECT}::${parentTypes ? `${parentTypes}$` : ""}${type}::${name}`;
const ZONE = "euro-hosting:gigahost:DnsZone";
const RECORD = "euro-hosting:gigahost:DnsRecord";
const TEMPLATE = "euro-hosting:gigas:Template";
const THING = "euro-hosting:test:Thing";

/**
 * A kind whose state holds the vendor's form of an input (its name in lower
 * case) and never its write-only `password`: what old outputs and old
 * inputs disagree on after an import or a refresh.
 */
const thingDefinition: ResourceDefinition<any, any> = {
  kind: "test:Thing",
  inputs: z.object({ name: z.string(), password: z.string().optional(), size: z.number().default(1) }).strict(),
  state: z.object({ name: z.string(), thingId: z.string() }),
  replaceOnChanges: ["name"],
  secretProperties: ["password"],
  create: async () => ({ id: "thing-1", state: { thingId: "thing-1" } }),
  read: async () => ({}),
  update: async () => ({}),
  delete: async () => undefined,
};

/**
 * gigahost:DnsZone with an import id: its own once it declares one, else its
 * zone id (what its read takes), so that import reads can be driven here.
 */
function zoneWithImportId(): ResourceDefinition<any, any> {
  const zone = definitionFor("gigahost:DnsZone")!();
  return { ...zone, importId: zone.importId ?? importByResourceId("zoneId", "81") };
}

let emulators: EmulatorServer;
let gigahost: GigahostEmulator;
let gigas: GigasEmulator;
let engine: FakeEngine;
let plugin: RunningServer;
let client: PluginClient;
let schemaDirectory: string;

beforeAll(async () => {
  gigahost = new GigahostEmulator({ zoneWriteMs: 10 });
  gigas = new GigasEmulator();
  emulators = await startEmulatorServer([gigahost, gigas]);
  engine = await startFakeEngine();
  schemaDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-schema-"));
  plugin = await serve({
    engineAddress: engine.address,
    schemaPath: path.join(schemaDirectory, "schema.json"),
    // Operations wait on virtual time: a wait for a held vendor job ends at its deadline at once.
    clock: fakeClock(),
    definitionFor: (kind) => (kind === "test:Thing" ? thingDefinition : kind === "gigahost:DnsZone" ? zoneWithImportId() : definitionFor(kind)?.()),
  });
  client = new PluginClient(plugin.port);
  await client.configure({
    gigahost: { apiUrl: emulators.urlFor("gigahost"), apiKey: secretValue(DEFAULT_GIGAHOST_API_KEY) },
    gigas: secretValue(JSON.stringify({ apiUrl: emulators.urlFor("gigas"), apiKey: DEFAULT_GIGAS_API_KEY })),
    version: "0.2.0",
  });
});

afterAll(async () => {
  client?.close();
  await plugin?.shutdown();
  await engine?.close();
  await emulators?.close();
  if (schemaDirectory) fs.rmSync(schemaDirectory, { recursive: true, force: true });
});

/** Check as the engine runs it before a create: the program's inputs against no old ones. */
async function checked(urn: string, news: Props): Promise<Props> {
  const { inputs, failures } = await client.check(urn, {}, news);
  expect(failures).toEqual([]);
  return inputs;
}

describe("plugin information and schema", () => {
  test("GetPluginInfo reports the package's version", async () => {
    expect(await client.getPluginInfo()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version);
  });

  test("GetSchema returns the schema file as it is; a missing one says to run npm run build; other schema versions are refused", async () => {
    const schemaPath = path.join(schemaDirectory, "schema.json");
    fs.rmSync(schemaPath, { force: true });
    await expect(client.getSchema()).rejects.toThrow(/schema.json is missing: run `npm run build`/);
    const schema = JSON.stringify({ name: "euro-hosting", version: "0.2.0", resources: {} });
    fs.writeFileSync(schemaPath, schema);
    expect(await client.getSchema()).toBe(schema);
    await expect(client.getSchema(1)).rejects.toThrow(/unsupported schema version 1/);
  });
});

describe("configuration", () => {
  test("CheckConfig takes one object per vendor (or its JSON text), the engine's version, and unknown values in a preview", async () => {
    const config = {
      gigahost: { apiUrl: "https://api.gigahost.no/api/v0", apiKey: "k-1234567" },
      zoneid: JSON.stringify({ username: "me", apiKey: "z-1234567" }),
      gandi: UNKNOWN,
      gigas: { apiKey: UNKNOWN },
      version: "0.2.0",
    };
    const { inputs, failures } = await client.checkConfig(config);
    expect(failures).toEqual([]);
    expect(inputs).toEqual(config);
  });

  test("CheckConfig refuses unknown vendors and unknown settings, naming the key and what is allowed, never a value", async () => {
    const { failures } = await client.checkConfig({
      gigahots: { apiKey: "typo-vendor-value-1" },
      gigahost: { apiKy: "typo-setting-value-2", apiUrl: "https://api.gigahost.no/api/v0", username: { nested: "no" } },
      zoneid: "not-json-value-3",
    });
    // In the order of the keys (a Struct's keys arrive sorted).
    expect(failures).toEqual([
      { property: "gigahost.apiKy", reason: 'euro-hosting:gigahost has no setting "apiKy"; its settings are apiKey, username, password, totpSecret, apiUrl' },
      { property: "gigahost.username", reason: "must be a string" },
      {
        property: "gigahots",
        reason:
          "euro-hosting:gigahots is not a configuration key of euro-hosting: its configuration is one object per vendor, " +
          "euro-hosting:gigahost, euro-hosting:terrahost, euro-hosting:zoneid, euro-hosting:gigas, euro-hosting:gandi",
      },
      { property: "zoneid", reason: expect.stringContaining("must be an object of zoneid's settings") },
    ]);
    expect(JSON.stringify(failures)).not.toMatch(/-value-/);
  });

  test("Configure accepts secrets and resources and supports previews; an invalid configuration fails, naming the key", async () => {
    const other = await serve();
    const otherClient = new PluginClient(other.port);
    try {
      expect(await otherClient.configure({ gigahost: { apiKey: secretValue("k-1234567") } })).toEqual({ acceptSecrets: true, supportsPreview: true, acceptResources: true });
      await expect(otherClient.configure({ gigahost: { apiKy: secretValue("k-7654321") } })).rejects.toThrow(
        /invalid euro-hosting configuration: gigahost\.apiKy: euro-hosting:gigahost has no setting "apiKy"/,
      );
      // An engine that sends only the deprecated variables map is read the same way.
      await expect(otherClient.configureWithVariables({ "euro-hosting:config:zoneid": '{"apiKy":"z-7654321"}' })).rejects.toThrow(
        /zoneid\.apiKy: euro-hosting:zoneid has no setting "apiKy"/,
      );
      await otherClient.configureWithVariables({ "euro-hosting:config:zoneid": '{"apiKey":"z-7654321"}' });
    } finally {
      otherClient.close();
      await other.shutdown();
    }
  });

  test("DiffConfig names the vendors whose settings changed (object or JSON text alike) and never replaces the provider", async () => {
    const olds = { gigahost: { apiKey: "a-1234567", apiUrl: "https://x" }, zoneid: { apiKey: "z-1234567" }, version: "0.2.0" };
    expect(await client.diffConfig(olds, { ...olds, gigahost: JSON.stringify({ apiUrl: "https://x", apiKey: "a-1234567" }) })).toEqual({ changes: "none", diffs: [], replaces: [] });
    expect(await client.diffConfig(olds, { ...olds, zoneid: { apiKey: "z-7654321" } })).toEqual({ changes: "some", diffs: ["zoneid"], replaces: [] });
  });
});

describe("check", () => {
  test("validates and normalizes, naming each failing property", async () => {
    const urn = urnOf(RECORD, "www");
    const { failures } = await client.check(urn, {}, { zoneId: "abc", type: "A", value: "192.0.2.1", ttl: 5 });
    expect(failures).toEqual([
      { property: "zoneId", reason: expect.stringContaining("must be a Gigahost zone id") },
      { property: "ttl", reason: "must be at least 60 seconds" },
    ]);
    const inputs = await checked(urn, { zoneId: "81", name: "WWW", type: "a", value: "192.0.2.1" });
    expect(inputs).toMatchObject({ zoneId: "81", name: "www", type: "A", ttl: 3600 });
  });

  test("adds the creation tag from the URN: a top-level resource's is the resource class's; a child's is made of its ancestors' types", async () => {
    expect((await checked(urnOf(ZONE, "main"), { name: "example.no" })).creationTag).toBe(creationTagOf(PROJECT, STACK, "gigahost:DnsZone", "main"));
    const child = await checked(urnOf(ZONE, "main", "my:web:Site"), { name: "example.no" });
    expect(child.creationTag).toBe(creationTagOf(PROJECT, STACK, "my:web:Site", "gigahost:DnsZone", "main"));
    expect(child.creationTag).not.toBe(creationTagOf(PROJECT, STACK, "gigahost:DnsZone", "main"));
  });

  test("a secret input stays secret; a property the definition declares secret becomes secret", async () => {
    const urn = urnOf(THING, "t");
    expect((await checked(urn, { name: secretValue("Thing"), password: "hunter2-plain" })) as Props).toMatchObject({
      name: secretValue("Thing"),
      password: secretValue("hunter2-plain"),
      size: 1,
    });
  });

  test("a type of another package, or one this version lacks, is refused", async () => {
    await expect(client.check("urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", {}, {})).rejects.toThrow(/aws:s3\/bucket:Bucket is not a resource type of euro-hosting/);
    await expect(client.check(urnOf("euro-hosting:gigahost:Teleporter", "x"), {}, {})).rejects.toThrow(
      /euro-hosting has no resource type euro-hosting:gigahost:Teleporter in this version/,
    );
  });
});

describe("diff", () => {
  test("compares the new inputs with the old inputs merged over the old outputs (write-only inputs, the vendor's form of an input)", async () => {
    const urn = urnOf(THING, "t");
    // State after an import and the first up: the vendor lower-cases the name and never returns the password.
    const olds = { inputs: { name: "Thing", password: secretValue("hunter2-plain"), size: 1 }, outputs: { name: "thing", size: 1, thingId: "thing-1" } };
    const unchanged = await client.diff(urn, "thing-1", olds, { name: "Thing", password: secretValue("hunter2-plain"), size: 1 });
    expect(unchanged).toMatchObject({ changes: "none", diffs: [], replaces: [], detailedDiff: {} });
    const resized = await client.diff(urn, "thing-1", olds, { name: "Thing", password: secretValue("hunter2-plain"), size: 2 });
    expect(resized).toEqual({ changes: "some", diffs: ["size"], replaces: [], deleteBeforeReplace: false, detailedDiff: { size: { kind: "update", inputDiff: true } } });
  });

  test("replaces, deleteBeforeReplace, changed keys and a per-property diff", async () => {
    const urn = urnOf(ZONE, "main");
    const inputs = await checked(urn, { name: "old-name.no" });
    const outputs = { ...inputs, zoneId: "81", active: true };
    const result = await client.diff(urn, "81", { inputs, outputs }, await checked(urn, { name: "new-name.no" }));
    expect(result).toEqual({
      changes: "some",
      diffs: ["name"],
      replaces: ["name"],
      deleteBeforeReplace: true,
      detailedDiff: { name: { kind: "update-replace", inputDiff: true } },
    });
    const unknown = await client.diff(urn, "81", { inputs, outputs }, { ...inputs, name: UNKNOWN });
    expect(unknown).toMatchObject({ changes: "some", replaces: ["name"] });
  });
});

describe("the lifecycle against the Gigahost emulator", () => {
  test("a preview's create answers the inputs and, unknown, what state adds, without a vendor request", async () => {
    const urn = urnOf(ZONE, "previewed");
    const inputs = await checked(urn, { name: "previewed.no" });
    emulators.resetRequests();
    const { id, properties } = await client.create(urn, inputs, { preview: true });
    expect(id).toBe("");
    expect(properties).toMatchObject({ name: "previewed.no", type: "NATIVE", zoneId: UNKNOWN, active: UNKNOWN, recordCount: UNKNOWN });
    expect(properties.creationTag).toBeUndefined();
    expect(emulators.requests).toEqual([]);
    expect(gigahost.zoneByName("previewed.no")).toBeUndefined();
  });

  test("create, refresh, update (preview and real), delete; a refresh of a gone object answers no id", async () => {
    const zoneUrn = urnOf(ZONE, "shop");
    const zoneInputs = await checked(zoneUrn, { name: "shop.no" });
    const zone = await client.create(zoneUrn, zoneInputs);
    expect(zone.id).toBe(gigahost.zoneByName("shop.no")?.zone_id);
    expect(zone.properties).toMatchObject({ zoneId: zone.id, name: "shop.no", type: "NATIVE" });

    const urn = urnOf(RECORD, "www");
    const inputs = await checked(urn, { zoneId: zone.id, name: "www", type: "A", value: "192.0.2.1", ttl: 300 });
    const created = await client.create(urn, inputs, { timeout: 300 });
    const live = () => gigahost.records(zone.id).find((record) => record.record_name === "www");
    expect(created.id).toBe(live()?.record_id);
    expect(created.properties).toMatchObject({ zoneId: zone.id, name: "www", type: "A", value: "192.0.2.1", ttl: 300 });

    const refreshed = await client.read(urn, created.id, created.properties, inputs);
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties).toMatchObject({ value: "192.0.2.1", ttl: 300 });
    expect(refreshed.inputs).toMatchObject({ zoneId: zone.id, name: "www", type: "A", value: "192.0.2.1", ttl: 300 });

    const news = await checked(urn, { zoneId: zone.id, name: "www", type: "A", value: "192.0.2.1", ttl: 600 });
    const olds = { inputs, outputs: created.properties };
    expect(await client.diff(urn, created.id, olds, news)).toMatchObject({ changes: "some", diffs: ["ttl"], replaces: [] });
    emulators.resetRequests();
    const previewed = await client.update(urn, created.id, olds, news, { preview: true });
    expect(previewed.properties).toMatchObject({ ttl: 600, recordId: created.properties.recordId });
    expect(emulators.requests).toEqual([]);
    const updated = await client.update(urn, created.id, olds, news, { timeout: 300 });
    expect(updated.properties).toMatchObject({ ttl: 600 });
    expect(Number(live()?.record_ttl)).toBe(600);

    await client.delete(urn, created.id, { inputs: news, outputs: updated.properties }, { timeout: 300 });
    expect(live()).toBeUndefined();
    expect(await client.read(urn, created.id, updated.properties, news)).toEqual({ id: "", properties: {}, inputs: undefined });
    await client.delete(zoneUrn, zone.id, { inputs: zoneInputs, outputs: zone.properties });
    expect(gigahost.zoneByName("shop.no")).toBeUndefined();
  });

  test("import: a read with only an id answers id, properties and the inputs a program would write; check and diff then find nothing to do", async () => {
    const existing = gigahost.addZone({ name: "imported.no" });
    const urn = urnOf(ZONE, "imported");
    const imported = await client.read(urn, existing.zone_id);
    expect(imported.id).toBe(existing.zone_id);
    expect(imported.properties).toMatchObject({ zoneId: existing.zone_id, name: "imported.no", type: "NATIVE" });
    expect(imported.inputs).toMatchObject({ name: "imported.no", type: "NATIVE" });
    const inputs = (await client.check(urn, imported.inputs!, imported.inputs!)).inputs;
    expect(await client.diff(urn, imported.id, { inputs, outputs: imported.properties }, await checked(urn, { name: "imported.no" }))).toMatchObject({ changes: "none" });
    await expect(client.read(urnOf(THING, "nope"), "thing-9")).rejects.toThrow(/test:Thing cannot be imported/);
  });

  test("secrets: a secret input and the definition's secret properties come back secret, and reach no log line", async () => {
    const code = "Norid-Transfer-plugin-81";
    gigahost.setTransferAuthCode("secretive.no", code);
    const urn = urnOf(ZONE, "secretive");
    const inputs = await checked(urn, { name: "secretive.no", transferDomain: true, authCode: code });
    // Declared secret (secretProperties): secret in the checked inputs though the program gave it plain.
    expect(inputs.authCode).toEqual(secretValue(code));
    const created = await client.create(urn, inputs);
    expect(created.properties.authCode).toEqual(secretValue(code));
    expect(created.properties).toMatchObject({ registered: true });
    // A refusal of the code: Gigahost's words, without the code.
    gigahost.setTransferAuthCode("wrong-code.no", "Right-code-plugin-83");
    const wrongUrn = urnOf(ZONE, "wrong");
    const wrong = await client.create(wrongUrn, await checked(wrongUrn, { name: "wrong-code.no", transferDomain: true, authCode: "Wrong-code-plugin-82" })).catch((error) => error);
    expect(wrong).toBeInstanceOf(PluginCallError);
    expect(wrong.message).toContain("Invalid auth code");
    expect(wrong.message).not.toContain("Wrong-code-plugin-82");
    expect(JSON.stringify(engine.lines)).not.toContain(code);
  });
});

describe("timeouts, initialization failures and logs against the Gigas emulator", () => {
  test("the engine's timeout bounds create, update and delete, each error naming customTimeouts; a create cut short keeps the object (init failure details)", async () => {
    gigas.holdTransactions("template.create");
    const urn = urnOf(TEMPLATE, "clone");
    const inputs = await checked(urn, { label: "ubuntu copy", sourceTemplateId: "2266610120", userId: "226661014577", locationId: "226661013" });
    const before = new Set(gigas.templates().map((template) => template.id));
    const failure: PluginCallError = await client.create(urn, inputs, { timeout: 120 }).catch((error) => error);
    expect(failure).toBeInstanceOf(PluginCallError);
    const made = gigas.templates().find((template) => !before.has(template.id));
    expect(made).toBeDefined();
    expect(failure.initFailure).toEqual({
      id: made!.id,
      properties: expect.objectContaining({ templateId: made!.id, sourceTemplateId: "2266610120" }),
      reasons: [expect.stringMatching(/The create deadline \(2m, customTimeouts\.create\) ran out; raise it with the resource option `customTimeouts: \{ create: "4m" \}`.*Template \d+ is kept in the stack/)],
    });
    expect(failure.message).toContain("customTimeouts.create");

    // The wait's progress reached the engine, under the resource.
    const progress = await engine.lineMatching((line) => /waiting for .*creation of template/.test(line.message));
    expect(progress).toMatchObject({ urn, severity: "info" });

    const olds = { inputs, outputs: failure.initFailure!.properties };
    const relabelled = await checked(urn, { ...inputs, label: "ubuntu copy 2" });
    await expect(client.update(urn, made!.id, olds, relabelled, { timeout: 60 })).rejects.toThrow(/The update deadline \(1m, customTimeouts\.update\) ran out/);
    await expect(client.delete(urn, made!.id, olds, { timeout: 90 })).rejects.toThrow(/The delete deadline \(1m30s, customTimeouts\.delete\) ran out/);
    gigas.releaseHeldTransactions();
  });
});

describe("what the plugin does not serve", () => {
  test("invokes are refused, saying lookups are in the TypeScript package; cancel and mappings answer", async () => {
    const refused: PluginCallError = await client.invoke("euro-hosting:gigahost:getServers").catch((error) => error);
    expect(refused.code).toBe(12); // UNIMPLEMENTED
    expect(refused.message).toMatch(/euro-hosting has no functions \(euro-hosting:gigahost:getServers\): lookups such as getServers are part of the TypeScript package/);
    await client.cancel();
    expect(await client.getMappings("terraform")).toEqual([]);
  });
});
