import { DnsRecord, DnsZoneRecords } from "../../resources/zoneid";
import { CheckFailedError, programResource, runProgram } from "../harness/engine";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";
import { startZoneid } from "../support/zoneidFixture";

/**
 * zoneid.DnsZoneRecords through Pulumi's dynamic-provider host against the
 * emulator (60 requests per minute on a clock 60 times faster).
 */

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
let zone: string;
let zoneCounter = 0;
beforeEach(() => {
  zone = fixture.zoneid.addZone(`zr${++zoneCounter}.example.com`).identificator;
});

type Args = Omit<ConstructorParameters<typeof DnsZoneRecords>[1], "zone">;
/** One resource per test (the engine's state lives as long as the file's fixture): named after the test's zone. */
const zoneRecords = (args: Args) => programResource(() => new DnsZoneRecords(zone, { zone, ...args }));
type PathType = Parameters<typeof fixture.zoneid.records>[1];
/** The zone's records that are not ZoneID's system records, as "name type value". */
const userRecords = (type?: PathType) =>
  fixture.zoneid
    .records(zone, type)
    .filter((record) => record.modify)
    .map((record) => `${record.name} ${record.recordType} ${record.destination}`)
    .sort();
const writes = () => fixture.server.requests.filter((request) => request.method !== "GET");
const listings = () => fixture.server.requests.filter((request) => request.method === "GET");

const SETS = [
  { name: "@", type: "MX", values: ["10 mx1.example.net", "20 mx2.example.net"] },
  { name: "www", type: "A", values: ["192.0.2.1", "192.0.2.2"] },
  { name: "www", type: "AAAA", values: ["2001:db8::1"] },
  { name: "_sip._tcp", type: "SRV", values: ["10 5 5060 sip.example.net"] },
  { name: "@", type: "CAA", values: ['0 issue "letsencrypt.org"'] },
  { name: "@", type: "TXT", values: ["v=spf1 -all"] },
  { name: "blog", type: "CNAME", values: ["www.example.net."] },
  { name: "host", type: "SSHFP", values: ["4 2 abcdef0123456789"] },
  { name: "_443._tcp", type: "TLSA", values: ["3 1 1 ABCDEF0123"] },
];

test("the class registers the type token zoneid:DnsZoneRecords", async () => {
  const [resource] = await runProgram(() => [new DnsZoneRecords("z", { zone: "example.com", records: [] })]);
  expect(resource.type).toBe("pulumi-nodejs:dynamic/zoneid:DnsZoneRecords");
});

