import { DnsZoneRecords } from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { fixtureForFile } from "../support/fileFixture";
import { startGigahost } from "../support/gigahostFixture";

const fixture = fixtureForFile(() => startGigahost({ zoneWriteMs: 0 }));
let zoneId: string;
let zoneCounter = 0;
beforeEach(() => {
  zoneId = fixture.gigahost.addZone({ name: `scale${++zoneCounter}.example.no` }).zone_id;
  fixture.server.resetRequests();
  fixture.engine.state.clear();
});

/** `count` A sets of one value each, the first `changed` of them with another address. */
function sets(count: number, changed = 0) {
  return Array.from({ length: count }, (_, i) => ({
    name: `host${i}`,
    type: "A",
    values: [`10.${i < changed ? 200 : 0}.${Math.floor(i / 250)}.${(i % 250) + 1}`],
  }));
}
const zoneRecords = (records: ReturnType<typeof sets>, extra: { force?: boolean } = {}) =>
  programResource(() => new DnsZoneRecords("zone", { zoneId, records, ...extra }));

/** Requests sent to the vendor since the last reset, by "METHOD path-kind". */
function calls(): { writes: number; recordListings: number; zoneListings: number; total: number } {
  const requests = fixture.server.requests;
  return {
    writes: requests.filter((r) => r.method !== "GET").length,
    recordListings: requests.filter((r) => r.method === "GET" && r.path.endsWith(`/dns/zones/${zoneId}/records`)).length,
    zoneListings: requests.filter((r) => r.method === "GET" && r.path.endsWith("/dns/zones")).length,
    total: requests.length,
  };
}

/** The zone as "name value" lines, sorted; duplicates would show twice. */
const live = () => fixture.gigahost.records(zoneId).map((r) => `${r.record_name} ${r.record_value}`).sort();
const declared = (records: ReturnType<typeof sets>) => records.map((set) => `${set.name} ${set.values[0]}`).sort();

test("a 1,000-record zone: created in 1,000 writes and two listings; a no-op refresh is one listing; a 10 % change is 100 PUTs; 40 % is refused", async () => {
  const { engine } = fixture;
  const zone = await zoneRecords(sets(1000));
  const created = await engine.up(zone);
  expect(created.entry.outputs.recordCount).toBe(1000);
  expect(live()).toEqual(declared(sets(1000)));
  // N writes + one listing to plan, one to confirm, one zone listing for the name: nothing per record.
  expect(calls()).toEqual({ writes: 1000, recordListings: 2, zoneListings: 1, total: 1003 });

  fixture.server.resetRequests();
  await fixture.newCommand();
  await engine.refresh(zone.urn);
  expect(calls()).toEqual({ writes: 0, recordListings: 1, zoneListings: 0, total: 1 });
  expect((await engine.preview(zone)).changes).toBe("none");

  // 10 %: each changed value is one PUT (value replaced in place), not a DELETE and a POST
  fixture.server.resetRequests();
  const tenPercent = await zoneRecords(sets(1000, 100));
  await engine.up(tenPercent);
  expect(live()).toEqual(declared(sets(1000, 100)));
  expect(calls()).toMatchObject({ writes: 100, recordListings: 2 });
  expect(fixture.server.requests.filter((r) => r.method === "PUT")).toHaveLength(100);

  // 40 % more (hosts 100 to 499): refused before any write
  fixture.server.resetRequests();
  await expect(engine.up(await zoneRecords(sets(1000, 500)))).rejects.toThrow(/update or delete 400 of the 1000 record sets/);
  expect(calls()).toMatchObject({ writes: 0, recordListings: 1 });
});

test("crash: the provider killed mid-create (after 300 of 500 records), then a new `up`, converges exactly: nothing duplicated, nothing missing, no value written twice", async () => {
  const records = sets(500);
  let posts = 0;
  const outcome = await upKilledDuringCreate(fixture, await zoneRecords(records), (request) => request.method === "POST" && ++posts === 300);
  expect(outcome.firstError).toBeDefined();
  expect(outcome.entry.id).toBe(zoneId);
  expect(live()).toEqual(declared(records));
  // 500 POSTs for 500 values, none refused (Gigahost refuses a value already there with 400): the second run created only the 200 the first did not
  const posts2 = fixture.server.requests.filter((r) => r.method === "POST");
  expect(posts2).toHaveLength(500);
  expect(posts2.filter((r) => r.status >= 400)).toEqual([]);
});

test("crash: killed mid-update, then a new `up` converges exactly", async () => {
  const { engine } = fixture;
  await engine.up(await zoneRecords(sets(100)));
  const target = sets(100, 20).slice(0, 95);
  const update = await zoneRecords(target);
  let writes = 0;
  fixture.server.onApplied((request) => {
    if (request.method !== "GET" && ++writes === 12) fixture.host.killNow();
  });
  await expect(engine.up(update)).rejects.toThrow();
  fixture.server.onApplied(undefined);
  expect(writes).toBe(12);
  expect(live()).not.toEqual(declared(target));
  await fixture.newCommand();
  fixture.server.resetRequests();
  await engine.up(update);
  expect(live()).toEqual(declared(target));
  // the second run sent only what was left: 25 changes (20 values replaced, 5 sets deleted) less the 12 already made
  expect(fixture.server.requests.filter((r) => r.method !== "GET")).toHaveLength(25 - 12);
});
