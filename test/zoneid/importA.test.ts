import { createEmulatorClock } from "../../emulator/core";
import { EmulatorServer, startEmulatorServer } from "../../emulator/server";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { scaledClock } from "../../provider/clock";
import { ResourceDefinition, bridge } from "../../provider/dynamic";
import { CREATION_TAG_INPUT, creationTagOf } from "../../provider/identity";
import { memoryLogger } from "../../provider/log";
import { crontabDefinition } from "../../resources/zoneid/crontab";
import { dnsRecordDefinition } from "../../resources/zoneid/dnsRecord";
import { dnsZoneDefinition } from "../../resources/zoneid/dnsZone";
import { dnsZoneRecordsDefinition } from "../../resources/zoneid/dnsZoneRecords";
import { mailAccountDefinition } from "../../resources/zoneid/mailAccount";
import { mailAutoreplyDefinition } from "../../resources/zoneid/mailAutoreply";
import { mailForwarderDefinition } from "../../resources/zoneid/mailForwarder";
import { mailPremiumDefinition } from "../../resources/zoneid/mailPremium";
import { mysqlDatabaseDefinition } from "../../resources/zoneid/mysqlDatabase";
import { mysqlUserDefinition } from "../../resources/zoneid/mysqlUser";
import { sshAllowlistEntryDefinition } from "../../resources/zoneid/sshAllowlistEntry";
import { sshKeyDefinition } from "../../resources/zoneid/sshKey";
import { sshSettingsDefinition } from "../../resources/zoneid/sshSettings";

/**
 * `pulumi import` of the ZoneID DNS, mail, MySQL, cron and SSH kinds through
 * the bridge, against the emulator: an object made through the bridge is
 * read back from its import id alone (a read without stored props), keeps
 * its id, and its imported inputs diff against the program's as no change
 * but the write-only ones. A malformed import id names the format and an
 * example; the import id of a missing object reads as gone (empty id).
 */

const SERVICE = "shop.example.com";
const RECORDS_ZONE = "records.example.com";
const SCALE = 60;

let zoneid: ZoneidEmulator;
let server: EmulatorServer;
let provider: <D extends ResourceDefinition<any, any, any>>(definition: D) => ReturnType<typeof bridge>;

beforeAll(async () => {
  // Both clocks SCALE times faster: pacing to ZoneID's 60 requests a minute takes a second a minute.
  zoneid = new ZoneidEmulator({ clock: createEmulatorClock({ scale: SCALE }) });
  zoneid.addZone(SERVICE);
  zoneid.addWebHosting(SERVICE);
  zoneid.addZone(RECORDS_ZONE);
  server = await startEmulatorServer([zoneid]);
  const config: Record<string, string> = {
    "zoneid:apiUrl": server.urlFor("zoneid"),
    "zoneid:username": DEFAULT_ZONEID_USERNAME,
    "zoneid:apiKey": DEFAULT_ZONEID_API_KEY,
  };
  const clock = scaledClock(SCALE);
  const logger = memoryLogger();
  provider = (definition) => bridge(definition, { settings: (key) => config[key], clock, logger });
});

afterAll(async () => {
  await server?.close();
});

/** The program's inputs as check gives them to create and diff. */
async function checked(definition: ResourceDefinition<any, any, any>, properties: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inputs, failures } = await provider(definition).check({}, properties);
  expect(failures).toEqual([]);
  return inputs;
}

/** Made as the class makes it: with its creation tag, which create writes into a comment where the kind has one. */
async function created(definition: ResourceDefinition<any, any, any>, properties: Record<string, unknown>, name = "made") {
  return provider(definition).create({ ...(await checked(definition, properties)), [CREATION_TAG_INPUT]: creationTagOf("importA", definition.kind, name) });
}