test("lifecycle: create, no drift, update in place, out-of-band change shown per set, converge, delete, read after delete", async () => {
  const { engine } = fixture;
  const v1 = await zoneRecords({ records: SETS });
  fixture.server.resetRequests();
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.id).toBe(zone);
  // Ten listings (one per type: purge looks at every type), a POST per value, then one listing per type written.
  expect(writes().map((request) => request.method)).toEqual(Array(11).fill("POST"));
  expect(listings()).toHaveLength(10 + 9);
  expect(userRecords("mx")).toEqual([`${zone} mx mx1.example.net`, `${zone} mx mx2.example.net`]);
  expect(fixture.zoneid.records(zone, "srv").find((record) => record.modify)).toMatchObject({ name: `_sip._tcp.${zone}`, priority: 10, weight: 5, port: 5060, destination: "sip.example.net" });
  expect(fixture.zoneid.records(zone, "caa").find((record) => record.modify)).toMatchObject({ flag: 0, tag: "issue", destination: "letsencrypt.org" });
  expect(fixture.zoneid.records(zone, "sshfp")[0]).toMatchObject({ algorithm: 4, type: 2, destination: "abcdef0123456789" });
  expect(fixture.zoneid.records(zone, "tlsa")[0]).toMatchObject({ certificate_usage: 3, selector: 1, matching_type: 1, destination: "abcdef0123" });
  expect(created.entry.outputs).toMatchObject({ zoneName: zone, recordCount: 11 });
  expect(created.entry.outputs.recordSets).toMatchObject({ "www A": { ttl: 0, values: ["192.0.2.1", "192.0.2.2"] }, "@ MX": { values: ["10 mx1.example.net", "20 mx2.example.net"] } });
  // ZoneID's apex NS system records are not managed (never deleted, not in state).
  expect(Object.keys(created.entry.outputs.recordSets as object)).not.toContain("@ NS");
  expect(fixture.zoneid.records(zone, "ns")).toHaveLength(3);

  await fixture.newCommand();
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // One value of www A changes: one PUT of the old value's record (its id stays), nothing else written.
  const wwwA = fixture.zoneid.records(zone, "a").find((record) => record.destination === "192.0.2.2")!;
  const v2 = await zoneRecords({ records: SETS.map((set) => (set.name === "www" && set.type === "A" ? { ...set, values: ["192.0.2.1", "192.0.2.3"] } : set)) });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  fixture.server.resetRequests();
  expect((await engine.up(v2)).operation).toBe("update");
  expect(writes().map((request) => `${request.method} ${request.path.replace(/.*\/dns\//, "")}`)).toEqual([`PUT ${zone}/a/${wwwA.id}`]);
  expect(fixture.zoneid.records(zone, "a").find((record) => record.id === wwwA.id)?.destination).toBe("192.0.2.3");

  // Out of band: a value changed, a set added. Refresh shows both, per set; up converges.
  fixture.zoneid.changeRecord(zone, "mx", fixture.zoneid.records(zone, "mx").find((record) => record.priority === 20)!.id, { priority: 30 });
  fixture.zoneid.addRecord(zone, "a", { name: `stray.${zone}`, destination: "198.51.100.9" });
  await fixture.newCommand();
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.outputs.recordSets).toMatchObject({
    "@ MX": { values: ["10 mx1.example.net", "30 mx2.example.net"] },
    "stray A": { values: ["198.51.100.9"] },
  });
  expect(refreshed?.inputs.recordSets).toMatchObject({ "stray A": { values: ["198.51.100.9"] } });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  fixture.server.resetRequests();
  await engine.up(v2);
  expect(writes().map((request) => request.method).sort()).toEqual(["DELETE", "PUT"]);
  expect(userRecords("mx")).toEqual([`${zone} mx mx1.example.net`, `${zone} mx mx2.example.net`]);
  expect(fixture.zoneid.records(zone, "mx").map((record) => record.priority).sort()).toEqual([10, 20]);
  expect(userRecords("a")).toEqual([`www.${zone} a 192.0.2.1`, `www.${zone} a 192.0.2.3`]);
  await fixture.newCommand();
  await engine.refresh(v2.urn);
  expect((await engine.preview(v2)).changes).toBe("none");

  // Delete removes the declared sets' records, never ZoneID's system records; the state then reads as gone.
  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(userRecords()).toEqual([]);
  expect(fixture.zoneid.records(zone, "ns")).toHaveLength(3);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
});

