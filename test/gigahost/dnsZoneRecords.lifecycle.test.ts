import { DnsRecord, DnsZoneRecords } from "../../resources/gigahost";
import { zoneRecordsDetailedDiff } from "../../resources/gigahost/dnsZoneRecords";
import { CheckFailedError, programResource, runProgram } from "../harness/engine";
import { fixtureForFile } from "../support/fileFixture";
import { startGigahost } from "../support/gigahostFixture";

const fixture = fixtureForFile(() => startGigahost({ zoneWriteMs: 1 }));
let zoneId: string;
let zoneName: string;
let zoneCounter = 0;
beforeEach(() => {
  zoneName = `zr${++zoneCounter}.example.no`;
  zoneId = fixture.gigahost.addZone({ name: zoneName }).zone_id;
  // Gigahost's name servers, as a new zone lists them: never the resource's unless declared.
  fixture.gigahost.addRecord(zoneId, { name: "@", type: "NS", value: "ns1.gigahost.no", ttl: 86400 });
  fixture.gigahost.addRecord(zoneId, { name: "@", type: "NS", value: "ns2.gigahost.no", ttl: 86400 });
  fixture.server.resetRequests();
  // Each test is its own program: no resource of an earlier test's zone in state.
  fixture.engine.state.clear();
});

type Args = Omit<ConstructorParameters<typeof DnsZoneRecords>[1], "zoneId">;
const zoneRecords = (args: Args, name = "zone") => programResource(() => new DnsZoneRecords(name, { zoneId, ...args }));

/** The zone as Gigahost lists it: "name TYPE ttl value" lines, sorted (MX/SRV with their priority). */
function live(): string[] {
  return fixture.gigahost
    .records(zoneId)
    .map((r) => `${r.record_name} ${r.record_type} ${Number(r.record_ttl)} ${r.record_priority !== null && r.record_priority !== undefined ? `${Number(r.record_priority)} ` : ""}${r.record_value}`)
    .sort();
}

/** Requests to the zone's records since the last reset, as "METHOD" counts. */
function recordCalls(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of fixture.server.requests.filter((r) => r.path.includes(`/dns/zones/${zoneId}/records`))) {
    counts[request.method] = (counts[request.method] ?? 0) + 1;
  }
  return counts;
}

const NS = ["@ NS 86400 ns1.gigahost.no", "@ NS 86400 ns2.gigahost.no"];