interface ImportCase {
  definition: ResourceDefinition<any, any, any>;
  /** The inputs as a user writes them. */
  program: Record<string, unknown>;
  importId(id: string, outputs: Record<string, any>): string;
  /** Inputs ZoneID never answers. */
  writeOnly?: string[];
  /** Import ids of the right shape that name no object. */
  missing: string[];
  /** Import ids that are not of the format, and what the error says about each besides format and example. */
  malformed: [string, string][];
}

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@shop";

const cases: ImportCase[] = [
  {
    definition: dnsZoneDefinition,
    program: { name: "Shop.Example.com.", ipv6: false },
    importId: (id) => id,
    missing: ["missing.example.com"],
    malformed: [["example", "zone: \"example\" is not a DNS zone name"], ["shop.example.com/x", 'it is one non-empty name, without "/"']],
  },
  {
    definition: dnsRecordDefinition,
    program: { zone: SERVICE, type: "MX", name: "@", destination: "Mail.Shop.Example.com.", priority: 10 },
    // The type as a user may write it: any case.
    importId: (id, outputs) => `${outputs.zone}/${outputs.type.toUpperCase()}/${id}`,
    missing: [`${SERVICE}/mx/999999`, `missing.example.com/mx/1000`, `${SERVICE}/a/1000`],
    malformed: [
      [`${SERVICE}/mx`, "it needs 3 non-empty parts"],
      [`${SERVICE}/mail/1000`, "type: must be one of a, aaaa"],
      [`${SERVICE}/mx/first`, 'recordId: "first" is not a number'],
    ],
  },
  {
    definition: dnsZoneRecordsDefinition,
    program: {
      zone: RECORDS_ZONE,
      records: [
        { name: "@", type: "A", values: ["192.0.2.10"] },
        { name: "www", type: "CNAME", values: ["records.example.com."] },
        { name: "@", type: "MX", values: ["10 mail.records.example.com"] },
        { name: "@", type: "TXT", values: ["v=spf1 mx -all"] },
        { name: "@", type: "CAA", values: ['0 issue "letsencrypt.org"'] },
      ],
    },
    importId: (id) => id,
    missing: ["missing.example.com"],
    malformed: [["", 'it is one non-empty name, without "/"'], ["records", "zone: \"records\" is not a DNS zone name"]],
  },
  {
    definition: mailAccountDefinition,
    program: { service: SERVICE, address: "Info@Shop.Example.com", password: "correct horse battery", comment: "front desk", forwardAddresses: ["desk@example.net"], spamLevel: "high" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    writeOnly: ["password"],
    missing: [`${SERVICE}/nobody@shop.example.com`, "missing.example.com/info@shop.example.com"],
    malformed: [["info@shop.example.com", "it needs 2 non-empty parts"], [`${SERVICE}/info`, 'address: "info" is not an e-mail address']],
  },
  {
    definition: mailForwarderDefinition,
    program: { service: SERVICE, address: "sales@shop.example.com", forwardAddresses: ["anna@example.net", "Bert@example.net"], comment: "sales team" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    missing: [`${SERVICE}/nobody@shop.example.com`],
    malformed: [[`${SERVICE}/sales@shop.example.com/x`, "it needs 2 non-empty parts"]],
  },
  {
    definition: mailAutoreplyDefinition,
    program: {
      service: SERVICE,
      address: "owner@shop.example.com",
      subject: "Away",
      body: "Back in August.",
      fromName: "Shop owner",
      startDate: "2030-07-01",
      endDate: "2030-07-31",
    },
    importId: (id) => id,
    missing: [`${SERVICE}/account/nobody@shop.example.com`, `${SERVICE}/forwarder/owner@shop.example.com`],
    malformed: [
      [`${SERVICE}/owner@shop.example.com`, "it needs 3 non-empty parts"],
      [`${SERVICE}/mailbox/owner@shop.example.com`, "mailboxType: must be one of account, forwarder"],
    ],
  },
  {
    definition: mailPremiumDefinition,
    program: { service: SERVICE, address: "owner@shop.example.com", package: "mail-premium-10" },
    importId: (id) => id,
    missing: [`${SERVICE}/nobody@shop.example.com`],
    malformed: [[`${SERVICE}/owner`, 'address: "owner" is not an e-mail address']],
  },
  {
    definition: mysqlDatabaseDefinition,
    program: { service: SERVICE, name: "d1_shop", collation: "utf8mb4_estonian_ci", comment: "orders" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    missing: [`${SERVICE}/d1_none`],
    malformed: [[`${SERVICE}/d1-shop`, "name: must be 1-64 letters, digits or underscores"]],
  },
  {
    definition: mysqlUserDefinition,
    program: {
      service: SERVICE,
      username: "d1_app",
      password: "another long password",
      comment: "the shop's app",
      hosts: ["ws", "192.0.2.10"],
      permissions: { d1_shop: ["select", "insert"] },
    },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    writeOnly: ["password"],
    missing: [`${SERVICE}/d1_nobody`],
    malformed: [[`${SERVICE}/d1 app`, "username: must be 1-32 letters, digits or underscores"]],
  },
  {
    definition: crontabDefinition,
    program: { service: SERVICE, name: "nightly", type: "system", command: "/data01/virt1/cleanup.sh", schedule: "0  3 * * *", report: "always", reportEmail: "Ops@Example.net", timezone: "Europe/Tallinn" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    missing: [`${SERVICE}/999999`],
    malformed: [[`${SERVICE}/nightly`, 'identificator: "nightly" is not a number']],
  },
  {
    definition: sshKeyDefinition,
    program: { service: SERVICE, publicKey: `  ${PUBLIC_KEY}\n`, comment: "deploy key" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    missing: [`${SERVICE}/999999`],
    malformed: [[`${SERVICE}/ssh-ed25519`, "identificator"]],
  },
  {
    definition: sshAllowlistEntryDefinition,
    program: { service: SERVICE, ip: "198.51.100.0/024", comment: "office" },
    importId: (id, outputs) => `${outputs.service}/${id}`,
    missing: [`${SERVICE}/999999`],
    malformed: [[`${SERVICE}/198.51.100.0/24`, "it needs 2 non-empty parts"]],
  },
  {
    definition: sshSettingsDefinition,
    program: { service: SERVICE, access: "whitelist" },
    importId: (id) => id,
    missing: ["missing.example.com"],
    malformed: [["shop", 'service: "shop" is not a web hosting service\'s name']],
  },
];

describe("import of every kind through the bridge", () => {
  beforeAll(async () => {
    // What the autoreply, the premium package and the grants belong to.
    await created(mailAccountDefinition, { service: SERVICE, address: "owner@shop.example.com", password: "owner's long password" }, "owner");
    await created(mysqlDatabaseDefinition, { service: SERVICE, name: "d1_shop", collation: "utf8mb4_estonian_ci", comment: "orders" });
  });

  test.each(cases.map((entry) => [entry.definition.kind, entry] as const))("%s: import id → the same id and inputs, no diff but write-only ones", async (_kind, entry) => {
    const resource = provider(entry.definition);
    const program = await checked(entry.definition, entry.program);
    // The database of the MysqlDatabase case exists already (the MySQL user's grants need it): imported as made.
    const made = entry.definition === mysqlDatabaseDefinition ? { id: "d1_shop", outs: { service: SERVICE } } : await created(entry.definition, entry.program);

    const imported = await resource.read(entry.importId(made.id, made.outs), {});
    expect(imported.id).toBe(made.id);
    const writeOnly = entry.writeOnly ?? [];
    for (const input of writeOnly) expect(imported.inputs).not.toHaveProperty(input);

    const olds = { ...imported.props, ...imported.inputs };
    const diff = await resource.diff(imported.id, olds, program);
    expect(diff).toMatchObject({ changes: writeOnly.length > 0, replaces: [] });
    // With the write-only inputs as the program says, nothing at all.
    const writeOnlyInputs = Object.fromEntries(writeOnly.map((input) => [input, program[input]]));
    expect(await resource.diff(imported.id, { ...olds, ...writeOnlyInputs }, program)).toMatchObject({ changes: false, replaces: [] });
    // The imported inputs pass check again (the engine checks them), unchanged by it.
    const rechecked = await checked(entry.definition, { ...imported.inputs, ...writeOnlyInputs });
    expect(await resource.diff(imported.id, { ...olds, ...rechecked }, program)).toMatchObject({ changes: false, replaces: [] });
  });

  test.each(cases.map((entry) => [entry.definition.kind, entry] as const))("%s: a malformed import id names the format and an example", async (_kind, entry) => {
    const resource = provider(entry.definition);
    const { format, example } = entry.definition.importId!;
    server.resetRequests();
    for (const [importId, problem] of entry.malformed) {
      const error = await resource.read(importId, {}).then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      expect(error?.message).toContain(`${entry.definition.kind}: "${importId}" is not an import id of this kind`);
      expect(error?.message).toContain(problem);
      expect(error?.message).toContain(`write it as ${format}, e.g. ${example}`);
    }
    // Refused before any request.
    expect(server.requests).toHaveLength(0);
  });

  test.each(cases.map((entry) => [entry.definition.kind, entry] as const))("%s: the import id of a missing object reads as gone", async (_kind, entry) => {
    const resource = provider(entry.definition);
    for (const importId of entry.missing) {
      expect(await resource.read(importId, {})).toEqual({ id: "", props: {} });
    }
  });

  test("every kind of this set declares its import id with the example in its format", () => {
    for (const { definition } of cases) {
      expect(definition.notImportable).toBeUndefined();
      const { format, example, parse } = definition.importId!;
      expect(example.split("/")).toHaveLength(format.split("/").length);
      expect(() => parse(example)).not.toThrow();
    }
  });
});

describe("what an import reads, kind by kind", () => {
  test("DnsZoneRecords: every record set of the zone but ZoneID's apex NS, as a purge: true resource", async () => {
    const zone = "imported.example.com";
    zoneid.addZone(zone);
    zoneid.addRecord(zone, "a", { name: zone, destination: "192.0.2.1" });
    zoneid.addRecord(zone, "a", { name: zone, destination: "192.0.2.2" });
    zoneid.addRecord(zone, "txt", { name: `_dmarc.${zone}`, destination: "v=DMARC1; p=none" });
    const resource = provider(dnsZoneRecordsDefinition);
    const imported = await resource.read(zone, {});
    expect(imported.id).toBe(zone);
    const recordSets = { "@ A": { ttl: 0, values: ["192.0.2.1", "192.0.2.2"] }, "_dmarc TXT": { ttl: 0, values: ["v=DMARC1; p=none"] } };
    expect(imported.props).toMatchObject({ zoneName: zone, recordSets, recordCount: 3 });
    expect(imported.inputs).toMatchObject({
      zone,
      purge: true,
      ignore: [],
      records: [
        { name: "@", type: "A", values: ["192.0.2.1", "192.0.2.2"] },
        { name: "_dmarc", type: "TXT", values: ["v=DMARC1; p=none"] },
      ],
    });
    // The imported inputs, checked again (as the engine checks them), declare the same sets.
    expect((await checked(dnsZoneRecordsDefinition, imported.inputs!)).recordSets).toEqual(recordSets);
    // A program that declares only one of the sets differs: its up would delete the other.
    const program = await checked(dnsZoneRecordsDefinition, { zone, records: [{ name: "@", type: "A", values: ["192.0.2.1", "192.0.2.2"] }] });
    expect(await resource.diff(zone, { ...imported.props, ...imported.inputs }, program)).toMatchObject({ changes: true, replaces: [] });
    // Nothing was written by the import.
    expect(zoneid.records(zone).filter((record) => record.delete)).toHaveLength(3);
  });

  test("DnsRecord: a system record imports as it is listed", async () => {
    const ns = zoneid.records(SERVICE, "ns").find((record) => !record.delete)!;
    const imported = await provider(dnsRecordDefinition).read(`${SERVICE}/ns/${ns.id}`, {});
    expect(imported).toMatchObject({ id: String(ns.id), inputs: { zone: SERVICE, type: "ns", name: "@", destination: ns.destination } });
  });

  test("MailAccount: the comment without the creation tag ZoneID keeps on its last line", async () => {
    const made = await created(mailAccountDefinition, { service: SERVICE, address: "tagged@shop.example.com", password: "a long enough password", comment: "kept" }, "tagged");
    const stored = zoneid.hostingItems(SERVICE, "mail/account").find((item) => item.address === "tagged@shop.example.com")!;
    expect(stored.comment).toBe(`kept\n${creationTagOf("importA", "zoneid:MailAccount", "tagged")}`);
    const imported = await provider(mailAccountDefinition).read(`${SERVICE}/${made.id}`, {});
    expect(imported.inputs).toMatchObject({ comment: "kept" });
    expect(imported.inputs).not.toHaveProperty("twoFactorAuth");
  });

  test("MailAutoreply: dates are imported where ZoneID has them, left unmanaged where it has none", async () => {
    const resource = provider(mailAutoreplyDefinition);
    await created(mailAccountDefinition, { service: SERVICE, address: "plain@shop.example.com", password: "plain's long password" }, "plain");
    const imported = await resource.read(`${SERVICE}/account/plain@shop.example.com`, {});
    expect(imported.id).toBe(`${SERVICE}/account/plain@shop.example.com`);
    expect(imported.inputs).toEqual({ service: SERVICE, address: "plain@shop.example.com", mailboxType: "account", enabled: false, fromName: "", subject: "", body: "" });
    const program = await checked(mailAutoreplyDefinition, { service: SERVICE, address: "plain@shop.example.com", enabled: false });
    expect(await resource.diff(imported.id, { ...imported.props, ...imported.inputs }, program)).toMatchObject({ changes: false });
  });

  test("MailPremium: an account without a premium package has nothing to import (gone), until it has one", async () => {
    const resource = provider(mailPremiumDefinition);
    await created(mailAccountDefinition, { service: SERVICE, address: "basic@shop.example.com", password: "basic's long password" }, "basic");
    expect(await resource.read(`${SERVICE}/basic@shop.example.com`, {})).toEqual({ id: "", props: {} });
    await created(mailPremiumDefinition, { service: SERVICE, address: "basic@shop.example.com", package: "mail-premium-50" });
    expect(await resource.read(`${SERVICE}/Basic@Shop.Example.com`, {})).toMatchObject({
      id: `${SERVICE}/basic@shop.example.com`,
      inputs: { service: SERVICE, address: "basic@shop.example.com", package: "mail-premium-50" },
    });
  });

  test("a refresh of stored state reads as before: the autoreply's unmanaged dates stay out", async () => {
    const resource = provider(mailAutoreplyDefinition);
    await created(mailAccountDefinition, { service: SERVICE, address: "dated@shop.example.com", password: "dated's long password" }, "dated");
    const made = await created(mailAutoreplyDefinition, { service: SERVICE, address: "dated@shop.example.com", subject: "Out", startDate: "2030-01-01", endDate: "2030-01-10" });
    // The same autoreply under a resource that does not manage the dates.
    const { startDate: _start, endDate: _end, ...unmanaged } = made.outs as Record<string, unknown>;
    const refreshed = await resource.read(made.id, unmanaged);
    expect(refreshed.inputs).not.toHaveProperty("startDate");
    expect(refreshed.inputs).not.toHaveProperty("endDate");
    expect((await resource.read(made.id, {})).inputs).toMatchObject({ startDate: "2030-01-01", endDate: "2030-01-10" });
  });
});