describe("safety", () => {
  /** A zone of 20 A sets made outside Pulumi. */
  const seedTwenty = () => {
    for (let i = 0; i < 20; i++) fixture.zoneid.addRecord(zone, "a", { name: `h${i}.${zone}`, destination: `192.0.2.${i + 1}` });
  };
  const twenty = (changed: number) => Array.from({ length: 20 }, (_, i) => ({ name: `h${i}`, type: "A", values: [i < changed ? `198.51.100.${i + 1}` : `192.0.2.${i + 1}`] }));

  test("an update changing 40 % of 20 sets is refused with the plan in the message; force applies it", async () => {
    seedTwenty();
    const { engine } = fixture;
    await engine.up(await zoneRecords({ records: twenty(0) }));
    fixture.server.resetRequests();
    const risky = await zoneRecords({ records: twenty(8) });
    const refusal = engine.up(risky);
    await expect(refusal).rejects.toThrow(/zoneid:DnsZoneRecords zr\d+\.example\.com: refusing to apply: it would update or delete 8 of the 20 record sets/);
    await expect(refusal).rejects.toThrow(/~ h0 A \+198\.51\.100\.1; -192\.0\.2\.1/);
    await expect(refusal).rejects.toThrow(/force: true/);
    expect(writes()).toEqual([]);
    expect(userRecords("a")).toContain(`h0.${zone} a 192.0.2.1`);

    // force applies the refused plan, and does not cause a diff by itself.
    const forced = await zoneRecords({ records: twenty(8), force: true });
    expect((await engine.up(forced)).operation).toBe("update");
    expect(userRecords("a")).toContain(`h7.${zone} a 198.51.100.8`);
    expect((await engine.preview(await zoneRecords({ records: twenty(8) }))).changes).toBe("none");

    // Six more of twenty (30 %) may go without force.
    await engine.up(await zoneRecords({ records: twenty(14) }));
    expect(userRecords("a")).toContain(`h13.${zone} a 198.51.100.14`);
  });

  test("create over a zone whose undeclared sets purge would delete is refused too (safety against the live zone)", async () => {
    seedTwenty();
    const { engine } = fixture;
    const takeOver = await zoneRecords({ records: twenty(0).slice(0, 10) });
    await expect(engine.up(takeOver)).rejects.toThrow(/refusing to apply: it would update or delete 10 of the 20 record sets[\s\S]*- h10 A/);
    expect(engine.state.has(takeOver.urn)).toBe(false);
    expect(userRecords("a")).toHaveLength(20);
    // maxChangeShare raised: allowed.
    await engine.up(await zoneRecords({ records: twenty(0).slice(0, 10), maxChangeShare: 0.5 }));
    expect(userRecords("a")).toHaveLength(10);
  });

  test("a change of the apex NS set needs force; ZoneID's system NS records are refused by name, never written", async () => {
    const { engine } = fixture;
    const apexNs = ["ns1.zone.eu", "ns2.zone.ee", "ns3.zonedata.net"];
    const withExtra = await zoneRecords({ records: [{ name: "@", type: "NS", values: [...apexNs, "ns.example.net"] }] });
    await expect(engine.up(withExtra)).rejects.toThrow(/it would change the apex NS set, which always needs force/);
    await engine.up(await zoneRecords({ records: [{ name: "@", type: "NS", values: [...apexNs, "ns.example.net"] }], force: true }));
    expect(fixture.zoneid.records(zone, "ns").map((record) => record.destination).sort()).toEqual([...apexNs, "ns.example.net"].sort());
    fixture.server.resetRequests();
    const withoutSystem = await zoneRecords({ records: [{ name: "@", type: "NS", values: ["ns.example.net"] }], force: true });
    await expect(engine.up(withoutSystem)).rejects.toThrow(/"@ NS" holds ZoneID system records \(ns1\.zone\.eu, ns2\.zone\.ee, ns3\.zonedata\.net\)/);
    expect(writes()).toEqual([]);
  });
});

test("purge false leaves undeclared sets alone; purge true deletes them (never ignored ones)", async () => {
  const { engine } = fixture;
  fixture.zoneid.addRecord(zone, "txt", { name: `other.${zone}`, destination: "managed elsewhere" });
  fixture.zoneid.addRecord(zone, "a", { name: `old.${zone}`, destination: "192.0.2.99" });
  const keep = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }], purge: false });
  fixture.server.resetRequests();
  await engine.up(keep);
  // Without purge only the declared types are listed: one GET for A, one POST, one GET to verify.
  expect(fixture.server.requests.map((request) => request.method)).toEqual(["GET", "POST", "GET"]);
  expect(userRecords()).toEqual([`old.${zone} a 192.0.2.99`, `other.${zone} txt managed elsewhere`, `www.${zone} a 192.0.2.1`]);
  expect(Object.keys(engine.entry(keep.urn).outputs.recordSets as object)).toEqual(["www A"]);

  const purge = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }], purge: true, ignore: ["other/TXT"] });
  expect(await engine.preview(purge)).toMatchObject({ changes: "some" });
  await engine.up(purge);
  expect(userRecords()).toEqual([`other.${zone} txt managed elsewhere`, `www.${zone} a 192.0.2.1`]);
  expect(Object.keys(engine.entry(purge.urn).outputs.recordSets as object)).toEqual(["www A"]);
});

