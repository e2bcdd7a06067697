import { DnsZoneRecords, ZONE_RECORD_TYPES } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { fixtureForFile } from "../support/fileFixture";

/**
 * A 1,000-record zone at ZoneID's 60 requests per minute. Both clocks run 600
 * times faster (the 17 vendor minutes pass in under two seconds of pacing);
 * the operations get a day of vendor time, so no verdict depends on how fast
 * this machine answers.
 */
const fixture = fixtureForFile(() => startZoneid({ timeScale: 600 }));
const TYPES = ZONE_RECORD_TYPES.length;

/** 1,000 records: 900 A sets of one value and 50 MX sets of two. */
function thousand(changedA = 0) {
  return [
    ...Array.from({ length: 900 }, (_, i) => ({ name: `h${i}`, type: "A", values: [`10.${Math.floor(i / 250)}.${i % 250}.${i < changedA ? 2 : 1}`] })),
    ...Array.from({ length: 50 }, (_, i) => ({ name: `m${i}`, type: "MX", values: [`10 mx1.example.net`, `20 mx${i}.example.net`] })),
  ];
}

test("1,000 records: applied in 1,000 POSTs and one listing per type (plus one per type written); no-op refresh and up list only; a 10 % change is 90 PUTs; 40 % is refused without a write", async () => {
  const { engine, server, zoneid } = fixture;
  const zone = zoneid.addZone("big.example.com").identificator;
  const at = (records: ReturnType<typeof thousand>, extra: object = {}) =>
    programResource(() => new DnsZoneRecords("big", { zone, records, timeouts: { create: "24h", update: "24h", delete: "24h" }, ...extra }));
  const count = (method: string) => server.requests.filter((request) => request.method === method).length;

  server.resetRequests();
  const startedAt = zoneid.clock.now();
  const created = await engine.up(await at(thousand()));
  const vendorMinutes = (zoneid.clock.now() - startedAt) / 60_000;
  expect(zoneid.records(zone).filter((record) => record.modify)).toHaveLength(1000);
  expect(created.entry.outputs.recordCount).toBe(1000);
  expect(count("POST")).toBe(1000);
  // One listing per type to plan (purge lists every type), one per type written (A, MX) to verify.
  expect(count("GET")).toBe(TYPES + 2);
  expect(server.requests).toHaveLength(1000 + TYPES + 2);
  expect(server.requests.filter((request) => request.status === 429)).toHaveLength(0);
  // 1,012 calls at 60 a minute cannot take less than 16 full windows.
  expect(vendorMinutes).toBeGreaterThanOrEqual(16);

  // A new command's refresh: one listing per type, nothing else.
  await fixture.newCommand();
  server.resetRequests();
  await engine.refresh(created.entry.urn);
  expect(server.requests.map((request) => request.method)).toEqual(Array(TYPES).fill("GET"));
  expect((await engine.preview(await at(thousand()))).changes).toBe("none");

  // 10 %: 90 A values change in place (PUT) ... one PUT each, one listing per type, one to verify.
  server.resetRequests();
  await engine.up(await at(thousand(90)));
  expect(count("PUT")).toBe(90);
  expect(count("POST") + count("DELETE")).toBe(0);
  expect(count("GET")).toBe(TYPES + 1);
  expect(zoneid.records(zone, "a").filter((record) => record.destination.endsWith(".2"))).toHaveLength(90);

  // 40 %: refused after the listings, before any write.
  server.resetRequests();
  await expect(engine.up(await at(thousand(90 + 380)))).rejects.toThrow(/refusing to apply: it would update or delete 380 of the 950 record sets/);
  expect(server.requests.map((request) => request.method)).toEqual(Array(TYPES).fill("GET"));
  expect(zoneid.records(zone, "a").filter((record) => record.destination.endsWith(".2"))).toHaveLength(90);
}, 10 * 60_000); // a hang guard only (as in test/faults): the verdicts are the call counts and the zone above
