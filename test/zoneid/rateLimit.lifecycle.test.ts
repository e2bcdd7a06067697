import { DnsRecord } from "../../resources/zoneid";
import { runProgram } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";

/**
 * The number: 150 records created at once against the emulator's
 * 60 requests per minute, on clocks running 60 times faster on both sides,
 * with no 429 reaching the provider (the emulator never has to send one).
 */
test("150 records at 60 requests per minute: all created, zero 429s, progress logged while waiting", async () => {
  const fixture = await startZoneid({ timeScale: 60, paging: "all" });
  try {
    // Record writes to one zone run one at a time (and each takes 60 times its real time on the scaled
    // clock): fifty zones write in parallel and outrun the limit.
    const zones = Array.from({ length: 50 }, (_, i) => fixture.zoneid.addZone(`bulk${i}.example.com`).identificator);
    const resources = await runProgram(() =>
      Array.from({ length: 150 }, (_, i) => new DnsRecord(`r${i}`, { zone: zones[i % zones.length], type: "a", name: `host${i}`, destination: `192.0.2.${(i % 250) + 1}` })),
    );
    const started = fixture.zoneid.clock.now();
    const results = await Promise.all(resources.map((resource) => fixture.engine.up(resource)));
    const elapsedMinutes = (fixture.zoneid.clock.now() - started) / 60_000;

    expect(results.every((result) => result.operation === "create")).toBe(true);
    expect(zones.flatMap((zone) => fixture.zoneid.records(zone, "a"))).toHaveLength(150);
    expect(fixture.server.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(fixture.zoneid.rateLimitedCount).toBe(0);
    // 150 POSTs and the shared listings cannot fit in less than two full windows.
    expect(fixture.server.requests.length).toBeGreaterThanOrEqual(150);
    expect(elapsedMinutes).toBeGreaterThanOrEqual(2);
    // Waiting is reported, but not once per request.
    const pacingLines = fixture.host.stderr.split("\n").filter((line) => line.includes("ZoneID: pacing to 60 requests per 1m"));
    expect(pacingLines.length).toBeGreaterThan(0);
    expect(pacingLines.length).toBeLessThan(20);

    // Refresh of all 150 shares listings (one per zone while it is fresh): fewer requests than records.
    fixture.server.resetRequests();
    await Promise.all(resources.map((resource) => fixture.engine.refresh(resource.urn)));
    expect(fixture.server.requests.length).toBeLessThan(resources.length);
    expect(fixture.server.requests.filter((r) => r.status === 429)).toHaveLength(0);
  } finally {
    await fixture.stop();
  }
}, 180_000);

test("a 429 that still happens (someone else spent the budget) is waited out and retried, for creates too", async () => {
  // At 10x the window is 6 s of real time: the provider's first request lands in it however slowly the process starts.
  const fixture = await startZoneid({ timeScale: 10, rateLimit: { limit: 5 } });
  try {
    const zone = fixture.zoneid.addZone("shared.example.com").identificator;
    const resources = await runProgram(() =>
      // Six records: more requests than the learned limit of 5, even with the listing kept between creates.
      Array.from({ length: 6 }, (_, i) => new DnsRecord(`s${i}`, { zone, type: "txt", name: `t${i}`, destination: `v${i}` })),
    );
    // Another client on the same IP spends the window before the provider's first request.
    const other = await fetch(`${fixture.server.urlFor("zoneid")}/dns/${zone}`);
    expect(other.status).toBe(401);
    for (let i = 0; i < 4; i++) await fetch(`${fixture.server.urlFor("zoneid")}/dns/${zone}`);
    for (const resource of resources) await fixture.engine.up(resource);
    expect(fixture.zoneid.records(zone, "txt")).toHaveLength(6);
    expect(fixture.server.requests.some((r) => r.status === 429)).toBe(true);
    expect(fixture.host.stderr).toMatch(/pacing to 5 requests per 1m/);
  } finally {
    await fixture.stop();
  }
}, 180_000);