test("beside a per-record zoneid.DnsRecord of the same zone, through ignore: neither touches the other", async () => {
  const { engine } = fixture;
  const acme = await programResource(() => new DnsRecord("acme", { zone, type: "txt", name: "_acme-challenge", destination: "token-1" }));
  await engine.up(acme);
  const records = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }, { name: "@", type: "TXT", values: ["v=spf1 -all"] }], ignore: ["_acme-challenge*"] });
  await engine.up(records);
  expect(userRecords("txt")).toEqual([`_acme-challenge.${zone} txt token-1`, `${zone} txt v=spf1 -all`]);
  await fixture.newCommand();
  await engine.refresh(acme.urn);
  await engine.refresh(records.urn);
  expect((await engine.preview(acme)).changes).toBe("none");
  expect((await engine.preview(records)).changes).toBe("none");
  // The per-record resource changes its value: the zone resource still sees no drift.
  await engine.up(await programResource(() => new DnsRecord("acme", { zone, type: "txt", name: "_acme-challenge", destination: "token-2" })));
  await fixture.newCommand();
  await engine.refresh(records.urn);
  expect((await engine.preview(records)).changes).toBe("none");
  expect(userRecords("txt")).toEqual([`_acme-challenge.${zone} txt token-2`, `${zone} txt v=spf1 -all`]);
});

test("a declared set matched by ignore, a TTL, and values ZoneID cannot hold are refused by check, naming the property", async () => {
  const { engine } = fixture;
  const failures = async (args: Args) => {
    try {
      await engine.preview(await zoneRecords(args));
    } catch (error) {
      if (error instanceof CheckFailedError) return error.failures;
      throw error;
    }
    throw new Error("check passed");
  };
  expect(await failures({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }], ignore: ["www"] })).toEqual([
    { property: "ignore", reason: '"www A" is declared and matched by ignore: a set is either managed or ignored' },
  ]);
  expect(await failures({ records: [{ name: "www", type: "A", ttl: 300, values: ["192.0.2.1"] }] })).toEqual([
    { property: "records", reason: "records[0].ttl: ZoneID records have no TTL (the API has no field for one); remove it" },
  ]);
  expect(await failures({ records: [{ name: "h", type: "SSHFP", values: ["6 2 abcdef"] }] })).toEqual([
    { property: "records", reason: '"h SSHFP": "6 2 abcdef": ZoneID takes SSHFP algorithms 1-4 (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519)' },
  ]);
  expect(await failures({ zoneFile: "www 300 IN A 192.0.2.1\nwww IN PTR host.example.net.\n" })).toEqual([
    { property: "zoneFile", reason: expect.stringMatching(/^zoneFile line 2: /) },
  ]);
  expect(await failures({ records: [], maxChangeShare: 0 })).toEqual([{ property: "maxChangeShare", reason: "must be more than 0 and at most 1" }]);
});