test("lifecycle: create, no drift, update with the fewest calls, out-of-band drift per set, converge, delete, read after delete", async () => {
  const { engine } = fixture;
  const v1 = await zoneRecords({
    records: [
      { name: "www", type: "A", ttl: 600, values: ["192.0.2.1", "192.0.2.2"] },
      { name: "@", type: "MX", values: ["10 mail.example.no", "20 mx2.example.no."] },
      { name: "txt", type: "TXT", values: ["v=spf1 mx -all"] },
      { name: "old", type: "A", values: ["192.0.2.99"] },
    ],
  });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.id).toBe(zoneId);
  expect(live()).toEqual([
    ...NS,
    "@ MX 3600 10 mail.example.no",
    "@ MX 3600 20 mx2.example.no",
    "old A 3600 192.0.2.99",
    "txt TXT 3600 v=spf1 mx -all",
    "www A 600 192.0.2.1",
    "www A 600 192.0.2.2",
  ].sort());
  expect(created.entry.outputs).toMatchObject({
    zoneName,
    recordCount: 6,
    recordSets: {
      "@ MX": { ttl: 3600, values: ["10 mail.example.no", "20 mx2.example.no"] },
      "old A": { ttl: 3600, values: ["192.0.2.99"] },
      "txt TXT": { ttl: 3600, values: ["v=spf1 mx -all"] },
      "www A": { ttl: 600, values: ["192.0.2.1", "192.0.2.2"] },
    },
  });
  // The apex NS is Gigahost's: not managed, so not in state.
  expect(created.entry.outputs.recordSets).not.toHaveProperty(["@ NS"]);
  // Six writes, one listing to plan and one to confirm: no listing per write.
  expect(recordCalls()).toEqual({ GET: 2, POST: 6 });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // update: one value of www replaced (one PUT), a TTL changed (one PUT per record), a set added (POST), a set removed (one DELETE)
  fixture.server.resetRequests();
  await fixture.newCommand();
  const v2 = await zoneRecords({
    records: [
      { name: "www", type: "A", ttl: 600, values: ["192.0.2.1", "192.0.2.3"] },
      { name: "@", type: "MX", ttl: 300, values: ["10 mail.example.no", "20 mx2.example.no"] },
      { name: "txt", type: "TXT", values: ["v=spf1 mx -all"] },
      { name: "new", type: "AAAA", values: ["2001:db8::1"] },
    ],
  });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(zoneId);
  expect(live()).toEqual([
    ...NS,
    "@ MX 300 10 mail.example.no",
    "@ MX 300 20 mx2.example.no",
    "new AAAA 3600 2001:db8::1",
    "txt TXT 3600 v=spf1 mx -all",
    "www A 600 192.0.2.1",
    "www A 600 192.0.2.3",
  ].sort());
  expect(recordCalls()).toEqual({ GET: 2, POST: 1, PUT: 3, DELETE: 1 });
  const deleteOfOld = fixture.server.requests.find((r) => r.method === "DELETE")!;
  expect(deleteOfOld.query).toEqual({ name: "old", type: "A" });

  // out of band: a TTL changed and a record added; refresh shows the drift per set, up converges
  const www = fixture.gigahost.records(zoneId).find((r) => r.record_value === "192.0.2.3")!;
  fixture.gigahost.updateRecord(zoneId, www.record_id, { ttl: 60 });
  fixture.gigahost.addRecord(zoneId, { name: "stray", type: "TXT", value: "someone else", ttl: 300 });
  await fixture.newCommand();
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.outputs.recordSets).toMatchObject({
    "www A": { ttl: 60, values: ["192.0.2.1", "192.0.2.3"] },
    "stray TXT": { ttl: 300, values: ["someone else"] },
  });
  expect(zoneRecordsDetailedDiff(refreshed!.outputs, (await fixture.host.check(v2.urn, refreshed!.inputs, v2.inputs)).inputs)).toEqual({
    'recordSets["stray TXT"]': { kind: "delete", inputDiff: true },
    'recordSets["www A"]': { kind: "update", inputDiff: true },
  });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(live()).not.toContain("stray TXT 300 someone else");
  expect(live()).toContain("www A 600 192.0.2.3");
  expect((await engine.preview(v2)).changes).toBe("none");

  // delete: the declared sets go, Gigahost's NS stays; a read of the old state then reports it gone
  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(live()).toEqual(NS);
  const read = await fixture.host.read(last.id, v2.urn, last.outputs, last.inputs);
  expect(read.id).toBe("");
  await fixture.host.delete(last.id, v2.urn, last.outputs);
});

