import * as pulumi from "@pulumi/pulumi";
import { DomainContact, DomainNameserver, DomainSettings } from "../../resources/zoneid";
import { CheckFailedError, programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const DOMAIN = "example.ee";
const OTHER = "example.eu";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.domains.addDomain(DOMAIN);
  fixture.zoneid.domains.addDomain(OTHER);
});

type Args = Record<string, unknown>;
const collections = () => fixture.zoneid.domains.collections;
const items = (domain: string, path: string) => collections().list(domain, path);

const CONTACT = { role: "tech", name: "Mari Maasikas", email: "Mari@Example.ee", phone: "+372.555 1234", street: "Pikk 1", city: "Tallinn", postalCode: "10123", country: "ee" };

/** Same sequence as the web hosting table: create, no drift, in-place update, replace, drift, converge, out-of-band delete, destroy. */
const cases: {
  resource: string;
  collection: string;
  idField: string;
  make: (name: string, args: Args) => pulumi.Resource;
  v1: Args;
  v1Outputs: Args;
  update: { args: Args; live: Args };
  replaced: { args: Args; replaces: string[] };
  drift: { wire: Args; outputs: Args };
  converged: Args;
}[] = [
  {
    resource: "DomainNameserver",
    collection: "nameserver",
    idField: "hostname",
    make: (name, args) => new DomainNameserver(name, args as never),
    v1: { hostname: "NS1.Example.ee.", ips: ["192.0.2.53"] },
    v1Outputs: { hostname: "ns1.example.ee", ips: ["192.0.2.53"] },
    update: { args: { hostname: "ns1.example.ee", ips: ["192.0.2.53", "2001:DB8:0::53"] }, live: { ip: ["192.0.2.53", "2001:db8::53"] } },
    replaced: { args: { hostname: "ns.provider.net" }, replaces: ["hostname"] },
    drift: { wire: { hostname: "ns.provider.net", ip: ["198.51.100.9"] }, outputs: { ips: ["198.51.100.9"] } },
    converged: { ip: [] },
  },
  {
    resource: "DomainContact",
    collection: "contact",
    idField: "identificator",
    make: (name, args) => new DomainContact(name, args as never),
    v1: CONTACT,
    v1Outputs: { role: "tech", email: "mari@example.ee", phone: "+372.5551234", country: "EE", organization: "", identType: null },
    update: { args: { ...CONTACT, phone: "+372.5559999", organization: "Näide OÜ" }, live: { voice: "+372.5559999", organization: "Näide OÜ" } },
    replaced: { args: { ...CONTACT, role: "admin", phone: "+372.5559999" }, replaces: ["role"] },
    drift: { wire: { city: "Tartu" }, outputs: { city: "Tartu" } },
    converged: { city: "Tallinn" },
  },
];

describe.each(cases)("$resource", (row) => {
  const program = (args: Args) => programResource(() => row.make(row.resource.toLowerCase(), { service: DOMAIN, ...args }));
  const mine = () => items(DOMAIN, row.collection).filter((item) => row.resource !== "DomainNameserver" || !String(item.hostname).endsWith("zone.eu"));

  test("full lifecycle through the provider host", async () => {
    const { engine, zoneid } = fixture;
    const before = mine().length;
    const v1 = await program(row.v1);
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(mine()).toHaveLength(before + 1);
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    const v2 = await program(row.update.args);
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await engine.up(v2);
    expect(updated.operation).toBe("update");
    expect(updated.entry.id).toBe(created.entry.id);
    expect(collections().get(DOMAIN, row.collection, updated.entry.id)).toMatchObject(row.update.live);

    const v3 = await program(row.replaced.args);
    expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: row.replaced.replaces, deleteBeforeReplace: true });
    const replaced = await engine.up(v3);
    expect(replaced.operation).toBe("replace");
    expect(mine()).toHaveLength(before + 1);
    await engine.refresh(v3.urn);
    expect((await engine.preview(v3)).changes).toBe("none");

    zoneid.domains.collections.update(DOMAIN, row.collection, replaced.entry.id, row.drift.wire, { force: true });
    await fixture.newCommand();
    expect((await engine.refresh(v3.urn))?.outputs).toMatchObject(row.drift.outputs);
    expect((await engine.preview(v3)).changes).toBe("some");
    const converged = await engine.up(v3);
    expect(collections().get(DOMAIN, row.collection, converged.entry.id)).toMatchObject(row.converged);

    zoneid.domains.collections.delete(DOMAIN, row.collection, converged.entry.id);
    await fixture.newCommand();
    expect(await engine.refresh(v3.urn)).toBeUndefined();
    expect((await engine.up(v3)).operation).toBe("create");

    const last = engine.entry(v3.urn);
    await engine.destroy(v3.urn);
    expect(mine()).toHaveLength(before);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
  });
});