test("zone-file import: BIND text with $ORIGIN, $TTL, SOA, multi-line and multi-string records; records replace the file's set", async () => {
  const { engine } = fixture;
  const zoneFile = [
    `$ORIGIN ${zone}.`,
    "$TTL 1h",
    "@ IN SOA ns1.zone.eu. hostmaster.zone.eu. ( 2024010101 3600 600 86400 300 )",
    "@       IN MX 10 mx1.example.net.",
    "        IN MX 20 mx2.example.net.",
    'txt 300 IN TXT "part one " "part two" ; comment',
    "www IN A 192.0.2.1",
    `_sip._tcp.${zone}. IN SRV 10 5 5060 sip.example.net.`,
    '@ IN CAA 0 issue "letsencrypt.org"',
    "old IN A 192.0.2.50",
  ].join("\n");
  const imported = await zoneRecords({ zoneFile, records: [{ name: "old", type: "A", values: ["192.0.2.51"] }] });
  await engine.up(imported);
  expect(userRecords()).toEqual(
    [
      `${zone} caa letsencrypt.org`,
      `${zone} mx mx1.example.net`,
      `${zone} mx mx2.example.net`,
      `_sip._tcp.${zone} srv sip.example.net`,
      `old.${zone} a 192.0.2.51`,
      `txt.${zone} txt part one part two`,
      `www.${zone} a 192.0.2.1`,
    ].sort(),
  );
  expect(engine.entry(imported.urn).outputs.recordSets).toMatchObject({ "txt TXT": { ttl: 0, values: ["part one part two"] }, "old A": { values: ["192.0.2.51"] } });
  await fixture.newCommand();
  await engine.refresh(imported.urn);
  expect((await engine.preview(imported)).changes).toBe("none");
});

test("a create that ZoneID refuses half-way stays in state with the refusal named; the next up finishes it", async () => {
  const { engine } = fixture;
  const noV6 = fixture.zoneid.addZone(`nov6-${zoneCounter}.example.com`, { ipv6: false }).identificator;
  const sets = [
    ...Array.from({ length: 5 }, (_, i) => ({ name: `a${i}`, type: "A", values: [`192.0.2.${i + 1}`] })),
    { name: "z", type: "AAAA", values: ["2001:db8::1"] },
  ];
  const first = await programResource(() => new DnsZoneRecords(noV6, { zone: noV6, records: sets }));
  await expect(engine.up(first)).rejects.toThrow(/zoneid:DnsZoneRecords nov6-\d+\.example\.com: adding 2001:db8::1 to "z AAAA": .*IPv6 records are not allowed in this zone/);
  // The records written are the resource's: it is in state (id: the zone), marked unfinished.
  expect(engine.entry(first.urn)).toMatchObject({ id: noV6, initErrors: [expect.stringMatching(/IPv6 records are not allowed/)] });
  const second = await programResource(() => new DnsZoneRecords(noV6, { zone: noV6, records: sets.slice(0, 5) }));
  expect((await engine.up(second)).operation).toBe("update");
  expect(fixture.zoneid.records(noV6, "a").map((record) => record.destination).sort()).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]);
  await engine.destroy(second.urn);
  expect(fixture.zoneid.records(noV6).filter((record) => record.modify)).toEqual([]);
});