test("safety: a plan changing more than 30 % of ≥ 10 sets is refused with the plan, before any write; force applies it", async () => {
  const { engine } = fixture;
  const sets = Array.from({ length: 12 }, (_, i) => ({ name: `h${i}`, type: "A", values: [`192.0.2.${i + 1}`] }));
  const first = await zoneRecords({ records: sets });
  await engine.up(first);
  fixture.server.resetRequests();

  // 4 of 12 (33 %) changed or deleted: refused
  const tooMuch = await zoneRecords({ records: [...sets.slice(0, 8), { ...sets[8], ttl: 60 }] });
  await expect(engine.up(tooMuch)).rejects.toThrow(/refusing to apply: it would update or delete 4 of the 12 record sets/);
  const error = await engine.up(tooMuch).catch((caught: Error) => caught);
  expect(String(error)).toContain("~ h8 A ttl 3600→60");
  expect(String(error)).toContain("- h9 A");
  expect(String(error)).toContain("- h10 A");
  expect(String(error)).toContain("- h11 A");
  expect(String(error)).toContain("`force: true`");
  expect(fixture.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(live()).toHaveLength(14);

  // 3 of 12 (25 %): allowed
  const allowed = await zoneRecords({ records: [...sets.slice(0, 9), { ...sets[9], ttl: 60 }] });
  expect((await engine.up(allowed)).operation).toBe("update");
  expect(live()).toHaveLength(12);

  // force (never a diff by itself) lets a refused plan through
  const cut = await zoneRecords({ records: sets.slice(0, 5), force: true });
  await engine.up(cut);
  expect(live()).toHaveLength(7);
  const unforced = await zoneRecords({ records: sets.slice(0, 5) });
  expect((await engine.preview(unforced)).changes).toBe("none");
});

test("safety holds at create too: a new resource over a populated zone that would purge most of it is refused; the apex NS needs force", async () => {
  const { engine } = fixture;
  for (let i = 0; i < 10; i++) fixture.gigahost.addRecord(zoneId, { name: `legacy${i}`, type: "A", value: `192.0.2.${i + 1}`, ttl: 3600 });
  const fresh = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.80"] }] });
  await expect(engine.up(fresh)).rejects.toThrow(/refusing to apply: it would update or delete 10 of the 10 record sets/);
  expect(fixture.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(engine.state.has(fresh.urn)).toBe(false);

  const nameServers = await zoneRecords({ purge: false, records: [{ name: "@", type: "NS", values: ["ns1.other.no", "ns2.other.no"] }] }, "ns");
  await expect(engine.up(nameServers)).rejects.toThrow(/it would change the apex NS set, which always needs force/);
  const forced = await zoneRecords({ purge: false, force: true, records: [{ name: "@", type: "NS", values: ["ns1.other.no", "ns2.other.no"] }] }, "ns");
  await engine.up(forced);
  expect(live().filter((line) => line.startsWith("@ NS"))).toEqual(["@ NS 3600 ns1.other.no", "@ NS 3600 ns2.other.no"]);
});

test("purge false leaves undeclared records alone, in apply and in delete", async () => {
  const { engine } = fixture;
  fixture.gigahost.addRecord(zoneId, { name: "other", type: "TXT", value: "not ours", ttl: 300 });
  const resource = await zoneRecords({ purge: false, records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] });
  const created = await engine.up(resource);
  expect(live()).toContain("other TXT 300 not ours");
  expect(Object.keys(created.entry.outputs.recordSets as object)).toEqual(["www A"]);
  await engine.destroy(resource.urn);
  expect(live()).toContain("other TXT 300 not ours");
  expect(live()).toContain("www A 3600 192.0.2.1");
});

test("ignore: a per-record DnsRecord beside the zone resource is never touched; declaring an ignored set is refused at check", async () => {
  const { engine } = fixture;
  const [challenge] = await runProgram(() => [new DnsRecord("challenge", { zoneId, name: "_acme-challenge", type: "TXT", value: "token-1" })]);
  await engine.up(challenge);
  const zone = await zoneRecords({ ignore: ["_acme-challenge*"], records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] });
  await engine.up(zone);
  expect(live()).toContain("_acme-challenge TXT 3600 token-1");
  // the per-record resource updates its record; the zone resource sees no drift
  const [challenge2] = await runProgram(() => [new DnsRecord("challenge", { zoneId, name: "_acme-challenge", type: "TXT", value: "token-2" })]);
  await engine.up(challenge2);
  await fixture.newCommand();
  await engine.refresh(zone.urn);
  expect((await engine.preview(zone)).changes).toBe("none");
  await engine.destroy(zone.urn);
  expect(live()).toEqual([...NS, "_acme-challenge TXT 3600 token-2"].sort());
  expect((await engine.preview(challenge2)).changes).toBe("none");

  const both = await zoneRecords({ ignore: ["www"], records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] });
  await expect(engine.up(both)).rejects.toThrow(CheckFailedError);
  await expect(engine.up(both)).rejects.toThrow(/ignore: "www A" is declared and matched by ignore/);
});