test("DomainSettings: adopt-only, settings applied, drift found and converged, delete stops managing", async () => {
  const { engine, zoneid } = fixture;
  zoneid.domains.addDomain("settings.ee", { autorenew: true, dnssec: false, renewal_notifications: true, nameservers_custom: true });
  const settings = (args: Args) => programResource(() => new DomainSettings("settings", { domain: "Settings.ee.", adopt: true, ...args } as never));
  const v1 = await settings({ renewalNotifications: true, signingRequired: true });
  fixture.server.resetRequests();
  const created = await engine.up(v1);
  expect(created.entry.id).toBe("settings.ee");
  expect(created.entry.outputs).toMatchObject({ domain: "settings.ee", autorenew: true, renewalNotifications: true, dnssec: false, signingRequired: true, dnssecPending: false, expires: expect.any(String) });
  // nameserversCustom is not managed: neither sent nor kept in state
  expect(created.entry.outputs.nameserversCustom).toBeUndefined();
  // PUT carries only the difference (the emulator refuses read-only fields)
  expect(fixture.server.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await settings({ renewalNotifications: false, signingRequired: true, nameserversCustom: false });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  fixture.server.resetRequests();
  expect((await engine.up(v2)).operation).toBe("update");
  // Renewal reminders go through "Update domain preferences"; the other settings through PUT /domain/{name}.
  expect(fixture.server.requests.filter((r) => r.method === "PUT").map((r) => r.path.replace(/^\/zoneid\/v2/, ""))).toEqual(["/domain/settings.ee", "/domain/settings.ee/preferences"]);
  expect(zoneid.domains.get("settings.ee")).toMatchObject({ renewal_notifications: false, nameservers_custom: false, autorenew: true });

  zoneid.domains.update("settings.ee", { signing_required: false, autorenew: false }, { force: true });
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ signingRequired: false, autorenew: false });
  await engine.up(v2);
  expect(zoneid.domains.get("settings.ee")).toMatchObject({ signing_required: true, autorenew: false });

  // the domain leaves the account: refresh reports it gone
  const last = engine.entry(v2.urn);
  zoneid.domains.removeDomain("settings.ee");
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  zoneid.domains.addDomain("settings.ee");
  expect((await engine.up(v2)).operation).toBe("create");
  fixture.server.resetRequests();
  await engine.destroy(v2.urn);
  expect(fixture.server.requests).toHaveLength(0);
  expect(zoneid.domains.get("settings.ee")).toMatchObject({ signing_required: true, renewal_notifications: false });
  zoneid.domains.removeDomain("settings.ee");
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);

  const missing = await engine.up(await programResource(() => new DomainSettings("missing", { domain: "missing.ee", adopt: true, renewalNotifications: true }))).catch((e) => e);
  expect(String(missing)).toMatch(/no domain missing\.ee/);
});

test("DomainSettings: state of a version that managed autorenew/dnssec keeps working; setting them is refused at check, naming them", async () => {
  const { engine, zoneid, host } = fixture;
  zoneid.domains.addDomain("upgrade.ee", { autorenew: true, dnssec: true, renewal_notifications: true });
  const current = await engine.up(await programResource(() => new DomainSettings("upgrade", { domain: "upgrade.ee", adopt: true, renewalNotifications: true })));
  // State as the previous version wrote it: autorenew and dnssec were inputs as well as outputs.
  const oldInputs = { ...current.entry.inputs, autorenew: true, dnssec: true };
  const oldOutputs = { ...current.entry.outputs, autorenew: true, dnssec: true };
  const urn = current.entry.urn;
  const refreshed = await host.read("upgrade.ee", urn, oldOutputs, oldInputs);
  expect(refreshed.id).toBe("upgrade.ee");
  expect(refreshed.inputs).not.toHaveProperty("autorenew");
  const diff = await host.diff("upgrade.ee", urn, oldOutputs, current.entry.inputs);
  expect(diff.changes).toBe("none");
  fixture.server.resetRequests();
  await host.delete("upgrade.ee", urn, oldOutputs);
  expect(fixture.server.requests).toHaveLength(0);

  const kept = await engine.up(await programResource(() => new DomainSettings("upgrade", { domain: "upgrade.ee", adopt: true, renewalNotifications: true, autorenew: false, dnssec: false } as never))).catch((e) => e);
  expect(kept).toBeInstanceOf(CheckFailedError);
  expect((kept as CheckFailedError).failures).toEqual(
    expect.arrayContaining([
      { property: "autorenew", reason: "autorenew cannot be set through the API (read-only in ZoneID's spec); remove it" },
      { property: "dnssec", reason: "dnssec cannot be set through the API (read-only in ZoneID's spec); remove it" },
    ]),
  );
  expect(zoneid.domains.get("upgrade.ee")).toMatchObject({ autorenew: true, dnssec: true });
});

