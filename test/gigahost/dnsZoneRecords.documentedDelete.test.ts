import { DnsZoneRecords } from "../../resources/gigahost";
import { liveZone } from "../../resources/gigahost/dnsZoneRecords";
import { ignoreMatcher, managedView, planZone, safetyProblem } from "../../provider/zoneRecords";
import { programResource } from "../harness/engine";
import { fixtureForFile } from "../support/fileFixture";
import { startGigahost } from "../support/gigahostFixture";

// The documented DELETE (a whole name+type set, whatever `value` says); the live API narrows by value.
const fixture = fixtureForFile(() => startGigahost({ zoneWriteMs: 1, quirks: { deleteIgnoresValue: true } }));
let zoneId: string;
let zoneName: string;
let zoneCounter = 0;
beforeEach(() => {
  zoneName = `review${++zoneCounter}.example.no`;
  zoneId = fixture.gigahost.addZone({ name: zoneName }).zone_id;
  fixture.gigahost.addRecord(zoneId, { name: "@", type: "NS", value: "ns1.gigahost.no", ttl: 86400 });
  fixture.server.resetRequests();
  fixture.engine.state.clear();
});

type Args = Omit<ConstructorParameters<typeof DnsZoneRecords>[1], "zoneId">;
const zoneRecords = (args: Args, name = "zone") => programResource(() => new DnsZoneRecords(name, { zoneId, ...args }));

function live(): string[] {
  return fixture.gigahost
    .records(zoneId)
    .map((r) => `${r.record_name} ${r.record_type} ${Number(r.record_ttl)} ${r.record_value}`)
    .sort();
}

test("delete keeps a value added elsewhere to a declared set: the documented DELETE takes the whole set, the other value is created again with a warning", async () => {
  const { engine } = fixture;
  const resource = await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] });
  await engine.up(resource);
  fixture.gigahost.addRecord(zoneId, { name: "www", type: "A", value: "192.0.2.9", ttl: 600 });
  await engine.destroy(resource.urn);
  expect(live()).toEqual(["@ NS 86400 ns1.gigahost.no", "www A 600 192.0.2.9"]);
  expect(fixture.host.stderr).toContain("creating them again: www A 192.0.2.9");
});

test("a set no longer declared is deleted before a CNAME is created at its name", async () => {
  const { engine } = fixture;
  await engine.up(await zoneRecords({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }] }));
  fixture.server.resetRequests();
  await engine.up(await zoneRecords({ records: [{ name: "www", type: "CNAME", values: ["target.example.no"] }] }));
  const writes = fixture.server.requests.filter((r) => r.method !== "GET").map((r) => (r.method === "DELETE" ? `DELETE ${r.query.name} ${r.query.type}` : r.method));
  expect(writes).toEqual(["DELETE www A", "POST"]);
  expect(live()).toEqual(["@ NS 86400 ns1.gigahost.no", "www CNAME 3600 target.example.no"]);
});

test("a set whose records carry different TTLs shows as drift and is rewritten to the declared TTL, only the record that differs", async () => {
  const { engine } = fixture;
  const resource = await zoneRecords({ records: [{ name: "www", type: "A", ttl: 300, values: ["192.0.2.1", "192.0.2.2"] }] });
  await engine.up(resource);
  const second = fixture.gigahost.records(zoneId).find((r) => r.record_value === "192.0.2.2")!;
  fixture.gigahost.updateRecord(zoneId, second.record_id, { ttl: 3600 });
  await fixture.newCommand();
  const refreshed = await engine.refresh(resource.urn);
  expect(refreshed?.outputs.recordSets).toEqual({ "www A": { ttl: 300, ttls: [300, 3600], values: ["192.0.2.1", "192.0.2.2"] } });
  expect((await engine.preview(resource)).changes).toBe("some");
  fixture.server.resetRequests();
  await engine.up(resource);
  expect(fixture.server.requests.filter((r) => r.method !== "GET").map((r) => r.method)).toEqual(["PUT"]);
  expect(live()).toEqual(["@ NS 86400 ns1.gigahost.no", "www A 300 192.0.2.1", "www A 300 192.0.2.2"]);
  await fixture.newCommand();
  await engine.refresh(resource.urn);
  expect((await engine.preview(resource)).changes).toBe("none");
});

test("the apex listed as an empty name or as the zone's own name is the apex: its NS is never purged or managed without force", () => {
  const listing = [
    { record_id: "1", record_name: "", record_type: "NS", record_value: "ns1.gigahost.no", record_ttl: 86400, record_priority: null },
    { record_id: "2", record_name: "example.no.", record_type: "NS", record_value: "ns2.gigahost.no", record_ttl: 86400, record_priority: null },
    { record_id: "3", record_name: "EXAMPLE.NO", record_type: "SOA", record_value: "ns1.gigahost.no hostmaster.example.no 1 3600 900 604800 300", record_ttl: 86400, record_priority: null },
    { record_id: "4", record_name: "www", record_type: "A", record_value: "192.0.2.1", record_ttl: 3600, record_priority: null },
  ];
  const zone = liveZone("7", listing, "example.no");
  expect(zone.sets.map((set) => `${set.name} ${set.type} ${set.values.length}`).sort()).toEqual(["@ NS 2", "@ SOA 1", "www A 1"]);
  const view = { purge: true, ignore: ignoreMatcher([]) };
  const plan = planZone(zone.sets, [], view);
  expect(plan.deletes.map((set) => `${set.name} ${set.type}`)).toEqual(["www A"]);
  expect(managedView(zone.sets, [], view).map((set) => set.name)).toEqual(["www"]);
  // declaring the apex NS still needs force
  const declared = [{ name: "@", type: "NS", ttl: 3600, values: ["ns.other.no"] }];
  expect(safetyProblem(planZone(zone.sets, declared, view), 2, { maxChangeShare: 0.3, force: false, resource: "zone 7" })).toMatch(/apex NS set/);
});