describe("a killed apply, then a new `up`: converges exactly, nothing duplicated", () => {
  const fifteen = (prefix: string) => Array.from({ length: 15 }, (_, i) => ({ name: `${prefix}${i}`, type: "A", values: [`192.0.2.${i + 1}`] }));

  /**
   * Runs `up`, killing the provider process the moment the emulator applied
   * the `killAt`-th write; returns how many writes were applied in all (up to
   * four are in flight, and those that arrived are applied too).
   */
  async function upKilledAtWrite(resource: Awaited<ReturnType<typeof zoneRecords>>, killAt: number): Promise<number> {
    let applied = 0;
    fixture.server.onApplied((request) => {
      if (request.method === "GET") return;
      if (++applied === killAt) fixture.host.killNow();
    });
    await expect(fixture.engine.up(resource)).rejects.toThrow();
    await fixture.server.settled();
    fixture.server.onApplied(undefined);
    expect(applied).toBeGreaterThanOrEqual(killAt);
    await fixture.newCommand();
    return applied;
  }

  test("killed the moment ZoneID applied the 7th POST of a create", async () => {
    const resource = await zoneRecords({ records: fifteen("c") });
    const applied = await upKilledAtWrite(resource, 7);
    expect(fixture.engine.state.has(resource.urn)).toBe(false);
    expect(userRecords("a")).toHaveLength(applied);
    fixture.server.resetRequests();
    const { operation, entry } = await fixture.engine.up(resource);
    expect(operation).toBe("create");
    // Only the values still missing are created: nothing is sent twice.
    expect(writes().map((request) => request.method)).toEqual(Array(15 - applied).fill("POST"));
    expect(userRecords("a")).toEqual(fifteen("c").map((set) => `${set.name}.${zone} a ${set.values[0]}`).sort());
    expect(entry.id).toBe(zone);
    expect(entry.outputs.recordCount).toBe(15);
    await fixture.newCommand();
    await fixture.engine.refresh(resource.urn);
    expect((await fixture.engine.preview(resource)).changes).toBe("none");
  });

  test("killed the moment ZoneID applied the 5th write of an update", async () => {
    const { engine } = fixture;
    await engine.up(await zoneRecords({ records: fifteen("u") }));
    // Four values change (PUTs), one set goes (DELETE), three sets come (POSTs): 8 writes.
    const next = [...fifteen("u").slice(0, 14).map((set, i) => (i < 4 ? { ...set, values: [`198.51.100.${i + 1}`] } : set)), ...fifteen("n").slice(0, 3)];
    const resource = await zoneRecords({ records: next, maxChangeShare: 0.5 });
    const applied = await upKilledAtWrite(resource, 5);
    fixture.server.resetRequests();
    await engine.up(resource);
    expect(writes()).toHaveLength(8 - applied);
    expect(userRecords("a")).toEqual(next.map((set) => `${set.name}.${zone} a ${set.values[0]}`).sort());
  });
});

test("a create ZoneID refuses half-way: refresh and destroy work on its partial state (the host loads their provider from it)", async () => {
  const { engine } = fixture;
  const noV6 = fixture.zoneid.addZone(`nov6b-${zoneCounter}.example.com`, { ipv6: false }).identificator;
  const sets = [
    ...Array.from({ length: 3 }, (_, i) => ({ name: `a${i}`, type: "A", values: [`192.0.2.${i + 1}`] })),
    { name: "z", type: "AAAA", values: ["2001:db8::1"] },
  ];
  const resource = await programResource(() => new DnsZoneRecords(noV6, { zone: noV6, records: sets }));
  await expect(engine.up(resource)).rejects.toThrow(/IPv6 records are not allowed in this zone/);
  const entry = engine.entry(resource.urn);
  expect(entry).toMatchObject({ id: noV6, initErrors: [expect.any(String)] });
  expect(entry.outputs.__provider).toEqual(entry.inputs.__provider);
  await fixture.newCommand();
  expect((await engine.refresh(resource.urn))?.id).toBe(noV6);
  await fixture.newCommand();
  await engine.destroy(resource.urn);
  expect(engine.state.has(resource.urn)).toBe(false);
  // The records the half-made create wrote went with it.
  expect(fixture.zoneid.records(noV6).filter((record) => record.modify)).toEqual([]);
});

test("a create ZoneID refuses half-way, destroyed with no refresh between: the records it wrote go", async () => {
  const { engine } = fixture;
  const noV6 = fixture.zoneid.addZone(`nov6c-${zoneCounter}.example.com`, { ipv6: false }).identificator;
  const sets = [
    ...Array.from({ length: 3 }, (_, i) => ({ name: `a${i}`, type: "A", values: [`192.0.2.${i + 1}`] })),
    { name: "z", type: "AAAA", values: ["2001:db8::1"] },
  ];
  const resource = await programResource(() => new DnsZoneRecords(noV6, { zone: noV6, records: sets }));
  await expect(engine.up(resource)).rejects.toThrow(/IPv6 records are not allowed in this zone/);
  expect(fixture.zoneid.records(noV6).filter((record) => record.modify)).not.toEqual([]);
  await fixture.newCommand();
  await engine.destroy(resource.urn);
  expect(fixture.zoneid.records(noV6).filter((record) => record.modify)).toEqual([]);
});
