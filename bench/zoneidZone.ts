import * as zoneid from "../resources/zoneid";
import { programResource } from "../test/harness/engine";
import { startZoneid } from "../test/support/zoneidFixture";
import { ScenarioResult, measure, round } from "./measure";

/**
 * zoneid.DnsZoneRecords of 100 and 1,000 records at ZoneID's 60 requests per
 * minute, on clocks running 60× (a vendor minute is a second): initial apply,
 * no-op refresh, a 10 % change, a 40 % change refused. Floor per row: the
 * writes the change needs plus one listing per record type (ZoneID lists per
 * type; purge must look at every type), and those calls ÷ 60 per minute of
 * vendor time. Times are in vendor time.
 */
export async function zoneidZoneRecords(sizes: number[], latencyMs: number): Promise<ScenarioResult[]> {
  const scale = 60;
  const types = zoneid.ZONE_RECORD_TYPES.length;
  const results: ScenarioResult[] = [];
  for (const size of sizes) {
    const fixture = await startZoneid({ timeScale: scale });
    fixture.server.setLatency(latencyMs);
    try {
      const zone = fixture.zoneid.addZone(`bench${size}.example.com`).identificator;
      /** `size` A sets of one value each; the first `changed` end in .2, the `more` after them in .3. */
      const records = (changed: number, more: number) =>
        Array.from({ length: size }, (_, i) => ({ name: `h${i}`, type: "A", values: [`10.${Math.floor(i / 250)}.${i % 250}.${i < changed ? 2 : i < changed + more ? 3 : 1}`] }));
      // A day of vendor time: the bench measures pacing, not the default deadline.
      const declared = (changed: number, more = 0) =>
        programResource(() => new zoneid.DnsZoneRecords("bench", { zone, records: records(changed, more), timeouts: { create: "24h", update: "24h", delete: "24h" } }));

      const row = async (label: string, writes: number, run: () => Promise<unknown>) => {
        const first = fixture.server.requests.length;
        const floorCalls = writes + types;
        const floorMs = (floorCalls / 60) * 60_000;
        const result = await measure(`zoneid: DnsZoneRecords ${size} records, ${label}`, fixture.server, { apiCalls: floorCalls, note: "writes + one listing per type; calls ÷ 60 per minute (vendor time)" }, async () => {
          await run();
        });
        const requests = fixture.server.requests.slice(first);
        const vendorMs = requests.length ? (requests[requests.length - 1].receivedAt - requests[0].receivedAt + latencyMs) * scale : 0;
        results.push({
          ...result,
          lowerBound: { ...result.lowerBound, wallMs: Math.round(floorMs / scale) },
          ratio: { ...result.ratio, wallMs: round(vendorMs / floorMs) },
          extra: {
            writes: requests.filter((request) => request.method !== "GET").length,
            listings: requests.filter((request) => request.method === "GET").length,
            vendorMinutes: round(vendorMs / 60_000),
            floorMinutes: round(floorMs / 60_000),
            answered429: requests.filter((request) => request.status === 429).length,
          },
        });
      };

      const initial = await declared(0);
      await row("initial apply", size, () => fixture.engine.up(initial));
      await fixture.newCommand();
      await row("no-op refresh", 0, () => fixture.engine.refresh(initial.urn));
      const tenPercent = await declared(size / 10);
      await row("10 % change", size / 10, () => fixture.engine.up(tenPercent));
      const fortyPercent = await declared(size / 10, (size * 4) / 10);
      await row("40 % change refused", 0, async () => {
        const refused = await fixture.engine.up(fortyPercent).then(
          () => false,
          (error: Error) => /refusing to apply/.test(error.message),
        );
        if (!refused) throw new Error("bench: the 40 % change was not refused");
      });
    } finally {
      await fixture.stop();
    }
  }
  return results;
}
