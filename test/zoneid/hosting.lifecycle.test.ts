import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ZONEID_API_KEY } from "../../emulator/zoneid";
import { Crontab, FtpUser, MailAccount, MailForwarder, MysqlDatabase, MysqlUser, SshAllowlistEntry, SshKey, SslCertificate } from "../../resources/zoneid";
import { CREATION_TAG_PATTERN, tagIn, textWithoutTag } from "../../provider/identity";
import { CheckFailedError, programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "hosting.example.com";
const OTHER_SERVICE = "other-hosting.example.com";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  fixture.zoneid.addWebHosting(OTHER_SERVICE);
});

type Args = Record<string, unknown>;
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB CN=www.example.com\n-----END CERTIFICATE-----\n";
const CERT2 = "-----BEGIN CERTIFICATE-----\nMIIC CN=shop.example.com\n-----END CERTIFICATE-----\n";
const KEY1 = "-----BEGIN PRIVATE KEY-----\nsecret-key-material-one\n-----END PRIVATE KEY-----\n";
const KEY2 = "-----BEGIN PRIVATE KEY-----\nsecret-key-material-two\n-----END PRIVATE KEY-----\n";
const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk2YcFq1pYf0 me@laptop";
const ED25519_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJk9ZcFq2pYf1 ci@runner";

/**
 * One row per web hosting resource. Each runs the whole sequence: create,
 * no drift, `update` (in place where the API has a PUT, else the replace it
 * forces), `replaced` (a change that forces a replacement), an out-of-band
 * change, refresh showing it, convergence, an out-of-band delete, destroy.
 */
interface Case {
  resource: string;
  collection: string;
  make: (name: string, args: Args) => pulumi.Resource;
  v1: Args;
  v1Outputs: Args;
  update: { args: Args; operation: "update" | "replace"; live: Args };
  replaced: { args: Args; replaces: string[] };
  /** A change made in the ZoneID UI (wire fields) and the outputs a refresh then shows. */
  drift: { wire: Args; outputs: Args };
  /** After convergence, the stored item matches this again. */
  converged: Args;
  /** Secret values that must never reach logs. */
  secrets: string[];
}

