// `pulumi import` of the ZoneID service kinds (web hosting collections and singletons, domains,
// cloud servers), through the bridge as the provider plugin drives it: a read with an import id and
// no stored props. The objects are the fixture program's (test/plugin/programs/zoneid-b.ts),
// created through the bridge in the emulator `seedDemoData` seeds, so the program the e2e suite
// imports is checked here too: each import finds the object it names, and its inputs match the
// program's but for the write-only ones.
import { AllEmulators, createAllEmulators, seedDemoData } from "../../emulator/all";
import { EmulatorServer, createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME } from "../../emulator/zoneid";
import { scaledClock } from "../../provider/clock";
import { ResourceDefinition, bridge } from "../../provider/dynamic";
import { memoryLogger } from "../../provider/log";
import { definitions } from "../../resources/zoneid/definitions";
import { program } from "../plugin/programs/zoneid-b";
import type { ProgramResource, ProgramValue } from "../plugin/programs/types";

// Cloud server orders take 2 minutes and boots 30 s of emulator time; the client paces to ZoneID's
// 60 requests a minute. At 600x both clocks make that a fraction of a second.
const SCALE = 600;
const SERVICE = "example-shop.ee";

let all: AllEmulators;
let server: EmulatorServer;
const logger = memoryLogger();
const clock = scaledClock(SCALE);

const definitionOf = (kind: string): ResourceDefinition<any, any> => definitions[kind]();
const providerOf = (kind: string) => {
  const config: Record<string, string> = { "zoneid:apiUrl": server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY };
  return bridge(definitionOf(kind), { settings: (key) => config[key], logger, clock });
};

interface Created {
  id: string;
  outs: Record<string, any>;
  /** The inputs `check` made of the program's properties: what the engine diffs an import against. */
  inputs: Record<string, unknown>;
}
const created = new Map<string, Created>();

/** A program value with its `${name.property}` references replaced by what the named resource's create returned. */
function resolve(value: ProgramValue): unknown {
  const lookup = (name: string, property: string) => {
    const target = created.get(name);
    if (!target) throw new Error(`\${${name}.${property}}: ${name} is not created yet`);
    return property === "id" ? target.id : target.outs[property];
  };
  if (typeof value === "string") {
    const whole = /^\$\{([^.}]+)\.([^}]+)\}$/.exec(value);
    if (whole) return lookup(whole[1], whole[2]);
    return value.replace(/\$\{([^.}]+)\.([^}]+)\}/g, (_reference, name, property) => String(lookup(name, property)));
  }
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  return value;
}

async function create(resource: ProgramResource): Promise<Created> {
  const provider = providerOf(resource.kind);
  const { inputs, failures } = await provider.check({}, resolve(resource.properties) as Record<string, unknown>);
  expect(failures).toEqual([]);
  const { id, outs } = await provider.create(inputs);
  const made = { id, outs, inputs };
  created.set(resource.name, made);
  return made;
}

const importable = program.resources.filter((resource) => definitionOf(resource.kind).importId);
const notImportable = program.resources.filter((resource) => definitionOf(resource.kind).notImportable);

beforeAll(async () => {
  all = createAllEmulators({ clock: createEmulatorClock({ scale: SCALE }) });
  seedDemoData(all);
  server = await startEmulatorServer([all.zoneid]);
  // The importable ones, in program order (references point backwards); the renewal is made in its own test.
  for (const resource of importable) await create(resource);
});

afterAll(() => server?.close());