test("zone-file import merged with records (records win per set); problems carry the line number", async () => {
  const { engine } = fixture;
  const zoneFile = [
    `$ORIGIN ${zoneName}.`,
    "$TTL 1h",
    `@ IN SOA ns1.gigahost.no. hostmaster.${zoneName}. ( 1 3600 900 604800 300 )`,
    "@     IN MX 10 mail",
    "mail  IN A  192.0.2.25",
    "www   300 IN A 192.0.2.1",
    "      300 IN A 192.0.2.2",
    'txt   IN TXT ( "v=spf1 " "mx -all" ) ; split in two strings',
    "_sip._tcp IN SRV 10 5 5060 sip",
  ].join("\n");
  const resource = await zoneRecords({ zoneName, zoneFile, records: [{ name: "www", type: "A", ttl: 600, values: ["192.0.2.9"] }] });
  await engine.up(resource);
  expect(live()).toEqual([
    ...NS,
    `@ MX 3600 10 mail.${zoneName}`,
    "_sip._tcp SRV 3600 10 5 5060 sip." + zoneName,
    "mail A 3600 192.0.2.25",
    "txt TXT 3600 v=spf1 mx -all",
    "www A 600 192.0.2.9",
  ].sort());
  await engine.refresh(resource.urn);
  expect((await engine.preview(resource)).changes).toBe("none");

  const bad = await zoneRecords({ zoneName, zoneFile: "www A 192.0.2.1\nx.other.com. A 192.0.2.2\n" }, "bad");
  await expect(engine.up(bad)).rejects.toThrow('zoneFile: zoneFile line 2: "x.other.com." is fully qualified but not inside zone');
  const noName = await zoneRecords({ zoneFile: "www A 192.0.2.1\n" }, "noname");
  await expect(engine.up(noName)).rejects.toThrow(/zoneName: is required with zoneFile/);
  const wrongName = await zoneRecords({ zoneName: "other.example.no", records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] }, "wrong");
  await expect(engine.up(wrongName)).rejects.toThrow(`zoneName "other.example.no" is not the name of zone ${zoneId} (${zoneName})`);
  const fullName = await zoneRecords({ records: [{ name: `www.${zoneName}`, type: "A", values: ["192.0.2.1"] }] }, "full");
  await expect(engine.up(fullName)).rejects.toThrow(`write it relative to the zone: "www"`);
});

test("documented DELETE (whole name+type set): a value removed from a set, the siblings the vendor took are put back in the next round", async () => {
  // This file's emulator narrows by value (the live API); this test asks for the documented behaviour.
  const { startGigahost: start } = await import("../support/gigahostFixture");
  const documented = await start({ zoneWriteMs: 1, quirks: { deleteIgnoresValue: true } });
  try {
    const id = documented.gigahost.addZone({ name: "documented.example.no" }).zone_id;
    const pool = (values: string[]) => programResource(() => new DnsZoneRecords("pool", { zoneId: id, records: [{ name: "pool", type: "A", values }] }));
    await documented.engine.up(await pool(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]));
    // two values go: one is replaced in place (PUT), one deleted by value, which takes the whole set
    await documented.engine.up(await pool(["192.0.2.1", "192.0.2.2", "192.0.2.5"]));
    expect(documented.gigahost.records(id).map((r) => r.record_value).sort()).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.5"]);
  } finally {
    await documented.stop();
  }
});

