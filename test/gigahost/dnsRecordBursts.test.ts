import { createEmulatorClock } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { DnsRecord } from "../../resources/gigahost";
import { ProgramResource, runProgram } from "../harness/engine";
import { secretValue } from "../harness/providerHost";
import { fixtureForFile } from "../support/fileFixture";
import { Fixture, startFixture } from "../support/fixture";
import { GigahostFixture, startGigahost } from "../support/gigahostFixture";
import { lateProxy } from "../support/lateProxy";

/**
 * Writes to one zone go in bursts confirmed by one shared listing
 * (docs/gigahost-dns.md, "Calls per record"). Every resource operation of a
 * burst is sent at once, as `pulumi up` does by default (its `--parallel` is
 * unbounded).
 */
const fixture = fixtureForFile(() => startGigahost());
let zoneId: string;
let zoneCounter = 0;
beforeEach(() => {
  zoneId = fixture.gigahost.addZone({ name: `burst${++zoneCounter}.example.no` }).zone_id;
});

const declare = (count: number, name: (i: number) => string, zone = () => zoneId) =>
  runProgram(() => Array.from({ length: count }, (_, i) => new DnsRecord(`b${i}`, { zoneId: zone(), name: name(i), type: "A", value: `192.0.2.${i + 1}` })));

async function upAll(target: GigahostFixture | Fixture, resources: ProgramResource[]) {
  return Promise.all(resources.map((resource) => target.engine.up(resource)));
}

test("fifty records created in one burst cost at most 1.1 calls each, and so does destroying them", async () => {
  const { engine, server } = fixture;
  const resources = await declare(50, (i) => `host${i}`);
  server.resetRequests();
  const results = await upAll(fixture, resources);
  const createCalls = server.requests.length;
  expect(createCalls).toBeLessThanOrEqual(55);
  expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(50);
  // Each resource holds the id of its own record, found in the shared listing.
  const live = fixture.gigahost.records(zoneId);
  expect(live).toHaveLength(50);
  for (const { entry } of results) {
    const own = live.find((record) => record.record_id === entry.outputs.recordId);
    expect(own && [own.record_name, own.record_value]).toEqual([entry.outputs.name, entry.outputs.value]);
  }

  await fixture.newCommand();
  server.resetRequests();
  await Promise.all(resources.map((resource) => engine.destroy(resource.urn)));
  expect(server.requests.length).toBeLessThanOrEqual(55);
  expect(server.requests.filter((r) => r.method === "DELETE")).toHaveLength(50);
  expect(fixture.gigahost.records(zoneId)).toEqual([]);
});

test("deletes from one name+type set, sent at once: each is checked against a listing, the siblings stay", async () => {
  const { engine, server } = fixture;
  const resources = await declare(10, () => "pool");
  await upAll(fixture, resources);
  await fixture.newCommand();
  server.resetRequests();
  await Promise.all(resources.slice(0, 5).map((resource) => engine.destroy(resource.urn)));
  expect(fixture.gigahost.records(zoneId).map((r) => r.record_value).sort()).toEqual(["192.0.2.10", "192.0.2.6", "192.0.2.7", "192.0.2.8", "192.0.2.9"]);
  expect(server.requests.filter((r) => r.method === "DELETE")).toHaveLength(5);
  // A delete that may have taken siblings is followed by a listing before the next write is sent.
  expect(server.requests.length).toBeLessThanOrEqual(2 * 5 + 1);
  for (const resource of resources.slice(5)) expect((await engine.preview(resource)).changes).toBe("none");
});

test("a delete the vendor answers 200 but does not apply fails, naming the record (the closing listing still shows it)", async () => {
  const { engine, server } = fixture;
  const resources = await declare(3, (i) => `keep${i}`);
  await upAll(fixture, resources);
  await fixture.newCommand();
  const kept = fixture.gigahost.records(zoneId).find((r) => r.record_name === "keep1")!;
  server.onApplied((request) => {
    if (request.method !== "DELETE") return;
    // The MX `value` form quirk's shape: a 2xx for a delete that took nothing. Put the record back.
    if (!fixture.gigahost.records(zoneId).some((r) => r.record_name === "keep1")) {
      fixture.gigahost.addRecord(zoneId, { name: kept.record_name, type: kept.record_type, value: kept.record_value, ttl: Number(kept.record_ttl) });
    }
  });
  try {
    const results = await Promise.allSettled(resources.map((resource) => engine.destroy(resource.urn)));
    const failed = results.flatMap((result, i) => (result.status === "rejected" ? [[i, String(result.reason)]] : []));
    expect(failed).toEqual([[1, expect.stringMatching(/Gigahost did not delete keep1 A 192\.0\.2\.2 from zone \d+/)]]);
    expect(fixture.gigahost.records(zoneId).map((r) => r.record_name)).toEqual(["keep1"]);
  } finally {
    server.onApplied(undefined);
  }
});