describe.each(importable.map((resource) => [resource.name, resource] as const))("%s", (name, resource) => {
  test("an import finds the object; its inputs are the program's but for the write-only ones", async () => {
    const provider = providerOf(resource.kind);
    const { id, outs, inputs } = created.get(name)!;
    const imported = await provider.read(resource.importId!(id, outs), {});
    expect(imported.id).toBe(id);
    const writeOnly = resource.writeOnly ?? [];
    for (const key of writeOnly) expect(imported.inputs).not.toHaveProperty(key);
    // What the engine does next: diff the imported inputs against the program's.
    const olds = { ...imported.props, ...imported.inputs };
    expect(await provider.diff(id, olds, inputs)).toMatchObject({ changes: writeOnly.length > 0, replaces: [] });
    const writeOnlyValues = Object.fromEntries(writeOnly.map((key) => [key, inputs[key]]));
    expect(await provider.diff(id, { ...olds, ...writeOnlyValues }, inputs)).toMatchObject({ changes: false });
    // The outputs are the ones the create reported (null and absent both "no value"), but for the write-only inputs.
    const outputs = Object.keys(definitionOf(resource.kind).state.shape).filter((key) => !writeOnly.includes(key));
    const props: Record<string, unknown> = imported.props;
    for (const key of outputs) expect([key, props[key] ?? null]).toEqual([key, outs[key] ?? null]);
  });

  test("a malformed import id is refused, naming the format and an example", async () => {
    const { format, example } = definitionOf(resource.kind).importId!;
    for (const importId of ["", "a/b/c/d", MALFORMED[resource.kind]]) {
      await expect(providerOf(resource.kind).read(importId, {})).rejects.toThrow(`is not an import id of this kind`);
      await expect(providerOf(resource.kind).read(importId, {})).rejects.toThrow(`write it as ${format}, e.g. ${example}`);
    }
  });

  test("the import id of an object that does not exist imports nothing (empty id: gone)", async () => {
    expect(await providerOf(resource.kind).read(MISSING[resource.kind], {})).toEqual({ id: "", props: {} });
  });
});

/** An import id each kind's parser refuses for its own reason (a name where the id is a number, …). */
const MALFORMED: Record<string, string> = {
  "zoneid:Dkim": "example-shop",
  "zoneid:SslCertificate": `${SERVICE}/www-2026`,
  "zoneid:FtpUser": `${SERVICE}/deploy`,
  "zoneid:FtpAllowlistEntry": `${SERVICE}/127.0.0.1`,
  "zoneid:CloudServer": "uvn-01-5001.tll01.zonevs.eu",
  "zoneid:DomainNameserver": `${SERVICE}/ns1 example-shop.ee`,
  "zoneid:DomainContact": `${SERVICE}/tech`,
  "zoneid:DomainSettings": "example_shop",
  "zoneid:Pm2Process": `${SERVICE}/api`,
  "zoneid:PortForward": `${SERVICE}/port-2222`,
  "zoneid:DedicatedIp": `${SERVICE}/2001:db8::1`,
  "zoneid:Redis": `${SERVICE}/redis`,
  "zoneid:AdditionalPackage": `${SERVICE}/disk 10gb`,
};

/** A well-formed import id of an object the emulator does not have. */
const MISSING: Record<string, string> = {
  "zoneid:Dkim": "missing-shop.ee",
  "zoneid:SslCertificate": `${SERVICE}/999999`,
  "zoneid:FtpUser": `missing-shop.ee/999999`,
  "zoneid:FtpAllowlistEntry": `${SERVICE}/999999`,
  "zoneid:CloudServer": "999999",
  "zoneid:DomainNameserver": `${SERVICE}/ns9.example.net`,
  "zoneid:DomainContact": `${SERVICE}/999999`,
  "zoneid:DomainSettings": "missing-shop.ee",
  "zoneid:Pm2Process": `${SERVICE}/999999`,
  "zoneid:PortForward": `${SERVICE}/999999`,
  "zoneid:DedicatedIp": `${SERVICE}/192.0.2.250`,
  "zoneid:Redis": `${SERVICE}/999999`,
  "zoneid:AdditionalPackage": `${SERVICE}/999999`,
};

test("every kind of the set is importable but DomainRenewal, which orders a one-off renewal", () => {
  expect(notImportable.map((resource) => resource.kind)).toEqual(["zoneid:DomainRenewal"]);
  expect(importable).toHaveLength(13);
});

test("every importable kind has a malformed and a missing import id above", () => {
  for (const resource of importable) {
    expect([resource.kind, MALFORMED[resource.kind]]).toEqual([resource.kind, expect.any(String)]);
    expect([resource.kind, MISSING[resource.kind]]).toEqual([resource.kind, expect.any(String)]);
  }
});