test("moving from per-record DnsRecords to DnsZoneRecords: the zone resource takes the records over without a write; dropping the per-record resources from state keeps them, destroying them would not", async () => {
  const { engine } = fixture;
  const perRecord = await runProgram(() => [
    new DnsRecord("www", { zoneId, name: "www", type: "A", value: "192.0.2.1", ttl: 600 }),
    new DnsRecord("www2", { zoneId, name: "www", type: "A", value: "192.0.2.2", ttl: 600 }),
    new DnsRecord("mx", { zoneId, name: "@", type: "MX", value: "mail.example.no", priority: 10 }),
  ]);
  for (const resource of perRecord) await engine.up(resource);
  const before = live();
  fixture.server.resetRequests();

  // Step 1: the zone resource declaring the same records: its create finds them all and writes nothing.
  const zone = await zoneRecords({
    records: [
      { name: "www", type: "A", ttl: 600, values: ["192.0.2.1", "192.0.2.2"] },
      { name: "@", type: "MX", values: ["10 mail.example.no"] },
    ],
  });
  await engine.up(zone);
  expect(fixture.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
  expect(live()).toEqual(before);

  // Step 2 (`pulumi state delete <urn>`, or retainOnDelete then removal from the program): state forgets them, the records stay.
  for (const resource of perRecord.slice(0, 2)) engine.state.delete(resource.urn);
  await fixture.newCommand();
  await engine.refresh(zone.urn);
  expect((await engine.preview(zone)).changes).toBe("none");
  expect(live()).toEqual(before);

  // The trap: a per-record resource removed from the program without either is destroyed by `up`, and its record goes.
  await engine.destroy(perRecord[2].urn);
  expect(live()).not.toContain("@ MX 3600 10 mail.example.no");
  await fixture.newCommand();
  await engine.refresh(zone.urn);
  expect((await engine.preview(zone)).changes).toBe("some");
  // the zone resource's next `up` puts it back (after a gap)
  await engine.up(zone);
  expect(live()).toEqual(before);
});

describe("a create Gigahost refuses half-way (the fourth POST answered 500): the resource is in state, and every later command works on it", () => {
  const SETS = Array.from({ length: 6 }, (_, i) => ({ name: `h${i}`, type: "A" as const, values: [`192.0.2.${i + 1}`] }));
  const declared = SETS.map((set) => `${set.name} A 3600 ${set.values[0]}`);

  /** `up` of a new resource whose fourth record POST (and every one after) is applied and answered 500. */
  async function refusedCreate() {
    const resource = await zoneRecords({ records: SETS });
    let posts = 0;
    fixture.server.onApplied((request) => {
      if (request.method === "POST" && request.path.includes(`/dns/zones/${zoneId}/records`) && ++posts >= 4) {
        throw new Error("test: Gigahost fails the record POST");
      }
    });
    try {
      await expect(fixture.engine.up(resource)).rejects.toThrow();
    } finally {
      fixture.server.onApplied(undefined);
    }
    const entry = fixture.engine.entry(resource.urn);
    expect(entry).toMatchObject({ id: zoneId, initErrors: [expect.any(String)] });
    // The host loads a later read or delete's provider from the partial state: it must carry it.
    expect(entry.outputs.__provider).toEqual(entry.inputs.__provider);
    expect(live().length).toBeGreaterThan(NS.length);
    return resource;
  }

  test("refresh reads the partial state, then `up` finishes the zone", async () => {
    const resource = await refusedCreate();
    await fixture.newCommand();
    const refreshed = await fixture.engine.refresh(resource.urn);
    expect(refreshed?.id).toBe(zoneId);
    await fixture.newCommand();
    expect((await fixture.engine.up(resource)).operation).toBe("update");
    expect(live()).toEqual([...NS, ...declared].sort());
    expect(fixture.engine.entry(resource.urn).initErrors).toBeUndefined();
    expect((await fixture.engine.preview(resource)).changes).toBe("none");
  });

  test("destroy removes the records the half-made create wrote", async () => {
    const resource = await refusedCreate();
    await fixture.newCommand();
    await fixture.engine.destroy(resource.urn);
    expect(live()).toEqual(NS);
  });
});

test("read of the partial state 0.2.0 left (only zoneName) does not fail", async () => {
  const resource = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] });
  await fixture.engine.up(resource);
  const entry = fixture.engine.entry(resource.urn);
  const partial = { zoneName, __provider: entry.outputs.__provider };
  const read = await fixture.host.read(zoneId, resource.urn, partial, entry.inputs);
  expect(read.id).toBe(zoneId);
});