test("a registrant already exists: managed only with adopt", async () => {
  const { engine, zoneid } = fixture;
  zoneid.domains.collections.create(OTHER, "contact", { role: "registrant", name: "Old Owner", email: "old@example.eu" });
  const args = { ...CONTACT, service: OTHER, role: "registrant" };
  const refused = await engine.up(await programResource(() => new DomainContact("owner", args as never))).catch((e) => e);
  expect(String(refused)).toMatch(/contact registrant of domain example\.eu already exists .*adopt: true/);
  const adopted = await engine.up(await programResource(() => new DomainContact("owner2", { ...args, adopt: true } as never)));
  expect(collections().get(OTHER, "contact", adopted.entry.id)).toMatchObject({ name: "Mari Maasikas", voice: "+372.5551234" });
});

const invalid: [string, (args: Args) => pulumi.Resource, [Args, string][]][] = [
  [
    "DomainNameserver",
    (args) => new DomainNameserver("bad", args as never),
    [
      [{ service: DOMAIN, hostname: "not a host" }, "hostname"],
      [{ service: DOMAIN, hostname: "ns1.example.ee" }, "ips"],
      [{ service: DOMAIN, hostname: "ns.provider.net", ips: ["192.0.2.1"] }, "ips"],
      [{ service: DOMAIN, hostname: "ns1.example.ee", ips: ["999.1.1.1"] }, "ips.0"],
      [{ service: "nodot", hostname: "ns.provider.net" }, "service"],
      [{ service: DOMAIN }, "hostname"],
    ],
  ],
  [
    "DomainContact",
    (args) => new DomainContact("bad", args as never),
    [
      [{ ...CONTACT, service: DOMAIN, role: "owner" }, "role"],
      [{ ...CONTACT, service: DOMAIN, email: "nope" }, "email"],
      [{ ...CONTACT, service: DOMAIN, phone: "+372 5551234" }, "phone"],
      [{ ...CONTACT, service: DOMAIN, country: "Estonia" }, "country"],
      [{ ...CONTACT, service: DOMAIN, identNumber: "38001010000" }, "identType"],
      [{ ...CONTACT, service: DOMAIN, name: "" }, "name"],
    ],
  ],
  [
    "DomainSettings",
    (args) => new DomainSettings("bad", args as never),
    [
      [{ domain: DOMAIN, renewalNotifications: true }, "adopt"],
      [{ domain: DOMAIN, adopt: false, renewalNotifications: true }, "adopt"],
      [{ domain: DOMAIN, adopt: true }, "renewalNotifications"],
      [{ domain: DOMAIN, adopt: true, renewalNotifications: true, autorenew: true }, "autorenew"],
      [{ domain: DOMAIN, adopt: true, renewalNotifications: true, dnssec: false }, "dnssec"],
      [{ domain: DOMAIN, adopt: true, renewalNotifications: true, signingRequired: "yes" }, "signingRequired"],
      [{ domain: DOMAIN, adopt: true, renewalNotifications: true, nameserversCustom: true }, "nameserversCustom"],
      [{ domain: "bad domain", adopt: true, renewalNotifications: true }, "domain"],
      [{ domain: DOMAIN, adopt: true, renewalNotifications: true, transferLock: true }, "transferLock"],
    ],
  ],
];

describe.each(invalid)("%s: bad input is caught at check with zero API calls", (_resource, make, rows) => {
  test.each(rows)("%j → %s", async (args, property) => {
    fixture.server.resetRequests();
    const failure = await fixture.engine.up(await programResource(() => make(args))).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
    expect(fixture.server.requests).toHaveLength(0);
  });
});