const cases: Case[] = [
  {
    resource: "MailAccount",
    collection: "mail/account",
    make: (name, args) => new MailAccount(name, args as never),
    v1: { address: "Info@Example.com", password: "first-Password-1", forwardAddresses: ["b@example.net", "a@example.net"] },
    v1Outputs: { address: "info@example.com", password: "first-Password-1", comment: "", forwardAddresses: ["a@example.net", "b@example.net"], spamLevel: "medium", diskSize: 1073741824, addresses: ["info@example.com"] },
    update: { args: { address: "info@example.com", password: "second-Password-2", spamLevel: "high", comment: "sales" }, operation: "update", live: { password: "second-Password-2", spamlevel: "high", comment: "sales", fwd_addresses: [] } },
    replaced: { args: { address: "sales@example.com", password: "second-Password-2", spamLevel: "high", comment: "sales" }, replaces: ["address"] },
    drift: { wire: { spamlevel: "none" }, outputs: { spamLevel: "none" } },
    converged: { spamlevel: "high" },
    secrets: ["first-Password-1", "second-Password-2"],
  },
  {
    resource: "MailForwarder",
    collection: "mail/forwarder",
    make: (name, args) => new MailForwarder(name, args as never),
    v1: { address: "hello@example.com", forwardAddresses: ["team@example.net"] },
    v1Outputs: { address: "hello@example.com", forwardAddresses: ["team@example.net"], comment: "" },
    update: { args: { address: "hello@example.com", forwardAddresses: ["team@example.net", "boss@example.net"] }, operation: "update", live: { fwd_addresses: ["boss@example.net", "team@example.net"] } },
    replaced: { args: { address: "hi@example.com", forwardAddresses: ["team@example.net", "boss@example.net"] }, replaces: ["address"] },
    drift: { wire: { fwd_addresses: ["intruder@example.org"] }, outputs: { forwardAddresses: ["intruder@example.org"] } },
    converged: { fwd_addresses: ["boss@example.net", "team@example.net"] },
    secrets: [],
  },
  {
    resource: "MysqlDatabase",
    collection: "database/mysql",
    make: (name, args) => new MysqlDatabase(name, args as never),
    v1: { name: "d1_shop" },
    v1Outputs: { name: "d1_shop", collation: "utf8mb4_unicode_ci", comment: "", diskUsage: 0 },
    // No PUT for databases: a comment change is a new database.
    update: { args: { name: "d1_shop", comment: "shop data" }, operation: "replace", live: { comment: "shop data" } },
    replaced: { args: { name: "d1_shop2", comment: "shop data" }, replaces: ["name"] },
    drift: { wire: { comment: "renamed in the UI" }, outputs: { comment: "renamed in the UI" } },
    converged: { comment: "shop data" },
    secrets: [],
  },
  {
    resource: "MysqlUser",
    collection: "database/mysql/account",
    make: (name, args) => new MysqlUser(name, args as never),
    v1: { username: "d1_app", password: "first-Password-1" },
    v1Outputs: { username: "d1_app", password: "first-Password-1", comment: "", requireSsl: false, hosts: ["pma", "ws"], permissions: {} },
    // "only comment, password and hosts can be updated": these change in place, requireSsl replaces.
    update: { args: { username: "d1_app", password: "second-Password-2", comment: "app", hosts: ["ws", "192.0.2.7"] }, operation: "update", live: { password: "second-Password-2", comment: "app", require_ssl: false, hosts: ["192.0.2.7", "ws"] } },
    replaced: { args: { username: "d1_app", password: "second-Password-2", comment: "app", requireSsl: true, hosts: ["ws", "192.0.2.7"] }, replaces: ["requireSsl"] },
    drift: { wire: { hosts: ["198.51.100.1"] }, outputs: { hosts: ["198.51.100.1"] } },
    converged: { require_ssl: true, hosts: ["192.0.2.7", "ws"] },
    secrets: ["first-Password-1", "second-Password-2"],
  },
  {
    resource: "Crontab",
    collection: "crontab",
    make: (name, args) => new Crontab(name, args as never),
    v1: { name: "nightly", type: "system", command: "/data01/virt1/backup.sh", schedule: "0  3 * * *" },
    v1Outputs: { name: "nightly", type: "system", command: "/data01/virt1/backup.sh", schedule: "0 3 * * *", active: true, report: "onerror", reportEmail: "", priority: "normal", timezone: "UTC", runtimeLimit: 900 },
    update: { args: { name: "nightly", type: "system", command: "/data01/virt1/backup.sh", schedule: "30 4 * * *", timezone: "Europe/Tallinn", runtimeLimit: 3600 }, operation: "update", live: { schedule: "30 4 * * *", timezone: "Europe/Tallinn", runtime_limit: 3600 } },
    replaced: { args: { service: OTHER_SERVICE, name: "nightly", type: "http", command: "https://example.com/cron.php", schedule: "*/15 * * * *" }, replaces: ["service"] },
    drift: { wire: { active: false }, outputs: { active: false } },
    converged: { active: true },
    secrets: [],
  },
  {
    resource: "SshKey",
    collection: "ssh/publickey",
    make: (name, args) => new SshKey(name, args as never),
    v1: { publicKey: `  ${ED25519}\n` },
    v1Outputs: { publicKey: ED25519, comment: "", keyType: "ssh-ed25519", size: 256 },
    // No PUT for keys: a comment change is a new key.
    update: { args: { publicKey: ED25519, comment: "laptop" }, operation: "replace", live: { comment: "laptop" } },
    replaced: { args: { publicKey: ED25519_B, comment: "laptop" }, replaces: ["publicKey"] },
    drift: { wire: { comment: "changed in the UI" }, outputs: { comment: "changed in the UI" } },
    converged: { comment: "laptop" },
    secrets: [],
  },
  {
    resource: "SshAllowlistEntry",
    collection: "ssh/whitelist",
    make: (name, args) => new SshAllowlistEntry(name, args as never),
    v1: { ip: " 2001:DB8::/048 " },
    v1Outputs: { ip: "2001:db8::/48", comment: "" },
    // No PUT for entries: a comment change is a new entry.
    update: { args: { ip: "2001:db8::/48", comment: "office" }, operation: "replace", live: { ip: "2001:db8::/48", comment: "office" } },
    replaced: { args: { ip: "192.0.2.10", comment: "office" }, replaces: ["ip"] },
    drift: { wire: { comment: "changed in the UI" }, outputs: { comment: "changed in the UI" } },
    converged: { ip: "192.0.2.10", comment: "office" },
    secrets: [],
  },
  {
    resource: "SslCertificate",
    collection: "ssl",
    make: (name, args) => new SslCertificate(name, args as never),
    v1: { name: "www", certificate: CERT.replace(/\n/g, "\r\n"), privateKey: KEY1, hosts: ["WWW.example.com."] },
    v1Outputs: { name: "www", certificate: CERT, privateKey: KEY1, caCertificate: "", hosts: ["www.example.com"], commonName: "www.example.com", letsEncrypt: false },
    update: { args: { name: "www", certificate: CERT2, privateKey: KEY2, hosts: ["www.example.com", "shop.example.com"] }, operation: "update", live: { certificate: CERT2, private_key: KEY2, hosts: ["shop.example.com", "www.example.com"] } },
    replaced: { args: { service: OTHER_SERVICE, name: "www", certificate: CERT2, privateKey: KEY2 }, replaces: ["service"] },
    drift: { wire: { hosts: ["evil.example.org"] }, outputs: { hosts: ["evil.example.org"] } },
    converged: { hosts: [] },
    secrets: ["secret-key-material-one", "secret-key-material-two"],
  },
  {
    resource: "FtpUser",
    collection: "ftp/user",
    make: (name, args) => new FtpUser(name, args as never),
    v1: { username: "deploy", password: "first-Password-1" },
    v1Outputs: { username: "deploy", password: "first-Password-1", directory: "/", requireTls: true, accessProfile: "whitelist_or_tls" },
    update: { args: { username: "deployer", password: "second-Password-2", directory: "/htdocs", accessProfile: "whitelist" }, operation: "update", live: { username: "deployer", password: "second-Password-2", directory: "/htdocs", access_profile: "whitelist" } },
    replaced: { args: { service: OTHER_SERVICE, username: "deployer", password: "second-Password-2", directory: "/htdocs" }, replaces: ["service"] },
    drift: { wire: { directory: "/tmp" }, outputs: { directory: "/tmp" } },
    converged: { directory: "/htdocs" },
    secrets: ["first-Password-1", "second-Password-2"],
  },
];