describe("with the documented delete (the whole name+type set goes)", () => {
  let quirky: GigahostFixture;
  beforeAll(async () => {
    quirky = await startGigahost({ quirks: { deleteIgnoresValue: true } });
  });
  afterAll(() => quirky.stop());

  test("half of a ten-record set deleted in one burst: the other half is put back, the deleted half stays gone", async () => {
    const zone = quirky.gigahost.addZone({ name: "halves.example.no" }).zone_id;
    const resources = await declare(10, () => "pool", () => zone);
    await upAll(quirky, resources);
    await quirky.newCommand();
    await Promise.all(resources.slice(0, 5).map((resource) => quirky.engine.destroy(resource.urn)));
    expect(quirky.gigahost.records(zone).map((r) => r.record_value).sort()).toEqual(["192.0.2.10", "192.0.2.6", "192.0.2.7", "192.0.2.8", "192.0.2.9"]);
    for (const resource of resources.slice(5)) {
      expect(await quirky.engine.refresh(resource.urn)).toBeDefined();
      expect((await quirky.engine.preview(resource)).changes).toBe("none");
    }
  });
  test("a delete whose request fails after the vendor applied it: the siblings it took are put back, then it fails", async () => {
    const zone = quirky.gigahost.addZone({ name: "failed-delete.example.no" }).zone_id;
    const resources = await declare(3, () => "pool", () => zone);
    await upAll(quirky, resources);
    await quirky.newCommand();
    // Applied (the whole set goes), then answered with a body the client cannot read.
    quirky.server.onApplied((request) => (request.method === "DELETE" ? { status: 200, text: "<html>gateway</html>" } : undefined));
    try {
      await expect(quirky.engine.destroy(resources[0].urn)).rejects.toThrow();
    } finally {
      quirky.server.onApplied(undefined);
    }
    expect(quirky.gigahost.records(zone).map((r) => r.record_value).sort()).toEqual(["192.0.2.2", "192.0.2.3"]);
    for (const resource of resources.slice(1)) {
      expect(await quirky.engine.refresh(resource.urn)).toBeDefined();
      expect((await quirky.engine.preview(resource)).changes).toBe("none");
    }
    // The failed delete stays in the state; trying again finds its record gone.
    await quirky.engine.destroy(resources[0].urn);
    expect(quirky.gigahost.records(zone)).toHaveLength(2);
  });
});

describe("writes the vendor accepted but did not keep as sent", () => {
  // The provider's clock runs fast: waiting for a record that never shows costs little real time.
  const TIME_SCALE = 240;
  let emulator: GigahostEmulator;
  let faulty: Fixture;
  beforeAll(async () => {
    const clock = createEmulatorClock({ scale: TIME_SCALE });
    emulator = new GigahostEmulator({ zoneWriteMs: 10, clock });
    faulty = await startFixture(
      [emulator],
      (server) => ({ "gigahost:apiUrl": server.urlFor("gigahost"), "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
      { timeScale: TIME_SCALE, server: { clock } },
    );
  });
  afterAll(() => faulty.stop());

  /** After the vendor applied the create of `value`, `tamper` changes what it keeps. */
  function tamperWithCreateOf(zone: string, value: string, tamper: (recordId: string) => void) {
    faulty.server.onApplied((request) => {
      if (request.method !== "POST" || !request.path.endsWith(`/dns/zones/${zone}/records`)) return;
      const kept = emulator.records(zone).find((r) => r.record_value === value);
      if (kept) tamper(kept.record_id);
    });
  }

  test.each([
    ["dropped", (zone: string) => (id: string) => emulator.removeRecord(zone, id)],
    ["kept with another TTL", (zone: string) => (id: string) => emulator.updateRecord(zone, id, { ttl: 7200 })],
  ])("a create the vendor %s fails; the rest of its burst is made", async (_how, tamper) => {
    const zone = emulator.addZone({ name: `tamper${++zoneCounter}.example.no` }).zone_id;
    tamperWithCreateOf(zone, "192.0.2.4", tamper(zone));
    try {
      const resources = await declare(8, (i) => `host${i}`, () => zone);
      const results = await Promise.allSettled(resources.map((resource) => faulty.engine.up(resource)));
      const failed = results.flatMap((result, i) => (result.status === "rejected" ? [[i, String(result.reason)]] : []));
      expect(failed).toEqual([[3, expect.stringMatching(/creating host3 A 192\.0\.2\.4 in zone \d+ to show/)]]);
      expect(faulty.engine.state.has(resources[3].urn)).toBe(false);
      for (const [i, resource] of resources.entries()) {
        if (i !== 3) expect(faulty.engine.entry(resource.urn).outputs.recordId).toBe(emulator.records(zone).find((r) => r.record_name === `host${i}`)!.record_id);
      }
    } finally {
      faulty.server.onApplied(undefined);
    }
  });
});

test("a create in a burst whose answer was lost, applied a moment later, is not sent twice", async () => {
  const proxy = await lateProxy((request) => request.method === "POST" && request.path.endsWith("/records"));
  const emulator = new GigahostEmulator({ zoneWriteMs: 10 });
  const late = await startFixture(
    [emulator],
    (server) => ({ "gigahost:apiUrl": proxy.urlFor(server.urlFor("gigahost")), "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
    { env: { EURO_HOSTING_REQUEST_TIMEOUT: "2s", EURO_HOSTING_SETTLE_TIME: "1m" } },
  );
  try {
    const zone = emulator.addZone({ name: "lateburst.example.no" }).zone_id;
    const resources = await declare(6, (i) => `late${i}`, () => zone);
    const results = await upAll(late, resources);
    expect(proxy.lateRequests).toHaveLength(1);
    expect(late.server.requests.filter((r) => r.method === "POST")).toHaveLength(6);
    expect(emulator.records(zone).map((r) => r.record_id).sort()).toEqual(results.map(({ entry }) => entry.id).sort());
  } finally {
    await late.stop();
    await proxy.close();
  }
});