test.each(notImportable.map((resource) => [resource.name, resource] as const))("%s is created from the program, and an import names why it cannot be", async (_name, resource) => {
  const { id } = await create(resource);
  const reason = definitionOf(resource.kind).notImportable!;
  await expect(providerOf(resource.kind).read(id, {})).rejects.toThrow(`${resource.kind} cannot be imported: ${reason}`);
});

test("the first update after an import sets the write-only inputs from the program", async () => {
  for (const resource of importable.filter((candidate) => candidate.writeOnly)) {
    const provider = providerOf(resource.kind);
    const { id, outs, inputs } = created.get(resource.name)!;
    const imported = await provider.read(resource.importId!(id, outs), {});
    const { outs: updated } = await provider.update(id, { ...imported.props, ...imported.inputs }, inputs);
    for (const key of resource.writeOnly!) expect([resource.name, key, updated[key]]).toEqual([resource.name, key, inputs[key]]);
  }
  expect(all.zoneid.hostingItems(SERVICE, "ftp/user")).toContainEqual(expect.objectContaining({ username: "deploy", password: "Deploy-Password-2026" }));
});

test("service and domain names in import ids are normalized as the inputs are", async () => {
  const imported = await providerOf("zoneid:Dkim").read("Example-Shop.EE.", {});
  expect(imported).toMatchObject({ id: SERVICE, inputs: { service: SERVICE } });
});

test("FtpUser: an import manages the optional lists ZoneID lists values in; a refresh of a program that leaves one out does not", async () => {
  const provider = providerOf("zoneid:FtpUser");
  const { inputs } = await provider.check({}, { service: SERVICE, username: "backup", password: "Backup-Password-2026", accessCountries: ["fi", "EE"] });
  const { id, outs } = await provider.create(inputs);
  const imported = await provider.read(`${SERVICE}/${id}`, {});
  // ZoneID lists read and write for a user made without them.
  expect(imported.inputs).toMatchObject({ username: "backup", accessCountries: ["EE", "FI"], allowedOperations: ["read", "write"] });
  const refreshed = await provider.read(id, outs);
  expect(refreshed.inputs).toMatchObject({ accessCountries: ["EE", "FI"] });
  expect(refreshed.inputs).not.toHaveProperty("allowedOperations");
  // Nothing listed: not managed.
  all.zoneid.changeHostingItem(SERVICE, "ftp/user", id, { allowed_operations: [], access_countries: [] });
  const bare = await provider.read(`${SERVICE}/${id}`, {});
  expect(bare.inputs).not.toHaveProperty("allowedOperations");
  expect(bare.inputs).not.toHaveProperty("accessCountries");
});

test("DomainContact: an import manages the optional fields that have a value at ZoneID", async () => {
  const { id } = created.get("techContact")!;
  all.zoneid.domains.collections.update(SERVICE, "contact", id, { ext_vatnr: "EE100000000" }, { force: true });
  const imported = await providerOf("zoneid:DomainContact").read(`${SERVICE}/${id}`, {});
  expect(imported.inputs).toMatchObject({ role: "tech", type: "person", vatNumber: "EE100000000" });
  for (const empty of ["firstName", "lastName", "fax", "state", "language", "department", "passport", "legalForm"]) expect(imported.inputs).not.toHaveProperty(empty);
  all.zoneid.domains.collections.update(SERVICE, "contact", id, { ext_vatnr: "" }, { force: true });
});

test("DomainSettings: an import takes the domain over (adopt) and manages signingRequired where the registry requires signing", async () => {
  all.zoneid.domains.addDomain("signed-shop.ee", { signing_required: true, renewal_notifications: false });
  const provider = providerOf("zoneid:DomainSettings");
  const imported = await provider.read("signed-shop.ee", {});
  expect(imported.id).toBe("signed-shop.ee");
  expect(imported.inputs).toEqual({ domain: "signed-shop.ee", adopt: true, renewalNotifications: false, signingRequired: true });
  const { inputs, failures } = await provider.check({}, imported.inputs ?? {});
  expect(failures).toEqual([]);
  expect(await provider.diff("signed-shop.ee", { ...imported.props, ...imported.inputs }, inputs)).toMatchObject({ changes: false });
});