describe.each(cases)("$resource", (row) => {
  const program = (args: Args) => programResource(() => row.make(row.resource.toLowerCase(), { service: SERVICE, ...args }));
  const storedRaw = (service: string, id: string) => fixture.zoneid.hostingItems(service, row.collection).find((item) => String(item[idField(row.collection)]) === id);
  /** The stored item as the user wrote it: a comment's creation tag (its last line) left out. */
  const stored = (service: string, id: string) => {
    const item = storedRaw(service, id);
    return item && typeof item.comment === "string" ? { ...item, comment: textWithoutTag(item.comment) } : item;
  };
  const count = (service: string) => fixture.zoneid.hostingItems(service, row.collection).length;
  /** Every provider process's log, kept across `newCommand`. */
  const logs: string[] = [];
  const newCommand = async () => {
    logs.push(fixture.host.stderr);
    await fixture.newCommand();
  };

  test("full lifecycle through the provider host", async () => {
    const { engine, zoneid } = fixture;
    const v1 = await program(row.v1);
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(created.entry.outputs).toMatchObject({ service: SERVICE, ...row.v1Outputs });
    expect(stored(SERVICE, created.entry.id)).toBeDefined();
    // Collections with a comment carry the creation tag there (how an interrupted create's item is recognised).
    const comment = storedRaw(SERVICE, created.entry.id)?.comment;
    if (typeof comment === "string") expect(tagIn(comment)).toMatch(CREATION_TAG_PATTERN);

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // update: in place where the API has a PUT (the id stays), else the replace it forces
    const v2 = await program(row.update.args);
    const updatePreview = await engine.preview(v2);
    expect(updatePreview.changes).toBe("some");
    expect(updatePreview.replaces.length > 0).toBe(row.update.operation === "replace");
    const updated = await engine.up(v2);
    expect(updated.operation).toBe(row.update.operation);
    if (row.update.operation === "update") expect(updated.entry.id).toBe(created.entry.id);
    expect(count(SERVICE)).toBe(1);
    expect(stored(SERVICE, updated.entry.id)).toMatchObject(row.update.live);
    await engine.refresh(v2.urn);
    expect((await engine.preview(v2)).changes).toBe("none");

    // a change that forces a replacement: the old object is deleted first
    const v3 = await program(row.replaced.args);
    expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: row.replaced.replaces, deleteBeforeReplace: true });
    const replaced = await engine.up(v3);
    expect(replaced.operation).toBe("replace");
    const service = replaced.entry.outputs.service as string;
    expect(count(SERVICE)).toBe(service === SERVICE ? 1 : 0);
    expect(count(service)).toBe(1);
    expect(stored(service, replaced.entry.id)).toBeDefined();

    // out-of-band change: refresh reports exactly it, up converges
    zoneid.changeHostingItem(service, row.collection, replaced.entry.id, row.drift.wire);
    await newCommand();
    const refreshed = await engine.refresh(v3.urn);
    expect(refreshed?.outputs).toMatchObject(row.drift.outputs);
    const driftPreview = await engine.preview(v3);
    expect(driftPreview.changes).toBe("some");
    const converged = await engine.up(v3);
    expect(stored(service, converged.entry.id)).toMatchObject(row.converged);
    await engine.refresh(v3.urn);
    expect((await engine.preview(v3)).changes).toBe("none");

    // out-of-band delete: refresh reports it gone, up creates it again
    zoneid.removeHostingItem(service, row.collection, converged.entry.id);
    await newCommand();
    expect(await engine.refresh(v3.urn)).toBeUndefined();
    expect((await engine.up(v3)).operation).toBe("create");

    const last = engine.entry(v3.urn);
    await engine.destroy(v3.urn);
    expect(count(service)).toBe(0);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);

    // secrets: in no log line; the API key in no serialized provider
    const allLogs = [...logs, fixture.host.stderr].join("\n");
    for (const secret of row.secrets) expect(allLogs).not.toContain(secret);
    expect(JSON.stringify(v3.inputs.__provider)).not.toContain(DEFAULT_ZONEID_API_KEY);
    expect(allLogs).not.toContain(DEFAULT_ZONEID_API_KEY);
  });
});

function idField(collection: string): string {
  return { "mail/account": "address", "mail/forwarder": "address", "database/mysql": "name", "database/mysql/account": "username", ssl: "id" }[collection] ?? "identificator";
}
